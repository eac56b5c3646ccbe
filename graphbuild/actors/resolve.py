"""Find the actors a parsed article mentions and resolve every mention to one :class:`Actor`.

Mentions are found around nominal heads in the dependency parse, not only from the named
entities (the small English model often tags "National Security Advisor X" as an ORG):

- a person: a name, with the title, possessive or nationality word before it
  ("Russian Foreign Minister Sergey Lavrov", "India's National Security Advisor X") or an
  apposition after it ("X, Secretary of Russia's Security Council") giving country and role;
- a state: by name, demonym, capital or seat of government ("the Kremlin");
- an international organisation (UN, EU, NATO ...), an ORG without a country;
- a group: a collective noun with a state or demonym modifying it ("Indian troops",
  "Pakistan's foreign office"), an ORG with that country.

Within an article, "Dr. S. Jaishankar", "S. Jaishankar" and "Jaishankar" are one actor;
he/she/his, it/its, "the minister", "the two leaders", "both sides" and "the two nations"
are resolved to earlier actors. Nothing here mutates the ``Doc``.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import InputError
from ..types import Actor, ActorType
from . import gazetteer as gz
from .words import words

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

__all__ = ["Resolution", "UserActor", "load_actor_list", "resolve"]

log = logging.getLogger(__name__)

_MODIFIER_DEPS = {"compound", "amod", "poss", "nmod", "det", "case", "punct", "nummod", "npadvmod"}
_PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
_STATE_PRONOUNS = {"it", "its", "itself"}
_PLURAL_PRONOUNS = {"they", "them", "their", "themselves"}
_PAIR_DETERMINERS = {"both", "two"}
_FIRST_PERSON = {"i", "me", "my", "we", "us", "our"}
_QUOTE_MARKS = {'"', "“", "”", "«", "»", "``", "''"}


@dataclass(frozen=True)
class UserActor:
    """One row of a user's actor list (``--actors FILE``); it wins over inference."""

    name: str
    type: ActorType
    country: str | None = None
    role: str | None = None
    aliases: tuple[str, ...] = ()
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    def actor(self) -> Actor:
        return Actor(self.name, self.type, self.country, self.role, self.aliases)

    def valid_on(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to)


def _norm(text: str) -> str:
    text = text.replace("’", "'").strip()
    text = re.sub(r"'s$", "", text)
    return " ".join(re.sub(r"[^\w\s-]", " ", text.lower()).split())


def load_actor_list(path: str) -> list[UserActor]:
    """Read a user's actor list: CSV with ``name, aliases, type, country, role, valid_from, valid_to``.

    ``aliases`` are separated by ``;`` or ``|``; ``type`` is PERSON, COUNTRY or ORG; dates are
    ISO dates and may be empty. A bad row raises :class:`InputError` naming the file and line.
    """
    rows: list[UserActor] = []
    try:
        fh = open(path, encoding="utf-8-sig", newline="")
    except OSError as err:
        raise InputError(f"cannot read actor list: {err.strerror}", path=str(path)) from err
    with fh:
        reader = csv.DictReader(fh)
        if not reader.fieldnames or "name" not in reader.fieldnames:
            raise InputError("actor list needs a header with at least 'name' and 'type'",
                             path=str(path), line=1)
        for line, row in enumerate(reader, start=2):
            name = (row.get("name") or "").strip()
            if not name:
                raise InputError("empty name", path=str(path), line=line)
            try:
                kind = ActorType((row.get("type") or "PERSON").strip().upper())
            except ValueError:
                raise InputError(f"unknown type {row.get('type')!r}; valid: PERSON, COUNTRY, ORG",
                                 path=str(path), line=line) from None
            country = (row.get("country") or "").strip().upper() or None
            if country is not None and not re.fullmatch(r"[A-Z]{3}", country):
                raise InputError(f"country {country!r} is not an ISO 3166 alpha-3 code",
                                 path=str(path), line=line)
            dates = []
            for col in ("valid_from", "valid_to"):
                value = (row.get(col) or "").strip()
                try:
                    dates.append(dt.date.fromisoformat(value) if value else None)
                except ValueError:
                    raise InputError(f"{col} {value!r} is not an ISO date (YYYY-MM-DD)",
                                     path=str(path), line=line) from None
            aliases = tuple(a.strip() for a in re.split(r"[;|]", row.get("aliases") or "") if a.strip())
            rows.append(UserActor(name, kind, country, (row.get("role") or "").strip() or None,
                                  aliases, dates[0], dates[1]))
    return rows


@dataclass
class _Person:
    """What an article says of one person, merged over all their mentions."""

    label: str
    key: str
    country: str | None = None
    role: str | None = None
    aliases: set[str] = field(default_factory=set)
    fixed: Actor | None = None  # from the user's actor list
    serves_organisation: bool = False

    def actor(self) -> Actor:
        if self.fixed is not None:
            return self.fixed
        aliases = tuple(sorted(a for a in self.aliases if a != self.label))
        return Actor(self.label, ActorType.PERSON, self.country, self.role, aliases)


@dataclass
class Resolution:
    """Every token that stands for an actor, mapped to the actor(s) it stands for.

    ``by_token[i]`` is the list of actors token ``i`` refers to: one for a name, two for
    "both sides". ``heads`` holds the head token of each mention.
    """

    by_token: dict[int, list[Actor]] = field(default_factory=dict)
    heads: set[int] = field(default_factory=set)
    # how sure the resolution is, per token: 1.0 a name, lower for pronouns and anaphora
    certainty: dict[int, float] = field(default_factory=dict)
    # heads of phrases that describe a person ("X, Secretary of the Council, met Y"): not actors
    descriptive: set[int] = field(default_factory=set)

    def actors(self, token: Token) -> list[Actor]:
        return self.by_token.get(token.i, [])

    def all_actors(self) -> list[Actor]:
        seen: dict[str, Actor] = {}
        for actors in self.by_token.values():
            for a in actors:
                seen.setdefault(a.id, a)
        return list(seen.values())


# --------------------------------------------------------------------------- helpers


def _country_of_text(text: str, *, allow_ambiguous: bool = True) -> str | None:
    text = text.strip()
    if not text:
        return None
    hit = gz.country(text)
    if hit is None and text.lower().startswith("the "):
        hit = gz.country(text[4:])
    if hit is None:
        hit = _state_led(text)
    if hit is None or (hit.ambiguous and not allow_ambiguous):
        return None
    return hit.iso3


@functools.cache
def _led_pattern() -> re.Pattern[str]:
    """"<state>-led", "<state>-backed" ...: the suffixes of ``words().state_led_suffixes``."""
    return re.compile(r"^(.+?)-(?:" + "|".join(sorted(words().state_led_suffixes)) + ")$", re.I)


def _state_led(text: str):
    """"Vietnamese-led forces", "Iranian-backed militias": the state that leads them."""
    m = _led_pattern().match(text.strip())
    return gz.country(m.group(1)) if m else None




def is_occupier(tok: Token) -> bool:
    """"Israeli" in "the Israeli-occupied territories": the state holding a place, not the place's."""
    doc = tok.doc
    return tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and doc[tok.i + 2].lower_ in words().holding_words


def _ent_of(token: Token) -> Span | None:
    """The named entity ``token`` is part of, if any."""
    if token.ent_iob_ == "O" or not token.ent_type_:
        return None
    # read the IOB tags around the token: doc.ents would build every entity of the doc each time
    from spacy.tokens import Span

    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=doc[start].ent_type_)


def _name_words(label: str) -> list[str]:
    """The words of a name, hyphens split ("al-Thani" is found again as "Thani")."""
    return _norm(label).replace("-", " ").split()


def _surface(tokens: Sequence[Token]) -> str:
    """The tokens as the text writes them ("al-Thani", not "al - Thani")."""
    toks = sorted(tokens, key=lambda t: t.i)
    if not toks:
        return ""
    if toks[-1].i - toks[0].i == len(toks) - 1:
        return toks[0].doc[toks[0].i:toks[-1].i + 1].text
    return " ".join(t.text for t in toks)


def _is_title_token(tok: Token) -> bool:
    return gz.is_title_word(tok.text)


def _is_honorific(tok: Token) -> bool:
    return gz.strip_honorifics(tok.text) == ""


def _left_modifiers(head: Token) -> list[Token]:
    """The tokens before ``head`` inside its noun phrase (compounds, adjectives, possessives)."""
    out: list[Token] = []
    for child in head.lefts:
        if child.dep_ in _MODIFIER_DEPS or child.dep_ in {"cc", "conj"} and child.head.dep_ == "amod":
            out.extend(child.subtree)
    return sorted(set(out), key=lambda t: t.i)


def _name_tokens(head: Token, modifiers: Sequence[Token]) -> list[Token]:
    """The run of proper-noun tokens that ends at ``head`` and is a name, not a title."""
    run = [head]
    for tok in reversed([m for m in modifiers if m.i < head.i]):
        if tok.i != run[0].i - 1:
            break
        if tok.pos_ != "PROPN" or _is_title_token(tok) or _is_honorific(tok):
            break
        if _country_of_text(tok.text, allow_ambiguous=False) and tok.ent_type_ not in ("PERSON",):
            break
        run.insert(0, tok)
    return run


def _countries_in(tokens: Iterable[Token]) -> list[str]:
    """Countries named in ``tokens`` (a multi-word name such as "New Delhi" counts once)."""
    toks = sorted(set(tokens), key=lambda t: t.i)
    found: list[str] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        matched = False
        for width in (4, 3, 2):
            window = toks[i:i + width]
            if len(window) == width and window[-1].i - window[0].i == width - 1 and not any(
                    t.dep_ in ("case", "punct") for t in window):
                text = " ".join(t.text for t in window)
                if gz.country(text) is not None or _state_led(text) is not None:
                    # a name of several words is read whole, even when it is not a state for
                    # sure ("Northern Ireland" is not Ireland)
                    iso = _country_of_text(text, allow_ambiguous=False)
                    if iso:
                        found.append(iso)
                    i += width
                    matched = True
                    break
        if matched:
            continue
        ent = _ent_of(tok) if tok.ent_type_ in ("GPE", "LOC", "NORP") else None
        whole = gz.country(re.sub(r"^the ", "", ent.text, flags=re.I)) if ent is not None and len(ent) > 1 else None
        if whole is not None:
            # the token is part of a longer name ("Ireland" in "Northern Ireland"), which the
            # entity label vouches for
            if (not whole.ambiguous or ent.label_ in ("GPE", "NORP")) and whole.iso3 not in found:
                found.append(whole.iso3)
            i += 1
            continue
        if tok.pos_ in ("PROPN", "ADJ", "NOUN") or tok.ent_type_ in ("GPE", "NORP", "LOC"):
            # an ambiguous name is a state when tagged as one or owning a title ("Niger's envoy")
            trusted = tok.ent_type_ in ("GPE", "NORP") or any(c.dep_ == "case" for c in tok.children)
            iso = _country_of_text(tok.text, allow_ambiguous=trusted)
            if iso:
                found.append(iso)
        i += 1
    return found


def _role_text(tokens: Sequence[Token]) -> str | None:
    """The office as the text gives it, less the leading state word ("India's", "Russian")."""
    toks = [t for t in tokens if not _is_honorific(t)]
    while toks and (toks[0].dep_ in ("det", "case", "punct", "poss")
                    or toks[0].pos_ in ("DET", "PUNCT", "PART")
                    or _country_of_text(toks[0].text, allow_ambiguous=False)):
        toks.pop(0)
    while toks and (toks[-1].pos_ in ("PUNCT", "ADP", "CCONJ", "DET", "PART")):
        toks.pop()
    if not toks or not any(_is_title_token(t) and t.lemma_.lower() not in words().counterpart_nouns for t in toks):
        return None
    doc = toks[0].doc
    return " ".join(doc[toks[0].i:toks[-1].i + 1].text.split())


def _appos_title(head: Token) -> list[Token]:
    """The title in an apposition after a name: "X, Secretary of Russia's Security Council"."""
    for child in head.rights:
        comma_conj = child.dep_ == "conj" and child.i >= 2 and any(
            t.text == "," for t in head.doc[head.i + 1:child.i]) and not any(
            t.dep_ == "cc" for t in head.doc[head.i + 1:child.i])
        if (child.dep_ == "appos" or comma_conj) and child.pos_ in ("NOUN", "PROPN"):
            toks = [t for t in child.subtree if t.i <= _clause_end(child)]
            if any(_is_title_token(t) for t in toks) or child.lemma_.lower() in words().descriptor_nouns:
                return toks
    return []


def _title_owner(head: Token) -> Token | None:
    """The common noun a name stands in apposition to: "the minister, X" -> minister."""
    cur = head
    while cur.dep_ == "conj" and cur.head != cur:
        cur = cur.head
    if cur.dep_ == "appos" and cur.head.pos_ in ("NOUN", "PROPN") and (
            _is_title_token(cur.head) or cur.head.lemma_.lower() in words().counterpart_nouns
            or cur.head.lemma_.lower() in words().descriptor_nouns):
        return cur.head
    return None


def _conjuncts_of_appos(owner: Token) -> list[Token]:
    out: list[Token] = []
    for child in owner.children:
        if child.dep_ == "appos":
            stack = [child]
            while stack:
                cur = stack.pop(0)
                out.append(cur)
                stack.extend(c for c in cur.children if c.dep_ == "conj")
    return out


def _clause_end(tok: Token) -> int:
    """The last token of ``tok``'s phrase before a coordination ("... and a close aide to")."""
    end = tok.i
    for t in tok.subtree:
        if t.i > tok.i and (t.dep_ in ("cc", "conj") and t.head == tok or t.text in (",", ";")):
            break
        end = t.i
    return end


# --------------------------------------------------------------------------- resolution


def _may_name_an_actor(head: Token) -> bool:
    """A cheap test that rules out most common nouns and adjectives before the full one."""
    lemma = head.lemma_.lower()
    if head.pos_ == "PROPN":
        return True
    if head.pos_ == "ADJ":
        return gz.country(head.text) is not None
    if any(c.dep_ in ("amod", "compound", "poss", "nmod") for c in head.lefts):
        return True
    return (lemma in words().person_nouns or lemma in words().population_nouns or lemma in words().generic_groups
            or gz.group_noun(lemma) is not None or gz.is_title_word(head.text)
            or gz.organisation(head.text) is not None or gz.country(head.text) is not None
            or any(c.dep_ == "prep" and c.lower_ in ("of", "in") for c in head.rights))


class _Resolver:
    def __init__(self, doc: Doc, user_actors: Sequence[UserActor], day: dt.date | None):
        self.doc = doc
        self.res = Resolution()
        self.persons: dict[str, _Person] = {}
        self.user: dict[str, UserActor] = {}
        for ua in user_actors:
            if ua.valid_on(day):
                for alias in (ua.name, *ua.aliases):
                    self.user[_norm(alias)] = ua
        self.taken: set[int] = set()
        # salience for coreference: most recent last
        self.recent_persons: list[tuple[int, Actor, bool]] = []  # (token, actor, was_subject)
        self.recent_states: list[tuple[int, Actor, bool]] = []
        self._pending_person_tokens: dict[str, list[int]] = {}

    # -- bookkeeping
    def _assign(self, tokens: Iterable[Token], head: Token, actors: list[Actor],
                certainty: float = 1.0) -> None:
        for tok in tokens:
            self.res.by_token[tok.i] = actors
            self.res.certainty[tok.i] = certainty
            self.taken.add(tok.i)
        self.res.by_token[head.i] = actors
        self.res.certainty[head.i] = certainty
        self.res.heads.add(head.i)

    def _user_actor(self, text: str) -> Actor | None:
        ua = self.user.get(_norm(text))
        return ua.actor() if ua else None

    # -- pass 1: named mentions
    def named_mentions(self) -> None:
        doc = self.doc
        for head in doc:
            if head.i in self.taken or head.pos_ not in ("PROPN", "NOUN", "ADJ"):
                continue
            if head.dep_ in ("compound", "punct") and head.head.pos_ == "PROPN" and head.head.i > head.i:
                continue  # part of a longer name ("al-Thani"); handled at its head
            if not any(ch.isalnum() for ch in head.text):
                continue
            if not head.ent_type_ and not self.user and not _may_name_an_actor(head):
                continue
            self._mention_at(head)

    def _mention_at(self, head: Token) -> None:
        if not self.user and (
                (head.lemma_.lower() in words().document_heads and head.pos_ in ("NOUN", "PROPN"))
                or (head.dep_ == "appos" and head.head.lemma_.lower() in words().document_heads)):
            return  # a treaty, plan or law (or its acronym) is what actors sign, never an actor
        mods = _left_modifiers(head)
        ent = _ent_of(head)
        user = None
        if ent is not None:
            user = self._user_actor(ent.text)
        if user is None:
            user = self._user_actor(head.text)
        if user is not None:
            span = list(ent) if ent is not None else [head]
            if user.type is ActorType.PERSON:
                person = self._person(user.label, user.country, user.role, fixed=user)
                self._assign(span, head, [person.actor()])
                self._remember(head, person.actor())
            else:
                self._assign(span, head, [user])
                self._remember(head, user)
            return

        # an international organisation ("the United Nations", "NATO", "U.N. Security Council"),
        # unless a state owns it ("Russia's Security Council")
        owned = bool(_countries_in(m for m in mods if m.dep_ in ("poss", "amod") or m.ent_type_ in ("GPE", "NORP")))
        for text in [] if owned else ([ent.text] if ent is not None else []) + [
                " ".join(t.text for t in [*mods, head] if t.dep_ not in ("det", "poss", "case")),
                head.text]:
            org = gz.organisation(text)
            if org is not None:
                toks = list(ent) if ent is not None and org.label and text == ent.text else [head]
                surface = re.sub(r"^the\s+", "", (ent.text if ent is not None and text == ent.text else text),
                                 flags=re.I).strip() or org.label
                actor = Actor(surface, ActorType.ORG, getattr(org, "country", None), None,
                              tuple(sorted((set(org.aliases) | {org.label}) - {surface})), key=org.label)
                self._assign(toks, head, [actor])
                self._remember(head, actor)
                return

        names = _name_tokens(head, mods) if head.pos_ == "PROPN" else []
        if head.pos_ == "PROPN" and self._person_key(head.text) in self.persons:
            self._person_mention(head, names or [head], [m for m in mods if m not in names])
            return
        title_mods = [m for m in mods if m not in names]
        is_person = (ent is not None and ent.label_ == "PERSON") or (
            head.pos_ == "PROPN" and any(_is_title_token(t) for t in title_mods)
            and not _is_title_token(head) and gz.group_noun(head.lemma_.lower()) is None
            and head.lemma_.lower() not in words().institution_heads
            and gz.organisation(" ".join(t.text for t in [*title_mods, head] if t.pos_ == "PROPN")) is None
            and not _country_of_text(head.text, allow_ambiguous=False))
        if is_person and head.pos_ == "PROPN" and names:
            name_toks = names
            if ent is not None and ent.label_ == "PERSON":
                # titles come before the name; a title word after it is a surname ("Tom King")
                lead = 0
                while lead < len(ent) and (_is_title_token(ent[lead]) or _is_honorific(ent[lead])):
                    lead += 1
                name_toks = list(ent)[lead:] or names
            if _country_of_text(" ".join(t.text for t in name_toks), allow_ambiguous=False):
                pass  # a misread state name ("Kremlin"): fall through to the state check
            else:
                self._person_mention(head, name_toks, title_mods)
                return

        # a state by name, demonym, capital or seat of government
        candidates = []
        if ent is not None and ent.label_ in ("GPE", "NORP", "LOC", "ORG", "FAC", "PERSON"):
            candidates.append((list(ent), ent.label_ in ("GPE", "NORP")))
        chain = [t for t in mods if t.dep_ == "compound" and t.pos_ == "PROPN"] + [head]
        if len(chain) > 1:
            candidates.append((chain, False))
        candidates.append(([head], head.ent_type_ in ("GPE", "NORP")))
        for toks, trusted in candidates:
            text = _surface(toks)
            hit = gz.country(re.sub(r"^the ", "", text, flags=re.I))
            if hit is None or (hit.ambiguous and not trusted):
                continue
            modifier = head.dep_ in ("amod", "compound", "nmod") or (
                head.dep_ == "conj" and head.head.dep_ in ("amod", "compound", "nmod"))
            if hit.kind == "demonym" and modifier and head.head.pos_ in ("NOUN", "PROPN", "ADJ"):
                return  # "Russian oil": a modifier, used by the phrase it modifies
            if hit.kind == "demonym":
                if head.tag_ in ("NNS", "NNPS") or head.text.endswith("s"):
                    # "Palestinians"; but "(ethnic) Albanians of southern Serbia" live in, and are
                    # coded by, the state they live in
                    # (not the state named as holding the place: "of the X-occupied territories")
                    home = [iso for c in head.rights if c.dep_ == "prep" and c.lower_ in ("in", "of")
                            for p in c.children if p.dep_ == "pobj"
                            for iso in _countries_in(t for t in p.subtree if not is_occupier(t))]
                    actor = Actor(head.text, ActorType.ORG, home[0] if home else hit.iso3)
                else:
                    actor = Actor(gz.country_name(hit.iso3), ActorType.COUNTRY, hit.iso3, None, (text,))
            else:
                actor = Actor(gz.country_name(hit.iso3), ActorType.COUNTRY, hit.iso3, None, (text,))
            self._assign(toks, head, [actor])
            self._remember(head, actor)
            return

        # a group: "Indian troops", "Pakistan's foreign office", "the government of Iran"
        group = None
        if head.pos_ in ("NOUN", "PROPN"):
            near = [m for m in mods if m.dep_ in ("amod", "compound") and m.i < head.i
                    and not _countries_in([m])]
            for k in range(min(2, len(near)), -1, -1):
                phrase = " ".join(t.text.lower() for t in near[len(near) - k:]) if k else ""
                group = gz.group_noun(f"{phrase} {head.lemma_.lower()}".strip())
                if group is not None:
                    break
            if group is None and head.lemma_.lower() in words().generic_groups:
                # "opposition groups", "rebel factions": the modifier says what they are
                for m in reversed(near):
                    group = gz.group_noun(m.lemma_.lower())
                    if group is not None:
                        break
        if group is not None:
            countries = _countries_in(mods)
            for child in head.rights:
                # "the government of X"; "police in X" (but "peacekeepers in X" are not X's,
                # nor are "US troops in X" or "its forces in X")
                owned = any(c.dep_ == "poss" for c in head.children)
                if child.dep_ == "prep" and (child.lower_ == "of" or (
                        child.lower_ in ("in", "throughout", "across") and not countries and not owned
                        and not head.lemma_.lower().startswith("peacekeep"))):
                    countries += _countries_in(c for c in child.children if c.dep_ == "pobj")
            if countries:
                # "Hungarian and Romanian officials": one group per state
                coordinated = [m for m in mods if m.dep_ == "conj" and m.head in mods]
                isos = list(dict.fromkeys(countries)) if coordinated else countries[:1]
                actors = []
                for iso in isos:
                    if group.is_government and head.lemma_.lower() in ("government", "administration",
                                                                       "regime", "state", "leadership"):
                        actors.append(Actor(gz.country_name(iso), ActorType.COUNTRY, iso))
                    else:
                        actors.append(Actor(gz.group_label(iso, group), ActorType.ORG, iso))
                self._assign([head, *mods], head, actors)
                for actor in actors:
                    self._remember(head, actor)
                return

        # "residents of X", "the people of X"
        if head.pos_ == "NOUN" and head.lemma_.lower() in words().population_nouns:
            places = [p for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "in", "from")
                      for p in c.children if p.dep_ == "pobj"]
            isos = _countries_in(t for p in places for t in p.subtree)
            if isos:
                noun = gz.GroupNoun(label=head.lemma_.title() + "s", is_government=False)
                actor = Actor(gz.group_label(isos[0], noun), ActorType.ORG, isos[0])
                self._assign([head], head, [actor], certainty=0.8)
                self._remember(head, actor)
                return

        # people or things of a state: "Palestinian detainees", "a U.S. soldier", "Israeli tanks"
        if head.pos_ == "NOUN" and ent is None and (head.tag_ == "NNS" or head.lemma_.lower() in words().person_nouns) \
                and head.lemma_.lower() not in words().thing_nouns and not _is_title_token(head) and head.lemma_.lower() not in words().counterpart_nouns \
                and not any(c.dep_ == "appos" for c in head.children):
            owners = [m for m in mods if m.dep_ in ("amod", "compound", "nmod", "poss") and m.i < head.i]
            hits = [gz.country(m.text) or _state_led(m.text) for m in owners]
            isos = [h.iso3 for h in hits if h is not None and not h.ambiguous and h.kind in ("demonym", "name")]
            if not isos:  # a state named in two words ("South Korean army officers")
                isos = _countries_in([m for m in owners if m.pos_ in ("PROPN", "ADJ")])
            if isos:
                coordinated = [m for m in mods if m.dep_ == "conj" and m.head in owners]
                isos = list(dict.fromkeys(isos + [h.iso3 for h in (gz.country(m.text) for m in coordinated)
                                                  if h is not None and not h.ambiguous]))
                if not coordinated:
                    isos = isos[:1]
                noun = gz.GroupNoun(label=(head.text if head.tag_ == "NNS" else head.lemma_).title(),
                                    is_government=False)
                actors = [Actor(gz.group_label(iso, noun), ActorType.ORG, iso) for iso in isos]
                self._assign([head, *owners], head, actors, certainty=0.8)
                for actor in actors:
                    self._remember(head, actor)
                return

        # any other organisation the model recognised (not a month misread as one)
        if ent is not None and ent.label_ == "ORG" and ent.root == head and \
                ent.text.lower().strip(". ") not in words().calendar_words:
            countries = _countries_in(mods)
            label = re.sub(r"^the\s+", "", ent.text, flags=re.I)
            actor = Actor(label, ActorType.ORG, countries[0] if countries else None)
            self._assign(list(ent), head, [actor], certainty=0.8)
            self._remember(head, actor)

    def _person_key(self, label: str) -> str:
        """Whom a name refers to: its last word, or the one known person it begins
        ("Yoon" after "Yoon Suk Yeol", whose family name comes first)."""
        parts = _name_words(label)
        if not parts:
            return label
        if len(parts) == 1 and parts[0] not in self.persons:
            firsts = [k for k, p in self.persons.items()
                      if len(_name_words(p.label)) > 1 and _name_words(p.label)[0] == parts[0]]
            if len(firsts) == 1:
                return firsts[0]
        return parts[-1]

    def _person(self, label: str, country: str | None, role: str | None,
                fixed: Actor | None = None) -> _Person:
        key = self._person_key(label)
        person = self.persons.get(key)
        if person is None:
            person = self.persons[key] = _Person(label=label, key=key, fixed=fixed)
        elif len(label) > len(person.label) and person.fixed is None:
            person.aliases.add(person.label)
            person.label = label
        person.aliases.add(label)
        person.country = person.country or country
        person.role = person.role or role
        return person

    def _person_mention(self, head: Token, name_toks: list[Token], title_mods: list[Token]) -> None:
        label = gz.strip_honorifics(_surface(name_toks)).strip() or head.text
        label = re.sub(r"\s*['’]s$", "", label).strip()
        title = list(title_mods)
        toks = name_toks + [t for t in title_mods if t.i < head.i]
        owner = _title_owner(head)
        if owner is not None:
            names = _conjuncts_of_appos(owner)
            owner_mods = [t for t in owner.subtree if t.i < owner.i or t == owner]
            # "a member of the Bolivian parliament, X"
            owner_mods += [t for c in owner.rights if c.dep_ == "prep" and c.lower_ == "of" and c.i < head.i
                           for t in c.subtree]
            states = [t for t in owner.lefts if t.dep_ in ("amod", "compound") and _countries_in([t])]
            states += [c for t in list(states) for c in t.children if c.dep_ == "conj" and _countries_in([c])]
            if len(names) > 1 and len(states) == len(names) and head in names:
                # "his Russian and Ukrainian counterparts, X and Y": pair them in order
                title += [states[names.index(head)]]
            else:
                title += [t for t in owner_mods if t not in name_toks]
                if len(names) == 1:
                    toks += [t for t in owner_mods if t.i < head.i and t not in name_toks]
        appos = _appos_title(head)
        if appos:
            self.res.descriptive.update(t.i for t in appos if t.head.i == head.i)
        title += appos
        title = sorted(set(title), key=lambda t: t.i)
        countries = _countries_in(title)
        if not countries:
            # "King Hassan of Morocco", "the Emir of Qatar"
            countries = [iso for c in head.rights if c.dep_ == "prep" and c.lower_ == "of"
                         for p in c.children if p.dep_ == "pobj" for iso in _countries_in([p])]
        role = _role_text(title)
        country = countries[0] if countries else None
        person = self._person(label, country, role)
        if country is None and any(gz.organisation(t.text) is not None for t in title if t.pos_ == "PROPN"):
            person.serves_organisation = True  # "X, UN secretary-general": no state to guess
        self._assign(toks, head, [person.actor()])
        self._remember(head, person.actor())
        self._pending_person_tokens.setdefault(person.key, []).append(head.i)


    def _remember(self, head: Token, actor: Actor) -> None:
        subject = head.dep_ in ("nsubj", "nsubjpass")
        if actor.type is ActorType.PERSON:
            self.recent_persons.append((head.i, actor, subject))
        else:
            self.recent_states.append((head.i, actor, subject))

    def _context_country(self, i: int) -> str | None:
        """The state a person with no stated country most likely serves, from the context.

        In order: the state the person speaks for ("X said London would ..."); the national
        delegation the person leads ("X will lead the Chinese delegation"); the last state
        acting as a subject earlier in the article; the last place someone went to or was in
        ("arrived in the capital") earlier in the article.
        """
        tok = self.doc[i]
        sent = tok.sent
        states = [(j, a, subj) for j, a, subj in self.recent_states if a.country]
        by_token = {j: a for j, a, _ in states}
        if tok.dep_ == "nsubj":
            verb = tok.head
            for c in verb.children:
                if c.dep_ == "ccomp":
                    for sub in c.children:
                        if sub.dep_ in ("nsubj", "nsubjpass") and sub.i in by_token and \
                                by_token[sub.i].type is ActorType.COUNTRY:
                            return by_token[sub.i].country
            if verb.lemma_.lower() in words().leading_verbs:
                for c in verb.children:
                    if c.dep_ == "dobj" and c.i in by_token:
                        return by_token[c.i].country
        person = self.res.by_token.get(i)
        role = (person[0].role or "").lower() if person else ""
        if any(word in role.split() for word in words().leader_words):
            # "President X imposed a curfew in the capital": a national leader with no state
            # named acts at home; the state is the place or people the sentence names
            for t in sent:
                if t.i == i or t.i in self.res.heads and t.dep_ in ("nsubj", "dobj"):
                    continue
                if t.dep_ == "pobj" and t.head.lower_ in ("in", "into", "within", "throughout", "across"):
                    iso = _countries_in([t])
                    if iso:
                        return iso[0]
                if t.dep_ in ("amod", "compound") and t.head.pos_ == "NOUN" and t.head.i not in self.res.heads:
                    hit = gz.country(t.text)
                    if hit is not None and hit.kind == "demonym" and not hit.ambiguous:
                        return hit.iso3
        before = [(j, a, subj) for j, a, subj in states if j < sent.start]
        for _j, a, subj in reversed(before):
            if subj:
                return a.country
        for j, a, _subj in reversed(before):
            t = self.doc[j]
            if t.dep_ == "pobj" and t.head.lower_ in ("in", "to", "at"):
                return a.country
        return None

    def finish_persons(self) -> None:
        """Give every mention of a person the merged actor (full name, country, role)."""
        for key, token_ids in self._pending_person_tokens.items():
            person = self.persons[key]
            if person.country is None and person.fixed is None and token_ids and not person.serves_organisation:
                person.country = self._context_country(min(token_ids))
        merged = {key: self.persons[key].actor() for key in self._pending_person_tokens}
        for i, cur in self.res.by_token.items():
            if len(cur) == 1 and cur[0].type is ActorType.PERSON:
                last = _norm(cur[0].label).split()[-1:]
                if last and last[0] in merged:
                    self.res.by_token[i] = [merged[last[0]]]
        self.recent_persons = [(i, self.res.by_token.get(i, [a])[0], s) for i, a, s in self.recent_persons]

    # -- pass 2: anaphora
    def anaphora(self) -> None:
        for tok in self.doc:
            if tok.i in self.res.by_token:
                continue
            low = tok.lower_
            if tok.pos_ == "PRON" and low in _PERSON_PRONOUNS:
                actor = self._antecedent(tok, self.recent_persons)
                if actor:
                    self._assign([], tok, [actor], certainty=0.8)
            elif tok.pos_ == "PRON" and low in _FIRST_PERSON:
                speaker = self._speaker(tok)
                if speaker is not None:
                    if low in ("we", "us", "our", "ours") and speaker.country:
                        speaker = Actor(gz.country_name(speaker.country), ActorType.COUNTRY, speaker.country)
                    self._assign([], tok, [speaker], certainty=0.7)
            elif tok.pos_ == "PRON" and low in _PLURAL_PRONOUNS:
                # "they": the last group of people (or the pair of states) acting before it
                groups = [(i, a, subj) for i, a, subj in self.recent_states
                          if a.type is ActorType.ORG and self.doc[i].tag_ in ("NNS", "NNPS")]
                pair = self._recent_pair(tok)
                actor = self._antecedent(tok, groups)
                if pair and (actor is None or pair[0] > max(i for i, a, _ in groups if a == actor)):
                    self._assign([], tok, pair[1], certainty=0.7)  # "the two leaders ... they"
                elif actor:
                    self._assign([], tok, [actor], certainty=0.7)
            elif tok.pos_ == "PRON" and low in _STATE_PRONOUNS:
                actor = self._antecedent(tok, self.recent_states)
                if actor:
                    self._assign([], tok, [actor], certainty=0.7)
            elif tok.pos_ == "NOUN" and tok.lemma_.lower() in words().pair_person_nouns | words().pair_state_nouns and (
                    any(c.lower_ in _PAIR_DETERMINERS for c in tok.children)):
                states = tok.lemma_.lower() in words().pair_state_nouns
                pair = self._pair(tok, states)
                if pair:
                    self._assign([c for c in tok.children if c.lower_ in _PAIR_DETERMINERS], tok, pair,
                                 certainty=0.7)
            elif tok.pos_ == "NOUN" and tok.tag_ == "NN" and any(c.lower_ == "the" for c in tok.children) \
                    and gz.is_title_word(tok.text) and not any(c.dep_ in ("poss", "amod", "compound") for c in tok.children):
                actor = self._by_role(tok)
                if actor:
                    self._assign([], tok, [actor], certainty=0.7)

    def _speaker(self, tok: Token) -> Actor | None:
        """Who says a quoted "I" or "we": the subject of the sentence's verb of saying."""
        sent = tok.sent
        quotes = [t.i for t in sent if t.text in _QUOTE_MARKS or t.text.startswith("'") and t.text == "'"]
        if not quotes or not any(q < tok.i for q in quotes):
            return None
        for verb in sent:
            if verb.pos_ == "VERB" and verb.lemma_.lower() in words().saying_verbs:
                for c in verb.children:
                    if c.dep_ == "nsubj" and c.i in self.res.by_token and not (quotes[0] < c.i < quotes[-1]):
                        actors = self.res.by_token[c.i]
                        if len(actors) == 1:
                            return actors[0]
        return None

    def _recent_pair(self, tok: Token) -> tuple[int, list[Actor]] | None:
        """The last mention of several actors at once ("X and Y", "the two leaders") before
        ``tok``, in its sentence or the one before."""
        sent = tok.sent
        start = self.doc[sent.start - 1].sent.start if sent.start else sent.start
        best: tuple[int, list[Actor]] | None = None
        for i in range(start, tok.i):
            actors = self.res.by_token.get(i, [])
            if len(actors) >= 2:
                best = (i, actors)
            elif actors and self.doc[i].dep_ in ("nsubj", "nsubjpass"):
                conj = [self.res.by_token.get(c.i, [None])[0] for c in self.doc[i].children if c.dep_ == "conj"]
                conj = [a for a in conj if a is not None]
                if conj:
                    best = (i, [actors[0], *conj])
        return best

    def _antecedent(self, tok: Token, pool: list[tuple[int, Actor, bool]]) -> Actor | None:
        before = [(i, a, s) for i, a, s in pool if i < tok.i]
        if not before:
            return None
        sent_start = tok.sent.start
        in_sentence = [(i, a, s) for i, a, s in before if i >= sent_start]
        # a pronoun inside a clause refers back to the sentence's subject first
        for _i, a, s in reversed(in_sentence):
            if s:
                return a
        if in_sentence:
            return in_sentence[-1][1]
        for _i, a, s in reversed(before):
            if s:
                return a
        return before[-1][1]

    def _pair(self, tok: Token, states: bool) -> list[Actor]:
        seen: list[Actor] = []
        pool = sorted(self.recent_persons + self.recent_states, key=lambda m: m[0])  # by token only
        for i, actor, _ in reversed(pool):
            if i >= tok.i:
                continue
            if states:
                if not actor.country:
                    continue
                actor = Actor(gz.country_name(actor.country), ActorType.COUNTRY, actor.country)
            elif actor.type is not ActorType.PERSON:
                continue
            if all(a.id != actor.id for a in seen):
                seen.append(actor)
            if len(seen) == 2:
                return seen
        return []

    def _by_role(self, tok: Token) -> Actor | None:
        word = tok.lemma_.lower()
        for i, actor, _ in reversed(self.recent_persons):
            if i < tok.i and actor.role and word in actor.role.lower():
                return actor
        return None


def resolve(doc: Doc, *, user_actors: Sequence[UserActor] = (), date: dt.date | None = None) -> Resolution:
    """Resolve every actor mention in ``doc``.

    Parameters
    ----------
    doc
        A parsed article (it is not changed).
    user_actors
        The user's actor list (``--actors``); a match wins over inference.
    date
        The article's date, to choose among user actors valid at different times.
    """
    r = _Resolver(doc, user_actors, date)
    r.named_mentions()
    r.finish_persons()
    r.anaphora()
    return r.res

