"""Tests of the RDF side of the ``graphbuild`` command (graphbuild/cli.py): the --format and
--base-iri options of build, and the validate, query and push subcommands."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from rdf.conftest import oxigraph, oxigraph_server, rich_graph  # noqa: F401  (fixtures)

from graphbuild import cli
from graphbuild.rdf import read_graph, write_graph
from graphbuild.rdf.store import PASSWORD_VARIABLE, USER_VARIABLE

ROOT = Path(__file__).resolve().parents[1]


def run(*argv: str) -> int:
    return cli.main(list(argv))


@pytest.fixture
def ttl(rich_graph, tmp_path) -> Path:  # noqa: F811
    path = tmp_path / "graph.ttl"
    write_graph(rich_graph, path)
    return path


# --- build --------------------------------------------------------------------------------

@pytest.fixture
def built(tmp_path, rich_graph, monkeypatch) -> Path:  # noqa: F811
    """The --out folder of a build whose pipeline returned ``rich_graph``.

    The pipeline is replaced so that these tests check only what the CLI does with the graph
    (formats, base IRI), whatever the extractor finds.
    """
    from graphbuild import pipeline

    def fake_run(paths, *, config, on_article=None):
        return rich_graph, pipeline.BuildStats(articles=4, sentences=6, events=6)

    monkeypatch.setattr(pipeline, "run", fake_run)
    article = tmp_path / "talks.txt"
    article.write_text("India and Russia held talks.\n", encoding="utf-8")
    out = tmp_path / "out"
    code = run("build", str(article), "--out", str(out), "--format", "ttl,trig,jsonld,graphml",
               "--base-iri", "http://kg.example.com/news/", "-q")
    assert code == 0
    return out


def test_build_writes_each_requested_format(built):
    for name in ("graph.ttl", "graph.trig", "graph.jsonld", "graph.graphml", "graph.png",
                 "events.jsonl"):
        assert (built / name).stat().st_size > 0, name
    assert not (built / "graph.nt").exists()
    G = read_graph(built / "graph.ttl")
    assert G.number_of_edges() == 6
    assert nx.utils.graphs_equal(G, read_graph(built / "graph.trig"))
    assert nx.utils.graphs_equal(G, read_graph(built / "graph.jsonld"))
    assert nx.read_graphml(built / "graph.graphml").number_of_edges() == G.number_of_edges()


def test_build_uses_the_base_iri(built):
    subjects = {q.subject.value for q in ox.parse(path=str(built / "graph.ttl"))}
    assert "http://kg.example.com/news/article/a1" in subjects
    assert "http://kg.example.com/news/actor/country/IND" in subjects
    assert not any(s.startswith("https://graphbuild.example.org/article/") for s in subjects)


@pytest.mark.parametrize("argv, message", [
    (["--format", "ttl,owl"], "owl: choose from ttl, nt, trig, nq, jsonld, graphml"),
    (["--format", "rdfxml"], "rdfxml: choose from ttl, nt, trig, nq, jsonld, graphml"),
    (["--base-iri", "kg.example.com"], "base IRI"),
])
def test_build_option_errors_are_usage_errors(tmp_path, capsys, argv, message):
    with pytest.raises(SystemExit) as exit_:
        run("build", str(tmp_path), *argv)
    assert exit_.value.code == 2
    assert message in capsys.readouterr().err


# --- validate -----------------------------------------------------------------------------

def test_validate_a_conforming_file(ttl, capsys):
    assert run("validate", str(ttl)) == 0
    assert "conforms" in capsys.readouterr().out


@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
def test_validate_a_broken_file_prints_the_report(rich_graph, tmp_path, capsys,  # noqa: F811
                                                  engine):
    rich_graph.nodes["country/IND"]["country"] = "India"
    path = tmp_path / "bad.ttl"
    write_graph(rich_graph, path)
    assert run("validate", "--engine", engine, str(path)) == 1
    out, err = capsys.readouterr()
    assert "three capital letters" in out
    assert "Focus Node: <https://graphbuild.example.org/actor/country/IND>" in out
    assert "does not conform" in err


def test_validate_a_missing_file_is_one_line(tmp_path, capsys):
    assert run("validate", str(tmp_path / "nope.ttl")) == 1
    err = capsys.readouterr().err
    assert err.startswith("graphbuild: error:") and "Traceback" not in err


# --- query --------------------------------------------------------------------------------

def test_query_prints_a_table(ttl, capsys):
    assert run("query", str(ttl), "SELECT ?name ?b WHERE { ?a schema:name ?name ; gb:consult "
               "?b } ORDER BY ?name") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["name", "b"]
    assert set(lines[1]) <= {"-", " "}
    assert lines[2].split() == ["India", "https://graphbuild.example.org/actor/country/RUS"]
    assert len(lines) == 4


def test_query_with_a_binding_and_csv(ttl, capsys):
    assert run("query", str(ttl), "SELECT ?name ?b WHERE { ?a schema:name ?name ; gb:consult "
               "?b }", "--bind", "name=Russia", "--output", "csv") == 0
    assert capsys.readouterr().out.splitlines() == [
        "name,b", "Russia,https://graphbuild.example.org/actor/country/IND"]


def test_query_with_no_rows(ttl, capsys):
    assert run("query", str(ttl), "SELECT ?a WHERE { ?a gb:assault ?b }") == 0
    assert capsys.readouterr().out.strip() == "(no results)"


def test_bad_sparql_is_one_line(ttl, capsys):
    assert run("query", str(ttl), "SELECT WHERE {") == 1
    err = capsys.readouterr().err
    assert err.startswith("graphbuild: error:") and "SPARQL" in err and "Traceback" not in err


# --- push ---------------------------------------------------------------------------------

def test_push_twice_leaves_one_copy(ttl, oxigraph, capsys):  # noqa: F811
    triples = len({(q.subject, q.predicate, q.object) for q in ox.parse(path=str(ttl))})
    assert run("push", str(ttl), "--endpoint", oxigraph.store) == 0
    assert run("push", str(ttl), "--endpoint", oxigraph.store) == 0
    assert "in 4 named graphs" in capsys.readouterr().out.splitlines()[0]
    assert oxigraph.count("SELECT DISTINCT ?s ?p ?o WHERE { { ?s ?p ?o } UNION "
                          "{ GRAPH ?g { ?s ?p ?o } } }") == triples


def test_push_into_one_graph(ttl, oxigraph):  # noqa: F811
    graph = "http://kg.example.com/graphs/all"
    assert run("push", str(ttl), "--endpoint", oxigraph.store, "--graph", graph, "-q") == 0
    assert oxigraph.count(f"GRAPH <{graph}> {{ ?s ?p ?o }}") > 100


def test_push_error_is_one_line_without_credentials(ttl, capsys, monkeypatch):
    monkeypatch.setenv(USER_VARIABLE, "alice")
    monkeypatch.setenv(PASSWORD_VARIABLE, "hunter2-secret")
    assert run("push", str(ttl), "--endpoint", "http://127.0.0.1:9/store", "--timeout", "5") == 1
    err = capsys.readouterr().err
    assert err.startswith("graphbuild: error:") and "cannot reach" in err
    assert "hunter2-secret" not in err and len(err.strip().splitlines()) == 1


def test_rdf_subcommands_are_registered():
    for name, option in (("validate", "FILE"), ("query", "--bind"), ("push", "--endpoint")):
        out = subprocess.run([sys.executable, "-m", "graphbuild", name, "--help"], cwd=ROOT,
                             capture_output=True, text=True)
        assert out.returncode == 0 and option in out.stdout, name
