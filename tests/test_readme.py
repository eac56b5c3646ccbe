"""The README cannot drift from the program: every `graphbuild ...` line of its shell blocks and
every Python block runs, in a fresh copy of the repository, after the Quick start's build, and
each shows a result.

Conventions the README keeps (and this test enforces):
- ```bash blocks hold commands a user can paste as they are; a synopsis with placeholders
  (PATH, FILE, OUT) goes in a ```text block. Lines of other programs (pip, python, jupyter) are
  not run here: they set up the environment.
- A command against a store names http://127.0.0.1:7878; the test starts a real Oxigraph
  server on a free loopback port and points the command at it.
- `graphbuild serve` runs until Ctrl-C: the test runs it on a free port, waits for the URL it
  prints, then stops it.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
FENCE = re.compile(r"^```(\w*)\s*$")
PLACEHOLDER = re.compile(r"\b(PATH|FILE|OUT|DIR|ADDRESS|NAME|SET)\b|\.\.\.|\[--")
STORE_PORT = "127.0.0.1:7878"

pytestmark = pytest.mark.slow


def blocks(text: str) -> list[tuple[str, str, int]]:
    """(language, body, first line number) of every fenced block."""
    out, lang, start, body = [], None, 0, []
    for n, line in enumerate(text.splitlines(), 1):
        m = FENCE.match(line.strip())
        if m and lang is None:
            lang, start, body = m.group(1) or "text", n + 1, []
        elif line.strip() == "```" and lang is not None:
            out.append((lang, "\n".join(body), start))
            lang = None
        elif lang is not None:
            body.append(line)
    return out


def commands(text: str) -> list[tuple[int, str]]:
    """Every graphbuild command of the shell blocks, with its README line number."""
    found = []
    for lang, body, start in blocks(text):
        if lang not in ("bash", "sh", "shell", "console"):
            continue
        lines = body.splitlines()
        i = 0
        while i < len(lines):
            first = i
            line = lines[i].strip().removeprefix("$ ")
            while i + 1 < len(lines) and (line.endswith("\\") or not _complete(line)):
                i += 1  # a command continued on the next line, or a quote still open
                line = (line[:-1] + " " if line.endswith("\\") else line + "\n") + lines[i].strip()
            i += 1
            for part in re.split(r"&&|;(?=\s*graphbuild)", line):
                part = re.sub(r"\s+#.*$", "", part).strip()
                if part.startswith("graphbuild ") or part == "graphbuild":
                    found.append((start + first, part))
    return found


def _complete(line: str) -> bool:
    try:
        shlex.split(line)
    except ValueError:  # no closing quotation
        return False
    return True


def python_blocks(text: str) -> list[tuple[int, str]]:
    return [(start, body) for lang, body, start in blocks(text) if lang == "python"]


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    """A copy of the repository's tracked files, with the Quick start's build already run."""
    dest = tmp_path_factory.mktemp("readme") / "repo"
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True)
    files = listed.stdout.split() if listed.returncode == 0 else []
    if not files:  # not a git checkout: copy the tree
        shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(".git", "output", "*.egg-info",
                                                                   "__pycache__", ".venv"))
    for name in files:
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, dest / name)
    done = _run(["build", "seeds/"], dest)
    assert done.returncode == 0, done.stderr
    return dest


def _env() -> dict[str, str]:
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONUNBUFFERED="1")
    env.pop("BROWSER", None)
    return env


def _run(args: list[str], cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "graphbuild", *args], cwd=cwd, env=_env(),
                          capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """A real Oxigraph server on a free loopback port, for the README's push examples."""
    import socket

    exe = shutil.which("oxigraph")
    if exe is None:
        pytest.skip("the oxigraph server is not installed")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    folder = tmp_path_factory.mktemp("store")
    proc = subprocess.Popen([exe, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.2)
    yield f"127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=30)


def test_the_readme_has_runnable_examples():
    text = README.read_text(encoding="utf-8")
    assert len(commands(text)) >= 8
    assert python_blocks(text)


def test_no_shell_block_holds_a_synopsis():
    bad = [(n, c) for n, c in commands(README.read_text(encoding="utf-8")) if PLACEHOLDER.search(c)]
    assert not bad, f"placeholders in runnable README lines (move them to a text block): {bad}"


def _serve(args: list[str], cwd: Path) -> tuple[int, str]:
    proc = subprocess.Popen([sys.executable, "-m", "graphbuild", *args], cwd=cwd, env=_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    seen = ""
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and "http://" not in seen:
            line = proc.stdout.readline()
            if not line and proc.poll() is not None:
                break
            seen += line
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    return (0 if "http://" in seen else proc.returncode or 1), seen


@pytest.mark.parametrize("line, command", commands(README.read_text(encoding="utf-8")),
                         ids=lambda v: str(v)[:60])
def test_every_readme_command_runs_and_shows_a_result(copy, store, line, command):
    args = shlex.split(command)[1:]
    args = [a.replace(STORE_PORT, store) for a in args]
    before = {p: p.stat().st_mtime for p in copy.rglob("*") if p.is_file()}
    if args[:1] == ["serve"]:
        # the README's port may be taken on a test machine: serve on a free one instead
        args = [a for i, a in enumerate(args) if a != "--port" and (i == 0 or args[i - 1] != "--port")]
        code, out = _serve([*args, "--port", "0"], copy)
        assert code == 0, f"README line {line}: {command}\n{out}"
        return
    done = _run(args, copy)
    assert done.returncode == 0, f"README line {line}: {command}\n{done.stderr}"
    written = [p for p in copy.rglob("*") if p.is_file() and before.get(p) != p.stat().st_mtime
               and p.stat().st_size > 0]
    assert done.stdout.strip() or written, f"README line {line}: {command} showed nothing"


@pytest.mark.parametrize("line, code", python_blocks(README.read_text(encoding="utf-8")),
                         ids=lambda v: str(v)[:40])
def test_every_readme_python_block_runs(copy, line, code):
    done = subprocess.run([sys.executable, "-c", code], cwd=copy, env=_env(), capture_output=True,
                          text=True, timeout=600, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, f"README python block at line {line}:\n{done.stderr[-3000:]}"
