"""Events as numbers before anything is drawn: one pass over the graph, then counts.

A diagram never walks the graph's edges more than once: :func:`event_table` reads each event
into a few integer arrays (who, to whom, PLOVER type, what the text says of it, mutual or not,
day), in time and memory linear in the number of events; every diagram then counts with
numpy. :func:`actor_view` and :func:`country_view` reduce the table to what a network picture
can show: the busiest actors, or states (an actor counts for its state), the strongest pairs,
and how much was left out ("and N more").

Examples
--------
>>> from graphbuild.graph import build_graph
>>> from graphbuild.types import Actor, ActorType, Event, Plover
>>> a = Actor("Syldavia", ActorType.COUNTRY, "SYL")
>>> b = Actor("Borduria", ActorType.COUNTRY, "BOR")
>>> p = Actor("Ana Quill", ActorType.PERSON, "SYL")
>>> G = build_graph([Event("n1", a, b, Plover.ACCUSE, "accuse", "...", 0, 3),
...                  Event("n1", p, b, Plover.ACCUSE, "blame", "...", 4, 9)])
>>> view = country_view(G, event_table(G))
>>> sorted(view.nodes), view.groups
(['BOR', 'SYL'], {('BOR', 'SYL', 'verbal conflict', 'asserted', True): 2})
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import networkx as nx

from ..errors import InputError
from ..types import ActorType, Plover, QuadClass
from .reading import actor_type, drawable, parse_date

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

__all__ = ["EventTable", "View", "actor_view", "country_view", "event_table"]

#: What the text says of an event, in the order of the table's ``style`` codes.
STYLES: tuple[str, ...] = ("asserted", "planned", "possible", "negated")
PLOVERS: tuple[Plover, ...] = tuple(Plover)
QUADS: tuple[QuadClass, ...] = tuple(QuadClass)
_PLOVER_INDEX = {p.value: i for i, p in enumerate(PLOVERS)}
_QUAD_OF_PLOVER = [QUADS.index(p.quad) for p in PLOVERS]


@dataclass(frozen=True)
class EventTable:
    """The events of a graph as arrays, one entry an event.

    ``src`` and ``dst`` index :attr:`nodes`; ``plover`` indexes :data:`PLOVERS`; ``style``
    indexes :data:`STYLES`; ``day`` is the proleptic ordinal of the event's date (else its
    article's), 0 when neither is known.
    """

    nodes: tuple[str, ...]
    src: np.ndarray
    dst: np.ndarray
    plover: np.ndarray
    style: np.ndarray
    sym: np.ndarray
    day: np.ndarray
    articles: int
    article_days: tuple[int, ...] = field(default=())

    def __len__(self) -> int:
        return len(self.src)

    @property
    def quad(self) -> np.ndarray:
        import numpy as np

        return np.asarray(_QUAD_OF_PLOVER, dtype=np.int8)[self.plover]

    @property
    def happened(self) -> np.ndarray:
        return self.style == 0

    def node_events(self) -> np.ndarray:
        """How many events each node takes part in (an event with itself counts once)."""
        import numpy as np

        n = len(self.nodes)
        both = np.bincount(self.src, minlength=n) + np.bincount(self.dst, minlength=n)
        return both - np.bincount(self.src[self.src == self.dst], minlength=n)

    def span(self) -> tuple[dt.date, dt.date] | None:
        """First and last day of the events (else of the articles), or None."""
        days = self.day[self.day > 0]
        if len(days):
            return dt.date.fromordinal(int(days.min())), dt.date.fromordinal(int(days.max()))
        if self.article_days:
            return (dt.date.fromordinal(min(self.article_days)),
                    dt.date.fromordinal(max(self.article_days)))
        return None


def _plover_code(value: object, u: str, v: str) -> int:
    code = _PLOVER_INDEX.get(value) if isinstance(value, str) else None
    if code is None:
        try:
            code = _PLOVER_INDEX[Plover(value).value]
        except ValueError as err:
            raise InputError(f"event {u} -> {v} has PLOVER type {value!r}; valid: "
                             f"{', '.join(p.value for p in Plover)}") from err
    return code


def _style_code(d: Mapping[str, Any]) -> int:
    if d.get("negated"):
        return 3
    modality = d.get("modality")
    return 1 if modality == "planned" else 2 if modality == "possible" else 0


class _Days:
    """Day ordinals of date values, each distinct value parsed once."""

    def __init__(self, G: nx.MultiDiGraph) -> None:
        self.articles = G.graph.get("articles", {}) or {}
        self.seen: dict[object, int] = {}
        self.of_article: dict[object, int] = {}

    def value(self, value: object) -> int:
        try:
            return self.seen[value]
        except KeyError:
            date = parse_date(value)
            day = date.toordinal() if date else 0
            if isinstance(value, str | dt.date):
                self.seen[value] = day
            return day
        except TypeError:  # an unhashable value
            return 0

    def of(self, d: Mapping[str, Any]) -> int:
        day = self.value(d.get("date")) if d.get("date") else 0
        if day:
            return day
        article = d.get("article_id")
        try:
            return self.of_article[article]
        except KeyError:
            day = self.value((self.articles.get(article) or {}).get("date"))
            self.of_article[article] = day
            return day
        except TypeError:
            return 0


def event_table(G: nx.MultiDiGraph) -> EventTable:
    """Read every event of ``G`` once into an :class:`EventTable`.

    Raises
    ------
    InputError
        An event has a PLOVER type that is not one.
    """
    import numpy as np

    index = {n: i for i, n in enumerate(G.nodes)}
    src, dst = array("l"), array("l")
    plover, style, sym = array("b"), array("b"), array("b")
    day = array("l")
    days = _Days(G)
    articles: set = set()
    for u, v, d in G.edges(data=True):
        src.append(index[u])
        dst.append(index[v])
        plover.append(_plover_code(d.get("plover"), u, v))
        style.append(_style_code(d))
        sym.append(1 if d.get("symmetric") else 0)
        day.append(days.of(d))
        if d.get("article_id"):
            articles.add(d["article_id"])
        sources = d.get("sources")
        if sources:
            articles.update(sources)
    article_days = tuple(x for x in (days.value((a or {}).get("date"))
                                     for a in days.articles.values()) if x)
    return EventTable(tuple(G.nodes), np.frombuffer(src, dtype=np.int_).astype(np.int64),
                      np.frombuffer(dst, dtype=np.int_).astype(np.int64),
                      np.frombuffer(plover, dtype=np.int8), np.frombuffer(style, dtype=np.int8),
                      np.frombuffer(sym, dtype=np.int8).astype(bool),
                      np.frombuffer(day, dtype=np.int_).astype(np.int64), len(articles),
                      article_days)


# --------------------------------------------------------------------------------------
# what a network picture shows
# --------------------------------------------------------------------------------------

@dataclass
class ViewNode:
    """One dot of a network picture: an actor, or a state with everyone who acts for it."""

    id: str
    label: str
    type: ActorType
    country: str | None
    events: int
    members: int = 1


@dataclass
class View:
    """What a network picture shows, already counted.

    ``groups`` maps ``(from, to, what, style, mutual)`` to a number of events; ``what`` is a
    PLOVER type for actors and a quad class for states. ``hidden_nodes`` and
    ``hidden_events`` count what did not fit; ``hidden_pairs`` the pairs left undrawn.
    """

    level: str
    nodes: dict[str, ViewNode]
    groups: dict[tuple[str, str, str, str, bool], int]
    events: int
    actors: int
    hidden_nodes: int = 0
    hidden_events: int = 0
    hidden_pairs: int = 0
    inside: int = 0
    focus: str | None = None
    by: str = "plover"


def _top(values: np.ndarray, keys: list[str], limit: int) -> np.ndarray:
    """Indices of the ``limit`` largest ``values`` (ties by key), busiest first."""
    import numpy as np

    order = sorted(np.flatnonzero(values > 0).tolist(), key=lambda i: (-int(values[i]), keys[i]))
    return np.asarray(order[:limit], dtype=np.int64)


def _count(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    import numpy as np

    if not len(keys):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.unique(keys, return_counts=True)


def actor_view(G: nx.MultiDiGraph, table: EventTable, *, max_actors: int = 60,
               keep: str | None = None, max_groups: int = 120) -> View:
    """The busiest ``max_actors`` actors (always ``keep``) and the events among them, one
    group per (from, to, PLOVER type, style, mutual); mutual events have their ends sorted.
    When that makes more than ``max_groups`` lines, one group per (from, to, quad class,
    mutual) instead."""
    import numpy as np

    n = len(table.nodes)
    events = table.node_events()
    ids = list(table.nodes)
    if keep is not None:
        events = events.copy()
        events[ids.index(keep)] += 10 ** 12  # first, whatever its count
    chosen = _top(events, ids, max_actors)
    if keep is not None:
        events[ids.index(keep)] -= 10 ** 12
    shown = np.zeros(n, dtype=bool)
    shown[chosen] = True
    inside = shown[table.src] & shown[table.dst] & (table.src != table.dst)
    a, b = table.src[inside], table.dst[inside]
    sym = table.sym[inside]
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    a, b = np.where(sym, lo, a), np.where(sym, hi, b)
    by = "plover"
    key = (((a * n + b) * len(PLOVERS) + table.plover[inside]) * 4 + table.style[inside]) * 2 + sym
    uniq, counts = _count(key)
    if len(uniq) > max_groups:
        by = "quad"
        key = (((a * n + b) * len(PLOVERS) + table.quad[inside]) * 4) * 2 + sym
        uniq, counts = _count(key)
    names = [p.value for p in PLOVERS] if by == "plover" else [q.value for q in QUADS]
    groups = {}
    for k, c in zip(uniq.tolist(), counts.tolist(), strict=True):
        rest, s = divmod(k, 2)
        rest, style = divmod(rest, 4)
        rest, p = divmod(rest, len(PLOVERS))
        u, v = divmod(rest, n)
        ends = tuple(sorted((ids[u], ids[v]))) if s else (ids[u], ids[v])
        groups[(*ends, names[p], STYLES[style], bool(s))] = int(c)
    nodes = {ids[i]: _actor_node(G, ids[i], int(events[i])) for i in chosen.tolist()}
    hidden = int((~(shown[table.src] & shown[table.dst])).sum())
    return View("actors", nodes, groups, len(table), G.number_of_nodes(),
                hidden_nodes=int((events > 0).sum()) - len(nodes), hidden_events=hidden,
                focus=keep, by=by)


def _actor_node(G: nx.MultiDiGraph, node: str, events: int) -> ViewNode:
    data = G.nodes[node]
    return ViewNode(node, drawable(str(data.get("label") or node)), actor_type(data),
                    data.get("country") or None, events)


def country_labels(G: nx.MultiDiGraph) -> dict[str, str]:
    """State code -> the label of the state's own node, else the state's ISO name, else the
    code."""
    out: dict[str, str] = {}
    for _, d in G.nodes(data=True):
        code = d.get("country")
        if not code:
            continue
        if actor_type(d) is ActorType.COUNTRY and d.get("label"):
            out[code] = drawable(str(d["label"]))
        elif code not in out:
            out[code] = _iso_name(str(code))
    return out


def _iso_name(code: str) -> str:
    try:
        import pycountry

        found = pycountry.countries.get(alpha_3=code)
    except (ImportError, LookupError, KeyError):  # pragma: no cover - pycountry is a dependency
        found = None
    return drawable(getattr(found, "common_name", None) or getattr(found, "name", None) or code)


def _buckets(G: nx.MultiDiGraph, table: EventTable) -> tuple[list[str], np.ndarray, dict]:
    """Each node's bucket: its state's code, else the node itself; and the buckets' data."""
    import numpy as np

    names: list[str] = []
    where: dict[str, int] = {}
    of_node = np.zeros(len(table.nodes), dtype=np.int64)
    labels = country_labels(G)
    info: dict[str, tuple[str, ActorType, str | None]] = {}
    for i, node in enumerate(table.nodes):
        data = G.nodes[node]
        code = data.get("country") or None
        bucket = code or node
        if bucket not in where:
            where[bucket] = len(names)
            names.append(bucket)
            info[bucket] = ((labels.get(code, code), ActorType.COUNTRY, code) if code else
                            (drawable(str(data.get("label") or node)), actor_type(data), None))
        of_node[i] = where[bucket]
    return names, of_node, info


def country_view(G: nx.MultiDiGraph, table: EventTable, *, max_nodes: int = 20,
                 max_lines: int = 60) -> View:
    """States, each with the events of everyone who acts for it (people, organisations);
    an actor of no state stands for itself. The busiest ``max_nodes`` are shown, and the
    ``max_lines`` strongest (pair, quad class) groups of events between them, each pair
    counted either way (``mutual`` is True: the line has no direction)."""
    import numpy as np

    names, of_node, info = _buckets(G, table)
    m = len(names)
    a, b = of_node[table.src], of_node[table.dst]
    between = a != b
    per = np.bincount(a, minlength=m) + np.bincount(b[between], minlength=m)
    chosen = _top(per, names, max_nodes)
    shown = np.zeros(m, dtype=bool)
    shown[chosen] = True
    inside = between & shown[a] & shown[b]
    lo, hi = np.minimum(a[inside], b[inside]), np.maximum(a[inside], b[inside])
    uniq, counts = _count((lo * m + hi) * len(QUADS) + table.quad[inside])
    strongest = sorted(range(len(uniq)), key=lambda i: (-int(counts[i]), int(uniq[i])))
    groups: dict[tuple[str, str, str, str, bool], int] = {}
    for i in strongest[:max_lines]:
        pair, q = divmod(int(uniq[i]), len(QUADS))
        u, v = divmod(pair, m)
        groups[(*sorted((names[u], names[v])), QUADS[q].value, "asserted", True)] = int(counts[i])
    pairs = len(np.unique(uniq // len(QUADS))) if len(uniq) else 0
    drawn = len({g[:2] for g in groups})
    members = np.bincount(of_node, minlength=m)
    nodes = {}
    for i in chosen.tolist():
        label, kind, code = info[names[i]]
        nodes[names[i]] = ViewNode(names[i], label, kind, code, int(per[i]), int(members[i]))
    return View("states", nodes, groups, len(table), G.number_of_nodes(),
                hidden_nodes=int((per > 0).sum()) - len(nodes),
                hidden_events=int((between & ~(shown[a] & shown[b])).sum()),
                hidden_pairs=pairs - drawn, inside=int((~between).sum()), by="quad")
