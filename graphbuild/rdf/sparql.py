"""SPARQL over a graph or an RDF file with embedded pyoxigraph, offline and read-only.

:func:`query` never pastes values into the query text: ``**bindings`` become RDF terms
and are substituted by pyoxigraph (SPARQL SEP-0007 substitution). It runs queries only
(``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE``): an update is refused with a message that
says so. A ``SERVICE`` clause would make pyoxigraph send a request to the address the query
names, so it is refused unless ``allow_service=True``.

A file is streamed into a pyoxigraph store once (in memory, or in a temporary folder on
disk when the file is large), never held as a Python list of quads.

Examples
--------
>>> from graphbuild.graph import build_graph
>>> from graphbuild.types import Actor, ActorType, Event, Plover
>>> ind = Actor("India", ActorType.COUNTRY, "IND")
>>> rus = Actor("Russia", ActorType.COUNTRY, "RUS")
>>> G = build_graph([Event("a1", ind, rus, Plover.CONSULT, "hold talks",
...                        "India held talks with Russia.", 0, 29)])
>>> query(G, '''SELECT ?name ?type WHERE {
...                  ?e gb:sourceActor ?a ; gb:eventType/skos:notation ?type .
...                  ?a schema:name ?name }''', name="India")
[{'name': 'India', 'type': 'CONSULT'}]
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Union

import pyoxigraph as ox

from .._safe import printable
from ..errors import InputError
from .namespace import DEFAULT_BASE_IRI, PREFIXES

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import rdflib

__all__ = ["query", "solutions", "compact", "check_query", "DISK_THRESHOLD"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {_XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                "positiveInteger", "negativeInteger", "nonPositiveInteger",
                                "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
_FLOATS = {_XSD + "double", _XSD + "float"}

QuerySource = Union["nx.MultiDiGraph", str, "os.PathLike[str]", "rdflib.Graph", "ox.Store"]

DISK_THRESHOLD = 256 * 2**20
"""Files larger than this (bytes) are loaded into a temporary on-disk store, not memory."""


# --- what a query may do ------------------------------------------------------------------

# Strings, IRIs and comments, whose content is not SPARQL keywords.
_OPAQUE = re.compile(r'''"""(?:[^"\\]|\\.|"(?!""))*"""|'\'\''(?:[^'\\]|\\.|'(?!''))*'\'\''|'''
                     r'''"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*'|'''
                     r'''<[^<>"{}|^`\\\x00-\x20]*>|#[^\n\r]*''', re.S)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_SERVICE = re.compile(r"(?<![\w:?$\-])SERVICE(?![\w:\-])", re.I)
_FIRST_WORD = re.compile(r"\s*(?:(?:PREFIX\s+[^\s:]*:|BASE)\s*)*([A-Za-z]+)", re.I)
_UPDATES = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE",
                      "ADD", "WITH"})


def _keywords_text(sparql: str) -> str:
    """The query with ``\\u`` escapes decoded (SPARQL decodes them before parsing) and its
    strings, IRIs and comments blanked, so only keywords, names and punctuation remain."""
    def decode(match: re.Match[str]) -> str:
        try:
            return chr(int(match.group(1) or match.group(2), 16))
        except (ValueError, OverflowError):
            return " "

    return _OPAQUE.sub(" ", _ESCAPE.sub(decode, sparql))


def _is_update(sparql: str) -> bool:
    match = _FIRST_WORD.match(_keywords_text(sparql))
    return bool(match) and match.group(1).upper() in _UPDATES


def check_query(sparql: str, *, allow_service: bool = False) -> None:
    """Refuse what a read-only, offline query must not hold.

    Raises
    ------
    InputError
        If the text is a SPARQL update, or holds a ``SERVICE`` clause and ``allow_service``
        is false.

    Examples
    --------
    >>> check_query("SELECT * WHERE { ?s ?p ?o }")
    >>> check_query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    graphbuild.errors.InputError: the query holds a SERVICE clause, which would send a request to another server; it is refused unless you allow it (allow_service=True, or --allow-service on the command line)
    >>> check_query("SELECT * WHERE { ?service ?p 'SERVICE' }")  # a variable, a string
    """
    if _is_update(sparql):
        raise InputError("updates are refused: graphbuild runs SELECT, ASK, CONSTRUCT and "
                         "DESCRIBE queries only, and never changes the data")
    if not allow_service and _SERVICE.search(_keywords_text(sparql)):
        raise InputError("the query holds a SERVICE clause, which would send a request to "
                         "another server; it is refused unless you allow it "
                         "(allow_service=True, or --allow-service on the command line)")


# --- values -------------------------------------------------------------------------------

def _to_term(name: str, value: Any) -> Any:
    """A Python value as the RDF term a SPARQL variable is bound to."""
    from .read import ox_term

    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    if type(value).__module__.startswith("rdflib"):
        return ox_term(value)
    if isinstance(value, (bool, int, float)):
        return ox.Literal(value)
    if isinstance(value, Decimal):
        return ox.Literal(str(value), datatype=ox.NamedNode(_XSD + "decimal"))
    if isinstance(value, dt.datetime):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(_XSD + "dateTime"))
    if isinstance(value, dt.date):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(_XSD + "date"))
    if isinstance(value, str):
        return ox.Literal(value)
    raise InputError(f"cannot bind ?{name} to {value!r}: give a str, int, float, bool, date, "
                     "or an rdflib/pyoxigraph term (URIRef or NamedNode for an IRI)")


def _variable(name: str) -> ox.Variable:
    try:
        return ox.Variable(name)
    except ValueError:
        raise InputError(f"{printable(name)!r} is not a SPARQL variable name: use letters, "
                         "digits and _") from None


def _python(term: Any) -> Any:
    """An RDF term as the plain Python value a DataFrame cell should hold."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        text = term.value
        try:
            if datatype in _INTEGERS:
                return int(text)
            if datatype in _FLOATS:
                return float(text)
            if datatype == _XSD + "decimal":
                return float(Decimal(text))
            if datatype == _XSD + "boolean":
                return text in ("true", "1")
            if datatype == _XSD + "date":
                return dt.date.fromisoformat(text)
        except ValueError:
            return text
        return text
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return term.value  # NamedNode, or an RDF-star triple's text


_LOCAL = re.compile(r"[A-Za-z_][\w\-]*(?:\.[\w\-]+)*")


def compact(term: Any, prefixes: dict[str, str] = PREFIXES) -> str:
    """A term as a person reads it: an IRI under a known prefix as ``prefix:name``.

    Other IRIs are written out whole; literals are their text; blank nodes ``_:id``;
    unbound values the empty string.

    Examples
    --------
    >>> compact(ox.NamedNode("https://graphbuild.example.org/ns#Planned"))
    'gb:Planned'
    >>> compact(ox.NamedNode("https://graphbuild.example.org/actor/country/IND"))
    'https://graphbuild.example.org/actor/country/IND'
    >>> compact(ox.Literal("3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    '3'
    """
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        iri = term.value
        best = max((ns for ns in prefixes.values() if iri.startswith(ns)), key=len, default=None)
        if best is not None and _LOCAL.fullmatch(iri[len(best):]):
            name = next(p for p, ns in prefixes.items() if ns == best)
            return f"{name}:{iri[len(best):]}"
        return iri
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


# --- the store a query runs on ------------------------------------------------------------

def _load_file(path: str | os.PathLike[str], store: ox.Store, *, on_disk: bool) -> None:
    """Stream a file into ``store``: one transaction in memory (the least memory there), the
    bulk loader on disk (which writes as it goes instead of holding a transaction)."""
    from .read import rdf_format

    fmt = rdf_format(path)
    try:
        if on_disk:
            store.bulk_load(path=os.fspath(path), format=fmt)
        else:
            store.load(path=os.fspath(path), format=fmt)
    except FileNotFoundError as err:
        raise InputError("no such file", path=os.fspath(path)) from err
    except IsADirectoryError as err:
        raise InputError("is a folder, not an RDF file", path=os.fspath(path)) from err
    except (SyntaxError, ValueError, OSError) as err:
        raise InputError(f"not valid {fmt}: {err}", path=os.fspath(path)) from err


def _has_named_graphs(store: ox.Store) -> bool:
    return next(iter(store.named_graphs()), None) is not None


@contextlib.contextmanager
def _store_for(source: QuerySource, base_iri: str) -> Iterator[tuple[ox.Store, bool]]:
    """A pyoxigraph store holding ``source``, and whether it has named graphs."""
    import networkx as nx

    if isinstance(source, ox.Store):
        yield source, _has_named_graphs(source)
        return
    if isinstance(source, (str, os.PathLike)):
        try:
            big = os.path.getsize(source) > DISK_THRESHOLD
        except OSError:
            big = False
        folder = tempfile.mkdtemp(prefix="graphbuild-query-") if big else None
        store = None
        try:
            store = ox.Store(folder) if folder else ox.Store()
            _load_file(source, store, on_disk=folder is not None)
            yield store, _has_named_graphs(store)
        finally:
            if folder:
                del store
                shutil.rmtree(folder, ignore_errors=True)
        return
    store = ox.Store()
    if isinstance(source, nx.Graph):
        from .export import iter_triples

        store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object)
                          for t in iter_triples(source, base_iri=base_iri))
        yield store, False
        return
    if type(source).__module__.startswith("rdflib"):
        store.bulk_extend(_rdflib_quads(source))
        yield store, _has_named_graphs(store)
        return
    raise InputError(f"cannot query {type(source).__name__}: give a networkx graph, a file "
                     "path, an rdflib graph or a pyoxigraph Store")


def _rdflib_quads(source: Any) -> Iterator[ox.Quad]:
    from .read import ox_term

    dataset = type(source).__name__ in ("Dataset", "ConjunctiveGraph")
    rows = (source.quads((None, None, None, None)) if hasattr(source, "quads")
            else ((s, p, o, None) for s, p, o in source))
    for s, p, o, g in rows:
        graph = ox.DefaultGraph()
        identifier = getattr(g, "identifier", g)
        if dataset and identifier is not None and not str(identifier).startswith("urn:x-rdflib:"):
            graph = ox_term(identifier)
        yield ox.Quad(ox_term(s), ox_term(p), ox_term(o), graph)


# --- running it ---------------------------------------------------------------------------

def solutions(source: QuerySource, sparql: str, *, base_iri: str = DEFAULT_BASE_IRI,
              allow_service: bool = False,
              **bindings: Any) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run a query like :func:`query`; return the column names and rows of RDF terms.

    SELECT gives its variables (``None`` for an unbound value), ASK the column ``result``
    with a boolean literal, CONSTRUCT and DESCRIBE ``subject``, ``predicate``, ``object``.
    The names are there even when there are no rows.

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> store = ox.Store()
    >>> solutions(store, "SELECT ?s ?o WHERE { ?s ?p ?o }")
    (['s', 'o'], [])
    """
    check_query(sparql, allow_service=allow_service)
    substitutions = {_variable(name): _to_term(name, value) for name, value in bindings.items()}
    with _store_for(source, base_iri) as (store, named):
        try:
            result = store.query(sparql, prefixes=dict(PREFIXES), substitutions=substitutions,
                                 use_default_graph_as_union=named)
            if isinstance(result, ox.QueryBoolean):
                return ["result"], [(ox.Literal(bool(result)),)]
            if isinstance(result, ox.QuerySolutions):
                names = [v.value for v in result.variables]
                return names, [tuple(solution[n] for n in names) for solution in result]
            return ["subject", "predicate", "object"], [
                (t.subject, t.predicate, t.object) for t in result]
        except SyntaxError as err:
            raise InputError(f"not a valid SPARQL query: {err}") from err
        except RuntimeError as err:
            if "projection" in str(err) and bindings:
                raise InputError(
                    f"a SELECT query must project the variables it binds "
                    f"({', '.join('?' + n for n in bindings)}): list them after SELECT or use "
                    "SELECT *") from err
            raise InputError(f"the query failed: {err}") from err
        except (ValueError, OSError) as err:
            raise InputError(f"the query failed: {err}") from err


def query(source: QuerySource, sparql: str, *, base_iri: str = DEFAULT_BASE_IRI,
          allow_service: bool = False, **bindings: Any) -> list[dict[str, Any]]:
    """Run a SPARQL query with embedded pyoxigraph; return one dict per row.

    Parameters
    ----------
    source
        A graphbuild ``MultiDiGraph``, an RDF file (Turtle, N-Triples, TriG, N-Quads,
        JSON-LD), an ``rdflib`` graph or dataset, or a ``pyoxigraph.Store``. When it has
        named graphs (TriG), the query's default graph is their union. A file is streamed
        into a store once: in memory, or on disk in a temporary folder when it is larger
        than :data:`DISK_THRESHOLD`.
    sparql
        A SELECT, ASK, CONSTRUCT or DESCRIBE query; updates are refused. The prefixes
        ``gb``, ``plover``, ``rdf``, ``rdfs``, ``xsd``, ``owl``, ``skos``, ``prov``,
        ``schema`` and ``dcterms`` are predeclared.
    base_iri
        The base IRI the graph's data is written under (for a ``MultiDiGraph`` source).
    allow_service
        Run ``SERVICE`` clauses, which send the request to the server the query names. Off
        by default: a query from elsewhere cannot make this machine send requests.
    **bindings
        Values for variables of the query (``name="India"`` binds ``?name``): str, int,
        float, bool, date, or an rdflib/pyoxigraph term (``URIRef`` for an IRI). They are
        substituted as RDF terms by pyoxigraph, never pasted into the query text. A
        SELECT query must project the variables it binds (list them, or ``SELECT *``;
        with aggregates, ``GROUP BY`` them).

    Returns
    -------
    list of dict
        SELECT: one dict per solution, variable name -> Python value (IRIs as str,
        literals as int/float/bool/date/str, unbound as None); ready for
        ``pandas.DataFrame(rows)``. ASK: ``[{"result": bool}]``. CONSTRUCT/DESCRIBE: one
        dict per triple with ``subject``, ``predicate`` and ``object``.

    Raises
    ------
    InputError
        If the query is not valid SPARQL, is an update, holds a refused ``SERVICE``
        clause, or a binding has no RDF form.

    Examples
    --------
    >>> from graphbuild.graph import build_graph
    >>> from graphbuild.types import Actor, ActorType, Event, Plover
    >>> ind = Actor("India", ActorType.COUNTRY, "IND")
    >>> chn = Actor("China", ActorType.COUNTRY, "CHN")
    >>> G = build_graph([Event("a1", ind, chn, Plover.ACCUSE, "accuse", "India accused China.",
    ...                        0, 20, negated=True)])
    >>> query(G, "ASK { ?a gb:accuse ?b }")  # a negated event has no direct triple
    [{'result': False}]
    >>> query(G, "SELECT ?negated WHERE { ?e gb:eventType plover:ACCUSE ; gb:negated ?negated }")
    [{'negated': True}]
    """
    names, rows = solutions(source, sparql, base_iri=base_iri, allow_service=allow_service,
                            **bindings)
    return [{name: _python(term) for name, term in zip(names, row, strict=True)} for row in rows]
