"""The ``timeline`` diagram: events over time, one row per PLOVER type."""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

import networkx as nx

from ..types import Plover, QuadClass
from .aggregate import PLOVERS, EventTable, event_table
from .figure import headline_of, new_axes, no_events, set_titles
from .palette import INK, MUTED, PLOVER_ORDER, QUAD_COLORS
from .reading import corpus_name, plural

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes


def draw_timeline(G: nx.MultiDiGraph, ax: Axes | None = None, *,
                  title: str | None = None) -> Axes:
    """Events over time, one row per PLOVER type, coloured by quad class.

    An event is placed at its own date, or else at its article's date; each dot is one day
    (one week past four months of events, one month past three years), its area the number
    of events (written next to it when more than one and there are few dots), never wider
    than its bin or taller than its row. Hollow dots are events that did not happen
    (planned, possible or negated). All dots are two scatters, whatever the number of
    events. Events with no date at all are counted in the subtitle.

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
    table = event_table(G)
    cells, undated, unit = _timeline_cells(table)
    note = f"{plural(undated, 'event')} without a date not shown" if undated else ""
    if not cells:
        no_events(ax, G, title, f"No dated events ({plural(undated, 'event')} without a date)")
        ax.text(0.5, 0.42, "Give undated articles their publication date (graphbuild build "
                "--date YYYY-MM-DD,\nor build(..., date=...)) to place their events in time.",
                transform=ax.transAxes, ha="center", va="top", fontsize=10, color=MUTED,
                gid="no-events-hint")
        return ax
    types = sorted({c[0] for c in cells}, key=PLOVER_ORDER.__getitem__)
    _draw_dots(ax, cells, types, unit)
    _date_axis(ax, cells, types)
    _timeline_legend(ax, cells, unit)
    dated = sum(cells.values())
    parts = ([corpus_name(G)] if title is not None else []) + [
        f"{plural(dated, 'event')} by {unit} (the event's date, else its article's)"]
    if note:
        parts.append(note)
    set_titles(ax, headline_of(G, title, table), " · ".join(parts))
    return ax


def _timeline_cells(table: EventTable) -> tuple[dict[tuple[str, dt.date, bool], int], int, str]:
    """(PLOVER type, first day of its bin, happened) -> events; how many events have no
    date; and the bin: ``day`` up to four months of events, ``week`` up to three years,
    ``month`` beyond."""
    import numpy as np

    dated = table.day > 0
    undated = int((~dated).sum())
    days = table.day[dated]
    if not len(days):
        return {}, undated, "day"
    span = int(days.max() - days.min())
    epoch = dt.date(1970, 1, 1).toordinal()
    if span <= 120:
        unit, bins = "day", days
    elif span <= 3 * 366:
        unit, bins = "week", days - (days - 1) % 7  # the Monday of the week
    else:
        months = (days - epoch).astype("datetime64[D]").astype("datetime64[M]")
        unit, bins = "month", months.astype("datetime64[D]").astype(np.int64) + epoch
    key = ((table.plover[dated].astype(np.int64) * 2 + table.happened[dated]) << 32) | bins
    uniq, counts = np.unique(key, return_counts=True)
    cells = {}
    for k, n in zip(uniq.tolist(), counts.tolist(), strict=True):
        code, day = k >> 32, k & 0xFFFFFFFF
        cells[(PLOVERS[code // 2].value, dt.date.fromordinal(day), bool(code % 2))] = int(n)
    return cells, undated, unit


def _draw_dots(ax: Axes, cells: Mapping[tuple[str, dt.date, bool], int], types: list[str],
               unit: str) -> None:
    """Two scatters (happened: filled; not: hollow), a dot a cell, its area the events."""
    import matplotlib.dates as mdates
    import numpy as np

    row = {p: len(types) - 1 - i for i, p in enumerate(types)}  # first type at the top
    top = max(cells.values())
    cap = _largest_dot(ax, cells, types, unit)
    order = sorted(cells, key=lambda c: (PLOVER_ORDER[c[0]], c[1], not c[2]))
    labelled = len(cells) <= 150
    for happened in (True, False):
        mine = [c for c in order if c[2] is happened]
        if not mine:
            continue
        # a day with events that happened and others that did not: the first dot just
        # above the row's line, the second just below, so neither hides the other
        ys = [row[c[0]] + ((0.17 if happened else -0.17) if (c[0], c[1], not happened) in cells
                           else 0.0) for c in mine]
        xs = mdates.date2num([c[1] for c in mine])
        sizes = np.array([min(40 + 45 * cells[c], 40 + 45 * 12 * cells[c] / top, cap)
                          if cap >= 40 else cap * (0.25 + 0.75 * cells[c] / top) for c in mine])
        colours = [QUAD_COLORS[Plover(c[0]).quad] for c in mine]
        dots = ax.scatter(xs, ys, s=sizes, marker="o", facecolors=colours if happened else "white",
                          edgecolors=colours, linewidths=1.2 if happened else 2.0, zorder=3,
                          gid=f"dots|{'happened' if happened else 'not'}")
        # which dot is which: "PLOVER|first day of the bin|happened-or-not", as the gids were
        dots.graphbuild_cells = [f"{c[0]}|{c[1].isoformat()}|{'happened' if happened else 'not'}"
                                 for c in mine]
        if not labelled:
            continue
        for c, x, y, size in zip(mine, xs, ys, sizes, strict=True):
            if cells[c] > 1:
                ax.annotate(str(cells[c]), xy=(x, y), xytext=(7 + math.sqrt(size) / 2, 0),
                            textcoords="offset points", va="center", fontsize=8, color=INK,
                            gid=f"count|{c[0]}|{c[1].isoformat()}|"
                                f"{'happened' if happened else 'not'}")


def _largest_dot(ax: Axes, cells: Mapping, types: list[str], unit: str) -> float:
    """The largest dot area (points²) that stays inside its row and its time bin."""
    import math

    box = ax.get_position()
    w, h = ax.figure.get_size_inches()
    days = [c[1].toordinal() for c in cells]
    span = max(days) - min(days) + 1
    step = {"day": 1, "week": 7, "month": 30.4}[unit]
    across = box.width * w * 72 * 0.82 * step / max(span + 2 * max(1.5, span * 0.06), step)
    two = any((c[0], c[1], not c[2]) in cells for c in cells)
    down = box.height * h * 72 / (len(types) + 0.4) * (0.42 if two else 0.85)
    return max(math.pow(min(across, down), 2), 4.0)


def _date_axis(ax: Axes, cells: Mapping, types: list[str]) -> None:
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


def _timeline_legend(ax: Axes, cells: Mapping, unit: str) -> None:
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
    handles.append(Line2D([], [], linestyle="none", marker="none"))
    labels.append(f"dot area: events in a {unit}")
    ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False,
              fontsize=9)
