"""Actor resolution on parses of sentences of our own, with the real spaCy pipeline."""

from __future__ import annotations

import datetime as dt

import pytest

from graphbuild.actors.resolve import UserActor, load_actor_list, resolve
from graphbuild.errors import InputError
from graphbuild.types import ActorType, Sector


@pytest.fixture
def actors_of(nlp):
    def run(text: str, **kw):
        doc = nlp(text)
        res = resolve(doc, **kw)
        return doc, res, {doc[i].text: res.by_token[i] for i in sorted(res.heads)}

    return run


def one(actors):
    assert len(actors) == 1, actors
    return actors[0]


def test_state_by_name_demonym_and_capital(actors_of):
    doc, res, by_head = actors_of("Ottawa protested, and the Mexican government replied to Spain.")
    assert one(by_head["Ottawa"]).country == "CAN"
    assert one(by_head["Ottawa"]).type is ActorType.COUNTRY
    assert one(by_head["government"]).country == "MEX"
    assert one(by_head["Spain"]).label == "Spain"


def test_seat_of_government_is_the_state(actors_of):
    _, _, by_head = actors_of("The Kremlin rejected the offer.")
    assert one(by_head["Kremlin"]).country == "RUS"


def test_titled_person_gets_country_and_role(actors_of):
    _, _, by_head = actors_of("Mexican Foreign Minister Elena Ortiz arrived on Monday.")
    person = one(by_head["Ortiz"])
    assert person.type is ActorType.PERSON
    assert (person.label, person.country, person.role) == ("Elena Ortiz", "MEX", "Foreign Minister")


def test_possessive_person_and_body(actors_of):
    _, _, by_head = actors_of("Spain's Defence Minister Ana Ruiz met Austria's foreign ministry.")
    person = one(by_head["Ruiz"])
    assert person.country == "ESP" and person.role == "Defence Minister"
    ministry = one(by_head["ministry"])
    assert ministry.type is ActorType.ORG and ministry.country == "AUT"


def test_apposition_after_a_name_gives_the_office(actors_of):
    _, _, by_head = actors_of("Karl Weber, Austria's ambassador to Spain, left Madrid.")
    person = one(by_head["Weber"])
    assert person.country == "AUT" and "ambassador" in person.role.lower()


def test_surname_and_honorific_resolve_to_one_actor(actors_of):
    doc, res, _ = actors_of("Dr. Elena Ortiz, Mexico's foreign minister, spoke. Later Ortiz left.")
    first = res.by_token[[t.i for t in doc if t.text == "Ortiz"][0]][0]
    later = res.by_token[[t.i for t in doc if t.text == "Ortiz"][1]][0]
    assert first.id == later.id and first.label == "Elena Ortiz" and later.country == "MEX"


def test_pronoun_and_pair_anaphora(actors_of):
    text = ("Mexican President Ana Flores met Canadian Prime Minister Paul Tremblay. "
            "She praised him. The two leaders agreed. Both countries signed.")
    doc, res, _ = actors_of(text)
    she = res.by_token[[t.i for t in doc if t.text == "She"][0]]
    assert she[0].label == "Ana Flores"
    leaders = res.by_token[[t.i for t in doc if t.text == "leaders"][0]]
    assert {a.label for a in leaders} == {"Ana Flores", "Paul Tremblay"}
    countries = res.by_token[[t.i for t in doc if t.text == "countries"][0]]
    assert {a.country for a in countries} == {"MEX", "CAN"}
    assert all(a.type is ActorType.COUNTRY for a in countries)


def test_international_organisation_has_no_country(actors_of):
    _, _, by_head = actors_of("The United Nations and NATO issued a statement.")
    un = one(by_head["Nations"])
    assert un.type is ActorType.ORG and un.country is None
    assert one(by_head["NATO"]).type is ActorType.ORG


def test_user_actor_list_wins(actors_of, tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text("name,aliases,type,country,role,valid_from,valid_to\n"
                    "Elena Ortiz,Ortiz,PERSON,PRT,Ambassador,2020-01-01,2030-12-31\n", encoding="utf-8")
    listed = load_actor_list(str(path))
    _, _, by_head = actors_of("Mexican Foreign Minister Elena Ortiz arrived.", user_actors=listed,
                              date=dt.date(2024, 1, 1))
    person = one(by_head["Ortiz"])
    assert person.country == "PRT" and person.role == "Ambassador"
    # outside its validity the entry does not apply
    _, _, by_head = actors_of("Mexican Foreign Minister Elena Ortiz arrived.", user_actors=listed,
                              date=dt.date(2040, 1, 1))
    assert one(by_head["Ortiz"]).country == "MEX"


def test_bad_actor_list_names_file_and_line(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text("name,type,country\nElena Ortiz,PERSON,Mexico\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"actors.csv:2: .*ISO 3166"):
        load_actor_list(str(path))
    assert isinstance(UserActor("x", ActorType.ORG).actor().id, str)


def test_resolution_does_not_change_the_doc(nlp):
    doc = nlp("Mexican Foreign Minister Elena Ortiz met Canadian officials.")
    before = [(t.text, t.lemma_, t.dep_, t.ent_type_) for t in doc]
    resolve(doc)
    assert [(t.text, t.lemma_, t.dep_, t.ent_type_) for t in doc] == before


def test_a_state_led_group_belongs_to_that_state(actors_of):
    _, _, by_head = actors_of("Mexican-led forces crossed the river.")
    assert one(by_head["forces"]).country == "MEX"


def test_a_ruler_of_a_state(actors_of):
    _, _, by_head = actors_of("King Felipe of Spain received the envoy.")
    assert one(by_head["Felipe"]).country == "ESP"


def test_a_people_living_in_a_state_is_coded_by_it(actors_of):
    _, _, by_head = actors_of("The Hungarians of southern Slovakia demanded autonomy.")
    assert one(by_head["Hungarians"]).country == "SVK"
    _, _, by_head = actors_of("Hungarians protested.")
    assert one(by_head["Hungarians"]).country == "HUN"


def _persons(nlp, text):
    from graphbuild.actors.resolve import resolve
    from graphbuild.types import ActorType

    res = resolve(nlp(text))
    return {a.label: a for a in res.all_actors() if a.type is ActorType.PERSON}


def test_hyphenated_names_keep_their_spelling_and_are_found_again(nlp):
    from graphbuild.actors.resolve import resolve

    doc = nlp("Kuwait's emir, Sheikh Nasser bin Jaber al-Sabah, arrived in Muscat on Monday. "
              "Later al-Sabah met Oman's foreign minister.")
    res = resolve(doc)
    first = res.actors(doc[9])
    assert len(first) == 1 and first[0].label.endswith("Nasser bin Jaber al-Sabah")
    assert first[0].country == "KWT"
    later = [t for t in doc if t.text == "Sabah"][-1]
    assert [(a.label, a.country) for a in res.actors(later)] == [(first[0].label, "KWT")]


def test_a_title_word_after_a_given_name_is_a_surname(nlp):
    people = _persons(nlp, "Canadian Trade Minister Paul King met Mexico's economy minister.")
    assert people["Paul King"].country == "CAN"


def test_a_possessive_state_before_a_title_gives_the_country(nlp):
    people = _persons(nlp, "Jordan's King Abdullah met President Lula in Brasilia.")
    assert people["Abdullah"].country == "JOR"


@pytest.mark.parametrize("text", [
    "A member of the Bolivian parliament, Mario Rojas, started a hunger strike on Monday.",
    "Mario Rojas, Bolivia's leading human rights activist, staged a hunger strike on Monday.",
])
def test_a_descriptive_apposition_gives_the_persons_country(nlp, text):
    assert _persons(nlp, text)["Mario Rojas"].country == "BOL"


def test_a_treaty_is_never_an_actor(nlp):
    from graphbuild.actors.resolve import resolve

    doc = nlp("Chile urged Peru to sign the proposed Pacific Free Trade Agreement (PFTA) instead.")
    res = resolve(doc)
    assert all("Agreement" not in a.label and "PFTA" not in a.label for a in res.all_actors())


# --------------------------------------------------------------------------- a person's country is evidence


def test_a_demonym_of_the_second_person_does_not_leak_to_the_first(actors_of):
    _, _, by_head = actors_of("President Dana Whitfield met Chinese President Zhou Ming in Beijing on Friday.")
    assert one(by_head["Whitfield"]).country is None
    assert one(by_head["Ming"]).country == "CHN"


def test_the_place_an_act_happens_is_no_nationality(actors_of):
    _, _, by_head = actors_of("President Tarek imposed a curfew in Nairobi.")
    assert one(by_head["Tarek"]).country is None


def test_a_dateline_is_no_nationality_and_a_surname_joins_the_full_name(actors_of):
    _, res, by_head = actors_of("BANGKOK, May 2 (AP) - Chilean President Rosa Fuentes landed on Monday.\n"
                                "Fuentes later met Thai officials.")
    persons = {a.id: a for a in res.all_actors() if a.type is ActorType.PERSON}
    assert len(persons) == 1, persons
    (person,) = persons.values()
    assert person.country == "CHL" and person.role == "President"


def test_one_of_several_family_names_joins_the_full_name(actors_of):
    _, _, by_head = actors_of("President Ana Mendes da Costa of Brazil arrived in Jakarta on Tuesday. "
                              "Mendes said trade would grow.")
    assert one(by_head["Mendes"]) == one(by_head["Costa"])
    assert one(by_head["Mendes"]).country == "BRA"


def test_a_state_named_before_is_no_nationality(actors_of):
    _, _, by_head = actors_of("Portugal protested on Monday. President Tarek said talks would continue.")
    assert one(by_head["Tarek"]).country is None


def test_the_state_a_person_speaks_for_is_evidence(actors_of):
    _, _, by_head = actors_of("Minister Lars Olsen said Norway would send more aid.")
    assert one(by_head["Olsen"]).country == "NOR"


# --------------------------------------------------------------------------- sectors and non-state actors


def test_sectors_of_persons_groups_and_organisations(actors_of):
    _, _, by_head = actors_of("Syrian army General Samir Haddad met UN envoy Karl Weber and Kenyan police.")
    assert one(by_head["Haddad"]).sector is Sector.MILITARY
    assert one(by_head["Weber"]).sector is Sector.IGO
    assert one(by_head["police"]).sector is Sector.POLICE


def test_events_between_non_state_groups_carry_sectors(extract_text):
    events = extract_text("Rebels attacked government troops near the border on Monday.\n"
                          "The Saudi-led coalition bombed Houthi positions on Tuesday.\n")
    pairs = {(e.source.label, e.source.country, e.source.sector, e.target.label, e.target.sector) for e in events}
    assert ("Rebels", None, Sector.REBELS, "Government Troops", Sector.MILITARY) in pairs
    coalition = [e.source for e in events if e.source.label == "Saudi-led Coalition"]
    assert coalition and coalition[0].country == "SAU" and coalition[0].sector is Sector.MILITARY


def test_the_office_named_again_is_its_holder(actors_of):
    _, _, by_head = actors_of("Chilean President Rosa Fuentes landed on Monday. "
                              "The Chilean president later met German President Kurt Vogel.")
    assert one(by_head["president"]) == one(by_head["Fuentes"])
    assert one(by_head["Vogel"]).country == "DEU"


def test_a_member_of_a_national_body_or_armed_group_takes_its_state_and_sector(actors_of):
    _, _, by_head = actors_of("Knesset speaker Avi Cohen met UN envoy Karl Weber.")
    cohen, weber = one(by_head["Cohen"]), one(by_head["Weber"])
    assert (cohen.country, cohen.sector) == ("ISR", Sector.LEGISLATURE)
    assert (weber.country, weber.sector) == (None, Sector.IGO)


@pytest.mark.parametrize(("day", "president", "premier"), [
    ("2010-06-01", "Rafael Correa", "José Luis Rodríguez Zapatero"),
    ("2019-06-01", "Lenín Moreno", "Pedro Sánchez"),
])
def test_an_office_named_without_a_name_is_its_holder_on_the_articles_date(extract_text, day, president, premier):
    events = extract_text("The Ecuadorian president thanked the Spanish prime minister on Monday.", date=day)
    assert [(e.source.label, e.source.type, e.source.country, e.source.sector, e.target.label, e.target.country)
            for e in events] == [(president, ActorType.PERSON, "ECU", Sector.GOVERNMENT, premier, "ESP")]


def test_an_office_named_without_a_name_or_a_date_is_the_state(extract_text):
    events = extract_text("The Ecuadorian president thanked the Spanish prime minister on Monday.")
    assert [(e.source.type, e.source.country, e.target.type, e.target.country) for e in events] == [
        (ActorType.COUNTRY, "ECU", ActorType.COUNTRY, "ESP")]
