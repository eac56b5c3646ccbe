"""Find the actors a parsed article mentions and resolve every mention to one :class:`Actor`.

Mentions are found around nominal heads in the dependency parse, not only from the named
entities (the small English model often tags "National Security Advisor X" as an ORG). At
each head the recognisers of :data:`~graphbuild.actors.recognisers.RECOGNISERS` are tried in
order (see that module to add one):

- a user's actor (``--actors``), which wins over inference;
- an international organisation (UN, EU, NATO ...), an ORG without a country;
- a person: a name, with the title, possessive or nationality word before it
  ("Russian Foreign Minister Sergey Lavrov", "India's National Security Advisor X") or an
  apposition after it ("X, Secretary of Russia's Security Council") giving country and role;
- a state: by name, demonym, capital or seat of government ("the Kremlin");
- a group: a collective noun with a state or demonym modifying it ("Indian troops",
  "Pakistan's foreign office"), an ORG with that country; the people of a state.

Within an article, "Dr. S. Jaishankar", "S. Jaishankar" and "Jaishankar" are one actor;
he/she/his, it/its, "the minister", "the two leaders", "both sides" and "the two nations"
are resolved to earlier actors. Nothing here mutates the ``Doc``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .context import Context, Resolution
from .knowledge import OfficeTable
from .phrases import is_occupier
from .recognisers import RECOGNISERS, Recogniser
from .user import UserActor, load_actor_list

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

__all__ = ["Resolution", "UserActor", "is_occupier", "load_actor_list", "resolve"]


def resolve(doc: Doc, *, user_actors: Sequence[UserActor] = (), date: dt.date | None = None,
            recognisers: Sequence[Recogniser] = RECOGNISERS,
            offices: OfficeTable | None = None) -> Resolution:
    """Resolve every actor mention in ``doc``.

    Parameters
    ----------
    doc
        A parsed article (it is not changed).
    user_actors
        The user's actor list (``--actors``); a match wins over inference.
    date
        The article's date, to choose among user actors valid at different times, and to
        name the holder of an office the article names without a name ("the Peruvian
        president").
    recognisers
        The recognisers tried in order at each head; the package's by default.
    offices
        The office-holder table for offices named without their holder; the built-in
        :func:`~graphbuild.actors.knowledge.load_office_table` by default.

    Examples
    --------
    >>> from spacy.vocab import Vocab
    >>> from spacy.tokens import Doc
    >>> doc = Doc(Vocab(), words=["Ottawa", "protested"], pos=["PROPN", "VERB"],
    ...           heads=[1, 1], deps=["nsubj", "ROOT"], ents=["B-GPE", "O"])
    >>> [(a.label, a.country) for a in resolve(doc).all_actors()]
    [('Canada', 'CAN')]
    """
    ctx = Context(doc, user_actors, date, offices)
    ctx.named_mentions(recognisers)
    ctx.finish_persons()
    ctx.anaphora()
    return ctx.res
