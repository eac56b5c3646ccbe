"""Node positions of the network and ego diagrams: seeded, packed, fitted to the axes."""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import networkx as nx

from .palette import TYPE_ORDER

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    from matplotlib.axes import Axes

    from .aggregate import View

logger = logging.getLogger(__name__)


#: Seed of the network layout.
DEFAULT_SEED = 7


def axes_aspect(ax: Axes) -> float:
    fig = ax.figure
    pos = ax.get_position()
    w, h = fig.get_size_inches()
    return max(0.3, min(4.0, (pos.width * w) / max(pos.height * h, 1e-9)))


def node_box(aspect: float) -> tuple[float, float]:
    """Half width and half height of the part of the axes where nodes go; the rest of the
    axes (``[-1.2 aspect, 1.2 aspect] x [-1.2, 1.2]``) is room for the labels."""
    return max(0.3, aspect * 1.2 - 0.32), 1.0


def turn_flat(xy: np.ndarray) -> np.ndarray:
    """Points centred and turned so their long side is horizontal (a fixed orientation for
    a given input)."""
    import numpy as np

    xy = xy - xy.mean(axis=0)
    if len(xy) > 2:
        _, _, turn = np.linalg.svd(xy, full_matrices=False)
        xy = xy @ turn.T
        xy *= np.where(turn.sum(axis=1) < 0, -1.0, 1.0)
    return xy


def fit(pos: Mapping[str, Sequence[float]], aspect: float, *, turn: bool = True,
         max_stretch: float = 2.0) -> dict[str, tuple[float, float]]:
    """Positions turned so their long side is horizontal (unless ``turn`` is false), spread
    so no two nodes crowd each other, then scaled to fill the node box (:func:`node_box`):
    the same in x and y, or up to ``max_stretch`` times as much in the short direction of a
    flat layout."""
    import numpy as np

    nodes = list(pos)
    xy = np.array([pos[n] for n in nodes], dtype=float).reshape(-1, 2)
    xy = turn_flat(xy) if turn else xy - xy.mean(axis=0)
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
    box = np.array(node_box(aspect))
    scale = min(box[0] / half[0], box[1] / half[1])
    stretch = np.minimum(box / (half * scale), max_stretch)
    xy = (xy - (lo + hi) / 2) * scale * stretch
    return {n: (round(float(x), 9), round(float(y), 9)) for n, (x, y) in zip(nodes, xy, strict=False)}


def component_layout(H: nx.Graph, seed: int) -> dict[str, np.ndarray]:
    """One connected component laid out on its own, an edge about one unit long, its long
    side horizontal."""
    import numpy as np

    nodes = sorted(H)
    if len(nodes) == 1:
        return {nodes[0]: np.zeros(2)}
    if len(nodes) == 2:
        return {nodes[0]: np.array([-0.5, 0.0]), nodes[1]: np.array([0.5, 0.0])}
    pos = nx.spring_layout(H, seed=seed, iterations=300)
    xy = even_out(H, nodes, np.array([pos[n] for n in nodes], dtype=float))
    index = {n: i for i, n in enumerate(nodes)}
    ratios = [np.hypot(*(xy[index[u]] - xy[index[v]])) for u, v in H.edges()]
    xy = turn_flat(xy / max(float(np.mean(ratios)), 1e-9))
    return {n: xy[i] for i, n in enumerate(nodes)}


def even_out(H: nx.Graph, nodes: Sequence[str], xy: np.ndarray, iterations: int = 200) -> np.ndarray:
    """Positions of a connected graph's ``nodes`` moved, from ``xy``, so that the distance
    drawn between two nodes is as near as it can be to the number of edges between them,
    near pairs counting most (the stress Kamada and Kawai minimise, here by majorisation:
    each step solves a linear system that can only lower it; numpy only, so a picture needs
    no scipy).

    >>> import networkx as nx, numpy as np
    >>> P = nx.path_graph(["a", "b", "c"])
    >>> xy = even_out(P, ["a", "b", "c"], np.array([[0.0, 0.0], [0.1, 0.5], [0.2, 0.0]]))
    >>> round(float(np.hypot(*(xy[0] - xy[2]))), 1)  # a path of two edges, drawn straight
    2.0
    """
    import numpy as np

    index = {n: i for i, n in enumerate(nodes)}
    n = len(nodes)
    d = np.zeros((n, n))
    for source, lengths in nx.all_pairs_shortest_path_length(H):
        for target, length in lengths.items():
            d[index[source], index[target]] = length
    off = ~np.eye(n, dtype=bool)
    w = np.zeros((n, n))
    w[off] = d[off] ** -2.0
    laplacian = np.diag(w.sum(axis=1)) - w
    inverse = np.linalg.pinv(laplacian)
    xy = xy - xy.mean(axis=0)
    spread = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    mean = float(spread[off].mean()) or 1.0
    xy = xy * float(d[off].mean()) / mean  # the start at the scale of the target distances
    for _ in range(iterations):
        spread = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
        ratio = np.zeros((n, n))
        ratio[off] = -w[off] * d[off] / np.maximum(spread[off], 1e-9)
        np.fill_diagonal(ratio, -ratio.sum(axis=1))
        moved = inverse @ (ratio @ xy)
        if np.abs(moved - xy).max() < 1e-5:
            xy = moved
            break
        xy = moved
    return xy


def pack_components(parts: Sequence[Mapping[str, np.ndarray]], box: tuple[float, float]
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


def spring_positions(G: nx.MultiDiGraph, seed: int, aspect: float) -> dict[str, tuple[float, float]]:
    """Each connected component laid out on its own (seeded spring layout, evened out by
    :func:`even_out`), then the components packed side by side: separate stories never
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
        parts.append(component_layout(C, seed))
    if len(parts) == 1:
        pos = {n: tuple(map(float, p)) for n, p in parts[0].items()}
        return fit({n: pos[n] for n in sorted(pos)}, aspect, turn=False)
    # the packing already fills the box as well as it can: stretching it would only widen
    # the gaps between the components
    pos = pack_components(parts, node_box(aspect))
    return fit({n: pos[n] for n in sorted(pos)}, aspect, turn=False, max_stretch=1.5)


def ego_positions(view: View, focus: str, aspect: float) -> dict[str, tuple[float, float]]:
    """The focus in the middle, its counterparts on an oval around it: by type, then name."""
    others = sorted((n for n in view.nodes if n != focus),
                    key=lambda n: (TYPE_ORDER[view.nodes[n].type],
                                   view.nodes[n].label.casefold(), n))
    pos = {focus: (0.0, 0.0)}
    wide, high = node_box(aspect)
    high *= 0.92
    wide = min(wide, 1.6 * high)  # an oval, not a flat band
    for i, n in enumerate(others):
        angle = math.pi / 2 - 2 * math.pi * i / len(others)
        pos[n] = (round(wide * math.cos(angle), 9), round(high * math.sin(angle), 9))
    return pos
