"""SHACL validation in chunks: a large file streamed through a few small stores, one at a time.

The compiled checks (:mod:`graphbuild.rdf.shacl_sparql`) read, for a focus node, its own
triples (its *description*: every triple whose subject it is, in any graph) and the
descriptions of the nodes those triples point to (an event's actors' ``rdf:type``, a
mention's ``dcterms:isPartOf``), plus the class hierarchy (``rdfs:subClassOf``). So a file
can be checked in chunks and give the report of the whole file:

1. the file is parsed as a stream (never held whole) and every triple is written, as an
   N-Triples line, to the chunk of its subject (chosen by a hash of the subject, an event's
   mentions with their event); a triple whose object is a node of another chunk also
   writes a *request* for that node's description to the other chunk's request file;
2. each chunk's file is read once more, a line at a time, and the lines of each requested
   node are copied to the requesting chunks (the *neighbours*): only those whose predicate
   a check can read from a node other than its focus (:func:`neighbour_predicates`:
   ``rdf:type`` and what the SPARQL constraints name), so an actor's thousands of direct
   triples to other actors are not copied into every chunk;
3. each chunk is loaded on its own into an in-memory pyoxigraph store, its own triples in
   the default graph and its neighbours and the class hierarchy in another graph, the
   checks are run over the union, and only the violations whose focus node is one of the
   chunk's own subjects are kept (a neighbour is checked in its own chunk, with its whole
   description).

Every focus node has its whole description in exactly one chunk (a node is a focus only
through a triple it is the subject of: ``rdf:type`` for a target class, the property of
``sh:targetSubjectsOf``), so the violations of the chunks together are the violations of
the whole file, each once. In TriG and N-Quads the graphs are merged, as the whole-file
check does over their union. Peak memory is one chunk's store (``chunk_bytes`` of the
input's text, about) plus a bounded buffer of recent requests, whatever the file's size;
the chunk files live in a temporary folder removed at the end.

What this relies on, the tests check on files with a violation of every kind planted
across chunks: no shape reads further from its focus node than the nodes its triples point
to. A shape that did (a property path of two steps, a SPARQL constraint that follows
``?value`` further than its own triples) would need a larger neighbourhood.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .shacl_sparql import Check, Violation, run_checks

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph as ox

__all__ = ["CHUNK_BYTES", "chunk_count", "chunked_violations", "neighbour_predicates"]

CHUNK_BYTES = 12 * 2**20
"""About how much input text one chunk holds (12 MiB: ~275,000 triples, ~9,000 events)."""

_SUBCLASS = b"<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
_TYPE = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_NEIGHBOURS = "urn:graphbuild:shacl:neighbours"
_RECENT = 100_000  # requests remembered to skip repeats (the shared concepts and actors)


def chunk_count(size: int, *, chunk_bytes: int = CHUNK_BYTES) -> int:
    """How many chunks a file of ``size`` bytes is checked in (1: the whole file at once).

    >>> chunk_count(5_000_000), chunk_count(70_000_000, chunk_bytes=10_000_000)
    (1, 7)
    """
    return max(1, -(-size // max(1, chunk_bytes)))


def neighbour_predicates(checks: list[Check], header: str) -> frozenset[bytes]:
    """The predicates (N-Triples text) the checks may read from a node other than the focus:
    ``rdf:type`` (``sh:class`` of a value, through the class hierarchy, which every chunk
    gets whole) and every IRI a SPARQL constraint names. The compiled core constraints
    read nothing else from a value (their paths are one predicate from the focus node).

    >>> from graphbuild.rdf.shacl import _compiled
    >>> names = neighbour_predicates(*_compiled())
    >>> b"<http://purl.org/dc/terms/isPartOf>" in names, len(names) < 20
    (True, True)
    """
    namespaces = dict(re.findall(r"PREFIX\s+([\w-]*):\s*<([^>]*)>", header))
    found = {_TYPE}
    for check in checks:
        if not check.component.endswith("#SPARQLConstraintComponent"):
            continue
        found.update(f"<{iri}>".encode() for iri in re.findall(r"<([^>\s]+)>", check.where))
        for prefix, local in re.findall(r"(?<![\w?$])([A-Za-z][\w-]*):([\w-]+)", check.where):
            if prefix in namespaces:
                found.add(f"<{namespaces[prefix]}{local}>".encode())
    return frozenset(found)


def _home(node: str) -> str:
    """The node whose chunk ``node`` (N-Triples text) goes to: a mention goes with its event
    (``.../mention/KEY/subject`` with ``.../event/KEY``), anything else with itself. Only the
    sizes of the chunks depend on it, never the report."""
    cut = node.rfind("/mention/")
    if cut < 0 or not (node.endswith("/subject>") or node.endswith("/object>")):
        return node
    return f"{node[:cut]}/event/{node[cut + 9:node.rfind('/')]}>"


class _Splitter:
    """A binary file for pyoxigraph's N-Triples writer: each line to its chunk's files."""

    def __init__(self, chunks: _Chunks) -> None:
        self.chunks, self.rest = chunks, b""
        self.own = [open(chunks.path("own", n), "wb") for n in range(chunks.count)]
        self.req = [open(chunks.path("req", n), "wb") for n in range(chunks.count)]
        self.schema = open(chunks.folder / "schema.nt", "wb")
        self.subject, self.here = b"", 0  # the last subject and its chunk
        self.where: dict[bytes, int] = {}  # recent objects' chunks

    def __enter__(self) -> _Splitter:
        return self

    def __exit__(self, *exc: object) -> None:
        for fh in [*self.own, *self.req, self.schema]:
            fh.close()

    def flush(self) -> None:
        pass

    def _there(self, node: bytes) -> int:
        there = self.where.get(node)
        if there is None:
            if len(self.where) >= _RECENT:
                self.where.clear()
            there = self.where[node] = self.chunks.chunk(node)
        return there

    def write(self, data: bytes) -> int:
        lines = (self.rest + data).split(b"\n")
        self.rest = lines.pop()
        recent, chunk, there_of = self.chunks.recent, self.chunks.chunk, self._there
        own: list[list[bytes]] = [[] for _ in self.own]
        subject, here = self.subject, self.here
        for line in lines:
            s, p, rest = line.split(b" ", 2)
            if s != subject:
                subject, here = s, chunk(s)
            own[here].append(line)
            if p == _SUBCLASS:
                self.schema.write(line + b"\n")
            if rest[:1] == b'"':  # a literal
                continue
            target = rest[:-2]  # without " ."
            there = there_of(target)
            if there != here and (target, here) not in recent:
                if len(recent) >= _RECENT:
                    recent.clear()
                recent.add((target, here))
                self.req[there].write(b"%d %s\n" % (here, target))
        self.subject, self.here = subject, here
        for fh, buffered in zip(self.own, own, strict=True):
            if buffered:
                buffered.append(b"")
                fh.write(b"\n".join(buffered))
        return len(data)


class _Chunks:
    """The files of the chunks in ``folder``: ``own-N.nt``, ``req-N.txt``, ``nb-N.nt``."""

    def __init__(self, folder: Path, count: int) -> None:
        self.folder, self.count = folder, count
        self.recent: set[tuple[bytes, int]] = set()

    def path(self, kind: str, n: int) -> Path:
        return self.folder / f"{kind}-{n}.{'txt' if kind == 'req' else 'nt'}"

    def chunk(self, node: bytes) -> int:
        return hash(_home(node.decode("utf-8"))) % self.count

    def split(self, quads: Iterable[Any], *, default_only: bool = False) -> None:
        """Pass 1: every triple to its subject's chunk; requests for objects elsewhere.

        pyoxigraph writes the triples as N-Triples (one ``S P O .`` line each, no space in
        ``S`` or ``P``) into :class:`_Splitter`, which routes the lines. ``default_only``:
        ``quads`` are all in the default graph (a Turtle file), so need no conversion."""
        import pyoxigraph as ox

        with _Splitter(self) as splitter:
            ox.serialize(quads if default_only else (
                q.triple if isinstance(q, ox.Quad) else q for q in quads),
                splitter, ox.RdfFormat.N_TRIPLES)

    def _requests(self, n: int) -> dict[bytes, set[int]]:
        wanted: dict[bytes, set[int]] = {}
        with open(self.path("req", n), "rb") as fh:
            for line in fh:
                chunk, _, node = line.rstrip(b"\n").partition(b" ")
                wanted.setdefault(node, set()).add(int(chunk))
        return wanted

    def share(self, predicates: frozenset[bytes]) -> None:
        """Pass 2: copy the description of every requested node to the chunks asking (its
        triples of ``predicates``, the only ones a check reads from a neighbour)."""
        nb = [open(self.path("nb", n), "wb") for n in range(self.count)]
        try:
            for n in range(self.count):
                wanted = self._requests(n)
                if not wanted:
                    continue
                with open(self.path("own", n), "rb") as fh:
                    for line in fh:
                        s, p, _ = line.split(b" ", 2)
                        if p in predicates:
                            for chunk in wanted.get(s, ()):
                                nb[chunk].write(line)
        finally:
            for fh in nb:
                fh.close()

    def check(self, n: int, checks: list[Check], header: str) -> list[Violation]:
        """Pass 3: the violations of chunk ``n``'s own focus nodes."""
        import pyoxigraph as ox

        store = ox.Store()
        nt = ox.RdfFormat.N_TRIPLES
        store.bulk_load(path=str(self.path("own", n)), format=nt)
        other = ox.NamedNode(_NEIGHBOURS)
        for extra in (self.path("nb", n), self.folder / "schema.nt"):
            store.bulk_load(path=str(extra), format=nt, to_graph=other)
        mine = {str(row[0]) for row in store.query("SELECT DISTINCT ?s WHERE { ?s ?p ?o }")}
        return [v for v in run_checks(store, checks, header) if v.focus in mine]


def chunked_violations(quads: Iterable[ox.Quad], checks: list[Check], header: str, *,
                       chunks: int, folder: str | os.PathLike[str] | None = None,
                       default_only: bool = False) -> list[Violation]:
    """The violations of ``checks`` over the union of ``quads``, in ``chunks`` chunks.

    Parameters
    ----------
    quads
        pyoxigraph quads or triples, read once, as a stream.
    checks, header
        The compiled shapes and their PREFIX lines (:func:`shacl_sparql.compile_shapes`).
    chunks
        How many chunks (see :func:`chunk_count`).
    folder
        Where the temporary folder of chunk files is made (default: the system's).
    default_only
        Whether every quad is in the default graph (a faster path).

    Returns
    -------
    list of Violation
        The same violations :func:`shacl_sparql.run_checks` finds over a store holding all
        of ``quads`` (in another order).
    """
    with tempfile.TemporaryDirectory(prefix="graphbuild-shacl-", dir=folder) as tmp:
        parts = _Chunks(Path(tmp), max(1, chunks))
        parts.split(quads, default_only=default_only)
        parts.share(neighbour_predicates(checks, header))
        found: list[Violation] = []
        for n in range(parts.count):
            found.extend(parts.check(n, checks, header))
    return found
