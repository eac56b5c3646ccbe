"""Resolve the date an event happened on from the text, against the article's date.

Handles the forms news uses: "on Thursday", "December 5", "5 December 2023", "yesterday",
"today", "last week", "next week", "next month", "this week".

Examples
--------
>>> import datetime as dt
>>> ref = dt.date(2025, 11, 20)  # a Thursday
>>> resolve_date("on Monday", ref)
datetime.date(2025, 11, 17)
>>> resolve_date("next Monday", ref)
datetime.date(2025, 11, 24)
>>> resolve_date("December 5", ref)
datetime.date(2025, 12, 5)
>>> resolve_date("yesterday", ref)
datetime.date(2025, 11, 19)
>>> resolve_date("next week", ref)
datetime.date(2025, 11, 24)
>>> resolve_date("sometime", ref) is None
True
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

__all__ = ["resolve_date", "event_date", "DocDates"]

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"]
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(_MONTHS)}
_RELATIVE = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def _month(word: str) -> int | None:
    word = word.lower().rstrip(".")
    if word in _MONTHS:
        return _MONTHS.index(word) + 1
    return _MONTH_ABBR.get(word[:3]) if len(word) >= 3 and word[:3] in _MONTH_ABBR and (
        word in _MONTH_ABBR or word.startswith(tuple(_MONTHS))) else None


def resolve_date(text: str, reference: dt.date | None, *, future: bool = False) -> dt.date | None:
    """The calendar date ``text`` names, read against ``reference`` (the article's date).

    A bare weekday is the most recent one on or before the reference (news reports the
    past), or the next one after it when ``future`` is set or the text says "next".
    Returns ``None`` when the text names no day or there is no reference to read it against.
    """
    low = " ".join(text.lower().replace(",", " ").split())
    named, day = _explicit_date(low, reference, future)
    if named:
        return day
    if reference is None:
        return None
    return _relative_date(low, reference, future)


def _explicit_date(low: str, reference: dt.date | None, future: bool) -> tuple[bool, dt.date | None]:
    """"December 5", "5 December", "Dec. 5, 2023": whether a month and day are named, and the date
    (None when there is no year to read them in)."""
    year_m = re.search(r"\b(19|20)\d{2}\b", low)
    m = re.search(r"\b([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b", low)
    n = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\b", low)
    for month_word, day_txt in ((m.group(1), m.group(2)) if m else (None, None),
                                (n.group(2), n.group(1)) if n else (None, None)):
        month = _month(month_word) if month_word is not None else None
        if month is None:
            continue
        year = int(year_m.group(0)) if year_m else (reference.year if reference else None)
        if year is None:
            return True, None
        try:
            day = dt.date(year, month, int(day_txt))
        except ValueError:
            continue
        if not year_m and reference and future and day < reference - dt.timedelta(days=180):
            day = day.replace(year=year + 1)
        return True, day
    return False, None


def _relative_date(low: str, reference: dt.date, future: bool) -> dt.date | None:
    """"yesterday", "on Monday", "next Monday", "last week", read against ``reference``."""
    for word, delta in _RELATIVE.items():
        if re.search(rf"\b{word}\b", low):
            return reference + dt.timedelta(days=delta)
    for i, name in enumerate(_WEEKDAYS):
        if re.search(rf"\b{name}\b", low):
            back = (reference.weekday() - i) % 7
            if "next" in low or (future and "last" not in low):
                ahead = (i - reference.weekday()) % 7 or 7
                return reference + dt.timedelta(days=ahead)
            return reference - dt.timedelta(days=back)
    monday = reference - dt.timedelta(days=reference.weekday())
    if "next week" in low:
        return monday + dt.timedelta(days=7)
    if "last week" in low:
        return monday - dt.timedelta(days=7)
    if "this week" in low:
        return monday
    return None


class DocDates:
    """Where a doc's dates are: the tokens in a DATE entity, and every token's head, by index,
    read once for all the doc's events (and only when an event asks: a doc without a date
    entity has no heads read)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc

    @classmethod
    def of(cls, doc: Doc) -> DocDates:
        return cls(doc)

    @functools.cached_property
    def date_tokens(self) -> list[int]:
        from spacy.attrs import ENT_TYPE

        if not len(self.doc):
            return []
        types = self.doc.to_array([ENT_TYPE]).tolist()  # unsigned: a label hash may be large
        strings = self.doc.vocab.strings
        date_types = {v for v in set(types) if strings[v] == "DATE"}
        return [i for i, v in enumerate(types) if v in date_types]

    @functools.cached_property
    def heads(self) -> list[int]:
        from spacy.attrs import HEAD

        if not len(self.doc):
            return []
        rel = self.doc.to_array([HEAD]).astype("int64").tolist()  # unsigned: a head offset wraps
        return [i + r for i, r in enumerate(rel)]

    @functools.cached_property
    def ents(self) -> tuple[Span, ...]:
        """The doc's entities, read once (``doc.ents`` builds them all at each reading)."""
        return tuple(self.doc.ents)

    def near(self, verb: int) -> list[int]:
        """The date tokens that hang on the token at ``verb`` within three heads, in order."""
        if not self.date_tokens:
            return []
        h = self.heads
        return [d for d in self.date_tokens if h[d] == verb or h[h[d]] == verb or h[h[h[d]]] == verb]


def event_date(verb: Token, reference: dt.date | None, *, future: bool = False,
               doc_dates: DocDates | None = None) -> dt.date | None:
    """The date an event's clause gives ("met on Thursday"), or ``None``: the first date of a
    DATE entity whose token hangs on ``verb`` within three heads that names a day.
    ``doc_dates``: the doc's, if the caller has them.

    Examples
    --------
    >>> from spacy.tokens import Doc
    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["Chile", "met", "Peru", "on", "Monday"], heads=[1, 1, 1, 1, 3],
    ...           deps=["nsubj", "ROOT", "dobj", "prep", "pobj"], ents=["O", "O", "O", "O", "B-DATE"])
    >>> event_date(doc[1], dt.date(2025, 11, 20))
    datetime.date(2025, 11, 17)
    >>> event_date(doc[2], dt.date(2025, 11, 20)) is None
    True
    """
    doc_dates = DocDates.of(verb.doc) if doc_dates is None else doc_dates
    for i in doc_dates.near(verb.i):
        ent = next((e for e in doc_dates.ents if e.start <= i < e.end), None)
        text = ent.text if ent is not None else doc_dates.doc[i].text
        day = resolve_date(text, reference, future=future)
        if day is not None:
            return day
    return None
