"""The resolver's word lists, read from ``data/words.toml`` once per process and checked.

Each table of the file is one class of words the resolver reads (person nouns, thing
nouns, document heads ...): an ``about`` line saying what the words are for and one or
more lists of lower-case words. The file starts with a ``source`` line saying where its
words come from. A missing table, an unknown one (a typo), a list that is not a list of
non-empty lower-case strings, or a repeated word raises
:class:`~graphbuild.errors.LexiconError` naming the file and the key.

Examples
--------
>>> w = words()
>>> "soldier" in w.person_nouns, "policy" in w.thing_nouns, "policy" in w.person_nouns
(True, True, False)
"""

from __future__ import annotations

import dataclasses
import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..errors import LexiconError

__all__ = ["WORDS_FILE", "Words", "load_words", "words"]

#: The package's word lists.
WORDS_FILE = Path(__file__).with_name("data") / "words.toml"


@dataclass(frozen=True)
class Words:
    """The resolver's word lists, one frozen set each (see ``data/words.toml``)."""

    person_nouns: frozenset[str]
    thing_nouns: frozenset[str]
    population_nouns: frozenset[str]
    descriptor_nouns: frozenset[str]
    counterpart_nouns: frozenset[str]
    institution_heads: frozenset[str]
    document_heads: frozenset[str]
    generic_groups: frozenset[str]
    pair_person_nouns: frozenset[str]
    pair_state_nouns: frozenset[str]
    leader_words: frozenset[str]
    leading_verbs: frozenset[str]
    saying_verbs: frozenset[str]
    calendar_words: frozenset[str]
    holding_words: frozenset[str]
    state_led_suffixes: frozenset[str]
    not_incumbent: frozenset[str]
    part_nouns: frozenset[str]
    rising_verbs: frozenset[str]
    ruling_nouns: frozenset[str]


# table -> {list key in the file: field of Words}
_LAYOUT: dict[str, dict[str, str]] = {
    f.name: {"words": f.name} for f in dataclasses.fields(Words)
    if f.name not in ("pair_person_nouns", "pair_state_nouns")
}
_LAYOUT["pair_nouns"] = {"persons": "pair_person_nouns", "states": "pair_state_nouns"}


def _word_list(path: Path, where: str, value: object) -> frozenset[str]:
    if not isinstance(value, list) or not value:
        raise LexiconError(f"{path}: [{where}] must be a non-empty list of words")
    seen: set[str] = set()
    for word in value:
        if not isinstance(word, str) or not word.strip() or word != word.strip().lower():
            raise LexiconError(f"{path}: [{where}] {word!r} is not a lower-case word")
        if word in seen:
            raise LexiconError(f"{path}: [{where}] lists {word!r} twice")
        seen.add(word)
    return frozenset(seen)


def _parse(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise LexiconError(f"{path}: cannot read word lists: {err}") from err
    except tomllib.TOMLDecodeError as err:
        raise LexiconError(f"{path}: not valid TOML: {err}") from err


def load_words(path: str | Path = WORDS_FILE) -> Words:
    """Read and check a word-list file in the layout of ``data/words.toml``.

    Raises
    ------
    LexiconError
        The file cannot be read or parsed, lacks its ``source`` line, or a table is
        missing, unknown or malformed; the message names the file and the key.

    Examples
    --------
    >>> len(load_words().calendar_words)
    19
    """
    path = Path(path)
    data = _parse(path)
    source = data.pop("source", None)
    if not isinstance(source, str) or not source.strip():
        raise LexiconError(f"{path}: no 'source' line saying where the words come from")
    unknown = sorted(set(data) - set(_LAYOUT))
    if unknown:
        raise LexiconError(f"{path}: unknown table [{unknown[0]}]; valid: {', '.join(_LAYOUT)}")
    fields: dict[str, frozenset[str]] = {}
    for table, lists in _LAYOUT.items():
        body = data.get(table)
        if not isinstance(body, dict):
            raise LexiconError(f"{path}: missing table [{table}]")
        extra = sorted(set(body) - set(lists) - {"about"})
        if extra:
            raise LexiconError(f"{path}: [{table}] has unknown key {extra[0]!r}; valid: "
                               f"about, {', '.join(lists)}")
        if not isinstance(body.get("about"), str):
            raise LexiconError(f"{path}: [{table}] needs an 'about' line saying what the words are for")
        for key, name in lists.items():
            fields[name] = _word_list(path, f"{table}.{key}" if key != "words" else table, body.get(key))
    return Words(**fields)


@functools.cache
def words() -> Words:
    """The package's word lists, read on first use and kept for the process."""
    return load_words()
