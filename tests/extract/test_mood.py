"""Negation and modality (graphbuild/extract/mood.py) on hand-built parses."""

from __future__ import annotations

import pytest

from graphbuild.types import Modality


def meeting(events, table):
    (ev,) = [e for e in events(table) if e.plover.value == "CONSULT"]
    return ev.negated, ev.modality


CASES = {
    "asserted": ("""
Norway PROPN NNP nsubj 1
met/meet VERB VBD ROOT 1
Sweden PROPN NNP dobj 1
. PUNCT . punct 1
""", (False, Modality.ASSERTED)),
    "did not meet": ("""
Norway PROPN NNP nsubj 3
did/do AUX VBD aux 3
not PART RB neg 3
meet VERB VB ROOT 3
Sweden PROPN NNP dobj 3
. PUNCT . punct 3
""", (True, Modality.ASSERTED)),
    "never met": ("""
Norway PROPN NNP nsubj 2
never ADV RB advmod 2
met/meet VERB VBD ROOT 2
Sweden PROPN NNP dobj 2
. PUNCT . punct 2
""", (True, Modality.ASSERTED)),
    "failed to meet": ("""
Norway PROPN NNP nsubj 1
failed/fail VERB VBD ROOT 1
to PART TO aux 3
meet VERB VB xcomp 1
Sweden PROPN NNP dobj 3
. PUNCT . punct 1
""", (True, Modality.ASSERTED)),
    "may meet": ("""
Norway PROPN NNP nsubj 2
may AUX MD aux 2
meet VERB VB ROOT 2
Sweden PROPN NNP dobj 2
. PUNCT . punct 2
""", (False, Modality.POSSIBLE)),
    "is expected to meet": ("""
Norway PROPN NNP nsubjpass 2
is/be AUX VBZ auxpass 2
expected/expect VERB VBN ROOT 2
to PART TO aux 4
meet VERB VB xcomp 2
Sweden PROPN NNP dobj 4
. PUNCT . punct 2
""", (False, Modality.PLANNED)),
    "is going to meet": ("""
Norway PROPN NNP nsubj 2
is/be AUX VBZ aux 2
going/go VERB VBG ROOT 2
to PART TO aux 4
meet VERB VB xcomp 2
Sweden PROPN NNP dobj 4
. PUNCT . punct 2
""", (False, Modality.PLANNED)),
    "said it had met": ("""
Norway PROPN NNP nsubj 1
said/say VERB VBD ROOT 1
it PRON PRP nsubj 4
had/have AUX VBD aux 4
met/meet VERB VBN ccomp 1
Sweden PROPN NNP dobj 4
. PUNCT . punct 1
""", (False, Modality.REPORTED)),
    "held no talks": ("""
Norway PROPN NNP nsubj 1
held/hold VERB VBD ROOT 1
no DET DT det 3
talks/talk NOUN NNS dobj 1
with ADP IN prep 3
Sweden PROPN NNP pobj 4
. PUNCT . punct 1
""", (True, Modality.ASSERTED)),
    "an upcoming visit": ("""
Norway PROPN NNP poss 3
's PART POS case 0
upcoming ADJ JJ amod 3
visit NOUN NN nsubj 4
was/be AUX VBD ROOT 4
to ADP IN prep 3
Sweden PROPN NNP pobj 5
. PUNCT . punct 4
""", (False, Modality.PLANNED)),
    # a copula's negation reaches the infinitive of the adjective it takes
    "is not willing to meet": ("""
Norway PROPN NNP nsubj 1
is/be AUX VBZ ROOT 1
not PART RB neg 1
willing ADJ JJ acomp 1
to PART TO aux 5
meet VERB VB xcomp 3
Sweden PROPN NNP dobj 5
. PUNCT . punct 1
""", (True, Modality.PLANNED)),
    "is willing to meet": ("""
Norway PROPN NNP nsubj 1
is/be AUX VBZ ROOT 1
willing ADJ JJ acomp 1
to PART TO aux 4
meet VERB VB xcomp 2
Sweden PROPN NNP dobj 4
. PUNCT . punct 1
""", (False, Modality.PLANNED)),
    "is unwilling to meet": ("""
Norway PROPN NNP nsubj 1
is/be AUX VBZ ROOT 1
unwilling ADJ JJ acomp 1
to PART TO aux 4
meet VERB VB xcomp 2
Sweden PROPN NNP dobj 4
. PUNCT . punct 1
""", (True, Modality.PLANNED)),
    "was not able to meet": ("""
Norway PROPN NNP nsubj 1
was/be AUX VBD ROOT 1
not PART RB neg 1
able ADJ JJ acomp 1
to PART TO aux 5
meet VERB VB xcomp 3
Sweden PROPN NNP dobj 5
. PUNCT . punct 1
""", (True, Modality.ASSERTED)),
    "was able to meet": ("""
Norway PROPN NNP nsubj 1
was/be AUX VBD ROOT 1
able ADJ JJ acomp 1
to PART TO aux 4
meet VERB VB xcomp 2
Sweden PROPN NNP dobj 4
. PUNCT . punct 1
""", (False, Modality.ASSERTED)),
    "will not be able to meet": ("""
Norway PROPN NNP nsubj 3
will AUX MD aux 3
not PART RB neg 3
be AUX VB ROOT 3
able ADJ JJ acomp 3
to PART TO aux 6
meet VERB VB xcomp 4
Sweden PROPN NNP dobj 6
. PUNCT . punct 3
""", (True, Modality.PLANNED)),
    # a noun's infinitive: denied by "no", planned by a plan
    "has no plans to meet": ("""
Norway PROPN NNP nsubj 1
has/have VERB VBZ ROOT 1
no DET DT det 3
plans/plan NOUN NNS dobj 1
to PART TO aux 5
meet VERB VB acl 3
Sweden PROPN NNP dobj 5
. PUNCT . punct 1
""", (True, Modality.PLANNED)),
    "has plans to meet": ("""
Norway PROPN NNP nsubj 1
has/have VERB VBZ ROOT 1
plans/plan NOUN NNS dobj 1
to PART TO aux 4
meet VERB VB acl 2
Sweden PROPN NNP dobj 4
. PUNCT . punct 1
""", (False, Modality.PLANNED)),
    "no longer meets": ("""
Norway PROPN NNP nsubj 3
no ADV RB neg 2
longer/long ADV RBR advmod 3
meets/meet VERB VBZ ROOT 3
Sweden PROPN NNP dobj 3
. PUNCT . punct 3
""", (True, Modality.ASSERTED)),
    "is neither willing nor able to meet": ("""
Norway PROPN NNP nsubj 1
is/be AUX VBZ ROOT 1
neither CCONJ CC preconj 3
willing ADJ JJ acomp 1
nor CCONJ CC cc 3
able ADJ JJ conj 3
to PART TO aux 7
meet VERB VB xcomp 5
Sweden PROPN NNP dobj 7
. PUNCT . punct 1
""", (True, Modality.PLANNED)),
    "is willing and able to meet": ("""
Norway PROPN NNP nsubj 1
is/be AUX VBZ ROOT 1
willing ADJ JJ acomp 1
and CCONJ CC cc 2
able ADJ JJ conj 2
to PART TO aux 6
meet VERB VB xcomp 4
Sweden PROPN NNP dobj 6
. PUNCT . punct 1
""", (False, Modality.PLANNED)),
}


@pytest.mark.parametrize("name", CASES)
def test_negation_and_modality(events, name):
    table, expected = CASES[name]
    assert meeting(events, table) == expected


def test_a_possible_event_is_less_sure(events):
    (sure,) = events(CASES["asserted"][0])
    (maybe,) = events(CASES["may meet"][0])
    assert maybe.confidence == pytest.approx(sure.confidence * 0.8, abs=1e-3)


def test_ongoing_support_is_no_promise(parse):
    from graphbuild.extract.lexicon import load_lexicon
    from graphbuild.extract.mood import _mood

    doc = parse("""
Norway PROPN NNP nsubj 2
will AUX MD aux 2
continue VERB VB ROOT 2
to PART TO aux 4
support VERB VB xcomp 2
Sweden PROPN NNP dobj 4
. PUNCT . punct 2
""")
    mood = _mood(doc[4], doc[4], load_lexicon())
    assert (mood.modality, mood.intent, mood.negated) == (Modality.ASSERTED, False, False)
    doc = parse("""
Norway PROPN NNP nsubj 2
will AUX MD aux 2
support VERB VB ROOT 2
Sweden PROPN NNP dobj 2
. PUNCT . punct 2
""")
    mood = _mood(doc[2], doc[2], load_lexicon())
    assert (mood.modality, mood.intent) == (Modality.PLANNED, True)
