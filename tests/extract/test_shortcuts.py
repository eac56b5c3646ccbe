"""The extractor's shortcuts answer as the full reading does: the sentence text read from its
tokens, the date test that spares reading a verb's clause, the joined-noun test that spares
reading the word before a noun, and the part-of-speech and word tests before the trigger search."""

from __future__ import annotations

import datetime as dt

import pytest

from graphbuild.actors.phrases import span_text
from graphbuild.actors.resolve import resolve
from graphbuild.extract import frames, mood, triggers
from graphbuild.extract.dates import DocDates, event_date, resolve_date
from graphbuild.extract.events import _is_heading
from graphbuild.extract.lexicon import load_lexicon

TEXTS = [
    "Chile and Peru signed a trade accord in Lima on Monday, officials said.",
    "On 3 March 2021 the Bolivian president met his Chilean counterpart, who promised aid next week.",
    "Ecuador's foreign minister will visit Quito on Friday to discuss the cease-fire with rebel leaders.",
    "Peruvian police arrested 40 protesters last Tuesday; the government denied that it had used force.",
    "Talks between the two states, scheduled for December 5, were called off.",
    "BREAKING NEWS",
    "Did Argentina threaten Uruguay with sanctions in 2019?",
    "Rebels staged raids and overran two towns; the ministry called the shelling unfriendly.",
    "Brazil gave five million dollars to Paraguay and said Bolivia must reopen the pass.",
    "The envoy issued a statement that both sides should hold war games less often.",
    "Why did Chile recall its envoy from Lima? \"Will Peru sign the accord?\"",
]
REFERENCE = dt.date(2022, 6, 15)


@pytest.fixture(scope="module")
def docs(nlp):
    return [nlp(t) for t in TEXTS]


def _plain_is_heading(sent):
    """A heading as read test by test, in the order the rule was first written."""
    text = sent.text.strip()
    if not text:
        return True
    has_finite = any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in sent)
    words = [t for t in sent if t.is_alpha]
    if not words:
        return True
    titled = sum(1 for t in words if t.text[:1].isupper()) / len(words)
    ends = text[-1] in ".!?\"'”’)"
    if "\n" in text:
        return True
    if not ends and (titled > 0.6 or not has_finite):
        return True
    return not has_finite and not any(t.tag_ in ("VBG", "VBN", "VB") for t in sent)


HEADINGS = ["Talks Resume In Lima", "Border reopened", "1. Trade\nand tariffs", "  ", "---",
            "Peru, Chile sign deal", "Chile signs deal with Peru."]


def test_sentence_text_from_its_tokens_is_the_span_text(docs, nlp):
    headings = 0
    for doc in [*docs, *(nlp(t) for t in HEADINGS)]:
        for sent in doc.sents:
            tokens = list(sent)
            assert span_text(tokens) == sent.text
            plain = _plain_is_heading(sent)
            assert _is_heading(sent, tokens, span_text(tokens)) == _is_heading(sent) == plain, sent.text
            headings += plain
    assert span_text([]) == ""
    assert headings >= 4


def _plain_event_date(verb, reference, future):
    """The event date as the clause reads it: the first DATE token of the verb's subtree within
    three heads of it that names a day, read as its entity's text."""
    for tok in verb.subtree:
        if tok.ent_type_ == "DATE" and verb in (tok.head, tok.head.head, tok.head.head.head):
            ent = next((e for e in verb.doc.ents if e.start <= tok.i < e.end), None)
            day = resolve_date(ent.text if ent is not None else tok.text, reference, future=future)
            if day is not None:
                return day
    return None


def test_the_event_date_from_the_doc_dates_is_the_clause_reading(docs):
    dated = 0
    for doc in docs:
        near = DocDates.of(doc)
        assert near.date_tokens == [t.i for t in doc if t.ent_type_ == "DATE"]
        assert near.heads == [t.head.i for t in doc]
        for tok in doc:
            assert near.near(tok.i) == [t.i for t in tok.subtree if t.ent_type_ == "DATE" and tok in (
                t.head, t.head.head, t.head.head.head)]
            for future in (False, True):
                full = _plain_event_date(tok, REFERENCE, future)
                assert event_date(tok, REFERENCE, future=future, doc_dates=near) == full
                assert event_date(tok, REFERENCE, future=future) == full
                dated += full is not None
    assert dated  # the texts do date some verbs


def test_joined_nouns_are_found_behind_the_ending_test(nlp):
    lex = load_lexicon()
    endings = triggers._noun_endings(lex)
    joined = [noun for noun in lex.nouns if any(noun[:k].isalpha() and noun[k:] in lex.nouns
                                                for k in range(2, len(noun) - 1))]
    assert joined  # the lexicon has nouns written as one word or two ("ceasefire")
    for noun in lex.nouns:
        assert all(noun[k:] in endings for k in range(1, len(noun) + 1))
    doc = nlp("The rebels and the army agreed to a cease-fire.")
    noun = next(t for t in doc if t.lower_ == "fire")
    assert triggers._noun_trigger(noun, lex) is not None


def test_the_part_of_speech_test_changes_no_candidate(docs):
    """Every token the shortcut skips is one no trigger recogniser accepts."""
    lex = load_lexicon()
    for doc in docs:
        res = resolve(doc)
        for tok in doc:
            if tok.pos_ in frames._TRIGGER_POS:
                continue
            assert frames._candidate_at(tok, lex, res) is None
            assert triggers._naming_trigger(tok) is None
            assert triggers._money_trigger(tok) is None
            assert triggers._verb_trigger(tok, lex) is None
            assert triggers._deontic_request(tok) is None
            assert triggers._noun_trigger(tok, lex) is None


def test_date_tokens_of_a_doc_with_labels_of_any_hash():
    """Label hashes use all 64 bits: a large one is read as the label it is, not a wrapped number."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    vocab = Vocab()
    assert vocab.strings.add("EVENTX") > 2 ** 63
    doc = Doc(vocab, words=["On", "Monday", "the", "Fair", "opened"], heads=[4, 0, 3, 4, 4],
              deps=["prep", "pobj", "det", "nsubj", "ROOT"], ents=["O", "B-DATE", "O", "B-EVENTX", "O"])
    found = DocDates.of(doc)
    assert found.date_tokens == [1] and found.heads == [4, 0, 3, 4, 4]
    assert found.near(4) == [1] and found.near(3) == []
    assert DocDates.of(Doc(vocab, words=[])).date_tokens == []


def _recognised(tok, lex):
    return any(found is not None for found in (
        triggers._naming_trigger(tok), triggers._money_trigger(tok), triggers._verb_trigger(tok, lex),
        triggers._deontic_request(tok), triggers._noun_trigger(tok, lex)))


def test_the_word_test_changes_no_candidate(docs, parse):
    """Every token whose words no recogniser looks up is one none accepts, read by the model or
    with a lemma the model got wrong ("retook" left as it is); and every trigger passes the test."""
    lex = load_lexicon()
    misread = parse("""
        Rebels    PROPN NNP nsubj 1
        staged/stag VERB VBD ROOT 1
        raids/raid  NOUN NNS dobj 1
        and       CCONJ CC cc 1
        retook/retook VERB VBD conj 1
        cease/cease NOUN NN compound 7
        -         PUNCT HYPH punct 7
        fire      NOUN NN dobj 4
    """)
    skipped = accepted = 0
    for doc in [*docs, misread]:
        for tok in doc:
            may = triggers._may_trigger(tok.lemma_.lower(), tok.lower_, lex)
            if _recognised(tok, lex):
                assert may, tok.text
                accepted += 1
            elif not may:
                skipped += 1
                assert frames._candidate_at(tok, lex, None) is None
    assert skipped and accepted
    assert triggers._verb_trigger(misread[4], lex) is not None  # "retake", not "retook"
    # "fire" is no trigger alone, but may end one written as two words ("ceasefire")
    assert triggers._joined_lemmas(misread[7]) == ["ceasefire"] and triggers._may_trigger("fire", "fire", lex)


def test_the_verb_lemma_read_from_strings_is_the_token_reading(docs):
    lex = load_lexicon()
    for doc in docs:
        for tok in doc:
            if tok.pos_ in ("VERB", "AUX"):
                assert triggers._lemma(tok, lex) == triggers._verb_lemma(tok.lemma_.lower(), tok.lower_, lex)


def test_the_sentence_question_flag_is_each_clause_reading(docs):
    """The extractor reads once a sentence whether it asks yes or no: each clause verb's own
    reading of its sentence agrees, and so does its mood."""
    lex = load_lexicon()
    asked = 0
    for doc in docs:
        for sent in doc.sents:
            question = mood.asks_yes_or_no(list(sent))
            asked += question
            for tok in sent:
                assert mood._is_yes_no_question(tok) == question
                assert mood._mood(tok, tok, lex, question=question) == mood._mood(tok, tok, lex)
    assert asked == 2  # "Did Argentina ...?", "Will Peru ...?" (not "Why did Chile ...?")
