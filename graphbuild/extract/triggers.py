"""Which tokens of a sentence trigger an event: lexicon verbs and nouns, and the extractor's own.

Besides the lexicon's entries, two triggers are the extractor's own: a verb of naming with a
disapproving complement accuses ("X called the move unfriendly"), and a verb of saying whose
complement has "must", "should" or "have to" requests ("X said Y must withdraw"). The words
they need are declared by :func:`declared_triggers`, which the prefilter reads.
"""

from __future__ import annotations

import dataclasses
import functools
from typing import TYPE_CHECKING

from ..prefilter import Triggers, irregular_forms
from ..types import Plover
from .lexicon import Lexicon, Trigger
from .parse import _carrier, _conjuncts, _governor
from .tables import WORDS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


def _naming_trigger(tok: Token) -> Trigger | None:
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in WORDS.naming_verbs:
        return None
    for c in tok.children:
        if c.dep_ in ("oprd", "ccomp", "xcomp", "acomp", "attr", "advcl") and (
                c.lemma_.lower() in WORDS.disapproving_words or c.lower_ in WORDS.disapproving_words):
            return Trigger(lemma=tok.lemma_.lower(), pos="VERB", plover=Plover.ACCUSE,
                           relation="denounce", mode=None, context=None, symmetric=False, preps=(),
                           particle=None, verbs=(), target_role="object", confidence=0.6,
                           origin="builtin")
    return None


def _money_trigger(tok: Token) -> Trigger | None:
    """"gave 30 million euros to X", "earmarked two million dollars in aid for X": a verb of
    giving whose object is a sum of money gives aid (its own lexicon sense, if any, comes first)."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in WORDS.giving_verbs:
        return None
    objects = [o for c in tok.children if c.dep_ == "dobj" for o in _conjuncts(c)]
    if any(o.ent_type_ == "MONEY" or o.lemma_.lower() in WORDS.money_words for o in objects):
        return dataclasses.replace(_MONEY_GIVEN, lemma=tok.lemma_.lower())
    return None


_MONEY_GIVEN = Trigger(lemma="give", pos="VERB", plover=Plover.AID, relation="give_money", mode=None,
                       context="economy", symmetric=False, preps=("to", "for"), particle=None, verbs=(),
                       target_role="object", confidence=0.7, origin="builtin")


@functools.lru_cache(maxsize=8)
def _known_verbs(lex: Lexicon) -> frozenset[str]:
    known = set(lex.verbs) | set(lex.light_verbs) | set(lex.negating_verbs) | set(lex.planned_verbs)
    for triggers in lex.nouns.values():
        for t in triggers:
            known.update(t.verbs)
    return frozenset(known)


@functools.cache
def _irregular_lemmas() -> dict[str, frozenset[str]]:
    """The lemmas each irregular form may come from ("retook" -> retake)."""
    out: dict[str, set[str]] = {}
    for lemma, forms in irregular_forms().items():
        for form in forms:
            out.setdefault(form, set()).add(lemma)
    return {form: frozenset(lemmas) for form, lemmas in out.items()}


def _lemma(tok: Token, lex: Lexicon) -> str:
    """The verb's lemma, second-guessing the model where a lexicon verb fits the form better.

    The small English model reads "staged" as "stag" + "ed"; where the form could come from a
    verb the lexicon knows ("stage"), that verb is meant.
    """
    lemma = tok.lemma_.lower()
    if tok.pos_ not in ("VERB", "AUX") and not (tok.pos_ == "ADJ" and tok.dep_ == "acomp"):
        return lemma
    return _verb_lemma(lemma, tok.lower_, lex)


@functools.lru_cache(maxsize=1 << 16)
def _verb_lemma(lemma: str, text: str, lex: Lexicon) -> str:
    """The lemma of the verb form ``text`` that the model lemmatised as ``lemma``: a verb the
    lexicon knows that the form could come from, if ``lemma`` is none ("staged": "stage")."""
    known = _known_verbs(lex)
    if lemma in known:
        return lemma
    guesses = []
    if text.endswith("ied"):
        guesses.append(text[:-3] + "y")
    if text.endswith("ed"):
        guesses += [text[:-1], text[:-2], text[:-3] if len(text) > 4 and text[-3] == text[-4] else ""]
    if text.endswith("ing"):
        guesses += [text[:-3] + "e", text[:-3], text[:-4] if len(text) > 5 and text[-4] == text[-5] else ""]
    guesses += sorted(_irregular_lemmas().get(text, ()))  # "overran", "retook": left as they are
    if text.endswith("es"):
        guesses += [text[:-1], text[:-2]]
    elif text.endswith("s"):
        guesses.append(text[:-1])
    for g in guesses:
        if g and g in known:
            return g
    return lemma


@functools.lru_cache(maxsize=1 << 16)
def _may_trigger(lemma: str, text: str, lex: Lexicon) -> bool:
    """Whether a token of lemma ``lemma`` (lower-cased) and form ``text`` (lower-cased) is a
    word any recogniser below looks up: a lexicon verb (as its lemma or as
    :func:`_verb_lemma` reads the form), a lexicon noun (as its lemma, its form without a final
    "s", or the end of a noun written as two words), or a word of naming, giving or saying, or
    a noun of speech. A token of no such word triggers nothing, whatever its parse."""
    return (lemma in lex.verbs or _verb_lemma(lemma, text, lex) in lex.verbs
            or lemma in lex.nouns or lemma in _noun_endings(lex)
            or (text.endswith("s") and text[:-1] in lex.nouns)
            or lemma in WORDS.naming_verbs or lemma in WORDS.giving_verbs
            or lemma in WORDS.saying_verbs or lemma in WORDS.speech_nouns)


def _verb_trigger(tok: Token, lex: Lexicon) -> Trigger | None:
    participle = tok.pos_ == "ADJ" and tok.dep_ == "acomp" and tok.lower_.endswith("ed")
    if tok.pos_ not in ("VERB",) and not (tok.pos_ == "AUX" and tok.dep_ == "ROOT") and not participle:
        return None  # ("X is opposed to Y" reads as the verb)
    triggers = lex.triggers(_lemma(tok, lex), "VERB")
    if not triggers:
        return None
    # ("called X on Thursday" is not "called on X")
    particles = {c.lower_ for c in tok.children if c.dep_ in ("prt", "prep", "advmod", "dative")
                 and not any(p.ent_type_ in ("DATE", "TIME") for p in c.children if p.dep_ == "pobj")}
    # ("pushing for X to accept": the parse may make "for" the mark of a clause whose subject
    # names someone; "calling for work to start" asks no one)
    particles |= {m.lower_ for c in tok.children if c.dep_ in ("advcl", "ccomp", "xcomp")
                  and any(s.dep_ == "nsubj" and (s.pos_ == "PROPN" or s.ent_type_) for s in c.children)
                  for m in c.children if m.dep_ == "mark" and m.lower_ == "for"}
    with_particle = [t for t in triggers if t.particle and t.particle.lower() in particles]
    if with_particle:
        return with_particle[0]
    plain = [t for t in triggers if not t.particle]
    if plain and tok.lemma_.lower() in WORDS.naming_verbs and any(c.dep_ == "oprd" for c in tok.children):
        return None  # "called X a liar" names X: it is no call to X
    return plain[0] if plain else None


def _joined_lemmas(tok: Token) -> list[str]:
    """A noun written as two words or hyphenated, as one ("cease-fire", "war games"): the word
    before the head noun joined to its lemma, when that word modifies it."""
    if tok.i == 0:
        return []
    doc, lemma = tok.doc, tok.lemma_.lower()
    before = doc[tok.i - 1]
    if before.text in ("-", "‐") and tok.i >= 2 and doc[tok.i - 2].is_alpha and doc[tok.i - 2].head == tok:
        return [doc[tok.i - 2].lower_ + lemma]
    if before.is_alpha and before.dep_ == "compound" and before.head == tok:
        return [before.lower_ + lemma]
    return []


@functools.lru_cache(maxsize=8)
def _noun_endings(lex: Lexicon) -> frozenset[str]:
    """Every ending of a lexicon noun after its first letter or more ("" too): a lemma that is none of
    them is no part of a noun written as two words ("fire" of "ceasefire")."""
    return frozenset(noun[k:] for noun in lex.nouns for k in range(1, len(noun) + 1))


def _noun_trigger(tok: Token, lex: Lexicon) -> Trigger | None:
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    # a joined form is a word (or two) before the lemma, then the lemma
    joined = _joined_lemmas(tok) if tok.lemma_.lower() in _noun_endings(lex) else []
    triggers = next((found for joined in joined if (found := lex.triggers(joined, "NOUN"))), ())
    if not triggers:
        triggers = lex.triggers(tok.lemma_.lower(), "NOUN")
    if not triggers and tok.lower_.endswith("s"):
        triggers = lex.triggers(tok.lower_[:-1], "NOUN")
    if not triggers:
        return None
    tok = _carrier(tok)
    gov = _governor(tok)
    gov_lemma = _lemma(gov, lex) if gov != tok else ""
    specific = [t for t in triggers if t.verbs and gov_lemma in t.verbs]
    if specific and tok.dep_ == "pobj" and tok.head.lower_ in WORDS.circumstance_prepositions and not (
            tok.head.lower_ == "in" and gov_lemma in WORDS.in_object_verbs):
        # "agreed to X in the talks with Y": the talks are where, not what was agreed
        specific = []
    if specific:
        # "called off a strike" is not "called a strike": an entry whose particle the verb
        # carries first, then the entries that need none
        carried = {c.lower_ for c in gov.children if c.dep_ in ("prt", "advmod")}
        ranked = [t for t in specific if t.particle and t.particle in carried] + \
                 [t for t in specific if not t.particle]
        if ranked:
            return ranked[0]
        specific = []
    general = [t for t in triggers if not t.verbs]
    if not general:
        return None
    if gov == tok:
        # no verb: only with its own arguments ("X's visit to Y", "talks between X and Y")
        if any(c.dep_ == "poss" for c in tok.children) or any(
                c.dep_ == "prep" and c.lower_ in ("between", "by") for c in tok.children):
            return general[0]
        return None
    if gov_lemma in lex.light_verbs or tok.dep_ in ("pobj", "nsubj", "nsubjpass"):
        return general[0]
    return None


def _deontic_request(tok: Token) -> tuple[Token, list[Token]] | None:
    """'X said Y must stop', 'X issued a reminder that Y must stop': the clause whose subject
    is asked to act, and that subject."""
    speech_noun = tok.pos_ == "NOUN" and tok.lemma_.lower() in WORDS.speech_nouns and tok.dep_ == "dobj"
    if not speech_noun and (tok.pos_ != "VERB" or tok.lemma_.lower() not in WORDS.saying_verbs):
        return None
    for c in tok.children:
        if c.dep_ not in ("ccomp", "acl") or (c.dep_ == "acl" and not speech_noun):
            continue
        if any(a.dep_ == "aux" and a.lower_ in WORDS.deontic_auxiliaries for a in c.children) or (
                c.lemma_.lower() == "have" and any(x.dep_ == "xcomp" for x in c.children)):
            subs = [t for s in c.children if s.dep_ in ("nsubj", "nsubjpass") for t in _conjuncts(s)]
            if subs:
                return c, subs
    return None


_REQUEST_BY_SAYING = Trigger(lemma="say", pos="VERB", plover=Plover.REQUEST, relation="demand",
                             mode=None, context=None, symmetric=False, preps=(), particle=None,
                             verbs=(), target_role="object", confidence=0.6, origin="builtin")




def declared_triggers(lex: Lexicon) -> Triggers:
    """The words the event extractor needs to see, for the prefilter.

    A lexicon verb with a plain sense, or a noun with an entry that needs no governing verb,
    triggers alone; a verb whose every sense needs a particle needs one of those particles; a
    noun whose every entry names its governing verbs needs one of those verbs. The extractor's
    own triggers: a naming verb needs a disapproving word, a verb of saying an auxiliary of
    obligation (or "have", for "have to"), a verb of giving a sum of money.

    >>> from .lexicon import load_lexicon
    >>> t = declared_triggers(load_lexicon())
    >>> "meet" in t.words, "unfriendly" in t.needs["describe"], "must" in t.needs["say"]
    (True, True, True)
    """
    words: set[str] = set()
    needs: dict[str, set[str]] = {}
    for lemma, entries in lex.verbs.items():
        if any(not t.particle for t in entries):
            words.add(lemma)
        else:
            needs.setdefault(lemma, set()).update(t.particle for t in entries if t.particle)
    for lemma, entries in lex.nouns.items():
        if any(not t.verbs for t in entries):
            words.add(lemma)
        else:
            needs.setdefault(lemma, set()).update(v for t in entries for v in t.verbs)
    for verb in WORDS.naming_verbs:
        needs.setdefault(verb, set()).update(WORDS.disapproving_words)
    for verb in WORDS.saying_verbs:
        needs.setdefault(verb, set()).update(WORDS.deontic_auxiliaries | {"have"})
    for verb in WORDS.giving_verbs:
        needs.setdefault(verb, set()).update(WORDS.money_words)
    return Triggers(frozenset(words), needs)
