"""The kinds of diagram: one registry that :func:`~graphbuild.render.render` and the CLI read.

A kind is a name, the drawing function (``"module:function"``, imported the first time it is
used), a line of help and the figure it is drawn on. Adding a diagram is a module with a
``draw_*(G, ax=None, *, title=None, ...)`` function and one :func:`register_kind` line below
(or in your own code). :func:`~graphbuild.render.render` passes each drawing function the
options its signature names (``focus``, ``title``, ``weight``, ``seed``, ...).

Examples
--------
>>> "network" in KINDS and KINDS["network"].focus_kind
'ego'
>>> get_kind("hairball")
Traceback (most recent call last):
...
graphbuild.errors.InputError: unknown kind of diagram 'hairball'; valid: network, ego, matrix, timeline, types
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Literal

from ..errors import InputError

__all__ = ["KINDS", "Kind", "get_kind", "register_kind"]


@dataclass(frozen=True)
class Kind:
    """One kind of diagram.

    Parameters
    ----------
    name
        What ``render(G, name, path)`` and ``graphbuild render --kind NAME`` call it.
    function
        ``"package.module:function"``: the ``draw_*`` function, imported when first used. It
        takes the graph, ``ax=None`` and keyword options, and returns the Axes.
    help
        One line for ``graphbuild render --help``.
    figsize
        Size in inches of the figure :func:`~graphbuild.render.render` draws it on.
    frame
        ``"legend-right"``: axes on the left of the figure, the legend to their right (the
        network views); ``"constrained"``: one subplot, laid out by matplotlib.
    focus_kind
        The kind drawn instead when an actor to focus on is given (``network`` -> ``ego``).
    needs_focus
        The diagram cannot be drawn without an actor to focus on.
    """

    name: str
    function: str
    help: str
    figsize: tuple[float, float] = (9.0, 6.0)
    frame: Literal["legend-right", "constrained"] = "constrained"
    focus_kind: str | None = None
    needs_focus: bool = False

    def load(self) -> Callable[..., Any]:
        """The drawing function."""
        module, _, attr = self.function.partition(":")
        return getattr(importlib.import_module(module), attr)


_KINDS: dict[str, Kind] = {}

#: The registered kinds by name, in the order they were registered (read-only view).
KINDS = MappingProxyType(_KINDS)


def register_kind(kind: Kind) -> Kind:
    """Add ``kind`` to :data:`KINDS`; registering the same kind again is harmless.

    Raises
    ------
    InputError
        Another kind is registered under that name.
    """
    taken = _KINDS.get(kind.name)
    if taken is not None and taken != kind:
        raise InputError(f"a diagram kind {kind.name!r} is already registered ({taken.function})")
    _KINDS[kind.name] = kind
    return kind


def get_kind(name: str) -> Kind:
    """The kind called ``name``; an unknown name raises :class:`InputError` listing the kinds."""
    try:
        return _KINDS[name]
    except (KeyError, TypeError):
        raise InputError(f"unknown kind of diagram {name!r}; valid: {', '.join(_KINDS)}") from None


_HERE = "graphbuild.render"
for _kind in (
    Kind("network", f"{_HERE}.network:draw_network", "every actor and event (with --focus: the ego "
         "view)", (12.0, 8.0), "legend-right", focus_kind="ego"),
    Kind("ego", f"{_HERE}.ego:draw_ego", "one actor (--focus) and its counterparts", (12.0, 8.0),
         "legend-right", needs_focus=True),
    Kind("matrix", f"{_HERE}.matrix:draw_matrix", "which country acts on which (--weight count or "
         "cooperation)", (9.0, 7.5)),
    Kind("timeline", f"{_HERE}.timeline:draw_timeline", "events over time, one row per PLOVER type",
         (11.0, 6.0)),
    Kind("types", f"{_HERE}.typebars:draw_types", "how many events of each PLOVER type", (9.0, 6.0)),
):
    register_kind(_kind)
