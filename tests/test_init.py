"""Tests of graphbuild/__init__.py: the notebook API."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import graphbuild

ROOT = Path(graphbuild.__file__).resolve().parent.parent


def test_extract_stays_the_function_once_the_extract_subpackage_is_loaded():
    """Loading graphbuild.extract.* (the first extraction does) must not replace extract()."""
    code = ("import graphbuild, graphbuild.extract.registry, graphbuild.extract.events; "
            "assert callable(graphbuild.extract), graphbuild.extract; "
            "import graphbuild.pipeline; assert graphbuild.extract is graphbuild.pipeline.extract")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr


def test_importing_graphbuild_loads_no_model_nor_heavy_library():
    code = ("import sys, graphbuild; "
            "heavy = {'spacy', 'rdflib', 'matplotlib', 'pyoxigraph'} & set(sys.modules); "
            "assert not heavy, heavy")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
