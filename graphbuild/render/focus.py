"""Finding an actor by name, and the neighbourhood of one actor."""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING, Any

import networkx as nx

from .._safe import printable
from ..errors import InputError
from ..types import ActorType
from .reading import actor_type, node_label

if TYPE_CHECKING:  # pragma: no cover
    pass


def find_actor(G: nx.MultiDiGraph, name: str) -> str:
    """The node of the actor called ``name``, when only one answers to it.

    Tried in order, any case: the node id, label or an alias; a state's ISO code (alpha-3 or
    alpha-2: ``IND``, ``in``); then whole words of a label or alias, so a surname finds a
    person (``Lavrov`` finds "Sergey Lavrov") and a short name finds a body. The first step
    that finds anyone decides: one actor is the answer, several are listed.

    Raises
    ------
    InputError
        No actor, or several, go by that name; the message lists the candidates or close
        matches, with any text from the data escaped (it is printed on a terminal).

    Examples
    --------
    >>> from graphbuild.graph import build_graph
    >>> from graphbuild.types import Actor, ActorType, Event, Plover
    >>> a = Actor("Syldavia", ActorType.COUNTRY, "SYL", aliases=("Kingdom of Syldavia",))
    >>> b = Actor("Borduria", ActorType.COUNTRY, "BOR")
    >>> q = Actor("Ana Quill", ActorType.PERSON, "SYL")
    >>> G = build_graph([Event("n1", a, b, Plover.ACCUSE, "accuse", "...", 0, 3),
    ...                  Event("n1", q, b, Plover.ACCUSE, "blame", "...", 4, 9)])
    >>> find_actor(G, "kingdom of syldavia"), find_actor(G, "bor"), find_actor(G, "Quill")
    ('country/SYL', 'country/BOR', 'person/SYL/ana-quill')
    >>> find_actor(G, "Bordurai")
    Traceback (most recent call last):
    ...
    graphbuild.errors.InputError: no actor 'Bordurai' in the graph; close matches: Borduria
    """
    wanted = " ".join(str(name).split()).casefold()
    for step in (_by_name, _by_code, _by_words):
        found = step(G, wanted)
        if len(found) == 1:
            return next(iter(found))
        if found:
            listed = sorted(found, key=lambda n: (node_label(G, n).casefold(), n))
            shown = ", ".join(printable(f"{node_label(G, n)} ({n})") for n in listed[:10])
            more = f", and {len(listed) - 10} more" if len(listed) > 10 else ""
            raise InputError(f"{printable(repr(str(name)))} names several actors: {shown}{more}; "
                             "give a full name or a node id")
    raise InputError(f"no actor {printable(repr(str(name)))} in the graph; {_hint(G, wanted)}")


def _names(data: Any, node: str) -> set[str]:
    return {str(node), str(data.get("label") or node), *map(str, data.get("aliases") or ())}


def _by_name(G: nx.MultiDiGraph, wanted: str) -> set[str]:
    return {node for node, data in G.nodes(data=True)
            if any(" ".join(n.split()).casefold() == wanted for n in _names(data, node))}


def _by_code(G: nx.MultiDiGraph, wanted: str) -> set[str]:
    """The state whose ISO code is ``wanted`` (its own node: a person of it is not it)."""
    code = wanted.upper()
    if len(code) == 2 and code.isalpha():
        try:
            import pycountry

            found = pycountry.countries.get(alpha_2=code)
        except (ImportError, LookupError, KeyError):  # pragma: no cover
            found = None
        code = getattr(found, "alpha_3", code)
    if len(code) != 3 or not code.isalpha():
        return set()
    return {node for node, data in G.nodes(data=True)
            if actor_type(data) is ActorType.COUNTRY and str(data.get("country") or "") == code}


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _by_words(G: nx.MultiDiGraph, wanted: str) -> set[str]:
    """Actors one of whose names holds ``wanted``'s words, in order, as whole words."""
    want = _words(wanted)
    if not want:
        return set()
    k = len(want)
    found = set()
    for node, data in G.nodes(data=True):
        for text in _names(data, node) - {str(node)}:
            words = _words(text)
            if any(words[i:i + k] == want for i in range(len(words) - k + 1)):
                found.add(node)
                break
    return found


def _hint(G: nx.MultiDiGraph, wanted: str) -> str:
    display: dict[str, str] = {}
    for node, data in G.nodes(data=True):
        for alias in sorted(_names(data, node)):
            display.setdefault(alias.casefold(), alias)
    close = difflib.get_close_matches(wanted, sorted(display), n=5, cutoff=0.6)
    if close:
        return f"close matches: {', '.join(printable(display[c]) for c in close)}"
    labels = sorted(node_label(G, n) for n in G.nodes)
    return (f"actors: {', '.join(printable(x) for x in labels[:12])}"
            + (", ..." if len(labels) > 12 else ""))


def focus_graph(G: nx.MultiDiGraph, focus: str) -> nx.MultiDiGraph:
    """The events that ``focus`` takes part in, with the actors at their other end.

    ``focus`` is matched as by :func:`find_actor`. Events between two of the focus's
    counterparts are left out: the view answers "who did what with this actor".

    Examples
    --------
    >>> from graphbuild.graph import build_graph
    >>> from graphbuild.types import Actor, ActorType, Event, Plover
    >>> a, b, c = (Actor(n, ActorType.COUNTRY, n[:3].upper())
    ...            for n in ("Syldavia", "Borduria", "Freedonia"))
    >>> G = build_graph([Event("n1", a, b, Plover.ACCUSE, "accuse", "...", 0, 3),
    ...                  Event("n1", b, c, Plover.AID, "aid", "...", 4, 9)])
    >>> sorted(focus_graph(G, "Syldavia").nodes)
    ['country/BOR', 'country/SYL']
    """
    node = find_actor(G, focus)
    H = nx.MultiDiGraph(**G.graph)
    H.graph["focus"] = node
    H.add_node(node, **G.nodes[node])
    for u, v, key, d in sorted(list(G.out_edges(node, keys=True, data=True))
                               + list(G.in_edges(node, keys=True, data=True)),
                               key=lambda e: (e[0], e[1], e[2])):
        if H.has_edge(u, v, key):
            continue
        for n in (u, v):
            if n not in H:
                H.add_node(n, **G.nodes[n])
        H.add_edge(u, v, key=key, **d)
    return H
