"""Shared fixtures: the real spaCy pipeline, loaded once per test session."""

from __future__ import annotations

import contextlib
import os

import pytest


@contextlib.contextmanager
def _environ(name: str, value: str):
    """``os.environ[name] = value`` while the block runs, then as it was."""
    saved = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = saved


@pytest.fixture(scope="session", autouse=True)
def config_home(tmp_path_factory):
    """Every test (and every subprocess a test starts) keeps graphbuild's configuration, such as
    the cache key, in a temporary folder: the suite never writes to the real ~/.config."""
    folder = tmp_path_factory.mktemp("config-home")
    with _environ("XDG_CONFIG_HOME", str(folder)):
        yield folder


@pytest.fixture(scope="session", autouse=True)
def tables_home(tmp_path_factory):
    """The tables graphbuild derives from installed packages (graphbuild/actors/package_tables.py)
    are kept in a temporary folder too, never in the real ~/.cache."""
    folder = tmp_path_factory.mktemp("tables")
    with _environ("GRAPHBUILD_TABLES", str(folder)):
        yield folder


@pytest.fixture(scope="session")
def nlp():
    from graphbuild.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def extract_text(nlp):
    """extract(text) with the real pipeline, returning the events."""
    from graphbuild.pipeline import extract

    def run(text: str, **kw):
        return extract(text, **kw)

    return run


@pytest.fixture
def loopback_server():
    """start(handler_class) -> the URL of its /store on a free loopback port; stopped after the test."""
    import http.server
    import threading

    servers = []

    def start(handler) -> str:
        server = http.server.HTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/store"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()
