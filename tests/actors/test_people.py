"""People named by what they are ("civilians", "18 people", "aid workers"): the table, and the
recogniser on hand-built parses (tests/actors/conftest.py) and on the real pipeline."""

from __future__ import annotations

import pytest

from graphbuild.actors import recognisers as rec
from graphbuild.actors.people import load_people_nouns, people_noun
from graphbuild.actors.resolve import resolve
from graphbuild.errors import LexiconError
from graphbuild.types import ActorType, Sector


def only(mention):
    assert mention is not None and len(mention.actors) == 1, mention
    return mention.actors[0]


@pytest.mark.parametrize(("lemma", "modifier", "label", "sector"), [
    ("civilian", None, "Civilians", Sector.CIVILIANS),
    ("people", None, "People", Sector.CIVILIANS),
    ("household", None, "Households", Sector.CIVILIANS),
    ("journalist", None, "Journalists", Sector.MEDIA),
    ("worker", "aid", "Aid Workers", Sector.NGO),
    ("worker", "factory", "Workers", Sector.CIVILIANS),  # no two-word entry: the noun alone
    ("suspect", None, "Suspects", None),  # a suspect may be anyone
    ("prisoner", None, "Prisoners", None),
])
def test_the_table_names_the_group_and_its_sector(lemma, modifier, label, sector):
    noun = people_noun(lemma, modifier)
    assert (noun.label, noun.sector) == (label, sector)


def test_words_that_are_no_people_are_not_in_the_table():
    assert people_noun("policy") is None and people_noun("camp") is None
    assert people_noun("family") is None  # "the family of X" is X's


def _table(tmp_path, rows):
    path = tmp_path / "people.csv"
    path.write_text("# source: a test\nnoun,label,sector,local\n" + rows, encoding="utf-8")
    return path


def test_the_table_is_checked_on_load(tmp_path):
    assert load_people_nouns(_table(tmp_path, "ferry passenger,Ferry Passengers\n"))[
        "ferry passenger"].sector is None
    with pytest.raises(LexiconError, match=r"people.csv:3: sector 'crowd' is not one of"):
        load_people_nouns(_table(tmp_path, "rioter,Rioters,crowd\n"))
    with pytest.raises(LexiconError, match=r"people.csv:4: 'rioter' is listed twice"):
        load_people_nouns(_table(tmp_path, "rioter,Rioters,civilians\nrioter,Rioters,\n"))
    with pytest.raises(LexiconError, match=r"people.csv:3: 'Rioter' is not a lower-case noun"):
        load_people_nouns(_table(tmp_path, "Rioter,Rioters,\n"))
    with pytest.raises(LexiconError, match=r"people.csv:3: the 'label' column is empty"):
        load_people_nouns(_table(tmp_path, "rioter,,civilians\n"))
    with pytest.raises(LexiconError, match=r"people.csv:3: local 'no' must be 'yes' or empty"):
        load_people_nouns(_table(tmp_path, "rioter,Rioters,civilians,no\n"))


# "Troops killed more than 500 civilians"
COUNTED = [("Troops", "NOUN", "nsubj", 1, "O", "troop", "NNS"), ("killed", "VERB", "ROOT", 1),
           ("more", "ADJ", "amod", 4, "B-CARDINAL"), ("than", "ADP", "quantmod", 4, "I-CARDINAL"),
           ("500", "NUM", "nummod", 5, "I-CARDINAL"), ("civilians", "NOUN", "dobj", 1, "O", "civilian", "NNS"),
           (".", "PUNCT", "punct", 1)]


def test_a_counted_group_keeps_its_head_and_its_number(parse, context):
    doc = parse(COUNTED)
    mention = rec.common_people(doc[5], context(doc))
    group = only(mention)
    assert (group.label, group.type, group.country, group.sector) == (
        "Civilians", ActorType.ORG, None, Sector.CIVILIANS)
    assert {t.i for t in mention.tokens} == {2, 3, 4, 5}  # "more than 500 civilians"


def test_a_place_is_no_evidence_of_whose_people_they_are(parse, context):
    # "civilians in Kabul"
    doc = parse([("civilians", "NOUN", "ROOT", 0, "O", "civilian", "NNS"), ("in", "ADP", "prep", 0),
                 ("Kabul", "PROPN", "pobj", 1, "B-GPE")])
    assert only(rec.common_people(doc[0], context(doc))).country is None
    assert [a.country for a in resolve(doc).actors(doc[0])] == [None]


def test_people_who_act_where_they_are_belong_to_the_place(parse):
    # "students in Peru": students, workers and protesters act where they live, as event data
    # codes them; "refugees in Peru" are of no state the place names
    for noun, lemma, country in (("students", "student", "PER"), ("refugees", "refugee", None)):
        doc = parse([(noun, "NOUN", "ROOT", 0, "O", lemma, "NNS"), ("in", "ADP", "prep", 0),
                     ("Peru", "PROPN", "pobj", 1, "B-GPE")])
        assert [a.country for a in resolve(doc).actors(doc[0])] == [country], noun


def test_a_demonym_gives_the_country_before_the_common_noun(parse):
    # "Ukrainian refugees": people of a state, read by people_of_state first
    doc = parse([("Ukrainian", "ADJ", "amod", 1, "B-NORP"), ("refugees", "NOUN", "ROOT", 1, "O", "refugee", "NNS")])
    ctx_doc = resolve(doc)
    (group,) = ctx_doc.actors(doc[1])
    assert (group.country, group.sector) == ("UKR", Sector.CIVILIANS)


def test_a_modifier_of_another_noun_or_an_owned_group_is_no_group(parse, context):
    # "refugee camps": the noun modifies another
    doc = parse([("refugee", "NOUN", "compound", 1), ("camps", "NOUN", "ROOT", 1, "O", "camp", "NNS")])
    assert rec.common_people(doc[0], context(doc)) is None
    # "their children": whose they are is the owner's business
    doc = parse([("their", "PRON", "poss", 1), ("children", "NOUN", "ROOT", 1, "O", "child", "NNS")])
    assert rec.common_people(doc[1], context(doc)) is None


def test_two_word_nouns_and_sector_words_before_the_noun(parse, context):
    doc = parse([("three", "NUM", "nummod", 2), ("aid", "NOUN", "compound", 2),
                 ("workers", "NOUN", "ROOT", 2, "O", "worker", "NNS")])
    mention = rec.common_people(doc[2], context(doc))
    assert (only(mention).label, only(mention).sector) == ("Aid Workers", Sector.NGO)
    assert {t.i for t in mention.tokens} == {0, 1, 2}
    doc = parse([("opposition", "NOUN", "compound", 1),
                 ("activists", "NOUN", "ROOT", 1, "O", "activist", "NNS")])
    assert only(rec.bare_group(doc[1], context(doc)) or rec.common_people(doc[1], context(doc))).sector \
        is Sector.OPPOSITION


@pytest.mark.usefixtures("nlp")
@pytest.mark.parametrize(("text", "head", "label", "country"), [
    ("Colombian troops shot 18 people near Cali.", "people", "People", None),
    ("Officials in Lima said several suspects had fled.", "suspects", "Suspects", None),
    ("Kenya welcomed 900 Somali refugees on Friday.", "refugees", "Somali Refugees", "SOM"),
    ("Rwanda's children were vaccinated by Unicef.", "children", "Rwandan Children", "RWA"),
])
def test_groups_of_people_on_the_real_pipeline(nlp, text, head, label, country):
    doc = nlp(text)
    tok = next(t for t in doc if t.text == head)
    (group,) = resolve(doc).actors(tok)
    assert (group.label, group.country) == (label, country)


def test_a_bare_singular_is_a_role_not_someone_named(parse, context):
    # "they took him hostage"
    doc = parse([("they", "PRON", "nsubj", 1), ("took", "VERB", "ROOT", 1), ("him", "PRON", "dobj", 1),
                 ("hostage", "NOUN", "oprd", 1)])
    assert rec.common_people(doc[3], context(doc)) is None


def test_people_of_a_named_organisation_are_the_organisation(parse):
    # "NATO inspectors": the organisation's own people
    doc = parse([("NATO", "PROPN", "compound", 1, "B-ORG"),
                 ("inspectors", "NOUN", "ROOT", 1, "O", "inspector", "NNS")])
    assert [a.label for a in resolve(doc).actors(doc[1])] == ["NATO"]


def test_the_people_of_a_state_but_not_people_from_somewhere_in_it(parse):
    # "the people of Chile" are Chile's
    doc = parse([("the", "DET", "det", 1), ("people", "NOUN", "ROOT", 1, "O", "people", "NNS"),
                 ("of", "ADP", "prep", 1), ("Chile", "PROPN", "pobj", 2, "B-GPE")])
    assert [(a.label, a.country) for a in resolve(doc).actors(doc[1])] == [("Chilean People", "CHL")]
    # "people from Chilean camps": where they come from, not whose they are
    doc = parse([("people", "NOUN", "ROOT", 0, "O", "people", "NNS"), ("from", "ADP", "prep", 0),
                 ("Chilean", "ADJ", "amod", 3, "B-NORP"), ("camps", "NOUN", "pobj", 1, "O", "camp", "NNS")])
    assert [(a.label, a.country) for a in resolve(doc).actors(doc[0])] == [("People", None)]
