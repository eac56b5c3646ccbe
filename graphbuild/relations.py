"""Relations over time: events between pairs of states (or actors) counted by period, and scored.

:func:`relations` turns a graph into a pandas DataFrame with one row per (source, target,
period): how many events, how many of each quad class and PLOVER type, and a cooperation
score, the sum of :func:`cooperation_weights` (our Goldstein-style scale from -10 to +10,
with the rationale of each weight in ``data/cooperation.toml``) over the row's events.
:func:`dyad` sums one pair's rows per period; ``graphbuild.render.draw_relations`` draws it.

What counts
-----------
- An event happened when it is asserted or reported and not negated. By default only those
  count in the quad and type columns and in the score; ``planned`` (planned or possible)
  and ``negated`` say how many were left out. With ``happened_only=False`` planned and
  possible events count too, at half their weight in the score. A negated event never
  counts: it did not happen.
- A directed event (an accusation, aid) is a row from its source to its target. A symmetric
  event (talks, an agreement both sign) is counted once, under the pair in sorted order
  (``source < target``); the ``symmetric`` column says how many of a row's events were such,
  and ``DataFrame.attrs["symmetric"]`` says so in words.
- An event's period is that of its date, or of its article's date when it has none; events
  with neither, and (with ``by="country"``) events with an end of no country, are left out
  and counted in ``attrs["undated"]`` and ``attrs["no_country"]``.

Examples
--------
>>> import datetime as dt
>>> from graphbuild.graph import build_graph
>>> from graphbuild.types import Actor, ActorType, Event, Plover
>>> a = Actor("Syldavia", ActorType.COUNTRY, "SYL")
>>> b = Actor("Borduria", ActorType.COUNTRY, "BOR")
>>> G = build_graph([
...     Event("n1", a, b, Plover.ACCUSE, "accuse", "...", 0, 3, date=dt.date(2024, 3, 2)),
...     Event("n1", a, b, Plover.CONSULT, "meet", "...", 4, 9, date=dt.date(2024, 3, 9),
...           symmetric=True)])
>>> table = relations(G)
>>> table[["source", "target", "period", "events", "ACCUSE", "CONSULT", "score"]]
  source target   period  events  ACCUSE  CONSULT  score
0    BOR    SYL  2024-03       1       0        1    2.0
1    SYL    BOR  2024-03       1       1        0   -3.0
"""

from __future__ import annotations

import datetime as dt
import functools
import tomllib
from collections.abc import Mapping
from importlib import resources
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

from .errors import InputError, LexiconError
from .types import Plover, QuadClass

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import pandas as pd

__all__ = ["relations", "dyad", "parse_dyad", "cooperation_weights", "weight_rationales",
           "PLANNED_FACTOR", "QUAD_COLUMNS"]

#: Share of its weight a planned or possible event adds to the score with ``happened_only=False``.
PLANNED_FACTOR = 0.5

#: The column of each quad class.
QUAD_COLUMNS: Mapping[QuadClass, str] = MappingProxyType({q: q.value.replace(" ", "_") for q in QuadClass})

_HAPPENED = ("asserted", "reported")
_SYMMETRIC_NOTE = ("symmetric events are counted once per pair, under the pair in sorted order "
                   "(source < target); directed events from their source to their target")


@functools.cache
def _weights_file() -> dict[Plover, tuple[float, str]]:
    text = resources.files("graphbuild").joinpath("data", "cooperation.toml").read_text(encoding="utf-8")
    raw = tomllib.loads(text)
    table = {}
    for plover in Plover:
        entry = raw.get(plover.value)
        try:
            weight = float(entry["weight"])
            why = str(entry["why"])
        except (TypeError, KeyError, ValueError) as err:
            raise LexiconError(f"cooperation.toml: {plover.value} needs a weight and a why") from err
        if not -10.0 <= weight <= 10.0:
            raise LexiconError(f"cooperation.toml: {plover.value} weight {weight} is outside -10..10")
        table[plover] = (weight, why)
    unknown = set(raw) - {p.value for p in Plover}
    if unknown:
        raise LexiconError(f"cooperation.toml: not PLOVER types: {', '.join(sorted(unknown))}")
    return table


def cooperation_weights() -> Mapping[Plover, float]:
    """How cooperative (+) or hostile (-) each PLOVER type is, from -10 to +10.

    >>> w = cooperation_weights()
    >>> w[Plover.AID], w[Plover.CONSULT], w[Plover.ASSAULT]
    (7.0, 2.0, -10.0)
    """
    return MappingProxyType({p: w for p, (w, _) in _weights_file().items()})


def weight_rationales() -> Mapping[Plover, str]:
    """Why each PLOVER type has the weight it has (one sentence each).

    >>> weight_rationales()[Plover.ASSAULT].startswith("Armed attack")
    True
    """
    return MappingProxyType({p: why for p, (_, why) in _weights_file().items()})


def _check_freq(freq: str) -> str:
    import pandas as pd

    try:
        pd.Period("2024-01-15", freq=freq)
    except (ValueError, TypeError) as err:
        raise InputError(f"unknown period {freq!r}; use e.g. D, W, M, Q or Y") from err
    return freq


def _event_date(G: nx.MultiDiGraph, d: Mapping[str, Any]) -> dt.date | None:
    value = d.get("date") or (G.graph.get("articles", {}).get(d.get("article_id")) or {}).get("date")
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _columns() -> list[str]:
    return (["source", "target", "period", "events", "happened", "planned", "negated", "symmetric"]
            + list(QUAD_COLUMNS.values()) + [p.value for p in Plover] + ["score", "mean_score"])


def _ends(G: nx.MultiDiGraph, u: str, v: str, by: str) -> tuple[str, str] | None:
    if by == "actor":
        return u, v
    cu, cv = G.nodes[u].get("country"), G.nodes[v].get("country")
    return (cu, cv) if cu and cv else None


def _gather(G: nx.MultiDiGraph, freq: str, by: str, weights: dict, happened_only: bool
            ) -> tuple[dict[tuple, dict[str, Any]], int, int]:
    """The counts per (source, target, period), and how many events had no date or country."""
    import pandas as pd

    rows: dict[tuple, dict[str, Any]] = {}
    undated = no_country = 0
    for u, v, d in G.edges(data=True):
        ends = _ends(G, u, v, by)
        if ends is None:
            no_country += 1
            continue
        date = _event_date(G, d)
        if date is None:
            undated += 1
            continue
        symmetric = bool(d.get("symmetric"))
        if symmetric:
            ends = tuple(sorted(ends))
        period = pd.Period(date, freq=freq)
        row = rows.setdefault((*ends, period), dict.fromkeys(_columns()[3:-1], 0) | {"score": 0.0})
        _count(row, d, weights, happened_only, symmetric)
    return rows, undated, no_country


def relations(G: nx.MultiDiGraph, freq: str = "M", by: Literal["country", "actor"] = "country", *,
              happened_only: bool = True) -> pd.DataFrame:
    """Events between pairs of countries (or actors) per period, counted and scored.

    Parameters
    ----------
    G
        A graph from :func:`graphbuild.build` or read back from a build.
    freq
        The period: a pandas frequency such as ``"D"``, ``"W"``, ``"M"`` (default), ``"Q"``, ``"Y"``.
    by
        ``"country"``: each actor stands for its country (ISO alpha-3); ``"actor"``: each actor
        for itself (its node id), with ``source_label`` and ``target_label`` columns.
    happened_only
        Count (in the quad and type columns and the score) only the events that happened
        (the default), or planned and possible ones too, at :data:`PLANNED_FACTOR` of their weight.

    Returns
    -------
    pandas.DataFrame
        One row per (source, target, period) that has an event, sorted; columns ``source``,
        ``target``, ``period`` (a pandas Period), ``events`` (all of the row's events),
        ``happened``, ``planned``, ``negated``, ``symmetric``, one column per quad class
        (:data:`QUAD_COLUMNS`) and per PLOVER type, ``score`` and ``mean_score`` (the score per
        counted event; NaN when none counted). ``attrs`` holds ``freq``, ``by``,
        ``happened_only``, ``symmetric`` (how symmetric events are counted), ``undated`` and
        ``no_country`` (events left out) and ``weights``.

    Raises
    ------
    InputError
        ``by`` is neither "country" nor "actor", or ``freq`` is no pandas frequency.

    Examples
    --------
    >>> import datetime as dt
    >>> from graphbuild.graph import build_graph
    >>> from graphbuild.types import Actor, ActorType, Event, Modality, Plover
    >>> a = Actor("Syldavia", ActorType.COUNTRY, "SYL")
    >>> b = Actor("Borduria", ActorType.COUNTRY, "BOR")
    >>> G = build_graph([
    ...     Event("n1", a, b, Plover.AID, "aid", "...", 0, 3, date=dt.date(2024, 5, 2)),
    ...     Event("n2", a, b, Plover.AID, "aid", "...", 0, 3, date=dt.date(2024, 5, 9),
    ...           modality=Modality.PLANNED)])
    >>> relations(G)[["events", "happened", "planned", "AID", "score"]].to_dict("records")
    [{'events': 2, 'happened': 1, 'planned': 1, 'AID': 1, 'score': 7.0}]
    >>> yearly = relations(G, freq="Y", happened_only=False)  # planned events at half weight
    >>> str(yearly.loc[0, "period"]), int(yearly.loc[0, "AID"]), float(yearly.loc[0, "score"])
    ('2024', 2, 10.5)
    """
    import pandas as pd

    if by not in ("country", "actor"):
        raise InputError(f"unknown by={by!r}; valid: country, actor")
    _check_freq(freq)
    weights = cooperation_weights()
    rows, undated, no_country = _gather(G, freq, by, weights, happened_only)
    table = pd.DataFrame([{"source": s, "target": t, "period": p, **r} for (s, t, p), r in rows.items()],
                         columns=_columns()[:-1])
    table["mean_score"] = table["score"] / _counted(table, happened_only).where(lambda n: n > 0)
    table = table.sort_values(["source", "target", "period"], ignore_index=True)
    if by == "actor":
        labels = {n: G.nodes[n].get("label") or n for n in G.nodes}
        table.insert(2, "source_label", table["source"].map(labels))
        table.insert(3, "target_label", table["target"].map(labels))
    table.attrs.update({"freq": freq, "by": by, "happened_only": happened_only,
                        "symmetric": _SYMMETRIC_NOTE, "undated": undated,
                        "no_country": no_country if by == "country" else 0,
                        "weights": {p.value: w for p, w in weights.items()}})
    return table


def _count(row: dict[str, Any], d: Mapping[str, Any], weights: Mapping[Plover, float],
           happened_only: bool, symmetric: bool) -> None:
    plover = Plover(d["plover"])
    row["events"] += 1
    row["symmetric"] += symmetric
    if d.get("negated"):
        row["negated"] += 1
        return
    happened = (d.get("modality") or "asserted") in _HAPPENED
    if not happened:
        row["planned"] += 1
        if happened_only:
            return
    else:
        row["happened"] += 1
    row[plover.value] += 1
    row[QUAD_COLUMNS[plover.quad]] += 1
    row["score"] += weights[plover] * (1.0 if happened else PLANNED_FACTOR)


def _counted(table: pd.DataFrame, happened_only: bool) -> pd.Series:
    return table["happened"] if happened_only else table["happened"] + table["planned"]


def dyad(table: pd.DataFrame, a: str, b: str, *, fill: bool = True) -> pd.DataFrame:
    """The rows of :func:`relations` between ``a`` and ``b``, both directions summed per period.

    Returns a DataFrame indexed by period with the count columns, ``score`` and ``mean_score``;
    with ``fill`` every period between the first and last is there (zeros where no event).

    Raises
    ------
    InputError
        No event joins ``a`` and ``b``; the message names the pairs that have most.

    Examples
    --------
    >>> import datetime as dt
    >>> from graphbuild.graph import build_graph
    >>> from graphbuild.types import Actor, ActorType, Event, Plover
    >>> a = Actor("Syldavia", ActorType.COUNTRY, "SYL")
    >>> b = Actor("Borduria", ActorType.COUNTRY, "BOR")
    >>> G = build_graph([
    ...     Event("n1", a, b, Plover.ACCUSE, "accuse", "...", 0, 3, date=dt.date(2024, 1, 2)),
    ...     Event("n2", b, a, Plover.AID, "aid", "...", 0, 3, date=dt.date(2024, 3, 9))])
    >>> dyad(relations(G), "SYL", "BOR")[["events", "score"]]  # doctest: +NORMALIZE_WHITESPACE
             events  score
    period
    2024-01       1   -3.0
    2024-02       0    0.0
    2024-03       1    7.0
    """
    import pandas as pd

    pair = table[((table["source"] == a) & (table["target"] == b))
                 | ((table["source"] == b) & (table["target"] == a))]
    if pair.empty:
        busiest = (table.assign(pair=table["source"] + "-" + table["target"]).groupby("pair")["events"]
                   .sum().sort_values(ascending=False).head(5))
        known = ", ".join(busiest.index) or "none"
        raise InputError(f"no event between {a} and {b}; pairs with most events: {known}")
    out = pair.groupby("period")[_columns()[3:-1]].sum()
    if fill:
        periods = pd.period_range(out.index.min(), out.index.max(), freq=out.index.min().freq)
        out = out.reindex(periods, fill_value=0)
        out.index.name = "period"
    counted = _counted(out, bool(table.attrs.get("happened_only", True)))
    out["mean_score"] = out["score"] / counted.where(counted > 0)
    out.attrs = {**table.attrs, "dyad": (a, b)}
    return out


def parse_dyad(text: str) -> tuple[str, str]:
    """``"IND-RUS"`` or ``"IND,RUS"`` as a pair; with a comma, the ends may hold hyphens.

    >>> parse_dyad("IND-RUS"), parse_dyad("person/IND/a-b,country/RUS")
    (('IND', 'RUS'), ('person/IND/a-b', 'country/RUS'))
    """
    sep = "," if "," in text else "-"
    parts = [p.strip() for p in text.split(sep)]
    if len(parts) != 2 or not all(parts):
        raise InputError(f"{text!r} is not a pair: use A-B (e.g. IND-RUS) or A,B")
    return parts[0], parts[1]
