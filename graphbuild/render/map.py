"""The ``map`` diagram: states at their coordinates on a world outline, relations as arcs.

Country shapes (GeoJSON) and coordinates (latitude, longitude) come from the `countryinfo`
package's data files, read once a process; the projection is plain longitude and latitude
(equirectangular). Each actor counts for its state (people and bodies too); an arc joins two
states for each quad class of the events between them, either way, coloured by quad class,
as wide as the number of events. Events with an actor of no known state, or of a state with
no coordinates, are counted in the subtitle.
"""

from __future__ import annotations

import functools
import logging
import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import networkx as nx

from ..types import ActorType, QuadClass
from .aggregate import QUADS, EventTable, country_labels, event_table
from .figure import get_renderer, headline_of, new_axes, no_events, set_titles
from .graphview import DrawnLine
from .labels import label_box, node_label_candidates, place_labels
from .palette import ACTOR_COLORS, INK, MUTED, QUAD_COLORS
from .reading import corpus_name, plain, plural

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["draw_map", "state_coordinates"]

logger = logging.getLogger(__name__)

_LAND, _COAST, _ACTIVE = "#f1f1ef", "#c9c9c4", "#e2e6dc"


@functools.lru_cache(maxsize=1)
def _world() -> dict[str, tuple[tuple[float, float] | None, tuple[Any, ...]]]:
    """ISO alpha-3 code -> ((longitude, latitude) or None, outline rings), from countryinfo."""
    from countryinfo import CountryInfo

    out: dict[str, tuple[tuple[float, float] | None, tuple[Any, ...]]] = {}
    for info in CountryInfo.all().values():
        code = ((info.get("ISO") or {}).get("alpha3") or "").upper()
        if not code:
            continue
        latlng = info.get("latlng") or []
        where = (float(latlng[1]), float(latlng[0])) if len(latlng) == 2 else None
        out[code] = (where, tuple(_rings(info.get("geoJSON") or {})))
    return out


def _rings(geojson: Mapping[str, Any]) -> list[list[tuple[float, float]]]:
    """The outer rings of every polygon of a GeoJSON feature collection."""
    rings = []
    for feature in geojson.get("features", ()) or ():
        geometry = feature.get("geometry") or {}
        polygons = geometry.get("coordinates") or []
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        elif geometry.get("type") != "MultiPolygon":
            continue
        for polygon in polygons:
            if polygon and len(polygon[0]) >= 3:
                rings.append([(float(x), float(y)) for x, y, *_ in polygon[0]])
    return rings


def state_coordinates(code: str) -> tuple[float, float] | None:
    """(longitude, latitude) of the state with ISO alpha-3 ``code``, from countryinfo.

    >>> state_coordinates("IND")
    (77.0, 20.0)
    >>> state_coordinates("XXX") is None
    True
    """
    found = _world().get(str(code).upper())
    return found[0] if found else None


def draw_map(G: nx.MultiDiGraph, ax: Axes | None = None, *, title: str | None = None,
             max_arcs: int = 60, max_labels: int = 20) -> Axes:
    """Draw the states of ``G`` at their coordinates on a world outline, and their relations
    as arcs coloured by quad class and weighted by the number of events.

    Every actor counts for its state (a minister for her state, a ministry for its state);
    for each pair of states, one arc per quad class of the events between them, either way,
    bent apart so none hides another; the ``max_arcs`` strongest are drawn. A dot marks each
    state with events, sized by them; the ``max_labels`` busiest are named.

    Examples
    --------
    >>> from graphbuild.graph import build_graph
    >>> from graphbuild.types import Actor, ActorType, Event, Plover
    >>> a = Actor("India", ActorType.COUNTRY, "IND")
    >>> b = Actor("Brazil", ActorType.COUNTRY, "BRA")
    >>> G = build_graph([Event("n1", a, b, Plover.AID, "aid", "...", 0, 3)])
    >>> from matplotlib.figure import Figure
    >>> ax = draw_map(G, Figure(figsize=(11, 6)).add_subplot())
    >>> [line.gid for c in ax.collections for line in getattr(c, "graphbuild_lines", ())]
    ['edge|material cooperation|asserted|sym|BRA|IND']
    """
    if ax is None:
        ax = new_axes("map")
    _outline(ax)
    if G.number_of_edges() == 0:
        return no_events(ax, G, title)
    table = event_table(G)
    per_state, arcs, lost = _relations(G, table)
    _outline_active(ax, set(per_state))
    _arcs(ax, arcs, max_arcs)
    _states(ax, per_state, country_labels(G), max_labels)
    _legend(ax, arcs)
    parts = ([corpus_name(G)] if title is not None else []) + [
        plural(len(table), "event"), f"{plural(len(per_state), 'state')} on the map",
        f"arcs: the {min(max_arcs, len(arcs))} strongest of {len(arcs)} (pair, quad class)"]
    if lost:
        parts.append(f"{plural(lost, 'event')} with an actor of no known state or place left out")
    set_titles(ax, headline_of(G, title, table), " · ".join(parts))
    return ax


def _relations(G: nx.MultiDiGraph, table: EventTable
               ) -> tuple[dict[str, int], dict[tuple[str, str, int], int], int]:
    """Events per state; events per (state, state, quad class), either way; events lost."""
    import numpy as np

    codes = [str(G.nodes[n].get("country") or "").upper() for n in table.nodes]
    names = sorted({c for c in codes if c and state_coordinates(c) is not None})
    index = {c: i for i, c in enumerate(names)}
    of_node = np.array([index.get(c, -1) for c in codes], dtype=np.int64)
    a, b = of_node[table.src], of_node[table.dst]
    ok = (a >= 0) & (b >= 0)
    m = max(len(names), 1)
    per = np.bincount(a[ok], minlength=m) + np.bincount(b[ok & (a != b)], minlength=m)
    between = ok & (a != b)
    lo, hi = np.minimum(a[between], b[between]), np.maximum(a[between], b[between])
    key = (lo * m + hi) * len(QUADS) + table.quad[between]
    uniq, counts = np.unique(key, return_counts=True)
    arcs = {}
    for k, n in zip(uniq.tolist(), counts.tolist(), strict=True):
        pair, q = divmod(k, len(QUADS))
        u, v = divmod(pair, m)
        arcs[(names[u], names[v], q)] = int(n)
    per_state = {names[i]: int(per[i]) for i in range(len(names)) if per[i]}
    return per_state, arcs, int((~ok).sum())


def _outline(ax: Axes) -> None:
    from matplotlib.collections import PolyCollection

    rings = [ring for _, shapes in _world().values() for ring in shapes]
    ax.add_collection(PolyCollection(rings, facecolors=_LAND, edgecolors=_COAST, linewidths=0.3,
                                     zorder=0, gid="land"))
    ax.set_xlim(-180, 180)
    ax.set_ylim(-58, 84)
    ax.set_aspect("equal", adjustable="box")
    ax.set_axis_off()


def _outline_active(ax: Axes, active: set[str]) -> None:
    """The states with events, a shade darker than the rest of the land."""
    from matplotlib.collections import PolyCollection

    world = _world()
    rings = [ring for code in sorted(active) for ring in world.get(code, (None, ()))[1]]
    if rings:
        ax.add_collection(PolyCollection(rings, facecolors=_ACTIVE, edgecolors=_COAST,
                                         linewidths=0.4, zorder=0.5, gid="land|active"))


def _arcs(ax: Axes, arcs: Mapping[tuple[str, str, int], int], limit: int) -> list[DrawnLine]:
    """The strongest ``limit`` arcs, one ``LineCollection``; arcs of one pair bend apart."""
    import numpy as np
    from matplotlib.collections import LineCollection

    chosen = sorted(arcs, key=lambda k: (-arcs[k], k))[:limit]
    top = max((arcs[k] for k in chosen), default=1)
    by_pair: dict[tuple[str, str], list[tuple[str, str, int]]] = {}
    for k in sorted(chosen):
        by_pair.setdefault(k[:2], []).append(k)
    t = np.linspace(0.0, 1.0, 40)[:, None]
    lines = []
    for pair, members in by_pair.items():
        A, B = (np.array(state_coordinates(c), dtype=float) for c in pair)
        d = B - A
        for i, k in enumerate(members):
            rad = 0.18 + 0.12 * i  # every arc bends (to the left of A -> B), each a little more
            C = (A + B) / 2 + rad * np.array([-d[1], d[0]])
            points = (1 - t) ** 2 * A + 2 * (1 - t) * t * C + t ** 2 * B
            quad = QUADS[k[2]]
            lines.append(DrawnLine(f"edge|{quad.value}|asserted|sym|{pair[0]}|{pair[1]}",
                                   QUAD_COLORS[quad], "-", 0.6 + 4.4 * math.sqrt(arcs[k] / top),
                                   points, None))
    # the thinnest first, so the strong relations are drawn on top
    lines.sort(key=lambda ln: ln.width)
    collection = LineCollection([ln.points for ln in lines], colors=[ln.colour for ln in lines],
                                linewidths=[ln.width for ln in lines], alpha=0.85, zorder=2,
                                capstyle="round", gid="arcs")
    collection.graphbuild_lines = lines
    ax.add_collection(collection)
    return lines


def _states(ax: Axes, per_state: Mapping[str, int], labels: Mapping[str, str], limit: int
            ) -> None:
    """A dot per state (its area: events) and the busiest states' names, placed clear."""
    import numpy as np

    codes = sorted(per_state, key=lambda c: (-per_state[c], c))
    top = max(per_state.values(), default=1)
    xy = np.array([state_coordinates(c) for c in codes], dtype=float).reshape(-1, 2)
    sizes = np.array([16 + 220 * math.sqrt(per_state[c] / top) for c in codes])
    ax.scatter(xy[:, 0], xy[:, 1], s=sizes, c=ACTOR_COLORS[ActorType.COUNTRY], edgecolors=INK,
               linewidths=0.6, zorder=3, gid="states")
    texts = [ax.annotate(plain(f"{labels.get(code, code)} {per_state[code]:,}"),
                         xy=tuple(xy[i]), xytext=(0, 0), textcoords="offset points",
                         ha="center", va="center", fontsize=8, color=INK, zorder=5,
                         annotation_clip=False, gid=f"node-label|{code}",
                         bbox={"boxstyle": "square,pad=0.1", "facecolor": "white",
                               "edgecolor": "none", "alpha": 0.8})
             for i, code in enumerate(codes[:limit])]
    ax.figure.draw_without_rendering()
    renderer = get_renderer(ax.figure)
    pts = ax.figure.dpi / 72.0
    obstacles = []
    for (x, y), s in zip(ax.transData.transform(xy), sizes, strict=True):
        r = math.sqrt(s) / 2 * pts
        obstacles.append((x - r, y - r, x + r, y + r))
    items = []
    for i, label in enumerate(texts):
        x0, y0, x1, y1 = label_box(label, renderer)
        items.append((label, np.array(node_label_candidates((x1 - x0) / 2, (y1 - y0) / 2,
                                                            math.sqrt(sizes[i]) / 2 * pts)), None))
    place_labels(ax, items, obstacles)  # next to their dots, over the arcs if need be


def _legend(ax: Axes, arcs: Mapping[tuple[str, str, int], int]) -> None:
    from matplotlib.lines import Line2D

    quads = {QUADS[k[2]] for k in arcs}
    handles = [Line2D([], [], color=QUAD_COLORS[q], linewidth=3) for q in QuadClass if q in quads]
    labels = [str(q) for q in QuadClass if q in quads]
    handles += [Line2D([], [], color=MUTED, linewidth=4),
                Line2D([], [], linestyle="none", marker="o", markersize=8,
                       markerfacecolor=ACTOR_COLORS[ActorType.COUNTRY], markeredgecolor=INK)]
    labels += ["arc width: events between two states, either way",
               "dot: a state (area: events of it, its people and bodies)"]
    ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.01), ncol=3,
              fontsize=8, frameon=False)
