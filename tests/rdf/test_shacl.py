"""Tests of graphbuild/rdf/shacl.py: every export conforms to the shipped SHACL shapes."""

from __future__ import annotations

import pytest
import rdflib

from graphbuild.errors import InputError
from graphbuild.rdf.export import to_rdflib, write_graph
from graphbuild.rdf.namespace import GB, event_iri
from graphbuild.rdf.shacl import validate

PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")


@pytest.mark.parametrize("fmt", ["ttl", "nt", "trig", "nq", "jsonld"])
def test_every_export_conforms(rich_graph, tmp_path, fmt):
    path = tmp_path / f"events.{fmt}"
    write_graph(rich_graph, path, fmt)
    conforms, report = validate(path)
    assert conforms, report
    assert "Conforms: True" in report


def test_rdflib_engine_output_conforms(rich_graph, tmp_path):
    path = tmp_path / "events.ttl"
    write_graph(rich_graph, path, engine="rdflib")
    assert validate(path)[0]


def test_graph_and_rdflib_sources(rich_graph):
    assert validate(rich_graph)[0]
    assert validate(to_rdflib(rich_graph))[0]


def test_bad_values_are_reported(rich_graph, tmp_path):
    key = next(k for _, _, k in rich_graph.edges(keys=True))
    u, v = next((u, v) for u, v, k in rich_graph.edges(keys=True) if k == key)
    rich_graph.edges[u, v, key]["confidence"] = 3.0
    rich_graph.nodes["country/IND"]["country"] = "india"
    path = tmp_path / "bad.trig"
    write_graph(rich_graph, path, "trig")
    conforms, report = validate(path)
    assert not conforms
    assert "gb:confidence is one xsd:double from 0 to 1" in report
    assert "three capital letters" in report
    assert event_iri(key).rsplit("/", 1)[1] in report


def test_missing_provenance_is_reported(rich_graph):
    g = to_rdflib(rich_graph)
    event = next(g.subjects(rdflib.RDF.type, GB.Event))
    g.remove((event, PROV.wasDerivedFrom, None))
    g.remove((event, GB.modality, None))
    conforms, report = validate(g)
    assert not conforms
    assert "prov:wasDerivedFrom at least one article" in report
    assert "gb:article is also one of its prov:wasDerivedFrom" in report
    assert "exactly one gb:modality" in report


def test_actor_needs_exactly_one_kind(rich_graph):
    g = to_rdflib(rich_graph)
    sdo = rdflib.Namespace("https://schema.org/")
    actor = next(g.subjects(rdflib.RDF.type, sdo.Country))
    g.add((actor, rdflib.RDF.type, sdo.Person))
    conforms, report = validate(g)
    assert not conforms and "Xone" in report


def test_unreadable_file_raises(tmp_path):
    path = tmp_path / "x.ttl"
    path.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(InputError, match="x.ttl"):
        validate(path)


OA = rdflib.Namespace("http://www.w3.org/ns/oa#")


def test_sector_outside_the_scheme_is_reported(rich_graph):
    g = to_rdflib(rich_graph)
    actor = next(g.subjects(GB.sector, GB.Government))
    g.add((actor, GB.sector, rdflib.URIRef(str(GB.Government) + "al")))
    conforms, report = validate(g)
    assert not conforms
    assert "one of the 12 concepts of gb:SectorScheme" in report


def test_bad_argument_spans_are_reported(rich_graph):
    g = to_rdflib(rich_graph)
    event, mention = next(g.subject_objects(GB.subjectMention))
    assert (mention, rdflib.RDF.type, OA.TextPositionSelector) in g
    g.set((mention, OA.end, rdflib.Literal(1, datatype=rdflib.XSD.nonNegativeInteger)))
    other = next(a for a in g.subjects(rdflib.RDF.type, GB.Article)
                 if (event, GB.article, a) not in g)
    g.set((mention, rdflib.DCTERMS.isPartOf, other))
    conforms, report = validate(g)
    assert not conforms
    assert "the mention ends after it starts" in report
    assert "part of the event's own gb:article" in report


def test_spans_and_sectors_of_an_export_conform(rich_graph):
    g = to_rdflib(rich_graph)
    assert len(set(g.subjects(rdflib.RDF.type, GB.Mention))) == 3
    assert set(g.objects(None, GB.sector)) == {GB.Government, GB.IGO}
    assert validate(g)[0]
