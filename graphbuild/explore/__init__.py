"""The explorer: one self-contained HTML page to browse a graph's actors and events.

:func:`write_explorer` writes ``graph.html``: the events and actors of ``G`` as JSON inside the
page, our own script and styles (``explorer.js``, ``explorer.css`` beside this module) and the
network library, vis-network, read from the files the ``pyvis`` package ships and inlined, so
the page loads no file from any network (its Content-Security-Policy forbids it, too).

In the page: filters by PLOVER type, quad class, modality, negation, dates, country and
sector; a search box for actors; a click on an event shows its sentence with the subject and
object marked, its article and every other source that reported it; a click on an actor its
country, office and aliases, with its counterparts highlighted. A graph of more than
``aggregate_above`` actors opens grouped by country (with counts); a click on a country
shows its actors.

Examples
--------
>>> from graphbuild.graph import build_graph
>>> from graphbuild.types import Actor, ActorType, Event, Plover
>>> a = Actor("Syldavia", ActorType.COUNTRY, "SYL")
>>> b = Actor("Borduria", ActorType.COUNTRY, "BOR")
>>> G = build_graph([Event("n1", a, b, Plover.ACCUSE, "accuse", "Syldavia accused Borduria.", 0, 26,
...                        subject_start=0, subject_end=8, object_start=17, object_end=25)])
>>> data = explorer_data(G)
>>> [x["label"] for x in data["actors"]]
['Borduria', 'Syldavia']
>>> ev = data["events"][0]
>>> ev["sentence"][ev["subject"][0]:ev["subject"][1]], ev["sentence"][ev["object"][0]:ev["object"][1]]
('Syldavia', 'Borduria')
>>> explorer_html(G).count("</script")  # the page's own four scripts, nothing from the data
4
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import ExportError
from ..types import Plover, QuadClass

__all__ = ["explorer_data", "explorer_html", "write_explorer", "vis_network_files",
           "AGGREGATE_ABOVE"]

logger = logging.getLogger(__name__)

#: A graph with more actors than this opens grouped by country.
AGGREGATE_ABOVE = 300

#: The vis-network version inlined: the newest one the pyvis package ships.
VIS_VERSION = "9.1.2"

_MARKER = re.compile(r"\{\{([A-Z_]+)\}\}")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_SAFE_URL = re.compile(r"^https?://", re.I)


def vis_network_files() -> tuple[Path, Path]:
    """The vis-network script and stylesheet inside the installed ``pyvis`` package.

    Raises
    ------
    ExportError
        pyvis is not installed, or ships no vis-network files.

    Examples
    --------
    >>> [p.name for p in vis_network_files()]
    ['vis-network.min.js', 'vis-network.css']
    """
    import importlib.util

    # found, not imported: importing pyvis imports IPython and jinja2, a second of start-up
    try:
        spec = importlib.util.find_spec("pyvis")
    except (ImportError, ValueError):  # a broken or blocked installation
        spec = None
    if spec is None or not spec.submodule_search_locations:
        raise ExportError("the explorer needs the pyvis package (pip install pyvis), which ships "
                          "the vis-network library it inlines")
    lib = Path(next(iter(spec.submodule_search_locations))).resolve() / "lib"
    folders = sorted(lib.glob("vis-*"), key=lambda p: [int(x) for x in re.findall(r"\d+", p.name)])
    preferred = lib / f"vis-{VIS_VERSION}"
    folder = preferred if preferred.is_dir() else (folders[-1] if folders else None)
    if folder is None or not (folder / "vis-network.min.js").is_file():
        raise ExportError(f"no vis-network files in {lib}; reinstall pyvis")
    return folder / "vis-network.min.js", folder / "vis-network.css"


def _relative(d: Mapping[str, Any], begin: str, end: str) -> list[int] | None:
    """A mention's offsets in the article made offsets in the event's sentence, or None."""
    b, e, start = d.get(begin), d.get(end), d.get("start")
    sentence = d.get("sentence") or ""
    if b is None or e is None or start is None:
        return None
    b, e = int(b) - int(start), int(e) - int(start)
    if 0 <= b < e <= len(sentence):
        return [b, e]
    return None


def _url(value: object) -> str | None:
    """An article link the page may show: http(s) only, never ``javascript:``."""
    return str(value) if value and _SAFE_URL.match(str(value)) else None


def _country_name(code: str) -> str:
    """The name of a country only people or groups of the graph belong to (ISO 3166)."""
    import pycountry

    country = pycountry.countries.get(alpha_3=code)
    return str(getattr(country, "common_name", None) or country.name) if country else code


def explorer_data(G: nx.MultiDiGraph) -> dict:
    """What the page shows, as a JSON-able dict: actors, events, articles and vocabularies.

    Each event holds its ends as indexes into ``actors``; ``subject`` and ``object`` are the
    mentions' ``[begin, end)`` offsets in ``sentence`` (None where unknown); ``date`` is the
    event's date or, failing that, its article's.
    """
    nodes = sorted(G.nodes, key=lambda n: (str(G.nodes[n].get("label") or n).casefold(), str(n)))
    index = {n: i for i, n in enumerate(nodes)}
    actors = []
    for n in nodes:
        d = G.nodes[n]
        actors.append({"id": str(n), "label": str(d.get("label") or n), "type": d.get("type") or "ORG",
                       "country": d.get("country"), "role": d.get("role"), "sector": d.get("sector"),
                       "aliases": sorted({str(a) for a in d.get("aliases") or ()} - {d.get("label")})})
    articles_meta = G.graph.get("articles", {}) or {}
    events, used = [], set()
    for u, v, key, d in sorted(G.edges(keys=True, data=True), key=lambda e: str(e[2])):
        article = d.get("article_id")
        date = d.get("date") or (articles_meta.get(article) or {}).get("date")
        sources = sorted({str(s) for s in d.get("sources") or ()} | ({str(article)} if article else set()))
        used.update(sources)
        events.append({
            "id": str(key), "s": index[u], "t": index[v], "plover": d.get("plover"),
            "quad": d.get("quad") or Plover(d["plover"]).quad.value, "relation": d.get("relation") or "",
            "negated": bool(d.get("negated")), "modality": d.get("modality") or "asserted",
            "symmetric": bool(d.get("symmetric")), "date": str(date)[:10] if date else None,
            "sentence": d.get("sentence") or "", "article": str(article) if article else None,
            "sources": sources, "confidence": float(d.get("confidence") or 0.0),
            "subject": _relative(d, "subject_start", "subject_end"),
            "object": _relative(d, "object_start", "object_end"),
        })
    articles = {}
    for a in sorted(used):
        meta = articles_meta.get(a) or {}
        articles[a] = {"title": meta.get("title"), "date": meta.get("date"), "url": _url(meta.get("url"))}
    countries = {}
    for x in actors:
        if x["type"] == "COUNTRY" and x["country"]:
            countries.setdefault(x["country"], x["label"])
    for code in sorted({x["country"] for x in actors if x["country"]} - set(countries)):
        countries[code] = _country_name(code)
    return {"actors": actors, "events": events, "articles": articles, "countries": countries,
            "plover": [{"type": p.value, "quad": p.quad.value} for p in Plover],
            "quads": [q.value for q in QuadClass]}


def _script_json(data: object) -> str:
    """JSON that can sit inside ``<script>``: no ``</script>``, ``<!--`` or line separators.

    >>> _script_json({"t": "</script><!-- \u2028"})
    '{"t": "\\\\u003c/script\\\\u003e\\\\u003c!-- \\\\u2028"}'
    """
    text = json.dumps(data, ensure_ascii=False, allow_nan=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _inline(text: str, what: str) -> str:
    if re.search(r"</(script|style)", text, re.I):
        raise ExportError(f"cannot inline {what}: it holds a closing </script> or </style> tag")
    return text


def explorer_html(G: nx.MultiDiGraph, *, title: str | None = None,
                  aggregate_above: int = AGGREGATE_ABOVE) -> str:
    """The explorer page of ``G`` as one HTML string (see :func:`write_explorer`).

    >>> from graphbuild.graph import build_graph
    >>> page = explorer_html(build_graph([]), title="Empty <corpus>")
    >>> page.startswith("<!DOCTYPE html>"), "<title>Empty &lt;corpus&gt;</title>" in page
    (True, True)
    """
    vis_js, vis_css = vis_network_files()
    here = resources.files(__package__)
    parts = {
        "TITLE": html.escape(title or f"graphbuild: {G.number_of_edges()} events, "
                             f"{G.number_of_nodes()} actors"),
        "VIS_CSS": _inline(vis_css.read_text(encoding="utf-8"), vis_css.name),
        "VIS_JS": _inline(vis_js.read_text(encoding="utf-8"), vis_js.name),
        "CSS": _inline(here.joinpath("explorer.css").read_text(encoding="utf-8"), "explorer.css"),
        "JS": _inline(here.joinpath("explorer.js").read_text(encoding="utf-8"), "explorer.js"),
        "DATA": _script_json(explorer_data(G)),
        "SETTINGS": _script_json({"aggregateAbove": int(aggregate_above)}),
    }
    template = here.joinpath("template.html").read_text(encoding="utf-8")
    return _MARKER.sub(lambda m: parts[m.group(1)], template)


def write_explorer(G: nx.MultiDiGraph, path: str | os.PathLike[str], *, title: str | None = None,
                   aggregate_above: int = AGGREGATE_ABOVE) -> Path:
    """Write the explorer page of ``G`` to ``path`` (usually ``graph.html``); return the path.

    The page is self-contained: it opens from a file with no network. It is written to a
    temporary file and moved into place, so a reader never sees half a page.

    Parameters
    ----------
    G
        A graph from :func:`graphbuild.build` or read back from a build.
    path
        The HTML file to write; missing folders are made.
    title
        The page's title (default: how many events and actors).
    aggregate_above
        With more actors than this the page opens grouped by country.

    Raises
    ------
    ExportError
        The file cannot be written, or pyvis (which ships vis-network) is missing.

    Examples
    --------
    >>> import tempfile
    >>> from graphbuild.graph import build_graph
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = write_explorer(build_graph([]), Path(tmp) / "graph.html")
    ...     "vis-network" in out.read_text(encoding="utf-8")
    True
    """
    from .._files import atomic_write

    path = Path(path)
    page = explorer_html(G, title=title, aggregate_above=aggregate_above)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(path) as fh:
            fh.write(page)
    except ExportError:
        raise
    except OSError as err:
        raise ExportError(f"cannot write {path}: {err}") from err
    logger.info("wrote the explorer to %s", path)
    return path
