"""Shared fixtures: the real spaCy pipeline, loaded once per test session."""

from __future__ import annotations

import pytest


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
