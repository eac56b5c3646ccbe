"""The cache is trusted only as far as it deserves: entries carry a keyed MAC under a key kept
outside the cache folder, are depth-checked before parsing and validated field by field; an
entry that fails is logged once, ignored and recomputed, and the build still succeeds."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import stat
from pathlib import Path

import pytest

from graphbuild import cache as cache_module

ARTICLES = {"a.txt": "India and Pakistan held talks in Geneva on Monday.\n",
            "b.txt": "Kenya accused Ethiopia of aggression.\n"}


@pytest.fixture
def config_dir(tmp_path, monkeypatch):
    home = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home / "graphbuild"


@pytest.fixture
def built(tmp_path, cli, config_dir):
    """A first build with a cache: (inputs, cache folder, its events by id)."""
    src = tmp_path / "in"
    src.mkdir()
    for name, text in ARTICLES.items():
        (src / name).write_text(text, encoding="utf-8")
    cache = tmp_path / "cache"
    result = cli("build", src, "--out", tmp_path / "first", "--cache", cache)
    assert result.code == 0, result.err
    return src, cache, _events(tmp_path / "first")


def _events(out: Path) -> list[dict]:
    lines = (out / "events.jsonl").read_text(encoding="utf-8").splitlines()
    return sorted((json.loads(line) for line in lines), key=lambda r: r["event_id"])


def _entry(cache: Path, holding: str) -> Path:
    (path,) = [p for p in cache.rglob("*.json")
               if p.name != "fingerprint.json" and holding in p.read_text(encoding="utf-8")]
    return path


def _canonical(data) -> bytes:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def _rewrite(path: Path, edit, *, resign: bool) -> None:
    """Edit an entry's payload; recompute the plain checksum (what the old format trusted) and,
    when ``resign`` (someone who holds the key, or a bug), the MAC too."""
    entry = json.loads(path.read_text(encoding="utf-8"))
    payload = entry["payload"]
    edit(payload)
    entry["checksum"] = hashlib.sha256(_canonical(payload)).hexdigest()
    if resign and hasattr(cache_module, "entry_mac"):
        entry["mac"] = cache_module.entry_mac(cache_module.load_key(), entry["key"], payload)
    path.write_text(json.dumps(entry), encoding="utf-8")


def _rebuild(cli, tmp_path, src, cache, caplog):
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="graphbuild.cache"):
        result = cli("build", src, "--out", tmp_path / "again", "--cache", cache)
    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    return _events(tmp_path / "again")


def _damaged_lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if "is damaged" in r.getMessage()]


def test_a_forged_entry_with_its_checksum_recomputed_is_not_used(tmp_path, cli, built, caplog):
    src, cache, expected = built
    path = _entry(cache, '"ACCUSE"')

    def forge(payload):
        for event in payload["events"]:
            event["plover"] = "ASSAULT"

    _rewrite(path, forge, resign=False)
    assert _rebuild(cli, tmp_path, src, cache, caplog) == expected
    (line,) = _damaged_lines(caplog)
    assert repr(str(path)) in line and "MAC mismatch" in line
    assert '"ASSAULT"' not in path.read_text(encoding="utf-8")  # recomputed and rewritten


@pytest.mark.parametrize("edit", [
    lambda p: p["events"][0].update(confidence="high"),
    lambda p: p["events"][0].update(start="0"),
    lambda p: p["events"][0]["source"].update(type="ROBOT"),
    lambda p: p["events"][0]["source"].update(aliases="Kenya"),
    lambda p: p["events"][0].update(negated=0),
    lambda p: p["events"][0].update(date="yesterday"),
    lambda p: p["events"][0].update(extra=1),
    lambda p: p["events"][0].pop("rule"),
    lambda p: p.update(sentences="one"),
    lambda p: p.update(events={"0": None}),
], ids=["confidence", "start", "actor-type", "aliases", "negated", "date", "extra-field",
        "missing-field", "sentences", "events-object"])
def test_a_wrong_typed_entry_with_a_valid_mac_is_refused(tmp_path, cli, built, caplog, edit):
    src, cache, expected = built
    path = _entry(cache, '"ACCUSE"')
    _rewrite(path, edit, resign=True)
    assert _rebuild(cli, tmp_path, src, cache, caplog) == expected
    (line,) = _damaged_lines(caplog)
    assert repr(str(path)) in line


def test_a_deeply_nested_entry_is_refused_before_it_is_parsed(tmp_path, cli, built, caplog):
    src, cache, expected = built
    path = _entry(cache, '"ACCUSE"')
    entry = json.loads(path.read_text(encoding="utf-8"))
    deep = "[" * 200_000 + "]" * 200_000
    path.write_text(f'{{"format": {entry["format"]}, "key": "{entry["key"]}", "checksum": "", '
                    f'"mac": "", "payload": {{"article_id": "b", "sentences": 1, "events": {deep}}}}}',
                    encoding="utf-8")
    assert _rebuild(cli, tmp_path, src, cache, caplog) == expected
    (line,) = _damaged_lines(caplog)
    assert "nested more than" in line


@pytest.mark.parametrize("cut", [0.5, 0.99])
def test_a_truncated_entry_is_recomputed(tmp_path, cli, built, caplog, cut):
    src, cache, expected = built
    path = _entry(cache, '"ACCUSE"')
    raw = path.read_bytes()
    path.write_bytes(raw[: int(len(raw) * cut)])
    assert _rebuild(cli, tmp_path, src, cache, caplog) == expected
    assert len(_damaged_lines(caplog)) == 1


def test_an_entry_moved_to_another_articles_place_is_refused(tmp_path, cli, built, caplog):
    src, cache, expected = built
    accuse, talks = _entry(cache, '"ACCUSE"'), _entry(cache, '"CONSULT"')
    talks.write_bytes(accuse.read_bytes())
    assert _rebuild(cli, tmp_path, src, cache, caplog) == expected
    assert len(_damaged_lines(caplog)) == 1


def test_the_key_is_made_once_outside_the_cache_with_owner_only_rights(built, config_dir):
    _, cache, _ = built
    key = config_dir / "cache.key"
    assert stat.S_ISREG(key.lstat().st_mode) and stat.S_IMODE(key.stat().st_mode) == 0o600
    assert len(bytes.fromhex(key.read_text().strip())) == 32
    secret = key.read_text()
    assert secret.strip() not in "".join(p.read_text(errors="replace") for p in cache.rglob("*")
                                         if p.is_file())
    assert cache_module.load_key() == bytes.fromhex(secret) and key.read_text() == secret


def _unsafe_key(config_dir: Path, how: str, tmp_path: Path) -> None:
    key = config_dir / "cache.key"
    if how == "readable":
        key.chmod(0o644)
    elif how == "symlink":
        target = tmp_path / "elsewhere.key"
        target.write_text(key.read_text())
        target.chmod(0o600)
        key.unlink()
        key.symlink_to(target)
    elif how == "folder":
        key.unlink()
        key.mkdir()
    elif how == "empty":
        key.write_text("")


@pytest.mark.parametrize("how", ["readable", "symlink", "folder", "empty"])
def test_an_unsafe_key_is_refused_with_a_warning_and_the_build_succeeds(
        tmp_path, cli, built, config_dir, caplog, how):
    src, cache, expected = built
    _unsafe_key(config_dir, how, tmp_path)
    before = sorted(p.stat().st_mtime_ns for p in cache.rglob("*.json"))
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="graphbuild.cache"):
        result = cli("build", src, "--out", tmp_path / "again", "--cache", cache)
    assert result.code == 0 and _events(tmp_path / "again") == expected
    (line,) = [r.getMessage() for r in caplog.records if "cache key" in r.getMessage()]
    assert repr(str(config_dir / "cache.key")) in line and "the cache is not used" in line
    assert sorted(p.stat().st_mtime_ns for p in cache.rglob("*.json")) == before  # untouched


def test_two_processes_making_the_key_at_once_agree_on_one(tmp_path, config_dir):
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(4) as pool:
        keys = pool.map(_load_key_in, [str(config_dir / "cache.key")] * 8)
    assert len(set(keys)) == 1 and keys[0] is not None
    assert [p.name for p in config_dir.iterdir()] == ["cache.key"]


def _load_key_in(path: str) -> bytes | None:
    return cache_module.load_key(path)


def test_the_suite_keeps_its_config_out_of_the_real_home():
    assert os.environ["XDG_CONFIG_HOME"] != str(Path.home() / ".config")
    assert cache_module.key_path().is_relative_to(os.environ["XDG_CONFIG_HOME"])
