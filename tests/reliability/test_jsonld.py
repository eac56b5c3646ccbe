"""JSON-LD without surprises: validating never fetches a remote @context, and the rdflib
writer path gives the same RDF graph as the pyoxigraph path, whatever the names hold."""

from __future__ import annotations

import http.server
import json

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from graphbuild.graph import build_graph
from graphbuild.rdf.export import write_graph
from graphbuild.rdf.jsonld import CONTEXT_IRI
from graphbuild.rdf.namespace import PREFIXES
from graphbuild.types import Actor, ActorType, Event, Plover

from .conftest import run_graphbuild


class _Contexts(http.server.BaseHTTPRequestHandler):
    """Serves a JSON-LD context on loopback and records every request it gets."""

    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        type(self).requests.append(self.path)
        body = json.dumps({"@context": {"name": "https://schema.org/name"}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/ld+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def context_server(loopback_server) -> str:
    _Contexts.requests = []
    return loopback_server(_Contexts).replace("/store", "/context.jsonld")


def test_validate_never_fetches_a_remote_context(tmp_path, context_server):
    path = tmp_path / "remote-context.jsonld"
    path.write_text(json.dumps({"@context": context_server, "@id": "https://example.com/a",
                                "name": "A"}), encoding="utf-8")
    done = run_graphbuild(["validate", path])
    assert _Contexts.requests == []
    assert done.code != 0
    lines = done.err.strip().splitlines()
    assert len(lines) == 1 and "remote" in lines[0] and "never fetches" in lines[0]
    assert "remote-context.jsonld" in lines[0]  # the file it names
    assert "Traceback" not in done.err


def test_graphbuilds_own_context_iri_uses_the_shipped_copy(tmp_path, context_server):
    G = build_graph([Event("a1", Actor("India", ActorType.COUNTRY, "IND"),
                           Actor("Russia", ActorType.COUNTRY, "RUS"), Plover.CONSULT,
                           "hold talks", "India held talks with Russia.", 0, 29)])
    written = tmp_path / "graph.jsonld"
    write_graph(G, written, "jsonld")
    doc = json.loads(written.read_text(encoding="utf-8"))
    path = tmp_path / "named.jsonld"
    path.write_text(json.dumps({"@context": CONTEXT_IRI, "@graph": doc}), encoding="utf-8")
    done = run_graphbuild(["validate", path])
    assert done.code == 0, done.err
    assert _Contexts.requests == []


# --- the rdflib JSON-LD writer is isomorphic to the pyoxigraph one --------------------------

compact_looking = st.sampled_from([f"{p}:{local}" for p in PREFIXES for local in
                                   ("", "x", "consult", "Thing", "a/b")] + ["_:b0", "urn:x",
                                  "gb:", ":x", "@id", "@type", "@context"])
hostile = st.one_of(compact_looking, st.just(""), st.text(max_size=12),
                    st.sampled_from([" ", "\n", "\x00", "é", "\"", "{}", "[]", "null"]))


@st.composite
def hostile_graphs(draw) -> nx.MultiDiGraph:
    G = build_graph([])
    keys = draw(st.lists(st.one_of(compact_looking, st.text(min_size=1, max_size=8)),
                         min_size=2, max_size=3, unique=True))
    for key in keys:
        G.add_node(key, label=draw(hostile), type=draw(st.sampled_from(["PERSON", "ORG"])),
                   country=None, role=draw(st.none() | hostile),
                   aliases=sorted(set(draw(st.lists(hostile, max_size=3)))), sector=None)
    article = draw(hostile)
    G.graph["articles"][article] = {"title": draw(st.none() | hostile), "date": None,
                                    "url": draw(st.none() | compact_looking | hostile),
                                    "source": draw(st.none() | hostile)}
    G.add_edge(keys[0], keys[1], key=draw(st.one_of(compact_looking, st.text(min_size=1))),
               plover="CONSULT", quad="verbal cooperation", relation=draw(hostile),
               negated=False, modality="asserted", symmetric=False, sentence=draw(hostile),
               start=0, end=1, article_id=article, confidence=0.5, rule=draw(hostile),
               mode=draw(st.none() | hostile), context=None, date=None,
               trigger=draw(st.none() | compact_looking), sources=[article])
    return G


@settings(max_examples=60, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(G=hostile_graphs())
def test_rdflib_jsonld_writer_is_isomorphic_to_the_pyoxigraph_writer(G, tmp_path):
    graphs = []
    for engine in ("oxigraph", "rdflib"):
        path = tmp_path / f"{engine}.jsonld"
        write_graph(G, path, "jsonld", engine=engine)
        quads = ox.parse(path=str(path), format=ox.RdfFormat.JSON_LD)
        nt = ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in quads),
                          format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        graphs.append(rdflib.Graph().parse(data=nt, format="nt"))
    assert isomorphic(graphs[0], graphs[1])
