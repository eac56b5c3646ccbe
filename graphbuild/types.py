"""The values that flow between graphbuild's stages.

``Article`` comes out of :mod:`graphbuild.ingest`, ``Actor`` out of
:mod:`graphbuild.actors`, ``Event`` out of :mod:`graphbuild.extract`. All three are
frozen dataclasses: a stage never changes what an earlier stage produced.

The closed vocabularies (:class:`Plover`, :class:`QuadClass`, :class:`ActorType`,
:class:`Modality`) are enums, so a typo raises instead of minting a new type.

Examples
--------
>>> Plover("CONSULT").quad
<QuadClass.VERBAL_COOPERATION: 'verbal cooperation'>
>>> Plover("consult")
<Plover.CONSULT: 'CONSULT'>
>>> Plover("MEET")
Traceback (most recent call last):
...
ValueError: 'MEET' is not a valid Plover
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from .actors.resolve import Resolution

__all__ = [
    "ActorType",
    "Modality",
    "QuadClass",
    "Plover",
    "Sector",
    "Article",
    "Actor",
    "Event",
    "Extractor",
    "slugify",
]


class ActorType(StrEnum):
    """What kind of thing an actor is."""

    PERSON = "PERSON"
    COUNTRY = "COUNTRY"
    ORG = "ORG"


class Sector(StrEnum):
    """The part of society an actor belongs to, in the CAMEO/PLOVER sense of an actor's sector.

    ``Sector("military") is Sector.MILITARY``; a name outside the list raises ``ValueError``.
    """

    GOVERNMENT = "government"
    MILITARY = "military"
    POLICE = "police"
    JUDICIARY = "judiciary"
    LEGISLATURE = "legislature"
    REBELS = "rebels"
    OPPOSITION = "opposition"
    CIVILIANS = "civilians"
    MEDIA = "media"
    BUSINESS = "business"
    IGO = "igo"
    NGO = "ngo"

    @classmethod
    def _missing_(cls, value: object) -> Sector | None:
        if isinstance(value, str):
            lower = value.strip().lower()
            for member in cls:
                if member.value == lower:
                    return member
        return None


class Modality(StrEnum):
    """Whether the text says the event happened, will happen, may happen, or reports a claim."""

    ASSERTED = "asserted"
    PLANNED = "planned"
    POSSIBLE = "possible"
    REPORTED = "reported"



class QuadClass(StrEnum):
    """The four quad classes PLOVER groups its event types into."""

    VERBAL_COOPERATION = "verbal cooperation"
    MATERIAL_COOPERATION = "material cooperation"
    VERBAL_CONFLICT = "verbal conflict"
    MATERIAL_CONFLICT = "material conflict"



class Plover(StrEnum):
    """The 16 event types of PLOVER (2021 revision).

    Lookup is case-insensitive: ``Plover("agree") is Plover.AGREE``.
    """

    AGREE = "AGREE"
    CONSULT = "CONSULT"
    SUPPORT = "SUPPORT"
    CONCEDE = "CONCEDE"
    COOPERATE = "COOPERATE"
    AID = "AID"
    RETREAT = "RETREAT"
    REQUEST = "REQUEST"
    ACCUSE = "ACCUSE"
    REJECT = "REJECT"
    THREATEN = "THREATEN"
    SANCTION = "SANCTION"
    PROTEST = "PROTEST"
    MOBILIZE = "MOBILIZE"
    COERCE = "COERCE"
    ASSAULT = "ASSAULT"


    @classmethod
    def _missing_(cls, value: object) -> Plover | None:
        if isinstance(value, str):
            upper = value.strip().upper()
            if upper in cls.__members__:
                return cls[upper]
        return None

    @property
    def quad(self) -> QuadClass:
        """The quad class this type belongs to."""
        return _QUAD[self]


_QUAD = {
    **dict.fromkeys(
        (Plover.AGREE, Plover.CONSULT, Plover.SUPPORT, Plover.CONCEDE), QuadClass.VERBAL_COOPERATION
    ),
    **dict.fromkeys((Plover.COOPERATE, Plover.AID, Plover.RETREAT), QuadClass.MATERIAL_COOPERATION),
    **dict.fromkeys(
        (Plover.REQUEST, Plover.ACCUSE, Plover.REJECT, Plover.THREATEN, Plover.SANCTION),
        QuadClass.VERBAL_CONFLICT,
    ),
    **dict.fromkeys(
        (Plover.PROTEST, Plover.MOBILIZE, Plover.COERCE, Plover.ASSAULT), QuadClass.MATERIAL_CONFLICT
    ),
}


@functools.lru_cache(maxsize=1 << 16)  # a pure function of the string, asked for every actor id
def slugify(text: str) -> str:
    """A lower-case ASCII slug of ``text`` for use inside stable ids.

    >>> slugify("Dr. S. Jaishankar")
    'dr-s-jaishankar'
    >>> slugify("Çavuşoğlu")
    'cavusoglu'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^A-Za-z0-9]+", "-", text.lower()).strip("-")
    return text or "x"


@dataclass(frozen=True)
class Article:
    """One news article: its id, text and what is known about where it came from.

    ``id`` is the file's stem or the jsonl ``id``; ``source`` is the path it was read from
    (with ``:LINE`` for jsonl); ``date`` is the publication date if known. ``extraction`` says
    how ``text`` was made from ``source`` when it is not the file's own text (for a web page:
    ``"html main text: trafilatura 2.3.1"``); event offsets always point into ``text``.
    """

    id: str
    text: str
    title: str | None = None
    date: dt.date | None = None
    url: str | None = None
    source: str | None = None
    extraction: str | None = None  # how text was made from source, when not its own text


@dataclass(frozen=True)
class Actor:
    """Someone who acts: a person, a state, or an organisation.

    ``country`` is an ISO 3166 alpha-3 code where one applies; ``role`` is the office the
    text gives a person ("External Affairs Minister"). ``label`` is the name as the text gives
    it; ``key``, when set, is the canonical name the stable id is made from, so "U.N." and
    "United Nations" are one actor. ``sector`` is the part of society the text puts the actor
    in (government, military, rebels, ...), or None where it gives none; it is not part of the id.
    """

    label: str
    type: ActorType
    country: str | None = None
    role: str | None = None
    aliases: tuple[str, ...] = ()
    key: str | None = None  # canonical name the id is made from, when the label is the text's
    sector: Sector | None = None

    @property
    def id(self) -> str:
        """A stable id: the same actor gets the same id across runs and articles.

        >>> Actor("India", ActorType.COUNTRY, "IND").id
        'country/IND'
        >>> Actor("Sergey Lavrov", ActorType.PERSON, "RUS").id
        'person/RUS/sergey-lavrov'
        >>> Actor("U.N.", ActorType.ORG, key="United Nations").id
        'org/XXX/united-nations'
        """
        if self.type is ActorType.COUNTRY and self.country:
            return f"country/{self.country}"
        scope = self.country or "XXX"
        return f"{self.type.value.lower()}/{scope}/{slugify(self.key or self.label)}"


@dataclass(frozen=True)
class Event:
    """One coded event: ``source`` did ``plover`` (finer: ``relation``) to ``target``.

    Provenance: ``article_id``, the ``sentence`` and the character offsets ``start``/``end``
    of that sentence in the article's text, the ``rule`` that fired and a ``confidence``.
    ``sources`` lists every article reporting the same event once events are merged.
    ``subject_start``/``subject_end`` and ``object_start``/``object_end`` are the character
    offsets, in the article's text, of the mentions the source and target were read from (for
    an actor found through a pronoun or a short name, that mention), or None where unknown.
    """

    article_id: str
    source: Actor
    target: Actor
    plover: Plover
    relation: str
    sentence: str
    start: int
    end: int
    negated: bool = False
    modality: Modality = Modality.ASSERTED
    symmetric: bool = False
    confidence: float = 0.5
    rule: str = ""
    mode: str | None = None
    context: str | None = None
    date: dt.date | None = None
    trigger: str | None = None
    sources: tuple[str, ...] = field(default=())
    subject_start: int | None = None
    subject_end: int | None = None
    object_start: int | None = None
    object_end: int | None = None

    @property
    def quad(self) -> QuadClass:
        return self.plover.quad

    @property
    def happened(self) -> bool:
        """True only for an asserted (or reported), non-negated event."""
        return not self.negated and self.modality in (Modality.ASSERTED, Modality.REPORTED)

    @property
    def id(self) -> str:
        """A stable id from the article, the offsets and what the event says."""
        ends = sorted((self.source.id, self.target.id)) if self.symmetric else [
            self.source.id, self.target.id]
        key = "\x1f".join([
            self.article_id, str(self.start), str(self.end), *ends, self.plover.value,
            self.relation, str(self.negated),
        ])
        return "ev-" + hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


class Extractor(Protocol):
    """A pure function from a parsed article to events. It never mutates the ``Doc``.

    ``actors`` is the :class:`~graphbuild.actors.resolve.Resolution` of the Doc, computed once
    per article by the pipeline (the user's actor list applied) and passed to every extractor;
    an extractor that takes ``(doc, *, article)`` only, or ``**options``, works too. An
    extractor may declare the words it needs as a ``triggers`` attribute
    (:class:`graphbuild.prefilter.Triggers`); without one, the whole text is parsed for it.
    """

    def __call__(self, doc: Doc, *, article: Article, actors: Resolution) -> Iterator[Event]: ...


ExtractorFactory = Callable[..., Extractor]
AnyPaths = Iterable[str]
