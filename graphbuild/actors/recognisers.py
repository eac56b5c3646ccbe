"""Recognisers: each reads the noun phrase around one head token and says which actor it names.

A recogniser is a function ``(head, context) -> Mention | None``. :func:`graphbuild.actors.
resolve.resolve` tries the recognisers of :data:`RECOGNISERS` in order at every head that may
name an actor; the first that returns a :class:`~graphbuild.actors.context.Mention` wins:

- a mention with actors: those tokens stand for those actors;
- :data:`~graphbuild.actors.context.NOT_AN_ACTOR`: the head names no actor (a treaty, "Russian
  oil"), and no later recogniser is tried;
- ``None``: not this recogniser's case; the next one is tried.

A recogniser reads the parse and the article's :class:`~graphbuild.actors.context.Context`
(the user's actors, the persons met so far); it never changes the ``Doc``. Recognisers of
persons record what the article says of the person with ``context.person(...)``, so that
later mentions join the same actor.

To add a recogniser: write ``def my_case(head, ctx) -> Mention | None`` and put it in
:data:`RECOGNISERS` where it belongs in the order (or pass your own tuple to ``resolve``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..types import Actor, ActorType, Sector
from . import gazetteer as gz
from .context import NOT_AN_ACTOR, Mention
from .people import people_noun
from .phrases import (
    appos_title,
    conjuncts_of_appos,
    countries_in,
    country_of_text,
    is_honorific,
    is_occupier,
    is_title_token,
    owner_states,
    role_text,
    state_led,
    surface,
    title_owner,
)
from .regions import region_state
from .sectors import sector_of_role, sector_of_words
from .words import words

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from .context import Context

__all__ = [
    "RECOGNISERS",
    "Recogniser",
    "document",
    "user_actor",
    "leader_of_a_led_group",
    "organisation",
    "member_of_named_group",
    "known_person",
    "new_person",
    "titled_office",
    "state",
    "led_group",
    "state_group",
    "population",
    "people_of_state",
    "bare_group",
    "common_people",
    "other_organisation",
]

Recogniser = Callable[["Token", "Context"], "Mention | None"]

_HYPHENS = frozenset({"-", "\u2010", "\u2011", "\u2013"})
# groups that are actors with no state named: armed and security forces, rebels, the opposition
_BARE_SECTORS = frozenset({Sector.REBELS, Sector.MILITARY, Sector.POLICE, Sector.OPPOSITION})
_BREAKS = frozenset({"-", "--", "\u2013", "\u2014", "(", ")", ":"})
_GOVERNMENT_HEADS = ("government", "administration", "regime", "state", "leadership")
_THE_SPACE = re.compile(r"^the\s+", re.I)
_THE = re.compile(r"^the ", re.I)


# --------------------------------------------------------------------------- documents, user actors


def document(head: Token, ctx: Context) -> Mention | None:
    """A treaty, plan or law (or its acronym) is what actors sign, never an actor."""
    if ctx.user:
        return None  # the user's list may name anything
    heads = words().document_heads
    if (head.lemma_.lower() in heads and head.pos_ in ("NOUN", "PROPN")) or (
            head.dep_ == "appos" and head.head.lemma_.lower() in heads):
        return NOT_AN_ACTOR
    return None


def user_actor(head: Token, ctx: Context) -> Mention | None:
    """A name (the entity, else the head's word) on the user's actor list."""
    if not ctx.user:
        return None
    ent = ctx.entity(head)
    user = ctx.user_actor(ent.text) if ent is not None else None
    if user is None:
        user = ctx.user_actor(head.text)
    if user is None:
        return None
    span = tuple(ent) if ent is not None else (head,)
    if user.type is ActorType.PERSON:
        person = ctx.person(user.label, user.country, user.role, fixed=user)
        return Mention(span, (person.actor(),))
    return Mention(span, (user,))


def organisation(head: Token, ctx: Context) -> Mention | None:
    """An international organisation ("the United Nations", "NATO", "U.N. Security Council"),
    unless a state owns it ("Russia's Security Council")."""
    mods, ent = ctx.modifiers(head), ctx.entity(head)
    texts = [ent.text] if ent is not None else []
    texts += [" ".join(t.text for t in [*mods, head] if t.dep_ not in ("det", "poss", "case")), head.text]
    found = next(((text, org) for text in texts if (org := gz.organisation(text)) is not None), None)
    if found is None:
        return None
    if countries_in(m for m in mods if m.dep_ in ("poss", "amod") or m.ent_type_ in ("GPE", "NORP")):
        return None
    text, org = found
    toks = tuple(ent) if ent is not None and org.label and text == ent.text else (head,)
    label = _THE_SPACE.sub("", text).strip() or org.label
    actor = Actor(label, ActorType.ORG, org.country, None,
                  tuple(sorted((set(org.aliases) | {org.label}) - {label})), key=org.label,
                  sector=org.sector)
    return Mention(toks, (actor,))


# --------------------------------------------------------------------------- non-state groups


def _is_led_word(tok: Token) -> bool:
    return tok.lower_ in words().state_led_suffixes and tok.i > 0 and tok.doc[tok.i - 1].text in _HYPHENS


def leader_of_a_led_group(head: Token, ctx: Context) -> Mention | None:
    """"Saudi" in "the Saudi-led coalition": part of the group's name, read at the group's head."""
    doc = head.doc
    nxt = head.i + 1
    if nxt + 1 < len(doc) and doc[nxt].text in _HYPHENS and _is_led_word(doc[nxt + 1]) and \
            doc[nxt + 1].head.pos_ in ("NOUN", "PROPN"):
        return NOT_AN_ACTOR
    return None


def _led_by(head: Token) -> tuple[list[Token], str | None] | None:
    """The "X-led" / "X-backed" phrase before a group noun: its tokens and X's state, if X is one."""
    for child in head.lefts:
        if child.dep_ not in ("amod", "compound", "nmod"):
            continue
        if _is_led_word(child):  # "Saudi - led": the state before the hyphen
            toks = [t for t in child.subtree if t.i <= child.i]
            leader = [t for t in toks if t.i < child.i - 1]
            hit = gz.country(surface(leader)) if leader else None
            return toks, hit.iso3 if hit is not None and not hit.ambiguous else None
        led = state_led(child.text)  # "U.S.-led", one token
        if led is not None and not led.ambiguous:
            return [child], led.iso3
    return None


def led_group(head: Token, ctx: Context) -> Mention | None:
    """A group named for the state that leads or backs it: "the Saudi-led coalition" (led by,
    and coded as, Saudi Arabia), "Iranian-backed militias"."""
    if head.pos_ not in ("NOUN", "PROPN") or ctx.entity(head) is not None:
        return None
    led = _led_by(head)
    if led is None:
        return None
    toks, iso = led
    if iso is None:
        return None  # led by an organisation or a person: not a state's group
    noun = gz.group_noun(head.lemma_.lower())
    if noun is None and sector_of_words([head.lemma_]) is None:
        return None  # "the US-led war": not a group
    leader = re.sub(r"\s*([-\u2010\u2011\u2013])\s*", r"\1", surface(toks))  # "Saudi-led"
    label = f"{leader} {noun.label if noun else head.lemma_.title()}"
    sector = sector_of_words([head.lemma_]) or (Sector.GOVERNMENT if noun and noun.is_government else None)
    return Mention((head, *toks), (Actor(label, ActorType.ORG, iso, sector=sector),))


def _named_modifier(head: Token, ctx: Context) -> Actor | None:
    """The organisation a modifier of ``head`` already names ("Hamas" in "Hamas fighters")."""
    for mod in ctx.modifiers(head):
        if mod.dep_ not in ("compound", "amod") or mod.head != head:
            continue
        actors = ctx.res.by_token.get(mod.i, [])
        if len(actors) == 1 and actors[0].type is ActorType.ORG and actors[0].key is not None:
            return actors[0]
    return None


def member_of_named_group(head: Token, ctx: Context) -> Mention | None:
    """Members or units of an organisation named before them: "Islamic State militants",
    "Hamas fighters", "the Hezbollah militant group" are that organisation."""
    lemma = head.lemma_.lower()
    if head.pos_ != "NOUN" or not (head.tag_ == "NNS" and lemma in words().person_nouns | words().generic_groups
                                   or lemma in words().generic_groups):
        return None
    actor = _named_modifier(head, ctx)
    return Mention((head,), (actor,)) if actor is not None else None


def _bare_label(head: Token, mods: Sequence[Token], group: gz.GroupNoun) -> str:
    """"Government Troops", "Opposition Fighters", "Rebels", "Rebel Group": the modifiers the
    group noun's label does not already hold, then that label (or the text's noun for a
    generic one such as "group")."""
    generic = head.lemma_.lower() in words().generic_groups
    have = set() if generic else {_stem(w) for w in group.label.lower().split()} | {_stem(head.lower_)}
    lead = [m.text for m in mods if m.dep_ in ("amod", "compound") and m.head == head
            and (m.pos_ in ("NOUN", "PROPN") or m.ent_type_ == "NORP" or sector_of_words([m.text]))
            and _stem(m.lower_) not in have]
    noun = (head.text if head.tag_ == "NNS" else head.lemma_).title() if generic else group.label
    return " ".join([*(w[:1].upper() + w[1:] for w in lead), noun])


def _stem(word: str) -> str:
    return word[:-1] if word.endswith("s") else word


def bare_group(head: Token, ctx: Context) -> Mention | None:
    """Armed or security forces and rebels no state is named for: "rebels", "government
    troops", "opposition fighters", "security forces" (their country none). Bare "troops"
    or "soldiers" are not an actor: nothing says whose."""
    if head.pos_ != "NOUN" or head.dep_ in ("compound", "amod", "nmod", "poss"):
        return None  # "rebel positions": a modifier of something else
    group = _group_noun_at(head, ctx)
    if group is None:
        return None
    if any(c.dep_ == "poss" for c in head.children) or _named_modifier(head, ctx) is not None:
        return None  # "its troops", "Hamas fighters": the owner's
    mods = ctx.modifiers(head)
    own = sector_of_words([group.label])
    sector = _group_sector(head, mods, group)
    if own not in _BARE_SECTORS or sector not in _BARE_SECTORS:
        return None
    if own is Sector.MILITARY and len(group.label.split()) == 1 and \
            not any(sector_of_words([m.text]) for m in mods if m.dep_ in ("amod", "compound")):
        return None
    country = _state_risen_against(head) if sector is Sector.REBELS else None
    return Mention((head,), (Actor(_bare_label(head, mods, group), ActorType.ORG, country, sector=sector),),
                   certainty=0.8)


def _state_risen_against(head: Token) -> str | None:
    """The state whose government rebels are said to fight, in the phrase of the rebels
    ("rebels fighting the Bolivian government", "rebels against Chad's regime", "rebels
    seeking to overthrow the government of Peru"): insurgents are coded by the state they rise
    against. A place ("rebels in the north of Peru") is no such statement."""
    objects = [p for c in head.children if c.dep_ == "prep" and c.lower_ == "against"
               for p in c.children if p.dep_ == "pobj"]
    verbs = [c for c in head.children if c.dep_ in ("acl", "relcl")]
    verbs += [x for v in verbs for x in v.children if x.dep_ == "xcomp"]  # "seeking to overthrow"
    for verb in verbs:
        if verb.lemma_.lower() in words().rising_verbs:
            objects += [c for c in verb.children if c.dep_ == "dobj"]
            objects += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "against"
                        for p in c.children if p.dep_ == "pobj"]
    found = set()
    for obj in objects:
        if obj.lemma_.lower() in words().ruling_nouns:
            found.update(countries_in([t for t in obj.subtree if t.i < obj.i] + _of_state(obj)))
    return found.pop() if len(found) == 1 else None


def common_people(head: Token, ctx: Context) -> Mention | None:
    """People named by what they are, no state or owner named: "civilians", "more than 500
    civilians", "several suspects", "aid workers" (``data/people.csv``). The group's country
    is none: a place ("civilians in <city>") is no evidence of whose people they are, and a
    demonym or a state's possessive is read before, by :func:`people_of_state`. The group is
    an actor only where an event's verb acts on it or has it act."""
    if head.pos_ != "NOUN" or head.dep_ in ("compound", "amod", "nmod"):
        return None  # "refugee camps", "student unions": a modifier of something else
    lefts = [c for c in head.lefts if c.dep_ in ("amod", "compound", "nmod")]
    modifier = next((c for c in reversed(lefts) if c.i == head.i - 1), None)
    noun = people_noun(head.lemma_, modifier.lemma_ if modifier is not None else None)
    if noun is None:
        return None  # no people noun (read first: the cheapest of the tests that rule a head out)
    ent = ctx.entity(head)
    if ent is not None and ent.label_ not in ("CARDINAL", "QUANTITY"):
        return None
    if any(c.dep_ == "poss" for c in head.children):
        return None  # "their children", "the group's members": the owner's, not people at large
    if head.tag_ == "NN" and not any(c.dep_ in ("det", "nummod", "amod", "compound") for c in head.children):
        return None  # "taken hostage", "held prisoner": a role, not someone named
    if countries_in(t for c in lefts for t in c.subtree):
        return None  # "Syrian refugees" (or a state named ambiguously): not people at large
    named = _named_modifier(head, ctx)
    if named is not None:  # "UN inspectors", "Red Cross workers": the organisation's own
        return Mention((head,), (named,))
    two_words = modifier is not None and len(noun.label.split()) > 1
    sector = sector_of_words(c.text for c in lefts if not (two_words and c == modifier)) or noun.sector
    counted = [t for c in head.lefts if c.dep_ in ("nummod", "quantmod") for t in c.subtree]
    toks = (head, *([modifier] if two_words else []), *counted)
    return Mention(toks, (Actor(noun.label, ActorType.ORG, None, sector=sector),), certainty=0.8)


# --------------------------------------------------------------------------- persons


def known_person(head: Token, ctx: Context) -> Mention | None:
    """A name of a person the article has already named ("Ortiz" after "Elena Ortiz")."""
    if not ctx.names_known_person(head):
        return None
    names = ctx.names(head)
    return person_mention(head, names or [head], [m for m in ctx.modifiers(head) if m not in names], ctx)


def _looks_like_person(head: Token, ctx: Context, title_mods: Sequence[Token]) -> bool:
    """A PERSON entity, or a proper noun after a title that is no institution, group or state."""
    ent = ctx.entity(head)
    if ent is not None and ent.label_ == "PERSON":
        return True
    return (head.pos_ == "PROPN" and any(is_title_token(t) for t in title_mods)
            and not is_title_token(head) and gz.group_noun(head.lemma_.lower()) is None
            and head.lemma_.lower() not in words().institution_heads
            and gz.organisation(" ".join(t.text for t in [*title_mods, head] if t.pos_ == "PROPN")) is None
            and not country_of_text(head.text, allow_ambiguous=False))


def new_person(head: Token, ctx: Context) -> Mention | None:
    """A person named for the first time: "Mexican Foreign Minister Elena Ortiz"."""
    names = ctx.names(head)
    if head.pos_ != "PROPN" or not names:
        return None
    title_mods = [m for m in ctx.modifiers(head) if m not in names]
    if not _looks_like_person(head, ctx, title_mods):
        return None
    name_toks = names
    ent = ctx.entity(head)
    if ent is not None and ent.label_ == "PERSON":
        # titles come before the name; a title word after it is a surname ("Tom King")
        lead = 0
        while lead < len(ent) and (is_title_token(ent[lead]) or is_honorific(ent[lead])):
            lead += 1
        name_toks = list(ent)[lead:] or names
    if country_of_text(" ".join(t.text for t in name_toks), allow_ambiguous=False):
        return None  # a misread state name ("Kremlin"): left to the state recogniser
    return person_mention(head, name_toks, title_mods, ctx)


def _owner_title(head: Token, name_toks: Sequence[Token]) -> tuple[list[Token], list[Token]]:
    """The title a name stands in apposition to ("the minister, X"): (title tokens, tokens
    of the mention), empty when there is none."""
    owner = title_owner(head)
    if owner is None:
        return [], []
    names = conjuncts_of_appos(owner)
    owner_mods = [t for t in owner.subtree if t.i < owner.i or t == owner]
    # "a member of the Bolivian parliament, X"
    owner_mods += [t for c in owner.rights if c.dep_ == "prep" and c.lower_ == "of" and c.i < head.i
                   for t in c.subtree]
    states = [t for t in owner.lefts if t.dep_ in ("amod", "compound") and countries_in([t])]
    states += [c for t in list(states) for c in t.children if c.dep_ == "conj" and countries_in([c])]
    if len(names) > 1 and len(states) == len(names) and head in names:
        # "his Russian and Ukrainian counterparts, X and Y": pair them in order
        return [states[names.index(head)]], []
    title = [t for t in owner_mods if t not in name_toks]
    toks = [t for t in owner_mods if t.i < head.i and t not in name_toks] if len(names) == 1 else []
    return title, toks


def _is_break(tok: Token) -> bool:
    """A dash, parenthesis or colon that ends a dateline or heading; not the hyphen inside a
    word ("Vice-President")."""
    if tok.text not in _BREAKS:
        return False
    inside = tok.text == "-" and not tok.whitespace_ and tok.i > 0 and not tok.doc[tok.i - 1].whitespace_
    return not inside


def person_mention(head: Token, name_toks: list[Token], title_mods: list[Token], ctx: Context) -> Mention:
    """The mention of a person by ``name_toks`` with the titles, apposition and "of <state>"
    around it; the article's person is updated with what they say."""
    label = gz.strip_honorifics(surface(name_toks)).strip() or head.text
    label = re.sub(r"\s*['’]s$", "", label).strip()
    # a title never reaches back over a dash or parenthesis ("BANGKOK (AP) - Chilean
    # President X": the dateline is where the report was filed)
    cut = max((t.i for t in title_mods if t.i < head.i and _is_break(t)), default=-1)
    title_mods = [t for t in title_mods if t.i > cut]
    owner_title, owner_toks = _owner_title(head, name_toks)
    title = list(title_mods) + owner_title
    toks = name_toks + [t for t in title_mods if t.i < head.i] + owner_toks
    appos = appos_title(head)
    title = sorted(set(title + appos), key=lambda t: t.i)
    countries = countries_in(title)
    if not countries:
        # "King Hassan of Morocco", "the Emir of Qatar"
        countries = [iso for p in _of_objects(head) for iso in countries_in([p])]
    role = role_text(title)
    orgs = [org for t in title if t.pos_ == "PROPN" and (org := gz.organisation(t.text)) is not None]
    if not countries and orgs and orgs[0].kind in (gz.OrgKind.NATIONAL, gz.OrgKind.NONSTATE) and orgs[0].country:
        countries = [orgs[0].country]  # "Knesset member X", "Taliban commander X": the body's state
    country = countries[0] if countries else None
    # "Hamas commander X", "UN envoy X": the organisation's sector, else the office's
    sector = orgs[0].sector if orgs else sector_of_role(role, [t.text for t in title])
    person = ctx.person(label, country, role, sector=sector)
    if country is None and orgs:
        person.serves_organisation = True  # "X, UN secretary-general": no state to guess
    return Mention(tuple(toks), (person.actor(),), person=person.key,
                   descriptive=tuple(t.i for t in appos if t.head.i == head.i))


def _same_office(ctx: Context, country: str, role: str) -> Actor | None:
    """The person the article has named in this office of this state, if exactly one."""
    word = role.lower().split()[-1]
    found = {p.key: p for p in ctx.persons.values()
             if p.country == country and p.role and word in p.role.lower().split()}
    return next(iter(found.values())).actor() if len(found) == 1 else None


#: Offices the table keeps under another title in some states: "the Chinese prime minister"
#: is its premier, "the Indian foreign minister" its external affairs minister. Titles that
#: name other offices elsewhere ("Chancellor", "Secretary of State") are matched only as written.
_TABLE_OFFICES = {"prime minister": "head_of_government", "premier": "head_of_government",
                  "foreign minister": "foreign_minister",
                  "foreign secretary": "foreign_minister", "external affairs minister": "foreign_minister"}


def _of_objects(head: Token) -> list[Token]:
    """The objects of the "of" phrases after ``head`` ("the emir of X", "the armies of X")."""
    return [p for c in head.rights if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.children if p.dep_ == "pobj"]


def _of_state(head: Token) -> list[Token]:
    """"the president of Peru": the state named after the office (the name itself, not a
    phrase that merely contains one: "the president of the Peruvian Senate" is not)."""
    for c in head.rights:
        if c.dep_ == "prep" and c.lower_ == "of":
            objs = [p for p in c.children if p.dep_ == "pobj"]
            if len(objs) == 1 and not any(t.dep_ in ("conj", "prep") for t in objs[0].children):
                toks = [t for t in objs[0].subtree if t.dep_ != "det"]
                if country_of_text(surface(toks), allow_ambiguous=False):
                    return toks
    return []


def _office_of(head: Token) -> list[Token]:
    """"of foreign affairs", "of state" after an office: the words that complete its title."""
    for c in head.rights:
        if c.dep_ == "prep" and c.lower_ == "of":
            toks = [t for t in c.subtree]
            if toks and toks[-1].i - head.i == len(toks) and gz.role_of(surface([head, *toks])) is not None \
                    and not countries_in(toks):
                return toks
    return []


def _office_holder(head: Token, ctx: Context, mods: Sequence[Token], country: str, role: str,
                   extra: Sequence[Token] = ()) -> Mention | None:
    """The person the office-holder table says held the office on the article's date."""
    if ctx.day is None:
        return None
    doc = head.doc
    after = doc[head.i + 2] if head.i + 2 < len(doc) and doc[head.i + 1].text in _HYPHENS else None
    before = [t for t in head.subtree if t.i < head.i]
    if any(t.lower_.strip("-") in words().not_incumbent for t in [*before, *([after] if after else [])]):
        return None  # "the former Russian president", "a French president", "president-elect"
    match = gz.role_of(role)
    if match is None or match.former:
        return None
    office = match.office.lower()
    term = ctx.offices.holder(country, office, ctx.day)
    if term is None and office in _TABLE_OFFICES:
        term = ctx.offices.holder(country, _TABLE_OFFICES[office], ctx.day)
    if term is None:
        return None
    person = ctx.person(term.name, country, term.title, sector=Sector.GOVERNMENT)
    return Mention((*mods, head, *extra), (person.actor(),), certainty=0.8, person=person.key)


def titled_office(head: Token, ctx: Context) -> Mention | None:
    """An office of a state named without its holder ("the Chilean president", "Chile's
    foreign minister", "the president of Chile") is the person the article has named in that
    office, else the person the office-holder table says held it on the article's date. With
    neither it is left to whoever reads the state that owns the office."""
    if head.pos_ not in ("NOUN", "PROPN") or head.dep_ in ("compound", "poss") or head.tag_ in ("NNS", "NNPS"):
        return None
    if not is_title_token(head) or any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in head.children):
        return None  # "the ambassador, X": read with the name
    mods = ctx.modifiers(head)
    countries, extra = countries_in(mods), []
    if not countries:
        extra = _of_state(head)
        countries = countries_in(extra)
    role = role_text([*mods, head])
    if not countries or role is None:
        return None
    office = _office_of(head)  # "the Peruvian minister of foreign affairs"
    if office and not extra:
        extra, role = office, role_text([*mods, head, *office]) or role
    known = _same_office(ctx, countries[0], role)
    if known is not None:
        return Mention((head,), (known,), certainty=0.8)
    if len(countries) > 1:
        return None  # "the Franco-German foreign minister"?
    return _office_holder(head, ctx, mods, countries[0], role, extra)


def office_of_state(head: Token, ctx: Context) -> Mention | None:
    """"the president of Peru" whose holder neither the article nor the table names (the
    :func:`titled_office` before has found none): the state, as "the Peruvian president" is
    read as the state its adjective names."""
    if head.pos_ not in ("NOUN", "PROPN") or head.dep_ in ("compound", "poss") or head.tag_ in ("NNS", "NNPS"):
        return None
    if not is_title_token(head) or any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in head.children):
        return None
    mods = ctx.modifiers(head)
    if countries_in(mods) or any(m.lower_.strip("-") in words().not_incumbent for m in mods):
        return None  # "the former president of Peru" is no one now in office
    extra = _of_state(head)
    isos = countries_in(extra)
    match = gz.role_of(role_text([*mods, head]) or "")
    if len(isos) != 1 or match is None or match.former or match.category not in _SINGLE_OFFICES:
        return None
    return Mention((head, *extra), (Actor(gz.country_name(isos[0]), ActorType.COUNTRY, isos[0]),), certainty=0.8)


#: Offices a state has one holder of at a time, so that "the presidents of X and Y" are two people.
_SINGLE_OFFICES = frozenset({gz.RoleCategory.HEAD_OF_STATE, gz.RoleCategory.HEAD_OF_GOVERNMENT,
                             gz.RoleCategory.MINISTER})


def titled_offices(head: Token, ctx: Context) -> Mention | None:
    """One office of two or more states, in the plural: "the foreign ministers of X and Y", "the
    X and Y presidents" are each state's holder of the office (as :func:`titled_office` finds
    him), else, with no holder known, the state itself."""
    if head.pos_ != "NOUN" or head.tag_ != "NNS" or head.dep_ in ("compound", "poss") or not is_title_token(head):
        return None
    mods = ctx.modifiers(head)
    of = _of_objects(head)
    isos = countries_in(mods) if any(m.dep_ == "conj" for m in mods) else []
    extra: list[Token] = []
    if not isos and len(of) == 1 and of[0].pos_ == "PROPN":
        isos = countries_in([of[0]]) + _coordinated_states(of[0])
        extra = [t for t in of[0].head.subtree]
    isos = list(dict.fromkeys(isos))
    words_ = [m.lower_ for m in mods if m.dep_ in ("amod", "compound") and not countries_in([m])]
    role = " ".join([*words_, head.lemma_.lower()])
    match = gz.role_of(role)
    if len(isos) < 2 or match is None or match.former or match.category not in _SINGLE_OFFICES:
        return None
    if any(m.lower_.strip("-") in words().not_incumbent for m in mods):
        return None  # "the former presidents of X and Y"
    actors = []
    for iso in isos:
        holder = _same_office(ctx, iso, role)
        if holder is None and (found := _office_holder(head, ctx, mods, iso, role)) is not None:
            holder = found.actors[0]
        actors.append(holder or Actor(gz.country_name(iso), ActorType.COUNTRY, iso))
    return Mention((*mods, head, *extra), tuple(actors), certainty=0.8)


# --------------------------------------------------------------------------- states


def _state_candidates(head: Token, ctx: Context) -> list[tuple[list[Token], bool]]:
    """Token runs that may name a state, each with whether the parse vouches for it."""
    ent = ctx.entity(head)
    candidates = []
    if ent is not None and ent.label_ in ("GPE", "NORP", "LOC", "ORG", "FAC", "PERSON"):
        candidates.append((list(ent), ent.label_ in ("GPE", "NORP")))
    chain = [t for t in ctx.modifiers(head) if t.dep_ == "compound" and t.pos_ == "PROPN"] + [head]
    if len(chain) > 1:
        candidates.append((chain, False))
    candidates.append(([head], head.ent_type_ in ("GPE", "NORP")))
    return candidates


@functools.lru_cache(maxsize=1 << 16)  # a pure function of the string, asked at most heads
def _country_without_the(text: str) -> gz.CountryMatch | None:
    return gz.country(_THE.sub("", text))


def _demonym_people(head: Token, hit: gz.CountryMatch) -> Actor:
    """"Palestinians"; but "(ethnic) Albanians of southern Serbia" live in, and are coded by,
    the state they live in (not the state named as holding the place: "of the X-occupied
    territories")."""
    home = [iso for c in head.rights if c.dep_ == "prep" and c.lower_ in ("in", "of")
            for p in c.children if p.dep_ == "pobj"
            for iso in countries_in(t for t in p.subtree if not is_occupier(t))]
    return Actor(head.text, ActorType.ORG, home[0] if home else hit.iso3)


def state(head: Token, ctx: Context) -> Mention | None:
    """A state by name, demonym, capital or seat of government ("the Kremlin")."""
    for toks, trusted in _state_candidates(head, ctx):
        text = surface(toks)
        hit = _country_without_the(text)
        if hit is None or (hit.ambiguous and not trusted):
            continue
        if hit.kind == "demonym":
            modifier = head.dep_ in ("amod", "compound", "nmod") or (
                head.dep_ == "conj" and head.head.dep_ in ("amod", "compound", "nmod"))
            if modifier and head.head.pos_ in ("NOUN", "PROPN", "ADJ"):
                return NOT_AN_ACTOR  # "Russian oil": a modifier, used by the phrase it modifies
            if head.tag_ in ("NNS", "NNPS") or head.text.endswith("s"):
                return Mention(tuple(toks), (_demonym_people(head, hit),))
        actor = Actor(gz.country_name(hit.iso3), ActorType.COUNTRY, hit.iso3, None, (text,))
        return Mention(tuple(toks), (actor,))
    return None


# --------------------------------------------------------------------------- groups of a state


def _group_noun_at(head: Token, ctx: Context) -> gz.GroupNoun | None:
    """:func:`_group_noun` of ``head`` and its modifiers, read once per head (two recognisers ask)."""
    key = ("group noun", head.i)
    if key not in ctx.memo:
        ctx.memo[key] = _group_noun(head, ctx.modifiers(head))
    return ctx.memo[key]


def _group_noun(head: Token, mods: Sequence[Token]) -> gz.GroupNoun | None:
    """The group noun at ``head`` with up to two words before it ("foreign office")."""
    near = [m for m in mods if m.dep_ in ("amod", "compound") and m.i < head.i and not countries_in([m])]
    for k in range(min(2, len(near)), -1, -1):
        phrase = " ".join(t.text.lower() for t in near[len(near) - k:]) if k else ""
        group = gz.group_noun(f"{phrase} {head.lemma_.lower()}".strip())
        if group is not None:
            return group
    if head.lemma_.lower() in words().generic_groups:
        # "opposition groups", "rebel factions": the modifier says what they are
        for m in reversed(near):
            group = gz.group_noun(m.lemma_.lower())
            if group is not None:
                return group
    return None


def _group_countries(head: Token, mods: Sequence[Token]) -> list[str]:
    """The states a group belongs to: its modifiers, "the government of X"; "police in X",
    "rebels in the north of X" (but "peacekeepers in X" are not X's, nor are "US troops in X"
    or "its forces in X")."""
    countries = countries_in(mods)
    owned = any(c.dep_ == "poss" for c in head.children)
    placed = not countries and not owned and _placed_by_where(head)
    for child in head.rights:
        if child.dep_ == "prep" and (child.lower_ == "of" or (
                child.lower_ in ("in", "throughout", "across") and placed)):
            for obj in (c for c in child.children if c.dep_ == "pobj"):
                countries += countries_in([obj]) or countries_in(_part_of(obj))
                if child.lower_ == "of":
                    countries += _coordinated_states(obj)
    return countries


def _coordinated_states(obj: Token) -> list[str]:
    """"the armies of X and Y": the states coordinated with the first of an "of" phrase, each
    a name of its own (a phrase that merely contains one, "X and the Y border", is none)."""
    found: list[str] = []
    stack = [obj]
    while stack and len(found) < 12:  # "of X, Y and Z": each conjunct hangs on the one before
        for c in stack.pop().children:
            if c.dep_ == "conj" and c.pos_ == "PROPN":
                found += countries_in([c])[:1]
                stack.append(c)
    return found


def _placed_by_where(head: Token) -> bool:
    """Whether a group found in a place belongs to it: an organised group does ("the police in
    X", "rebels in X"), and so do people who act together where they live or work ("students
    throughout X"); peacekeepers do not, nor do people at large ("refugees in X", "civilians in
    X": a place is no evidence of whose people they are)."""
    lemma = head.lemma_.lower()
    people = people_noun(lemma)
    return not lemma.startswith("peacekeep") and (people is None or people.local)


def _part_of(obj: Token) -> list[Token]:
    """"the north of X", "parts of X": the state whose part the phrase names."""
    if obj.lemma_.lower() not in words().part_nouns:
        return []
    return [p for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.children if p.dep_ == "pobj"]


def _region_runs(tokens: Sequence[Token]) -> list[list[Token]]:
    """The runs of capitalised words among ``tokens`` (hyphens joining them), longest first."""
    runs: list[list[Token]] = []
    for tok in sorted(tokens, key=lambda t: t.i):
        if not (tok.text[:1].isupper() or tok.text in _HYPHENS):
            continue
        if runs and runs[-1][-1].i == tok.i - 1:
            runs[-1].append(tok)
        else:
            runs.append([tok])
    spans = [run[a:b] for run in runs for a in range(len(run)) for b in range(len(run), a, -1)]
    return sorted((s for s in spans if s[0].text not in _HYPHENS and s[-1].text not in _HYPHENS),
                  key=len, reverse=True)


def _region(head: Token, mods: Sequence[Token], group: gz.GroupNoun) -> tuple[list[Token], str] | None:
    """The region of a state a group is named by ("Chiapas rebels", "Chechen fighters") or,
    for a group that is no organ of a state, found in ("separatists in Cabinda")."""
    places = [[m for m in mods if m.dep_ in ("compound", "amod", "nmod", "poss", "punct") or m.text in _HYPHENS]]
    if not group.is_government and not any(c.dep_ == "poss" for c in head.children) and _placed_by_where(head):
        places += [[t for t in p.subtree if t.i <= p.i and t.dep_ != "det"]
                   for c in head.rights if c.dep_ == "prep" and c.lower_ in ("in", "from", "of")
                   for p in c.children if p.dep_ == "pobj"]
    for toks in places:
        for run in _region_runs(toks):
            iso = region_state(surface(run))
            if iso is not None:
                return run, iso
    return None


def state_group(head: Token, ctx: Context) -> Mention | None:
    """A group of a state: "Indian troops", "Pakistan's foreign office", "the government of Iran"."""
    if head.pos_ not in ("NOUN", "PROPN"):
        return None
    mods = ctx.modifiers(head)
    group = _group_noun_at(head, ctx)
    if group is None:
        return None
    countries = _group_countries(head, mods)
    if not countries:
        return _regional_group(head, mods, group)
    # "Hungarian and Romanian officials": one group per state
    coordinated = [m for m in mods if m.dep_ == "conj" and m.head in mods] or [
        o for o in _of_objects(head) if _coordinated_states(o)]
    isos = list(dict.fromkeys(countries)) if coordinated else countries[:1]
    government = group.is_government and head.lemma_.lower() in _GOVERNMENT_HEADS
    sector = _group_sector(head, mods, group)
    actors = tuple(Actor(gz.country_name(iso), ActorType.COUNTRY, iso) if government
                   else Actor(gz.group_label(iso, group), ActorType.ORG, iso, sector=sector) for iso in isos)
    return Mention((head, *mods), actors)


def _regional_group(head: Token, mods: Sequence[Token], group: gz.GroupNoun) -> Mention | None:
    """A group of a region of a state: an organisation of that state named for the region
    ("Chiapas Rebels", MEX), never the state itself ("the Quebec government" is not Canada's)."""
    found = _region(head, mods, group)
    if found is None:
        return None
    run, iso = found
    # "Kaduna State Government": the capitalised words between the region and the group noun too
    between = [m for m in mods if run[-1].i < m.i < head.i and m.text[:1].isupper()
               and m.lower_ not in group.label.lower().split()]
    label = " ".join([surface(run), *(m.text for m in between), group.label])
    actor = Actor(label, ActorType.ORG, iso, sector=_group_sector(head, mods, group))
    return Mention((head, *mods), (actor,), certainty=0.8)


def _group_sector(head: Token, mods: Sequence[Token], group: gz.GroupNoun):
    """"opposition groups", "government troops", "state media": the words' sector, else
    the government for an organ of the state."""
    words_ = [m.text for m in mods if m.dep_ in ("amod", "compound") and not countries_in([m])]
    found = sector_of_words([*words_, group.label, head.lemma_])
    return found or (Sector.GOVERNMENT if group.is_government else None)


def population(head: Token, ctx: Context) -> Mention | None:
    """The people of a state: "the people of X", "residents of X", "citizens from X". The state
    must be what the phrase names ("from X", not "from camps in X"), and "in X" says only where
    they are, no evidence of whose people they are."""
    if head.pos_ != "NOUN" or head.lemma_.lower() not in words().population_nouns:
        return None
    places = [p for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "from")
              for p in c.children if p.dep_ == "pobj"]
    isos = countries_in(t for p in places if p.pos_ == "PROPN"
                        for t in p.subtree if t.i <= p.i and t.dep_ in ("compound", "pobj"))
    if not isos:
        return None
    lemma = head.lemma_.lower()
    noun = gz.GroupNoun(label=lemma.title() + ("" if lemma.endswith("people") else "s"), is_government=False)
    actor = Actor(gz.group_label(isos[0], noun), ActorType.ORG, isos[0], sector=Sector.CIVILIANS)
    return Mention((head,), (actor,), certainty=0.8)


def _may_be_people(head: Token, ctx: Context) -> bool:
    lemma = head.lemma_.lower()
    w = words()
    return (head.pos_ == "NOUN" and ctx.entity(head) is None
            and (head.tag_ == "NNS" or lemma in w.person_nouns)
            and lemma not in w.thing_nouns and not is_title_token(head) and lemma not in w.counterpart_nouns
            and not any(c.dep_ == "appos" for c in head.children))


def people_of_state(head: Token, ctx: Context) -> Mention | None:
    """People or things of a state: "Palestinian detainees", "a U.S. soldier", "Israeli tanks"."""
    if not _may_be_people(head, ctx):
        return None
    mods = ctx.modifiers(head)
    owners, isos = owner_states(head, mods)
    if not isos:
        return None
    coordinated = [m for m in mods if m.dep_ == "conj" and m.head in owners]
    isos = list(dict.fromkeys(isos + [h.iso3 for h in (gz.country(m.text) for m in coordinated)
                                      if h is not None and not h.ambiguous]))
    if not coordinated:
        isos = isos[:1]
    noun = gz.GroupNoun(label=(head.text if head.tag_ == "NNS" else head.lemma_).title(), is_government=False)
    sector = sector_of_words([m.text for m in owners if not countries_in([m])] + [head.lemma_])
    actors = tuple(Actor(gz.group_label(iso, noun), ActorType.ORG, iso, sector=sector) for iso in isos)
    return Mention((head, *owners), actors, certainty=0.8)


def _is_acronym(text: str) -> bool:
    return 2 <= len(text) <= 6 and text.isupper() and sum(ch.isalpha() for ch in text) >= 2


def _defined_body(acronym: Token) -> Token | None:
    """The name an acronym in brackets is defined for: "the X Security Service (XSS)"."""
    doc = acronym.doc
    i = acronym.i
    if not (0 < i < len(doc) - 1 and doc[i - 1].text == "(" and doc[i + 1].text == ")"):
        return None
    if acronym.dep_ == "appos" and acronym.head.i < i:
        return acronym.head
    body = doc[i - 2] if i >= 2 else None
    while body is not None and body.dep_ in ("compound", "flat") and body.head.i < i - 1:
        body = body.head
    return body


def defined_acronym(head: Token, ctx: Context) -> Mention | None:
    """An acronym the article defines in brackets after a body's name ("the X Security Service
    (XSS) said ...; the XSS arrested ...") is that body, with the state the name gives it; no
    table of acronyms is needed. Only an organisation is so defined (a bracketed news agency
    after a dateline, "CITY (AP)", is not)."""
    if head.pos_ not in ("PROPN", "NOUN") or not _is_acronym(head.text):
        return None
    for tok in head.doc[:head.i + 1]:
        if tok.text != head.text or (body := _defined_body(tok)) is None or body.i >= head.i:
            continue
        actors = ctx.res.actors(body)
        if len(actors) == 1 and actors[0].type is ActorType.ORG:
            return Mention((head,), (actors[0],), certainty=0.8)
    return None


def described_acronym(head: Token, ctx: Context) -> Mention | None:
    """An acronym no table knows, which an apposition says is a body of a state: "the XSS,
    Norway's security service, ..." is an organisation of that state."""
    if head.pos_ not in ("PROPN", "NOUN") or not _is_acronym(head.text):
        return None
    for appos in (c for c in head.rights if c.dep_ == "appos" and c.pos_ in ("NOUN", "PROPN")):
        isos = list(dict.fromkeys(countries_in(ctx.modifiers(appos))))
        if len(isos) == 1:
            described = [t.text for t in appos.subtree]
            return Mention((head,), (Actor(head.text, ActorType.ORG, isos[0], sector=sector_of_words(described)),),
                           certainty=0.8)
    return None


def other_organisation(head: Token, ctx: Context) -> Mention | None:
    """Any other organisation the model recognised (not a month misread as one)."""
    ent = ctx.entity(head)
    if ent is None or ent.label_ != "ORG" or ent.root != head or \
            ent.text.lower().strip(". ") in words().calendar_words:
        return None
    countries = countries_in(ctx.modifiers(head))
    label = _THE_SPACE.sub("", ent.text)
    actor = Actor(label, ActorType.ORG, countries[0] if countries else None,
                  sector=sector_of_words(t.text for t in ent))
    return Mention(tuple(ent), (actor,), certainty=0.8)


#: The recognisers, in the order they are tried at each head.
RECOGNISERS: tuple[Recogniser, ...] = (
    document,
    user_actor,
    leader_of_a_led_group,
    organisation,
    defined_acronym,
    member_of_named_group,
    known_person,
    new_person,
    titled_office,
    titled_offices,
    office_of_state,
    state,
    led_group,
    state_group,
    population,
    people_of_state,
    bare_group,
    common_people,
    described_acronym,
    other_organisation,
)
