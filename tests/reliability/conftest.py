"""Helpers for the reliability tests: run the ``graphbuild`` command in this process or in a
subprocess (with this worktree's package first on the path)."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

import graphbuild

ROOT = Path(graphbuild.__file__).resolve().parent.parent


@dataclass
class Outcome:
    code: int
    out: str
    err: str


def subprocess_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRAPHBUILD_")}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env.update(extra)
    return env


def run_graphbuild(args: Sequence[str], *, timeout: float = 120, **env: str) -> Outcome:
    """``python -m graphbuild ARGS`` in a fresh interpreter."""
    done = subprocess.run([sys.executable, "-m", "graphbuild", *map(str, args)], cwd=ROOT,
                          env=subprocess_env(**env), capture_output=True, text=True,
                          timeout=timeout, stdin=subprocess.DEVNULL)
    return Outcome(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def cli(capsys):
    """``graphbuild ARGS`` through :func:`graphbuild.cli.main` in this process (the spaCy
    pipeline, once loaded, is reused); returns exit code, stdout and stderr."""
    from graphbuild.cli import main

    def call(*args: object) -> Outcome:
        capsys.readouterr()
        root = logging.getLogger()
        level = root.level
        try:
            code = main([str(a) for a in args])
        finally:
            root.setLevel(level)  # main sets it from -v / -q
        captured = capsys.readouterr()
        return Outcome(code, captured.out, captured.err)

    return call
