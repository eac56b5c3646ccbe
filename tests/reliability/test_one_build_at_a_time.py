"""One build at a time per output folder (an ``fcntl`` lock inside it), temp-file cleanup that
never touches another running build's file, and ``--strict`` that writes nothing (no folder,
no cache entry) unless every input is good."""

from __future__ import annotations

import contextlib
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


# Run graphbuild with os.replace made to stop before it puts graph.ttl in place (its temp file
# written, not yet renamed) until the file FLAG.go appears; FLAG appears when it stops there.
PAUSER = r"""
import os, sys, time

flag, argv = sys.argv[1], sys.argv[2:]
real_replace = os.replace


def paused_replace(src, dst, *args, **kwargs):
    if os.path.basename(os.fspath(dst)) == "graph.ttl":
        open(flag, "w").close()
        deadline = time.monotonic() + 120
        while not os.path.exists(flag + ".go") and time.monotonic() < deadline:
            time.sleep(0.05)
    return real_replace(src, dst, *args, **kwargs)


os.replace = paused_replace
from graphbuild.cli import main

sys.exit(main(argv))
"""


@pytest.mark.slow
def test_a_second_build_never_deletes_the_first_builds_file_in_progress(tmp_path):
    """The first build stops inside its write of graph.ttl; a second build into the same folder
    starts then. Before, the second ran at once and its cleanup deleted the first's temp file
    (the first then failed); now it waits for the first to end, and both succeed."""
    out, flag = tmp_path / "out", tmp_path / "paused"
    first, second = _inputs(tmp_path / "a", FIRST), _inputs(tmp_path / "b", SECOND)
    one = subprocess.Popen([sys.executable, "-c", PAUSER, str(flag), "build", str(first),
                            "--out", str(out), "-q"], cwd=ROOT, env=subprocess_env(),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    two = None
    try:
        deadline = time.monotonic() + 300
        while not flag.exists() and one.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert flag.exists(), one.communicate()
        assert [p.name.split(".")[1:3] for p in out.glob(".graph.ttl.*.tmp")] == [["graph", "ttl"]]
        two = subprocess.Popen([sys.executable, "-m", "graphbuild", "build", str(second),
                                "--out", str(out), "-q", "--wait", "300"], cwd=ROOT,
                               env=subprocess_env(), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
        with contextlib.suppress(subprocess.TimeoutExpired):
            two.wait(timeout=30)  # time enough for a second build that does not wait
        (tmp_path / "paused.go").touch()
        one_out, one_err = one.communicate(timeout=300)
        two_out, two_err = two.communicate(timeout=300)
    finally:
        for process in (one, two):
            if process is not None and process.poll() is None:
                process.kill()
                process.communicate()
    assert (one.returncode, one_err) == (0, ""), one_err
    assert (two.returncode, two_err) == (0, ""), two_err
    assert _sentences(out) == {SECOND.strip()}  # the second ran after the first
    assert _hidden(out) == []


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
    src = tmp_path / "in"  # more good articles than a batch first: old builds cached them
    src.mkdir()
    for i in range(40):
        (src / f"news-{i:02d}.txt").write_text(f"Canada and Mexico held talks {i} times.\n",
                                               encoding="utf-8")
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


@pytest.mark.parametrize("wait", ["-1", "nan", "inf", "soon"])
def test_a_wait_that_is_not_a_time_is_a_usage_error(tmp_path, wait, capsys):
    from graphbuild.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["build", str(tmp_path), "--out", str(tmp_path / "out"), "--wait", wait])
    assert exc.value.code == 2
    assert "--wait" in capsys.readouterr().err and not (tmp_path / "out").exists()
