"""The notebooks in notebooks/ run from top to bottom, headless, and are committed clean.

Each notebook runs in a temporary copy of the parts of the repository it reads (seeds/,
notebooks/, pyproject.toml), so what it writes (output/...) never lands in the checkout.
The python3 kernel is this interpreter, whatever kernel specs the machine has installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
CELL_TIMEOUT = 300  # seconds a cell may take; the spaCy model loads in the first build


def test_there_are_notebooks():
    assert [p.name for p in NOTEBOOKS][:1] == ["01_explore.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs(path):
    import nbformat

    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code
    assert [c for c in code if c.outputs] == []
    assert [c.execution_count for c in code if c.execution_count is not None] == []
    assert nb.metadata["kernelspec"]["name"] == "python3"


@pytest.fixture
def working_copy(tmp_path):
    """The files a notebook reads, copied to a temporary folder."""
    copy = tmp_path / "repo"
    copy.mkdir()
    shutil.copytree(ROOT / "seeds", copy / "seeds")
    shutil.copytree(ROOT / "notebooks", copy / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    shutil.copy2(ROOT / "pyproject.toml", copy / "pyproject.toml")
    return copy


def _env(**extra: str) -> dict[str, str]:
    """This environment, with this checkout first on the import path."""
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path, **extra}


@pytest.fixture
def python3_kernel(tmp_path, monkeypatch):
    """A kernel spec named python3 that starts this interpreter, found before any other."""
    from ipykernel.kernelspec import install

    prefix = tmp_path / "jupyter"
    install(kernel_name="python3", prefix=str(prefix))
    data = prefix / "share" / "jupyter"
    assert (data / "kernels" / "python3" / "kernel.json").is_file()
    monkeypatch.setenv("JUPYTER_PATH", str(data))
    return "python3"


def _outputs(tree: Path) -> list[str]:
    return sorted(str(p.relative_to(tree)) for p in (tree / "output").rglob("*")
                  if p.is_file() and p.name != ".gitkeep") if (tree / "output").is_dir() else []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_without_errors(path, working_copy, python3_kernel):
    import nbformat
    from nbclient import NotebookClient

    before = _outputs(ROOT)
    nb = nbformat.read(working_copy / "notebooks" / path.name, as_version=4)
    client = NotebookClient(nb, timeout=CELL_TIMEOUT, startup_timeout=120,
                            kernel_name=python3_kernel, allow_errors=False,
                            resources={"metadata": {"path": str(working_copy / "notebooks")}})
    # raises CellExecutionError, naming the cell, on any error; figures shown inline
    client.execute(env=_env(MPLBACKEND="module://matplotlib_inline.backend_inline"))
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code)
    errors = [o for c in code for o in c.outputs if o.output_type == "error"]
    assert errors == []
    assert _outputs(ROOT) == before  # nothing written into the checkout
    if path.name == "01_explore.ipynb":
        images = [o for c in code for o in c.outputs
                  if o.output_type == "display_data" and "image/png" in o.get("data", {})]
        assert len(images) >= 6  # network, ego, matrices, types, two timelines
        written = _outputs(working_copy)
        assert {"output/graph.ttl", "output/network.png"} <= set(written)
        from graphbuild.rdf import query

        count = query(working_copy / "output" / "graph.ttl",
                      "SELECT (COUNT(?e) AS ?n) WHERE { ?e a gb:Event }")[0]["n"]
        assert count > 0
    if path.name == "02_corpus.ipynb":
        _check_corpus_notebook(code, working_copy)


def _check_corpus_notebook(code, working_copy: Path) -> None:
    """The corpus notebook drew the relations chart, embedded the explorer, queried the export
    and a SPARQL server over it."""
    images = [o for c in code for o in c.outputs
              if o.output_type == "display_data" and "image/png" in o.get("data", {})]
    assert len(images) >= 2  # the Portugal-Uruguay chart and the map
    frames = [o for c in code for o in c.outputs if "<iframe srcdoc=" in o.get("data", {}).get("text/html", "")]
    assert len(frames) == 1
    assert {"output/corpus/graph.html", "output/corpus/graph.ttl"} <= set(_outputs(working_copy))
    from graphbuild.rdf import query

    sanctions = query(working_copy / "output" / "corpus" / "graph.ttl",
                      "SELECT (COUNT(?e) AS ?n) WHERE { ?e gb:eventType plover:SANCTION }")[0]["n"]
    assert sanctions >= 1
    tables = "\n".join(o["data"].get("text/plain", "") for c in code for o in c.outputs
                       if o.output_type == "execute_result")
    assert "2025-03" in tables and "PRT" in tables and "URY" in tables
    streams = "".join(o.get("text", "") for c in code for o in c.outputs if o.output_type == "stream")
    assert "server stopped: True" in streams  # graphbuild serve answered, then stopped
    shown = "\n".join(o["data"].get("text/plain", "") for c in code for o in c.outputs
                      if o.output_type == "display_data")
    assert "https://graphbuild.example.org/article/pt-uy-01" in shown and "VerbalConflict" in shown


def _setup_cell() -> str:
    import nbformat

    nb = nbformat.read(ROOT / "notebooks" / "01_explore.ipynb", as_version=4)
    return next(c.source for c in nb.cells if c.cell_type == "code" and "find_root" in c.source)


@pytest.mark.parametrize("where", [".", "notebooks", "notebooks/deeper"])
def test_notebook_finds_the_repository_root_from_where_it_runs(where, working_copy):
    start = working_copy / where
    start.mkdir(exist_ok=True)
    code = _setup_cell() + "\nprint(Path.cwd())\n"
    out = subprocess.run([sys.executable, "-c", code], cwd=start, capture_output=True, text=True,
                         env=_env(MPLBACKEND="Agg"), timeout=120)
    assert out.returncode == 0, out.stderr
    assert Path(out.stdout.strip().splitlines()[-1]) == working_copy.resolve()


def test_notebook_outside_the_repository_says_what_it_looks_for(tmp_path):
    code = _setup_cell()
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                         text=True, env=_env(MPLBACKEND="Agg"), timeout=120)
    assert out.returncode != 0
    assert "seeds/ and pyproject.toml" in out.stderr


def test_strip_outputs_clears_outputs_and_counts(tmp_path):
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    path = tmp_path / "n.ipynb"
    cell = new_code_cell("1 + 1", execution_count=3,
                         outputs=[new_output("execute_result", {"text/plain": "2"},
                                             execution_count=3)])
    nbformat.write(new_notebook(cells=[cell]), path)
    script = ROOT / "notebooks" / "strip_outputs.py"
    check = subprocess.run([sys.executable, str(script), "--check", str(path)],
                           capture_output=True, text=True)
    assert check.returncode == 1 and "has outputs" in check.stderr
    assert subprocess.run([sys.executable, str(script), str(path)]).returncode == 0
    cell = nbformat.read(path, as_version=4).cells[0]
    assert (cell.outputs, cell.execution_count, cell.source) == ([], None, "1 + 1")
    assert subprocess.run([sys.executable, str(script), "--check", str(path)]).returncode == 0


def test_corpus_is_what_make_corpus_writes():
    """notebooks/corpus/articles.jsonl is the output of notebooks/make_corpus.py, not edited apart."""
    import json
    import runpy

    script = runpy.run_path(str(ROOT / "notebooks" / "make_corpus.py"))
    lines = (ROOT / "notebooks" / "corpus" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [(r["id"], r["date"], r["title"], r["text"]) for r in records] == [
        (id_, date, title, text) for id_, date, title, _, text in script["ARTICLES"]]
    assert len({r["date"][:7] for r in records}) == 6 and len(records) == 16
