"""The region gazetteer (graphbuild/actors/regions.py) and groups named by a region of a state."""

from __future__ import annotations

import pytest

from graphbuild.actors.regions import fold, region_state
from graphbuild.actors.resolve import resolve
from graphbuild.types import ActorType, Sector


@pytest.mark.parametrize(("name", "iso"), [
    ("Chiapas", "MEX"),             # a state of a federation (ISO 3166-2)
    ("Oaxaca", "MEX"),
    ("Kerala", "IND"),
    ("Khyber-Pakhtunkhwa", "PAK"),  # hyphen or space
    ("Khyber Pakhtunkhwa", "PAK"),
    ("Quebec", "CAN"),              # accents folded ("Québec")
    ("Sarawak", "MYS"),
    ("Cabinda", "AGO"),             # our own table: a name English news uses
    ("Casamance", "SEN"),
])
def test_a_region_names_its_state(name, iso):
    assert region_state(name) == iso


@pytest.mark.parametrize("name", [
    "Punjab",       # a region of two states
    "Georgia",      # a state's name (and a region of another)
    "Herzegovina",  # a part of a state's name
    "Plateau",      # a common English word
    "Forest",
    "Bay",          # too short to trust, and a common word
    "Atlantis",     # no region at all
])
def test_an_ambiguous_or_unknown_name_names_no_state(name):
    assert region_state(name) is None


def test_package_regions_are_kept_as_the_packages_give_them():
    """The region names kept between runs are what pycountry and countryinfo give today."""
    from graphbuild.actors import regions

    assert regions._read_package_regions() == (regions._package_regions(), regions._parts_of_state_names())


def test_no_run_loads_the_subdivisions():
    """Once the table is kept, reading a region does not load pycountry's subdivisions or
    import countryinfo's provinces."""
    import subprocess
    import sys

    from graphbuild.actors import regions

    regions._read_package_regions()  # kept in this session's folder, which the subprocess shares

    code = ("import pycountry, sys; from graphbuild.actors.regions import region_state; "
            "assert region_state('Chiapas') == 'MEX'; "
            "print(pycountry.subdivisions._is_loaded)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_states_name_is_refused_where_asked_as_when_the_index_was_made():
    """region_state refuses a state's name when it is asked; refusing it while building the
    index gives the same answer for every name the index holds."""
    from graphbuild.actors import gazetteer as gz
    from graphbuild.actors import regions

    index = regions._index()
    plain = {name: iso if gz.country(name) is None else None for name, iso in index.items()}
    assert {name: region_state(name) for name in index} == plain
    assert any(iso is not None for iso in plain.values()) and "georgia" in index


def test_names_are_folded_for_accents_apostrophes_and_case():
    assert fold("Québec") == fold("QUEBEC") == "quebec"
    assert region_state("QUÉBEC") == "CAN"


def test_the_bad_table_row_names_the_file_and_line(tmp_path, monkeypatch):
    from graphbuild.actors import regions
    from graphbuild.errors import LexiconError

    bad = tmp_path / "data"
    bad.mkdir()
    (bad / "regions.csv").write_text("# c\nname,country,kind\nChiapas,Mexico,region\n", encoding="utf-8")

    class Files:
        def __truediv__(self, part):
            return tmp_path / part

    monkeypatch.setattr(regions.resources, "files", lambda _pkg: Files())
    with pytest.raises(LexiconError, match=r"regions\.csv:3: country 'Mexico'"):
        regions._read_table()


@pytest.fixture
def groups(nlp):
    def run(text):
        doc = nlp(text)
        res = resolve(doc)
        return {doc[i].text: res.by_token[i] for i in sorted(res.heads)}

    return run


def test_a_group_named_by_a_region_is_of_the_regions_state(groups):
    found = groups("Chiapas rebels attacked a police post, and Cabinda separatists blocked a road.")
    rebels, separatists = found["rebels"][0], found["separatists"][0]
    assert (rebels.label, rebels.type, rebels.country, rebels.sector) == (
        "Chiapas Rebels", ActorType.ORG, "MEX", Sector.REBELS)
    assert (separatists.country, separatists.sector) == ("AGO", Sector.REBELS)


def test_a_group_found_in_a_region_or_a_part_of_a_state_is_that_states(groups):
    found = groups("Militants in Balochistan ambushed a convoy.")
    assert found["Militants"][0].country == "PAK"
    found = groups("Rebels in the south of Paraguay seized a ranch.")
    assert found["Rebels"][0].country == "PRY"


def test_a_region_of_two_states_gives_no_state_and_a_regions_government_is_not_the_state(groups):
    police = groups("Punjab police arrested six men.")["police"][0]
    assert police.country is None
    government = groups("The Quebec government criticised the plan.")["government"][0]
    assert (government.type, government.country, government.sector) == (ActorType.ORG, "CAN", Sector.GOVERNMENT)


def test_a_regional_groups_label_keeps_the_words_of_its_name(groups):
    government = groups("The Oaxaca State Government criticised the plan.")["Government"][0]
    assert (government.label, government.country) == ("Oaxaca State Government", "MEX")
