"""Cooperation as news reports word it: aid sent on missions, joint exercises, ceasefires,
measures eased, prisoners freed, asylum granted. Sentences of our own, the real pipeline end to
end (and hand-built parses where a rule reads the parse)."""

from __future__ import annotations

import pytest

from graphbuild.types import Plover


def dyads(events):
    return {(e.source.country, e.plover, e.target.country) for e in events}


# --------------------------------------------------------------------------- aid_mission

@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text", [
    "Portuguese peacekeepers arrived in Mozambique on Monday.",
    "Two hundred Portuguese soldiers arrived in Mozambique to join the peacekeeping force there.",
    "Portugal announced the deployment of 300 troops to Mozambique on a peacekeeping mission.",
    "Portugal sent 150 soldiers to Mozambique to serve as a peacekeeping force.",
    "Portugal deployed election observers in Mozambique.",
    "Portugal deployed two search-and-rescue teams to Mozambique after the floods.",
    "Portuguese rescue teams arrived in Mozambique to help find survivors.",
])
def test_people_sent_on_a_mission_of_help_are_aid(extract_text, text):
    assert dyads(extract_text(text)) == {("PRT", Plover.AID, "MOZ")}


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text, plover", [
    ("Portugal sent troops to Mozambique.", Plover.MOBILIZE),
    ("The Portuguese minister arrived in Mozambique for talks on the peacekeeping mission.", Plover.CONSULT),
])
def test_no_mission_of_help_no_aid(extract_text, text, plover):
    assert dyads(extract_text(text)) == {("PRT", plover, "MOZ")}


# --------------------------------------------------------------------------- joined nouns

@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text", [
    "Chile and Peru staged war games near their common border.",
    "Chilean and Peruvian warships began war games on Monday.",
    "The war-games were staged by Chilean marines and Peruvian forces.",
])
def test_war_games_are_joint_exercises(extract_text, text):
    (ev,) = extract_text(text)
    assert (ev.plover, ev.symmetric, {ev.source.country, ev.target.country}) == (Plover.COOPERATE, True,
                                                                                {"CHL", "PER"})


@pytest.mark.usefixtures("nlp")
def test_a_hyphenated_ceasefire_is_a_ceasefire(extract_text):
    (ev,) = extract_text("Peru announced a cease-fire with Ecuador.")
    assert (ev.source.country, ev.plover, ev.target.country, ev.rule) == ("PER", Plover.CONCEDE, "ECU",
                                                                         "noun:ceasefire")


def test_the_prefilter_keeps_a_compound_written_as_two_words():
    from graphbuild.prefilter import Prefilter

    pf = Prefilter(nouns={"wargame"})
    assert pf.has_trigger("The two navies held war games.")
    assert not pf.has_trigger("The two navies held card games.")


# --------------------------------------------------------------------------- money given, aid_purpose

@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text", [
    "Austria gave 40 million euros to Moldova.",
    "Austria allocated $3 million to Moldova's farmers.",
    "Austria gave Moldova five million dollars.",
    "Austria has earmarked 2 million euros in emergency aid to help Moldova cope with the drought.",
    "Austria provided 7 million euros to support reconstruction projects in Moldova.",
    "Austria is mobilising additional funds to support the peace process in Moldova.",
    "Austria has provided 120 million dollars for assistance in southern Moldova.",
])
def test_a_sum_given_for_someone_is_aid(extract_text, text):
    assert dyads(extract_text(text)) == {("AUT", Plover.AID, "MDA")}


@pytest.mark.usefixtures("nlp")
def test_the_rule_names_the_verb_of_giving(extract_text):
    (ev,) = extract_text("Austria earmarked 4 million euros for Moldova.")
    assert (ev.plover, ev.rule, ev.relation) == (Plover.AID, "verb:earmark", "give_money")


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text", [
    "Austria gave the old documents to Moldova's archive.",
    "Austria spent 2 billion euros on new roads.",
])
def test_no_sum_given_to_anyone_no_aid(extract_text, text):
    assert not [e for e in extract_text(text) if e.plover is Plover.AID]


# --------------------------------------------------------------------------- measures eased, domestic_measure

@pytest.mark.usefixtures("nlp")
def test_lifting_a_state_of_emergency_elsewhere_targets_that_state(extract_text):
    (ev,) = extract_text("Chile lifted the state of emergency in Peru.")
    assert (ev.source.country, ev.plover, ev.target.country) == ("CHL", Plover.CONCEDE, "PER")


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text", [
    "The Chilean government lifted the state of emergency in Santiago.",
    "Chile eased the nightly curfew in some parts of Patagonia.",
    "The Chilean government shortened the curfew imposed in Chile after the riots.",
])
def test_a_measure_eased_at_home_is_a_concession_to_the_own_state(extract_text, text):
    (ev,) = extract_text(text)
    assert (ev.source.country, ev.plover, ev.target.country) == ("CHL", Plover.CONCEDE, "CHL")
    assert ev.rule.endswith(":domestic")


@pytest.mark.usefixtures("nlp")
def test_a_measure_eased_where_the_text_names_no_place_has_no_target(extract_text):
    assert extract_text("Chile eased the restrictions.") == []


@pytest.mark.usefixtures("nlp")
def test_a_state_and_itself_stay_apart_for_anything_else(extract_text):
    assert [e for e in extract_text("The Chilean president promised to rebuild Chile.")
            if e.source.country == e.target.country] == []


@pytest.mark.usefixtures("nlp")
def test_a_measure_eased_in_a_province_named_for_another_state_targets_it(extract_text):
    (ev,) = extract_text("Chile eased the emergency measures on Monday in the Peru province.")
    assert (ev.source.country, ev.plover, ev.target.country) == ("CHL", Plover.CONCEDE, "PER")


# --------------------------------------------------------------------------- decided_cooperation

@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text, plover", [
    ("Chile decided to ease some sanctions on Peru.", Plover.RETREAT),
    ("Chile has decided to grant political asylum to a Peruvian opposition leader.", Plover.AID),
])
def test_a_decision_to_cooperate_codes_the_act_as_planned(extract_text, text, plover):
    (ev,) = extract_text(text)
    assert (ev.source.country, ev.plover, ev.target.country, ev.modality.value) == ("CHL", plover, "PER",
                                                                                   "planned")


@pytest.mark.usefixtures("nlp")
def test_saying_one_will_cooperate_stays_a_promise(extract_text):
    (ev,) = extract_text("Chile announced it would lift sanctions on Peru.")
    assert (ev.plover, ev.modality.value) == (Plover.AGREE, "asserted")


# --------------------------------------------------------------------------- refugees, extradition

@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text", [
    "Chile accepted 800 Peruvian refugees last month.",
    "Chile took in 3000 refugees from Peru.",
    "Chile welcomed Peruvian migrants.",
])
def test_taking_in_refugees_is_aid(extract_text, text):
    assert dyads(extract_text(text)) == {("CHL", Plover.AID, "PER")}


@pytest.mark.usefixtures("nlp")
def test_deporting_refugees_stays_coercion(extract_text):
    assert dyads(extract_text("Chile deported Peruvian refugees.")) == {("CHL", Plover.COERCE, "PER")}


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text", [
    "Chile extradited a Peruvian banker to Bolivia.",
    "A Chilean court approved the extradition of a Peruvian banker to Bolivia.",
])
def test_the_state_receiving_an_extradited_person_is_the_target(extract_text, text):
    assert dyads(extract_text(text)) == {("CHL", Plover.COOPERATE, "BOL")}


@pytest.mark.usefixtures("nlp")
def test_an_extradition_to_nowhere_named_targets_the_person(extract_text):
    (ev,) = extract_text("Chile extradited the Peruvian banker.")
    assert (ev.plover, ev.target.country) == (Plover.COOPERATE, "PER")
