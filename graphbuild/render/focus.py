"""Finding an actor by name, and the neighbourhood of one actor."""

from __future__ import annotations

import difflib
from collections import defaultdict
from typing import TYPE_CHECKING

import networkx as nx

from ..errors import InputError
from .reading import node_label

if TYPE_CHECKING:  # pragma: no cover
    pass


def find_actor(G: nx.MultiDiGraph, name: str) -> str:
    """The node of the actor called ``name``: its node id, label or an alias, any case.

    Raises
    ------
    InputError
        No actor, or several, go by that name; the message lists close matches.

    Examples
    --------
    >>> from graphbuild.graph import build_graph
    >>> from graphbuild.types import Actor, ActorType, Event, Plover
    >>> a = Actor("Syldavia", ActorType.COUNTRY, "SYL", aliases=("Kingdom of Syldavia",))
    >>> b = Actor("Borduria", ActorType.COUNTRY, "BOR")
    >>> G = build_graph([Event("n1", a, b, Plover.ACCUSE, "accuse", "...", 0, 3)])
    >>> find_actor(G, "kingdom of syldavia")
    'country/SYL'
    >>> find_actor(G, "Bordurai")
    Traceback (most recent call last):
    ...
    graphbuild.errors.InputError: no actor 'Bordurai' in the graph; close matches: Borduria
    """
    wanted = str(name).strip().casefold()
    names: dict[str, set[str]] = defaultdict(set)
    for node, data in G.nodes(data=True):
        for alias in {str(node), str(data.get("label") or node), *map(str, data.get("aliases")
                                                                       or ())}:
            names[alias.casefold()].add(node)
    found = names.get(wanted, set())
    if len(found) == 1:
        return next(iter(found))
    if found:
        raise InputError(f"{name!r} names several actors: "
                         f"{', '.join(sorted(node_label(G, n) + f' ({n})' for n in found))}; "
                         "use a node id")
    display = {}
    for node, data in G.nodes(data=True):
        for alias in {str(data.get("label") or node), *map(str, data.get("aliases") or ()),
                      str(node)}:
            display.setdefault(alias.casefold(), alias)
    close = difflib.get_close_matches(wanted, sorted(display), n=5, cutoff=0.6)
    hint = (f"close matches: {', '.join(display[c] for c in close)}" if close else
            f"actors: {', '.join(sorted(node_label(G, n) for n in G.nodes)[:12])}"
            + (", ..." if G.number_of_nodes() > 12 else ""))
    raise InputError(f"no actor {name!r} in the graph; {hint}")


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
