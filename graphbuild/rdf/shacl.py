"""Check graphbuild RDF against the SHACL shapes shipped in this package (``shapes.ttl``).

Examples
--------
>>> from graphbuild.graph import build_graph
>>> from graphbuild.types import Actor, ActorType, Event, Plover
>>> ind = Actor("India", ActorType.COUNTRY, "IND")
>>> rus = Actor("Russia", ActorType.COUNTRY, "RUS")
>>> G = build_graph([Event("a1", ind, rus, Plover.CONSULT, "hold talks",
...                        "India held talks with Russia.", 0, 29)])
>>> conforms, report = validate(G)
>>> conforms
True
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Union

from ..errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import rdflib

__all__ = ["validate", "shapes_graph", "SHAPES_PATH", "ONTOLOGY_PATH"]

logger = logging.getLogger(__name__)

SHAPES_PATH = Path(__file__).with_name("shapes.ttl")
"""The SHACL shapes file shipped with graphbuild."""
ONTOLOGY_PATH = Path(__file__).with_name("ontology.ttl")
"""The ontology file shipped with graphbuild."""

Source = Union[str, "os.PathLike[str]", "rdflib.Graph", "nx.MultiDiGraph"]


def shapes_graph() -> rdflib.Graph:
    """The shapes of ``shapes.ttl`` as an ``rdflib.Graph``."""
    from rdflib import Graph

    return Graph().parse(SHAPES_PATH, format="turtle")


def _data_graph(source: Source) -> rdflib.Graph:
    import networkx as nx
    import rdflib

    if isinstance(source, rdflib.Graph):
        return source
    if isinstance(source, nx.Graph):
        from .export import to_rdflib

        return to_rdflib(source)
    from .read import rdf_format

    path = os.fspath(source)
    fmt = rdf_format(path)
    name = {"ttl": "turtle", "nt": "nt", "trig": "trig", "nq": "nquads", "jsonld": "json-ld",
            "rdf": "xml"}[fmt.file_extension]
    graph: rdflib.Graph = rdflib.Dataset() if fmt.supports_datasets else rdflib.Graph()
    try:
        graph.parse(path, format=name)
    except FileNotFoundError as err:
        raise InputError("no such file", path=path) from err
    except Exception as err:  # rdflib's parsers raise many kinds of error
        raise InputError(f"not valid {name}: {err}", path=path) from err
    return graph


def validate(source: Source) -> tuple[bool, str]:
    """Check RDF against graphbuild's SHACL shapes.

    Parameters
    ----------
    source
        A file (Turtle, N-Triples, TriG, N-Quads, JSON-LD; in TriG each named graph is
        checked on its own), an ``rdflib`` graph, or a graphbuild ``MultiDiGraph``.

    Returns
    -------
    tuple of (bool, str)
        Whether it conforms, and pyshacl's report as text (it lists each violation, with
        the node, the property and the message).

    Raises
    ------
    InputError
        If the file is missing or is not valid RDF.
    """
    import pyshacl

    data = _data_graph(source)
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes_graph(), inference="none",
                                         advanced=True, allow_warnings=False)
    logger.info("SHACL validation: %s", "conforms" if conforms else "does not conform")
    return bool(conforms), str(text)
