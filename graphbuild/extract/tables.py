"""The extractor's word tables, read from the TOML files in ``graphbuild/extract/data/``.

The rules of :mod:`graphbuild.extract` are code; the words they look for are data, one file a
family of rules:

- ``frames.toml``: saying, asking, proposing and naming (what a frame's content is);
- ``modality.toml``: what makes an event planned, possible, intended or negated;
- ``arguments.toml``: the nouns and prepositions through which arguments are found, and the
  nouns that point back to an earlier act;
- ``restraint.toml``: words that stop an event the text does not report;
- ``rules.toml``: the word lists of the post-rules keyed by PLOVER type (:mod:`.rules`).

(The trigger lexicon itself, and the word lists a user lexicon may extend, are in
``lexicon.toml``: see :mod:`graphbuild.extract.lexicon`.)

Each file starts with a ``source`` line saying where its words come from. A file is read and
validated the first time one of its words is needed (never at import) and kept for the rest of
the process: a missing key, a key the schema does not know, or a value that is not a list of
lower-case words raises a :class:`~graphbuild.errors.LexiconError` naming the file and the key.

The tables are attributes of :data:`WORDS`, named by their keys:

>>> "statement" in WORDS.speech_nouns
True
>>> sorted(WORDS.antecedents["threat"])
[<Plover.THREATEN: 'THREATEN'>]
>>> WORDS.no_such_table
Traceback (most recent call last):
...
AttributeError: no word table 'no_such_table'; the tables are the keys of graphbuild.extract.tables.SCHEMA
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from typing import Any

from ..errors import LexiconError
from ..types import Plover

__all__ = ["WORDS", "SCHEMA", "load_table_file", "read_tables"]

_WORDS = "words"            # a list of lower-case words -> frozenset[str]
_ANTECEDENTS = "antecedents"  # [[antecedents]] types = [...], nouns = [...] -> {noun: (Plover, ...)}

#: The keys of each data file and what each holds.
SCHEMA: Mapping[str, Mapping[str, str]] = {
    "frames.toml": dict.fromkeys(
        ("speech_nouns", "saying_verbs", "deontic_auxiliaries", "proposal_nouns", "topic_holders",
         "of_topic_holders", "naming_verbs", "disapproving_words", "decision_nouns"), _WORDS),
    "modality.toml": dict.fromkeys(
        ("negating_determiners", "planned_adjectives", "possible_adjectives", "planned_copula",
         "progressive_be", "time_conjunctions", "ongoing_verbs", "intent_words", "negative_adjectives",
         "planning_nouns", "reported_adverbs", "reported_participles", "condition_conjunctions",
         "question_words", "denying_verbs"), _WORDS),
    "arguments.toml": {
        **dict.fromkeys(("argument_prepositions", "carrier_nouns", "quantity_nouns", "relation_nouns",
                         "event_nouns", "collective_nouns", "purpose_nouns", "subject_control_verbs",
                         "antecedent_determiners", "inclusion_verbs", "state_nouns",
                         "engaged_participles", "instrument_nouns", "duration_nouns", "envoy_nouns",
                         "expelled_from_verbs", "summoned_to_verbs", "recalling_verbs"), _WORDS),
        "antecedents": _ANTECEDENTS,
    },
    "restraint.toml": dict.fromkeys(
        ("stative_participles", "circumstance_prepositions", "aside_words", "in_object_verbs"), _WORDS),
    "rules.toml": dict.fromkeys(
        ("preparing_words", "hosting_verbs", "deciding_verbs", "place_nouns", "place_prepositions",
         "site_prepositions", "grievance_verbs", "grievance_nouns", "force_nouns", "material_nouns",
         "failing_verbs", "legal_qualifiers", "sending_verbs",
         "mission_words", "mission_people", "arrival_verbs", "giving_verbs", "money_words",
         "aid_purpose_verbs", "domestic_measures", "decided_cooperation_verbs",
         "dispersing_verbs", "demolishing_verbs", "dwelling_nouns", "cyber_words",
         "armed_words", "fighting_nouns", "fighting_prepositions",
         "peacekeeping_words", "spoken_of_prepositions",
         "responsibility_nouns", "admitting_verbs", "shield_nouns",
         "labour_strike_words", "worker_nouns", "stopping_verbs", "pressure_nouns", "regard_nouns"), _WORDS),
}

_FILE_OF = {key: name for name, keys in SCHEMA.items() for key in keys}


class _Tables:
    """The word tables as attributes; each file is read on first use of one of its keys."""

    def __getattr__(self, name: str) -> Any:
        file = _FILE_OF.get(name)
        if file is None:
            raise AttributeError(f"no word table {name!r}; the tables are the keys of "
                                 "graphbuild.extract.tables.SCHEMA")
        value = load_table_file(file)[name]
        self.__dict__[name] = value  # later reads are plain attribute reads
        return value

    def __dir__(self) -> list[str]:
        return sorted(_FILE_OF)


#: The word tables of the extractor, by key (``WORDS.speech_nouns``).
WORDS: Any = _Tables()


@functools.cache
def load_table_file(name: str) -> Mapping[str, Any]:
    """The validated tables of the data file ``name`` (``"frames.toml"``), read once.

    >>> sorted(load_table_file("restraint.toml"))
    ['aside_words', 'circumstance_prepositions', 'in_object_verbs', 'stative_participles']
    """
    from importlib import resources

    if name not in SCHEMA:
        raise LexiconError(f"no word-table file {name!r}; files: {', '.join(SCHEMA)}")
    data = resources.files(__package__).joinpath("data", name).read_bytes()
    return read_tables(data, f"graphbuild/extract/data/{name}", SCHEMA[name])


def read_tables(data: bytes, display: str, schema: Mapping[str, str]) -> dict[str, Any]:
    """Parse and validate one word-table file against ``schema`` (key -> kind).

    >>> sorted(read_tables(b'source = "ours"\\nwords = ["b", "a"]\\n', "x.toml", {"words": "words"})["words"])
    ['a', 'b']
    >>> read_tables(b'source = "ours"\\nwords = ["a", 3]\\n', "x.toml", {"words": "words"})
    Traceback (most recent call last):
    ...
    graphbuild.errors.LexiconError: x.toml: key 'words': 3 is not a lower-case word (a string)
    """
    try:
        doc = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise LexiconError(f"{display}: not valid UTF-8 TOML: {err}") from err
    source = doc.pop("source", None)
    if not isinstance(source, str) or not source.strip():
        raise LexiconError(f"{display}: key 'source' (a line saying where the words come from) "
                           "is missing or not a string")
    unknown = sorted(set(doc) - set(schema))
    if unknown:
        raise LexiconError(f"{display}: unknown key {unknown[0]!r}; valid keys: {', '.join(schema)}")
    out: dict[str, Any] = {}
    for key, kind in schema.items():
        if key not in doc:
            raise LexiconError(f"{display}: key {key!r} is missing")
        reader = _read_antecedents if kind == _ANTECEDENTS else _read_words
        out[key] = reader(doc[key], f"{display}: key {key!r}")
    return out


def _read_words(value: Any, where: str) -> frozenset[str]:
    if not isinstance(value, list):
        raise LexiconError(f"{where}: must be a list of words, got {type(value).__name__}")
    seen: set[str] = set()
    for word in value:
        if not isinstance(word, str) or not word.strip() or word != word.strip().lower():
            raise LexiconError(f"{where}: {word!r} is not a lower-case word (a string)")
        if word in seen:
            raise LexiconError(f"{where}: {word!r} is listed twice")
        seen.add(word)
    return frozenset(seen)


def _read_antecedents(value: Any, where: str) -> Mapping[str, tuple[Plover, ...]]:
    if not isinstance(value, list) or not all(isinstance(g, dict) for g in value):
        raise LexiconError(f"{where}: must be [[antecedents]] tables with types and nouns")
    out: dict[str, tuple[Plover, ...]] = {}
    for i, group in enumerate(value, 1):
        at = f"{where} (group {i})"
        if set(group) != {"types", "nouns"}:
            raise LexiconError(f"{at}: needs exactly the keys 'types' and 'nouns', got {sorted(group)}")
        names = group["types"]
        if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
            raise LexiconError(f"{at}: types must be a non-empty list of PLOVER type names")
        try:
            types = tuple(Plover(n) for n in names)
        except ValueError as err:
            raise LexiconError(f"{at}: {err}; valid: {', '.join(p.value for p in Plover)}") from None
        _read_words(group["nouns"], f"{at} nouns")
        for noun in group["nouns"]:
            if noun in out:
                raise LexiconError(f"{at}: {noun!r} is in two groups")
            out[noun] = types
    return out
