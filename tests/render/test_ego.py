"""Tests of graphbuild/render: the ego diagram."""

from __future__ import annotations

from graphbuild import render as R
from graphbuild.graph import build_graph
from graphbuild.types import QuadClass

from .sample import COUNCIL, OKORO, SYL, axes, edges, flat, non_white_share, texts


def test_ego_view_shows_only_the_neighbourhood(G):
    ax = R.draw_ego(G, "kingdom of syldavia", axes("ego"))
    shown = {flat(t.get_text()) for t in texts(ax, "node-label").values()}
    assert shown == {"Syldavia", "Borduria", "Genovia", "Benedikt Okoro-Vantongeren",
                     "Northern Maritime Cooperation Council"}
    for patch in edges(ax):
        assert SYL.id in patch.gid.split("|")[-2:]
    # the president's praise of the council is between two neighbours: not shown
    assert "SUPPORT" in {t.get_text() for t in texts(ax, "edge-label").values()}
    assert not any(p.gid.endswith(f"{OKORO.id}|{COUNCIL.id}") for p in edges(ax))
    focus = texts(ax, "node-label")[SYL.id]
    assert focus.get_fontweight() == "bold"
    assert ax.get_title(loc="left") == "Syldavia and its counterparts"


def test_ego_png(G, tmp_path):
    out = R.render(G, "ego", tmp_path / "ego.png", focus="Borduria")
    assert non_white_share(out) > 0.02
    network = R.render(G, "network", tmp_path / "net.png", focus="Borduria")
    assert network.read_bytes() == out.read_bytes()  # network with a focus is the ego view


def test_ego_of_a_busy_actor_shows_its_busiest_counterparts_and_counts_the_rest():
    from graphbuild.render.figure import subtitle_of

    from .sample import synthetic_events

    events, articles = synthetic_events(12000, n_people=120)
    g = R.focus_graph(build_graph(events, articles), "State USA")
    ax = R.draw_ego(g, "State USA", axes("ego"))
    assert len(texts(ax, "node-label")) == 31  # the focus and 30 counterparts
    assert f"and {g.number_of_nodes() - 31} more" in subtitle_of(ax)
    lines = edges(ax)
    # too many PLOVER types to draw one line each: one line per quad class and direction
    assert {line.gid.split("|")[1] for line in lines} <= {q.value for q in QuadClass}
    assert all("country/USA" in line.gid.split("|")[-2:] for line in lines)
