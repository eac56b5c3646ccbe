"""Sectors: the word table, its priority, offices, organisations and user lists."""

from __future__ import annotations

import pytest

from graphbuild.actors import gazetteer as gz
from graphbuild.actors.resolve import load_actor_list
from graphbuild.actors.sectors import load_sector_words, sector_of_role, sector_of_words
from graphbuild.errors import InputError, LexiconError
from graphbuild.types import Sector


@pytest.mark.parametrize(("words", "sector"), [
    (["government", "troops"], Sector.MILITARY),
    (["opposition", "lawmakers"], Sector.OPPOSITION),
    (["rebel", "forces"], Sector.REBELS),
    (["police", "forces"], Sector.POLICE),
    (["state", "media"], Sector.MEDIA),
    (["student", "protesters"], Sector.CIVILIANS),
    (["Supreme", "Court"], Sector.JUDICIARY),
    (["Foreign", "Ministry"], Sector.GOVERNMENT),
    (["companies"], Sector.BUSINESS),
    (["militias"], Sector.REBELS),
    (["talks", "policy"], None),
])
def test_the_most_specific_sector_of_a_phrase_wins(words, sector):
    assert sector_of_words(words) is sector


@pytest.mark.parametrize(("role", "words", "sector"), [
    ("Foreign Minister", [], Sector.GOVERNMENT),
    ("President", [], Sector.GOVERNMENT),
    ("General", [], Sector.MILITARY),
    ("Chief Justice", [], Sector.JUDICIARY),
    ("Senator", [], Sector.LEGISLATURE),
    ("Secretary-General", [], Sector.GOVERNMENT),  # "general" here is no rank
    ("leader", ["opposition", "leader"], Sector.OPPOSITION),
    ("commander", ["rebel", "commander"], Sector.REBELS),
    (None, ["journalist"], Sector.MEDIA),
    (None, [], None),
])
def test_a_persons_sector_from_office_and_title_words(role, words, sector):
    assert sector_of_role(role, words) is sector


def test_organisations_carry_their_sector():
    assert gz.organisation("NATO").sector is Sector.IGO
    assert gz.organisation("Amnesty International").sector is Sector.NGO
    assert gz.organisation("Knesset").sector is Sector.LEGISLATURE
    assert gz.organisation("FBI").sector is Sector.POLICE
    assert gz.organisation("Taliban").sector is Sector.REBELS  # a non-state group's default
    assert gz.organisation("Muslim Brotherhood").sector is Sector.OPPOSITION
    fsa = gz.organisation("Free Syrian Army")
    assert (fsa.country, fsa.sector) == ("SYR", Sector.REBELS)


def _table(tmp_path, rows):
    path = tmp_path / "sectors.csv"
    path.write_text("# source: a test\nword,sector\n" + rows, encoding="utf-8")
    return path


def test_the_sector_table_is_checked_on_load(tmp_path):
    assert load_sector_words(_table(tmp_path, "sniper,military\n"))["sniper"] is Sector.MILITARY
    with pytest.raises(LexiconError, match=r"sectors.csv:3: sector 'army' is not one of"):
        load_sector_words(_table(tmp_path, "soldier,army\n"))
    with pytest.raises(LexiconError, match=r"sectors.csv:4: 'judge' is already given the sector 'judiciary'"):
        load_sector_words(_table(tmp_path, "judge,judiciary\njudge,government\n"))
    with pytest.raises(LexiconError, match="is not one word"):
        load_sector_words(_table(tmp_path, "border guard,military\n"))
    bad = tmp_path / "nosource.csv"
    bad.write_text("word,sector\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="source"):
        load_sector_words(bad)


def test_a_user_list_may_give_a_sector(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text("name,type,country,sector\nNorthern Brigade,ORG,,rebels\nAna Ruiz,PERSON,ESP,\n",
                    encoding="utf-8")
    brigade, ruiz = load_actor_list(str(path))
    assert brigade.actor().sector is Sector.REBELS and ruiz.actor().sector is None
    path.write_text("name,type,sector\nNorthern Brigade,ORG,warlords\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_actor_list(str(path))
    assert str(err.value).startswith(f"{path}:2: unknown sector 'warlords'")


def test_an_organisation_the_extractor_reads_off_a_modifier_keeps_its_sector(parse):
    """"a NATO request" with the modifier left unresolved: the extractor names the owner
    from the organisation table, and the actor carries the table's sector."""
    from graphbuild.actors.context import Resolution
    from graphbuild.extract.arguments import _actors_for

    doc = parse([("a", "DET", "det", 2), ("NATO", "PROPN", "compound", 2, "B-ORG"),
                 ("request", "NOUN", "ROOT", 2)])
    (actor, _, tok), = _actors_for([doc[1]], Resolution())
    assert (actor.key, actor.sector, tok.i) == ("NATO", gz.organisation("NATO").sector, 1)
    assert actor.sector is Sector.IGO
