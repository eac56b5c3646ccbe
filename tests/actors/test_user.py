"""Tests of graphbuild/actors/user.py: a user's actor list, as CSV or as a PETRARCH dictionary."""

from __future__ import annotations

import datetime as dt

import pytest

from graphbuild.actors.user import load_actor_list, read_actor_dictionary, read_actor_list_csv
from graphbuild.errors import InputError
from graphbuild.types import ActorType, Sector

DICTIONARY = """\
# a small dictionary of our own, in the PETRARCH/Phoenix actor format
<!-- an XML-style comment line -->
TOMAS_VARGA_   ; people of a made-up cabinet
+T._VARGA_
+TOMAS_J._VARGA_
\t[HUNGOV 150601-190601]
\t[HUNMIL >190601]

RIVER_VALLEY_FRONT_  [HUNREB]
+VALLEY_FRONT_

ANA_QUISPE_
\t[PERELI <20010101]
\t[PERGOV 20010101-20060101]

ANDEAN_TRADE_COUNCIL_ [IGOSAMTRD]

PERU_  [PER]
+PERUVIAN_
---STOP---
IGNORED_AFTER_STOP_ [USA]
"""


@pytest.fixture
def dictionary(tmp_path):
    path = tmp_path / "actors.txt"
    path.write_text(DICTIONARY, encoding="utf-8")
    return path


def test_a_dictionary_gives_one_dated_row_per_role(dictionary):
    rows = read_actor_dictionary(dictionary)
    varga = [r for r in rows if r.name == "Tomas Varga"]
    assert [(r.country, r.sector, r.valid_from, r.valid_to) for r in varga] == [
        ("HUN", Sector.GOVERNMENT, dt.date(2015, 6, 1), dt.date(2019, 6, 1)),
        ("HUN", Sector.MILITARY, dt.date(2019, 6, 1), None),
    ]
    assert all(r.type is ActorType.PERSON for r in varga)
    assert varga[0].aliases == ("T. Varga", "Tomas J. Varga")


def test_dates_in_both_widths_and_both_open_ends(dictionary):
    quispe = [r for r in read_actor_dictionary(dictionary) if r.name == "Ana Quispe"]
    assert [(r.valid_from, r.valid_to) for r in quispe] == [
        (None, dt.date(2001, 1, 1)), (dt.date(2001, 1, 1), dt.date(2006, 1, 1))]
    assert quispe[0].sector is None  # ELI (elites) names no sector
    assert quispe[1].valid_on(dt.date(2003, 5, 1)) and not quispe[1].valid_on(dt.date(2007, 1, 1))


def test_groups_states_and_organisations_get_their_kind(dictionary):
    rows = {r.name: r for r in read_actor_dictionary(dictionary)}
    assert rows["River Valley Front"].type is ActorType.ORG
    assert rows["River Valley Front"].sector is Sector.REBELS
    assert rows["River Valley Front"].country == "HUN"
    assert rows["Peru"].type is ActorType.COUNTRY and rows["Peru"].aliases == ("Peruvian",)
    council = rows["Andean Trade Council"]
    assert council.type is ActorType.ORG and council.country is None and council.sector is Sector.IGO
    assert "Ignored After Stop" not in rows


def test_load_actor_list_reads_a_dictionary_by_its_extension(dictionary):
    assert load_actor_list(dictionary) == read_actor_dictionary(dictionary)


@pytest.mark.parametrize("line, message", [
    ("\t[HUNGOV 150631-190601]", "not a dictionary date"),
    ("\t[HUNGOV 190601-150601]", "ends .* before it starts"),
    ("\t[HUNGOV 150601]", "expected <DATE, >DATE or DATE-DATE"),
    ("+ALIAS_ONLY_", "alias line before any actor"),
])
def test_a_bad_line_names_the_file_and_line(tmp_path, line, message):
    path = tmp_path / "bad.txt"
    body = f"{line}\n" if line.startswith("+") else f"SOMEONE_\n{line}\n"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(InputError, match=message) as err:
        read_actor_dictionary(path)
    assert "bad.txt:" in str(err.value)


def test_an_unreadable_dictionary_is_one_error(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("JOS\xc9_\n\t[PERGOV]\n".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        read_actor_dictionary(path)


def test_a_csv_list_takes_a_sector_column(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text("name,aliases,type,country,role,valid_from,valid_to,sector\n"
                    "Tomas Varga,Varga|T. Varga,PERSON,HUN,General,2019-06-01,,military\n",
                    encoding="utf-8")
    (row,) = read_actor_list_csv(path)
    assert row.sector is Sector.MILITARY and row.aliases == ("Varga", "T. Varga")
    assert row.actor().sector is Sector.MILITARY
    path.write_text("name,sector\nTomas Varga,navy\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown sector 'navy'") as err:
        read_actor_list_csv(path)
    assert err.value.line == 2


def test_the_extractor_codes_a_dictionary_person_as_the_dictionary_says(dictionary):
    from graphbuild.pipeline import extract

    events = extract("Tomas Varga met Peru's foreign minister on Monday.", actors=str(dictionary),
                     date="2016-03-01")
    assert events, "no event"
    varga = events[0].source if events[0].source.label == "Tomas Varga" else events[0].target
    assert varga.country == "HUN" and varga.sector is Sector.GOVERNMENT


@pytest.mark.parametrize("name", ["actors-example.csv", "actors-example.txt"])
def test_the_readmes_example_actor_lists_read_as_documented(name):
    from pathlib import Path

    rows = load_actor_list(Path(__file__).resolve().parents[2] / "docs" / name)
    quispe = [r for r in rows if r.name == "Ana Quispe"]
    assert quispe and quispe[0].country == "PER" and quispe[0].sector is Sector.GOVERNMENT
    assert quispe[0].valid_on(dt.date(2022, 1, 1)) and not quispe[0].valid_on(dt.date(2024, 1, 1))
    varga = next(r for r in rows if r.name == "Tomas Varga")
    assert varga.sector is Sector.MILITARY and "T. Varga" in varga.aliases
    front = next(r for r in rows if r.name == "River Valley Front")
    assert front.type is ActorType.ORG and front.sector is Sector.REBELS
