"""The graphbuild command: outputs, the extract record, exit codes and messages."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from graphbuild import cli

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_build_writes_the_three_files_and_a_summary(capsys, tmp_path, nlp):
    code, out, err = run(capsys, "build", str(SEEDS), "--out", str(tmp_path / "out"))
    assert code == 0, err
    ttl, png, jsonl = (tmp_path / "out" / n for n in ("graph.ttl", "graph.png", "events.jsonl"))
    import rdflib

    g = rdflib.Graph().parse(ttl, format="turtle")
    assert len(g) > 50
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    records = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert records and all(r["plover"] for r in records)
    for word in ("articles: 1 read", "sentences:", "actors:", "events:", "CONSULT", "graph.ttl"):
        assert word in out


def test_extract_prints_the_benchmark_fields(capsys, nlp):
    code, out, _ = run(capsys, "extract", str(SEEDS), "--format", "jsonl")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert records
    assert all(list(r) == list(cli.EXTRACT_FIELDS) for r in records)
    meetings = {(r["subject"], r["object"]) for r in records if r["relation"] == "meet"}
    assert meetings  # the seed's meetings come out as meet events


def test_extract_tsv_has_a_header(capsys, tmp_path, nlp):
    f = tmp_path / "a.txt"
    f.write_text("Canada met Mexico on Friday.\n", encoding="utf-8")
    code, out, _ = run(capsys, "extract", str(f), "--format", "tsv")
    lines = out.splitlines()
    assert code == 0 and lines[0].split("\t") == list(cli.EXTRACT_FIELDS) and len(lines) == 2


def test_missing_input_is_one_clear_line_and_exit_1(capsys, tmp_path):
    code, out, err = run(capsys, "build", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "o"))
    assert code == 1
    assert "nope.txt" in err and "Traceback" not in err
    assert not (tmp_path / "o").exists()


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["build", "seeds", "--workers", "0"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        cli.main(["extract", "seeds", "--date", "yesterday"])
    assert exc.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_one_numerical_thread_unless_the_user_sets_more(capsys, monkeypatch):
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    monkeypatch.setenv("OMP_NUM_THREADS", "4")
    with pytest.raises(SystemExit):
        cli.main(["--version"])
    assert os.environ["OPENBLAS_NUM_THREADS"] == "1"
    assert os.environ["OMP_NUM_THREADS"] == "4"  # the user's own setting is kept


def test_unknown_model_is_one_line(capsys, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Canada met Mexico.\n", encoding="utf-8")
    code, _, err = run(capsys, "extract", str(f), "--model", "no_such_pipeline_xyz")
    assert code == 1
    assert err.count("\n") == 1 and "no_such_pipeline_xyz" in err and "pip install" in err


@pytest.mark.parametrize("command", ["build", "extract", "render", "query", "push", "validate"])
def test_every_command_has_help(capsys, command):
    with pytest.raises(SystemExit) as exc:
        cli.main([command, "--help"])
    assert exc.value.code == 0
    assert "usage: graphbuild " + command in capsys.readouterr().out


def test_console_script_runs(tmp_path):
    exe = shutil.which("graphbuild")
    cmd = [exe] if exe else [sys.executable, "-m", "graphbuild"]
    proc = subprocess.run([*cmd, "--help"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and "build" in proc.stdout


NEWS = ["Norway and Sweden held talks in Oslo on Monday.",
        "Denmark accused Russia of violating its airspace.",
        "Finland will send aid to Estonia, its prime minister said."]


def _news(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for i, text in enumerate(NEWS):
        (folder / f"n{i}.txt").write_text(text + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("argv", [["-q", "build", "X"], ["build", "X", "-q"], ["build", "-q", "X"]])
def test_global_options_go_before_or_after_the_command(argv):
    args = cli.parse_args(argv)
    assert args.quiet and not args.verbose and args.paths == ["X"]
    assert cli.parse_args(["render", "out", "--out", "a.png", "-v"]).verbose
    assert cli.parse_args(["-q", "validate", "g.ttl"]).quiet  # validate declares its own -q


def test_build_with_verbose_after_the_command(capsys, tmp_path, nlp, caplog):
    import logging

    caplog.set_level(logging.DEBUG, logger="graphbuild")
    code, out, err = run(capsys, "build", str(_news(tmp_path)), "--out", str(tmp_path / "o"), "-v")
    assert code == 0, err
    assert "cache" in caplog.text  # an INFO line
    assert logging.getLogger().level == logging.WARNING  # the root logger is put back


def test_no_render_skips_the_picture(capsys, tmp_path, nlp):
    code, out, err = run(capsys, "build", str(_news(tmp_path)), "--out", str(tmp_path / "o"),
                         "--no-render")
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "o").iterdir() if not p.name.startswith(".")) == [
        "events.jsonl", "graph.html", "graph.ttl"]  # the explorer page is no picture: still written
    assert "graph.png" not in out and "events: " in out


def _on_a_terminal(argv: list[str], cwd: Path) -> tuple[int, str, str]:
    """Run graphbuild with stderr on a pseudo-terminal (as in a shell); (code, stdout, terminal)."""
    import os
    import pty

    main, child = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "graphbuild", *argv], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=child, env={**os.environ, "COLUMNS": "100"})
    os.close(child)
    seen = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    out = proc.stdout.read().decode()
    code = proc.wait(timeout=300)
    os.close(main)
    return code, out, seen.decode(errors="replace")


@pytest.mark.parametrize("command", ["build", "extract"])
def test_progress_bar_on_a_terminal_reaches_100(tmp_path, command):
    folder = _news(tmp_path)
    code, out, terminal = _on_a_terminal([command, str(folder), "--out" if command == "build" else "-v",
                                          *([str(tmp_path / "o")] if command == "build" else [])], tmp_path)
    assert code == 0, terminal
    assert "100%" in terminal and "3/3 [" in terminal and "article" in terminal
    if command == "extract":
        assert out.count("\n") >= 3  # the events stay on stdout, the bar on the terminal
    code, out, terminal = _on_a_terminal([command, str(folder), "-q", *(
        ["--out", str(tmp_path / "o")] if command == "build" else [])], tmp_path)
    assert code == 0 and "%" not in terminal and "3/3" not in terminal


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "graphbuild", "extract", str(_news(tmp_path))],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0 and proc.stderr == ""


def test_estimated_articles_count_files_and_jsonl_lines(tmp_path):
    folder = _news(tmp_path)
    (folder / "more.jsonl").write_text('{"text": "a"}\n{"text": "b"}\n{"text": "c"}', encoding="utf-8")
    (folder / ".hidden.txt").write_text("x", encoding="utf-8")
    (folder / "notes.csv").write_text("x", encoding="utf-8")
    assert cli._estimate_articles([str(folder)]) == 6
    assert cli._estimate_articles([str(folder / "n0.txt"), str(tmp_path / "nope")]) == 1
