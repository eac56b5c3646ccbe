"""Outputs are never half-written: a build or render killed at any moment (SIGKILL, so no
clean-up runs) leaves each earlier output file whole and valid, and no file that could be
taken for an output."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graphbuild._files import LOCK_NAME

from .conftest import ROOT, subprocess_env

FIRST = {"a.txt": "India and Pakistan held talks in Geneva on Monday.\n",
         "b.txt": "Kenya accused Ethiopia of aggression.\n"}
SECOND = {f"n{i:02d}.txt": f"Chile and Peru held talks in Lima on day {i}.\n\n"
          "Russia accused Ukraine of shelling the plant.\n" for i in range(80)}
OUTPUTS = ("graph.ttl", "graph.png", "events.jsonl")

# Run graphbuild with every file object opened for writing wrapped: the first write into a
# file whose name holds TARGET writes half its data, flushes it, and kills the process.
KILLER = r"""
import builtins, io, os, signal, sys

target, argv = sys.argv[1], sys.argv[2:]
real_open = io.open


class Killing:
    def __init__(self, fh, name):
        self._fh, self._name = fh, name

    def write(self, data):
        if target in os.path.basename(self._name):
            self._fh.write(data[: max(1, len(data) // 2)])
            self._fh.flush()
            os.kill(os.getpid(), signal.SIGKILL)
        return self._fh.write(data)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return self._fh.__exit__(*exc)

    def __iter__(self):
        return iter(self._fh)

    def __getattr__(self, name):
        return getattr(self._fh, name)


def watched_open(file, mode="r", *args, **kwargs):
    fh = real_open(file, mode, *args, **kwargs)
    if any(c in mode for c in "wax+"):
        name = os.readlink(f"/proc/self/fd/{file}") if isinstance(file, int) else os.fspath(file)
        return Killing(fh, str(name))
    return fh


io.open = builtins.open = watched_open
from graphbuild.cli import main
sys.exit(main(argv))
"""


def _write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _valid(path: Path) -> None:
    """Raise unless ``path`` is a complete output of its kind."""
    data = path.read_bytes()
    if path.suffix == ".ttl":
        import rdflib

        assert len(rdflib.Graph().parse(data=data.decode("utf-8"), format="turtle")) > 0
    elif path.suffix == ".jsonl":
        lines = data.decode("utf-8").splitlines()
        assert lines and all(json.loads(line)["event_id"] for line in lines)
        assert data.endswith(b"\n")
    elif path.suffix == ".png":
        assert data.startswith(b"\x89PNG\r\n\x1a\n") and data.endswith(b"IEND\xaeB`\x82")
    elif path.suffix == ".svg":
        import xml.etree.ElementTree as ET

        assert ET.fromstring(data).tag.endswith("svg")
    else:  # pragma: no cover
        raise AssertionError(f"no check for {path}")


@pytest.fixture(scope="module")
def earlier(tmp_path_factory) -> tuple[Path, Path, dict[str, bytes]]:
    """A build folder written by an earlier build, its inputs for the next one, and its bytes."""
    from graphbuild.cli import main

    root = tmp_path_factory.mktemp("outputs")
    out = root / "out"
    assert main(["build", str(_write(root / "first", FIRST)), "--out", str(out), "-q"]) == 0
    assert main(["render", str(out), "--out", str(out / "types.svg"), "--kind", "types",
                 "-q"]) == 0
    second = _write(root / "second", SECOND)
    return out, second, {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}


@pytest.fixture
def out(earlier, tmp_path) -> Path:
    """A fresh copy of the earlier build folder."""
    folder, _, files = earlier
    copy = tmp_path / "out"
    copy.mkdir()
    for name, data in files.items():
        (copy / name).write_bytes(data)
    return copy


def _check_after_kill(out: Path, before: dict[str, bytes]) -> list[str]:
    """Each output is the earlier one or a complete new one; leftovers are hidden temp files
    (and the lock file of a killed build: the kernel released its lock).

    Returns the names of the outputs that were replaced.
    """
    replaced = []
    for name, data in before.items():
        path = out / name
        if path.read_bytes() != data:
            replaced.append(name)
        _valid(path)
    extra = {p.name for p in out.iterdir() if p.is_file()} - set(before) - {LOCK_NAME}
    assert all(n.startswith(".") and n.endswith(".tmp") for n in extra), extra
    return sorted(replaced)


@pytest.mark.slow
@pytest.mark.parametrize("target, replaced", [
    ("graph.ttl", []),
    ("graph.png", ["graph.ttl"]),
    ("events.jsonl", ["graph.png", "graph.ttl"]),
])
def test_build_killed_while_writing_leaves_earlier_outputs_whole(earlier, out, target, replaced):
    _, second, before = earlier
    done = subprocess.run(
        [sys.executable, "-c", KILLER, target, "build", str(second), "--out", str(out), "-q"],
        cwd=ROOT, env=subprocess_env(), capture_output=True, text=True, timeout=120)
    assert done.returncode == -signal.SIGKILL, done.stderr  # killed inside the write
    assert _check_after_kill(out, before) == replaced
    leftovers = [p for p in out.iterdir() if p.name.endswith(".tmp")]
    assert [p.name.split(".")[1:3] for p in leftovers] == [target.split(".")]
    assert 0 < leftovers[0].stat().st_size  # the half-written data went there


@pytest.mark.slow
def test_render_killed_while_writing_leaves_the_earlier_image_whole(earlier, out):
    _, _, before = earlier
    done = subprocess.run(
        [sys.executable, "-c", KILLER, "types.svg", "render", str(out), "--kind", "types",
         "--out", str(out / "types.svg"), "--title", "another title"],
        cwd=ROOT, env=subprocess_env(), capture_output=True, text=True, timeout=120)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert _check_after_kill(out, before) == []


@pytest.mark.slow
@pytest.mark.parametrize("delay", [1.0, 2.0, 3.0])
def test_build_killed_at_any_moment_leaves_whole_outputs(earlier, out, delay):
    """Killed after a delay (loading the model, parsing, or writing): every output file is the
    earlier one or a complete new one."""
    _, second, before = earlier
    process = subprocess.Popen(
        [sys.executable, "-m", "graphbuild", "build", str(second), "--out", str(out), "-q"],
        cwd=ROOT, env=subprocess_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=60)
    _check_after_kill(out, before)


def test_a_completed_build_replaces_every_output_and_leaves_no_temp_file(earlier, out, cli):
    _, second, before = earlier
    stale = out / ".graph.ttl.x7f3.tmp"  # left by a build killed while writing graph.ttl
    stale.write_text("@prefix gb: <https://graphbuild.example.org/> .\n<a> gb:b", encoding="utf-8")
    os.utime(stale, (time.time() - 60, time.time() - 60))
    unrelated = out / ".notes.tmp"
    unrelated.write_text("someone else's", encoding="utf-8")
    assert cli("build", second, "--out", out, "-q").code == 0
    assert _check_after_kill(out, before) == ["events.jsonl", "graph.png", "graph.ttl"]
    assert [p.name for p in out.iterdir() if p.name.startswith(".") and p.is_file()] == [".notes.tmp"]
