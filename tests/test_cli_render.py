"""Tests of the ``graphbuild render`` command (graphbuild/cli.py) on a build's output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import matplotlib.image as mpimg
import pytest
from matplotlib.figure import Figure
from render.sample import ARTICLES, EVENTS  # the twelve-actor sample

from graphbuild import cli
from graphbuild import render as R
from graphbuild.errors import InputError
from graphbuild.graph import build_graph, event_records
from graphbuild.render.figure import subtitle_of
from graphbuild.render.reading import date_range_text, date_span

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def build_dir(tmp_path: Path) -> Path:
    """A folder like the one 'graphbuild build --out' writes, with its events.jsonl."""
    G = build_graph(EVENTS, ARTICLES)
    folder = tmp_path / "output"
    folder.mkdir()
    with open(folder / "events.jsonl", "w", encoding="utf-8") as fh:
        for rec in event_records(G):
            fh.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
    return folder


def run(*argv: str) -> int:
    return cli.main(list(argv))


def test_render_writes_the_network_of_a_build_folder(build_dir, tmp_path, capsys):
    out = tmp_path / "net.png"
    assert run("render", str(build_dir), "--kind", "network", "--out", str(out)) == 0
    assert str(out) in capsys.readouterr().out
    pixels = mpimg.imread(out)
    assert pixels.shape[:2] == (1200, 1800)
    assert (pixels[..., :3].min(axis=-1) < 0.95).mean() > 0.02


def test_rebuilt_graph_keeps_events_actors_and_dates(build_dir):
    G = cli.load_graph(build_dir)
    assert G.number_of_edges() == len(EVENTS) and G.number_of_nodes() == 12
    assert date_range_text(date_span(G)) == "4–15 Mar 2024"  # article dates came along
    ax = R.draw_timeline(G, Figure().add_subplot())
    assert "2 events without a date" in subtitle_of(ax)


def test_render_with_focus_draws_the_ego_view(build_dir, tmp_path, capsys):
    out = tmp_path / "ego.png"
    assert run("render", str(build_dir), "--focus", "borduria", "--out", str(out)) == 0
    assert "(ego:" in capsys.readouterr().out
    direct = R.render(cli.load_graph(build_dir), "ego", tmp_path / "direct.png", focus="Borduria")
    assert out.read_bytes() == direct.read_bytes()


def test_render_reads_an_events_file_and_writes_svg_and_pdf(build_dir, tmp_path):
    jsonl = str(build_dir / "events.jsonl")
    svg, pdf = tmp_path / "m.svg", tmp_path / "t.pdf"
    assert run("render", jsonl, "--kind", "matrix", "--weight", "cooperation", "--out",
               str(svg), "-q") == 0
    assert svg.read_bytes().startswith(b"<?xml")
    assert run("render", jsonl, "--kind", "types", "--title", "Week 10", "--out", str(pdf)) == 0
    assert pdf.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("argv, code, message", [
    (["--kind", "ego"], 2, "--kind ego needs --focus"),
    (["--out-ext", ".gif"], 2, "use one of .png, .svg, .pdf"),
    (["--focus", "Bordurai"], 1, "close matches: Borduria"),
])
def test_render_usage_errors_are_one_line_without_traceback(build_dir, tmp_path, capsys, argv,
                                                            code, message):
    out = tmp_path / "x.png"
    if argv[0] == "--out-ext":
        out, argv = tmp_path / f"x{argv[1]}", []
    assert run("render", str(build_dir), *argv, "--out", str(out)) == code
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not out.exists()


def test_render_explains_a_folder_without_a_graph(tmp_path, capsys):
    assert run("render", str(tmp_path), "--out", str(tmp_path / "x.png")) == 1
    assert "no events.jsonl" in capsys.readouterr().err


def test_render_points_at_a_bad_line(build_dir, tmp_path, capsys):
    path = build_dir / "events.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0], "{not json", *lines[1:]]) + "\n", encoding="utf-8")
    assert run("render", str(build_dir), "--out", str(tmp_path / "x.png")) == 1
    assert f"{path}:2: not a JSON record" in capsys.readouterr().err
    path.write_text(lines[0] + "\n\n" + json.dumps({"doc_id": "a"}) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        cli.load_graph(build_dir)
    assert err.value.line == 3 and "lacks 'subject'" in str(err.value)


def test_rdf_sources_use_the_rdf_reader_when_there_is_one(build_dir, monkeypatch):
    (build_dir / "graph.ttl").write_text("# turtle\n", encoding="utf-8")
    monkeypatch.setattr(cli, "_rdf_reader", lambda: None)
    assert cli.load_graph(build_dir).number_of_edges() == len(EVENTS)  # falls back to jsonl
    with pytest.raises(InputError, match="cannot read RDF"):
        cli.load_graph(build_dir / "graph.ttl")
    marker = build_graph([])
    monkeypatch.setattr(cli, "_rdf_reader", lambda: (lambda path: marker))
    assert cli.load_graph(build_dir) is marker
    assert cli.load_graph(build_dir / "graph.ttl") is marker


def test_render_is_a_registered_subcommand():
    out = subprocess.run([sys.executable, "-m", "graphbuild", "render", "--help"], cwd=ROOT,
                         capture_output=True, text=True)
    assert out.returncode == 0
    assert "--kind" in out.stdout and "--focus" in out.stdout and "SOURCE" in out.stdout
