"""Conflict and cooperation as news reports word them: what is struck and who holds it, what is
given and who receives it. Sentences of our own; hand-built parses for the parse rules, the real
pipeline end to end."""

from __future__ import annotations

import pytest

from graphbuild.types import Plover


def coded(evs):
    return [(e.source.label, e.plover.value, e.target.label, e.rule) for e in evs]


# --------------------------------------------------------------------------- struck_holder

SHELLED_POSTS_IN = """
Norway PROPN NNP nsubj 1
shelled/shell VERB VBD ROOT 1
army NOUN NN compound 3
posts/post NOUN NNS dobj 1
in ADP IN prep 3
Sweden PROPN NNP pobj 4
. PUNCT . punct 1
"""

ATTACKED_A_NATO_SUPPLY_DEPOT = """
Norway PROPN NNP nsubj 1
attacked/attack VERB VBD ROOT 1
the DET DT det 5
NATO PROPN NNP compound 4
supply NOUN NN compound 5
depot NOUN NN dobj 1
. PUNCT . punct 1
"""

SHELLED_A_NATO_HELD_TOWN = """
Norway PROPN NNP nsubj 1
shelled/shell VERB VBD ROOT 1
a DET DT det 6
NATO PROPN NNP npadvmod 5
- PUNCT HYPH punct 5
held/hold VERB VBN amod 6
town NOUN NN dobj 1
. PUNCT . punct 1
"""

ATTACKED_A_DEPOT = """
Norway PROPN NNP nsubj 1
attacked/attack VERB VBD ROOT 1
a DET DT det 3
depot NOUN NN dobj 1
. PUNCT . punct 1
"""


def test_the_holder_of_a_struck_place_is_the_target(events):
    assert coded(events(SHELLED_POSTS_IN)) == [("Norway", "ASSAULT", "Sweden", "verb:shell")]
    for table in (ATTACKED_A_NATO_SUPPLY_DEPOT, SHELLED_A_NATO_HELD_TOWN):
        (ev,) = events(table)
        assert (ev.plover, ev.target.label) == (Plover.ASSAULT, "NATO")


def test_a_struck_place_nobody_holds_makes_no_event(events):
    assert events(ATTACKED_A_DEPOT) == []


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text", [
    "Chilean forces launched air strikes against a rebel-held district near La Paz.",
    "Chilean forces launched air strikes against a Bolivian army base.",
    "Chilean marines shelled militia positions in Bolivia on Tuesday.",
])
def test_strikes_on_a_place_target_its_holder(extract_text, text):
    found = {(e.source.country, e.plover, e.target.country) for e in extract_text(text)}
    assert found == {("CHL", Plover.ASSAULT, "BOL")}


@pytest.mark.usefixtures("nlp")
def test_no_target_from_a_date(extract_text):
    assert extract_text("Chilean troops attacked an outpost on Tuesday.") == []


# --------------------------------------------------------------------------- recipients

PROVIDED_MILLIONS_IN_AID_TO = """
Norway PROPN NNP nsubj 1
provided/provide VERB VBD ROOT 1
ten NUM CD compound 3
million NUM CD dobj 1
in ADP IN prep 3
aid NOUN NN pobj 4
to ADP IN prep 5
Sweden PROPN NNP pobj 6
. PUNCT . punct 1
"""

PROVIDED_MONEY_TO_MEET = """
Norway PROPN NNP nsubj 1
provided/provide VERB VBD ROOT 1
money NOUN NN dobj 1
to PART TO aux 4
meet VERB VB relcl 2
Sweden PROPN NNP dobj 4
. PUNCT . punct 1
"""


def test_the_recipient_may_hang_deep_in_what_is_given(events):
    assert coded(events(PROVIDED_MILLIONS_IN_AID_TO)) == [("Norway", "AID", "Sweden", "verb:provide")]


def test_a_to_inside_a_clause_names_no_recipient(events):
    assert [e for e in events(PROVIDED_MONEY_TO_MEET) if e.plover is Plover.AID] == []


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text, pair", [
    ("The Canadian navy gave 40 rifles and body armour to the Ghanaian coast guard.", ("CAN", "GHA")),
    ("Portugal sent emergency supplies and a team of doctors to Mozambique.", ("PRT", "MOZ")),
    ("Peru provided five million dollars in humanitarian aid to the people of Ecuador.", ("PER", "ECU")),
    ("Austria delivered medical equipment to Moldova.", ("AUT", "MDA")),
])
def test_giving_material_help_is_aid(extract_text, text, pair):
    found = {(e.source.country, e.plover, e.target.country) for e in extract_text(text)}
    assert found == {(pair[0], Plover.AID, pair[1])}


@pytest.mark.usefixtures("nlp")
def test_giving_an_interview_is_no_aid(extract_text):
    assert extract_text("Peru's president gave a long interview to a Chilean newspaper.") == []


# --------------------------------------------------------------------------- measures on someone

LIFTED_SANCTIONS_IMPOSED_ON = """
Norway PROPN NNP nsubj 1
lifted/lift VERB VBD ROOT 1
sanctions/sanction NOUN NNS dobj 1
imposed/impose VERB VBN acl 2
on ADP IN prep 3
Sweden PROPN NNP pobj 4
. PUNCT . punct 1
"""


def test_a_measure_imposed_on_someone_names_its_target(events):
    assert coded(events(LIFTED_SANCTIONS_IMPOSED_ON)) == [("Norway", "RETREAT", "Sweden", "noun:sanction")]


@pytest.mark.usefixtures("nlp")
def test_easing_restrictions_imposed_on_a_people(extract_text):
    (ev,) = extract_text("Norway eased the travel restrictions imposed on Estonian citizens last year.")
    assert (ev.source.country, ev.plover, ev.target.country) == ("NOR", Plover.CONCEDE, "EST")


# --------------------------------------------------------------------------- dates and naming

@pytest.mark.usefixtures("nlp")
def test_a_call_on_a_day_is_a_call_not_an_appeal(extract_text):
    (ev,) = extract_text("The Chilean foreign minister called his Peruvian counterpart on Friday.")
    assert (ev.plover, ev.target.country) == (Plover.CONSULT, "PER")
    (ev,) = extract_text("Chile called on Peru on Friday to withdraw its troops.")
    assert (ev.plover, ev.target.country) == (Plover.REQUEST, "PER")


@pytest.mark.usefixtures("nlp")
def test_calling_someone_a_name_is_no_call(extract_text):
    evs = extract_text("Chile's president called the Peruvian envoy a liar.")
    assert [e for e in evs if e.plover in (Plover.CONSULT, Plover.REQUEST)] == []


@pytest.mark.usefixtures("nlp")
def test_warfare_waged_against_someone_is_an_attack(extract_text):
    (ev,) = extract_text("Chilean rebels waged guerrilla warfare against Peru for a decade.")
    assert (ev.source.country, ev.plover, ev.target.country) == ("CHL", Plover.ASSAULT, "PER")


# --------------------------------------------------------------------------- taking ground

OFFENSIVE_TO_RETAKE = """
Norway PROPN NNP nsubj 1
launched/launch VERB VBD ROOT 1
an DET DT det 3
offensive NOUN NN dobj 1
to PART TO aux 5
retake VERB VB acl 3
the DET DT det 7
town NOUN NN dobj 5
from ADP IN prep 5
Sweden PROPN NNP pobj 8
. PUNCT . punct 1
"""

OPERATION_TO_CAPTURE = """
Norway PROPN NNP nsubj 1
began/begin VERB VBD ROOT 1
an DET DT det 3
operation NOUN NN dobj 1
to PART TO aux 5
capture VERB VB xcomp 1
the DET DT det 7
port NOUN NN dobj 5
from ADP IN prep 7
Sweden PROPN NNP pobj 8
. PUNCT . punct 1
"""


def test_an_undertaking_to_take_ground_is_done_by_its_doer(events):
    assert coded(events(OFFENSIVE_TO_RETAKE)) == [("Norway", "COERCE", "Sweden", "verb:retake")]
    assert coded(events(OPERATION_TO_CAPTURE)) == [("Norway", "COERCE", "Sweden", "verb:capture")]


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text, plover", [
    ("Chile launched an offensive to retake the town from Peruvian troops.", Plover.COERCE),
    ("Chilean troops recaptured the airport from Peruvian forces.", Plover.COERCE),
    ("Chilean troops began an operation to capture the port from Peruvian forces.", Plover.COERCE),
    ("Chilean forces launched artillery, mortar, and rocket fire against Peruvian army camps near the border.",
     Plover.ASSAULT),
    ("Chile has tried to hack into the computers of Peruvian army officers.", Plover.COERCE),
])
def test_military_reporting(extract_text, text, plover):
    found = {(e.source.country, e.plover, e.target.country) for e in extract_text(text)}
    assert found == {("CHL", plover, "PER")}


# --------------------------------------------------------------------------- assisting partner forces

def supported_with(what: str) -> str:
    return f"""
Norway PROPN NNP nsubj 2
is AUX VBZ aux 2
supporting/support VERB VBG ROOT 2
Sweden PROPN NNP dobj 2
with ADP IN prep 2
{what} NOUN NN pobj 4
. PUNCT . punct 2
"""


def advised(what: str) -> str:
    return f"""
Norway PROPN NNP nsubj 1
advised/advise VERB VBD ROOT 1
Swedish ADJ JJ amod 3
{what} NOUN NNS dobj 1
. PUNCT . punct 1
"""


def test_support_given_in_kind_is_aid(events):
    assert coded(events(supported_with("training"))) == [("Norway", "AID", "Sweden", "verb:support")]
    assert coded(events(supported_with("enthusiasm"))) == [("Norway", "SUPPORT", "Sweden", "verb:support")]


def test_advising_is_aid_only_for_armed_forces(events):
    (ev,) = events(advised("troops/troop"))
    assert (ev.plover, ev.relation, ev.target.country) == (Plover.AID, "advise", "SWE")
    assert events(advised("travellers/traveller")) == []


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text", [
    "Canada is supporting the Malian army with training and equipment.",
    "French special forces are advising the Malian army.",
    "Canadian instructors are training Malian soldiers.",
])
def test_assisting_partner_forces_is_aid(extract_text, text):
    found = {(e.plover, e.target.country) for e in extract_text(text)}
    assert found == {(Plover.AID, "MLI")}


@pytest.mark.usefixtures("nlp")
def test_advising_travellers_is_no_event(extract_text):
    assert extract_text("The Chilean embassy advised Peruvian travellers to stay away.") == []


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize("text", [
    "Chilean rebels overran a Peruvian army base near the border.",
    "Chilean forces retook the town from Peruvian troops.",
    "Chilean forces have retaken the airport from Peruvian troops.",
])
def test_irregular_forms_of_taking_ground(extract_text, text):
    from graphbuild.extract.lexicon import load_lexicon
    from graphbuild.extract.triggers import declared_triggers
    from graphbuild.prefilter import make_prefilter

    assert {(e.source.country, e.target.country) for e in extract_text(text)} == {("CHL", "PER")}
    assert make_prefilter(declared_triggers(load_lexicon())).has_trigger(text)
