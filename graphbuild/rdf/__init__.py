"""The RDF side of graphbuild: ontology, graph <-> RDF, SHACL validation, triple stores.

The public functions work on the plain ``networkx.MultiDiGraph`` of :mod:`graphbuild.graph`:

- :func:`write_graph` writes Turtle, N-Triples, TriG, N-Quads, JSON-LD or GraphML (atomic
  writes; pyoxigraph serialises, so a million triples take seconds);
  :func:`write_turtle` is the short form for notebooks.
- :func:`to_rdflib` / :func:`to_rdflib_dataset` give the same RDF as an ``rdflib`` graph.
- :func:`read_graph` reads an export back into the same ``MultiDiGraph``.
- :func:`validate` checks a file against the SHACL shapes shipped in this package.
- :func:`query` runs SPARQL with pyoxigraph over a graph, a file or an rdflib graph.
- :func:`push` loads a file into a SPARQL 1.1 Graph Store Protocol endpoint.
- :func:`serve` starts a SPARQL server (Oxigraph) on this machine holding a build.

The model (classes, properties, IRIs) is described in ``ontology.ttl`` next to this file
and in :mod:`graphbuild.rdf.namespace`. Importing this package loads neither rdflib nor
pyoxigraph: each function imports what it needs the first time it is used.

Examples
--------
>>> from graphbuild.graph import build_graph
>>> from graphbuild.rdf import query
>>> from graphbuild.types import Actor, ActorType, Event, Plover
>>> ind = Actor("India", ActorType.COUNTRY, "IND")
>>> rus = Actor("Russia", ActorType.COUNTRY, "RUS")
>>> G = build_graph([Event("a1", ind, rus, Plover.CONSULT, "hold talks",
...                        "India held talks with Russia.", 0, 29)])
>>> rows = query(G, "SELECT ?name WHERE { ?a gb:consult ?b . ?b schema:name ?name }")
>>> rows
[{'name': 'Russia'}]
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .export import to_rdflib, to_rdflib_dataset, write_graph, write_turtle
    from .namespace import DEFAULT_BASE_IRI, actor_iri, article_iri, event_iri
    from .read import read_graph
    from .server import serve
    from .shacl import validate
    from .sparql import query
    from .store import push

__all__ = [
    "DEFAULT_BASE_IRI",
    "FORMATS",
    "write_graph",
    "write_turtle",
    "to_rdflib",
    "to_rdflib_dataset",
    "read_graph",
    "validate",
    "query",
    "push",
    "serve",
    "actor_iri",
    "event_iri",
    "article_iri",
]

FORMATS = ("ttl", "nt", "trig", "nq", "jsonld", "graphml")
"""The formats :func:`write_graph` writes (``ttl`` is the default)."""

_WHERE = {
    "write_graph": "export",
    "write_turtle": "export",
    "to_rdflib": "export",
    "to_rdflib_dataset": "export",
    "read_graph": "read",
    "validate": "shacl",
    "query": "sparql",
    "push": "store",
    "serve": "server",
    "DEFAULT_BASE_IRI": "namespace",
    "actor_iri": "namespace",
    "event_iri": "namespace",
    "article_iri": "namespace",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
