"""Triple stores: SPARQL over a graph or file with embedded pyoxigraph, and pushing a file
to a server through the SPARQL 1.1 Graph Store Protocol.

:func:`query` never pastes values into the query text: ``**bindings`` become RDF terms
and are substituted by pyoxigraph (SPARQL SEP-0007 substitution).

:func:`push` speaks plain HTTP (``urllib``): each article's named graph is replaced with a
``PUT``, so pushing the same articles again leaves one copy. Credentials come only from
the environment (``GRAPHBUILD_STORE_USER`` / ``GRAPHBUILD_STORE_PASSWORD``) or from
``~/.netrc``; they are sent only over https or to a loopback address (unless
``insecure=True``), never follow a redirect, and never appear in a message or a log.

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

import base64
import datetime as dt
import ipaddress
import logging
import netrc
import os
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Union

import pyoxigraph as ox

from ..errors import InputError, StoreError
from ..types import Plover
from .namespace import DEFAULT_BASE_IRI, GB, PREFIXES, direct_property

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import rdflib

__all__ = ["query", "push", "split_by_article", "USER_VARIABLE", "PASSWORD_VARIABLE"]

logger = logging.getLogger(__name__)

USER_VARIABLE = "GRAPHBUILD_STORE_USER"
PASSWORD_VARIABLE = "GRAPHBUILD_STORE_PASSWORD"

_XSD = "http://www.w3.org/2001/XMLSchema#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_INTEGERS = {_XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                "positiveInteger", "negativeInteger", "nonPositiveInteger",
                                "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
_FLOATS = {_XSD + "double", _XSD + "float"}

QuerySource = Union["nx.MultiDiGraph", str, "os.PathLike[str]", "rdflib.Graph", "ox.Store"]


# --- query --------------------------------------------------------------------------------

def _to_term(name: str, value: Any) -> Any:
    """A Python value as the RDF term a SPARQL variable is bound to."""
    from .read import ox_term

    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    if type(value).__module__.startswith("rdflib"):
        return ox_term(value)
    if isinstance(value, bool):
        return ox.Literal(value)
    if isinstance(value, (int, float)):
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


def _store_for(source: QuerySource, base_iri: str) -> tuple[ox.Store, bool]:
    """An in-memory pyoxigraph store holding ``source``, and whether it has named graphs."""
    import networkx as nx

    if isinstance(source, ox.Store):
        return source, True
    store = ox.Store()
    if isinstance(source, nx.Graph):
        from .export import iter_triples

        store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object)
                          for t in iter_triples(source, base_iri=base_iri))
        return store, False
    if isinstance(source, (str, os.PathLike)):
        from .read import parse_file

        quads = parse_file(source)
        store.bulk_extend(quads)
        return store, any(not isinstance(q.graph_name, ox.DefaultGraph) for q in quads)
    if type(source).__module__.startswith("rdflib"):
        from .read import ox_term

        named = False
        quads = []
        rows = (source.quads((None, None, None, None)) if hasattr(source, "quads")
                else ((s, p, o, None) for s, p, o in source))
        for s, p, o, g in rows:
            graph = ox.DefaultGraph()
            identifier = getattr(g, "identifier", g)
            if identifier is not None and not str(identifier).startswith("urn:x-rdflib:"):
                if type(source).__name__ in ("Dataset", "ConjunctiveGraph"):
                    graph = ox_term(identifier)
                    named = True
            quads.append(ox.Quad(ox_term(s), ox_term(p), ox_term(o), graph))
        store.bulk_extend(quads)
        return store, named
    raise InputError(f"cannot query {type(source).__name__}: give a networkx graph, a file "
                     "path, an rdflib graph or a pyoxigraph Store")


def query(source: QuerySource, sparql: str, *, base_iri: str = DEFAULT_BASE_IRI,
          **bindings: Any) -> list[dict[str, Any]]:
    """Run a SPARQL query with embedded pyoxigraph; return one dict per row.

    Parameters
    ----------
    source
        A graphbuild ``MultiDiGraph``, an RDF file (Turtle, N-Triples, TriG, N-Quads,
        JSON-LD), an ``rdflib`` graph or dataset, or a ``pyoxigraph.Store``. When it has
        named graphs (TriG), the query's default graph is their union.
    sparql
        A SELECT, ASK, CONSTRUCT or DESCRIBE query. The prefixes ``gb``, ``plover``,
        ``rdf``, ``rdfs``, ``xsd``, ``owl``, ``skos``, ``prov``, ``schema`` and ``dcterms``
        are predeclared.
    base_iri
        The base IRI the graph's data is written under (for a ``MultiDiGraph`` source).
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
        If the query is not valid SPARQL or a binding has no RDF form.

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
    store, named = _store_for(source, base_iri)
    substitutions = {ox.Variable(name): _to_term(name, value) for name, value in bindings.items()}
    try:
        result = store.query(sparql, prefixes=dict(PREFIXES), substitutions=substitutions,
                             use_default_graph_as_union=named)
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
    if isinstance(result, ox.QueryBoolean):
        return [{"result": bool(result)}]
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        return [{name: _python(solution[name]) for name in names} for solution in result]
    return [{"subject": _python(t.subject), "predicate": _python(t.predicate),
             "object": _python(t.object)} for t in result]


# --- splitting a file by article ----------------------------------------------------------

def split_by_article(quads: Iterable[Any]) -> dict[Any, list[ox.Triple]]:
    """Group the triples of a graphbuild export by graph, as TriG lays them out.

    Named graphs in the input are kept as they are. Triples in the default graph are
    moved into the graph of the article they belong to: an article's own triples, its
    events (by ``gb:article``), the descriptions of the actors those events involve, and
    the direct triples those events stand for. Everything else (the concept scheme,
    actors in no event, triples graphbuild did not write) stays in the default graph,
    keyed ``None``. Nothing is lost; a triple may land in several article graphs.
    """
    named: dict[Any, list[ox.Triple]] = {}
    default: list[ox.Triple] = []
    for q in quads:
        triple = ox.Triple(q.subject, q.predicate, q.object)
        graph = getattr(q, "graph_name", ox.DefaultGraph())
        if isinstance(graph, ox.DefaultGraph):
            default.append(triple)
        else:
            named.setdefault(graph, []).append(triple)

    by_subject: dict[Any, list[ox.Triple]] = {}
    for t in default:
        by_subject.setdefault(t.subject, []).append(t)

    def values(subject: Any, prop: str) -> list[Any]:
        return [t.object for t in by_subject.get(subject, ()) if t.predicate.value == prop]

    def is_a(subject: Any, cls: str) -> bool:
        return any(o.value == cls for o in values(subject, _RDF_TYPE))

    article_cls, event_cls = str(GB.Article), str(GB.Event)
    out: dict[Any, dict[ox.Triple, None]] = {}
    placed: set[ox.Triple] = set()

    def put(graph: Any, triples: Iterable[ox.Triple]) -> None:
        bucket = out.setdefault(graph, {})
        for t in triples:
            bucket[t] = None
            placed.add(t)

    direct = {direct_property(p): ox.NamedNode(f"{PREFIXES['plover']}{p.value}") for p in Plover}
    happened = {str(GB.Asserted), str(GB.Reported)}
    backing: dict[tuple[Any, Any, Any], list[Any]] = {}  # (s, type, o) -> article graphs
    for subject in list(by_subject):
        if is_a(subject, article_cls):
            put(subject, by_subject[subject])
    for subject in list(by_subject):
        if not is_a(subject, event_cls):
            continue
        articles = values(subject, str(GB.article))
        if not articles:
            continue
        graph = articles[0]
        put(graph, by_subject[subject])
        for mention in values(subject, str(GB.subjectMention)) + values(
                subject, str(GB.objectMention)):  # its argument spans go with it
            put(graph, by_subject.get(mention, ()))
        actors = values(subject, str(GB.sourceActor)) + values(subject, str(GB.targetActor))
        for actor in actors:  # its description, not the direct triples it is subject of
            put(graph, (t for t in by_subject.get(actor, ()) if t.predicate.value not in direct))
        types = values(subject, str(GB.eventType))
        modality = [o.value for o in values(subject, str(GB.modality))]
        negated = [o.value for o in values(subject, str(GB.negated))]
        if len(actors) == 2 and types and modality and modality[0] in happened \
                and negated == ["false"]:
            u, v = actors
            backing.setdefault((u, types[0], v), []).append(graph)
            if [o.value for o in values(subject, str(GB.symmetric))] == ["true"]:
                backing.setdefault((v, types[0], u), []).append(graph)
    for t in default:
        concept = direct.get(t.predicate.value)
        if concept is not None:
            for graph in backing.get((t.subject, concept, t.object), ()):
                put(graph, [t])

    result: dict[Any, list[ox.Triple]] = {}
    rest = [t for t in default if t not in placed]
    if rest:
        result[None] = rest
    for graph, bucket in out.items():
        result[graph] = list(bucket)
    for graph, triples in named.items():
        result.setdefault(graph, []).extend(triples)
    return result


# --- push ---------------------------------------------------------------------------------

class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Refuse redirects: a redirect could carry the credentials to another host."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        return None


def _is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost.localdomain") or host.lower().endswith(
            ".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _credentials(host: str) -> tuple[str, str] | None:
    user = os.environ.get(USER_VARIABLE)
    password = os.environ.get(PASSWORD_VARIABLE)
    if user is not None or password is not None:
        return user or "", password or ""
    try:
        entry = netrc.netrc().authenticators(host)
    except FileNotFoundError:
        return None
    except (netrc.NetrcParseError, OSError):
        # the parser's message may quote a token of the file: do not repeat it
        logger.warning("~/.netrc could not be read; pushing without credentials")
        return None
    if entry is None:
        return None
    login, _, secret = entry
    return login or "", secret or ""


class _Endpoint:
    """One Graph Store Protocol endpoint, with the checks done once."""

    def __init__(self, endpoint: str, *, insecure: bool, timeout: float) -> None:
        parts = urllib.parse.urlsplit(endpoint)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise StoreError(f"endpoint must be an http(s) URL such as "
                             f"http://localhost:7878/store, not {self._safe(endpoint)!r}")
        if parts.username is not None or parts.password is not None:
            raise StoreError("the endpoint URL must not hold credentials; set "
                             f"{USER_VARIABLE} and {PASSWORD_VARIABLE} or use ~/.netrc")
        self.url = endpoint
        self.timeout = timeout
        self.host = parts.hostname
        self._auth: str | None = None
        creds = _credentials(parts.hostname)
        if creds is not None:
            if parts.scheme != "https" and not _is_loopback(parts.hostname) and not insecure:
                raise StoreError(f"refusing to send credentials over plain http to "
                                 f"{parts.hostname}; use https, or insecure=True "
                                 "(--insecure) if you accept that risk")
            token = base64.b64encode(f"{creds[0]}:{creds[1]}".encode()).decode("ascii")
            self._auth = "Basic " + token
            self._secrets = [s for s in creds if s]
        else:
            self._secrets = []
        self._opener = urllib.request.build_opener(_NoRedirect)

    @staticmethod
    def _safe(url: str) -> str:
        parts = urllib.parse.urlsplit(url)
        if parts.username is not None or parts.password is not None:
            netloc = parts.hostname or ""
            if parts.port:
                netloc += f":{parts.port}"
            return urllib.parse.urlunsplit(parts._replace(netloc=netloc))
        return url

    def _scrub(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "***")
        if self._auth:
            text = text.replace(self._auth.split(" ", 1)[1], "***")
        return text

    def graph_url(self, graph: Any) -> str:
        query = "default" if graph is None else urllib.parse.urlencode({"graph": graph.value})
        return f"{self.url}{'&' if '?' in self.url else '?'}{query}"

    def send(self, method: str, graph: Any, body: bytes) -> int:
        url = self.graph_url(graph)
        request = urllib.request.Request(url, data=body, method=method)
        request.add_header("Content-Type", "application/n-triples")
        if self._auth:
            request.add_header("Authorization", self._auth)
        where = "the default graph" if graph is None else f"graph <{graph.value}>"
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                response.read()
                return int(response.status)
        except urllib.error.HTTPError as err:
            try:
                detail = err.read(300).decode("utf-8", "replace").strip()
            except Exception:  # noqa: BLE001 - the body is only a hint
                detail = ""
            err.close()
            message = f"{self.url} answered HTTP {err.code} {err.reason} to {method} {where}"
            if detail:
                message += f": {detail}"
            raise StoreError(self._scrub(message)) from None
        except TimeoutError:
            raise StoreError(f"{self.url} did not answer {method} {where} within "
                             f"{self.timeout:g} s") from None
        except urllib.error.URLError as err:
            reason = err.reason
            if isinstance(reason, (socket.timeout, TimeoutError)):
                raise StoreError(f"{self.url} did not answer {method} {where} within "
                                 f"{self.timeout:g} s") from None
            raise StoreError(self._scrub(f"cannot reach {self.url}: {reason}")) from None
        except (ConnectionError, OSError) as err:
            raise StoreError(self._scrub(f"cannot reach {self.url}: {err}")) from None


def push(path: str | os.PathLike[str], endpoint: str, *, graph: str | None = None,
         insecure: bool = False, timeout: float = 60.0) -> dict[str, int]:
    """Load an RDF file into a triple store through the SPARQL 1.1 Graph Store Protocol.

    Parameters
    ----------
    path
        A graphbuild export (Turtle, N-Triples, TriG, N-Quads, JSON-LD).
    endpoint
        The store's Graph Store Protocol URL: ``http://localhost:7878/store`` for Oxigraph,
        ``http://localhost:3030/DATASET/data`` for Apache Jena Fuseki.
    graph
        Put the whole file into this one named graph (replacing it). By default each
        article's statements replace the article's named graph (its IRI), as in TriG;
        what belongs to no article (the PLOVER scheme, actors in no event) is added to
        the default graph. Either way, pushing the same file again leaves one copy.
    insecure
        Allow sending credentials over plain http to a host that is not loopback.
    timeout
        Seconds to wait for each request.

    Returns
    -------
    dict
        ``{"graphs": number of named graphs replaced, "triples": triples sent}``.

    Raises
    ------
    StoreError
        If the endpoint cannot be reached, times out or answers with an HTTP error, or if
        credentials would go over plain http. The message never holds credentials.
    InputError
        If the file is missing or not valid RDF.
    """
    from .read import parse_file

    target = _Endpoint(endpoint, insecure=insecure, timeout=timeout)
    quads = parse_file(path)
    if graph is not None:
        try:
            name = ox.NamedNode(graph)
        except ValueError as err:
            raise StoreError(f"graph {graph!r} is not a valid IRI") from err
        triples = list(dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object)
                                     for q in quads))
        target.send("PUT", name, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
        logger.info("pushed %d triples to graph <%s>", len(triples), graph)
        return {"graphs": 1, "triples": len(triples)}

    groups = split_by_article(quads)
    sent = 0
    for name, triples in groups.items():
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        if name is None:
            target.send("POST", None, body)
        else:
            target.send("PUT", name, body)
        sent += len(triples)
        logger.debug("pushed %d triples to %s", len(triples),
                     "the default graph" if name is None else f"<{name.value}>")
    replaced = sum(1 for name in groups if name is not None)
    logger.info("pushed %d triples in %d named graphs to %s", sent, replaced, target.url)
    return {"graphs": replaced, "triples": sent}
