"""Tests of graphbuild/render: finding an actor to focus on."""

from __future__ import annotations

import pytest

from graphbuild import render as R
from graphbuild.errors import InputError
from graphbuild.graph import build_graph
from graphbuild.types import Actor, ActorType, Plover

from .sample import SYL, axes, ev, flat, texts


@pytest.mark.parametrize("name", ["Syldavia", "SYLDAVIA", "country/SYL", "Kingdom of Syldavia"])
def test_focus_matches_id_label_or_alias_in_any_case(G, name):
    assert R.find_actor(G, name) == SYL.id
    ax = R.draw(G, axes("ego"), focus=name)
    assert flat(texts(ax, "node-label")[SYL.id].get_text()) == "Syldavia"
    assert len(texts(ax, "node-label")) == 5


def test_unknown_focus_lists_close_matches(G):
    with pytest.raises(InputError, match="close matches: Syldavia"):
        R.draw(G, axes("ego"), focus="Syldvia")
    with pytest.raises(InputError, match="no actor 'Zzyzx'"):
        R.find_actor(G, "Zzyzx")


def test_focus_that_names_two_actors_is_refused():
    a = Actor("Capital", ActorType.ORG, "SYL")
    b = Actor("Capital", ActorType.ORG, "BOR")
    g = build_graph([ev("a", a, b, Plover.CONSULT, 1)])
    with pytest.raises(InputError, match="several actors"):
        R.find_actor(g, "capital")
    assert R.find_actor(g, a.id) == a.id
