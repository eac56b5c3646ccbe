"""Whether a trigger's clause says the event happened: negation and modality.

"did not meet", "failed to agree", "refused to sign" are negated; "will visit", "is expected to
meet" planned; "may" possible; "said it had" reported. The words are in ``data/modality.toml``
and in the lexicon's ``[modality]`` and ``[negation]`` lists (which a user lexicon may extend).
"""

from __future__ import annotations

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


def _mood(trigger: Token, pred: Token, lex: Lexicon) -> _Mood:
    negated, modality, factor = _polarity_and_modality(trigger, pred, lex)
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
        if node.dep_ == "xcomp" and node.head.lemma_.lower() in WORDS.intent_words:
            intent = True
            if modality is Modality.ASSERTED:
                modality = Modality.PLANNED
    return _Mood(negated, modality, factor, intent, conditional)


def _polarity_and_modality(trigger: Token, pred: Token, lex: Lexicon) -> tuple[bool, Modality, float]:
    """Negation, modality and a confidence factor for a trigger whose clause verb is ``pred``."""
    negated = False
    modality = Modality.ASSERTED
    factor = 1.0
    # the noun itself: "no talks", "upcoming visit"
    if trigger != pred:
        for c in trigger.children:
            if c.lower_ in WORDS.negating_determiners and c.dep_ in ("det", "neg"):
                negated = True
            if c.dep_ in ("amod", "compound") and c.lower_ in WORDS.planned_adjectives:
                modality = Modality.PLANNED
            if c.dep_ == "amod" and c.lower_ in WORDS.possible_adjectives:
                modality = Modality.POSSIBLE
    chain = _clause_chain(pred)
    for idx, node in enumerate(chain):
        via = chain[idx - 1].dep_ if idx else None
        inherits_aux = idx == 0 or via in ("xcomp", "conj")
        if via in ("ccomp", "advcl") and idx:
            # "X said it had met Y": reported; the reporting verb's tense does not pass down
            if node.lemma_.lower() in lex.reporting_verbs and any(
                    a.lower_ == "had" for a in chain[idx - 1].children if a.dep_ == "aux"):
                if modality is Modality.ASSERTED:
                    modality = Modality.REPORTED
            break
        if idx and via == "xcomp":
            lemma = node.lemma_.lower()
            if lemma in lex.negating_verbs:
                negated = not negated
            if lemma in lex.planned_verbs:
                modality = Modality.PLANNED
            if lemma == "go" and any(a.lower_ in WORDS.progressive_be
                                     for a in node.children if a.dep_ == "aux"):
                modality = Modality.PLANNED
        if not inherits_aux and via != "xcomp":
            continue
        for c in node.children:
            low = c.lower_
            if c.dep_ == "neg" and (idx == 0 or via == "xcomp"):
                negated = not negated
            if c.dep_ in ("aux", "auxpass"):
                if low in lex.planned_aux or c.lemma_.lower() in lex.planned_aux:
                    modality = Modality.PLANNED
                elif low in lex.possible_aux or c.lemma_.lower() in lex.possible_aux:
                    if modality is not Modality.PLANNED:
                        modality = Modality.POSSIBLE
                        factor = min(factor, 0.8)
            if c.dep_ in ("acomp", "attr") and low in WORDS.planned_copula:
                modality = Modality.PLANNED
            if c.dep_ == "advmod" and low in ("never",):
                negated = not negated
        # "is expected/scheduled/set to meet"
        if node.tag_ == "VBN" and node.lemma_.lower() in lex.planned_verbs and idx:
            modality = Modality.PLANNED
    # "Expected to arrive ..." heading a noun: "expected visit"
    if trigger != pred and pred == trigger.head and pred.lemma_.lower() in lex.planned_verbs:
        modality = Modality.PLANNED
    return negated, modality, factor


