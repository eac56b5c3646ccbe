"""Hand-built parses, as spaCy's own tests build them, so rule tests cannot break with a model.

A parse is written as a table, one token a line: ``word[/lemma] POS TAG dep head``, where the
lemma defaults to the lower-cased word and ``head`` is the index of the token's head (a root
heads itself). No model is loaded: the rules and the resolver read only these attributes.
"""

from __future__ import annotations

import pytest


def hand_parse(table: str):
    """A ``spacy.tokens.Doc`` built from ``table`` with a blank English vocabulary."""
    from spacy.tokens import Doc

    words, lemmas, pos, tags, deps, heads = [], [], [], [], [], []
    for line in table.strip().splitlines():
        token, p, tag, dep, head = line.split()
        word, _, lemma = token.partition("/")
        words.append(word)
        lemmas.append(lemma or word.lower())
        pos.append(p)
        tags.append(tag)
        deps.append(dep)
        heads.append(int(head))
    spaces = [i + 1 < len(words) and words[i + 1] not in (".", ",", "'s") for i in range(len(words))]
    return Doc(_vocab(), words=words, spaces=spaces, lemmas=lemmas, pos=pos, tags=tags, deps=deps, heads=heads)


def _vocab():
    import spacy

    global _VOCAB
    if _VOCAB is None:
        _VOCAB = spacy.blank("en").vocab
    return _VOCAB


_VOCAB = None


def hand_events(table: str, **options):
    """The events the built-in extractor finds in the hand-built parse ``table``."""
    from graphbuild.actors.resolve import resolve
    from graphbuild.extract import registry
    from graphbuild.ingest import article_from_text

    doc = hand_parse(table)
    extract = registry.create("events.v1", **options)
    return list(extract(doc, article=article_from_text(doc.text, id="hand"), actors=resolve(doc)))


@pytest.fixture
def parse():
    """``parse(table) -> Doc``: a hand-built parse."""
    return hand_parse


@pytest.fixture
def events():
    """``events(table, **extractor options) -> list[Event]``: the built-in extractor on a hand-built parse."""
    return hand_events
