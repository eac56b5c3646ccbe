"""The ``network`` diagram: actors and the events between them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx

from .ego import draw_ego
from .figure import headline_of, new_axes, no_events
from .graphview import draw_graph
from .layout import DEFAULT_SEED, axes_aspect, spring_positions
from .reading import (
    articles_of,
    corpus_name,
    date_range_text,
    date_span,
    plural,
)

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes


def draw_network(G: nx.MultiDiGraph, ax: Axes | None = None, *, title: str | None = None,
                 seed: int = DEFAULT_SEED) -> Axes:
    """Draw every actor and event of ``G`` as a network.

    Actors are coloured and shaped by type and sized by how many events they take part in;
    events are lines coloured by quad class and labelled with their PLOVER type (and a count
    where several join the same two actors). See the module docstring for the conventions.

    Parameters
    ----------
    G
        An event graph as built by :func:`graphbuild.graph.build_graph`.
    ax
        Where to draw; a new figure when None.
    title
        Replaces the corpus name (``G.graph["name"]``) at the top; the date range goes to
        the subtitle then.
    seed
        Seed of the layout: the same seed gives the same picture.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from graphbuild.graph import build_graph
    >>> from graphbuild.types import Actor, ActorType, Event, Plover
    >>> a = Actor("Syldavia", ActorType.COUNTRY, "SYL")
    >>> b = Actor("Borduria", ActorType.COUNTRY, "BOR")
    >>> G = build_graph([Event("n1", a, b, Plover.ACCUSE, "accuse", "...", 0, 3),
    ...                  Event("n1", a, b, Plover.ACCUSE, "blame", "...", 4, 9)])
    >>> from matplotlib.figure import Figure
    >>> ax = draw_network(G, Figure(figsize=(8, 5)).add_subplot())
    >>> [t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("edge-label")]
    ['ACCUSE ×2']
    """
    if ax is None:
        ax = new_axes("network")
    if G.number_of_edges() == 0:
        return no_events(ax, G, title)
    aspect = axes_aspect(ax)
    pos = spring_positions(G, seed, aspect)
    return draw_graph(G, ax, pos, aspect, headline=headline_of(G, title),
                       subtitle=_network_subtitle(G, title), focus=None)


def _network_subtitle(G: nx.MultiDiGraph, title: str | None, extra: str = "") -> str:
    parts = []
    if title is not None:
        when = date_range_text(date_span(G))
        parts.append(f"{corpus_name(G)}" + (f", {when}" if when else ""))
    parts.append(plural(G.number_of_edges(), "event"))
    parts.append(plural(G.number_of_nodes(), "actor"))
    arts = len(articles_of(G))
    if arts:
        parts.append(plural(arts, "article"))
    if extra:
        parts.append(extra)
    return " · ".join(parts)


def draw(G: nx.MultiDiGraph, ax: Axes | None = None, *, title: str | None = None,
         focus: str | None = None, seed: int = DEFAULT_SEED) -> Axes:
    """Draw ``G`` as a network, or the neighbourhood of ``focus`` when one is given.

    The notebook entry point: ``draw(G)`` is :func:`draw_network`, ``draw(G, focus="X")``
    is :func:`draw_ego`.

    Examples
    --------
    >>> from graphbuild.graph import build_graph
    >>> from graphbuild.types import Actor, ActorType, Event, Plover
    >>> a = Actor("Syldavia", ActorType.COUNTRY, "SYL")
    >>> b = Actor("Borduria", ActorType.COUNTRY, "BOR")
    >>> G = build_graph([Event("n1", a, b, Plover.ACCUSE, "accuse", "...", 0, 3)])
    >>> ax = draw(G, title="Border dispute")
    >>> ax.get_title(loc="left")
    'Border dispute'
    >>> import matplotlib.pyplot as plt; plt.close(ax.figure)
    """
    if focus is not None:
        return draw_ego(G, focus, ax, title=title)
    return draw_network(G, ax, title=title, seed=seed)
