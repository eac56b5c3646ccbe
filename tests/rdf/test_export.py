"""Tests of graphbuild/rdf/export.py: what goes into the RDF, in which format, how it is written."""

from __future__ import annotations

import json
import os
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import RDF, Literal, URIRef
from rdflib.compare import isomorphic, to_isomorphic

from graphbuild.errors import ExportError
from graphbuild.graph import build_graph
from graphbuild.rdf import export
from graphbuild.rdf.export import to_rdflib, to_rdflib_dataset, write_graph, write_turtle
from graphbuild.rdf.namespace import GB, PLOVER, actor_iri, article_iri, event_iri
from graphbuild.rdf.read import read_graph
from graphbuild.types import Actor, ActorType, Event, Plover, Sector

from .conftest import ASEAN, IND, LAVROV, ODD, RUS

RDF_FORMATS = {"ttl": "turtle", "nt": "nt", "trig": "trig", "nq": "nquads", "jsonld": "json-ld"}
DATASET_FORMATS = {"trig", "nq"}
OX_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
              "trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS,
              "jsonld": ox.RdfFormat.JSON_LD}
SDO = rdflib.Namespace("https://schema.org/")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")


def parse_rdflib(path: Path, fmt: str) -> rdflib.Graph:
    graph = rdflib.Dataset() if fmt in DATASET_FORMATS else rdflib.Graph()
    return graph.parse(path, format=RDF_FORMATS[fmt])


def size(g: rdflib.Graph) -> int:
    """Triples in a graph, or quads in every graph of a dataset."""
    return len(list(g.quads())) if isinstance(g, rdflib.Dataset) else len(g)


def union(g: rdflib.Graph) -> rdflib.Graph:
    """All triples of a graph or of every graph of a dataset, as one graph."""
    if not isinstance(g, rdflib.Dataset):
        return g
    out = rdflib.Graph()
    for s, p, o, _ in g.quads():
        out.add((s, p, o))
    return out


def iri(node: str) -> URIRef:
    return URIRef(actor_iri(node))


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_every_rdf_format_parses_with_rdflib_and_pyoxigraph(rich_graph, tmp_path, fmt):
    path = tmp_path / f"events.{fmt}"
    write_graph(rich_graph, path, fmt)
    g = parse_rdflib(path, fmt)
    quads = list(ox.parse(path=str(path), format=OX_FORMATS[fmt]))
    assert len(quads) == size(g) > 100
    assert len(set(union(g).subjects(RDF.type, GB.Event))) == rich_graph.number_of_edges()


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld"])
def test_both_engines_write_the_same_graph(rich_graph, tmp_path, fmt):
    fast, slow = tmp_path / f"fast.{fmt}", tmp_path / f"slow.{fmt}"
    write_graph(rich_graph, fast, fmt, engine="oxigraph")
    write_graph(rich_graph, slow, fmt, engine="rdflib")
    assert isomorphic(parse_rdflib(fast, fmt), parse_rdflib(slow, fmt))
    assert isomorphic(parse_rdflib(fast, fmt), to_rdflib(rich_graph))


@pytest.mark.parametrize("fmt", sorted(DATASET_FORMATS))
def test_both_engines_write_the_same_dataset(rich_graph, tmp_path, fmt):
    fast, slow = tmp_path / f"fast.{fmt}", tmp_path / f"slow.{fmt}"
    write_graph(rich_graph, fast, fmt, engine="oxigraph")
    write_graph(rich_graph, slow, fmt, engine="rdflib")

    def graphs(ds: rdflib.Dataset) -> dict[str, rdflib.Graph]:
        return {str(g.identifier): g for g in ds.graphs() if len(g)}

    a, b = graphs(parse_rdflib(fast, fmt)), graphs(parse_rdflib(slow, fmt))
    assert set(a) == set(b)
    for name in a:
        assert isomorphic(a[name], b[name]), name


def test_trig_puts_each_article_in_its_own_named_graph(rich_graph, tmp_path):
    path = tmp_path / "events.trig"
    write_graph(rich_graph, path, "trig")
    ds = parse_rdflib(path, "trig")
    names = {str(g.identifier) for g in ds.graphs() if len(g)}
    articles = rich_graph.graph["articles"]
    assert {article_iri(a) for a in articles} <= names
    a1 = ds.graph(URIRef(article_iri("a1")))
    events = set(a1.subjects(RDF.type, GB.Event))
    wanted = {URIRef(event_iri(k)) for _, _, k, d in rich_graph.edges(keys=True, data=True)
              if d["article_id"] == "a1"}
    assert events == wanted
    # the actors of those events are described in the same graph, so it stands alone
    assert (iri(IND.id), SDO.name, Literal("India")) in a1
    assert (iri(LAVROV.id), SDO.jobTitle, Literal("Foreign Minister")) in a1
    assert (iri(ASEAN.id), None, None) not in a1
    # the direct triple of an a1 event is in a1's graph
    assert (iri(IND.id), GB.consult, iri(RUS.id)) in a1
    # the actor with no event and the concept scheme stay in the default graph
    default = ds.graph(rdflib.graph.DATASET_DEFAULT_GRAPH_ID)
    assert (URIRef(actor_iri("org/XXX/lonely")), RDF.type, GB.Actor) in default
    assert (PLOVER.CONSULT, rdflib.SKOS.broader, PLOVER.VerbalCooperation) in default


def test_direct_triples_only_for_events_that_happened(rich_graph):
    g = to_rdflib(rich_graph)
    direct = {(s, p, o) for p in (GB[x.value.lower()] for x in Plover)
              for s, o in g.subject_objects(p)}
    assert direct == {
        (iri(IND.id), GB.consult, iri(RUS.id)),  # asserted, symmetric: both ways
        (iri(RUS.id), GB.consult, iri(IND.id)),
        (iri(ODD.id), GB.sanction, iri(RUS.id)),  # reported
        (iri(ASEAN.id), GB.aid, iri(IND.id)),  # asserted
    }  # none for the negated ACCUSE, the planned AGREE or the possible THREATEN


def test_event_node_holds_every_attribute(rich_graph):
    g = to_rdflib(rich_graph)
    u, v, key, d = next(e for e in rich_graph.edges(keys=True, data=True)
                        if e[3]["plover"] == "CONSULT")
    ev = URIRef(event_iri(key))
    assert g.value(ev, GB.eventType) == PLOVER.CONSULT
    assert g.value(g.value(ev, GB.eventType), rdflib.SKOS.broader) == PLOVER.VerbalCooperation
    assert g.value(ev, GB.sourceActor) == iri(u) and g.value(ev, GB.targetActor) == iri(v)
    assert g.value(ev, GB.modality) == GB.Asserted
    assert g.value(ev, GB.negated).toPython() is False
    assert g.value(ev, GB.symmetric).toPython() is True
    assert g.value(ev, GB.confidence).toPython() == 0.9
    assert str(g.value(ev, GB.eventDate)) == "2024-07-08"
    assert g.value(ev, GB.eventDate).datatype == rdflib.XSD.date
    assert (str(g.value(ev, GB.mode)), str(g.value(ev, GB.context))) == ("visit", "economic")
    assert str(g.value(ev, GB.rule)) == "consult.talks"
    assert (g.value(ev, GB.sentenceStart).toPython(), g.value(ev, GB.sentenceEnd).toPython()) \
        == (0, 28)
    assert g.value(ev, GB.article) == URIRef(article_iri("a1"))
    assert set(g.objects(ev, PROV.wasDerivedFrom)) == {URIRef(article_iri("a1"))}


def test_none_values_are_left_out(rich_graph):
    g = to_rdflib(rich_graph)
    key = next(k for _, _, k, d in rich_graph.edges(keys=True, data=True)
               if d["plover"] == "AID")
    ev = URIRef(event_iri(key))
    for prop in (GB.mode, GB.context, GB.eventDate, GB.trigger):
        assert g.value(ev, prop) is None


def test_actors_use_schema_org_and_link_their_country(rich_graph):
    g = to_rdflib(rich_graph)
    assert (iri(LAVROV.id), RDF.type, SDO.Person) in g
    assert (iri(IND.id), RDF.type, SDO.Country) in g
    assert (iri(ASEAN.id), RDF.type, SDO.Organization) in g
    assert str(g.value(iri(LAVROV.id), GB.countryCode)) == "RUS"
    assert g.value(iri(LAVROV.id), GB.country) == iri(RUS.id)
    assert g.value(iri(IND.id), GB.country) is None  # a country does not link to itself
    assert {str(a) for a in g.objects(iri(LAVROV.id), SDO.alternateName)} == {
        "Sergey Lavrov", "Lavrov", "S. Lavrov"}


def test_merged_event_is_derived_from_every_source(rich_graph):
    g = to_rdflib(rich_graph)
    key = next(k for _, _, k, d in rich_graph.edges(keys=True, data=True)
               if d["plover"] == "SANCTION")
    sources = set(g.objects(URIRef(event_iri(key)), PROV.wasDerivedFrom))
    assert sources == {URIRef(article_iri("a1")), URIRef(article_iri('a 3/<odd>"id"'))}


def test_same_actor_same_iri_across_runs_and_articles():
    a = build_graph([Event("x1", IND, RUS, Plover.AID, "aid", "s", 0, 1)])
    b = build_graph([Event("x2", RUS, IND, Plover.AID, "aid", "t", 5, 9)])
    ga, gb_ = to_rdflib(a), to_rdflib(b)
    ind = iri("country/IND")
    assert (ind, RDF.type, GB.Actor) in ga and (ind, RDF.type, GB.Actor) in gb_
    assert ind == URIRef("https://graphbuild.example.org/actor/country/IND")


def test_iris_percent_encode_odd_keys():
    assert actor_iri("a b/<c>\"é") == "https://graphbuild.example.org/actor/a%20b/%3Cc%3E%22%C3%A9"
    assert actor_iri("../x") == "https://graphbuild.example.org/actor/%2E%2E/x"
    assert actor_iri("100%") != actor_iri("100%25")


def test_base_iri_moves_data_but_not_vocabulary(rich_graph, tmp_path):
    base = "http://kg.example.com/news#"
    g = to_rdflib(rich_graph, base_iri=base)
    assert (URIRef(base + "actor/country/IND"), RDF.type, GB.Actor) in g
    assert not any(str(s).startswith("https://graphbuild.example.org/actor/")
                   for s in g.subjects())
    path = tmp_path / "x.ttl"
    write_graph(rich_graph, path, base_iri=base)
    assert isomorphic(parse_rdflib(path, "ttl"), g)


@pytest.mark.parametrize("base", ["graphbuild.example.org/", "https://x.org/no-slash",
                                  "https://x.org/a b/", ""])
def test_bad_base_iri_raises(rich_graph, tmp_path, base):
    with pytest.raises(ExportError, match="base IRI"):
        write_graph(rich_graph, tmp_path / "x.ttl", base_iri=base)
    assert not (tmp_path / "x.ttl").exists()


def test_unknown_format_and_engine_raise(rich_graph, tmp_path):
    with pytest.raises(ExportError, match="ttl"):
        write_graph(rich_graph, tmp_path / "x.owl", "owl")
    with pytest.raises(ExportError, match="engine"):
        write_graph(rich_graph, tmp_path / "x.ttl", engine="jena")


def test_bad_plover_type_raises_with_the_event(rich_graph, tmp_path):
    rich_graph.add_edge("country/IND", "country/RUS", key="ev-bad", plover="MEET",
                        article_id="a1")
    with pytest.raises(ExportError, match="ev-bad.*MEET"):
        write_graph(rich_graph, tmp_path / "x.ttl")


def test_a_failed_write_leaves_the_previous_file(rich_graph, tmp_path):
    path = tmp_path / "events.ttl"
    write_graph(rich_graph, path)
    before = path.read_bytes()
    broken = rich_graph.copy()
    broken.add_edge("country/IND", "country/RUS", key="ev-bad", plover="MEET", article_id="a1")
    with pytest.raises(ExportError):
        write_graph(broken, path)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["events.ttl"]  # no temporary file left behind


def test_an_interrupted_write_leaves_the_previous_file(rich_graph, tmp_path, monkeypatch):
    path = tmp_path / "events.nt"
    write_graph(rich_graph, path, "nt")
    before = path.read_bytes()

    def interrupted(triples, output, **kw):
        output.write(b"<http://half")
        output.flush()
        raise KeyboardInterrupt

    monkeypatch.setattr(export.ox, "serialize", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_graph(rich_graph, path, "nt")
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["events.nt"]


def test_missing_folder_is_created(rich_graph, tmp_path):
    write_graph(rich_graph, tmp_path / "new" / "x.ttl")
    assert read_graph(tmp_path / "new" / "x.ttl").number_of_edges() == 6


def test_unwritable_place_raises_export_error(rich_graph, tmp_path):
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    with pytest.raises(ExportError, match="cannot write"):
        write_graph(rich_graph, tmp_path / "file" / "x.ttl")


def test_write_turtle_is_write_graph_ttl(rich_graph, tmp_path):
    write_turtle(rich_graph, tmp_path / "a.ttl")
    write_graph(rich_graph, tmp_path / "b.ttl", "ttl")
    assert (tmp_path / "a.ttl").read_bytes() == (tmp_path / "b.ttl").read_bytes()


def test_to_rdflib_dataset_matches_trig_file(rich_graph, tmp_path):
    path = tmp_path / "x.trig"
    write_graph(rich_graph, path, "trig")
    ds = to_rdflib_dataset(rich_graph)
    parsed = parse_rdflib(path, "trig")
    for g in ds.graphs():
        assert isomorphic(g, parsed.graph(g.identifier)), g.identifier


def test_graphml_is_readable_with_flat_attributes(rich_graph, tmp_path):
    path = tmp_path / "events.graphml"
    write_graph(rich_graph, path, "graphml")
    H = nx.read_graphml(path)
    assert H.number_of_nodes() == rich_graph.number_of_nodes()
    assert H.number_of_edges() == rich_graph.number_of_edges()
    lavrov = H.nodes[LAVROV.id]
    assert json.loads(lavrov["aliases"]) == ["Lavrov", "S. Lavrov", "Sergey Lavrov"]
    assert H.nodes[ASEAN.id]["country"] == ""  # None became an empty string
    edge = next(d for _, _, d in H.edges(data=True) if d["plover"] == "CONSULT")
    assert edge["confidence"] == 0.9 and edge["symmetric"] is True
    assert edge["trigger"] == "talks"
    odd = H.nodes[ODD.id]
    assert odd["label"] == 'José "Pepe" <Núñez> & co\n\t\ufffd'  # \x01 cannot be in XML


# --- property-based: any text yields valid RDF --------------------------------------------

text = st.text(max_size=25)
keys = st.text(min_size=1, max_size=20)


@st.composite
def odd_graphs(draw) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph(name="graphbuild")
    G.graph["articles"] = {}
    nodes = draw(st.lists(keys, min_size=1, max_size=3, unique=True))
    for node in nodes:
        G.add_node(node, label=draw(text), type=draw(st.sampled_from(["PERSON", "ORG",
                                                                      "COUNTRY"])),
                   country=draw(st.none() | text), role=draw(st.none() | text),
                   aliases=sorted(set(draw(st.lists(text, max_size=2)))),
                   sector=draw(st.none() | st.sampled_from([x.value for x in Sector])))
        if draw(st.booleans()):
            G.nodes[node]["key"] = draw(text)
    for key in draw(st.lists(keys, max_size=3, unique=True)):
        article = draw(keys)
        G.graph["articles"][article] = {"title": draw(st.none() | text),
                                        "date": draw(st.none() | st.dates().map(str)),
                                        "url": draw(st.none() | text),
                                        "source": draw(st.none() | text)}
        plover = draw(st.sampled_from(list(Plover)))
        G.add_edge(draw(st.sampled_from(nodes)), draw(st.sampled_from(nodes)), key=key,
                   plover=plover.value, quad=plover.quad.value, relation=draw(text),
                   negated=draw(st.booleans()),
                   modality=draw(st.sampled_from(["asserted", "planned", "possible",
                                                  "reported"])),
                   symmetric=draw(st.booleans()), sentence=draw(text),
                   start=draw(st.integers(0, 10**6)), end=draw(st.integers(0, 10**6)),
                   article_id=article,
                   confidence=draw(st.floats(0, 1, allow_nan=False)), rule=draw(text),
                   mode=draw(st.none() | text), context=draw(st.none() | text),
                   date=draw(st.none() | st.dates().map(str)), trigger=draw(st.none() | text),
                   sources=sorted({article, *draw(st.lists(keys, max_size=2))}),
                   **{name: draw(st.none() | st.integers(0, 10**6)) for name in (
                       "subject_start", "subject_end", "object_start", "object_end")})
    for sources in [d["sources"] for _, _, d in G.edges(data=True)]:
        for article in sources:
            G.graph["articles"].setdefault(article, {"title": None, "date": None, "url": None,
                                                     "source": None})
    return G


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(G=odd_graphs())
def test_any_text_gives_rdf_that_both_libraries_parse_and_reads_back(G, tmp_path):
    for fmt in sorted(RDF_FORMATS):
        path = tmp_path / f"g.{fmt}"
        write_graph(G, path, fmt)
        g = parse_rdflib(path, fmt)
        quads = list(ox.parse(path=str(path), format=OX_FORMATS[fmt]))
        assert size(g) == len(quads)
        H = read_graph(path)
        assert dict(H.nodes(data=True)) == dict(G.nodes(data=True))
        assert sorted(H.edges(keys=True, data=True), key=repr) == sorted(
            G.edges(keys=True, data=True), key=repr)
        assert H.graph["articles"] == G.graph["articles"]


@settings(max_examples=25, deadline=None)
@given(G=odd_graphs())
def test_fast_and_rdflib_paths_agree_on_any_text(G):
    data = ox.serialize(export.iter_triples(G), format=ox.RdfFormat.N_TRIPLES)
    fast = rdflib.Graph().parse(data=data.decode("utf-8"), format="nt")
    assert to_isomorphic(fast) == to_isomorphic(to_rdflib(G))


def test_actor_key_with_only_odd_characters():
    G = build_graph([])
    G.add_node('\x00<>"{}|^`\\ \n', label="\x00", type="ORG", country=None, role=None,
               aliases=[])
    g = to_rdflib(G)
    s = next(g.subjects(RDF.type, GB.Actor))
    assert str(g.value(s, rdflib.DCTERMS.identifier)) == '\x00<>"{}|^`\\ \n'


def test_unknown_actor_type_raises():
    G = build_graph([])
    G.add_node("x", label="X", type="ALIEN", country=None, role=None, aliases=[])
    with pytest.raises(ExportError, match="ALIEN"):
        to_rdflib(G)


def test_actor_type_values_match_the_enum():
    assert set(export._ACTOR_CLASS) == {t.value for t in ActorType}
    assert Actor("X", ActorType.ORG).id.startswith("org/")
