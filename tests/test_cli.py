"""The graphbuild command: outputs, the extract record, exit codes and messages."""

from __future__ import annotations

import json
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
