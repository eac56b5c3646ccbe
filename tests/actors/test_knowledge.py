"""Tests of graphbuild/actors/knowledge.py: the dated office table and the knowledge stage."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pycountry
import pytest

from graphbuild.actors.knowledge import (
    OFFICES,
    OfficeTable,
    OfficeTerm,
    apply_knowledge,
    load_office_table,
    read_office_table,
    share_across_articles,
)
from graphbuild.errors import LexiconError
from graphbuild.types import Actor, ActorType, Event, Plover, Sector

G20_STATES = ("ARG", "AUS", "BRA", "CAN", "CHN", "DEU", "FRA", "GBR", "IDN", "IND", "ITA", "JPN",
              "KOR", "MEX", "RUS", "SAU", "TUR", "USA", "ZAF")
PERMANENT_FIVE = ("CHN", "FRA", "GBR", "RUS", "USA")
D = dt.date


# --------------------------------------------------------------------------- the built-in table


@pytest.fixture(scope="module")
def table() -> OfficeTable:
    return load_office_table()


def test_every_row_names_a_state_that_exists_and_a_known_office(table):
    for term in table.terms:
        assert pycountry.countries.get(alpha_3=term.country) is not None, term
        assert term.office in OFFICES, term
        assert term.name.strip() and term.title.strip(), term


def test_every_term_ends_after_it_starts(table):
    for term in table.terms:
        assert term.valid_from is not None, term
        assert term.valid_to is None or term.valid_to > term.valid_from, term


def test_one_holder_per_office_at_a_time(table):
    by_office = defaultdict(list)
    for term in table.terms:
        by_office[term.country, term.office].append(term)
    for (country, office), terms in by_office.items():
        terms.sort(key=lambda t: t.valid_from)
        for before, after in zip(terms, terms[1:], strict=False):
            assert before.valid_to is not None, f"{country} {office}: {before.name} has no end but {after.name} follows"
            assert before.valid_to <= after.valid_from, f"{country} {office}: {before.name} overlaps {after.name}"
        assert sum(t.valid_to is None for t in terms) <= 1, (country, office)


def test_the_g20_and_the_security_councils_permanent_members_have_a_leader_every_midyear(table):
    for year in range(1992, 2026):
        day = D(year, 7, 1)
        for country in {*G20_STATES, *PERMANENT_FIVE}:
            leaders = [t for t in table.terms if t.country == country and t.holds_on(day)
                       and t.office in ("head_of_state", "head_of_government")]
            assert leaders, f"no head of state or government of {country} on {day}"


def test_the_g20_and_the_permanent_five_have_a_leader_every_midyear_since_1970(table):
    for year in range(1970, 1992):
        day = D(year, 7, 1)
        for country in {*G20_STATES, *PERMANENT_FIVE}:
            assert any(t.country == country and t.holds_on(day) and t.office != "foreign_minister"
                       for t in table.terms), f"no head of state or government of {country} on {day}"


def test_the_table_names_leaders_of_the_seventies_and_eighties(table):
    assert table.holder("USA", "president", D(1985, 6, 1)).name == "Ronald Reagan"
    assert table.holder("USA", "president", D(1974, 8, 9)).name == "Gerald Ford"  # hand-over day
    assert table.holder("GBR", "prime minister", D(1975, 1, 1)).name == "Harold Wilson"
    assert table.holder("RUS", "head_of_government", D(1979, 1, 1)).name == "Alexei Kosygin"
    assert table.holder("IND", "prime minister", D(1986, 1, 1)).name == "Rajiv Gandhi"
    assert table.holder("KWT", "emir", D(1995, 1, 1)).name == "Jaber al-Ahmad al-Sabah"
    assert table.holder("QAT", "head_of_state", D(2005, 1, 1)).name == "Hamad bin Khalifa al-Thani"
    assert table.find("Carter", D(1979, 1, 1)).country == "USA"


def test_the_g20_have_a_foreign_minister_listed_on_most_dates(table):
    for country in G20_STATES:
        days = [D(year, 7, 1) for year in range(2005, 2024)]
        listed = [d for d in days if table.holder(country, "foreign_minister", d)]
        assert len(listed) >= len(days) - 1, country


def test_the_date_picks_the_holder_of_a_surname_two_presidents_share(table):
    first, second = table.find("President Kirchner", D(2005, 6, 1)), table.find("Kirchner", D(2010, 6, 1))
    assert first.country == second.country == "ARG"
    assert first.name != second.name
    assert first.name.startswith("Néstor") and "Cristina" in second.name


def test_a_title_and_a_state_give_the_holder_on_that_date(table):
    assert table.holder("DEU", "chancellor", D(1995, 1, 1)).name == "Helmut Kohl"
    assert table.holder("GBR", "prime minister", D(1990, 1, 1)).name == "Margaret Thatcher"
    assert table.holder("GBR", "prime minister", D(1999, 1, 1)).name == "Tony Blair"
    assert table.holder("JPN", "head_of_government", D(2004, 1, 1)).name == "Junichiro Koizumi"
    assert table.holder("DEU", "chancellor", D(1975, 1, 1)).name == "Helmut Schmidt"
    assert table.holder("DEU", "chancellor", D(1960, 1, 1)) is None  # before the table


def test_a_hand_over_day_belongs_to_the_successor(table):
    assert table.holder("FRA", "president", D(1995, 5, 17)).name == "Jacques Chirac"
    assert table.holder("FRA", "president", D(1995, 5, 16)).name == "François Mitterrand"


def test_a_surname_shared_by_two_people_in_office_at_once_finds_nobody():
    terms = [OfficeTerm("PER", "head_of_state", "President", "Ana Quispe", (), D(2001, 1, 1), D(2006, 1, 1)),
             OfficeTerm("PER", "foreign_minister", "Foreign Minister", "Luis Quispe", (), D(2002, 1, 1),
                        D(2004, 1, 1))]
    t = OfficeTable(terms)
    assert t.find("Quispe", D(2003, 1, 1)) is None
    assert t.find("Quispe", D(2005, 6, 1)).name == "Ana Quispe"
    assert t.find("Luis Quispe", D(2003, 1, 1)).office == "foreign_minister"


def test_a_name_far_from_every_term_finds_nobody(table):
    assert table.find("Kohl", D(1960, 1, 1)) is None
    assert table.find("Kohl", D(1999, 6, 1)).name == "Helmut Kohl"  # just out of office: still him


def test_a_name_is_found_by_the_word_news_calls_the_person_by(table):
    assert table.find("Miyazawa", D(1992, 6, 1)).country == "JPN"  # family name last
    assert table.find("Thaksin", D(2003, 6, 1)).country == "THA"  # given name, first
    assert table.find("Maliki", D(2010, 6, 1)).name == "Nouri al-Maliki"  # article dropped
    assert table.find("Nguyen Tan Dung", D(2010, 6, 1)).country == "VNM"  # accents folded
    # two leaders of two states share the family name "Kim": the surname alone finds nobody
    assert table.find("Kim", D(1995, 6, 1)) is None
    assert table.find("Kim Young-sam", D(1995, 6, 1)).country == "KOR"


def test_a_running_term_is_trusted_only_for_a_while_after_the_table_was_checked(table):
    from graphbuild.actors.knowledge import CHECKED_THROUGH

    assert table.holder("DEU", "president", CHECKED_THROUGH).name == "Frank-Walter Steinmeier"
    assert table.holder("DEU", "president", CHECKED_THROUGH + dt.timedelta(days=3 * 365)) is None


def test_every_state_of_over_ten_million_people_has_a_leader_listed_today(table):
    from countryinfo import CountryInfo

    from graphbuild.actors.knowledge import CHECKED_THROUGH

    listed = {t.country for t in table.terms if t.holds_on(CHECKED_THROUGH)
              and t.office in ("head_of_state", "head_of_government")}
    big = set()
    for record in pycountry.countries:
        try:
            population = CountryInfo(record.alpha_3).population() or 0
        except Exception:  # countryinfo knows no such country
            continue
        if population > 10_000_000:
            big.add(record.alpha_3)
    assert len(big) > 60
    missing = sorted(big - listed - {"TWN"})
    assert not missing, missing


def test_a_bad_table_names_the_file_and_line(tmp_path):
    path = tmp_path / "offices.csv"
    path.write_text("# comment\ncountry,office,title,name,aliases,valid_from,valid_to\n"
                    "PER,head_of_state,President,Ana Quispe,,2001-01-01,2006-01-01\n"
                    "PER,head_of_state,President,Rosa Mamani,,2006-13-01,\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"offices\.csv:4: .*not an ISO date"):
        read_office_table(path)
    path.write_text("country,office,title,name,aliases,valid_from,valid_to\n"
                    "PER,king,King,Ana Quispe,,2001-01-01,\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"offices\.csv:2: office 'king'"):
        read_office_table(path)
    path.write_text("country,office,title,name,aliases,valid_from,valid_to\n"
                    "PERU,head_of_state,President,Ana Quispe,,2001-01-01,\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="ISO 3166"):
        read_office_table(path)


# --------------------------------------------------------------------------- the knowledge stage


def _ev(article, source, target, plover=Plover.CONSULT, date=None):
    return Event(article, source, target, plover, "meet", "A sentence.", 0, 11, date=date)


PERU = Actor("Peru", ActorType.COUNTRY, "PER")
CHILE = Actor("Chile", ActorType.COUNTRY, "CHL")


def test_the_table_gives_a_person_the_text_left_without_a_country():
    table = OfficeTable([OfficeTerm("PER", "head_of_state", "President", "Ana Quispe", (),
                                    D(2001, 1, 1), D(2006, 1, 1))])
    bare = Actor("Quispe", ActorType.PERSON, role="President")
    out = apply_knowledge([_ev("a", bare, CHILE)], {"a": D(2003, 4, 1)}, table=table)
    assert out[0].source.country == "PER"
    assert out[0].source.sector is Sector.GOVERNMENT
    assert out[0].source.label == "Quispe" and out[0].source.key == "Ana Quispe"
    # outside the term (and its year of slack) nothing is inferred
    later = apply_knowledge([_ev("a", bare, CHILE)], {"a": D(2012, 4, 1)}, table=table)
    assert later[0].source.country is None


def test_what_the_article_states_wins_over_the_table():
    table = OfficeTable([OfficeTerm("PER", "head_of_state", "President", "Ana Quispe", (),
                                    D(2001, 1, 1), D(2006, 1, 1))])
    stated = Actor("Ana Quispe", ActorType.PERSON, "BOL")
    out = apply_knowledge([_ev("a", stated, CHILE)], {"a": D(2003, 4, 1)}, table=table)
    assert out[0].source.country == "BOL"


def test_the_events_own_date_picks_the_holder_before_the_articles():
    table = OfficeTable([
        OfficeTerm("PER", "head_of_state", "President", "Ana Quispe", (), D(2001, 1, 1), D(2006, 1, 1)),
        OfficeTerm("BOL", "head_of_state", "President", "Rosa Quispe", (), D(2008, 1, 1), D(2012, 1, 1))])
    bare = Actor("Quispe", ActorType.PERSON)
    ev = _ev("a", bare, CHILE, date=D(2003, 2, 1))
    assert apply_knowledge([ev], {"a": D(2010, 1, 1)}, table=table)[0].source.country == "PER"


def test_one_articles_statement_is_known_in_another_of_the_build_within_the_window():
    stated = Actor("Tomas Varga", ActorType.PERSON, "HUN", role="Foreign Minister")
    bare = Actor("Varga", ActorType.PERSON)
    events = [_ev("a", stated, PERU), _ev("b", bare, CHILE), _ev("c", bare, CHILE)]
    dates = {"a": D(2019, 5, 1), "b": D(2019, 9, 1), "c": D(2026, 1, 1)}
    out = share_across_articles(events, dates, window=dt.timedelta(days=365))
    assert out[1].source.country == "HUN" and out[1].source.key == "Tomas Varga"
    assert out[2].source.country is None  # years later: offices change


def test_articles_that_disagree_teach_nothing():
    events = [_ev("a", Actor("Varga", ActorType.PERSON, "HUN"), PERU),
              _ev("b", Actor("Varga", ActorType.PERSON, "SVK"), PERU),
              _ev("c", Actor("Varga", ActorType.PERSON), CHILE)]
    dates = dict.fromkeys("abc", D(2020, 1, 1))
    assert share_across_articles(events, dates)[2].source.country is None


def test_knowledge_never_makes_an_actor_act_on_itself():
    table = OfficeTable([OfficeTerm("PER", "head_of_state", "President", "Ana Quispe", (),
                                    D(2001, 1, 1), D(2006, 1, 1))])
    stated = Actor("Ana Quispe", ActorType.PERSON, "PER", key="Ana Quispe")
    bare = Actor("Quispe", ActorType.PERSON)
    ev = _ev("a", bare, stated)
    assert apply_knowledge([ev], {"a": D(2003, 1, 1)}, table=table) == [ev]


def test_an_undated_surname_of_two_holders_of_one_state_gives_the_state_not_the_person():
    table = OfficeTable([
        OfficeTerm("PER", "head_of_state", "President", "Ana Quispe", (), D(2001, 1, 1), D(2006, 1, 1)),
        OfficeTerm("PER", "head_of_state", "President", "Luis Quispe", (), D(2011, 1, 1), D(2016, 1, 1)),
        OfficeTerm("PER", "head_of_state", "President", "Rosa Mamani", (), D(2006, 1, 1), D(2011, 1, 1)),
        OfficeTerm("BOL", "head_of_state", "President", "Juan Mamani", (), D(2006, 1, 1), D(2011, 1, 1)),
    ])
    quispe, mamani = Actor("Quispe", ActorType.PERSON), Actor("Mamani", ActorType.PERSON)
    out = apply_knowledge([_ev("a", quispe, CHILE), _ev("a", mamani, CHILE)], {"a": None}, table=table)
    assert (out[0].source.country, out[0].source.key) == ("PER", None)  # which Quispe is open
    assert out[1].source.country is None  # two states: nothing is inferred


def test_what_another_article_states_comes_before_the_table():
    table = OfficeTable([OfficeTerm("PER", "head_of_state", "President", "Ana Quispe", (),
                                    D(2001, 1, 1), D(2006, 1, 1))])
    stated = Actor("Luis Quispe", ActorType.PERSON, "BOL", role="Senator")
    bare = Actor("Quispe", ActorType.PERSON)
    events = [_ev("a", stated, CHILE), _ev("b", bare, PERU)]
    dates = dict.fromkeys("ab", D(2003, 1, 1))
    assert apply_knowledge(events, dates, table=table)[1].source.country == "BOL"
    assert apply_knowledge(events, dates, table=table, share=False)[1].source.country == "PER"
    assert apply_knowledge(events, dates, table=table, office_table=False, share=False) == events


# --------------------------------------------------------------------------- undated, with a title


def _undated_table() -> OfficeTable:
    return OfficeTable([
        OfficeTerm("PER", "head_of_state", "President", "Ana Quispe", (), D(1981, 1, 1), D(1986, 1, 1)),
        OfficeTerm("BOL", "head_of_government", "Prime Minister", "Luis Quispe", (), D(1995, 1, 1),
                   D(1999, 1, 1)),
        OfficeTerm("ECU", "head_of_state", "President", "Rosa Mamani", (), D(1990, 1, 1), D(1994, 1, 1)),
        OfficeTerm("PRY", "head_of_state", "President", "Juan Mamani", (), D(2001, 1, 1), D(2004, 1, 1)),
        OfficeTerm("URY", "head_of_state", "King", "Tomas III", (), D(1970, 1, 1), D(1999, 1, 1)),
    ])


def test_undated_a_title_and_a_surname_find_the_one_holder_of_that_title_at_any_time():
    t = _undated_table()
    # two people of two states bear the name; the title says which office, so which one
    assert t.find("Quispe", None) is None and t.country_of("Quispe", None) is None
    assert t.find("Quispe", None, title="President").name == "Ana Quispe"
    assert t.country_of("Quispe", None, title="Prime Minister") == "BOL"
    assert t.country_of("Quispe", None, title="Premier") == "BOL"  # another name of the office
    assert t.country_of("Quispe", None, title="former President") == "PER"  # held it


def test_undated_two_holders_of_the_title_with_the_surname_give_no_country():
    t = _undated_table()
    assert t.find("Mamani", None, title="President") is None
    assert t.country_of("Mamani", None, title="President") is None


def test_a_title_of_another_office_finds_nobody_and_a_generic_one_leaves_the_name_to_decide():
    t = _undated_table()
    assert t.country_of("Quispe", None, title="Vice President") is None
    assert t.country_of("Quispe", None, title="Interior Minister") is None
    assert t.country_of("Mamani", None, title="leader") is None  # still two people
    assert OfficeTable(t.terms[:1]).country_of("Quispe", None, title="leader") == "PER"


def test_a_monarch_is_found_by_the_name_without_its_number():
    t = _undated_table()
    assert t.country_of("Tomas", None, title="King") == "URY"
    assert t.country_of("Tomas III", None) == "URY"
    assert t.country_of("Tomas", None, title="President") is None


def test_the_knowledge_stage_reads_the_persons_title_when_the_article_has_no_date():
    t = _undated_table()
    titled = Actor("Quispe", ActorType.PERSON, role="Prime Minister")
    bare = Actor("Quispe", ActorType.PERSON)
    out = apply_knowledge([_ev("a", titled, CHILE), _ev("b", bare, CHILE)], dict.fromkeys("ab"), table=t)
    assert (out[0].source.country, out[0].source.key) == ("BOL", "Luis Quispe")
    assert out[1].source.country is None


def test_the_built_in_table_resolves_undated_titled_surnames_of_the_eighties(table):
    assert table.country_of("Reagan", None, title="President") == "USA"
    assert table.country_of("Gandhi", None, title="Prime Minister") == "IND"  # two, one state
    assert table.country_of("Hassan", None, title="King") == "MAR"
    # two presidents of two states were called by this name: no country
    assert table.country_of("Zia", None, title="President") is None
    assert table.country_of("Zia", None, title="Prime Minister") == "BGD"


def test_a_titled_full_name_one_letter_from_a_holders_is_that_holder():
    t = _undated_table()
    assert t.find("Ana Quipse", None, title="President").name == "Ana Quispe"  # letters swapped
    assert t.find("Ana Quisppe", None, title="President").name == "Ana Quispe"  # one added
    assert t.find("Ana Quipse", None) is None  # no title: no guess
    assert t.find("Quipse", None, title="President") is None  # a bare surname: no guess
    assert t.find("Eva Quipse", None, title="President") is None  # another given name
    assert t.find("Ana Quipse", None, title="Prime Minister") is None  # another office


def test_a_title_and_a_name_find_the_holder_listed_under_both(table):
    # "King Hussein" is listed under that alias; the surname alone is another person's
    assert table.country_of("Hussein", None, title="King") == "JOR"
    assert table.country_of("Hussein", None, title="President") == "IRQ"


def test_the_office_is_the_end_of_the_title_the_words_before_it_say_when_or_where():
    t = _undated_table()
    assert t.country_of("Quispe", None, title="jailed former President") == "PER"
    assert t.country_of("Quispe", None, title="AFP)Peruvian President") == "PER"  # a dateline glued on
    assert t.country_of("Quispe", None, title="Deputy Prime Minister") is None
    one = OfficeTable(t.terms[:1])
    assert one.country_of("Quispe", None, title="veteran centre-right leader") == "PER"  # no office
