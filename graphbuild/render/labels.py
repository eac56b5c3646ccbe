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


def place_labels(ax: Axes, items: Sequence[tuple[Annotation, np.ndarray]],
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
    renderer = get_renderer(fig)
    frame = ax.get_window_extent(renderer)
    placed = np.array(obstacles, dtype=float).reshape(-1, 4)
    crowded = 0
    for text, candidates in items:
        box = np.array(label_box(text, renderer))
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
