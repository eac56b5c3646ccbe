"""Reading the dependency parse: coordination, voice, objects behind prepositions, clause chains.

Small functions over spaCy tokens that the other rule modules share. None mutates the Doc.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .tables import WORDS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


def _conjuncts(tok: Token) -> list[Token]:
    """``tok`` and the tokens coordinated with it ("X, Y and Z")."""
    out = [tok]
    stack = [tok]
    while stack:
        cur = stack.pop()
        for child in cur.children:
            if child.dep_ == "conj" and child not in out and child.pos_ in ("PROPN", "NOUN", "PRON", "ADJ"):
                out.append(child)
                stack.append(child)
    return out


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _own_subjects(verb: Token) -> list[Token]:
    subs = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    out: list[Token] = []
    for s in subs:
        out.extend(_conjuncts(s))
    return out


def _agents(verb: Token) -> list[Token]:
    out: list[Token] = []
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    out.extend(_conjuncts(p))
    return out


def _direct_objects(verb: Token) -> list[Token]:
    out: list[Token] = []
    for c in verb.children:
        if c.dep_ in ("dobj", "dative", "oprd"):
            out.extend(_conjuncts(c))
    return out


def _prep_objects(head: Token, preps: Sequence[str]) -> list[Token]:
    """The objects of ``head``'s prepositions among ``preps``; a date or time ("on Thursday") is
    never an argument."""
    out: list[Token] = []
    for c in head.children:
        if c.dep_ in ("prep", "prt", "dative", "agent") and c.lower_ in preps:
            for p in c.children:
                if p.dep_ == "pobj":
                    out.extend(_conjuncts(p))
                elif p.dep_ == "prep" and p.lower_ in preps:  # "up to", "out of"
                    out.extend(q for q in p.children if q.dep_ == "pobj")
    return [t for t in out if t.ent_type_ not in ("DATE", "TIME")]


def _governor(tok: Token) -> Token:
    """The verb that carries a noun trigger ("held talks" -> held)."""
    head = tok.head
    if tok.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "nsubj") and head.pos_ in ("VERB", "AUX"):
        return head
    if tok.dep_ == "pobj" and head.dep_ in ("prep", "agent") and head.head.pos_ in ("VERB", "AUX") \
            and head.lower_ in WORDS.argument_prepositions:
        return head.head
    if tok.dep_ == "conj":
        return _governor(head)
    return tok


def _clause_chain(node: Token) -> list[Token]:
    """``node`` and the verbs that govern it through infinitives and coordination."""
    chain = [node]
    cur = node
    for _ in range(6):
        if cur.dep_ in ("xcomp", "conj", "ccomp", "advcl", "pcomp") and cur.head != cur:
            if cur.dep_ == "pcomp":
                cur = cur.head.head
            else:
                cur = cur.head
            chain.append(cur)
            if chain[-2].dep_ in ("ccomp", "advcl"):
                break
        else:
            break
    return chain


def _ruled_out(verb: Token) -> bool:
    """"removing the sanctions is out of the question", "lifting the ban is off the table": a
    gerund subject of a clause that rules it out."""
    if verb.dep_ != "csubj" or verb.tag_ != "VBG":
        return False
    for prep in (c for c in verb.head.children if c.dep_ == "prep"):
        objs = [p for q in (prep, *(x for x in prep.children if x.dep_ == "prep")) for p in q.children
                if p.dep_ == "pobj"]
        if any((prep.lower_, o.lemma_.lower()) in (("out", "question"), ("off", "table")) for o in objs):
            return True
    return False


def _carrier(tok: Token) -> Token:
    if tok.dep_ == "compound" and tok.head.pos_ == "NOUN" and tok.head.lemma_.lower() in WORDS.carrier_nouns:
        tok = tok.head
    # "declared a state of siege": the measure is declared through the noun of its condition
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in WORDS.state_nouns \
            and tok.head.head.pos_ == "NOUN":
        return tok.head.head
    for _ in range(3):
        prep = tok.head
        if tok.dep_ == "pobj" and prep.lower_ == "of" and prep.head.lemma_.lower() in WORDS.quantity_nouns \
                and prep.head.pos_ in ("NOUN", "NUM", "PRON", "DET"):
            tok = prep.head
        else:
            break
    return tok


def _appositions(tok: Token) -> list[Token]:
    """Named people in apposition to a common noun ("his counterparts, X and Y")."""
    out = []
    for c in tok.children:
        if c.dep_ == "appos":
            out.extend(_conjuncts(c))
    return out


def _is_inside(tok: Token, clause: Token) -> bool:
    cur = tok
    for _ in range(40):
        if cur == clause:
            return True
        if cur.head == cur:
            return False
        cur = cur.head
    return False


def _set_aside(tok: Token, clause: Token) -> bool:
    """"Bolivia" in "agreed to resign without returning to Bolivia": named only as what is
    not done, or in spite of."""
    cur = tok
    for _ in range(40):
        if cur == clause or cur.head == cur:
            return False
        if (cur.dep_ == "prep" and cur.lower_ in WORDS.aside_words) or (
                cur.dep_ == "mark" and cur.lower_ in WORDS.aside_words) or (
                cur.dep_ in ("advcl", "pcomp") and any(m.lower_ in WORDS.aside_words for m in cur.children if m.dep_ == "mark")):
            return True
        if cur.lower_ == "spite" and cur.head.lower_ == "in":
            return True
        cur = cur.head
    return False


