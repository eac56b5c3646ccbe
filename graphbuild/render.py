"""Matplotlib diagrams of an event graph, made to go into a briefing.

Every ``draw_*`` function takes the plain ``networkx.MultiDiGraph`` of :mod:`graphbuild.graph`
and an optional matplotlib ``Axes``, draws on it (on a new figure when none is given) and
returns the ``Axes``. :func:`render` writes one diagram to a PNG, SVG or PDF file.
matplotlib is imported inside the functions, so ``import graphbuild`` stays fast; when no
backend has been chosen the non-interactive ``Agg`` backend is used, and nothing here calls
``plt.show()``.

Choices made once for every diagram:

- Colours come from the Okabe-Ito palette, which stays distinct under the common kinds of
  colour blindness. Cooperation is blue (light: verbal, dark: material), conflict is orange
  (light: verbal, dark vermillion: material); see :data:`QUAD_COLORS`. Actor types have
  their own colours *and* marker shapes (:data:`ACTOR_COLORS`, :data:`ACTOR_MARKERS`).
- An event that one actor does to another is an arrow from the one who acts to the one
  acted upon. A symmetric event (talks, a meeting, a signed agreement) is one edge of the
  graph and is drawn as a plain line with **no arrowhead**: a double-headed arrow would
  read as two events, one each way.
- Line style says whether the event happened: solid for asserted or reported events,
  dashed for planned or possible ones, dotted for negated ones (the text says it did *not*
  happen); see :data:`LINESTYLES`. The legend says so.
- Several events of one type, one modality and one direction between the same two actors
  are one line labelled with the count ("CONSULT ×3"); lines between the same two actors
  bend apart so none hides another.
- Labels are placed after drawing, with the sizes the renderer gives their text: each takes
  the first free spot among candidates near its node or along its line, so no two labels
  overlap each other or a node (:func:`label_overlaps` checks a drawing).
- Layouts are seeded (a spring layout, then evened out by Kamada-Kawai): the same graph and
  seed give the same positions and the same PNG. Stories that no event joins (the connected
  components) are laid out one by one and packed side by side, never over each other.
- The country matrix lists countries in the alphabetical order of their names.
- SVG and PDF keep text as text, so labels can be searched and edited.

Examples
--------
>>> from graphbuild.graph import build_graph
>>> from graphbuild.types import Actor, ActorType, Event, Plover
>>> a = Actor("Syldavia", ActorType.COUNTRY, "SYL")
>>> b = Actor("Borduria", ActorType.COUNTRY, "BOR")
>>> G = build_graph([Event("n1", a, b, Plover.CONSULT, "hold talks", "...", 0, 3,
...                        symmetric=True)])
>>> from matplotlib.figure import Figure
>>> ax = draw(G, Figure(figsize=(8, 5)).add_subplot())
>>> sorted(t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("node-label"))
['Borduria', 'Syldavia']
"""

from __future__ import annotations

import datetime as dt
import difflib
import logging
import math
import os
import re
import textwrap
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

import networkx as nx

from ._files import atomic_write
from .errors import ExportError, InputError
from .types import ActorType, Modality, Plover, QuadClass

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Annotation

__all__ = [
    "ACTOR_COLORS",
    "ACTOR_MARKERS",
    "DEFAULT_SEED",
    "FORMATS",
    "KINDS",
    "LINESTYLES",
    "MODALITY_FACTORS",
    "PLOVER_WEIGHTS",
    "QUAD_COLORS",
    "country_matrix",
    "draw",
    "draw_ego",
    "draw_matrix",
    "draw_network",
    "draw_timeline",
    "draw_types",
    "find_actor",
    "focus_graph",
    "label_overlaps",
    "render",
]

logger = logging.getLogger(__name__)

#: The Okabe-Ito palette (Okabe & Ito, "Color Universal Design", 2002).
OKABE_ITO: Mapping[str, str] = MappingProxyType({
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
    "black": "#000000",
})

#: Line (and bar, and marker) colour of each quad class.
QUAD_COLORS: Mapping[QuadClass, str] = MappingProxyType({
    QuadClass.VERBAL_COOPERATION: OKABE_ITO["sky blue"],
    QuadClass.MATERIAL_COOPERATION: OKABE_ITO["blue"],
    QuadClass.VERBAL_CONFLICT: OKABE_ITO["orange"],
    QuadClass.MATERIAL_CONFLICT: OKABE_ITO["vermillion"],
})

#: Fill colour of each actor type's nodes.
ACTOR_COLORS: Mapping[ActorType, str] = MappingProxyType({
    ActorType.PERSON: OKABE_ITO["reddish purple"],
    ActorType.COUNTRY: OKABE_ITO["bluish green"],
    ActorType.ORG: OKABE_ITO["yellow"],
})

#: Marker shape of each actor type's nodes, so types differ by more than colour.
ACTOR_MARKERS: Mapping[ActorType, str] = MappingProxyType({
    ActorType.PERSON: "o",
    ActorType.COUNTRY: "s",
    ActorType.ORG: "h",
})

_ACTOR_NAMES = {ActorType.PERSON: "Person", ActorType.COUNTRY: "Country",
                ActorType.ORG: "Organisation"}

#: Line style by what the text says of the event: it happened, it is planned or possible,
#: or it did not happen.
LINESTYLES: Mapping[str, str] = MappingProxyType({
    "asserted": "-",
    "planned": "--",
    "possible": "--",
    "negated": ":",
})

#: How cooperative (positive) or hostile (negative) each PLOVER type is, from -10 to +10.
#: Our own scale in the spirit of the Goldstein scale, used by ``draw_matrix(...,
#: weight="cooperation")``: material acts weigh more than words, force the most.
PLOVER_WEIGHTS: Mapping[Plover, float] = MappingProxyType({
    Plover.AGREE: 5.0,
    Plover.CONSULT: 2.0,
    Plover.SUPPORT: 3.0,
    Plover.CONCEDE: 4.0,
    Plover.COOPERATE: 6.0,
    Plover.AID: 7.0,
    Plover.RETREAT: 5.0,
    Plover.REQUEST: -1.0,
    Plover.ACCUSE: -3.0,
    Plover.REJECT: -4.0,
    Plover.THREATEN: -6.0,
    Plover.SANCTION: -7.0,
    Plover.PROTEST: -5.0,
    Plover.MOBILIZE: -6.0,
    Plover.COERCE: -8.0,
    Plover.ASSAULT: -10.0,
})

#: What share of its type's weight an event adds to the cooperation score: a planned or
#: possible event counts half, a negated one (it did not happen) not at all.
MODALITY_FACTORS: Mapping[str, float] = MappingProxyType({
    "asserted": 1.0,
    "reported": 1.0,
    "planned": 0.5,
    "possible": 0.5,
    "negated": 0.0,
})

#: The kinds of diagram :func:`render` draws.
KINDS: tuple[str, ...] = ("network", "ego", "matrix", "timeline", "types")

#: File extensions :func:`render` writes, and the matplotlib format of each.
FORMATS: Mapping[str, str] = MappingProxyType({".png": "png", ".svg": "svg", ".pdf": "pdf"})

#: Seed of the network layout.
DEFAULT_SEED = 7

_FIGSIZES = {"network": (12.0, 8.0), "ego": (12.0, 8.0), "matrix": (9.0, 7.5),
             "timeline": (11.0, 6.0), "types": (9.0, 6.0)}
_DPI = 150
# Where the network axes sit in a figure of our own: the legend goes to their right.
_NETWORK_RECT = (0.015, 0.02, 0.71, 0.86)
_STYLE_ORDER = ("asserted", "planned", "possible", "negated")
_PLOVER_ORDER = {p.value: i for i, p in enumerate(Plover)}
_TYPE_ORDER = {t: i for i, t in enumerate((ActorType.COUNTRY, ActorType.ORG, ActorType.PERSON))}
_INK = "#222222"
_MUTED = "#555555"


# --------------------------------------------------------------------------------------
# reading the graph
# --------------------------------------------------------------------------------------

def _actor_type(data: Mapping[str, Any]) -> ActorType:
    try:
        return ActorType(data.get("type") or "ORG")
    except ValueError:
        return ActorType.ORG


def _plover(d: Mapping[str, Any], u: str, v: str) -> Plover:
    try:
        return Plover(d.get("plover"))
    except ValueError as err:
        raise InputError(f"event {u} -> {v} has PLOVER type {d.get('plover')!r}; valid: "
                         f"{', '.join(p.value for p in Plover)}") from err


def _style(d: Mapping[str, Any]) -> str:
    """``asserted``, ``planned``, ``possible`` or ``negated``: what the line style shows."""
    if d.get("negated"):
        return "negated"
    modality = d.get("modality") or Modality.ASSERTED.value
    return modality if modality in ("planned", "possible") else "asserted"


def _happened(d: Mapping[str, Any]) -> bool:
    return _style(d) == "asserted"


def _parse_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _event_date(G: nx.MultiDiGraph, d: Mapping[str, Any]) -> dt.date | None:
    """The event's own date, or else the date of the article it comes from."""
    date = _parse_date(d.get("date"))
    if date is None:
        article = G.graph.get("articles", {}).get(d.get("article_id"), {}) or {}
        date = _parse_date(article.get("date"))
    return date


def _date_span(G: nx.MultiDiGraph) -> tuple[dt.date, dt.date] | None:
    dates = [x for x in (_event_date(G, d) for _, _, d in G.edges(data=True)) if x]
    if not dates:
        dates = [x for x in (_parse_date((a or {}).get("date"))
                             for a in G.graph.get("articles", {}).values()) if x]
    return (min(dates), max(dates)) if dates else None


def _date_range_text(span: tuple[dt.date, dt.date] | None) -> str:
    """``3–15 Mar 2024``, ``30 Mar – 2 Apr 2024``, ``3 Mar 2024``; empty when unknown."""
    if span is None:
        return ""
    lo, hi = span

    def day(d: dt.date, year: bool = True) -> str:
        return f"{d.day} {d:%b}" + (f" {d.year}" if year else "")

    if lo == hi:
        return day(lo)
    if (lo.year, lo.month) == (hi.year, hi.month):
        return f"{lo.day}–{day(hi)}"
    if lo.year == hi.year:
        return f"{day(lo, False)} – {day(hi)}"
    return f"{day(lo)} – {day(hi)}"


def _corpus_name(G: nx.MultiDiGraph) -> str:
    name = str(G.graph.get("name") or "").strip()
    return name if name and name != "graphbuild" else "Diplomatic events"


def _articles_of(G: nx.MultiDiGraph) -> set[str]:
    seen: set[str] = set()
    for _, _, d in G.edges(data=True):
        seen.update(d.get("sources") or ())
        if d.get("article_id"):
            seen.add(d["article_id"])
    return seen


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _wrap(label: str, width: int = 18) -> str:
    return textwrap.fill(str(label), width=width, break_long_words=False,
                         break_on_hyphens=False) or str(label)


def _label(G: nx.MultiDiGraph, node: str) -> str:
    return _drawable(str(G.nodes[node].get("label") or node))


# Control characters no font draws and XML (SVG) cannot hold; also U+FFFE, U+FFFF, surrogates.
_UNDRAWABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def _drawable(text: str) -> str:
    """``text`` as it can be drawn and written into SVG: a tab or CR becomes a space, the
    other control characters are dropped.

    >>> _drawable("Tab\\there\\x00, \\x1b[31mred")
    'Tab here, [31mred'
    """
    return _UNDRAWABLE.sub("", text.replace("\t", " ").replace("\r", " "))


def _plain(text: str) -> str:
    """``text`` for a matplotlib Text: drawable, and each ``$`` escaped so that it is drawn
    as itself, never read as mathtext (``$x^{$`` would raise). Apply once, where drawn.

    >>> _plain("Costs $5 and $6")
    'Costs \\\\$5 and \\\\$6'
    """
    return _drawable(text).replace("$", "\\$")


# --------------------------------------------------------------------------------------
# finding an actor, and its neighbourhood
# --------------------------------------------------------------------------------------

def find_actor(G: nx.MultiDiGraph, name: str) -> str:
    """The node of the actor called ``name``: its node id, label or an alias, any case.

    Raises
    ------
    InputError
        No actor, or several, go by that name; the message lists close matches.

    Examples
    --------
    >>> from graphbuild.graph import build_graph
    >>> from graphbuild.types import Actor, ActorType, Event, Plover
    >>> a = Actor("Syldavia", ActorType.COUNTRY, "SYL", aliases=("Kingdom of Syldavia",))
    >>> b = Actor("Borduria", ActorType.COUNTRY, "BOR")
    >>> G = build_graph([Event("n1", a, b, Plover.ACCUSE, "accuse", "...", 0, 3)])
    >>> find_actor(G, "kingdom of syldavia")
    'country/SYL'
    >>> find_actor(G, "Bordurai")
    Traceback (most recent call last):
    ...
    graphbuild.errors.InputError: no actor 'Bordurai' in the graph; close matches: Borduria
    """
    wanted = str(name).strip().casefold()
    names: dict[str, set[str]] = defaultdict(set)
    for node, data in G.nodes(data=True):
        for alias in {str(node), str(data.get("label") or node), *map(str, data.get("aliases")
                                                                       or ())}:
            names[alias.casefold()].add(node)
    found = names.get(wanted, set())
    if len(found) == 1:
        return next(iter(found))
    if found:
        raise InputError(f"{name!r} names several actors: "
                         f"{', '.join(sorted(_label(G, n) + f' ({n})' for n in found))}; "
                         "use a node id")
    display = {}
    for node, data in G.nodes(data=True):
        for alias in {str(data.get("label") or node), *map(str, data.get("aliases") or ()),
                      str(node)}:
            display.setdefault(alias.casefold(), alias)
    close = difflib.get_close_matches(wanted, sorted(display), n=5, cutoff=0.6)
    hint = (f"close matches: {', '.join(display[c] for c in close)}" if close else
            f"actors: {', '.join(sorted(_label(G, n) for n in G.nodes)[:12])}"
            + (", ..." if G.number_of_nodes() > 12 else ""))
    raise InputError(f"no actor {name!r} in the graph; {hint}")


def focus_graph(G: nx.MultiDiGraph, focus: str) -> nx.MultiDiGraph:
    """The events that ``focus`` takes part in, with the actors at their other end.

    ``focus`` is matched as by :func:`find_actor`. Events between two of the focus's
    counterparts are left out: the view answers "who did what with this actor".

    Examples
    --------
    >>> from graphbuild.graph import build_graph
    >>> from graphbuild.types import Actor, ActorType, Event, Plover
    >>> a, b, c = (Actor(n, ActorType.COUNTRY, n[:3].upper())
    ...            for n in ("Syldavia", "Borduria", "Freedonia"))
    >>> G = build_graph([Event("n1", a, b, Plover.ACCUSE, "accuse", "...", 0, 3),
    ...                  Event("n1", b, c, Plover.AID, "aid", "...", 4, 9)])
    >>> sorted(focus_graph(G, "Syldavia").nodes)
    ['country/BOR', 'country/SYL']
    """
    node = find_actor(G, focus)
    H = nx.MultiDiGraph(**G.graph)
    H.graph["focus"] = node
    H.add_node(node, **G.nodes[node])
    for u, v, key, d in sorted(list(G.out_edges(node, keys=True, data=True))
                               + list(G.in_edges(node, keys=True, data=True)),
                               key=lambda e: (e[0], e[1], e[2])):
        if H.has_edge(u, v, key):
            continue
        for n in (u, v):
            if n not in H:
                H.add_node(n, **G.nodes[n])
        H.add_edge(u, v, key=key, **d)
    return H


# --------------------------------------------------------------------------------------
# matplotlib plumbing
# --------------------------------------------------------------------------------------

def _use_agg_if_unset() -> None:
    import matplotlib

    get = getattr(matplotlib.rcParams, "_get_backend_or_none", None)
    if get is not None and get() is None:
        matplotlib.use("Agg")


def _new_axes(kind: str) -> Axes:
    """Axes on a new pyplot figure (so a notebook shows it), laid out for ``kind``."""
    _use_agg_if_unset()
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=_FIGSIZES[kind])
    return _add_axes(fig, kind)


def _add_axes(fig: Figure, kind: str) -> Axes:
    if kind in ("network", "ego"):
        return fig.add_axes(_NETWORK_RECT)
    fig.set_layout_engine("constrained")
    return fig.add_subplot()


def _set_titles(ax: Axes, title: str, subtitle: str) -> None:
    """Bold title at the top left of ``ax``, a grey subtitle under it."""
    title, subtitle = _plain(title), _plain(subtitle)
    ax.set_title(title, loc="left", fontsize=14, fontweight="bold", color=_INK,
                 pad=24 if subtitle else 8)
    if subtitle:
        ax.annotate(subtitle, xy=(0, 1), xycoords="axes fraction", xytext=(0, 7),
                    textcoords="offset points", ha="left", va="bottom", fontsize=9.5,
                    color=_MUTED, gid="subtitle", annotation_clip=False)


def _headline(G: nx.MultiDiGraph, title: str | None) -> str:
    name = title if title is not None else _corpus_name(G)
    when = _date_range_text(_date_span(G))
    return f"{name} · {when}" if when and title is None else name


def _subtitle_of(ax: Axes) -> str:
    for t in ax.texts:
        if t.get_gid() == "subtitle":
            return t.get_text()
    return ""


def _no_events(ax: Axes, G: nx.MultiDiGraph, title: str | None,
               message: str = "No events to show") -> Axes:
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center",
            fontsize=16, color=_MUTED, gid="no-events")
    _set_titles(ax, _headline(G, title), "")
    return ax


def _renderer(fig: Figure) -> Any:
    canvas = fig.canvas
    if hasattr(canvas, "get_renderer"):
        return canvas.get_renderer()
    return fig._get_renderer()  # pragma: no cover - FigureCanvasBase without Agg


def _label_box(text: Annotation, renderer: Any) -> tuple[float, float, float, float]:
    box = text.get_window_extent(renderer)
    patch = text.get_bbox_patch()
    if patch is not None:
        pbox = patch.get_window_extent(renderer)
        return (min(box.x0, pbox.x0), min(box.y0, pbox.y0), max(box.x1, pbox.x1),
                max(box.y1, pbox.y1))
    return (box.x0, box.y0, box.x1, box.y1)


def label_overlaps(ax: Axes, prefix: str = "node-label") -> list[tuple[str, str]]:
    """Pairs of labels on ``ax`` whose boxes, as the renderer draws them, overlap.

    Labels are the texts whose gid starts with ``prefix`` (``"node-label"`` for actors,
    ``"edge-label"`` for events, ``""`` for both); each pair is given by their texts.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = Figure().add_subplot()
    >>> _ = ax.text(0.5, 0.5, "one", gid="node-label|a")
    >>> _ = ax.text(0.5, 0.5, "two", gid="node-label|b")
    >>> label_overlaps(ax)
    [('one', 'two')]
    """
    renderer = _renderer(ax.figure)
    kinds = {"node-label", "edge-label"}
    texts = [t for t in ax.texts if t.get_text() and (t.get_gid() or "").startswith(prefix)
             and (t.get_gid() or "").split("|")[0] in kinds]
    boxes = [t.get_window_extent(renderer) for t in texts]
    out = []
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            if boxes[i].overlaps(boxes[j]):
                out.append((texts[i].get_text(), texts[j].get_text()))
    return out


def _place_labels(ax: Axes, items: Sequence[tuple[Annotation, np.ndarray]],
                  obstacles: Sequence[tuple[float, float, float, float]], *,
                  pad: float = 2.0) -> int:
    """Put each label at the first of its candidate spots that is free, in order.

    ``items`` pairs a label (an annotation centred on its anchor, in offset points) with
    candidate offsets of its centre from the anchor, in display pixels, best first.
    ``obstacles`` are boxes in display pixels that no label may cover (the nodes). A label
    takes the first candidate inside the axes that overlaps no obstacle and no label placed
    before it; when none is free, the one overlapping least. Returns how many labels found
    no free spot.
    """
    import numpy as np

    fig = ax.figure
    renderer = _renderer(fig)
    frame = ax.get_window_extent(renderer)
    placed = np.array(obstacles, dtype=float).reshape(-1, 4)
    crowded = 0
    for text, candidates in items:
        box = np.array(_label_box(text, renderer))
        half = np.array([(box[2] - box[0]) / 2, (box[3] - box[1]) / 2])
        anchor = np.array(ax.transData.transform(text.xy), dtype=float)
        centres = anchor + np.asarray(candidates, dtype=float).reshape(-1, 2)
        boxes = np.column_stack([centres - half, centres + half])
        outside = (np.maximum(frame.x0 - boxes[:, 0], 0) + np.maximum(boxes[:, 2] - frame.x1, 0)
                   + np.maximum(frame.y0 - boxes[:, 1], 0) + np.maximum(boxes[:, 3] - frame.y1, 0))
        if len(placed):
            ox = (np.minimum(boxes[:, None, 2], placed[None, :, 2])
                  - np.maximum(boxes[:, None, 0], placed[None, :, 0]) + pad)
            oy = (np.minimum(boxes[:, None, 3], placed[None, :, 3])
                  - np.maximum(boxes[:, None, 1], placed[None, :, 1]) + pad)
            overlap = (np.clip(ox, 0, None) * np.clip(oy, 0, None)).sum(axis=1)
        else:
            overlap = np.zeros(len(boxes))
        free = np.flatnonzero((overlap == 0) & (outside == 0))
        if len(free):
            best = int(free[0])
        else:
            crowded += 1
            best = int(np.argmin(overlap + outside * 1e3))
        offset = (centres[best] - anchor) * 72.0 / fig.dpi
        text.xyann = (float(offset[0]), float(offset[1]))
        placed = np.vstack([placed, boxes[best]])
    if crowded:
        logger.warning("%d label(s) could not be placed clear of the others", crowded)
    return crowded


def _ring_candidates(near: float, step: float, rings: int, start: float = 0.0) -> list[
        tuple[float, float]]:
    """Spots on rings around a point, nearest first: 16 directions a ring, below first."""
    out = []
    for k in range(rings):
        r = near + k * step
        for i in range(16):
            k_side = (i + 1) // 2
            angle = -math.pi / 2 + start + k_side * (math.pi / 8) * (1 if i % 2 else -1)
            out.append((r * math.cos(angle), r * math.sin(angle)))
    return out


def _node_label_candidates(half_w: float, half_h: float, r: float) -> list[tuple[float, float]]:
    """Offsets (px) for an actor's label: under the node, over it, beside it, then further."""
    gap = 3.0
    below = (0.0, -(r + gap + half_h))
    above = (0.0, r + gap + half_h)
    right = (r + gap + half_w, 0.0)
    left = (-(r + gap + half_w), 0.0)
    corners = [(sx * (r * 0.7 + half_w), sy * (r * 0.7 + gap + half_h))
               for sy in (-1, 1) for sx in (1, -1)]
    out = [below, above, right, left, *corners]
    for k in range(1, 14):
        d = 6.0 * k
        out += [(0.0, below[1] - d), (0.0, above[1] + d), (right[0] + d, 0.0), (left[0] - d, 0.0)]
        out += [(x + math.copysign(d, x), y + math.copysign(d, y)) for x, y in corners]
    return out


def _edge_label_candidates(ax: Axes, a: tuple[float, float], b: tuple[float, float],
                           rad: float, half_h: float) -> list[tuple[float, float]]:
    """Offsets (px) from the middle of an edge: along the curve first, then beside it."""
    import numpy as np

    A = np.array(ax.transData.transform(a), dtype=float)
    B = np.array(ax.transData.transform(b), dtype=float)
    d = B - A
    C = (A + B) / 2 + rad * np.array([d[1], -d[0]])

    def at(t: float) -> np.ndarray:
        return (1 - t) ** 2 * A + 2 * (1 - t) * t * C + t ** 2 * B

    mid = at(0.5)
    length = float(np.hypot(*d)) or 1.0
    normal = np.array([-d[1], d[0]]) / length
    ts = [0.5]
    for k in range(1, 8):
        ts += [0.5 - 0.05 * k, 0.5 + 0.05 * k]
    out = []
    for shift in (0.0, 1.3, -1.3, 2.6, -2.6):
        for t in ts:
            p = at(t) + normal * shift * half_h
            out.append((float(p[0] - mid[0]), float(p[1] - mid[1])))
    out += _ring_candidates(12.0, 8.0, 16)
    return out


# --------------------------------------------------------------------------------------
# the network
# --------------------------------------------------------------------------------------

def _axes_aspect(ax: Axes) -> float:
    fig = ax.figure
    pos = ax.get_position()
    w, h = fig.get_size_inches()
    return max(0.3, min(4.0, (pos.width * w) / max(pos.height * h, 1e-9)))


def _node_box(aspect: float) -> tuple[float, float]:
    """Half width and half height of the part of the axes where nodes go; the rest of the
    axes (``[-1.2 aspect, 1.2 aspect] x [-1.2, 1.2]``) is room for the labels."""
    return max(0.3, aspect * 1.2 - 0.32), 1.0


def _turn_flat(xy: np.ndarray) -> np.ndarray:
    """Points centred and turned so their long side is horizontal (a fixed orientation for
    a given input)."""
    import numpy as np

    xy = xy - xy.mean(axis=0)
    if len(xy) > 2:
        _, _, turn = np.linalg.svd(xy, full_matrices=False)
        xy = xy @ turn.T
        xy *= np.where(turn.sum(axis=1) < 0, -1.0, 1.0)
    return xy


def _fit(pos: Mapping[str, Sequence[float]], aspect: float, *, turn: bool = True,
         max_stretch: float = 2.0) -> dict[str, tuple[float, float]]:
    """Positions turned so their long side is horizontal (unless ``turn`` is false), spread
    so no two nodes crowd each other, then scaled to fill the node box (:func:`_node_box`):
    the same in x and y, or up to ``max_stretch`` times as much in the short direction of a
    flat layout."""
    import numpy as np

    nodes = list(pos)
    xy = np.array([pos[n] for n in nodes], dtype=float).reshape(-1, 2)
    xy = _turn_flat(xy) if turn else xy - xy.mean(axis=0)
    for _ in range(60):  # push apart nodes closer than a fifth of the typical distance
        span = np.ptp(xy, axis=0).max() or 1.0
        near = span / (1.6 * math.sqrt(len(nodes)) + 1)
        diff = xy[:, None, :] - xy[None, :, :]
        dist = np.hypot(diff[..., 0], diff[..., 1])
        np.fill_diagonal(dist, 1e18)
        close = dist < near
        if not close.any():
            break
        push = np.where(close, (near - dist) / np.maximum(dist, 1e-9) / 2, 0)[..., None] * diff
        xy += push.sum(axis=1)
    lo, hi = xy.min(axis=0), xy.max(axis=0)
    half = np.maximum((hi - lo) / 2, 1e-9)
    box = np.array(_node_box(aspect))
    scale = min(box[0] / half[0], box[1] / half[1])
    stretch = np.minimum(box / (half * scale), max_stretch)
    xy = (xy - (lo + hi) / 2) * scale * stretch
    return {n: (round(float(x), 9), round(float(y), 9)) for n, (x, y) in zip(nodes, xy, strict=False)}


def _component_layout(H: nx.Graph, seed: int) -> dict[str, np.ndarray]:
    """One connected component laid out on its own, an edge about one unit long, its long
    side horizontal."""
    import numpy as np

    nodes = sorted(H)
    if len(nodes) == 1:
        return {nodes[0]: np.zeros(2)}
    if len(nodes) == 2:
        return {nodes[0]: np.array([-0.5, 0.0]), nodes[1]: np.array([0.5, 0.0])}
    pos = nx.spring_layout(H, seed=seed, iterations=300)
    try:  # evens out the distances (needs scipy); the seeded spring layout is its start
        pos = nx.kamada_kawai_layout(H, pos=pos)
    except ImportError:  # pragma: no cover - scipy is a dependency
        logger.debug("scipy missing: keeping the spring layout")
    xy = np.array([pos[n] for n in nodes], dtype=float)
    index = {n: i for i, n in enumerate(nodes)}
    ratios = [np.hypot(*(xy[index[u]] - xy[index[v]])) for u, v in H.edges()]
    xy = _turn_flat(xy / max(float(np.mean(ratios)), 1e-9))
    return {n: xy[i] for i, n in enumerate(nodes)}


def _pack(parts: Sequence[Mapping[str, np.ndarray]], box: tuple[float, float]
          ) -> dict[str, tuple[float, float]]:
    """Components side by side in rows, biggest first, arranged so that the whole, scaled
    to fit ``box`` (half width, half height), draws them as large as possible."""
    import numpy as np

    margin = np.array([1.3, 0.9])  # room around a component for its labels, in edge lengths
    sizes = []
    for part in parts:
        xy = np.array(list(part.values()))
        sizes.append(np.ptp(xy, axis=0) + margin)

    def shelves(width: float) -> list[list[int]]:
        rows: list[list[int]] = [[]]
        used = 0.0
        for i, (w, _) in enumerate(sizes):
            if rows[-1] and used + w > width + 1e-9:
                rows.append([])
                used = 0.0
            rows[-1].append(i)
            used += w
        return rows

    def extent(rows: list[list[int]]) -> tuple[float, float]:
        return (max(sum(sizes[i][0] for i in row) for row in rows),
                sum(max(sizes[i][1] for i in row) for row in rows))

    def scale(width: float) -> tuple[float, float]:
        w, h = extent(shelves(width))
        return min(box[0] / w, box[1] / h), -width

    narrowest = max(float(s[0]) for s in sizes)
    widest = float(sum(s[0] for s in sizes))
    widths = sorted({float(sum(s[0] for s in sizes[:k])) for k in range(1, len(sizes) + 1)}
                    | {narrowest + (widest - narrowest) * k / 40 for k in range(41)})
    rows = shelves(max(widths, key=scale))
    out: dict[str, tuple[float, float]] = {}
    top = extent(rows)[1] / 2
    for row in rows:
        row_h = max(sizes[i][1] for i in row)
        left = -sum(sizes[i][0] for i in row) / 2
        for i in row:
            xy = np.array(list(parts[i].values()))
            centre = (xy.min(axis=0) + xy.max(axis=0)) / 2
            shift = np.array([left + sizes[i][0] / 2, top - row_h / 2]) - centre
            for n, p in parts[i].items():
                out[n] = (float(p[0] + shift[0]), float(p[1] + shift[1]))
            left += sizes[i][0]
        top -= row_h
    return out


def _spring_positions(G: nx.MultiDiGraph, seed: int, aspect: float) -> dict[str, tuple[float, float]]:
    """Each connected component laid out on its own (seeded spring layout, evened out by
    Kamada-Kawai), then the components packed side by side: separate stories never
    overlap."""
    H = nx.Graph()
    H.add_nodes_from(sorted(G.nodes))
    H.add_edges_from(sorted({tuple(sorted((u, v))) for u, v in G.edges() if u != v}))
    if H.number_of_nodes() == 1:
        return {n: (0.0, 0.0) for n in H}
    parts = []
    for component in sorted(nx.connected_components(H), key=lambda c: (-len(c), min(c))):
        C = nx.Graph()  # not a subgraph view: its order would follow a set's, run to run
        C.add_nodes_from(sorted(component))
        C.add_edges_from(sorted(tuple(sorted(e)) for e in H.edges(component)))
        parts.append(_component_layout(C, seed))
    if len(parts) == 1:
        pos = {n: tuple(map(float, p)) for n, p in parts[0].items()}
        return _fit({n: pos[n] for n in sorted(pos)}, aspect, turn=False)
    # the packing already fills the box as well as it can: stretching it would only widen
    # the gaps between the components
    pos = _pack(parts, _node_box(aspect))
    return _fit({n: pos[n] for n in sorted(pos)}, aspect, turn=False, max_stretch=1.5)


def _ego_positions(H: nx.MultiDiGraph, focus: str, aspect: float) -> dict[str, tuple[float, float]]:
    others = sorted((n for n in H if n != focus),
                    key=lambda n: (_TYPE_ORDER[_actor_type(H.nodes[n])], _label(H, n).casefold(), n))
    pos = {focus: (0.0, 0.0)}
    wide, high = _node_box(aspect)
    high *= 0.92
    wide = min(wide, 1.6 * high)  # an oval, not a flat band
    for i, n in enumerate(others):
        angle = math.pi / 2 - 2 * math.pi * i / len(others)
        pos[n] = (round(wide * math.cos(angle), 9), round(high * math.sin(angle), 9))
    return pos


def _node_size(events: int) -> float:
    """Marker area in points²: grows with the number of events, capped."""
    return min(200.0 + 90.0 * events, 1500.0)


def _edge_groups(G: nx.MultiDiGraph) -> dict[tuple[str, str, str, str, bool], int]:
    """(from, to, PLOVER type, style, symmetric) -> how many events; symmetric ends sorted."""
    groups: Counter = Counter()
    for u, v, d in G.edges(data=True):
        plover = _plover(d, u, v).value
        sym = bool(d.get("symmetric"))
        a, b = tuple(sorted((u, v))) if sym else (u, v)
        groups[(a, b, plover, _style(d), sym)] += 1
    return dict(groups)


def _edge_text(plover: str, style: str, n: int) -> str:
    text = {"asserted": plover, "negated": f"not {plover}"}.get(style, f"{plover} ({style})")
    return f"{text} ×{n}" if n > 1 else text


def _legend_handles(G: nx.MultiDiGraph, groups: Mapping[tuple, int],
                    focus: str | None) -> tuple[list[Any], list[str], set[str]]:
    from matplotlib.lines import Line2D

    handles: list[Any] = []
    labels: list[str] = []
    headers: set[str] = set()

    def header(text: str) -> None:
        handles.append(Line2D([], [], linestyle="none", marker="none"))
        labels.append(text)
        headers.add(text)

    header("Actors (size: number of events)")
    types = {_actor_type(d) for _, d in G.nodes(data=True)}
    for t in sorted(types, key=_TYPE_ORDER.__getitem__):
        handles.append(Line2D([], [], linestyle="none", marker=ACTOR_MARKERS[t], markersize=10,
                              markerfacecolor=ACTOR_COLORS[t], markeredgecolor=_INK))
        labels.append(_ACTOR_NAMES[t])
    header("Events (colour: quad class)")
    quads = {Plover(g[2]).quad for g in groups}
    for q in QuadClass:
        if q in quads:
            handles.append(Line2D([], [], color=QUAD_COLORS[q], linewidth=3))
            labels.append(str(q))
    header("Line style")
    styles = {g[3] for g in groups}
    if "asserted" in styles:
        handles.append(Line2D([], [], color=_MUTED, linewidth=2, linestyle="-"))
        labels.append("happened (asserted or reported)")
    if styles & {"planned", "possible"}:
        handles.append(Line2D([], [], color=_MUTED, linewidth=2, linestyle="--"))
        labels.append("dashed: planned or possible")
    if "negated" in styles:
        handles.append(Line2D([], [], color=_MUTED, linewidth=2, linestyle=":"))
        labels.append("dotted: negated (did not happen)")
    if any(not g[4] for g in groups):
        handles.append(Line2D([], [], color=_MUTED, linewidth=2, marker=">", markersize=8,
                              markevery=[1], linestyle="-"))
        labels.append("arrow: from actor to target")
    if any(g[4] for g in groups):
        handles.append(Line2D([], [], color=_MUTED, linewidth=2))
        labels.append("no arrowhead: mutual (e.g. talks)")
    return handles, labels, headers


def _draw_graph(G: nx.MultiDiGraph, ax: Axes, pos: Mapping[str, tuple[float, float]],
                aspect: float, *, headline: str, subtitle: str, focus: str | None) -> Axes:
    import numpy as np
    from matplotlib.patches import FancyArrowPatch

    fig = ax.figure
    pts_to_px = fig.dpi / 72.0
    events = dict(G.degree())
    sizes = {n: _node_size(events[n]) for n in G}
    radius = {n: math.sqrt(sizes[n]) / 2 for n in G}  # points

    ax.set_xlim(-aspect * 1.2, aspect * 1.2)
    ax.set_ylim(-1.2, 1.2)
    ax.set_aspect("equal", adjustable="box")
    ax.set_axis_off()

    # nodes, one scatter per actor type (sorted, so the drawing order is fixed)
    by_type: dict[ActorType, list[str]] = defaultdict(list)
    for n in sorted(G):
        by_type[_actor_type(G.nodes[n])].append(n)
    for t in sorted(by_type, key=_TYPE_ORDER.__getitem__):
        nodes = by_type[t]
        ax.scatter([pos[n][0] for n in nodes], [pos[n][1] for n in nodes],
                   s=[sizes[n] for n in nodes], marker=ACTOR_MARKERS[t], c=ACTOR_COLORS[t],
                   edgecolors=[_INK if n == focus else "#333333" for n in nodes],
                   linewidths=[2.8 if n == focus else 0.9 for n in nodes], zorder=3,
                   gid=f"nodes|{t.value}")

    # edges: one line per group, bent apart when several join the same two actors
    groups = _edge_groups(G)
    by_pair: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for g in groups:
        if g[0] == g[1]:
            logger.debug("not drawing %d event(s) of %s with itself", groups[g], g[0])
            continue
        by_pair[tuple(sorted(g[:2]))].append(g)
    edge_labels: list[tuple[int, Annotation, tuple, float]] = []
    for pair in sorted(by_pair):
        members = sorted(by_pair[pair], key=lambda g: (_PLOVER_ORDER[g[2]],
                                                       _STYLE_ORDER.index(g[3]), g[4], g[0]))
        step = 0.2 if len(members) > 1 else 0.0
        for i, g in enumerate(members):
            a, b, plover, style, sym = g
            n = groups[g]
            rad = (i - (len(members) - 1) / 2) * step
            if (a, b) != pair:
                rad = -rad
            colour = QUAD_COLORS[Plover(plover).quad]
            width = min(1.5 + 0.8 * (n - 1), 5.0)
            arrow = FancyArrowPatch(
                pos[a], pos[b], arrowstyle="-" if sym else "-|>", mutation_scale=16,
                connectionstyle=f"arc3,rad={rad}", shrinkA=radius[a] + 1.5,
                shrinkB=radius[b] + (1.5 if sym else 2.0), color=colour, linewidth=width,
                linestyle=LINESTYLES[style], zorder=2, capstyle="butt",
                gid=f"edge|{plover}|{style}|{'sym' if sym else 'dir'}|{a}|{b}")
            ax.add_patch(arrow)
            (xa, ya), (xb, yb) = pos[a], pos[b]
            mx = (xa + xb) / 2 + 0.5 * rad * (yb - ya)
            my = (ya + yb) / 2 - 0.5 * rad * (xb - xa)
            label = ax.annotate(
                _edge_text(plover, style, n), xy=(mx, my), xytext=(0, 0),
                textcoords="offset points", ha="center", va="center", fontsize=7.5,
                color=_INK, zorder=4, annotation_clip=False,
                bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": colour,
                      "linewidth": 0.9},
                gid=f"edge-label|{plover}|{style}|{a}|{b}")
            edge_labels.append((n, label, (a, b), rad))

    node_labels: dict[str, Annotation] = {}
    for n in sorted(G):
        node_labels[n] = ax.annotate(
            _plain(_wrap(_label(G, n))), xy=pos[n], xytext=(0, 0), textcoords="offset points",
            ha="center", va="center", multialignment="center",
            fontsize=10.5 if n == focus else 9, fontweight="bold" if n == focus else "normal",
            color=_INK, zorder=5, annotation_clip=False,
            bbox={"boxstyle": "square,pad=0.12", "facecolor": "white", "edgecolor": "none",
                  "alpha": 0.8},
            gid=f"node-label|{n}")

    handles, labels, headers = _legend_handles(G, groups, focus)
    legend = ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0),
                       frameon=False, fontsize=9, handlelength=2.6, borderaxespad=0.0)
    for text in legend.get_texts():
        if text.get_text() in headers:
            text.set_fontweight("bold")
    _set_titles(ax, headline, subtitle)

    # measure what the renderer draws, then give every label a spot clear of the others:
    # actors first (the busiest first), then events (the most frequent first)
    fig.draw_without_rendering()
    renderer = _renderer(fig)
    obstacles = []
    for n in sorted(G):
        cx, cy = ax.transData.transform(pos[n])
        r = radius[n] * pts_to_px
        obstacles.append((cx - r, cy - r, cx + r, cy + r))
    items: list[tuple[Annotation, np.ndarray]] = []
    for n in sorted(G, key=lambda n: (n != focus, -events[n], n)):
        x0, y0, x1, y1 = _label_box(node_labels[n], renderer)
        cands = _node_label_candidates((x1 - x0) / 2, (y1 - y0) / 2, radius[n] * pts_to_px)
        items.append((node_labels[n], np.array(cands)))
    for _n, label, (a, b), rad in sorted(edge_labels, key=lambda e: -e[0]):
        x0, y0, x1, y1 = _label_box(label, renderer)
        items.append((label, np.array(_edge_label_candidates(ax, pos[a], pos[b], rad,
                                                              (y1 - y0) / 2))))
    _place_labels(ax, items, obstacles)
    return ax


def draw_network(G: nx.MultiDiGraph, ax: Axes | None = None, *, title: str | None = None,
                 seed: int = DEFAULT_SEED) -> Axes:
    """Draw every actor and event of ``G`` as a network.

    Actors are coloured and shaped by type and sized by how many events they take part in;
    events are lines coloured by quad class and labelled with their PLOVER type (and a count
    where several join the same two actors). See the module docstring for the conventions.

    Parameters
    ----------
    G
        An event graph as built by :func:`graphbuild.graph.build_graph`.
    ax
        Where to draw; a new figure when None.
    title
        Replaces the corpus name (``G.graph["name"]``) at the top; the date range goes to
        the subtitle then.
    seed
        Seed of the layout: the same seed gives the same picture.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from graphbuild.graph import build_graph
    >>> from graphbuild.types import Actor, ActorType, Event, Plover
    >>> a = Actor("Syldavia", ActorType.COUNTRY, "SYL")
    >>> b = Actor("Borduria", ActorType.COUNTRY, "BOR")
    >>> G = build_graph([Event("n1", a, b, Plover.ACCUSE, "accuse", "...", 0, 3),
    ...                  Event("n1", a, b, Plover.ACCUSE, "blame", "...", 4, 9)])
    >>> from matplotlib.figure import Figure
    >>> ax = draw_network(G, Figure(figsize=(8, 5)).add_subplot())
    >>> [t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("edge-label")]
    ['ACCUSE ×2']
    """
    if ax is None:
        ax = _new_axes("network")
    if G.number_of_edges() == 0:
        return _no_events(ax, G, title)
    aspect = _axes_aspect(ax)
    pos = _spring_positions(G, seed, aspect)
    return _draw_graph(G, ax, pos, aspect, headline=_headline(G, title),
                       subtitle=_network_subtitle(G, title), focus=None)


def _network_subtitle(G: nx.MultiDiGraph, title: str | None, extra: str = "") -> str:
    parts = []
    if title is not None:
        when = _date_range_text(_date_span(G))
        parts.append(f"{_corpus_name(G)}" + (f", {when}" if when else ""))
    parts.append(_plural(G.number_of_edges(), "event"))
    parts.append(_plural(G.number_of_nodes(), "actor"))
    arts = len(_articles_of(G))
    if arts:
        parts.append(_plural(arts, "article"))
    if extra:
        parts.append(extra)
    return " · ".join(parts)


def draw_ego(G: nx.MultiDiGraph, focus: str, ax: Axes | None = None, *,
             title: str | None = None) -> Axes:
    """Draw one actor in the middle, its counterparts around it and the events between them.

    ``focus`` is a node id, label or alias (any case); see :func:`focus_graph` for what is
    shown. Counterparts sit on a ring, grouped by type and then in alphabetical order.

    Raises
    ------
    InputError
        ``focus`` names no actor of ``G``; the message lists close matches.

    Examples
    --------
    >>> from graphbuild.graph import build_graph
    >>> from graphbuild.types import Actor, ActorType, Event, Plover
    >>> a, b, c = (Actor(n, ActorType.COUNTRY, n[:3].upper())
    ...            for n in ("Syldavia", "Borduria", "Freedonia"))
    >>> G = build_graph([Event("n1", a, b, Plover.ACCUSE, "accuse", "...", 0, 3),
    ...                  Event("n1", b, c, Plover.AID, "aid", "...", 4, 9)])
    >>> from matplotlib.figure import Figure
    >>> ax = draw_ego(G, "syldavia", Figure(figsize=(8, 5)).add_subplot())
    >>> sorted(t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("node-label"))
    ['Borduria', 'Syldavia']
    """
    H = focus_graph(G, focus)
    node = H.graph["focus"]
    if ax is None:
        ax = _new_axes("ego")
    label = _label(H, node)
    headline = title if title is not None else f"{label} and its counterparts"
    when = _date_range_text(_date_span(H))
    if H.number_of_edges() == 0:
        return _no_events(ax, H, headline, f"No events involving {label}")
    aspect = _axes_aspect(ax)
    pos = _ego_positions(H, node, aspect)
    parts = [_corpus_name(G)] + ([when] if when else [])
    subtitle = " · ".join([", ".join(parts), _plural(H.number_of_edges(), "event"),
                           _plural(H.number_of_nodes() - 1, "counterpart")])
    return _draw_graph(H, ax, pos, aspect, headline=headline, subtitle=subtitle, focus=node)


def draw(G: nx.MultiDiGraph, ax: Axes | None = None, *, title: str | None = None,
         focus: str | None = None, seed: int = DEFAULT_SEED) -> Axes:
    """Draw ``G`` as a network, or the neighbourhood of ``focus`` when one is given.

    The notebook entry point: ``draw(G)`` is :func:`draw_network`, ``draw(G, focus="X")``
    is :func:`draw_ego`.

    Examples
    --------
    >>> from graphbuild.graph import build_graph
    >>> from graphbuild.types import Actor, ActorType, Event, Plover
    >>> a = Actor("Syldavia", ActorType.COUNTRY, "SYL")
    >>> b = Actor("Borduria", ActorType.COUNTRY, "BOR")
    >>> G = build_graph([Event("n1", a, b, Plover.ACCUSE, "accuse", "...", 0, 3)])
    >>> ax = draw(G, title="Border dispute")
    >>> ax.get_title(loc="left")
    'Border dispute'
    >>> import matplotlib.pyplot as plt; plt.close(ax.figure)
    """
    if focus is not None:
        return draw_ego(G, focus, ax, title=title)
    return draw_network(G, ax, title=title, seed=seed)


# --------------------------------------------------------------------------------------
# country x country matrix
# --------------------------------------------------------------------------------------

def _event_weight(d: Mapping[str, Any], u: str, v: str) -> float:
    return PLOVER_WEIGHTS[_plover(d, u, v)] * MODALITY_FACTORS[_style(d)]


def _country_label(G: nx.MultiDiGraph, code: str) -> str:
    for _, d in G.nodes(data=True):
        if _actor_type(d) is ActorType.COUNTRY and d.get("country") == code and d.get("label"):
            return _drawable(str(d["label"]))
    return _drawable(code)


def country_matrix(G: nx.MultiDiGraph, *, weight: Literal["count", "cooperation"] = "count"
                   ) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Events between countries: who acts (rows) on whom (columns).

    Each actor is reduced to its ``country``; actors with none are left out. A symmetric
    event counts in both cells of its pair. With ``weight="count"`` a cell holds the number
    of events; with ``weight="cooperation"`` the sum of :data:`PLOVER_WEIGHTS` times
    :data:`MODALITY_FACTORS`: positive for cooperation, negative for conflict.

    Returns
    -------
    codes, values, counts
        The country codes (sorted), the matrix of ``weight`` and the matrix of event counts
        (to tell a cell with no event from one whose events cancel out).

    Examples
    --------
    >>> from graphbuild.graph import build_graph
    >>> from graphbuild.types import Actor, ActorType, Event, Plover
    >>> a = Actor("Syldavia", ActorType.COUNTRY, "SYL")
    >>> b = Actor("Borduria", ActorType.COUNTRY, "BOR")
    >>> G = build_graph([Event("n1", a, b, Plover.ACCUSE, "accuse", "...", 0, 3),
    ...                  Event("n1", a, b, Plover.AGREE, "agree", "...", 4, 9, symmetric=True)])
    >>> codes, values, counts = country_matrix(G, weight="cooperation")
    >>> codes, values.tolist()
    (['BOR', 'SYL'], [[0.0, 5.0], [2.0, 0.0]])
    """
    import numpy as np

    if weight not in ("count", "cooperation"):
        raise InputError(f"unknown weight {weight!r}; valid: count, cooperation")
    cells: dict[tuple[str, str], float] = defaultdict(float)
    counts: Counter = Counter()
    codes: set[str] = set()
    for u, v, d in G.edges(data=True):
        cu, cv = G.nodes[u].get("country"), G.nodes[v].get("country")
        if not cu or not cv:
            continue
        value = 1.0 if weight == "count" else _event_weight(d, u, v)
        pairs = {(cu, cv), (cv, cu)} if d.get("symmetric") else {(cu, cv)}
        for pair in pairs:
            cells[pair] += value
            counts[pair] += 1
        codes.update((cu, cv))
    order = sorted(codes)
    index = {c: i for i, c in enumerate(order)}
    values = np.zeros((len(order), len(order)))
    count = np.zeros((len(order), len(order)), dtype=int)
    for (a, b), value in cells.items():
        values[index[a], index[b]] = value
        count[index[a], index[b]] = counts[(a, b)]
    return order, values, count


def draw_matrix(G: nx.MultiDiGraph, ax: Axes | None = None, *,
                weight: Literal["count", "cooperation"] = "count",
                title: str | None = None) -> Axes:
    """Heatmap of events between countries: rows act on columns.

    ``weight="count"`` shows how many events; ``weight="cooperation"`` the net cooperation
    score of :func:`country_matrix` on a blue (cooperation) to red (conflict) scale centred
    on zero. Cells with no event stay blank; every other cell carries its value.

    Examples
    --------
    >>> from graphbuild.graph import build_graph
    >>> from graphbuild.types import Actor, ActorType, Event, Plover
    >>> a = Actor("Syldavia", ActorType.COUNTRY, "SYL")
    >>> b = Actor("Borduria", ActorType.COUNTRY, "BOR")
    >>> G = build_graph([Event("n1", a, b, Plover.ACCUSE, "accuse", "...", 0, 3)])
    >>> from matplotlib.figure import Figure
    >>> ax = draw_matrix(G, Figure().add_subplot())
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Borduria', 'Syldavia']
    >>> ax.images[0].get_array().filled(0).tolist()
    [[0.0, 0.0], [1.0, 0.0]]
    """
    import numpy as np
    from matplotlib import colors

    codes, values, counts = country_matrix(G, weight=weight)
    if ax is None:
        ax = _new_axes("matrix")
    if not codes:
        return _no_events(ax, G, title, "No events between countries" if G.number_of_edges()
                          else "No events to show")
    fig = ax.figure
    # rows and columns in the alphabetical order of the names shown, not of the codes
    order = sorted(range(len(codes)), key=lambda i: (_country_label(G, codes[i]).casefold(),
                                                     codes[i]))
    codes = [codes[i] for i in order]
    values, counts = values[np.ix_(order, order)], counts[np.ix_(order, order)]
    names = [_country_label(G, c) for c in codes]
    shown = np.ma.masked_where(counts == 0, values)
    if weight == "count":
        cmap = colors.ListedColormap(_sequential(), name="events").with_extremes(bad="white")
        norm = colors.Normalize(vmin=0, vmax=max(1.0, float(values.max())))
        bar_label = "events (row acts on column)"
        what = "Event counts"
    else:
        import matplotlib

        cmap = matplotlib.colormaps["RdBu"].with_extremes(bad="white")
        top = max(1.0, float(np.abs(values).max()))
        norm = colors.Normalize(vmin=-top, vmax=top)
        bar_label = "net cooperation (− conflict, + cooperation)"
        what = "Net cooperation (our PLOVER weights)"
    image = ax.imshow(shown, cmap=cmap, norm=norm, interpolation="nearest")
    fig.colorbar(image, ax=ax, shrink=0.8, label=bar_label)
    ticks = range(len(codes))
    if len(codes) <= 4 and max(len(n) for n in names) <= 14:  # a few short names fit level
        ax.set_xticks(ticks, [_plain(n) for n in names])
    else:
        ax.set_xticks(ticks, [_plain(_wrap(n, 14)) for n in names], rotation=35, ha="right",
                      rotation_mode="anchor")
    ax.set_yticks(ticks, [_plain(_wrap(n, 18)) for n in names])
    ax.set_xlabel("target (acted upon)", color=_MUTED)
    ax.set_ylabel("actor (acts)", color=_MUTED)
    ax.set_xticks(np.arange(-0.5, len(codes)), minor=True)
    ax.set_yticks(np.arange(-0.5, len(codes)), minor=True)
    ax.grid(which="minor", color="#dddddd", linewidth=0.8)
    ax.tick_params(which="minor", length=0)
    ax.tick_params(which="major", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    for i in ticks:
        for j in ticks:
            if counts[i, j] == 0:
                continue
            v = values[i, j]
            text = f"{int(v)}" if weight == "count" else f"{v:+g}".replace("-", "−")
            r, g, b, _ = cmap(norm(v))
            light = 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.55
            ax.text(j, i, text, ha="center", va="center", fontsize=9,
                    color=_INK if light else "white", gid=f"cell|{codes[i]}|{codes[j]}")
    left_out = sum(1 for u, v in G.edges() if not G.nodes[u].get("country")
                   or not G.nodes[v].get("country"))
    extra = f" · {_plural(left_out, 'event')} with an actor of no known country left out" \
        if left_out else ""
    sub = (f"{_corpus_name(G)} · " if title is not None else "") + what + extra
    _set_titles(ax, _headline(G, title), sub)
    return ax


def _sequential() -> list[tuple[float, float, float]]:
    """A light-to-dark purple ramp: neutral, so counts do not read as conflict or cooperation."""
    import matplotlib

    ramp = matplotlib.colormaps["Purples"]
    return [ramp(0.15 + 0.8 * i / 255)[:3] for i in range(256)]


# --------------------------------------------------------------------------------------
# timeline and type bars
# --------------------------------------------------------------------------------------

def draw_timeline(G: nx.MultiDiGraph, ax: Axes | None = None, *,
                  title: str | None = None) -> Axes:
    """Events over time, one row per PLOVER type, coloured by quad class.

    An event is placed at its own date, or else at its article's date; each dot is one day,
    its size the number of events (written next to it when more than one). Hollow dots are
    events that did not happen (planned, possible or negated). Events with no date at all
    are counted in the subtitle.

    Examples
    --------
    >>> import datetime as dt
    >>> from graphbuild.graph import build_graph
    >>> from graphbuild.types import Actor, ActorType, Article, Event, Plover
    >>> a = Actor("Syldavia", ActorType.COUNTRY, "SYL")
    >>> b = Actor("Borduria", ActorType.COUNTRY, "BOR")
    >>> G = build_graph([Event("n1", a, b, Plover.ACCUSE, "accuse", "...", 0, 3),
    ...                  Event("n2", a, b, Plover.AID, "aid", "...", 0, 3)],
    ...                 [Article("n1", "...", date=dt.date(2024, 3, 1))])
    >>> from matplotlib.figure import Figure
    >>> ax = draw_timeline(G, Figure().add_subplot())
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['ACCUSE']
    >>> "1 event without a date" in [t.get_text() for t in ax.texts][0]
    True
    """
    import matplotlib.dates as mdates
    from matplotlib.lines import Line2D
    from matplotlib.transforms import ScaledTranslation

    if ax is None:
        ax = _new_axes("timeline")
    fig = ax.figure
    if G.number_of_edges() == 0:
        return _no_events(ax, G, title)
    cells: Counter = Counter()
    undated = 0
    for u, v, d in G.edges(data=True):
        date = _event_date(G, d)
        if date is None:
            undated += 1
            continue
        cells[(_plover(d, u, v).value, date, _happened(d))] += 1
    note = f"{_plural(undated, 'event')} without a date not shown" if undated else ""
    if not cells:
        _no_events(ax, G, title, f"No dated events ({_plural(undated, 'event')} without a date)")
        ax.text(0.5, 0.42, "Give undated articles their publication date (graphbuild build "
                "--date YYYY-MM-DD,\nor build(..., date=...)) to place their events in time.",
                transform=ax.transAxes, ha="center", va="top", fontsize=10, color=_MUTED,
                gid="no-events-hint")
        return ax
    types = sorted({c[0] for c in cells}, key=_PLOVER_ORDER.__getitem__)
    row = {p: len(types) - 1 - i for i, p in enumerate(types)}  # first type at the top
    for (plover, date, happened), n in sorted(cells.items(), key=lambda kv: (
            _PLOVER_ORDER[kv[0][0]], kv[0][1], not kv[0][2])):
        colour = QUAD_COLORS[Plover(plover).quad]
        x = mdates.date2num(date)
        radius = math.sqrt(40 + 45 * n) / 2  # points
        # events of a day that happened and others that did not: the first dot just above
        # the row's line, the second just below, so neither hides the other
        dy = ((radius + 1.5) * (1 if happened else -1)
              if (plover, date, not happened) in cells else 0.0)
        ax.scatter([x], [row[plover]], s=40 + 45 * n, marker="o",
                   facecolors=colour if happened else "white", edgecolors=colour,
                   linewidths=1.2 if happened else 2.0, zorder=3,
                   transform=ax.transData + ScaledTranslation(0, dy / 72, fig.dpi_scale_trans),
                   gid=f"dot|{plover}|{date.isoformat()}|{'happened' if happened else 'not'}")
        if n > 1:
            ax.annotate(str(n), xy=(x, row[plover]), xytext=(7 + radius, dy),
                        textcoords="offset points", va="center", fontsize=8, color=_INK,
                        gid=f"count|{plover}|{date.isoformat()}|"
                            f"{'happened' if happened else 'not'}")
    ax.set_yticks(range(len(types)), list(reversed(types)))
    for label in ax.get_yticklabels():
        label.set_color(QUAD_COLORS[Plover(label.get_text()).quad])
        label.set_fontweight("bold")
    ax.set_ylim(-0.7, len(types) - 0.3)
    dates = [c[1] for c in cells]
    lo, hi = mdates.date2num(min(dates)), mdates.date2num(max(dates))
    margin = max(1.5, (hi - lo) * 0.06)
    ax.set_xlim(lo - margin, hi + margin)
    # evenly spaced days, not days of the month that restart at each month's first
    locator = mdates.AutoDateLocator(minticks=3, maxticks=9, interval_multiples=hi - lo > 180)
    ax.xaxis.set_major_locator(locator)
    if hi - lo <= 180:
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%-d %b" if os.name != "nt" else
                                                          "%#d %b"))
    else:
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.grid(axis="y", color="#eeeeee", linewidth=5, zorder=0)
    ax.grid(axis="x", color="#eeeeee", linewidth=0.8, zorder=0)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0)
    quads = {Plover(c[0]).quad for c in cells}
    handles = [Line2D([], [], linestyle="none", marker="o", markersize=9,
                      markerfacecolor=QUAD_COLORS[q], markeredgecolor=QUAD_COLORS[q])
               for q in QuadClass if q in quads]
    labels = [str(q) for q in QuadClass if q in quads]
    if any(not c[2] for c in cells):
        handles.append(Line2D([], [], linestyle="none", marker="o", markersize=9,
                              markerfacecolor="white", markeredgecolor=_MUTED,
                              markeredgewidth=2))
        labels.append("did not happen: planned, possible or negated")
    ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False,
              fontsize=9)
    dated = sum(cells.values())
    parts = ([_corpus_name(G)] if title is not None else []) + [
        f"{_plural(dated, 'event')} by date (the event's, else its article's)"]
    if note:
        parts.append(note)
    _set_titles(ax, _headline(G, title), " · ".join(parts))
    return ax


def draw_types(G: nx.MultiDiGraph, ax: Axes | None = None, *,
               title: str | None = None) -> Axes:
    """Horizontal bars: how many events of each PLOVER type, coloured by quad class.

    The most frequent type is at the top. The hatched, lighter part of a bar counts the
    events that did not happen (planned, possible or negated); the number at the end of a
    bar is the total.

    Examples
    --------
    >>> from graphbuild.graph import build_graph
    >>> from graphbuild.types import Actor, ActorType, Event, Plover
    >>> a = Actor("Syldavia", ActorType.COUNTRY, "SYL")
    >>> b = Actor("Borduria", ActorType.COUNTRY, "BOR")
    >>> G = build_graph([Event("n1", a, b, Plover.ACCUSE, "accuse", "...", 0, 3),
    ...                  Event("n1", a, b, Plover.ACCUSE, "blame", "...", 4, 9),
    ...                  Event("n1", a, b, Plover.AID, "aid", "...", 10, 12)])
    >>> from matplotlib.figure import Figure
    >>> ax = draw_types(G, Figure().add_subplot())
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['ACCUSE', 'AID']
    """
    from matplotlib.patches import Patch

    if ax is None:
        ax = _new_axes("types")
    if G.number_of_edges() == 0:
        return _no_events(ax, G, title)
    happened: Counter = Counter()
    not_happened: Counter = Counter()
    for u, v, d in G.edges(data=True):
        p = _plover(d, u, v).value
        (happened if _happened(d) else not_happened)[p] += 1
    types = sorted(set(happened) | set(not_happened),
                   key=lambda p: (-(happened[p] + not_happened[p]), _PLOVER_ORDER[p]))
    ys = range(len(types))
    colours = [QUAD_COLORS[Plover(p).quad] for p in types]
    bars = ax.barh(ys, [happened[p] for p in types], color=colours, edgecolor=colours,
                   height=0.7, zorder=2)
    for bar, p in zip(bars, types, strict=False):
        bar.set_gid(f"bar|{p}|happened")
    if not_happened:
        rest = ax.barh(ys, [not_happened[p] for p in types], left=[happened[p] for p in types],
                       color=colours, alpha=0.4, hatch="///", edgecolor=colours, height=0.7,
                       zorder=2)
        for bar, p in zip(rest, types, strict=False):
            bar.set_gid(f"bar|{p}|not-happened")
    top = max(happened[p] + not_happened[p] for p in types)
    for y, p in zip(ys, types, strict=False):
        ax.text(happened[p] + not_happened[p] + top * 0.01, y, str(happened[p] + not_happened[p]),
                va="center", ha="left", fontsize=9, color=_INK, gid=f"total|{p}")
    ax.set_yticks(list(ys), types)
    ax.invert_yaxis()
    ax.set_xlim(0, top * 1.1 + 0.5)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("events", color=_MUTED)
    ax.grid(axis="x", color="#eeeeee", zorder=0)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    quads = {Plover(p).quad for p in types}
    handles: list[Any] = [Patch(color=QUAD_COLORS[q]) for q in QuadClass if q in quads]
    labels = [str(q) for q in QuadClass if q in quads]
    if not_happened:
        handles.append(Patch(facecolor="white", edgecolor=_MUTED, hatch="///"))
        labels.append("hatched: did not happen (planned, possible, negated)")
    ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.1), frameon=False,
              fontsize=9, ncol=min(3, len(handles)))
    total = G.number_of_edges()
    sub = " · ".join(([_corpus_name(G)] if title is not None else [])
                    + [f"{_plural(total, 'event')} by PLOVER type"])
    _set_titles(ax, _headline(G, title), sub)
    return ax


# --------------------------------------------------------------------------------------
# files
# --------------------------------------------------------------------------------------

def _format_of(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"cannot tell the image format of {str(path)!r}; use one of "
                         f"{', '.join(FORMATS)}")
    return fmt


def render(G: nx.MultiDiGraph, kind: str, path: str | os.PathLike[str], *,
           focus: str | None = None, title: str | None = None,
           weight: Literal["count", "cooperation"] = "count",
           seed: int = DEFAULT_SEED) -> Path:
    """Draw one diagram of ``G`` and write it to ``path`` (PNG, SVG or PDF by extension).

    ``kind`` is one of :data:`KINDS`: ``network`` (or, with ``focus``, the ego view),
    ``ego`` (needs ``focus``), ``matrix`` (``weight`` as in :func:`draw_matrix`),
    ``timeline`` or ``types``. The file is written to a temporary file in the same folder
    and moved into place, so a reader never sees half an image; missing folders are made.
    An empty graph gives a figure that says "No events to show".

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    InputError
        Unknown ``kind`` or extension, ``ego`` without ``focus``, or an unknown actor.
    ExportError
        The file could not be written.

    Examples
    --------
    >>> import tempfile, os
    >>> from graphbuild.graph import build_graph
    >>> from graphbuild.types import Actor, ActorType, Event, Plover
    >>> a = Actor("Syldavia", ActorType.COUNTRY, "SYL")
    >>> b = Actor("Borduria", ActorType.COUNTRY, "BOR")
    >>> G = build_graph([Event("n1", a, b, Plover.ACCUSE, "accuse", "...", 0, 3)])
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = render(G, "types", os.path.join(tmp, "types.svg"))
    ...     out.read_bytes()[:5]
    b'<?xml'
    >>> render(G, "types", "types.gif")
    Traceback (most recent call last):
    ...
    graphbuild.errors.InputError: cannot tell the image format of 'types.gif'; use one of .png, .svg, .pdf
    """
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    if kind not in KINDS:
        raise InputError(f"unknown kind of diagram {kind!r}; valid: {', '.join(KINDS)}")
    path = Path(path)
    fmt = _format_of(path)
    if kind == "ego" and not focus:
        raise InputError("an ego diagram needs an actor to focus on (focus=...)")
    if focus and kind == "network":
        kind = "ego"
    if focus and kind not in ("ego", "network"):
        logger.info("focus %r is ignored by the %s diagram", focus, kind)
    if kind == "ego":
        find_actor(G, focus or "")  # fail before drawing anything

    # text stays text (searchable, editable) in SVG and PDF; SVG ids do not change per run
    with matplotlib.rc_context({"svg.hashsalt": "graphbuild", "svg.fonttype": "none",
                                "pdf.fonttype": 42, "font.size": 10}):
        fig = Figure(figsize=_FIGSIZES[kind], dpi=_DPI)
        FigureCanvasAgg(fig)
        ax = _add_axes(fig, kind)
        if kind == "ego":
            draw_ego(G, focus or "", ax, title=title)
        elif kind == "network":
            draw_network(G, ax, title=title, seed=seed)
        elif kind == "matrix":
            draw_matrix(G, ax, weight=weight, title=title)
        elif kind == "timeline":
            draw_timeline(G, ax, title=title)
        else:
            draw_types(G, ax, title=title)
        metadata = {"png": {"Software": "graphbuild (matplotlib)"}, "svg": {"Date": None},
                    "pdf": {"CreationDate": None, "ModDate": None}}[fmt]
        try:
            with atomic_write(path, "wb") as handle:
                fig.savefig(handle, format=fmt, dpi=_DPI, metadata=metadata,
                            facecolor="white")
        except ExportError:
            raise
        except OSError as err:
            raise ExportError(f"cannot write {path}: {err}") from err
    logger.info("wrote %s diagram to %s", kind, path)
    return path
