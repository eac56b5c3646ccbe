"""The post-rules of graphbuild/extract/rules.py, one test a rule, on hand-built parses."""

from __future__ import annotations

import pytest

from graphbuild.extract import rules
from graphbuild.types import Modality, Plover


def coded(evs):
    return [(e.source.label, e.plover.value, e.target.label, e.rule) for e in evs]


PREPARED_TO_ATTACK = """
Norway PROPN NNP nsubj 1
prepared/prepare VERB VBD ROOT 1
to PART TO aux 3
attack VERB VB xcomp 1
Sweden PROPN NNP dobj 3
. PUNCT . punct 1
"""

VOWED_NOT_TO_ATTACK = """
Norway PROPN NNP nsubj 1
vowed/vow VERB VBD ROOT 1
not PART RB neg 4
to PART TO aux 4
attack VERB VB xcomp 1
Sweden PROPN NNP dobj 4
. PUNCT . punct 1
"""

WILL_SEND_AID = """
Norway PROPN NNP nsubj 2
will AUX MD aux 2
send VERB VB ROOT 2
aid NOUN NN dobj 2
to ADP IN dative 2
Sweden PROPN NNP pobj 4
. PUNCT . punct 2
"""

WILL_SEND_AID_UNLESS = """
Norway PROPN NNP nsubj 2
will AUX MD aux 2
send VERB VB ROOT 2
aid NOUN NN dobj 2
to ADP IN dative 2
Sweden PROPN NNP pobj 4
unless SCONJ IN mark 8
Denmark PROPN NNP nsubj 8
objects/object VERB VBZ advcl 2
. PUNCT . punct 2
"""

WILL_ATTACK = """
Norway PROPN NNP nsubj 2
will AUX MD aux 2
attack VERB VB ROOT 2
Sweden PROPN NNP dobj 2
. PUNCT . punct 2
"""

WILL_MEET = """
Norway PROPN NNP nsubj 2
will AUX MD aux 2
meet VERB VB ROOT 2
Sweden PROPN NNP dobj 2
. PUNCT . punct 2
"""

ANNOUNCED_IT_WOULD_SANCTION = """
Norway PROPN NNP nsubj 1
announced/announce VERB VBD ROOT 1
it PRON PRP nsubj 4
would AUX MD aux 4
sanction VERB VB ccomp 1
Sweden PROPN NNP dobj 4
. PUNCT . punct 1
"""

REFUSED_TO_SIGN = """
Norway PROPN NNP nsubj 1
refused/refuse VERB VBD ROOT 1
to PART TO aux 3
sign VERB VB xcomp 1
an DET DT det 5
agreement NOUN NN dobj 3
with ADP IN prep 5
Sweden PROPN NNP pobj 6
. PUNCT . punct 1
"""

DEPLOYED_TROOPS_IN = """
Norway PROPN NNP nsubj 1
deployed/deploy VERB VBD ROOT 1
troops/troop NOUN NNS dobj 1
in ADP IN prep 1
Sweden PROPN NNP pobj 3
. PUNCT . punct 1
"""


def mobilised(what: str) -> str:
    return f"""
Norway PROPN NNP nsubj 1
mobilised/mobilise VERB VBD ROOT 1
{what} NOUN NNS dobj 1
against ADP IN prep 1
Sweden PROPN NNP pobj 3
. PUNCT . punct 1
"""


def test_prepared_assault_is_mobilisation(events):
    (ev,) = events(PREPARED_TO_ATTACK)
    assert (ev.plover, ev.relation, ev.rule) == (Plover.MOBILIZE, "prepare_attack", "verb:attack:prepare")
    assert ev.modality is Modality.ASSERTED and (ev.source.label, ev.target.label) == ("Norway", "Sweden")


def test_vowed_not_to_is_a_refusal(events):
    (ev,) = events(VOWED_NOT_TO_ATTACK)
    assert (ev.plover, ev.relation, ev.target.label) == (Plover.REJECT, "vow_not_to", "Sweden")


def test_promised_cooperation_is_an_agreement_that_happened(events):
    (ev,) = events(WILL_SEND_AID)
    assert (ev.plover, ev.relation, ev.rule) == (Plover.AGREE, "promise_send_aid", "noun:aid:promise")
    assert ev.modality is Modality.ASSERTED and not ev.negated


def test_a_conditional_promise_is_a_threat(events):
    (ev,) = events(WILL_SEND_AID_UNLESS)
    assert (ev.plover, ev.rule, ev.target.label) == (Plover.THREATEN, "noun:aid:threat", "Sweden")


def test_a_stated_intent_to_attack_is_a_threat(events):
    assert coded(events(WILL_ATTACK)) == [("Norway", "THREATEN", "Sweden", "verb:attack:threat")]


def test_a_promised_meeting_is_an_agreement_and_a_planned_meeting(events):
    agree, meet = events(WILL_MEET)
    assert (agree.plover, agree.rule, agree.modality) == (Plover.AGREE, "verb:meet:promise", Modality.ASSERTED)
    assert (meet.plover, meet.rule, meet.modality) == (Plover.CONSULT, "verb:meet", Modality.PLANNED)
    assert agree.confidence == pytest.approx(meet.confidence * 0.9, abs=1e-3)


def test_a_decided_measure_is_coded_as_planned(events):
    (ev,) = events(ANNOUNCED_IT_WOULD_SANCTION)
    assert (ev.plover, ev.rule, ev.modality) == (Plover.SANCTION, "verb:sanction:decided", Modality.PLANNED)


def test_a_refusal_and_the_act_that_did_not_happen(events):
    refuse, sign = events(REFUSED_TO_SIGN)
    assert (refuse.plover, refuse.target.label, refuse.negated) == (Plover.REJECT, "Sweden", False)
    assert (sign.plover, sign.relation, sign.negated) == (Plover.SUPPORT, "sign_agreement", True)


def test_place_targets_name_the_state_of_the_place(events):
    (ev,) = events(DEPLOYED_TROOPS_IN)
    assert (ev.plover, ev.target.label) == (Plover.MOBILIZE, "Sweden")


def test_mobilising_is_coded_only_for_force(events):
    assert coded(events(mobilised("reservists/reservist"))) == [
        ("Norway", "MOBILIZE", "Sweden", "noun:reservist")]
    assert events(mobilised("support")) == []


# ------------------------------------------------------------------------------ the registries


def test_registries_are_ordered_named_and_documented():
    for registry in (rules.TARGET_RULES, rules.CODING_RULES):
        names = [r.name for r in registry]
        assert len(names) == len(set(names))
        assert all(r.apply.__doc__ for r in registry)
    names = [r.name for r in rules.CODING_RULES]
    # the own event is coded after the rules that recode it and before what follows from it
    assert names.index("hosted_visitor") < names.index("the_event") < names.index("refused_act")
    # people sent on a mission of help are recoded as aid before a mobilisation of no force is dropped
    assert names[:2] == ["aid_mission", "mobilised_force"]


def test_a_new_rule_is_one_function_and_one_registry_line(events, monkeypatch):
    def attack_is_consult_here(case: rules.Case, ctx: rules.Context) -> rules.Decision | None:
        """A contributor's rule: code every attack on Sweden as a meeting (for the test)."""
        if any(a.label == "Sweden" for a, _, _ in case.targets):
            return rules.Decision(recode=(Plover.CONSULT, "test_meeting"))
        return None

    line = rules.Rule("attack_is_consult_here", frozenset({Plover.ASSAULT}), attack_is_consult_here)
    before = coded(events(PREPARED_TO_ATTACK.replace("prepared/prepare", "tried/try")))
    monkeypatch.setattr(rules, "CODING_RULES", (line, *rules.CODING_RULES))
    after = events(PREPARED_TO_ATTACK.replace("prepared/prepare", "tried/try"))
    assert [b[1] for b in before] == ["ASSAULT"]
    assert [(e.plover, e.relation) for e in after] == [(Plover.CONSULT, "test_meeting")]


def test_a_final_decision_stops_the_rules_after_it(monkeypatch, events):
    def drop_all(case, ctx):
        """Drop every candidate."""
        return rules.Decision(final=True)

    monkeypatch.setattr(rules, "CODING_RULES", (rules.Rule("drop_all", None, drop_all), *rules.CODING_RULES))
    assert events(WILL_MEET) == []


def test_target_rules_are_tried_in_order_until_one_finds_someone(monkeypatch):
    calls = []

    def rule(name, found):
        def apply(case, ctx):
            calls.append(name)
            return rules.Targets(found)
        return rules.Rule(name, None, apply)

    hit = ("actor", 1.0, None)
    monkeypatch.setattr(rules, "TARGET_RULES", (rule("empty", []), rule("finds", [hit]), rule("never", [hit])))
    monkeypatch.setattr(rules, "CODING_RULES", ())
    case = rules.Case(cand=None, sources=[], targets=[], mood=None, plover=Plover.CONSULT, relation="meet")
    assert rules.code(case, rules.Context(res=None, lex=None)) == []
    assert calls == ["empty", "finds"] and case.targets == [hit]
