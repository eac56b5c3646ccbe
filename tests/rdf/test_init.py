"""Tests of graphbuild/rdf/__init__.py: the public API, loaded lazily."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import graphbuild.rdf as rdf

ROOT = Path(__file__).resolve().parents[2]


def test_every_public_name_is_the_function_not_a_module():
    for name in rdf.__all__:
        value = getattr(rdf, name)
        assert not inspect.ismodule(value), name
    # importing the submodules must not shadow the functions of the same role
    import graphbuild.rdf.export  # noqa: F401
    import graphbuild.rdf.shacl  # noqa: F401
    import graphbuild.rdf.store  # noqa: F401
    for name in ("write_graph", "read_graph", "validate", "query", "push", "to_rdflib"):
        assert callable(getattr(rdf, name)) and not inspect.ismodule(getattr(rdf, name)), name


def test_importing_the_package_loads_neither_rdflib_nor_pyoxigraph():
    code = ("import sys, graphbuild.rdf; "
            "print(sorted(m for m in ('rdflib', 'pyoxigraph', 'pyshacl') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"


def test_unknown_name_raises_attribute_error():
    try:
        rdf.write_grpah  # noqa: B018
    except AttributeError as err:
        assert "write_grpah" in str(err)
    else:
        raise AssertionError("no AttributeError")
