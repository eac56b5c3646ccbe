"""Diplomatic moves as news words them: envoys recalled, expelled and summoned. PLOVER files a
recall or an expulsion as a reduction of relations (SANCTION) and summoning an envoy as an
official complaint (ACCUSE). Sentences of our own, the real pipeline end to end."""

from __future__ import annotations

import pytest

from graphbuild.types import Plover

pytestmark = pytest.mark.usefixtures("nlp")


def dyads(evs):
    """(source country, type, target country) of each event."""
    return {(e.source.country, e.plover, e.target.country) for e in evs}


@pytest.mark.parametrize("text", [
    "Norway recalled its ambassador from Sweden after the row.",
    "Norway recalled its ambassador to Sweden for consultations.",
    "Norway has withdrawn its envoy in Sweden.",
])
def test_recalling_one_s_envoy_reduces_relations_with_the_host(extract_text, text):
    assert ("NOR", Plover.SANCTION, "SWE") in dyads(extract_text(text))


def test_an_envoy_recalled_with_no_host_named_reduces_relations_with_no_one(extract_text):
    assert not extract_text("Norway recalled its ambassador.")


@pytest.mark.parametrize("text, plover, state", [
    ("Norway summoned the Swedish envoy over the fishing dispute.", Plover.ACCUSE, "SWE"),
    ("Norway summoned the UK envoy on Monday.", Plover.ACCUSE, "GBR"),
    ("Norway expelled two Icelandic diplomats.", Plover.SANCTION, "ISL"),
])
def test_an_envoy_named_by_its_state_is_acted_upon(extract_text, text, plover, state):
    assert ("NOR", plover, state) in dyads(extract_text(text))


@pytest.mark.parametrize("text, plover", [
    ("Three Swedish diplomats have been expelled from Norway.", Plover.SANCTION),
    ("The Swedish ambassador was summoned to the Norwegian foreign ministry.", Plover.ACCUSE),
    ("The Swedish ambassador to Norway was summoned on Monday.", Plover.ACCUSE),
])
def test_the_state_that_expels_or_summons_an_envoy_unnamed_as_agent(extract_text, text, plover):
    assert ("NOR", plover, "SWE") in dyads(extract_text(text))


def test_an_agent_named_wins_over_the_place_expelled_from(extract_text):
    found = dyads(extract_text("The Swedish fishermen were expelled from the port by the Danish navy."))
    assert {s for s, _, _ in found} == {"DNK"}


def test_an_envoy_summoned_to_no_state_is_summoned_by_no_one(extract_text):
    assert not extract_text("The Swedish ambassador was summoned on Monday.")


@pytest.mark.parametrize("text", [
    "Norway's ambassador to Sweden was recalled on Monday.",
    "The Norwegian ambassador to Sweden has been recalled for consultations.",
])
def test_an_envoy_recalled_unnamed_as_agent_is_recalled_by_its_own_state(extract_text, text):
    assert dyads(extract_text(text)) == {("NOR", Plover.SANCTION, "SWE")}


def test_an_envoy_recalled_from_no_host_named_gives_no_event(extract_text):
    assert not extract_text("The Norwegian ambassador was recalled.")
