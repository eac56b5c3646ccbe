"""Restraint: no event the text does not report, on hand-built parses."""

from __future__ import annotations

from graphbuild.types import Plover


def coded(evs):
    return [(e.source.label, e.plover.value, e.target.label, e.rule) for e in evs]


def test_a_state_is_not_an_act_on_its_subject(events):
    # "is opposed to" is the subject's own stance, not something done to it by Sweden
    assert coded(events("""
Norway PROPN NNP nsubjpass 2
is/be AUX VBZ auxpass 2
opposed/oppose VERB VBN ROOT 2
to ADP IN prep 2
Sweden PROPN NNP pobj 3
. PUNCT . punct 2
""")) == [("Norway", "REJECT", "Sweden", "verb.passive:oppose")]


def test_never_the_same_state_at_both_ends(events):
    assert events("""
Norway PROPN NNP nsubj 1
criticised/criticise VERB VBD ROOT 1
Norway PROPN NNP dobj 1
. PUNCT . punct 1
""") == []


def test_no_event_from_a_heading(events):
    table = """
Norway PROPN NNP compound 2
Sweden PROPN NNP compound 2
Talks/talk NOUN NNS ROOT 2
"""
    assert events(table) == []


def test_what_is_set_aside_is_not_a_target(events):
    # "agreed to withdraw without returning to Sweden": Sweden is named only as not done
    evs = events("""
Norway PROPN NNP nsubj 1
agreed/agree VERB VBD ROOT 1
to PART TO aux 3
withdraw VERB VB xcomp 1
without ADP IN prep 3
returning/return VERB VBG pcomp 4
to ADP IN prep 5
Sweden PROPN NNP pobj 6
. PUNCT . punct 1
""")
    assert not any(e.target.label == "Sweden" for e in evs if e.plover is Plover.AGREE)
