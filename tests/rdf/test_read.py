"""Tests of graphbuild/rdf/read.py: an export reads back as the same graph."""

from __future__ import annotations

import pytest
import rdflib

from graphbuild.errors import InputError
from graphbuild.rdf.export import to_rdflib, to_rdflib_dataset, write_graph
from graphbuild.rdf.read import from_rdflib, read_graph


def assert_same_graph(H, G):
    assert dict(H.nodes(data=True)) == dict(G.nodes(data=True))
    assert sorted(H.edges(keys=True, data=True), key=repr) == sorted(
        G.edges(keys=True, data=True), key=repr)
    assert H.graph == G.graph


@pytest.mark.parametrize("fmt", ["ttl", "nt", "trig", "nq", "jsonld"])
def test_round_trip_keeps_every_node_edge_and_attribute(rich_graph, tmp_path, fmt):
    path = tmp_path / f"events.{fmt}"
    write_graph(rich_graph, path, fmt)
    H = read_graph(path)
    assert_same_graph(H, rich_graph)
    # the kinds of value that must survive: None, bool, float, int, lists, odd text
    edges = {d["plover"]: d for _, _, d in H.edges(data=True)}
    assert edges["ACCUSE"]["negated"] is True and edges["ACCUSE"]["mode"] is None
    assert edges["CONSULT"]["symmetric"] is True
    assert edges["AGREE"]["modality"] == "planned"
    assert edges["ACCUSE"]["confidence"] == 0.123456789
    assert edges["SANCTION"]["sources"] == ['a 3/<odd>"id"', "a1"]
    assert H.graph["articles"]["a4-no-events"]["title"] == "Quiet day"


@pytest.mark.parametrize("base", ["http://kg.example.com/", "urn:example:kg/"])
def test_round_trip_with_another_base_iri(rich_graph, tmp_path, base):
    path = tmp_path / "events.ttl"
    write_graph(rich_graph, path, base_iri=base)
    assert_same_graph(read_graph(path), rich_graph)


def test_round_trip_with_the_rdflib_engine(rich_graph, tmp_path):
    path = tmp_path / "events.trig"
    write_graph(rich_graph, path, "trig", engine="rdflib")
    assert_same_graph(read_graph(path), rich_graph)


def test_from_rdflib_graph_and_dataset(rich_graph):
    assert_same_graph(from_rdflib(to_rdflib(rich_graph)), rich_graph)
    assert_same_graph(from_rdflib(to_rdflib_dataset(rich_graph)), rich_graph)


def test_explicit_format_overrides_the_extension(rich_graph, tmp_path):
    path = tmp_path / "events.data"
    write_graph(rich_graph, path, "nt")
    assert_same_graph(read_graph(path, format="nt"), rich_graph)
    with pytest.raises(InputError, match="extension"):
        read_graph(path)


def test_missing_and_broken_files_raise_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_graph(tmp_path / "nope.ttl")
    broken = tmp_path / "broken.ttl"
    broken.write_text("<http://a> <http://b> .\n", encoding="utf-8")
    with pytest.raises(InputError, match="broken.ttl"):
        read_graph(broken)


def test_event_naming_an_undescribed_actor_raises(rich_graph, tmp_path):
    g = to_rdflib(rich_graph)
    gb = rdflib.Namespace("https://graphbuild.example.org/ns#")
    actor = next(g.subjects(rdflib.RDF.type, gb.Actor))
    g.remove((actor, None, None))
    path = tmp_path / "cut.nt"
    g.serialize(path, format="nt")
    with pytest.raises(InputError, match="does not describe"):
        read_graph(path)


@pytest.mark.parametrize("fmt", ["ttl", "trig", "jsonld"])
def test_sectors_and_argument_spans_read_back(rich_graph, tmp_path, fmt):
    path = tmp_path / f"events.{fmt}"
    write_graph(rich_graph, path, fmt)
    H = read_graph(path)
    assert H.nodes["person/RUS/sergey-lavrov"]["sector"] == "government"
    assert H.nodes["country/IND"]["sector"] is None
    edges = {d["plover"]: d for _, _, d in H.edges(data=True)}
    accuse = edges["ACCUSE"]
    assert (accuse["subject_start"], accuse["subject_end"]) == (29, 35)
    assert (accuse["object_start"], accuse["object_end"]) == (51, 56)
    aid = edges["AID"]  # a subject span only
    assert (aid["subject_start"], aid["subject_end"], aid["object_start"]) == (58, 63, None)
    assert edges["CONSULT"]["subject_start"] is None
