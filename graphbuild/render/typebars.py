"""The ``types`` diagram: how many events of each PLOVER type."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

import networkx as nx

from ..types import Plover, QuadClass
from .figure import headline_of, new_axes, no_events, set_titles
from .palette import INK, MUTED, PLOVER_ORDER, QUAD_COLORS
from .reading import corpus_name, did_happen, plover_of, plural

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes


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
        ax = new_axes("types")
    if G.number_of_edges() == 0:
        return no_events(ax, G, title)
    happened: Counter = Counter()
    not_happened: Counter = Counter()
    for u, v, d in G.edges(data=True):
        p = plover_of(d, u, v).value
        (happened if did_happen(d) else not_happened)[p] += 1
    types = sorted(set(happened) | set(not_happened),
                   key=lambda p: (-(happened[p] + not_happened[p]), PLOVER_ORDER[p]))
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
                va="center", ha="left", fontsize=9, color=INK, gid=f"total|{p}")
    ax.set_yticks(list(ys), types)
    ax.invert_yaxis()
    ax.set_xlim(0, top * 1.1 + 0.5)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("events", color=MUTED)
    ax.grid(axis="x", color="#eeeeee", zorder=0)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    quads = {Plover(p).quad for p in types}
    handles: list[Any] = [Patch(color=QUAD_COLORS[q]) for q in QuadClass if q in quads]
    labels = [str(q) for q in QuadClass if q in quads]
    if not_happened:
        handles.append(Patch(facecolor="white", edgecolor=MUTED, hatch="///"))
        labels.append("hatched: did not happen (planned, possible, negated)")
    ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.1), frameon=False,
              fontsize=9, ncol=min(3, len(handles)))
    total = G.number_of_edges()
    sub = " · ".join(([corpus_name(G)] if title is not None else [])
                    + [f"{plural(total, 'event')} by PLOVER type"])
    set_titles(ax, headline_of(G, title), sub)
    return ax
