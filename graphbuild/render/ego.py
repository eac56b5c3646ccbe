"""The ``ego`` diagram: one actor, its counterparts and the events between them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx

from .figure import new_axes, no_events
from .focus import focus_graph
from .graphview import draw_graph
from .layout import axes_aspect, ego_positions
from .reading import corpus_name, date_range_text, date_span, node_label, plural

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes


def draw_ego(G: nx.MultiDiGraph, focus: str, ax: Axes | None = None, *,
             title: str | None = None) -> Axes:
    """Draw one actor in the middle, its counterparts around it and the events between them.

    ``focus`` is a node id, label or alias (any case); see :func:`focus_graph` for what is
    shown. Counterparts sit on a ring, grouped by type and then in alphabetical order.

    Raises
    ------
    InputError
        ``focus`` names no actor of ``G``; the message lists close matches.

    Examples
    --------
    >>> from graphbuild.graph import build_graph
    >>> from graphbuild.types import Actor, ActorType, Event, Plover
    >>> a, b, c = (Actor(n, ActorType.COUNTRY, n[:3].upper())
    ...            for n in ("Syldavia", "Borduria", "Freedonia"))
    >>> G = build_graph([Event("n1", a, b, Plover.ACCUSE, "accuse", "...", 0, 3),
    ...                  Event("n1", b, c, Plover.AID, "aid", "...", 4, 9)])
    >>> from matplotlib.figure import Figure
    >>> ax = draw_ego(G, "syldavia", Figure(figsize=(8, 5)).add_subplot())
    >>> sorted(t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("node-label"))
    ['Borduria', 'Syldavia']
    """
    H = focus_graph(G, focus)
    node = H.graph["focus"]
    if ax is None:
        ax = new_axes("ego")
    label = node_label(H, node)
    headline = title if title is not None else f"{label} and its counterparts"
    when = date_range_text(date_span(H))
    if H.number_of_edges() == 0:
        return no_events(ax, H, headline, f"No events involving {label}")
    aspect = axes_aspect(ax)
    pos = ego_positions(H, node, aspect)
    parts = [corpus_name(G)] + ([when] if when else [])
    subtitle = " · ".join([", ".join(parts), plural(H.number_of_edges(), "event"),
                           plural(H.number_of_nodes() - 1, "counterpart")])
    return draw_graph(H, ax, pos, aspect, headline=headline, subtitle=subtitle, focus=node)
