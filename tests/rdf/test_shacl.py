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
    g.set((mention, OA.end, rdflib.Literal(1)))
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


# --- the compiled SPARQL engine and pyshacl agree -----------------------------------------

SDO = rdflib.Namespace("https://schema.org/")


def planted(rich_graph) -> rdflib.Graph:
    """The rich graph's RDF with a violation of every kind of constraint in shapes.ttl."""
    g = to_rdflib(rich_graph)
    events = sorted(g.subjects(rdflib.RDF.type, GB.Event))
    actors = sorted(g.subjects(rdflib.RDF.type, GB.Actor))
    e0, e1, e2, e3 = events[:4]
    g.remove((e0, GB.modality, None))                                        # minCount
    g.add((e0, GB.negated, rdflib.Literal(True)))
    g.add((e0, GB.negated, rdflib.Literal("maybe", datatype=rdflib.XSD.boolean)))  # max, ill-typed
    g.set((e1, GB.eventType, GB.Asserted))                                   # sh:in
    g.set((e1, GB.confidence, rdflib.Literal(-0.5)))                         # minInclusive
    g.set((e1, GB.sentenceStart, rdflib.Literal(90)))                        # SPARQL constraint
    g.set((e2, GB.sourceActor, e3))                                          # sh:class
    g.set((e2, GB.rule, rdflib.Literal("r", lang="en")))                     # datatype
    g.remove((e2, PROV.wasDerivedFrom, None))                                # SPARQL + minCount
    g.set((e3, GB.sentenceEnd, rdflib.Literal("x")))                         # datatype
    g.add((actors[0], rdflib.RDF.type, SDO.Person))                          # xone
    g.set((actors[1], GB.countryCode, rdflib.Literal("usa")))                # pattern
    g.set((actors[2], GB.country, rdflib.Literal("a country")))              # nodeKind
    g.add((actors[3], GB.sector, GB.Planned))                                # sh:in
    g.add((actors[3], GB.consult, actors[0]))
    g.add((rdflib.URIRef("https://x.example/not-an-actor"), GB.accuse, actors[0]))  # node class
    mention = next(g.objects(None, GB.subjectMention))
    g.set((mention, rdflib.URIRef("http://www.w3.org/ns/oa#start"), rdflib.Literal(-3)))
    article = next(g.subjects(rdflib.RDF.type, GB.Article))
    g.add((article, rdflib.DCTERMS.title, rdflib.Literal("second title")))   # maxCount
    return g


def comparable(found, messages=False):
    """What both engines must agree on (sh:sourceShape is a blank node; numbers are compared
    by value, as stores may write them in canonical form; with ``messages``, the shapes'
    own sh:message, where the compiled engine has one: pyshacl words its defaults itself)."""
    def value(v):
        if v is None or not v.startswith('"'):
            return v
        lexical, _, datatype = v.rpartition('"^^')
        try:
            return (float(lexical.strip('"')), datatype)
        except ValueError:
            return v
    return sorted({(v.focus, v.path, value(v.value), v.component, v.severity)
                   + ((v.message,) if messages else ()) for v in found}, key=repr)


@pytest.mark.parametrize("fmt", ["ttl", "nt", "trig", "nq", "jsonld"])
def test_both_engines_find_the_same_violations(rich_graph, tmp_path, fmt):
    from graphbuild.rdf.shacl import violations

    g = planted(rich_graph)
    path = tmp_path / f"planted.{fmt}"
    if fmt in ("trig", "nq"):  # the planted graph as a named graph, a clean actor outside it
        ds = rdflib.Dataset()
        lonely = rdflib.URIRef("https://graphbuild.example.org/actor/org/XXX/lonely")
        ds.default_graph += to_rdflib(rich_graph).triples((lonely, None, None))
        ds.graph(rdflib.URIRef("https://graphbuild.example.org/article/planted")).__iadd__(g)
        ds.serialize(path, format="trig" if fmt == "trig" else "nquads")
    else:
        g.serialize(path, format={"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}[fmt])
    fast = violations(path, engine="sparql")
    reference = violations(path, engine="pyshacl")
    assert len(fast) >= 15
    assert comparable(fast) == comparable(reference)
    assert set(comparable([v for v in fast if v.message], True)) <= set(
        comparable(reference, True))
    components = {v.component.rsplit("#", 1)[1] for v in fast}
    assert components >= {"MinCountConstraintComponent", "MaxCountConstraintComponent",
                          "DatatypeConstraintComponent", "InConstraintComponent",
                          "ClassConstraintComponent", "MinInclusiveConstraintComponent",
                          "SPARQLConstraintComponent", "XoneConstraintComponent",
                          "PatternConstraintComponent", "NodeKindConstraintComponent"}


def test_both_engines_pass_a_clean_export(rich_graph, tmp_path):
    from graphbuild.rdf.shacl import violations

    for fmt in ("ttl", "trig"):
        path = tmp_path / f"clean.{fmt}"
        write_graph(rich_graph, path, fmt)
        assert violations(path, engine="sparql") == violations(path, engine="pyshacl") == []


def test_the_shipped_shapes_compile_and_unknown_shacl_falls_back():
    from graphbuild.rdf import shacl_sparql
    from graphbuild.rdf.shacl import shapes_graph

    checks = shacl_sparql.compile_shapes(shapes_graph())
    assert len(checks) > 60
    closed = shapes_graph()
    closed.add((rdflib.URIRef("https://graphbuild.example.org/ns/shapes#ActorShape"),
                rdflib.URIRef(shacl_sparql.SH + "closed"), rdflib.Literal(True)))
    with pytest.raises(shacl_sparql.Unsupported, match="closed"):
        shacl_sparql.compile_shapes(closed)


def test_unknown_engine_is_refused(rich_graph):
    with pytest.raises(ValueError, match="sparql, pyshacl"):
        validate(rich_graph, engine="fast")
