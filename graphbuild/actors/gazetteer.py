"""What graphbuild knows about actors before any text is parsed.

States
    Every ISO 3166 country: codes and official names from pycountry; common names,
    alternate spellings, capitals, demonyms and populations from countryinfo (read once and
    kept between runs: :mod:`graphbuild.actors.package_tables`); and in
    ``data/countries.csv`` what those lack: short names ("Russia", "UK", "U.S."),
    demonyms and their plurals ("Israelis", "Britons"), capitals ("Kyiv", "Kiev"), seats
    and bodies of government that stand for the state ("the Kremlin", "Downing Street"),
    Kosovo, and which entries are dependencies.
Organisations
    ``data/organisations.csv``: intergovernmental organisations and their organs, a few
    international NGOs, named bodies of one state and non-state armed groups.
Titles
    ``data/roles.csv`` (offices), ``data/qualifiers.csv`` ("Deputy", "former") and
    ``data/honorifics.csv`` (styles stripped from a person's label).
Group nouns
    ``data/groups.csv``: the nouns that make a group actor when a state modifies them
    ("Pakistani foreign office", "Russian troops").

Every lookup first normalises its text (:func:`normalise_key`), so case, accents, curly
apostrophes, periods ("U.S."), hyphens and a leading "the" do not matter. Acronyms of up
to three letters match only when written in capitals: "us" and "who" are neither the
United States nor the World Health Organization.

Ambiguity
    Some strings that name a state have a frequent other reading: a person's name
    ("Jordan", "Chad"), a US state ("Georgia"), an ordinary word ("Male", "Praia"), another
    city ("Kingston", "Victoria", "Santiago") or another actor ("Brussels" mostly means the
    European Union). Their matches carry ``ambiguous=True``; a caller should accept them
    only with support from the parse (an entity label, a title, a preposition such as
    "of"). Unflagged strings are safe on their own in news text.

Decisions
    - "Soviet", "Soviet Union" and "USSR" map to RUS, the continuator state of the USSR
      (it took the Soviet seat in the UN Security Council), and are flagged ambiguous:
      the reference is usually historical and may concern any successor state.
    - Kosovo, absent from ISO 3166-1, is XKX (the code the European Commission and the
      World Bank use). "Palestine", "Palestinian" and "Palestinian Authority" are PSE.
    - A dependency (Hong Kong, Greenland, Puerto Rico ...) is matched by its names only;
      countryinfo's capitals and demonyms for it are not indexed, since they are often the
      sovereign's ("French" for Réunion) or common words ("The Valley", "Hamilton").
    - When countryinfo gives one string to several states, the state wins (not a
      dependency), then a name over a demonym over a capital, then the larger population;
      the data file settles the cases that matter ("Congo" is DR Congo, flagged ambiguous;
      "Korean" is South Korean, flagged ambiguous).
    - Group labels use the text's noun, canonicalised only in spelling, number and word
      order: "Pakistan's Foreign Office" and "the Pakistani foreign office" are both
      "Pakistani Foreign Office"; "ministry of foreign affairs" is "Foreign Ministry".
    - "Sheikh", "Ayatollah", "Lord" and "Lady" are not stripped as honorifics (they are
      often a family name or part of the name a person is known by).

Everything is read the first time it is needed, once per process (:func:`gazetteer`),
and checked as it is read: a malformed row raises
:class:`~graphbuild.errors.LexiconError` naming the file and line.

Examples
--------
>>> m = country("the Kremlin")
>>> m.iso3, m.name, m.kind.value, m.ambiguous
('RUS', 'Russia', 'body', False)
>>> country("Israelis").iso3, country("U.S.").iso3, country("us") is None
('ISR', 'USA', True)
>>> country("Jordan").ambiguous
True
>>> organisation("U.N.").label
'United Nations'
>>> split_titled_name("Russian Foreign Minister Sergey Lavrov")
TitledName(country='RUS', role='Foreign Minister', name='Sergey Lavrov')
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum, StrEnum
from pathlib import Path
from typing import Generic, NamedTuple, TypeVar

from ..errors import LexiconError, RegistryError
from ..types import Sector

__all__ = [
    "DATA_DIR",
    "MatchKind",
    "OrgKind",
    "RoleCategory",
    "CountryMatch",
    "OrgMatch",
    "RoleMatch",
    "GroupNoun",
    "TitledName",
    "Gazetteer",
    "gazetteer",
    "normalise_key",
    "may_end_a_name",
    "country",
    "country_name",
    "demonym",
    "organisation",
    "role_of",
    "is_title_word",
    "strip_honorifics",
    "group_forms",
    "group_noun",
    "group_label",
    "split_titled_name",
    "read_table",
]

logger = logging.getLogger(__name__)

#: Where the package's data files live.
DATA_DIR = Path(__file__).with_name("data")

T = TypeVar("T")
E = TypeVar("E", bound=Enum)


# --------------------------------------------------------------------------- values


class MatchKind(StrEnum):
    """How a string names a state."""

    NAME = "name"
    DEMONYM = "demonym"
    CAPITAL = "capital"
    BODY = "body"



class OrgKind(StrEnum):
    """What kind of organisation an :class:`OrgMatch` is."""

    IGO = "igo"
    NGO = "ngo"
    NATIONAL = "national"
    NONSTATE = "nonstate"



class RoleCategory(StrEnum):
    """The kind of office a title names."""

    HEAD_OF_STATE = "head_of_state"
    HEAD_OF_GOVERNMENT = "head_of_government"
    MINISTER = "minister"
    DIPLOMAT = "diplomat"
    MILITARY = "military"
    RANK = "rank"
    LEGISLATOR = "legislator"
    JUDICIAL = "judicial"
    OFFICIAL = "official"
    ROYAL = "royal"
    SPOKESPERSON = "spokesperson"
    POLITICAL = "political"
    RELIGIOUS = "religious"
    OTHER = "other"



@dataclass(frozen=True)
class CountryMatch:
    """A string that names a state.

    ``name`` is the state's canonical short name ("Russia", not "Russian Federation");
    ``ambiguous`` says the string has a frequent other reading (see the module notes).
    """

    iso3: str
    name: str
    kind: MatchKind
    ambiguous: bool = False


@dataclass(frozen=True)
class OrgMatch:
    """A string that names an organisation.

    ``short`` is the form used before a title ("UN" in "UN Secretary-General");
    ``country`` is set for a national body or a non-state group based in one state;
    ``parent`` is the label of the organisation this is an organ of; ``sector`` the part
    of society it belongs to (an IGO, the legislature, rebels ...).
    """

    label: str
    aliases: tuple[str, ...] = ()
    short: str = ""
    kind: OrgKind = OrgKind.IGO
    country: str | None = None
    parent: str | None = None
    ambiguous: bool = False
    sector: Sector | None = None


@dataclass(frozen=True)
class RoleMatch:
    """A title read as an office.

    ``office`` is the office with the qualifiers that belong to it ("Deputy Foreign
    Minister"); ``label`` adds "Former" when ``former`` says the person no longer holds
    it. A deputy's ``category`` is never a head of state or government.
    """

    label: str
    office: str
    category: RoleCategory
    former: bool = False


@dataclass(frozen=True)
class GroupNoun:
    """A collective noun that makes a group actor when a state modifies it.

    ``is_government`` is True for organs of the state (executive, legislature, courts,
    armed forces, police, intelligence, diplomats), which act for it.
    """

    label: str
    is_government: bool


class TitledName(NamedTuple):
    """A person's name split from the titles before it."""

    country: str | None
    role: str | None
    name: str


# --------------------------------------------------------------------------- normalising

_FOLD = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "`": "'", "\u2032": "'",
    "\u0131": "i", "\u00f8": "o", "\u00d8": "O", "\u0111": "d", "\u0110": "D", "\u0142": "l",
    "\u0141": "L", "\u00e6": "ae", "\u00c6": "AE", "\u0153": "oe", "\u0152": "OE",
    "\u00fe": "th", "\u00f0": "d", "&": " and ",
})
_JOINERS = re.compile(r"[.']")
_SEPARATORS = re.compile(r"[^\w\s+]|_")
_TOKEN_SUBSTITUTES = {"saint": "st"}
_LEADING = frozenset({"the"})
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "our", "my", "your"})
_STOPWORDS = frozenset({"of", "for", "the", "and", "to", "in", "on", "at", "a", "an"})


def _words(text: str) -> list[str]:
    """The normalised words of ``text``: folded, lower-case, no accents or punctuation."""
    text = text.translate(_FOLD)
    if not text.isascii():  # ASCII has no decompositions and no combining marks
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold()
    text = _SEPARATORS.sub(" ", _JOINERS.sub("", text))
    return [_TOKEN_SUBSTITUTES.get(w, w) for w in text.split()]


@functools.lru_cache(maxsize=1 << 16)  # a pure function of the string, called for every mention
def normalise_key(text: str) -> str:
    """The key every lookup uses: case, accents, apostrophes, periods, hyphens and a
    leading "the" removed.

    Parameters
    ----------
    text : str
        Any string.

    Returns
    -------
    str
        Lower-case ASCII-folded words joined by single spaces.

    Examples
    --------
    >>> normalise_key("the Côte d’Ivoire")
    'cote divoire'
    >>> normalise_key("U.S.") == normalise_key("US")
    True
    >>> normalise_key("Secretary-General")
    'secretary general'
    """
    words = _words(text)
    if words and words[0] in _LEADING:
        words = words[1:]
    return " ".join(words)


def _strip_possessive(text: str) -> str:
    text = text.strip().translate(_FOLD)
    if text.endswith("'s"):
        return text[:-2]
    if text.endswith("s'"):
        return text[:-1]
    return text


def _in_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _short_acronym(alias: str) -> bool:
    """An alias written in capitals with at most three letters ("UN", "U.S.", "G20")."""
    letters = [c for c in alias if c.isalpha()]
    return 0 < len(letters) <= 3 and all(c.isupper() for c in letters) and " " not in alias


class _Index(Generic[T]):
    """Entries by normalised key; some keys match only text written in capitals."""

    __slots__ = ("entries", "_cased")

    def __init__(self) -> None:
        self.entries: dict[str, T] = {}
        self._cased: dict[str, bool] = {}

    def vote_cased(self, key: str, cased: bool) -> None:
        # a key is case-sensitive only if every alias giving it is
        self._cased[key] = self._cased.get(key, True) and cased

    def get(self, text: str) -> T | None:
        return self.get_key(normalise_key(text), text)

    def get_key(self, key: str, text: str) -> T | None:
        """The entry under ``key``, normalised from ``text`` (checked for capitals)."""
        hit = self.entries.get(key)
        if hit is not None and self._cased.get(key) and not _in_capitals(text):
            return None
        return hit


# --------------------------------------------------------------------------- reading data


def _bad(path: Path, line: int, message: str) -> LexiconError:
    return LexiconError(f"{path}:{line}: {message}")


def _read_rows(path: Path, header: Sequence[str], *, optional: int = 0
               ) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(line number, cells)`` for each data row of a CSV lexicon file.

    Blank lines and ``#`` comments are skipped; a ``# source:`` comment must come before
    the header line, which must be exactly ``header``. The last ``optional`` columns may be
    left out.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise LexiconError(f"{path}: cannot read lexicon file: {err}") from err
    has_source = has_header = False
    for lineno, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            has_source = has_source or stripped[1:].strip().lower().startswith("source:")
            continue
        try:
            cells = [c.strip() for c in next(csv.reader([stripped], skipinitialspace=True))]
        except csv.Error as err:
            raise _bad(path, lineno, f"unreadable CSV row: {err}") from err
        if not has_header:
            if cells != list(header):
                raise _bad(path, lineno, f"expected the header {','.join(header)!r}, found {stripped!r}")
            if not has_source:
                raise _bad(path, lineno, "no '# source:' comment before the header says where "
                                         "the file's facts come from")
            has_header = True
            continue
        if not len(header) - optional <= len(cells) <= len(header):
            raise _bad(path, lineno, f"expected {len(header)} comma-separated columns "
                                     f"({', '.join(header)}), found {len(cells)}: {stripped!r}")
        yield lineno, cells + [""] * (len(header) - len(cells))
    if not has_header:
        raise LexiconError(f"{path}: no header line {','.join(header)!r}")


def read_table(path: Path, header: Sequence[str], *, optional: int = 0
               ) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(line number, cells)`` for each data row of a CSV table in the package's layout:
    ``#`` comments (one ``# source:`` line before the header), a header line exactly
    ``header``, the last ``optional`` columns may be left out. A malformed file raises
    :class:`LexiconError` naming the file and line."""
    return _read_rows(path, header, optional=optional)


def _require(path: Path, line: int, value: str, column: str) -> str:
    if not value:
        raise _bad(path, line, f"the {column!r} column is empty")
    return value


def _choice(path: Path, line: int, value: str, column: str, enum: type[E]) -> E:
    try:
        return enum(value)
    except ValueError:
        valid = ", ".join(str(m.value) for m in enum)
        raise _bad(path, line, f"{column} {value!r} is not one of: {valid}") from None


@dataclass
class _Candidate:
    iso3: str
    kind: MatchKind
    ambiguous: bool
    ours: bool
    line: int = 0
    text: str = ""


_KIND_RANK = {MatchKind.NAME: 0, MatchKind.BODY: 1, MatchKind.DEMONYM: 2, MatchKind.CAPITAL: 3}
_COUNTRY_KINDS = ("state", "short", "name", "demonym", "capital", "body", "adjective",
                  "dependency", "drop")
_COUNTRY_FLAGS = ("ambiguous", "primary", "cased", "plural=")


def _plural(demonym: str) -> str | None:
    """The plural of a demonym used as a noun, or None if it is the same word."""
    lower = demonym.lower()
    if lower.endswith(("ese", "ish", "ss", "ench", "utch")):
        return None
    return demonym + "s"


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by one letter added, dropped or changed, or two
    neighbouring letters swapped.

    Examples
    --------
    >>> one_edit("israel", "isreal"), one_edit("morocco", "morroco"), one_edit("chad", "chad")
    (True, False, False)
    """
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


#: The names a misspelling may stand for: one word of 6 letters or more that names a state
#: (or its people) and has no other frequent reading.
_MISSPELT_MIN = 6


def _near_name_index(entries: dict[str, CountryMatch]) -> dict[str, set[str]]:
    """Each name and each of its one-letter deletions, to the names (a symmetric-deletion
    index: two words one edit apart share a key)."""
    near: dict[str, set[str]] = {}
    for key, hit in entries.items():
        if (hit.kind in (MatchKind.NAME, MatchKind.DEMONYM) and not hit.ambiguous
                and len(key) >= _MISSPELT_MIN and key.isalpha()):
            for variant in {key, *_deletions(key)}:
                near.setdefault(variant, set()).add(key)
    return near


#: How often (Zipf scale: 2.0 is once in ten million words) a word is written for it to be
#: a word of its own and not a misspelling.
_WORD_ZIPF = 2.0


def library_facts_from_countryinfo() -> dict[str, dict[str, object]]:
    """countryinfo's facts of every pycountry state it knows (its name, other spellings,
    population, capital and demonyms), by alpha-3 code. Made once and kept between runs
    (:mod:`graphbuild.actors.package_tables`): no run reads countryinfo's file of every state."""
    import pycountry
    from countryinfo import CountryInfo, CountryNotFoundError

    facts: dict[str, dict[str, object]] = {}
    for record in pycountry.countries:
        try:
            info = CountryInfo(record.alpha_3)
            facts[record.alpha_3] = {"name": info.name(), "alt_spellings": info.alt_spellings(),
                                     "population": info.population(), "capital": info.capital(),
                                     "demonym": info.demonym()}
        except CountryNotFoundError:
            continue
    return facts


@functools.cache
def _library_table() -> dict[str, dict[str, object]]:
    from .package_tables import kept

    return kept("countryinfo-facts", library_facts_from_countryinfo,
                packages=("countryinfo", "pycountry"), files=[__file__])


def _edits(word: str) -> set[str]:
    """Every lower-case ASCII word one edit (see :func:`one_edit`) from ``word``."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    cuts = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return (_deletions(word)
            | {a + b[1] + b[0] + b[2:] for a, b in cuts if len(b) > 1}
            | {a + c + b[1:] for a, b in cuts if b for c in letters if c != b[0]}
            | {a + c + b for a, b in cuts for c in letters}) - {word}


def near_words_from_frequencies(names: Iterable[str]) -> set[str]:
    """The words one edit from one of ``names`` that English writes often enough to be words
    of their own (wordfreq, Zipf >= 2.0).

    >>> "israeli" in near_words_from_frequencies(["israel"])
    True
    """
    from wordfreq import zipf_frequency

    return {w for name in names for w in _edits(name) if zipf_frequency(w, "en") >= _WORD_ZIPF}


def _near_words_table() -> dict[str, list[str]]:
    """The names of the built-in tables a misspelling may stand for (those of
    :func:`_near_name_index`), and the English words one edit from them."""
    names = sorted({n for keys in _near_name_index(Gazetteer.load()._countries.index.entries).values()
                    for n in keys})
    return {"names": names, "words": sorted(near_words_from_frequencies(names))}


@functools.cache
def _near_words() -> tuple[frozenset[str], frozenset[str]]:
    """(the names the near-words table covers, its words): made once from wordfreq's
    frequencies and kept between runs (:mod:`graphbuild.actors.package_tables`), so that no run
    loads the frequencies of every English word."""
    from .package_tables import kept

    table = kept("near-words", _near_words_table, packages=("wordfreq", "pycountry", "countryinfo"),
                 files=[__file__, DATA_DIR / "countries.csv"])
    return frozenset(table["names"]), frozenset(table["words"])


def _is_a_word(word: str, names: Iterable[str]) -> bool:
    """True when English text writes ``word`` (one edit from each of ``names``) often enough
    for it to be a word or name of its own. A name the table was not made for (a gazetteer
    of the user's) counts as such a word: no misspelling of it is read."""
    covered, words = _near_words()
    return word.casefold() in words or not covered.issuperset(names)


class _CountryTables:
    """Country names, demonyms and capitals from pycountry, countryinfo and our file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.short: dict[str, str] = {}
        self.demonym: dict[str, str | None] = {}
        self.adjective: dict[str, str] = {}
        self.index: _Index[CountryMatch] = _Index()
        self._candidates: dict[str, list[_Candidate]] = {}

    def add(self, text: str, cand: _Candidate, *, cased: bool = False) -> None:
        key = normalise_key(text)
        if not key:
            return
        cand.text = text
        self._candidates.setdefault(key, []).append(cand)
        self.index.vote_cased(key, cased or _short_acronym(text))

    def build(self) -> None:
        """Read our file, then index pycountry's and countryinfo's names under it."""
        rows = list(_read_rows(self.path, ("iso3", "kind", "text", "flags"), optional=1))
        self._read_states(rows)
        parsed = [self._read_row(line, *cells) for line, cells in rows]
        for row in parsed:
            if row is not None:
                self._add_ours(*row)
        population = self._add_library()
        for iso3, short in self._ours_short.items():
            self.short.setdefault(iso3, short)
            self.demonym.setdefault(iso3, self._primary.get(iso3) or
                                    next(iter(self._ours_demonyms.get(iso3, ())), None))
        self._resolve(self._dependencies, population)

    def _read_states(self, rows: list[tuple[int, list[str]]]) -> None:
        """The codes the file may use: ISO 3166's and those its 'state' rows define."""
        import pycountry

        self._known = {c.alpha_3 for c in pycountry.countries}
        self._codes = {c.alpha_2 for c in pycountry.countries} | self._known
        self._ours_short: dict[str, str] = {}
        self._dependencies: dict[str, str] = {}
        self._drops: set[tuple[str, str]] = set()
        self._primary: dict[str, str] = {}
        self._ours_demonyms: dict[str, list[str]] = {}
        for line, (iso3, kind, text, _flags) in rows:
            if kind == "state":
                if not re.fullmatch(r"[A-Z]{3}", iso3):
                    raise _bad(self.path, line, f"{iso3!r} is not an alpha-3 code (three capitals)")
                self._known.add(iso3)
                self._ours_short[iso3] = _require(self.path, line, text, "text")

    def _code(self, line: int, value: str) -> str:
        if value not in self._known:
            raise _bad(self.path, line, f"unknown ISO 3166 alpha-3 code {value!r} "
                                        "(three capitals, such as 'IND'; define a new one "
                                        "with a 'state' row)")
        return value

    def _flags(self, line: int, flags: str) -> tuple[set[str], str | None]:
        """The flags of a row and its demonym's plural ("": derive it; None: it has none)."""
        flagset: set[str] = set()
        plural: str | None = ""
        for flag in filter(None, (f.strip() for f in flags.split(";"))):
            if flag.startswith("plural="):
                plural = flag[len("plural="):].strip()
                plural = None if plural == "-" else _require(self.path, line, plural, "plural=")
            elif flag in _COUNTRY_FLAGS:
                flagset.add(flag)
            else:
                raise _bad(self.path, line, f"flag {flag!r} is not one of: "
                                            f"ambiguous, primary, cased, plural=X")
        return flagset, plural

    def _read_row(self, line: int, iso3: str, kind: str, text: str, flags: str
                  ) -> tuple[int, str, MatchKind, str, set[str], str | None] | None:
        """Check one row and keep what it says; the row to index, if it names the state."""
        iso3 = self._code(line, iso3)
        if kind not in _COUNTRY_KINDS:
            raise _bad(self.path, line, f"kind {kind!r} is not one of: {', '.join(_COUNTRY_KINDS)}")
        _require(self.path, line, text, "text")
        flagset, plural = self._flags(line, flags)
        if kind == "short":
            self._ours_short[iso3] = text
        elif kind == "adjective":
            self.adjective[iso3] = text
        elif kind == "dependency":
            self._dependencies[iso3] = text if text == "-" else self._code(line, text)
        elif kind == "drop":
            self._drops.add((iso3, normalise_key(text)))
        elif kind == "demonym":
            self._ours_demonyms.setdefault(iso3, []).append(text)
            if "primary" in flagset:
                self._primary.setdefault(iso3, text)
        if kind not in ("state", "short", "name", "demonym", "capital", "body"):
            return None
        as_kind = MatchKind.NAME if kind in ("state", "short") else MatchKind(kind)
        return line, iso3, as_kind, text, flagset, plural

    def _add_ours(self, line: int, iso3: str, kind: MatchKind, text: str, flagset: set[str],
                  plural: str | None) -> None:
        cand = dict(ambiguous="ambiguous" in flagset, ours=True, line=line)
        self.add(text, _Candidate(iso3, kind, **cand), cased="cased" in flagset)
        if kind is MatchKind.DEMONYM:
            plural = _plural(text) if plural == "" else plural
            if plural:
                self.add(plural, _Candidate(iso3, kind, **cand), cased="cased" in flagset)

    def _library_facts(self, record, sovereign: bool) -> tuple[set[str], str | None, list[str], int]:
        """countryinfo's names, capital, demonyms and population of a pycountry record."""
        iso3 = record.alpha_3
        names = {record.name, getattr(record, "official_name", record.name),
                 getattr(record, "common_name", record.name)}
        info = _library_table().get(iso3)
        if info is not None:
            ci_name = info["name"]
            names.add(ci_name)
            names.update(a.strip() for a in info["alt_spellings"] if a.strip() not in self._codes)
            population = info["population"] or 0
            capital = info["capital"] if sovereign else None
            demonyms = [d.strip() for d in (info["demonym"] or "").split(",")] if sovereign else []
        else:  # a state countryinfo lacks
            ci_name, capital, demonyms, population = None, None, [], 0
        self.short[iso3] = (self._ours_short.get(iso3) or ci_name
                            or getattr(record, "common_name", None) or record.name)
        return names, capital, demonyms, population

    def _add_library(self) -> dict[str, int]:
        """Index every ISO 3166 state's names, capital and demonyms; their populations."""
        import pycountry

        population: dict[str, int] = {}
        for record in pycountry.countries:
            iso3 = record.alpha_3
            names, capital, demonyms, population[iso3] = self._library_facts(
                record, iso3 not in self._dependencies)
            for name in names:
                if name and (iso3, normalise_key(name)) not in self._drops:
                    self.add(name, _Candidate(iso3, MatchKind.NAME, False, False))
            if isinstance(capital, str) and capital.strip():
                if (iso3, normalise_key(capital)) not in self._drops:
                    self.add(capital.strip(), _Candidate(iso3, MatchKind.CAPITAL, False, False))
            demonyms = [d for d in demonyms if d and (iso3, normalise_key(d)) not in self._drops]
            for dem in demonyms:
                self.add(dem, _Candidate(iso3, MatchKind.DEMONYM, False, False))
                if _plural(dem):
                    self.add(_plural(dem), _Candidate(iso3, MatchKind.DEMONYM, False, False))
            self.demonym[iso3] = self._primary.get(iso3) or (demonyms[0] if demonyms else None) or \
                next(iter(self._ours_demonyms.get(iso3, ())), None)
        return population

    def _resolve(self, dependencies: dict[str, str], population: dict[str, int]) -> None:
        for key, cands in self._candidates.items():
            ours = [c for c in cands if c.ours]
            if ours:
                isos = {c.iso3 for c in ours}
                if len(isos) > 1 and not all(c.ambiguous for c in ours):
                    where = ", ".join(f"{c.iso3} (line {c.line})" for c in ours)
                    other = next(c for c in ours if c.iso3 != ours[0].iso3)
                    raise _bad(self.path, other.line,
                               f"{ours[0].text!r} is listed for several states: {where}; flag "
                               "every such row 'ambiguous' or keep one")
                best = ours[0]
                ambiguous = any(c.ambiguous for c in ours if c.iso3 == best.iso3) or len(isos) > 1
            else:
                ranked = sorted(cands, key=lambda c: (c.iso3 in dependencies, _KIND_RANK[c.kind],
                                                      -population.get(c.iso3, 0)))
                best = ranked[0]
                rivals = {c.iso3 for c in ranked
                          if c.iso3 != best.iso3 and c.iso3 not in dependencies
                          and _KIND_RANK[c.kind] == _KIND_RANK[best.kind]}
                ambiguous = bool(rivals) and best.iso3 not in dependencies
                if len({c.iso3 for c in cands}) > 1:
                    logger.debug("%r: countryinfo/pycountry give %s; chose %s%s", key,
                                 sorted({c.iso3 for c in cands}), best.iso3,
                                 " (ambiguous)" if ambiguous else "")
            kind = min((c.kind for c in cands if c.iso3 == best.iso3 and c.ours == best.ours),
                       key=_KIND_RANK.__getitem__)
            self.index.entries[key] = CountryMatch(best.iso3, self.short[best.iso3], kind,
                                                   ambiguous)
        self._candidates.clear()


# an organisation's sector when its row gives none
_ORG_SECTORS = {OrgKind.IGO: Sector.IGO, OrgKind.NGO: Sector.NGO, OrgKind.NONSTATE: Sector.REBELS,
                OrgKind.NATIONAL: Sector.GOVERNMENT}


@dataclass(frozen=True)
class _Qualifier:
    label: str
    effect: str  # keep | deputy | former | drop


@dataclass(frozen=True)
class _Role:
    label: str
    category: RoleCategory


# --------------------------------------------------------------------------- the gazetteer


class Gazetteer:
    """All the tables, read and checked once; most callers use the module's functions.

    Use :meth:`load` to read a directory of data files of your own (the same six files as
    :data:`DATA_DIR`); pycountry and countryinfo are always used.

    Examples
    --------
    >>> g = gazetteer()
    >>> g.country("Kyiv").iso3
    'UKR'
    """

    def __init__(self) -> None:
        self._countries: _CountryTables
        self._orgs: _Index[OrgMatch] = _Index()
        self._misspelt: dict[str, CountryMatch | None] = {}
        self._near_names: dict[str, set[str]] | None = None
        self._name_ends: frozenset[str] | None = None  # see may_end_a_name
        self._roles: _Index[_Role] = _Index()
        self._qualifiers: _Index[_Qualifier] = _Index()
        self._honorifics: _Index[bool] = _Index()
        self._groups: _Index[GroupNoun] = _Index()
        self._title_words: frozenset[str] = frozenset()
        self._longest = 1

    # ------------------------------------------------------------------ loading

    @classmethod
    def load(cls, directory: str | Path | None = None) -> Gazetteer:
        """Read and check every table.

        Parameters
        ----------
        directory : str or Path, optional
            A directory holding ``countries.csv``, ``organisations.csv``, ``roles.csv``,
            ``qualifiers.csv``, ``honorifics.csv`` and ``groups.csv``; the package's own
            :data:`DATA_DIR` by default.

        Returns
        -------
        Gazetteer

        Raises
        ------
        LexiconError
            A file is missing or a row is malformed; the message names file and line.

        Examples
        --------
        >>> Gazetteer.load().country_name("IND")
        'India'
        """
        base = Path(directory) if directory is not None else DATA_DIR
        g = cls()
        g._countries = _CountryTables(base / "countries.csv")
        g._countries.build()
        g._load_organisations(base / "organisations.csv")
        g._load_roles(base / "roles.csv", base / "qualifiers.csv", base / "honorifics.csv")
        g._load_groups(base / "groups.csv")
        logger.debug("gazetteer loaded from %s: %d country keys, %d organisation keys, "
                     "%d role keys, %d group keys", base, len(g._countries.index.entries),
                     len(g._orgs.entries), len(g._roles.entries), len(g._groups.entries))
        return g

    def _iso3(self, path: Path, line: int, value: str) -> str | None:
        if value == "-":
            return None
        if value not in self._countries.short:
            raise _bad(path, line, f"unknown ISO 3166 alpha-3 code {value!r} (or - for none)")
        return value

    def _load_organisations(self, path: Path) -> None:
        header = ("label", "short", "kind", "country", "parent", "aliases", "sector")
        rows = list(_read_rows(path, header, optional=2))
        labels = {normalise_key(r[0]): line for line, r in rows}
        owner: dict[str, tuple[str, int]] = {}
        for line, (label, short, kind, country_, parent, aliases, sector) in rows:
            _require(path, line, label, "label")
            if parent not in ("-", "") and normalise_key(parent) not in labels:
                raise _bad(path, line, f"parent {parent!r} is not the label of any row")
            written: list[tuple[str, bool, bool]] = [(label, False, False)]
            if short and short != label:
                written.append((short, False, False))
            for alias in filter(None, (a.strip() for a in aliases.split(";"))):
                ambiguous, cased = alias.endswith("?"), alias.endswith("!")
                alias = alias.rstrip("?!").strip()
                written.append((_require(path, line, alias, "aliases"), ambiguous, cased))
            names = tuple(dict.fromkeys(a for a, _, _ in written if a != label))
            org_kind = _choice(path, line, kind, "kind", OrgKind)
            match = OrgMatch(label, names, short or label, org_kind,
                             self._iso3(path, line, _require(path, line, country_, "country")),
                             None if parent in ("-", "") else parent,
                             sector=(_choice(path, line, sector, "sector", Sector) if sector
                                     else _ORG_SECTORS.get(org_kind)))
            ambiguous_keys: set[str] = set()
            for alias, ambiguous, cased in written:
                key = normalise_key(alias)
                if key in owner and owner[key][0] != label:
                    raise _bad(path, line, f"alias {alias!r} already names {owner[key][0]!r} "
                                           f"(line {owner[key][1]})")
                owner[key] = (label, line)
                if ambiguous:
                    ambiguous_keys.add(key)
                self._orgs.vote_cased(key, cased or _short_acronym(alias))
            for alias, _, _ in written:
                key = normalise_key(alias)
                self._orgs.entries[key] = (dataclasses.replace(match, ambiguous=True)
                                           if key in ambiguous_keys else match)

    def _load_roles(self, roles: Path, qualifiers: Path, honorifics: Path) -> None:
        generated: list[tuple[str, _Role]] = []
        owner: dict[str, tuple[_Role, int]] = {}
        for line, (text, label, category) in _read_rows(roles, ("text", "label", "category")):
            role = _Role(_require(roles, line, label, "label"),
                         _choice(roles, line, category, "category", RoleCategory))
            key = normalise_key(_require(roles, line, text, "text"))
            if key in owner and owner[key][0] != role:
                raise _bad(roles, line, f"title {text!r} is already given as {owner[key][0].label!r} "
                                        f"(line {owner[key][1]})")
            owner[key] = (role, line)
            self._roles.entries[key] = role
            self._roles.vote_cased(key, _short_acronym(text))
            portfolio = re.fullmatch(r"(.+?)\s+minister", text, flags=re.IGNORECASE)
            if role.category is RoleCategory.MINISTER and portfolio:
                for form in ("Minister of {}", "Minister for {}"):
                    generated.append((form.format(portfolio.group(1)), role))
        for text, role in generated:
            key = normalise_key(text)
            if key not in self._roles.entries:
                self._roles.entries[key] = role
                self._roles.vote_cased(key, False)
        for line, (text, label, effect) in _read_rows(qualifiers, ("text", "label", "effect")):
            if effect not in ("keep", "deputy", "former", "drop"):
                raise _bad(qualifiers, line,
                           f"effect {effect!r} is not one of: keep, deputy, former, drop")
            if effect != "drop":
                _require(qualifiers, line, label, "label")
            key = normalise_key(_require(qualifiers, line, text, "text"))
            self._qualifiers.entries[key] = _Qualifier(label, effect)
            self._qualifiers.vote_cased(key, False)
        for line, (text,) in _read_rows(honorifics, ("text",)):
            # keyed with a leading "the": "The Right Honourable" is one style
            key = " ".join(_words(_require(honorifics, line, text, "text")))
            self._honorifics.entries[key] = True
            self._honorifics.vote_cased(key, _short_acronym(text))
        keys = [*self._roles.entries, *self._qualifiers.entries, *self._honorifics.entries]
        self._title_words = frozenset(w for k in [*self._roles.entries, *self._qualifiers.entries]
                                      for w in k.split() if w not in _STOPWORDS)
        self._longest = max(len(k.split()) for k in keys)

    def _load_groups(self, path: Path) -> None:
        owner: dict[str, tuple[GroupNoun, int]] = {}
        for line, (forms, label, kind) in _read_rows(path, ("forms", "label", "kind")):
            if kind not in ("government", "nonstate"):
                raise _bad(path, line, f"kind {kind!r} is not one of: government, nonstate")
            noun = GroupNoun(_require(path, line, label, "label"), kind == "government")
            for form in filter(None, (f.strip() for f in forms.split(";"))):
                key = normalise_key(form)
                if key in owner and owner[key][0] != noun:
                    raise _bad(path, line, f"form {form!r} is already given to "
                                           f"{owner[key][0].label!r} (line {owner[key][1]})")
                owner[key] = (noun, line)
                self._groups.entries[key] = noun
                self._groups.vote_cased(key, _short_acronym(form))
        self._longest = max(self._longest, *(len(k.split()) for k in owner))

    # ------------------------------------------------------------------ states

    def country(self, text: str) -> CountryMatch | None:
        """The state ``text`` names, if any: see :func:`country`."""
        if not text or not text.strip():
            return None
        hit = self._countries.index.get(text)
        if hit is None:
            bare = _strip_possessive(text)
            if bare != text.strip():
                hit = self._countries.index.get(bare)
            if hit is None:
                hit = self.misspelt_country(bare)
        return hit

    def misspelt_country(self, word: str) -> CountryMatch | None:
        """The state a capitalised word misspells, if it is one edit (a letter added, dropped,
        changed, or two swapped) from the one name or demonym of that state of 6 letters or
        more, and no word of its own ("Venezuala"; never "Columbia", "Indiana" or a name
        the gazetteer knows).

        Examples
        --------
        >>> g = gazetteer()
        >>> g.misspelt_country("Phillippines").iso3
        'PHL'
        >>> g.misspelt_country("Columbia") is None, g.misspelt_country("venezuala") is None
        (True, True)
        """
        word = word.strip()
        if len(word) < 6 or not word.isalpha() or not word[0].isupper() or word.isupper():
            return None
        if word not in self._misspelt:
            self._misspelt[word] = self._find_misspelt(word)
        return self._misspelt[word]

    def _find_misspelt(self, word: str) -> CountryMatch | None:
        if self._near_names is None:
            self._near_names = _near_name_index(self._countries.index.entries)
        key = normalise_key(word)
        found = {name for variant in {key, *_deletions(key)} for name in self._near_names.get(variant, ())}
        near = [n for n in found if one_edit(key, n)]
        hits = {self._countries.index.entries[n] for n in near}
        if len({h.iso3 for h in hits}) != 1 or _is_a_word(word, near) or self._orgs.get(word) is not None:
            return None
        best = min(hits, key=lambda h: h.kind != MatchKind.NAME)
        return CountryMatch(best.iso3, best.name, best.kind)

    def _known(self, iso3: str) -> str:
        code = iso3.strip().upper() if isinstance(iso3, str) else iso3
        if code not in self._countries.short:
            raise RegistryError(f"unknown ISO 3166 alpha-3 code {iso3!r}; the gazetteer knows "
                                f"{len(self._countries.short)} codes such as 'IND', 'RUS', 'XKX'")
        return code

    def country_name(self, iso3: str) -> str:
        """The canonical short name of a state: see :func:`country_name`."""
        return self._countries.short[self._known(iso3)]

    def demonym(self, iso3: str) -> str | None:
        """The adjective for a state's people: see :func:`demonym`."""
        return self._countries.demonym.get(self._known(iso3))

    # ------------------------------------------------------------------ organisations

    def organisation(self, text: str) -> OrgMatch | None:
        """The organisation ``text`` names, if any: see :func:`organisation`."""
        if not text or not text.strip():
            return None
        hit = self._orgs.get(text)
        if hit is None:
            bare = _strip_possessive(text)
            if bare != text.strip():
                hit = self._orgs.get(bare)
        return hit

    # ------------------------------------------------------------------ titles

    def _spans(self, words: Sequence[str], i: int, index: _Index[T], raw: str
               ) -> list[tuple[int, T]]:
        """Every ``(end, entry)`` of ``index`` matching ``words[i:end]``, shortest first."""
        out = []
        for j in range(i + 1, min(len(words), i + self._longest) + 1):
            hit = index.get_key(" ".join(words[i:j]), raw)
            if hit is not None:
                out.append((j, hit))
        return out

    def _role_sequence(self, words: Sequence[str], i: int, quals: tuple[_Qualifier, ...],
                       raw: str) -> tuple[tuple[_Qualifier, ...], _Role] | None:
        for j, role in reversed(self._spans(words, i, self._roles, raw)):
            if j == len(words):
                return quals, role
        for j, qual in reversed(self._spans(words, i, self._qualifiers, raw)):
            found = self._role_sequence(words, j, (*quals, qual), raw)
            if found:
                return found
        return None

    @staticmethod
    def _role_match(quals: Sequence[_Qualifier], role: _Role, prefix: Sequence[str] = ()
                    ) -> RoleMatch:
        former = any(q.effect == "former" for q in quals)
        kept = list(dict.fromkeys(q.label for q in quals if q.effect in ("keep", "deputy")))
        office = " ".join([*kept, *prefix, role.label])
        category = role.category
        if any(q.effect == "deputy" for q in quals) and category in (
                RoleCategory.HEAD_OF_STATE, RoleCategory.HEAD_OF_GOVERNMENT):
            category = RoleCategory.OFFICIAL
        return RoleMatch(f"Former {office}" if former else office, office, category, former)

    def role_of(self, text: str) -> RoleMatch | None:
        """The office a title names: see :func:`role_of`."""
        words = normalise_key(text).split()
        if not words:
            return None
        found = self._role_sequence(words, 0, (), text)
        return self._role_match(*found) if found else None

    def is_title_word(self, word: str) -> bool:
        """Whether a word is part of a title: see :func:`is_title_word`."""
        key = normalise_key(word)
        if key in self._title_words or key in self._roles.entries:
            return True
        return key.endswith("s") and key[:-1] in self._title_words  # "Ministers"

    def strip_honorifics(self, name: str) -> str:
        """A person's name without leading styles: see :func:`strip_honorifics`."""
        tokens = name.split()
        words = [_words(t) for t in tokens]
        i = 0
        while i < len(tokens):
            for j in range(min(len(tokens), i + self._longest), i, -1):
                key = " ".join(w for ws in words[i:j] for w in ws)
                if key and self._honorifics.get_key(key, " ".join(tokens[i:j])):
                    i = j
                    break
            else:
                break
        return " ".join(tokens[i:])

    # ------------------------------------------------------------------ groups

    def group_noun(self, lemma: str) -> GroupNoun | None:
        """The group noun ``lemma`` is, if any: see :func:`group_noun`."""
        if not lemma or not lemma.strip():
            return None
        return self._groups.get(lemma)

    def group_forms(self) -> frozenset[str]:
        """Every form of every group noun: see :func:`group_forms`."""
        return frozenset(self._groups.entries)

    def may_end_a_name(self, text: str) -> bool:
        """Whether a phrase ending in ``text`` may name an organisation or a group noun: see
        :func:`may_end_a_name`."""
        if self._name_ends is None:
            keys = [*self._orgs.entries, *self._groups.entries]
            self._name_ends = frozenset(k.split()[-1] if k.split() else "" for k in keys)
        if "" in self._name_ends:
            return True  # a key of no words: any phrase of none may be it
        return any(not words or words[-1] in self._name_ends
                   for words in (_words(text), _words(_strip_possessive(text))))

    def group_label(self, iso3: str, noun: GroupNoun) -> str:
        """The label of a state's group: see :func:`group_label`."""
        code = self._known(iso3)
        adjective = (self._countries.adjective.get(code) or self._countries.demonym.get(code)
                     or self._countries.short[code])
        return f"{adjective} {noun.label}"

    # ------------------------------------------------------------------ titled names

    def split_titled_name(self, text: str) -> TitledName:
        """Split titles from a person's name: see :func:`split_titled_name`."""
        parsed = self._split(text)
        if parsed.role is None and "," in text:
            head, _, tail = text.partition(",")
            after = self._split(tail)
            if after.role is not None and not after.name:
                return TitledName(after.country, after.role, self._clean_name(head))
        return parsed

    def _clean_name(self, text: str) -> str:
        return self.strip_honorifics(text.strip().strip(",;:").strip())

    def _split(self, text: str) -> TitledName:
        tokens = _Tokens(text)
        found = _PrefixSearch(self, tokens).best()
        if found is None or found.role is None:
            return TitledName(None, None, self._clean_name(text))
        org = found.org
        names = [p for p in (org.short if org else None, found.unit.label if found.unit else None) if p]
        role = self._role_match(found.quals, found.role, names)
        name = self._clean_name(tokens.rest(found.end))
        iso3 = found.country or (org.country if org and org.kind is OrgKind.NATIONAL else None)
        tail = re.search(r"\s+of\s+(.+)$", name)
        if tail and iso3 is None and org is None:  # "King Abdullah II of Jordan"
            hit = self.country(tail.group(1))
            if hit is not None:
                iso3, name = hit.iso3, name[:tail.start()]
        return TitledName(iso3, role.label, name)


class _PrefixSearch:
    """Every way to read the start of a titled name as determiner, honorifics, qualifiers,
    one state or organisation, one group noun and an office; the longest reading wins."""

    def __init__(self, g: Gazetteer, tokens: _Tokens) -> None:
        self.g = g
        self.tokens = tokens
        self.found: _Prefix | None = None

    def best(self) -> _Prefix | None:
        self.walk(0, _Prefix())
        return self.found

    def finish(self, j: int, prefix: _Prefix) -> None:
        """After the office: "of India" (or "of NATO"), then ranks ("Army Chief General X")."""
        g, tokens = self.g, self.tokens
        if j < len(tokens) and tokens.words[j] in (["of"], ["for"]) and prefix.free:
            for k, c in reversed(tokens.lookups(j + 1, g._countries.index, possessive=True)):
                prefix, j = dataclasses.replace(prefix, country=c.iso3), k
                break
            else:
                for k, o in reversed(tokens.lookups(j + 1, g._orgs, possessive=True)):
                    prefix, j = dataclasses.replace(prefix, org=o), k
                    break
        while ranks := [k for k, r in tokens.lookups(j, g._roles) if r.category is RoleCategory.RANK]:
            j = ranks[-1]
        if self.found is None or j > self.found.end:
            self.found = dataclasses.replace(prefix, end=j)

    def walk(self, i: int, prefix: _Prefix) -> None:
        g, tokens = self.g, self.tokens
        if i >= min(len(tokens), 12):
            return
        for j, role in reversed(tokens.lookups(i, g._roles)):
            self.finish(j, dataclasses.replace(prefix, role=role))
        if i == 0 and len(tokens.words[0]) == 1 and tokens.words[0][0] in _DETERMINERS:
            self.walk(1, prefix)
        for j, _ in tokens.lookups(i, g._honorifics):
            self.walk(j, prefix)
        for j, qual in tokens.lookups(i, g._qualifiers):
            self.walk(j, dataclasses.replace(prefix, quals=(*prefix.quals, qual)))
        if prefix.free and prefix.unit is None:
            for j, c in tokens.lookups(i, g._countries.index, possessive=True):
                self.walk(j, dataclasses.replace(prefix, country=c.iso3))
            for j, o in tokens.lookups(i, g._orgs, possessive=True):
                self.walk(j, dataclasses.replace(prefix, org=o))
        if prefix.unit is None:
            for j, unit in tokens.lookups(i, g._groups):
                self.walk(j, dataclasses.replace(prefix, unit=unit))


@dataclass(frozen=True)
class _Prefix:
    """What :meth:`Gazetteer.split_titled_name` has read before the name so far."""

    country: str | None = None
    org: OrgMatch | None = None
    unit: GroupNoun | None = None
    quals: tuple[_Qualifier, ...] = ()
    role: _Role | None = None
    end: int = 0

    @property
    def free(self) -> bool:
        """No state or organisation read yet."""
        return self.country is None and self.org is None


class _Tokens:
    """A titled name cut at spaces, with the normalised words of each token."""

    def __init__(self, text: str) -> None:
        self.raw: list[str] = []
        for tok in text.split():
            glued = re.match(r"(?i)(ex|then|former)[-\u2010\u2011](?=\w)", tok)  # "ex-President"
            self.raw += [glued.group(1), tok[glued.end():]] if glued else [tok]
        self.words = [_words(t) for t in self.raw]
        self.bare = [_words(_strip_possessive(t)) for t in self.raw]  # "India's" -> india

    def __len__(self) -> int:
        return len(self.raw)

    def rest(self, i: int) -> str:
        return " ".join(self.raw[i:])

    def lookups(self, i: int, index: _Index[T], *, possessive: bool = False
                ) -> list[tuple[int, T]]:
        """Every ``(end, entry)`` of ``index`` naming tokens ``i:end``, shortest first."""
        out = []
        for j in range(i + 1, min(len(self.raw), i + 6) + 1):
            last = self.bare[j - 1] if possessive else self.words[j - 1]
            key = " ".join([w for ws in self.words[i:j - 1] for w in ws] + last)
            hit = index.get_key(key, " ".join(self.raw[i:j])) if key else None
            if hit is not None:
                out.append((j, hit))
        return out


# --------------------------------------------------------------------------- module API


@functools.cache
def gazetteer() -> Gazetteer:
    """The package's gazetteer, read on first use and kept for the process.

    Examples
    --------
    >>> gazetteer() is gazetteer()
    True
    """
    return Gazetteer.load()


@functools.lru_cache(maxsize=65536)  # lookups repeat across articles
def country(text: str) -> CountryMatch | None:
    """The state a string names: by name, demonym, capital or seat of government.

    Parameters
    ----------
    text : str
        A name as written ("the U.K.", "Côte d'Ivoire", "Pakistanis", "Downing Street").
        A trailing possessive ("India's") is ignored.

    Returns
    -------
    CountryMatch or None
        None when the string names no state. Check ``ambiguous`` before trusting a match
        without context.

    Examples
    --------
    >>> country("South Korean").iso3
    'KOR'
    >>> m = country("Côte d’Ivoire")
    >>> m.iso3, m.name
    ('CIV', 'Ivory Coast')
    >>> country("New Delhi").kind.value
    'capital'
    >>> country("Georgia").ambiguous, country("Tbilisi").ambiguous
    (True, False)
    >>> country("Kurds") is None
    True
    """
    return gazetteer().country(text)


def country_name(iso3: str) -> str:
    """The canonical short name of a state.

    Parameters
    ----------
    iso3 : str
        An ISO 3166 alpha-3 code (or XKX for Kosovo), in any case.

    Raises
    ------
    RegistryError
        The code is unknown.

    Examples
    --------
    >>> country_name("RUS"), country_name("prk"), country_name("XKX")
    ('Russia', 'North Korea', 'Kosovo')
    """
    return gazetteer().country_name(iso3)


def demonym(iso3: str) -> str | None:
    """The adjective for a state's people ("Pakistani"), or None if none is known.

    Raises
    ------
    RegistryError
        The code is unknown.

    Examples
    --------
    >>> demonym("PAK"), demonym("GBR"), demonym("PHL")
    ('Pakistani', 'British', 'Filipino')
    """
    return gazetteer().demonym(iso3)


@functools.lru_cache(maxsize=65536)  # lookups repeat across articles
def organisation(text: str) -> OrgMatch | None:
    """The organisation a string names, by canonical name, acronym or alias.

    Short acronyms match only in capitals ("WHO", not "who"); check ``ambiguous`` for
    aliases such as "Security Council" or "Quad".

    Examples
    --------
    >>> organisation("Group of Twenty").label
    'G20'
    >>> m = organisation("UNHCR")
    >>> m.label, m.kind.value, m.parent
    ('UNHCR', 'igo', 'United Nations')
    >>> organisation("who") is None, organisation("WHO").label
    (True, 'World Health Organization')
    >>> organisation("Knesset").country
    'ISR'
    """
    return gazetteer().organisation(text)


@functools.lru_cache(maxsize=65536)  # lookups repeat across articles
def role_of(text: str) -> RoleMatch | None:
    """The office a title names, with its qualifiers; None if the text is not a title.

    Examples
    --------
    >>> role_of("Minister of External Affairs").label
    'External Affairs Minister'
    >>> m = role_of("former deputy defense minister")
    >>> m.label, m.office, m.category.value, m.former
    ('Former Deputy Defence Minister', 'Deputy Defence Minister', 'minister', True)
    >>> role_of("Deputy Prime Minister").category.value
    'official'
    >>> role_of("Sergey") is None
    True
    """
    return gazetteer().role_of(text)


@functools.lru_cache(maxsize=65536)  # lookups repeat across articles
def is_title_word(word: str) -> bool:
    """Whether a single word is part of some title ("Minister", "Foreign", "Deputy").

    Examples
    --------
    >>> is_title_word("Minister"), is_title_word("deputy"), is_title_word("Lavrov")
    (True, True, False)
    """
    return gazetteer().is_title_word(word)


@functools.lru_cache(maxsize=65536)  # lookups repeat across articles
def strip_honorifics(name: str) -> str:
    """A person's name without leading courtesy styles ("Dr.", "Mr", "H.E.").

    Titles that carry an office ("President") are left for :func:`split_titled_name`.
    A string that is only honorifics gives "".

    Examples
    --------
    >>> strip_honorifics("H.E. Dr. Amina Diallo")
    'Amina Diallo'
    >>> strip_honorifics("Sheikh Rahman"), strip_honorifics("Mr.")
    ('Sheikh Rahman', '')
    """
    return gazetteer().strip_honorifics(name)


@functools.lru_cache(maxsize=65536)  # lookups repeat across articles
def group_noun(lemma: str) -> GroupNoun | None:
    """The group noun a lemma (or plural, or phrase) is, if any.

    Examples
    --------
    >>> group_noun("troop")
    GroupNoun(label='Troops', is_government=True)
    >>> group_noun("ministry of foreign affairs").label
    'Foreign Ministry'
    >>> group_noun("protesters").is_government
    False
    """
    return gazetteer().group_noun(lemma)


def group_forms() -> frozenset[str]:
    """The normalised forms of the group nouns of ``groups.csv`` (lemmas, plurals, phrases).

    Examples
    --------
    >>> {"troops", "security forces", "protesters"} <= group_forms()
    True
    """
    return gazetteer().group_forms()


@functools.lru_cache(maxsize=65536)  # a pure function of the string, asked of modified nouns
def may_end_a_name(text: str) -> bool:
    """Whether a phrase whose last token is ``text`` may be an organisation's name or a group
    noun: its last word (with or without a possessive) is the last word of one of theirs.
    When it is not, no phrase ending in ``text`` is either.

    Examples
    --------
    >>> may_end_a_name("Council"), may_end_a_name("office"), may_end_a_name("rainfall")
    (True, True, False)
    """
    return gazetteer().may_end_a_name(text)


def group_label(iso3: str, noun: GroupNoun) -> str:
    """The label of a state's group actor: the state's adjective and the noun's label.

    Examples
    --------
    >>> group_label("PAK", group_noun("foreign office"))
    'Pakistani Foreign Office'
    >>> group_label("USA", group_noun("troops"))
    'US Troops'
    """
    return gazetteer().group_label(iso3, noun)


def split_titled_name(text: str) -> TitledName:
    """Split "Russian Foreign Minister Sergey Lavrov" into state, office and name.

    Reads, in any order before the name: a leading determiner, honorifics, qualifiers
    ("former", "Deputy"), one state (name, demonym or possessive) or organisation, one
    group noun ("Foreign Office"), then the office; after it "of <state>" and military
    ranks. A state is taken only when an office follows, so "Jordan Smith" stays a name.
    An appositive ("Amina Diallo, Senegal's foreign minister") is read too.

    Returns
    -------
    TitledName
        ``(country, role, name)``; ``role`` includes the qualifiers and any organisation
        ("UN Secretary-General"); ``name`` has its honorifics stripped and may be "".

    Examples
    --------
    >>> split_titled_name("India's External Affairs Minister Dr. Arjun Mehta")
    TitledName(country='IND', role='External Affairs Minister', name='Arjun Mehta')
    >>> split_titled_name("former U.S. Secretary of State Jane Doe")
    TitledName(country='USA', role='Former Secretary of State', name='Jane Doe')
    >>> split_titled_name("UN Secretary-General Ana Ruiz")
    TitledName(country=None, role='UN Secretary-General', name='Ana Ruiz')
    >>> split_titled_name("Jordan Smith")
    TitledName(country=None, role=None, name='Jordan Smith')
    """
    return gazetteer().split_titled_name(text)
