"""Contract tests of graphbuild/rdf/formats.py: every registered format keeps its promises."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from graphbuild.errors import ExportError, InputError, RegistryError
from graphbuild.rdf import FORMATS, formats
from graphbuild.rdf.export import to_rdflib, to_rdflib_dataset, write_graph
from graphbuild.rdf.formats import Format
from graphbuild.rdf.read import parse_file, read_graph

from .test_read import assert_same_graph

ROUND_TRIP = [f.name for f in formats.formats(writable=True, readable=True)]


def test_the_table_lists_every_format_once():
    names = formats.names()
    assert len(names) == len(set(names))
    assert {"ttl", "nt", "trig", "nq", "jsonld", "graphml", "rdfxml"} <= set(names)
    assert FORMATS == tuple(formats.names(writable=True))
    for fmt in formats.formats():
        assert formats.get(fmt.name) is fmt
        for spelling in (*fmt.aliases, fmt.name.upper(), *fmt.extensions):
            assert formats.get(spelling) is fmt, spelling
        for ext in fmt.extensions:
            assert formats.from_path(f"out/graph{ext.upper()}") is fmt


@pytest.mark.parametrize("name", [f.name for f in formats.formats(rdf=True)])
def test_content_type_and_dataset_support_agree_with_pyoxigraph(name):
    fmt = formats.get(name)
    ox_format = getattr(ox.RdfFormat, fmt.oxigraph)
    assert fmt.content_type == ox_format.media_type
    assert f".{ox_format.file_extension}" in fmt.extensions
    if fmt.named_graphs:
        assert ox_format.supports_datasets


@pytest.mark.parametrize("name", ROUND_TRIP)
def test_every_format_writes_and_reads_back_the_same_graph(rich_graph, tmp_path, name):
    fmt = formats.get(name)
    path = tmp_path / f"graph.{fmt.extension}"
    write_graph(rich_graph, path, name)
    assert_same_graph(read_graph(path), rich_graph)
    assert_same_graph(read_graph(path, format=name), rich_graph)


@pytest.mark.parametrize("name", [n for n in ROUND_TRIP if formats.get(n).is_rdf])
@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_every_rdf_format_is_isomorphic_to_the_rdflib_graph(rich_graph, tmp_path, name, engine):
    fmt = formats.get(name)
    path = tmp_path / f"graph.{fmt.extension}"
    write_graph(rich_graph, path, name, engine=engine)
    expected = (to_rdflib_dataset if fmt.named_graphs else to_rdflib)(rich_graph)
    parsed = rdflib.Dataset() if fmt.named_graphs else rdflib.Graph()
    parsed.parse(path, format=fmt.rdflib)
    if fmt.named_graphs:
        graphs = {str(g.identifier): g for g in parsed.graphs()}
        for g in expected.graphs():
            if len(g):
                assert isomorphic(graphs[str(g.identifier)], g), g.identifier
    else:
        assert isomorphic(parsed, expected)
    # and pyoxigraph reads the same number of statements rdflib does
    quads = parse_file(path)
    assert len(set(quads)) == (sum(len(g) for g in parsed.graphs()) if fmt.named_graphs
                               else len(parsed))


def test_named_graph_formats_put_each_article_in_its_graph(rich_graph, tmp_path):
    for fmt in formats.formats(writable=True, rdf=True):
        path = tmp_path / f"graph.{fmt.extension}"
        write_graph(rich_graph, path, fmt.name)
        names = {q.graph_name for q in parse_file(path)}
        assert (len(names) > 1) == fmt.named_graphs, fmt.name


def test_a_write_only_format_says_so_when_read(rich_graph, tmp_path):
    path = tmp_path / "graph.graphml"
    write_graph(rich_graph, path, "graphml")
    with pytest.raises(InputError, match="cannot read it"):
        read_graph(path)


def test_a_read_only_format_reads_and_refuses_to_write(rich_graph, tmp_path):
    path = tmp_path / "graph.rdf"
    to_rdflib(rich_graph).serialize(path, format="xml")
    H = read_graph(path)
    assert H.number_of_edges() == rich_graph.number_of_edges()
    with pytest.raises(ExportError, match="does not write it"):
        write_graph(rich_graph, tmp_path / "x.rdf", "rdfxml")


def test_unknown_names_list_what_exists():
    with pytest.raises(RegistryError, match="expected one of ttl, nt"):
        formats.get("n3")
    with pytest.raises(ExportError, match="unknown format 'n3'"):
        write_graph(None, "x.n3", "n3")
    with pytest.raises(InputError, match="extension '.n3'"):
        read_graph("x.n3")


def test_adding_a_format_is_one_function_and_one_register_call(rich_graph, tmp_path):
    def write_n3(fmt, G, fh, *, base_iri, engine):
        from graphbuild.rdf.export import iter_triples

        ox.serialize(iter_triples(G, base_iri=base_iri), fh, format=ox.RdfFormat.N3)

    n3 = Format("n3-test", "Notation3", (".n3test",), "text/n3", False, write_n3,
                "graphbuild.rdf.read:read_quads", "N3", "n3")
    formats.register(n3)
    try:
        formats.register(n3)  # again: harmless
        with pytest.raises(RegistryError, match="already registered"):
            formats.register(Format("other", "Other", (".n3test",), "text/x", False, None, None))
        path = tmp_path / "graph.n3test"
        write_graph(rich_graph, path, "n3-test")
        assert_same_graph(read_graph(path), rich_graph)
    finally:
        formats.unregister("n3-test")
    assert "n3-test" not in formats.names()
