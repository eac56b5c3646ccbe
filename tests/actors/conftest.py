"""Hand-built parses for the recogniser tests, as spaCy's own tests build them.

``parse(rows)`` builds a ``Doc`` from one row per token:
``(word, pos, dep, head, ent="O", lemma=None, tag=None)``, ``head`` the absolute index of the
token's head (the root heads itself), ``ent`` an IOB tag ("B-GPE"), ``lemma`` the lower-cased
word unless given. Such a parse cannot change when a model is updated.
"""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def vocab():
    import spacy

    return spacy.blank("en").vocab  # English lexical attributes (lower_, like_num ...), no model


@pytest.fixture
def parse(vocab):
    from spacy.tokens import Doc

    def build(rows):
        rows = [tuple(r) + (None,) * (7 - len(r)) for r in rows]
        words = [r[0] for r in rows]
        default_tags = {"PROPN": "NNP", "NOUN": "NN", "ADJ": "JJ", "VERB": "VBD", "DET": "DT",
                        "ADP": "IN", "PRON": "PRP", "PUNCT": ",", "PART": "POS", "CCONJ": "CC",
                        "AUX": "MD", "NUM": "CD"}
        return Doc(vocab, words=words,
                   pos=[r[1] for r in rows],
                   deps=[r[2] for r in rows],
                   heads=[r[3] for r in rows],
                   ents=[r[4] or "O" for r in rows],
                   lemmas=[r[5] or r[0].lower() for r in rows],
                   tags=[r[6] or default_tags.get(r[1], "XX") for r in rows])

    return build


@pytest.fixture
def context():
    """context(doc, user_actors=(), day=None, offices=None) -> a fresh resolver Context for ``doc``."""
    from graphbuild.actors.context import Context

    def make(doc, user_actors=(), day=None, offices=None):
        return Context(doc, user_actors, day, offices)

    return make
