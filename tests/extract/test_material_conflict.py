"""Material conflict as news reports word it: attacks, force readied, repression and protest.
Sentences of our own, through the real pipeline."""

from __future__ import annotations

import pytest

from graphbuild.types import Plover


def dyads(evs):
    return {(e.source.country, e.plover, e.target.country) for e in evs}


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text, expected", [
    # coordinated act nouns: the target phrase hangs on the first of them
    ("The Chilean army launched drone and missile strikes on Peruvian troops near the border.",
     ("CHL", Plover.ASSAULT, "PER")),
    ("Bolivian forces carried out drone and missile strikes against Paraguayan army posts.",
     ("BOL", Plover.ASSAULT, "PRY")),
    # the target on a clause saying what the attack was made of
    ("Chilean forces launched a night attack that involved tanks and mortars on a Peruvian base.",
     ("CHL", Plover.ASSAULT, "PER")),
])
def test_attacks_named_by_coordinated_nouns(extract_text, text, expected):
    assert expected in dyads(extract_text(text))


@pytest.mark.usefixtures("nlp")
def test_a_prepositional_phrase_of_a_clause_of_another_kind_names_no_target(extract_text):
    # "killed" is not what the attack is made of: its "on" phrase is no target of the attack
    evs = extract_text("The attack that Chilean rebels launched killed a Peruvian farmer on the road.")
    assert ("CHL", Plover.ASSAULT, "PER") not in {(e.source.country, e.plover, e.target.country)
                                                   for e in evs if e.relation == "attack"}


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text, expected", [
    ("President Boric declared a state of siege in Peru.", ("CHL", Plover.COERCE, "PER")),
    ("Chile declared a state of emergency in Bolivia.", ("CHL", Plover.COERCE, "BOL")),
    ("Chile reimposed blockades in Peru after the shooting.", ("CHL", Plover.COERCE, "PER")),
    ("Chilean troops imposed blockades around Peruvian towns.", ("CHL", Plover.COERCE, "PER")),
])
def test_declared_conditions_and_blockades_are_coercion(extract_text, text, expected):
    assert expected in dyads(extract_text(text))


@pytest.mark.usefixtures("nlp")
def test_laying_siege_stays_an_assault(extract_text):
    assert ("CHL", Plover.ASSAULT, "PER") in dyads(extract_text("Chilean troops laid siege to a Peruvian town."))


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text", [
    "Chilean troops remained on alert in Peru.",
    "Chilean troops stayed on high alert in Peru after the clashes.",
])
def test_forces_kept_on_alert_are_mobilised(extract_text, text):
    assert dyads(extract_text(text)) == {("CHL", Plover.MOBILIZE, "PER")}


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text, expected", [
    ("Chilean inmates rioted at a prison in Peru.", ("CHL", Plover.PROTEST, "PER")),
    ("Peruvian protesters rallied at the Chilean embassy in Lima.", ("PER", Plover.PROTEST, "CHL")),
    ("Chilean activists demonstrated outside the Peruvian embassy.", ("CHL", Plover.PROTEST, "PER")),
])
def test_a_protest_at_a_site_is_aimed_at_its_holder(extract_text, text, expected):
    assert dyads(extract_text(text)) == {expected}


@pytest.mark.usefixtures("nlp")
def test_an_act_named_as_where_is_no_site(extract_text):
    # "in an ambush in the village of ...": the ambush is the act, not a place someone holds
    evs = extract_text("Chilean rebels killed two Peruvian soldiers in an ambush in the village of Tacna.")
    assert dyads(evs) == {("CHL", Plover.ASSAULT, "PER")}


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text, expected", [
    ("Chilean police opened fire to disperse Peruvian demonstrators.", ("CHL", Plover.ASSAULT, "PER")),
    # a crowd no text ties to a state, dispersed by a state's police: that state's people
    ("Chilean police opened fire to disperse demonstrators.", ("CHL", Plover.ASSAULT, "CHL")),
    ("Chilean police fired tear gas to break up an opposition rally on Monday.", ("CHL", Plover.ASSAULT, "CHL")),
])
def test_force_used_to_disperse_a_crowd_is_aimed_at_it(extract_text, text, expected):
    assert expected in dyads(extract_text(text))


@pytest.mark.usefixtures("nlp")
def test_fire_opened_with_no_one_named_is_no_event(extract_text):
    assert extract_text("Chilean police opened fire on Tuesday.") == []


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text, expected", [
    ("Chilean army bulldozers demolished Peruvian homes in the border town.", Plover.COERCE),
    ("Chilean troops demolished the house of a Peruvian militant.", Plover.COERCE),
    # destroying what fights stays an attack
    ("Chilean troops destroyed a Peruvian tank.", Plover.ASSAULT),
])
def test_demolished_homes_are_coercion(extract_text, text, expected):
    (ev,) = extract_text(text)
    assert (ev.source.country, ev.plover, ev.target.country) == ("CHL", expected, "PER")


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text, expected", [
    ("Chile launched cyber-attacks on Peruvian banks.", Plover.COERCE),
    ("Chilean hackers carried out cyber attacks against Peru.", Plover.COERCE),
    ("Chilean rebels carried out attacks against Peru.", Plover.ASSAULT),
])
def test_cyber_attacks_are_coercion(extract_text, text, expected):
    assert dyads(extract_text(text)) == {("CHL", expected, "PER")}


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text", [
    "Boric has closed Chile's land borders with Peru and Bolivia.",
    "Boric has now closed Chile’s land borders with Peru and Bolivia, and cut diplomatic ties with Peru.",
])
def test_a_border_closed_with_others_targets_them_not_its_owner(extract_text, text):
    found = {(e.source.country, e.plover, e.target.country) for e in extract_text(text) if e.plover is Plover.COERCE}
    assert found == {("CHL", Plover.COERCE, "PER"), ("CHL", Plover.COERCE, "BOL")}


@pytest.mark.usefixtures("nlp")
def test_closing_someone_elses_crossing_targets_its_owner(extract_text):
    assert dyads(extract_text("Chile closed Peru's border crossing.")) == {("CHL", Plover.COERCE, "PER")}


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text", [
    "The Chilean army launched a military operation against Peruvian rebels.",
    "The Chilean army launched a major military operation, code-named Condor, against Peruvian rebels.",
])
def test_an_armed_operation_against_someone_is_an_attack(extract_text, text):
    assert dyads(extract_text(text)) == {("CHL", Plover.ASSAULT, "PER")}


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text", [
    "Chile launched a rescue operation in Peru.",
    "Chile launched a relief operation against the wishes of Peru.",
])
def test_an_operation_not_called_armed_is_no_attack(extract_text, text):
    assert [e for e in extract_text(text) if e.plover is Plover.ASSAULT] == []


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text, expected", [
    ("Chilean troops recaptured a strategic village in Peru after fierce fighting with Peruvian rebels.",
     Plover.ASSAULT),
    ("Chilean troops seized the Peruvian port in a battle on Tuesday.", Plover.ASSAULT),
    # ground taken with no fighting said is an occupation
    ("Chilean troops seized the Peruvian port after talks collapsed.", Plover.COERCE),
])
def test_ground_taken_in_fighting_is_an_assault(extract_text, text, expected):
    found = {(e.source.country, e.plover, e.target.country) for e in extract_text(text)
             if e.relation.startswith(("recapture", "seize"))}
    assert found == {("CHL", expected, "PER")}


@pytest.mark.usefixtures("nlp")
def test_a_noun_with_a_past_participle_of_force_is_acted_upon(extract_text):
    # "a soldier killed in Peru": the soldier is the victim, not the killer of Peru
    assert extract_text("The minister paid respects to a Chilean soldier killed in Peru a decade ago.") == []
    evs = extract_text("Peruvian rebels released three Chilean soldiers captured by the Bolivian army in Peru.")
    assert ("BOL", Plover.COERCE, "CHL") in dyads(evs)
    assert ("CHL", Plover.COERCE, "CHL") not in dyads(evs)


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text", [
    "Chile is deploying 450 soldiers to a UN peacekeeping mission in Peru.",
    "Chile deployed troops to Peru on a peacekeeping mission.",
    "Chile sent 200 soldiers to Peru to train the Peruvian army.",
])
def test_forces_sent_to_keep_the_peace_or_train_are_aid(extract_text, text):
    found = dyads(extract_text(text))
    assert ("CHL", Plover.AID, "PER") in found
    assert not any(p is Plover.MOBILIZE for _, p, _ in found)


@pytest.mark.usefixtures("nlp")
def test_forces_sent_to_a_border_are_mobilised(extract_text):
    assert dyads(extract_text("Chile deployed troops to its border with Peru.")) == {("CHL", Plover.MOBILIZE, "PER")}


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text", [
    "A senior Chilean diplomat offered his condolences over an attack on churches in Peru.",
    "The Chilean minister spoke about the attack on the Peruvian embassy.",
])
def test_an_attack_spoken_of_is_not_the_speakers(extract_text, text):
    assert [e for e in extract_text(text) if e.plover is Plover.ASSAULT] == []


@pytest.mark.usefixtures("nlp")
def test_an_attack_the_subject_carries_out_is_still_theirs(extract_text):
    evs = extract_text("Chilean rebels killed five soldiers in an attack on a Peruvian base.")
    assert ("CHL", Plover.ASSAULT, "PER") in dyads(evs)


CLAIMED_RESPONSIBILITY_FOR_AN_ATTACK_ON = """
Norway PROPN NNP nsubj 1
claimed/claim VERB VBD ROOT 1
responsibility NOUN NN dobj 1
for ADP IN prep 1
the DET DT det 5
attack NOUN NN pobj 3
on ADP IN prep 5
Sweden PROPN NNP pobj 6
. PUNCT . punct 1
"""

APOLOGISED_FOR_AN_ATTACK_ON = """
Norway PROPN NNP nsubj 1
apologised/apologise VERB VBD ROOT 1
for ADP IN prep 1
the DET DT det 4
attack NOUN NN pobj 2
on ADP IN prep 4
Sweden PROPN NNP pobj 5
. PUNCT . punct 1
"""


def test_claiming_responsibility_for_an_attack_claims_it(events):
    assert [(e.source.label, e.plover, e.target.label) for e in events(CLAIMED_RESPONSIBILITY_FOR_AN_ATTACK_ON)] \
        == [("Norway", Plover.ASSAULT, "Sweden")]
    assert [e for e in events(APOLOGISED_FOR_AN_ATTACK_ON) if e.plover is Plover.ASSAULT] == []


@pytest.mark.usefixtures("nlp")
def test_people_held_as_human_shields_are_coerced(extract_text):
    assert dyads(extract_text("Chilean rebels used Peruvian civilians as human shields.")) == {
        ("CHL", Plover.COERCE, "PER")}


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text", [
    "Chile used the Peruvian incident as a pretext.",
    "Chile held talks with Peru as a mediator.",
])
def test_holding_or_using_as_anything_else_is_no_coercion(extract_text, text):
    assert [e for e in extract_text(text) if e.relation == "human_shield"] == []


@pytest.mark.usefixtures("nlp")
def test_a_participle_coordinated_with_a_passive_is_passive(extract_text):
    # "was tortured and killed in a Chilean prison": the victim killed no one
    assert extract_text("A Peruvian teacher was beaten and killed in a Chilean police station.") == []
    evs = extract_text("Two Peruvian diplomats were arrested and expelled by Chile.")
    assert {(e.source.country, e.plover, e.target.country) for e in evs} == {
        ("CHL", Plover.COERCE, "PER"), ("CHL", Plover.SANCTION, "PER")}


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text", [
    "Chilean students have been taking part in a hunger strike against Peru.",
    "Chilean dockworkers stopped work in a strike against the Peruvian port operator.",
    "Chilean workers are on strike against Peru.",
])
def test_a_strike_by_workers_or_a_hunger_strike_is_a_protest(extract_text, text):
    assert dyads(extract_text(text)) == {("CHL", Plover.PROTEST, "PER")}


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text", [
    "Chilean rebels carried out a strike against Peru.",
    "Chilean jets launched a strike against Peru.",
    "Chile carried out a strike on a Peruvian base.",
])
def test_an_armed_strike_stays_an_assault(extract_text, text):
    assert dyads(extract_text(text)) == {("CHL", Plover.ASSAULT, "PER")}


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text, expected", [
    ("Chile ordered the Peruvian newspaper to suspend publication.", ("CHL", Plover.COERCE, "PER")),
    ("Chilean fighter jets forced a Peruvian cargo plane to land in Arica.", ("CHL", Plover.COERCE, "PER")),
    # a body no text ties to a state, ordered about by a state's government, is of that state
    ("Chile's government ordered the opposition newspaper El Faro to suspend publication.",
     ("CHL", Plover.COERCE, "CHL")),
])
def test_making_someone_stop_or_land_is_coercion(extract_text, text, expected):
    assert expected in dyads(extract_text(text))


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text", [
    "Chile ordered an inquiry into the Peruvian deaths.",
    "Chile forced Peru to negotiate.",
])
def test_ordering_or_forcing_anything_else_is_no_coercion(extract_text, text):
    assert [e for e in extract_text(text) if e.relation == "force_stop"] == []


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text", [
    "Chilean troops were involved in fierce fighting with Peruvian rebels.",
    "Chilean forces were engaged in attacks against Peruvians.",
])
def test_those_engaged_in_an_act_do_it(extract_text, text):
    assert ("CHL", Plover.ASSAULT, "PER") in dyads(extract_text(text))
