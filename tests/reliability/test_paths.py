"""Nothing is written outside --out: article ids (jsonl ids with '..', slashes, absolute
paths, NULs, or file names) never steer a file name, and every output still parses back with
the ids as they were given."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from graphbuild._files import inside
from graphbuild.errors import ExportError

SENTENCES = ["India and Pakistan held talks in Geneva on Monday.",
             "Kenya accused Ethiopia of aggression.",
             "Chile and Peru held talks in Lima.",
             "Russia accused Ukraine of shelling the plant.",
             "Brazil and Argentina held talks in Geneva.",
             "Japan accused South Korea of spying.",
             "Iran attacked Israel."]


def _tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


@pytest.fixture
def sandbox(tmp_path, monkeypatch) -> Path:
    """The working folder of the run: an id that climbs out of --out would land in here."""
    box = tmp_path / "box"
    (box / "deep" / "deeper").mkdir(parents=True)
    monkeypatch.chdir(box / "deep" / "deeper")
    return box


def test_hostile_article_ids_do_not_steer_file_names(sandbox, tmp_path, cli):
    pwned = tmp_path / "pwned.ttl"
    ids = ["../../x", "../../../pwned", str(pwned), "/etc/cron.d/x", "a/b/../../c",
           "nul\x00byte.ttl", "..", "."]
    src = tmp_path / "src"
    src.mkdir()
    lines = [json.dumps({"id": i, "text": s}) for i, s in zip(ids, SENTENCES + SENTENCES, strict=False)]
    (src / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (src / "..hidden-looking.txt").write_text(SENTENCES[0], encoding="utf-8")
    before = _tree(sandbox)
    out = sandbox / "deep" / "deeper" / "out"
    result = cli("build", src, src / "..hidden-looking.txt", "--out", "out",
                 "--format", "ttl,nt,trig,jsonld,graphml")
    assert result.code == 0, result.err
    new = _tree(sandbox) - before
    cache = {p for p in new if p.startswith("deep/deeper/out/.graphbuild-cache")}
    # cache entries are named by content hashes, never by article ids
    names = [p.rsplit(".graphbuild-cache", 1)[1].strip("/") for p in cache]
    bad = [n for n in names if not re.fullmatch(r"[0-9a-f/]*(\.json)?|[0-9a-f]+/fingerprint\.json", n)]
    assert not bad, bad
    assert new - cache == {"deep/deeper/out", *(f"deep/deeper/out/{n}" for n in (
        "graph.ttl", "graph.nt", "graph.trig", "graph.jsonld", "graph.graphml", "graph.png",
        "events.jsonl", "graph.html"))}
    assert not pwned.exists() and not (tmp_path / "x").exists()

    # the ids are kept as they were given, in every output that can be read back
    from graphbuild.cli import load_graph
    from graphbuild.rdf import read_graph

    for name in ("graph.ttl", "graph.nt", "graph.trig", "graph.jsonld"):
        G = read_graph(out / name)
        assert set(ids) <= set(G.graph["articles"]), name
    records = load_graph(out / "events.jsonl")
    assert {d["article_id"] for *_, d in records.edges(data=True)} <= set(ids) | {
        "..hidden-looking"}
    import networkx as nx

    nx.read_graphml(out / "graph.graphml")


@pytest.mark.parametrize("name", ["../x", "../../etc/passwd", "/etc/passwd", "a/../../b", ".."])
def test_inside_refuses_names_that_leave_the_folder(tmp_path, name):
    with pytest.raises(ExportError, match="outside"):
        inside(tmp_path / "out", name)


def test_inside_keeps_names_that_stay(tmp_path):
    assert inside(tmp_path, "a/../graph.ttl") == (tmp_path / "graph.ttl").resolve()


def test_inside_refuses_a_link_out_of_the_folder(tmp_path):
    (tmp_path / "out").mkdir()
    os.symlink(tmp_path, tmp_path / "out" / "up")
    with pytest.raises(ExportError, match="outside"):
        inside(tmp_path / "out", "up/graph.ttl")
