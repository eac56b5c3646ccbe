"""Whether a trigger's clause says the event happened: negation and modality.

"did not meet", "failed to agree", "refused to sign", "never met", "denied that it had attacked"
are negated; "will visit", "is expected to meet", "is due to meet" planned; "may", "is likely to",
"hopes to", a condition ("if X attacks Y") and a yes/no question possible; "said it had",
"reportedly", "is said to have", "according to" reported. The words are in ``data/modality.toml``
and in the lexicon's ``[modality]`` and ``[negation]`` lists (which a user lexicon may extend).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..types import Modality
from .lexicon import Lexicon
from .parse import _clause_chain
from .tables import WORDS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


@dataclass(frozen=True)
class _Mood:
    """Negation, modality and how the clause says it."""

    negated: bool
    modality: Modality
    factor: float = 1.0
    intent: bool = False       # the actor says it will / is willing to (not a schedule)
    conditional: bool = False  # "... unless Y does Z": a threat


def _mood(trigger: Token, pred: Token, lex: Lexicon, *, question: bool | None = None) -> _Mood:
    """How the clause of ``trigger`` (whose clause verb is ``pred``) says it happened;
    ``question``: whether its sentence is a yes/no question, if the caller knows."""
    negated, modality, factor = _polarity_and_modality(trigger, pred, lex, question=question)
    if (modality is Modality.ASSERTED and pred.dep_ == "advcl"
            and any(m.dep_ in ("mark", "advmod") and m.lower_ in WORDS.time_conjunctions for m in pred.children)
            and any(a.dep_ == "aux" and a.lower_ in lex.planned_aux for a in pred.head.children)):
        modality = Modality.PLANNED  # "... will sign when I visit Paris": the visit is to come
    intent = False
    conditional = False
    for node in _clause_chain(pred):
        for c in node.children:
            if c.dep_ == "aux" and c.lower_ in lex.planned_aux:
                intent = True
            if c.dep_ in ("acomp",) and c.lower_ in WORDS.intent_words:
                intent = True
            if c.dep_ == "advcl" and any(m.lower_ == "unless" for m in c.children if m.dep_ == "mark"):
                conditional = True
        if node != pred and node.lemma_.lower() in WORDS.intent_words:
            intent = True
        if node != pred and node.lemma_.lower() in WORDS.ongoing_verbs:
            # "will continue to support X": the support goes on; it is no promise
            return _Mood(negated, Modality.ASSERTED, factor, False, False)
        if node.dep_ == "xcomp" and any(a.lemma_.lower() in WORDS.intent_words for a in _adjective_run(node.head)):
            intent = True
            if modality is Modality.ASSERTED:
                modality = Modality.PLANNED
    return _Mood(negated, modality, factor, intent, conditional)


@dataclass
class _Reading:
    """Negation, modality and confidence factor, as the clause's words are read."""

    negated: bool = False
    modality: Modality = Modality.ASSERTED
    factor: float = 1.0


def _polarity_and_modality(trigger: Token, pred: Token, lex: Lexicon, *,
                           question: bool | None = None) -> tuple[bool, Modality, float]:
    """Negation, modality and a confidence factor for a trigger whose clause verb is ``pred``
    (``question``: as for :func:`_mood`)."""
    r = _Reading()
    if trigger != pred:
        _read_noun(trigger, r)
    chain = _clause_chain(pred)
    for idx, node in enumerate(chain):
        via = chain[idx - 1].dep_ if idx else None
        if via in ("ccomp", "advcl"):
            _read_subordinate(node, chain[idx - 1], lex, r)
            break
        if via == "xcomp":
            _read_governing_verb(node, lex, r)
        if not (idx == 0 or via in ("xcomp", "conj")):
            continue  # an auxiliary of a clause further up does not pass down
        _read_children(node, idx == 0 or via == "xcomp", lex, r)
        # "is expected/scheduled/set to meet"
        if idx and node.tag_ == "VBN" and node.lemma_.lower() in lex.planned_verbs:
            r.modality = Modality.PLANNED
        # "is said / believed to have attacked": others' claim
        if idx and node.tag_ == "VBN" and _is_passive_verb(node) and r.modality is Modality.ASSERTED and (
                node.lemma_.lower() in lex.reporting_verbs or node.lemma_.lower() in WORDS.reported_participles):
            r.modality = Modality.REPORTED
        # "is likely to meet" (possible), "is due to meet" (planned)
        if idx and via == "xcomp" and node.pos_ == "ADJ":
            _read_adjective(node.lower_, r)
            _read_copula(node, lex, r)
    _read_noun_complement(chain[-1], r)
    # "Expected to arrive ..." heading a noun: "expected visit"
    if trigger != pred and pred == trigger.head and pred.lemma_.lower() in lex.planned_verbs:
        r.modality = Modality.PLANNED
    if r.modality is not Modality.POSSIBLE and (_is_yes_no_question(pred) if question is None else question):
        r.modality = Modality.POSSIBLE  # "did X meet Y?" asserts nothing
    return r.negated, r.modality, r.factor


def _is_passive_verb(node: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in node.children)


def _is_yes_no_question(pred: Token) -> bool:
    """Whether the sentence of ``pred`` is a question without a question word."""
    return asks_yes_or_no(pred.sent)


def asks_yes_or_no(sent: Sequence[Token]) -> bool:
    """Whether the sentence ``sent`` (its tokens) is a question without a question word: "did X
    meet Y?" (but "why did X attack Y?" presupposes it)."""
    last = next((t for t in reversed(sent) if not t.is_space and t.text not in ('"', "'", "\u201d", "\u2019", ")")),
                None)
    if last is None or last.text != "?":
        return False
    return not any(t.lower_ in WORDS.question_words and t.tag_ in ("WDT", "WP", "WP$", "WRB") for t in sent)


def _read_adjective(low: str, r: _Reading) -> None:
    """The adjective an infinitive completes: "is due to" plans, "is likely to" makes possible."""
    if low in WORDS.possible_adjectives:
        r.modality = Modality.POSSIBLE
    elif low in WORDS.planned_copula:
        r.modality = Modality.PLANNED


def _read_copula(adj: Token, lex: Lexicon, r: _Reading) -> None:
    """The copula an adjective completes, which the adjective's infinitive is governed by: "is not
    willing to sign", "was never prepared to accept", "will not be able to attend" negate (or plan)
    the act as the copula's own words would; "is unwilling / unable to" negate it by the adjective."""
    if adj.lower_ in WORDS.negative_adjectives:
        r.negated = not r.negated
    first = _adjective_run(adj)[-1]  # "is neither willing nor able to attack": "willing"
    if any(c.dep_ == "preconj" and c.lower_ == "neither" for c in first.children):
        r.negated = not r.negated
    cop = first.head
    if first.dep_ != "acomp" or cop == first or cop.lemma_.lower() != "be":
        return
    for c in cop.children:
        if c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never") or _no_longer(c):
            r.negated = not r.negated
        elif c.dep_ == "aux":
            _read_auxiliary(c, lex, r)


def _adjective_run(tok: Token) -> list[Token]:
    """``tok`` and the adjectives it is coordinated after ("willing and able"), the first last."""
    run = [tok]
    while len(run) < 5 and run[-1].pos_ == "ADJ" and run[-1].dep_ == "conj" and run[-1].head.pos_ == "ADJ":
        run.append(run[-1].head)
    return run


def _no_longer(tok: Token) -> bool:
    """An adverb its own negation makes negative: "no longer", "not yet"."""
    return tok.dep_ == "advmod" and any(g.dep_ == "neg" for g in tok.children)


def _read_noun_complement(pred: Token, r: _Reading) -> None:
    """The infinitive or "of" gerund of a noun: one a negating determiner denies ("has no plans
    to impose sanctions", "has no intention of attacking") does not do the act; one of a plan
    ("a plan to send aid") plans it."""
    noun = None
    if pred.dep_ == "acl" and pred.head.pos_ == "NOUN" and any(a.dep_ == "aux" and a.lower_ == "to"
                                                               for a in pred.children):
        noun = pred.head
    elif pred.dep_ == "pcomp" and pred.tag_ == "VBG" and pred.head.lower_ == "of" and pred.head.head.pos_ == "NOUN":
        noun = pred.head.head
    if noun is None:
        return
    if any(c.dep_ in ("det", "neg") and c.lower_ in WORDS.negating_determiners for c in noun.children):
        r.negated = not r.negated
    if noun.lemma_.lower() in WORDS.planning_nouns and r.modality is Modality.ASSERTED:
        r.modality = Modality.PLANNED  # "announced a plan to send aid": the aid is to come


def _read_subordinate(node: Token, below: Token, lex: Lexicon, r: _Reading) -> None:
    """The clause above a subordinate one: a condition, a denial or a report."""
    if below.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in WORDS.condition_conjunctions
                                     for m in below.children):
        r.modality = Modality.POSSIBLE  # "if X attacks Y, ...": not said to happen
        return
    if below.dep_ == "ccomp" and node.lemma_.lower() in WORDS.denying_verbs:
        r.negated = not r.negated  # "X denied that it had attacked Y"
        return
    _read_reported(node, below, lex, r)


def _read_noun(trigger: Token, r: _Reading) -> None:
    """The noun itself: "no talks", "upcoming visit", "possible talks"."""
    for c in trigger.children:
        if c.lower_ in WORDS.negating_determiners and c.dep_ in ("det", "neg"):
            r.negated = True
        if c.dep_ in ("amod", "compound") and c.lower_ in WORDS.planned_adjectives:
            r.modality = Modality.PLANNED
        if c.dep_ == "amod" and c.lower_ in WORDS.possible_adjectives:
            r.modality = Modality.POSSIBLE


def _read_reported(node: Token, below: Token, lex: Lexicon, r: _Reading) -> None:
    """"X said it had met Y": reported; the reporting verb's tense does not pass down."""
    if node.lemma_.lower() in lex.reporting_verbs and any(
            a.lower_ == "had" for a in below.children if a.dep_ == "aux"):
        if r.modality is Modality.ASSERTED:
            r.modality = Modality.REPORTED


def _read_governing_verb(node: Token, lex: Lexicon, r: _Reading) -> None:
    """A verb the clause is the infinitive of: "failed to meet", "plans to visit", "is going to"."""
    lemma = node.lemma_.lower()
    if lemma in lex.negating_verbs:
        r.negated = not r.negated
    if lemma in lex.planned_verbs:
        r.modality = Modality.PLANNED
    elif r.modality is Modality.ASSERTED and _is_possible_verb(node, lex):
        r.modality = Modality.POSSIBLE  # "hopes to meet", "seeks to visit"
    if lemma == "go" and any(a.lower_ in WORDS.progressive_be for a in node.children if a.dep_ == "aux"):
        r.modality = Modality.PLANNED


def _is_possible_verb(node: Token, lex: Lexicon) -> bool:
    """A verb that makes its infinitive only possible ("hopes to"), not one stating intent; the
    form is read as well as the model's lemma (which takes "hopes" for "hop")."""
    low = node.lower_
    forms = {node.lemma_.lower(), low}
    if low.endswith(("s", "d")):
        forms |= {low[:-1], low[:-2]}
    if low.endswith("ing"):
        forms |= {low[:-3], low[:-3] + "e"}
    return any(f in lex.possible_verbs and f not in WORDS.intent_words for f in forms)


def _read_children(node: Token, own_negation: bool, lex: Lexicon, r: _Reading) -> None:
    """Auxiliaries, negation and copula complements of a clause verb."""
    for c in node.children:
        low = c.lower_
        if c.dep_ == "neg" and own_negation:
            r.negated = not r.negated
        if c.dep_ in ("aux", "auxpass"):
            _read_auxiliary(c, lex, r)
        if c.dep_ in ("acomp", "attr") and low in WORDS.planned_copula:
            r.modality = Modality.PLANNED
        if c.dep_ == "advmod" and (low == "never" or _no_longer(c)):
            r.negated = not r.negated
        if r.modality is Modality.ASSERTED and (
                (c.dep_ == "advmod" and low in WORDS.reported_adverbs)
                or (c.dep_ == "prep" and low == "according" and any(p.lower_ == "to" for p in c.children))):
            r.modality = Modality.REPORTED  # "X reportedly attacked Y", "..., according to officials"


def _read_auxiliary(aux: Token, lex: Lexicon, r: _Reading) -> None:
    """"will" plans; "may" makes possible (and less sure), unless something already plans."""
    low, lemma = aux.lower_, aux.lemma_.lower()
    if low in lex.planned_aux or lemma in lex.planned_aux:
        r.modality = Modality.PLANNED
    elif low in lex.possible_aux or lemma in lex.possible_aux:
        if r.modality is not Modality.PLANNED:
            r.modality = Modality.POSSIBLE
            r.factor = min(r.factor, 0.8)
