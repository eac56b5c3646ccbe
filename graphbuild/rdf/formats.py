"""The one table of graph file formats: what graphbuild writes and reads, and how.

Each :class:`Format` row gives a format's name, its other spellings, its file extensions,
its content type, whether it holds named graphs (one per article), and the functions that
write and read it. The CLI's ``--format`` choices, :func:`graphbuild.rdf.write_graph`,
:func:`graphbuild.rdf.read_graph`, :func:`graphbuild.rdf.validate` and
:func:`graphbuild.rdf.push` all look formats up here, so they cannot disagree.

Writers and readers are named as ``"module:function"`` and imported the first time they are
used (as rdflib's plugin registry does), so importing this module loads neither rdflib nor
pyoxigraph and ``graphbuild --help`` stays fast. A writer is ``write(fmt, G, fh, *,
base_iri, engine)`` (``fh`` a binary file); a reader is ``read(fmt, path)`` and returns
pyoxigraph quads. Adding a format is one function and one :func:`register` call; the
contract tests in ``tests/rdf/test_formats.py`` loop over every registered format.

Examples
--------
>>> get("turtle").name, get("TTL").content_type
('ttl', 'text/turtle')
>>> from_path("out/graph.trig").named_graphs
True
>>> [f.name for f in formats(writable=True)]
['ttl', 'nt', 'trig', 'nq', 'jsonld', 'graphml']
>>> get("n3")
Traceback (most recent call last):
...
graphbuild.errors.RegistryError: unknown format 'n3'; expected one of ttl, nt, trig, nq, jsonld, graphml, rdfxml
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from ..errors import RegistryError

__all__ = ["Format", "register", "unregister", "get", "from_path", "formats", "names"]

Function = Callable[..., Any]


@dataclass(frozen=True)
class Format:
    """One row of the format table.

    Attributes
    ----------
    name
        The canonical name (``--format`` takes it), e.g. ``"ttl"``.
    title
        What people call it, e.g. ``"Turtle"``.
    extensions
        File extensions, the first the one graphbuild writes (``graph.ttl``).
    content_type
        The media type (sent to triple stores, served by ``graphbuild serve``).
    named_graphs
        True if the format holds named graphs: each article's statements in a graph of
        its own (TriG, N-Quads); else everything is written as one graph.
    writer, reader
        ``"module:function"`` (or the function itself) that writes / reads the format, or
        None where graphbuild does not write / read it.
    oxigraph, rdflib
        The format's name in pyoxigraph (``RdfFormat`` member) and in rdflib (plugin
        name), or None for a format that is not RDF.
    aliases
        Other spellings accepted for ``name`` (case does not matter).
    """

    name: str
    title: str
    extensions: tuple[str, ...]
    content_type: str
    named_graphs: bool
    writer: str | Function | None
    reader: str | Function | None
    oxigraph: str | None = None
    rdflib: str | None = None
    aliases: tuple[str, ...] = field(default=())

    @property
    def is_rdf(self) -> bool:
        """Whether the format is RDF (GraphML is not)."""
        return self.oxigraph is not None

    @property
    def extension(self) -> str:
        """The extension graphbuild writes, without the dot (``"ttl"``)."""
        return self.extensions[0].lstrip(".")

    def write(self, G: Any, fh: Any, *, base_iri: str, engine: str = "oxigraph") -> None:
        """Write ``G`` to the binary file ``fh`` in this format."""
        if self.writer is None:
            raise RegistryError(f"graphbuild reads {self.name} but does not write it")
        _resolve(self.writer)(self, G, fh, base_iri=base_iri, engine=engine)

    def read(self, path: str | os.PathLike[str]) -> Any:
        """The quads (pyoxigraph) of the file ``path``, read in this format."""
        if self.reader is None:
            raise RegistryError(f"graphbuild writes {self.name} for other tools but cannot "
                                f"read it back; read one of {', '.join(names(readable=True))}")
        return _resolve(self.reader)(self, path)


_FORMATS: dict[str, Format] = {}
_LOOKUP: dict[str, str] = {}  # every spelling and extension -> canonical name


def _resolve(ref: str | Function) -> Function:
    if callable(ref):
        return ref
    module, _, name = ref.partition(":")
    return getattr(importlib.import_module(module), name)


def register(fmt: Format) -> Format:
    """Add ``fmt`` to the table; registering an equal row again is harmless.

    Raises
    ------
    RegistryError
        If another format already holds the name, a spelling or an extension.
    """
    current = _FORMATS.get(fmt.name)
    if current == fmt:
        return fmt
    keys = [fmt.name, *fmt.aliases, *(e.lower() for e in fmt.extensions)]
    taken = [k.lower() for k in keys if k.lower() in _LOOKUP]
    if current is not None or taken:
        raise RegistryError(f"format {fmt.name!r}: {', '.join(taken) or fmt.name} already "
                            f"registered (formats: {', '.join(_FORMATS)})")
    _FORMATS[fmt.name] = fmt
    for k in keys:
        _LOOKUP[k.lower()] = fmt.name
    return fmt


def unregister(name: str) -> None:
    """Remove the format ``name`` and its spellings from the table (no error if absent)."""
    fmt = _FORMATS.pop(name, None)
    if fmt is not None:
        for key in [k for k, v in _LOOKUP.items() if v == name]:
            del _LOOKUP[key]


def get(name: str) -> Format:
    """The format called ``name`` (any spelling, any case, with or without a dot)."""
    key = name.lower()
    found = _LOOKUP.get(key) or _LOOKUP.get(key.lstrip("."))
    if found is None:
        raise RegistryError(f"unknown format {name!r}; expected one of {', '.join(_FORMATS)}")
    return _FORMATS[found]


def from_path(path: str | os.PathLike[str]) -> Format:
    """The format of a file, from its extension.

    >>> from_path("events.nq").title
    'N-Quads'
    """
    suffix = PurePath(path).suffix.lower()
    found = _LOOKUP.get(suffix) if suffix else None
    if found is None:
        extensions = ", ".join(e for f in _FORMATS.values() if f.reader for e in f.extensions)
        raise RegistryError(f"cannot tell the format from the extension {suffix!r}; name it "
                            f"{extensions}, or give the format")
    return _FORMATS[found]


def formats(*, writable: bool = False, readable: bool = False, rdf: bool = False
            ) -> list[Format]:
    """The registered formats, in table order, optionally only those with a writer / reader
    / that are RDF."""
    return [f for f in _FORMATS.values()
            if (f.writer or not writable) and (f.reader or not readable) and (f.is_rdf or not rdf)]


def names(**kind: bool) -> list[str]:
    """The names of :func:`formats` (same filters)."""
    return [f.name for f in formats(**kind)]


# --- the table ----------------------------------------------------------------------------

_RDF_WRITER = "graphbuild.rdf.export:write_rdf"
_RDF_READER = "graphbuild.rdf.read:read_quads"

for _row in (
    Format("ttl", "Turtle", (".ttl", ".turtle"), "text/turtle", False, _RDF_WRITER,
           _RDF_READER, "TURTLE", "turtle", ("turtle",)),
    Format("nt", "N-Triples", (".nt",), "application/n-triples", False, _RDF_WRITER,
           _RDF_READER, "N_TRIPLES", "nt", ("ntriples", "n-triples")),
    Format("trig", "TriG", (".trig",), "application/trig", True, _RDF_WRITER, _RDF_READER,
           "TRIG", "trig"),
    Format("nq", "N-Quads", (".nq",), "application/n-quads", True, _RDF_WRITER, _RDF_READER,
           "N_QUADS", "nquads", ("nquads", "n-quads")),
    Format("jsonld", "JSON-LD", (".jsonld", ".json"), "application/ld+json", False,
           _RDF_WRITER, _RDF_READER, "JSON_LD", "json-ld", ("json-ld", "json")),
    Format("graphml", "GraphML", (".graphml",), "application/graphml+xml", False,
           "graphbuild.rdf.export:write_graphml", None),
    Format("rdfxml", "RDF/XML", (".rdf", ".owl", ".xml"), "application/rdf+xml", False, None,
           _RDF_READER, "RDF_XML", "xml", ("rdf/xml", "xml")),
):
    register(_row)
