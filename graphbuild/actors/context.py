"""The state of resolving one article: what its mentions have said so far, and coreference.

:class:`Context` is what a recogniser (:mod:`graphbuild.actors.recognisers`) reads besides the
parse: the user's actors valid on the article's date, the persons the article has named, and
cached parts of each head's noun phrase. It applies the :class:`Mention` a recogniser returns,
then merges what the article says of each person (:meth:`Context.finish_persons`) and resolves
pronouns, "the minister", "the two leaders" and "both sides" to earlier actors
(:meth:`Context.anaphora`). Nothing here changes the ``Doc``.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..types import Actor, ActorType, Sector
from . import gazetteer as gz
from .knowledge import OfficeTable, load_office_table
from .phrases import entity_bounds, left_modifiers, may_name_an_actor, name_tokens, name_word_tuple, name_words, norm
from .user import UserActor
from .words import words

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

__all__ = ["NOT_AN_ACTOR", "Context", "Mention", "Resolution"]

_PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
_STATE_PRONOUNS = {"it", "its", "itself"}
_PLURAL_PRONOUNS = {"they", "them", "their", "themselves"}
_FIRST_PERSON = {"i", "me", "my", "we", "us", "our"}
_PAIR_DETERMINERS = {"both", "two"}
# words inside a name that never stand for it alone ("da" in "Ana Mendes da Costa")
_NAME_PARTICLES = {"da", "de", "do", "dos", "das", "di", "du", "del", "della", "van", "von", "der",
                   "den", "le", "la", "el", "al", "bin", "ibn", "bint", "ben", "y", "e"}
#: Entity types of times and amounts: at a common noun, the recognisers read such an entity
#: only as the text of an organisation's name (the others ask for no entity, or a person's,
#: a state's or an organisation's).
_MEASURES = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
_QUOTE_MARKS = {'"', "“", "”", "«", "»", "``", "''"}


@functools.lru_cache(maxsize=1 << 16)  # a pure function of the string, asked of every token
def _has_alnum(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


@dataclass(frozen=True)
class Mention:
    """What a recogniser found at a head: the tokens of the mention and the actors they stand for.

    ``person`` is the key of the article's person the mention names (so that every mention
    of the person gets the merged actor); ``descriptive`` the heads of phrases that describe
    the person ("X, Secretary of the Council"), which are not actors themselves. A mention
    without actors (:data:`NOT_AN_ACTOR`) says the head names no actor.
    """

    tokens: tuple[Token, ...] = ()
    actors: tuple[Actor, ...] = ()
    certainty: float = 1.0
    person: str | None = None
    descriptive: tuple[int, ...] = ()


#: A recogniser's answer for a head that names no actor (a treaty, "Russian oil").
NOT_AN_ACTOR = Mention()

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
    sector: Sector | None = None

    def actor(self) -> Actor:
        if self.fixed is not None:
            return self.fixed
        aliases = tuple(sorted(a for a in self.aliases if a != self.label))
        return Actor(self.label, ActorType.PERSON, self.country, self.role, aliases, sector=self.sector)


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


class Context:
    """One article being resolved; see the module notes.

    Examples
    --------
    >>> from spacy.vocab import Vocab
    >>> from spacy.tokens import Doc
    >>> ctx = Context(Doc(Vocab(), words=["Hello"]))
    >>> ctx.persons, ctx.user
    ({}, {})
    """

    def __init__(self, doc: Doc, user_actors: Sequence[UserActor] = (), day: dt.date | None = None,
                 offices: OfficeTable | None = None):
        self.doc = doc
        self.day = day
        self._offices = offices
        self.res = Resolution()
        self.persons: dict[str, _Person] = {}
        self.user: dict[str, UserActor] = {}
        for ua in user_actors:
            if ua.valid_on(day):
                for alias in (ua.name, *ua.aliases):
                    self.user[norm(alias)] = ua
        self.taken: set[int] = set()
        # salience for coreference: most recent last
        self.recent_persons: list[tuple[int, Actor, bool]] = []  # (token, actor, was_subject)
        self.recent_states: list[tuple[int, Actor, bool]] = []
        self._pending_person_tokens: dict[str, list[int]] = {}
        self._mods: dict[int, list[Token]] = {}
        self._ent_bounds: list[tuple[int, int, int] | None] | None = None  # see entity()
        self._ents: dict[tuple[int, int, int], Span] = {}
        self._tokens: list[Token] | None = None  # the doc's tokens, once named_mentions has read them
        # what recognisers read of a head more than once, keyed by (what, token index)
        self.memo: dict[tuple[str, int], object] = {}

    # -- what recognisers read
    @property
    def offices(self) -> OfficeTable:
        """The office-holder table that names the holder of an office on the article's date."""
        if self._offices is None:
            self._offices = load_office_table()
        return self._offices

    def modifiers(self, head: Token) -> list[Token]:
        """The tokens before ``head`` inside its noun phrase (compounds, adjectives, possessives)."""
        if head.i not in self._mods:
            self._mods[head.i] = left_modifiers(head)
        return self._mods[head.i]

    def entity(self, head: Token) -> Span | None:
        """The named entity ``head`` is part of, if any (:func:`~.phrases.ent_of`, with the
        doc's IOB tags read once and one span made per entity)."""
        if self._ent_bounds is None:
            self._ent_bounds = entity_bounds(self._tokens if self._tokens is not None else list(self.doc))
        bounds = self._ent_bounds[head.i]
        if bounds is None:
            return None
        if bounds not in self._ents:
            from spacy.tokens import Span

            self._ents[bounds] = Span(self.doc, bounds[0], bounds[1], label=bounds[2])
        return self._ents[bounds]

    def names(self, head: Token) -> list[Token]:
        """The proper nouns of a name ending at ``head`` (none if ``head`` is no proper noun)."""
        return name_tokens(head, self.modifiers(head)) if head.pos_ == "PROPN" else []

    def user_actor(self, text: str) -> Actor | None:
        """The user's actor ``text`` names, if any."""
        if not self.user:
            return None
        ua = self.user.get(norm(text))
        return ua.actor() if ua else None

    def person_key(self, label: str) -> str:
        """Whom a name refers to: its last word, or the one known person whose full name it
        is a word of: a family name written first ("Yoon" after "Yoon Suk Yeol"), a given
        name, or one of several family names ("Mendes" after "Ana Mendes da Costa")."""
        parts = name_words(label)
        if not parts:
            return label
        word = parts[0]
        if len(parts) == 1 and word not in self.persons and word not in _NAME_PARTICLES:
            holders = [k for k, p in self.persons.items() if word in name_word_tuple(p.label)[:-1]]
            if len(holders) == 1:
                return holders[0]
        return parts[-1]

    def person(self, label: str, country: str | None, role: str | None,
               fixed: Actor | None = None, sector: Sector | None = None) -> _Person:
        """The article's person ``label`` names, created or updated with what is said of them."""
        key = self.person_key(label)
        person = self.persons.get(key)
        if person is None:
            person = self.persons[key] = _Person(label=label, key=key, fixed=fixed)
        elif len(label) > len(person.label) and person.fixed is None:
            person.aliases.add(person.label)
            person.label = label
        person.aliases.add(label)
        person.country = person.country or country
        person.role = person.role or role
        person.sector = person.sector or sector
        return person

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

    def _remember(self, head: Token, actor: Actor) -> None:
        subject = head.dep_ in ("nsubj", "nsubjpass")
        if actor.type is ActorType.PERSON:
            self.recent_persons.append((head.i, actor, subject))
        else:
            self.recent_states.append((head.i, actor, subject))

    def apply(self, head: Token, mention: Mention) -> None:
        """Record a recogniser's mention at ``head``."""
        if not mention.actors:
            return
        self.res.descriptive.update(mention.descriptive)
        self._assign(mention.tokens, head, list(mention.actors), certainty=mention.certainty)
        for actor in mention.actors:
            self._remember(head, actor)
        if mention.person is not None:
            self._pending_person_tokens.setdefault(mention.person, []).append(head.i)

    # -- pass 1: named mentions
    def _may_head_a_mention(self, head: Token) -> bool:
        if head.i in self.taken or head.pos_ not in ("PROPN", "NOUN", "ADJ"):
            return False
        if head.dep_ in ("compound", "punct"):
            parent = head.head
            if parent.pos_ == "PROPN" and parent.i > head.i:
                return False  # part of a longer name ("al-Thani"); read at its head
        if not _has_alnum(head.text):
            return False
        ent_type = head.ent_type_
        if self.user or ent_type and not (ent_type in _MEASURES and head.pos_ == "NOUN"):
            return True
        if ent_type:  # "last week", "two years": read as a common noun, or an organisation's name
            ent = self.entity(head)
            if ent is not None and gz.organisation(ent.text) is not None:
                return True
        return may_name_an_actor(head, read_modifiers=self.modifiers) or self.names_known_person(head)

    def names_known_person(self, head: Token) -> bool:
        """A capitalised word that is a name of a person the article has named (the parser
        sometimes tags a lone surname as a common noun)."""
        if head.pos_ != "PROPN" and not (head.pos_ == "NOUN" and head.text[:1].isupper()):
            return False
        return self.person_key(head.text) in self.persons

    def named_mentions(self, recognisers: Sequence[Callable[[Token, Context], Mention | None]]) -> None:
        """Try ``recognisers`` in order at every head that may name an actor."""
        self._tokens = list(self.doc)  # read once, for this pass and the pronouns' (anaphora)
        for head in self._tokens:
            if not self._may_head_a_mention(head):
                continue
            for recognise in recognisers:
                mention = recognise(head, self)
                if mention is not None:
                    self.apply(head, mention)
                    break

    # -- persons without a stated country
    def _spoken_for(self, tok: Token, by_token: dict[int, Actor]) -> str | None:
        """The state a subject speaks for ("X said London would ...") or the national
        delegation the subject leads ("X will lead the Chinese delegation")."""
        if tok.dep_ != "nsubj":
            return None
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
        return None

    def _context_country(self, i: int) -> str | None:
        """The state a person with no stated country serves, from the context: the state the
        person speaks for or leads a delegation of. Never the place where the event happens,
        a dateline, or a state merely named before."""
        states = {j: a for j, a, _ in self.recent_states if a.country}
        return self._spoken_for(self.doc[i], states)

    def finish_persons(self) -> None:
        """Give every mention of a person the merged actor (full name, country, role)."""
        for key, token_ids in self._pending_person_tokens.items():
            person = self.persons[key]
            if person.country is None and person.fixed is None and token_ids and not person.serves_organisation:
                person.country = self._context_country(min(token_ids))
        merged = {key: self.persons[key].actor() for key in self._pending_person_tokens}
        for i, cur in self.res.by_token.items():
            if len(cur) == 1 and cur[0].type is ActorType.PERSON:
                last = norm(cur[0].label).split()[-1:]
                if last and last[0] in merged:
                    self.res.by_token[i] = [merged[last[0]]]
        self.recent_persons = [(i, self.res.by_token.get(i, [a])[0], s) for i, a, s in self.recent_persons]

    # -- pass 2: anaphora
    def anaphora(self) -> None:
        """Resolve pronouns and anaphoric nouns to the actors named before them."""
        for tok in self._tokens if self._tokens is not None else self.doc:
            if tok.i in self.res.by_token:
                continue
            if tok.pos_ == "PRON":
                self._pronoun(tok)
            elif tok.pos_ == "NOUN":
                self._anaphoric_noun(tok)

    def _pronoun(self, tok: Token) -> None:
        low = tok.lower_
        if low in _PERSON_PRONOUNS:
            actor = self._antecedent(tok, self.recent_persons)
            if actor:
                self._assign([], tok, [actor], certainty=0.8)
        elif low in _FIRST_PERSON:
            speaker = self._speaker(tok)
            if speaker is not None:
                if low in ("we", "us", "our", "ours") and speaker.country:
                    speaker = Actor(gz.country_name(speaker.country), ActorType.COUNTRY, speaker.country)
                self._assign([], tok, [speaker], certainty=0.7)
        elif low in _PLURAL_PRONOUNS:
            self._they(tok)
        elif low in _STATE_PRONOUNS:
            actor = self._antecedent(tok, self.recent_states)
            if actor:
                self._assign([], tok, [actor], certainty=0.7)

    def _they(self, tok: Token) -> None:
        """"they": the last group of people (or the pair of actors) acting before it."""
        groups = [(i, a, subj) for i, a, subj in self.recent_states
                  if a.type is ActorType.ORG and self.doc[i].tag_ in ("NNS", "NNPS")]
        pair = self._recent_pair(tok)
        actor = self._antecedent(tok, groups)
        if pair and (actor is None or pair[0] > max(i for i, a, _ in groups if a == actor)):
            self._assign([], tok, pair[1], certainty=0.7)  # "the two leaders ... they"
        elif actor:
            self._assign([], tok, [actor], certainty=0.7)

    def _anaphoric_noun(self, tok: Token) -> None:
        """"the two leaders", "both sides"; "the minister"."""
        lemma = tok.lemma_.lower()
        w = words()
        if (lemma in w.pair_person_nouns or lemma in w.pair_state_nouns) and (
                any(c.lower_ in _PAIR_DETERMINERS for c in tok.children)):
            pair = self._pair(tok, lemma in w.pair_state_nouns)
            if pair:
                self._assign([c for c in tok.children if c.lower_ in _PAIR_DETERMINERS], tok, pair,
                             certainty=0.7)
        elif tok.tag_ == "NN" and gz.is_title_word(tok.text) and any(c.lower_ == "the" for c in tok.children) \
                and not any(c.dep_ in ("poss", "amod", "compound") for c in tok.children):
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


