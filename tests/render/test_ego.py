"""Tests of graphbuild/render: the ego diagram."""

from __future__ import annotations

from graphbuild import render as R

from .sample import COUNCIL, OKORO, SYL, axes, edges, flat, non_white_share, texts


def test_ego_view_shows_only_the_neighbourhood(G):
    ax = R.draw_ego(G, "kingdom of syldavia", axes("ego"))
    shown = {flat(t.get_text()) for t in texts(ax, "node-label").values()}
    assert shown == {"Syldavia", "Borduria", "Genovia", "Benedikt Okoro-Vantongeren",
                     "Northern Maritime Cooperation Council"}
    for patch in edges(ax):
        assert SYL.id in patch.get_gid().split("|")[-2:]
    # the president's praise of the council is between two neighbours: not shown
    assert "SUPPORT" in {t.get_text() for t in texts(ax, "edge-label").values()}
    assert not any(p.get_gid().endswith(f"{OKORO.id}|{COUNCIL.id}") for p in edges(ax))
    focus = texts(ax, "node-label")[SYL.id]
    assert focus.get_fontweight() == "bold"
    assert ax.get_title(loc="left") == "Syldavia and its counterparts"


def test_ego_png(G, tmp_path):
    out = R.render(G, "ego", tmp_path / "ego.png", focus="Borduria")
    assert non_white_share(out) > 0.02
    network = R.render(G, "network", tmp_path / "net.png", focus="Borduria")
    assert network.read_bytes() == out.read_bytes()  # network with a focus is the ego view
