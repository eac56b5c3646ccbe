"""Matplotlib diagrams of an event graph, made to go into a briefing.

The kinds of diagram are a registry (:data:`KINDS`, :mod:`graphbuild.render.registry`): one
module a kind (``network``, ``ego``, ``matrix``, ``timeline``, ``types``, ``map``, ``relations``), shared
modules for
the palette, reading the graph, layout and labels.

Every ``draw_*`` function takes the plain ``networkx.MultiDiGraph`` of :mod:`graphbuild.graph`
and an optional matplotlib ``Axes``, draws on it (on a new figure when none is given) and
returns the ``Axes``. :func:`render` writes one diagram to a PNG, SVG or PDF file.
matplotlib is imported inside the functions, so ``import graphbuild`` stays fast; when no
backend has been chosen the non-interactive ``Agg`` backend is used, and nothing here calls
``plt.show()``.

Choices made once for every diagram:

- Colours come from the Okabe-Ito palette, which stays distinct under the common kinds of
  colour blindness. Cooperation is blue (light: verbal, dark: material), conflict is orange
  (light: verbal, dark vermillion: material); see :data:`QUAD_COLORS`. Actor types have
  their own colours *and* marker shapes (:data:`ACTOR_COLORS`, :data:`ACTOR_MARKERS`).
- An event that one actor does to another is an arrow from the one who acts to the one
  acted upon. A symmetric event (talks, a meeting, a signed agreement) is one edge of the
  graph and is drawn as a plain line with **no arrowhead**: a double-headed arrow would
  read as two events, one each way.
- Line style says whether the event happened: solid for asserted or reported events,
  dashed for planned or possible ones, dotted for negated ones (the text says it did *not*
  happen); see :data:`LINESTYLES`. The legend says so.
- Several events of one type, one modality and one direction between the same two actors
  are one line labelled with the count ("CONSULT ×3"); lines between the same two actors
  bend apart so none hides another.
- Labels are placed after drawing, with the sizes the renderer gives their text: each takes
  the first free spot among candidates near its node or along its line, so no two labels
  overlap each other or a node (:func:`label_overlaps` checks a drawing).
- Layouts are seeded (a spring layout, then evened out by stress majorisation): the same graph and
  seed give the same positions and the same PNG. Stories that no event joins (the connected
  components) are laid out one by one and packed side by side, never over each other.
- The country matrix lists countries in the alphabetical order of their names.
- SVG and PDF keep text as text, so labels can be searched and edited.

Examples
--------
>>> from graphbuild.graph import build_graph
>>> from graphbuild.types import Actor, ActorType, Event, Plover
>>> a = Actor("Syldavia", ActorType.COUNTRY, "SYL")
>>> b = Actor("Borduria", ActorType.COUNTRY, "BOR")
>>> G = build_graph([Event("n1", a, b, Plover.CONSULT, "hold talks", "...", 0, 3,
...                        symmetric=True)])
>>> from matplotlib.figure import Figure
>>> ax = draw(G, Figure(figsize=(8, 5)).add_subplot())
>>> sorted(t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("node-label"))
['Borduria', 'Syldavia']
"""

from __future__ import annotations

import importlib
from typing import Any

# name -> the module defining it; each module is imported when one of its names is first used,
# so that the CLI, which reads the registry for its --help, does not import the drawing code
_WHERE = {
    "draw_ego": "ego", "FORMATS": "files", "render": "files", "find_actor": "focus",
    "focus_graph": "focus", "label_overlaps": "labels", "DEFAULT_SEED": "layout",
    "draw_map": "map", "country_matrix": "matrix", "draw_matrix": "matrix", "draw": "network",
    "draw_network": "network", "draw_relations": "relations", "draw_timeline": "timeline",
    "draw_types": "typebars", "KINDS": "registry", "Kind": "registry", "get_kind": "registry",
    "register_kind": "registry",
    **dict.fromkeys(("ACTOR_COLORS", "ACTOR_MARKERS", "LINESTYLES", "MODALITY_FACTORS", "OKABE_ITO",
                     "PLOVER_WEIGHTS", "QUAD_COLORS"), "palette"),
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "ACTOR_COLORS",
    "ACTOR_MARKERS",
    "DEFAULT_SEED",
    "FORMATS",
    "KINDS",
    "Kind",
    "LINESTYLES",
    "MODALITY_FACTORS",
    "OKABE_ITO",
    "PLOVER_WEIGHTS",
    "QUAD_COLORS",
    "country_matrix",
    "draw",
    "draw_ego",
    "draw_map",
    "draw_matrix",
    "draw_network",
    "draw_relations",
    "draw_timeline",
    "draw_types",
    "find_actor",
    "focus_graph",
    "get_kind",
    "label_overlaps",
    "register_kind",
    "render",
]
