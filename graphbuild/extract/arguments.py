"""Who acts and who is acted upon: argument tokens of a trigger, and the actors they name.

Active and passive voice, coordinated actors, objects behind prepositions, appositions after a
title, subjects shared with a governing clause (infinitives, conjoined verbs, participles,
relative clauses), object control ("X urged Y to approve": Y approves), owners of acted-upon
nouns ("rejected a US request") and nouns that point back to an earlier act ("rejected the
allegations").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..actors import gazetteer as gz
from ..actors.people import people_noun
from ..actors.resolve import Resolution
from ..types import Actor, ActorType, Event, Plover
from .lexicon import Trigger
from .parse import (
    _agents,
    _appositions,
    _carrier,
    _conjuncts,
    _direct_objects,
    _governor,
    _is_passive,
    _own_subjects,
    _prep_objects,
    _ruled_out,
)
from .tables import WORDS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: An actor found for an argument, with the certainty of its resolution and the token naming it.
ActorHit = tuple[Actor, float, "Token"]


@dataclass(frozen=True)
class _Args:
    sources: list[Token]
    targets: list[Token]
    inherited: bool = False


#: Acts done to people named by the noun itself ("expelled diplomats", "released prisoners"),
#: the only acts whose target may be people at large ("killed 18 people").
ACTED_UPON = {Plover.SANCTION, Plover.COERCE, Plover.ASSAULT, Plover.AID, Plover.RETREAT,
               Plover.CONCEDE}


# Things given "to" someone: the recipient may hang on the verb ("granted asylum to X").
_GIVEN_TO = {Plover.AID, Plover.SUPPORT, Plover.AGREE, Plover.COOPERATE, Plover.CONCEDE,
             Plover.RETREAT, Plover.SANCTION}
#: Acts whose past participle on a noun is read as a passive: "a soldier killed in X".
_FORCE_AND_PROTEST = {Plover.ASSAULT, Plover.COERCE, Plover.MOBILIZE, Plover.PROTEST}


def _subject_of(verb: Token, depth: int = 0) -> tuple[list[Token], bool]:
    """The acting subject of ``verb``, following the parse up when the clause has none.

    Returns the tokens and whether they were inherited from another clause.
    """
    if depth > 6:
        return [], True
    own = _own_subject(verb, depth)
    if own is not None:
        return own
    head = verb.head
    if head == verb:
        return [], False
    dep = verb.dep_
    if dep == "acomp":  # "X is opposed to Y"
        return _subject_of(head, depth + 1)[0], False
    if dep == "xcomp":
        return _controlled_subject(head, depth)
    if dep in ("conj", "advcl", "ccomp", "acl", "pcomp") and head.pos_ in ("VERB", "AUX"):
        return _subject_of(head, depth + 1)[0], True
    if _ruled_out(verb):  # "X said that lifting the ban is out of the question": X would lift it
        return _subject_of(head, depth + 1)[0], True
    if dep == "pcomp" or (dep == "pobj" and head.dep_ == "prep"):
        return _subject_of(head.head, depth + 1)[0], True
    if dep == "prep":
        return _subject_of(head, depth + 1)[0], True
    if dep == "acl" and head.pos_ in ("NOUN", "PROPN"):
        return _speaker_of(head, depth)
    return [], False


def _own_subject(verb: Token, depth: int) -> tuple[list[Token], bool] | None:
    """The clause's own subject (the agent of a passive), or None to look further up."""
    if _is_passive(verb):
        agents = _agents(verb)
        if agents:
            return agents, False
        if depth > 0:  # "X is expected to meet Y": X meets
            own = _own_subjects(verb)
            if own:
                return own, False
        return None
    own = _own_subjects(verb)
    # a relative pronoun stands for the noun the clause modifies
    if own and all(t.tag_ in ("WDT", "WP") for t in own) and verb.dep_ == "relcl":
        return _conjuncts(verb.head), True
    return (own, False) if own else None


def _controlled_subject(head: Token, depth: int) -> tuple[list[Token], bool]:
    """Who does what an infinitive says, from the word it completes."""
    adj = head
    while adj.pos_ == "ADJ" and adj.dep_ == "conj" and adj.head.pos_ == "ADJ" and adj.head.i < adj.i:
        adj = adj.head  # "X is willing and able to withdraw"
    if adj.pos_ == "ADJ" and adj.dep_ in ("acomp", "amod", "xcomp"):
        # "X is willing / ready / prepared to withdraw": X withdraws
        return _subject_of(adj.head, depth + 1)[0], True
    # object control: "X urged Y to approve" -> Y approves (not "X promised Y to")
    # ("X began an operation to capture Y": the operation is X's, and X captures Y)
    objs = [o for o in _direct_objects(head) if o.lemma_.lower() not in WORDS.purpose_nouns]
    if objs and head.lemma_.lower() not in WORDS.subject_control_verbs:
        return objs, True
    prep_objs = _prep_objects(head, ("on", "upon"))
    if prep_objs:  # "X called on Y to approve"
        return prep_objs, True
    return _subject_of(head, depth + 1)[0], True


def _speaker_of(noun: Token, depth: int) -> tuple[list[Token], bool]:
    """The subject of a participle on a noun: "X issued a declaration demanding ...": the
    declaration speaks for X; "X, meeting Y": X."""
    lemma = noun.lemma_.lower()
    if (lemma in WORDS.speech_nouns or lemma in WORDS.purpose_nouns) and noun.dep_ in ("dobj", "pobj"):
        # "X launched an offensive to retake Y": X retakes Y
        gov = noun.head if noun.dep_ == "dobj" else noun.head.head
        if gov.pos_ in ("VERB", "AUX"):
            return _subject_of(gov, depth + 1)[0], True
    return [noun], True


def _owner_actors(tok: Token, res: Resolution, *, as_target: bool) -> list[ActorHit]:
    """The actor a common noun belongs to: "a US request", "Russia's decision", "calls by X"."""
    out = _modifier_owners(tok, res)
    if out or not as_target:
        return out
    return _phrase_owners(tok, res) or _venue_owners(tok, res)


def _modifier_owners(tok: Token, res: Resolution) -> list[ActorHit]:
    """"a US request", "Russia's decision": the state or actor in a modifier."""
    out: list[ActorHit] = []
    for c in tok.children:
        if c.dep_ in ("poss", "compound", "nmod", "amod") and c.pos_ != "PRON":
            actors = res.actors(c)
            if actors:
                out.extend((a, res.certainty.get(c.i, 1.0) * 0.9, c) for a in actors)
                continue
            iso = gz.country(c.text)
            if iso is not None and not iso.ambiguous:
                out.append((Actor(gz.country_name(iso.iso3), ActorType.COUNTRY, iso.iso3), 0.8, c))
    return out


def _instrument_owners(tok: Token, res: Resolution) -> list[ActorHit]:
    """Who uses a weapon the text names by its user's act: "missiles fired by X", "a bomb
    planted by X", "an X-claimed bomb" (the owner in a modifier, "X's missiles", is read by
    :func:`_modifier_owners`). A weapon no one is said to use stands for no one."""
    lemma = tok.lemma_.lower()  # (a sentence's first word may be tagged a proper noun, its lemma the plural)
    if lemma not in WORDS.instrument_nouns and lemma.removesuffix("s") not in WORDS.instrument_nouns:
        return []
    out: list[ActorHit] = []
    for c in tok.children:
        if c.tag_ != "VBN":
            continue
        if c.dep_ == "acl":  # "missiles fired by X"
            users = [q for a in c.children if a.dep_ == "agent"
                     for p in a.children if p.dep_ == "pobj" for q in _conjuncts(p)]
        elif c.dep_ in ("amod", "compound") and c.i < tok.i:  # "an X-claimed bomb"
            users = [t for t in c.subtree if t.i < c.i]
        else:
            continue
        for q in users:
            out.extend((a, res.certainty.get(q.i, 1.0) * 0.9, q) for a in res.actors(q))
            if not res.actors(q):
                out.extend(_modifier_owners(q, res))  # "fired by the army of X"
    return out


def _phrase_owners(tok: Token, res: Resolution) -> list[ActorHit]:
    """"calls by X", "demands from X", "states such as X"; "ties with X" for a relation noun."""
    relational = tok.lemma_.lower() in WORDS.relation_nouns
    out: list[ActorHit] = []
    for c in tok.children:
        if c.dep_ != "prep":
            continue
        if (c.lower_ in ("by", "from", "including", "of", "for", "against")
                or (relational and c.lower_ in ("with", "between"))
                or (c.lower_ == "as" and any(g.lower_ == "such" for g in c.children))):
            for q in (q for p in c.children if p.dep_ == "pobj" for q in _conjuncts(p)):
                out.extend((a, res.certainty.get(q.i, 1.0) * 0.9, q) for a in res.actors(q))
    return out


def _venue_owners(tok: Token, res: Resolution) -> list[ActorHit]:
    """"a summit in Ottawa": where a gathering is held (not a person)."""
    if tok.lemma_.lower() not in WORDS.event_nouns:
        return []
    return [(a, res.certainty.get(p.i, 1.0) * 0.8, p)
            for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "at")
            for p in c.children if p.dep_ == "pobj"
            for a in res.actors(p) if a.type is not ActorType.PERSON]


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
                      tuple(sorted((set(org.aliases) | {org.label}) - {tok.text})), key=org.label,
                      sector=org.sector)]
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


def names_people(actor: Actor, tok: Token) -> bool:
    """Whether ``actor``, named at ``tok``, is a group of people named by what they are
    ("civilians", "Syrian refugees", "aid workers"), no organisation."""
    return actor.type is ActorType.ORG and actor.key is None and people_noun(tok.lemma_) is not None


def people_at_large(actor: Actor, tok: Token) -> bool:
    """Whether ``actor``, named at ``tok``, is people named only by what they are ("civilians",
    "18 people", "several suspects"), no state, owner or organisation given."""
    return names_people(actor, tok) and actor.country is None


def _actors_for(tokens: Iterable[Token], res: Resolution, *, as_target: bool = False,
                history: Sequence[Event] = ()) -> list[tuple[Actor, float, Token]]:
    out: list[tuple[Actor, float, Token]] = []
    for tok in tokens:
        if tok.i in res.descriptive:
            continue
        actors = res.actors(tok)
        if not as_target:  # people at large are acted upon ("killed 18 people"); they act for no one
            actors = [a for a in actors if not people_at_large(a, tok)]
        elif actors and all(people_at_large(a, tok) for a in actors):
            # "expelled inspectors of the agency", "pressed workers of a firm": whose they are
            actors = [a for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                      for p in c.children if p.dep_ == "pobj" for a in res.actors(p)] or actors
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
                found = _owner_actors(tok, res, as_target=as_target) or _instrument_owners(tok, res)
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
    if _passive_conjunct(tok):
        # "X was tortured and killed by Y": the second participle shares the first's passive
        return _Args(_agents(tok) or _agents(tok.head),
                     [t for s in (c for c in tok.head.children if c.dep_ == "nsubjpass") for t in _conjuncts(s)]
                     + _prep_objects(tok, preps), False)
    if _is_passive(tok) or (trig.plover in _FORCE_AND_PROTEST and _reduced_passive(tok)):
        # ("X was abducted and killed by Y": the agent hangs on the last participle)
        sources = _agents(tok) or [a for c in tok.children if _passive_conjunct(c) for a in _agents(c)]
        sources = sources or _agentless_doers(tok)
        targets = [t for s in (c for c in tok.children if c.dep_ == "nsubjpass") for t in _conjuncts(s)]
        inherited = False
        if not targets:
            # "X, who was received by Y": the passive subject is the relative clause's noun
            if tok.dep_ in ("relcl", "acl"):
                targets = _conjuncts(tok.head)
        targets += [t for t in _prep_objects(tok, preps) if t not in sources]
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
        # ("seized the port from X")
        targets += [t for t in _prep_objects(obj, tuple(p for p in preps if p in ("with", "to", "from")))
                    if t not in targets]
        if trig.plover in _GIVEN_TO and "to" in preps:
            targets += [t for t in _recipients_within(obj) if t not in targets]
    return _Args(sources, targets, inherited)


def _agentless_doers(verb: Token) -> list[Token]:
    """Who did a passive act no agent names, when the verb's phrase says: "diplomats were expelled
    from X" (X expels), "the envoy was summoned to X's foreign ministry" (X summons)."""
    lemma = verb.lemma_.lower()
    if lemma in WORDS.expelled_from_verbs:
        return _prep_objects(verb, ("from",))
    if lemma in WORDS.summoned_to_verbs:
        return _prep_objects(verb, ("to",))
    return []


def _host_of_envoy(noun: Token, verb: Token) -> list[Token]:
    """"X's ambassador to Y was summoned": a state summons the envoys accredited to it."""
    if noun.lemma_.lower() in WORDS.envoy_nouns and verb.lemma_.lower() in WORDS.summoned_to_verbs:
        return _prep_objects(noun, ("to", "in"))
    return []


def _envoy_state(noun: Token, verb: Token) -> list[Token]:
    """"X's ambassador to Y was recalled": a state recalls its own envoys."""
    if noun.lemma_.lower() not in WORDS.envoy_nouns or verb.lemma_.lower() not in WORDS.recalling_verbs:
        return []
    return [c for c in noun.children if c.dep_ == "poss" and c.pos_ == "PROPN"
            or (c.dep_ in ("amod", "compound") and gz.country(c.text) is not None)]


def _passive_conjunct(verb: Token) -> bool:
    """A past participle coordinated with a passive verb, with no subject of its own: "was
    tortured and killed"."""
    return verb.dep_ == "conj" and verb.tag_ == "VBN" and _is_passive(verb.head) and not any(
        c.dep_ in ("nsubj", "nsubjpass", "dobj", "aux") for c in verb.children)


def _reduced_passive(verb: Token) -> bool:
    """"a soldier killed in X", "engineers captured by Y": a past participle on a noun is a
    passive whose noun is acted upon (not the doer). (A noun the sentence hangs on, "a report
    called for X", is a misread verb, not a noun with a participle.)"""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN") and \
        verb.head.dep_ != "ROOT" and not any(c.dep_ in ("nsubj", "dobj") for c in verb.children)


def _recipients_within(obj: Token) -> list[Token]:
    """"provided ten million dollars in aid to X", "sent supplies and doctors to X": the "to"
    phrase that names who receives a thing given may hang deep in the phrase naming the thing
    (never inside a clause of its own)."""
    out: list[Token] = []
    for t in obj.subtree:
        if t.dep_ != "prep" or t.lower_ != "to" or t.head == obj:
            continue
        path, node = [], t.head
        while node != obj and node.dep_ not in ("ROOT",):
            path.append(node)
            node = node.head
        if node == obj and not any(n.pos_ in ("VERB", "AUX") for n in path):
            out.extend(q for p in t.children if p.dep_ == "pobj" for q in _conjuncts(p))
    return out


def _arguments_for_noun(tok: Token, trig: Trigger, res: Resolution | None = None) -> _Args:
    tok = _carrier(tok)
    preps = tuple(p for p in (q.lower() for q in trig.preps) if p != "between")
    gov = _governor(tok)
    # "rejected X's demand", "dismissed calls by X": with a governing verb that acts on the
    # noun, its owner is the one acted upon, not the actor
    acted_upon = bool(trig.verbs) and gov != tok and tok.dep_ in ("dobj", "nsubjpass")
    owners, of_owners = _noun_owners(tok, acted_upon)
    sources: list[Token] = []
    targets_first: list[Token] = []
    if acted_upon:
        # "closed X's borders with Y": a relation's "with" phrase names its other side, the
        # possessive only whose side it is
        other_side = tok.lemma_.lower() in WORDS.relation_nouns and "with" in preps and (
            _prep_objects(tok, ("with",)) or (tok.dep_ == "dobj" and _prep_objects(gov, ("with",))))
        targets_first = [] if other_side else owners
    else:
        # "(complained over) Israeli air raids": the state whose adjective the act bears
        # carried it out, when no verb says who did
        if tok.dep_ in ("pobj", "nsubj", "nsubjpass"):
            owners += [c for c in tok.children if c.dep_ == "amod" and c.pos_ == "ADJ" and c not in owners
                       and (hit := gz.country(c.text)) is not None and hit.kind == "demonym"]
        sources = list(owners)
    between = _prep_objects(tok, ("between",))
    targets = targets_first + [t for t in _prep_objects(tok, preps) if t not in sources and t not in targets_first]
    if not targets:
        targets = [t for t in _shared_prep_objects(tok, preps) if t not in sources]
    if not targets and trig.plover in ACTED_UPON:  # "lifted the sanctions imposed on X"
        targets = [t for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBN"
                   for t in _prep_objects(c, preps) if t not in sources]
    inherited = False
    if gov != tok:
        sources, targets, inherited = _governed_arguments(tok, trig, gov, preps, sources, targets)
    if not targets:
        targets = _unstated_targets(tok, trig, res)
    if between and not sources:
        return _Args(between, [], False)
    targets += [t for t in of_owners if t not in targets]
    return _Args(sources, targets + [t for t in between if t not in targets], inherited)


def _shared_prep_objects(tok: Token, preps: tuple[str, ...]) -> list[Token]:
    """The target phrase an act noun shares with the words around it: "launched air and
    artillery strikes on X" (the phrase hangs on the first of the coordinated nouns), "an attack
    that included tanks and rockets on X" (on the clause saying what the act is made of)."""
    first = tok
    for _ in range(6):
        if first.dep_ != "conj" or first.head.pos_ not in ("NOUN", "PROPN"):
            break
        first = first.head
    found = _prep_objects(first, preps) if first != tok else []
    for clause in (c for c in tok.children if c.dep_ == "relcl" and c.lemma_.lower() in WORDS.inclusion_verbs):
        found += [t for t in _prep_objects(clause, preps) if t not in found]
    return found


def _noun_owners(tok: Token, acted_upon: bool) -> tuple[list[Token], list[Token]]:
    """Who a trigger noun belongs to ("X's visit", "calls by X", "an appeal from X"), and, when a
    verb acts on it, whose thing the "of" phrase names ("the withdrawal of X's forces")."""
    speech = tok.lemma_.lower() in WORDS.speech_nouns
    topical = speech and tok.lemma_.lower() in WORDS.of_topic_holders  # "an offer of talks"
    owners: list[Token] = []
    of_owners: list[Token] = []
    for c in tok.children:
        if c.dep_ == "poss" and c.pos_ != "PRON":
            owners.extend(_conjuncts(c))
        # ("withdrawal from X" names a place, "an appeal from X" a speaker)
        if c.dep_ == "prep" and (c.lower_ == "by" or (c.lower_ == "from" and speech)):
            owners.extend(p for p in c.children if p.dep_ == "pobj")
        if c.dep_ == "prep" and c.lower_ == "of" and acted_upon and not topical:
            # "rejected the call of X": who made it; "blocked the withdrawal of X's forces": whose
            (owners if speech else of_owners).extend(p for p in c.children if p.dep_ == "pobj")
    gov = tok.head
    if acted_upon and speech and not owners and tok.dep_ == "dobj" and not _is_passive(gov):
        # "spurned offers for talks by X": the parse may hang the maker's "by" on the verb, or
        # on what was offered
        topics = [p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("for", "of")
                  for p in c.children if p.dep_ == "pobj"]
        owners.extend(p for h in (gov, *topics) for c in h.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"
                      for p in c.children if p.dep_ == "pobj")
    return owners, of_owners


def _governed_arguments(tok: Token, trig: Trigger, gov: Token, preps: tuple[str, ...], sources: list[Token],
                        targets: list[Token]) -> tuple[list[Token], list[Token], bool]:
    """The arguments a noun trigger takes from the verb that governs it ("held talks with X")."""
    if not targets:
        # "granted asylum to X": the recipient hangs on the verb
        giving = tok.dep_ == "dobj" and trig.plover in _GIVEN_TO
        gov_preps = preps + (("to",) if giving else ())
        if trig.plover is Plover.MOBILIZE:  # "mobilised reservists for a war against X"
            gov_preps += ("against", "for")
        targets = list(_prep_objects(gov, gov_preps))
        if giving and not targets:  # "sent supplies and doctors to X"
            targets = [t for t in _recipients_within(tok) if t not in sources]
    # "gave X aid" / "imposed on X sanctions" / "gave X five million dollars of aid for Y"
    targets += [c for c in gov.children if c.dep_ == "dative" and c not in targets]
    inherited = False
    if not sources:
        if tok.dep_ == "pobj" and _is_passive(gov) and not _agents(gov) and gov.lemma_.lower() in WORDS.engaged_participles:
            # "X were engaged in attacks": a state X is in, the act is X's
            sources = [t for s in (c for c in gov.children if c.dep_ == "nsubjpass") for t in _conjuncts(s)]
        elif tok.dep_ == "nsubjpass" or _is_passive(gov):
            sources = _agents(gov) or _agentless_doers(gov) or _host_of_envoy(tok, gov) or _envoy_state(tok, gov)
            targets = [t for t in targets if t not in sources]
        elif tok.dep_ != "nsubj":
            sources, inherited = _subject_of(gov)
    return sources, targets, inherited


def _unstated_targets(tok: Token, trig: Trigger, res: Resolution | None) -> list[Token]:
    """Targets of a noun trigger whose phrases name none."""
    named = res is not None and bool(res.actors(tok))
    if trig.verbs and named and (trig.plover in ACTED_UPON or tok.lemma_.lower() in WORDS.envoy_nouns):
        return [tok]  # "expelled two Russian diplomats", "summoned the Swedish envoy": acted upon
    if not named and (trig.verbs or tok.lemma_.lower() in WORDS.event_nouns):
        # "rejected a US request", "attended the G20 summit": the noun's owner;
        # "a summit in Ottawa": where it is held
        owners = [c for c in tok.children if c.dep_ in ("poss", "compound", "nmod", "amod")
                  and c.pos_ in ("PROPN", "ADJ", "NOUN")]
        if not owners and tok.lemma_.lower() in WORDS.event_nouns:
            owners = [p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "at")
                      for p in c.children if p.dep_ == "pobj"]
        return owners
    return []
