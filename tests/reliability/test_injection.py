"""Text from articles cannot change the structure of what graphbuild writes or sends: RDF is
made of terms (never of pasted text), SPARQL values are bound (never pasted), and Graph Store
request URLs are encoded."""

from __future__ import annotations

import http.server
import json
import urllib.parse

import pytest
import rdflib

from graphbuild.graph import build_graph
from graphbuild.rdf import query, read_graph, write_graph
from graphbuild.rdf.namespace import article_iri
from graphbuild.rdf.store import push
from graphbuild.types import Actor, ActorType, Article, Event, Plover

EVIL = "evil.invalid"
INJECTIONS = [
    f'x" . <http://{EVIL}/s> <http://{EVIL}/p> <http://{EVIL}/o> . <http://{EVIL}/a> <b> "',
    f"x' ; <http://{EVIL}/p> <http://{EVIL}/o> . #",
    f'x"""^^<http://{EVIL}/type> . <http://{EVIL}/s> a <http://{EVIL}/C> . """',
    f"x> <http://{EVIL}/p> <http://{EVIL}/o> . <y",
    f"@prefix evil: <http://{EVIL}/> . evil:s evil:p evil:o .",
    f'x" }} ; DROP ALL ; INSERT DATA {{ <http://{EVIL}/s> <http://{EVIL}/p> "o" }} #',
    f'{{"@id": "http://{EVIL}/s", "http://{EVIL}/p": "o"}}',
    f"</literal><rdf:Description rdf:about='http://{EVIL}/s'/>",
]
FORMATS = ("ttl", "nt", "trig", "nq", "jsonld")


def _graph() -> tuple[object, list[Actor]]:
    actors = [Actor(text, ActorType.PERSON, None, role=text, aliases=(text + " alias",))
              for text in INJECTIONS]
    india = Actor("India", ActorType.COUNTRY, "IND")
    events = [Event(f"art-{i} {text}", india, actor, Plover.CONSULT, text, text, 0, len(text),
                    rule=text, mode=text, context=text, trigger=text)
              for i, (text, actor) in enumerate(zip(INJECTIONS, actors, strict=False))]
    articles = [Article(f"art-{i} {text}", text, title=text, url=f"{text} <not a url>",
                        source=text) for i, text in enumerate(INJECTIONS)]
    return build_graph(events, articles), actors


@pytest.mark.parametrize("fmt", FORMATS)
def test_injected_text_stays_inside_literals(tmp_path, fmt):
    G, _ = _graph()
    path = tmp_path / f"graph.{fmt}"
    write_graph(G, path, fmt)
    data = rdflib.Dataset()
    data.parse(path, format={"ttl": "turtle", "nt": "nt", "trig": "trig", "nq": "nquads",
                             "jsonld": "json-ld"}[fmt])
    iris = {str(term) for quad in data.quads((None, None, None, None)) for term in quad
            if isinstance(term, rdflib.URIRef)}
    assert not [iri for iri in iris if iri.startswith(f"http://{EVIL}")]
    literals = {str(o) for _, _, o, _ in data.quads((None, None, None, None))
                if isinstance(o, rdflib.Literal)}
    assert set(INJECTIONS) <= literals
    H = read_graph(path)
    assert dict(H.nodes(data=True)) == dict(G.nodes(data=True))
    assert H.graph["articles"] == G.graph["articles"]


def test_injected_text_bound_in_sparql_matches_only_itself(tmp_path):
    G, actors = _graph()
    path = tmp_path / "graph.ttl"
    write_graph(G, path)
    sparql = "SELECT ?a ?name WHERE { ?a a gb:Actor ; schema:name ?name }"
    everyone = query(path, sparql)
    assert len(everyone) == len(actors) + 1
    for actor in actors:
        rows = query(path, sparql, name=actor.label)
        assert [row["name"] for row in rows] == [actor.label]
    assert query(path, sparql, name='" } UNION { ?a ?p ?name } #') == []


def test_the_query_command_refuses_updates_and_binds_values(tmp_path, capsys):
    from graphbuild.cli import main

    G, actors = _graph()
    path = tmp_path / "graph.ttl"
    write_graph(G, path)
    before = path.read_bytes()
    for update in ("DELETE WHERE { ?s ?p ?o }",
                   f"INSERT DATA {{ <http://{EVIL}/s> <http://{EVIL}/p> 1 }}",
                   "DROP ALL", f"LOAD <http://{EVIL}/data.ttl>"):
        assert main(["query", str(path), update]) == 1
        err = capsys.readouterr().err
        assert err.startswith("graphbuild: error: ") and len(err.splitlines()) == 1
    assert path.read_bytes() == before
    assert main(["query", str(path), "SELECT ?name WHERE { ?a schema:name ?name }", "--bind",
                 f"name={INJECTIONS[5]}", "--output", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows == [{"name": INJECTIONS[5]}]
    assert main(["query", str(path), "SELECT ?name WHERE { ?a schema:name ?name }", "--bind",
                 "name=nobody\" } UNION { ?a ?p ?name } #"]) == 0
    assert capsys.readouterr().out.strip() == "(no results)"


class _Recorder(http.server.BaseHTTPRequestHandler):
    """A Graph Store on loopback that accepts everything and records the request lines."""

    requests: list[tuple[str, str]] = []

    def _ok(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        type(self).requests.append((self.command, self.path))
        self.send_response(204)
        self.end_headers()

    do_PUT = do_POST = _ok  # noqa: N815

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def recorder(loopback_server) -> str:
    _Recorder.requests = []
    return loopback_server(_Recorder)


def test_article_ids_cannot_change_the_graph_store_request(tmp_path, recorder):
    ids = [f"a1&graph=http://{EVIL}/x", "a2#default", f"a3?graph=http://{EVIL}/y",
           "a4 /../../admin", "a5%26graph%3Dx"]
    india, china = Actor("India", ActorType.COUNTRY, "IND"), Actor("China", ActorType.COUNTRY, "CHN")
    G = build_graph([Event(i, india, china, Plover.CONSULT, "meet", "They met.", 0, 9)
                     for i in ids], [Article(i, "They met.") for i in ids])
    path = tmp_path / "graph.trig"
    write_graph(G, path, "trig")
    push(path, recorder)
    puts = [urllib.parse.urlsplit(p) for method, p in _Recorder.requests if method == "PUT"]
    assert all(url.path == "/store" for url in puts)
    graphs = [urllib.parse.parse_qs(url.query, strict_parsing=True) for url in puts]
    assert all(list(g) == ["graph"] and len(g["graph"]) == 1 for g in graphs)
    assert sorted(g["graph"][0] for g in graphs) == sorted(article_iri(i) for i in ids)
