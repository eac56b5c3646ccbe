"""Matplotlib plumbing shared by the diagrams: new axes, titles, the "no events" figure."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import networkx as nx

from .palette import INK, MUTED
from .reading import corpus_name, date_range_text, date_span, plain
from .registry import get_kind

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


DPI = 150


# Where the network axes sit in a figure of our own: the legend goes to their right.
NETWORK_RECT = (0.015, 0.02, 0.71, 0.86)


def use_agg_if_unset() -> None:
    import matplotlib

    get = getattr(matplotlib.rcParams, "_get_backend_or_none", None)
    if get is not None and get() is None:
        matplotlib.use("Agg")


def new_axes(kind: str) -> Axes:
    """Axes on a new pyplot figure (so a notebook shows it), laid out for ``kind``."""
    use_agg_if_unset()
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=get_kind(kind).figsize)
    return add_axes(fig, kind)


def add_axes(fig: Figure, kind: str) -> Axes:
    """Axes on ``fig`` framed as the registry says for ``kind`` (legend to the right, or
    one constrained subplot)."""
    if get_kind(kind).frame == "legend-right":
        return fig.add_axes(NETWORK_RECT)
    fig.set_layout_engine("constrained")
    return fig.add_subplot()


def set_titles(ax: Axes, title: str, subtitle: str) -> None:
    """Bold title at the top left of ``ax``, a grey subtitle under it."""
    title, subtitle = plain(title), plain(subtitle)
    ax.set_title(title, loc="left", fontsize=14, fontweight="bold", color=INK,
                 pad=24 if subtitle else 8)
    if subtitle:
        ax.annotate(subtitle, xy=(0, 1), xycoords="axes fraction", xytext=(0, 7),
                    textcoords="offset points", ha="left", va="bottom", fontsize=9.5,
                    color=MUTED, gid="subtitle", annotation_clip=False)


def headline_of(G: nx.MultiDiGraph, title: str | None) -> str:
    name = title if title is not None else corpus_name(G)
    when = date_range_text(date_span(G))
    return f"{name} · {when}" if when and title is None else name


def subtitle_of(ax: Axes) -> str:
    for t in ax.texts:
        if t.get_gid() == "subtitle":
            return t.get_text()
    return ""


def no_events(ax: Axes, G: nx.MultiDiGraph, title: str | None,
               message: str = "No events to show") -> Axes:
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center",
            fontsize=16, color=MUTED, gid="no-events")
    set_titles(ax, headline_of(G, title), "")
    return ax


def get_renderer(fig: Figure) -> Any:
    canvas = fig.canvas
    if hasattr(canvas, "get_renderer"):
        return canvas.get_renderer()
    return fig._get_renderer()  # pragma: no cover - FigureCanvasBase without Agg
