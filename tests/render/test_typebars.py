"""Tests of graphbuild/render: the PLOVER type bars."""

from __future__ import annotations

from matplotlib.colors import to_hex

from graphbuild import render as R
from graphbuild.types import Plover

from .sample import axes


def test_types_bars_count_events_coloured_by_quad_class(G):
    ax = R.draw_types(G, axes("types"))
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert rows[0] == "CONSULT"  # the most frequent type on top
    bars = {p.get_gid(): p for p in ax.patches if p.get_gid()}
    assert bars["bar|CONSULT|happened"].get_width() == 5
    assert bars["bar|SANCTION|happened"].get_width() == 1
    assert bars["bar|SANCTION|not-happened"].get_width() == 1
    assert bars["bar|SANCTION|not-happened"].get_hatch()
    for gid, bar in bars.items():
        plover = Plover(gid.split("|")[1])
        assert to_hex(bar.get_facecolor(), keep_alpha=False) == R.QUAD_COLORS[plover.quad].lower()
    totals = {t.get_gid(): t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("total")}
    assert totals["total|CONSULT"] == "5" and totals["total|SANCTION"] == "2"
