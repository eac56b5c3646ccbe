"""Nouns for people named by what they are, not by a state or an office: "civilians",
"18 people", "several suspects", "aid workers".

``data/people.csv`` lists them, each with the label of the group it makes and the sector of
society the noun puts it in (:class:`~graphbuild.types.Sector`, or none: a suspect may be
anyone). :func:`graphbuild.actors.recognisers.common_people` reads them.

Examples
--------
>>> people_noun("civilian")
PeopleNoun(label='Civilians', sector=<Sector.CIVILIANS: 'civilians'>, local=False)
>>> people_noun("worker", "aid").label
'Aid Workers'
>>> people_noun("suspect").sector is None
True
>>> people_noun("policy") is None
True
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from ..errors import LexiconError
from ..types import Sector
from .gazetteer import DATA_DIR, read_table

__all__ = ["PEOPLE_FILE", "PeopleNoun", "load_people_nouns", "people_noun", "people_noun_ends"]

#: The package's table of people nouns.
PEOPLE_FILE = DATA_DIR / "people.csv"


@dataclass(frozen=True)
class PeopleNoun:
    """A group of people a noun names: its label ("Civilians") and sector, if the noun gives one."""

    label: str
    sector: Sector | None
    local: bool = False  # a place they are in says whose people they are ("students in X")


def load_people_nouns(path: str | Path = PEOPLE_FILE) -> dict[str, PeopleNoun]:
    """Read a ``noun,label,sector,local`` table, keyed by the noun ("aid worker").

    Raises
    ------
    LexiconError
        A row that is malformed, repeats a noun, has more than two words, a noun that is not
        lower-case, an empty label, an unknown sector or a ``local`` other than "yes" or empty;
        the message names the file and line.

    Examples
    --------
    >>> load_people_nouns()["journalist"].sector.value
    'media'
    """
    path = Path(path)
    table: dict[str, PeopleNoun] = {}
    for line, (noun, label, sector, local) in read_table(path, ("noun", "label", "sector", "local"),
                                                         optional=2):
        key = " ".join(noun.split())
        if not key or key != key.lower() or len(key.split()) > 2:
            raise LexiconError(f"{path}:{line}: {noun!r} is not a lower-case noun of one or two words")
        if not label:
            raise LexiconError(f"{path}:{line}: the 'label' column is empty")
        if key in table:
            raise LexiconError(f"{path}:{line}: {noun!r} is listed twice")
        try:
            value = Sector(sector) if sector else None
        except ValueError:
            raise LexiconError(f"{path}:{line}: sector {sector!r} is not one of: "
                               f"{', '.join(s.value for s in Sector)}") from None
        if local not in ("", "yes"):
            raise LexiconError(f"{path}:{line}: local {local!r} must be 'yes' or empty")
        table[key] = PeopleNoun(label, value, local == "yes")
    return table


@functools.cache
def _table() -> dict[str, PeopleNoun]:
    return load_people_nouns()


def people_noun(lemma: str, modifier: str | None = None) -> PeopleNoun | None:
    """The group of people a noun's lemma names, the two-word noun first when a modifier is
    given ("aid" "worker": Aid Workers), else the lemma alone."""
    table = _table()
    lemma = lemma.lower()
    if modifier:
        found = table.get(f"{modifier.lower()} {lemma}")
        if found is not None:
            return found
    return table.get(lemma)


@functools.cache
def people_noun_ends() -> frozenset[str]:
    """The last word of every people noun ("workers" of "aid workers"): a lemma that is none
    of these makes no people noun with any modifier.

    >>> "worker" in people_noun_ends(), "policy" in people_noun_ends()
    (True, False)
    """
    return frozenset(key.split()[-1] for key in _table())
