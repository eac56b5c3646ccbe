"""Writing one diagram to a PNG, SVG or PDF file: :func:`render`."""

from __future__ import annotations

import inspect
import logging
import os
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import networkx as nx

from .._files import atomic_write
from ..errors import ExportError, InputError
from .figure import DPI, add_axes
from .focus import find_actor
from .registry import KINDS, Kind, get_kind

if TYPE_CHECKING:  # pragma: no cover
    pass

logger = logging.getLogger(__name__)


#: File extensions :func:`render` writes, and the matplotlib format of each.
FORMATS: Mapping[str, str] = MappingProxyType({".png": "png", ".svg": "svg", ".pdf": "pdf"})


def _format_of(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"cannot tell the image format of {str(path)!r}; use one of "
                         f"{', '.join(FORMATS)}")
    return fmt


def render(G: nx.MultiDiGraph, kind: str, path: str | os.PathLike[str], *,
           focus: str | None = None, title: str | None = None, weight: str | None = None,
           seed: int | None = None, **options: Any) -> Path:
    """Draw one diagram of ``G`` and write it to ``path`` (PNG, SVG or PDF by extension).

    ``kind`` is a name in :data:`~graphbuild.render.registry.KINDS`: ``network`` (with
    ``focus``, the ego view), ``ego`` (needs ``focus``), ``matrix`` (``weight`` as in
    :func:`~graphbuild.render.draw_matrix`), ``timeline``, ``types``, and any kind registered
    since. Each option (``focus``, ``title``, ``weight``, ``seed``, or another keyword) goes to
    the kind's drawing function when its signature takes it; one it does not take is logged
    and left out. The file is written to a temporary file in the same folder and moved into
    place, so a reader never sees half an image; missing folders are made. An empty graph
    gives a figure that says "No events to show".

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    InputError
        Unknown ``kind``, extension or option, a kind that needs ``focus`` without it, or an
        unknown actor.
    ExportError
        The file could not be written.

    Examples
    --------
    >>> import tempfile, os
    >>> from graphbuild.graph import build_graph
    >>> from graphbuild.types import Actor, ActorType, Event, Plover
    >>> a = Actor("Syldavia", ActorType.COUNTRY, "SYL")
    >>> b = Actor("Borduria", ActorType.COUNTRY, "BOR")
    >>> G = build_graph([Event("n1", a, b, Plover.ACCUSE, "accuse", "...", 0, 3)])
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = render(G, "types", os.path.join(tmp, "types.svg"))
    ...     out.read_bytes()[:5]
    b'<?xml'
    >>> render(G, "types", "types.gif")
    Traceback (most recent call last):
    ...
    graphbuild.errors.InputError: cannot tell the image format of 'types.gif'; use one of .png, .svg, .pdf
    """
    spec = get_kind(kind)
    path = Path(path)
    fmt = _format_of(path)
    if focus and spec.focus_kind:
        spec = get_kind(spec.focus_kind)
    if spec.needs_focus and not focus:
        raise InputError(f"the {spec.name} diagram needs an actor to focus on (focus=...)")
    draw = spec.load()
    kwargs = _options_for(draw, spec.name, {"focus": focus, "title": title, "weight": weight,
                                             "seed": seed, **options})
    if "focus" in kwargs:
        find_actor(G, kwargs["focus"])  # fail before drawing anything
    _draw_and_save(G, spec, draw, kwargs, path, fmt)
    logger.info("wrote %s diagram to %s", spec.name, path)
    return path


def _options_for(draw: Any, kind: str, given: Mapping[str, Any]) -> dict[str, Any]:
    """The options ``draw`` takes, of those given (not None); the others logged, or refused
    when no registered kind takes them (a typo)."""
    takes = inspect.signature(draw).parameters
    kwargs, ignored = {}, []
    for name, value in given.items():
        if value is None:
            continue
        if name in takes:
            kwargs[name] = value
        elif any(name in inspect.signature(k.load()).parameters for k in KINDS.values()):
            ignored.append(name)
        else:
            raise InputError(f"no diagram takes the option {name!r}")
    if ignored:
        logger.info("the %s diagram ignores %s", kind, ", ".join(ignored))
    return kwargs


#: zlib level 3 rather than Pillow's 6: the same pixels, a file about a tenth larger, written
#: in half the time (0.06 s rather than 0.11 s for a network picture; a build draws one).
PNG_OPTIONS = {"png": {"pil_kwargs": {"compress_level": 3}}}


def _draw_and_save(G: nx.MultiDiGraph, spec: Kind, draw: Any, kwargs: Mapping[str, Any],
                   path: Path, fmt: str) -> None:
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    # text stays text (searchable, editable) in SVG and PDF; SVG ids do not change per run
    with matplotlib.rc_context({"svg.hashsalt": "graphbuild", "svg.fonttype": "none",
                                "pdf.fonttype": 42, "font.size": 10}):
        fig = Figure(figsize=spec.figsize, dpi=DPI)
        FigureCanvasAgg(fig)
        draw(G, ax=add_axes(fig, spec.name), **kwargs)
        metadata = {"png": {"Software": "graphbuild (matplotlib)"}, "svg": {"Date": None},
                    "pdf": {"CreationDate": None, "ModDate": None}}[fmt]
        try:
            with atomic_write(path, "wb") as handle:
                fig.savefig(handle, format=fmt, dpi=DPI, metadata=metadata, facecolor="white",
                            **PNG_OPTIONS.get(fmt, {}))
        except ExportError:
            raise
        except OSError as err:
            raise ExportError(f"cannot write {path}: {err}") from err
