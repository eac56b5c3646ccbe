"""The ``matrix`` diagram: which country acts on which."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any, Literal

import networkx as nx

from ..errors import InputError
from .figure import headline_of, new_axes, no_events, set_titles
from .palette import INK, MUTED, sequential
from .reading import corpus_name, country_label, event_weight, plain, plural, wrap

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    from matplotlib.axes import Axes


def country_matrix(G: nx.MultiDiGraph, *, weight: Literal["count", "cooperation"] = "count"
                   ) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Events between countries: who acts (rows) on whom (columns).

    Each actor is reduced to its ``country``; actors with none are left out. A symmetric
    event counts in both cells of its pair. With ``weight="count"`` a cell holds the number
    of events; with ``weight="cooperation"`` the sum of :data:`PLOVER_WEIGHTS` times
    :data:`MODALITY_FACTORS`: positive for cooperation, negative for conflict.

    Returns
    -------
    codes, values, counts
        The country codes (sorted), the matrix of ``weight`` and the matrix of event counts
        (to tell a cell with no event from one whose events cancel out).

    Examples
    --------
    >>> from graphbuild.graph import build_graph
    >>> from graphbuild.types import Actor, ActorType, Event, Plover
    >>> a = Actor("Syldavia", ActorType.COUNTRY, "SYL")
    >>> b = Actor("Borduria", ActorType.COUNTRY, "BOR")
    >>> G = build_graph([Event("n1", a, b, Plover.ACCUSE, "accuse", "...", 0, 3),
    ...                  Event("n1", a, b, Plover.AGREE, "agree", "...", 4, 9, symmetric=True)])
    >>> codes, values, counts = country_matrix(G, weight="cooperation")
    >>> codes, values.tolist()
    (['BOR', 'SYL'], [[0.0, 5.0], [2.0, 0.0]])
    """
    import numpy as np

    if weight not in ("count", "cooperation"):
        raise InputError(f"unknown weight {weight!r}; valid: count, cooperation")
    cells: dict[tuple[str, str], float] = defaultdict(float)
    counts: Counter = Counter()
    codes: set[str] = set()
    for u, v, d in G.edges(data=True):
        cu, cv = G.nodes[u].get("country"), G.nodes[v].get("country")
        if not cu or not cv:
            continue
        value = 1.0 if weight == "count" else event_weight(d, u, v)
        pairs = {(cu, cv), (cv, cu)} if d.get("symmetric") else {(cu, cv)}
        for pair in pairs:
            cells[pair] += value
            counts[pair] += 1
        codes.update((cu, cv))
    order = sorted(codes)
    index = {c: i for i, c in enumerate(order)}
    values = np.zeros((len(order), len(order)))
    count = np.zeros((len(order), len(order)), dtype=int)
    for (a, b), value in cells.items():
        values[index[a], index[b]] = value
        count[index[a], index[b]] = counts[(a, b)]
    return order, values, count


def draw_matrix(G: nx.MultiDiGraph, ax: Axes | None = None, *,
                weight: Literal["count", "cooperation"] = "count",
                title: str | None = None) -> Axes:
    """Heatmap of events between countries: rows act on columns.

    ``weight="count"`` shows how many events; ``weight="cooperation"`` the net cooperation
    score of :func:`country_matrix` on a blue (cooperation) to red (conflict) scale centred
    on zero. Cells with no event stay blank; every other cell carries its value.

    Examples
    --------
    >>> from graphbuild.graph import build_graph
    >>> from graphbuild.types import Actor, ActorType, Event, Plover
    >>> a = Actor("Syldavia", ActorType.COUNTRY, "SYL")
    >>> b = Actor("Borduria", ActorType.COUNTRY, "BOR")
    >>> G = build_graph([Event("n1", a, b, Plover.ACCUSE, "accuse", "...", 0, 3)])
    >>> from matplotlib.figure import Figure
    >>> ax = draw_matrix(G, Figure().add_subplot())
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Borduria', 'Syldavia']
    >>> ax.images[0].get_array().filled(0).tolist()
    [[0.0, 0.0], [1.0, 0.0]]
    """
    import numpy as np

    codes, values, counts = country_matrix(G, weight=weight)
    if ax is None:
        ax = new_axes("matrix")
    if not codes:
        return no_events(ax, G, title, "No events between countries" if G.number_of_edges()
                          else "No events to show")
    fig = ax.figure
    # rows and columns in the alphabetical order of the names shown, not of the codes
    order = sorted(range(len(codes)), key=lambda i: (country_label(G, codes[i]).casefold(),
                                                     codes[i]))
    codes = [codes[i] for i in order]
    values, counts = values[np.ix_(order, order)], counts[np.ix_(order, order)]
    names = [country_label(G, c) for c in codes]
    cmap, norm, bar_label, what = _colour_scale(weight, values)
    image = ax.imshow(np.ma.masked_where(counts == 0, values), cmap=cmap, norm=norm,
                      interpolation="nearest")
    fig.colorbar(image, ax=ax, shrink=0.8, label=bar_label)
    _matrix_axes(ax, names)
    _cell_texts(ax, codes, values, counts, cmap, norm, weight)
    left_out = sum(1 for u, v in G.edges() if not G.nodes[u].get("country")
                   or not G.nodes[v].get("country"))
    extra = f" · {plural(left_out, 'event')} with an actor of no known country left out" \
        if left_out else ""
    sub = (f"{corpus_name(G)} · " if title is not None else "") + what + extra
    set_titles(ax, headline_of(G, title), sub)
    return ax


def _colour_scale(weight: str, values: np.ndarray) -> tuple[Any, Any, str, str]:
    """Colour map, norm, colour-bar label and subtitle words for ``weight``."""
    import numpy as np
    from matplotlib import colormaps, colors

    if weight == "count":
        cmap = colors.ListedColormap(sequential(), name="events").with_extremes(bad="white")
        norm = colors.Normalize(vmin=0, vmax=max(1.0, float(values.max())))
        return cmap, norm, "events (row acts on column)", "Event counts"
    cmap = colormaps["RdBu"].with_extremes(bad="white")
    top = max(1.0, float(np.abs(values).max()))
    norm = colors.Normalize(vmin=-top, vmax=top)
    return (cmap, norm, "net cooperation (− conflict, + cooperation)",
            "Net cooperation (our PLOVER weights)")


def _matrix_axes(ax: Axes, names: list[str]) -> None:
    import numpy as np

    ticks = range(len(names))
    if len(names) <= 4 and max(len(n) for n in names) <= 14:  # a few short names fit level
        ax.set_xticks(ticks, [plain(n) for n in names])
    else:
        ax.set_xticks(ticks, [plain(wrap(n, 14)) for n in names], rotation=35, ha="right",
                      rotation_mode="anchor")
    ax.set_yticks(ticks, [plain(wrap(n, 18)) for n in names])
    ax.set_xlabel("target (acted upon)", color=MUTED)
    ax.set_ylabel("actor (acts)", color=MUTED)
    ax.set_xticks(np.arange(-0.5, len(names)), minor=True)
    ax.set_yticks(np.arange(-0.5, len(names)), minor=True)
    ax.grid(which="minor", color="#dddddd", linewidth=0.8)
    ax.tick_params(which="minor", length=0)
    ax.tick_params(which="major", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)


def _cell_texts(ax: Axes, codes: list[str], values: np.ndarray, counts: np.ndarray, cmap: Any,
                norm: Any, weight: str) -> None:
    """Each cell with an event carries its value, dark or light for its background."""
    for i, j in zip(*counts.nonzero(), strict=True):
        v = values[i, j]
        text = f"{int(v)}" if weight == "count" else f"{v:+g}".replace("-", "−")
        r, g, b, _ = cmap(norm(v))
        light = 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.55
        ax.text(j, i, text, ha="center", va="center", fontsize=9,
                color=INK if light else "white", gid=f"cell|{codes[i]}|{codes[j]}")
