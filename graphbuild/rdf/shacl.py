"""Check graphbuild RDF against the SHACL shapes shipped in this package (``shapes.ttl``).

Two engines give the same results (the tests check it on files with a violation of every
kind):

- ``"sparql"`` (the default): the shapes compiled to one SPARQL query per constraint
  (:mod:`graphbuild.rdf.shacl_sparql`), run by pyoxigraph in an in-memory store: the whole
  file at once when it is small, else streamed in chunks of about ``chunk_bytes`` (12 MiB)
  of text with the nodes they point to (:mod:`graphbuild.rdf.shacl_chunks`), so memory
  stays bounded whatever the file's size and the report is the whole file's.
- ``"pyshacl"``: pyshacl, the reference implementation, one focus node at a time (about
  11 ms an event, so for small files; used automatically if the shapes use a SHACL feature
  the compiler does not know).

Files are parsed by pyoxigraph through the format table (:mod:`graphbuild.rdf.formats`):
no remote JSON-LD ``@context`` is ever fetched. In TriG and N-Quads the union of the graphs
is checked, as pyshacl does (graphbuild's TriG describes in each article's graph every
actor its events name, so each graph would also pass on its own).

Examples
--------
>>> from graphbuild.graph import build_graph
>>> from graphbuild.types import Actor, ActorType, Event, Plover
>>> ind = Actor("India", ActorType.COUNTRY, "IND")
>>> rus = Actor("Russia", ActorType.COUNTRY, "RUS")
>>> G = build_graph([Event("a1", ind, rus, Plover.CONSULT, "hold talks",
...                        "India held talks with Russia.", 0, 29)])
>>> conforms, report = validate(G)
>>> conforms
True
>>> validate(G, engine="pyshacl")[0]
True
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from ..errors import InputError
from . import shacl_chunks as chunked
from . import shacl_sparql as compiled

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import pyoxigraph as ox
    import rdflib

__all__ = ["validate", "violations", "report_text", "shapes_graph", "SHAPES_PATH",
           "ONTOLOGY_PATH", "ENGINES"]

logger = logging.getLogger(__name__)

SHAPES_PATH = Path(__file__).with_name("shapes.ttl")
"""The SHACL shapes file shipped with graphbuild."""
ONTOLOGY_PATH = Path(__file__).with_name("ontology.ttl")
"""The ontology file shipped with graphbuild."""
ENGINES = ("sparql", "pyshacl")
"""The validation engines: compiled SPARQL on pyoxigraph (default), or pyshacl."""

Source = Union[str, "os.PathLike[str]", "rdflib.Graph", "nx.MultiDiGraph"]
_SH = compiled.SH


def shapes_graph() -> rdflib.Graph:
    """The shapes of ``shapes.ttl`` as an ``rdflib.Graph``."""
    from rdflib import Graph

    return Graph().parse(SHAPES_PATH, format="turtle")


@lru_cache(maxsize=1)
def _compiled() -> tuple[list[compiled.Check], str] | None:
    shapes = shapes_graph()
    try:
        return compiled.compile_shapes(shapes), compiled.prefixes(shapes)
    except compiled.Unsupported as err:
        logger.info("SHACL shapes need pyshacl: %s", err)
        return None


def _quads(source: Source) -> tuple[Iterable[Any], bool]:
    """The pyoxigraph quads of ``source`` and whether it holds named graphs."""
    import networkx as nx
    import rdflib

    if isinstance(source, nx.Graph):
        from .export import iter_triples

        return (_as_quad(t) for t in iter_triples(source)), False
    if isinstance(source, rdflib.Graph):
        from .read import ox_term

        named = isinstance(source, rdflib.Dataset)
        rows = source.quads() if named else ((s, p, o, None) for s, p, o in source)
        return (_as_quad(ox_term(s), ox_term(p), ox_term(o), _graph_name(g))
                for s, p, o, g in rows), named
    from .read import file_format

    fmt = file_format(source)
    return fmt.read(source), fmt.named_graphs or fmt.name == "jsonld"


def _graph_name(graph: Any) -> Any:
    import pyoxigraph as ox
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    identifier = getattr(graph, "identifier", graph)
    if identifier is None or identifier == DATASET_DEFAULT_GRAPH_ID:
        return ox.DefaultGraph()
    return ox.NamedNode(str(identifier))


def _as_quad(*terms: Any) -> ox.Quad:
    import pyoxigraph as ox

    if len(terms) == 1:  # a Triple
        t = terms[0]
        return ox.Quad(t.subject, t.predicate, t.object)
    return ox.Quad(*terms)


def _load(store: ox.Store, source: Source) -> None:
    """Put ``source`` into ``store``: a file straight from disk by pyoxigraph's bulk loader
    (no Python object per triple), anything else through :func:`_quads`."""
    import networkx as nx
    import pyoxigraph as ox
    import rdflib

    if not isinstance(source, (nx.Graph, rdflib.Graph)):
        from .read import file_format

        fmt = file_format(source)
        if fmt.is_rdf and fmt.name != "jsonld":  # JSON-LD: parse_jsonld's no-fetch rules
            name = os.fspath(source)
            try:
                store.bulk_load(path=name, format=getattr(ox.RdfFormat, str(fmt.oxigraph)))
                return
            except FileNotFoundError as err:
                raise InputError("no such file", path=name) from err
            except (SyntaxError, ValueError, OSError) as err:
                raise InputError(f"not valid {fmt.title}: {err}", path=name) from err
    store.bulk_extend(_quads(source)[0])


def _chunked(source: str | os.PathLike[str], chunks: int) -> list[compiled.Violation]:
    """The violations of the RDF file ``source``, parsed as a stream and checked in
    ``chunks`` chunks (errors name the file)."""
    import pyoxigraph as ox

    from .read import file_format

    checks, header = _compiled() or ([], "")
    fmt = file_format(source)
    name = os.fspath(source)
    logger.info("SHACL validation in %d chunks", chunks)
    try:
        quads = ox.parse(path=name, format=getattr(ox.RdfFormat, str(fmt.oxigraph)))
        return chunked.chunked_violations(quads, checks, header, chunks=chunks,
                                          default_only=not fmt.named_graphs)
    except FileNotFoundError as err:
        raise InputError("no such file", path=name) from err
    except (SyntaxError, ValueError) as err:
        raise InputError(f"not valid {fmt.title}: {err}", path=name) from err


def _chunks(source: Source, chunk_bytes: int | None) -> int:
    """How many chunks ``source`` is checked in: a file (but JSON-LD, a document read whole)
    by its size, anything else (already in memory) at once."""
    import networkx as nx
    import rdflib

    if chunk_bytes is None or isinstance(source, (nx.Graph, rdflib.Graph)):
        return 1
    from .read import file_format

    if not file_format(source).is_rdf or file_format(source).name == "jsonld":
        return 1
    try:
        size = os.path.getsize(source)
    except OSError:
        return 1  # _load reports it
    return chunked.chunk_count(size, chunk_bytes=chunk_bytes)


def _sparql_violations(source: Source, chunk_bytes: int | None) -> list[compiled.Violation]:
    import pyoxigraph as ox

    chunks = _chunks(source, chunk_bytes)
    if chunks > 1:
        return _chunked(source, chunks)  # type: ignore[arg-type]  # a file
    checks, header = _compiled() or ([], "")
    store = ox.Store()  # in memory: queries are 3-4x faster than on a store on disk
    _load(store, source)
    return compiled.run_checks(store, checks, header)


def _pyshacl_violations(source: Source) -> list[compiled.Violation]:
    import pyoxigraph as ox
    import pyshacl
    import rdflib

    from .export import _rdflib_converter

    quads, named = _quads(source)
    convert = _rdflib_converter()
    data: rdflib.Graph = rdflib.Dataset() if named else rdflib.Graph()
    for q in quads:
        triple = (convert(q.subject), convert(q.predicate), convert(q.object))
        if not named:
            data.add(triple)
        elif isinstance(q.graph_name, ox.DefaultGraph):
            data.default_graph.add(triple)  # type: ignore[attr-defined]
        else:
            data.graph(rdflib.URIRef(q.graph_name.value)).add(triple)  # type: ignore[attr-defined]
    _, results, _ = pyshacl.validate(data, shacl_graph=shapes_graph(), inference="none",
                                     advanced=True, allow_warnings=False)
    return _from_results_graph(results)


def _from_results_graph(results: rdflib.Graph) -> list[compiled.Violation]:
    from rdflib import URIRef

    from .read import ox_term

    def one(node: Any, name: str) -> str | None:
        value = results.value(node, URIRef(_SH + name))
        return None if value is None else str(ox_term(value))

    out = []
    for r in results.objects(None, URIRef(_SH + "result")):
        message = results.value(r, URIRef(_SH + "resultMessage"))
        out.append(compiled.Violation(
            one(r, "focusNode") or "", one(r, "resultPath"), one(r, "value"),
            str(results.value(r, URIRef(_SH + "sourceConstraintComponent"))),
            one(r, "sourceShape") or "", None if message is None else str(message),
            str(results.value(r, URIRef(_SH + "resultSeverity")))))
    return out


def violations(source: Source, *, engine: str = "sparql",
               chunk_bytes: int | None = chunked.CHUNK_BYTES) -> list[compiled.Violation]:
    """Every SHACL violation of ``source`` (see :func:`validate`), sorted."""
    if engine not in ENGINES:
        raise ValueError(f"unknown SHACL engine {engine!r}; expected one of {', '.join(ENGINES)}")
    if engine == "sparql" and _compiled() is not None:
        found = _sparql_violations(source, chunk_bytes)
    else:
        found = _pyshacl_violations(source)
    return sorted(found, key=lambda v: (v.focus, v.component, v.path or "", v.value or ""))


def _short(term: str | None) -> str:
    from .namespace import PREFIXES

    if term is None:
        return "-"
    if term.startswith("<") and term.endswith(">"):
        iri = term[1:-1]
        for prefix, namespace in PREFIXES.items():
            if iri.startswith(namespace) and iri != namespace:
                return f"{prefix}:{iri[len(namespace):]}"
    return term


def report_text(found: list[compiled.Violation]) -> str:
    """A report in pyshacl's layout: whether it conforms, then one block per violation."""
    lines = ["Validation Report", f"Conforms: {not found}"]
    if found:
        lines.append(f"Results ({len(found)}):")
    for v in found:
        component = v.component.rsplit("#", 1)[-1]
        lines += [f"Constraint Violation in {component} ({v.component}):",
                  f"\tSeverity: sh:{v.severity.rsplit('#', 1)[-1]}",
                  f"\tFocus Node: {_short(v.focus)}",
                  f"\tResult Path: {_short(v.path)}",
                  f"\tValue Node: {_short(v.value)}",
                  f"\tMessage: {v.message or component + ' not satisfied'}"]
    return "\n".join(lines) + "\n"


def validate(source: Source, *, engine: str = "sparql",
             chunk_bytes: int | None = chunked.CHUNK_BYTES) -> tuple[bool, str]:
    """Check RDF against graphbuild's SHACL shapes.

    Parameters
    ----------
    source
        A file in a readable format of the format table (Turtle, N-Triples, TriG, N-Quads,
        JSON-LD, RDF/XML; in TriG the union of its graphs), an ``rdflib``
        graph or dataset, or a graphbuild ``MultiDiGraph``.
    engine
        ``"sparql"`` (default; fast, bounded memory) or ``"pyshacl"`` (the reference, one
        node at a time). Both find the same violations.
    chunk_bytes
        With ``"sparql"``, a file larger than this (but JSON-LD) is streamed and checked in
        chunks of about this much text, one at a time
        (:mod:`graphbuild.rdf.shacl_chunks`), so memory stays bounded whatever its size;
        the report is the whole file's. ``None``: always the whole file at once.

    Returns
    -------
    tuple of (bool, str)
        Whether it conforms, and the report as text (each violation with its focus node,
        path, value and message).

    Raises
    ------
    InputError
        If the file is missing, is not valid RDF, or names a remote JSON-LD context.
    """
    found = violations(source, engine=engine, chunk_bytes=chunk_bytes)
    logger.info("SHACL validation: %s", "conforms" if not found else f"{len(found)} violations")
    return not found, report_text(found)

