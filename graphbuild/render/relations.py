"""The ``relations`` diagram: one dyad's events per period and its cooperation score.

The numbers are those of :func:`graphbuild.relations.relations` and
:func:`graphbuild.relations.dyad`: bars count the events that happened in each period,
stacked by quad class; a line on the right-hand axis is the net cooperation score.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

import networkx as nx

from ..relations import QUAD_COLUMNS, relations
from ..relations import dyad as dyad_rows
from .figure import new_axes, no_events, set_titles
from .palette import INK, MUTED, QUAD_COLORS

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes


_PERIODS = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year", "A": "year"}


def busiest_pair(table: pd.DataFrame) -> tuple[str, str] | None:
    """The two ends (sorted) with most events in a :func:`~graphbuild.relations.relations` table,
    leaving out an actor's or a country's events with itself."""
    pairs = table[table["source"] != table["target"]]
    if pairs.empty:
        return None
    ends = pairs.apply(lambda r: tuple(sorted((r["source"], r["target"]))), axis=1)
    counts = pairs.groupby(ends)["events"].sum()
    best = counts[counts == counts.max()].index.min()
    return best[0], best[1]


def _name(G: nx.MultiDiGraph, end: str, by: str) -> str:
    node = f"country/{end}" if by == "country" else end
    return str(G.nodes[node].get("label") or end) if node in G else end


def draw_relations(G: nx.MultiDiGraph, ax: Axes | None = None, *, dyad: Sequence[str] | None = None,
                   freq: str = "M", by: Literal["country", "actor"] = "country",
                   title: str | None = None) -> Axes:
    """A dyad's events per period (bars by quad class) and its net cooperation score (a line).

    Parameters
    ----------
    G
        The graph.
    ax
        Axes to draw on (a new figure if None).
    dyad
        The two ends: country codes (``("IND", "RUS")``), or with ``by="actor"`` node ids.
        Default: the pair with most events.
    freq, by
        As in :func:`graphbuild.relations.relations`.
    title
        The title (default: the two names).

    Raises
    ------
    InputError
        No event joins the two, or ``freq`` or ``by`` is unknown.

    Examples
    --------
    >>> import datetime as dt
    >>> from graphbuild.graph import build_graph
    >>> from graphbuild.types import Actor, ActorType, Event, Plover
    >>> a = Actor("Syldavia", ActorType.COUNTRY, "SYL")
    >>> b = Actor("Borduria", ActorType.COUNTRY, "BOR")
    >>> G = build_graph([Event("n1", a, b, Plover.ACCUSE, "accuse", "...", 0, 3,
    ...                        date=dt.date(2024, 1, 2))])
    >>> from matplotlib.figure import Figure
    >>> ax = draw_relations(G, Figure().add_subplot(), dyad=("SYL", "BOR"))
    >>> ax.get_title(loc="left"), [t.get_text() for t in ax.get_legend().get_texts()][:1]
    ('Syldavia and Borduria', ['verbal cooperation'])
    """
    if ax is None:
        ax = new_axes("relations")
    table = relations(G, freq=freq, by=by)
    pair = tuple(dyad) if dyad else busiest_pair(table)
    if pair is None:
        return no_events(ax, G, title, "No dated events between two " +
                         ("countries" if by == "country" else "actors") + " to show")
    a, b = pair
    series = dyad_rows(table, a, b)
    _draw_bars(ax, series)
    _draw_score(ax, series)
    scope = "events that happened" if series.attrs.get("happened_only", True) else "events"
    per = _PERIODS.get(freq.upper().rstrip("E"), "period")
    set_titles(ax, title or f"{_name(G, a, by)} and {_name(G, b, by)}",
               f"{scope} per {per}, by quad class (bars); net cooperation score (line, our "
               "PLOVER weights from −10 to +10)")
    return ax


def _draw_bars(ax: Axes, series: pd.DataFrame) -> None:
    x = list(range(len(series)))
    bottom = [0.0] * len(series)
    for quad, column in QUAD_COLUMNS.items():
        values = series[column].tolist()
        ax.bar(x, values, bottom=bottom, color=QUAD_COLORS[quad], label=quad.value, width=0.7,
               alpha=0.85, gid=f"bar|{column}")
        bottom = [s + v for s, v in zip(bottom, values, strict=True)]
    ax.set_ylabel("events that happened" if series.attrs.get("happened_only", True)
                  else "events (happened or planned)", color=INK)
    ax.set_ylim(0, max([*bottom, 1.0]) * 1.35)  # room for the legends above the bars
    ax.yaxis.get_major_locator().set_params(integer=True)
    labels = [str(p) for p in series.index]
    step = max(1, len(labels) // 12)
    slanted = len(labels) > 6
    ax.set_xticks(x[::step], labels[::step], rotation=45 if slanted else 0,
                  ha="right" if slanted else "center")
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    ax.spines[["top"]].set_visible(False)


def _draw_score(ax: Axes, series: pd.DataFrame) -> None:
    score = ax.twinx()
    x = list(range(len(series)))
    score.plot(x, series["score"].tolist(), color=INK, marker="o", linewidth=1.8,
               label="cooperation score", gid="score")
    score.axhline(0, color=MUTED, linewidth=0.8, linestyle=":")
    score.set_ylabel("net cooperation score (− conflict, + cooperation)", color=INK)
    low, high = min(0.0, float(series["score"].min())), max(0.0, float(series["score"].max()))
    margin = max(1.0, (high - low) * 0.1)
    score.set_ylim(low - margin, high + 4 * margin)  # the line stays below the legends
    score.legend(loc="upper right", fontsize=8, frameon=False)
    score.spines[["top"]].set_visible(False)
