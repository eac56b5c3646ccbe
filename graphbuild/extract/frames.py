"""Candidates and frames: the triggers of a sentence, and which are the content of another.

What a request, threat, refusal, promise or accusation is about is its content, not an event
that happened ("X threatened to cut ties with Y": the cutting is the threat's content); nor is
what talks, offers and proposals are about ("talks on a troop pullback").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..actors.resolve import Resolution
from ..types import Plover
from .arguments import _Args, _arguments_for_noun, _arguments_for_verb, _subject_of
from .lexicon import Lexicon, Trigger
from .parse import _carrier, _conjuncts, _governor, _is_inside, _is_passive, _prep_objects
from .tables import WORDS
from .triggers import (
    _REQUEST_BY_SAYING,
    _deontic_request,
    _lemma,
    _may_trigger,
    _money_trigger,
    _naming_trigger,
    _noun_trigger,
    _verb_trigger,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token


@dataclass
class _Candidate:
    """One trigger in a sentence, with its argument tokens, before actors are paired."""

    tok: Token
    trig: Trigger
    pred: Token
    args: _Args
    kind: str
    frame_of: list[_Candidate] = field(default_factory=list)  # events embedded in this one
    embedded: bool = False
    complement_subjects: list[Token] = field(default_factory=list)
    clauses: list[Token] = field(default_factory=list)


# Event types whose complement clause is the content of the act, not an event that happened:
# "threatened to cut ties with X", "demanded that X withdraw", "agreed to send aid to X",
# "refused to meet X", "accused X of attacking Y".
_FRAME_TYPES = {Plover.REQUEST, Plover.THREATEN, Plover.REJECT, Plover.AGREE, Plover.ACCUSE}
# the parts of speech a trigger can have (see the recognisers of :mod:`.triggers`)
_TRIGGER_POS = frozenset({"VERB", "AUX", "ADJ", "NOUN", "PROPN"})


def _complement_clauses(tok: Token) -> list[Token]:
    """The clauses that spell out what a frame trigger is about."""
    out = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp")]
    if tok.pos_ in ("NOUN", "PROPN"):
        out += [c for c in tok.children if c.dep_ in ("acl", "relcl") and c.tag_ in ("VB", "VBN", "VBP", "VBZ", "VBD")
                and any(a.lower_ in ("to", "that") for a in c.children)]
    for c in tok.children:  # "accused X of attacking Y", "threat of sanctions", "warned against leaving"
        if c.dep_ == "prep" and c.lower_ in ("of", "for", "on", "against"):
            out += [p for p in c.children if p.dep_ in ("pcomp",)]
        # "called for sanctions against X", "agreed to a ceasefire in X"
        if c.dep_ == "prep" and c.lower_ in ("for", "to") and tok.pos_ == "VERB":
            out += [p for p in c.children if p.dep_ == "pobj" and p.pos_ == "NOUN"]
    return out


def _is_topic(tok: Token) -> bool:
    """"a pullback" in "talks on a pullback", "talks" in "an offer of talks"."""
    prep = tok.head
    if tok.dep_ not in ("pobj", "conj") or prep.dep_ != "prep":
        return tok.dep_ == "conj" and tok.head != tok and _is_topic(tok.head)
    holder = prep.head
    if holder.pos_ == "VERB" and prep.lower_ != "of":
        # "held talks on Monday on X": the phrase may hang on the verb of the talks
        holder = next((o for o in holder.children if o.dep_ == "dobj"), holder)
    return prep.lower_ in ("on", "for", "about", "over", "regarding", "concerning", "of") \
        and holder.pos_ == "NOUN" and holder.lemma_.lower() in WORDS.topic_holders \
        and (prep.lower_ != "of" or holder.lemma_.lower() in WORDS.of_topic_holders)


def _candidates(sent: Span, lex: Lexicon, res: Resolution | None = None,
                tokens: Sequence[Token] | None = None) -> list[_Candidate]:
    """The triggers of ``sent`` with their argument tokens, frames marked (``tokens``: the
    sentence's, if the caller has them)."""
    tokens = list(sent) if tokens is None else tokens
    cands = [c for c in (_candidate_at(tok, lex, res) for tok in tokens) if c is not None]
    # a noun entry that names its governing verb wins over that verb's own entry
    # ("struck a deal" is AGREE, not ASSAULT; "lifted sanctions" is not SANCTION)
    nouns_with_verbs = {c.pred.i for c in cands if c.kind == "noun" and c.trig.verbs and c.pred != c.tok
                        and c.tok.dep_ in ("dobj", "nsubjpass") and c.tok.head == c.pred}
    cands = [c for c in cands if not (c.kind.startswith("verb") and c.tok.i in nouns_with_verbs)]
    # what talks, offers and proposals are about has not happened: "talks on a troop
    # pullback", "an offer of direct talks"
    for cand in cands:
        if cand.kind == "noun" and _is_topic(_carrier(cand.tok)):
            cand.embedded = True
    for frame in cands:
        if frame.trig.plover in _FRAME_TYPES:
            _mark_frame(frame, cands, lex)
    # "X will not free them unless Y frees its prisoners", "X threatened to shell Z if Y strikes
    # W": what a condition of a threat or refusal asks for, or fears, has not happened
    conditions = _conditions(tokens, ("unless",)) + [
        c for f in cands if f.trig.plover is Plover.THREATEN and f.tok.pos_ == "VERB"
        for c in _conditions(tokens, ("if",)) if _is_inside(c, f.tok)]
    for cand in cands:
        if not cand.embedded and any(_is_inside(cand.pred, c) for c in conditions):
            cand.embedded = True
    return cands


def _conditions(tokens: Sequence[Token], marks: tuple[str, ...]) -> list[Token]:
    """The adverbial clauses among a sentence's ``tokens`` that a conjunction of ``marks`` introduces."""
    return [t for t in tokens if t.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in t.children)]


def _candidate_at(tok: Token, lex: Lexicon, res: Resolution | None) -> _Candidate | None:
    """The candidate ``tok`` triggers: a verb (or naming verb), a demand in reported speech, a noun."""
    pos = tok.pos_
    if pos not in _TRIGGER_POS:
        return None  # every trigger below is a verb, a noun, or a participle read as an adjective
    if not _may_trigger(tok.lemma_.lower(), tok.lower_, lex):
        return None  # nor is any a word that no recogniser looks up
    if pos in ("VERB", "AUX", "ADJ"):
        # naming and giving verbs are VERBs; an AUX or ADJ triggers only as a verb, never as a
        # noun or a demand (see the triggers' own tests of the part of speech)
        trig = (_naming_trigger(tok) or _money_trigger(tok) if pos == "VERB" else None) or _verb_trigger(tok, lex)
        if trig is not None:
            return _Candidate(tok, trig, tok, _arguments_for_verb(tok, trig),
                              "verb.passive" if _is_passive(tok) else "verb")
        return _deontic_candidate(tok) if pos == "VERB" else None
    cand = _deontic_candidate(tok) if pos == "NOUN" else None  # no PROPN is a speech noun
    if cand is not None:
        return cand
    trig = _noun_trigger(tok, lex)
    if trig is not None:
        return _Candidate(tok, trig, _governor(_carrier(tok)), _arguments_for_noun(tok, trig, res), "noun")
    return None


def _deontic_candidate(tok: Token) -> _Candidate | None:
    """A demand in reported speech at ``tok``: "X said Y must withdraw"."""
    deontic = _deontic_request(tok)
    if deontic is not None:
        _, subs = deontic
        sources, inherited = _subject_of(tok if tok.pos_ == "VERB" else tok.head)
        # "X reminded Y that it must ...": whoever is addressed, should "it" point back
        addressed = _prep_objects(tok, ("to",)) + (_prep_objects(tok.head, ("to",)) if tok.pos_ == "NOUN" else [])
        subs = list(subs) + [a for a in addressed if a not in subs]
        cand = _Candidate(tok, _REQUEST_BY_SAYING, tok, _Args(sources, list(subs), inherited), "verb.deontic")
        cand.complement_subjects = list(subs)
        return cand
    return None


def _mark_frame(frame: _Candidate, cands: list[_Candidate], lex: Lexicon) -> None:
    """What a request, threat, refusal, promise or accusation is about is not an event: the
    candidates inside its content are embedded in it."""
    clauses = _frame_clauses(frame, lex)
    frame.clauses = clauses
    for other in cands:
        if other is frame or other.embedded:
            continue
        if any(_is_inside(other.pred, c) or _is_inside(other.tok, c) for c in clauses):
            other.embedded = True
            frame.frame_of.append(other)
    for c in clauses:
        # "demanded that X withdraw", "insisted on its demands that X withdraw"
        if (c.dep_ == "ccomp" or (c.dep_ == "acl" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children))) \
                and frame.trig.plover in (Plover.REQUEST, Plover.ACCUSE):
            frame.complement_subjects += [t for s in c.children if s.dep_ in ("nsubj", "nsubjpass")
                                          for t in _conjuncts(s)]


def _frame_clauses(frame: _Candidate, lex: Lexicon) -> list[Token]:
    """The clauses (and nouns) that spell out a frame's content."""
    clauses = _complement_clauses(frame.tok)
    if frame.trig.plover in (Plover.REJECT, Plover.AGREE, Plover.ACCUSE) and frame.tok.pos_ == "VERB":
        # "rejected a call for its troops to be sent to X": what was proposed; "condemned X's
        # decision to recognize Y": what was decided is what is condemned, no event reported
        nouns = WORDS.proposal_nouns if frame.trig.plover is Plover.AGREE else \
            WORDS.proposal_nouns | WORDS.decision_nouns
        proposals = [o for o in frame.tok.children if o.dep_ == "dobj" and o.lemma_.lower() in nouns]
        clauses += proposals
        if proposals and frame.trig.plover is not Plover.AGREE:
            # "rejected appeals to release X": the parse may hang the proposal's infinitive on the verb
            clauses += [c for c in frame.tok.children if c.dep_ == "advcl" and c.pos_ == "VERB"
                        and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
    if frame.trig.plover in (Plover.REQUEST, Plover.AGREE):
        # "demanded a meeting to discuss X", "offered troops to help Y": the purpose too
        clauses += [c for c in frame.pred.children if c.dep_ == "advcl" and c.pos_ == "VERB"
                    and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
    if frame.pred != frame.tok and frame.tok.dep_ == "dobj" and frame.tok.head == frame.pred and (
            _lemma(frame.pred, lex) in lex.light_verbs or _lemma(frame.pred, lex) in frame.trig.verbs):
        # "issued a demand that ...": the clause may hang on the verb
        clauses += [c for c in _complement_clauses(frame.pred) if c.i != frame.tok.i]
    return clauses


