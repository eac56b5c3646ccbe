"""Groups placed by the text: "the police in X", "rebels in X", "<city> police" are of X (or of
the city's state), as event data codes a domestic group; a person is never placed by where they
are (issue 12: a location is no evidence of a person's nationality). Real pipeline and hand-built
parses (tests/actors/conftest.py)."""

from __future__ import annotations

import pytest

from graphbuild.actors.resolve import resolve
from graphbuild.types import ActorType, Sector


def actors_at(doc, word):
    tok = next(t for t in doc if t.text == word)
    return resolve(doc).actors(tok)


@pytest.mark.parametrize(("rows", "word", "country", "sector"), [
    # "the police in Ghana"
    ([("the", "DET", "det", 1), ("police", "NOUN", "ROOT", 1), ("in", "ADP", "prep", 1),
      ("Ghana", "PROPN", "pobj", 2, "B-GPE")], "police", "GHA", Sector.POLICE),
    # "rebels in Chad"
    ([("rebels", "NOUN", "ROOT", 0, "O", "rebel", "NNS"), ("in", "ADP", "prep", 0),
      ("Chad", "PROPN", "pobj", 1, "B-GPE")], "rebels", "TCD", Sector.REBELS),
    # "Accra police": a city's police are of the city's state
    ([("Accra", "PROPN", "compound", 1, "B-GPE"), ("police", "NOUN", "ROOT", 1)], "police", "GHA",
     Sector.POLICE),
])
def test_a_group_belongs_where_the_text_places_it(parse, rows, word, country, sector):
    (group,) = actors_at(parse(rows), word)
    assert (group.type, group.country, group.sector) == (ActorType.ORG, country, sector)


@pytest.mark.usefixtures("nlp")
def test_the_police_of_a_territory_on_the_real_pipeline(nlp):
    (group,) = actors_at(nlp("The police in Ghana arrested a dozen men on Monday."), "police")
    assert (group.country, group.sector) == ("GHA", Sector.POLICE)


@pytest.mark.usefixtures("nlp")
def test_a_person_is_never_placed_by_where_they_are(nlp):
    doc = nlp("Elena Ortiz in Accra met the trade minister of Chile.")
    (person,) = actors_at(doc, "Ortiz")
    assert (person.type, person.country) == (ActorType.PERSON, None)
