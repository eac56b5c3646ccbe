"""Tests of graphbuild/rdf/server.py and ``graphbuild serve``: a real Oxigraph server started on
a build, queried over HTTP, stopped by Ctrl-C, SIGTERM or the end of a ``with`` block, with no
process and no folder left behind."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from graphbuild.errors import InputError, StoreError
from graphbuild.rdf import serve, write_graph
from graphbuild.rdf.namespace import article_iri

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def select(query_url: str, sparql: str) -> list[dict]:
    data = urllib.parse.urlencode({"query": sparql}).encode()
    request = urllib.request.Request(query_url, data=data, headers={
        "Accept": "application/sparql-results+json",
        "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.load(answer)["results"]["bindings"]


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (Linux /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def gone_within(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not alive(pid):
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def build(rich_graph, tmp_path) -> Path:
    """A build folder as 'graphbuild build --format ttl,trig' leaves it."""
    out = tmp_path / "out"
    out.mkdir()
    write_graph(rich_graph, out / "graph.ttl")
    write_graph(rich_graph, out / "graph.trig", "trig")
    return out


def start_command(source: Path, port: int) -> tuple[subprocess.Popen, list[str]]:
    """``graphbuild serve SOURCE --port PORT`` in a subprocess, once it has printed its URLs."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "graphbuild", "serve", str(source), "--port",
                             str(port)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)
    lines: list[str] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line.rstrip("\n"))
        if "Ctrl-C" in line:
            return proc, lines
    proc.kill()
    pytest.fail(f"serve did not start: {lines} {proc.stderr.read()}")


ARTICLES = {"a1", "a2", 'a 3/<odd>"id"', "a4-no-events"}
CONSULT = "SELECT ?a ?b WHERE { ?a <https://graphbuild.example.org/ns#consult> ?b }"


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_serve_a_build_query_it_and_stop_it(build, how):
    port = _free_port()
    proc, lines = start_command(build, port)
    try:
        base = f"http://127.0.0.1:{port}/"
        assert lines[0].startswith(f"serving {build / 'graph.trig'} (")
        assert f"  query page     {base}" in lines and f"  SPARQL query   {base}query" in lines
        assert f"  Graph Store    {base}store" in lines and f"  SPARQL update  {base}update" in lines
        graphs = select(base + "query", "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert {row["g"]["value"] for row in graphs} == {article_iri(a) for a in ARTICLES}
        assert len(select(base + "query", CONSULT)) == 2  # the union default graph
        with urllib.request.urlopen(base, timeout=10) as page:  # the query page
            assert page.headers.get_content_type() == "text/html"
        [server_pid] = children(proc.pid)
        location = Path(Path(f"/proc/{server_pid}/cmdline").read_bytes().split(b"\0")[3].decode())
        assert location.is_dir()
    finally:
        proc.send_signal(how)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "Traceback" not in err and err.strip() == "stopped"
    assert gone_within(server_pid, 5)
    assert not location.exists() and not location.parent.exists()


def test_a_turtle_build_is_split_into_article_graphs(rich_graph, tmp_path):
    path = tmp_path / "graph.ttl"
    write_graph(rich_graph, path)
    with serve(path, port=0) as server:
        graphs = select(server.query_url, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert {row["g"]["value"] for row in graphs} == {article_iri(a) for a in ARTICLES}
        assert server.graphs == len(ARTICLES)
        assert len(select(server.query_url, CONSULT)) == 2


def test_the_python_server_is_a_context_manager_that_leaves_nothing(build):
    with serve(build, port=0) as server:
        assert server.running and server.url.startswith("http://127.0.0.1:")
        assert len(select(server.query_url, CONSULT)) == 2
        pid, location = server.pid, Path(server.location)
        assert location.is_dir()
    assert not server.running and gone_within(pid, 5)
    assert not location.exists()
    server.stop()  # again: nothing happens


def test_the_server_listens_on_loopback_only(build):
    with serve(build, port=0) as server:
        cmdline = Path(f"/proc/{server.pid}/cmdline").read_bytes().split(b"\0")
        assert b"127.0.0.1:%d" % server.port in cmdline and b"--union-default-graph" in cmdline


def test_a_killed_graphbuild_takes_its_server_with_it(build):
    port = _free_port()
    proc, _ = start_command(build, port)
    [server_pid] = children(proc.pid)
    proc.kill()  # kill -9: no handler runs
    proc.communicate(timeout=10)
    assert gone_within(server_pid, 10)


def test_a_port_in_use_is_one_line(build):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "graphbuild", "serve", str(build), "--port",
                               str(port)], cwd=ROOT, capture_output=True, text=True, timeout=60,
                              env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.splitlines() == [
        f"graphbuild: error: port {port} on 127.0.0.1 is in use; choose another (--port N, or 0 "
        "for any free port)"]
    with pytest.raises(StoreError, match="in use"):
        with socket.socket() as again:
            again.bind(("127.0.0.1", 0))
            again.listen(1)
            serve(build, port=again.getsockname()[1])


def test_a_folder_without_an_export_is_one_line(tmp_path):
    done = subprocess.run([sys.executable, "-m", "graphbuild", "serve", str(tmp_path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert done.returncode == 1 and len(done.stderr.splitlines()) == 1
    assert "no graph.trig" in done.stderr and "Traceback" not in done.stderr
    with pytest.raises(InputError, match="no such file"):
        serve(tmp_path / "missing.ttl", port=0)


def test_push_into_a_served_build(build, rich_graph, tmp_path):
    """The Graph Store endpoint it prints takes a push."""
    from graphbuild.rdf import push

    with serve(build, port=0) as server:
        result = push(build / "graph.trig", server.store_url)
        assert result["graphs"] == len(ARTICLES)
        graphs = select(server.query_url, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert len(graphs) == len(ARTICLES)  # replaced, not doubled
