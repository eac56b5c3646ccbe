"""Tests of graphbuild.actors.gazetteer: states, organisations, titles and group nouns."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pycountry
import pytest

from graphbuild.actors import gazetteer as gz
from graphbuild.actors.gazetteer import (
    DATA_DIR,
    Gazetteer,
    GroupNoun,
    MatchKind,
    OrgKind,
    RoleCategory,
    TitledName,
)
from graphbuild.errors import GraphbuildError, LexiconError, RegistryError

# --------------------------------------------------------------------------- states


@pytest.mark.parametrize("text, iso3", [
    ("Russia", "RUS"), ("Russian Federation", "RUS"), ("Iran", "IRN"), ("Syria", "SYR"),
    ("South Korea", "KOR"), ("North Korea", "PRK"), ("DPRK", "PRK"), ("Vietnam", "VNM"),
    ("Laos", "LAO"), ("Britain", "GBR"), ("Great Britain", "GBR"), ("UK", "GBR"),
    ("US", "USA"), ("USA", "USA"), ("America", "USA"), ("the United States", "USA"),
    ("the Ivory Coast", "CIV"), ("Cote d'Ivoire", "CIV"), ("Burma", "MMR"),
    ("Turkiye", "TUR"), ("Czech Republic", "CZE"), ("Czechia", "CZE"), ("Palestine", "PSE"),
    ("Taiwan", "TWN"), ("Kosovo", "XKX"), ("Vatican", "VAT"), ("Holy See", "VAT"),
    ("the Netherlands", "NLD"), ("Holland", "NLD"), ("UAE", "ARE"), ("Swaziland", "SWZ"),
    ("Bosnia", "BIH"), ("East Timor", "TLS"), ("Republic of Congo", "COG"), ("DRC", "COD"),
])
def test_names_and_short_names(text: str, iso3: str) -> None:
    hit = gz.country(text)
    assert hit is not None and hit.iso3 == iso3
    assert hit.kind is MatchKind.NAME


@pytest.mark.parametrize("iso3, name", [
    ("RUS", "Russia"), ("IRN", "Iran"), ("KOR", "South Korea"), ("VNM", "Vietnam"),
    ("PSE", "Palestine"), ("MKD", "North Macedonia"), ("SWZ", "Eswatini"), ("XKX", "Kosovo"),
    ("VAT", "Vatican City"), ("TWN", "Taiwan"), ("GBR", "United Kingdom"),
])
def test_country_name_is_the_common_short_name(iso3: str, name: str) -> None:
    assert gz.country_name(iso3) == name
    assert gz.country_name(iso3.lower()) == name


def test_every_iso_country_has_a_short_name_that_resolves_back() -> None:
    for record in pycountry.countries:
        name = gz.country_name(record.alpha_3)
        hit = gz.country(name)
        assert hit is not None and hit.iso3 == record.alpha_3, (record.alpha_3, name)


def test_match_carries_the_canonical_name_not_the_text() -> None:
    hit = gz.country("Russian Federation")
    assert hit.name == "Russia"
    assert gz.country("Pakistanis").name == "Pakistan"


@pytest.mark.parametrize("text, iso3", [
    ("Russian", "RUS"), ("Russians", "RUS"), ("Pakistani", "PAK"), ("Pakistanis", "PAK"),
    ("Israeli", "ISR"), ("Israelis", "ISR"), ("Palestinian", "PSE"), ("Palestinians", "PSE"),
    ("Afghan", "AFG"), ("Afghans", "AFG"), ("Filipino", "PHL"), ("Filipinos", "PHL"),
    ("British", "GBR"), ("Briton", "GBR"), ("Britons", "GBR"), ("Chinese", "CHN"),
    ("the French", "FRA"), ("Swiss", "CHE"), ("Czechs", "CZE"), ("Saudi", "SAU"),
    ("Saudis", "SAU"), ("Emiratis", "ARE"), ("Poles", "POL"), ("Batswana", "BWA"),
    ("Kosovar", "XKX"), ("Thai", "THA"), ("American", "USA"), ("Indian", "IND"),
    ("Argentine", "ARG"), ("Uzbek", "UZB"),
])
def test_demonyms_and_their_plurals(text: str, iso3: str) -> None:
    hit = gz.country(text)
    assert hit is not None and hit.iso3 == iso3
    assert hit.kind is MatchKind.DEMONYM


def test_demonym_of_a_state() -> None:
    assert gz.demonym("PAK") == "Pakistani"
    assert gz.demonym("GBR") == "British"
    assert gz.demonym("ARG") == "Argentine"
    assert gz.demonym("XKX") == "Kosovar"


def test_peoples_without_a_state_get_nothing() -> None:
    for text in ("Kurds", "Kurdish", "Basque", "Arab", "Tamils"):
        assert gz.country(text) is None, text


def test_dependencies_do_not_claim_their_sovereigns_demonym() -> None:
    # countryinfo gives "French" to Réunion and "Chinese" to Hong Kong
    assert gz.country("French").iso3 == "FRA"
    assert gz.country("Chinese").iso3 == "CHN"
    assert gz.country("Hong Kong").iso3 == "HKG"


@pytest.mark.parametrize("text, iso3", [
    ("New Delhi", "IND"), ("Moscow", "RUS"), ("Kyiv", "UKR"), ("Kiev", "UKR"),
    ("Beijing", "CHN"), ("Islamabad", "PAK"), ("Tehran", "IRN"), ("Astana", "KAZ"),
    ("Pristina", "XKX"), ("Washington, D.C.", "USA"), ("Bogota", "COL"),
])
def test_capitals(text: str, iso3: str) -> None:
    hit = gz.country(text)
    assert hit is not None and (hit.iso3, hit.kind) == (iso3, MatchKind.CAPITAL)


@pytest.mark.parametrize("text, iso3", [
    ("the Kremlin", "RUS"), ("White House", "USA"), ("the Pentagon", "USA"),
    ("State Department", "USA"), ("Foggy Bottom", "USA"), ("Downing Street", "GBR"),
    ("Whitehall", "GBR"), ("Elysee", "FRA"), ("Élysée", "FRA"), ("Quai d'Orsay", "FRA"),
    ("Zhongnanhai", "CHN"), ("South Block", "IND"), ("Palestinian Authority", "PSE"),
])
def test_seats_and_bodies_of_government(text: str, iso3: str) -> None:
    hit = gz.country(text)
    assert hit is not None and (hit.iso3, hit.kind) == (iso3, MatchKind.BODY)


@pytest.mark.parametrize("text, iso3", [
    ("U.S.", "USA"), ("U.S.A.", "USA"), ("U.K.", "GBR"), ("U.A.E.", "ARE"),
    ("U.S.S.R.", "RUS"),
])
def test_abbreviations_with_periods(text: str, iso3: str) -> None:
    assert gz.country(text).iso3 == iso3


def test_short_acronyms_match_only_in_capitals() -> None:
    assert gz.country("us") is None
    assert gz.country("Us") is None
    assert gz.country("car") is None
    assert gz.country("CAR").iso3 == "CAF"
    assert gz.country("UK").iso3 == gz.country("U.K.").iso3 == "GBR"


@pytest.mark.parametrize("text, iso3", [
    ("Côte d’Ivoire", "CIV"), ("COTE D'IVOIRE", "CIV"), ("Türkiye", "TUR"), ("Élysée Palace", "FRA"),
    ("Quai d’Orsay", "FRA"), ("São Tomé and Príncipe", "STP"), ("Sao Tome and Principe", "STP"),
    ("Guinea Bissau", "GNB"), ("Trinidad & Tobago", "TTO"), ("St. Lucia", "LCA"),
    ("Saint Lucia", "LCA"), ("  russia  ", "RUS"),
])
def test_case_accents_apostrophes_and_punctuation_do_not_matter(text: str, iso3: str) -> None:
    assert gz.country(text).iso3 == iso3


def test_possessive_is_ignored() -> None:
    assert gz.country("India's").iso3 == "IND"
    assert gz.country("India’s").iso3 == "IND"
    assert gz.country("the Philippines'").iso3 == "PHL"


@pytest.mark.parametrize("text", [
    "Jordan", "Chad", "Georgia", "Niger", "Victoria", "Male", "Malé", "Kingston", "Georgetown",
    "Praia", "Washington", "Santiago", "Brussels", "Jerusalem", "Congo", "Korean", "Soviet",
    "Soviet Union", "Wales",
])
def test_strings_with_another_reading_are_flagged_ambiguous(text: str) -> None:
    hit = gz.country(text)
    assert hit is not None and hit.ambiguous, text


@pytest.mark.parametrize("text", [
    "India", "Russia", "Tbilisi", "Amman", "N'Djamena", "Kremlin", "Pakistani", "Turkey",
])
def test_unambiguous_strings_are_not_flagged(text: str) -> None:
    assert gz.country(text).ambiguous is False


def test_decisions_documented_in_the_module() -> None:
    assert gz.country("Soviet").iso3 == "RUS"
    assert gz.country("Congo").iso3 == "COD"
    assert gz.country("Congolese").ambiguous
    assert gz.country("Dominican").iso3 == "DOM"


@pytest.mark.parametrize("text", ["Nice", "Island", "Mann", "Guiana", "Dominique", "", "   ",
                                  "Lavrov", "the"])
def test_ordinary_words_and_names_are_not_states(text: str) -> None:
    assert gz.country(text) is None


def test_unknown_code_raises_registry_error_naming_it() -> None:
    with pytest.raises(RegistryError, match="ZZZ"):
        gz.country_name("ZZZ")
    with pytest.raises(GraphbuildError):
        gz.demonym("QQQ")


# --------------------------------------------------------------------------- organisations


@pytest.mark.parametrize("text, label", [
    ("UN", "United Nations"), ("U.N.", "United Nations"), ("the United Nations", "United Nations"),
    ("UN Security Council", "UN Security Council"), ("UNSC", "UN Security Council"),
    ("UNGA", "UN General Assembly"), ("UNHCR", "UNHCR"), ("Unicef", "UNICEF"),
    ("WHO", "World Health Organization"), ("World Health Organisation", "World Health Organization"),
    ("IAEA", "International Atomic Energy Agency"), ("WFP", "World Food Programme"),
    ("UNESCO", "UNESCO"), ("UN peacekeepers", "UN Peacekeeping"),
    ("EU", "European Union"), ("E.U.", "European Union"), ("European Community", "European Union"),
    ("European Commission", "European Commission"), ("NATO", "NATO"), ("Nato", "NATO"),
    ("SCO", "Shanghai Cooperation Organisation"), ("BRICS", "BRICS"), ("Asean", "ASEAN"),
    ("AU", "African Union"), ("OAS", "Organization of American States"),
    ("OSCE", "Organization for Security and Co-operation in Europe"), ("OPEC", "OPEC"),
    ("OPEC+", "OPEC+"), ("G7", "G7"), ("G-20", "G20"), ("Group of Twenty", "G20"), ("G8", "G8"),
    ("Arab League", "Arab League"), ("GCC", "Gulf Cooperation Council"), ("ECOWAS", "ECOWAS"),
    ("IMF", "International Monetary Fund"), ("World Bank", "World Bank"),
    ("WTO", "World Trade Organization"), ("ICJ", "International Court of Justice"),
    ("International Criminal Court", "International Criminal Court"), ("Interpol", "Interpol"),
    ("ICRC", "International Committee of the Red Cross"), ("APEC", "Asia-Pacific Economic Cooperation"),
    ("Commonwealth of Nations", "Commonwealth"), ("Quadrilateral Security Dialogue", "Quad"),
    ("SAARC", "South Asian Association for Regional Cooperation"),
    ("Doctors Without Borders", "Médecins Sans Frontières"), ("Medecins Sans Frontieres", "Médecins Sans Frontières"),
])
def test_organisations_by_label_acronym_and_alias(text: str, label: str) -> None:
    hit = gz.organisation(text)
    assert hit is not None and hit.label == label


def test_there_are_enough_intergovernmental_organisations() -> None:
    g = gz.gazetteer()
    igos = {m.label for m in g._orgs.entries.values() if m.kind is OrgKind.IGO}
    assert len(igos) >= 80


def test_igos_have_no_country_and_organs_know_their_parent() -> None:
    un = gz.organisation("United Nations")
    assert un.country is None and un.kind is OrgKind.IGO and un.short == "UN"
    assert "U.N." in un.aliases
    assert gz.organisation("UNICEF").parent == "United Nations"
    assert gz.organisation("European Commission").parent == "European Union"


def test_national_bodies_and_nonstate_groups_have_a_country() -> None:
    assert gz.organisation("Knesset").country == "ISR"
    assert gz.organisation("Knesset").kind is OrgKind.NATIONAL
    assert gz.organisation("Taliban").kind is OrgKind.NONSTATE


def test_organisation_acronyms_match_only_in_capitals() -> None:
    assert gz.organisation("who") is None
    assert gz.organisation("Who") is None
    assert gz.organisation("un") is None
    assert gz.organisation("Isis") is None
    assert gz.organisation("ISIS").label == "Islamic State"


@pytest.mark.parametrize("text", ["Security Council", "General Assembly", "Quad", "Commonwealth",
                                  "ICC", "Red Cross", "EC", "Congress"])
def test_organisation_aliases_with_another_reading_are_flagged(text: str) -> None:
    hit = gz.organisation(text)
    assert hit is not None and hit.ambiguous, text


def test_the_full_name_of_a_flagged_alias_is_not_ambiguous() -> None:
    assert not gz.organisation("UN Security Council").ambiguous
    assert not gz.organisation("International Committee of the Red Cross").ambiguous


def test_not_an_organisation() -> None:
    assert gz.organisation("Sergey Lavrov") is None
    assert gz.organisation("") is None


# --------------------------------------------------------------------------- titles


@pytest.mark.parametrize("text, label, category", [
    ("President", "President", RoleCategory.HEAD_OF_STATE),
    ("prime minister", "Prime Minister", RoleCategory.HEAD_OF_GOVERNMENT),
    ("PM", "Prime Minister", RoleCategory.HEAD_OF_GOVERNMENT),
    ("Foreign Minister", "Foreign Minister", RoleCategory.MINISTER),
    ("Minister of Foreign Affairs", "Foreign Minister", RoleCategory.MINISTER),
    ("External Affairs Minister", "External Affairs Minister", RoleCategory.MINISTER),
    ("Minister for External Affairs", "External Affairs Minister", RoleCategory.MINISTER),
    ("Foreign Secretary", "Foreign Secretary", RoleCategory.MINISTER),
    ("Secretary of State", "Secretary of State", RoleCategory.MINISTER),
    ("Defense Minister", "Defence Minister", RoleCategory.MINISTER),
    ("Defence Minister", "Defence Minister", RoleCategory.MINISTER),
    ("National Security Advisor", "National Security Adviser", RoleCategory.OFFICIAL),
    ("Chancellor", "Chancellor", RoleCategory.HEAD_OF_GOVERNMENT),
    ("King", "King", RoleCategory.HEAD_OF_STATE),
    ("Emir", "Emir", RoleCategory.HEAD_OF_STATE),
    ("Crown Prince", "Crown Prince", RoleCategory.ROYAL),
    ("Ambassador", "Ambassador", RoleCategory.DIPLOMAT),
    ("envoy", "Envoy", RoleCategory.DIPLOMAT),
    ("Spokesperson", "Spokesperson", RoleCategory.SPOKESPERSON),
    ("Secretary General", "Secretary-General", RoleCategory.OFFICIAL),
    ("Secretary-General", "Secretary-General", RoleCategory.OFFICIAL),
    ("Vice Admiral", "Vice Admiral", RoleCategory.RANK),
    ("Lt. Gen.", "Lieutenant General", RoleCategory.RANK),
    ("General", "General", RoleCategory.RANK),
])
def test_role_of_titles(text: str, label: str, category: RoleCategory) -> None:
    hit = gz.role_of(text)
    assert hit is not None and (hit.label, hit.category) == (label, category)


def test_role_qualifiers() -> None:
    deputy = gz.role_of("Deputy Foreign Minister")
    assert (deputy.label, deputy.office, deputy.former) == (
        "Deputy Foreign Minister", "Deputy Foreign Minister", False)
    former = gz.role_of("ex-President")
    assert (former.label, former.office, former.former) == ("Former President", "President", True)
    assert gz.role_of("then-President").label == "President"
    assert gz.role_of("Acting Prime Minister").category is RoleCategory.HEAD_OF_GOVERNMENT
    # a deputy is never the head of state or government
    assert gz.role_of("Deputy Prime Minister").category is RoleCategory.OFFICIAL
    assert gz.role_of("Vice President").category is RoleCategory.OFFICIAL


def test_role_of_rejects_what_is_not_only_a_title() -> None:
    assert gz.role_of("Sergey Lavrov") is None
    assert gz.role_of("Foreign Minister Lavrov") is None
    assert gz.role_of("pm") is None
    assert gz.role_of("") is None


def test_is_title_word() -> None:
    for word in ("Minister", "foreign", "Deputy", "Secretary-General", "Counterpart", "ministers"):
        assert gz.is_title_word(word), word
    for word in ("Lavrov", "of", "the", "India"):
        assert not gz.is_title_word(word), word


@pytest.mark.parametrize("text, expected", [
    ("Dr. Amina Diallo", "Amina Diallo"), ("Dr Amina Diallo", "Amina Diallo"),
    ("Mr. Ivan Petrov", "Ivan Petrov"), ("Mrs Ana Ruiz", "Ana Ruiz"), ("Ms. Ana Ruiz", "Ana Ruiz"),
    ("Sir John Smith", "John Smith"), ("H.E. Amina Diallo", "Amina Diallo"),
    ("His Excellency Dr. Amina Diallo", "Amina Diallo"), ("Shri Arjun Mehta", "Arjun Mehta"),
    ("The Right Honourable Jane Roe", "Jane Roe"),
    ("Sheikh Rahman", "Sheikh Rahman"), ("Ayatollah Ali Karimi", "Ayatollah Ali Karimi"),
    ("Lord Smith", "Lord Smith"), ("He Lifeng", "He Lifeng"), ("Dr.", ""), ("Ivan Petrov", "Ivan Petrov"),
])
def test_strip_honorifics(text: str, expected: str) -> None:
    assert gz.strip_honorifics(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Russian Foreign Minister Sergey Lavrov", ("RUS", "Foreign Minister", "Sergey Lavrov")),
    ("India's External Affairs Minister Dr. Arjun Mehta",
     ("IND", "External Affairs Minister", "Arjun Mehta")),
    ("Prime Minister Jane Roe", (None, "Prime Minister", "Jane Roe")),
    ("President of Ghana Kofi Mensah", ("GHA", "President", "Kofi Mensah")),
    ("former U.S. President John Smith", ("USA", "Former President", "John Smith")),
    ("then-President John Smith", (None, "President", "John Smith")),
    ("UN Secretary-General Ana Ruiz", (None, "UN Secretary-General", "Ana Ruiz")),
    ("NATO Secretary General Jens Berg", (None, "NATO Secretary-General", "Jens Berg")),
    ("Pakistan Army chief General Asim Khan", ("PAK", "Army Chief", "Asim Khan")),
    ("Pakistani Foreign Office spokesperson Ali Raza",
     ("PAK", "Foreign Office Spokesperson", "Ali Raza")),
    ("China's top diplomat Wang Lei", ("CHN", "Top Diplomat", "Wang Lei")),
    ("his South Korean counterpart Kim Min", ("KOR", "Counterpart", "Kim Min")),
    ("H.E. President Amina Diallo", (None, "President", "Amina Diallo")),
    ("Amina Diallo, Senegal's foreign minister", ("SEN", "Foreign Minister", "Amina Diallo")),
    ("King Abdullah II of Jordan", ("JOR", "King", "Abdullah II")),
    ("Lt. Gen. Omar Farouk", (None, "Lieutenant General", "Omar Farouk")),
    ("the Russian Foreign Minister", ("RUS", "Foreign Minister", "")),
    ("Deputy Foreign Minister Olga Ivanova", (None, "Deputy Foreign Minister", "Olga Ivanova")),
    ("Prime Minister Sheikh Rahman", (None, "Prime Minister", "Sheikh Rahman")),
    ("Indonesian Finance Minister Sri Wahyuni", ("IDN", "Finance Minister", "Sri Wahyuni")),
    ("IDF spokesperson Daniel Cohen", ("ISR", "IDF Spokesperson", "Daniel Cohen")),
])
def test_split_titled_name(text: str, expected: tuple) -> None:
    assert gz.split_titled_name(text) == TitledName(*expected)


@pytest.mark.parametrize("text, expected", [
    ("Jordan Smith", "Jordan Smith"), ("Chad Brown", "Chad Brown"), ("Georgia Lee", "Georgia Lee"),
    ("Mr. Ivan Petrov", "Ivan Petrov"), ("Sergey Lavrov", "Sergey Lavrov"),
])
def test_split_titled_name_leaves_untitled_names_alone(text: str, expected: str) -> None:
    assert gz.split_titled_name(text) == TitledName(None, None, expected)


def test_split_titled_name_unpacks_as_a_triple() -> None:
    iso3, role, name = gz.split_titled_name("Russian President Ivan Petrov")
    assert (iso3, role, name) == ("RUS", "President", "Ivan Petrov")


# --------------------------------------------------------------------------- group nouns


@pytest.mark.parametrize("text, label, is_government", [
    ("government", "Government", True), ("ministry", "Ministry", True),
    ("foreign ministry", "Foreign Ministry", True), ("Ministry of Foreign Affairs", "Foreign Ministry", True),
    ("foreign office", "Foreign Office", True), ("embassy", "Embassy", True),
    ("parliament", "Parliament", True), ("army", "Army", True), ("military", "Military", True),
    ("troop", "Troops", True), ("troops", "Troops", True), ("force", "Forces", True),
    ("police", "Police", True), ("navy", "Navy", True), ("air force", "Air Force", True),
    ("soldiers", "Soldiers", True), ("official", "Officials", True), ("diplomats", "Diplomats", True),
    ("delegation", "Delegation", True), ("authorities", "Authorities", True),
    ("court", "Court", True), ("cabinet", "Cabinet", True),
    ("security council", "National Security Council", True), ("intelligence", "Intelligence", True),
    ("rebels", "Rebels", False), ("militant", "Militants", False), ("guerrillas", "Guerrillas", False),
    ("militia", "Militia", False), ("protesters", "Protesters", False),
    ("demonstrators", "Demonstrators", False), ("students", "Students", False),
    ("workers", "Workers", False), ("opposition", "Opposition", False),
])
def test_group_nouns(text: str, label: str, is_government: bool) -> None:
    assert gz.group_noun(text) == GroupNoun(label, is_government)


def test_not_group_nouns() -> None:
    for text in ("oil", "summit", "Lavrov", ""):
        assert gz.group_noun(text) is None, text


def test_group_label_joins_the_states_adjective_and_the_noun() -> None:
    office = gz.group_noun("foreign office")
    assert gz.group_label("PAK", office) == "Pakistani Foreign Office"
    assert gz.group_label("USA", gz.group_noun("troops")) == "US Troops"
    assert gz.group_label("RUS", gz.group_noun("ministry of foreign affairs")) == "Russian Foreign Ministry"
    with pytest.raises(RegistryError):
        gz.group_label("ZZZ", office)


# --------------------------------------------------------------------------- loading


def test_loaded_once_and_nothing_read_at_import() -> None:
    assert gz.gazetteer() is gz.gazetteer()
    code = ("import sys, graphbuild.actors.gazetteer as g; "
            "print('countryinfo' in sys.modules, 'pycountry' in sys.modules, "
            "g.gazetteer.cache_info().currsize)")
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=root)
    assert out.stdout.split() == ["False", "False", "0"]


def test_loading_everything_is_fast() -> None:
    Gazetteer.load()  # warm the imports and the file cache
    start = time.perf_counter()
    Gazetteer.load()
    assert time.perf_counter() - start < 0.5


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def _append(path: Path, row: str) -> int:
    """Append a row; return its line number."""
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    path.write_text(text + row + "\n", encoding="utf-8")
    return text.count("\n") + 1


@pytest.mark.parametrize("filename, row, message", [
    ("countries.csv", "ZZZ,name,Nowhere Land,", "unknown ISO 3166 alpha-3 code 'ZZZ'"),
    ("countries.csv", "IND,nickname,Bharat,", "kind 'nickname'"),
    ("countries.csv", "IND,name,Bharat,sometimes", "flag 'sometimes'"),
    ("countries.csv", "IND,name", "expected 4 comma-separated columns"),
    ("countries.csv", "PAK,name,Russia,", "listed for several states"),
    ("organisations.csv", "Test Body,TB,club,-,-,", "kind 'club'"),
    ("organisations.csv", "Test Body,TB,igo,ZZZ,-,", "unknown ISO 3166 alpha-3 code 'ZZZ'"),
    ("organisations.csv", "Test Body,TB,igo,-,No Such Parent,", "parent 'No Such Parent'"),
    ("organisations.csv", "Test Body,TB,igo,-,-,NATO", "already names 'NATO'"),
    ("roles.csv", "Grand Vizier,Grand Vizier,vizierial", "category 'vizierial'"),
    ("roles.csv", "President,Chairman,official", "already given as 'President'"),
    ("qualifiers.csv", "Very,Very,sometimes", "effect 'sometimes'"),
    ("groups.csv", "legion;legions,Legion,army", "kind 'army'"),
    ("groups.csv", "troops,Soldiery,government", "already given to 'Troops'"),
    ("honorifics.csv", "Mr,Mister", "expected 1 comma-separated columns"),
])
def test_malformed_row_raises_lexicon_error_naming_file_and_line(
        data_copy: Path, filename: str, row: str, message: str) -> None:
    path = data_copy / filename
    line = _append(path, row)
    with pytest.raises(LexiconError) as info:
        Gazetteer.load(data_copy)
    assert f"{path}:{line}:" in str(info.value)
    assert message in str(info.value)
    assert isinstance(info.value, ValueError)


def test_missing_source_line_is_an_error(data_copy: Path) -> None:
    path = data_copy / "honorifics.csv"
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if "source:" not in ln]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="source:"):
        Gazetteer.load(data_copy)


def test_wrong_header_and_missing_file_are_errors(data_copy: Path) -> None:
    path = data_copy / "groups.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("forms,label,kind", "forms,label"),
                    encoding="utf-8")
    with pytest.raises(LexiconError, match="expected the header"):
        Gazetteer.load(data_copy)
    path.unlink()
    with pytest.raises(LexiconError, match="groups.csv"):
        Gazetteer.load(data_copy)


def test_a_data_directory_of_ones_own_extends_the_gazetteer(data_copy: Path) -> None:
    _append(data_copy / "organisations.csv", "Test Forum,TF,igo,-,-,Forum of Tests")
    _append(data_copy / "countries.csv", "IND,body,Raisina Dialogue Hall,ambiguous")
    g = Gazetteer.load(data_copy)
    assert g.organisation("Forum of Tests").label == "Test Forum"
    hit = g.country("Raisina Dialogue Hall")
    assert (hit.iso3, hit.kind, hit.ambiguous) == ("IND", MatchKind.BODY, True)
    assert gz.organisation("Forum of Tests") is None  # the package's gazetteer is unchanged


@pytest.mark.parametrize("text, iso3", [
    ("West Bank", "PSE"), ("Gaza Strip", "PSE"), ("Kampuchea", "KHM"), ("Kampuchean", "KHM"),
])
def test_territories_and_former_names_map_to_their_state(text, iso3):
    assert gz.country(text).iso3 == iso3


def test_countryinfo_facts_are_kept_as_countryinfo_gives_them() -> None:
    """The facts kept between runs are what countryinfo says today, read back whole."""
    assert gz._library_table() == gz.library_facts_from_countryinfo()
    assert gz._library_table()["FRA"]["capital"] == "Paris"


def test_no_run_imports_countryinfo() -> None:
    """Once the tables are kept, loading the gazetteer and reading states and regions do not
    import countryinfo."""
    from graphbuild.actors import regions

    gz._library_table()  # both kept in this session's folder, which the subprocess shares
    regions._read_package_regions()
    code = ("import sys; from graphbuild.actors.gazetteer import gazetteer, country; "
            "from graphbuild.actors.regions import region_state; gazetteer(); "
            "assert country('Pakistanis').iso3 == 'PAK' and region_state('Chiapas') == 'MEX'; "
            "print('countryinfo' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
