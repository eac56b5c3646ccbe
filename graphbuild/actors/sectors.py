"""The sector of society an actor belongs to, read from the words the text gives it.

``data/sectors.csv`` maps words to :class:`~graphbuild.types.Sector` ("rebel" -> rebels,
"troop" -> military, "court" -> judiciary); a phrase takes the most specific sector its
words give (:data:`PRIORITY`), so "government troops" are military and "opposition
lawmakers" the opposition. A person's office adds the sector of its kind (a minister is in
government, a general in the military); an organisation's sector comes from its table.

Examples
--------
>>> sector_of_words(["government", "troops"]).value
'military'
>>> sector_of_words(["opposition", "lawmakers"]).value
'opposition'
>>> sector_of_words(["talks"]) is None
True
>>> sector_of_role("Deputy Foreign Minister").value
'government'
>>> sector_of_role("Army Chief").value
'military'
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path

from ..errors import LexiconError
from ..types import Sector
from .gazetteer import DATA_DIR, RoleCategory, normalise_key, read_table, role_of

__all__ = ["PRIORITY", "SECTORS_FILE", "load_sector_words", "sector_of_role", "sector_of_words"]

#: The package's table of sector words.
SECTORS_FILE = DATA_DIR / "sectors.csv"

#: When words give several sectors, the first of these wins: the most specific.
PRIORITY: tuple[Sector, ...] = (
    Sector.REBELS, Sector.OPPOSITION, Sector.POLICE, Sector.JUDICIARY, Sector.LEGISLATURE,
    Sector.MILITARY, Sector.MEDIA, Sector.BUSINESS, Sector.CIVILIANS, Sector.GOVERNMENT,
    Sector.NGO, Sector.IGO,
)
_RANK = {s: i for i, s in enumerate(PRIORITY)}

# the sector of the kind of office a title names
_BY_CATEGORY = {
    RoleCategory.HEAD_OF_STATE: Sector.GOVERNMENT, RoleCategory.HEAD_OF_GOVERNMENT: Sector.GOVERNMENT,
    RoleCategory.MINISTER: Sector.GOVERNMENT, RoleCategory.DIPLOMAT: Sector.GOVERNMENT,
    RoleCategory.OFFICIAL: Sector.GOVERNMENT, RoleCategory.ROYAL: Sector.GOVERNMENT,
    RoleCategory.SPOKESPERSON: Sector.GOVERNMENT, RoleCategory.MILITARY: Sector.MILITARY,
    RoleCategory.RANK: Sector.MILITARY, RoleCategory.LEGISLATOR: Sector.LEGISLATURE,
    RoleCategory.JUDICIAL: Sector.JUDICIARY,
}


def load_sector_words(path: str | Path = SECTORS_FILE) -> dict[str, Sector]:
    """Read a ``word,sector`` table; a bad row raises :class:`LexiconError` naming file and line.

    Examples
    --------
    >>> load_sector_words()["troop"].value
    'military'
    """
    path = Path(path)
    table: dict[str, Sector] = {}
    for line, (word, sector) in read_table(path, ("word", "sector")):
        key = normalise_key(word)
        if not key or " " in key:
            raise LexiconError(f"{path}:{line}: {word!r} is not one word")
        try:
            value = Sector(sector)
        except ValueError:
            raise LexiconError(f"{path}:{line}: sector {sector!r} is not one of: "
                               f"{', '.join(s.value for s in Sector)}") from None
        if table.get(key, value) is not value:
            raise LexiconError(f"{path}:{line}: {word!r} is already given the sector {table[key].value!r}")
        table[key] = value
    return table


@functools.cache
def _table() -> dict[str, Sector]:
    return load_sector_words()


def _lookup(word: str) -> Sector | None:
    table = _table()
    key = normalise_key(word)
    for form in (key, key[:-3] + "y" if key.endswith("ies") else "", key[:-2] if key.endswith("es") else "",
                 key[:-1] if key.endswith("s") else ""):
        if form and form in table:
            return table[form]
    return None


def best(sectors: Iterable[Sector | None]) -> Sector | None:
    """The most specific of ``sectors`` (None when there is none)."""
    found = [s for s in sectors if s is not None]
    return min(found, key=_RANK.__getitem__) if found else None


def sector_of_words(words: Iterable[str]) -> Sector | None:
    """The sector the words of a phrase give, the most specific if several."""
    return best(_lookup(part) for w in words for part in normalise_key(w).split())


def sector_of_role(role: str | None, words: Iterable[str] = ()) -> Sector | None:
    """A person's sector from their office and the other words of their title."""
    if not role:
        return sector_of_words(words)
    match = role_of(role)
    by_office = _BY_CATEGORY.get(match.category) if match is not None else None
    return best([sector_of_words([role, *words]), by_office])
