"""Drawing a :class:`~graphbuild.render.aggregate.View` on axes: what the network and ego
pictures share.

Everything is drawn with a handful of artists, whatever the number of events: one scatter per
actor type for the nodes, one ``LineCollection`` for the lines, one ``PolyCollection`` for the
arrowheads (over the labels, so no label hides a direction), and one text per label. Lines end
at the edge of their nodes; an arrowhead's tip touches the node it points at.
"""

from __future__ import annotations

import logging
import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx

from ..types import ActorType, Plover, QuadClass
from .aggregate import View
from .figure import get_renderer, set_titles
from .labels import edge_label_candidates, label_box, node_label_candidates, place_labels
from .palette import (
    ACTOR_COLORS,
    ACTOR_MARKERS,
    ACTOR_NAMES,
    INK,
    LINESTYLES,
    MUTED,
    PLOVER_ORDER,
    QUAD_COLORS,
    STYLE_ORDER,
    TYPE_ORDER,
    state_tints,
)
from .reading import plain, wrap

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    from matplotlib.axes import Axes
    from matplotlib.text import Annotation

logger = logging.getLogger(__name__)

_SAMPLES = 48  # points along each drawn line
_GAP = 1.5  # points between a node's edge and a line's end


def layout_graph(view: View) -> nx.Graph:
    """The graph a layout spreads: the pairs with events, and each actor tied to its state
    when the state is shown, so people and bodies sit near their state."""
    H = nx.Graph()
    H.add_nodes_from(sorted(view.nodes))
    H.add_edges_from(sorted({tuple(sorted(g[:2])) for g in view.groups if g[0] != g[1]}))
    for node in view.nodes.values():
        if node.type is not ActorType.COUNTRY and node.country:
            state = f"country/{node.country}"
            if state in view.nodes and state != node.id:
                H.add_edge(*sorted((node.id, state)))
    return H


def node_sizes(view: View) -> dict[str, float]:
    """Marker areas in points²: grow with events (in proportion to the busiest's when counts
    are large), capped."""
    top = max((n.events for n in view.nodes.values()), default=1)
    if top <= 14:
        return {k: min(200.0 + 90.0 * n.events, 1500.0) for k, n in view.nodes.items()}
    return {k: 120.0 + 1600.0 * n.events / top for k, n in view.nodes.items()}


def node_fills(view: View) -> dict[str, str]:
    """Fill of each node: states, and the people and bodies of a state, share the state's tint
    (actor level); states green and stateless bodies yellow (state level)."""
    if view.level == "states":
        return {k: ACTOR_COLORS[n.type] for k, n in view.nodes.items()}
    tints = state_tints(sorted({n.country for n in view.nodes.values() if n.country}))
    return {k: tints.get(n.country or "", "#dddddd") for k, n in view.nodes.items()}


def draw_graph(view: View, ax: Axes, pos: Mapping[str, tuple[float, float]], aspect: float, *,
               headline: str, subtitle: str) -> Axes:
    """Draw ``view`` at ``pos``, with a legend and labels placed clear of each other."""
    sizes = node_sizes(view)
    radius = {n: math.sqrt(sizes[n]) / 2 for n in view.nodes}  # points
    ax.set_xlim(-aspect * 1.2, aspect * 1.2)
    ax.set_ylim(-1.2, 1.2)
    ax.set_aspect("equal", adjustable="box")
    ax.set_axis_off()
    ax.apply_aspect()
    _draw_nodes(view, ax, pos, sizes)
    lines = _edge_lines(view, ax, pos, radius)
    _draw_lines(ax, lines)
    edge_labels = _draw_edge_labels(view, ax, lines)
    node_labels = _draw_node_labels(view, ax, pos)
    handles, labels, headers = legend_handles(view)
    legend = ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0),
                       frameon=False, fontsize=9, handlelength=2.6, borderaxespad=0.0)
    for text in legend.get_texts():
        if text.get_text() in headers:
            text.set_fontweight("bold")
    set_titles(ax, headline, subtitle)
    _arrange_labels(view, ax, pos, radius, node_labels, edge_labels, lines)
    return ax


def _draw_nodes(view: View, ax: Axes, pos: Mapping[str, tuple[float, float]],
                sizes: Mapping[str, float]) -> None:
    """One scatter per actor type (sorted, so the drawing order is fixed)."""
    fills = node_fills(view)
    by_type: dict[ActorType, list[str]] = defaultdict(list)
    for n in sorted(view.nodes):
        by_type[view.nodes[n].type].append(n)
    for t in sorted(by_type, key=TYPE_ORDER.__getitem__):
        nodes = by_type[t]
        focus = [n == view.focus for n in nodes]
        ax.scatter([pos[n][0] for n in nodes], [pos[n][1] for n in nodes],
                   s=[sizes[n] for n in nodes], marker=ACTOR_MARKERS[t],
                   c=[fills[n] for n in nodes], edgecolors=[INK if f else "#333333" for f in focus],
                   linewidths=[2.8 if f else 0.9 for f in focus], zorder=3, gid=f"nodes|{t.value}")


def edge_text(what: str, style: str, n: int, by: str = "plover") -> str:
    if by == "quad":
        return f"{n:,}"
    text = {"asserted": what, "negated": f"not {what}"}.get(style, f"{what} ({style})")
    return f"{text} ×{n}" if n > 1 else text


def _members(view: View) -> list[tuple[tuple[str, str], list[tuple]]]:
    """The groups of each pair of nodes, in a fixed order."""
    by_pair: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for g in view.groups:
        if g[0] == g[1]:
            logger.debug("not drawing %d event(s) of %s with itself", view.groups[g], g[0])
            continue
        by_pair[tuple(sorted(g[:2]))].append(g)
    rank = {q.value: i for i, q in enumerate(QuadClass)} | PLOVER_ORDER
    return [(pair, sorted(by_pair[pair], key=lambda g: (rank[g[2]], STYLE_ORDER.index(g[3]),
                                                          g[4], g[0])))
            for pair in sorted(by_pair)]


def _line_width(view: View, n: int, top: int) -> float:
    if view.by == "quad":
        return 0.8 + 5.2 * math.sqrt(n / max(top, 1))
    return min(1.5 + 0.8 * (n - 1), 5.0)


def _edge_lines(view: View, ax: Axes, pos: Mapping[str, tuple[float, float]],
                radius: Mapping[str, float]) -> list[dict[str, Any]]:
    """Each group's line as points in data units, cut at its nodes' edges, with its
    arrowhead (a triangle whose tip touches the target) when the event has a direction."""
    import numpy as np

    per_point = _data_per_point(ax)
    top = max(view.groups.values(), default=1)
    out = []
    t = np.linspace(0.0, 1.0, _SAMPLES)[:, None]
    for pair, members in _members(view):
        step = 0.2 if len(members) > 1 else 0.0
        for i, g in enumerate(members):
            a, b, what, style, sym = g
            rad = (i - (len(members) - 1) / 2) * step * (1 if (a, b) == pair else -1)
            A, B = np.array(pos[a], dtype=float), np.array(pos[b], dtype=float)
            d = B - A
            C = (A + B) / 2 + rad * np.array([d[1], -d[0]])
            curve = (1 - t) ** 2 * A + 2 * (1 - t) * t * C + t ** 2 * B
            width = _line_width(view, view.groups[g], top)
            head = 0.0 if sym else (6.0 + 1.3 * width) * per_point
            start = radius[a] * per_point + _GAP * per_point
            tip_at = radius[b] * per_point + _GAP * per_point
            da = np.hypot(*(curve - A).T)
            db = np.hypot(*(curve - B).T)
            keep = (da >= start) & (db >= tip_at + head * 0.8)
            if keep.sum() < 2:
                continue
            line = curve[keep]
            tip = curve[np.flatnonzero(db >= tip_at)[-1]]
            quad = what if view.by == "quad" else Plover(what).quad.value
            out.append({"group": g, "points": line, "tip": None if sym else tip, "rad": rad,
                        "width": width, "colour": QUAD_COLORS[QuadClass(quad)], "head": head,
                        "style": LINESTYLES[style]})
    return out


def _data_per_point(ax: Axes) -> float:
    """Data units in one typographic point, on these (equal-aspect) axes."""
    x0, _ = ax.transData.transform((0.0, 0.0))
    x1, _ = ax.transData.transform((1.0, 0.0))
    return (ax.figure.dpi / 72.0) / max(abs(x1 - x0), 1e-9)


@dataclass(frozen=True)
class DrawnLine:
    """One line of a network picture, as drawn: ``gid`` is
    ``edge|WHAT|STYLE|sym-or-dir|FROM|TO``; ``tip`` the arrowhead's tip (None: no head)."""

    gid: str
    colour: str
    linestyle: str
    width: float
    points: Any
    tip: Any


def drawn_lines(ax: Axes) -> list[DrawnLine]:
    """The lines :func:`draw_graph` drew on ``ax`` (one ``LineCollection`` holds them all)."""
    return [line for c in ax.collections for line in getattr(c, "graphbuild_lines", ())]


def _draw_lines(ax: Axes, lines: list[dict[str, Any]]) -> None:
    import numpy as np
    from matplotlib.collections import LineCollection, PolyCollection

    if not lines:
        return
    collection = LineCollection(
        [ln["points"] for ln in lines], colors=[ln["colour"] for ln in lines],
        linewidths=[ln["width"] for ln in lines], linestyles=[ln["style"] for ln in lines],
        capstyle="butt", zorder=2, gid="edges")
    collection.graphbuild_lines = [DrawnLine(
        f"edge|{ln['group'][2]}|{ln['group'][3]}|{'sym' if ln['group'][4] else 'dir'}|"
        f"{ln['group'][0]}|{ln['group'][1]}", ln["colour"], ln["style"], ln["width"],
        ln["points"], ln["tip"]) for ln in lines]
    ax.add_collection(collection)
    heads = []
    colours = []
    for ln in lines:
        if ln["tip"] is None:
            continue
        tip, base = ln["tip"], ln["points"][-1]
        along = tip - base
        length = float(np.hypot(*along)) or 1.0
        along = along / length * ln["head"]
        side = np.array([-along[1], along[0]]) * 0.42
        back = tip - along
        heads.append([tip, back + side, back - side])
        colours.append(ln["colour"])
    if heads:
        ax.add_collection(PolyCollection(heads, facecolors=colours, edgecolors=colours,
                                         linewidths=0.6, zorder=6, gid="arrowheads"))


def _draw_edge_labels(view: View, ax: Axes, lines: list[dict[str, Any]],
                      limit: int = 200) -> list[tuple[int, Annotation, dict]]:
    """A label at the middle of each line (the ``limit`` strongest, for states)."""
    ranked = sorted(range(len(lines)), key=lambda i: -view.groups[lines[i]["group"]])
    if view.by == "quad":
        ranked = ranked[:20]
    out = []
    for i in ranked[:limit]:
        ln = lines[i]
        a, b, what, style, _ = ln["group"]
        n = view.groups[ln["group"]]
        middle = ln["points"][len(ln["points"]) // 2]
        label = ax.annotate(
            edge_text(what, style, n, view.by), xy=(float(middle[0]), float(middle[1])),
            xytext=(0, 0), textcoords="offset points", ha="center", va="center", fontsize=7.5,
            color=INK, zorder=4, annotation_clip=False,
            bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": ln["colour"],
                  "linewidth": 0.9},
            gid=f"edge-label|{what}|{style}|{a}|{b}")
        out.append((i, label, ln))
    return out


def _node_text(view: View, n: str) -> str:
    node = view.nodes[n]
    text = wrap(node.label)
    if view.level == "states":
        text += f"\n{node.events:,}"
    return plain(text)


def _draw_node_labels(view: View, ax: Axes, pos: Mapping[str, tuple[float, float]]
                      ) -> dict[str, Annotation]:
    return {n: ax.annotate(
        _node_text(view, n), xy=pos[n], xytext=(0, 0), textcoords="offset points",
        ha="center", va="center", multialignment="center",
        fontsize=10.5 if n == view.focus else 9,
        fontweight="bold" if n == view.focus else "normal", color=INK, zorder=5,
        annotation_clip=False,
        bbox={"boxstyle": "square,pad=0.12", "facecolor": "white", "edgecolor": "none",
              "alpha": 0.85},
        gid=f"node-label|{n}") for n in sorted(view.nodes)}


def _arrange_labels(view: View, ax: Axes, pos: Mapping[str, tuple[float, float]],
                    radius: Mapping[str, float], node_labels: Mapping[str, Annotation],
                    edge_labels: list[tuple[int, Annotation, dict]],
                    lines: list[dict[str, Any]]) -> None:
    """Measure what the renderer draws, then give every label a spot clear of the others
    and off the lines: actors first (the busiest first), then events (the most first)."""
    import numpy as np

    fig = ax.figure
    pts_to_px = fig.dpi / 72.0
    fig.draw_without_rendering()
    renderer = get_renderer(fig)
    obstacles = []
    for n in sorted(view.nodes):
        cx, cy = ax.transData.transform(pos[n])
        r = radius[n] * pts_to_px
        obstacles.append((cx - r, cy - r, cx + r, cy + r))
    on_lines = [(ax.transData.transform(ln["points"]), i) for i, ln in enumerate(lines)]
    items: list[tuple[Annotation, np.ndarray, int | None]] = []
    for n in sorted(view.nodes, key=lambda n: (n != view.focus, -view.nodes[n].events, n)):
        x0, y0, x1, y1 = label_box(node_labels[n], renderer)
        cands = node_label_candidates((x1 - x0) / 2, (y1 - y0) / 2, radius[n] * pts_to_px)
        items.append((node_labels[n], np.array(cands), None))
    for i, label, ln in edge_labels:
        a, b = ln["group"][:2]
        x0, y0, x1, y1 = label_box(label, renderer)
        cands = edge_label_candidates(ax, pos[a], pos[b], ln["rad"], (y1 - y0) / 2)
        items.append((label, np.array(cands), i))
    place_labels(ax, items, obstacles, lines=on_lines)


def legend_handles(view: View) -> tuple[list[Any], list[str], set[str]]:
    from matplotlib.lines import Line2D

    handles: list[Any] = []
    labels: list[str] = []
    headers: set[str] = set()

    def add(handle: Any, text: str, header: bool = False) -> None:
        handles.append(handle)
        labels.append(text)
        if header:
            headers.add(text)

    blank = Line2D([], [], linestyle="none", marker="none")
    if view.level == "states":
        add(blank, "States (size: number of events)", True)
    else:
        add(blank, "Actors (size: number of events)", True)
    for t in sorted({n.type for n in view.nodes.values()}, key=TYPE_ORDER.__getitem__):
        fill = ACTOR_COLORS[t] if view.level == "states" else "#eeeeee"
        add(Line2D([], [], linestyle="none", marker=ACTOR_MARKERS[t], markersize=10,
                   markerfacecolor=fill, markeredgecolor=INK),
            "Organisation of no state" if view.level == "states" and t is ActorType.ORG
            else ACTOR_NAMES[t])
    if view.level == "actors" and any(n.country for n in view.nodes.values()):
        add(Line2D([], [], linestyle="none", marker="o", markersize=10, markerfacecolor=
                   state_tints(["x"])["x"], markeredgecolor=INK), "fill: the colour of their state")
    _event_legend(view, add, blank)
    return handles, labels, headers


def _event_legend(view: View, add: Any, blank: Any) -> None:
    from matplotlib.lines import Line2D

    add(blank, "Events (colour: quad class)", True)
    quads = {g[2] if view.by == "quad" else Plover(g[2]).quad.value for g in view.groups}
    for q in QuadClass:
        if q.value in quads:
            add(Line2D([], [], color=QUAD_COLORS[q], linewidth=3), str(q))
    if view.by == "quad":
        add(blank, "Lines (one per quad class)", True)
        add(Line2D([], [], color=MUTED, linewidth=4), "width, number: events")
        if any(not g[4] for g in view.groups):
            add(Line2D([], [], color=MUTED, linewidth=2, marker=">", markersize=8, markevery=[1]),
                "arrow: from the one that acts")
        if any(g[4] for g in view.groups):
            add(Line2D([], [], color=MUTED, linewidth=2),
                "no arrowhead: either way" if view.level == "states" else
                "no arrowhead: mutual (e.g. talks)")
        if view.level == "states":
            add(blank, "a state: with its people and bodies")
        return
    styles = {g[3] for g in view.groups}
    add(blank, "Line style", True)
    if "asserted" in styles:
        add(Line2D([], [], color=MUTED, linewidth=2), "happened (asserted or reported)")
    if styles & {"planned", "possible"}:
        add(Line2D([], [], color=MUTED, linewidth=2, linestyle="--"), "dashed: planned or possible")
    if "negated" in styles:
        add(Line2D([], [], color=MUTED, linewidth=2, linestyle=":"),
            "dotted: negated (did not happen)")
    if any(not g[4] for g in view.groups):
        add(Line2D([], [], color=MUTED, linewidth=2, marker=">", markersize=8, markevery=[1]),
            "arrow: from actor to target")
    if any(g[4] for g in view.groups):
        add(Line2D([], [], color=MUTED, linewidth=2), "no arrowhead: mutual (e.g. talks)")
