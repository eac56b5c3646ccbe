"""The per-article cache (``--cache``, by default OUT/.graphbuild-cache): a damaged, edited
or foreign entry is detected, ignored and recomputed, never trusted or run; entries are JSON.

Skipped until graphbuild/cache.py exists (it comes with the speed work)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("graphbuild.cache")

ARTICLES = {"a.txt": "India and Pakistan held talks in Geneva on Monday.\n",
            "b.txt": "Kenya accused Ethiopia of aggression.\n",
            "c.txt": "Russia accused Ukraine of shelling the plant.\n",
            "d.txt": "Chile and Peru held talks in Lima.\n"}


def _events(out: Path) -> list[dict]:
    lines = (out / "events.jsonl").read_text(encoding="utf-8").splitlines()
    return sorted((json.loads(line) for line in lines), key=lambda r: r["event_id"])


def _entries(cache: Path) -> list[Path]:
    return sorted(p for p in cache.rglob("*.json") if p.name != "fingerprint.json")


def test_damaged_cache_entries_are_recomputed(tmp_path, cli, caplog):
    src = tmp_path / "in"
    src.mkdir()
    for name, text in ARTICLES.items():
        (src / name).write_text(text, encoding="utf-8")
    cache = tmp_path / "cache"
    assert cli("build", src, "--out", tmp_path / "first", "--cache", cache).code == 0
    expected = _events(tmp_path / "first")
    entries = _entries(cache)
    assert len(entries) == len(ARTICLES)
    for entry in entries:  # JSON, not pickle
        json.loads(entry.read_text(encoding="utf-8"))

    truncated, garbage, edited, foreign = entries
    truncated.write_bytes(truncated.read_bytes()[: len(truncated.read_bytes()) // 2])
    garbage.write_bytes(b"\x80\x04\x95 cos\nsystem\n(S'touch pwned'\ntR.")  # a pickle
    record = json.loads(edited.read_text(encoding="utf-8"))
    text = json.dumps(record).replace('"CONSULT"', '"ASSAULT"').replace('"ACCUSE"', '"AID"')
    assert text != json.dumps(record)
    edited.write_text(text, encoding="utf-8")  # checksum no longer matches
    foreign.write_text(json.dumps({"format": 1, "key": "0" * 64, "checksum": "",
                                   "payload": {"article_id": "x", "events": []}}),
                       encoding="utf-8")

    caplog.clear()
    assert cli("build", src, "--out", tmp_path / "second", "--cache", cache).code == 0
    assert _events(tmp_path / "second") == expected
    assert caplog.text.count(" is damaged (") == 4, caplog.text
    assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()

    caplog.clear()  # the entries were written again, whole
    assert cli("build", src, "--out", tmp_path / "third", "--cache", cache).code == 0
    assert _events(tmp_path / "third") == expected
    assert " is damaged (" not in caplog.text
