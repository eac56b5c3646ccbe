"""Coordinated owners of one actor noun: "the armies of X and Y", "the foreign ministers of X and
Y" are an actor of each state. Sentences of our own, the real pipeline end to end."""

from __future__ import annotations

import pytest

from graphbuild.types import ActorType, Plover

pytestmark = pytest.mark.usefixtures("nlp")


def dyads(evs):
    """(source country, type, target country) of each event."""
    return {(e.source.country, e.plover, e.target.country) for e in evs}


@pytest.mark.parametrize("text", [
    "The armies of Norway and Sweden attacked Finland.",
    "The security forces of Norway and Sweden arrested three Finnish smugglers.",
    "The armies of Norway, Sweden and Estonia attacked Finland.",
])
def test_a_group_of_two_states_acts_for_both(extract_text, text):
    found = {(s, o) for s, _, o in dyads(extract_text(text))}
    assert {("NOR", "FIN"), ("SWE", "FIN")} <= found


def test_a_group_of_two_states_is_acted_upon_as_both(extract_text):
    found = dyads(extract_text("Finland attacked the armies of Norway and Sweden."))
    assert {("FIN", Plover.ASSAULT, "NOR"), ("FIN", Plover.ASSAULT, "SWE")} <= found


def test_one_state_s_group_acting_on_two_states_stays_one_source(extract_text):
    found = dyads(extract_text("The army of Norway attacked Finland and Sweden."))
    assert {s for s, _, _ in found} == {"NOR"}


@pytest.mark.parametrize("text", [
    "The foreign ministers of Norway and Sweden met in Oslo.",
    "The Norwegian and Swedish foreign ministers met in Oslo.",
])
def test_ministers_of_two_states_meet_each_other(extract_text, text):
    found = dyads(extract_text(text))
    assert ("NOR", Plover.CONSULT, "SWE") in found or ("SWE", Plover.CONSULT, "NOR") in found


def test_the_holders_of_one_office_in_two_states_are_named_on_the_date(extract_text):
    (ev,) = [e for e in extract_text("The foreign ministers of Russia and China met in Moscow.", date="2015-06-01")
             if e.plover is Plover.CONSULT]
    assert {ev.source.label, ev.target.label} == {"Sergey Lavrov", "Wang Yi"}
    assert ev.source.type is ActorType.PERSON


def test_former_holders_of_two_states_are_not_the_states(extract_text):
    assert not extract_text("The former presidents of Chile and Peru signed a border treaty.")


@pytest.mark.parametrize("text", [
    "The president of Norway and the prime minister of Sweden signed a fishing agreement.",
    "The foreign minister of Norway met the prime minister of Sweden.",
])
def test_offices_of_states_whose_holders_are_unknown_act_for_the_states(extract_text, text):
    found = {(s, o) for s, _, o in dyads(extract_text(text))}
    assert found & {("NOR", "SWE"), ("SWE", "NOR")}


def test_a_former_holder_of_an_office_does_not_act_for_the_state(extract_text):
    assert not extract_text("The former president of Norway met the prime minister of Sweden.")


def test_a_group_of_three_states_acts_for_each(extract_text):
    found = {s for s, _, _ in dyads(extract_text("The armies of Norway, Sweden and Estonia attacked Finland."))}
    assert found == {"NOR", "SWE", "EST"}
