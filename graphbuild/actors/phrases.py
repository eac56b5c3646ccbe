"""Reading noun phrases of a parse: names, titles, modifiers and the states they name.

Helpers of the actor recognisers (:mod:`graphbuild.actors.recognisers`); each is a pure
function of tokens of a parsed ``Doc``, which it never changes.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from operator import attrgetter
from typing import TYPE_CHECKING

from . import gazetteer as gz
from .people import people_noun, people_noun_ends
from .sectors import sector_of_words
from .words import words

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

_MODIFIER_DEPS = {"compound", "amod", "poss", "nmod", "det", "case", "punct", "nummod", "npadvmod"}
_POSSESSIVE = re.compile(r"'s$")
_NOT_WORD = re.compile(r"[^\w\s-]")
_LEADING_THE = re.compile(r"^the ", re.I)
_position = attrgetter("i")  # a token's place in its doc, the sort key of token lists


@functools.lru_cache(maxsize=1 << 16)  # a pure function of the string, called for every mention
def norm(text: str) -> str:
    text = text.replace("’", "'").strip()
    text = _POSSESSIVE.sub("", text)
    return " ".join(_NOT_WORD.sub(" ", text.lower()).split())


@functools.lru_cache(maxsize=1 << 16)  # a pure function of the string, called for every mention
def _country_hit(text: str):
    """The state ``text`` names (also after "the ", or as "<state>-led"), ambiguous or not."""
    text = text.strip()
    if not text:
        return None
    hit = gz.country(text)
    if hit is None and text.lower().startswith("the "):
        hit = gz.country(text[4:])
    if hit is None:
        hit = state_led(text)
    return hit


def country_of_text(text: str, *, allow_ambiguous: bool = True) -> str | None:
    hit = _country_hit(text)
    if hit is None or (hit.ambiguous and not allow_ambiguous):
        return None
    return hit.iso3


@functools.cache
def _led_pattern() -> re.Pattern[str]:
    """"<state>-led", "<state>-backed" ...: the suffixes of ``words().state_led_suffixes``."""
    return re.compile(r"^(.+?)-(?:" + "|".join(sorted(words().state_led_suffixes)) + ")$", re.I)


@functools.lru_cache(maxsize=1 << 16)  # a pure function of the string, called for every mention
def state_led(text: str):
    """"Vietnamese-led forces", "Iranian-backed militias": the state that leads them."""
    m = _led_pattern().match(text.strip())
    return gz.country(m.group(1)) if m else None




def is_occupier(tok: Token) -> bool:
    """"Israeli" in "the Israeli-occupied territories": the state holding a place, not the place's."""
    doc = tok.doc
    return tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and doc[tok.i + 2].lower_ in words().holding_words


def ent_of(token: Token) -> Span | None:
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


_INSIDE, _OUTSIDE = 1, 2  # spaCy's ENT_IOB codes of "I" and "O"


def entity_bounds(tokens: Sequence[Token]) -> list[tuple[int, int, int] | None]:
    """Per token of a doc (``tokens``: all of them, in order), the ``(start, end, label)`` of
    the entity :func:`ent_of` gives it (None where it gives none), read in one pass over the
    doc's IOB tags.

    Examples
    --------
    >>> from spacy.vocab import Vocab
    >>> from spacy.tokens import Doc
    >>> doc = Doc(Vocab(), words=["New", "Delhi", "said"], ents=["B-GPE", "I-GPE", "O"])
    >>> [(b[0], b[1], doc.vocab.strings[b[2]]) if b else None for b in entity_bounds(list(doc))]
    [(0, 2, 'GPE'), (0, 2, 'GPE'), None]
    """
    tags = [(t.ent_iob, t.ent_type) for t in tokens]
    out: list[tuple[int, int, int] | None] = [None] * len(tags)
    start = 0
    # the tokens from one that is not inside an entity up to the next such token read the
    # same entity: ent_of walks back to the first and forward to just before the next
    for end in [*(i for i in range(1, len(tags)) if tags[i][0] != _INSIDE), len(tags)]:
        label = tags[start][1]
        for i in range(start, end):
            iob, kind = tags[i]
            if iob != _OUTSIDE and kind:
                out[i] = (start, end, label)
        start = end
    return out


def name_words(label: str) -> list[str]:
    """The words of a name, hyphens split ("al-Thani" is found again as "Thani")."""
    return list(name_word_tuple(label))


@functools.lru_cache(maxsize=1 << 16)  # a pure function of the string, asked for every person
def name_word_tuple(label: str) -> tuple[str, ...]:
    """:func:`name_words` as a tuple (memoised)."""
    return tuple(norm(label).replace("-", " ").split())


def span_text(tokens: Sequence[Token]) -> str:
    """The text of the span ``tokens`` are, in order and adjacent (``Span.text``, without
    building the span)."""
    if not tokens:
        return ""
    return "".join([t.text_with_ws for t in tokens[:-1]]) + tokens[-1].text


def surface(tokens: Sequence[Token]) -> str:
    """The tokens as the text writes them ("al-Thani", not "al - Thani")."""
    toks = sorted(tokens, key=_position)
    if len(toks) == 1:
        return toks[0].text
    if not toks:
        return ""
    first, last = toks[0].i, toks[-1].i
    if last - first == len(toks) - 1:
        if all(t.i == first + k for k, t in enumerate(toks)):
            return span_text(toks)
        return toks[0].doc[first:last + 1].text
    return " ".join(t.text for t in toks)


def is_title_token(tok: Token) -> bool:
    return gz.is_title_word(tok.text)


def is_honorific(tok: Token) -> bool:
    return gz.strip_honorifics(tok.text) == ""


def left_modifiers(head: Token) -> list[Token]:
    """The tokens before ``head`` inside its noun phrase (compounds, adjectives, possessives)."""
    out: dict[int, Token] = {}
    amod = None  # whether head is an adjective modifier: the head of each of its left children
    for child in head.lefts:
        dep = child.dep_
        if dep in ("cc", "conj") and amod is None:
            amod = head.dep_ == "amod"
        if dep in _MODIFIER_DEPS or dep in ("cc", "conj") and amod:
            for t in child.subtree:
                out[t.i] = t
    return [out[i] for i in sorted(out)]


def name_tokens(head: Token, modifiers: Sequence[Token]) -> list[Token]:
    """The run of proper-noun tokens that ends at ``head`` and is a name, not a title."""
    run = [head]
    for tok in reversed([m for m in modifiers if m.i < head.i]):
        if tok.i != run[0].i - 1:
            break
        if tok.pos_ != "PROPN" or is_title_token(tok) or is_honorific(tok):
            break
        if country_of_text(tok.text, allow_ambiguous=False) and tok.ent_type_ not in ("PERSON",):
            break
        run.insert(0, tok)
    return run


def countries_in(tokens: Iterable[Token]) -> list[str]:
    """Countries named in ``tokens`` (a multi-word name such as "New Delhi" counts once)."""
    toks = list(tokens)
    if len(toks) == 1:  # a single token, as most callers ask of
        found: list[str] = []
        _country_of_token(toks[0], found)
        return found
    toks = sorted(set(toks), key=_position)
    if not toks:
        return []
    found = []
    n = len(toks)
    if n > 1:
        at = [t.i for t in toks]
        texts = [t.text for t in toks]
        breaks = [t.dep_ in ("case", "punct") for t in toks]
    i = 0
    while i < n:
        width = _name_at(at, texts, breaks, i) if n > 1 else 0
        if width:
            # a name of several words is read whole, even when it is not a state for sure
            # ("Northern Ireland" is not Ireland)
            iso = country_of_text(" ".join(texts[i:i + width]), allow_ambiguous=False)
            if iso:
                found.append(iso)
            i += width
            continue
        _country_of_token(toks[i], found)
        i += 1
    return found


def _name_at(at: list[int], texts: list[str], breaks: list[bool], i: int) -> int:
    """The width (4, 3 or 2) of the run of adjacent tokens from ``i`` that names a state, or 0."""
    n = len(at)
    for width in (4, 3, 2):
        end = i + width
        if end <= n and at[end - 1] - at[i] == width - 1 and not any(breaks[i:end]):
            text = " ".join(texts[i:end])
            if gz.country(text) is not None or state_led(text) is not None:
                return width
    return 0


def _country_of_token(tok: Token, found: list[str]) -> None:
    """Add to ``found`` the state one token names, alone or as part of its entity."""
    ent_type = tok.ent_type_
    ent = ent_of(tok) if ent_type in ("GPE", "LOC", "NORP") else None
    whole = gz.country(_LEADING_THE.sub("", ent.text)) if ent is not None and len(ent) > 1 else None
    if whole is not None:
        # the token is part of a longer name ("Ireland" in "Northern Ireland"), which the
        # entity label vouches for
        if (not whole.ambiguous or ent.label_ in ("GPE", "NORP")) and whole.iso3 not in found:
            found.append(whole.iso3)
        return
    if tok.pos_ in ("PROPN", "ADJ", "NOUN") or ent_type in ("GPE", "NORP", "LOC"):
        hit = _country_hit(tok.text)
        if hit is None:
            return
        # an ambiguous name is a state when tagged as one or owning a title ("Niger's envoy")
        if hit.ambiguous and not (ent_type in ("GPE", "NORP") or any(c.dep_ == "case" for c in tok.children)):
            return
        if hit.iso3:
            found.append(hit.iso3)


def owner_states(head: Token, modifiers: Sequence[Token]) -> tuple[list[Token], list[str]]:
    """The modifiers before ``head`` that may say whose it is ("Palestinian detainees", "a U.S.
    soldier"), and the states they name for sure: by name or demonym, else as a state named
    in two words ("South Korean army officers")."""
    owners = [m for m in modifiers if m.dep_ in ("amod", "compound", "nmod", "poss") and m.i < head.i]
    hits = [gz.country(m.text) or state_led(m.text) for m in owners]
    isos = [h.iso3 for h in hits if h is not None and not h.ambiguous and h.kind in ("demonym", "name")]
    if not isos:
        isos = countries_in([m for m in owners if m.pos_ in ("PROPN", "ADJ")])
    return owners, isos


def role_text(tokens: Sequence[Token]) -> str | None:
    """The office as the text gives it, less the leading state word ("India's", "Russian")."""
    toks = [t for t in tokens if not is_honorific(t)]
    while toks and (toks[0].dep_ in ("det", "case", "punct", "poss")
                    or toks[0].pos_ in ("DET", "PUNCT", "PART")
                    or country_of_text(toks[0].text, allow_ambiguous=False)):
        toks.pop(0)
    while toks and (toks[-1].pos_ in ("PUNCT", "ADP", "CCONJ", "DET", "PART")):
        toks.pop()
    if not toks or not any(is_title_token(t) and t.lemma_.lower() not in words().counterpart_nouns for t in toks):
        return None
    doc = toks[0].doc
    return " ".join(doc[toks[0].i:toks[-1].i + 1].text.split())


def appos_title(head: Token) -> list[Token]:
    """The title in an apposition after a name: "X, Secretary of Russia's Security Council"."""
    for child in head.rights:
        comma_conj = child.dep_ == "conj" and child.i >= 2 and any(
            t.text == "," for t in head.doc[head.i + 1:child.i]) and not any(
            t.dep_ == "cc" for t in head.doc[head.i + 1:child.i])
        if (child.dep_ == "appos" or comma_conj) and child.pos_ in ("NOUN", "PROPN"):
            end = clause_end(child)
            toks = [t for t in child.subtree if t.i <= end]
            if any(is_title_token(t) for t in toks) or child.lemma_.lower() in words().descriptor_nouns:
                return toks
    return []


def title_owner(head: Token) -> Token | None:
    """The common noun a name stands in apposition to: "the minister, X" -> minister."""
    cur = head
    while cur.dep_ == "conj" and cur.head != cur:
        cur = cur.head
    if cur.dep_ == "appos" and cur.head.pos_ in ("NOUN", "PROPN") and (
            is_title_token(cur.head) or cur.head.lemma_.lower() in words().counterpart_nouns
            or cur.head.lemma_.lower() in words().descriptor_nouns):
        return cur.head
    return None


def conjuncts_of_appos(owner: Token) -> list[Token]:
    out: list[Token] = []
    for child in owner.children:
        if child.dep_ == "appos":
            stack = [child]
            while stack:
                cur = stack.pop(0)
                out.append(cur)
                stack.extend(c for c in cur.children if c.dep_ == "conj")
    return out


def clause_end(tok: Token) -> int:
    """The last token of ``tok``'s phrase before a coordination ("... and a close aide to")."""
    end = tok.i
    for t in tok.subtree:
        if t.i > tok.i and (t.dep_ in ("cc", "conj") and t.head == tok or t.text in (",", ";")):
            break
        end = t.i
    return end




def may_name_an_actor(head: Token, *,
                      read_modifiers: Callable[[Token], Sequence[Token]] | None = None) -> bool:
    """A cheap test that rules out most common nouns and adjectives before the full one.

    It is made for a head with no entity type, read without a user's actor list (the
    resolver tries every other head): a common noun in no lexicon is tried only when it has
    modifiers or an "of" or "in" phrase after it, and then names an actor only through the
    modifiers that :func:`_modifiers_may_name` asks of (no recogniser reads the phrase after
    such a noun). ``read_modifiers`` reads the head's :func:`left_modifiers` (a caller's cache
    of them), if given.
    """
    pos = head.pos_
    if pos == "PROPN":
        return True
    if pos == "ADJ":
        return gz.country(head.text) is not None
    lemma = head.lemma_.lower()
    w = words()
    if (lemma in w.person_nouns or lemma in w.population_nouns or lemma in w.generic_groups
            or people_noun(lemma) is not None
            or gz.group_noun(lemma) is not None or gz.is_title_word(head.text)
            or gz.organisation(head.text) is not None or gz.country(head.text) is not None):
        return True
    if not (any(c.dep_ in ("amod", "compound", "poss", "nmod") for c in head.lefts)
            or any(c.dep_ == "prep" and c.lower_ in ("of", "in") for c in head.rights)):
        return False
    return _modifiers_may_name(head, lemma, (read_modifiers or left_modifiers)(head))


def _modifiers_may_name(head: Token, lemma: str, modifiers: Sequence[Token]) -> bool:
    """Whether the modifiers of a common noun in no lexicon may make its phrase name an actor,
    as the recognisers read it: a plural noun may be people or things of the state its
    modifiers name ("Israeli tanks"); proper-noun compounds may make a state's name with it;
    a noun with a sector may be a group a state leads ("Saudi-led militias"); and the phrase
    may be an organisation's name ("Security Council"), a group noun ("foreign office") or a
    people noun ("aid workers") only where the noun is the last word of one."""
    chain = [t for t in modifiers if t.dep_ == "compound" and t.pos_ == "PROPN"]
    return (head.tag_ == "NNS" and bool(owner_states(head, modifiers)[1])
            or bool(chain) and _country_hit(surface([*chain, head])) is not None
            or sector_of_words([head.lemma_]) is not None
            or gz.may_end_a_name(head.text) or gz.may_end_a_name(lemma)
            or lemma in people_noun_ends())
