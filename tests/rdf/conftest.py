"""Fixtures for the RDF tests: a graph with every attribute kind, and a real Oxigraph server."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import networkx as nx
import pytest

from graphbuild.graph import build_graph
from graphbuild.types import Actor, ActorType, Article, Event, Modality, Plover, Sector

IND = Actor("India", ActorType.COUNTRY, "IND")
RUS = Actor("Russia", ActorType.COUNTRY, "RUS")
LAVROV = Actor("Sergey Lavrov", ActorType.PERSON, "RUS", role="Foreign Minister",
               aliases=("Lavrov", "S. Lavrov"), sector=Sector.GOVERNMENT)
ASEAN = Actor("ASEAN", ActorType.ORG, None, aliases=("Association of Southeast Asian Nations",),
              key="Association of Southeast Asian Nations", sector=Sector.IGO)
# a name with quotes, angle brackets, accents, a newline, a tab and a control character
ODD = Actor('José "Pepe" <Núñez> & co\n\t\x01', ActorType.PERSON, None, role="envoy > 'chief'")


def rich_events() -> list[Event]:
    """Events covering every attribute kind, modality, negation and symmetry."""
    return [
        Event("a1", IND, RUS, Plover.CONSULT, "hold talks", "India and Russia held talks.",
              0, 28, symmetric=True, confidence=0.9, rule="consult.talks", mode="visit",
              context="economic", date=dt.date(2024, 7, 8), trigger="talks"),
        Event("a1", LAVROV, IND, Plover.ACCUSE, "accuse", "Lavrov did not accuse India.",
              29, 57, negated=True, confidence=0.123456789, rule="accuse.verb",
              subject_start=29, subject_end=35, object_start=51, object_end=56),
        Event("a2", IND, ASEAN, Plover.AGREE, "sign", "India will sign a pact with ASEAN.",
              0, 34, modality=Modality.PLANNED, date=dt.date(2024, 9, 1), rule="agree.sign"),
        Event("a2", RUS, ASEAN, Plover.THREATEN, "warn", "Russia may warn ASEAN.", 35, 57,
              modality=Modality.POSSIBLE, confidence=0.0),
        Event("a 3/<odd>\"id\"", ODD, RUS, Plover.SANCTION, "expel",
              'He said "they\'ll expel" the envoy\r\nand <leave>.', 10, 55,
              modality=Modality.REPORTED, confidence=1.0, rule="sanction.expel",
              context="diplomatic\\legal", sources=("a1",)),
        Event("a2", ASEAN, IND, Plover.AID, "aid", "ASEAN aided India.", 58, 76,
              confidence=0.75, rule="aid.verb", subject_start=58, subject_end=63),
    ]


def rich_articles() -> list[Article]:
    return [
        Article("a1", "text one", title="Talks in <Moscow> & \"more\"", date=dt.date(2024, 7, 8),
                url="https://news.example.com/2024/07/08/talks?id=1&x=y", source="in/a1.txt"),
        Article("a2", "text two", title="Pact", url="not a url at all",
                source="in/batch.jsonl:2"),
        Article("a 3/<odd>\"id\"", "text three"),
        Article("a4-no-events", "nothing happened", title="Quiet day"),
    ]


@pytest.fixture
def rich_graph() -> nx.MultiDiGraph:
    """A graph with every attribute kind, None values, several articles, odd strings."""
    G = build_graph(rich_events(), rich_articles())
    G.add_node("org/XXX/lonely", label="Lonely Org", type="ORG", country=None, role=None,
               aliases=["Lonely Org"], sector=None)
    return G


# --- a real Oxigraph server -----------------------------------------------------------------

def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class OxigraphServer:
    """An ``oxigraph serve`` process on a loopback port."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.store = f"{url}/store"  # Graph Store Protocol
        self.query_url = f"{url}/query"
        self.update_url = f"{url}/update"

    def select(self, sparql: str) -> list[dict]:
        data = urllib.parse.urlencode({"query": sparql}).encode()
        request = urllib.request.Request(self.query_url, data=data, headers={
            "Accept": "application/sparql-results+json",
            "Content-Type": "application/x-www-form-urlencoded"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)["results"]["bindings"]

    def count(self, where: str) -> int:
        rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
        return int(rows[0]["n"]["value"])

    def update(self, sparql: str) -> None:
        data = urllib.parse.urlencode({"update": sparql}).encode()
        request = urllib.request.Request(self.update_url, data=data, headers={
            "Content-Type": "application/x-www-form-urlencoded"})
        with urllib.request.urlopen(request, timeout=10) as response:
            response.read()


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    exe = shutil.which("oxigraph")
    if exe is None:
        pytest.fail("the oxigraph CLI is not installed (pip install oxigraph; it is a "
                    "dependency of graphbuild)")
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    log = open(location.parent / "oxigraph.log", "wb")
    proc = subprocess.Popen([exe, "serve", "--location", str(location), "--bind",
                             f"127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT)
    server = OxigraphServer(f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + 30
    try:
        while True:
            if proc.poll() is not None:
                pytest.fail(f"oxigraph serve exited with code {proc.returncode}")
            try:
                server.select("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                if time.monotonic() > deadline:
                    pytest.fail("oxigraph serve did not answer within 30 s")
                time.sleep(0.1)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture
def oxigraph(oxigraph_server: OxigraphServer) -> OxigraphServer:
    """The session's Oxigraph server, emptied for this test."""
    oxigraph_server.update("DROP ALL")
    return oxigraph_server
