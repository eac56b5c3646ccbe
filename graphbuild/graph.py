"""Events -> a plain ``networkx.MultiDiGraph``; merge, aggregate and filter it.

Nodes are actors keyed by :attr:`Actor.id`, with ``label``, ``type``, ``country``, ``role``
and ``aliases``. Each edge is one event, keyed by :attr:`Event.id`, with its PLOVER type,
quad class, attributes and provenance as edge data. Symmetric events (meet, talks, sign)
are one edge, marked ``symmetric=True``, never two.

``G.graph["articles"]`` maps each article id to its metadata (title, date, url, source).

Examples
--------
>>> from graphbuild.types import Actor, ActorType, Event, Plover
>>> ind = Actor("India", ActorType.COUNTRY, "IND")
>>> rus = Actor("Russia", ActorType.COUNTRY, "RUS")
>>> ev = Event("a1", ind, rus, Plover.COOPERATE, "cooperate", "India and Russia cooperate.", 0, 28,
...            symmetric=True)
>>> G = build_graph([ev])
>>> sorted(G.nodes)
['country/IND', 'country/RUS']
>>> [d["plover"] for _, _, d in G.edges(data=True)]
['COOPERATE']
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from enum import Enum
from typing import TYPE_CHECKING

from .types import Actor, ActorType, Article, Event, Modality, Plover, Sector

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx  # imported where a graph is made: `extract` needs none

__all__ = [
    "build_graph",
    "add_event",
    "add_article",
    "event_records",
    "graph_from_records",
    "merge_graphs",
    "merge_duplicate_events",
    "filter_events",
    "count_by_type",
    "actor_from_node",
    "event_from_edge",
    "actor_to_dict",
    "actor_from_dict",
    "event_to_dict",
    "event_from_dict",
    "article_to_dict",
    "article_from_dict",
]


def _node_data(actor: Actor) -> dict:
    data = {
        "label": actor.label,
        "type": actor.type.value,
        "country": actor.country,
        "role": actor.role,
        "aliases": sorted(set(actor.aliases) | {actor.label}),
        "sector": actor.sector.value if actor.sector else None,
    }
    if actor.key:
        data["key"] = actor.key
    return data


def _edge_data(event: Event) -> dict:
    return {
        "plover": event.plover.value,
        "quad": event.quad.value,
        "relation": event.relation,
        "negated": event.negated,
        "modality": event.modality.value,
        "symmetric": event.symmetric,
        "sentence": event.sentence,
        "start": event.start,
        "end": event.end,
        "article_id": event.article_id,
        "confidence": float(event.confidence),
        "rule": event.rule,
        "mode": event.mode,
        "context": event.context,
        "date": event.date.isoformat() if event.date else None,
        "trigger": event.trigger,
        "sources": sorted(set(event.sources) | {event.article_id}),
        "subject_start": event.subject_start,
        "subject_end": event.subject_end,
        "object_start": event.object_start,
        "object_end": event.object_end,
    }


def _add_actor(G: nx.MultiDiGraph, actor: Actor) -> str:
    node = actor.id
    if node in G:
        data = G.nodes[node]
        data["aliases"] = sorted(set(data.get("aliases", [])) | set(actor.aliases) | {actor.label})
        if not data.get("role") and actor.role:
            data["role"] = actor.role
        if not data.get("sector") and actor.sector:
            data["sector"] = actor.sector.value
    else:
        G.add_node(node, **_node_data(actor))
    return node


def add_article(G: nx.MultiDiGraph, article: Article) -> None:
    """Record an article's metadata in ``G.graph["articles"]``."""
    G.graph.setdefault("articles", {})[article.id] = {
        "title": article.title,
        "date": article.date.isoformat() if article.date else None,
        "url": article.url,
        "source": article.source,
    }


def add_event(G: nx.MultiDiGraph, event: Event) -> str:
    """Add ``event`` (and its two actors) to ``G``; return the edge key."""
    u = _add_actor(G, event.source)
    v = _add_actor(G, event.target)
    key = event.id
    G.add_edge(u, v, key=key, **_edge_data(event))
    return key


def build_graph(events: Iterable[Event], articles: Iterable[Article] = (), *,
                name: str = "graphbuild") -> nx.MultiDiGraph:
    """Build a ``MultiDiGraph`` with a node per actor and an edge per event."""
    import networkx as nx

    G = nx.MultiDiGraph(name=name)
    G.graph["articles"] = {}
    for article in articles:
        add_article(G, article)
    for event in events:
        add_event(G, event)
    return G


def actor_from_node(G: nx.MultiDiGraph, node: str) -> Actor:
    """The :class:`Actor` a node stands for."""
    d = G.nodes[node]
    return Actor(
        label=d.get("label", node),
        type=ActorType(d.get("type", "ORG")),
        country=d.get("country"),
        role=d.get("role"),
        aliases=tuple(a for a in d.get("aliases", []) if a != d.get("label")),
        key=d.get("key"),
        sector=Sector(d["sector"]) if d.get("sector") else None,
    )


def event_from_edge(G: nx.MultiDiGraph, u: str, v: str, key: str) -> Event:
    """The :class:`Event` an edge stands for."""
    d = G.edges[u, v, key]
    date = d.get("date")
    return Event(
        article_id=d["article_id"],
        source=actor_from_node(G, u),
        target=actor_from_node(G, v),
        plover=Plover(d["plover"]),
        relation=d.get("relation", ""),
        sentence=d.get("sentence", ""),
        start=int(d.get("start", 0)),
        end=int(d.get("end", 0)),
        negated=bool(d.get("negated", False)),
        modality=Modality(d.get("modality", "asserted")),
        symmetric=bool(d.get("symmetric", False)),
        confidence=float(d.get("confidence", 0.5)),
        rule=d.get("rule", ""),
        mode=d.get("mode"),
        context=d.get("context"),
        date=dt.date.fromisoformat(date) if date else None,
        trigger=d.get("trigger"),
        sources=tuple(d.get("sources", ())),
        subject_start=d.get("subject_start"),
        subject_end=d.get("subject_end"),
        object_start=d.get("object_start"),
        object_end=d.get("object_end"),
    )


def _encode(value: object) -> object:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Actor):
        return actor_to_dict(value)
    if isinstance(value, (tuple, list)):
        return [_encode(v) for v in value]
    return value


def _decoded(cls: type, data: Mapping, special: Mapping[str, object]) -> dict:
    """Keyword arguments of ``cls`` from a dict: lists become tuples; fields it lacks keep
    their defaults; keys the class does not have (from a newer graphbuild) are ignored."""
    out: dict = {}
    for f in dataclasses.fields(cls):
        if f.name not in data:
            continue
        value = data[f.name]
        convert = special.get(f.name)
        if convert is not None and value is not None:
            value = convert(value)  # type: ignore[operator]
        elif isinstance(value, list):
            value = tuple(value)
        out[f.name] = value
    return out


def actor_to_dict(actor: Actor) -> dict:
    """Every field of ``actor`` as a JSON-able dict; :func:`actor_from_dict` reads it back."""
    return {f.name: _encode(getattr(actor, f.name)) for f in dataclasses.fields(Actor)}


def actor_from_dict(data: Mapping) -> Actor:
    """The :class:`Actor` of an :func:`actor_to_dict` dict."""
    return Actor(**_decoded(Actor, data, {"type": ActorType, "sector": Sector}))


def event_to_dict(event: Event) -> dict:
    """Every field of ``event`` as a JSON-able dict, lossless (the cache and the Dask workers use it).

    Unlike :func:`event_records` (a flat row of a graph), this keeps the actors whole: role,
    aliases and all, so ``event_from_dict(event_to_dict(ev)) == ev``. Every dataclass field
    is written, so a field added to :class:`Event` or :class:`Actor` is carried too.

    Examples
    --------
    >>> import json
    >>> ind = Actor("India", ActorType.COUNTRY, "IND")
    >>> p = Actor("Jane Roe", ActorType.PERSON, "FRA", role="Minister", aliases=("Roe",))
    >>> ev = Event("a1", p, ind, Plover.CONSULT, "meet", "Roe met India.", 0, 14,
    ...            date=dt.date(2024, 5, 1), sources=("a1",))
    >>> event_from_dict(json.loads(json.dumps(event_to_dict(ev)))) == ev
    True
    """
    return {f.name: _encode(getattr(event, f.name)) for f in dataclasses.fields(Event)}


def event_from_dict(data: Mapping) -> Event:
    """The :class:`Event` of an :func:`event_to_dict` dict.

    Raises
    ------
    KeyError, ValueError, TypeError
        When a required field is missing or a field holds a value of the wrong kind.
    """
    return Event(**_decoded(Event, data, {
        "source": actor_from_dict, "target": actor_from_dict, "plover": Plover,
        "modality": Modality, "date": dt.date.fromisoformat}))


def article_to_dict(article: Article) -> dict:
    """Every field of ``article`` as a JSON-able dict; :func:`article_from_dict` reads it back.

    >>> a = Article("a1", "Text.", title="T", date=dt.date(2024, 1, 2))
    >>> article_from_dict(article_to_dict(a)) == a
    True
    """
    return {f.name: _encode(getattr(article, f.name)) for f in dataclasses.fields(Article)}


def article_from_dict(data: Mapping) -> Article:
    """The :class:`Article` of an :func:`article_to_dict` dict."""
    return Article(**_decoded(Article, data, {"date": dt.date.fromisoformat}))


def event_records(G: nx.MultiDiGraph) -> Iterator[dict]:
    """One flat dict per event, ready for ``pandas.DataFrame(list(...))`` or jsonl.

    ``doc_date`` is the date of the event's article (ISO), when known.
    """
    articles = G.graph.get("articles", {})
    for u, v, key, d in G.edges(keys=True, data=True):
        s, o = G.nodes[u], G.nodes[v]
        yield {
            "event_id": key,
            "doc_id": d["article_id"],
            "doc_date": (articles.get(d["article_id"]) or {}).get("date"),
            "subject": s.get("label"),
            "subject_type": s.get("type"),
            "subject_country": s.get("country"),
            "relation": d.get("relation"),
            "plover": d.get("plover"),
            "quad": d.get("quad"),
            "object": o.get("label"),
            "object_type": o.get("type"),
            "object_country": o.get("country"),
            **{k: d.get(k) for k in ("negated", "modality", "symmetric", "mode", "context", "date",
                                     "sentence", "start", "end", "confidence", "rule", "sources")},
            "subject_sector": s.get("sector"),
            "object_sector": o.get("sector"),
            **{k: d.get(k) for k in ("subject_start", "subject_end", "object_start", "object_end")},
        }


def graph_from_records(records: Iterable[Mapping], *, name: str = "graphbuild") -> nx.MultiDiGraph:
    """Rebuild a graph from the flat dicts of :func:`event_records` (an ``events.jsonl``).

    Actors get back their label, type and country (roles and aliases are not in the
    records); each edge keeps its ``event_id``. Articles are known by id and, where the
    record has ``doc_date``, by date.

    Raises
    ------
    InputError
        A record lacks a field or holds a bad value; ``line`` is its 1-based position.

    Examples
    --------
    >>> ind = Actor("India", ActorType.COUNTRY, "IND")
    >>> rus = Actor("Russia", ActorType.COUNTRY, "RUS")
    >>> G = build_graph([Event("a1", ind, rus, Plover.AID, "send aid", "India aids Russia.", 0, 18)])
    >>> H = graph_from_records(event_records(G))
    >>> list(H.edges(keys=True)) == list(G.edges(keys=True))
    True
    >>> graph_from_records([{"subject": "India"}])
    Traceback (most recent call last):
    ...
    graphbuild.errors.InputError: event record lacks 'doc_id'
    """
    import networkx as nx

    from .errors import InputError

    G = nx.MultiDiGraph(name=name)
    G.graph["articles"] = {}
    for i, rec in enumerate(records, 1):
        try:
            def actor(role: str, rec: Mapping = rec) -> Actor:
                sector = rec.get(f"{role}_sector")
                return Actor(str(rec[role]), ActorType(rec.get(f"{role}_type") or "ORG"),
                             rec.get(f"{role}_country") or None,
                             sector=Sector(sector) if sector else None)

            def offset(name: str, rec: Mapping = rec) -> int | None:
                value = rec.get(name)
                return None if value is None else int(value)

            date = rec.get("date")
            event = Event(
                article_id=str(rec["doc_id"]), source=actor("subject"), target=actor("object"),
                plover=Plover(rec["plover"]), relation=rec.get("relation") or "",
                sentence=rec.get("sentence") or "", start=int(rec.get("start") or 0),
                end=int(rec.get("end") or 0), negated=bool(rec.get("negated")),
                modality=Modality(rec.get("modality") or "asserted"),
                symmetric=bool(rec.get("symmetric")),
                confidence=float(rec.get("confidence", 0.5) or 0.0), rule=rec.get("rule") or "",
                mode=rec.get("mode"), context=rec.get("context"),
                date=dt.date.fromisoformat(str(date)[:10]) if date else None,
                sources=tuple(rec.get("sources") or ()),
                subject_start=offset("subject_start"), subject_end=offset("subject_end"),
                object_start=offset("object_start"), object_end=offset("object_end"))
        except KeyError as err:
            raise InputError(f"event record lacks {err.args[0]!r}", line=i) from err
        except (TypeError, ValueError) as err:
            raise InputError(f"bad event record: {err}", line=i) from err
        u = _add_actor(G, event.source)
        v = _add_actor(G, event.target)
        G.add_edge(u, v, key=str(rec.get("event_id") or event.id), **_edge_data(event))
        for article in event.sources or (event.article_id,):
            G.graph["articles"].setdefault(article, {"title": None, "date": None, "url": None,
                                                     "source": None})
        if rec.get("doc_date"):
            G.graph["articles"][event.article_id]["date"] = str(rec["doc_date"])[:10]
    return G


def merge_graphs(graphs: Iterable[nx.MultiDiGraph]) -> nx.MultiDiGraph:
    """Union of several graphs: nodes' aliases are joined, edges are kept once by key."""
    import networkx as nx

    out = nx.MultiDiGraph(name="graphbuild")
    out.graph["articles"] = {}
    for G in graphs:
        out.graph["articles"].update(G.graph.get("articles", {}))
        for node, data in G.nodes(data=True):
            if node in out:
                mine = out.nodes[node]
                mine["aliases"] = sorted(set(mine.get("aliases", [])) | set(data.get("aliases", [])))
                if not mine.get("role") and data.get("role"):
                    mine["role"] = data["role"]
            else:
                out.add_node(node, **{**data, "aliases": list(data.get("aliases", []))})
        for u, v, key, data in G.edges(keys=True, data=True):
            if not out.has_edge(u, v, key):
                out.add_edge(u, v, key=key, **data)
    return out


def _same_day(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days) <= 1


def merge_duplicate_events(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Fold reports of one event in several articles into one edge with several ``sources``.

    Two edges are the same event when they join the same actors (in either order if
    symmetric), have the same type, negation and modality, come from different articles
    and their dates are within a day (or both unknown). The edge kept is the one with the
    highest confidence; its ``sources`` lists every article. Returns a new graph.
    """
    H = G.copy()
    groups: dict[tuple, list[tuple[str, str, str]]] = {}
    for u, v, key, d in G.edges(keys=True, data=True):
        ends = tuple(sorted((u, v))) if d.get("symmetric") else (u, v)
        sig = (ends, d["plover"], bool(d.get("negated")), d.get("modality"))
        groups.setdefault(sig, []).append((u, v, key))
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda e: -float(G.edges[e].get("confidence", 0)))
        kept: list[tuple[str, str, str]] = []
        for edge in members:
            d = G.edges[edge]
            for k in kept:
                kd = H.edges[k]
                if d["article_id"] not in kd["sources"] and _same_day(kd.get("date"), d.get("date")):
                    kd["sources"] = sorted(set(kd["sources"]) | set(d.get("sources", [])))
                    H.remove_edge(*edge)
                    break
            else:
                kept.append(edge)
    return H


def filter_events(G: nx.MultiDiGraph, *, plover: Iterable[str] | None = None,
                  happened_only: bool = False, min_confidence: float = 0.0) -> nx.MultiDiGraph:
    """A copy of ``G`` keeping only the events that pass; actors left with no event go too."""
    import networkx as nx

    types = {Plover(p).value for p in plover} if plover is not None else None
    H = nx.MultiDiGraph(**G.graph)
    for u, v, key, d in G.edges(keys=True, data=True):
        if types is not None and d["plover"] not in types:
            continue
        if happened_only and (d.get("negated") or d.get("modality") not in ("asserted", "reported")):
            continue
        if float(d.get("confidence", 0)) < min_confidence:
            continue
        H.add_node(u, **G.nodes[u])
        H.add_node(v, **G.nodes[v])
        H.add_edge(u, v, key=key, **d)
    return H


def count_by_type(G: nx.MultiDiGraph) -> Mapping[str, int]:
    """How many events of each PLOVER type ``G`` holds, most common first."""
    return dict(Counter(d["plover"] for _, _, d in G.edges(data=True)).most_common())
