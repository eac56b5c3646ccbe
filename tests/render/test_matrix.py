"""Tests of graphbuild/render: the country matrix."""

from __future__ import annotations

import pytest

from graphbuild import render as R
from graphbuild.errors import InputError
from graphbuild.graph import build_graph
from graphbuild.render.figure import subtitle_of
from graphbuild.types import Actor, ActorType, Plover, QuadClass

from .sample import BOR, FRE, QUILL, SYL, axes, ev


def test_country_matrix_counts_and_cooperation(G):
    codes, counts, _ = R.country_matrix(G)
    assert codes == ["BOR", "ELB", "FRE", "GEN", "LAT", "SYL"]
    i = codes.index
    # three symmetric talks count both ways, plus an accusation and the president's threat
    assert counts[i("BOR"), i("SYL")] == 5
    assert counts[i("SYL"), i("BOR")] == 5  # talks, a rejection, a sanction that did not happen
    assert counts[i("GEN"), i("ELB")] == 1  # the bank is reduced to its country
    assert counts.sum() == 20 - 4 + 5  # 4 events with a stateless actor out, 5 symmetric twice
    _, coop, _ = R.country_matrix(G, weight="cooperation")
    W = R.PLOVER_WEIGHTS
    assert coop[i("BOR"), i("SYL")] == 3 * W[Plover.CONSULT] + W[Plover.ACCUSE] + W[Plover.THREATEN]
    assert coop[i("SYL"), i("BOR")] == 3 * W[Plover.CONSULT] + W[Plover.REJECT]  # negated: 0
    assert coop[i("FRE"), i("GEN")] == W[Plover.AID] + W[Plover.AGREE] / 2 + W[Plover.CONSULT]
    assert coop[i("LAT"), i("ELB")] < 0 < coop[i("GEN"), i("SYL")]


def test_weights_cover_every_type_with_cooperation_positive_and_conflict_negative():
    assert set(R.PLOVER_WEIGHTS) == set(Plover)
    for p, w in R.PLOVER_WEIGHTS.items():
        cooperative = p.quad in (QuadClass.VERBAL_COOPERATION, QuadClass.MATERIAL_COOPERATION)
        assert (w > 0) == cooperative and -10 <= w <= 10


def test_draw_matrix_shows_values_labels_and_colour_bar():
    g = build_graph([ev("a", SYL, BOR, Plover.ACCUSE, 1), ev("a", SYL, BOR, Plover.ACCUSE, 2),
                     ev("a", BOR, FRE, Plover.AID, 3), ev("a", QUILL, FRE, Plover.CONSULT, 4)])
    ax = R.draw_matrix(g, axes("matrix"))
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Borduria", "Freedonia", "Syldavia"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Borduria", "Freedonia", "Syldavia"]
    image = ax.images[0]
    assert image.get_array().filled(0).tolist() == [[0, 1, 0], [0, 0, 0], [2, 1, 0]]
    assert image.get_array().mask.tolist() == [[True, False, True], [True, True, True],
                                               [False, False, True]]
    assert image.colorbar is not None and "events" in image.colorbar.ax.get_ylabel()
    cells = {t.get_gid(): t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("cell")}
    assert cells == {"cell|BOR|FRE": "1", "cell|SYL|BOR": "2", "cell|SYL|FRE": "1"}

    ax = R.draw_matrix(g, axes("matrix"), weight="cooperation")
    cells = {t.get_gid(): t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("cell")}
    assert cells["cell|SYL|BOR"] == "−6" and cells["cell|BOR|FRE"] == "+7"
    norm = ax.images[0].norm
    assert norm.vmin == -norm.vmax  # zero sits in the middle of the scale
    assert "cooperation" in ax.images[0].colorbar.ax.get_ylabel()


def test_matrix_says_what_it_leaves_out(G):
    ax = R.draw_matrix(G, axes("matrix"))
    assert "4 events with an actor of no known country left out" in subtitle_of(ax)
    with pytest.raises(InputError, match="count, cooperation"):
        R.draw_matrix(G, axes("matrix"), weight="goldstein")


def test_matrix_rows_and_columns_follow_the_names_shown():
    zeta = Actor("Zetland", ActorType.COUNTRY, "AAA")
    alpha = Actor("Alphaland", ActorType.COUNTRY, "ZZZ")
    g = build_graph([ev("a", zeta, alpha, Plover.ACCUSE, 1), ev("a", zeta, alpha, Plover.ACCUSE, 2)])
    ax = R.draw_matrix(g, axes("matrix"))
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Alphaland", "Zetland"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Alphaland", "Zetland"]
    # Zetland (second row) acts on Alphaland (first column) twice
    assert ax.images[0].get_array().filled(0).tolist() == [[0, 0], [2, 0]]
    cells = {t.get_gid(): t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("cell")}
    assert cells == {"cell|AAA|ZZZ": "2"}
