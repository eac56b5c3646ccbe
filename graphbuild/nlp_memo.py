"""Memoised stand-ins for two of spaCy's rule components: the same output, a fraction of the time.

Two components of the English pipelines run no model but cost as much as one: the
``attribute_ruler`` (a Matcher of some 180 patterns mapping tags to parts of speech and
morphology) and the rule ``lemmatizer`` (suffix rules, recomputed for every base form). On
event-dense news they took 1.6 s of a 7 s parse. Both are functions of a token's own
attributes, so each answer is kept and reused:

- :class:`MemoAttributeRuler`: which of the ruler's one-token patterns match a token depends
  only on the attributes those patterns read (for the English pipelines ``TAG``, ``LOWER``,
  ``DEP``, ``IS_SPACE``), and of a word or a label only on whether a pattern names it (or a
  pattern's regular expression matches it): a few hundred combinations in a corpus. The
  matches are found once per combination, on a Doc of the new tokens, and replayed in the
  ruler's own order with its own setter. A Doc in which one of
  the ruler's patterns of several tokens matches ("gon na", "let 's") goes to the ruler itself.
- :class:`MemoLemmatizer`: the rule lemmatizer's answer depends on the token's text, part of
  speech and morphology, the key spaCy's own cache uses (which leaves base forms out).

A pipeline whose ruler reads other attributes (or uses quantifiers), or whose lemmatizer is not
spaCy's own in the ``rule`` or ``lookup`` mode, keeps its component: :func:`memoise` replaces
only what it can reproduce exactly. tests/test_nlp_memo.py compares every token's attributes
with the stock pipeline's.

Examples
--------
>>> import spacy
>>> nlp = spacy.blank("en")
>>> memoise(nlp)  # nothing to replace in a blank pipeline
[]
"""

from __future__ import annotations

import copy
import operator
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc, Token

__all__ = ["MemoAttributeRuler", "MemoLemmatizer", "memoise", "MEMO_SIZE"]

#: The most answers a memo keeps; it starts again when full (a year of news has a few hundred
#: thousand combinations of word and tag).
MEMO_SIZE = 1 << 19

ATTRIBUTES_FACTORY = "graphbuild_memo_attribute_ruler"
LEMMAS_FACTORY = "graphbuild_memo_lemmatizer"

# The token attributes a one-token pattern may read for its answer to be memoised, and where a
# Token holds each.
_READERS = {"ORTH": "orth", "TEXT": "orth", "LOWER": "lower", "NORM": "norm",
            "IS_SPACE": "is_space", "TAG": "tag", "DEP": "dep", "POS": "pos",
            "MORPH": "morph.key", "LEMMA": "lemma"}
# Attributes that are not the word's own and must be copied onto a stand-in token.
_TOKEN_LEVEL = ("NORM", "TAG", "DEP", "POS", "MORPH", "LEMMA")


# Attributes held as the hash of a string, whose values a key may narrow to those the patterns name.
_NARROWED = ("ORTH", "TEXT", "LOWER", "NORM", "DEP", "TAG")


def _named_values(ruler: Any, name: str) -> tuple[set[str], list[re.Pattern]] | None:
    """The values the one-token patterns name for ``name`` (a value, or in an ``IN`` or
    ``NOT_IN`` list) and the regular expressions they test it with; None when one of them
    tests it otherwise (``FUZZY``, a comparison). Two values that are neither named nor
    matched by an expression pass or fail every test alike."""
    values: set[str] = set()
    patterns: list[re.Pattern] = []
    for entry in ruler.patterns:
        for pattern in entry["patterns"]:
            if len(pattern) != 1 or name not in pattern[0]:
                continue
            spec = pattern[0][name]
            if isinstance(spec, str):
                values.add(spec)
                continue
            if not isinstance(spec, dict) or not set(spec) <= {"IN", "NOT_IN", "REGEX"}:
                return None
            for op, arg in spec.items():
                if op == "REGEX" and isinstance(arg, str):
                    patterns.append(re.compile(arg))
                elif op != "REGEX" and isinstance(arg, list) and all(isinstance(v, str) for v in arg):
                    values.update(arg)
                else:
                    return None
    return values, patterns


def _copy_onto(target: Token, source: Token, names: tuple[str, ...]) -> None:
    for name in names:
        if name == "MORPH":
            target.set_morph(source.morph.key)
        else:
            attr = _READERS[name]
            setattr(target, attr, getattr(source, attr))


class MemoAttributeRuler:
    """Applies an :class:`~spacy.pipeline.AttributeRuler`'s patterns from a memo.

    Parameters
    ----------
    ruler
        The pipeline's own ruler; it still handles the Docs where a pattern of several tokens
        matches, and its matcher finds the matches of tokens not seen before.
    """

    def __init__(self, ruler: Any):
        from spacy.matcher import Matcher

        self.ruler = ruler
        self.memo: dict[Any, dict | None] = {}
        self.reads: tuple[str, ...] = ()
        self.usable = True
        self.several = Matcher(ruler.vocab)
        names: set[str] = set()
        for i, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                if not isinstance(pattern, list) or any("OP" in t for t in pattern):
                    self.usable = False
                elif len(pattern) > 1:
                    self.several.add(str(i), [pattern])
                else:
                    names.update(pattern[0])
                    self.usable = self.usable and entry.get("index", 0) in (0, -1)
        # extension attributes are set one by one, so a ruler that sets them is left as it is
        self.usable = self.usable and names <= set(_READERS) and not any("_" in a for a in ruler.attrs)
        names &= set(_READERS)
        self.reads = tuple(sorted(names)) or ("ORTH",)
        self._key = self._key_function(ruler)
        self._copied = tuple(n for n in self.reads if n in _TOKEN_LEVEL)

    def _key_function(self, ruler: Any) -> Callable[[Token], tuple]:
        """What a token's matches depend on: the attributes the patterns read, and of a word or
        a label (``LOWER``, ``DEP``) only whether it is one the patterns name and which: the
        many words and labels no pattern names all match alike."""
        read = operator.attrgetter(*(_READERS[n] for n in self.reads))
        get = read if len(self.reads) > 1 else (lambda t: (read(t),))
        narrow = []
        for i, name in enumerate(self.reads):
            named = _named_values(ruler, name) if name in _NARROWED else None
            if named is not None:
                values, patterns = named
                narrow.append((i, frozenset(ruler.vocab.strings.add(v) for v in values), patterns, {}))
        if not narrow:
            return get
        strings = ruler.vocab.strings

        def key(token: Token) -> tuple:
            values = list(get(token))
            for i, named, patterns, seen in narrow:
                value = values[i]
                if value in named:
                    continue
                if patterns:  # a value an expression matches is kept
                    kept = seen.get(value)
                    if kept is None:
                        if len(seen) > MEMO_SIZE:
                            seen.clear()
                        kept = seen[value] = any(p.search(strings[value]) for p in patterns)
                    if kept:
                        continue
                values[i] = -1  # no hash is negative
            return tuple(values)

        return key

    def __call__(self, doc: Doc) -> Doc:
        if not self.usable or len(self.several) and self.several(doc, allow_missing=True):
            return self.ruler(doc)
        from spacy.tokens._retokenize import set_token_attrs

        if len(self.memo) > MEMO_SIZE:
            self.memo.clear()
        keys = [self._key(t) for t in doc]
        new = {k: t for k, t in zip(keys, doc, strict=True) if k not in self.memo}
        if new:
            self._learn(new)
        memo = self.memo
        for token, key in zip(doc, keys, strict=True):
            attrs = memo[key]
            if attrs is not None:
                set_token_attrs(token, attrs)
        return doc

    def _learn(self, new: dict[tuple, Token]) -> None:
        """Find the one-token matches of each new combination on a Doc of stand-in tokens."""
        from spacy.tokens import Doc

        tokens = list(new.values())
        stand_in = Doc(self.ruler.vocab, words=[t.text for t in tokens], spaces=[False] * len(tokens))
        for target, source in zip(stand_in, tokens, strict=True):
            _copy_onto(target, source, self._copied)
        found: list[list[int]] = [[] for _ in tokens]
        for attr_id, _match_id, start, end in self.ruler.match(stand_in):  # sorted as it applies them
            if end - start == 1:
                found[start].append(attr_id)
        for key, ids in zip(new, found, strict=True):
            self.memo[key] = self._merged(ids)

    def _merged(self, ids: list[int]) -> dict | None:
        """The attributes the ruler sets, match after match, as one dict: later ones win, as
        when they are set one after the other."""
        if not ids:
            return None
        merged: dict = {}
        for attr_id in ids:
            attrs = self.ruler.attrs[attr_id]
            merged.update(attrs)
        return merged

    def pipe(self, docs: Iterable[Doc], batch_size: int = 1000) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


class MemoLemmatizer:
    """Sets each token's lemma as spaCy's rule or lookup :class:`~spacy.pipeline.Lemmatizer`
    would, from a memo keyed by text, part of speech and morphology.

    In the rule mode the lemmatizer asks, for each form a suffix rule makes, whether the form
    is in the index of words of that part of speech, a list of up to 60,000 words: that search
    is most of its time. A copy of it asks the same of a set (same members, same answers).
    """

    def __init__(self, lemmatizer: Any):
        self.lemmatizer = lemmatizer
        self.memo: dict[tuple[int, int, int], int] = {}
        self.usable = lemmatizer.mode in ("rule", "lookup")
        self._lemmatize = lemmatizer.lemmatize
        if self.usable and lemmatizer.mode == "rule" and "lemma_index" in lemmatizer.lookups:
            self._lemmatize = _with_index_sets(lemmatizer).lemmatize

    def __call__(self, doc: Doc) -> Doc:
        lem = self.lemmatizer
        if not self.usable or not lem._validated:
            return lem(doc)  # the lemmatizer raises its own error about missing tables
        if len(self.memo) > MEMO_SIZE:
            self.memo.clear()
        memo, overwrite, lemmatize = self.memo, lem.overwrite, self._lemmatize
        for token in doc:
            if overwrite or token.lemma == 0:
                key = (token.orth, token.pos, token.morph.key)
                lemma = memo.get(key)
                if lemma is None:
                    token.lemma_ = lemmatize(token)[0]
                    memo[key] = token.lemma
                else:
                    token.lemma = lemma
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 1000) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def _with_index_sets(lemmatizer: Any) -> Any:
    """A copy of ``lemmatizer`` whose ``lemma_index`` holds sets; the original is untouched
    (its tables still serialise)."""
    from spacy.lookups import Lookups, Table

    clone = copy.copy(lemmatizer)
    clone.lookups = Lookups()
    for name in lemmatizer.lookups.tables:
        table = lemmatizer.lookups.get_table(name)
        if name == "lemma_index":
            sets = Table(name=name)
            for key, words in table.items():
                sets[key] = frozenset(words)
            table = sets
        clone.lookups.set_table(name, table)
    clone.cache = {}
    clone.lemmatize = clone.rule_lemmatize
    return clone


def _register() -> None:
    from spacy.language import Language

    if ATTRIBUTES_FACTORY in Language.factories:
        return

    @Language.factory(ATTRIBUTES_FACTORY, default_config={"stock": "attribute_ruler"})
    def attributes(nlp: Language, name: str, stock: str) -> MemoAttributeRuler:
        return MemoAttributeRuler(nlp.get_pipe(stock))

    @Language.factory(LEMMAS_FACTORY, default_config={"stock": "lemmatizer"})
    def lemmas(nlp: Language, name: str, stock: str) -> MemoLemmatizer:
        return MemoLemmatizer(nlp.get_pipe(stock))


def memoise(nlp: Language) -> list[str]:
    """Put a memoised stand-in in place of each component of ``nlp`` it reproduces exactly.

    The stock component is renamed ``NAME_stock`` and disabled (its stand-in calls it when
    needed); the stand-in takes its name and place. Returns the names replaced.
    """
    from spacy.lang.en.lemmatizer import EnglishLemmatizer
    from spacy.pipeline import AttributeRuler, Lemmatizer

    _register()
    done = []
    for name, kinds, factory, make in (
            ("attribute_ruler", (AttributeRuler,), ATTRIBUTES_FACTORY, MemoAttributeRuler),
            ("lemmatizer", (Lemmatizer, EnglishLemmatizer), LEMMAS_FACTORY, MemoLemmatizer)):
        if name not in nlp.pipe_names or type(nlp.get_pipe(name)) not in kinds:
            continue
        if not make(nlp.get_pipe(name)).usable:  # a few ms: a Matcher of a few patterns
            continue
        stock = f"{name}_stock"
        nlp.rename_pipe(name, stock)
        nlp.add_pipe(factory, name=name, after=stock, config={"stock": stock})
        nlp.disable_pipe(stock)
        done.append(name)
    return done
