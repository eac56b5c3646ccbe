"""Tests of graphbuild/render: finding an actor to focus on."""

from __future__ import annotations

import pytest

from graphbuild import render as R
from graphbuild.errors import InputError
from graphbuild.graph import build_graph
from graphbuild.types import Actor, ActorType, Plover

from .sample import BOR, SYL, axes, ev, flat, texts


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


def people_graph():
    minister = Actor("Ana Quill", ActorType.PERSON, "SYL", aliases=("A. Quill",))
    envoy = Actor("Cleo Marsh", ActorType.PERSON, "BOR")
    twin = Actor("Dora Marsh", ActorType.PERSON, "FRE")
    india = Actor("India", ActorType.COUNTRY, "IND")
    return build_graph([ev("a", minister, envoy, Plover.CONSULT, 1),
                        ev("a", twin, india, Plover.CONSULT, 2),
                        ev("a", SYL, BOR, Plover.ACCUSE, 3)])


@pytest.mark.parametrize("name, node", [
    ("Quill", "person/SYL/ana-quill"),  # a surname
    ("quill", "person/SYL/ana-quill"),
    ("A. Quill", "person/SYL/ana-quill"),  # an alias
    ("IND", "country/IND"), ("in", "country/IND"),  # ISO alpha-3 and alpha-2
    ("syl", "country/SYL"),  # the state, not its minister
    ("Cleo", "person/BOR/cleo-marsh"),
])
def test_focus_by_surname_alias_or_iso_code(name, node):
    assert R.find_actor(people_graph(), name) == node


def test_an_ambiguous_surname_lists_the_candidates():
    with pytest.raises(InputError) as err:
        R.find_actor(people_graph(), "Marsh")
    assert "names several actors: Cleo Marsh (person/BOR/cleo-marsh), Dora Marsh" in str(err.value)


def test_focus_error_shows_escape_sequences_escaped(G, capsys, tmp_path):
    import json

    from graphbuild import cli
    from graphbuild.graph import event_records

    hostile = Actor("Red\x1b[31m Alert\x1b]0;owned\x07", ActorType.PERSON, "SYL")
    g = build_graph([ev("a", hostile, BOR, Plover.ACCUSE, 1)])
    with pytest.raises(InputError) as err:
        R.find_actor(g, "Red\x1b[2J Alarm")
    assert "\x1b" not in str(err.value) and "\\x1b" in str(err.value)
    with open(tmp_path / "events.jsonl", "w", encoding="utf-8") as fh:
        for rec in event_records(g):
            fh.write(json.dumps(rec, default=str) + "\n")
    assert cli.main(["render", str(tmp_path), "--focus", "Red Alart", "--out",
                     str(tmp_path / "x.png")]) == 1
    printed = capsys.readouterr().err
    assert "\x1b" not in printed and "\x07" not in printed and "no actor" in printed
