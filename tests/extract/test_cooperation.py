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
    "Portugal sent 150 soldiers to Mozambique to act as peacekeepers.",
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
    "Austria is releasing new funds to support the peace process in Moldova.",
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


# --------------------------------------------------------------------------- resigned_office, hosts, borders

@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text", [
    "Rosa Quispe resigned as president of Peru on Monday.",
    "The Peruvian foreign minister resigned from the government of Peru.",
])
def test_leaving_an_office_is_a_retreat_toward_its_state(extract_text, text):
    (ev,) = extract_text(text)
    assert (ev.plover, ev.target.country, ev.rule) == (Plover.RETREAT, "PER", "verb:resign:domestic")


@pytest.mark.usefixtures("nlp")
def test_a_resignation_from_no_state_has_no_target(extract_text):
    assert extract_text("The minister resigned on Monday.") == []


@pytest.mark.usefixtures("nlp")
def test_giving_a_visitor_a_welcome_is_hosting(extract_text):
    assert dyads(extract_text("The Chilean president gave a warm welcome to the Peruvian president.")) == {
        ("CHL", Plover.CONSULT, "PER")}


@pytest.mark.usefixtures("nlp")
def test_suspending_a_tax_on_someone_lifts_it(extract_text):
    assert dyads(extract_text("Chile suspended a new tax on Peruvian companies.")) == {
        ("CHL", Plover.RETREAT, "PER")}


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text, plover", [
    ("Chile opened its borders to Peruvian refugees.", Plover.AID),
    ("Chile opened its border with Peru.", Plover.RETREAT),
])
def test_a_border_opened_to_people_takes_them_in(extract_text, text, plover):
    assert dyads(extract_text(text)) == {("CHL", plover, "PER")}


# --------------------------------------------------------------------------- relief handed over, peacekeeping joined

@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text", [
    "Austria handed over medical supplies to the Moldovan government.",
    "Austria flew 12 tons of medicine into Moldova.",
    "Austria distributed food and medicine to Moldovan villagers.",
])
def test_relief_handed_over_or_flown_in_is_aid(extract_text, text):
    assert dyads(extract_text(text)) == {("AUT", Plover.AID, "MDA")}


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text", [
    "Austrian troops take part in peacekeeping operations in Moldova.",
    "Austrian soldiers participate in peacekeeping operations in Moldova.",
])
def test_taking_part_in_peacekeeping_in_a_state_is_aid_to_it(extract_text, text):
    assert dyads(extract_text(text)) == {("AUT", Plover.AID, "MDA")}


@pytest.mark.usefixtures("nlp")
def test_a_noun_under_in_is_still_where_for_other_verbs(extract_text):
    # "agreed to X in the talks with Y": the talks are where the agreeing happened
    assert {e.plover for e in extract_text("Austria agreed to a ceasefire in the talks with Moldova.")} == {
        Plover.AGREE}


# --------------------------------------------------------------------------- forces_leaving, ceasefire_sides

@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text", [
    "Turkish troops have begun leaving Cyprus.",
    "The Turkish army left Cyprus last year.",
])
def test_forces_leaving_a_place_withdraw(extract_text, text):
    assert dyads(extract_text(text)) == {("TUR", Plover.RETREAT, "CYP")}


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text", [
    "The Turkish minister left Cyprus on Monday.",
    "Turkey left the customs union.",
])
def test_anyone_else_leaving_is_no_withdrawal(extract_text, text):
    assert not [e for e in extract_text(text) if e.plover is Plover.RETREAT]


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text", [
    "Turkey unveiled a ceasefire initiative to stop the fighting in Cyprus.",
    "Turkey declared a ceasefire to end the fighting with Cyprus.",
])
def test_a_ceasefire_is_toward_whom_its_purpose_names(extract_text, text):
    assert dyads(extract_text(text)) == {("TUR", Plover.CONCEDE, "CYP")}


@pytest.mark.usefixtures("nlp")
def test_a_curfew_lifted_where_it_was_imposed_targets_that_state(extract_text):
    assert dyads(extract_text("Chile lifted the curfew imposed in Peru.")) == {("CHL", Plover.CONCEDE, "PER")}


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text", [
    "Chile speeded up the withdrawal of its forces from Peru.",
    "Chile completed the withdrawal of its troops from Peru.",
])
def test_carrying_out_a_withdrawal_is_a_retreat(extract_text, text):
    assert dyads(extract_text(text)) == {("CHL", Plover.RETREAT, "PER")}


@pytest.mark.usefixtures("nlp")
def test_a_span_of_time_done_carries_what_fills_it(extract_text):
    (ev,) = extract_text("Chilean and Peruvian warships on Monday launched ten days of war games.")
    assert (ev.plover, {ev.source.country, ev.target.country}) == (Plover.COOPERATE, {"CHL", "PER"})


@pytest.mark.usefixtures("nlp")
def test_a_span_of_time_that_is_when_carries_nothing(extract_text):
    # "during a week of bombardment": when the killing happened, not a second act
    assert {e.rule for e in extract_text("Chile killed 50 civilians during a week of bombardment of a town "
                                         "near Lima.")} == {"verb:kill"}
