"""Credentials for ``push`` go only over https or to a loopback address unless --insecure is
given, never follow a redirect, and never appear in a message, a log line or an output.

tests/rdf/test_store.py covers the API (loopback push with credentials, ~/.netrc, a server
that echoes the Authorization header, URLs holding credentials, timeouts); these add the
command line, where the line between loopback and not is drawn, and redirects."""

from __future__ import annotations

import base64
import http.server
import socket
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from graphbuild.errors import StoreError
from graphbuild.graph import build_graph
from graphbuild.rdf import store, write_graph
from graphbuild.rdf.store import PASSWORD_VARIABLE, USER_VARIABLE, _Endpoint
from graphbuild.types import Actor, ActorType, Article, Event, Plover

from .conftest import run_graphbuild

SECRET = "s3cr3t-Pa55word!"
TOKEN = base64.b64encode(f"alice:{SECRET}".encode()).decode()


@pytest.fixture
def ttl(tmp_path) -> Path:
    india, china = Actor("India", ActorType.COUNTRY, "IND"), Actor("China", ActorType.COUNTRY, "CHN")
    G = build_graph([Event("a1", india, china, Plover.CONSULT, "meet", "They met.", 0, 9)],
                    [Article("a1", "They met.")])
    path = tmp_path / "graph.ttl"
    write_graph(G, path)
    return path


@pytest.fixture
def credentials(monkeypatch) -> None:
    monkeypatch.setenv(USER_VARIABLE, "alice")
    monkeypatch.setenv(PASSWORD_VARIABLE, SECRET)


@dataclass
class Sent:
    """A request as the stand-in server saw it."""

    method: str
    target: str
    host: str
    authorization: str | None


class _Recorder(http.server.BaseHTTPRequestHandler):
    seen: list[Sent] = []

    def _answer(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        type(self).seen.append(Sent(self.command, self.path, self.headers.get("Host", ""),
                                    self.headers.get("Authorization")))
        self.send_response(204)
        self.end_headers()

    do_PUT = do_POST = _answer  # noqa: N815

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def sent(monkeypatch, loopback_server) -> list[Sent]:
    """Every connection, to whatever host, goes to a loopback server that records the
    requests and answers 204: nothing goes on the network."""
    _Recorder.seen = []
    url = urllib.parse.urlsplit(loopback_server(_Recorder))

    def to_recorder(address, timeout=None, source_address=None):
        return socket.create_connection((url.hostname, url.port), timeout)

    monkeypatch.setattr(store, "_open_socket", to_recorder)
    return _Recorder.seen


@pytest.mark.parametrize("host", ["127.0.0.1", "127.3.2.1", "localhost", "LOCALHOST",
                                  "db.localhost", "[::1]"])
def test_loopback_hosts_get_credentials_over_http(credentials, host):
    endpoint = _Endpoint(f"http://{host}:7878/store", insecure=False, timeout=1)
    assert endpoint._auth == f"Basic {TOKEN}"


@pytest.mark.parametrize("host", ["store.example.com", "localhost.example.com",
                                  "127.0.0.1.example.com", "0.0.0.0", "10.0.0.5", "192.168.1.2",
                                  "[::ffff:7f00:1]", "[fe80::1]", "2130706433"])
def test_other_hosts_get_no_credentials_over_http(credentials, host):
    with pytest.raises(StoreError, match="refusing to send credentials over plain http") as err:
        _Endpoint(f"http://{host}:7878/store", insecure=False, timeout=1)
    assert SECRET not in str(err.value) and TOKEN not in str(err.value)
    assert _Endpoint(f"https://{host}:7878/store", insecure=False, timeout=1)._auth
    assert _Endpoint(f"http://{host}:7878/store", insecure=True, timeout=1)._auth


def test_push_command_refuses_plain_http_without_insecure(ttl, credentials, sent, cli):
    result = cli("push", ttl, "--endpoint", "http://store.example.com/store")
    assert result.code == 1 and sent == []
    assert result.err.splitlines() == [
        "graphbuild: error: refusing to send credentials over plain http to store.example.com; "
        "use https, or --insecure if you accept that risk"]
    assert SECRET not in result.err + result.out


def test_push_command_with_insecure_sends_credentials(ttl, credentials, sent, cli):
    result = cli("push", ttl, "--endpoint", "http://store.example.com/store", "--insecure")
    assert result.code == 0, result.err
    assert sent and all(r.authorization == f"Basic {TOKEN}" for r in sent)
    assert all(r.host == "store.example.com" and r.target.startswith("/store?") for r in sent)
    assert SECRET not in result.err + result.out and TOKEN not in result.err + result.out


def test_push_command_without_credentials_needs_no_insecure(ttl, sent, cli, monkeypatch,
                                                            tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))  # no ~/.netrc
    monkeypatch.delenv(USER_VARIABLE, raising=False)
    monkeypatch.delenv(PASSWORD_VARIABLE, raising=False)
    assert cli("push", ttl, "--endpoint", "http://store.example.com/store", "-q").code == 0
    assert sent and all(r.authorization is None for r in sent)


class _Handler(http.server.BaseHTTPRequestHandler):
    seen: list[tuple[str, str]] = []  # (server, Authorization) of every request
    redirect_to = ""

    def _answer(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        auth = self.headers.get("Authorization", "")
        type(self).seen.append((self.server.name, auth))
        if self.server.name == "first":
            self.send_response(307)
            self.send_header("Location", type(self).redirect_to)
            body = f"moved; you sent {auth}".encode()
        else:
            self.send_response(204)
            body = b""
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_PUT = do_POST = _answer  # noqa: N815

    def log_message(self, *args) -> None:
        pass


def _serve(address: str, name: str) -> http.server.HTTPServer:
    server = http.server.HTTPServer((address, 0), _Handler)
    server.name = name  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def redirecting() -> Iterator[str]:
    """A loopback store that redirects every request to another loopback address."""
    _Handler.seen = []
    second = _serve("127.0.0.2", "second")
    first = _serve("127.0.0.1", "first")
    _Handler.redirect_to = f"http://127.0.0.2:{second.server_address[1]}/store"
    yield f"http://127.0.0.1:{first.server_address[1]}/store"
    for server in (first, second):
        server.shutdown()
        server.server_close()


def test_credentials_never_follow_a_redirect(ttl, credentials, redirecting, tmp_path):
    """Also through the command in a fresh process with -v: nothing on stdout or stderr holds
    the password or the token, though the server echoes the token."""
    result = run_graphbuild(["-v", "push", ttl, "--endpoint", redirecting],
                            **{USER_VARIABLE: "alice", PASSWORD_VARIABLE: SECRET})
    assert result.code == 1
    assert "HTTP 307" in result.err and "Traceback" not in result.err
    assert SECRET not in result.err + result.out and TOKEN not in result.err + result.out
    assert _Handler.seen == [("first", f"Basic {TOKEN}")]  # the second server got nothing


def test_our_own_messages_are_scrubbed_of_every_form_and_prefix_of_the_secret():
    """A last guard over graphbuild's own text (an endpoint or graph IRI that happens to hold
    the secret): every form, and every prefix of four characters or more, becomes ***."""
    import html
    import urllib.parse

    from graphbuild.rdf.store import _scrub, _secret_forms

    secret = 's3<r&"t w/x!'
    token = base64.b64encode(f"alice:{secret}".encode()).decode()
    forms = _secret_forms("alice", secret, token)
    for shown in (secret, html.escape(secret), urllib.parse.quote(secret, safe=""),
                  urllib.parse.quote_plus(secret), token, f"alice:{secret}", secret[:4],
                  secret[:7], token[:5]):
        text = _scrub(f"graph <http://x/{shown}> failed", forms)
        assert text == "graph <http://x/***> failed", (shown, text)
    assert _scrub("s3< is three characters", forms) == "s3< is three characters"
