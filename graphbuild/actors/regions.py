"""Regions of states: which state a province, state, governorate or region belongs to.

A group named by a region ("Chiapas rebels", "militants in Helmand") is a group of that
region's state. The gazetteer is built once per process from two maintained packages and a
short table of our own:

- pycountry's ISO 3166-2 subdivisions of the first level (provinces, states, regions,
  governorates, oblasts ...), their names with the kind of division dropped ("Donetska
  oblast", "Xinjiang Uygur Zizhiqu");
- countryinfo's provinces of each state, in English, with the seat named in parentheses
  ("Chechnya (Groznyy)");
- ``data/regions.csv``: names English news uses that those lack ("Darfur"), words for a
  region's people ("Chechen"), and names never to read as a region (common English words).

What the two packages give is read once and kept between runs
(:mod:`graphbuild.actors.package_tables`), so that no run loads every subdivision of every state.

Names are matched with accents, apostrophes and case folded. A name is refused, and so names
no state, when it is ambiguous: the name of a state (or its demonym or capital, which the
state gazetteer reads) or a part of one ("Tobago"), a region of two states, a common English
word, or shorter than four letters.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from collections import defaultdict
from importlib import resources

from ..errors import LexiconError
from . import gazetteer as gz

__all__ = ["fold", "region_state"]

_TABLE = "regions.csv"
_KINDS = ("region", "demonym", "refuse")

#: The kinds of first-level ISO 3166-2 division whose names are regions in the news' sense
#: (not municipalities, parishes or wards).
_DIVISIONS = frozenset({
    "administrative region", "autonomous city", "autonomous community", "autonomous district",
    "autonomous province", "autonomous region", "autonomous republic", "autonomous territorial unit",
    "county", "department", "division", "emirate", "federal district", "federal territory",
    "geographical region", "governorate", "indigenous region", "land", "oblast", "prefecture",
    "province", "region", "regional state", "republic", "self-governed part", "special administrative region",
    "state", "territory", "union territory",
})

#: Words naming the kind of division in a subdivision's name, dropped to get the name news uses.
_KIND_WORDS = frozenset({
    "oblast", "oblast'", "sheng", "zizhiqu", "shi", "sar", "province", "region", "state",
    "governorate", "respublika", "republic", "kray", "krai", "okrug", "avtonomnyy", "avtonomnaya",
    "prefecture", "department", "county", "territory", "division", "autonomous", "uygur", "zhuangzu",
    "huizu", "iqlim", "muhafazat", "wilayat", "provincia", "estado", "departamento", "of", "the",
})
_ARTICLES = ("al ", "an ", "ar ", "as ", "ash ", "at ", "ad ", "az ", "el ")
_APOSTROPHES = re.compile(r"['’‘ʻʼ`]")
_NOT_WORD = re.compile(r"[^\w\s]")
_SEAT = re.compile(r"\(([^)]+)\)")
_INVERTED = re.compile(r"^(.+),\s*(\w+)$")


def fold(text: str) -> str:
    """A name as the gazetteer matches it: accents, apostrophes and case folded, hyphens as spaces.

    Examples
    --------
    >>> fold("Donets'k"), fold("Khyber-Pakhtunkhwa"), fold("Şalāḩ ad Dīn")
    ('donetsk', 'khyber pakhtunkhwa', 'salah ad din')
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _APOSTROPHES.sub("", text.lower()).replace("-", " ")
    return " ".join(_NOT_WORD.sub(" ", text).split())


def _variants(name: str) -> set[str]:
    """The ways news writes a subdivision's name: whole, without the kind of division, without
    a leading Arabic article, and the seat in parentheses ("Chechnya (Groznyy)")."""
    out: set[str] = set()
    parts = [name]
    seat = _SEAT.search(name)
    if seat:
        parts = [name[:seat.start()], seat.group(1)]
    for part in parts:
        part = _INVERTED.sub(r"\1", part)  # "Dagestan, Respublika"
        text = fold(part)
        words = text.split()
        while len(words) > 1 and words[-1] in _KIND_WORDS:
            words.pop()
        while len(words) > 1 and words[0] in _KIND_WORDS:
            words.pop(0)
        for form in (text, " ".join(words)):
            out.add(form)
            for art in _ARTICLES:
                if form.startswith(art):
                    out.add(form[len(art):])
    return {v for v in out if v}


def _read_table() -> list[tuple[int, str, str, str]]:
    path = resources.files("graphbuild.actors") / "data" / _TABLE
    rows = []
    lines = [(n, line) for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if line.strip() and not line.lstrip().startswith("#")]
    reader = csv.reader(line for _, line in lines)
    header = next(reader, None)
    if header != ["name", "country", "kind"]:
        raise LexiconError(f"{_TABLE}:{lines[0][0] if lines else 1}: header must be name,country,kind")
    for (n, _), row in zip(lines[1:], reader, strict=True):
        if len(row) != 3:
            raise LexiconError(f"{_TABLE}:{n}: expected 3 fields, got {len(row)}")
        name, country, kind = (c.strip() for c in row)
        if kind not in _KINDS or not name:
            raise LexiconError(f"{_TABLE}:{n}: kind {kind!r}; expected one of {', '.join(_KINDS)}")
        if (kind == "refuse") != (not country) or (country and not re.fullmatch(r"[A-Z]{3}", country)):
            raise LexiconError(f"{_TABLE}:{n}: country {country!r}: an ISO alpha-3 code, empty only to refuse")
        rows.append((n, name, country, kind))
    return rows


def _package_regions() -> dict[str, set[str]]:
    """Every region name pycountry and countryinfo give, with the states that have it."""
    import pycountry
    from countryinfo import CountryInfo

    found: dict[str, set[str]] = defaultdict(set)
    for sub in pycountry.subdivisions:
        if sub.parent_code is None and sub.type.lower() in _DIVISIONS:
            iso3 = pycountry.countries.get(alpha_2=sub.country_code)
            if iso3 is not None:
                for v in _variants(sub.name):
                    found[v].add(iso3.alpha_3)
    for country in pycountry.countries:
        try:
            provinces = CountryInfo(country.alpha_2).provinces() or []
        except Exception:  # countryinfo raises its own errors (and KeyError) for states it lacks
            continue
        for name in provinces:
            for v in _variants(name):
                found[v].add(country.alpha_3)
    return found


def _parts_of_state_names() -> set[str]:
    """"Tobago", "Herzegovina": a part of a state's name, which news writes for the state."""
    import pycountry

    parts: set[str] = set()
    for c in pycountry.countries:
        for name in {c.name, getattr(c, "official_name", c.name), getattr(c, "common_name", c.name)}:
            pieces = [fold(p) for p in re.split(r",|\band\b|&|-", name)]
            if len(pieces) > 1:
                parts.update(p for p in pieces if p)
    return parts


def _read_package_regions() -> tuple[dict[str, set[str]], set[str]]:
    """(:func:`_package_regions`, :func:`_parts_of_state_names`), made once and kept between
    runs (:mod:`graphbuild.actors.package_tables`): no run loads every subdivision."""
    from .package_tables import kept

    table = kept("package-regions", lambda: {
        "regions": {name: sorted(states) for name, states in _package_regions().items()},
        "parts": sorted(_parts_of_state_names())}, packages=("pycountry", "countryinfo"), files=[__file__])
    found: dict[str, set[str]] = defaultdict(set, {n: set(s) for n, s in table["regions"].items()})
    return found, set(table["parts"])


@functools.cache
def _index() -> dict[str, str | None]:
    """folded name -> the state whose region it is, or None where the name is refused (a
    name that is also a state's is refused by :func:`region_state`, for the names asked)."""
    found, parts = _read_package_regions()
    ours = _read_table()
    refused = {fold(name) for _, name, _, kind in ours if kind == "refuse"} | parts
    for _, name, country, kind in ours:
        if kind != "refuse":
            found[fold(name)].add(country)
    index: dict[str, str | None] = {}
    for name, states in found.items():
        ok = (len(states) == 1 and len(name.replace(" ", "")) >= 4 and name not in refused
              and not re.fullmatch(r"[ivxl]+", name))
        index[name] = next(iter(states)) if ok else None
    return index


@functools.lru_cache(maxsize=1 << 16)  # a pure function of the string, asked of runs of capitalised words
def region_state(text: str) -> str | None:
    """The ISO alpha-3 code of the state whose region ``text`` names, or None (no region, or
    a refused name: a state's, two states', a common word).

    Examples
    --------
    >>> region_state("Chiapas"), region_state("Khyber-Pakhtunkhwa")
    ('MEX', 'PAK')
    >>> region_state("Punjab") is None  # a region of two states
    True
    >>> region_state("Georgia") is None  # a state's name
    True
    """
    name = fold(text)
    iso = _index().get(name)
    return iso if iso is not None and gz.country(name) is None else None
