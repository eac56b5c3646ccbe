"""Post-rules: how a candidate event is coded, as small named rules keyed by PLOVER type.

A *candidate* is a trigger with the actors found for its arguments and its clause's mood (a
:class:`Case`). Two ordered registries decide what becomes of it:

1. :data:`TARGET_RULES` find a target when the arguments name none. They are tried in order,
   each only for the PLOVER types it is registered for; the first that finds someone wins.
   A rule returns :class:`Targets`, or None when it does not apply.
2. :data:`CODING_RULES` decide how the case is coded, in order: a rule may *recode* it (give it
   another type and relation, which later rules see), *emit* events (its own or others), and
   be *final* (no later rule runs, so the case's own event, coded by :func:`the_event`, is not
   emitted either). A rule returns a :class:`Decision`, or None when it does not apply.

A rule is a function ``(case, context) -> decision``. Adding one is writing the function and one
line in the registry, at the place in the order where it must run::

    def unrest_targets(case: Case, ctx: Context) -> Targets | None:
        ...

    TARGET_RULES = (..., Rule("unrest_targets", frozenset({Plover.PROTEST}), unrest_targets), ...)

The words the rules read are in ``data/rules.toml``, one key per rule.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..actors import gazetteer as gz
from ..actors.people import people_noun
from ..actors.resolve import Resolution, is_occupier
from ..types import Actor, ActorType, Event, Modality, Plover, Sector
from .arguments import ACTED_UPON, ActorHit, _actors_for, _owner_actors, names_people, people_at_large
from .frames import _FRAME_TYPES, _Candidate
from .lexicon import Lexicon
from .mood import _Mood, _mood
from .parse import _carrier, _clause_chain, _conjuncts, _prep_objects, _ruled_out, _set_aside
from .tables import WORDS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

__all__ = ["Case", "Context", "Targets", "Emission", "Decision", "Rule", "TARGET_RULES", "CODING_RULES",
           "code"]

#: Promises of these are coded as AGREE, as PLOVER codes a stated commitment to cooperate.
_COOPERATIVE = frozenset({Plover.AID, Plover.SUPPORT, Plover.COOPERATE, Plover.RETREAT, Plover.CONCEDE})
#: A stated intent to do these to someone is a THREATEN.
_CONFLICTUAL = frozenset({Plover.ASSAULT, Plover.COERCE, Plover.SANCTION, Plover.MOBILIZE, Plover.PROTEST})
#: Material acts done to a place: the state of the place is their target.
_PLACE_TARGETED = frozenset({Plover.COERCE, Plover.ASSAULT, Plover.MOBILIZE, Plover.RETREAT, Plover.CONCEDE,
                             Plover.SANCTION, Plover.PROTEST, Plover.AID, Plover.REQUEST})
#: Acts of force done to a place or a thing: whoever holds it is their target.
_FORCEFUL = frozenset({Plover.ASSAULT, Plover.COERCE})
#: Acts whose target may be the holder of the site where they take place ("rioted at a prison in X").
_ON_SITE = frozenset({Plover.PROTEST, Plover.ASSAULT, Plover.COERCE, Plover.MOBILIZE})
#: Sectors of actors whose "strike" is a labour or hunger strike, not an armed one.
_CIVIL_SECTORS = frozenset({Sector.CIVILIANS, Sector.BUSINESS, Sector.OPPOSITION, Sector.MEDIA, Sector.NGO})
#: Entity types of a "when", never a target ("struck on Thursday").
_TIME_ENTITIES = frozenset({"DATE", "TIME"})


# --------------------------------------------------------------------------- the protocol


@dataclass
class Case:
    """One candidate being coded: its trigger, the actors of its arguments, its clause's mood.

    ``plover`` and ``relation`` start as the trigger's and change when a coding rule recodes the
    case; ``note`` is appended to the rule name of its own event (":own-state").
    """

    cand: _Candidate
    sources: list[ActorHit]
    targets: list[ActorHit]
    mood: _Mood
    plover: Plover
    relation: str
    symmetric_among_sources: bool = False  # "X and Y agreed ...": an event between them
    note: str = ""


@dataclass(frozen=True)
class Context:
    """What the rules may read beside the case: the article's actors, the lexicon, earlier events."""

    res: Resolution
    lex: Lexicon
    history: Sequence[Event] = ()
    question: bool | None = None  # whether the sentence is a yes/no question (None: read it)


@dataclass(frozen=True)
class Targets:
    """A target rule's answer: the targets it found (and a note for the event's rule name)."""

    found: list[ActorHit]
    note: str = ""


@dataclass(frozen=True)
class Emission:
    """An event to code: the candidate it comes from, its type, actors and mood."""

    cand: _Candidate
    plover: Plover
    relation: str
    sources: list[ActorHit]
    targets: list[ActorHit]
    mood: _Mood
    note: str = ""
    symmetric: bool | None = None  # None: as the trigger is


@dataclass(frozen=True)
class Decision:
    """A coding rule's answer: recode the case, emit events, and whether it is final."""

    recode: tuple[Plover, str] | None = None
    emit: tuple[Emission, ...] = ()
    final: bool = False


RuleFn = Callable[[Case, Context], "Decision | Targets | None"]


@dataclass(frozen=True)
class Rule:
    """A named rule and the PLOVER types (the case's, when it runs) it is tried for; None: all."""

    name: str
    types: frozenset[Plover] | None
    apply: RuleFn

    def applies_to(self, plover: Plover) -> bool:
        return self.types is None or plover in self.types


def code(case: Case, ctx: Context) -> list[Emission]:
    """The events ``case`` is coded as, in order: target rules, then coding rules.

    >>> [r.name for r in CODING_RULES][-2:]
    ['the_event', 'refused_act']
    """
    about_people = recode_for_people(case)
    if not about_people and (case.plover not in _DONE_TO_PEOPLE or case.cand.trig.mode == "withdraw"):
        # "praised the workers": people at large are acted upon; "withdrew its inspectors": its own
        case.targets = [hit for hit in case.targets if not people_at_large(hit[0], hit[2])]
    if not case.targets:
        for rule in TARGET_RULES:
            if not rule.applies_to(case.plover):
                continue
            found = rule.apply(case, ctx)
            if found is not None and found.found:
                case.targets, case.note = found.found, found.note
                break
    if case.plover in _DONE_TO_PEOPLE:
        case.targets = people_at_home(case)
    out: list[Emission] = []
    for rule in CODING_RULES:
        if not rule.applies_to(case.plover):
            continue
        decision = rule.apply(case, ctx)
        if decision is None:
            continue
        out.extend(decision.emit)
        if decision.recode is not None:
            case.plover, case.relation = decision.recode
        if decision.final:
            break
    return out


def _emission(case: Case, plover: Plover, relation: str, mood: _Mood, note: str = "") -> Emission:
    return Emission(case.cand, plover, relation, case.sources, case.targets, mood, note)


def _not_sources(hits: list[ActorHit], case: Case) -> list[ActorHit]:
    ids = {a.id for a, _, _ in case.sources}
    return [t for t in hits if t[0].id not in ids]


# --------------------------------------------------------------------------- target rules
# A frame's target is the one its content is about ("X threatened to cut ties with Y": Y), but
# "X and Y agreed that ..." is an agreement between X and Y.


def _is_frame(case: Case) -> bool:
    cand = case.cand
    return bool(cand.frame_of or cand.clauses or cand.complement_subjects) and not case.symmetric_among_sources


def complement_subjects(case: Case, ctx: Context) -> Targets | None:
    """"X demanded that Y withdraw", "X said Y must leave": Y."""
    if not _is_frame(case) or not case.cand.complement_subjects:
        return None
    return Targets(_not_sources(_actors_for(case.cand.complement_subjects, ctx.res, as_target=True,
                                            history=ctx.history), case))


def content_owner(case: Case, ctx: Context) -> Targets | None:
    """"agreed to US mediation", "rejected French mediation": whose act the content is (also
    when the parse makes the owner the noun's subject: "rejected U.S. calls for a truce")."""
    if not _is_frame(case):
        return None
    nouns = [c for c in case.cand.clauses if c.pos_ == "NOUN"]
    found = [t for c in nouns for t in _not_sources(_owner_actors(c, ctx.res, as_target=False), case)]
    if not found:
        subjects = [s for c in nouns if c.dep_ == "ccomp" for s in c.children if s.dep_ == "nsubj"]
        found = _not_sources(_actors_for(subjects, ctx.res, as_target=True), case)
    return Targets(found)


def content_actors(case: Case, ctx: Context) -> Targets | None:
    """The actors of the events the frame holds: the content proper first ("threatened to break
    off relations with X"), then whatever else it mentions ("over their ties with Y")."""
    if not _is_frame(case):
        return None
    cand = case.cand
    direct = [o for o in cand.frame_of if o.tok in cand.clauses
              or (o.tok.dep_ == "dobj" and o.tok.head in cand.clauses)]
    found: list[ActorHit] = []
    for other in direct or cand.frame_of:
        found += _not_sources(_actors_for(other.args.targets, ctx.res, as_target=True, history=ctx.history), case)
        if case.plover is not Plover.AGREE:
            found += _not_sources(_actors_for(other.args.sources, ctx.res), case)
    return Targets(found)


def threat_condition(case: Case, ctx: Context) -> Targets | None:
    """"threatened to strike unless X rescinds ...": the threat is aimed at X."""
    if not _is_frame(case):
        return None
    cand = case.cand
    return _condition_subjects([cand.tok, *cand.clauses], case, ctx)


def _condition_subjects(heads: list[Token], case: Case, ctx: Context) -> Targets:
    conditions = [c for h in heads for c in h.subtree
                  if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("unless", "if")
                                               for m in c.children)]
    subjects = [[x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")] for c in conditions]
    return Targets([t for s in subjects for t in _not_sources(
        _actors_for(s, ctx.res, as_target=True, history=ctx.history), case)][:2])


def conditional_intent(case: Case, ctx: Context) -> Targets | None:
    """"X will boycott the vote unless Y steps down": a stated act on a condition (a threat, as
    :func:`conditional_threat` codes it) is aimed at whom the condition asks to act."""
    if not (_stated_intent(case) and case.mood.conditional):
        return None
    return _condition_subjects([case.cand.pred], case, ctx)


def named_in_content(case: Case, ctx: Context) -> Targets | None:
    """"refused to deploy peacekeepers in X": the first actor the content names, with whatever is
    coordinated with it (not one named only as set aside: "without returning to X")."""
    if not _is_frame(case):
        return None
    cand = case.cand
    named = next((x for c in cand.clauses for x in c.subtree
                  if x.dep_ in ("pobj", "dobj", "dative") and x != cand.tok and not _set_aside(x, c)
                  and _actors_for([x], ctx.res, as_target=True, history=ctx.history)), None)
    if named is None:
        return None
    return Targets(_not_sources(_actors_for(_conjuncts(named), ctx.res, as_target=True, history=ctx.history), case))


def _place_objects(cand: _Candidate) -> list[Token]:
    heads = [cand.tok] if cand.tok == cand.pred else [cand.tok, cand.pred]
    # on the trigger, its verb, or their objects ("the curfew in X" hangs on the object noun)
    holders = [x for h in heads for x in (h, *(d for d in h.children if d.dep_ == "dobj"))]
    return [p for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in WORDS.place_prepositions
            for p in c.children if p.dep_ == "pobj"]


def place_targets(case: Case, ctx: Context) -> Targets | None:
    """"lifted the curfew in X", "deployed troops along X's border": the place's state."""
    res = ctx.res
    places = _place_objects(case.cand)
    found = [(a, res.certainty.get(t.i, 1.0), t) for t in places
             for a in res.actors(t) if a.type is ActorType.COUNTRY]
    if not found:
        # "along the border with X", "in X's border region"
        found = [t for p in places if p.lemma_.lower() in WORDS.place_nouns
                 for t in _owner_actors(p, res, as_target=True) if t[0].type is ActorType.COUNTRY]
    if not found and case.plover in _ON_SITE and case.cand.trig.lemma not in WORDS.grievance_verbs:
        found = _site_holders(case.cand, res, ctx.lex)  # ("protested at X's decision": a grievance)
    return Targets(found)


def domestic_measure(case: Case, ctx: Context) -> Targets | None:
    """"lifted the state of emergency in its northern province of X", "shortened the curfew
    imposed in its capital": a measure a state eases in a place of its own is a concession to its
    own people; the state itself is the target (noted ":domestic", so the pairing keeps a state
    and itself). A place of another state is left to :func:`place_targets`."""
    cand, res = case.cand, ctx.res
    if cand.kind != "noun" or cand.trig.lemma not in WORDS.domestic_measures:
        return None
    own = {a.country for a, _, _ in case.sources if a.country}
    imposed = [p for c in cand.tok.children if c.dep_ == "acl"
               for p in _prep_objects(c, tuple(WORDS.place_prepositions))]
    places = [q for p in _place_objects(cand) + imposed for q in (p, *_prep_objects(p, ("of",)))]
    states = {a.country for p in places for a in res.actors(p) if a.type is ActorType.COUNTRY}
    states |= {a.country for p in places if p.lemma_.lower() in WORDS.place_nouns  # "X province"
               for a, _, _ in _owner_actors(p, res, as_target=True) if a.type is ActorType.COUNTRY}
    if states - own:
        # "lifted the curfew imposed in X" (X another state's, or the source's own state unknown)
        found = [(a, res.certainty.get(p.i, 1.0), p) for p in imposed for a in res.actors(p)
                 if a.type is ActorType.COUNTRY and a.country not in own]
        return Targets(found[:1]) if found else None
    if len(own) != 1:
        return None
    # a place of its own the text names, known or not ("in X", "in some parts of X")
    named = [p for p in places if res.actors(p) or p.pos_ == "PROPN" or p.ent_type_ in ("GPE", "LOC")]
    iso = own.pop()
    return Targets([(Actor(gz.country_name(iso), ActorType.COUNTRY, iso), 0.7, t) for t in named[:1]],
                   ":domestic")


def resigned_office(case: Case, ctx: Context) -> Targets | None:
    """"resigned as president of X", "stepped down from X's government": whoever leaves an
    office leaves it to the state whose office it is (noted ":domestic": the state of its own
    leader)."""
    cand = case.cand
    if cand.trig.mode != "resign" or not cand.kind.startswith("verb"):
        return None
    offices = _prep_objects(cand.tok, ("as", "from"))
    found = [(a, c, t) for o in offices for a, c, t in [*_owner_actors(o, ctx.res, as_target=True),
                                                       *_actors_for([o], ctx.res, as_target=True)]
             if a.type is ActorType.COUNTRY or (a.type is ActorType.ORG and a.country)]
    states = [(Actor(gz.country_name(a.country), ActorType.COUNTRY, a.country), c, t)
              for a, c, t in found if a.country]
    return Targets(states[:1], ":domestic") if states else None


def _site_holders(cand: _Candidate, res: Resolution, lex: Lexicon) -> list[ActorHit]:
    """"rioted at a prison in X", "demonstrated outside X's embassy": who holds the site a protest
    or an act of force takes place at (the site's own actor, else its holder)."""
    heads = [cand.tok] if cand.tok == cand.pred else [cand.tok, cand.pred]
    sites = [p for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in WORDS.site_prepositions
             for p in c.children if p.dep_ == "pobj" and p.pos_ == "NOUN" and not _names_an_act(p, lex)]
    return [hit for p in sites for hit in (_actors_for([p], res, as_target=True) or _holders_within(p, res))
            if hit[0].country][:1]


def _names_an_act(noun: Token, lex: Lexicon) -> bool:
    """Whether a noun names an act by itself ("in an ambush", "in the uprising"), not a place."""
    return any(not t.verbs for t in lex.triggers(noun.lemma_.lower(), "NOUN"))


def _holders_within(place: Token, res: Resolution) -> list[ActorHit]:
    """Who a place or thing named by a noun phrase belongs to: an actor among its modifiers ("an
    insurgent-held town", "the rebel group's stronghold"), else the actor or state its "of" or
    place phrase names ("a base of X", "positions in X", "an outpost near X's capital")."""
    mods = [t for c in place.children if c.dep_ in ("compound", "amod", "nmod", "poss", "npadvmod")
            for t in c.subtree]
    found = [(a, res.certainty.get(t.i, 1.0) * 0.8, t) for t in mods for a in res.actors(t)]
    if found:
        return found[:1]
    for c in place.children:
        if c.dep_ == "prep" and (c.lower_ == "of" or c.lower_ in WORDS.place_prepositions):
            for p in (q for q in c.children if q.dep_ == "pobj"):
                hits = _actors_for([p], res, as_target=True) or _holders_within(p, res)
                if hits:
                    return [(a, cert * 0.8, t) for a, cert, t in hits[:1]]
    return []


def struck_holder(case: Case, ctx: Context) -> Targets | None:
    """"launched strikes on an insurgent-held town", "attacked a base in X", "seized positions of
    X": what a material act of force is done to is a place or thing, and its holder is the target."""
    found: list[ActorHit] = []
    for tok in case.cand.args.targets:
        if tok.pos_ in ("NOUN", "PROPN") and not ctx.res.actors(tok) and tok.ent_type_ not in _TIME_ENTITIES:
            state = _state_where(tok, ctx.res)
            found.extend((_in_state(a, state), c, t) for a, c, t in _holders_within(tok, ctx.res))
    return Targets(_not_sources(found, case)) if found else None


def _state_where(place: Token, res: Resolution) -> str | None:
    """The state a struck place lies in ("a district near <capital>", "positions in <state>")."""
    for prep in place.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "near", "outside", "around"):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                states = {a.country for a in res.actors(obj) if a.type is ActorType.COUNTRY}
                if len(states) == 1:
                    return states.pop()
    return None


def _in_state(actor: Actor, state: str | None) -> Actor:
    """A group no text ties to a state, holding ground in one, is of that state (as event data
    codes rebels by where they fight)."""
    if state and actor.type is ActorType.ORG and not actor.country:
        return dataclasses.replace(actor, country=state)
    return actor


def _purpose_clauses(cand: _Candidate) -> list[Token]:
    """The infinitives that say what a thing is given for, on the verb, the trigger or what is
    given ("gave ten million euros to help X", "funds to support reconstruction in X")."""
    heads = dict.fromkeys([cand.pred, cand.tok, *(o for o in cand.pred.children if o.dep_ == "dobj")])
    clauses = [c for h in heads for c in h.children if c.dep_ in ("advcl", "xcomp", "acl", "relcl")
               and c.lemma_.lower() in WORDS.aid_purpose_verbs
               and (c.dep_ == "relcl" or any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))]
    # "provided ten million dollars for assistance in X"
    return clauses + [c for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "for"]


def aid_purpose(case: Case, ctx: Context) -> Targets | None:
    """"earmarked two million euros in aid to help X cope", "gave funds to promote development in
    X": aid given for a purpose is for whom (or where) the purpose names first."""
    res = ctx.res
    for clause in _purpose_clauses(case.cand):
        for tok in clause.subtree:
            if tok.dep_ not in ("dobj", "pobj", "nsubj", "conj") or tok == case.cand.tok:
                continue
            found = _not_sources(_actors_for([tok], res, as_target=True), case)
            if found:
                return Targets(found)
    return None


def dispersed_crowd(case: Case, ctx: Context) -> Targets | None:
    """"opened fire to disperse X", "fired tear gas to break up X": force used on a crowd is
    aimed at the crowd; a crowd no text ties to a state, dispersed by a state's forces, is of that
    state (as event data codes a state's police acting on its people)."""
    cand = case.cand
    clauses = [c for c in cand.pred.children if c.dep_ in ("advcl", "xcomp")
               and c.lemma_.lower() in WORDS.dispersing_verbs and any(a.lower_ == "to" for a in c.children)]
    crowds = [o for c in clauses for d in c.children if d.dep_ == "dobj" for o in _conjuncts(d)]
    if not crowds:
        return None
    states = {a.country for a, _, _ in case.sources if a.country}
    state = states.pop() if len(states) == 1 else None
    found = [(_in_state(a, state), c, t) for a, c, t in _actors_for(crowds, ctx.res, as_target=True)]
    if not found and state:
        found = [(Actor(gz.country_name(state), ActorType.COUNTRY, state), 0.6, crowds[0])]
    return Targets(_not_sources(found, case))


def ceasefire_sides(case: Case, ctx: Context) -> Targets | None:
    """"declared a ceasefire to halt the fighting in X", "the coalition fighting rebels in X
    declared a ceasefire": a ceasefire no phrase addresses is toward whom (or where) its purpose,
    or the fighting its declarer is said to wage, names first."""
    cand = case.cand
    if cand.trig.mode != "ceasefire":
        return None
    heads = dict.fromkeys([cand.pred, cand.tok, _carrier(cand.tok), *(t for _, _, t in case.sources)])
    clauses = [c for h in heads for c in h.children if c.dep_ in ("advcl", "xcomp", "acl", "relcl")
               and c.pos_ == "VERB"]
    for clause in clauses:
        for tok in clause.subtree:
            if tok.dep_ in ("dobj", "pobj", "conj") and tok != cand.tok:
                found = _not_sources(_actors_for([tok], ctx.res, as_target=True), case)
                if found:
                    return Targets(found[:1])
    return None


def own_people(case: Case, ctx: Context) -> Targets | None:
    """The police or army of a state acting on people it does not name: its own people."""
    for a, _, t in case.sources:
        group = gz.group_noun(t.lemma_.lower()) if a.type is ActorType.ORG and a.country else None
        if group is not None and group.is_government:
            return Targets([(Actor(gz.country_name(a.country), ActorType.COUNTRY, a.country), 0.6, t)])
    return None


#: The acts whose target may be people at large: material acts done to them ("killed 18 people",
#: "freed prisoners"), and demands, accusations and threats aimed at them ("pressed workers to").
_DONE_TO_PEOPLE = frozenset(ACTED_UPON | {Plover.REQUEST, Plover.ACCUSE, Plover.THREATEN})
#: The sectors of a state's organs that act on the state's own people: police, courts, officials.
_HOME_SECTORS = frozenset({Sector.POLICE, Sector.JUDICIARY, Sector.GOVERNMENT})


#: Sectors of people whose expulsion is a state's measure against the organisation they serve.
_MISSION_SECTORS = frozenset({Sector.NGO, Sector.IGO})


def _on_condition(pred: Token) -> bool:
    """Whether a clause holds only on a condition ("... if war breaks out", "unless X pays")."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
               for c in pred.children)


def recode_for_people(case: Case) -> bool:
    """What an act done to people is, by who they are (run by :func:`code` before targets are
    read): accepting or admitting people ("accepted 2,000 refugees", ``admitting_verbs``) is
    taking them in, AID (saying one will not, or will not release them, is a refusal by
    :func:`stated_refusal`, beside the act refused, negated); expelling aid workers or inspectors
    (people of an NGO or IGO) is a measure against their mission, SANCTION (deporting anyone
    else stays COERCE). A refusal on a condition ("will not accept refugees if war starts") is
    not recoded. Returns whether it recoded the case."""
    people = [a for a, _, t in case.targets if names_people(a, t)]
    if not people or len(people) != len(case.targets):
        return False
    if case.mood.negated and _on_condition(case.cand.pred):
        return False  # "will not accept refugees if war starts": a policy on a condition
    if case.plover is Plover.AGREE and case.cand.tok.lemma_.lower() in WORDS.admitting_verbs:
        # "will not accept any more refugees" is then a refusal, by :func:`stated_refusal`
        case.plover, case.relation = Plover.AID, "admit"
    elif case.plover is Plover.COERCE and case.cand.trig.mode == "deport" and all(
            a.sector in _MISSION_SECTORS for a in people):
        case.plover, case.relation = Plover.SANCTION, "expel"
    else:
        return False
    return True


def people_at_home(case: Case) -> list[ActorHit]:
    """The targets of an act done to people ("detained", "freed", "pressed to"; the only acts
    whose targets may be people at large, see :func:`code`), where the police, courts or
    authorities of a state act on people the
    text ties to no state ("Chilean police detained 30 protesters"): those people are the state's
    own, as event data codes a state's organ acting at home. Armed forces only when they arrest,
    detain or disperse (an army fights abroad too), never for people a demonym or possessive
    already places.

    >>> from graphbuild.types import Sector
    >>> sorted(_HOME_SECTORS) == sorted({Sector.POLICE, Sector.JUDICIARY, Sector.GOVERNMENT})
    True
    """
    home = next((a.country for a, _, t in case.sources
                 if a.type is ActorType.ORG and a.country
                 and (a.sector in _HOME_SECTORS or case.plover is Plover.COERCE)
                 and (group := gz.group_noun(t.lemma_.lower())) is not None and group.is_government), None)
    if home is None:
        return case.targets
    return [(dataclasses.replace(a, country=home), c, t)
            if a.type is ActorType.ORG and not a.country and a.key is None and people_noun(t.lemma_) is not None
            else (a, c, t) for a, c, t in case.targets]


def protest_targets(case: Case, ctx: Context) -> Targets | None:
    """A protest with no one named (or calling one off) is aimed at whom its purpose names, or at
    the state holding the place the protesters live in ("residents of the X-occupied
    territories"), or else at the protesters' own state (noted ":own-state")."""
    if case.plover is not Plover.PROTEST and case.relation != "end_protest":
        return None
    found = _grievance_targets(case.cand, ctx.res, ctx.history)
    if found:
        return Targets(found)
    holders = [h for _, _, t in case.sources for h in _occupiers(t)]
    found = [(Actor(gz.country_name(iso), ActorType.COUNTRY, iso), 0.6, t) for iso, t in holders][:1]
    if found:
        return Targets(found)
    return Targets([(Actor(gz.country_name(a.country), ActorType.COUNTRY, a.country), 0.7, t)
                    for a, _, t in case.sources if a.type is ActorType.ORG and a.country][:1], ":own-state")


def _grievance_targets(cand: _Candidate, res: Resolution, history: Sequence[Event]) -> list[ActorHit]:
    """Whom a protest is aimed at, when its purpose says so."""
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


def defied_pressure(case: Case, ctx: Context) -> Targets | None:
    """"declined to resign despite X's request", "refused to withdraw under pressure from X", "in
    defiance of X's calls": a refusal is aimed at whoever asked."""
    cand = case.cand
    heads = [cand.tok, *(c for c in cand.clauses if c.pos_ in ("VERB", "AUX"))]
    nouns = [p for h in heads for p in _prep_objects(h, ("despite", "under", "in"))]
    nouns += [q for p in nouns if p.lemma_.lower() in ("defiance", "face", "spite") for q in _prep_objects(p, ("of",))]
    asked = [p for p in nouns if p.lemma_.lower() in WORDS.pressure_nouns]
    return Targets([t for p in asked for t in _not_sources(_owner_actors(p, ctx.res, as_target=True), case)])


def regarding(case: Case, ctx: Context) -> Targets | None:
    """"imposed sanctions in relation to X", "a request with regard to X": whom the act concerns."""
    cand = case.cand
    heads = list(dict.fromkeys((cand.tok, cand.pred)))
    about = [q for h in heads for p in _prep_objects(h, ("in", "with")) if p.lemma_.lower() in WORDS.regard_nouns
             for q in _prep_objects(p, ("to", "with"))]
    return Targets(_not_sources(_actors_for(about, ctx.res, as_target=True), case))


def denounced_as(case: Case, ctx: Context) -> Targets | None:
    """"denounced as a crime X's crackdown": the parse may hang what is denounced on the "as"
    phrase (an apposition of its noun); its owner is the target."""
    cand = case.cand
    if cand.tok != cand.pred:
        return None
    named = [a for n in _prep_objects(cand.tok, ("as",)) for a in n.children if a.dep_ == "appos"]
    return Targets(_not_sources(_actors_for(named, ctx.res, as_target=True, history=ctx.history), case))


def message_addressee(case: Case, ctx: Context) -> Targets | None:
    """"sent a letter to X threatening to cut funding", "issued a statement to X demanding ...":
    a message that threatens or asks is aimed at whom it is sent to."""
    pred = case.cand.pred
    if pred.dep_ not in ("acl", "advcl") or pred.tag_ != "VBG":
        return None
    gov = pred.head
    notes = [o for o in gov.children if o.dep_ == "dobj" and o.lemma_.lower() in WORDS.speech_nouns]
    if pred.dep_ == "acl" and gov.lemma_.lower() in WORDS.speech_nouns:
        notes, gov = [gov], gov.head
    if not notes:
        return None
    to = _prep_objects(gov, ("to",)) + [p for n in notes for p in _prep_objects(n, ("to",))]
    return Targets(_not_sources(_actors_for(to, ctx.res, as_target=True), case))


def investigation_site(case: Case, ctx: Context) -> Targets | None:
    """"sent a team to X to investigate the crash": what is investigated is in X, and X is the
    investigation's target (the state named, or the actor a place names)."""
    cand = case.cand
    if cand.trig.mode != "investigate" or cand.pred.dep_ not in ("advcl", "xcomp"):
        return None
    sender = cand.pred.head
    if sender.lemma_.lower() not in WORDS.sending_verbs:
        return None
    # ("sent a team of experts to X": the parse may hang the place on what is sent)
    sent = [t for d in sender.children if d.dep_ == "dobj" for t in d.subtree if t.pos_ in ("NOUN", "PROPN")
            and not any(a.pos_ in ("VERB", "AUX") for a in t.ancestors if a.i != sender.i and a in d.subtree)]
    places = _prep_objects(sender, ("to", "into", "in")) + [p for t in sent for p in _prep_objects(t, ("to", "into"))]
    return Targets(_not_sources(_actors_for(places, ctx.res, as_target=True), case))


def made_by(case: Case, ctx: Context) -> Targets | None:
    """"vetoed an X-drafted resolution", "rejected an X-backed plan": whose work the rejected or
    condemned thing is, named before the participle that qualifies it."""
    found: list[ActorHit] = []
    for tok in case.cand.args.targets:
        if tok.pos_ != "NOUN" or ctx.res.actors(tok):
            continue
        for part in (c for c in tok.children if c.dep_ in ("amod", "compound") and c.tag_ == "VBN"):
            for m in (m for m in part.children if m.dep_ in ("npadvmod", "compound", "nmod", "amod")):
                hits = [(a, ctx.res.certainty.get(m.i, 1.0) * 0.8, m) for a in ctx.res.actors(m)]
                iso = gz.country(m.text) if not hits else None
                if iso is not None and not iso.ambiguous:
                    hits = [(Actor(gz.country_name(iso.iso3), ActorType.COUNTRY, iso.iso3), 0.7, m)]
                found += hits
    return Targets(_not_sources(found, case)) if found else None


#: Tried in this order while the case has no target; the first that finds one wins.
TARGET_RULES: tuple[Rule, ...] = (
    Rule("defied_pressure", frozenset({Plover.REJECT}), defied_pressure),
    Rule("denounced_as", frozenset({Plover.ACCUSE}), denounced_as),
    Rule("message_addressee", frozenset({Plover.THREATEN, Plover.REQUEST, Plover.ACCUSE}), message_addressee),
    Rule("complement_subjects", _FRAME_TYPES, complement_subjects),
    Rule("content_owner", frozenset({Plover.AGREE, Plover.REJECT, Plover.ACCUSE}), content_owner),
    Rule("content_actors", _FRAME_TYPES, content_actors),
    Rule("threat_condition", frozenset({Plover.THREATEN}), threat_condition),
    Rule("named_in_content", _FRAME_TYPES, named_in_content),
    Rule("conditional_intent", _CONFLICTUAL | _COOPERATIVE, conditional_intent),
    Rule("investigation_site", frozenset({Plover.ACCUSE}), investigation_site),
    Rule("made_by", frozenset({Plover.REJECT, Plover.ACCUSE}), made_by),
    Rule("regarding", frozenset({Plover.SANCTION, Plover.REQUEST, Plover.ACCUSE, Plover.REJECT,
                                 Plover.THREATEN}), regarding),
    Rule("struck_holder", _FORCEFUL, struck_holder),
    Rule("domestic_measure", frozenset({Plover.CONCEDE, Plover.RETREAT}), domestic_measure),
    Rule("resigned_office", frozenset({Plover.RETREAT}), resigned_office),
    Rule("place_targets", _PLACE_TARGETED, place_targets),
    Rule("aid_purpose", frozenset({Plover.AID}), aid_purpose),
    Rule("ceasefire_sides", frozenset({Plover.CONCEDE, Plover.RETREAT, Plover.AGREE}), ceasefire_sides),
    Rule("dispersed_crowd", frozenset({Plover.ASSAULT}), dispersed_crowd),
    Rule("own_people", frozenset({Plover.COERCE}), own_people),
    Rule("protest_targets", None, protest_targets),  # PROTEST, and calling one off (any type)
)


# --------------------------------------------------------------------------- coding rules


def legal_action(case: Case, ctx: Context) -> Decision | None:
    """"launched legal action against X" brings a case (ACCUSE); "took military action against X"
    is no case at law, and no event of this entry."""
    if case.relation != "legal_action":
        return None
    tok = case.cand.tok
    if any(c.dep_ in ("amod", "compound") and c.lemma_.lower() in WORDS.legal_qualifiers for c in tok.children):
        return None
    return Decision(final=True)


def _mobilises_force(verb: Token, lex: Lexicon) -> bool:
    """Whether what a verb mobilises is armed force (or it says nothing of what)."""
    objs = [o for d in verb.children if d.dep_ == "dobj" for o in _conjuncts(d)]
    if not objs:
        return True
    forces = _forces(lex)
    for o in objs:
        members = [p for c in o.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                   if p.dep_ == "pobj"]
        if o.pos_ == "NUM" or o.lemma_.lower() in forces or any(m.lemma_.lower() in forces for m in members):
            return True
    return False


def peacekeeping_deployment(case: Case, ctx: Context) -> Decision | None:
    """"sent 300 troops to the peacekeeping mission in X", "deployed soldiers to train X's
    army": forces sent to keep the peace or to train are military assistance (AID), as PLOVER
    files peacekeeping, not a mobilisation against anyone."""
    words = {t.lemma_.lower() for t in case.cand.pred.subtree} | {t.lower_ for t in case.cand.pred.subtree}
    if words & WORDS.peacekeeping_words:
        return Decision(recode=(Plover.AID, "provide_peacekeeping"))
    return None


def mobilised_force(case: Case, ctx: Context) -> Decision | None:
    """"mobilised support", "mobilised pressure groups": no forces readied, no event."""
    if case.cand.kind.startswith("verb") and not _mobilises_force(case.cand.tok, ctx.lex):
        return Decision(final=True)
    return None


def _forces(lex: Lexicon) -> frozenset[str]:
    return WORDS.force_nouns | lex.contexts.get("military", frozenset()) | lex.contexts.get("security", frozenset())


def material_support(case: Case, ctx: Context) -> Decision | None:
    """"X is supporting Y's army with training and equipment": support given in kind is AID."""
    cand = case.cand
    if not cand.kind.startswith("verb"):
        return None
    given = [q for p in _prep_objects(cand.tok, ("with",)) for q in _conjuncts(p)]
    if any(t.lemma_.lower() in WORDS.material_nouns for t in given):
        return Decision(recode=(Plover.AID, "support_in_kind"))
    return None


def _on_a_mission(tok: Token) -> bool:
    """"peacekeepers", "rescue teams", "election observers", "peacekeeping troops"."""
    words = WORDS.mission_words
    return tok.lemma_.lower() in words or any(m.lemma_.lower() in words for c in tok.children
                                              if c.dep_ in ("compound", "amod", "nmod") for m in _conjuncts(c))


def _mission_purpose(*heads: Token) -> bool:
    """"(sent troops) on a peacekeeping mission", "to act as peacekeepers", "to help
    deliver relief": the purpose of the going (on its verb or noun) names a mission of help."""
    words = WORDS.mission_words
    holders = [c for h in dict.fromkeys(heads) for c in h.children
               if (c.dep_ == "prep" and c.lower_ in ("on", "for", "as"))
               or (c.dep_ in ("advcl", "xcomp") and any(a.lower_ == "to" for a in c.children if a.dep_ == "aux"))]
    return any(t.lemma_.lower() in words for h in holders for t in h.subtree)


def aid_mission(case: Case, ctx: Context) -> Decision | None:
    """"Peacekeepers arrived in X", "deployed rescue teams to X", "sent troops to X on a
    peacekeeping mission": people sent to help a place are aid (AID), not a visit nor a
    mobilisation; the place's state (or the mission) is the target."""
    cand = case.cand
    if case.plover is Plover.CONSULT:
        if cand.trig.lemma not in WORDS.arrival_verbs or not cand.kind.startswith("verb"):
            return None
        people = [t for _, _, t in case.sources if t.lemma_.lower() in WORDS.mission_people]
    else:
        # the people sent, and where they go ("sent troops to the peacekeeping force in X")
        people = [t for _, _, t in case.sources] + [o for o in cand.pred.children if o.dep_ == "dobj"] \
            + _prep_objects(cand.pred, ("to", "into"))
        if cand.kind == "noun":
            people += [cand.tok] + [p for c in cand.tok.children if c.dep_ == "prep" and c.lower_ == "of"
                                    for p in c.children if p.dep_ == "pobj"]
        people = [t for p in people for t in _conjuncts(p)]
    if not people or not (any(_on_a_mission(t) for t in people) or _mission_purpose(cand.pred, cand.tok)):
        return None
    return Decision(recode=(Plover.AID, "aid_mission"))


def forces_leaving(case: Case, ctx: Context) -> Decision | None:
    """"Troops have begun leaving X": armed forces leaving a place withdraw from it; anyone else
    leaving ("the minister left X") is no event."""
    if case.cand.trig.lemma != "leave":
        return None
    forces = _forces(ctx.lex)
    if any(t.lemma_.lower() in forces or a.sector is Sector.MILITARY for a, _, t in case.sources):
        return None
    return Decision(final=True)


def opened_to_people(case: Case, ctx: Context) -> Decision | None:
    """"opened its borders to refugees from X": a border opened to people (not to a state's
    traffic) takes them in, which is aid (AID) to them."""
    if case.relation not in ("open_border", "open_crossing") or not case.targets:
        return None
    people = [t for t in case.targets if t[0].type is not ActorType.COUNTRY and t[2].head.lower_ == "to"]
    if len(people) != len(case.targets):
        return None
    return Decision(recode=(Plover.AID, "admit_people"))


def advised_force(case: Case, ctx: Context) -> Decision | None:
    """"X's officers are advising Y's army" is military assistance (AID); advising anyone else
    ("advised travellers to stay away") is no event."""
    if case.relation != "advise":
        return None
    forces = _forces(ctx.lex)
    for tok in case.cand.args.targets:
        words = [tok, *(c for c in tok.children if c.dep_ in ("compound", "amod"))]
        if any(w.lemma_.lower() in forces for w in words):
            return None
    return Decision(final=True)


def prepared_assault(case: Case, ctx: Context) -> Decision | None:
    """"the army prepared to resume shelling X": readying force is mobilisation."""
    if not any(n.lemma_.lower() in WORDS.preparing_words for n in _clause_chain(case.cand.pred)[1:]):
        return None
    mood = _Mood(case.mood.negated, Modality.ASSERTED, case.mood.factor)
    return Decision(emit=(_emission(case, Plover.MOBILIZE, f"prepare_{case.relation}", mood, ":prepare"),),
                    final=True)


def demolished_dwelling(case: Case, ctx: Context) -> Decision | None:
    """"demolished the homes of X": razing people's homes and buildings is coercion (COERCE), as
    PLOVER codes punitive demolitions; destroying forces or arms in a fight stays an ASSAULT."""
    cand = case.cand
    if not cand.kind.startswith("verb") or cand.tok.lemma_.lower() not in WORDS.demolishing_verbs:
        return None
    razed = [o for d in cand.tok.children if d.dep_ in ("dobj", "nsubjpass") for o in _conjuncts(d)]
    if razed and all(o.lemma_.lower() in WORDS.dwelling_nouns for o in razed):
        return Decision(recode=(Plover.COERCE, "demolish_property"))
    return None


def act_spoken_of(case: Case, ctx: Context) -> Decision | None:
    """"offered condolences over an attack on X", "responded to the raid": an act of force a
    verb speaks of, feels or answers is no act of that verb's subject; unless the noun names
    its own doer ("the rebels' attack"), no event."""
    cand = case.cand
    tok = carrier = cand.tok
    if cand.kind != "noun":
        return None
    while carrier.dep_ == "conj":
        carrier = carrier.head
    gov = cand.pred
    if carrier.dep_ != "pobj" or carrier.head.lower_ not in WORDS.spoken_of_prepositions or gov == tok:
        return None
    if gov.lemma_.lower() in ctx.lex.light_verbs or gov.lemma_.lower() in cand.trig.verbs or ctx.lex.triggers(
            gov.lemma_.lower(), "VERB") and any(t.plover is case.plover for t in ctx.lex.triggers(gov.lemma_.lower(), "VERB")):
        return None
    if any(t.i in {x.i for x in tok.subtree} for _, _, t in case.sources):
        return None
    if any(c.dep_ == "dobj" and c.lemma_.lower() in WORDS.responsibility_nouns for c in gov.children):
        return None  # "claimed responsibility for the attack": the subject did it
    return Decision(final=True)


def forced_stop(case: Case, ctx: Context) -> Decision | None:
    """"ordered the newspaper to suspend publication", "forced a plane to land": making
    someone stop, close or land is coercion (COERCE); ordering or forcing anything else ("ordered
    an inquiry", "forced X to negotiate") is no event of its own."""
    if case.relation != "force_stop":
        return None
    done = [c for c in case.cand.tok.children if c.dep_ in ("xcomp", "ccomp")]
    if not (any(c.lemma_.lower() in WORDS.stopping_verbs for c in done) and case.targets):
        return Decision(final=True)
    # a body no text ties to a state, which a state's authorities order about, is of that state
    states = {a.country for a, _, _ in case.sources if a.country}
    state = states.pop() if len(states) == 1 else None
    targets = [(_in_state(a, state), c, t) for a, c, t in case.targets]
    return Decision(emit=(Emission(case.cand, case.plover, case.relation, case.sources, targets, case.mood,
                                   case.note),), final=True)


def labour_strike(case: Case, ctx: Context) -> Decision | None:
    """"joined a hunger strike", "stopped work in a strike", "workers are on strike": a strike
    by workers, civilians or an opposition, or called a hunger or general strike, is a protest
    (PROTEST, PLOVER's strike and hunger modes), not a military strike."""
    tok = case.cand.tok
    if case.relation != "strike":
        return None
    mods = {c.lower_ for c in tok.children if c.dep_ in ("amod", "compound", "nmod", "npadvmod")}
    on_strike = tok.dep_ == "pobj" and tok.head.lower_ == "on" and not any(c.dep_ == "det" for c in tok.children)
    civil = bool(case.sources) and all(a.sector in _CIVIL_SECTORS or t.lemma_.lower() in WORDS.worker_nouns
                                       for a, t in ((a, t) for a, _, t in case.sources))
    if mods & WORDS.labour_strike_words or on_strike or (civil and not mods & WORDS.armed_words):
        return Decision(recode=(Plover.PROTEST, "strike"))
    return None


def used_as_shield(case: Case, ctx: Context) -> Decision | None:
    """"held civilians as human shields": coercion of the people held; holding or using anything
    else "as" something ("used the incident as a pretext") is no event."""
    if case.relation != "human_shield":
        return None
    roles = _prep_objects(case.cand.tok, ("as",))
    if any(r.lemma_.lower() in WORDS.shield_nouns or r.lower_.rstrip("s") in WORDS.shield_nouns for r in roles):
        return None
    return Decision(final=True)


def taken_by_fighting(case: Case, ctx: Context) -> Decision | None:
    """"recaptured the village after fierce fighting", "took the town in a battle": ground
    taken in fighting is an armed assault (ASSAULT), not an occupation without violence."""
    cand = case.cand
    if cand.trig.mode != "seize" or not cand.kind.startswith("verb"):
        return None
    phrases = [c for c in cand.tok.children if c.dep_ == "prep" and c.lower_ in WORDS.fighting_prepositions]
    if any(t.lemma_.lower() in WORDS.fighting_nouns for p in phrases for t in p.subtree if t.pos_ == "NOUN"):
        return Decision(recode=(Plover.ASSAULT, f"{case.relation}_by_force"))
    return None


def armed_operation(case: Case, ctx: Context) -> Decision | None:
    """"launched a military operation against X" is an attack; a rescue, relief or police
    operation is none: the operation must be called armed."""
    if case.relation != "military_operation":
        return None
    mods = {c.lemma_.lower() for c in case.cand.tok.children if c.dep_ in ("amod", "compound")}
    if mods & (WORDS.armed_words | _forces(ctx.lex)):
        return None
    return Decision(final=True)


def cyber_attack(case: Case, ctx: Context) -> Decision | None:
    """"launched cyber-attacks on X": an attack on computers is COERCE (PLOVER's cyber mode),
    not an act of physical force."""
    tok = case.cand.tok
    words = {t.lower_ for t in tok.subtree if t.i < tok.i} | {tok.lower_.split("-")[0]}
    if case.cand.kind == "noun" and words & WORDS.cyber_words:
        return Decision(recode=(Plover.COERCE, "cyber_attack"))
    return None


def vowed_not_to(case: Case, ctx: Context) -> Decision | None:
    """"vowed not to return X": a refusal."""
    cand = case.cand
    if any(other.pred not in (cand.tok, cand.pred) and any(c.dep_ == "neg" for c in other.pred.children)
           for other in cand.frame_of):
        return Decision(recode=(Plover.REJECT, "vow_not_to"))
    return None


def hosted_visitor(case: Case, ctx: Context) -> Decision | None:
    """"welcomed the visiting president": hosting a person is meeting them."""
    if case.cand.trig.lemma in WORDS.hosting_verbs and case.targets and all(
            t[0].type is ActorType.PERSON and t[2].dep_ in ("dobj", "conj", "appos") and ctx.res.actors(t[2])
            for t in case.targets):
        return Decision(recode=(Plover.CONSULT, "host"))
    return None


def _stated_intent(case: Case) -> bool:
    """Saying one will do something ("X will send aid", "X is willing to withdraw")."""
    mood = case.mood
    return mood.modality is Modality.PLANNED and mood.intent and not mood.negated


def _instead(case: Case, plover: Plover, relation: str, modality: Modality, note: str) -> Decision:
    """A final decision: the case is coded as ``plover`` only, as neither negated nor intended."""
    mood = _Mood(False, modality, case.mood.factor)
    return Decision(emit=(_emission(case, plover, relation, mood, note),), final=True)


def conditional_threat(case: Case, ctx: Context) -> Decision | None:
    """"will cut aid unless X ...", "will meet Y only if ...": a threat."""
    if _stated_intent(case) and case.mood.conditional:
        return _instead(case, Plover.THREATEN, f"threaten_{case.relation}", Modality.ASSERTED, ":threat")
    return None


def stated_refusal(case: Case, ctx: Context) -> Decision | None:
    """"X will not release Y", "X says it will not lift the sanctions on Y": saying one will not
    cooperate is a refusal (REJECT, as PLOVER codes declining to yield), beside the act that is
    not to be (kept, negated and planned)."""
    mood = case.mood
    if mood.negated and mood.intent and mood.modality is Modality.PLANNED:
        refusal = _Mood(False, Modality.ASSERTED, mood.factor)
        em = _emission(case, Plover.REJECT, f"refuse_{case.relation}", refusal, ":refusal")
        # ("X and Y will not sign the accord": a refusal between them)
        return Decision(emit=(dataclasses.replace(em, symmetric=case.symmetric_among_sources or None),))
    return None


def declined_meeting(case: Case, ctx: Context) -> Decision | None:
    """"X is not willing to meet Y", "X is unwilling to negotiate with Y": a stated intent not to
    meet is a refusal (REJECT, as PLOVER codes refusing to meet or negotiate), beside the meeting
    (negated, planned). A schedule that leaves a meeting out ("X will not attend") refuses nothing."""
    if any(n.lemma_.lower() in WORDS.intent_words for n in _clause_chain(case.cand.pred)[1:]):
        return stated_refusal(case, ctx)
    return None


def ruled_out(case: Case, ctx: Context) -> Decision | None:
    """"X said that lifting the sanctions on Y is out of the question": a refusal (REJECT), and
    the act ruled out (negated, planned)."""
    if not _ruled_out(case.cand.pred):
        return None
    refusal = _Mood(False, Modality.ASSERTED, case.mood.factor)
    ruled = _Mood(True, Modality.PLANNED, case.mood.factor)
    return Decision(emit=(_emission(case, Plover.REJECT, f"refuse_{case.relation}", refusal, ":refusal"),
                          _emission(case, case.plover, case.relation, ruled)), final=True)


def decided_cooperation(case: Case, ctx: Context) -> Decision | None:
    """"decided to ease sanctions on X", "has decided to grant asylum to X": a decision taken
    codes the act decided, as planned, not a promise."""
    if _stated_intent(case) and any(n.lemma_.lower() in WORDS.decided_cooperation_verbs
                                    for n in _clause_chain(case.cand.pred)[1:]):
        return _instead(case, case.plover, case.relation, Modality.PLANNED, ":decided")
    return None


def promised_cooperation(case: Case, ctx: Context) -> Decision | None:
    """"X will send aid to Y": PLOVER codes the commitment, an AGREE that happened."""
    if _stated_intent(case):
        return _instead(case, Plover.AGREE, f"promise_{case.relation}", Modality.ASSERTED, ":promise")
    return None


def decided_measure(case: Case, ctx: Context) -> Decision | None:
    """"announced it would ban X": a decision taken, not a warning; the measure, as planned."""
    if _stated_intent(case) and any(n.lemma_.lower() in WORDS.deciding_verbs
                                    for n in _clause_chain(case.cand.pred)[1:]):
        return _instead(case, case.plover, case.relation, Modality.PLANNED, ":decided")
    return None


def threatened_act(case: Case, ctx: Context) -> Decision | None:
    """"X will strike Y", "X is ready to impose sanctions": a stated intent to act against Y."""
    if _stated_intent(case):
        return _instead(case, Plover.THREATEN, f"threaten_{case.relation}", Modality.ASSERTED, ":threat")
    return None


def promised_meeting(case: Case, ctx: Context) -> Decision | None:
    """"X will meet Y": a commitment (AGREE), and the meeting kept as planned (not final)."""
    if _stated_intent(case):
        mood = _Mood(False, Modality.ASSERTED, case.mood.factor * 0.9)
        return Decision(emit=(_emission(case, Plover.AGREE, f"promise_{case.relation}", mood, ":promise"),))
    return None


def failed_agreement(case: Case, ctx: Context) -> Decision | None:
    """"X and Y failed to reach agreement on Z": the talks ended in a refusal, which PLOVER codes
    as REJECT between the sides (the agreement stays, negated)."""
    if not (case.mood.negated and case.cand.kind == "noun" and case.relation == "reach_agreement"):
        return None
    if not any(n.lemma_.lower() in WORDS.failing_verbs for n in _clause_chain(case.cand.pred)[1:]):
        return None
    mood = _Mood(False, Modality.ASSERTED, case.mood.factor)
    em = _emission(case, Plover.REJECT, "fail_to_agree", mood, ":failed")
    return Decision(emit=(dataclasses.replace(em, symmetric=case.cand.trig.symmetric),))


def rallied_against(case: Case, ctx: Context) -> Decision | None:
    """"X called on its supporters to mobilise against Y", "urged people to join a rally against
    Y": rallying others against Y is disapproval of Y (ACCUSE, as PLOVER files "rally opposition
    against"), aimed at Y."""
    rallies = [o for o in case.cand.frame_of if o.trig.plover in (Plover.PROTEST, Plover.MOBILIZE)]
    against = [t for o in rallies for h in dict.fromkeys((o.tok, o.pred)) for t in _prep_objects(h, ("against",))]
    targets = _not_sources(_actors_for(against, ctx.res, as_target=True, history=ctx.history), case)
    if not targets:
        return None
    return Decision(emit=(Emission(case.cand, Plover.ACCUSE, "rally_against", case.sources, targets,
                                   case.mood, ":rally"),), final=True)
def extradited_to(case: Case, ctx: Context) -> Decision | None:
    """"extradited X to Y", "approved the extradition of X to Y": the state that receives the
    person is the other side of the cooperation, not the person handed over."""
    if case.relation != "extradite":
        return None
    receiving = [t for t in case.targets if t[2].dep_ == "pobj" and t[2].head.lower_ == "to"]
    if not receiving or len(receiving) == len(case.targets):
        return None
    return Decision(emit=(Emission(case.cand, case.plover, case.relation, case.sources, receiving, case.mood,
                                   case.note),), final=True)


def the_event(case: Case, ctx: Context) -> Decision:
    """The case's own event, as the rules before have coded it."""
    return Decision(emit=(_emission(case, case.plover, case.relation, case.mood, case.note),))


def refused_act(case: Case, ctx: Context) -> Decision | None:
    """"refused to sign the accord": the refusal, and the signing that did not happen; "denied
    that it had attacked X": the denial, and the attack it denies (negated, by :mod:`.mood`)."""
    cand = case.cand
    if cand.tok.lemma_.lower() not in ctx.lex.negating_verbs:
        return None
    content = ("xcomp", "ccomp") if cand.tok.lemma_.lower() in WORDS.denying_verbs else ("xcomp",)
    out = []
    for other in cand.frame_of:
        if other.pred.dep_ in content and other.pred.head == cand.tok:
            sources = _actors_for(other.args.sources, ctx.res) or case.sources
            targets = _actors_for(other.args.targets, ctx.res, as_target=True, history=ctx.history)
            out.append(Emission(other, other.trig.plover, other.trig.relation, sources, targets,
                                _mood(other.tok, other.pred, ctx.lex, question=ctx.question)))
    return Decision(emit=tuple(out))


_INTENT_TYPES = _COOPERATIVE | _CONFLICTUAL | {Plover.CONSULT}

#: Run in this order for the case's type at the time; a final decision ends the list.
CODING_RULES: tuple[Rule, ...] = (
    Rule("aid_mission", frozenset({Plover.CONSULT, Plover.MOBILIZE}), aid_mission),
    Rule("mobilised_force", frozenset({Plover.MOBILIZE}), mobilised_force),
    Rule("legal_action", frozenset({Plover.ACCUSE}), legal_action),
    Rule("peacekeeping_deployment", frozenset({Plover.MOBILIZE}), peacekeeping_deployment),
    Rule("advised_force", frozenset({Plover.AID}), advised_force),
    Rule("opened_to_people", frozenset({Plover.RETREAT}), opened_to_people),
    Rule("forces_leaving", frozenset({Plover.RETREAT}), forces_leaving),
    Rule("material_support", frozenset({Plover.SUPPORT}), material_support),
    Rule("act_spoken_of", frozenset({Plover.ASSAULT, Plover.COERCE}), act_spoken_of),
    Rule("forced_stop", frozenset({Plover.COERCE}), forced_stop),
    Rule("labour_strike", frozenset({Plover.ASSAULT}), labour_strike),
    Rule("used_as_shield", frozenset({Plover.COERCE}), used_as_shield),
    Rule("taken_by_fighting", frozenset({Plover.COERCE}), taken_by_fighting),
    Rule("armed_operation", frozenset({Plover.ASSAULT}), armed_operation),
    Rule("demolished_dwelling", frozenset({Plover.ASSAULT}), demolished_dwelling),
    Rule("cyber_attack", frozenset({Plover.ASSAULT}), cyber_attack),
    Rule("prepared_assault", frozenset({Plover.ASSAULT}), prepared_assault),
    Rule("vowed_not_to", frozenset({Plover.AGREE}), vowed_not_to),
    Rule("hosted_visitor", None, hosted_visitor),
    Rule("conditional_threat", _INTENT_TYPES, conditional_threat),
    Rule("stated_refusal", _COOPERATIVE | {Plover.AGREE}, stated_refusal),
    Rule("ruled_out", _COOPERATIVE, ruled_out),
    Rule("decided_cooperation", _COOPERATIVE, decided_cooperation),
    Rule("promised_cooperation", _COOPERATIVE, promised_cooperation),
    Rule("decided_measure", _CONFLICTUAL, decided_measure),
    Rule("threatened_act", _CONFLICTUAL, threatened_act),
    Rule("declined_meeting", frozenset({Plover.CONSULT}), declined_meeting),
    Rule("promised_meeting", frozenset({Plover.CONSULT}), promised_meeting),
    Rule("failed_agreement", frozenset({Plover.AGREE}), failed_agreement),
    Rule("rallied_against", frozenset({Plover.REQUEST}), rallied_against),
    Rule("extradited_to", frozenset({Plover.COOPERATE}), extradited_to),
    Rule("the_event", None, the_event),
    Rule("refused_act", None, refused_act),
)
