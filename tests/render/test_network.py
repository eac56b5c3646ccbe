"""Tests of graphbuild/render: the network diagram, its labels and layout."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import numpy as np
import pytest
from matplotlib.colors import to_hex

from graphbuild import render as R
from graphbuild.graph import build_graph
from graphbuild.render.figure import subtitle_of
from graphbuild.render.layout import spring_positions
from graphbuild.render.reading import date_range_text, date_span
from graphbuild.render.registry import get_kind
from graphbuild.types import Actor, ActorType, Article, Plover, QuadClass

from .sample import (
    ACTORS,
    BOR,
    COUNCIL,
    ELB,
    FRE,
    GEN,
    MARSH,
    OKORO,
    QUILL,
    ROOT,
    STORIES,
    SYL,
    axes,
    edges,
    ev,
    flat,
    non_white_share,
    texts,
)


def test_network_legend_names_actor_types_quad_classes_and_line_styles(G):
    ax = R.draw(G, axes())
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    for entry in ("Country", "Organisation", "Person", *(str(q) for q in QuadClass)):
        assert entry in legend
    assert any("dashed" in t and "planned" in t for t in legend)
    assert any("dotted" in t and "negated" in t for t in legend)
    assert any("no arrowhead" in t for t in legend)
    assert any("arrow" in t and "no arrowhead" not in t for t in legend)


def test_network_legend_leaves_out_what_the_graph_lacks():
    g = build_graph([ev("a1", SYL, BOR, Plover.ACCUSE, 1)])
    legend = [t.get_text() for t in R.draw(g, axes()).get_legend().get_texts()]
    assert "verbal conflict" in legend and "Country" in legend
    assert "material conflict" not in legend and "Person" not in legend
    assert not any("dashed" in t or "dotted" in t or "no arrowhead" in t for t in legend)


def test_network_labels_every_actor_and_wraps_long_labels(G):
    ax = R.draw(G, axes())
    labels = texts(ax, "node-label")
    assert {flat(t.get_text()) for t in labels.values()} == {a.label for a in ACTORS}
    council = labels[COUNCIL.id].get_text()
    assert "\n" in council and max(len(line) for line in council.split("\n")) <= 18


def test_network_labels_edges_with_type_count_and_modality(G):
    ax = R.draw(G, axes())
    labels = sorted(t.get_text() for t in texts(ax, "edge-label").values())
    assert "CONSULT ×3" in labels  # three symmetric talks, whichever side was the subject
    assert "not SANCTION" in labels
    assert "AGREE (planned)" in labels
    assert "ACCUSE" in labels and "REJECT" in labels  # one each way: two lines, two labels
    assert len(labels) == len(edges(ax))


def test_network_edges_are_coloured_by_quad_class(G):
    ax = R.draw(G, axes())
    seen = set()
    for patch in edges(ax):
        plover = Plover(patch.get_gid().split("|")[1])
        assert to_hex(patch.get_edgecolor()) == R.QUAD_COLORS[plover.quad].lower()
        seen.add(plover.quad)
    assert seen == set(QuadClass)
    assert len(set(R.QUAD_COLORS.values())) == 4


def test_network_line_style_and_arrowheads_follow_the_event(G):
    ax = R.draw(G, axes())
    by_gid = {p.get_gid(): p for p in edges(ax)}
    negated = by_gid[f"edge|SANCTION|negated|dir|{SYL.id}|{BOR.id}"]
    planned = by_gid[f"edge|AGREE|planned|sym|{FRE.id}|{GEN.id}"]
    asserted = by_gid[f"edge|ACCUSE|asserted|dir|{BOR.id}|{SYL.id}"]
    talks = by_gid[f"edge|CONSULT|asserted|sym|{BOR.id}|{SYL.id}"]
    assert negated.get_linestyle() == ":"
    assert planned.get_linestyle() == "--"
    assert asserted.get_linestyle() == "-"
    assert type(asserted.get_arrowstyle()).__name__ == "CurveFilledB"  # one head, at target
    assert type(talks.get_arrowstyle()).__name__ == "Curve"  # symmetric: no head
    assert talks.get_linewidth() > asserted.get_linewidth()  # three events, thicker line


def test_network_nodes_coloured_by_type_and_sized_by_events(G):
    ax = R.draw(G, axes())
    scatters = {c.get_gid(): c for c in ax.collections}
    for t in ActorType:
        face = scatters[f"nodes|{t.value}"].get_facecolors()
        assert {to_hex(c) for c in face} == {R.ACTOR_COLORS[t].lower()}
    countries = scatters["nodes|COUNTRY"]
    order = sorted(a.id for a in ACTORS if a.type is ActorType.COUNTRY)
    sizes = dict(zip(order, countries.get_sizes(), strict=False))
    assert sizes[SYL.id] > sizes[ELB.id] > sizes[GEN.id]  # 9, 4 and 3 events


def test_network_title_has_corpus_name_and_date_range(G):
    ax = R.draw(G, axes())
    assert ax.get_title(loc="left") == "Sample briefing · 4–15 Mar 2024"
    assert subtitle_of(ax).startswith("20 events · 12 actors · 4 articles")
    ax = R.draw(G, axes(), title="Week in review")
    assert ax.get_title(loc="left") == "Week in review"
    assert "Sample briefing, 4–15 Mar 2024" in subtitle_of(ax)


def test_date_range_uses_event_dates_else_article_dates():
    g = build_graph([ev("x", SYL, BOR, Plover.AID, 1, date=dt.date(2023, 12, 30)),
                     ev("y", SYL, BOR, Plover.AID, 2)],
                    [Article("y", "...", date=dt.date(2024, 1, 2))])
    assert date_range_text(date_span(g)) == "30 Dec 2023 – 2 Jan 2024"
    assert date_range_text((dt.date(2024, 3, 30), dt.date(2024, 4, 2))) == "30 Mar – 2 Apr 2024"
    assert date_range_text(None) == ""


@pytest.mark.parametrize("size", [(12, 8), (8, 5.5)])
def test_no_two_labels_overlap_on_a_twelve_actor_graph(G, size):
    ax = R.draw(G, axes(size=size))
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    labels = list(texts(ax, "node-label").values())
    assert len(labels) == 12
    boxes = [t.get_window_extent(renderer) for t in labels]
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            assert not boxes[i].overlaps(boxes[j]), (labels[i].get_text(), labels[j].get_text())
    assert R.label_overlaps(ax, "") == []  # nor an actor's label an event's
    frame = ax.get_window_extent(renderer)
    for t in labels:  # every label stays in view and near its node
        box = t.get_window_extent(renderer)
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0
        node = ax.transData.transform(t.xy)
        centre = ((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)
        assert np.hypot(centre[0] - node[0], centre[1] - node[1]) < 90


def test_labels_are_moved_when_they_would_collide():
    # a star whose spokes' labels all start at the middle of their edge, next to each other
    hub = Actor("Hub", ActorType.COUNTRY, "HUB")
    spokes = [Actor(f"Spoke number {i}", ActorType.COUNTRY, f"S{i:02d}") for i in range(11)]
    g = build_graph([ev("a", hub, s, Plover.CONSULT, i) for i, s in enumerate(spokes)]
                    + [ev("a", s, hub, Plover.ACCUSE, 50 + i) for i, s in enumerate(spokes)])
    ax = R.draw(g, axes(size=(7, 5)))
    edge_labels = texts(ax, "edge-label").values()
    assert len(edge_labels) == 22
    assert any(t.xyann != (0.0, 0.0) for t in edge_labels)  # some left the middle of their line
    assert R.label_overlaps(ax, "") == []


def test_draw_without_axes_makes_a_figure(G):
    import matplotlib.pyplot as plt

    ax = R.draw(G)
    try:
        assert tuple(ax.figure.get_size_inches()) == get_kind("network").figsize
        assert len(texts(ax, "node-label")) == 12
    finally:
        plt.close(ax.figure)


def test_separate_stories_are_drawn_apart_not_over_each_other():
    g = build_graph(STORIES)
    pos = spring_positions(g, R.DEFAULT_SEED, 2.0)
    stories = [{"country/SYL", "country/BOR", QUILL.id}, {"country/FRE", "country/GEN",
               "country/LAT"}, {MARSH.id, OKORO.id}, {"country/ELB", COUNCIL.id}]
    assert set().union(*stories) == set(pos)
    boxes = []
    for nodes in stories:
        xy = np.array([pos[n] for n in nodes])
        boxes.append((xy.min(axis=0), xy.max(axis=0)))
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            (lo1, hi1), (lo2, hi2) = boxes[i], boxes[j]
            apart = (hi1 < lo2 - 0.1) | (hi2 < lo1 - 0.1)  # a gap in x or in y
            assert apart.any(), (stories[i], stories[j])
    ax = R.draw(g, axes())
    assert R.label_overlaps(ax, "") == []


def test_layout_is_the_same_in_every_python_process():
    code = ("import sys, json; sys.path.insert(0, 'tests'); from render import sample as t; "
            "from graphbuild.graph import build_graph; "
            "from graphbuild.render.layout import spring_positions; "
            "print(json.dumps(sorted(spring_positions(build_graph(t.STORIES), 7, 2.0)"
            ".items())))")
    outs = {subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                           text=True, check=True, env={**os.environ, "PYTHONHASHSEED": seed}
                           ).stdout for seed in ("1", "2")}
    assert len(outs) == 1 and "country/SYL" in outs.pop()


@pytest.fixture(scope="module")
def briefing():
    """The seed article and five short dated articles of our own, through the real pipeline."""
    import graphbuild

    return graphbuild.build([ROOT / "seeds", ROOT / "tests" / "data" / "briefing"])


def test_real_briefing_diagrams_are_readable(briefing, tmp_path):
    assert len({d["article_id"] for _, _, d in briefing.edges(data=True)}) == 6
    ax = R.draw(briefing, axes())
    assert R.label_overlaps(ax, "") == []
    assert ax.get_title(loc="left").endswith("6–27 May 2024")
    assert "6 articles" in subtitle_of(ax)
    ax = R.draw_timeline(briefing, axes("timeline"))
    assert ax.get_title(loc="left").endswith("6–27 May 2024")
    assert "without a date not shown" in subtitle_of(ax)  # the seed has no date
    for kind in ("network", "matrix", "timeline", "types"):
        assert non_white_share(R.render(briefing, kind, tmp_path / f"{kind}.png")) > 0.02
    ego = R.render(briefing, "ego", tmp_path / "ego.png", focus="Malaysia")
    assert non_white_share(ego) > 0.02
