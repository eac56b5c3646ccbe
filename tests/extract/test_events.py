"""The event extractor on sentences of our own, with the real spaCy pipeline."""

from __future__ import annotations

import datetime as dt

import pytest

from graphbuild.types import ActorType, Modality, Plover

pytestmark = pytest.mark.usefixtures("nlp")


def triples(events):
    return {(e.source.label, e.plover.value, e.target.label) for e in events}


def find(events, plover, *names):
    """The events of type ``plover`` joining actors whose labels contain ``names``."""
    out = []
    for e in events:
        if e.plover.value != plover:
            continue
        labels = (e.source.label, e.target.label)
        if all(any(n in lab for lab in labels) for n in names):
            out.append(e)
    return out


def test_active_meeting_with_titled_persons(extract_text):
    evs = extract_text("Mexican Foreign Minister Elena Ortiz met Canadian Prime Minister Paul Tremblay "
                       "in Ottawa on Tuesday.")
    ev, = find(evs, "CONSULT", "Ortiz", "Tremblay")
    assert ev.symmetric and not ev.negated and ev.modality is Modality.ASSERTED
    people = {ev.source.label: ev.source, ev.target.label: ev.target}
    assert people["Elena Ortiz"].country == "MEX" and people["Elena Ortiz"].role == "Foreign Minister"
    assert people["Paul Tremblay"].country == "CAN" and people["Paul Tremblay"].type is ActorType.PERSON


def test_passive_voice_swaps_the_roles(extract_text):
    evs = extract_text("Spanish Foreign Minister Lucia Garcia was received by Austrian Chancellor "
                       "Karl Weber in Vienna.")
    ev, = find(evs, "CONSULT", "Weber", "Garcia")
    assert ev.source.label == "Karl Weber" and ev.target.label == "Lucia Garcia"
    assert ev.rule.startswith("verb.passive")


def test_coordinated_subjects_make_one_symmetric_event(extract_text):
    evs = extract_text("Malaysia and the Philippines signed a maritime security agreement on Monday.")
    agree = [e for e in evs if {e.source.country, e.target.country} == {"MYS", "PHL"}]
    assert len(agree) == 1 and agree[0].symmetric


def test_coordinated_objects_make_one_event_each(extract_text):
    evs = extract_text("Colombia hosted Uruguay and Paraguay for talks on trade.")
    pairs = {(e.source.country, e.target.country) for e in evs if e.plover is Plover.CONSULT}
    assert {("COL", "URY"), ("COL", "PRY")} <= pairs


def test_object_behind_a_preposition(extract_text):
    evs = extract_text("Belgium imposed sanctions on Mongolia over the border dispute.")
    ev, = find(evs, "SANCTION", "Belgium", "Mongolia")
    assert ev.source.label == "Belgium"


def test_relative_clause_and_pronoun(extract_text):
    evs = extract_text("Canadian Foreign Minister Anne Leduc travelled to Madrid, where she met "
                       "Spanish Prime Minister Jorge Alvarez.")
    assert find(evs, "CONSULT", "Leduc", "Alvarez")
    assert not any(e.source.label.lower() in ("she", "he") for e in evs)


def test_infinitive_complement_of_request(extract_text):
    evs = extract_text("Austria urged Belgium to approve the new treaty.")
    ev, = find(evs, "REQUEST", "Austria", "Belgium")
    assert ev.source.country == "AUT" and ev.target.country == "BEL"


def test_light_verb_talks(extract_text):
    evs = extract_text("Estonia held talks with Iceland on fisheries.")
    assert find(evs, "CONSULT", "Estonia", "Iceland")


@pytest.mark.parametrize("text, plover", [
    ("Bolivia did not meet Paraguay at the summit.", "CONSULT"),
    ("Bolivia and Paraguay failed to agree on a border treaty.", "AGREE"),
    ("Bolivia refused to sign the accord with Paraguay.", "SUPPORT"),
])
def test_negation(extract_text, text, plover):
    evs = extract_text(text)
    hits = find(evs, plover, "Bolivia", "Paraguay")
    assert hits and all(e.negated for e in hits)
    assert not any(e.happened for e in hits)


@pytest.mark.parametrize("text, plover, modality", [
    ("The Dutch prime minister will visit Mexico next month.", "CONSULT", Modality.PLANNED),
    ("Canada is expected to meet Mexico on trade next week.", "CONSULT", Modality.PLANNED),
    ("Canada may impose sanctions on Belgium.", "SANCTION", Modality.POSSIBLE),
    ("Canada met Mexico on Friday.", "CONSULT", Modality.ASSERTED),
])
def test_modality(extract_text, text, plover, modality):
    evs = [e for e in extract_text(text) if e.plover.value == plover]
    assert evs, text
    assert evs[0].modality is modality
    assert evs[0].happened is (modality is Modality.ASSERTED)


def test_saying_one_will_act_is_a_commitment_or_a_threat(extract_text):
    # PLOVER codes the statement of intent itself: AGREE for cooperation, THREATEN for conflict
    agree = find(extract_text("Spain will send aid to Bolivia."), "AGREE", "Spain", "Bolivia")
    assert agree and agree[0].happened
    assert not find(extract_text("Spain will send aid to Bolivia."), "AID", "Spain", "Bolivia")
    threat = extract_text("Belgium threatened to impose sanctions on Mongolia.")
    assert find(threat, "THREATEN", "Belgium", "Mongolia")
    assert not find(threat, "SANCTION", "Belgium", "Mongolia")  # the content of a threat
    cond = extract_text("Canada said it would withdraw its ambassador from Bolivia unless the "
                        "talks resumed.")
    assert find(cond, "THREATEN", "Canada", "Bolivia")


def test_a_demand_targets_whoever_is_asked(extract_text):
    evs = extract_text("Austria demanded that Belgium withdraw its troops from the border.")
    assert find(evs, "REQUEST", "Austria", "Belgium")
    assert not find(evs, "RETREAT", "Belgium")  # asked for, not done
    said = extract_text("Spain said that Bolivia must release the detained journalists.")
    assert find(said, "REQUEST", "Spain", "Bolivia")


def test_event_date_from_the_article_date(extract_text):
    evs = extract_text("Canada met Mexico on Thursday.", date="2024-05-13")  # a Monday
    assert evs[0].date == dt.date(2024, 5, 9)


def test_surname_and_pronoun_resolve_to_the_full_actor(extract_text):
    text = ("Austrian Chancellor Karl Weber arrived in Madrid on Sunday. "
            "Weber met Spanish Prime Minister Jorge Alvarez. He also met King Felipe.")
    evs = extract_text(text)
    weber = [e for e in evs if any("Weber" in lab for lab in (e.source.label, e.target.label))]
    assert len(weber) >= 2
    assert all("Karl Weber" in (e.source.label, e.target.label) for e in weber)
    assert {e.source.country for e in weber if e.source.label == "Karl Weber"} == {"AUT"}
    assert find(evs, "CONSULT", "Weber", "Felipe")  # "He also met ..."


def test_the_two_leaders_resolve_to_the_pair(extract_text):
    text = ("Mexican President Ana Flores met Canadian Prime Minister Paul Tremblay in Ottawa. "
            "The two leaders agreed to expand trade.")
    evs = extract_text(text)
    assert find(evs, "AGREE", "Flores", "Tremblay")


def test_restraint_no_event_without_two_actors(extract_text):
    assert extract_text("Belgium announced new measures on Monday.") == []
    assert extract_text("The minister spoke about the weather.") == []


def test_no_self_loops(extract_text):
    evs = extract_text("Canada and Canada met.")
    assert all(e.source.id != e.target.id for e in evs)


def test_headline_yields_no_event(extract_text):
    text = "Canada Meets Mexico In Historic Summit\n\nThe weather was fine in Ottawa on Monday."
    assert extract_text(text) == []


def test_provenance_offsets_point_at_the_sentence(extract_text):
    text = "The weather was fine. Canada met Mexico on Friday."
    ev, = extract_text(text)
    assert text[ev.start:ev.end] == ev.sentence == "Canada met Mexico on Friday."
    assert ev.rule and 0 < ev.confidence <= 1


def test_coordinated_nationalities_make_two_actors(extract_text):
    evs = extract_text("Mexican and Canadian officials agreed on Tuesday to expand cooperation.")
    agree = [e for e in evs if e.plover is Plover.AGREE]
    assert {(e.source.country, e.target.country) for e in agree} in ({("MEX", "CAN")}, {("CAN", "MEX")})


def test_a_group_of_people_acts_through_its_members(extract_text):
    evs = extract_text("A group of Spanish diplomats held talks with Austrian officials in Vienna.")
    ev, = [e for e in evs if e.plover is Plover.CONSULT]
    assert {ev.source.country, ev.target.country} == {"ESP", "AUT"}


def test_a_protest_with_no_one_named_targets_the_own_state(extract_text):
    evs = extract_text("Thousands of Bolivian workers staged demonstrations in the capital on Monday.")
    ev, = [e for e in evs if e.plover is Plover.PROTEST]
    assert ev.source.country == "BOL" and ev.source.type is ActorType.ORG
    assert ev.target.label == "Bolivia" and ev.target.type is ActorType.COUNTRY


def test_rejecting_a_request_targets_whoever_made_it(extract_text):
    evs = extract_text("Uruguay rejected a Paraguayan request for new border talks.")
    ev, = find(evs, "REJECT", "Uruguay")
    assert ev.target.country == "PRY"


def test_expelling_diplomats_targets_their_state(extract_text):
    evs = extract_text("Spain expelled two Austrian diplomats on Friday.")
    ev, = [e for e in evs if e.plover is Plover.SANCTION]
    assert ev.source.country == "ESP" and ev.target.country == "AUT"


def test_vowing_not_to_act_is_a_rejection(extract_text):
    evs = extract_text("Paraguay vowed not to return the disputed islands to Uruguay.")
    assert find(evs, "REJECT", "Paraguay", "Uruguay")
    assert not [e for e in evs if e.plover is Plover.AGREE]


def test_they_refers_to_the_group(extract_text):
    evs = extract_text("Bolivian farmers said they would block roads to the capital.")
    assert any(e.source.country == "BOL" for e in evs)
    assert not any(e.source.label.lower() == "they" for e in evs)


def test_the_allegations_point_back_to_the_accuser(extract_text):
    text = "Canada accused Mexico of interference. Mexico rejected the allegations on Friday."
    evs = extract_text(text)
    assert find(evs, "ACCUSE", "Canada", "Mexico")
    rej, = find(evs, "REJECT", "Mexico")
    assert rej.target.label == "Canada"


def test_calling_a_measure_hostile_is_an_accusation(extract_text):
    text = "Canada imposed sanctions on Mexico. Mexico called the measures hostile."
    evs = extract_text(text)
    acc, = find(evs, "ACCUSE", "Mexico")
    assert acc.source.label == "Mexico" and acc.target.label == "Canada"


def test_reported_past_event(extract_text):
    evs = extract_text("Spain said it had met Bolivia in secret.")
    ev, = find(evs, "CONSULT", "Spain", "Bolivia")
    assert ev.modality is Modality.REPORTED and ev.happened


def test_user_lexicon_adds_a_phrase(extract_text, tmp_path):
    lex = tmp_path / "extra.csv"
    lex.write_text("phrase,plover,mode,symmetric\nhobnob with,CONSULT,meet,true\n", encoding="utf-8")
    assert not extract_text("Spain hobnobbed with Bolivia.")
    evs = extract_text("Spain hobnobbed with Bolivia.", lexicon=[str(lex)])
    assert find(evs, "CONSULT", "Spain", "Bolivia")


def test_family_name_first_resolves_to_the_full_name(extract_text):
    text = ("Mongolian President Batbold Tsend met Austrian Chancellor Karl Weber. "
            "Batbold later travelled to Madrid.")
    evs = extract_text(text)
    travel = [e for e in evs if e.source.label.startswith("Batbold")]
    assert travel and {e.source.label for e in travel} == {"Batbold Tsend"}
    assert {e.source.country for e in travel} == {"MNG"}


def test_condemning_a_meeting_targets_those_who_met(extract_text):
    text = "Canada met Mexico in Ottawa. Spain condemned the meeting."
    acc = [e for e in extract_text(text) if e.plover is Plover.ACCUSE]
    assert {e.target.label for e in acc} == {"Canada", "Mexico"}


def test_they_after_the_two_leaders_is_the_pair(extract_text):
    text = ("Mexican President Ana Flores met Canadian Prime Minister Paul Tremblay. "
            "The two leaders discussed trade, but they failed to agree on tariffs.")
    agree = find(extract_text(text), "AGREE", "Flores", "Tremblay")
    assert agree and all(e.negated for e in agree)


def test_a_stative_passive_keeps_its_subject(extract_text):
    evs = extract_text("Austria is opposed to Spanish mediation in the dispute.")
    ev, = find(evs, "REJECT", "Austria", "Spain")
    assert ev.source.label == "Austria"


def test_not_being_invited_is_no_act_of_the_uninvited(extract_text):
    text = "Canada met Mexico in Ottawa. Spain said it had not been invited to the talks."
    assert not [e for e in extract_text(text) if e.source.label == "Spain"]


def test_quoted_first_person_is_the_speaker(extract_text):
    text = '"We will sign the treaty when I visit Lisbon in July," Chancellor Karl Weber of Austria said.'
    evs = extract_text(text)
    visit = [e for e in evs if e.plover is Plover.CONSULT and e.source.label == "Karl Weber"]
    assert visit and all(e.modality is Modality.PLANNED for e in visit)
    assert visit[0].target.country == "PRT"


def test_a_reminder_that_someone_must_act_is_a_request(extract_text):
    evs = extract_text("Spain issued a stern reminder to Bolivia that it must release the prisoners.")
    assert find(evs, "REQUEST", "Spain", "Bolivia")


def test_a_complaint_targets_what_it_is_about(extract_text):
    evs = extract_text("Uruguay complained to the United Nations over Paraguayan air raids.")
    acc = [e for e in evs if e.plover is Plover.ACCUSE]
    assert acc and {e.target.country for e in acc} == {"PRY"}


def test_a_conditional_threat_is_aimed_at_whoever_must_act(extract_text):
    evs = extract_text("Bolivian farmers threatened to hold a general strike unless Paraguay "
                       "lifted its tariffs within ten days.")
    threat = find(evs, "THREATEN", "Bolivia")
    assert threat and threat[0].target.label == "Paraguay"


def test_agreeing_to_a_states_mediation_targets_that_state(extract_text):
    evs = extract_text("Bolivia has agreed to Spanish mediation in its border talks with Paraguay.")
    assert find(evs, "AGREE", "Bolivia", "Spain")


def test_mobilising_for_a_war_against_a_state_targets_it(extract_text):
    evs = extract_text("Bolivia mobilized army reservists for a possible war against Paraguay.")
    assert find(evs, "MOBILIZE", "Bolivia", "Paraguay")


def test_sharing_something_with_a_state(extract_text):
    evs = extract_text("Spanish intelligence officials have shared evidence with Austria about the plot.")
    assert find(evs, "COOPERATE", "Spanish", "Austria")


def test_a_threat_targets_its_content_not_its_reasons(extract_text):
    evs = extract_text("Bolivia threatened to break off diplomatic relations with Uruguay over its "
                       "ties with Paraguay.")
    threats = [e for e in evs if e.plover is Plover.THREATEN]
    assert {e.target.label for e in threats} == {"Uruguay"}


def test_preparing_to_attack_is_mobilisation(extract_text):
    evs = extract_text("The Bolivian army prepared to resume shelling Paraguayan positions.")
    assert find(evs, "MOBILIZE", "Bolivia")
    assert not [e for e in evs if e.plover is Plover.ASSAULT]


def test_people_of_an_occupied_place_are_not_the_occupiers(extract_text):
    evs = extract_text("Colombians of the Venezuelan-occupied border villages marched on Monday to "
                       "protest at the closure of the market.")
    ev, = [e for e in evs if e.plover is Plover.PROTEST]
    assert ev.source.country == "COL"
    # with no one else named, the protest is against the state holding the place
    assert ev.target.country == "VEN"


def test_a_protest_aimed_by_its_purpose_clause(extract_text):
    evs = extract_text("Demonstrators in Bogota blocked a road to show their anger at Ecuador's new "
                       "tariffs, a newspaper reported.")
    ev, = [e for e in evs if e.plover is Plover.PROTEST]
    assert (ev.source.country, ev.target.label) == ("COL", "Ecuador")


def test_abstract_things_of_a_state_are_not_actors(extract_text):
    evs = extract_text("Bolivian students protested on Friday against Chilean policies.")
    assert all("Policies" not in e.target.label for e in evs)
    assert {(e.source.country, e.target.country) for e in evs if e.plover is Plover.PROTEST} == {("BOL", "CHL")}


def test_a_place_inside_a_state_gives_that_state(extract_text):
    evs = extract_text("Police in Northern Ireland arrested two members of a banned Catalan group "
                       "on Monday.")
    assert all(e.source.country != "IRL" for e in evs)
    assert any(e.source.country == "GBR" for e in evs if e.plover is Plover.COERCE)


def test_calling_off_a_strike_is_a_concession_not_a_protest(extract_text):
    called = extract_text("Bolivian teachers called a strike on Monday.")
    assert [e.plover for e in called] == [Plover.PROTEST]
    off = extract_text("The Bolivian teachers' union said on Thursday that it had called off its "
                       "four-day strike.")
    assert [e.plover for e in off] == [Plover.CONCEDE]
    ended = extract_text("Bolivian miners ended their strike against the government on Friday.")
    assert [e.plover for e in ended] == [Plover.CONCEDE]


def test_an_announced_measure_is_planned_not_a_threat(extract_text):
    decided, = extract_text("Chile announced on Wednesday it would suspend all aid to Peru.")
    assert (decided.plover, decided.modality, decided.target.label) == (Plover.SANCTION, Modality.PLANNED, "Peru")
    threat, = extract_text("Chile threatened to suspend all aid to Peru.")
    assert threat.plover is Plover.THREATEN


@pytest.mark.parametrize("text", [
    "Chile and Peru renewed negotiations on Monday on a Chilean troop pullback from Peru.",
    "Chile and Peru held talks on the withdrawal of Chilean troops from Peru.",
    "Peru rejected an offer from Chile for talks on a troop pullback.",
])
def test_what_talks_and_offers_are_about_has_not_happened(extract_text, text):
    evs = extract_text(text)
    assert evs and all(e.plover not in (Plover.RETREAT,) for e in evs)


def test_the_purpose_of_a_demanded_meeting_is_not_a_meeting(extract_text):
    evs = extract_text("Chile on Tuesday demanded a meeting of the U.N. Security Council to discuss "
                       "Peru's military advance into the border region.")
    assert {(e.source.label, e.plover) for e in evs} == {("Chile", Plover.REQUEST)}


@pytest.mark.parametrize("text", [
    "Ousted President Juan Perez has agreed to resign without returning to Bolivia, the speaker said.",
])
def test_what_is_named_only_as_not_done_is_no_target(extract_text, text):
    # (a refusal "despite pressure from X" is aimed at X: tests/extract/test_verbal_conflict.py)
    assert extract_text(text) == []


def test_mobilising_support_is_not_mobilising_forces(extract_text):
    evs = extract_text("Chile has mobilised pressure groups in Spain to help the rights of Bolivians.")
    assert all(e.plover is not Plover.MOBILIZE for e in evs)
    troops, = extract_text("Chile mobilised thousands of troops along the border with Peru.")
    assert (troops.plover, troops.target.label) == (Plover.MOBILIZE, "Peru")


def test_talks_as_the_setting_of_an_agreement_are_not_agreed_to(extract_text):
    evs = extract_text("Spanish Prime Minister Carlos Ruiz has agreed to Mexican mediation in the "
                       "final status talks with the Basques.")
    agree = {e.target.label for e in evs if e.plover is Plover.AGREE}
    assert agree == {"Mexico"}


def test_in_protest_against_names_the_target(extract_text):
    ev, = extract_text("Mario Rojas, Bolivia's leading human rights activist, staged a hunger strike "
                       "in protest against Chilean security forces.")
    assert (ev.plover, ev.source.country, ev.target.country) == (Plover.PROTEST, "BOL", "CHL")


def test_an_amount_of_aid_given_to_a_state(extract_text):
    ev, = extract_text("The European Union on Monday gave Bolivia five million dollars of aid for "
                       "farming projects.")
    assert (ev.plover, ev.source.label, ev.target.label) == (Plover.AID, "European Union", "Bolivia")


@pytest.mark.parametrize("text, source, target", [
    ("Chile suspended part of a military aid programme for Bolivia.", "Chile", "Bolivia"),
    ("Red Cross officials suspended aid deliveries in Lima on Wednesday.", "Red Cross", "Peru"),
])
def test_suspending_aid_carried_by_another_noun(extract_text, text, source, target):
    evs = extract_text(text)
    assert [(e.plover, e.source.label, e.target.label) for e in evs] == [(Plover.SANCTION, source, target)]


def test_rejecting_a_call_targets_what_it_asked_for(extract_text):
    ev, = extract_text("The United Nations on Tuesday rejected a call for its peacekeeping forces to "
                       "be deployed in Bolivia.")
    assert (ev.plover, ev.source.label, ev.target.label) == (Plover.REJECT, "United Nations", "Bolivia")
