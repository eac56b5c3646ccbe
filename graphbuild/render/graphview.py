"""Drawing actors and the events between them on axes: what the network and ego views share."""

from __future__ import annotations

import logging
import math
from collections import Counter, defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import networkx as nx

from ..types import ActorType, Plover, QuadClass
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
)
from .reading import (
    actor_type,
    node_label,
    plain,
    plover_of,
    style_of,
    wrap,
)

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    from matplotlib.axes import Axes
    from matplotlib.text import Annotation

logger = logging.getLogger(__name__)


def node_size(events: int) -> float:
    """Marker area in points²: grows with the number of events, capped."""
    return min(200.0 + 90.0 * events, 1500.0)


def edge_groups(G: nx.MultiDiGraph) -> dict[tuple[str, str, str, str, bool], int]:
    """(from, to, PLOVER type, style, symmetric) -> how many events; symmetric ends sorted."""
    groups: Counter = Counter()
    for u, v, d in G.edges(data=True):
        plover = plover_of(d, u, v).value
        sym = bool(d.get("symmetric"))
        a, b = tuple(sorted((u, v))) if sym else (u, v)
        groups[(a, b, plover, style_of(d), sym)] += 1
    return dict(groups)


def edge_text(plover: str, style: str, n: int) -> str:
    text = {"asserted": plover, "negated": f"not {plover}"}.get(style, f"{plover} ({style})")
    return f"{text} ×{n}" if n > 1 else text


def legend_handles(G: nx.MultiDiGraph, groups: Mapping[tuple, int],
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
    types = {actor_type(d) for _, d in G.nodes(data=True)}
    for t in sorted(types, key=TYPE_ORDER.__getitem__):
        handles.append(Line2D([], [], linestyle="none", marker=ACTOR_MARKERS[t], markersize=10,
                              markerfacecolor=ACTOR_COLORS[t], markeredgecolor=INK))
        labels.append(ACTOR_NAMES[t])
    header("Events (colour: quad class)")
    quads = {Plover(g[2]).quad for g in groups}
    for q in QuadClass:
        if q in quads:
            handles.append(Line2D([], [], color=QUAD_COLORS[q], linewidth=3))
            labels.append(str(q))
    header("Line style")
    styles = {g[3] for g in groups}
    if "asserted" in styles:
        handles.append(Line2D([], [], color=MUTED, linewidth=2, linestyle="-"))
        labels.append("happened (asserted or reported)")
    if styles & {"planned", "possible"}:
        handles.append(Line2D([], [], color=MUTED, linewidth=2, linestyle="--"))
        labels.append("dashed: planned or possible")
    if "negated" in styles:
        handles.append(Line2D([], [], color=MUTED, linewidth=2, linestyle=":"))
        labels.append("dotted: negated (did not happen)")
    if any(not g[4] for g in groups):
        handles.append(Line2D([], [], color=MUTED, linewidth=2, marker=">", markersize=8,
                              markevery=[1], linestyle="-"))
        labels.append("arrow: from actor to target")
    if any(g[4] for g in groups):
        handles.append(Line2D([], [], color=MUTED, linewidth=2))
        labels.append("no arrowhead: mutual (e.g. talks)")
    return handles, labels, headers


def draw_graph(G: nx.MultiDiGraph, ax: Axes, pos: Mapping[str, tuple[float, float]],
               aspect: float, *, headline: str, subtitle: str, focus: str | None) -> Axes:
    """Draw the actors of ``G`` at ``pos`` and its events between them, with a legend and
    labels placed clear of each other."""
    events = dict(G.degree())
    sizes = {n: node_size(events[n]) for n in G}
    radius = {n: math.sqrt(sizes[n]) / 2 for n in G}  # points

    ax.set_xlim(-aspect * 1.2, aspect * 1.2)
    ax.set_ylim(-1.2, 1.2)
    ax.set_aspect("equal", adjustable="box")
    ax.set_axis_off()
    _draw_nodes(G, ax, pos, sizes, focus)
    groups = edge_groups(G)
    edge_labels = _draw_edges(ax, groups, pos, radius)
    node_labels = _draw_node_labels(G, ax, pos, focus)
    handles, labels, headers = legend_handles(G, groups, focus)
    legend = ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0),
                       frameon=False, fontsize=9, handlelength=2.6, borderaxespad=0.0)
    for text in legend.get_texts():
        if text.get_text() in headers:
            text.set_fontweight("bold")
    set_titles(ax, headline, subtitle)
    _arrange_labels(G, ax, pos, radius, node_labels, edge_labels, events, focus)
    return ax


def _draw_nodes(G: nx.MultiDiGraph, ax: Axes, pos: Mapping[str, tuple[float, float]],
                sizes: Mapping[str, float], focus: str | None) -> None:
    """One scatter per actor type (sorted, so the drawing order is fixed)."""
    by_type: dict[ActorType, list[str]] = defaultdict(list)
    for n in sorted(G):
        by_type[actor_type(G.nodes[n])].append(n)
    for t in sorted(by_type, key=TYPE_ORDER.__getitem__):
        nodes = by_type[t]
        ax.scatter([pos[n][0] for n in nodes], [pos[n][1] for n in nodes],
                   s=[sizes[n] for n in nodes], marker=ACTOR_MARKERS[t], c=ACTOR_COLORS[t],
                   edgecolors=[INK if n == focus else "#333333" for n in nodes],
                   linewidths=[2.8 if n == focus else 0.9 for n in nodes], zorder=3,
                   gid=f"nodes|{t.value}")


def _draw_edges(ax: Axes, groups: Mapping[tuple, int], pos: Mapping[str, tuple[float, float]],
                radius: Mapping[str, float]) -> list[tuple[int, Annotation, tuple, float]]:
    """One line per group, bent apart when several join the same two actors; returns the
    edge labels, to be placed."""
    from matplotlib.patches import FancyArrowPatch

    by_pair: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for g in groups:
        if g[0] == g[1]:
            logger.debug("not drawing %d event(s) of %s with itself", groups[g], g[0])
            continue
        by_pair[tuple(sorted(g[:2]))].append(g)
    edge_labels: list[tuple[int, Annotation, tuple, float]] = []
    for pair in sorted(by_pair):
        members = sorted(by_pair[pair], key=lambda g: (PLOVER_ORDER[g[2]],
                                                       STYLE_ORDER.index(g[3]), g[4], g[0]))
        step = 0.2 if len(members) > 1 else 0.0
        for i, g in enumerate(members):
            a, b, plover, style, sym = g
            n = groups[g]
            rad = (i - (len(members) - 1) / 2) * step
            if (a, b) != pair:
                rad = -rad
            colour = QUAD_COLORS[Plover(plover).quad]
            ax.add_patch(FancyArrowPatch(
                pos[a], pos[b], arrowstyle="-" if sym else "-|>", mutation_scale=16,
                connectionstyle=f"arc3,rad={rad}", shrinkA=radius[a] + 1.5,
                shrinkB=radius[b] + (1.5 if sym else 2.0), color=colour,
                linewidth=min(1.5 + 0.8 * (n - 1), 5.0), linestyle=LINESTYLES[style], zorder=2,
                capstyle="butt", gid=f"edge|{plover}|{style}|{'sym' if sym else 'dir'}|{a}|{b}"))
            (xa, ya), (xb, yb) = pos[a], pos[b]
            mx = (xa + xb) / 2 + 0.5 * rad * (yb - ya)
            my = (ya + yb) / 2 - 0.5 * rad * (xb - xa)
            label = ax.annotate(
                edge_text(plover, style, n), xy=(mx, my), xytext=(0, 0),
                textcoords="offset points", ha="center", va="center", fontsize=7.5,
                color=INK, zorder=4, annotation_clip=False,
                bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": colour,
                      "linewidth": 0.9},
                gid=f"edge-label|{plover}|{style}|{a}|{b}")
            edge_labels.append((n, label, (a, b), rad))
    return edge_labels


def _draw_node_labels(G: nx.MultiDiGraph, ax: Axes, pos: Mapping[str, tuple[float, float]],
                      focus: str | None) -> dict[str, Annotation]:
    return {n: ax.annotate(
        plain(wrap(node_label(G, n))), xy=pos[n], xytext=(0, 0), textcoords="offset points",
        ha="center", va="center", multialignment="center",
        fontsize=10.5 if n == focus else 9, fontweight="bold" if n == focus else "normal",
        color=INK, zorder=5, annotation_clip=False,
        bbox={"boxstyle": "square,pad=0.12", "facecolor": "white", "edgecolor": "none",
              "alpha": 0.8},
        gid=f"node-label|{n}") for n in sorted(G)}


def _arrange_labels(G: nx.MultiDiGraph, ax: Axes, pos: Mapping[str, tuple[float, float]],
                    radius: Mapping[str, float], node_labels: Mapping[str, Annotation],
                    edge_labels: list[tuple[int, Annotation, tuple, float]],
                    events: Mapping[str, int], focus: str | None) -> None:
    """Measure what the renderer draws, then give every label a spot clear of the others:
    actors first (the busiest first), then events (the most frequent first)."""
    import numpy as np

    fig = ax.figure
    pts_to_px = fig.dpi / 72.0
    fig.draw_without_rendering()
    renderer = get_renderer(fig)
    obstacles = []
    for n in sorted(G):
        cx, cy = ax.transData.transform(pos[n])
        r = radius[n] * pts_to_px
        obstacles.append((cx - r, cy - r, cx + r, cy + r))
    items: list[tuple[Annotation, np.ndarray]] = []
    for n in sorted(G, key=lambda n: (n != focus, -events[n], n)):
        x0, y0, x1, y1 = label_box(node_labels[n], renderer)
        cands = node_label_candidates((x1 - x0) / 2, (y1 - y0) / 2, radius[n] * pts_to_px)
        items.append((node_labels[n], np.array(cands)))
    for _n, label, (a, b), rad in sorted(edge_labels, key=lambda e: -e[0]):
        x0, y0, x1, y1 = label_box(label, renderer)
        items.append((label, np.array(edge_label_candidates(ax, pos[a], pos[b], rad,
                                                             (y1 - y0) / 2))))
    place_labels(ax, items, obstacles)
