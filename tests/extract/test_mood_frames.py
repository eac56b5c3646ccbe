"""Modality and negation on every frame, on sentences of our own (issue 12 item 5)."""

from __future__ import annotations

import pytest

from graphbuild.types import Modality

pytestmark = pytest.mark.usefixtures("nlp")


def coded(extract_text, text: str) -> dict[tuple[str, str, str], tuple[bool, Modality]]:
    """(source, type, target) -> (negated, modality) of each event of ``text``."""
    return {(e.source.label, e.plover.value, e.target.label): (e.negated, e.modality)
            for e in extract_text(text)}


@pytest.mark.parametrize("text, key", [
    ("Chile and Peru are expected to sign an agreement next week.", ("Chile", "SUPPORT", "Peru")),
    ("Chile and Peru are due to meet in Lima next week.", ("Chile", "CONSULT", "Peru")),
    ("The Chilean president is set to visit Peru next month.", ("Chile", "CONSULT", "Peru")),
    ("Chile plans to expel Peruvian diplomats.", ("Chile", "SANCTION", "Peruvian Diplomats")),
    ("Chile is scheduled to host Peru for talks on Monday.", ("Chile", "CONSULT", "Peru")),
])
def test_schedules_and_plans_are_planned(extract_text, text, key):
    assert coded(extract_text, text)[key] == (False, Modality.PLANNED)


def test_a_planned_signing_is_never_coded_as_signed(parse, events):
    # "expected" read as an adjective completing the copula, as the model sometimes reads it
    evs = events("""
        Chile      PROPN NNP nsubj    3
        and        CCONJ CC  cc       0
        Peru       PROPN NNP conj     0
        are        AUX   VBP ROOT     3
        expected   ADJ   JJ  acomp    3
        to         PART  TO  aux      6
        sign       VERB  VB  xcomp    4
        an         DET   DT  det      8
        agreement  NOUN  NN  dobj     6
        .          PUNCT .   punct    3
    """)
    assert evs, "expected the planned signing between Chile and Peru"
    assert all(e.modality is Modality.PLANNED and not e.happened for e in evs)


def test_hoping_and_likelihood_make_it_possible(extract_text):
    assert coded(extract_text, "Chile hopes to hold talks with Peru next month.")[
        ("Chile", "CONSULT", "Peru")] == (False, Modality.POSSIBLE)
    assert coded(extract_text, "Chile is likely to meet Peru next week.")[
        ("Chile", "CONSULT", "Peru")] == (False, Modality.POSSIBLE)


@pytest.mark.parametrize("text", [
    "Chile reportedly attacked Peru on Monday.",
    "Chile allegedly attacked Peru on Monday.",
    "Chile is said to have attacked Peru on Monday.",
    "According to officials, Chile attacked Peru on Monday.",
    "Chile attacked Peru on Monday, according to officials.",
])
def test_claims_passed_on_are_reported(extract_text, text):
    assert coded(extract_text, text)[("Chile", "ASSAULT", "Peru")] == (False, Modality.REPORTED)


def test_an_attack_stated_plainly_stays_asserted(extract_text):
    assert coded(extract_text, "Chile attacked Peru on Monday.")[("Chile", "ASSAULT", "Peru")] == (
        False, Modality.ASSERTED)


def test_a_denial_negates_what_it_denies_and_keeps_its_own_coding(extract_text):
    found = coded(extract_text, "Chile denied that it had attacked Peru.")
    assert found[("Chile", "ASSAULT", "Peru")] == (True, Modality.ASSERTED)
    assert found[("Chile", "REJECT", "Peru")] == (False, Modality.ASSERTED)


def test_never_negates(extract_text):
    assert coded(extract_text, "Chile has never attacked Peru.")[("Chile", "ASSAULT", "Peru")][0] is True


def test_a_condition_or_a_question_does_not_assert(extract_text):
    assert coded(extract_text, "If Chile attacks Peru, Bolivia will intervene.")[
        ("Chile", "ASSAULT", "Peru")] == (False, Modality.POSSIBLE)
    assert coded(extract_text, "Did Chile meet Peru on Monday?")[
        ("Chile", "CONSULT", "Peru")] == (False, Modality.POSSIBLE)
    # a question word presupposes the event
    assert coded(extract_text, "Why did Chile attack Peru on Monday?").get(
        ("Chile", "ASSAULT", "Peru"), (False, Modality.ASSERTED)) == (False, Modality.ASSERTED)


@pytest.mark.parametrize("text, key, mood", [
    ("Chile threatened to impose sanctions on Peru.", ("Chile", "THREATEN", "Peru"), (False, Modality.ASSERTED)),
    ("Chile demanded that Peru withdraw its troops.", ("Chile", "REQUEST", "Peru"), (False, Modality.ASSERTED)),
    ("Chile promised to send aid to Peru.", ("Chile", "AGREE", "Peru"), (False, Modality.ASSERTED)),
    ("Chile intends to impose sanctions on Peru.", ("Chile", "THREATEN", "Peru"), (False, Modality.ASSERTED)),
    ("Chile will host Peru for talks on Monday.", ("Chile", "AGREE", "Peru"), (False, Modality.ASSERTED)),
    ("Chile said it would host Peru for talks next week.", ("Chile", "CONSULT", "Peru"),
     (False, Modality.PLANNED)),
])
def test_frames_keep_their_coding(extract_text, text, key, mood):
    assert coded(extract_text, text)[key] == mood


def test_a_planned_event_gets_no_direct_triple(tmp_path, extract_text):
    import rdflib

    from graphbuild.graph import build_graph
    from graphbuild.rdf.export import write_graph
    from graphbuild.rdf.namespace import GB

    evs = extract_text("Chile and Peru are due to meet in Lima next week. Chile attacked Bolivia on Monday.")
    assert {e.modality for e in evs} == {Modality.PLANNED, Modality.ASSERTED}
    path = tmp_path / "graph.ttl"
    write_graph(build_graph(evs), path)
    g = rdflib.Graph().parse(path, format="turtle")
    direct = {(str(p), ) for p in (GB.consult, GB.assault) for _ in g.subject_objects(p)}
    assert direct == {(str(GB.assault),)}  # the attack happened; the meeting is only planned
    planned = [ev for ev in g.subjects(GB.modality, GB.Planned)]
    assert len(planned) == 1
