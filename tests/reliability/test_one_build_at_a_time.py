"""One build at a time per output folder (an ``fcntl`` lock inside it), temp-file cleanup that
never touches another running build's file, and ``--strict`` that writes nothing (no folder,
no cache entry) unless every input is good."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from graphbuild._files import LOCK_NAME, remove_stale_temps

from .conftest import ROOT, subprocess_env

FIRST = "Canada and Mexico held talks in Ottawa on Monday.\n"
SECOND = "Kenya accused Ethiopia of aggression on Tuesday.\n"


def _inputs(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "news.txt").write_text(text, encoding="utf-8")
    return folder


def _sentences(out: Path) -> set[str]:
    lines = (out / "events.jsonl").read_text(encoding="utf-8").splitlines()
    return {json.loads(line)["sentence"] for line in lines}


def _hidden(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith(".") and p.is_file())


@pytest.mark.slow
def test_two_concurrent_builds_into_one_folder_both_succeed_whole(tmp_path):
    out = tmp_path / "out"
    first, second = _inputs(tmp_path / "a", FIRST), _inputs(tmp_path / "b", SECOND)
    builds = [subprocess.Popen([sys.executable, "-m", "graphbuild", "build", str(src), "--out",
                                str(out), "--format", "ttl,nt,jsonld", "-q", "--wait", "300"],
                               cwd=ROOT, env=subprocess_env(), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
              for src in (first, second)]
    results = [(b.wait(timeout=400), b.stderr.read(), b.stdout.read()) for b in builds]
    for b in builds:
        b.stdout.close()
        b.stderr.close()
    assert [code for code, _, _ in results] == [0, 0], results
    assert all(err == "" for _, err, _ in results), results
    sentences = _sentences(out)
    assert sentences in ({FIRST.strip()}, {SECOND.strip()})  # the later build's, whole
    assert _hidden(out) == []  # no temp file, no lock left


def test_a_held_folder_makes_a_second_build_stop_with_one_line(tmp_path, cli):
    out = tmp_path / "out"
    out.mkdir()
    with open(out / LOCK_NAME, "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        held.write("4242\n")
        held.flush()
        result = cli("build", _inputs(tmp_path / "a", FIRST), "--out", out, "--wait", "0.5")
    assert result.code == 1 and result.out == ""
    (line,) = result.err.splitlines()
    assert line.startswith(f"graphbuild: error: another graphbuild is writing into {str(out)!r} "
                           "(process 4242); waited 0.5 s")
    assert sorted(p.name for p in out.iterdir()) == [LOCK_NAME]  # nothing of the build's


def test_a_second_build_waits_for_the_first_to_end(tmp_path, cli):
    out = tmp_path / "out"
    out.mkdir()
    held = open(out / LOCK_NAME, "w")  # noqa: SIM115 - closed by the thread
    fcntl.flock(held, fcntl.LOCK_EX)

    def release():
        time.sleep(1.5)
        os.unlink(out / LOCK_NAME)  # as a finishing build does
        held.close()

    thread = threading.Thread(target=release)
    thread.start()
    started = time.monotonic()
    result = cli("build", _inputs(tmp_path / "a", FIRST), "--out", out, "-q", "--wait", "60")
    thread.join()
    assert result.code == 0, result.err
    assert time.monotonic() - started >= 1.5
    assert _sentences(out) == {FIRST.strip()} and _hidden(out) == []


def test_cleanup_keeps_the_temp_file_of_a_running_build(tmp_path):
    owner = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        in_progress = tmp_path / f".graph.ttl.{owner.pid}.a1b2c3.tmp"
        in_progress.write_text("half a graph", encoding="utf-8")
        os.utime(in_progress, (time.time() - 600, time.time() - 600))  # older than any start
        assert remove_stale_temps(tmp_path / "graph.ttl", time.time()) == []
        assert in_progress.exists()
    finally:
        owner.kill()
        owner.wait()
    assert remove_stale_temps(tmp_path / "graph.ttl", time.time()) == [in_progress]
    assert not in_progress.exists()


def test_temp_files_carry_their_owners_pid(tmp_path):
    from graphbuild._files import atomic_write

    with atomic_write(tmp_path / "graph.ttl") as fh:
        (tmp,) = [p.name for p in tmp_path.iterdir()]
        fh.write("x")
    assert tmp.startswith(f".graph.ttl.{os.getpid()}.") and tmp.endswith(".tmp")


def _cache_entries(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


@pytest.mark.parametrize("bad", ["empty.txt", "notes.csv", "missing.txt", "wire.jsonl"])
def test_strict_with_a_bad_input_leaves_no_folder_and_no_cache_entry(tmp_path, cli, bad):
    src = _inputs(tmp_path / "in", FIRST)  # a good article first: old builds cached it
    if bad == "empty.txt":
        (tmp_path / bad).write_text("", encoding="utf-8")
    elif bad == "notes.csv":
        (tmp_path / bad).write_text("a,b\n", encoding="utf-8")
    elif bad == "wire.jsonl":
        (tmp_path / bad).write_text(json.dumps({"text": SECOND}) + "\n{oops\n", encoding="utf-8")
    out, cache = tmp_path / "out", tmp_path / "cache"
    for extra in ([], ["--cache", cache]):
        result = cli("build", src, tmp_path / bad, "--out", out, "--strict", *extra)
        assert result.code == 1 and len(result.err.splitlines()) == 1, result.err
        assert str(tmp_path / bad) in result.err
        assert not out.exists()
        assert _cache_entries(cache) == []
    result = cli("extract", src, tmp_path / bad, "--strict", "--cache", cache)
    assert result.code == 1 and result.out == "" and _cache_entries(cache) == []


def test_strict_with_good_inputs_builds_as_usual(tmp_path, cli):
    src = _inputs(tmp_path / "in", FIRST)
    result = cli("build", src, "--out", tmp_path / "out", "--strict", "-q")
    assert result.code == 0, result.err
    assert _sentences(tmp_path / "out") == {FIRST.strip()}
    assert _cache_entries(tmp_path / "out" / ".graphbuild-cache")
