"""Reading an event graph for drawing: actor types, PLOVER types, modality, dates, and text made drawable."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import networkx as nx

from ..errors import InputError
from ..types import ActorType, Modality, Plover
from .palette import MODALITY_FACTORS, PLOVER_WEIGHTS

if TYPE_CHECKING:  # pragma: no cover
    pass


def actor_type(data: Mapping[str, Any]) -> ActorType:
    try:
        return ActorType(data.get("type") or "ORG")
    except ValueError:
        return ActorType.ORG


def plover_of(d: Mapping[str, Any], u: str, v: str) -> Plover:
    try:
        return Plover(d.get("plover"))
    except ValueError as err:
        raise InputError(f"event {u} -> {v} has PLOVER type {d.get('plover')!r}; valid: "
                         f"{', '.join(p.value for p in Plover)}") from err


def style_of(d: Mapping[str, Any]) -> str:
    """``asserted``, ``planned``, ``possible`` or ``negated``: what the line style shows."""
    if d.get("negated"):
        return "negated"
    modality = d.get("modality") or Modality.ASSERTED.value
    return modality if modality in ("planned", "possible") else "asserted"


def did_happen(d: Mapping[str, Any]) -> bool:
    return style_of(d) == "asserted"


def parse_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def event_date(G: nx.MultiDiGraph, d: Mapping[str, Any]) -> dt.date | None:
    """The event's own date, or else the date of the article it comes from."""
    date = parse_date(d.get("date"))
    if date is None:
        article = G.graph.get("articles", {}).get(d.get("article_id"), {}) or {}
        date = parse_date(article.get("date"))
    return date


def date_span(G: nx.MultiDiGraph) -> tuple[dt.date, dt.date] | None:
    dates = [x for x in (event_date(G, d) for _, _, d in G.edges(data=True)) if x]
    if not dates:
        dates = [x for x in (parse_date((a or {}).get("date"))
                             for a in G.graph.get("articles", {}).values()) if x]
    return (min(dates), max(dates)) if dates else None


def date_range_text(span: tuple[dt.date, dt.date] | None) -> str:
    """``3–15 Mar 2024``, ``30 Mar – 2 Apr 2024``, ``3 Mar 2024``; empty when unknown."""
    if span is None:
        return ""
    lo, hi = span

    def day(d: dt.date, year: bool = True) -> str:
        return f"{d.day} {d:%b}" + (f" {d.year}" if year else "")

    if lo == hi:
        return day(lo)
    if (lo.year, lo.month) == (hi.year, hi.month):
        return f"{lo.day}–{day(hi)}"
    if lo.year == hi.year:
        return f"{day(lo, False)} – {day(hi)}"
    return f"{day(lo)} – {day(hi)}"


def corpus_name(G: nx.MultiDiGraph) -> str:
    name = str(G.graph.get("name") or "").strip()
    return name if name and name != "graphbuild" else "Diplomatic events"


def articles_of(G: nx.MultiDiGraph) -> set[str]:
    seen: set[str] = set()
    for _, _, d in G.edges(data=True):
        seen.update(d.get("sources") or ())
        if d.get("article_id"):
            seen.add(d["article_id"])
    return seen


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def wrap(label: str, width: int = 18) -> str:
    return textwrap.fill(str(label), width=width, break_long_words=False,
                         break_on_hyphens=False) or str(label)


def node_label(G: nx.MultiDiGraph, node: str) -> str:
    return drawable(str(G.nodes[node].get("label") or node))


# Control characters no font draws and XML (SVG) cannot hold; also U+FFFE, U+FFFF, surrogates.
_UNDRAWABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def drawable(text: str) -> str:
    """``text`` as it can be drawn and written into SVG: a tab or CR becomes a space, the
    other control characters are dropped.

    >>> drawable("Tab\\there\\x00, \\x1b[31mred")
    'Tab here, [31mred'
    """
    return _UNDRAWABLE.sub("", text.replace("\t", " ").replace("\r", " "))


def plain(text: str) -> str:
    """``text`` for a matplotlib Text: drawable, and each ``$`` escaped so that it is drawn
    as itself, never read as mathtext (``$x^{$`` would raise). Apply once, where drawn.

    >>> plain("Costs $5 and $6")
    'Costs \\\\$5 and \\\\$6'
    """
    return drawable(text).replace("$", "\\$")


def event_weight(d: Mapping[str, Any], u: str, v: str) -> float:
    return PLOVER_WEIGHTS[plover_of(d, u, v)] * MODALITY_FACTORS[style_of(d)]


def country_label(G: nx.MultiDiGraph, code: str) -> str:
    for _, d in G.nodes(data=True):
        if actor_type(d) is ActorType.COUNTRY and d.get("country") == code and d.get("label"):
            return drawable(str(d["label"]))
    return drawable(code)
