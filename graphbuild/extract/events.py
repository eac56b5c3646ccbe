"""Doc -> events, from the dependency parse and the trigger lexicon.

For each trigger (a verb such as "meet", "accuse", or a noun such as "talks", "sanctions"
under a light or governing verb), the source and target actors are read off the parse:

- active and passive voice ("X was received by Y": Y received X);
- coordinated actors ("X and Y met": one symmetric event; "X hosted A and B": two events);
- objects behind prepositions ("met with", "talks with", "visit to", "sanctions on"),
  appositions after a title ("his counterpart, X");
- subjects shared with a governing clause: infinitives ("X agreed to meet Y"), conjoined
  verbs ("X arrived and met Y"), participles ("Speaking in Z, X accused Y"), relative clauses
  ("Z, where he met Y"); object control ("X urged Y to approve": Y is the approver);
- negation ("did not meet", "failed to agree", "refused to sign") and modality ("will visit",
  "is expected to meet", "may", "said it had").

The extractor is a pure function: it never mutates the Doc.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..actors import gazetteer as gz
from ..actors.resolve import Resolution, UserActor, is_occupier, resolve
from ..types import Actor, ActorType, Article, Event, Modality, Plover
from . import dates
from .lexicon import Lexicon, Trigger, load_lexicon
from .tables import WORDS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

__all__ = ["make_event_extractor", "modality_words"]

log = logging.getLogger(__name__)


def modality_words(lexicon: Lexicon | None = None) -> dict[str, frozenset[str]]:
    """The words that make an event planned, possible or reported, from the lexicon."""
    lex = lexicon or load_lexicon()
    return {"planned_aux": lex.planned_aux, "planned_verbs": lex.planned_verbs,
            "possible_aux": lex.possible_aux, "reporting_verbs": lex.reporting_verbs,
            "negating_verbs": lex.negating_verbs}


# --------------------------------------------------------------------------- parse helpers


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
    out: list[Token] = []
    for c in head.children:
        if c.dep_ in ("prep", "prt", "dative", "agent") and c.lower_ in preps:
            for p in c.children:
                if p.dep_ == "pobj":
                    out.extend(_conjuncts(p))
                elif p.dep_ == "prep" and p.lower_ in preps:  # "up to", "out of"
                    out.extend(q for q in p.children if q.dep_ == "pobj")
    return out


@dataclass(frozen=True)
class _Args:
    sources: list[Token]
    targets: list[Token]
    inherited: bool = False


def _subject_of(verb: Token, depth: int = 0) -> tuple[list[Token], bool]:
    """The acting subject of ``verb``, following the parse up when the clause has none.

    Returns the tokens and whether they were inherited from another clause.
    """
    if depth > 6:
        return [], True
    if _is_passive(verb):
        agents = _agents(verb)
        if agents:
            return agents, False
        if depth > 0:  # "X is expected to meet Y": X meets
            own = _own_subjects(verb)
            if own:
                return own, False
    else:
        own = _own_subjects(verb)
        # a relative pronoun stands for the noun the clause modifies
        if own and all(t.tag_ in ("WDT", "WP") for t in own) and verb.dep_ == "relcl":
            return _conjuncts(verb.head), True
        if own:
            return own, False
    head = verb.head
    if head == verb:
        return [], False
    if verb.dep_ == "acomp":  # "X is opposed to Y"
        return _subject_of(head, depth + 1)[0], False
    if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ in ("acomp", "amod", "xcomp"):
        # "X is willing / ready / prepared to withdraw": X withdraws
        subs, _ = _subject_of(head.head, depth + 1)
        return subs, True
    if verb.dep_ == "xcomp":
        # object control: "X urged Y to approve" -> Y approves
        objs = _direct_objects(head)
        if objs and head.lemma_.lower() not in WORDS.subject_control_verbs:
            return objs, True
        prep_objs = [p for c in head.children if c.dep_ == "prep" and c.lower_ in ("on", "upon")
                     for p in c.children if p.dep_ == "pobj"]
        if prep_objs:
            return prep_objs, True
        subs, _ = _subject_of(head, depth + 1)
        return subs, True
    if verb.dep_ in ("conj", "advcl", "ccomp", "acl", "pcomp") and head.pos_ in ("VERB", "AUX"):
        if verb.dep_ == "acl" and head.pos_ not in ("VERB", "AUX"):
            return [], True
        subs, _ = _subject_of(head, depth + 1)
        return subs, True
    if verb.dep_ == "pcomp" or (verb.dep_ == "pobj" and head.dep_ == "prep"):
        return _subject_of(head.head, depth + 1)[0], True
    if verb.dep_ == "prep":
        return _subject_of(head, depth + 1)[0], True
    if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
        # "X issued a declaration demanding ...": the declaration speaks for X
        if head.lemma_.lower() in WORDS.speech_nouns and head.dep_ in ("dobj", "pobj"):
            gov = head.head if head.dep_ == "dobj" else head.head.head
            if gov.pos_ in ("VERB", "AUX"):
                return _subject_of(gov, depth + 1)[0], True
        # "X, meeting Y" -> X
        return [head], True
    return [], False


# Acts done to people named by the noun itself ("expelled diplomats", "released prisoners").
_ACTED_UPON = {Plover.SANCTION, Plover.COERCE, Plover.ASSAULT, Plover.AID, Plover.RETREAT,
               Plover.CONCEDE}


# Things given "to" someone: the recipient may hang on the verb ("granted asylum to X").
_GIVEN_TO = {Plover.AID, Plover.SUPPORT, Plover.AGREE, Plover.COOPERATE, Plover.CONCEDE,
             Plover.RETREAT, Plover.SANCTION}


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


def _is_heading(sent: Span) -> bool:
    """A headline, section heading or list item with no clause of its own."""
    text = sent.text.strip()
    if not text:
        return True
    has_finite = any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in sent)
    words = [t for t in sent if t.is_alpha]
    if not words:
        return True
    titled = sum(1 for t in words if t.text[:1].isupper()) / len(words)
    ends = text[-1] in ".!?\"'”’)"
    if "\n" in text.strip():
        return True
    if not ends and (titled > 0.6 or not has_finite):
        return True
    if not has_finite and not any(t.tag_ in ("VBG", "VBN", "VB") for t in sent):
        return True
    return False


# --------------------------------------------------------------------------- triggers


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


@functools.lru_cache(maxsize=8)
def _known_verbs(lex: Lexicon) -> frozenset[str]:
    known = set(lex.verbs) | set(lex.light_verbs) | set(lex.negating_verbs) | set(lex.planned_verbs)
    for triggers in lex.nouns.values():
        for t in triggers:
            known.update(t.verbs)
    return frozenset(known)


def _lemma(tok: Token, lex: Lexicon) -> str:
    """The verb's lemma, second-guessing the model where a lexicon verb fits the form better.

    The small English model reads "staged" as "stag" + "ed"; where the form could come from a
    verb the lexicon knows ("stage"), that verb is meant.
    """
    lemma = tok.lemma_.lower()
    if tok.pos_ not in ("VERB", "AUX") and not (tok.pos_ == "ADJ" and tok.dep_ == "acomp"):
        return lemma
    known = _known_verbs(lex)
    if lemma in known:
        return lemma
    text = tok.lower_
    guesses = []
    if text.endswith("ied"):
        guesses.append(text[:-3] + "y")
    if text.endswith("ed"):
        guesses += [text[:-1], text[:-2], text[:-3] if len(text) > 4 and text[-3] == text[-4] else ""]
    if text.endswith("ing"):
        guesses += [text[:-3] + "e", text[:-3], text[:-4] if len(text) > 5 and text[-4] == text[-5] else ""]
    if text.endswith("es"):
        guesses += [text[:-1], text[:-2]]
    elif text.endswith("s"):
        guesses.append(text[:-1])
    for g in guesses:
        if g and g in known:
            return g
    return lemma


def _verb_trigger(tok: Token, lex: Lexicon) -> Trigger | None:
    participle = tok.pos_ == "ADJ" and tok.dep_ == "acomp" and tok.lower_.endswith("ed")
    if tok.pos_ not in ("VERB",) and not (tok.pos_ == "AUX" and tok.dep_ == "ROOT") and not participle:
        return None  # ("X is opposed to Y" reads as the verb)
    triggers = lex.triggers(_lemma(tok, lex), "VERB")
    if not triggers:
        return None
    particles = {c.lower_ for c in tok.children if c.dep_ in ("prt", "prep", "advmod", "dative")}
    with_particle = [t for t in triggers if t.particle and t.particle.lower() in particles]
    if with_particle:
        return with_particle[0]
    plain = [t for t in triggers if not t.particle]
    return plain[0] if plain else None


def _carrier(tok: Token) -> Token:
    if tok.dep_ == "compound" and tok.head.pos_ == "NOUN" and tok.head.lemma_.lower() in WORDS.carrier_nouns:
        tok = tok.head
    for _ in range(3):
        prep = tok.head
        if tok.dep_ == "pobj" and prep.lower_ == "of" and prep.head.lemma_.lower() in WORDS.quantity_nouns \
                and prep.head.pos_ in ("NOUN", "NUM", "PRON", "DET"):
            tok = prep.head
        else:
            break
    return tok


def _noun_trigger(tok: Token, lex: Lexicon) -> Trigger | None:
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    triggers = lex.triggers(tok.lemma_.lower(), "NOUN")
    if not triggers and tok.lower_.endswith("s"):
        triggers = lex.triggers(tok.lower_[:-1], "NOUN")
    if not triggers:
        return None
    tok = _carrier(tok)
    gov = _governor(tok)
    gov_lemma = _lemma(gov, lex) if gov != tok else ""
    specific = [t for t in triggers if t.verbs and gov_lemma in t.verbs]
    if specific and tok.dep_ == "pobj" and tok.head.lower_ in WORDS.circumstance_prepositions:
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


# --------------------------------------------------------------------------- arguments


def _appositions(tok: Token) -> list[Token]:
    """Named people in apposition to a common noun ("his counterparts, X and Y")."""
    out = []
    for c in tok.children:
        if c.dep_ == "appos":
            out.extend(_conjuncts(c))
    return out


def _owner_actors(tok: Token, res: Resolution, *, as_target: bool) -> list[tuple[Actor, float, Token]]:
    """The actor a common noun belongs to: "a US request", "Russia's decision", "calls by X"."""
    out: list[tuple[Actor, float, Token]] = []
    for c in tok.children:
        if c.dep_ in ("poss", "compound", "nmod", "amod") and c.pos_ != "PRON":
            actors = res.actors(c)
            if actors:
                out.extend((a, res.certainty.get(c.i, 1.0) * 0.9, c) for a in actors)
                continue
            iso = gz.country(c.text)
            if iso is not None and not iso.ambiguous:
                out.append((Actor(gz.country_name(iso.iso3), ActorType.COUNTRY, iso.iso3), 0.8, c))
    if out or not as_target:
        return out
    relational = tok.lemma_.lower() in WORDS.relation_nouns
    for c in tok.children:
        if c.dep_ != "prep":
            continue
        if (c.lower_ in ("by", "from", "including", "of", "for", "against")
                or (relational and c.lower_ in ("with", "between"))
                or (c.lower_ == "as" and any(g.lower_ == "such" for g in c.children))):
            for p in c.children:
                if p.dep_ == "pobj":
                    for q in _conjuncts(p):
                        out.extend((a, res.certainty.get(q.i, 1.0) * 0.9, q) for a in res.actors(q))
    if out:
        return out
    if tok.lemma_.lower() in WORDS.event_nouns:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "at"):
                for p in c.children:
                    if p.dep_ == "pobj":
                        out.extend((a, res.certainty.get(p.i, 1.0) * 0.8, p) for a in res.actors(p)
                                   if a.type is not ActorType.PERSON)
    return out


def _named_here(tok: Token) -> list[Actor]:
    """A state or organisation named by a single modifier token ("a US request")."""
    if tok.pos_ not in ("PROPN", "ADJ", "NOUN") or tok.dep_ not in ("compound", "nmod", "amod", "poss"):
        return []
    hit = gz.country(tok.text)
    if hit is not None and not hit.ambiguous:
        return [Actor(gz.country_name(hit.iso3), ActorType.COUNTRY, hit.iso3)]
    org = gz.organisation(tok.text)
    if org is not None and not org.ambiguous:
        return [Actor(tok.text, ActorType.ORG, getattr(org, "country", None), None,
                      tuple(sorted((set(org.aliases) | {org.label}) - {tok.text})), key=org.label)]
    return []


def _antecedent_actor(tok: Token, history: Sequence[Event]) -> list[tuple[Actor, float, Token]]:
    """'the allegations' -> whoever made the last allegation in the article."""
    types = WORDS.antecedents.get(tok.lemma_.lower())
    if not types or not any(c.lower_ in WORDS.antecedent_determiners
                            for c in tok.children if c.dep_ == "det"):
        return []
    for ev in reversed(history):
        if ev.plover in types:
            if ev.symmetric:  # "condemned the meeting": both who met
                return [(ev.source, 0.7, tok), (ev.target, 0.7, tok)]
            return [(ev.source, 0.7, tok)]
    return []


def _actors_for(tokens: Iterable[Token], res: Resolution, *, as_target: bool = False,
                history: Sequence[Event] = ()) -> list[tuple[Actor, float, Token]]:
    out: list[tuple[Actor, float, Token]] = []
    for tok in tokens:
        if tok.i in res.descriptive:
            continue
        actors = res.actors(tok)
        if not actors:
            actors = _named_here(tok)
        if not actors and tok.lemma_.lower() in WORDS.collective_nouns:
            # "a group of diplomats", "hundreds of protesters": the members act
            members = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                       for q in c.children if q.dep_ == "pobj" for p in _conjuncts(q)]
            if members:
                out.extend(_actors_for(members, res, as_target=as_target, history=history))
                continue
        if not actors and tok.pos_ in ("NOUN", "PROPN"):
            found = [(a, res.certainty.get(ap.i, 1.0), ap) for ap in _appositions(tok) for a in res.actors(ap)]
            if not found:
                found = _owner_actors(tok, res, as_target=as_target)
            if not found and as_target:
                found = _antecedent_actor(tok, history)
            out.extend(found)
            continue
        for a in actors:
            out.append((a, res.certainty.get(tok.i, 1.0), tok))
    return out


def _arguments_for_verb(tok: Token, trig: Trigger) -> _Args:
    preps = tuple(p.lower() for p in trig.preps)
    if _is_passive(tok) and not _agents(tok) and tok.lemma_.lower() in WORDS.stative_participles and any(
            c.dep_ == "prep" and c.lower_ in ("to", "against") for c in tok.children):
        # a state, not an act: "X is opposed to Y", "X is committed to Y"
        subjects = [t for s in (c for c in tok.children if c.dep_ == "nsubjpass") for t in _conjuncts(s)]
        return _Args(subjects, _prep_objects(tok, ("to", "against")), False)
    if _is_passive(tok):
        sources = _agents(tok)
        targets = [t for s in (c for c in tok.children if c.dep_ == "nsubjpass") for t in _conjuncts(s)]
        inherited = False
        if not targets:
            # "X, who was received by Y": the passive subject is the relative clause's noun
            if tok.dep_ in ("relcl", "acl"):
                targets = _conjuncts(tok.head)
        targets += _prep_objects(tok, preps)
        return _Args(sources, targets, inherited)
    sources, inherited = _subject_of(tok)
    if trig.plover is Plover.ACCUSE:
        # "complained to the UN over X's raids": the complaint is about X, addressed to the UN
        about = _prep_objects(tok, ("over", "about", "against"))
        if about:
            return _Args(sources, about, inherited)
    # even a one-actor trigger ("X mobilised troops") may name a target ("against Y")
    targets: list[Token] = []
    if trig.particle and trig.particle.lower() in preps:
        targets = _prep_objects(tok, (trig.particle.lower(),))
    if not targets:
        targets = _direct_objects(tok)
    targets += [t for t in _prep_objects(tok, preps) if t not in targets]
    # "shared evidence with X", "signed a deal with X": the preposition may hang on the object
    for obj in [c for c in tok.children if c.dep_ == "dobj"]:
        targets += [t for t in _prep_objects(obj, tuple(p for p in preps if p in ("with", "to")))
                    if t not in targets]
    return _Args(sources, targets, inherited)


def _arguments_for_noun(tok: Token, trig: Trigger, res: Resolution | None = None) -> _Args:
    tok = _carrier(tok)
    preps = tuple(p.lower() for p in trig.preps) + ("between",)
    sources: list[Token] = []
    targets: list[Token] = []
    inherited = False
    gov = _governor(tok)
    # "rejected X's demand", "dismissed calls by X": with a governing verb that acts on the
    # noun, its owner is the one acted upon, not the actor
    acted_upon = bool(trig.verbs) and gov != tok and tok.dep_ in ("dobj", "nsubjpass")
    owners: list[Token] = []
    speech = tok.lemma_.lower() in WORDS.speech_nouns
    of_owners: list[Token] = []
    for c in tok.children:
        if c.dep_ == "poss" and c.pos_ != "PRON":
            owners.extend(_conjuncts(c))
        # "calls by X", "an appeal from X", "the withdrawal of X's forces" (but "withdrawal
        # from X" names a place)
        if c.dep_ == "prep" and (c.lower_ == "by" or (c.lower_ == "from" and speech)):
            owners.extend(p for p in c.children if p.dep_ == "pobj")
        if c.dep_ == "prep" and c.lower_ == "of" and acted_upon and not speech:
            of_owners.extend(p for p in c.children if p.dep_ == "pobj")
    if acted_upon:
        targets_first = owners
    else:
        # "(complained over) Israeli air raids": the state whose adjective the act bears
        # carried it out, when no verb says who did
        if tok.dep_ in ("pobj", "nsubj", "nsubjpass"):
            owners += [c for c in tok.children if c.dep_ == "amod" and c.pos_ == "ADJ" and c not in owners
                       and (hit := gz.country(c.text)) is not None and hit.kind == "demonym"]
        sources.extend(owners)
        targets_first = []
    between = _prep_objects(tok, ("between",))
    targets = targets_first + [t for t in _prep_objects(tok, tuple(p for p in preps if p != "between"))
                               if t not in sources and t not in targets_first]
    if gov != tok:
        if not targets:
            # "granted asylum to X": the recipient hangs on the verb
            giving = tok.dep_ == "dobj" and trig.plover in _GIVEN_TO
            gov_preps = tuple(p for p in preps if p != "between") + (("to",) if giving else ())
            if trig.plover is Plover.MOBILIZE:  # "mobilised reservists for a war against X"
                gov_preps += ("against", "for")
            targets = [t for t in _prep_objects(gov, gov_preps)]
        # "gave X aid" / "imposed on X sanctions" / "gave X five million dollars of aid for Y"
        targets += [c for c in gov.children if c.dep_ == "dative" and c not in targets]
        if not sources:
            if tok.dep_ in ("nsubjpass",) or _is_passive(gov):
                sources = _agents(gov)
            elif tok.dep_ == "nsubj":
                sources = []
            else:
                sources, inherited = _subject_of(gov)
    if not targets and trig.verbs and trig.plover in _ACTED_UPON and res is not None and res.actors(tok):
        targets = [tok]  # "expelled two Russian diplomats": the diplomats are acted upon
    if not targets and (trig.verbs or tok.lemma_.lower() in WORDS.event_nouns) and not (
            res is not None and res.actors(tok)):
        # "rejected a US request", "attended the G20 summit": the noun's owner;
        # "a summit in Ottawa": where it is held
        targets = [c for c in tok.children if c.dep_ in ("poss", "compound", "nmod", "amod")
                   and c.pos_ in ("PROPN", "ADJ", "NOUN")]
        if not targets and tok.lemma_.lower() in WORDS.event_nouns:
            targets = [p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "at")
                       for p in c.children if p.dep_ == "pobj"]
    if between and not sources:
        return _Args(between, [], False)
    targets += [t for t in of_owners if t not in targets]
    return _Args(sources, targets + [t for t in between if t not in targets], inherited)


# --------------------------------------------------------------------------- the extractor


def _sentence_offsets(sent: Span) -> tuple[int, int]:
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    end = sent.end_char - (len(text) - len(text.rstrip()))
    return start, end


def _pairs(trig: Trigger, sources: list[tuple[Actor, float, Token]],
           targets: list[tuple[Actor, float, Token]]) -> Iterator[tuple[tuple[Actor, float, Token],
                                                                        tuple[Actor, float, Token]]]:
    if targets:
        for s in sources:
            for o in targets:
                yield s, o
    elif trig.symmetric and len(sources) >= 2:
        # "X and Y met", "both sides agreed": one event between each pair of them
        for i, s in enumerate(sources):
            for o in sources[i + 1:]:
                yield s, o


def make_event_extractor(*, lexicon: Lexicon | None = None, user_actors: Sequence[UserActor] = (),
                         min_confidence: float = 0.0):
    """Build the dependency-parse event extractor.

    Parameters
    ----------
    lexicon
        The trigger lexicon (default: the built-in one).
    user_actors
        The user's actor list; it wins over inference.
    min_confidence
        Events below this confidence are not yielded.

    Returns
    -------
    callable
        ``extract(doc, *, article) -> Iterator[Event]``, a pure function.
    """
    lex = lexicon or load_lexicon()

    def extract_events(doc: Doc, *, article: Article) -> Iterator[Event]:
        res = resolve(doc, user_actors=user_actors, date=article.date)
        history: list[Event] = []
        for sent in doc.sents:
            if _is_heading(sent):
                continue
            events = list(_sentence_events(sent, res, article, lex, min_confidence, history))
            history.extend(events)
            yield from events

    extract_events.__name__ = "extract_events"
    return extract_events


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
_COOPERATIVE = {Plover.AID, Plover.SUPPORT, Plover.COOPERATE, Plover.RETREAT, Plover.CONCEDE}
_CONFLICTUAL = {Plover.ASSAULT, Plover.COERCE, Plover.SANCTION, Plover.MOBILIZE, Plover.PROTEST}


def _complement_clauses(tok: Token) -> list[Token]:
    """The clauses that spell out what a frame trigger is about."""
    out = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp")]
    if tok.pos_ in ("NOUN", "PROPN"):
        out += [c for c in tok.children if c.dep_ in ("acl", "relcl") and c.tag_ in ("VB", "VBN", "VBP", "VBZ", "VBD")
                and any(a.lower_ in ("to", "that") for a in c.children)]
    for c in tok.children:  # "accused X of attacking Y", "threat of sanctions"
        if c.dep_ == "prep" and c.lower_ in ("of", "for", "on"):
            out += [p for p in c.children if p.dep_ in ("pcomp",)]
        # "called for sanctions against X", "agreed to a ceasefire in X"
        if c.dep_ == "prep" and c.lower_ in ("for", "to") and tok.pos_ == "VERB":
            out += [p for p in c.children if p.dep_ == "pobj" and p.pos_ == "NOUN"]
    return out


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


# Material acts done to a place: the state of the place is their target.
_PLACE_TARGETED = {Plover.COERCE, Plover.ASSAULT, Plover.MOBILIZE, Plover.RETREAT, Plover.CONCEDE,
                   Plover.SANCTION, Plover.PROTEST, Plover.AID, Plover.REQUEST}


def _place_objects(cand: _Candidate) -> list[Token]:
    heads = [cand.tok] if cand.tok == cand.pred else [cand.tok, cand.pred]
    # on the trigger, its verb, or their objects ("the curfew in X" hangs on the object noun)
    holders = [x for h in heads for x in (h, *(d for d in h.children if d.dep_ == "dobj"))]
    return [p for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in WORDS.place_prepositions
            for p in c.children if p.dep_ == "pobj"]


def _grievance_targets(cand: _Candidate, res: Resolution,
                       history: Sequence[Event]) -> list[tuple[Actor, float, Token]]:
    """Whom a protest is aimed at, when its purpose clause says so."""
    # "staged a strike in protest against X"
    for holder in dict.fromkeys([cand.tok, cand.pred]):
        nouns = [p for p in _prep_objects(holder, ("in",)) if p.lemma_.lower() in WORDS.grievance_nouns]
        for noun in nouns:
            named = _prep_objects(noun, ("against", "at", "over", "of", "to", "about"))
            found = _actors_for(named, res, as_target=True, history=history)
            if found:
                return found
    for clause in (c for c in cand.pred.children if c.dep_ in ("advcl", "xcomp")
                   and any(a.lower_ == "to" for a in c.children if a.dep_ == "aux")):
        if clause.lemma_.lower() in WORDS.grievance_verbs:  # "to denounce X"
            heads = [(clause, [p for c in clause.children if c.dep_ == "dobj" for p in _conjuncts(c)])]
        else:  # "to show their anger at X"
            heads = [(o, []) for o in clause.children if o.dep_ == "dobj" and o.lemma_.lower() in WORDS.grievance_nouns]
        for head, objects in heads:
            named = objects + _prep_objects(head, ("for", "of", "at", "over", "against", "with", "about",
                                                   "toward", "towards"))
            found = _actors_for(named, res, as_target=True, history=history)
            if found:
                return found
    return []


def _occupiers(tok: Token) -> list[tuple[str, Token]]:
    """The states said to hold the place a group is of: "X" in "people of the X-occupied region"."""
    out = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "in", "from"):
            for t in c.subtree:
                hit = gz.country(t.text) if is_occupier(t) else None
                if hit is not None and not hit.ambiguous:
                    out.append((hit.iso3, t))
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


def _mobilises_force(verb: Token, lex: Lexicon) -> bool:
    """Whether what a verb mobilises is armed force (or it says nothing of what)."""
    objs = [o for d in verb.children if d.dep_ == "dobj" for o in _conjuncts(d)]
    if not objs:
        return True
    forces = WORDS.force_nouns | lex.contexts.get("military", frozenset()) | lex.contexts.get("security", frozenset())
    for o in objs:
        members = [p for c in o.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                   if p.dep_ == "pobj"]
        if o.pos_ == "NUM" or o.lemma_.lower() in forces or any(m.lemma_.lower() in forces for m in members):
            return True
    return False


def _is_inside(tok: Token, clause: Token) -> bool:
    cur = tok
    for _ in range(40):
        if cur == clause:
            return True
        if cur.head == cur:
            return False
        cur = cur.head
    return False


def _candidates(sent: Span, lex: Lexicon, res: Resolution | None = None) -> list[_Candidate]:
    cands: list[_Candidate] = []
    for tok in sent:
        trig = _naming_trigger(tok) or _verb_trigger(tok, lex)
        if trig is not None:
            cands.append(_Candidate(tok, trig, tok, _arguments_for_verb(tok, trig),
                                    "verb.passive" if _is_passive(tok) else "verb"))
            continue
        deontic = _deontic_request(tok)
        if deontic is not None:
            clause, subs = deontic
            sources, inherited = _subject_of(tok if tok.pos_ == "VERB" else tok.head)
            # "X reminded Y that it must ...": whoever is addressed, should "it" point back
            addressed = _prep_objects(tok, ("to",)) + (_prep_objects(tok.head, ("to",)) if tok.pos_ == "NOUN" else [])
            subs = list(subs) + [a for a in addressed if a not in subs]
            cand = _Candidate(tok, _REQUEST_BY_SAYING, tok, _Args(sources, list(subs), inherited), "verb.deontic")
            cand.complement_subjects = list(subs)
            cands.append(cand)
            continue
        trig = _noun_trigger(tok, lex)
        if trig is not None:
            cands.append(_Candidate(tok, trig, _governor(_carrier(tok)), _arguments_for_noun(tok, trig, res), "noun"))
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
    # frames: what a request, threat, refusal, promise or accusation is about is not an event
    for frame in cands:
        if frame.trig.plover not in _FRAME_TYPES:
            continue
        clauses = _complement_clauses(frame.tok)
        if frame.trig.plover in (Plover.REJECT, Plover.AGREE) and frame.tok.pos_ == "VERB":
            # "rejected a call for its troops to be sent to X": what was proposed
            clauses += [o for o in frame.tok.children if o.dep_ == "dobj" and o.lemma_.lower() in WORDS.proposal_nouns]
        if frame.trig.plover in (Plover.REQUEST, Plover.AGREE):
            # "demanded a meeting to discuss X", "offered troops to help Y": the purpose too
            clauses += [c for c in frame.pred.children if c.dep_ == "advcl" and c.pos_ == "VERB"
                        and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
        if frame.pred != frame.tok and frame.tok.dep_ == "dobj" and frame.tok.head == frame.pred and (
                _lemma(frame.pred, lex) in lex.light_verbs or _lemma(frame.pred, lex) in frame.trig.verbs):
            # "issued a demand that ...": the clause may hang on the verb
            clauses += [c for c in _complement_clauses(frame.pred) if c.i != frame.tok.i]
        frame.clauses = clauses
        for other in cands:
            if other is frame or other.embedded:
                continue
            if any(_is_inside(other.pred, c) or _is_inside(other.tok, c) for c in clauses):
                other.embedded = True
                frame.frame_of.append(other)
        for c in clauses:
            if c.dep_ == "ccomp" and frame.trig.plover in (Plover.REQUEST, Plover.ACCUSE):
                frame.complement_subjects += [t for s in c.children if s.dep_ in ("nsubj", "nsubjpass")
                                              for t in _conjuncts(s)]
    return cands


def _sentence_events(sent: Span, res: Resolution, article: Article, lex: Lexicon,
                     min_confidence: float, history: Sequence[Event] = ()) -> Iterator[Event]:
    found: dict[tuple, Event] = {}
    start, end = _sentence_offsets(sent)
    sent_text = article.text[start:end] if article.text[start:end].strip() else sent.text.strip()
    lemmas = [t.lemma_.lower() for t in sent]
    context = lex.context_of(lemmas)
    cands = _candidates(sent, lex, res)

    def emit(cand: _Candidate, plover: Plover, relation: str, sources, targets, mood: _Mood,
             rule_suffix: str = "") -> None:
        trig = cand.trig
        symmetric = trig.symmetric if plover is trig.plover else plover in (Plover.AGREE,) and trig.symmetric
        when = dates.event_date(cand.pred, article.date, future=mood.modality is Modality.PLANNED)
        for (src, cs, _), (tgt, ct, _) in _pairs(trig, sources, targets):
            if src.id == tgt.id:
                continue
            if src.type is ActorType.COUNTRY and tgt.type is ActorType.COUNTRY and src.country == tgt.country:
                continue
            if src.type is ActorType.PERSON and tgt.type is ActorType.COUNTRY and src.country == tgt.country:
                continue  # "the president promised to rebuild the country": no one else is involved
            confidence = trig.confidence * min(cs, ct) * mood.factor * (0.9 if cand.args.inherited else 1.0)
            if confidence < min_confidence:
                continue
            ends = tuple(sorted((src.id, tgt.id))) if symmetric else (src.id, tgt.id)
            key = (ends, plover, mood.negated)
            ev = Event(
                article_id=article.id, source=src, target=tgt, plover=plover,
                relation=relation, sentence=sent_text, start=start, end=end,
                negated=mood.negated, modality=mood.modality, symmetric=symmetric,
                confidence=round(confidence, 3), rule=f"{cand.kind}:{trig.lemma}{rule_suffix}",
                mode=trig.mode, context=trig.context or context, date=when, trigger=cand.tok.text,
            )
            old = found.get(key)
            if old is None or ev.confidence > old.confidence:
                found[key] = ev

    for cand in cands:
        if cand.embedded:
            continue
        trig = cand.trig
        sources = _actors_for(cand.args.sources, res)
        if not sources:
            continue
        # "Tehran denied the accusations": accusations someone else made
        own = {a.country for a, _, _ in sources if a.country}
        others = [e for e in history if e.source.country not in own] if own else history
        targets = _actors_for(cand.args.targets, res, as_target=True, history=others)
        mood = _mood(cand.tok, cand.pred, lex)
        source_ids = {a.id for a, _, _ in sources}
        if len(source_ids) >= 2:
            # "X and Y called for talks between the two": no one else is addressed
            targets = [t for t in targets if t[0].id not in source_ids]
        symmetric_among_sources = trig.symmetric and len(source_ids) >= 2
        if (not targets and (cand.frame_of or cand.clauses) or cand.complement_subjects) \
                and not symmetric_among_sources:
            # the frame's target is the one its content is about (but "X and Y agreed that ..."
            # is an agreement between X and Y)
            source_ids = {a.id for a, _, _ in sources}
            inner: list[tuple[Actor, float, Token]] = []
            if cand.complement_subjects:
                inner = [t for t in _actors_for(cand.complement_subjects, res, as_target=True, history=history)
                         if t[0].id not in source_ids]
            if not inner and trig.plover in (Plover.AGREE, Plover.REJECT):
                # "agreed to US mediation", "rejected French mediation": whose act it is
                inner = [t for c in cand.clauses if c.pos_ == "NOUN"
                         for t in _owner_actors(c, res, as_target=False) if t[0].id not in source_ids]
            if not inner:
                # the content proper first ("threatened to break off relations with X"), then
                # whatever else it mentions ("over their ties with Y")
                direct = [o for o in cand.frame_of if o.tok in cand.clauses
                          or (o.tok.dep_ == "dobj" and o.tok.head in cand.clauses)]
                for other in direct or cand.frame_of:
                    inner += [t for t in _actors_for(other.args.targets, res, as_target=True, history=history)
                              if t[0].id not in source_ids]
                    inner += [t for t in _actors_for(other.args.sources, res)
                              if t[0].id not in source_ids and trig.plover is not Plover.AGREE]
            if not inner and trig.plover is Plover.THREATEN:
                # "threatened to strike unless X rescinds ...": the threat is aimed at X
                conditions = [c for h in [cand.tok, *cand.clauses] for c in h.subtree
                              if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("unless", "if")
                                                           for m in c.children)]
                inner = [t for c in conditions for t in _actors_for(
                    [x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")], res, as_target=True,
                    history=history) if t[0].id not in source_ids][:2]
            if not inner:
                # "refused to deploy peacekeepers in X": whoever the content names
                named = [x for c in cand.clauses for x in c.subtree
                         if x.dep_ in ("pobj", "dobj", "dative") and x != cand.tok
                         and not _set_aside(x, c)
                         and _actors_for([x], res, as_target=True, history=history)]
                if named:  # the first named, with whatever is coordinated with it
                    inner = [t for t in _actors_for(_conjuncts(named[0]), res, as_target=True, history=history)
                             if t[0].id not in source_ids]
            if not targets:
                targets = inner
        if trig.plover is Plover.MOBILIZE and cand.kind.startswith("verb") and not _mobilises_force(cand.tok, lex):
            continue  # "mobilised support", "mobilised pressure groups": no forces readied
        if not targets and trig.plover in _PLACE_TARGETED:
            # "lifted the curfew in X", "deployed troops along X's border": the place's state
            places = _place_objects(cand)
            targets = [(a, res.certainty.get(t.i, 1.0), t) for t in places
                       for a in res.actors(t) if a.type is ActorType.COUNTRY]
            if not targets:
                # "along the border with X", "in X's border region"
                targets = [t for p in places if p.lemma_.lower() in WORDS.place_nouns
                           for t in _owner_actors(p, res, as_target=True) if t[0].type is ActorType.COUNTRY]
        own_state = False
        if not targets and trig.plover is Plover.COERCE:
            # the police or army of a state acting on people it does not name: its own people
            for a, _, t in sources:
                group = gz.group_noun(t.lemma_.lower()) if a.type is ActorType.ORG and a.country else None
                if group is not None and group.is_government:
                    targets = [(Actor(gz.country_name(a.country), ActorType.COUNTRY, a.country), 0.6, t)]
                    break
        if not targets and (trig.plover is Plover.PROTEST or trig.relation == "end_protest"):
            # a protest with no one named is against the protesters' own state, or against the
            # state holding the place they live in ("residents of the X-occupied territories");
            # so is calling one off
            targets = _grievance_targets(cand, res, history)
            holders = [] if targets else [h for _, _, t in sources for h in _occupiers(t)]
            targets = targets or [(Actor(gz.country_name(iso), ActorType.COUNTRY, iso), 0.6, t)
                                  for iso, t in holders][:1]
            if not targets:
                targets = [(Actor(gz.country_name(a.country), ActorType.COUNTRY, a.country), 0.7, t)
                           for a, _, t in sources if a.type is ActorType.ORG and a.country][:1]
                own_state = bool(targets)
        plover, relation = trig.plover, trig.relation
        if plover is Plover.ASSAULT and any(n.lemma_.lower() in WORDS.preparing_words for n in _clause_chain(cand.pred)[1:]):
            # "the army prepared to resume shelling X": readying force is mobilisation
            emit(cand, Plover.MOBILIZE, f"prepare_{relation}", sources, targets,
                 _Mood(mood.negated, Modality.ASSERTED, mood.factor), ":prepare")
            continue
        if plover is Plover.AGREE and any(
                other.pred not in (cand.tok, cand.pred) and any(c.dep_ == "neg" for c in other.pred.children)
                for other in cand.frame_of):
            plover, relation = Plover.REJECT, "vow_not_to"  # "vowed not to return X"
        if trig.lemma in WORDS.hosting_verbs and targets and all(
                t[0].type is ActorType.PERSON and t[2].dep_ in ("dobj", "conj", "appos") and res.actors(t[2])
                for t in targets):
            plover, relation = Plover.CONSULT, "host"  # "welcomed the visiting president"
        if mood.modality is Modality.PLANNED and mood.intent and not mood.negated:
            # saying one will do something: PLOVER codes the commitment (AGREE) or threat
            if mood.conditional and (plover in _COOPERATIVE or plover in _CONFLICTUAL or plover is Plover.CONSULT):
                emit(cand, Plover.THREATEN, f"threaten_{relation}", sources, targets,
                     _Mood(False, Modality.ASSERTED, mood.factor), ":threat")
                continue
            if plover in _COOPERATIVE:
                emit(cand, Plover.AGREE, f"promise_{relation}", sources, targets,
                     _Mood(False, Modality.ASSERTED, mood.factor), ":promise")
                continue
            if plover in _CONFLICTUAL and any(n.lemma_.lower() in WORDS.deciding_verbs for n in _clause_chain(cand.pred)[1:]):
                # "announced it would ban X": a decision taken, not a warning; the measure is
                # coded, as planned
                emit(cand, plover, relation, sources, targets,
                     _Mood(False, Modality.PLANNED, mood.factor), ":decided")
                continue
            if plover in _CONFLICTUAL:
                emit(cand, Plover.THREATEN, f"threaten_{relation}", sources, targets,
                     _Mood(False, Modality.ASSERTED, mood.factor), ":threat")
                continue
            if plover is Plover.CONSULT:
                emit(cand, Plover.AGREE, f"promise_{relation}", sources, targets,
                     _Mood(False, Modality.ASSERTED, mood.factor * 0.9), ":promise")
        emit(cand, plover, relation, sources, targets, mood, ":own-state" if own_state else "")
        if cand.tok.lemma_.lower() in lex.negating_verbs:
            # "refused to sign the accord": the refusal, and the signing that did not happen
            for other in cand.frame_of:
                if other.pred.dep_ == "xcomp" and other.pred.head == cand.tok:
                    o_sources = _actors_for(other.args.sources, res) or sources
                    o_targets = _actors_for(other.args.targets, res, as_target=True, history=history)
                    emit(other, other.trig.plover, other.trig.relation, o_sources, o_targets,
                         _mood(other.tok, other.pred, lex))
    events = list(found.values())
    aimed = {e.source.id for e in events if e.plover is Plover.PROTEST and not e.rule.endswith(":own-state")}
    yield from (e for e in events if not (e.rule.endswith(":own-state") and e.source.id in aimed))
