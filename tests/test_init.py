"""Tests of graphbuild/__init__.py: the notebook API."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import graphbuild

ROOT = Path(graphbuild.__file__).resolve().parent.parent


def test_extract_still_works_once_the_extract_subpackage_is_loaded():
    """Loading graphbuild.extract.* (the first extraction does) leaves extract() working."""
    code = ("import graphbuild, graphbuild.extract.registry, graphbuild.extract.events; "
            "import graphbuild.extract.lexicon as lexicon; "
            "assert hasattr(lexicon, 'load_lexicon'); "
            "events = graphbuild.extract('India accused China of spying.'); "
            "assert [e.plover.value for e in events] == ['ACCUSE'], events")
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


def test_extract_command_imports_no_graph_or_drawing_library(tmp_path):
    """`graphbuild extract` (and every command's --help) starts without networkx, matplotlib,
    rdflib or the word-frequency tables: they cost a second of start-up it does not use."""
    (tmp_path / "a.txt").write_text("Chile accused Peru of spying on Monday.\n", encoding="utf-8")
    code = ("import sys, runpy; sys.argv = ['graphbuild', '-q', 'extract', sys.argv[1], '--no-cache']\n"
            "try:\n    runpy.run_module('graphbuild', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "heavy = {'networkx', 'matplotlib', 'rdflib', 'wordfreq', 'pandas'} & set(sys.modules)\n"
            "print('HEAVY', sorted(heavy))")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert '"plover": "ACCUSE"' in done.stdout, done.stdout + done.stderr
    assert "HEAVY []" in done.stdout, done.stdout + done.stderr


def _graphbuild_imports(path: Path, module: str) -> set[str]:
    """The graphbuild modules ``module`` imports, at module or function level (not TYPE_CHECKING)."""
    import ast

    tree = ast.parse(path.read_text())
    typing_only = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
                   and "TYPE_CHECKING" in ast.unparse(node.test) for n in ast.walk(node)}
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            name = ".".join(base + ([node.module] if node.module else []))
            found |= {name, *(f"{name}.{a.name}" for a in node.names)}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return found


def test_no_module_imports_one_that_imports_it_back():
    root = ROOT / "graphbuild"
    modules = {}
    for path in root.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    edges = {m: {t for t in _graphbuild_imports(p, m) if t in modules and t != m
                 and not m.startswith(t + ".")}  # a submodule reading its own package is no cycle
             for m, p in modules.items()}

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), [start]
        while todo:
            m = todo.pop()
            if m == goal:
                return True
            if m not in seen:
                seen.add(m)
                todo.extend(edges[m])
        return False

    cycles = sorted((m, t) for m, ts in edges.items() for t in ts if reaches(t, m))
    assert cycles == []
    # the run package never reaches the pipeline that calls it
    assert not reaches("graphbuild.run", "graphbuild.pipeline")
    assert not reaches("graphbuild.config", "graphbuild.run")
