"""The ``timeline`` diagram: events over time, one row per PLOVER type."""

from __future__ import annotations

import math
import os
from collections import Counter
from typing import TYPE_CHECKING

import networkx as nx

from ..types import Plover, QuadClass
from .figure import headline_of, new_axes, no_events, set_titles
from .palette import INK, MUTED, PLOVER_ORDER, QUAD_COLORS
from .reading import corpus_name, did_happen, event_date, plover_of, plural

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes


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
    if ax is None:
        ax = new_axes("timeline")
    if G.number_of_edges() == 0:
        return no_events(ax, G, title)
    cells, undated = _timeline_cells(G)
    note = f"{plural(undated, 'event')} without a date not shown" if undated else ""
    if not cells:
        no_events(ax, G, title, f"No dated events ({plural(undated, 'event')} without a date)")
        ax.text(0.5, 0.42, "Give undated articles their publication date (graphbuild build "
                "--date YYYY-MM-DD,\nor build(..., date=...)) to place their events in time.",
                transform=ax.transAxes, ha="center", va="top", fontsize=10, color=MUTED,
                gid="no-events-hint")
        return ax
    types = sorted({c[0] for c in cells}, key=PLOVER_ORDER.__getitem__)
    _draw_dots(ax, cells, types)
    _date_axis(ax, cells, types)
    _timeline_legend(ax, cells)
    dated = sum(cells.values())
    parts = ([corpus_name(G)] if title is not None else []) + [
        f"{plural(dated, 'event')} by date (the event's, else its article's)"]
    if note:
        parts.append(note)
    set_titles(ax, headline_of(G, title), " · ".join(parts))
    return ax


def _timeline_cells(G: nx.MultiDiGraph) -> tuple[Counter, int]:
    """(PLOVER type, date, happened) -> events; and how many events have no date."""
    cells: Counter = Counter()
    undated = 0
    for u, v, d in G.edges(data=True):
        date = event_date(G, d)
        if date is None:
            undated += 1
            continue
        cells[(plover_of(d, u, v).value, date, did_happen(d))] += 1
    return cells, undated


def _draw_dots(ax: Axes, cells: Counter, types: list[str]) -> None:
    import matplotlib.dates as mdates
    from matplotlib.transforms import ScaledTranslation

    fig = ax.figure
    row = {p: len(types) - 1 - i for i, p in enumerate(types)}  # first type at the top
    for (plover, date, happened), n in sorted(cells.items(), key=lambda kv: (
            PLOVER_ORDER[kv[0][0]], kv[0][1], not kv[0][2])):
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
                        textcoords="offset points", va="center", fontsize=8, color=INK,
                        gid=f"count|{plover}|{date.isoformat()}|"
                            f"{'happened' if happened else 'not'}")


def _date_axis(ax: Axes, cells: Counter, types: list[str]) -> None:
    import matplotlib.dates as mdates

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


def _timeline_legend(ax: Axes, cells: Counter) -> None:
    from matplotlib.lines import Line2D

    quads = {Plover(c[0]).quad for c in cells}
    handles = [Line2D([], [], linestyle="none", marker="o", markersize=9,
                      markerfacecolor=QUAD_COLORS[q], markeredgecolor=QUAD_COLORS[q])
               for q in QuadClass if q in quads]
    labels = [str(q) for q in QuadClass if q in quads]
    if any(not c[2] for c in cells):
        handles.append(Line2D([], [], linestyle="none", marker="o", markersize=9,
                              markerfacecolor="white", markeredgecolor=MUTED,
                              markeredgewidth=2))
        labels.append("did not happen: planned, possible or negated")
    ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False,
              fontsize=9)
