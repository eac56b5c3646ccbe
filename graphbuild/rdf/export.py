"""A graphbuild ``MultiDiGraph`` -> RDF (Turtle, N-Triples, TriG, N-Quads, JSON-LD), GraphML.

The triples are built once, as pyoxigraph terms, by :func:`iter_triples` /
:func:`iter_quads`. pyoxigraph serialises them (seconds for a million triples); the same
triples become an ``rdflib`` graph with :func:`to_rdflib` for users who work in rdflib.
Every string goes into the RDF library as a term, never pasted into a document, so any
name or id gives valid RDF.

What is written (see ``ontology.ttl`` for the vocabulary):

- each actor: ``gb:Actor`` and ``schema:Person`` / ``schema:Organization`` /
  ``schema:Country``; ``dcterms:identifier`` (the node key), ``rdfs:label`` and
  ``schema:name``, ``schema:alternateName`` per alias, ``schema:jobTitle`` (role),
  ``gb:countryCode`` and ``gb:country`` (a link to the country's actor IRI);
- each event: a ``gb:Event`` node with every edge attribute (``None`` is left out), and
  one direct triple ``actor gb:<type> actor`` if it is asserted or reported and not
  negated (both directions if it is symmetric);
- each article: ``gb:Article`` with Dublin Core metadata;
- the PLOVER concept scheme (``skos:broader`` from type to quad class, labels).

In TriG and N-Quads each article's statements (the article, its events, their direct
triples and the descriptions of the actors they involve) go into a named graph whose name
is the article's IRI; the concept scheme and actors with no event stay in the default graph.

Examples
--------
>>> from graphbuild.graph import build_graph
>>> from graphbuild.types import Actor, ActorType, Event, Plover
>>> ind = Actor("India", ActorType.COUNTRY, "IND")
>>> rus = Actor("Russia", ActorType.COUNTRY, "RUS")
>>> G = build_graph([Event("a1", ind, rus, Plover.CONSULT, "hold talks",
...                        "India held talks with Russia.", 0, 29)])
>>> g = to_rdflib(G)
>>> from graphbuild.rdf.namespace import GB
>>> [str(o) for o in g.objects(None, GB.consult)]
['https://graphbuild.example.org/actor/country/RUS']
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
import os
import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import pyoxigraph as ox

from .._files import atomic_write
from ..errors import ExportError
from ..types import Actor, ActorType, Modality, Plover, Sector
from . import namespace as ns
from .namespace import DEFAULT_BASE_IRI, GB, PREFIXES

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import rdflib

__all__ = [
    "write_graph",
    "write_turtle",
    "to_rdflib",
    "to_rdflib_dataset",
    "iter_triples",
    "iter_quads",
    "scheme_triples",
    "FORMAT_ALIASES",
]

logger = logging.getLogger(__name__)

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_PROV = "http://www.w3.org/ns/prov#"
_SDO = "https://schema.org/"
_DCT = "http://purl.org/dc/terms/"
_OA = "http://www.w3.org/ns/oa#"

FORMAT_ALIASES = {
    "ttl": "ttl", "turtle": "ttl",
    "nt": "nt", "ntriples": "nt", "n-triples": "nt",
    "trig": "trig",
    "nq": "nq", "nquads": "nq", "n-quads": "nq",
    "jsonld": "jsonld", "json-ld": "jsonld", "json": "jsonld",
    "graphml": "graphml",
}
"""Accepted spellings of each format name, mapped to the canonical one."""

_OX_FORMAT = {
    "ttl": "TURTLE", "nt": "N_TRIPLES", "trig": "TRIG", "nq": "N_QUADS", "jsonld": "JSON_LD",
}
_RDFLIB_FORMAT = {"ttl": "turtle", "nt": "nt", "trig": "trig", "nq": "nquads", "jsonld": "json-ld"}
_DATASET_FORMATS = {"trig", "nq"}

_ACTOR_CLASS = {
    ActorType.PERSON.value: _SDO + "Person",
    ActorType.ORG.value: _SDO + "Organization",
    ActorType.COUNTRY.value: _SDO + "Country",
}
_HAPPENED = {Modality.ASSERTED.value, Modality.REPORTED.value}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class _Vocab:
    """The fixed IRIs as pyoxigraph terms, made once."""

    def __init__(self) -> None:
        n = ox.NamedNode
        self.type = n(_RDF + "type")
        self.label = n(_RDFS + "label")
        self.identifier = n(_DCT + "identifier")
        self.title = n(_DCT + "title")
        self.date = n(_DCT + "date")
        self.source = n(_DCT + "source")
        self.derived = n(_PROV + "wasDerivedFrom")
        self.name = n(_SDO + "name")
        self.alt = n(_SDO + "alternateName")
        self.job = n(_SDO + "jobTitle")
        self.xsd_string = n(_XSD + "string")
        self.xsd_date = n(_XSD + "date")
        self.xsd_integer = n(_XSD + "integer")
        self.xsd_double = n(_XSD + "double")
        self.xsd_boolean = n(_XSD + "boolean")
        self.xsd_nonneg = n(_XSD + "nonNegativeInteger")
        self.selector = n(_OA + "TextPositionSelector")
        self.oa_start = n(_OA + "start")
        self.oa_end = n(_OA + "end")
        self.part_of = n(_DCT + "isPartOf")
        self.true = ox.Literal("true", datatype=self.xsd_boolean)
        self.false = ox.Literal("false", datatype=self.xsd_boolean)
        self.actor_class = {k: n(v) for k, v in _ACTOR_CLASS.items()}
        self.plover = {p.value: n(ns.plover_iri(p)) for p in Plover}
        self.direct = {p.value: n(ns.direct_property(p)) for p in Plover}
        self.modality = {m.value: n(ns.modality_iri(m)) for m in Modality}
        self.sector = {x.value: n(ns.sector_iri(x)) for x in Sector}
        gb = {name: n(str(GB[name])) for name in (
            "Actor", "Event", "Article", "eventType", "relation", "sourceActor", "targetActor",
            "eventDate", "modality", "negated", "symmetric", "confidence", "rule", "mode",
            "context", "trigger", "sentence", "sentenceStart", "sentenceEnd", "article",
            "countryCode", "country", "sourcePath", "sector", "canonicalName", "Mention",
            "subjectMention", "objectMention")}
        self.gb = gb


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    return _Vocab()


@lru_cache(maxsize=1)
def scheme_triples() -> tuple[ox.Triple, ...]:
    """The triples about the PLOVER concept scheme, read from ``ontology.ttl``.

    Every export includes them, so ``skos:broader`` (type -> quad class) and the labels
    of the types are in the data without loading the ontology.

    >>> len([t for t in scheme_triples() if t.predicate.value.endswith("#broader")])
    16
    """
    path = Path(__file__).with_name("ontology.ttl")
    schemes = {str(GB.PloverScheme), str(GB.SectorScheme), *map(ns.sector_iri, Sector)}
    return tuple(
        t for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
        if isinstance(t.subject, ox.NamedNode)
        and (t.subject.value.startswith(ns.PLOVER_NS) or t.subject.value in schemes)
    )


def _literal(value: str, datatype: ox.NamedNode | None = None) -> ox.Literal:
    try:
        if datatype is None:
            return ox.Literal(value)
        return ox.Literal(value, datatype=datatype)
    except (ValueError, TypeError, UnicodeError) as err:
        raise ExportError(f"cannot write {value!r} as an RDF literal: {err}") from err


def _text(value: Any) -> ox.Literal:
    return _literal(value if isinstance(value, str) else str(value))


def _double(value: Any) -> ox.Literal:
    x = float(value)
    if math.isnan(x):
        lexical = "NaN"
    elif math.isinf(x):
        lexical = "INF" if x > 0 else "-INF"
    else:
        lexical = repr(x)
    return ox.Literal(lexical, datatype=_vocab().xsd_double)


def _date(value: Any) -> ox.Literal:
    """An ``xsd:date`` for an ISO date, a plain string for anything else."""
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    if _DATE.fullmatch(text):
        try:
            dt.date.fromisoformat(text)
            return ox.Literal(text, datatype=_vocab().xsd_date)
        except ValueError:
            pass
    return _text(text)


def _iri_or_text(value: Any) -> ox.NamedNode | ox.Literal:
    text = str(value)
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", text):
        try:
            return ox.NamedNode(text)
        except ValueError:
            pass
    return _text(text)


def _strings(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


class _Minter:
    """Data IRIs under one base, cached (the same actor is named many times)."""

    def __init__(self, base_iri: str) -> None:
        self.base = ns.check_base_iri(base_iri)
        self._actors: dict[Any, ox.NamedNode] = {}
        self._articles: dict[Any, ox.NamedNode] = {}

    def actor(self, key: Any) -> ox.NamedNode:
        node = self._actors.get(key)
        if node is None:
            node = self._actors[key] = ox.NamedNode(ns.actor_iri(str(key), base_iri=self.base))
        return node

    def article(self, article_id: Any) -> ox.NamedNode:
        node = self._articles.get(article_id)
        if node is None:
            node = self._articles[article_id] = ox.NamedNode(
                ns.article_iri(str(article_id), base_iri=self.base))
        return node

    def event(self, key: Any) -> ox.NamedNode:
        return ox.NamedNode(ns.event_iri(str(key), base_iri=self.base))

    def mention(self, key: Any, role: str) -> ox.NamedNode:
        return ox.NamedNode(ns.mention_iri(str(key), role, base_iri=self.base))


Triple3 = tuple[Any, Any, Any]


def _article_triples(m: _Minter, article_id: Any, meta: dict | None) -> Iterator[Triple3]:
    v = _vocab()
    s = m.article(article_id)
    yield s, v.type, v.gb["Article"]
    yield s, v.identifier, _text(article_id)
    meta = meta or {}
    if meta.get("title") is not None:
        yield s, v.title, _text(meta["title"])
    if meta.get("date") is not None:
        yield s, v.date, _date(meta["date"])
    if meta.get("url") is not None:
        yield s, v.source, _iri_or_text(meta["url"])
    if meta.get("source") is not None:
        yield s, v.gb["sourcePath"], _text(meta["source"])


def _actor_triples(m: _Minter, key: Any, d: dict) -> Iterator[Triple3]:
    v = _vocab()
    s = m.actor(key)
    yield s, v.type, v.gb["Actor"]
    kind = d.get("type")
    if kind is not None:
        kind = str(kind)
        if kind not in v.actor_class:
            raise ExportError(f"actor {key!r} has type {kind!r}; expected one of "
                              f"{', '.join(v.actor_class)}")
        yield s, v.type, v.actor_class[kind]
    yield s, v.identifier, _text(key)
    if d.get("label") is not None:
        label = _text(d["label"])
        yield s, v.label, label
        yield s, v.name, label
    for alias in dict.fromkeys(_strings(d.get("aliases"))):
        yield s, v.alt, _text(alias)
    if d.get("role") is not None:
        yield s, v.job, _text(d["role"])
    if d.get("key") is not None:
        yield s, v.gb["canonicalName"], _text(d["key"])
    sector = d.get("sector")
    if sector is not None:
        try:
            yield s, v.gb["sector"], v.sector[Sector(sector).value]
        except ValueError as err:
            raise ExportError(f"actor {key!r} has sector {sector!r}; expected one of "
                              f"{', '.join(x.value for x in Sector)}") from err
    country = d.get("country")
    if country is not None:
        code = str(country)
        yield s, v.gb["countryCode"], _text(code)
        country_key = Actor(code, ActorType.COUNTRY, code).id
        if country_key != str(key):
            yield s, v.gb["country"], m.actor(country_key)


def _offset(value: Any) -> ox.Literal:
    return ox.Literal(str(int(value)), datatype=_vocab().xsd_nonneg)


def _mention_triples(m: _Minter, s: ox.NamedNode, key: Any, d: dict) -> Iterator[Triple3]:
    """The event's ``gb:subjectMention`` / ``gb:objectMention`` spans, where it has them."""
    v = _vocab()
    article_id = d.get("article_id")
    for role, prop in (("subject", "subjectMention"), ("object", "objectMention")):
        start, end = d.get(f"{role}_start"), d.get(f"{role}_end")
        if start is None and end is None:
            continue
        mention = m.mention(key, role)
        yield s, v.gb[prop], mention
        yield mention, v.type, v.gb["Mention"]
        yield mention, v.type, v.selector
        if start is not None:
            yield mention, v.oa_start, _offset(start)
        if end is not None:
            yield mention, v.oa_end, _offset(end)
        if article_id is not None:
            yield mention, v.part_of, m.article(article_id)


def _happened(d: dict) -> bool:
    return not d.get("negated") and d.get("modality") in _HAPPENED


def _event_triples(m: _Minter, u: Any, w: Any, key: Any, d: dict,
                   direct_seen: set[tuple[Any, Any, Any]]) -> Iterator[Triple3]:
    """The event node's triples, and its direct triple unless ``direct_seen`` has it."""
    v = _vocab()
    gb = v.gb
    s = m.event(key)
    try:
        plover = Plover(d["plover"]).value
    except (KeyError, ValueError) as err:
        raise ExportError(f"event {key!r} has PLOVER type {d.get('plover')!r}; expected one "
                          f"of {', '.join(p.value for p in Plover)}") from err
    source, target = m.actor(u), m.actor(w)
    yield s, v.type, gb["Event"]
    yield s, v.identifier, _text(key)
    yield s, gb["eventType"], v.plover[plover]
    yield s, gb["sourceActor"], source
    yield s, gb["targetActor"], target
    modality = d.get("modality")
    if modality is not None:
        try:
            yield s, gb["modality"], v.modality[Modality(modality).value]
        except ValueError as err:
            raise ExportError(f"event {key!r} has modality {modality!r}; expected one of "
                              f"{', '.join(x.value for x in Modality)}") from err
    yield s, gb["negated"], v.true if d.get("negated") else v.false
    symmetric = bool(d.get("symmetric"))
    yield s, gb["symmetric"], v.true if symmetric else v.false
    for name in ("relation", "rule", "mode", "context", "trigger", "sentence"):
        if d.get(name) is not None:
            yield s, gb[name], _text(d[name])
    if d.get("date") is not None:
        yield s, gb["eventDate"], _date(d["date"])
    if d.get("confidence") is not None:
        yield s, gb["confidence"], _double(d["confidence"])
    for name, prop in (("start", "sentenceStart"), ("end", "sentenceEnd")):
        if d.get(name) is not None:
            yield s, gb[prop], ox.Literal(str(int(d[name])), datatype=v.xsd_integer)
    yield from _mention_triples(m, s, key, d)
    article_id = d.get("article_id")
    if article_id is not None:
        yield s, gb["article"], m.article(article_id)
    for source_id in dict.fromkeys([*_strings(d.get("sources")),
                                    *([] if article_id is None else [str(article_id)])]):
        yield s, v.derived, m.article(source_id)
    if _happened(d):
        prop = v.direct[plover]
        for direct in ((source, prop, target), (target, prop, source))[:2 if symmetric else 1]:
            if direct not in direct_seen:
                direct_seen.add(direct)
                yield direct


def _cited_articles(G: nx.MultiDiGraph) -> dict[str, dict | None]:
    """Every article of ``G``: the recorded ones first, then those only events cite."""
    articles: dict[str, dict | None] = dict(G.graph.get("articles") or {})
    for _, _, d in G.edges(data=True):
        for article_id in [d.get("article_id"), *_strings(d.get("sources"))]:
            if article_id is not None and article_id not in articles:
                articles[str(article_id)] = None
    return articles


def _edges(G: nx.MultiDiGraph) -> Iterator[tuple[Any, Any, Any, dict]]:
    if G.is_multigraph():
        yield from G.edges(keys=True, data=True)
    else:  # a plain DiGraph: the edge key is made of its two ends
        for u, w, d in G.edges(data=True):
            yield u, w, f"{u}->{w}", d


def _triple_sections(G: nx.MultiDiGraph, base_iri: str, named: bool
                     ) -> Iterator[tuple[str | None, Iterator[Triple3]]]:
    """``(article_id or None, triples)`` sections; with ``named=False`` one section only."""
    m = _Minter(base_iri)
    articles = _cited_articles(G)
    if not named:
        def everything() -> Iterator[Triple3]:
            yield from ((t.subject, t.predicate, t.object) for t in scheme_triples())
            for article_id, meta in articles.items():
                yield from _article_triples(m, article_id, meta)
            for key, d in G.nodes(data=True):
                yield from _actor_triples(m, key, d)
            seen: set[tuple[Any, Any, Any]] = set()
            for u, w, key, d in _edges(G):
                yield from _event_triples(m, u, w, key, d, seen)
        yield None, everything()
        return

    by_article: dict[str, list[tuple[Any, Any, Any, dict]]] = {a: [] for a in articles}
    loose: list[tuple[Any, Any, Any, dict]] = []
    involved_by_articles: set[Any] = set()
    for u, w, key, d in _edges(G):
        article_id = d.get("article_id")
        if article_id is None:
            loose.append((u, w, key, d))
        else:
            by_article[str(article_id)].append((u, w, key, d))
            involved_by_articles.update((u, w))

    def default_graph() -> Iterator[Triple3]:
        yield from ((t.subject, t.predicate, t.object) for t in scheme_triples())
        for key, d in G.nodes(data=True):
            if key not in involved_by_articles:  # actors in no article's event
                yield from _actor_triples(m, key, d)
        seen: set[tuple[Any, Any, Any]] = set()
        for node in dict.fromkeys(n for u, w, _, _ in loose for n in (u, w)):
            if node in involved_by_articles:
                yield from _actor_triples(m, node, G.nodes[node])
        for u, w, key, d in loose:  # events that name no article
            yield from _event_triples(m, u, w, key, d, seen)

    def article_graph(article_id: str) -> Iterator[Triple3]:
        yield from _article_triples(m, article_id, articles[article_id])
        edges = by_article[article_id]
        for node in dict.fromkeys(n for u, w, _, _ in edges for n in (u, w)):
            yield from _actor_triples(m, node, G.nodes[node])
        seen: set[tuple[Any, Any, Any]] = set()
        for u, w, key, d in edges:
            yield from _event_triples(m, u, w, key, d, seen)

    yield None, default_graph()
    for article_id in articles:
        yield article_id, article_graph(article_id)


def iter_triples(G: nx.MultiDiGraph, *, base_iri: str = DEFAULT_BASE_IRI
                 ) -> Iterator[ox.Triple]:
    """The RDF triples of ``G`` as pyoxigraph ``Triple`` objects, streamed.

    Examples
    --------
    >>> from graphbuild.graph import build_graph
    >>> triples = list(iter_triples(build_graph([])))
    >>> len(triples) == len(scheme_triples())
    True
    """
    for _, triples in _triple_sections(G, base_iri, named=False):
        for s, p, o in triples:
            yield ox.Triple(s, p, o)


def iter_quads(G: nx.MultiDiGraph, *, base_iri: str = DEFAULT_BASE_IRI
               ) -> Iterator[ox.Quad]:
    """The RDF quads of ``G``: one named graph per article (its IRI), as in TriG."""
    m = _Minter(base_iri)
    for article_id, triples in _triple_sections(G, base_iri, named=True):
        graph = ox.DefaultGraph() if article_id is None else m.article(article_id)
        for s, p, o in triples:
            yield ox.Quad(s, p, o, graph)


# --- rdflib -------------------------------------------------------------------------------

def _rdflib_converter() -> Callable[[Any], Any]:
    from rdflib import BNode, Literal, URIRef

    xsd_string = _XSD + "string"
    iris: dict[str, URIRef] = {}

    def convert(term: Any) -> Any:
        if isinstance(term, ox.NamedNode):
            iri = iris.get(term.value)
            if iri is None:
                iri = iris[term.value] = URIRef(term.value)
            return iri
        if isinstance(term, ox.Literal):
            if term.language:
                return Literal(term.value, lang=term.language)
            datatype = term.datatype.value
            if datatype == xsd_string:
                return Literal(term.value)
            return Literal(term.value, datatype=convert(term.datatype))
        if isinstance(term, ox.BlankNode):
            return BNode(term.value)
        raise ExportError(f"cannot convert {term!r} to rdflib")

    return convert


def _rdflib_serializer(fmt: str) -> str:
    """The rdflib serializer plugin for a format.

    rdflib's Turtle and TriG serializers write an ``xsd:double`` in the short form with
    six decimals (``1.234568e-01``), which changes the value. graphbuild registers
    variants that write doubles in full (``"0.123456789"^^xsd:double``) and use them.
    """
    if fmt not in ("ttl", "trig"):
        return _RDFLIB_FORMAT[fmt]
    from rdflib import XSD, Literal, plugin
    from rdflib.plugins.serializers.trig import TrigSerializer
    from rdflib.plugins.serializers.turtle import _GEN_QNAME_FOR_DT, TurtleSerializer
    from rdflib.serializer import Serializer

    name = f"graphbuild-{fmt}"
    base = TurtleSerializer if fmt == "ttl" else TrigSerializer
    try:
        plugin.get(name, Serializer)
    except plugin.PluginException:
        def label(self: Any, node: Any, position: int) -> str:
            if isinstance(node, Literal) and node.datatype == XSD.double:
                return node._literal_n3(
                    use_plain=False,
                    qname_callback=lambda dt: self.get_pname(dt, _GEN_QNAME_FOR_DT))
            return base.label(self, node, position)

        exact = type(f"Exact{base.__name__}", (base,), {"label": label})
        globals()[exact.__name__] = exact
        plugin.register(name, Serializer, __name__, exact.__name__)
    return name


def _bind(graph: rdflib.Graph, base_iri: str) -> None:
    for prefix, iri in _prefixes(base_iri).items():
        graph.bind(prefix, iri, override=True, replace=True)


def to_rdflib(G: nx.MultiDiGraph, *, base_iri: str = DEFAULT_BASE_IRI) -> rdflib.Graph:
    """The RDF of ``G`` as an ``rdflib.Graph`` (the same triples the Turtle export holds).

    Parameters
    ----------
    G
        A graph from :func:`graphbuild.graph.build_graph`.
    base_iri
        Where actor, event and article IRIs live; see :data:`DEFAULT_BASE_IRI`.

    Examples
    --------
    >>> from graphbuild.graph import build_graph
    >>> g = to_rdflib(build_graph([]), base_iri="http://example.com/kg/")
    >>> len(g) == len(scheme_triples())
    True
    """
    from rdflib import Graph

    convert = _rdflib_converter()
    graph = Graph()
    _bind(graph, base_iri)
    for _, triples in _triple_sections(G, base_iri, named=False):
        graph.addN((convert(s), convert(p), convert(o), graph) for s, p, o in triples)
    return graph


def to_rdflib_dataset(G: nx.MultiDiGraph, *, base_iri: str = DEFAULT_BASE_IRI
                      ) -> rdflib.Dataset:
    """The RDF of ``G`` as an ``rdflib.Dataset``: one named graph per article, as in TriG.

    Examples
    --------
    >>> from graphbuild.graph import build_graph
    >>> from graphbuild.types import Article
    >>> ds = to_rdflib_dataset(build_graph([], [Article("a1", "text")]))
    >>> "https://graphbuild.example.org/article/a1" in {str(g.identifier) for g in ds.graphs()}
    True
    """
    from rdflib import Dataset, URIRef

    convert = _rdflib_converter()
    ds = Dataset()
    _bind(ds, base_iri)
    m = _Minter(base_iri)
    for article_id, triples in _triple_sections(G, base_iri, named=True):
        graph = ds.default_graph if article_id is None else ds.graph(
            URIRef(m.article(article_id).value))
        graph.addN((convert(s), convert(p), convert(o), graph) for s, p, o in triples)
    return ds


# --- writing ------------------------------------------------------------------------------

def _prefixes(base_iri: str) -> dict[str, str]:
    """The vocabulary prefixes plus ``event:`` and ``article:`` for the data.

    (No ``actor:`` prefix: actor keys hold slashes, which Turtle would have to escape.)
    """
    return {**PREFIXES, "event": base_iri + "event/", "article": base_iri + "article/"}


def _canonical_format(format: str) -> str:
    try:
        return FORMAT_ALIASES[format.lower().lstrip(".")]
    except KeyError:
        raise ExportError(f"unknown format {format!r}; expected one of "
                          f"{', '.join(sorted(set(FORMAT_ALIASES.values())))}") from None


def write_graph(G: nx.MultiDiGraph, path: str | os.PathLike[str], format: str = "ttl", *,
                base_iri: str = DEFAULT_BASE_IRI, engine: str = "oxigraph") -> None:
    """Write ``G`` to ``path`` in one format; the file is replaced atomically.

    Parameters
    ----------
    G
        A graph from :func:`graphbuild.graph.build_graph`.
    path
        The file to write (its folder is created if needed).
    format
        ``ttl`` (Turtle), ``nt`` (N-Triples), ``trig`` (one named graph per article),
        ``nq`` (N-Quads, as TriG), ``jsonld`` (JSON-LD) or ``graphml`` (for Gephi; lists
        become JSON strings and ``None`` an empty string).
    base_iri
        Where actor, event and article IRIs live; see :data:`DEFAULT_BASE_IRI`.
    engine
        ``oxigraph`` (default, fast) or ``rdflib`` (builds an ``rdflib`` graph first, then
        uses its serialiser; slow on large graphs). Both write the same RDF graph.

    Raises
    ------
    ExportError
        For an unknown format or engine, a bad base IRI, a value that cannot be written,
        or a file that cannot be written.

    Examples
    --------
    >>> import tempfile, os
    >>> from graphbuild.graph import build_graph
    >>> from graphbuild.types import Actor, ActorType, Event, Plover
    >>> ind = Actor("India", ActorType.COUNTRY, "IND")
    >>> rus = Actor("Russia", ActorType.COUNTRY, "RUS")
    >>> G = build_graph([Event("a1", ind, rus, Plover.CONSULT, "hold talks",
    ...                        "India held talks with Russia.", 0, 29)])
    >>> path = os.path.join(tempfile.mkdtemp(), "events.ttl")
    >>> write_graph(G, path)
    >>> "gb:consult" in open(path, encoding="utf-8").read()
    True
    """
    fmt = _canonical_format(format)
    if engine not in ("oxigraph", "rdflib"):
        raise ExportError(f"unknown engine {engine!r}; expected 'oxigraph' or 'rdflib'")
    ns.check_base_iri(base_iri)

    if fmt == "graphml":
        def write(fh: IO[bytes]) -> None:
            _write_graphml(G, fh)
    elif engine == "rdflib":
        def write(fh: IO[bytes]) -> None:
            graph = (to_rdflib_dataset if fmt in _DATASET_FORMATS else to_rdflib)(
                G, base_iri=base_iri)
            options: dict[str, Any] = {}
            if fmt == "jsonld":
                options["context"] = dict(PREFIXES)
            graph.serialize(destination=fh, format=_rdflib_serializer(fmt), encoding="utf-8",
                            **options)
    else:
        def write(fh: IO[bytes]) -> None:
            items: Iterable[Any] = (iter_quads(G, base_iri=base_iri) if fmt in _DATASET_FORMATS
                                    else iter_triples(G, base_iri=base_iri))
            prefixes = _prefixes(base_iri) if fmt in ("ttl", "trig") else None
            ox.serialize(items, fh, format=getattr(ox.RdfFormat, _OX_FORMAT[fmt]),
                         prefixes=prefixes)
    try:
        with atomic_write(path, "wb") as fh:
            write(fh)
    except ExportError:
        raise
    except OSError as err:
        raise ExportError(f"cannot write {os.fspath(path)!r}: {err}") from err
    except UnicodeEncodeError as err:  # a lone surrogate ("\ud800") in a label or a text
        raise ExportError(f"cannot write {os.fspath(path)!r}: a value holds "
                          f"{err.object[err.start:err.end]!r}, a lone surrogate, which is "
                          "not text") from err
    logger.info("wrote %s (%s)", os.fspath(path), fmt)


def write_turtle(G: nx.MultiDiGraph, path: str | os.PathLike[str], *,
                 base_iri: str = DEFAULT_BASE_IRI) -> None:
    """Write ``G`` as Turtle: ``write_graph(G, path, "ttl")``, the call for notebooks.

    Examples
    --------
    >>> import tempfile, os
    >>> from graphbuild.graph import build_graph
    >>> path = os.path.join(tempfile.mkdtemp(), "empty.ttl")
    >>> write_turtle(build_graph([]), path)
    >>> open(path, encoding="utf-8").read().startswith("@prefix")
    True
    """
    write_graph(G, path, "ttl", base_iri=base_iri)


# --- GraphML ------------------------------------------------------------------------------

_XML_BAD = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot hold replaced by U+FFFD."""
    return _XML_BAD.sub("\ufffd", text)


def _graphml_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, (list, tuple, set, frozenset, dict)):
        if isinstance(value, (set, frozenset)):
            value = sorted(value, key=str)
        return _xml_text(json.dumps(value, ensure_ascii=False, default=str))
    return _xml_text(str(value))


def _graphml_ready(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``G`` whose keys and attributes GraphML (and Gephi) can hold."""
    import networkx as nx

    H = nx.MultiDiGraph()
    for name, value in G.graph.items():
        H.graph[_xml_text(str(name))] = _graphml_value(value)
    for node, d in G.nodes(data=True):
        H.add_node(_xml_text(str(node)), **{_xml_text(str(k)): _graphml_value(v)
                                             for k, v in d.items()})
    for u, w, key, d in _edges(G):
        H.add_edge(_xml_text(str(u)), _xml_text(str(w)), key=_xml_text(str(key)),
                   **{_xml_text(str(k)): _graphml_value(v) for k, v in d.items()})
    # GraphML declares one type per attribute: an attribute with mixed types becomes text
    for items in (H.nodes(data=True), H.edges(data=True)):
        types: dict[str, set[type]] = {}
        rows = list(items)
        for row in rows:
            for k, v in row[-1].items():
                types.setdefault(k, set()).add(type(v))
        mixed = {k for k, seen in types.items() if len(seen) > 1}
        for row in rows:
            for k in mixed & set(row[-1]):
                v = row[-1][k]
                row[-1][k] = v if isinstance(v, str) else json.dumps(v)
    return H


def _write_graphml(G: nx.MultiDiGraph, fh: IO[bytes]) -> None:
    import networkx as nx

    nx.write_graphml(_graphml_ready(G), fh, encoding="utf-8")
