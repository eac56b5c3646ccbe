"""A person's or a state's country from what the sentence itself says, with the real spaCy
pipeline: appositions, "of <state>", possessive offices, and misspelt state names."""

from __future__ import annotations

import pytest

from graphbuild.actors import gazetteer as gz
from graphbuild.actors.resolve import resolve
from graphbuild.types import ActorType


def _countries(nlp, text):
    res = resolve(nlp(text))
    return {a.label: a.country for a in res.all_actors()}


def _person(nlp, text, surname):
    found = [a for a in resolve(nlp(text)).all_actors()
             if a.type is ActorType.PERSON and a.label.split()[-1] == surname]
    assert len(found) == 1, found
    return found[0]


# --------------------------------------------------------------------------- stated in the text


def test_a_states_ruler_in_apposition_before_the_name(nlp):
    assert _person(nlp, "Bahrain's emir, Sheikh Rashid bin Omar, welcomed the envoy.", "Omar").country == "BHR"
    assert _person(nlp, "Norway's king, Olav Berg, opened the session.", "Berg").country == "NOR"


def test_a_ruler_of_a_state_named_after_the_name(nlp):
    assert _person(nlp, "King Tomas of Denmark received the ambassador.", "Tomas").country == "DNK"


def test_a_possessive_description_after_the_name(nlp):
    person = _person(nlp, "Lena Marku, Albania's leading activist, criticised the police.", "Marku")
    assert person.country == "ALB"


def test_a_member_of_a_states_parliament(nlp):
    person = _person(nlp, "A member of the Ecuadorian parliament, Pablo Ruales, accused Peru of spying.",
                     "Ruales")
    assert person.country == "ECU"


# --------------------------------------------------------------------------- misspelt states


@pytest.mark.parametrize(("word", "iso3"), [
    ("Venezuala", "VEN"),  # a letter changed
    ("Argentinia", "ARG"),  # a letter added
    ("Ethiopa", "ETH"),  # a letter dropped
    ("Iranain", "IRN"),  # two letters swapped (a demonym)
])
def test_a_word_one_letter_from_a_state_names_it(word, iso3):
    assert gz.country(word).iso3 == iso3


@pytest.mark.parametrize("word", [
    "Columbia", "Indiana",  # words of their own, one letter from a state
    "venezuala",  # not capitalised
    "VENEZUALA",  # all capitals: a heading or an acronym, not read
    "Morroco",  # two edits
    "Omaan",  # the name it is near is shorter than six letters
])
def test_a_word_of_its_own_or_too_far_from_a_name_is_no_state(word):
    assert gz.country(word) is None


def test_a_misspelt_state_in_a_sentence_is_that_state(nlp):
    found = _countries(nlp, "Venezuala rejected an offer from Brazil.")
    assert found.get("Venezuela") == "VEN"
    found = _countries(nlp, "Columbia University hosted the Kenyan foreign minister.")
    assert "COL" not in found.values()


# --------------------------------------------------------------------------- rebels and their state


def _rebels(nlp, text):
    found = [a for a in resolve(nlp(text)).all_actors() if a.label.lower() == "rebels"]
    assert len(found) == 1, found
    return found[0]


def test_rebels_said_to_fight_a_states_government_are_that_states(nlp):
    assert _rebels(nlp, "Rebels fighting the Bolivian government ambushed a convoy.").country == "BOL"
    assert _rebels(nlp, "Rebels fighting against Chad's regime attacked a town.").country == "TCD"
    assert _rebels(nlp, "Rebels seeking to overthrow the government of Peru seized a mine.").country == "PER"


def test_rebels_fighting_a_state_itself_or_two_governments_have_no_country_from_it(nlp):
    # a state, not its government: foreign fighters may fight a state
    assert _rebels(nlp, "Rebels fighting Bolivia seized a mine.").country is None
    both = "Rebels fighting the Bolivian and Peruvian governments seized a mine."
    assert _rebels(nlp, both).country is None


def test_a_hyphen_inside_a_title_is_no_dateline_break(nlp):
    person = _person(nlp, "Peruvian Vice-President Rosa Huaman met Chile's ambassador.", "Huaman")
    assert (person.country, person.role) == ("PER", "Vice-President")
    # a dash between spaces still ends a dateline: the place it names is no nationality
    person = _person(nlp, "QUITO - Vice-President Rosa Huaman met Chile's ambassador.", "Huaman")
    assert person.country is None
