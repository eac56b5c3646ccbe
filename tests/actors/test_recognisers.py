"""Each recogniser on hand-built parses (tests/actors/conftest.py), so no model update can break them."""

from __future__ import annotations

from graphbuild.actors import recognisers as rec
from graphbuild.actors.context import NOT_AN_ACTOR, Mention
from graphbuild.actors.resolve import UserActor, resolve
from graphbuild.types import Actor, ActorType, Sector

TITLED = [("Mexican", "ADJ", "amod", 4, "B-NORP"), ("Foreign", "PROPN", "compound", 2),
          ("Minister", "PROPN", "compound", 4), ("Elena", "PROPN", "compound", 4, "B-PERSON"),
          ("Ortiz", "PROPN", "nsubj", 5, "I-PERSON"), ("arrived", "VERB", "ROOT", 5), (".", "PUNCT", "punct", 5)]


def only(mention):
    assert mention is not None and len(mention.actors) == 1, mention
    return mention.actors[0]


def test_a_document_is_never_an_actor_unless_the_user_lists_it(parse, context):
    doc = parse([("the", "DET", "det", 2), ("Lisbon", "PROPN", "compound", 2, "B-GPE"),
                 ("Accord", "PROPN", "ROOT", 2)])
    assert rec.document(doc[2], context(doc)) is NOT_AN_ACTOR
    assert rec.document(doc[1], context(doc)) is None
    listed = [UserActor("Lisbon Accord", ActorType.ORG)]
    assert rec.document(doc[2], context(doc, listed)) is None


def test_a_user_actor_wins_and_a_listed_person_is_remembered(parse, context):
    doc = parse([("Ruiz", "PROPN", "nsubj", 1, "B-PERSON"), ("met", "VERB", "ROOT", 1),
                 ("Acme", "PROPN", "dobj", 1, "B-ORG")])
    ctx = context(doc, [UserActor("Acme Holdings", ActorType.ORG, "DEU", aliases=("Acme",)),
                        UserActor("Ana Ruiz", ActorType.PERSON, "ESP", "Mayor", ("Ruiz",))])
    org = only(rec.user_actor(doc[2], ctx))
    assert (org.label, org.country) == ("Acme Holdings", "DEU")
    person = only(rec.user_actor(doc[0], ctx))
    assert (person.label, person.country, person.role) == ("Ana Ruiz", "ESP", "Mayor")
    assert "ruiz" in ctx.persons
    assert rec.user_actor(doc[1], ctx) is None


def test_an_organisation_by_acronym_but_not_a_states_council(parse, context):
    doc = parse([("NATO", "PROPN", "nsubj", 1, "B-ORG"), ("warned", "VERB", "ROOT", 1)])
    nato = only(rec.organisation(doc[0], context(doc)))
    assert (nato.label, nato.type, nato.country) == ("NATO", ActorType.ORG, None)
    doc = parse([("Norway", "PROPN", "poss", 3, "B-GPE"), ("'s", "PART", "case", 0),
                 ("Security", "PROPN", "compound", 3), ("Council", "PROPN", "ROOT", 3)])
    assert rec.organisation(doc[3], context(doc)) is None


def test_a_new_person_takes_country_and_role_from_the_title(parse, context):
    doc = parse(TITLED)
    ctx = context(doc)
    mention = rec.new_person(doc[4], ctx)
    person = only(mention)
    assert (person.label, person.country, person.role) == ("Elena Ortiz", "MEX", "Foreign Minister")
    assert mention.person == "ortiz" and {t.i for t in mention.tokens} >= {0, 1, 2, 3, 4}
    assert rec.new_person(doc[5], ctx) is None  # a verb is nobody


def test_a_state_misread_as_a_person_is_left_to_the_state_recogniser(parse, context):
    doc = parse([("Kremlin", "PROPN", "nsubj", 1, "B-PERSON"), ("said", "VERB", "ROOT", 1)])
    ctx = context(doc)
    assert rec.new_person(doc[0], ctx) is None
    assert only(rec.state(doc[0], ctx)).country == "RUS"


def test_a_known_person_by_surname(parse, context):
    doc = parse([("Ortiz", "PROPN", "nsubj", 1), ("left", "VERB", "ROOT", 1),
                 ("Weber", "PROPN", "dobj", 1)])
    ctx = context(doc)
    ctx.person("Elena Ortiz", "MEX", "Foreign Minister")
    person = only(rec.known_person(doc[0], ctx))
    assert (person.label, person.country) == ("Elena Ortiz", "MEX")
    assert rec.known_person(doc[2], ctx) is None


def test_a_state_by_capital_and_a_people_by_plural_demonym(parse, context):
    doc = parse([("Ottawa", "PROPN", "nsubj", 2, "B-GPE"), ("and", "CCONJ", "cc", 0),
                 ("Palestinians", "PROPN", "conj", 0, "B-NORP", "palestinians", "NNPS"),
                 ("protested", "VERB", "ROOT", 3)])
    ctx = context(doc)
    canada = only(rec.state(doc[0], ctx))
    assert (canada.label, canada.type, canada.country) == ("Canada", ActorType.COUNTRY, "CAN")
    people = only(rec.state(doc[2], ctx))
    assert (people.type, people.country) == (ActorType.ORG, "PSE")


def test_a_demonym_modifying_a_thing_is_not_an_actor(parse, context):
    doc = parse([("Russian", "ADJ", "amod", 1, "B-NORP"), ("oil", "NOUN", "ROOT", 1)])
    assert rec.state(doc[0], context(doc)) is NOT_AN_ACTOR


def test_a_group_of_a_state(parse, context):
    doc = parse([("Indian", "ADJ", "amod", 1, "B-NORP"), ("troops", "NOUN", "ROOT", 1, None, "troop", "NNS")])
    troops = only(rec.state_group(doc[1], context(doc)))
    assert (troops.label, troops.type, troops.country) == ("Indian Troops", ActorType.ORG, "IND")
    doc = parse([("the", "DET", "det", 1), ("government", "NOUN", "ROOT", 1), ("of", "ADP", "prep", 1),
                 ("Iran", "PROPN", "pobj", 2, "B-GPE")])
    government = only(rec.state_group(doc[1], context(doc)))
    assert (government.type, government.country) == (ActorType.COUNTRY, "IRN")
    doc = parse([("troops", "NOUN", "ROOT", 0, None, "troop", "NNS")])
    assert rec.state_group(doc[0], context(doc)) is None  # no state: not this recogniser's case


def test_coordinated_states_make_one_group_each(parse, context):
    doc = parse([("Hungarian", "ADJ", "amod", 3, "B-NORP"), ("and", "CCONJ", "cc", 0),
                 ("Romanian", "ADJ", "conj", 0, "B-NORP"), ("officials", "NOUN", "ROOT", 3, None, "official", "NNS")])
    mention = rec.state_group(doc[3], context(doc))
    assert [a.country for a in mention.actors] == ["HUN", "ROU"]


def test_the_population_of_a_state(parse, context):
    doc = parse([("residents", "NOUN", "ROOT", 0, None, "resident", "NNS"), ("of", "ADP", "prep", 0),
                 ("Kenya", "PROPN", "pobj", 1, "B-GPE")])
    mention = rec.population(doc[0], context(doc))
    assert (only(mention).label, only(mention).country, mention.certainty) == ("Kenyan Residents", "KEN", 0.8)


def test_people_of_a_state_but_not_its_things(parse, context):
    doc = parse([("a", "DET", "det", 2), ("U.S.", "PROPN", "compound", 2, "B-GPE"), ("soldier", "NOUN", "ROOT", 2)])
    soldier = only(rec.people_of_state(doc[2], context(doc)))
    assert (soldier.type, soldier.country) == (ActorType.ORG, "USA")
    doc = parse([("US", "PROPN", "compound", 1, "B-GPE"), ("policies", "NOUN", "ROOT", 1, None, "policy", "NNS")])
    assert rec.people_of_state(doc[1], context(doc)) is None


def test_any_other_organisation_but_not_a_month(parse, context):
    doc = parse([("Acme", "PROPN", "compound", 1, "B-ORG"), ("Holdings", "PROPN", "nsubj", 2, "I-ORG"),
                 ("sued", "VERB", "ROOT", 2), ("in", "ADP", "prep", 2), ("May", "PROPN", "pobj", 3, "B-ORG")])
    ctx = context(doc)
    acme = only(rec.other_organisation(doc[1], ctx))
    assert (acme.label, acme.country) == ("Acme Holdings", None)
    assert rec.other_organisation(doc[4], ctx) is None


def test_recognisers_are_tried_in_order_and_a_new_one_is_one_function(parse):
    doc = parse([("Zorblax", "PROPN", "nsubj", 1), ("landed", "VERB", "ROOT", 1)])
    assert resolve(doc).by_token == {}

    def aliens(head, ctx):
        return Mention((head,), (Actor("Zorblax Fleet", ActorType.ORG),)) if head.text == "Zorblax" else None

    res = resolve(doc, recognisers=(aliens, *rec.RECOGNISERS))
    assert [a.label for a in res.by_token[0]] == ["Zorblax Fleet"]
    assert rec.RECOGNISERS[0] is rec.document and rec.RECOGNISERS[-1] is rec.other_organisation


def test_resolve_on_a_hand_built_parse_joins_pronouns_and_pairs(parse):
    doc = parse([*TITLED,
                 ("She", "PRON", "nsubj", 8), ("smiled", "VERB", "ROOT", 8), (".", "PUNCT", "punct", 8),
                 ("Canada", "PROPN", "nsubj", 13, "B-GPE"), ("and", "CCONJ", "cc", 10),
                 ("Peru", "PROPN", "conj", 10, "B-GPE"), ("met", "VERB", "ROOT", 13), (".", "PUNCT", "punct", 13),
                 ("Both", "DET", "det", 16), ("sides", "NOUN", "nsubj", 17, None, "side", "NNS"),
                 ("agreed", "VERB", "ROOT", 17)])
    res = resolve(doc)
    assert [a.label for a in res.by_token[7]] == ["Elena Ortiz"]
    assert res.certainty[7] < 1.0
    assert {a.country for a in res.by_token[16]} == {"CAN", "PER"}


def test_a_short_form_is_any_word_of_one_known_full_name_but_not_a_particle(parse, context):
    doc = parse([("Mendes", "NOUN", "nsubj", 1), ("spoke", "VERB", "ROOT", 1), ("da", "PROPN", "dobj", 1)])
    ctx = context(doc)
    ctx.person("Ana Mendes da Costa", "BRA", "President")
    assert ctx.person_key("Mendes") == ctx.person_key("Ana") == "costa"
    assert ctx.person_key("da") == "da"
    person = only(rec.known_person(doc[0], ctx))  # a surname the parser took for a common noun
    assert (person.label, person.country) == ("Ana Mendes da Costa", "BRA")
    ctx.person("Rui Mendes", "PRT", None)
    assert ctx.person_key("Mendes") == "mendes"  # now the surname of another person


def test_a_title_does_not_reach_back_over_a_dateline(parse, context):
    doc = parse([("LIMA", "PROPN", "nmod", 5, "B-GPE"), ("(", "PUNCT", "punct", 5), ("AP", "PROPN", "appos", 0, "B-ORG"),
                 (")", "PUNCT", "punct", 5), ("President", "PROPN", "compound", 5), ("Okafor", "PROPN", "nsubj", 6, "B-PERSON"),
                 ("spoke", "VERB", "ROOT", 6)])
    person = only(rec.new_person(doc[5], context(doc)))
    assert (person.country, person.role) == (None, "President")


# --------------------------------------------------------------------------- sectors and non-state groups

SAUDI_LED = [("The", "DET", "det", 4), ("Saudi", "PROPN", "npadvmod", 3, "B-NORP"), ("-", "PUNCT", "punct", 3),
             ("led", "VERB", "amod", 4, None, "lead", "VBN"), ("coalition", "NOUN", "nsubj", 5),
             ("struck", "VERB", "ROOT", 5)]


def test_a_state_led_coalition_is_that_states_military_group(parse, context):
    doc = parse(SAUDI_LED)
    ctx = context(doc)
    assert rec.leader_of_a_led_group(doc[1], ctx) is NOT_AN_ACTOR  # read at "coalition"
    coalition = only(rec.led_group(doc[4], ctx))
    assert (coalition.label, coalition.country, coalition.sector) == ("Saudi-led Coalition", "SAU", Sector.MILITARY)
    res = resolve(doc)
    assert [a.label for a in res.by_token[4]] == ["Saudi-led Coalition"] and 1 not in res.heads


def test_a_led_group_in_one_token_and_a_led_thing(parse, context):
    doc = parse([("the", "DET", "det", 2), ("U.S.-led", "ADJ", "amod", 2), ("forces", "NOUN", "ROOT", 2, None, "force", "NNS")])
    forces = only(rec.led_group(doc[2], context(doc)))
    assert (forces.country, forces.sector) == ("USA", Sector.MILITARY)
    doc = parse([("the", "DET", "det", 2), ("U.S.-led", "ADJ", "amod", 2), ("war", "NOUN", "ROOT", 2)])
    assert rec.led_group(doc[2], context(doc)) is None


def test_members_of_a_named_group_are_the_group(parse):
    doc = parse([("Hamas", "PROPN", "compound", 1, "B-ORG"), ("fighters", "NOUN", "nsubj", 2, None, "fighter", "NNS"),
                 ("fired", "VERB", "ROOT", 2)])
    res = resolve(doc)
    assert res.by_token[1] == res.by_token[0]
    (hamas,) = res.by_token[1]
    assert (hamas.label, hamas.sector) == ("Hamas", Sector.REBELS)


def test_rebels_and_government_troops_are_actors_without_a_state(parse, context):
    doc = parse([("Rebels", "NOUN", "nsubj", 1, None, "rebel", "NNS"), ("attacked", "VERB", "ROOT", 1),
                 ("government", "NOUN", "compound", 3), ("troops", "NOUN", "dobj", 1, None, "troop", "NNS")])
    ctx = context(doc)
    rebels = only(rec.bare_group(doc[0], ctx))
    assert (rebels.label, rebels.country, rebels.sector) == ("Rebels", None, Sector.REBELS)
    troops = only(rec.bare_group(doc[3], ctx))
    assert (troops.label, troops.country, troops.sector) == ("Government Troops", None, Sector.MILITARY)
    assert rec.bare_group(doc[2], ctx) is None  # a modifier of the troops


def test_bare_troops_their_troops_and_rebel_positions_are_no_actor(parse, context):
    doc = parse([("troops", "NOUN", "nsubj", 1, None, "troop", "NNS"), ("withdrew", "VERB", "ROOT", 1)])
    assert rec.bare_group(doc[0], context(doc)) is None
    doc = parse([("its", "PRON", "poss", 1), ("troops", "NOUN", "nsubj", 2, None, "troop", "NNS"), ("left", "VERB", "ROOT", 2)])
    assert rec.bare_group(doc[1], context(doc)) is None
    doc = parse([("rebel", "NOUN", "compound", 1), ("positions", "NOUN", "ROOT", 1, None, "position", "NNS")])
    assert rec.bare_group(doc[0], context(doc)) is None


def test_security_forces_of_a_state_are_its_military(parse, context):
    doc = parse([("Iraqi", "ADJ", "amod", 2, "B-NORP"), ("security", "NOUN", "compound", 2),
                 ("forces", "NOUN", "ROOT", 2, None, "force", "NNS")])
    forces = only(rec.state_group(doc[2], context(doc)))
    assert (forces.label, forces.country, forces.sector) == ("Iraqi Security Forces", "IRQ", Sector.MILITARY)
    doc = parse([("security", "NOUN", "compound", 1), ("forces", "NOUN", "ROOT", 1, None, "force", "NNS")])
    bare = only(rec.bare_group(doc[1], context(doc)))
    assert (bare.label, bare.country, bare.sector) == ("Security Forces", None, Sector.MILITARY)


def test_groups_people_and_persons_carry_sectors(parse, context):
    doc = parse([("Kenyan", "ADJ", "amod", 1, "B-NORP"), ("police", "NOUN", "ROOT", 1)])
    assert only(rec.state_group(doc[1], context(doc))).sector is Sector.POLICE
    doc = parse([("Israeli", "ADJ", "amod", 1, "B-NORP"), ("soldier", "NOUN", "ROOT", 1)])
    assert only(rec.people_of_state(doc[1], context(doc))).sector is Sector.MILITARY
    doc = parse(TITLED)
    assert only(rec.new_person(doc[4], context(doc))).sector is Sector.GOVERNMENT


def test_an_office_without_a_name_is_the_person_named_in_it(parse, context):
    doc = parse([("the", "DET", "det", 2), ("Chilean", "ADJ", "amod", 2, "B-NORP"), ("president", "NOUN", "nsubj", 3),
                 ("spoke", "VERB", "ROOT", 3)])
    ctx = context(doc)
    assert rec.titled_office(doc[2], ctx) is None  # nobody named in it: the state's, read by the extractor
    ctx.person("Rosa Fuentes", "CHL", "President")
    ctx.person("Kurt Vogel", "DEU", "President")
    assert only(rec.titled_office(doc[2], ctx)).label == "Rosa Fuentes"


def _offices():
    import datetime as dt

    from graphbuild.actors.knowledge import OfficeTable, OfficeTerm

    day = dt.date
    return OfficeTable([
        OfficeTerm("CHL", "head_of_state", "President", "Rosa Fuentes", (), day(2010, 3, 11), day(2014, 3, 11)),
        OfficeTerm("CHL", "head_of_state", "President", "Tomas Rivas", (), day(2014, 3, 11), day(2018, 3, 11)),
        OfficeTerm("CHL", "foreign_minister", "Foreign Minister", "Ines Lagos", (), day(2010, 3, 11), None),
        OfficeTerm("IND", "foreign_minister", "External Affairs Minister", "Ravi Menon", (), day(2010, 1, 1), None),
    ])


_CHILEAN_PRESIDENT = [("the", "DET", "det", 2), ("Chilean", "ADJ", "amod", 2, "B-NORP"),
                      ("president", "NOUN", "nsubj", 3), ("spoke", "VERB", "ROOT", 3)]


def test_an_office_without_a_name_is_its_holder_on_the_articles_date(parse, context):
    import datetime as dt

    doc = parse(_CHILEAN_PRESIDENT)
    ctx = context(doc, day=dt.date(2012, 5, 1), offices=_offices())
    mention = rec.titled_office(doc[2], ctx)
    holder = only(mention)
    assert (holder.label, holder.type, holder.country, holder.role, holder.sector) == (
        "Rosa Fuentes", ActorType.PERSON, "CHL", "President", Sector.GOVERNMENT)
    assert {t.i for t in mention.tokens} == {0, 1, 2} and "fuentes" in ctx.persons  # "Fuentes" later joins her
    later = context(doc, day=dt.date(2016, 5, 1), offices=_offices())
    assert only(rec.titled_office(doc[2], later)).label == "Tomas Rivas"


def test_an_office_without_a_date_or_a_listed_holder_stays_the_states(parse, context):
    import datetime as dt

    doc = parse(_CHILEAN_PRESIDENT)
    assert rec.titled_office(doc[2], context(doc, offices=_offices())) is None  # no date
    assert rec.titled_office(doc[2], context(doc, day=dt.date(1995, 1, 1), offices=_offices())) is None
    doc = parse([("the", "DET", "det", 2), ("Peruvian", "ADJ", "amod", 2, "B-NORP"),
                 ("president", "NOUN", "nsubj", 3), ("spoke", "VERB", "ROOT", 3)])
    assert rec.titled_office(doc[2], context(doc, day=dt.date(2012, 5, 1), offices=_offices())) is None


def test_a_former_next_or_indefinite_office_is_nobodys_in_particular(parse, context):
    import datetime as dt

    phrases = {"former": [("the", "DET", "det", 3), ("former", "ADJ", "amod", 3)],
               "next": [("the", "DET", "det", 3), ("next", "ADJ", "amod", 3)],
               "then": [("the", "DET", "det", 3), ("then", "ADV", "advmod", 3)],
               "a": [("a", "DET", "det", 3), ("sitting", "ADJ", "amod", 3)]}  # "a Chilean president": any
    for word, lead in phrases.items():
        doc = parse([*lead, ("Chilean", "ADJ", "amod", 3, "B-NORP"), ("president", "NOUN", "nsubj", 4),
                     ("spoke", "VERB", "ROOT", 4)])
        assert rec.titled_office(doc[3], context(doc, day=dt.date(2012, 5, 1), offices=_offices())) is None, word


def test_a_possessive_state_or_of_state_and_the_offices_local_title(parse, context):
    import datetime as dt

    day, offices = dt.date(2012, 5, 1), _offices()
    doc = parse([("Chile", "PROPN", "poss", 3, "B-GPE"), ("'s", "PART", "case", 0), ("foreign", "ADJ", "amod", 3),
                 ("minister", "NOUN", "nsubj", 4), ("spoke", "VERB", "ROOT", 4)])
    assert only(rec.titled_office(doc[3], context(doc, day=day, offices=offices))).label == "Ines Lagos"
    doc = parse([("the", "DET", "det", 1), ("president", "NOUN", "nsubj", 4), ("of", "ADP", "prep", 1),
                 ("Chile", "PROPN", "pobj", 2, "B-GPE"), ("spoke", "VERB", "ROOT", 4)])
    mention = rec.titled_office(doc[1], context(doc, day=day, offices=offices))
    assert only(mention).label == "Rosa Fuentes" and 3 in {t.i for t in mention.tokens}
    # the table calls India's foreign minister by another title
    doc = parse([("the", "DET", "det", 3), ("Indian", "ADJ", "amod", 3, "B-NORP"), ("foreign", "ADJ", "amod", 3),
                 ("minister", "NOUN", "nsubj", 4), ("spoke", "VERB", "ROOT", 4)])
    holder = only(rec.titled_office(doc[3], context(doc, day=day, offices=offices)))
    assert (holder.label, holder.role) == ("Ravi Menon", "External Affairs Minister")


def _of_two_states(parse, noun, lemma, second=("Peru", "PROPN", "B-GPE"), before=()):
    """"The <before> <noun> of Chile and <second> met": a noun with an "of" phrase of two conjuncts."""
    k = len(before)
    rows = [("The", "DET", "det", 1 + k)] + [(w, "ADJ", "amod", 1 + k) for w in before]
    rows += [(noun, "NOUN", "nsubj", 6 + k, "O", lemma, "NNS"), ("of", "ADP", "prep", 1 + k),
             ("Chile", "PROPN", "pobj", 2 + k, "B-GPE"), ("and", "CCONJ", "cc", 3 + k),
             (second[0], second[1], "conj", 3 + k, second[2]), ("met", "VERB", "ROOT", 6 + k, "O", "meet")]
    return parse(rows)


def test_a_group_of_two_coordinated_states_is_one_group_of_each(parse, context):
    doc = _of_two_states(parse, "armies", "army")
    mention = rec.state_group(doc[1], context(doc))
    assert [(a.country, a.type) for a in mention.actors] == [("CHL", ActorType.ORG), ("PER", ActorType.ORG)]


def test_a_group_of_a_state_and_of_something_else_is_the_state_s_only(parse, context):
    doc = _of_two_states(parse, "armies", "army", second=("allies", "NOUN", "O"))
    assert [a.country for a in rec.state_group(doc[1], context(doc)).actors] == ["CHL"]


def test_one_office_of_two_states_is_each_state_s_holder(parse, context):
    doc = _of_two_states(parse, "ministers", "minister", before=("foreign",))
    # no date, so no holder from the table: each state stands for its minister
    mention = rec.titled_offices(doc[2], context(doc))
    assert [(a.label, a.type) for a in mention.actors] == [("Chile", ActorType.COUNTRY), ("Peru", ActorType.COUNTRY)]


def test_envoys_or_former_holders_of_two_states_are_no_two_office_holders(parse, context):
    envoys = _of_two_states(parse, "ambassadors", "ambassador")
    assert rec.titled_offices(envoys[1], context(envoys)) is None  # many to a state: groups
    former = _of_two_states(parse, "presidents", "president", before=("former",))
    assert rec.titled_offices(former[2], context(former)) is None


def _bracketed(parse, name_rows):
    """"<name> ( XYZ ) protested . The XYZ protested .": a name with an acronym in brackets."""
    n = len(name_rows)
    rows = list(name_rows) + [("(", "PUNCT", "punct", n - 1), ("XYZ", "PROPN", "appos", n - 1, "B-ORG"),
                              (")", "PUNCT", "punct", n - 1), ("protested", "VERB", "ROOT", n + 3),
                              (".", "PUNCT", "punct", n + 3), ("The", "DET", "det", n + 6),
                              ("XYZ", "PROPN", "nsubj", n + 7, "B-ORG"), ("protested", "VERB", "ROOT", n + 7)]
    rows[n - 1] = rows[n - 1][:2] + ("nsubj", n + 3) + rows[n - 1][4:]
    return parse(rows)


def test_an_acronym_in_brackets_after_a_body_s_name_is_that_body_later(parse):
    doc = _bracketed(parse, [("Acme", "PROPN", "compound", 2, "B-ORG"), ("Security", "PROPN", "compound", 2, "I-ORG"),
                             ("Service", "PROPN", "nsubj", 2, "I-ORG")])
    res = resolve(doc)
    assert res.actors(doc[2]) and res.actors(doc[-2]) == res.actors(doc[2])


def test_an_acronym_in_brackets_after_a_place_is_not_the_place(parse):
    doc = _bracketed(parse, [("Oslo", "PROPN", "nsubj", 0, "B-GPE")])
    res = resolve(doc)
    assert [a.country for a in res.actors(doc[0])] == ["NOR"]
    assert all(a.country != "NOR" for a in res.actors(doc[-2]))


def _office_of(parse, before=(), state=("Chile", "PROPN", "B-GPE")):
    """"The <before> president of <state> met": one office of one state, no holder named."""
    k = len(before)
    rows = [("The", "DET", "det", 1 + k)] + [(w, "ADJ", "amod", 1 + k) for w in before]
    rows += [("president", "NOUN", "nsubj", 4 + k), ("of", "ADP", "prep", 1 + k),
             (state[0], state[1], "pobj", 2 + k, state[2]), ("met", "VERB", "ROOT", 4 + k, "O", "meet")]
    return parse(rows)


def test_an_office_of_a_state_with_no_holder_known_is_the_state(parse, context):
    doc = _office_of(parse)
    assert only(rec.office_of_state(doc[1], context(doc))) == Actor("Chile", ActorType.COUNTRY, "CHL")


def test_a_former_holder_or_an_office_of_no_state_is_not_the_state(parse, context):
    former = _office_of(parse, before=("former",))
    assert rec.office_of_state(former[2], context(former)) is None
    senate = _office_of(parse, state=("senate", "NOUN", "O"))
    assert rec.office_of_state(senate[1], context(senate)) is None
