"""RDF written by :mod:`graphbuild.rdf.export` -> the same ``networkx.MultiDiGraph``.

Actors, events and articles are found by their class (``gb:Actor``, ``gb:Event``,
``gb:Article``) and keyed by their ``dcterms:identifier``, so the base IRI the file was
written with does not matter. Direct actor-to-actor triples and the PLOVER concept scheme
are derived data and are skipped. In TriG/N-Quads the named graphs are merged.

An article that events cite but that ``G.graph["articles"]`` did not record comes back
with empty metadata (every value ``None``).

Examples
--------
>>> import os, tempfile
>>> from graphbuild.graph import build_graph
>>> from graphbuild.rdf.export import write_graph
>>> from graphbuild.types import Actor, ActorType, Event, Plover
>>> ind = Actor("India", ActorType.COUNTRY, "IND")
>>> rus = Actor("Russia", ActorType.COUNTRY, "RUS")
>>> G = build_graph([Event("a1", ind, rus, Plover.CONSULT, "hold talks",
...                        "India held talks with Russia.", 0, 29)])
>>> path = os.path.join(tempfile.mkdtemp(), "events.ttl")
>>> write_graph(G, path)
>>> H = read_graph(path)
>>> sorted(H.edges(keys=True, data=True)) == sorted(G.edges(keys=True, data=True))
True
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from ..errors import InputError
from ..types import Plover
from . import namespace as ns
from .namespace import GB

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import rdflib

__all__ = ["read_graph", "from_rdflib", "graph_from_triples", "rdf_format", "ox_term"]

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_SDO = "https://schema.org/"
_DCT = "http://purl.org/dc/terms/"
_PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_OA = "http://www.w3.org/ns/oa#"

_EXTENSIONS = {
    ".ttl": "TURTLE", ".turtle": "TURTLE",
    ".nt": "N_TRIPLES",
    ".trig": "TRIG",
    ".nq": "N_QUADS",
    ".jsonld": "JSON_LD", ".json": "JSON_LD",
    ".rdf": "RDF_XML", ".xml": "RDF_XML", ".owl": "RDF_XML",
}
_NAMES = {
    "ttl": "TURTLE", "turtle": "TURTLE", "nt": "N_TRIPLES", "ntriples": "N_TRIPLES",
    "n-triples": "N_TRIPLES", "trig": "TRIG", "nq": "N_QUADS", "nquads": "N_QUADS",
    "n-quads": "N_QUADS", "jsonld": "JSON_LD", "json-ld": "JSON_LD", "rdfxml": "RDF_XML",
    "xml": "RDF_XML",
}
_TYPES = {_SDO + "Person": "PERSON", _SDO + "Organization": "ORG", _SDO + "Country": "COUNTRY"}


def rdf_format(path: str | os.PathLike[str], format: str | None = None) -> ox.RdfFormat:
    """The pyoxigraph format of a file, from ``format`` or else from its extension.

    >>> rdf_format("out/events.trig")
    <RdfFormat TriG>
    >>> rdf_format("events.txt")
    Traceback (most recent call last):
    ...
    graphbuild.errors.InputError: events.txt: cannot tell the RDF format from the extension '.txt'; name it .ttl, .nt, .trig, .nq or .jsonld, or give the format
    """
    if format is not None:
        name = _NAMES.get(format.lower().lstrip("."))
        if name is None:
            raise InputError(f"unknown RDF format {format!r}; expected one of "
                             f"{', '.join(sorted(_NAMES))}", path=os.fspath(path))
        return getattr(ox.RdfFormat, name)
    suffix = Path(path).suffix.lower()
    name = _EXTENSIONS.get(suffix)
    if name is None:
        raise InputError(f"cannot tell the RDF format from the extension {suffix!r}; name it "
                         ".ttl, .nt, .trig, .nq or .jsonld, or give the format",
                         path=os.fspath(path))
    return getattr(ox.RdfFormat, name)


def parse_file(path: str | os.PathLike[str], format: str | None = None) -> list[ox.Quad]:
    """Every quad (or triple, in the default graph) of an RDF file, via pyoxigraph."""
    fmt = rdf_format(path, format)
    try:
        return list(ox.parse(path=os.fspath(path), format=fmt))
    except FileNotFoundError as err:
        raise InputError("no such file", path=os.fspath(path)) from err
    except (SyntaxError, ValueError, OSError) as err:
        raise InputError(f"not valid {fmt}: {err}", path=os.fspath(path)) from err


def ox_term(term: Any) -> Any:
    """An rdflib term as the equal pyoxigraph term (pyoxigraph terms pass through)."""
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, (ox.NamedNode, ox.Literal, ox.BlankNode, ox.DefaultGraph)):
        return term
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


Index = dict[str, dict[str, list[Any]]]


def _index(triples: Iterable[Any]) -> Index:
    """subject IRI -> predicate IRI -> distinct objects, in file order (blank subjects skipped)."""
    index: Index = {}
    for t in triples:
        s = t.subject
        if not isinstance(s, ox.NamedNode):
            continue
        preds = index.get(s.value)
        if preds is None:
            preds = index[s.value] = {}
        objects = preds.setdefault(t.predicate.value, [])
        if t.object not in objects:
            objects.append(t.object)
    return index


def _types(props: dict[str, list[Any]]) -> set[str]:
    return {o.value for o in props.get(_RDF_TYPE, ()) if isinstance(o, ox.NamedNode)}


def _one(props: dict[str, list[Any]], prop: str) -> str | None:
    values = props.get(prop)
    return values[0].value if values else None


def _int(props: dict[str, list[Any]], prop: str) -> int | None:
    value = _one(props, prop)
    return None if value is None else int(value)


def _identifier(iri: str, props: dict[str, list[Any]]) -> str:
    key = _one(props, _DCT + "identifier")
    if key is None:
        raise InputError(f"{iri} has no dcterms:identifier; it was not written by graphbuild")
    return key


def _article_meta(props: dict[str, list[Any]]) -> dict[str, str | None]:
    return {"title": _one(props, _DCT + "title"), "date": _one(props, _DCT + "date"),
            "url": _one(props, _DCT + "source"), "source": _one(props, str(GB.sourcePath))}


def _node_data(props: dict[str, list[Any]]) -> dict[str, Any]:
    kinds = _types(props)
    sector = _one(props, str(GB.sector))
    data = {
        "label": _one(props, _SDO + "name") or _one(props, _RDFS_LABEL),
        "type": next((_TYPES[k] for k in kinds if k in _TYPES), None),
        "country": _one(props, str(GB.countryCode)),
        "role": _one(props, _SDO + "jobTitle"),
        "aliases": sorted({o.value for o in props.get(_SDO + "alternateName", ())}),
        "sector": None if sector is None else ns.sector_from_iri(sector),
    }
    key = _one(props, str(GB.canonicalName))
    if key is not None:
        data["key"] = key
    return data


def _ref(table: dict[str, str], what: str, event: str, props: dict, prop: str) -> str | None:
    iri = _one(props, prop)
    if iri is None:
        return None
    if iri not in table:
        raise InputError(f"event {event} names {what} {iri}, which the file does not "
                         f"describe as a gb:{what.capitalize()}")
    return table[iri]


def _spans(index: Index, props: dict[str, list[Any]]) -> dict[str, int | None]:
    """``subject_start`` ... ``object_end`` from the event's mention nodes (None if absent)."""
    spans: dict[str, int | None] = {}
    for role, prop in (("subject", GB.subjectMention), ("object", GB.objectMention)):
        mention = index.get(_one(props, str(prop)) or "", {})
        spans[f"{role}_start"] = _int(mention, _OA + "start")
        spans[f"{role}_end"] = _int(mention, _OA + "end")
    return spans


def _edge(index: Index, iri: str, props: dict, actors: dict[str, str],
          articles: dict[str, str]) -> tuple[str, str, str, dict[str, Any]]:
    """``(source, target, key, data)`` of the event ``iri``."""
    key = _identifier(iri, props)
    u = _ref(actors, "actor", iri, props, str(GB.sourceActor))
    v = _ref(actors, "actor", iri, props, str(GB.targetActor))
    concept = _one(props, str(GB.eventType))
    if u is None or v is None or concept is None or not concept.startswith(ns.PLOVER_NS):
        raise InputError(f"event {iri} lacks a source actor, a target actor or a PLOVER type")
    plover = Plover(concept[len(ns.PLOVER_NS):])
    modality = _one(props, str(GB.modality))
    confidence = _one(props, str(GB.confidence))
    sources = {articles.get(o.value) for o in props.get(_PROV_DERIVED, ())}
    sources.discard(None)
    return u, v, key, {
        "plover": plover.value,
        "quad": plover.quad.value,
        "relation": _one(props, str(GB.relation)),
        "negated": _one(props, str(GB.negated)) in ("true", "1"),
        "modality": modality[len(ns.GB_NS):].lower() if modality else None,
        "symmetric": _one(props, str(GB.symmetric)) in ("true", "1"),
        "sentence": _one(props, str(GB.sentence)),
        "start": _int(props, str(GB.sentenceStart)),
        "end": _int(props, str(GB.sentenceEnd)),
        "article_id": _ref(articles, "article", iri, props, str(GB.article)),
        "confidence": float(confidence) if confidence is not None else None,
        "rule": _one(props, str(GB.rule)),
        "mode": _one(props, str(GB.mode)),
        "context": _one(props, str(GB.context)),
        "date": _one(props, str(GB.eventDate)),
        "trigger": _one(props, str(GB.trigger)),
        "sources": sorted(sources),  # type: ignore[type-var]
        **_spans(index, props),
    }


def graph_from_triples(triples: Iterable[Any]) -> nx.MultiDiGraph:
    """Rebuild the graph from triples or quads (pyoxigraph terms; graph names ignored)."""
    import networkx as nx

    index = _index(triples)
    actor_cls, event_cls, article_cls = str(GB.Actor), str(GB.Event), str(GB.Article)
    actors: dict[str, str] = {}
    articles: dict[str, str] = {}
    G = nx.MultiDiGraph(name="graphbuild")
    G.graph["articles"] = {}
    for iri, props in index.items():
        kinds = _types(props)
        if article_cls in kinds:
            article_id = articles[iri] = _identifier(iri, props)
            G.graph["articles"][article_id] = _article_meta(props)
        if actor_cls in kinds:
            key = actors[iri] = _identifier(iri, props)
            G.add_node(key, **_node_data(props))
    for iri, props in index.items():
        if event_cls in _types(props):
            u, v, key, data = _edge(index, iri, props, actors, articles)
            G.add_edge(u, v, key=key, **data)
    return G


def read_graph(path: str | os.PathLike[str], format: str | None = None) -> nx.MultiDiGraph:
    """Read a graphbuild RDF file (Turtle, N-Triples, TriG, N-Quads, JSON-LD) back.

    Parameters
    ----------
    path
        A file written by :func:`graphbuild.rdf.write_graph`.
    format
        ``ttl``, ``nt``, ``trig``, ``nq`` or ``jsonld``; by default from the extension.

    Returns
    -------
    networkx.MultiDiGraph
        The graph that was written: same nodes, same edges, same attributes.

    Raises
    ------
    InputError
        If the file is missing, not valid RDF, or names an actor it does not describe.

    Examples
    --------
    >>> import os, tempfile
    >>> from graphbuild.graph import build_graph
    >>> from graphbuild.rdf.export import write_graph
    >>> from graphbuild.types import Actor, ActorType, Event, Modality, Plover
    >>> ind = Actor("India", ActorType.COUNTRY, "IND")
    >>> chn = Actor("China", ActorType.COUNTRY, "CHN")
    >>> G = build_graph([Event("a1", ind, chn, Plover.AGREE, "sign", "India will sign.", 0, 16,
    ...                        modality=Modality.PLANNED)])
    >>> path = os.path.join(tempfile.mkdtemp(), "events.trig")
    >>> write_graph(G, path, "trig")
    >>> [d["modality"] for _, _, d in read_graph(path).edges(data=True)]
    ['planned']
    """
    return graph_from_triples(parse_file(path, format))


def from_rdflib(graph: rdflib.Graph) -> nx.MultiDiGraph:
    """Rebuild the graph from an ``rdflib`` graph or dataset (e.g. from :func:`to_rdflib`).

    Examples
    --------
    >>> from graphbuild.graph import build_graph
    >>> from graphbuild.rdf.export import to_rdflib
    >>> from graphbuild.types import Actor, ActorType
    >>> G = build_graph([])
    >>> G.add_node("country/IND", label="India", type="COUNTRY", country="IND", role=None,
    ...            aliases=["India"], sector="government")
    >>> dict(from_rdflib(to_rdflib(G)).nodes(data=True)) == dict(G.nodes(data=True))
    True
    """
    from types import SimpleNamespace

    triples = graph.quads() if hasattr(graph, "quads") else graph
    return graph_from_triples(
        SimpleNamespace(subject=ox_term(t[0]), predicate=ox_term(t[1]), object=ox_term(t[2]))
        for t in triples)
