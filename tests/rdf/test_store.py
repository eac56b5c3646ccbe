"""Tests of graphbuild/rdf/store.py: embedded SPARQL, and pushing to a real Oxigraph server."""

from __future__ import annotations

import base64
import datetime as dt
import http.server
import logging
import os
import socket
from collections.abc import Iterator

import pandas as pd
import pyoxigraph as ox
import pytest
from rdflib import URIRef

from graphbuild.errors import InputError, StoreError
from graphbuild.rdf import store
from graphbuild.rdf.export import to_rdflib, to_rdflib_dataset, write_graph
from graphbuild.rdf.namespace import actor_iri, article_iri
from graphbuild.rdf.store import PASSWORD_VARIABLE, USER_VARIABLE, push, query, split_by_article

from .conftest import IND, RUS

SECRET = "s3cr3t-Pa55word"


@pytest.fixture(autouse=True)
def no_credentials(monkeypatch, tmp_path):
    """No credentials unless a test sets them: no env variables, an empty home (no .netrc)."""
    monkeypatch.delenv(USER_VARIABLE, raising=False)
    monkeypatch.delenv(PASSWORD_VARIABLE, raising=False)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    return home


# --- query --------------------------------------------------------------------------------

CONSULTED = "SELECT ?a ?b WHERE { ?a gb:consult ?b } ORDER BY ?a"


def test_query_a_graph_returns_rows_for_a_dataframe(rich_graph):
    rows = query(rich_graph, """
        SELECT ?type ?quad (COUNT(?e) AS ?n) WHERE {
            ?e gb:eventType ?c . ?c skos:notation ?type ; skos:broader/skos:prefLabel ?quad .
        } GROUP BY ?type ?quad ORDER BY ?type""")
    frame = pd.DataFrame(rows)
    assert list(frame.columns) == ["type", "quad", "n"]
    assert dict(zip(frame["type"], frame["n"], strict=False)) == {
        "ACCUSE": 1, "AGREE": 1, "AID": 1, "CONSULT": 1, "SANCTION": 1, "THREATEN": 1}
    assert frame.loc[frame["type"] == "AID", "quad"].item() == "material cooperation"


@pytest.mark.parametrize("fmt", ["ttl", "trig", "jsonld"])
def test_query_a_file_sees_every_named_graph(rich_graph, tmp_path, fmt):
    path = tmp_path / f"events.{fmt}"
    write_graph(rich_graph, path, fmt)
    rows = query(path, CONSULTED)
    assert rows == [{"a": actor_iri(IND.id), "b": actor_iri(RUS.id)},
                    {"a": actor_iri(RUS.id), "b": actor_iri(IND.id)}]
    assert query(str(path), CONSULTED) == rows


def test_query_rdflib_graph_and_dataset(rich_graph):
    expected = query(rich_graph, CONSULTED)
    assert query(to_rdflib(rich_graph), CONSULTED) == expected
    assert query(to_rdflib_dataset(rich_graph), CONSULTED) == expected


def test_literals_become_python_values(rich_graph):
    rows = query(rich_graph, """
        SELECT ?date ?confidence ?start ?symmetric WHERE {
            ?e gb:eventType plover:CONSULT ; gb:eventDate ?date ; gb:confidence ?confidence ;
               gb:sentenceStart ?start ; gb:symmetric ?symmetric . }""")
    assert rows == [{"date": dt.date(2024, 7, 8), "confidence": 0.9, "start": 0,
                     "symmetric": True}]


def test_unbound_optional_values_are_none(rich_graph):
    rows = query(rich_graph, """
        SELECT ?mode WHERE { ?e gb:eventType plover:AID . OPTIONAL { ?e gb:mode ?mode } }""")
    assert rows == [{"mode": None}]


def test_bindings_are_terms_not_text(rich_graph):
    sparql = "SELECT ?name ?b WHERE { ?a schema:name ?name ; gb:consult ?b }"
    assert query(rich_graph, sparql, name="India") == [
        {"name": "India", "b": actor_iri(RUS.id)}]
    # a value that would break out of a pasted string is just a literal that matches nothing
    evil = 'India" } UNION { ?a ?p ?name . ?a gb:consult ?b } #'
    assert query(rich_graph, sparql, name=evil) == []
    assert query(rich_graph, "SELECT ?a ?b WHERE { ?a gb:consult ?b }",
                 a=URIRef(actor_iri(RUS.id))) == [{"a": actor_iri(RUS.id),
                                                   "b": actor_iri(IND.id)}]
    assert query(rich_graph, "SELECT ?e ?c WHERE { ?e gb:confidence ?c }", c=0.9)[0]["c"] == 0.9
    assert query(rich_graph, "SELECT ?e ?d WHERE { ?e gb:eventDate ?d }",
                 d=dt.date(2024, 9, 1))[0]["d"] == dt.date(2024, 9, 1)


def test_binding_a_variable_the_select_does_not_project_is_explained(rich_graph):
    with pytest.raises(InputError, match=r"project.*\?name"):
        query(rich_graph, "SELECT ?b WHERE { ?a schema:name ?name ; gb:consult ?b }",
              name="India")


def test_binding_an_unsupported_value_raises(rich_graph):
    with pytest.raises(InputError, match="cannot bind"):
        query(rich_graph, "SELECT * WHERE { ?s ?p ?x }", x=object())


def test_ask_construct_and_bad_sparql(rich_graph):
    assert query(rich_graph, "ASK { ?a gb:aid ?b }") == [{"result": True}]
    assert query(rich_graph, "ASK { ?a gb:agree ?b }") == [{"result": False}]  # planned only
    rows = query(rich_graph, "CONSTRUCT { ?b gb:consult ?a } WHERE { ?a gb:consult ?b }")
    assert len(rows) == 2 and set(rows[0]) == {"subject", "predicate", "object"}
    with pytest.raises(InputError, match="SPARQL"):
        query(rich_graph, "SELECT WHERE {")


# --- splitting by article -----------------------------------------------------------------

def test_split_of_a_turtle_file_matches_the_trig_layout(rich_graph, tmp_path):
    write_graph(rich_graph, tmp_path / "x.ttl", "ttl")
    write_graph(rich_graph, tmp_path / "x.trig", "trig")
    split = split_by_article(ox.parse(path=str(tmp_path / "x.ttl"),
                                      format=ox.RdfFormat.TURTLE))
    trig: dict = {}
    for q in ox.parse(path=str(tmp_path / "x.trig"), format=ox.RdfFormat.TRIG):
        name = None if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name
        trig.setdefault(name, set()).add(ox.Triple(q.subject, q.predicate, q.object))
    assert {k: set(v) for k, v in split.items()} == trig
    assert ox.NamedNode(article_iri("a4-no-events")) in split


# --- push to a real Oxigraph server -----------------------------------------------------

ALL_QUADS = "{ ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } }"
DISTINCT_TRIPLES = "SELECT DISTINCT ?s ?p ?o WHERE { " + ALL_QUADS + " }"


def file_quads(path) -> int:
    return len(set(ox.parse(path=str(path))))


def file_triples(path) -> int:
    return len({ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(path=str(path))})


def test_push_trig_is_idempotent_and_complete(rich_graph, tmp_path, oxigraph):
    path = tmp_path / "events.trig"
    write_graph(rich_graph, path, "trig")
    result = push(path, oxigraph.store)
    assert result["graphs"] == len(rich_graph.graph["articles"])
    assert oxigraph.count(ALL_QUADS) == file_quads(path)
    push(path, oxigraph.store)
    assert oxigraph.count(ALL_QUADS) == file_quads(path)  # one copy, not two
    assert oxigraph.count("GRAPH ?g { ?a <https://graphbuild.example.org/ns#consult> ?b }") == 2


def test_push_turtle_goes_into_article_graphs(rich_graph, tmp_path, oxigraph):
    path = tmp_path / "events.ttl"
    write_graph(rich_graph, path)
    push(path, oxigraph.store)
    push(path, oxigraph.store)
    assert oxigraph.count(f"{{ {DISTINCT_TRIPLES} }}") == file_triples(path)
    graphs = oxigraph.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert {row["g"]["value"] for row in graphs} == {
        article_iri(a) for a in rich_graph.graph["articles"]}


def test_push_replaces_an_article_graph_that_changed(rich_graph, tmp_path, oxigraph):
    path = tmp_path / "events.trig"
    write_graph(rich_graph, path, "trig")
    push(path, oxigraph.store)
    changed = rich_graph.copy()
    changed.graph["articles"] = dict(rich_graph.graph["articles"])
    changed.graph["articles"]["a4-no-events"] = {"title": "Renamed", "date": None, "url": None,
                                                 "source": None}
    write_graph(changed, path, "trig")
    push(path, oxigraph.store)
    titles = oxigraph.select("SELECT ?t WHERE { GRAPH ?g { ?a "
                             "<http://purl.org/dc/terms/title> ?t } }")
    values = sorted(row["t"]["value"] for row in titles)
    assert "Renamed" in values and "Quiet day" not in values


def test_push_whole_file_into_one_graph(rich_graph, tmp_path, oxigraph):
    path = tmp_path / "events.trig"
    write_graph(rich_graph, path, "trig")
    graph = "http://kg.example.com/graphs/news"
    n = file_triples(path)
    assert push(path, oxigraph.store, graph=graph) == {"graphs": 1, "triples": n,
                                                        "named_triples": n, "default_triples": 0}
    push(path, oxigraph.store, graph=graph)
    assert oxigraph.count(f"GRAPH <{graph}> {{ ?s ?p ?o }}") == file_triples(path)
    assert oxigraph.count(ALL_QUADS) == file_triples(path)


def test_push_with_credentials_over_loopback(rich_graph, tmp_path, oxigraph, monkeypatch, caplog):
    monkeypatch.setenv(USER_VARIABLE, "alice")
    monkeypatch.setenv(PASSWORD_VARIABLE, SECRET)
    path = tmp_path / "events.ttl"
    write_graph(rich_graph, path)
    with caplog.at_level(logging.DEBUG):
        push(path, oxigraph.store)
    assert oxigraph.count(f"{{ {DISTINCT_TRIPLES} }}") == file_triples(path)
    assert SECRET not in caplog.text


# --- errors, and credentials that must not leak ---------------------------------------------

def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_unreachable_endpoint_raises_store_error(rich_graph, tmp_path, monkeypatch, caplog):
    monkeypatch.setenv(USER_VARIABLE, "alice")
    monkeypatch.setenv(PASSWORD_VARIABLE, SECRET)
    path = tmp_path / "events.ttl"
    write_graph(rich_graph, path)
    endpoint = f"http://127.0.0.1:{_closed_port()}/store"
    with caplog.at_level(logging.DEBUG), pytest.raises(StoreError) as err:
        push(path, endpoint, timeout=5)
    assert "cannot reach" in str(err.value) and endpoint in str(err.value)
    assert SECRET not in str(err.value) and SECRET not in caplog.text
    assert err.value.__cause__ is None  # no chained urllib error holding request details


class _Recorder(http.server.BaseHTTPRequestHandler):
    """Answers 401 and echoes the Authorization header it got (a careless server)."""

    seen: list[str] = []

    def do_PUT(self) -> None:  # noqa: N802
        self._answer()

    def do_POST(self) -> None:  # noqa: N802
        self._answer()

    def _answer(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        auth = self.headers.get("Authorization", "")
        type(self).seen.append(auth)
        body = f"denied for {auth}".encode()
        self.send_response(401, "Unauthorized")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def careless_server(loopback_server) -> str:
    _Recorder.seen = []
    return loopback_server(_Recorder)


def test_http_error_message_holds_no_credentials(rich_graph, tmp_path, careless_server,
                                                 monkeypatch, caplog):
    monkeypatch.setenv(USER_VARIABLE, "alice")
    monkeypatch.setenv(PASSWORD_VARIABLE, SECRET)
    path = tmp_path / "events.ttl"
    write_graph(rich_graph, path)
    with caplog.at_level(logging.DEBUG), pytest.raises(StoreError) as err:
        push(path, careless_server)
    token = base64.b64encode(f"alice:{SECRET}".encode()).decode()
    assert _Recorder.seen[0] == f"Basic {token}"  # sent, since the server is on loopback
    message = str(err.value)
    assert "401" in message
    assert SECRET not in message and token not in message
    assert SECRET not in caplog.text and token not in caplog.text


def test_credentials_come_from_netrc(rich_graph, tmp_path, careless_server, no_credentials):
    netrc = no_credentials / ".netrc"
    netrc.write_text(f"machine 127.0.0.1 login bob password {SECRET}\n", encoding="utf-8")
    netrc.chmod(0o600)
    path = tmp_path / "events.ttl"
    write_graph(rich_graph, path)
    with pytest.raises(StoreError) as err:
        push(path, careless_server)
    assert _Recorder.seen[0] == "Basic " + base64.b64encode(f"bob:{SECRET}".encode()).decode()
    assert SECRET not in str(err.value)


def test_no_credentials_no_authorization_header(rich_graph, tmp_path, careless_server):
    path = tmp_path / "events.ttl"
    write_graph(rich_graph, path)
    with pytest.raises(StoreError, match="401"):
        push(path, careless_server)
    assert _Recorder.seen[0] == ""


@pytest.fixture
def no_network(monkeypatch):
    """Fail the test if anything tries to open a connection."""
    def refuse(*args, **kwargs):
        raise AssertionError("a request was sent")

    monkeypatch.setattr(store, "_open_socket", refuse)


def test_credentials_never_go_over_plain_http_to_another_host(rich_graph, tmp_path, monkeypatch,
                                                              no_network):
    monkeypatch.setenv(USER_VARIABLE, "alice")
    monkeypatch.setenv(PASSWORD_VARIABLE, SECRET)
    path = tmp_path / "events.ttl"
    write_graph(rich_graph, path)
    with pytest.raises(StoreError, match="plain http") as err:
        push(path, "http://store.invalid/store")
    assert SECRET not in str(err.value)


def test_credentials_in_the_url_are_refused(rich_graph, tmp_path, no_network):
    path = tmp_path / "events.ttl"
    write_graph(rich_graph, path)
    with pytest.raises(StoreError, match="must not hold credentials") as err:
        push(path, f"https://alice:{SECRET}@store.invalid/store")
    assert SECRET not in str(err.value)


def test_not_an_http_endpoint(rich_graph, tmp_path, no_network):
    path = tmp_path / "events.ttl"
    write_graph(rich_graph, path)
    with pytest.raises(StoreError, match="http"):
        push(path, "ftp://127.0.0.1/store")


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A loopback socket that accepts connections and never answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(5)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/store"
    sock.close()


def test_timeout_raises_store_error(rich_graph, tmp_path, silent_server):
    path = tmp_path / "events.ttl"
    write_graph(rich_graph, path)
    with pytest.raises(StoreError, match="did not answer.*0.5 s"):
        push(path, silent_server, timeout=0.5)


@pytest.fixture
def cli(capsys):
    """graphbuild ARGS in this process: (exit code, stdout, stderr)."""
    from types import SimpleNamespace

    from graphbuild.cli import main

    def call(*args):
        capsys.readouterr()
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return SimpleNamespace(code=code, out=captured.out, err=captured.err)

    return call


# --- what a push reports, and endpoints that would have misplaced the graphs -------------

def test_push_message_counts_named_and_default_triples(rich_graph, tmp_path, oxigraph, cli):
    path = tmp_path / "events.ttl"
    write_graph(rich_graph, path)
    result = push(path, oxigraph.store)
    named = oxigraph.count("GRAPH ?g { ?s ?p ?o }")
    default = oxigraph.count("?s ?p ?o")
    assert (result["named_triples"], result["default_triples"]) == (named, default)
    assert result["triples"] == named + default and default > 0
    out = cli("push", path, "--endpoint", oxigraph.store)
    assert out.code == 0 and out.out.splitlines() == [
        f"pushed {named + default} triples to {oxigraph.store}: {named} in "
        f"{result['graphs']} named graphs, {default} to the default graph"]


def test_push_message_says_one_named_graph(tmp_path, oxigraph, cli):
    from graphbuild.graph import build_graph
    from graphbuild.types import Article, Event, Plover

    G = build_graph([Event("only", IND, RUS, Plover.CONSULT, "meet", "They met.", 0, 9)],
                    [Article("only", "They met.")])
    path = tmp_path / "one.ttl"
    write_graph(G, path)
    out = cli("push", path, "--endpoint", oxigraph.store)
    assert out.code == 0
    assert " in 1 named graph, " in out.out and "graphs" not in out.out


@pytest.mark.parametrize("suffix", ["#articles", "/"])
def test_an_endpoint_that_would_misplace_graphs_fails_and_sends_nothing(rich_graph, tmp_path,
                                                                        oxigraph, cli, suffix):
    """On the old code, '#articles' made every PUT replace the default graph and '/' put
    every article into one graph; both reported success."""
    path = tmp_path / "events.trig"
    write_graph(rich_graph, path, "trig")
    out = cli("push", path, "--endpoint", oxigraph.store + suffix)
    assert out.code == 1 and out.out == "" and len(out.err.splitlines()) == 1
    assert "refused" in out.err
    assert oxigraph.count(ALL_QUADS) == 0


@pytest.mark.parametrize("timeout", [-1, 0, float("nan"), float("inf"), "soon"])
def test_push_refuses_a_timeout_that_is_not_a_positive_number(rich_graph, tmp_path, timeout,
                                                              no_network):
    path = tmp_path / "events.ttl"
    write_graph(rich_graph, path)
    with pytest.raises(InputError, match="timeout"):
        push(path, "http://127.0.0.1:7878/store", timeout=timeout)


def test_the_python_message_names_the_python_option(rich_graph, tmp_path, monkeypatch,
                                                    no_network):
    monkeypatch.setenv(USER_VARIABLE, "alice")
    monkeypatch.setenv(PASSWORD_VARIABLE, SECRET)
    path = tmp_path / "events.ttl"
    write_graph(rich_graph, path)
    with pytest.raises(StoreError) as err:
        push(path, "http://store.invalid/store")
    assert "insecure=True" in str(err.value) and "--insecure" not in str(err.value)


def test_a_large_file_is_queried_from_a_temporary_store_on_disk(rich_graph, tmp_path, monkeypatch):
    """Past DISK_THRESHOLD the file is bulk-loaded into a store in a temporary folder, which
    is gone after the query; the answer is the same as in memory."""
    import tempfile

    from graphbuild.rdf import sparql

    path = tmp_path / "events.trig"
    write_graph(rich_graph, path, "trig")
    in_memory = query(path, CONSULTED)
    made: list[str] = []
    original = tempfile.mkdtemp

    def mkdtemp(**kwargs):
        made.append(original(dir=tmp_path, **kwargs))
        return made[-1]

    monkeypatch.setattr(sparql.tempfile, "mkdtemp", mkdtemp)
    assert query(path, CONSULTED) == in_memory
    assert made == []  # small: in memory
    monkeypatch.setattr(sparql, "DISK_THRESHOLD", 0)
    assert query(path, CONSULTED) == in_memory
    assert len(made) == 1 and not os.path.exists(made[0])


def test_a_query_over_a_bad_file_names_the_file(tmp_path):
    path = tmp_path / "broken.ttl"
    path.write_text("<http://a> <http://b> \"unterminated .\n", encoding="utf-8")
    with pytest.raises(InputError, match="broken.ttl"):
        query(path, "SELECT * WHERE { ?s ?p ?o }")
    with pytest.raises(InputError, match="no such file"):
        query(tmp_path / "missing.ttl", "SELECT * WHERE { ?s ?p ?o }")
