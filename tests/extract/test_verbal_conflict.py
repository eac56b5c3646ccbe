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


# --------------------------------------------------------------------------- the owner of a thing rejected

@pytest.mark.parametrize("text", [
    "Chile rejected the call of the Peruvian government.",
    "Chile rejected U.S. calls for a ceasefire.",
    "Chile spurned new offers for negotiations by the Peruvian government.",
    "Chile rejected on Monday a Peruvian government offer of a ceasefire.",
    "Chile dismissed an appeal from Peru to lay down its arms.",
    "Chile reneged on a trade accord with Peru.",
])
def test_rejecting_what_an_actor_proposed_or_agreed_rejects_the_actor(extract_text, text):
    found = {(e.source.country, e.plover, e.target.country) for e in extract_text(text)}
    assert found & {("CHL", Plover.REJECT, "PER"), ("CHL", Plover.REJECT, "USA")}
    assert all(plover is Plover.REJECT for _, plover, _ in found)


def test_the_content_of_a_condemned_decision_is_no_event(extract_text):
    evs = extract_text("Chile condemned Peru's decision to recognize Bolivia as a state.")
    assert {(e.source.country, e.plover, e.target.country) for e in evs} == {("CHL", Plover.ACCUSE, "PER")}


def test_the_content_of_a_welcomed_decision_is_not_touched(extract_text):
    evs = extract_text("Chile welcomed Peru's decision to recognize Bolivia.")
    assert ("PER", Plover.SUPPORT, "BOL") in {(e.source.country, e.plover, e.target.country) for e in evs}


# --------------------------------------------------------------------------- investigations and cases

@pytest.mark.parametrize("text", [
    "Chile sent a team of experts to Peru to investigate the crash.",
    "Chile has dispatched officials to Peru to investigate a report of smuggling.",
    "Chile launched legal action against the Peruvian government.",
    "Chile started proceedings against Peru at the international court.",
    "Chile opened an investigation into Peru's arms purchases.",
])
def test_investigations_and_cases_at_law_accuse_their_target(extract_text, text):
    found = {(e.source.country, e.plover, e.target.country) for e in extract_text(text)}
    assert ("CHL", Plover.ACCUSE, "PER") in found


def test_military_action_is_no_case_at_law(extract_text):
    assert all(e.plover is not Plover.ACCUSE for e in extract_text("Chile took military action against Peru."))


def test_sending_troops_to_fight_is_no_investigation(extract_text):
    assert all(e.plover is not Plover.ACCUSE
               for e in extract_text("Chile sent troops to Peru to fight the rebels."))


# --------------------------------------------------------------------------- threats

@pytest.mark.parametrize("text", [
    "Chile gave Peru a midnight deadline.",
    "The Chilean prime minister gave Peru a deadline over the attack on its embassy.",
    "Chile issued an ultimatum to Peru.",
])
def test_a_deadline_given_is_an_ultimatum(extract_text, text):
    found = {(e.source.country, e.plover, e.target.country) for e in extract_text(text)}
    assert found == {("CHL", Plover.THREATEN, "PER")}


def test_a_deadline_missed_is_no_threat(extract_text):
    assert extract_text("Peru missed the deadline set by the court.") == []


# --------------------------------------------------------------------------- reducing relations

@pytest.mark.parametrize("text", [
    "Chile ended its mediation efforts with Peru.",
    "Chile broke off talks with Peru.",
    "Chile suspended military aid to Peru.",
])
def test_halting_mediation_talks_or_aid_reduces_relations(extract_text, text):
    found = {(e.source.country, e.plover, e.target.country) for e in extract_text(text)}
    assert found == {("CHL", Plover.SANCTION, "PER")}


def test_halting_mediation_between_two_sides_reduces_relations_with_both(extract_text):
    found = {(e.source.country, e.plover, e.target.country)
             for e in extract_text("Chile halted its mediation between Peru and Bolivia.")}
    assert found == {("CHL", Plover.SANCTION, "PER"), ("CHL", Plover.SANCTION, "BOL")}


@pytest.mark.parametrize("text, plover", [
    ("Chile vetoed a Peruvian-drafted resolution.", Plover.REJECT),
    ("Chile condemned the Peru-backed plan.", Plover.ACCUSE),
])
def test_the_maker_of_a_thing_rejected_is_the_target(extract_text, text, plover):
    found = {(e.source.country, e.plover, e.target.country) for e in extract_text(text)}
    assert found == {("CHL", plover, "PER")}


def test_a_thing_made_by_no_one_named_has_no_target(extract_text):
    assert extract_text("Chile rejected a hastily drafted resolution.") == []


# --------------------------------------------------------------------------- what a refusal or warning is about

def test_the_release_asked_for_in_rejected_appeals_is_not_reported(extract_text):
    evs = extract_text("Chile has rejected fresh appeals to release Pedro Castillo, a Peruvian politician held in Chile.")
    assert {(e.plover, e.target.label) for e in evs} == {(Plover.REJECT, "Pedro Castillo")}


def test_what_a_warning_is_against_did_not_happen(extract_text):
    evs = extract_text("Chile warned against scrapping the trade agreement with Peru.")
    assert all(e.plover is not Plover.SANCTION for e in evs)


# --------------------------------------------------------------------------- requests and their addressees

@pytest.mark.parametrize("text, plover", [
    ("Chile insisted on its demands that Peru's government grant the minority more rights.", Plover.REQUEST),
    ("Chile is pushing hard for Peru to support its plan.", Plover.REQUEST),
    ("Chile denounced as an ugly crime Peru's suppression of the unrest.", Plover.ACCUSE),
    ("The Chilean president has sent a message to the leader of the Peruvian government threatening to cut "
     "Chilean funding.", Plover.THREATEN),
    ("Chile sent a letter to Peru demanding the release of its sailors.", Plover.REQUEST),
])
def test_whom_a_request_accusation_or_threat_is_aimed_at(extract_text, text, plover):
    found = {(e.source.country, e.plover, e.target.country) for e in extract_text(text)}
    assert found == {("CHL", plover, "PER")}


def test_a_call_for_something_to_happen_asks_no_one(extract_text):
    text = "The Chilean president signed an order calling for work to start on a fence between the two countries."
    assert all(e.plover is not Plover.REQUEST for e in extract_text(text))


# --------------------------------------------------------------------------- going back on one's word

@pytest.mark.parametrize("text", [
    "The Chilean president reneged on his promise to Peru.",
    "Chile broke its promise to Peru.",
])
def test_going_back_on_a_commitment_is_a_rejection(extract_text, text):
    found = {(e.source.country, e.plover, e.target.country) for e in extract_text(text)}
    assert found == {("CHL", Plover.REJECT, "PER")}


def test_a_commitment_made_is_an_agreement(extract_text):
    found = {(e.source.country, e.plover, e.target.country) for e in extract_text("Chile made a commitment to Peru.")}
    assert found == {("CHL", Plover.AGREE, "PER")}


# --------------------------------------------------------------------------- ruled_out

@pytest.mark.parametrize("text", [
    "Chilean officials said that removing the sanctions on Peru is out of the question.",
    "Lifting the ban on Peruvian imports is out of the question, the Chilean president said.",
    "Sending aid to Peru is off the table, Chilean officials said.",
])
def test_ruling_an_act_out_is_a_refusal(extract_text, text):
    found = dyads(extract_text(text))
    assert ("CHL", Plover.REJECT, "PER", False) in found
    assert all(neg for _, plover, _, neg in found if plover is not Plover.REJECT)


def test_an_act_said_to_be_unwise_is_not_ruled_out(extract_text):
    assert extract_text("Removing the sanctions on Peru would reward its regime, Chilean officials said.") == []


# --------------------------------------------------------------------------- conditional_intent

@pytest.mark.parametrize("text", [
    "Chile will boycott the summit unless Peru withdraws its troops.",
    "Chile will cut aid unless Peru changes its policy.",
])
def test_an_act_stated_on_a_condition_threatens_whom_the_condition_asks(extract_text, text):
    found = {(e.source.country, e.plover, e.target.country) for e in extract_text(text)}
    assert found == {("CHL", Plover.THREATEN, "PER")}


def test_an_unconditional_boycott_names_no_one_by_its_condition(extract_text):
    assert all(e.target.country != "PER" for e in extract_text("Chile will boycott the summit in May."))


# --------------------------------------------------------------------------- rallied_against

@pytest.mark.parametrize("text", [
    "A Chilean newspaper called on Bolivians to unite and mobilize against Peru.",
    "Chilean activists called on their followers to join a rally against Peru's new rules.",
])
def test_rallying_others_against_an_actor_accuses_it(extract_text, text):
    found = {(e.source.country, e.plover, e.target.country) for e in extract_text(text)}
    assert found == {("CHL", Plover.ACCUSE, "PER")}


def test_a_call_to_act_against_no_one_stays_a_request(extract_text):
    found = {(e.source.country, e.plover, e.target.country)
             for e in extract_text("Chile called on Peru to withdraw its troops.")}
    assert found == {("CHL", Plover.REQUEST, "PER")}


# --------------------------------------------------------------------------- more refusals

def test_offers_whose_maker_the_parse_hangs_on_what_was_offered(extract_text):
    found = {(e.source.label, e.plover, e.target.country)
             for e in extract_text("The rebels have spurned new offers for negotiations by the Chilean government.")}
    assert ("Rebels", Plover.REJECT, "CHL") in found


@pytest.mark.parametrize("text", [
    "Chile says it will not accept refugees from Peru.",
    "Chile will not agree to Peru's demands.",
])
def test_saying_one_will_not_accept_or_agree_is_a_refusal(extract_text, text):
    assert ("CHL", Plover.REJECT, "PER", False) in dyads(extract_text(text))


def test_two_sides_that_will_not_sign_refuse_each_other(extract_text):
    (rejection,) = [e for e in extract_text("Chile and Peru will not sign the accord.") if e.plover is Plover.REJECT]
    assert rejection.symmetric and {rejection.source.country, rejection.target.country} == {"CHL", "PER"}


@pytest.mark.parametrize("text, target", [
    ("The Chilean minister declined to resign despite President Dina Boluarte's request he do so.", "PER"),
    ("Chile refused to withdraw despite pressure from Peru.", "PER"),
    ("Chile refused to withdraw in defiance of Peru's calls.", "PER"),
])
def test_a_refusal_despite_pressure_is_aimed_at_who_pressed(extract_text, text, target):
    found = {(e.plover, e.target.country) for e in extract_text(text)}
    assert (Plover.REJECT, target) in found


def test_a_refusal_despite_the_weather_has_no_target(extract_text):
    assert extract_text("Chile refused to withdraw despite the rain.") == []


# --------------------------------------------------------------------------- regarding

@pytest.mark.parametrize("text, plover", [
    ("In 2012, the Chilean government imposed sanctions in relation to Peru after the coup.", Plover.SANCTION),
    ("Chile issued a warning with regard to Peru.", Plover.THREATEN),
])
def test_whom_an_act_is_in_relation_to_is_its_target(extract_text, text, plover):
    found = {(e.source.country, e.plover, e.target.country) for e in extract_text(text)}
    assert ("CHL", plover, "PER") in found


# --------------------------------------------------------------------------- conditions

@pytest.mark.parametrize("text", [
    "The Chilean rebels will not release the hostages unless Peru releases its detainees.",
    "Chile threatened to shell Lima if Peru strikes Santiago.",
])
def test_what_a_threat_or_refusal_is_conditioned_on_did_not_happen(extract_text, text):
    assert all(e.source.country != "PER" for e in extract_text(text))


def test_a_threat_conditioned_on_an_act_is_aimed_at_who_would_act(extract_text):
    found = {(e.source.country, e.plover, e.target.country)
             for e in extract_text("Chile threatened to shell Lima if Peru strikes Santiago.")}
    assert found == {("CHL", Plover.THREATEN, "PER")}


def test_a_plain_condition_stays_possible(extract_text):
    evs = extract_text("If Chile attacks Peru, Bolivia will intervene.")
    assert {(e.source.country, e.plover, e.modality.value) for e in evs} == {("CHL", Plover.ASSAULT, "possible")}


# --------------------------------------------------------------------------- negated copula

@pytest.mark.parametrize("text", [
    "Norway is not willing to lift its embargo on Iceland.",
    "Norway was not prepared to accept the proposal from Iceland.",
    "Norway is unwilling to lift its embargo on Iceland.",
])
def test_a_copula_denying_the_will_to_cooperate_is_a_refusal(extract_text, text):
    found = dyads(extract_text(text))
    assert ("NOR", Plover.REJECT, "ISL", False) in found
    assert not any(plover is not Plover.REJECT and not neg for _, plover, _, neg in found)


@pytest.mark.parametrize("text", [
    "Norway is not willing to negotiate with Iceland.",
    "Norway was unwilling to meet Iceland.",
])
def test_a_stated_unwillingness_to_meet_is_a_refusal_and_no_meeting(extract_text, text):
    found = dyads(extract_text(text))
    assert ("NOR", Plover.REJECT, "ISL", False) in found
    assert ("NOR", Plover.CONSULT, "ISL", False) not in found


def test_an_inability_is_no_refusal_but_the_act_is_not_done(extract_text):
    found = dyads(extract_text("Norway was not able to send aid to Iceland."))
    assert ("NOR", Plover.AID, "ISL", True) in found
    assert all(plover is not Plover.REJECT for _, plover, _, _ in found)


def test_a_willing_copula_refuses_nothing(extract_text):
    found = dyads(extract_text("Norway is willing to negotiate with Iceland."))
    assert all(plover is not Plover.REJECT for _, plover, _, _ in found)
    assert not any(neg for *_, neg in found)


@pytest.mark.parametrize("text", [
    "Norway has no plans to impose sanctions on Iceland.",
    "Norway has no plans to send aid to Iceland.",
    "Norway is no longer willing to support Iceland.",
    "Norway is neither willing nor able to attack Iceland.",
])
def test_an_act_a_negated_noun_or_copula_governs_is_not_done(extract_text, text):
    evs = extract_text(text)
    assert evs and all(e.negated for e in evs if e.plover is not Plover.REJECT)


def test_an_act_a_plan_governs_is_planned_not_done(extract_text):
    (ev,) = extract_text("Norway announced a plan to send aid to Iceland.")
    assert (ev.plover, ev.negated, ev.modality.value) == (Plover.AID, False, "planned")
