"""The ``network`` diagram: actors and the events between them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import networkx as nx

from ..errors import InputError
from .aggregate import EventTable, View, actor_view, country_view, event_table
from .ego import draw_ego
from .figure import headline_of, new_axes, no_events
from .graphview import draw_graph, layout_graph
from .layout import DEFAULT_SEED, axes_aspect, spring_positions
from .reading import corpus_name, date_range_text, plural

#: Up to this many actors, ``draw_network`` draws actors; beyond, states.
ACTOR_LIMIT = 60
#: How many states (or bodies of no state) a state-level network shows at most.
STATE_LIMIT = 20

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes


def draw_network(G: nx.MultiDiGraph, ax: Axes | None = None, *, title: str | None = None,
                 seed: int = DEFAULT_SEED, level: Literal["auto", "actors", "states"] = "auto",
                 max_nodes: int | None = None) -> Axes:
    """Draw the actors and events of ``G`` as a network; at corpus scale, its states.

    ``level="actors"`` draws actors, coloured by their state, shaped by type and sized by
    how many events they take part in; events are lines coloured by quad class and labelled
    with their PLOVER type (and a count where several join the same two actors): the busiest
    ``max_nodes`` actors (60) are shown and the subtitle says how many more there are.
    ``level="states"`` draws each state with the events of everyone who acts for it (its
    people and bodies; a body of no state stands for itself), the busiest ``max_nodes`` (20),
    with a line for each quad class of events between two states (either way), the 60
    strongest, weighted by and labelled with the number of events. ``"auto"`` (the default)
    draws actors up to 60 of them, states beyond. See the package docstring for the
    conventions.

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
    level, max_nodes
        What a node is, and how many are drawn at most.

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
    >>> ax = draw_network(G, Figure(figsize=(8, 5)).add_subplot(), level="states")
    >>> [t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("edge-label")]
    ['2']
    """
    if level not in ("auto", "actors", "states"):
        raise InputError(f"unknown level {level!r}; valid: auto, actors, states")
    if ax is None:
        ax = new_axes("network")
    if G.number_of_edges() == 0:
        return no_events(ax, G, title)
    table = event_table(G)
    if level == "actors" or (level == "auto" and G.number_of_nodes() <= ACTOR_LIMIT):
        view = actor_view(G, table, max_actors=max_nodes or ACTOR_LIMIT)
    else:
        view = country_view(G, table, max_nodes=max_nodes or STATE_LIMIT)
    aspect = axes_aspect(ax)
    pos = spring_positions(layout_graph(view), seed, aspect)
    return draw_graph(view, ax, pos, aspect, headline=headline_of(G, title, table),
                      subtitle=network_subtitle(G, title, table, view))


def network_subtitle(G: nx.MultiDiGraph, title: str | None, table: EventTable, view: View) -> str:
    """Counts of what is drawn and of what is not."""
    parts = []
    if title is not None:
        when = date_range_text(table.span())
        parts.append(f"{corpus_name(G)}" + (f", {when}" if when else ""))
    parts.append(plural(len(table), "event"))
    parts.append(plural(G.number_of_nodes(), "actor"))
    if table.articles:
        parts.append(plural(table.articles, "article"))
    what = "actor" if view.level == "actors" else "state"
    if view.level == "states":
        parts.append(f"{plural(len(view.nodes), 'state')} or bodies shown")
    if view.hidden_nodes:
        parts.append(f"and {view.hidden_nodes:,} more {what}s ({plural(view.hidden_events, 'event')})"
                     if view.level == "actors" else
                     f"and {view.hidden_nodes:,} more ({plural(view.hidden_events, 'event')})")
    if view.hidden_pairs:
        parts.append(f"{view.hidden_pairs:,} weaker pairs not drawn")
    if view.inside:
        parts.append(f"{plural(view.inside, 'event')} within a state")
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
