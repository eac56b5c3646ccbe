"""The trigger lexicon: which verbs and nouns signal which PLOVER event type.

The built-in data, ``graphbuild/extract/data/lexicon.toml``, is written by this project; its
header documents every field. It is read and validated the first time it is needed (never
at import) and kept for the rest of the process. Users add their own phrases with
``--lexicon FILE``: a CSV of phrases (``phrase,plover,mode,symmetric``, optionally
``relation``, ``context``, ``confidence``, ``pos``, ``target_role``) or a TOML file in the
built-in schema. A user entry wins over a built-in one with the same
``(lemma, pos, particle, verbs)``.

Examples
--------
>>> lex = load_lexicon()
>>> [t.relation for t in lex.triggers("call", "VERB")]
['call', 'call_on', 'call_on', 'call_for']
>>> def plover_under(verb, noun):
...     return [t.plover.value for t in lex.triggers(noun, "NOUN") if verb in t.verbs]
>>> plover_under("impose", "sanction"), plover_under("lift", "sanction")
(['SANCTION'], ['RETREAT'])
>>> lex.context_of(["coastguard", "seize", "a", "fishing", "vessel", "in", "the", "strait"])
'maritime'
>>> parse_phrase("impose sanctions on/against")["verbs"]
('impose',)
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import hashlib
import io
import logging
import os
import re
import threading
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .._safe import printable, quoted
from ..errors import LexiconError
from ..types import Plover

__all__ = [
    "Trigger",
    "Lexicon",
    "load_lexicon",
    "parse_phrase",
    "PREPOSITIONS",
    "PARTICLES",
    "TARGET_ROLES",
    "CSV_COLUMNS",
]

log = logging.getLogger(__name__)

#: Prepositions a trigger's ``preps`` may name (and a phrase may end with).
PREPOSITIONS: frozenset[str] = frozenset("""
about across after as against along alongside among amongst around at before behind beside between
beyond by during for from in inside into near of off on onto outside over past through to toward
towards under upon with within without
""".split())

# Words that are always a verb particle when they follow the verb ("pull out", "hand over").
_PARTICLE_ONLY: frozenset[str] = frozenset(
    "up down out off over away back aside apart forward together".split())
# Words that are a particle when another preposition follows ("give in to"), else a preposition.
_PARTICLE_AMBIGUOUS: frozenset[str] = frozenset("in on through about around along across by".split())

#: Values a trigger's ``particle`` may take: verb particles, or a preposition that selects a
#: sense of the verb ("call on X to").
PARTICLES: frozenset[str] = _PARTICLE_ONLY | _PARTICLE_AMBIGUOUS | PREPOSITIONS

#: How a trigger finds its target (see :class:`Trigger`).
TARGET_ROLES: tuple[str, ...] = ("object", "complement", "none")

#: Columns of a user CSV: the required ones, then the optional ones.
CSV_COLUMNS: tuple[str, ...] = ("phrase", "plover", "mode", "symmetric",
                                "relation", "context", "confidence", "pos", "target_role")
_CSV_REQUIRED = CSV_COLUMNS[:4]

_DEFAULT_CONFIDENCE = 0.8
_POS = ("VERB", "NOUN")
_ENTRY_FIELDS = ("lemma", "plover", "relation", "mode", "context", "symmetric", "preps",
                 "particle", "verbs", "target_role", "confidence")
_TOP_LEVEL = ("verb", "noun", "light", "negation", "modality", "context")
_MODALITY_KEYS = ("planned_aux", "planned_verbs", "possible_aux", "possible_verbs",
                  "reporting_verbs")
_LEMMA_RE = re.compile(r"^[a-z][a-z0-9'\-]*$")
_WORD_RE = re.compile(r"^[a-z0-9'][a-z0-9'\-]*$")
_RELATION_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_MODE_RE = re.compile(r"^[a-z][a-z0-9\-]*$")
_SECTOR_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_PHRASE_WORD_RE = re.compile(r"^[a-z][a-z'\-]*(/[a-z][a-z'\-]*)*$")

_ARTICLES = frozenset({"a", "an", "the"})
_DETERMINERS = _ARTICLES | {"its", "their", "his", "her", "our", "my", "your", "one's"}
_PLACEHOLDERS = frozenset({"x", "y", "z", "sb", "sb.", "sth", "sth.", "someone", "somebody",
                           "something", "..."})
_TRUE = frozenset({"true", "yes", "y", "1", "t"})
_FALSE = frozenset({"false", "no", "n", "0", "f", ""})


@dataclass(frozen=True)
class Trigger:
    """One lexicon entry: a head word that signals a PLOVER event, and how to read it.

    Attributes
    ----------
    lemma
        Head lemma, lower case ("meet", "talk", "sanction").
    pos
        ``"VERB"`` or ``"NOUN"``.
    plover
        The PLOVER event type.
    relation
        Our finer label ("meet", "visit", "impose_sanctions", "call_on").
    mode
        The PLOVER mode where the words give it ("visit", "phone", "release"), else None.
    context
        A sector the words themselves imply ("military"), else None.
    symmetric
        Both sides do the same thing (meet, talks, agree with, clash).
    preps
        Prepositions that can introduce the target ("met with X", "sanctions on X").
    particle
        VERB: a word that must follow the verb for this sense, a particle ("crack down",
        "pull out") or a preposition that tells senses apart ("call on X to"); None for the
        verb's plain sense. NOUN: a particle the governing verb must carry, None for any.
    verbs
        NOUN only: governing verb lemmas this entry requires ("impose" sanctions); empty for
        a light verb or no verb ("X's visit to Y").
    target_role
        ``"object"``: a direct object or the object of a preposition in ``preps``;
        ``"complement"``: the addressee of a request ("urge X to", "call on X to": X);
        ``"none"``: a one-actor event whose target may be absent ("X mobilised troops").
    confidence
        Prior for this entry, 0..1; ambiguous words are lower.
    origin
        ``"builtin"`` or the path of the user file the entry came from.

    Examples
    --------
    >>> t = load_lexicon().triggers("crack", "VERB")[0]
    >>> t.plover, t.particle, t.preps, t.key
    (<Plover.COERCE: 'COERCE'>, 'down', ('on',), ('crack', 'VERB', 'down', ()))
    """

    lemma: str
    pos: str
    plover: Plover
    relation: str
    mode: str | None
    context: str | None
    symmetric: bool
    preps: tuple[str, ...]
    particle: str | None
    verbs: tuple[str, ...]
    target_role: str
    confidence: float
    origin: str

    @property
    def key(self) -> tuple[str, str, str | None, tuple[str, ...]]:
        """``(lemma, pos, particle, verbs)``: a user entry with the same key replaces this one."""
        return (self.lemma, self.pos, self.particle, self.verbs)


@dataclass(frozen=True, eq=False, repr=False)
class Lexicon:
    """Trigger entries by lemma, and the word lists the extractor reads modality from.

    Two lexicons are equal when their ``version`` (a sha1 of the data they were read from)
    is; a lexicon is hashable, so it can key a cache.

    Examples
    --------
    >>> lex = load_lexicon()
    >>> "hold" in lex.light_verbs and "fail" in lex.negating_verbs
    True
    >>> len(lex) > 400 and lex == load_lexicon()
    True
    """

    verbs: Mapping[str, tuple[Trigger, ...]]
    nouns: Mapping[str, tuple[Trigger, ...]]
    light_verbs: frozenset[str]
    negating_verbs: frozenset[str]
    planned_aux: frozenset[str]
    planned_verbs: frozenset[str]
    possible_aux: frozenset[str]
    reporting_verbs: frozenset[str]
    contexts: Mapping[str, frozenset[str]]
    version: str
    possible_verbs: frozenset[str] = frozenset()
    files: tuple[str, ...] = field(default=())

    def triggers(self, lemma: str, pos: str) -> tuple[Trigger, ...]:
        """The entries for ``lemma`` as a ``pos`` ("VERB" or "NOUN"); ``()`` if none.

        User entries come first, then built-in ones, each in file order.

        Examples
        --------
        >>> [t.plover.value for t in load_lexicon().triggers("Meet", "verb")]
        ['CONSULT', 'CONSULT']
        >>> load_lexicon().triggers("meet", "ADJ")
        ()
        """
        pos = pos.upper()
        table = self.verbs if pos == "VERB" else self.nouns if pos == "NOUN" else None
        if table is None:
            return ()
        return table.get(lemma.lower(), ())

    def context_of(self, lemmas: Iterable[str]) -> str | None:
        """The sector whose keywords occur most often in ``lemmas`` (of any case); ties go to the
        sector listed first; None when no keyword occurs.

        Examples
        --------
        >>> lex = load_lexicon()
        >>> lex.context_of(["talks", "on", "gas", "pipeline", "and", "tariff"])
        'energy'
        >>> lex.context_of(["tariff", "oil"])  # a tie: energy is listed before trade
        'energy'
        >>> lex.context_of(["hello"]) is None, lex.context_of(["Tariff"])
        (True, 'trade')
        """
        return self._context_index.best(lemmas)

    @functools.cached_property
    def _context_index(self) -> _ContextIndex:
        return _ContextIndex.of(self.contexts)

    def __iter__(self) -> Iterator[Trigger]:
        for table in (self.verbs, self.nouns):
            for entries in table.values():
                yield from entries

    def __len__(self) -> int:
        return sum(len(v) for v in self.verbs.values()) + sum(len(v) for v in self.nouns.values())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Lexicon):
            return NotImplemented
        return self.version == other.version

    def __hash__(self) -> int:
        return hash(self.version)

    def __repr__(self) -> str:
        nv = sum(len(v) for v in self.verbs.values())
        nn = sum(len(v) for v in self.nouns.values())
        extra = f", files={list(self.files)!r}" if self.files else ""
        return f"<Lexicon {nv} verb and {nn} noun triggers, version {self.version[:10]}{extra}>"


# ------------------------------------------------------------------------------ loading


@dataclass
class _Layer:
    """What one file contributes, validated."""

    origin: str
    data: bytes
    triggers: list[Trigger]
    light: set[str] = field(default_factory=set)
    negating: set[str] = field(default_factory=set)
    modality: dict[str, set[str]] = field(default_factory=dict)
    contexts: dict[str, list[str]] = field(default_factory=dict)
    # for each entry's key: where it is, the phrase the user wrote, and the fields given
    notes: dict[tuple, tuple[str, str, frozenset[str]]] = field(default_factory=dict)


def load_lexicon(*extra: str | os.PathLike[str]) -> Lexicon:
    """The built-in trigger lexicon, with the user files ``extra`` added over it.

    Parameters
    ----------
    *extra
        User lexicons: ``.csv`` (columns ``phrase,plover,mode,symmetric``, optional
        ``relation,context,confidence,pos,target_role``; lines starting with ``#`` are
        comments) or ``.toml`` (the built-in schema). Later files win over earlier ones, and
        all win over built-in entries with the same ``(lemma, pos, particle, verbs)``; their
        word lists and context keywords are added to the built-in ones.

    Returns
    -------
    Lexicon
        Its ``version`` changes whenever the data read changes.

    Raises
    ------
    LexiconError
        A file that cannot be read, or an entry that is not valid; the message names the
        file, the line and what would be valid.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "mine.csv"
    >>> _ = path.write_text("phrase,plover,mode,symmetric\\nhold talks with,CONSULT,,true\\n")
    >>> lex = load_lexicon(path)
    >>> t = lex.triggers("talk", "NOUN")[0]
    >>> t.verbs, t.preps, t.symmetric, t.origin == str(path)
    (('hold',), ('with',), True, True)
    >>> lex.version != load_lexicon().version
    True
    """
    if not extra:
        return _builtin_lexicon()
    files = [(path, _read_user_bytes(path)) for path in map(os.fspath, extra)]
    key = tuple((path, hashlib.sha256(data).hexdigest()) for path, data in files)
    with _USER_LOCK:
        lexicon = _USER_LEXICONS.get(key)
    if lexicon is None:
        lexicon = _user_lexicon(files)
        with _USER_LOCK:
            if len(_USER_LEXICONS) >= 16:
                _USER_LEXICONS.pop(next(iter(_USER_LEXICONS)))
            lexicon = _USER_LEXICONS.setdefault(key, lexicon)
    return lexicon


# User lexicons read in this process, by their paths and the digests of their contents: one
# file is parsed (and its replacements reported) once, however many times a build asks for it.
_USER_LEXICONS: dict[tuple[tuple[str, str], ...], Lexicon] = {}
_USER_LOCK = threading.Lock()


def _user_lexicon(files: list[tuple[str, bytes]]) -> Lexicon:
    base = _builtin_layer()
    contexts = {k: list(v) for k, v in base.contexts.items()}
    layers = [base]
    for path, data in files:
        layer = _parse_user_file(path, data, contexts)
        for sector, words in layer.contexts.items():
            have = contexts.setdefault(sector, [])
            have.extend(w for w in words if w not in have)
        layers.append(layer)
    return _combine(layers, contexts)


@functools.cache
def _builtin_layer() -> _Layer:
    from importlib import resources

    res = resources.files(__package__).joinpath("data", "lexicon.toml")
    data = res.read_bytes()
    return _read_toml(data, "builtin", "graphbuild/extract/data/lexicon.toml", {})


@functools.cache
def _builtin_lexicon() -> Lexicon:
    base = _builtin_layer()
    return _combine([base], base.contexts)


def _combine(layers: list[_Layer], contexts: Mapping[str, Iterable[str]]) -> Lexicon:
    base, users = layers[0], layers[1:]
    user_entries: list[Trigger] = []
    notes: dict[tuple, tuple[str, str, frozenset[str]]] = {}
    for layer in users:
        keys = {t.key for t in layer.triggers}
        user_entries = layer.triggers + [t for t in user_entries if t.key not in keys]
        notes.update({k: layer.notes[k] for k in keys})
    user_entries = _over_builtin(user_entries, base.triggers, notes)
    user_keys = {t.key for t in user_entries}
    kept = [t for t in base.triggers if t.key not in user_keys]
    if user_keys:
        log.info("user lexicon: %d entries, %d replace built-in ones",
                 len(user_entries), len(base.triggers) - len(kept))
    tables: dict[str, dict[str, list[Trigger]]] = {"VERB": {}, "NOUN": {}}
    for t in user_entries + kept:
        tables[t.pos].setdefault(t.lemma, []).append(t)
    digest = hashlib.sha1(base.data)
    for layer in users:
        digest.update(b"\x00" + layer.data)

    def union(get: Callable[[_Layer], set[str]]) -> frozenset[str]:
        out: set[str] = set()
        for layer in layers:
            out |= get(layer)
        return frozenset(out)

    return Lexicon(
        verbs=MappingProxyType({k: tuple(v) for k, v in tables["VERB"].items()}),
        nouns=MappingProxyType({k: tuple(v) for k, v in tables["NOUN"].items()}),
        light_verbs=union(lambda la: la.light),
        negating_verbs=union(lambda la: la.negating),
        planned_aux=union(lambda la: la.modality.get("planned_aux", set())),
        planned_verbs=union(lambda la: la.modality.get("planned_verbs", set())),
        possible_aux=union(lambda la: la.modality.get("possible_aux", set())),
        reporting_verbs=union(lambda la: la.modality.get("reporting_verbs", set())),
        contexts=MappingProxyType({k: frozenset(v) for k, v in contexts.items()}),
        version=digest.hexdigest(),
        possible_verbs=union(lambda la: la.modality.get("possible_verbs", set())),
        files=tuple(la.origin for la in users),
    )


_MERGED_FIELDS = ("plover", "relation", "mode", "context", "symmetric", "target_role", "confidence")


def _over_builtin(user_entries: list[Trigger], builtin: list[Trigger],
                  notes: Mapping[tuple, tuple[str, str, frozenset[str]]]) -> list[Trigger]:
    """User entries, each with the key of a built-in entry merged over it and reported.

    A user entry adds to the built-in one it replaces: the fields the user gave win, the others
    keep their built-in values, and the prepositions are both entries' ("mediate" with no
    preposition keeps "mediated between X and Y").
    """
    by_key = {t.key: t for t in builtin}
    out = []
    for trig in user_entries:
        old = by_key.get(trig.key)
        if old is None:
            out.append(trig)
            continue
        where, phrase, given = notes.get(trig.key, (trig.origin, trig.lemma, frozenset(_MERGED_FIELDS)))
        kept = {f: getattr(old, f) for f in _MERGED_FIELDS if f not in given}
        merged = dataclasses.replace(trig, preps=tuple(dict.fromkeys(trig.preps + old.preps)), **kept)
        log.warning("%s: %s replaces the built-in %s entry %s (%s); fields left empty keep the "
                    "built-in values", printable(where), quoted(phrase), old.pos.lower(), quoted(old.lemma),
                    _describe(old))
        out.append(merged)
    return out


def _describe(t: Trigger) -> str:
    parts = [t.plover.value, *([t.mode] if t.mode else []),
             *([f"preps {'/'.join(t.preps)}"] if t.preps else []),
             *([f"verbs {'/'.join(t.verbs)}"] if t.verbs else [])]
    return ", ".join(parts)


def _read_user_bytes(path: str) -> bytes:
    suffix = os.path.splitext(path)[1].lower()
    if suffix not in (".csv", ".toml"):
        raise LexiconError(
            f"{path}: unknown lexicon file type {suffix or '(none)'!r}; use .csv (columns "
            f"{','.join(_CSV_REQUIRED)}) or .toml (the schema of the built-in lexicon.toml)")
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as err:
        raise LexiconError(f"{path}: cannot read lexicon file: {err.strerror or err}") from err


def _parse_user_file(path: str, data: bytes, contexts: Mapping[str, Iterable[str]]) -> _Layer:
    if path.lower().endswith(".csv"):
        return _read_csv(data, path, contexts)
    return _read_toml(data, path, path, contexts)


# ------------------------------------------------------------------------------ TOML


def _read_toml(data: bytes, origin: str, display: str,
               base_contexts: Mapping[str, Iterable[str]]) -> _Layer:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise LexiconError(f"{display}: not UTF-8 text ({err.reason} at byte {err.start})") from err
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        at = re.search(r"at line (\d+)", str(err))
        raise LexiconError(f"{_where(display, int(at.group(1)) if at else None)}: not valid "
                           f"TOML: {err}") from err
    unknown = [k for k in doc if k not in _TOP_LEVEL]
    if unknown:
        raise LexiconError(f"{_where(display, _line_of_key(text, unknown[0]))}: unknown section "
                           f"{unknown[0]!r}; valid sections: {', '.join(_TOP_LEVEL)}")
    layer = _Layer(origin, data, [])
    layer.light = _word_list(doc, "light", "verbs", text, display)
    layer.negating = _word_list(doc, "negation", "verbs", text, display)
    modality = doc.get("modality", {})
    if not isinstance(modality, dict):
        raise LexiconError(f"{_where(display, _line_of_key(text, 'modality'))}: [modality] must "
                           f"be a table with keys {', '.join(_MODALITY_KEYS)}")
    for key in modality:
        if key not in _MODALITY_KEYS:
            raise LexiconError(f"{_where(display, _line_of_key(text, key))}: unknown [modality] "
                               f"key {key!r}; valid keys: {', '.join(_MODALITY_KEYS)}")
        layer.modality[key] = _word_list(doc, "modality", key, text, display)
    layer.contexts = _read_contexts(doc.get("context", {}), text, display)
    known = [*base_contexts, *(k for k in layer.contexts if k not in base_contexts)]
    seen: dict[tuple, str] = {}
    for section, pos in (("verb", "VERB"), ("noun", "NOUN")):
        entries = doc.get(section, [])
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise LexiconError(f"{_where(display, _line_of_key(text, section))}: {section!r} must "
                               f"be a list of [[{section}]] tables")
        lines = _header_lines(text, section)
        if len(lines) != len(entries):
            lines = [None] * len(entries)
        for raw, line in zip(entries, lines, strict=False):
            where = _where(display, line)
            trig = _make_trigger(raw, pos, origin, where, known)
            _check_duplicate(trig, where, seen)
            layer.triggers.append(trig)
            layer.notes[trig.key] = (where, str(raw.get("lemma")), frozenset(raw) - {"lemma"})
    return layer


def _word_list(doc: Mapping[str, Any], section: str, key: str, text: str,
               display: str) -> set[str]:
    table = doc.get(section)
    if table is None:
        return set()
    # the line is looked up only for an error: finding it scans the whole file
    where = _LazyWhere(display, text, key if section == "modality" else section)
    if not isinstance(table, dict):
        raise LexiconError(f"{where}: [{section}] must be a table with a {key!r} list")
    if section != "modality":
        extra = [k for k in table if k != key]
        if extra:
            raise LexiconError(f"{where}: unknown key {extra[0]!r} in [{section}]; valid: {key!r}")
    words = table.get(key, [])
    if not isinstance(words, list):
        raise LexiconError(f"{where}: [{section}] {key} must be a list of words, e.g. [\"hold\"]")
    out = set()
    for w in words:
        if not isinstance(w, str) or not _WORD_RE.match(w.strip().lower()):
            raise LexiconError(f"{where}: [{section}] {key}: {w!r} is not a single lower-case word")
        out.add(w.strip().lower())
    return out


def _read_contexts(table: Any, text: str, display: str) -> dict[str, list[str]]:
    if not isinstance(table, dict):
        raise LexiconError(f"{_where(display, _line_of_key(text, 'context'))}: [context] must be "
                           "a table of sector = [keyword lemmas]")
    out: dict[str, list[str]] = {}
    for sector, words in table.items():
        where = _LazyWhere(display, text, sector)
        if not _SECTOR_RE.match(sector):
            raise LexiconError(f"{where}: context sector {sector!r} must be a lower-case name "
                               "(letters, digits, _)")
        if not isinstance(words, list) or not words:
            raise LexiconError(f"{where}: context {sector!r} must be a non-empty list of keyword "
                               "lemmas")
        kept: list[str] = []
        for w in words:
            if not isinstance(w, str) or not _WORD_RE.match(w.strip().lower()):
                raise LexiconError(f"{where}: context {sector!r}: {w!r} is not a single "
                                   "lower-case lemma")
            if w.strip().lower() not in kept:
                kept.append(w.strip().lower())
        out[sector] = kept
    return out


def _header_lines(text: str, section: str) -> list[int]:
    pattern = re.compile(r"^\s*\[\[\s*" + section + r"\s*\]\]")
    return [i for i, line in enumerate(text.splitlines(), 1) if pattern.match(line)]


def _line_of_key(text: str, key: str) -> int | None:
    pattern = re.compile(r"^\s*(\[+\s*" + re.escape(key) + r"\s*\]+|" + re.escape(key) + r"\s*=)")
    for i, line in enumerate(text.splitlines(), 1):
        if pattern.match(line):
            return i
    return None


def _where(path: str, line: int | None) -> str:
    return f"{path}:{line}" if line else path


class _LazyWhere:
    """``path:line`` of a key, found when the message naming it is formatted."""

    def __init__(self, path: str, text: str, key: str):
        self.path, self.text, self.key = path, text, key

    def __str__(self) -> str:
        return _where(self.path, _line_of_key(self.text, self.key))

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


# ------------------------------------------------------------------------------ validation


def _make_trigger(raw: Mapping[str, Any], pos: str, origin: str, where: str,
                  contexts: Iterable[str]) -> Trigger:
    for key in raw:
        if key not in _ENTRY_FIELDS:
            raise LexiconError(f"{where}: unknown field {key!r}; valid fields: "
                               f"{', '.join(_ENTRY_FIELDS)}")
    lemma = raw.get("lemma")
    if not isinstance(lemma, str) or not _LEMMA_RE.match(lemma.strip().lower()):
        raise LexiconError(f"{where}: lemma must be one lower-case word such as \"meet\", "
                           f"got {lemma!r}")
    lemma = lemma.strip().lower()
    plover = _plover(raw.get("plover"), where)
    particle, preps, verbs = _word_fields(raw, pos, where)
    relation, mode, context = _label_fields(raw, lemma, particle, pos, where, contexts)
    symmetric, role, confidence = _prior_fields(raw, where)
    return Trigger(
        lemma=lemma, pos=pos, plover=plover, relation=relation, mode=mode, context=context,
        symmetric=symmetric, preps=tuple(dict.fromkeys(preps)), particle=particle,
        verbs=tuple(sorted(set(verbs))), target_role=role, confidence=float(confidence),
        origin=origin,
    )


def _word_fields(raw: Mapping[str, Any], pos: str, where: str) -> tuple[str | None, list[str], list[str]]:
    """An entry's particle, prepositions and governing verbs, checked."""
    particle = _optional_str(raw, "particle", where)
    if particle is not None:
        particle = particle.lower()
        if particle not in PARTICLES:
            raise LexiconError(f"{where}: particle {particle!r} is not a known particle or "
                               f"preposition; valid: {', '.join(sorted(PARTICLES))}")
    preps = _str_list(raw, "preps", where)
    for p in preps:
        if p not in PREPOSITIONS:
            raise LexiconError(f"{where}: {p!r} is not a known preposition; valid: "
                               f"{', '.join(sorted(PREPOSITIONS))}")
    verbs = _str_list(raw, "verbs", where)
    for v in verbs:
        if not _LEMMA_RE.match(v):
            raise LexiconError(f"{where}: verbs: {v!r} is not a lower-case verb lemma")
    if verbs and pos == "VERB":
        raise LexiconError(f"{where}: 'verbs' (governing verbs) applies to [[noun]] entries only")
    return particle, preps, verbs


def _label_fields(raw: Mapping[str, Any], lemma: str, particle: str | None, pos: str, where: str,
                  contexts: Iterable[str]) -> tuple[str, str | None, str | None]:
    """An entry's relation (by default from the lemma and particle), mode and context, checked."""
    relation = raw.get("relation")
    if relation is None or relation == "":
        relation = lemma + (f"_{particle}" if particle and pos == "VERB" else "")
        relation = re.sub(r"[^a-z0-9]+", "_", relation)
    if not isinstance(relation, str) or not _RELATION_RE.match(relation):
        raise LexiconError(f"{where}: relation must be lower-case letters, digits and _ "
                           f"(\"impose_sanctions\"), got {relation!r}")
    mode = _optional_str(raw, "mode", where)
    if mode is not None and not _MODE_RE.match(mode):
        raise LexiconError(f"{where}: mode must be a lower-case word such as \"visit\" or "
                           f"\"third-party\", got {mode!r}")
    context = _optional_str(raw, "context", where)
    if context is not None and context not in contexts:
        raise LexiconError(f"{where}: unknown context {context!r}; valid: "
                           f"{', '.join(contexts)} (or add it under [context])")
    return relation, mode, context


def _prior_fields(raw: Mapping[str, Any], where: str) -> tuple[bool, str, float]:
    """An entry's symmetric flag, target role and confidence, checked."""
    symmetric = raw.get("symmetric", False)
    if not isinstance(symmetric, bool):
        raise LexiconError(f"{where}: symmetric must be true or false, got {symmetric!r}")
    role = raw.get("target_role", "object")
    if role not in TARGET_ROLES:
        raise LexiconError(f"{where}: target_role must be one of {', '.join(TARGET_ROLES)}, "
                           f"got {role!r}")
    confidence = raw.get("confidence", _DEFAULT_CONFIDENCE)
    if isinstance(confidence, bool) or not isinstance(confidence, (int, float)) \
            or not 0.0 <= confidence <= 1.0:
        raise LexiconError(f"{where}: confidence must be a number from 0 to 1, got {confidence!r}")
    return symmetric, role, confidence


def _plover(value: Any, where: str) -> Plover:
    try:
        return Plover(value)
    except ValueError:
        raise LexiconError(f"{where}: unknown PLOVER type {value!r}; valid: "
                           f"{', '.join(p.value for p in Plover)}") from None


def _optional_str(raw: Mapping[str, Any], key: str, where: str) -> str | None:
    value = raw.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise LexiconError(f"{where}: {key} must be a string, got {value!r}")
    return value.strip()


def _str_list(raw: Mapping[str, Any], key: str, where: str) -> list[str]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LexiconError(f"{where}: {key} must be a list of words, e.g. {key} = [\"with\"]")
    return [v.strip().lower() for v in value]


def _check_duplicate(trig: Trigger, where: str, seen: dict[tuple, str]) -> None:
    if trig.key in seen:
        lemma, pos, particle, verbs = trig.key
        raise LexiconError(
            f"{where}: duplicate entry for {pos.lower()} {lemma!r} (particle {particle!r}, "
            f"verbs {list(verbs)}), first at {seen[trig.key]}; one entry per (lemma, pos, "
            "particle, verbs): merge them or give them different particles or verbs")
    seen[trig.key] = where


# ------------------------------------------------------------------------------ CSV


def _read_csv(data: bytes, path: str, contexts: Mapping[str, Iterable[str]]) -> _Layer:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise LexiconError(f"{path}: not UTF-8 text ({err.reason} at byte {err.start})") from err
    reader = csv.reader(io.StringIO(text, newline=""))
    index = _ContextIndex.of(contexts)
    header: list[str] | None = None
    layer = _Layer(path, data, [])
    seen: dict[tuple, str] = {}
    try:
        for row in reader:
            where = f"{path}:{reader.line_num}"
            if not row or all(not c.strip() for c in row) or row[0].lstrip().startswith("#"):
                continue
            if header is None:
                header = [c.strip().lower() for c in row]
                _check_header(header, where)
                continue
            if len(row) != len(header):
                raise LexiconError(f"{where}: expected {len(header)} fields "
                                   f"({','.join(header)}), found {len(row)}")
            cells = {k: v.strip() for k, v in zip(header, row, strict=False)}
            trig, given = _trigger_from_row(cells, path, where, contexts, index)
            _check_duplicate(trig, where, seen)
            layer.triggers.append(trig)
            layer.notes[trig.key] = (where, cells["phrase"], given)
    except csv.Error as err:
        raise LexiconError(f"{path}:{reader.line_num}: not valid CSV: {err}") from err
    if header is None:
        raise LexiconError(f"{path}: empty lexicon file; the first line must be the header "
                           f"{','.join(_CSV_REQUIRED)}")
    return layer


def _check_header(header: list[str], where: str) -> None:
    for col in header:
        if col not in CSV_COLUMNS:
            raise LexiconError(f"{where}: unknown column {col!r}; valid columns: "
                               f"{', '.join(CSV_COLUMNS)}")
    missing = [c for c in _CSV_REQUIRED if c not in header]
    if missing:
        raise LexiconError(f"{where}: missing column {missing[0]!r}; the header must include "
                           f"{','.join(_CSV_REQUIRED)}")
    if len(set(header)) != len(header):
        raise LexiconError(f"{where}: a column is named twice in the header")


def _trigger_from_row(cells: Mapping[str, str], path: str, where: str,
                      contexts: Mapping[str, Iterable[str]],
                      index: _ContextIndex) -> tuple[Trigger, frozenset[str]]:
    """The entry of one CSV row, and the fields the row gives (the others are defaults)."""
    try:
        parsed = parse_phrase(cells["phrase"], pos=cells.get("pos") or None)
    except LexiconError as err:
        raise LexiconError(f"{where}: {err}") from err
    sym = cells["symmetric"].lower()
    if sym not in _TRUE | _FALSE:
        raise LexiconError(f"{where}: symmetric must be true or false (or yes/no, 1/0, empty), "
                           f"got {cells['symmetric']!r}")
    raw: dict[str, Any] = {
        "lemma": parsed["lemma"],
        "plover": cells["plover"],
        "relation": cells.get("relation") or parsed["relation"],
        "mode": cells["mode"] or None,
        "symmetric": sym in _TRUE,
        "preps": list(parsed["preps"]),
        "particle": parsed["particle"],
        "verbs": list(parsed["verbs"]),
        "target_role": cells.get("target_role") or parsed["target_role"],
    }
    raw["context"] = cells.get("context") or index.best(parsed["modifiers"])
    if cells.get("confidence"):
        try:
            raw["confidence"] = float(cells["confidence"])
        except ValueError:
            raise LexiconError(f"{where}: confidence must be a number from 0 to 1, got "
                               f"{cells['confidence']!r}") from None
    given = {"plover"} | {k for k in ("symmetric", "mode", "relation", "confidence", "target_role") if cells.get(k)}
    given |= {k for k, v in (("preps", parsed["preps"]), ("context", raw["context"]),
                             ("target_role", parsed["target_role"] != "object")) if v}
    return _make_trigger(raw, parsed["pos"], path, where, contexts), frozenset(given)


# ------------------------------------------------------------------------------ phrases


def parse_phrase(phrase: str, *, pos: str | None = None) -> dict[str, Any]:
    """Read a user's trigger phrase, written in base form, into lexicon fields.

    No parser is used, only these rules:

    1. Words are lower-cased. Placeholders (X, Y, sb, sth, someone, something) are dropped;
       a "to" after a placeholder ends the phrase and makes the target role "complement"
       ("urge X to", "call on X to"). A leading infinitive "to" is dropped.
    2. A phrase that starts with an article or possessive ("a visit to"), or with the plural
       of a built-in noun ("talks between", "sanctions on"), or that is given
       ``pos="NOUN"``, is a noun phrase with no governing verb.
    3. Otherwise the first word is the verb. A particle follows it if the next word is up,
       down, out, off, over, away, back, aside, apart, forward or together, or if it is in,
       on, through, about, around, along, across or by and another preposition follows
       ("give in to").
    4. Prepositions at the end are the target's prepositions; "on/against" gives both.
    5. Words left between the verb (and particle) and those prepositions are the object
       noun: the last is the head, made singular (with the built-in nouns as a guide:
       "talks" -> "talk", "ties" -> "tie"), the ones before it are modifiers ("provide
       military aid to": verbs ("provide",), lemma "aid", modifiers ["military"]). The
       verb becomes the noun's required governing verb, its particle the noun's particle.
    6. A verb followed by prepositions only ("call on", "appeal to", "meet with") takes the
       first preposition as its particle too: the entry is that sense of the verb, and the
       verb's plain sense stays as it is.

    Parameters
    ----------
    phrase
        The phrase, e.g. "hold talks with", "impose sanctions on/against", "crack down on".
    pos
        ``"VERB"`` or ``"NOUN"`` to say what the first word is; default: by the rules.

    Returns
    -------
    dict
        ``lemma``, ``pos``, ``particle``, ``preps``, ``verbs``, ``target_role``, a default
        ``relation`` and the noun's ``modifiers``.

    Raises
    ------
    LexiconError
        A phrase these rules cannot read (empty, only prepositions, a preposition in the
        middle, a misplaced "/").

    Examples
    --------
    >>> p = parse_phrase("hold talks with")
    >>> p["lemma"], p["pos"], p["verbs"], p["preps"], p["relation"]
    ('talk', 'NOUN', ('hold',), ('with',), 'hold_talks')
    >>> p = parse_phrase("crack down on")
    >>> p["lemma"], p["pos"], p["particle"], p["preps"]
    ('crack', 'VERB', 'down', ('on',))
    >>> p = parse_phrase("call on X to")
    >>> p["particle"], p["preps"], p["target_role"], p["relation"]
    ('on', ('on',), 'complement', 'call_on')
    >>> parse_phrase("talks between")["pos"], parse_phrase("a phone call to")["lemma"]
    ('NOUN', 'call')
    >>> parse_phrase("on with")
    Traceback (most recent call last):
    ...
    graphbuild.errors.LexiconError: phrase 'on with': starts with a preposition; write the verb or noun first, e.g. 'meet with' or 'talks between'
    """
    if not isinstance(phrase, str) or not phrase.strip():
        raise LexiconError("empty phrase; write a trigger in base form, e.g. 'hold talks with'")
    if pos is not None:
        pos = pos.strip().upper() or None
        if pos not in (None, *_POS):
            raise LexiconError(f"phrase {phrase!r}: pos must be VERB or NOUN, got {pos!r}")
    shown = phrase.strip()
    words, role = _phrase_words(shown)
    known = _known_nouns()
    if pos == "NOUN" or words[0] in _DETERMINERS or (pos is None and _is_plural_noun(words[0], known)):
        return _noun_phrase(words, role, shown, known)
    return _verb_phrase(words, role, shown, pos, known)


def _phrase_words(shown: str) -> tuple[list[str], str]:
    """Rule 1: the phrase's words without placeholders, and the target role."""
    words: list[str] = []
    role = "object"
    placeholder = False
    for w in shown.lower().split():
        if w in _PLACEHOLDERS:
            placeholder = True
            continue
        if w == "to" and placeholder:
            role = "complement"
            break
        words.append(w)
    if len(words) > 1 and words[0] == "to":
        words = words[1:]
    if not words:
        raise LexiconError(f"phrase {shown!r}: no verb or noun in it")
    for w in words:
        if not _PHRASE_WORD_RE.match(w):
            raise LexiconError(f"phrase {shown!r}: {w!r} is not a word (letters, ' and - only; "
                               "'/' between alternative prepositions)")
    if _is_prep(words[0]):
        raise LexiconError(f"phrase {shown!r}: starts with a preposition; write the verb or "
                           "noun first, e.g. 'meet with' or 'talks between'")
    return words, role


def _noun_phrase(words: list[str], role: str, shown: str, known: frozenset[str]) -> dict[str, Any]:
    """Rule 2: a noun phrase with no governing verb ("a visit to", "talks between")."""
    body, preps = _split_preps([w for w in words if w not in _DETERMINERS], shown)
    if not body:
        raise LexiconError(f"phrase {shown!r}: no noun in it")
    head = _singular(body[-1], known)
    return _parsed(head, "NOUN", None, preps, (), role, "_".join(body), body[:-1])


def _verb_phrase(words: list[str], role: str, shown: str, pos: str | None,
                 known: frozenset[str]) -> dict[str, Any]:
    """Rules 3 to 6: a verb, its particle, an object noun, the target's prepositions."""
    verb, rest = words[0], words[1:]
    if "/" in verb:
        raise LexiconError(f"phrase {shown!r}: '/' may only join alternative prepositions at "
                           f"the end ('sanctions on/against'), not {verb!r}; write one row per verb")
    particle = None
    if rest and rest[0] in _PARTICLE_ONLY:
        particle = rest.pop(0)
    elif len(rest) >= 2 and rest[0] in _PARTICLE_AMBIGUOUS and _is_prep(rest[1]):
        particle = rest.pop(0)
    body, preps = _split_preps(rest, shown)
    body = [w for w in body if w not in _DETERMINERS]
    if body:
        if pos == "VERB":
            raise LexiconError(f"phrase {shown!r}: has an object noun ({body[-1]!r}), so it is a "
                               "noun trigger governed by the verb; leave pos empty or write NOUN")
        head = _singular(body[-1], known)
        relation = "_".join([verb, *([particle] if particle else []), *body])
        return _parsed(head, "NOUN", particle, preps, (verb,), role, relation, body[:-1])
    if particle is None and preps:
        particle = preps[0]
    relation = "_".join([verb, *([particle] if particle else [])])
    return _parsed(verb, "VERB", particle, preps, (), role, relation, [])


def _parsed(lemma: str, pos: str, particle: str | None, preps: tuple[str, ...],
            verbs: tuple[str, ...], role: str, relation: str, modifiers: list[str]) -> dict[str, Any]:
    return {"lemma": lemma, "pos": pos, "particle": particle, "preps": preps, "verbs": verbs,
            "target_role": role, "relation": re.sub(r"[^a-z0-9]+", "_", relation).strip("_"),
            "modifiers": list(modifiers)}


def _is_prep(word: str) -> bool:
    return all(p in PREPOSITIONS for p in word.split("/"))


def _split_preps(words: list[str], shown: str) -> tuple[list[str], tuple[str, ...]]:
    """Split trailing prepositions off ``words``; check the rest has none and no '/'."""
    end = len(words)
    while end > 0 and _is_prep(words[end - 1]):
        end -= 1
    body, tail = words[:end], words[end:]
    for w in body:
        if "/" in w:
            raise LexiconError(f"phrase {shown!r}: '/' may only join alternative prepositions "
                               f"at the end ('sanctions on/against'), not {w!r}")
        if w in PREPOSITIONS:
            raise LexiconError(f"phrase {shown!r}: a preposition ({w!r}) in the middle; only "
                               "the prepositions that introduce the target may follow the trigger")
    preps = tuple(dict.fromkeys(p for w in tail for p in w.split("/")))
    return body, preps


def _known_nouns() -> frozenset[str]:
    return frozenset(t.lemma for t in _builtin_layer().triggers if t.pos == "NOUN")


def _is_plural_noun(word: str, known: frozenset[str]) -> bool:
    if not word.endswith("s") or word.endswith("ss") or word in known:
        return False
    return _singular(word, known) in known


def _singular(word: str, known: frozenset[str]) -> str:
    """Singular of a plural noun by simple English rules, preferring a known noun."""
    if word in known or not word.endswith("s") or word.endswith("ss"):
        return word
    candidates = []
    if word.endswith("ies") and len(word) > 4:
        candidates.append(word[:-3] + "y")
    if word.endswith("es"):
        candidates.append(word[:-2])
    candidates.append(word[:-1])
    for c in candidates:
        if c in known:
            return c
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if word.endswith(("us", "is")) or len(word) <= 3:
        return word
    return word[:-1]


# ------------------------------------------------------------------------------ contexts


@dataclass(frozen=True)
class _ContextIndex:
    """Sector names in file order and, for each keyword, the positions of its sectors."""

    names: tuple[str, ...]
    index: Mapping[str, tuple[int, ...]]

    @classmethod
    def of(cls, contexts: Mapping[str, Iterable[str]]) -> _ContextIndex:
        index: dict[str, list[int]] = {}
        for i, words in enumerate(contexts.values()):
            for w in words:
                index.setdefault(w, []).append(i)
        return cls(tuple(contexts), {w: tuple(v) for w, v in index.items()})

    def best(self, lemmas: Iterable[str]) -> str | None:
        counts: dict[int, int] = {}
        for lemma in lemmas:
            for i in self.index.get(lemma.lower(), ()):
                counts[i] = counts.get(i, 0) + 1
        if not counts:
            return None
        return self.names[min(counts, key=lambda i: (-counts[i], i))]
