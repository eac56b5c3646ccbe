"""Frames (graphbuild/extract/frames.py): what a threat, demand or talks are about is not an event."""

from __future__ import annotations

from graphbuild.extract.lexicon import load_lexicon
from graphbuild.types import Plover


def coded(evs):
    return [(e.source.label, e.plover.value, e.target.label, e.rule) for e in evs]


def test_a_threat_holds_its_content(events):
    assert coded(events("""
Norway PROPN NNP nsubj 1
threatened/threaten VERB VBD ROOT 1
to PART TO aux 3
attack VERB VB xcomp 1
Sweden PROPN NNP dobj 3
. PUNCT . punct 1
""")) == [("Norway", "THREATEN", "Sweden", "verb:threaten")]  # no attack happened


def test_a_demand_is_aimed_at_the_subject_of_its_content(events):
    assert coded(events("""
Norway PROPN NNP nsubj 1
demanded/demand VERB VBD ROOT 1
that SCONJ IN mark 4
Sweden PROPN NNP nsubj 4
withdraw VERB VB ccomp 1
. PUNCT . punct 1
""")) == [("Norway", "REQUEST", "Sweden", "verb:demand")]


def test_must_in_reported_speech_is_a_demand(events):
    assert coded(events("""
Norway PROPN NNP nsubj 1
said/say VERB VBD ROOT 1
Sweden PROPN NNP nsubj 4
must AUX MD aux 4
withdraw VERB VB ccomp 1
. PUNCT . punct 1
""")) == [("Norway", "REQUEST", "Sweden", "verb.deontic:say")]


def test_what_talks_are_about_did_not_happen(events):
    assert load_lexicon().triggers("withdrawal", "NOUN")  # a trigger elsewhere
    assert coded(events("""
Norway PROPN NNP nsubj 1
held/hold VERB VBD ROOT 1
talks/talk NOUN NNS dobj 1
with ADP IN prep 2
Sweden PROPN NNP pobj 3
on ADP IN prep 2
a DET DT det 7
withdrawal NOUN NN pobj 5
. PUNCT . punct 1
""")) == [("Norway", "CONSULT", "Sweden", "noun:talk")]


def test_candidates_mark_the_embedded_act(parse):
    from graphbuild.actors.resolve import resolve
    from graphbuild.extract.frames import _candidates

    doc = parse("""
Norway PROPN NNP nsubj 1
threatened/threaten VERB VBD ROOT 1
to PART TO aux 3
attack VERB VB xcomp 1
Sweden PROPN NNP dobj 3
. PUNCT . punct 1
""")
    threat, attack = _candidates(next(iter(doc.sents)), load_lexicon(), resolve(doc))
    assert (threat.trig.plover, attack.trig.plover) == (Plover.THREATEN, Plover.ASSAULT)
    assert attack.embedded and threat.frame_of == [attack] and not threat.embedded
