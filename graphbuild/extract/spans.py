"""Where an event's actors are mentioned: the character offsets of the subject and object phrases.

The mention of an actor is its phrase in the sentence, as the resolver read it: the name with
its title and the words that give its country ("Foreign Minister Jane Roe", "Chile's envoy"),
a group ("the two leaders", "Hungarian and Romanian officials"), and, for an actor resolved
from a pronoun or a short name, that pronoun or name ("he", "Roe"), not the earlier full name.
An apposition resolved to the same actor, or describing it, is part of the mention ("her
counterpart, John Doe", "John Doe, Peru's envoy").
Offsets are those of the parsed text, which keeps the article's offsets (see
:mod:`graphbuild.prefilter`); an article parsed in blocks has its block's offset added by the
pipeline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..actors.resolve import Resolution
from ..types import Actor

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

__all__ = ["mention_span"]

# Modifiers that belong to the phrase of a noun the resolver did not map ("the allegations",
# "a US request"): what stands before the head and names it.
_PHRASE_DEPS = frozenset({"det", "amod", "compound", "nummod", "poss", "nmod", "quantmod", "case"})
# Tokens a mention neither starts nor ends with: "Russia's" is the mention "Russia".
_EDGE_DEPS = frozenset({"punct", "case", "cc", "prep"})
# What ends the description of an apposition: "X, an envoy who ...".
_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "punct", "cc", "conj"})


def mention_span(tok: Token, actor: Actor, res: Resolution) -> tuple[int, int]:
    """Character offsets, in the Doc's text, of the phrase at ``tok`` that names ``actor``.

    The phrase is the run of tokens around ``tok``, within its subtree, that the resolver maps
    to ``actor`` (commas inside it allowed, so that an apposition joins); a token the resolver
    did not map to the actor stands with the words before it that modify it.

    Examples
    --------
    >>> from spacy.tokens import Doc
    >>> from spacy.vocab import Vocab
    >>> from graphbuild.actors.resolve import resolve
    >>> doc = Doc(Vocab(), words=["The", "Chilean", "envoy", "met", "Ottawa"],
    ...           pos=["DET", "ADJ", "NOUN", "VERB", "PROPN"], heads=[2, 2, 3, 3, 3],
    ...           deps=["det", "amod", "nsubj", "ROOT", "dobj"], ents=["O", "O", "O", "O", "B-GPE"])
    >>> res = resolve(doc)
    >>> canada = res.actors(doc[4])[0]
    >>> start, end = mention_span(doc[4], canada, res)
    >>> doc.text[start:end]
    'Ottawa'
    """
    actor_id = actor.id
    if not any(a.id == actor_id for a in res.actors(tok)):
        return _phrase(tok)

    def names(t: Token) -> bool:
        return any(a.id == actor_id for a in res.actors(t))

    inside = {t.i for t in tok.subtree}
    doc = tok.doc
    first = last = tok.i
    while first - 1 in inside and (names(doc[first - 1]) or (
            doc[first - 1].dep_ == "punct" and first - 2 in inside and names(doc[first - 2]))):
        first -= 1
    while last + 1 in inside and (names(doc[last + 1]) or (
            doc[last + 1].dep_ == "punct" and last + 2 in inside and names(doc[last + 2]))):
        last += 1
    for appos in (c for c in tok.rights if c.dep_ == "appos" and c.i in res.descriptive):
        if appos.left_edge.i <= last + 2:  # "X, Peru's foreign minister,": the title after the name
            last = max(last, _described_until(appos))
    return _trimmed(doc, _modified_from(tok, first), last, tok.i)


def _described_until(appos: Token) -> int:
    """The last token of a describing apposition, without a clause hanging on it."""
    last = appos.i
    for child in appos.rights:
        if child.dep_ in _CLAUSE_DEPS:
            break
        last = child.right_edge.i
    return last


def _phrase(tok: Token) -> tuple[int, int]:
    """The noun at ``tok`` with the modifiers before it: "the allegations", "US"."""
    return _trimmed(tok.doc, _modified_from(tok, tok.i), tok.i, tok.i)


def _modified_from(tok: Token, first: int) -> int:
    """Where the phrase starting at ``first`` starts with the modifiers of ``tok`` just before it
    ("the" of "the two leaders")."""
    for child in reversed([c for c in tok.lefts if c.i < first]):
        if child.dep_ not in _PHRASE_DEPS or child.right_edge.i != first - 1:
            break
        first = child.left_edge.i
    return first


def _trimmed(doc, first: int, last: int, keep: int) -> tuple[int, int]:
    """Offsets of tokens ``first..last``, without punctuation or a possessive marker at the edges,
    with the bracket that closes one it opens."""
    while first < keep and doc[first].dep_ in _EDGE_DEPS:
        first += 1
    while last > keep and doc[last].dep_ in _EDGE_DEPS:
        last -= 1
    texts = [t.text for t in doc[first:last + 1]]
    opened = texts.count("(") - texts.count(")")
    if opened > 0 and last + 1 < len(doc) and doc[last + 1].text == ")":
        last += 1  # "the Organisation of X (OX)"
    return doc[first].idx, doc[last].idx + len(doc[last].text)
