"""What graphbuild knows of actors beyond one article: a dated table of office holders, what
other articles of the same build state, and the actor dictionaries event-data users keep.

Three sources, weakest first, and the article itself always wins over all of them:

- :func:`load_office_table`: a built-in table of who held which office when (heads of state
  and of government, foreign ministers), with ``valid_from``/``valid_to``; the article's date
  picks the holder, so "President Bush" in 1991 and in 2003 are two people, both of the USA.
- :func:`share_across_articles`: within one build, a person whose country one article states is
  known in every other article of the build whose date lies within a window of that one.

A user's own list (``--actors``, CSV or a PETRARCH/Phoenix dictionary: :mod:`.user`) is
applied during resolution and wins over all of these.

:func:`apply_knowledge` is the pipeline stage: events in, events out, with persons the text
left without a country given the one the knowledge supports (and nothing else changed).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import functools
import logging
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import LexiconError
from ..types import Actor, ActorType, Event, Sector
from .gazetteer import one_edit

log = logging.getLogger(__name__)

__all__ = [
    "OFFICES",
    "OfficeTerm",
    "OfficeTable",
    "load_office_table",
    "apply_knowledge",
    "apply_office_table",
    "share_across_articles",
]

#: The last day the built-in table was checked against the news: a term it lists as still
#: running is trusted up to a year after it, not for ever (offices change).
CHECKED_THROUGH = dt.date(2025, 11, 30)
OPEN_TERM_TRUST = dt.timedelta(days=365)

#: The offices the built-in table holds.
OFFICES = ("head_of_state", "head_of_government", "foreign_minister")

#: How far from the date an article states a person's country that statement is trusted in
#: another article of the build (offices and allegiances change).
DEFAULT_WINDOW = dt.timedelta(days=3 * 365)

_TABLE = "office_holders.csv"
_COLUMNS = ("country", "office", "title", "name", "aliases", "valid_from", "valid_to")


@dataclass(frozen=True)
class OfficeTerm:
    """One person's term in one office: from ``valid_from`` up to, not including, ``valid_to``.

    On a hand-over day the successor holds the office; ``valid_to`` is None while the term runs.
    """

    country: str
    office: str
    title: str
    name: str
    aliases: tuple[str, ...] = ()
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    def holds_on(self, day: dt.date) -> bool:
        """True when the term covers ``day`` (a running term: up to a year past the table's check)."""
        end = self.valid_to or CHECKED_THROUGH + OPEN_TERM_TRUST
        return (self.valid_from is None or self.valid_from <= day) and day < end

    def near(self, day: dt.date, slack: dt.timedelta) -> bool:
        """True when ``day`` lies within ``slack`` of the term (a leader is still news soon after)."""
        start = self.valid_from - slack if self.valid_from else None
        end = (self.valid_to or CHECKED_THROUGH + OPEN_TERM_TRUST) + slack
        return (start is None or start <= day) and day < end


@functools.lru_cache(maxsize=1 << 16)  # a pure function of the string; titles repeat
def _norm(text: str) -> str:
    """A name as the table matches it: lower case, accents folded, dots as spaces."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace(".", " "))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower().replace("đ", "d").replace("ı", "i").replace("ø", "o").replace("ł", "l")
    return " ".join(re.sub(r"[^\w\s'-]", " ", text).split())


#: Words that join a patronymic or a dynasty to a given name ("bin", "ibn"): such a name has no
#: surname to find the person by alone.
_PATRONYMIC = frozenset({"bin", "ibn", "bint", "ben"})


#: Words before an office that make it another office ("Vice President X" is not President X).
_OTHER_OFFICE = frozenset({"vice", "deputy", "assistant", "under", "sub", "junior", "co"})

#: Titles news gives an office the table keeps under another one ("Premier" for a head of
#: government whose title the table writes "Prime Minister").
_OFFICE_OF_TITLE = {"prime minister": "head_of_government", "premier": "head_of_government",
                    "foreign minister": "foreign_minister", "foreign secretary": "foreign_minister",
                    "external affairs minister": "foreign_minister"}


#: Titles that name no one office: the name alone decides ("Chinese leader X").
_ANY_OFFICE = frozenset({"leader", "ruler", "head of state", "head of government", "strongman",
                         "dictator", "sheikh", "monarch"})

#: Words of the offices the table keeps: a title with one that is none of them is another
#: office ("Vice President", "Interior Minister").
_OFFICE_WORDS = frozenset({"president", "minister", "premier", "chancellor", "king", "queen",
                           "emir", "sultan", "emperor", "secretary"})


#: States whose leaders English-language news calls by the first word of their name: family
#: name first ("Kim Dae-jung", "Hun Sen") or, in Thailand, the given name ("Thaksin").
_FAMILY_NAME_FIRST = frozenset({"CHN", "KOR", "PRK", "TWN", "KHM", "THA"})


#: A regnal number after a monarch's name ("Hassan II", "Juan Carlos I").
_REGNAL = re.compile(r"\s+(?:[ivx]+)$")


def _regnal_name(name: str) -> str:
    """A monarch's name without the regnal number news often drops ("Hassan" for "Hassan II"),
    else ""."""
    key = _norm(name)
    bare = _REGNAL.sub("", key)
    return bare if bare != key and bare else ""


#: States whose names have no family name at all: a person is called by the whole name
#: ("Ne Win"), never by its last word.
_NO_FAMILY_NAME = frozenset({"MMR"})


def _surname(name: str, country: str | None = None) -> str:
    """The family name a person is called by alone: the last word (the first for states that
    write it first), or "" when the name has none of that kind (a patronymic, one word, a
    monarch's name and number)."""
    words = _norm(name).split()
    if len(words) < 2 or _PATRONYMIC & set(words) or _regnal_name(name) or country in _NO_FAMILY_NAME:
        return ""
    word = words[0] if country in _FAMILY_NAME_FIRST else words[-1]
    return re.sub(r"^(?:al|el|ad|as|ash|at|az)-", "", word)  # "al-Maliki" is called "Maliki" too


class OfficeTable:
    """The office terms, indexed by name, alias and surname, and by (country, title word).

    Examples
    --------
    >>> t = OfficeTable([OfficeTerm("FRA", "head_of_state", "President", "Ann Example",
    ...                              valid_from=dt.date(2001, 5, 1), valid_to=dt.date(2006, 5, 1))])
    >>> t.find("Example", dt.date(2003, 1, 1)).country
    'FRA'
    >>> t.find("Example", dt.date(2012, 1, 1)) is None
    True
    >>> t.holder("FRA", "president", dt.date(2003, 1, 1)).name
    'Ann Example'
    """

    def __init__(self, terms: Iterable[OfficeTerm]):
        self.terms: tuple[OfficeTerm, ...] = tuple(terms)
        self._by_name: dict[str, list[OfficeTerm]] = defaultdict(list)
        self._by_surname: dict[str, list[OfficeTerm]] = defaultdict(list)
        self._titles: set[str] = set()
        self._by_given: dict[str, list[OfficeTerm]] = defaultdict(list)  # all but the last word
        for term in self.terms:
            self._by_given[" ".join(_norm(term.name).split()[:-1])].append(term)
            for name in {_norm(n) for n in (term.name, *term.aliases)} | {_regnal_name(term.name)} - {""}:
                self._by_name[name].append(term)
            if _surname(term.name, term.country):
                self._by_surname[_surname(term.name, term.country)].append(term)
            self._titles.update(_norm(term.title.replace("-", " ")).split())
        self._titles -= {"of", "the"}
        self._title_names = {_norm(t.title.replace("-", " ")) for t in self.terms}

    def __len__(self) -> int:
        return len(self.terms)

    def holder(self, country: str, title: str, day: dt.date) -> OfficeTerm | None:
        """Who held the office called ``title`` ("president", "foreign minister", or an office
        name such as ``head_of_state``) in ``country`` on ``day``, or None."""
        want = _norm(title.replace("_", " "))
        for term in self.terms:
            if term.country == country and term.holds_on(day) and want in (
                    _norm(term.title), _norm(term.office.replace("_", " "))):
                return term
        return None

    def find(self, name: str, day: dt.date | None, *, title: str | None = None,
             slack: dt.timedelta = dt.timedelta(days=365)) -> OfficeTerm | None:
        """The one person a name stands for around ``day``: full name or alias first, else the
        surname alone; None when nobody or more than one person fits.

        Without a date a name is taken only when every term it could mean, at any time in
        the table, is one person's. Title words before the name ("President", "Foreign
        Minister") are passed over; ``title``, the office the text gives the person, narrows
        the terms to that office (see :meth:`titled`).

        Examples
        --------
        >>> t = OfficeTable([OfficeTerm("PER", "head_of_state", "President", "Ana Quispe",
        ...                              valid_from=dt.date(2001, 1, 1), valid_to=dt.date(2006, 1, 1)),
        ...                  OfficeTerm("BOL", "foreign_minister", "Foreign Minister", "Luis Quispe",
        ...                              valid_from=dt.date(1990, 1, 1), valid_to=dt.date(1993, 1, 1))])
        >>> t.find("Quispe", None) is None
        True
        >>> t.find("Quispe", None, title="President").country
        'PER'
        """
        pool = self._candidates(name, day, slack, title)
        if len({t.name for t in pool}) != 1:
            return None
        return max(pool, key=lambda t: (day is not None and t.holds_on(day), t.valid_from or dt.date.min))

    def country_of(self, name: str, day: dt.date | None, *, title: str | None = None,
                   slack: dt.timedelta = dt.timedelta(days=365)) -> str | None:
        """The state a name stands for even when the person is uncertain: the one state of every
        term it could mean ("Bush" with no date: two presidents, one state), else None.

        Examples
        --------
        >>> t = OfficeTable([OfficeTerm("PER", "head_of_state", "President", "Ana Quispe",
        ...                              valid_from=dt.date(2001, 1, 1), valid_to=dt.date(2006, 1, 1)),
        ...                  OfficeTerm("PER", "head_of_state", "President", "Luis Quispe",
        ...                              valid_from=dt.date(2011, 1, 1), valid_to=dt.date(2016, 1, 1))])
        >>> t.find("Quispe", None) is None, t.country_of("Quispe", None)
        (True, 'PER')
        """
        countries = {t.country for t in self._candidates(name, day, slack, title)}
        return countries.pop() if len(countries) == 1 else None

    def titled(self, terms: Iterable[OfficeTerm], title: str | None) -> list[OfficeTerm] | None:
        """The terms of the office ``title`` names, or None when ``title`` names none the
        table keeps (no title, "Sheikh", "leader": the name alone decides).

        The office is the longest end of ``title`` that is a title of the table ("jailed
        former President", "French President": President); one that a word such as "Vice"
        or "Deputy" makes another office, or a title ending in an office word that is none of
        the table's ("Interior Minister"), keeps no term at all.

        Examples
        --------
        >>> t = OfficeTable([OfficeTerm("PER", "head_of_state", "President", "Ana Quispe",
        ...                              valid_from=dt.date(2001, 1, 1), valid_to=dt.date(2006, 1, 1))])
        >>> len(t.titled(t.terms, "former president")), t.titled(t.terms, "vice-president")
        (1, [])
        >>> t.titled(t.terms, "Sheikh") is None
        True
        """
        words = _norm((title or "").replace("-", " ").replace(")", " ")).split()
        if not words:
            return None
        for start in range(len(words)):
            wanted = " ".join(words[start:])
            if wanted in _ANY_OFFICE:
                return None  # "veteran center-right leader"
            office = _OFFICE_OF_TITLE.get(wanted)
            if office is not None or wanted in self._title_names:
                if start and words[start - 1] in _OTHER_OFFICE:
                    return []  # "Vice President", "Deputy Prime Minister"
                return [t for t in terms if _norm(t.title.replace("-", " ")) == wanted
                        or (office is not None and t.office == office)]
        return [] if words[-1] in _OFFICE_WORDS else None

    def _candidates(self, name: str, day: dt.date | None, slack: dt.timedelta,
                    title: str | None = None) -> list[OfficeTerm]:
        """The terms a name may mean around ``day``: by full name or alias (or a monarch's
        name without its number) first, else by surname; of those, the terms of the office
        ``title`` names, if it names one; the terms running on ``day`` before those near it."""
        key = _norm(name)
        words = key.split()
        while len(words) > 1 and words[0] in self._titles:
            words = words[1:]
        bare = re.sub(r"^(?:al|el|ad|as|ash|at|az)-", "", " ".join(words))
        names = {key, bare} | ({_norm(f"{title} {name}")} if title else set())  # "King" + "Fahd"
        for pool in (list(dict.fromkeys(t for n in sorted(names) for t in self._by_name.get(n, []))),
                     self._by_surname.get(bare, []) if " " not in bare else []):
            kept = self.titled(pool, title)
            pool = pool if kept is None else kept
            if day is not None:
                pool = [t for t in pool if t.near(day, slack)]
                current = [t for t in pool if t.holds_on(day)]
                pool = current or pool
            if pool:
                return pool
        return self._misspelt(words, day, slack, title) if title else []

    def _misspelt(self, words: Sequence[str], day: dt.date | None, slack: dt.timedelta,
                  title: str) -> list[OfficeTerm]:
        """The terms of the office ``title`` names whose holder's full name the name misspells:
        the given names as written, the family name one edit from the holder's (five letters
        or more: "President Ana Quipse" is President Ana Quispe); none for a bare surname."""
        if len(words) < 2 or len(words[-1]) < 5:
            return []
        pool = [t for t in self._by_given.get(" ".join(words[:-1]), ())
                if one_edit(_norm(t.name).split()[-1], words[-1])]
        pool = self.titled(pool, title) or []
        if day is not None:
            pool = [t for t in pool if t.near(day, slack)]
        return pool


def _date(value: str, where: str) -> dt.date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise LexiconError(f"{where}: {value!r} is not an ISO date (YYYY-MM-DD)") from None


def _term_of_row(row: Mapping[str, str], where: str) -> OfficeTerm:
    missing = [c for c in _COLUMNS if c not in row or row[c] is None]
    if missing:
        raise LexiconError(f"{where}: missing column(s) {', '.join(missing)}")
    country, office = row["country"].strip(), row["office"].strip()
    if not re.fullmatch(r"[A-Z]{3}", country):
        raise LexiconError(f"{where}: country {country!r} is not an ISO 3166 alpha-3 code")
    if office not in OFFICES:
        raise LexiconError(f"{where}: office {office!r}; expected one of {', '.join(OFFICES)}")
    name = row["name"].strip()
    if not name or not row["title"].strip():
        raise LexiconError(f"{where}: empty name or title")
    aliases = tuple(a.strip() for a in row["aliases"].split(";") if a.strip())
    start, end = _date(row["valid_from"], where), _date(row["valid_to"], where)
    if start is None:
        raise LexiconError(f"{where}: valid_from is required")
    if end is not None and end <= start:
        raise LexiconError(f"{where}: valid_to {end} is not after valid_from {start}")
    return OfficeTerm(country, office, row["title"].strip(), name, aliases, start, end)


def read_office_table(path: str | Path) -> OfficeTable:
    """Read an office-holder CSV (the columns of the built-in ``office_holders.csv``).

    Lines starting with ``#`` are comments. A bad row raises :class:`LexiconError` naming the
    file and line.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise LexiconError(f"cannot read office table {path}: {err.strerror}") from err
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1)
             if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        raise LexiconError(f"{path}: no rows")
    reader = csv.DictReader([line for _, line in lines])
    if tuple(reader.fieldnames or ()) != _COLUMNS:
        raise LexiconError(f"{path}:{lines[0][0]}: header must be {','.join(_COLUMNS)}")
    terms = [_term_of_row(row, f"{path}:{lines[i][0]}") for i, row in enumerate(reader, 1)]
    return OfficeTable(terms)


@functools.cache
def load_office_table() -> OfficeTable:
    """The built-in table (``graphbuild/actors/data/office_holders.csv``), read once per process."""
    path = resources.files("graphbuild.actors") / "data" / _TABLE
    with resources.as_file(path) as real:
        return read_office_table(real)


# --------------------------------------------------------------------------- the stage


def _stateless(actor: Actor) -> bool:
    """A person without a country, or a bare name the resolver could not type (a surname alone
    reads as an organisation's name): the actors knowledge may complete."""
    return not actor.country and (actor.type is ActorType.PERSON or (
        actor.type is ActorType.ORG and not actor.key and len(actor.label.split()) == 1))


def _with_country(actor: Actor, country: str, role: str | None, key: str | None) -> Actor:
    return dataclasses.replace(
        actor, type=ActorType.PERSON, country=country, role=actor.role or role, key=actor.key or key,
        aliases=tuple(sorted(set(actor.aliases) | ({key} - {actor.label} if key else set()))),
        sector=actor.sector or Sector.GOVERNMENT)


def _from_table(actor: Actor, day: dt.date | None, table: OfficeTable) -> Actor:
    if not _stateless(actor):
        return actor
    term = table.find(actor.label, day, title=actor.role)
    if term is None:  # "Bush" undated: which one is open, the state not
        country = table.country_of(actor.label, day, title=actor.role)
        return _with_country(actor, country, None, None) if country else actor
    return _with_country(actor, term.country, term.title, term.name)


def share_across_articles(events: Sequence[Event], dates: Mapping[str, dt.date | None], *,
                          window: dt.timedelta = DEFAULT_WINDOW) -> list[Event]:
    """Give a person the country another article of the build states for the same name.

    ``dates`` maps article ids to their dates. A person without a country in one article takes
    the country that other articles give the same name (full name, or a surname that is one
    person's), when the nearest such statement lies within ``window`` of this article's date
    and all statements in that window agree. Articles without a date share with each other
    only.

    Examples
    --------
    >>> from graphbuild.types import Plover
    >>> p = Actor("Ann Example", ActorType.PERSON, "FRA", role="Minister")
    >>> bare = Actor("Example", ActorType.PERSON)
    >>> other = Actor("Peru", ActorType.COUNTRY, "PER")
    >>> evs = [Event("a", p, other, Plover.CONSULT, "meet", "s", 0, 1),
    ...        Event("b", bare, other, Plover.CONSULT, "meet", "s", 0, 1)]
    >>> days = {"a": dt.date(2020, 1, 1), "b": dt.date(2020, 3, 1)}
    >>> share_across_articles(evs, days)[1].source.country
    'FRA'
    """
    stated: dict[str, list[tuple[dt.date | None, Actor]]] = defaultdict(list)
    for ev in events:
        for actor in (ev.source, ev.target):
            if actor.type is ActorType.PERSON and actor.country:
                day = dates.get(ev.article_id)
                for name in {_norm(actor.key or actor.label), _surname(actor.key or actor.label)}:
                    stated[name].append((day, actor))

    def known(actor: Actor, day: dt.date | None) -> Actor:
        if not _stateless(actor):
            return actor
        near = [a for d, a in stated.get(_norm(actor.label), [])
                if (d is None) == (day is None) and (d is None or abs(d - day) <= window)]
        people = {(a.key or a.label, a.country) for a in near}
        if len(people) != 1:
            return actor
        best = near[0]
        return _with_country(actor, best.country, best.role, best.key or best.label)

    return [_replaced(ev, known(ev.source, dates.get(ev.article_id)),
                      known(ev.target, dates.get(ev.article_id))) for ev in events]


def _replaced(ev: Event, source: Actor, target: Actor) -> Event:
    if source is ev.source and target is ev.target:
        return ev
    if source.id == target.id:  # knowledge never makes an actor act on itself
        return ev
    return dataclasses.replace(ev, source=source, target=target)


def apply_office_table(events: Iterable[Event], day: dt.date | None, *,
                       table: OfficeTable | None = None) -> list[Event]:
    """Persons an article left without a country get the one the office table gives their name
    on the event's date, else on ``day`` (the article's date); nothing else changes.

    Examples
    --------
    >>> from graphbuild.types import Plover
    >>> t = OfficeTable([OfficeTerm("PER", "head_of_state", "President", "Ana Quispe",
    ...                              valid_from=dt.date(2001, 1, 1), valid_to=dt.date(2006, 1, 1))])
    >>> ev = Event("a", Actor("Quispe", ActorType.PERSON), Actor("Chile", ActorType.COUNTRY, "CHL"),
    ...            Plover.CONSULT, "meet", "Quispe met Chile.", 0, 17)
    >>> apply_office_table([ev], dt.date(2004, 1, 1), table=t)[0].source.country
    'PER'
    """
    return _with_table(events, lambda _ev: day, load_office_table() if table is None else table)


def _with_table(events: Iterable[Event], day_of: Callable[[Event], dt.date | None],
                table: OfficeTable) -> list[Event]:
    """Each event with its stateless persons given the table's state on the event's own date,
    else on ``day_of(event)``."""
    return [_replaced(ev, _from_table(ev.source, ev.date or day_of(ev), table),
                      _from_table(ev.target, ev.date or day_of(ev), table)) for ev in events]


def apply_knowledge(events: Sequence[Event], dates: Mapping[str, dt.date | None], *,
                    table: OfficeTable | None = None, window: dt.timedelta = DEFAULT_WINDOW,
                    share: bool = True, office_table: bool = True) -> list[Event]:
    """The knowledge stage of a build: persons the text left without a country get one from
    the build's other articles (``share``), else from the office table at the event's (or its
    article's) date (``office_table``).

    What an article states is never changed; a user's ``--actors`` list was applied before,
    during resolution, and wins too.
    """
    out = share_across_articles(events, dates, window=window) if share else list(events)
    if office_table:
        out = _with_table(out, lambda ev: dates.get(ev.article_id),
                          load_office_table() if table is None else table)
    return out
