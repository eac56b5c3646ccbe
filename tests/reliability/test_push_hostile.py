"""``graphbuild push`` against hostile and broken stores: small raw-socket servers on
127.0.0.1 that echo the credentials back in every encoding, garble their status line, trickle
their answer a byte at a time, send huge or too many headers, or cut their body short; and
endpoints that would have sent the data somewhere it does not belong.

Each case runs the command in a fresh process with ``-v`` (so log lines are seen too) and
asserts one line on stderr, no traceback, a non-zero exit, and no trace of the secret."""

from __future__ import annotations

import base64
import html
import socket
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from graphbuild.graph import build_graph
from graphbuild.rdf import write_graph
from graphbuild.rdf.store import PASSWORD_VARIABLE, USER_VARIABLE
from graphbuild.types import Actor, ActorType, Article, Event, Plover

from .conftest import Outcome, run_graphbuild

USER = "alice"
SECRET = 's3cr<t&"Pa55 w/rd!'  # characters that HTML-escaping and percent-encoding change
TOKEN = base64.b64encode(f"{USER}:{SECRET}".encode()).decode()
CREDENTIALS = {USER_VARIABLE: USER, PASSWORD_VARIABLE: SECRET}


@dataclass
class Request:
    method: str
    target: str
    headers: dict[str, str]
    body: bytes


Script = Callable[[Request, int], Iterable[bytes | float]]
"""What a server answers: pieces of bytes to send, and pauses (seconds) between them."""


@dataclass
class HostileServer:
    url: str
    requests: list[Request] = field(default_factory=list)


def _read_request(conn: socket.socket) -> Request | None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    method, target, _ = lines[0].split(" ", 2)
    headers = {k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in lines[1:])}
    length = int(headers.get("content-length", 0))
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        body += chunk
    return Request(method, target, headers, body)


@pytest.fixture
def hostile() -> Iterator[Callable[[Script], HostileServer]]:
    """start(script) -> a server on a free loopback port answering each request with
    script(request, n); stopped (with its connections) after the test."""
    stop = threading.Event()
    listeners: list[socket.socket] = []
    threads: list[threading.Thread] = []

    def handle(conn: socket.socket, server: HostileServer, script: Script, n: int) -> None:
        with conn:
            conn.settimeout(5)
            try:
                request = _read_request(conn)
                if request is None:
                    return
                server.requests.append(request)
                for piece in script(request, n):
                    if stop.is_set():
                        return
                    if isinstance(piece, float):
                        time.sleep(piece)
                    else:
                        conn.sendall(piece)
            except OSError:
                return  # the client hung up: what a deadline does

    def start(script: Script) -> HostileServer:
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        listener.settimeout(0.1)
        listeners.append(listener)
        server = HostileServer(f"http://127.0.0.1:{listener.getsockname()[1]}/store")

        def serve() -> None:
            for n in range(200):  # bounded: a test makes a handful of requests
                while not stop.is_set():
                    try:
                        conn, _ = listener.accept()
                        break
                    except TimeoutError:
                        continue
                    except OSError:
                        return
                else:
                    return
                worker = threading.Thread(target=handle, args=(conn, server, script, n),
                                          daemon=True)
                worker.start()
                threads.append(worker)

        thread = threading.Thread(target=serve, daemon=True)
        thread.start()
        threads.append(thread)
        return server

    yield start
    stop.set()
    for listener in listeners:
        listener.close()
    for thread in threads:
        thread.join(timeout=5)


@pytest.fixture
def ttl(tmp_path) -> Path:
    """Two articles: a push sends two PUTs and one POST (the PLOVER scheme)."""
    india, china = Actor("India", ActorType.COUNTRY, "IND"), Actor("China", ActorType.COUNTRY, "CHN")
    G = build_graph([Event("a1", india, china, Plover.CONSULT, "meet", "They met.", 0, 9),
                     Event("a2", china, india, Plover.ACCUSE, "accuse", "It accused.", 0, 11)],
                    [Article("a1", "They met."), Article("a2", "It accused.")])
    path = tmp_path / "graph.ttl"
    write_graph(G, path)
    return path


def _answer(status_line: str, body: bytes = b"", headers: Iterable[str] = ()) -> bytes:
    head = [status_line, *headers, f"Content-Length: {len(body)}", "Connection: close"]
    return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1", "replace") + body


def _traces(secret: str) -> list[str]:
    """What must never be printed: the 4-character prefix of each form of the secret
    (any longer prefix holds it)."""
    forms = {secret, html.escape(secret), urllib.parse.quote(secret, safe=""),
             urllib.parse.quote_plus(secret), TOKEN, f"{USER}:{secret}"}
    return sorted({form[:4] for form in forms} | forms)


def assert_clean_failure(result: Outcome, *, code: int = 1) -> str:
    """One error line, a non-zero exit, no traceback, no trace of the secret anywhere."""
    assert result.code == code, (result.code, result.err)
    everything = result.out + result.err
    for trace in _traces(SECRET):
        assert trace not in everything, (trace, everything)
    assert "Traceback" not in everything
    assert "Authorization" not in everything and "Basic" not in everything
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("graphbuild: error: "), result.err
    return lines[0]


def push(ttl: Path, endpoint: str, *extra: str, credentials: bool = True) -> Outcome:
    env = CREDENTIALS if credentials else {}
    return run_graphbuild(["-v", "push", ttl, "--endpoint", endpoint, *extra], timeout=60, **env)


# --- a store that echoes the credentials ------------------------------------------------

def _echo(encode: Callable[[str], str]) -> Script:
    def script(request: Request, n: int) -> Iterable[bytes]:
        auth = request.headers.get("authorization", "")
        password = base64.b64decode(auth.split()[-1]).decode().split(":", 1)[1] if auth else ""
        yield _answer("HTTP/1.1 401 Unauthorized",
                      f"<p>denied: {encode(password)} ({encode(auth)})</p>".encode())

    return script


ECHOES = {
    "raw": lambda s: s,
    "html-escaped": html.escape,
    "percent-encoded": lambda s: urllib.parse.quote(s, safe=""),
    "plus-encoded": urllib.parse.quote_plus,
    "base64": lambda s: base64.b64encode(s.encode()).decode(),
    # the 300-character excerpt of the old code cut the password after its first letters
    "cut across the excerpt": lambda s: "x" * 283 + s,
}


@pytest.mark.parametrize("encoding", list(ECHOES))
def test_credentials_echoed_in_the_error_body_are_never_printed(ttl, hostile, encoding):
    server = hostile(_echo(ECHOES[encoding]))
    line = assert_clean_failure(push(ttl, server.url))
    assert "HTTP 401 (Unauthorized)" in line and "check the credentials" in line
    assert server.requests[0].headers["authorization"] == f"Basic {TOKEN}"  # it was sent


@pytest.mark.parametrize("status_line", [
    "HTTP/1.1 500 {secret}",                  # a reason phrase that is the secret
    "HTTP/1.1 5{secret}",                     # a garbled status code
    "{secret} 500 Oops",                      # not an HTTP status line at all
    "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"{secret}\"",
])
def test_credentials_in_a_garbled_status_line_or_header_are_never_printed(ttl, hostile,
                                                                          status_line):
    def script(request: Request, n: int) -> Iterable[bytes]:
        yield _answer(status_line.format(secret=SECRET), f"you sent {SECRET}".encode())

    server = hostile(script)
    assert_clean_failure(push(ttl, server.url))
    assert server.requests


def test_without_credentials_the_error_body_is_shown_escaped(ttl, hostile):
    def script(request: Request, n: int) -> Iterable[bytes]:
        yield _answer("HTTP/1.1 400 Bad Request", b"parse error at line 3\x1b[2J\r\nforged line")

    line = assert_clean_failure(push(ttl, hostile(script).url, credentials=False))
    assert line.endswith(": parse error at line 3\\x1b[2J\\x0d\\x0aforged line")


# --- malformed answers --------------------------------------------------------------------

MALFORMED = {
    "bad status line": (b"SPAM SPAM SPAM\r\n\r\n", "malformed status line"),
    "status out of range": (_answer("HTTP/1.1 2000 OK"), "malformed status line"),
    "short body": (b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nonly this", "shorter"),
    "64 KB header": (_answer("HTTP/1.1 204 No Content", headers=["X-Big: " + "a" * 65536]),
                     "longer than 64 KiB"),
    "101 headers": (_answer("HTTP/1.1 204 No Content",
                            headers=[f"X-H{i}: {i}" for i in range(101)]), "more than 100"),
    "no answer": (b"", "without answering"),
    "broken chunks": (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
                      "shorter than it announced"),
}


@pytest.mark.parametrize("case", list(MALFORMED))
@pytest.mark.parametrize("credentials", [True, False], ids=["credentials", "anonymous"])
def test_a_malformed_answer_is_one_line_and_a_failure(ttl, hostile, case, credentials):
    answer, reason = MALFORMED[case]
    server = hostile(lambda request, n: [answer])
    line = assert_clean_failure(push(ttl, server.url, credentials=credentials))
    assert reason in line
    assert "pushed" not in line


def test_a_trickling_server_is_cut_off_at_the_deadline(ttl, hostile):
    """A byte every 0.2 s: each read is quick, the request never ends. --timeout 1.5 ends it."""
    def script(request: Request, n: int) -> Iterator[bytes | float]:
        for byte in _answer("HTTP/1.1 204 No Content", headers=["X-Slow: " + "z" * 200]):
            yield bytes([byte])
            yield 0.2

    server = hostile(script)
    started = time.monotonic()
    line = assert_clean_failure(push(ttl, server.url, "--timeout", "1.5"))
    elapsed = time.monotonic() - started
    assert "did not answer" in line and "within 1.5 s" in line
    assert elapsed < 15  # the old code read on for 250 bytes x 0.2 s = 50 s
    assert len(server.requests) == 1  # it stopped at the first graph


def test_a_trickled_success_body_is_cut_off_too(ttl, hostile):
    def script(request: Request, n: int) -> Iterator[bytes | float]:
        yield b"HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n"
        for _ in range(500):
            yield b"."
            yield 0.1

    line = assert_clean_failure(push(ttl, hostile(script).url, "--timeout", "1"))
    assert "within 1 s" in line


@pytest.mark.parametrize("value", ["-1", "0", "nan", "inf", "-inf", "soon"])
def test_a_bad_timeout_is_one_line(ttl, value, hostile):
    server = hostile(lambda request, n: [_answer("HTTP/1.1 204 No Content")])
    line = assert_clean_failure(push(ttl, server.url, f"--timeout={value}"), code=2)
    assert "--timeout" in line and "seconds" in line
    assert server.requests == []


# --- success means every graph was stored ----------------------------------------------

def test_a_store_that_fails_half_way_is_a_failure_that_says_what_was_stored(ttl, hostile):
    def script(request: Request, n: int) -> Iterable[bytes]:
        yield _answer("HTTP/1.1 503 Service Unavailable" if n == 2 else "HTTP/1.1 204 No Content")

    server = hostile(script)
    line = assert_clean_failure(push(ttl, server.url, credentials=False))
    assert "HTTP 503" in line and "the rest was not sent" in line
    assert "stored before it:" in line and "in 1 named graph, " in line
    assert len(server.requests) == 3


def test_a_redirect_is_a_failure(ttl, hostile):
    server = hostile(lambda request, n: [_answer("HTTP/1.1 308 Permanent Redirect",
                                                 headers=[f"Location: http://127.0.0.2/{SECRET}"])])
    line = assert_clean_failure(push(ttl, server.url))
    assert "HTTP 308" in line and "redirects are not followed" in line
    assert len(server.requests) == 1


# --- endpoints refused before anything is sent -----------------------------------------

@pytest.mark.parametrize("suffix, reason", [
    ("#fragment", "#fragment"),
    ("#", "#fragment"),
    ("/", "ends with '/'"),
    ("?graph=http://example.org/g", "already names a graph"),
])
def test_an_endpoint_that_would_misplace_the_graphs_is_refused(ttl, hostile, suffix, reason):
    server = hostile(lambda request, n: [_answer("HTTP/1.1 204 No Content")])
    line = assert_clean_failure(push(ttl, server.url + suffix))
    assert reason in line and "refused" in line
    assert server.requests == []


@pytest.mark.parametrize("endpoint, reason", [
    ("http://[::1/store", "not a valid URL"),
    ("http://127.0.0.1:99999/store", "not a valid URL"),
    ("http://127.0.0.1:7878", "has no path"),
    ("ftp://127.0.0.1/store", "http(s) URL"),
    ("127.0.0.1:7878/store", "http(s) URL"),
    ("http:///store", "http(s) URL"),
    ("http://127.0.0.1:7878/st ore", "spaces"),
    (f"http://{USER}:{urllib.parse.quote(SECRET, safe='')}@127.0.0.1:7878/store",
     "must not hold credentials"),
    (f"http://{USER}:{SECRET}@127.0.0.1:7878/store", "must not hold credentials"),
])
def test_a_bad_endpoint_is_one_line(ttl, endpoint, reason):
    line = assert_clean_failure(push(ttl, endpoint))
    assert reason in line, line


def test_a_trailing_slash_message_says_what_to_use(ttl, hostile):
    server = hostile(lambda request, n: [_answer("HTTP/1.1 204 No Content")])
    line = assert_clean_failure(push(ttl, server.url + "/"))
    assert f"did you mean '{server.url}'" in line
