"""Tests of graphbuild/render: render(): files, formats, errors, import cost."""

from __future__ import annotations

import subprocess
import sys

import matplotlib.image as mpimg
import numpy as np
import pytest

from graphbuild import render as R
from graphbuild.errors import ExportError, InputError
from graphbuild.render.figure import DPI
from graphbuild.render.registry import get_kind

from .sample import ROOT, axes, non_white_share


def test_importing_graphbuild_and_render_does_not_import_matplotlib():
    code = "import sys, graphbuild, graphbuild.render; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("kind", ["network", "matrix", "timeline", "types"])
def test_png_has_the_size_and_content_of_the_diagram(G, tmp_path, kind):
    out = R.render(G, kind, tmp_path / f"{kind}.png")
    pixels = mpimg.imread(out)
    w, h = get_kind(kind).figsize
    assert pixels.shape[:2] == (round(h * DPI), round(w * DPI))
    assert 0.02 < non_white_share(out) < 0.8


def test_png_shows_the_quad_class_colours(G, tmp_path):
    pixels = mpimg.imread(R.render(G, "types", tmp_path / "t.png"))[..., :3]
    rgb = np.unique((pixels.reshape(-1, 3) * 255).round().astype(int), axis=0)
    found = {"#{:02x}{:02x}{:02x}".format(*c) for c in rgb}
    for colour in R.QUAD_COLORS.values():
        assert colour.lower() in found


def test_same_input_same_picture(G, tmp_path):
    def positions(ax):
        return ([c.get_offsets().tolist() for c in ax.collections],
                [t.xyann for t in ax.texts])

    assert positions(R.draw(G, axes(), seed=3)) == positions(R.draw(G, axes(), seed=3))
    assert positions(R.draw(G, axes(), seed=3)) != positions(R.draw(G, axes(), seed=4))
    a = R.render(G, "network", tmp_path / "a.png")
    b = R.render(G, "network", tmp_path / "b.png")
    assert a.read_bytes() == b.read_bytes()
    a = R.render(G, "network", tmp_path / "a.svg")
    b = R.render(G, "network", tmp_path / "b.svg")
    assert a.read_bytes() == b.read_bytes()


def test_svg_and_pdf_have_their_magic_bytes(G, tmp_path):
    svg = R.render(G, "network", tmp_path / "g.svg").read_bytes()
    assert svg.startswith(b"<?xml") and b"<svg" in svg[:1000]
    assert b">Syldavia<" in svg and b"CONSULT \xc3\x973" in svg  # labels stay text
    pdf = R.render(G, "matrix", tmp_path / "g.PDF").read_bytes()
    assert pdf.startswith(b"%PDF-") and b"/FontFile2" in pdf  # TrueType, not Type 3


def test_render_refuses_bad_kind_extension_and_missing_focus(G, tmp_path):
    with pytest.raises(InputError, match=r"\.png, \.svg, \.pdf"):
        R.render(G, "network", tmp_path / "g.jpeg")
    with pytest.raises(InputError, match="network, ego, matrix, timeline, types"):
        R.render(G, "pie", tmp_path / "g.png")
    with pytest.raises(InputError, match="focus"):
        R.render(G, "ego", tmp_path / "g.png")
    with pytest.raises(InputError, match="close matches"):
        R.render(G, "ego", tmp_path / "g.png", focus="Bordurai")
    assert list(tmp_path.iterdir()) == []


def test_render_replaces_atomically_and_leaves_no_temporary_file(G, tmp_path):
    target = tmp_path / "deep" / "er" / "types.png"
    R.render(G, "types", target)
    first = target.read_bytes()
    R.render(G, "timeline", target)
    assert target.read_bytes() != first
    assert [p.name for p in target.parent.iterdir()] == ["types.png"]


def test_render_reports_a_path_it_cannot_write(G, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(ExportError, match="cannot write"):
        R.render(G, "types", blocker / "types.png")


@pytest.mark.parametrize("kind", ["network", "matrix", "timeline", "types"])
def test_empty_graph_renders_a_no_events_figure(empty, tmp_path, kind):
    out = R.render(empty, kind, tmp_path / f"{kind}.png")
    assert 0.001 < non_white_share(out) < 0.05
    draw = {"network": R.draw, "matrix": R.draw_matrix, "timeline": R.draw_timeline,
            "types": R.draw_types}[kind]
    ax = draw(empty, axes(kind))
    assert [t.get_text() for t in ax.texts if t.get_gid() == "no-events"] == ["No events to show"]
    assert ax.get_title(loc="left") == "Nothing yet"
