"""Verbal conflict as news reports word it: refusals, failed talks, rejected and condemned acts
of an actor, investigations, cuts in relations and threats. Sentences of our own, the real
pipeline end to end."""

from __future__ import annotations

import pytest

from graphbuild.types import Plover

pytestmark = pytest.mark.usefixtures("nlp")


def dyads(evs):
    """(source country, type, target country, negated) of each event."""
    return {(e.source.country, e.plover, e.target.country, e.negated) for e in evs}


# --------------------------------------------------------------------------- stated_refusal

@pytest.mark.parametrize("text", [
    "Chile will not release the Peruvian fishermen.",
    "Chile will not lift the sanctions on Peru.",
    "Chile said it would not lift its ban on Peru unless Lima pays the fine.",
    "Chile will not send aid to Peru.",
])
def test_saying_one_will_not_cooperate_is_a_refusal(extract_text, text):
    found = dyads(extract_text(text))
    assert ("CHL", Plover.REJECT, "PER", False) in found
    # the act that is not to be stays, negated
    assert any(neg and plover is not Plover.REJECT for _, plover, _, neg in found)


def test_not_doing_something_is_no_refusal(extract_text):
    assert all(e.plover is not Plover.REJECT for e in extract_text("Chile did not release the Peruvian fishermen."))


def test_a_schedule_that_leaves_out_a_meeting_is_no_refusal(extract_text):
    evs = extract_text("The Chilean president will not attend the summit in Peru.")
    assert all(e.plover is not Plover.REJECT for e in evs)


# --------------------------------------------------------------------------- failed_agreement

@pytest.mark.parametrize("text", [
    "Chile and Peru failed to reach agreement on fishing rights.",
    "Chile failed to reach a deal with Peru after two days of talks.",
])
def test_failing_to_reach_agreement_is_a_rejection_between_the_sides(extract_text, text):
    evs = extract_text(text)
    (rejection,) = [e for e in evs if e.plover is Plover.REJECT]
    assert rejection.symmetric and not rejection.negated
    assert {rejection.source.country, rejection.target.country} == {"CHL", "PER"}
    assert ("CHL", Plover.AGREE, "PER", True) in dyads(evs)


def test_an_agreement_reached_is_no_rejection(extract_text):
    evs = extract_text("Chile and Peru reached agreement on fishing rights.")
    assert all(e.plover is not Plover.REJECT for e in evs)
