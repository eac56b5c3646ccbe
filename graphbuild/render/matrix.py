"""The ``matrix`` diagram: which country acts on which."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any, Literal

import networkx as nx

from ..errors import InputError
from .aggregate import PLOVERS, STYLES, EventTable, country_labels, event_table
from .figure import headline_of, new_axes, no_events, set_titles
from .palette import INK, MODALITY_FACTORS, MUTED, PLOVER_WEIGHTS, sequential
from .reading import corpus_name, plain, plural, wrap

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
    if weight not in ("count", "cooperation"):
        raise InputError(f"unknown weight {weight!r}; valid: count, cooperation")
    order, values, counts, _ = _matrix(G, event_table(G), weight)
    return order, values, counts


def _matrix(G: nx.MultiDiGraph, table: EventTable, weight: str
            ) -> tuple[list[str], np.ndarray, np.ndarray, int]:
    """Codes, values, counts, and how many events had an actor of no known country."""
    import numpy as np

    of_node = [G.nodes[n].get("country") or None for n in table.nodes]
    order = sorted({c for c in of_node if c})
    index = {c: i for i, c in enumerate(order)}
    code = np.array([index.get(c, -1) if c else -1 for c in of_node], dtype=np.int64)
    cu, cv = code[table.src], code[table.dst]
    ok = (cu >= 0) & (cv >= 0)
    if weight == "count":
        value = np.ones(len(table))
    else:
        plover = np.array([PLOVER_WEIGHTS[p] for p in PLOVERS])
        factor = np.array([MODALITY_FACTORS[s] for s in STYLES])
        value = plover[table.plover] * factor[table.style]
    n = len(order)
    values, counts = np.zeros((n, n)), np.zeros((n, n), dtype=int)
    back = ok & table.sym & (cu != cv)  # a mutual event also counts in its mirror cell
    for rows, cols, mask in ((cu, cv, ok), (cv, cu, back)):
        np.add.at(values, (rows[mask], cols[mask]), value[mask])
        np.add.at(counts, (rows[mask], cols[mask]), 1)
    return order, values, counts, int((~ok).sum())


def draw_matrix(G: nx.MultiDiGraph, ax: Axes | None = None, *,
                weight: Literal["count", "cooperation"] = "count",
                title: str | None = None, max_states: int = 20) -> Axes:
    """Heatmap of events between countries: rows act on columns.

    ``weight="count"`` shows how many events; ``weight="cooperation"`` the net cooperation
    score of :func:`country_matrix` on a blue (cooperation) to red (conflict) scale centred
    on zero. Cells with no event stay blank; every other cell carries its value. The
    ``max_states`` countries with the most events are shown, in the alphabetical order of
    their names, the others folded into one last row and column. Under the title, the
    figure says how cells count (a mutual event in both cells of its pair) and so why they
    may add up to more than the events.

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

    if weight not in ("count", "cooperation"):
        raise InputError(f"unknown weight {weight!r}; valid: count, cooperation")
    if ax is None:
        ax = new_axes("matrix")
    table = event_table(G)
    codes, values, counts, left_out = _matrix(G, table, weight)
    if not codes:
        return no_events(ax, G, title, "No events between countries" if G.number_of_edges()
                          else "No events to show")
    total = int(counts.sum())
    labels = country_labels(G)
    codes, names, values, counts = _busiest(codes, [labels.get(c, c) for c in codes], values,
                                            counts, max_states)
    cmap, norm, bar_label, what = _colour_scale(weight, values[:-1, :-1] if codes[-1] == "*"
                                                else values)
    image = ax.imshow(np.ma.masked_where(counts == 0, values), cmap=cmap, norm=norm,
                      interpolation="nearest")
    ax.figure.colorbar(image, ax=ax, shrink=0.8, label=bar_label)
    _matrix_axes(ax, names)
    if len(codes) <= 15:
        _cell_texts(ax, codes, values, counts, cmap, norm, weight)
    extra = f" · {plural(left_out, 'event')} with an actor of no known country left out" \
        if left_out else ""
    sub = (f"{corpus_name(G)} · " if title is not None else "") + what + extra
    set_titles(ax, headline_of(G, title, table), sub + "\n" + counting_rule(
        len(table) - left_out, total, weight))
    return ax


def counting_rule(events: int, cells: int, weight: str) -> str:
    """What a cell counts, and why the cells may not add up to the number of events."""
    rule = ("Each event counts once, in its actor's row and its target's column; a mutual "
            "event (talks, an agreement) counts in both cells of its pair")
    rule += (f", so the cells hold {cells:,} for {plural(events, 'event')} between countries."
             if cells != events else f": the cells hold all {plural(events, 'event')}.")
    if weight == "cooperation":
        rule += (" A cell's score: the sum of its events' PLOVER weights (−10 ASSAULT … +7 AID), "
                 "halved when planned or possible, 0 when negated.")
    return textwrap.fill(rule, 100)


def _busiest(codes: list[str], names: list[str], values: np.ndarray, counts: np.ndarray,
             limit: int) -> tuple[list[str], list[str], np.ndarray, np.ndarray]:
    """The ``limit`` countries with the most events, in the alphabetical order of their
    names; the others folded into one last row and column."""
    import numpy as np

    busy = counts.sum(axis=0) + counts.sum(axis=1)
    ranked = sorted(range(len(codes)), key=lambda i: (-int(busy[i]), codes[i]))
    kept = sorted(ranked[:limit] if len(codes) > limit else ranked,
                  key=lambda i: (names[i].casefold(), codes[i]))
    rest = ranked[limit:] if len(codes) > limit else []
    if not rest:
        return ([codes[i] for i in kept], [names[i] for i in kept],
                values[np.ix_(kept, kept)], counts[np.ix_(kept, kept)])
    groups = [[i] for i in kept] + [rest]
    fold = np.zeros((len(groups), len(codes)))
    for g, members in enumerate(groups):
        fold[g, members] = 1
    return ([codes[i] for i in kept] + ["*"], [names[i] for i in kept]
            + [f"{len(rest)} other countries"], fold @ values @ fold.T,
            (fold @ counts @ fold.T).round().astype(int))


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
    return (cmap, norm, "net cooperation score: sum of PLOVER weights\n(− conflict, + cooperation)",
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
    if len(names) > 15:
        ax.tick_params(which="major", labelsize=7)
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
                color=INK if light else "white", gid=f"cell|{codes[i]}|{codes[j]}",
                in_layout=False)
