"""Pushing a graphbuild export to a triple store through the SPARQL 1.1 Graph Store Protocol.

Each article's named graph is replaced with a ``PUT``, so pushing the same articles again
leaves one copy. The client is ``http.client`` with guards a hostile or broken server cannot
get past:

- The endpoint is checked before anything is sent: http or https, a host, no user or
  password, no ``#fragment``, no path ending in ``/`` (stores read ``/store/`` as another
  resource), no graph already named in its query string.
- Credentials come only from the environment (``GRAPHBUILD_STORE_USER`` /
  ``GRAPHBUILD_STORE_PASSWORD``) or from ``~/.netrc``; they are sent only over https or to a
  loopback address (unless ``insecure=True``), never follow a redirect, and never appear in
  a message or a log: when they were sent, nothing the server wrote (reason phrase, body,
  header) is repeated, only the status code and the standard phrase for it.
- ``timeout`` bounds each request as a whole, from connect to the last byte of the answer,
  so a server that trickles its answer is cut off.
- A malformed answer (bad status line, oversized or too many headers, a body shorter than
  announced) is a :class:`~graphbuild.errors.StoreError` with one line, never a traceback.
- Success is reported only when every graph was stored (a 2xx answer to each request).

:func:`graphbuild.rdf.query` (embedded SPARQL) lives in :mod:`graphbuild.rdf.sparql`; it is
importable from here too.
"""

from __future__ import annotations

import base64
import html
import http
import http.client
import ipaddress
import logging
import math
import netrc
import os
import socket
import ssl
import threading
import time
import urllib.parse
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from .._safe import printable
from ..errors import InputError, StoreError
from ..types import Plover
from .namespace import GB, PREFIXES, direct_property
from .sparql import query

__all__ = ["push", "split_by_article", "check_endpoint", "PlainHttpRefused", "USER_VARIABLE",
           "PASSWORD_VARIABLE", "query"]

logger = logging.getLogger(__name__)

USER_VARIABLE = "GRAPHBUILD_STORE_USER"
PASSWORD_VARIABLE = "GRAPHBUILD_STORE_PASSWORD"

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

#: The most of a success answer's body that is read (and dropped) before the connection is closed.
_MAX_ANSWER = 2**20
#: The most of an error answer's body shown, when no credentials were sent.
_EXCERPT = 300


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
    result = _Splitter(default).split()
    for graph, triples in named.items():
        result.setdefault(graph, []).extend(triples)
    return result


class _Splitter:
    """The default graph's triples, placed into the article graphs they belong to."""

    _DIRECT = {direct_property(p): ox.NamedNode(f"{PREFIXES['plover']}{p.value}") for p in Plover}
    _HAPPENED = frozenset({str(GB.Asserted), str(GB.Reported)})

    def __init__(self, default: list[ox.Triple]) -> None:
        self.default = default
        self.by_subject: dict[Any, list[ox.Triple]] = {}
        for t in default:
            self.by_subject.setdefault(t.subject, []).append(t)
        self.out: dict[Any, dict[ox.Triple, None]] = {}
        self.placed: set[ox.Triple] = set()
        self.backing: dict[tuple[Any, Any, Any], list[Any]] = {}  # (s, type, o) -> graphs

    def values(self, subject: Any, prop: str) -> list[Any]:
        return [t.object for t in self.by_subject.get(subject, ()) if t.predicate.value == prop]

    def texts(self, subject: Any, prop: str) -> list[str]:
        return [o.value for o in self.values(subject, prop)]

    def put(self, graph: Any, triples: Iterable[ox.Triple]) -> None:
        bucket = self.out.setdefault(graph, {})
        for t in triples:
            bucket[t] = None
            self.placed.add(t)

    def place_event(self, subject: Any) -> None:
        articles = self.values(subject, str(GB.article))
        if not articles:
            return
        graph = articles[0]
        self.put(graph, self.by_subject[subject])
        for mention in self.values(subject, str(GB.subjectMention)) + self.values(
                subject, str(GB.objectMention)):  # its argument spans go with it
            self.put(graph, self.by_subject.get(mention, ()))
        actors = self.values(subject, str(GB.sourceActor)) + self.values(subject, str(GB.targetActor))
        for actor in actors:  # its description, not the direct triples it is subject of
            self.put(graph, (t for t in self.by_subject.get(actor, ())
                             if t.predicate.value not in self._DIRECT))
        types = self.values(subject, str(GB.eventType))
        modality = self.texts(subject, str(GB.modality))
        happened = bool(modality) and modality[0] in self._HAPPENED
        if len(actors) == 2 and types and happened \
                and self.texts(subject, str(GB.negated)) == ["false"]:
            u, v = actors
            self.backing.setdefault((u, types[0], v), []).append(graph)
            if self.texts(subject, str(GB.symmetric)) == ["true"]:
                self.backing.setdefault((v, types[0], u), []).append(graph)

    def split(self) -> dict[Any, list[ox.Triple]]:
        kinds = {subject: set(self.texts(subject, _RDF_TYPE)) for subject in self.by_subject}
        for subject, classes in kinds.items():
            if str(GB.Article) in classes:
                self.put(subject, self.by_subject[subject])
        for subject, classes in kinds.items():
            if str(GB.Event) in classes:
                self.place_event(subject)
        for t in self.default:
            concept = self._DIRECT.get(t.predicate.value)
            if concept is not None:
                for graph in self.backing.get((t.subject, concept, t.object), ()):
                    self.put(graph, [t])
        result: dict[Any, list[ox.Triple]] = {}
        rest = [t for t in self.default if t not in self.placed]
        if rest:
            result[None] = rest
        for graph, bucket in self.out.items():
            result[graph] = list(bucket)
        return result


# --- the endpoint -------------------------------------------------------------------------

class PlainHttpRefused(StoreError):
    """Credentials would have gone over plain http to a host that is not this machine."""

    def __init__(self, host: str) -> None:
        self.host = host
        super().__init__(f"refusing to send credentials over plain http to {printable(host)}; "
                         "use https, or pass insecure=True if you accept that risk")


def _is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost.localdomain") or host.lower().endswith(
            ".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_endpoint(endpoint: str) -> urllib.parse.SplitResult:
    """The parts of a Graph Store endpoint URL, or a :class:`StoreError` saying what is wrong.

    Examples
    --------
    >>> check_endpoint("http://localhost:7878/store").port
    7878
    >>> check_endpoint("http://localhost:7878/store/")
    Traceback (most recent call last):
    ...
    graphbuild.errors.StoreError: endpoint 'http://localhost:7878/store/' ends with '/', which stores read as another resource (Oxigraph puts every graph into one); refused: did you mean 'http://localhost:7878/store'?
    """
    example = "such as http://localhost:7878/store"
    if not isinstance(endpoint, str) or not endpoint:
        raise StoreError(f"endpoint must be an http(s) URL {example}")
    shown = f" {printable(endpoint)!r}"
    if "@" in endpoint:  # user:password@host, or a password with '/' or '#' in it
        raise StoreError("the endpoint URL must not hold credentials (a user or password, or "
                         "an '@'); set "
                         f"{USER_VARIABLE} and {PASSWORD_VARIABLE} or use ~/.netrc")
    if any(c.isspace() or not c.isprintable() for c in endpoint) or not endpoint.isascii():
        raise StoreError(f"endpoint{shown} holds spaces, control or non-ASCII characters; "
                         f"give an http(s) URL {example} (percent-encode the rest)")
    try:
        parts = urllib.parse.urlsplit(endpoint)
        parts.port  # noqa: B018 - raises on a port that is not a number in range
    except ValueError:
        raise StoreError(f"endpoint{shown} is not a valid URL (check the brackets around an "
                         f"IPv6 address and the port); give an http(s) URL {example}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise StoreError(f"endpoint must be an http(s) URL {example}, not{shown}")
    if parts.fragment or "#" in endpoint:
        raise StoreError(f"endpoint{shown} has a #fragment, which would hide the graph "
                         "parameter from the store (every graph would replace the default "
                         "graph); refused: remove it")
    if parts.path.endswith("/") or not parts.path:
        fixed = urllib.parse.urlunsplit(parts._replace(path=parts.path.rstrip("/")))
        hint = (f"did you mean {printable(fixed)!r}?" if parts.path.strip("/")
                else "give the Graph Store path, e.g. /store (Oxigraph) or /DATASET/data (Fuseki)")
        raise StoreError(f"endpoint{shown} ends with '/', which stores read as another "
                         f"resource (Oxigraph puts every graph into one); refused: {hint}"
                         if parts.path else f"endpoint{shown} has no path; refused: {hint}")
    names = {k for k, _ in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)}
    if names & {"graph", "default"}:
        raise StoreError(f"endpoint{shown} already names a graph in its query string; refused: "
                         "give the Graph Store URL alone (and --graph IRI for one graph)")
    return parts


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


def _secret_forms(user: str, password: str, token: str) -> list[str]:
    """Every form the credentials could be written in, to be scrubbed from our own text."""
    forms: set[str] = set()
    for secret in (password, f"{user}:{password}", token):
        if len(secret) < 4:
            continue
        forms.update({secret, html.escape(secret), html.escape(secret, quote=False),
                      urllib.parse.quote(secret, safe=""), urllib.parse.quote_plus(secret),
                      urllib.parse.quote(secret)})
    return sorted(forms, key=len, reverse=True)


def _scrub(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every prefix of four characters or more of each secret replaced by ``***``.

    >>> _scrub("sent hunter2-x and hun, hunter2-xyz", ["hunter2-xyz"])
    'sent *** and hun, ***'
    """
    secrets = [s for s in secrets if len(s) >= 4]
    out: list[str] = []
    i = 0
    while i < len(text):
        longest = 0
        for secret in secrets:
            if text.startswith(secret[:4], i):
                n = 4
                while n < len(secret) and i + n < len(text) and text[i + n] == secret[n]:
                    n += 1
                longest = max(longest, n)
        if longest:
            out.append("***")
            i += longest
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


# --- one request --------------------------------------------------------------------------

class _Deadline:
    """Shuts a connection's socket down when the request's time is up, wherever it is
    blocked (connect, TLS handshake, send, or reading a trickled answer)."""

    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds
        self.expired = False
        self._guard: socket.socket | None = None
        self._timer: threading.Timer | None = None

    def remaining(self) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            self.expired = True
            raise TimeoutError("deadline")
        return left

    def watch(self, sock: socket.socket) -> None:
        self._guard = sock.dup()
        self._timer = threading.Timer(self.remaining(), self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        self.expired = True
        with _suppress_os_error():
            if self._guard is not None:
                self._guard.shutdown(socket.SHUT_RDWR)

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        if self._guard is not None:
            self._guard.close()


class _suppress_os_error:  # noqa: N801 - used as a statement
    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, value, tb) -> bool:  # type: ignore[no-untyped-def]
        return kind is not None and issubclass(kind, OSError)


#: How a connection is opened (a seam for tests that stand in for a remote host).
_open_socket = socket.create_connection


def _connection(parts: urllib.parse.SplitResult, deadline: _Deadline) -> http.client.HTTPConnection:
    host, port = parts.hostname or "", parts.port
    timeout = deadline.remaining()
    if parts.scheme == "https":
        conn: http.client.HTTPConnection = http.client.HTTPSConnection(
            host, port, timeout=timeout, context=ssl.create_default_context())
    else:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)

    def connect(address, timeout=None, source_address=None):  # type: ignore[no-untyped-def]
        sock = _open_socket(address, deadline.remaining(), source_address)
        deadline.watch(sock)
        return sock

    conn._create_connection = connect  # type: ignore[attr-defined]
    return conn


class _Answer:
    def __init__(self, status: int, body: bytes) -> None:
        self.status, self.body = status, body


def _exchange(conn: http.client.HTTPConnection, method: str, target: str, body: bytes,
              headers: dict[str, str]) -> _Answer:
    conn.request(method, target, body=body, headers=headers)
    response = conn.getresponse()
    status = response.status
    limit = _MAX_ANSWER if 200 <= status < 300 else _EXCERPT
    data = bytearray()
    while len(data) < limit:
        chunk = response.read(min(65536, limit - len(data)))
        if not chunk:
            if response.length:  # announced more than it sent
                raise http.client.IncompleteRead(bytes(data), response.length)
            break
        data += chunk
    return _Answer(status, bytes(data))


def _failure(err: BaseException) -> str:
    """What went wrong, in our words only: never the exception's text, which can quote the
    server (a status line, a header) or the request."""
    if isinstance(err, http.client.RemoteDisconnected):
        return "closed the connection without answering"
    if isinstance(err, http.client.LineTooLong):
        return "answered with a status or header line longer than 64 KiB"
    if isinstance(err, http.client.IncompleteRead):
        return "sent an answer shorter than it announced"
    if isinstance(err, http.client.BadStatusLine):
        return "answered with a malformed status line (not HTTP)"
    if isinstance(err, http.client.HTTPException):
        if type(err) is http.client.HTTPException and "more than" in str(err):
            return "answered with more than 100 headers"
        return "answered with a malformed HTTP response"
    if isinstance(err, (ConnectionError, BrokenPipeError)):
        return "closed the connection before answering"
    return "answered with a malformed HTTP response"


def _unreachable(err: BaseException) -> str | None:
    """Why a connection could not be made, in our words; None if it was made."""
    if isinstance(err, ssl.SSLCertVerificationError):
        return "its TLS certificate could not be verified"
    if isinstance(err, ssl.SSLError):
        return "the TLS handshake failed"
    if isinstance(err, ConnectionRefusedError):
        return "connection refused (is the store running?)"
    if isinstance(err, socket.gaierror):
        return "the host name could not be resolved"
    if isinstance(err, OSError) and not isinstance(err, ConnectionError) and err.strerror:
        return err.strerror
    return None


class _Endpoint:
    """One Graph Store Protocol endpoint, with the checks done once."""

    def __init__(self, endpoint: str, *, insecure: bool, timeout: float) -> None:
        self.parts = check_endpoint(endpoint)
        self.url = endpoint
        self.timeout = _check_timeout(timeout)
        self.host = self.parts.hostname or ""
        self._auth: str | None = None
        self._secrets: list[str] = []
        creds = _credentials(self.host)
        if creds is not None:
            if self.parts.scheme != "https" and not _is_loopback(self.host) and not insecure:
                raise PlainHttpRefused(self.host)
            token = base64.b64encode(f"{creds[0]}:{creds[1]}".encode()).decode("ascii")
            self._auth = "Basic " + token
            self._secrets = _secret_forms(creds[0], creds[1], token)

    @property
    def shown(self) -> str:
        return printable(self.url)

    def _target(self, graph: Any) -> str:
        path = self.parts.path + "?" + (self.parts.query + "&" if self.parts.query else "")
        return path + ("default" if graph is None else urllib.parse.urlencode({"graph": graph.value}))

    def _error(self, text: str) -> StoreError:
        return StoreError(_scrub(text, self._secrets))

    def send(self, method: str, graph: Any, body: bytes) -> int:
        """Send one request; return its 2xx status, or raise a one-line StoreError."""
        where = "the default graph" if graph is None else f"graph <{printable(graph.value)}>"
        headers = {"Content-Type": "application/n-triples", "Connection": "close"}
        if self._auth:
            headers["Authorization"] = self._auth
        deadline = _Deadline(self.timeout)
        conn = None
        try:
            conn = _connection(self.parts, deadline)
            answer = _exchange(conn, method, self._target(graph), body, headers)
        except Exception as err:  # noqa: BLE001 - the network layer's text never gets out
            if deadline.expired or isinstance(err, TimeoutError):
                raise self._error(f"{self.shown} did not answer {method} {where} within "
                                  f"{self.timeout:g} s") from None
            reason = _unreachable(err)
            if reason is not None:
                raise self._error(f"cannot reach {self.shown}: {reason} ({method} {where})") from None
            raise self._error(f"{self.shown} {_failure(err)} ({method} {where})") from None
        finally:
            deadline.stop()
            if conn is not None:
                conn.close()
        if 200 <= answer.status < 300:
            return answer.status
        raise self._error(self._refusal(answer, method, where))

    def _refusal(self, answer: _Answer, method: str, where: str) -> str:
        try:
            phrase = http.HTTPStatus(answer.status).phrase
        except ValueError:
            phrase = "unknown status"
        message = f"{self.shown} answered HTTP {answer.status} ({phrase}) to {method} {where}"
        if 300 <= answer.status < 400:
            message += "; redirects are not followed"
        elif answer.status in (401, 403):
            message += ("; check the credentials" if self._auth else
                        f"; set {USER_VARIABLE} and {PASSWORD_VARIABLE}, or use ~/.netrc")
        if self._auth is None:  # nothing the server writes is shown once credentials were sent
            detail = printable(answer.body.decode("utf-8", "replace").strip())[:_EXCERPT]
            if detail:
                message += f": {detail}"
        return message


def _check_timeout(timeout: Any) -> float:
    try:
        value = float(timeout)
    except (TypeError, ValueError):
        raise InputError(f"timeout must be a number of seconds, not {timeout!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise InputError(f"timeout must be a positive, finite number of seconds, not {timeout!r}")
    return value


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def push(path: str | os.PathLike[str], endpoint: str, *, graph: str | None = None,
         insecure: bool = False, timeout: float = 60.0) -> dict[str, int]:
    """Load an RDF file into a triple store through the SPARQL 1.1 Graph Store Protocol.

    Parameters
    ----------
    path
        A graphbuild export (Turtle, N-Triples, TriG, N-Quads, JSON-LD).
    endpoint
        The store's Graph Store Protocol URL: ``http://localhost:7878/store`` for Oxigraph,
        ``http://localhost:3030/DATASET/data`` for Apache Jena Fuseki. It is checked before
        anything is sent: http or https, a host, no user or password, no ``#fragment``, no
        trailing ``/``.
    graph
        Put the whole file into this one named graph (replacing it). By default each
        article's statements replace the article's named graph (its IRI), as in TriG;
        what belongs to no article (the PLOVER scheme, actors in no event) is added to
        the default graph. Either way, pushing the same file again leaves one copy.
    insecure
        Allow sending credentials over plain http to a host that is not loopback.
    timeout
        Seconds each request may take as a whole, from connecting to the last byte of the
        answer (a positive, finite number).

    Returns
    -------
    dict
        ``graphs``: named graphs replaced; ``triples``: triples sent; ``named_triples`` and
        ``default_triples``: how many of them went to named graphs and to the default graph.

    Raises
    ------
    StoreError
        If the endpoint is not a usable URL, cannot be reached, times out, answers with an
        HTTP error or a malformed answer, or if credentials would go over plain http
        (:class:`PlainHttpRefused`). Every graph sent before the failure is named by count.
        The message never holds credentials.
    InputError
        If the file is missing or not valid RDF, or ``timeout`` is not a positive number.
    """
    from .read import parse_file

    target = _Endpoint(endpoint, insecure=insecure, timeout=timeout)
    if graph is not None:
        _check_graph(graph)
    quads = parse_file(path)
    if graph is not None:
        groups: dict[Any, list[ox.Triple]] = {ox.NamedNode(graph): list(dict.fromkeys(
            ox.Triple(q.subject, q.predicate, q.object) for q in quads))}
    else:
        groups = split_by_article(quads)
    del quads
    counts = {"graphs": 0, "triples": 0, "named_triples": 0, "default_triples": 0}
    for name, triples in groups.items():
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        try:
            target.send("POST" if name is None else "PUT", name, body)
        except StoreError as err:
            if counts["triples"]:
                raise StoreError(f"{err}; stored before it: {_counts(counts)}; the rest was "
                                 "not sent") from None
            raise
        counts["triples"] += len(triples)
        if name is None:
            counts["default_triples"] += len(triples)
        else:
            counts["graphs"] += 1
            counts["named_triples"] += len(triples)
        logger.debug("pushed %d triples to %s", len(triples),
                     "the default graph" if name is None else f"<{printable(name.value)}>")
    logger.info("pushed %s", describe(counts, target.shown))
    return counts


def _check_graph(graph: str) -> None:
    parts = urllib.parse.urlsplit(graph) if isinstance(graph, str) else None
    try:
        ox.NamedNode(graph)
        ok = bool(parts and parts.scheme)
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise StoreError(f"graph {printable(graph)!r} is not an absolute IRI; give one such as "
                         "http://example.org/graphs/news")


def describe(counts: dict[str, int], where: str) -> str:
    """The line that says what a push stored.

    >>> describe({"graphs": 1, "triples": 150, "named_triples": 2, "default_triples": 148},
    ...          "http://127.0.0.1:7878/store")
    '150 triples to http://127.0.0.1:7878/store: 2 in 1 named graph, 148 to the default graph'
    """
    return f"{_plural(counts['triples'], 'triple')} to {where}: {_counts(counts)}"


def _counts(counts: dict[str, int]) -> str:
    return (f"{counts['named_triples']} in {_plural(counts['graphs'], 'named graph')}, "
            f"{counts['default_triples']} to the default graph")
