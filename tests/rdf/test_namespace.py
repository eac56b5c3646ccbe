"""Tests of graphbuild/rdf/namespace.py and the ontology it mirrors (ontology.ttl)."""

from __future__ import annotations

import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, SKOS

from graphbuild.errors import ExportError
from graphbuild.rdf.namespace import (
    GB,
    GB_NS,
    PLOVER,
    PLOVER_NS,
    actor_iri,
    check_base_iri,
    direct_property,
    mention_iri,
    modality_iri,
    plover_iri,
    quad_iri,
    sector_from_iri,
    sector_iri,
)
from graphbuild.rdf.shacl import ONTOLOGY_PATH, SHAPES_PATH
from graphbuild.types import Modality, Plover, QuadClass, Sector


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY_PATH, format="turtle")


def ours(g: rdflib.Graph) -> set[rdflib.URIRef]:
    return {s for s in g.subjects() if isinstance(s, rdflib.URIRef)
            and (str(s).startswith(GB_NS) or str(s).startswith(PLOVER_NS))}


def test_closed_namespaces_raise_on_a_typo():
    with pytest.raises(AttributeError):
        GB.sourceActr  # noqa: B018
    with pytest.raises(AttributeError):
        PLOVER.MEET  # noqa: B018


def test_namespace_terms_are_exactly_the_ontology_terms(ontology):
    declared = {GB[name] for name in GB.__annotations__} | {
        PLOVER[name] for name in PLOVER.__annotations__}
    assert declared == ours(ontology)


def test_every_term_has_a_label_and_a_comment(ontology):
    for term in ours(ontology):
        assert ontology.value(term, RDFS.label) is not None, term
        assert ontology.value(term, RDFS.comment) is not None, term


def test_concept_scheme_matches_the_enums(ontology):
    for plover in Plover:
        concept = rdflib.URIRef(plover_iri(plover))
        assert ontology.value(concept, SKOS.broader) == rdflib.URIRef(quad_iri(plover.quad))
        assert str(ontology.value(concept, SKOS.notation)) == plover.value
        prop = rdflib.URIRef(direct_property(plover))
        assert (prop, RDF.type, OWL.ObjectProperty) in ontology
        assert ontology.value(prop, GB.ploverType) == concept
    tops = set(ontology.objects(GB.PloverScheme, SKOS.hasTopConcept))
    assert tops == {rdflib.URIRef(quad_iri(q)) for q in QuadClass}
    for modality in Modality:
        assert (rdflib.URIRef(modality_iri(modality)), RDF.type, GB.Modality) in ontology


def test_shapes_file_uses_only_ontology_terms(ontology):
    shapes = rdflib.Graph().parse(SHAPES_PATH, format="turtle")
    used = {t for triple in shapes for t in triple if isinstance(t, rdflib.URIRef)
            and (str(t).startswith(GB_NS) or str(t).startswith(PLOVER_NS))}
    assert used <= ours(ontology)


def test_base_iri_checks():
    assert check_base_iri("urn:example:kg/") == "urn:example:kg/"
    for bad in ("", "kg/", "https://x.org/kg", "https://x.org/a b/"):
        with pytest.raises(ExportError):
            check_base_iri(bad)
    assert actor_iri("country/IND", base_iri="urn:example:kg/") == "urn:example:kg/actor/country/IND"


def test_sector_scheme_matches_the_enum(ontology):
    concepts = set(ontology.objects(GB.SectorScheme, SKOS.hasTopConcept))
    assert concepts == {rdflib.URIRef(sector_iri(x)) for x in Sector}
    for sector in Sector:
        concept = rdflib.URIRef(sector_iri(sector))
        assert str(ontology.value(concept, SKOS.notation)) == sector.value
        assert sector_from_iri(str(concept)) == sector.value
    assert sector_from_iri(str(GB.Asserted)) is None
    with pytest.raises(ValueError):
        sector_iri("army")


def test_mention_iris_are_distinct_for_any_event_key():
    keys = ["x", "x/subject", "x/object", "x/subject/object", "subject"]
    iris = [mention_iri(k, role) for k in keys for role in ("subject", "object")]
    assert len(set(iris)) == len(iris)
    with pytest.raises(ExportError):
        mention_iri("x", "verb")
