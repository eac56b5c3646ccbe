"""Placing labels clear of each other and of the nodes, and checking a drawing for overlaps."""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .figure import get_renderer

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    from matplotlib.axes import Axes
    from matplotlib.text import Annotation

logger = logging.getLogger(__name__)


def label_box(text: Annotation, renderer: Any) -> tuple[float, float, float, float]:
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
    renderer = get_renderer(ax.figure)
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


class SpatialGrid:
    """Boxes and points in display pixels, filed by the grid cells they touch, so a query
    looks only at what is near: placing n labels costs about n times the labels near each,
    not n squared.

    >>> import numpy as np
    >>> grid = SpatialGrid(cell=50)
    >>> grid.add_box((0, 0, 40, 20))
    >>> grid.overlap(np.array([[30, 10, 60, 30], [100, 100, 120, 110]])).tolist()
    [100.0, 0.0]
    """

    def __init__(self, cell: float = 48.0) -> None:
        self.cell = float(cell)
        self.boxes: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}
        self.points: dict[tuple[int, int], list[tuple[float, float, int]]] = {}

    def _cells(self, x0: float, y0: float, x1: float, y1: float) -> list[tuple[int, int]]:
        c = self.cell
        return [(i, j) for i in range(int(math.floor(x0 / c)), int(math.floor(x1 / c)) + 1)
                for j in range(int(math.floor(y0 / c)), int(math.floor(y1 / c)) + 1)]

    def add_box(self, box: Sequence[float]) -> None:
        x0, y0, x1, y1 = map(float, box)
        for cell in self._cells(x0, y0, x1, y1):
            self.boxes.setdefault(cell, []).append((x0, y0, x1, y1))

    def add_points(self, xy: np.ndarray, owner: int) -> None:
        for x, y in xy.tolist():
            cell = (int(math.floor(x / self.cell)), int(math.floor(y / self.cell)))
            self.points.setdefault(cell, []).append((x, y, owner))

    def _near(self, store: dict, boxes: np.ndarray) -> list:
        lo, hi = boxes[:, :2].min(axis=0), boxes[:, 2:].max(axis=0)
        found: dict = {}
        for cell in self._cells(lo[0], lo[1], hi[0], hi[1]):
            for item in store.get(cell, ()):
                found[item] = None
        return list(found)

    def overlap(self, boxes: np.ndarray, pad: float = 0.0) -> np.ndarray:
        """Area each of ``boxes`` (k x 4) shares with the boxes added (grown by ``pad``)."""
        import numpy as np

        near = self._near(self.boxes, boxes)
        if not near:
            return np.zeros(len(boxes))
        placed = np.asarray(near, dtype=float)
        ox = (np.minimum(boxes[:, None, 2], placed[None, :, 2])
              - np.maximum(boxes[:, None, 0], placed[None, :, 0]) + pad)
        oy = (np.minimum(boxes[:, None, 3], placed[None, :, 3])
              - np.maximum(boxes[:, None, 1], placed[None, :, 1]) + pad)
        return (np.clip(ox, 0, None) * np.clip(oy, 0, None)).sum(axis=1)

    def hits(self, boxes: np.ndarray, ignore: int | None = None) -> np.ndarray:
        """How many points (of owners other than ``ignore``) fall inside each box."""
        import numpy as np

        near = [p for p in self._near(self.points, boxes) if p[2] != ignore]
        if not near:
            return np.zeros(len(boxes), dtype=int)
        pts = np.asarray(near, dtype=float)[:, :2]
        inside = ((pts[None, :, 0] >= boxes[:, None, 0]) & (pts[None, :, 0] <= boxes[:, None, 2])
                  & (pts[None, :, 1] >= boxes[:, None, 1]) & (pts[None, :, 1] <= boxes[:, None, 3]))
        return inside.sum(axis=1)


def place_labels(ax: Axes, items: Sequence[tuple[Annotation, np.ndarray, int | None]],
                 obstacles: Sequence[tuple[float, float, float, float]], *,
                 lines: Sequence[tuple[np.ndarray, int]] = (), pad: float = 2.0) -> int:
    """Put each label at the first of its candidate spots that is free, in order.

    ``items`` gives a label (an annotation centred on its anchor, in offset points), the
    candidate offsets of its centre from the anchor in display pixels, best first, and the
    id of the line it belongs to (or None). ``obstacles`` are boxes in display pixels that no
    label may cover (the nodes); ``lines`` are points along the drawn lines, with their ids.
    A label takes the first candidate inside the axes that overlaps no obstacle and no label
    placed before it, the nearest to its anchor counting each other line it would cross as
    30 pixels further (two lines at most); when no spot is clear, the one overlapping least. Returns how many labels found no spot
    clear of the others.
    """
    import numpy as np

    fig = ax.figure
    renderer = get_renderer(fig)
    frame = ax.get_window_extent(renderer)
    grid = SpatialGrid()
    for box in obstacles:
        grid.add_box(box)
    for xy, owner in lines:
        grid.add_points(np.asarray(xy, dtype=float).reshape(-1, 2), owner)
    crowded = 0
    for text, candidates, owner in items:
        box = np.array(label_box(text, renderer))
        half = np.array([(box[2] - box[0]) / 2, (box[3] - box[1]) / 2])
        anchor = np.array(ax.transData.transform(text.xy), dtype=float)
        centres = anchor + np.asarray(candidates, dtype=float).reshape(-1, 2)
        boxes = np.column_stack([centres - half, centres + half])
        outside = (np.maximum(frame.x0 - boxes[:, 0], 0) + np.maximum(boxes[:, 2] - frame.x1, 0)
                   + np.maximum(frame.y0 - boxes[:, 1], 0) + np.maximum(boxes[:, 3] - frame.y1, 0))
        overlap = grid.overlap(boxes, pad)
        clear = np.flatnonzero((overlap == 0) & (outside == 0))
        if len(clear):
            # crossing a line costs as much as moving 30 px further from the anchor, up to two
            # lines: near a hub every spot crosses many, and the nearest is then the best
            crossed = np.minimum(grid.hits(boxes[clear], ignore=owner), 2)
            far = np.hypot(*(centres[clear] - anchor).T)
            best = int(clear[int(np.argmin(crossed * 30.0 + far))])
        else:
            crowded += 1
            best = int(np.argmin(overlap + outside * 1e3))
        offset = (centres[best] - anchor) * 72.0 / fig.dpi
        text.xyann = (float(offset[0]), float(offset[1]))
        grid.add_box(boxes[best])
    if crowded:
        logger.warning("%d label(s) could not be placed clear of the others", crowded)
    return crowded


def ring_candidates(near: float, step: float, rings: int, start: float = 0.0) -> list[
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


def node_label_candidates(half_w: float, half_h: float, r: float) -> list[tuple[float, float]]:
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


def edge_label_candidates(ax: Axes, a: tuple[float, float], b: tuple[float, float],
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
    out += ring_candidates(12.0, 8.0, 16)
    return out
