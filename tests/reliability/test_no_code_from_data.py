"""A guard over graphbuild's own source: nothing read from input, a cache or a store is
ever run as code or unpickled. No pickle, marshal, shelve, dill or joblib load, no yaml.load,
no eval, exec, compile or __import__ of anything but module names written in the source."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import graphbuild

PACKAGE = Path(graphbuild.__file__).resolve().parent
MODULES = sorted(PACKAGE.rglob("*.py"))

UNSAFE_MODULES = {"pickle", "cPickle", "_pickle", "marshal", "shelve", "dill", "cloudpickle",
                  "joblib", "jsonpickle"}
UNSAFE_CALLS = {"eval", "exec", "compile", "__import__", "execfile", "input"}
UNSAFE_ATTRIBUTES = {("yaml", "load"), ("yaml", "unsafe_load"), ("yaml", "full_load"),
                     ("numpy", "load"), ("np", "load"), ("torch", "load"),
                     ("pd", "read_pickle"), ("pandas", "read_pickle"),
                     ("importlib", "import_module")}


def _problems(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [f"import {a.name}" for a in node.names
                      if a.name.split(".")[0] in UNSAFE_MODULES]
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module.split(".")[0] in UNSAFE_MODULES:
                found.append(f"from {node.module} import ...")
        elif isinstance(node, ast.Call):
            fn = node.func
            if isinstance(fn, ast.Name) and fn.id in UNSAFE_CALLS:
                found.append(f"{fn.id}(...)")
            elif isinstance(fn, ast.Attribute) and isinstance(fn.value, ast.Name) and (
                    fn.value.id, fn.attr) in UNSAFE_ATTRIBUTES:
                found.append(f"{fn.value.id}.{fn.attr}(...)")
            elif isinstance(fn, ast.Attribute) and fn.attr in ("loads", "load") and isinstance(
                    fn.value, ast.Name) and fn.value.id in UNSAFE_MODULES:
                found.append(f"{fn.value.id}.{fn.attr}(...)")
    return found


# Reviewed uses, each with why it is safe. A new use must be reviewed and added here.
ALLOWED = {
    ("rdf/__init__.py", "importlib.import_module(...)"):
        "lazy attributes: the module names come from the _WHERE table in the source",
    ("rdf/formats.py", "importlib.import_module(...)"):
        "lazy writers and readers: 'module:function' names written in the format table in "
        "the source, or passed by code that calls register(); never read from input",
    ("render/__init__.py", "importlib.import_module(...)"):
        "lazy attributes: the module names come from the _WHERE table in the source",
    ("render/registry.py", "importlib.import_module(...)"):
        "lazy diagram kinds: 'module:function' strings written in register_kind calls in code",
}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_runs_no_code_from_data(path):
    name = str(path.relative_to(PACKAGE))
    found = [p for p in _problems(path.read_text(encoding="utf-8")) if (name, p) not in ALLOWED]
    assert not found, f"{name}: {found}"


def test_every_allowed_use_is_still_there():
    for name, problem in ALLOWED:
        assert problem in _problems((PACKAGE / name).read_text(encoding="utf-8")), name


@pytest.mark.parametrize("source, problem", [
    ("import pickle", "import pickle"),
    ("from marshal import loads", "from marshal import ..."),
    ("x = eval(text)", "eval(...)"),
    ("exec(code, {})", "exec(...)"),
    ("import yaml\nyaml.load(fh)", "yaml.load(...)"),
    ("import importlib\nimportlib.import_module(name)", "importlib.import_module(...)"),
    ("shelve.open(path)", None),  # caught by the import, which it needs
])
def test_the_guard_catches_what_it_is_for(source, problem):
    if problem is None:
        assert _problems("import shelve\n" + source) == ["import shelve"]
    else:
        assert problem in _problems(source)


def test_the_guard_lets_safe_calls_pass():
    assert _problems("import json, re\njson.loads(s)\nre.compile('x')\nast.literal_eval(s)") == []
