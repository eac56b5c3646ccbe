"""Contract tests over the registry of diagram kinds: every kind draws every format, of a small
graph and of a larger one, and the registry behaves as registries do."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import matplotlib.image as mpimg
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from graphbuild import cli
from graphbuild import render as R
from graphbuild.errors import InputError
from graphbuild.graph import build_graph
from graphbuild.render import registry
from graphbuild.render.figure import DPI, add_axes

from .sample import SYL, synthetic_events

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def larger():
    events, articles = synthetic_events(150)
    return build_graph(events, articles, name="Larger sample")


def options(kind: R.Kind, G) -> dict:
    if not kind.needs_focus:
        return {}
    return {"focus": SYL.label if SYL.id in G else "State USA"}


def title_of(kind: R.Kind, G) -> str:
    fig = Figure(figsize=kind.figsize, dpi=DPI)
    FigureCanvasAgg(fig)
    ax = kind.load()(G, ax=add_axes(fig, kind.name), **options(kind, G))
    return ax.get_title(loc="left")


@pytest.mark.parametrize("graph", ["G", "larger"])
@pytest.mark.parametrize("name", list(R.KINDS))
def test_every_kind_draws_png_svg_and_pdf_with_content(name, graph, request, tmp_path):
    G = request.getfixturevalue(graph)
    kind = R.KINDS[name]
    title = title_of(kind, G)
    assert title  # every diagram says what it shows
    w, h = kind.figsize

    png = R.render(G, name, tmp_path / f"{name}.png", **options(kind, G))
    pixels = mpimg.imread(png)[..., :3]
    assert pixels.shape[:2] == (round(h * DPI), round(w * DPI))
    ink = (pixels.min(axis=-1) < 0.95).mean()
    assert 0.01 < ink < 0.8, ink  # drawn on, and not a solid block
    assert len(np.unique((pixels * 255).astype(np.uint8).reshape(-1, 3), axis=0)) > 20

    svg = R.render(G, name, tmp_path / f"{name}.svg", **options(kind, G))
    root = ET.parse(svg).getroot()
    assert root.get("width") == f"{w * 72:g}pt" and root.get("height") == f"{h * 72:g}pt"
    words = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    assert title.split(" · ")[0] in words  # text stays text: the title can be searched

    pdf = R.render(G, name, tmp_path / f"{name}.pdf", **options(kind, G))
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    box = re.search(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert box and (float(box[1]), float(box[2])) == (w * 72, h * 72)
    assert b"/FontFile2" in data  # TrueType fonts embedded: text kept as text


def render_parser():
    return cli._parser()._subparsers._group_actions[0].choices["render"]


def kind_choices() -> list[str]:
    return list(next(a for a in render_parser()._actions if "--kind" in a.option_strings).choices)


def test_render_and_the_cli_offer_what_the_registry_holds():
    assert kind_choices() == list(R.KINDS)
    assert all(k.help in " ".join(render_parser().format_help().split()) for k in R.KINDS.values())


def draw_corners(G, ax=None, *, title=None, colour="#D55E00"):
    """A made-up kind: four dots, in ``colour``."""
    ax.scatter([0, 1, 0, 1], [0, 0, 1, 1], c=colour, s=400)
    ax.set_title(title or "Corners", loc="left")
    return ax


def test_a_new_kind_is_one_function_and_one_registry_line(G, tmp_path, monkeypatch, capsys):
    kind = R.Kind("corners", f"{__name__}:draw_corners", "four dots")
    monkeypatch.setitem(registry._KINDS, "corners", kind)  # what register_kind(kind) does
    assert registry.register_kind(kind) is kind  # the same again: harmless
    with pytest.raises(InputError, match="already registered"):
        registry.register_kind(R.Kind("corners", f"{__name__}:draw_types", "other"))
    out = R.render(G, "corners", tmp_path / "c.png", colour="#0072B2", title="Four")
    pixels = mpimg.imread(out)[..., :3]
    blue = np.all(np.abs(pixels - np.array([0x00, 0x72, 0xB2]) / 255) < 0.02, axis=-1)
    assert blue.mean() > 0.003  # the option reached the drawing function
    # an option some other kind takes is ignored; one no kind takes is a typo
    R.render(G, "corners", tmp_path / "c.png", weight="cooperation")
    with pytest.raises(InputError, match="no diagram takes the option 'colur'"):
        R.render(G, "corners", tmp_path / "c.png", colur="red")
    assert kind_choices()[-1] == "corners"
    assert cli.main(["render", str(tmp_path), "--kind", "corners", "--out", str(out), "-q"]) == 1
    assert "no events.jsonl" in capsys.readouterr().err  # past the parser: the kind was accepted


def test_unknown_kind_lists_the_kinds(G, tmp_path):
    with pytest.raises(InputError, match="valid: network, ego, matrix, timeline, types"):
        R.render(G, "hairball", tmp_path / "x.png")
    with pytest.raises(InputError, match="needs an actor to focus on"):
        R.render(G, "ego", tmp_path / "x.png")
