"""graphbuild: news about diplomacy -> a knowledge graph of PLOVER-typed events.

Importing graphbuild loads no model and opens no file; the spaCy pipeline is loaded the
first time text is parsed, and rdflib and matplotlib when a graph is written or drawn.

The notebook API::

    G = graphbuild.build("seeds/")            # networkx.MultiDiGraph
    events = graphbuild.extract("X met Y.")   # list[Event]
    graphbuild.write_turtle(G, "graph.ttl")
    ax = graphbuild.draw(G)
"""

from __future__ import annotations

from typing import Any

from .errors import GraphbuildError, InputError, ModelError
from .graph import event_records
from .pipeline import build, extract
from .types import Actor, ActorType, Article, Event, Modality, Plover, QuadClass

__all__ = [
    "build",
    "extract",
    "write_turtle",
    "draw",
    "query",
    "event_records",
    "Actor",
    "ActorType",
    "Article",
    "Event",
    "Modality",
    "Plover",
    "QuadClass",
    "GraphbuildError",
    "InputError",
    "ModelError",
]
__version__ = "0.1.0"

# graphbuild.extract(text) once the subpackage graphbuild.extract, loaded by the first
# extraction, has taken the name: the package forwards calls here (graphbuild/extract/__init__.py)
_extract_text = extract


def write_turtle(G: Any, path: Any, **options: Any) -> None:
    """Write ``G`` as RDF/Turtle to ``path`` (see :mod:`graphbuild.rdf`)."""
    from .rdf import write_turtle as _write

    _write(G, path, **options)


def draw(G: Any, ax: Any = None, **options: Any) -> Any:
    """Draw ``G`` as a network diagram on ``ax`` (a new figure if None); return the Axes."""
    from .render import draw as _draw

    return _draw(G, ax=ax, **options)


def query(source: Any, sparql: str, **bindings: Any) -> list[dict]:
    """Run SPARQL over a graph or an RDF file; rows as dicts (see :mod:`graphbuild.rdf`)."""
    from .rdf import query as _query

    return _query(source, sparql, **bindings)
