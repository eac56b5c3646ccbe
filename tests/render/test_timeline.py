"""Tests of graphbuild/render: the timeline."""

from __future__ import annotations

import datetime as dt

import matplotlib.dates as mdates
import numpy as np
from matplotlib.colors import to_hex

from graphbuild import render as R
from graphbuild.graph import build_graph
from graphbuild.render.figure import subtitle_of
from graphbuild.types import Article, Modality, Plover

from .sample import BOR, EVENTS, SYL, axes, ev


def test_timeline_places_events_by_date_and_counts_the_undated(G):
    import matplotlib.dates as mdates

    ax = R.draw_timeline(G, axes("timeline"))
    rows = [t.get_text() for t in ax.get_yticklabels()]
    dated = {e.plover.value for e in EVENTS if e.article_id != "a4"}
    assert rows == [p.value for p in reversed(Plover) if p.value in dated]  # top: first type
    dots = {c.get_gid(): c for c in ax.collections}
    consult = dots["dot|CONSULT|2024-03-04|happened"]  # three talks on the first day
    assert consult.get_sizes()[0] > dots["dot|CONSULT|2024-03-09|happened"].get_sizes()[0]
    x = consult.get_offsets()[0][0]
    assert mdates.num2date(x).date() == dt.date(2024, 3, 4)
    assert "dot|AID|2024-03-14|happened" in dots  # the event's own date beats its article's
    negated = dots["dot|SANCTION|2024-03-09|not"]
    assert to_hex(negated.get_facecolors()[0]) == "#ffffff"  # hollow: did not happen
    assert "2 events without a date not shown" in subtitle_of(ax)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "material conflict" in legend and any("did not happen" in t for t in legend)


def test_timeline_with_no_dates_says_so():
    g = build_graph([ev("x", SYL, BOR, Plover.AID, 1)])
    ax = R.draw_timeline(g, axes("timeline"))
    message = [t.get_text() for t in ax.texts if t.get_gid() == "no-events"]
    assert message == ["No dated events (1 event without a date)"]


def test_timeline_with_no_dates_says_how_to_give_one():
    g = build_graph([ev("x", SYL, BOR, Plover.AID, 1)])
    ax = R.draw_timeline(g, axes("timeline"))
    hint = [t.get_text() for t in ax.texts if t.get_gid() == "no-events-hint"]
    assert len(hint) == 1 and "--date" in hint[0] and "date=" in hint[0]


def test_timeline_shows_what_happened_and_what_did_not_on_one_day_side_by_side():
    day = dt.date(2024, 3, 29)  # the days of the month restart on 1 April
    g = build_graph([ev("x", SYL, BOR, Plover.CONSULT, i) for i in range(6)]
                    + [ev("x", SYL, BOR, Plover.CONSULT, 10 + i, modality=Modality.PLANNED)
                       for i in range(2)]
                    + [ev("x", SYL, BOR, Plover.AID, 20, date=dt.date(2024, 4, 12))],
                    [Article("x", "...", date=day)])
    ax = R.draw_timeline(g, axes("timeline"))
    ax.figure.canvas.draw()
    dots = {c.get_gid(): c for c in ax.collections}
    centres = {}
    for state in ("happened", "not"):
        dot = dots[f"dot|CONSULT|{day.isoformat()}|{state}"]
        assert mdates.num2date(dot.get_offsets()[0][0]).date() == day
        centres[state] = dot.get_offset_transform().transform(dot.get_offsets())[0]
        centres[state + " radius"] = np.sqrt(dot.get_sizes()[0]) / 2 * ax.figure.dpi / 72
    gap = centres["happened"][1] - centres["not"][1]  # what happened above
    assert gap >= centres["happened radius"] + centres["not radius"]
    counts = [t for t in ax.texts if (t.get_gid() or "").startswith("count|")]
    assert sorted(t.get_text() for t in counts) == ["2", "6"]
    a, b = (t.get_window_extent() for t in counts)
    assert not a.overlaps(b)
    ticks = np.diff(ax.get_xticks())
    assert np.allclose(ticks, ticks[0])  # evenly spaced, not restarting at 1 April
