"""People at large as the target of what is done to them ("troops killed 40 civilians", "police
detained several suspects"), never as an actor that acts for anyone. Sentences of our own;
hand-built parses for the rules, the real pipeline end to end."""

from __future__ import annotations

import pytest


def coded(evs):
    return [(e.source.label, e.plover.value, e.target.label, e.target.country) for e in evs]


def parsed(subject: str, verb: str, count: str, noun: str) -> str:
    """"<Subject> <verb> <count> <noun> ." as a hand-built parse."""
    words = subject.split()
    rows = [f"{w} ADJ JJ amod {len(words) - 1}" for w in words[:-1]]
    rows.append(f"{words[-1]} NOUN NNS nsubj {len(words)}")
    n = len(words)
    rows += [f"{verb} VERB VBD ROOT {n}", f"{count} NUM CD nummod {n + 2}",
             f"{noun} NOUN NNS dobj {n}", f". PUNCT . punct {n}"]
    return "\n".join(rows)


def test_a_states_police_acting_on_people_at_large_act_on_its_own_people(events):
    evs = events(parsed("Chilean police/police", "detained/detain", "30", "protesters/protester"))
    assert coded(evs) == [("Chilean Police", "COERCE", "Protesters", "CHL")]


def test_an_army_acting_on_people_at_large_leaves_them_stateless(events):
    # an army fights abroad too: whose civilians they are is not said
    evs = events(parsed("Chilean troops/troop", "killed/kill", "40", "civilians/civilian"))
    assert coded(evs) == [("Chilean Troops", "ASSAULT", "Civilians", None)]


def test_people_at_large_are_no_target_of_praise_and_no_source(events):
    assert events(parsed("Chilean officials/official", "praised/praise", "30", "workers/worker")) == []
    # "Many civilians attacked Peru": the civilians act for no one the text names
    table = """
Many ADJ JJ amod 1
civilians/civilian NOUN NNS nsubj 2
attacked/attack VERB VBD ROOT 2
Peru PROPN NNP dobj 2
. PUNCT . punct 2
"""
    assert events(table) == []


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize(("text", "plover", "target"), [
    ("Colombian soldiers killed 18 people near the Venezuelan border on Sunday.", "ASSAULT", "People"),
    ("Rebels in Mali freed 30 prisoners from a jail on Monday.", "RETREAT", "Prisoners"),
    ("Kenyan police arrested several suspects after the blast in Nairobi.", "COERCE", "Suspects"),
    ("The Red Crescent provided food and blankets to about 400 households in Tabriz.", "AID", "Households"),
    ("Gunmen in Niger kidnapped three aid workers on Friday.", "ASSAULT", "Aid Workers"),
])
def test_people_at_large_are_picked_as_objects_of_material_verbs(extract_text, text, plover, target):
    assert any(e.plover.value == plover and e.target.label == target for e in extract_text(text)), \
        coded(extract_text(text))


@pytest.mark.usefixtures("nlp")
def test_people_at_large_get_no_country_from_a_place(extract_text):
    evs = extract_text("Peruvian troops shot 12 villagers in Bolivia on Tuesday.")
    hits = [e for e in evs if e.target.label == "Villagers"]
    assert hits and all(e.target.country is None for e in hits), coded(evs)


@pytest.mark.usefixtures("nlp")
def test_no_event_where_no_verb_acts_on_the_people(extract_text):
    evs = extract_text("About 2,000 Sudanese refugees crossed into Chad last week, officials in Ndjamena said.")
    assert not any("Refugees" in (e.source.label, e.target.label) for e in evs), coded(evs)


# --------------------------------------------------------------------------- instruments of an actor

FIRED_BY = """
Missiles/missile NOUN NNS nsubj 5
fired/fire VERB VBN acl 0
by ADP IN agent 1
the DET DT det 4
Norway PROPN NNP pobj 2
struck/strike VERB VBD ROOT 5
Sweden PROPN NNP dobj 5
. PUNCT . punct 5
"""

CLAIMED = """
A DET DT det 4
Norway PROPN NNP npadvmod 3
- PUNCT HYPH punct 3
claimed/claim VERB VBN amod 4
bomb NOUN NN nsubj 5
struck/strike VERB VBD ROOT 5
Sweden PROPN NNP dobj 5
. PUNCT . punct 5
"""

UNOWNED = """
Missiles/missile NOUN NNS nsubj 1
struck/strike VERB VBD ROOT 1
Sweden PROPN NNP dobj 1
. PUNCT . punct 1
"""


def test_a_weapon_stands_for_whoever_fires_or_claims_it(events):
    assert [(e.source.label, e.plover.value, e.target.label) for e in events(FIRED_BY)] == [
        ("Norway", "ASSAULT", "Sweden")]
    assert [(e.source.label, e.plover.value, e.target.label) for e in events(CLAIMED)] == [
        ("Norway", "ASSAULT", "Sweden")]


def test_a_weapon_no_one_is_said_to_use_stands_for_no_one(events):
    assert events(UNOWNED) == []


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text", [
    "Shells fired by Armenian forces hit Azerbaijani villages overnight.",
    "Armenia's rockets hit Azerbaijani villages overnight.",
])
def test_weapons_of_an_actor_on_the_real_pipeline(extract_text, text):
    evs = extract_text(text)
    assert any(e.source.country == "ARM" and e.plover.value == "ASSAULT" and e.target.country == "AZE"
               for e in evs), coded(evs)


def test_security_forces_arresting_people_at_large_arrest_their_own_people(events):
    evs = events(parsed("Chilean troops/troop", "arrested/arrest", "30", "protesters/protester"))
    assert coded(evs) == [("Chilean Troops", "COERCE", "Protesters", "CHL")]


@pytest.mark.usefixtures("nlp")
def test_people_of_an_organisation_stand_for_it(extract_text):
    evs = extract_text("Belarus expelled inspectors of the Organization for Security and Co-operation in Europe.")
    assert [e.target.label for e in evs if e.target.label == "Inspectors"] == [], coded(evs)
    assert any("Organization for Security" in e.target.label for e in evs), coded(evs)


def test_withdrawing_people_names_no_one_acted_upon(events):
    # "Chilean officials withdrew 30 workers": the workers are the actor's own
    assert events(parsed("Chilean officials/official", "withdrew/withdraw", "30", "workers/worker")) == []


# --------------------------------------------------------------------------- what is done to people


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize(("text", "plover", "target"), [
    # taking people in is material help, as PLOVER files granting asylum
    ("Canada accepted 2,000 Eritrean refugees in March.", "AID", "Eritrean Refugees"),
    # saying one will not is a refusal
    ("Hungary says it will not accept any more Afghan migrants.", "REJECT", "Afghan Migrants"),
    # expelling aid workers is a measure against their mission; deporting migrants is coercion
    ("Eritrea expelled 30 aid workers last month.", "SANCTION", "Aid Workers"),
])
def test_what_an_act_done_to_people_is_depends_on_who_they_are(extract_text, text, plover, target):
    evs = extract_text(text)
    asserted = [(e.plover.value, e.target.label) for e in evs if not e.negated]
    assert asserted == [(plover, target)], coded(evs)
    # the act refused stays, negated and planned, beside the refusal ("will not accept")
    assert all(e.modality.value == "planned" for e in evs if e.negated), coded(evs)


def test_accepting_a_proposal_is_still_agreement(events):
    table = """
Chile PROPN NNP nsubj 1
accepted/accept VERB VBD ROOT 1
Peru PROPN NNP poss 4
's PART POS case 2
proposal NOUN NN dobj 1
. PUNCT . punct 1
"""
    assert [(e.source.label, e.plover.value, e.target.label) for e in events(table)] == [
        ("Chile", "AGREE", "Peru")]


@pytest.mark.usefixtures("nlp")
def test_saying_one_will_not_release_people_is_a_refusal(extract_text):
    evs = extract_text("Armenia will not release the prisoners and detainees held since the war.")
    assert {(e.plover.value, e.target.label) for e in evs if not e.negated} == {
        ("REJECT", "Prisoners"), ("REJECT", "Detainees")}, coded(evs)
    # the release refused stays, negated and planned
    assert {(e.plover.value, e.modality.value) for e in evs if e.negated} == {("RETREAT", "planned")}, coded(evs)


@pytest.mark.usefixtures("nlp")
def test_a_refusal_on_a_condition_is_not_recoded(extract_text):
    evs = extract_text("Jordan says it will not accept any more refugees if the fighting spreads.")
    assert not any(e.plover.value in ("REJECT", "AID") for e in evs), coded(evs)
