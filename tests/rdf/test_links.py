"""Tests of graphbuild/rdf/links.py and the sameAs links each state gets in the RDF."""

from __future__ import annotations

import rdflib
from rdflib import OWL

from graphbuild.rdf.export import to_rdflib
from graphbuild.rdf.links import DBPEDIA, WIKIPEDIA, _key, _link, state_links

SDO = rdflib.Namespace("https://schema.org/")


def test_links_come_from_countryinfo_and_name_the_state():
    links = state_links()
    assert len(links) > 150  # most states; the rest have a bad or no link in the data
    for code, (wikipedia, dbpedia) in links.items():
        assert len(code) == 3 and code.isupper()
        title = wikipedia[len(WIKIPEDIA):]
        assert dbpedia == DBPEDIA + title
        assert title[:1].isupper() and " " not in title
    assert links["GBR"][1] == "http://dbpedia.org/resource/United_Kingdom"  # not a part of it
    assert links["IND"][0] == "https://en.wikipedia.org/wiki/India"


def test_a_link_that_names_another_place_is_dropped():
    info = {"name": "Testland", "altSpellings": ["TL", "Republic of Testland"],
            "wiki": "http://en.wikipedia.org/wiki/otherland"}
    assert _link("TST", info) is None
    info["wiki"] = "http://en.wikipedia.org/wiki/republic_of_testland"
    assert _link("TST", info) == (WIKIPEDIA + "Republic_of_Testland",
                                  DBPEDIA + "Republic_of_Testland")
    info["wiki"] = "https://example.com/wiki/testland"  # not Wikipedia
    assert _link("TST", info) is None
    assert _key("Côte d'Ivoire") == _key("cote_d_ivoire") == "cote d ivoire"


def test_each_state_in_the_rdf_links_to_dbpedia_and_wikipedia(rich_graph):
    g = to_rdflib(rich_graph)
    india = rdflib.URIRef("https://graphbuild.example.org/actor/country/IND")
    assert set(g.objects(india, OWL.sameAs)) == {rdflib.URIRef(DBPEDIA + "India")}
    assert set(g.objects(india, SDO.sameAs)) == {rdflib.URIRef(WIKIPEDIA + "India")}
    lavrov = rdflib.URIRef("https://graphbuild.example.org/actor/person/RUS/sergey-lavrov")
    assert not set(g.objects(lavrov, OWL.sameAs))  # a person of a state is not the state
    assert len(set(g.subject_objects(OWL.sameAs))) == 2  # India and Russia
