"""The memoised attribute ruler and lemmatizer give every token the annotations the stock
components give (graphbuild/nlp_memo.py), and stand aside where they could not; the models,
multiplying with numpy instead of blis, give the same annotations too (graphbuild/nlp.py)."""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest
import spacy

from graphbuild.nlp import NEWLINE_SENTENCES, _register_components, load_pipeline, resolve_model_name, use_numpy_matmul
from graphbuild.nlp_memo import MemoAttributeRuler, MemoLemmatizer, memoise

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

TEXTS = [
    "The envoys weren't gonna sign, but let's say they'd have signed by Friday, wouldn't they?",
    "We gotta go. You wanna see the talks? I ain't sure it isn't over.",
    "Ministers met; ministers meet; the minister is meeting her counterparts, who were met earlier.",
    "  \n\nThe 3rd round of talks -- held in 2024 -- ended. U.S. officials' statements were better, best.",
    "Rebels seized two towns and shelled a third; the army's counter-attack was repulsed.",
    "She said: \"They're leaving.\" He'd gone. Its neighbours' borders stayed shut\tall week.",
]


def _annotations(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_, t.norm_)
            for t in doc]


@pytest.fixture(scope="module")
def stock():
    """The pipeline graphbuild loads, with spaCy's own components where graphbuild memoises."""
    nlp = spacy.load(resolve_model_name())
    _register_components()
    nlp.add_pipe(NEWLINE_SENTENCES, before="parser")  # graphbuild's one other change
    return nlp


def test_same_annotations_as_the_stock_pipeline(stock):
    texts = TEXTS + [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts = texts * 2  # the second time round every answer comes from the memo
    ours = load_pipeline()
    assert isinstance(ours.get_pipe("attribute_ruler"), MemoAttributeRuler)
    assert isinstance(ours.get_pipe("lemmatizer"), MemoLemmatizer)
    for mine, theirs in zip(ours.pipe(texts), stock.pipe(texts), strict=True):
        assert _annotations(mine) == _annotations(theirs)


def _uses_blis(nlp):
    return {node.ops.use_blis for _, c in nlp.pipeline if hasattr(getattr(c, "model", None), "walk")
            for node in c.model.walk()}


def test_models_multiply_with_numpy_and_give_the_same_vectors(stock):
    ours = load_pipeline()
    assert _uses_blis(ours) == {False} and _uses_blis(stock) == {True}
    text = (SEEDS / "india-russia-summit.txt").read_text(encoding="utf-8")
    mine, theirs = ours(text), stock(text)
    # the same products to within float rounding, hence the same tags, parses and entities
    assert mine.tensor.shape == theirs.tensor.shape
    assert numpy.allclose(mine.tensor, theirs.tensor, atol=1e-4)
    assert _annotations(mine) == _annotations(theirs)
    assert use_numpy_matmul(ours) == 0  # already switched: nothing left to switch


def test_one_doc_at_a_time_too(stock):
    ours = load_pipeline()
    for text in TEXTS:
        assert _annotations(ours(text)) == _annotations(stock(text))


def test_stock_components_kept_disabled_beside_their_stand_ins():
    nlp = spacy.load(resolve_model_name())
    assert memoise(nlp) == ["attribute_ruler", "lemmatizer"]
    assert {"attribute_ruler_stock", "lemmatizer_stock"} <= set(nlp.disabled)
    order = nlp.pipe_names
    assert order.index("attribute_ruler") < order.index("lemmatizer")


def test_components_it_cannot_reproduce_are_left_alone():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "talks", "OP": "+"}]], {"LEMMA": "talk"})  # a quantifier: not memoised
    nlp.add_pipe("lemmatizer", config={"mode": "rule"})
    assert "attribute_ruler" not in memoise(nlp)
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"


def test_a_ruler_reading_entity_types_is_left_alone():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"ENT_TYPE": "GPE"}]], {"POS": "PROPN"})
    assert memoise(nlp) == []


def test_patterns_on_words_labels_and_expressions_replayed_exactly():
    """Words and labels no pattern names share one memo entry; named ones, words a regular
    expression matches, NOT_IN lists and patterns of two tokens keep their own answers."""
    import random

    from spacy.tokens import Doc

    patterns = [
        {"patterns": [[{"LOWER": {"REGEX": "^re"}}]], "attrs": {"LEMMA": "re-"}},
        {"patterns": [[{"LOWER": {"NOT_IN": ["talks", "meets"]}, "TAG": "NNS"}]], "attrs": {"POS": "NOUN"}},
        {"patterns": [[{"DEP": {"IN": ["nsubj"]}}]], "attrs": {"MORPH": "Case=Nom"}},
        {"patterns": [[{"TAG": "VBD"}]], "attrs": {"POS": "VERB", "MORPH": "Tense=Past"}},
        {"patterns": [[{"LOWER": "talks", "TAG": "NNS"}]], "attrs": {"LEMMA": "talk"}},
        {"patterns": [[{"LOWER": "let"}, {"LOWER": "'s"}]], "attrs": {"LEMMA": "us"}, "index": 1},
    ]
    stock_nlp, memo_nlp = spacy.blank("en"), spacy.blank("en")
    stock_nlp.add_pipe("attribute_ruler").add_patterns(patterns)
    memo_nlp.add_pipe("attribute_ruler").add_patterns(patterns)
    assert memoise(memo_nlp) == ["attribute_ruler"]
    words = ["talks", "meets", "rebels", "rejected", "reply", "let", "'s", "envoys", "met", "Talks"]
    tags, deps = ["NNS", "VBD", "NN", "VB"], ["nsubj", "dobj", "ROOT", "prep"]
    rng = random.Random(3)
    for _ in range(60):
        n = rng.randint(1, 9)
        spec = dict(words=[rng.choice(words) for _ in range(n)], tags=[rng.choice(tags) for _ in range(n)],
                    heads=[0] * n, deps=[rng.choice(deps) for _ in range(n)])
        a, b = Doc(stock_nlp.vocab, **spec), Doc(memo_nlp.vocab, **spec)
        stock_nlp.get_pipe("attribute_ruler")(a)
        memo_nlp.get_pipe("attribute_ruler")(b)
        assert [(t.pos_, str(t.morph), t.lemma_) for t in a] == [(t.pos_, str(t.morph), t.lemma_) for t in b], spec


def test_a_failed_load_leaves_the_garbage_collector_running():
    import gc

    from graphbuild.errors import ModelError

    assert gc.isenabled()
    with pytest.raises(ModelError, match="no_such_pipeline_xyz"):
        load_pipeline("no_such_pipeline_xyz")
    assert gc.isenabled()  # paused only while spaCy loaded
