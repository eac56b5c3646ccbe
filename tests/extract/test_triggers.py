"""Triggers (graphbuild/extract/triggers.py): the extractor's own, and what it declares to the prefilter."""

from __future__ import annotations

from graphbuild.extract import registry
from graphbuild.extract.lexicon import load_lexicon
from graphbuild.extract.tables import WORDS
from graphbuild.extract.triggers import _naming_trigger, declared_triggers
from graphbuild.prefilter import Triggers
from graphbuild.types import Plover

CALLED_THE_MOVE = """
Norway PROPN NNP nsubj 1
called/call VERB VBD ROOT 1
Sweden PROPN NNP poss 4
's PART POS case 2
move NOUN NN dobj 1
{word} ADJ JJ oprd 1
. PUNCT . punct 1
"""


def test_a_naming_verb_with_a_disapproving_word_accuses(parse, events):
    doc = parse(CALLED_THE_MOVE.format(word="unfriendly"))
    trig = _naming_trigger(doc[1])
    assert trig is not None and (trig.plover, trig.relation) == (Plover.ACCUSE, "denounce")
    assert [(e.source.label, e.plover, e.target.label) for e in events(CALLED_THE_MOVE.format(word="unfriendly"))] \
        == [("Norway", Plover.ACCUSE, "Sweden")]
    assert _naming_trigger(parse(CALLED_THE_MOVE.format(word="bold"))[1]) is None


def test_the_event_extractor_declares_its_triggers():
    declared = registry.create("events.v1").triggers
    assert isinstance(declared, Triggers)
    lex = load_lexicon()
    assert declared == declared_triggers(lex)
    # every lexicon lemma is there, alone or with the words it needs
    for lemma in [*lex.verbs, *lex.nouns]:
        assert lemma in declared.words or lemma in declared.needs, lemma
    # and the extractor's own triggers beside the lexicon
    for verb in WORDS.naming_verbs:
        assert WORDS.disapproving_words <= declared.needs[verb]
    for verb in WORDS.saying_verbs:
        assert {"must", "should", "have"} <= declared.needs[verb]


def test_a_verb_that_needs_its_particle_declares_it():
    declared = declared_triggers(load_lexicon())
    particle_only = [lemma for lemma, entries in load_lexicon().verbs.items() if all(t.particle for t in entries)]
    assert particle_only
    for lemma in particle_only:
        assert lemma not in declared.words or lemma in WORDS.naming_verbs | WORDS.saying_verbs
        assert {t.particle for t in load_lexicon().verbs[lemma]} <= declared.needs[lemma]


def test_a_user_lexicon_changes_what_is_declared(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("phrase,plover,mode,symmetric\nparley with,CONSULT,,true\n", encoding="utf-8")
    assert "parley" not in declared_triggers(load_lexicon()).needs
    assert declared_triggers(load_lexicon(path)).needs["parley"] == {"with"}
