"""Tests of graphbuild/rdf/shacl_chunks.py: a file checked in chunks gives the whole file's report."""

from __future__ import annotations

import pytest
import rdflib

from graphbuild.errors import InputError
from graphbuild.rdf.export import to_rdflib, write_graph
from graphbuild.rdf.shacl import report_text, validate, violations
from graphbuild.rdf.shacl_chunks import chunk_count

from .test_shacl import comparable, planted

LONELY = rdflib.URIRef("https://graphbuild.example.org/actor/org/XXX/lonely")


def planted_file(rich_graph, tmp_path, fmt):
    """The rich graph with a violation of every kind (in TriG and N-Quads as a named graph,
    beside a clean actor in the default graph)."""
    g = planted(rich_graph)
    path = tmp_path / f"planted.{fmt}"
    if fmt in ("trig", "nq"):
        ds = rdflib.Dataset()
        ds.default_graph += to_rdflib(rich_graph).triples((LONELY, None, None))
        ds.graph(rdflib.URIRef("https://graphbuild.example.org/article/planted")).__iadd__(g)
        ds.serialize(path, format="trig" if fmt == "trig" else "nquads")
    else:
        g.serialize(path, format={"ttl": "turtle", "nt": "nt"}[fmt])
    return path


@pytest.mark.parametrize("fmt", ["ttl", "nt", "trig", "nq"])
def test_chunks_report_what_the_whole_file_reports(rich_graph, tmp_path, fmt):
    path = planted_file(rich_graph, tmp_path, fmt)
    whole = violations(path, chunk_bytes=None)
    assert len(whole) >= 15
    for size in (400, 2_000, 6_000):  # from a chunk per few triples to a few chunks
        assert chunk_count(path.stat().st_size, chunk_bytes=size) > 1
        assert violations(path, chunk_bytes=size) == whole
        assert validate(path, chunk_bytes=size) == (False, report_text(whole))
    assert comparable(violations(path, chunk_bytes=400)) == comparable(
        violations(path, engine="pyshacl"))


def test_references_across_chunks_are_resolved(rich_graph, tmp_path):
    # events point to actors, articles and mentions that land in other chunks: a clean
    # export only conforms if each chunk sees the types of the nodes its triples point to
    for fmt in ("ttl", "trig"):
        path = tmp_path / f"clean.{fmt}"
        write_graph(rich_graph, path, fmt)
        assert chunk_count(path.stat().st_size, chunk_bytes=300) >= 20
        assert violations(path, chunk_bytes=300) == []


def test_a_missing_actor_type_in_another_chunk_is_found(rich_graph, tmp_path):
    g = to_rdflib(rich_graph)
    actor = next(g.subjects(rdflib.RDF.type, rdflib.URIRef(
        "https://graphbuild.example.org/ns#Actor")))
    g.remove((actor, rdflib.RDF.type, None))
    path = tmp_path / "untyped.nt"
    g.serialize(path, format="nt")
    found = violations(path, chunk_bytes=300)
    assert found == violations(path, chunk_bytes=None)
    assert {v.value for v in found if v.component.endswith("#ClassConstraintComponent")} == {
        f"<{actor}>"}


def test_a_bad_file_in_chunks_names_the_file(tmp_path):
    path = tmp_path / "broken.ttl"
    path.write_text("<https://x.example/a> <https://x.example/b> <https://x.example/c> .\n" * 200
                    + "this is not turtle\n", encoding="utf-8")
    with pytest.raises(InputError, match="broken.ttl"):
        violations(path, chunk_bytes=1_000)


def test_mentions_apart_from_their_events_give_the_same_report(rich_graph, tmp_path, monkeypatch):
    # where a mention lands only changes the chunks' sizes: send each node to a chunk of its
    # own hash, so the SPARQL constraint reading a mention's article crosses chunks
    from graphbuild.rdf import shacl_chunks

    g = planted(rich_graph)
    articles = sorted(g.subjects(rdflib.RDF.type, rdflib.URIRef(
        "https://graphbuild.example.org/ns#Article")))
    mention = sorted(g.objects(None, rdflib.URIRef(
        "https://graphbuild.example.org/ns#objectMention")))[0]
    part_of = rdflib.DCTERMS.isPartOf
    other = next(a for a in articles if (mention, part_of, a) not in g)
    g.set((mention, part_of, other))  # in another article than its event's
    path = tmp_path / "moved.nt"
    g.serialize(path, format="nt")
    whole = violations(path, chunk_bytes=None)
    assert any(v.value == f"<{mention}>" and v.component.endswith("#SPARQLConstraintComponent")
               for v in whole)
    monkeypatch.setattr(shacl_chunks, "_home", lambda node: node)
    assert violations(path, chunk_bytes=400) == whole
