"""Tests of graphbuild/render.py: what the diagrams show, not only that a file appears."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import matplotlib.dates as mdates
import matplotlib.image as mpimg
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from graphbuild import render as R
from graphbuild.errors import ExportError, InputError
from graphbuild.graph import build_graph
from graphbuild.types import Actor, ActorType, Article, Event, Modality, Plover, QuadClass

ROOT = Path(__file__).resolve().parents[1]

# Twelve made-up actors: six countries, three people, three organisations.
SYL = Actor("Syldavia", ActorType.COUNTRY, "SYL", aliases=("Kingdom of Syldavia",))
BOR = Actor("Borduria", ActorType.COUNTRY, "BOR")
FRE = Actor("Freedonia", ActorType.COUNTRY, "FRE")
GEN = Actor("Genovia", ActorType.COUNTRY, "GEN")
LAT = Actor("Latveria", ActorType.COUNTRY, "LAT")
ELB = Actor("Elbonia", ActorType.COUNTRY, "ELB")
QUILL = Actor("Ana Quill", ActorType.PERSON, "SYL", role="Foreign Minister")
OKORO = Actor("Benedikt Okoro-Vantongeren", ActorType.PERSON, "BOR", role="President")
MARSH = Actor("Cleo Marsh", ActorType.PERSON, "FRE")
COUNCIL = Actor("Northern Maritime Cooperation Council", ActorType.ORG)
BANK = Actor("Coastal States Development Bank", ActorType.ORG, "GEN")
LEAGUE = Actor("League of Inland Nations", ActorType.ORG)
ACTORS = [SYL, BOR, FRE, GEN, LAT, ELB, QUILL, OKORO, MARSH, COUNCIL, BANK, LEAGUE]

ARTICLES = [
    Article("a1", "...", title="Talks", date=dt.date(2024, 3, 4)),
    Article("a2", "...", title="Accusations", date=dt.date(2024, 3, 9)),
    Article("a3", "...", title="Aid", date=dt.date(2024, 3, 15)),
    Article("a4", "...", title="No date"),
]


def ev(article: str, s: Actor, o: Actor, p: Plover, i: int, **kw: object) -> Event:
    return Event(article, s, o, p, p.value.lower(), f"Sentence {i}.", i * 10, i * 10 + 9, **kw)


EVENTS = [
    ev("a1", SYL, BOR, Plover.CONSULT, 1, symmetric=True),
    ev("a1", SYL, BOR, Plover.CONSULT, 2, symmetric=True),
    ev("a2", BOR, SYL, Plover.CONSULT, 3, symmetric=True),
    ev("a2", BOR, SYL, Plover.ACCUSE, 4),
    ev("a2", SYL, BOR, Plover.REJECT, 5),
    ev("a2", SYL, BOR, Plover.SANCTION, 6, negated=True),
    ev("a1", QUILL, MARSH, Plover.CONSULT, 7, symmetric=True),
    ev("a3", FRE, GEN, Plover.AID, 8, date=dt.date(2024, 3, 14)),
    ev("a3", GEN, FRE, Plover.AGREE, 9, symmetric=True, modality=Modality.PLANNED),
    ev("a3", BANK, ELB, Plover.AID, 10),
    ev("a2", LAT, ELB, Plover.THREATEN, 11),
    ev("a2", LAT, ELB, Plover.MOBILIZE, 12),
    ev("a2", ELB, LAT, Plover.PROTEST, 13),
    ev("a1", COUNCIL, SYL, Plover.REQUEST, 14),
    ev("a1", OKORO, COUNCIL, Plover.SUPPORT, 15),
    ev("a4", LEAGUE, LAT, Plover.SANCTION, 16),
    ev("a4", FRE, LEAGUE, Plover.COOPERATE, 17, symmetric=True),
    ev("a3", OKORO, SYL, Plover.THREATEN, 18),
    ev("a3", MARSH, BANK, Plover.CONSULT, 19),
    ev("a2", GEN, SYL, Plover.SUPPORT, 20),
]


@pytest.fixture(scope="module")
def G():
    return build_graph(EVENTS, ARTICLES, name="Sample briefing")


@pytest.fixture
def empty():
    return build_graph([], name="Nothing yet")


def axes(kind: str = "network", size: tuple[float, float] | None = None, dpi: int = 100):
    fig = Figure(figsize=size or R._FIGSIZES[kind], dpi=dpi)
    FigureCanvasAgg(fig)
    return R._add_axes(fig, kind)


def texts(ax, prefix: str) -> dict[str, object]:
    return {t.get_gid().split("|", 1)[1]: t for t in ax.texts
            if (t.get_gid() or "").startswith(prefix + "|")}


def flat(text: str) -> str:
    return " ".join(text.split())


def edges(ax) -> list:
    return [p for p in ax.patches if (p.get_gid() or "").startswith("edge|")]


# --------------------------------------------------------------------------------------
# import cost
# --------------------------------------------------------------------------------------

def test_importing_graphbuild_and_render_does_not_import_matplotlib():
    code = "import sys, graphbuild, graphbuild.render; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == "False"


# --------------------------------------------------------------------------------------
# network
# --------------------------------------------------------------------------------------

def test_network_legend_names_actor_types_quad_classes_and_line_styles(G):
    ax = R.draw(G, axes())
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    for entry in ("Country", "Organisation", "Person", *(str(q) for q in QuadClass)):
        assert entry in legend
    assert any("dashed" in t and "planned" in t for t in legend)
    assert any("dotted" in t and "negated" in t for t in legend)
    assert any("no arrowhead" in t for t in legend)
    assert any("arrow" in t and "no arrowhead" not in t for t in legend)


def test_network_legend_leaves_out_what_the_graph_lacks():
    g = build_graph([ev("a1", SYL, BOR, Plover.ACCUSE, 1)])
    legend = [t.get_text() for t in R.draw(g, axes()).get_legend().get_texts()]
    assert "verbal conflict" in legend and "Country" in legend
    assert "material conflict" not in legend and "Person" not in legend
    assert not any("dashed" in t or "dotted" in t or "no arrowhead" in t for t in legend)


def test_network_labels_every_actor_and_wraps_long_labels(G):
    ax = R.draw(G, axes())
    labels = texts(ax, "node-label")
    assert {flat(t.get_text()) for t in labels.values()} == {a.label for a in ACTORS}
    council = labels[COUNCIL.id].get_text()
    assert "\n" in council and max(len(line) for line in council.split("\n")) <= 18


def test_network_labels_edges_with_type_count_and_modality(G):
    ax = R.draw(G, axes())
    labels = sorted(t.get_text() for t in texts(ax, "edge-label").values())
    assert "CONSULT ×3" in labels  # three symmetric talks, whichever side was the subject
    assert "not SANCTION" in labels
    assert "AGREE (planned)" in labels
    assert "ACCUSE" in labels and "REJECT" in labels  # one each way: two lines, two labels
    assert len(labels) == len(edges(ax))


def test_network_edges_are_coloured_by_quad_class(G):
    ax = R.draw(G, axes())
    seen = set()
    for patch in edges(ax):
        plover = Plover(patch.get_gid().split("|")[1])
        assert to_hex(patch.get_edgecolor()) == R.QUAD_COLORS[plover.quad].lower()
        seen.add(plover.quad)
    assert seen == set(QuadClass)
    assert len(set(R.QUAD_COLORS.values())) == 4


def test_network_line_style_and_arrowheads_follow_the_event(G):
    ax = R.draw(G, axes())
    by_gid = {p.get_gid(): p for p in edges(ax)}
    negated = by_gid[f"edge|SANCTION|negated|dir|{SYL.id}|{BOR.id}"]
    planned = by_gid[f"edge|AGREE|planned|sym|{FRE.id}|{GEN.id}"]
    asserted = by_gid[f"edge|ACCUSE|asserted|dir|{BOR.id}|{SYL.id}"]
    talks = by_gid[f"edge|CONSULT|asserted|sym|{BOR.id}|{SYL.id}"]
    assert negated.get_linestyle() == ":"
    assert planned.get_linestyle() == "--"
    assert asserted.get_linestyle() == "-"
    assert type(asserted.get_arrowstyle()).__name__ == "CurveFilledB"  # one head, at target
    assert type(talks.get_arrowstyle()).__name__ == "Curve"  # symmetric: no head
    assert talks.get_linewidth() > asserted.get_linewidth()  # three events, thicker line


def test_network_nodes_coloured_by_type_and_sized_by_events(G):
    ax = R.draw(G, axes())
    scatters = {c.get_gid(): c for c in ax.collections}
    for t in ActorType:
        face = scatters[f"nodes|{t.value}"].get_facecolors()
        assert {to_hex(c) for c in face} == {R.ACTOR_COLORS[t].lower()}
    countries = scatters["nodes|COUNTRY"]
    order = sorted(a.id for a in ACTORS if a.type is ActorType.COUNTRY)
    sizes = dict(zip(order, countries.get_sizes(), strict=False))
    assert sizes[SYL.id] > sizes[ELB.id] > sizes[GEN.id]  # 9, 4 and 3 events


def test_network_title_has_corpus_name_and_date_range(G):
    ax = R.draw(G, axes())
    assert ax.get_title(loc="left") == "Sample briefing · 4–15 Mar 2024"
    assert R._subtitle_of(ax).startswith("20 events · 12 actors · 4 articles")
    ax = R.draw(G, axes(), title="Week in review")
    assert ax.get_title(loc="left") == "Week in review"
    assert "Sample briefing, 4–15 Mar 2024" in R._subtitle_of(ax)


def test_date_range_uses_event_dates_else_article_dates():
    g = build_graph([ev("x", SYL, BOR, Plover.AID, 1, date=dt.date(2023, 12, 30)),
                     ev("y", SYL, BOR, Plover.AID, 2)],
                    [Article("y", "...", date=dt.date(2024, 1, 2))])
    assert R._date_range_text(R._date_span(g)) == "30 Dec 2023 – 2 Jan 2024"
    assert R._date_range_text((dt.date(2024, 3, 30), dt.date(2024, 4, 2))) == "30 Mar – 2 Apr 2024"
    assert R._date_range_text(None) == ""


@pytest.mark.parametrize("size", [(12, 8), (8, 5.5)])
def test_no_two_labels_overlap_on_a_twelve_actor_graph(G, size):
    ax = R.draw(G, axes(size=size))
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    labels = list(texts(ax, "node-label").values())
    assert len(labels) == 12
    boxes = [t.get_window_extent(renderer) for t in labels]
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            assert not boxes[i].overlaps(boxes[j]), (labels[i].get_text(), labels[j].get_text())
    assert R.label_overlaps(ax, "") == []  # nor an actor's label an event's
    frame = ax.get_window_extent(renderer)
    for t in labels:  # every label stays in view and near its node
        box = t.get_window_extent(renderer)
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0
        node = ax.transData.transform(t.xy)
        centre = ((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)
        assert np.hypot(centre[0] - node[0], centre[1] - node[1]) < 90


def test_labels_are_moved_when_they_would_collide():
    # a star whose spokes' labels all start at the middle of their edge, next to each other
    hub = Actor("Hub", ActorType.COUNTRY, "HUB")
    spokes = [Actor(f"Spoke number {i}", ActorType.COUNTRY, f"S{i:02d}") for i in range(11)]
    g = build_graph([ev("a", hub, s, Plover.CONSULT, i) for i, s in enumerate(spokes)]
                    + [ev("a", s, hub, Plover.ACCUSE, 50 + i) for i, s in enumerate(spokes)])
    ax = R.draw(g, axes(size=(7, 5)))
    edge_labels = texts(ax, "edge-label").values()
    assert len(edge_labels) == 22
    assert any(t.xyann != (0.0, 0.0) for t in edge_labels)  # some left the middle of their line
    assert R.label_overlaps(ax, "") == []


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


def test_draw_without_axes_makes_a_figure(G):
    import matplotlib.pyplot as plt

    ax = R.draw(G)
    try:
        assert tuple(ax.figure.get_size_inches()) == R._FIGSIZES["network"]
        assert len(texts(ax, "node-label")) == 12
    finally:
        plt.close(ax.figure)


# --------------------------------------------------------------------------------------
# ego view
# --------------------------------------------------------------------------------------

def test_ego_view_shows_only_the_neighbourhood(G):
    ax = R.draw_ego(G, "kingdom of syldavia", axes("ego"))
    shown = {flat(t.get_text()) for t in texts(ax, "node-label").values()}
    assert shown == {"Syldavia", "Borduria", "Genovia", "Benedikt Okoro-Vantongeren",
                     "Northern Maritime Cooperation Council"}
    for patch in edges(ax):
        assert SYL.id in patch.get_gid().split("|")[-2:]
    # the president's praise of the council is between two neighbours: not shown
    assert "SUPPORT" in {t.get_text() for t in texts(ax, "edge-label").values()}
    assert not any(p.get_gid().endswith(f"{OKORO.id}|{COUNCIL.id}") for p in edges(ax))
    focus = texts(ax, "node-label")[SYL.id]
    assert focus.get_fontweight() == "bold"
    assert ax.get_title(loc="left") == "Syldavia and its counterparts"


@pytest.mark.parametrize("name", ["Syldavia", "SYLDAVIA", "country/SYL", "Kingdom of Syldavia"])
def test_focus_matches_id_label_or_alias_in_any_case(G, name):
    assert R.find_actor(G, name) == SYL.id
    ax = R.draw(G, axes("ego"), focus=name)
    assert flat(texts(ax, "node-label")[SYL.id].get_text()) == "Syldavia"
    assert len(texts(ax, "node-label")) == 5


def test_unknown_focus_lists_close_matches(G):
    with pytest.raises(InputError, match="close matches: Syldavia"):
        R.draw(G, axes("ego"), focus="Syldvia")
    with pytest.raises(InputError, match="no actor 'Zzyzx'"):
        R.find_actor(G, "Zzyzx")


def test_focus_that_names_two_actors_is_refused():
    a = Actor("Capital", ActorType.ORG, "SYL")
    b = Actor("Capital", ActorType.ORG, "BOR")
    g = build_graph([ev("a", a, b, Plover.CONSULT, 1)])
    with pytest.raises(InputError, match="several actors"):
        R.find_actor(g, "capital")
    assert R.find_actor(g, a.id) == a.id


# --------------------------------------------------------------------------------------
# matrix
# --------------------------------------------------------------------------------------

def test_country_matrix_counts_and_cooperation(G):
    codes, counts, _ = R.country_matrix(G)
    assert codes == ["BOR", "ELB", "FRE", "GEN", "LAT", "SYL"]
    i = codes.index
    # three symmetric talks count both ways, plus an accusation and the president's threat
    assert counts[i("BOR"), i("SYL")] == 5
    assert counts[i("SYL"), i("BOR")] == 5  # talks, a rejection, a sanction that did not happen
    assert counts[i("GEN"), i("ELB")] == 1  # the bank is reduced to its country
    assert counts.sum() == 20 - 4 + 5  # 4 events with a stateless actor out, 5 symmetric twice
    _, coop, _ = R.country_matrix(G, weight="cooperation")
    W = R.PLOVER_WEIGHTS
    assert coop[i("BOR"), i("SYL")] == 3 * W[Plover.CONSULT] + W[Plover.ACCUSE] + W[Plover.THREATEN]
    assert coop[i("SYL"), i("BOR")] == 3 * W[Plover.CONSULT] + W[Plover.REJECT]  # negated: 0
    assert coop[i("FRE"), i("GEN")] == W[Plover.AID] + W[Plover.AGREE] / 2 + W[Plover.CONSULT]
    assert coop[i("LAT"), i("ELB")] < 0 < coop[i("GEN"), i("SYL")]


def test_weights_cover_every_type_with_cooperation_positive_and_conflict_negative():
    assert set(R.PLOVER_WEIGHTS) == set(Plover)
    for p, w in R.PLOVER_WEIGHTS.items():
        cooperative = p.quad in (QuadClass.VERBAL_COOPERATION, QuadClass.MATERIAL_COOPERATION)
        assert (w > 0) == cooperative and -10 <= w <= 10


def test_draw_matrix_shows_values_labels_and_colour_bar():
    g = build_graph([ev("a", SYL, BOR, Plover.ACCUSE, 1), ev("a", SYL, BOR, Plover.ACCUSE, 2),
                     ev("a", BOR, FRE, Plover.AID, 3), ev("a", QUILL, FRE, Plover.CONSULT, 4)])
    ax = R.draw_matrix(g, axes("matrix"))
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Borduria", "Freedonia", "Syldavia"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Borduria", "Freedonia", "Syldavia"]
    image = ax.images[0]
    assert image.get_array().filled(0).tolist() == [[0, 1, 0], [0, 0, 0], [2, 1, 0]]
    assert image.get_array().mask.tolist() == [[True, False, True], [True, True, True],
                                               [False, False, True]]
    assert image.colorbar is not None and "events" in image.colorbar.ax.get_ylabel()
    cells = {t.get_gid(): t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("cell")}
    assert cells == {"cell|BOR|FRE": "1", "cell|SYL|BOR": "2", "cell|SYL|FRE": "1"}

    ax = R.draw_matrix(g, axes("matrix"), weight="cooperation")
    cells = {t.get_gid(): t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("cell")}
    assert cells["cell|SYL|BOR"] == "−6" and cells["cell|BOR|FRE"] == "+7"
    norm = ax.images[0].norm
    assert norm.vmin == -norm.vmax  # zero sits in the middle of the scale
    assert "cooperation" in ax.images[0].colorbar.ax.get_ylabel()


def test_matrix_says_what_it_leaves_out(G):
    ax = R.draw_matrix(G, axes("matrix"))
    assert "4 events with an actor of no known country left out" in R._subtitle_of(ax)
    with pytest.raises(InputError, match="count, cooperation"):
        R.draw_matrix(G, axes("matrix"), weight="goldstein")


# --------------------------------------------------------------------------------------
# timeline and types
# --------------------------------------------------------------------------------------

def test_timeline_places_events_by_date_and_counts_the_undated(G):
    import matplotlib.dates as mdates

    ax = R.draw_timeline(G, axes("timeline"))
    rows = [t.get_text() for t in ax.get_yticklabels()]
    dated = {e.plover.value for e in EVENTS if e.article_id != "a4"}
    assert rows == [p.value for p in reversed(Plover) if p.value in dated]  # top: first type
    dots = {c.get_gid(): c for c in ax.collections}
    consult = dots["dot|CONSULT|2024-03-04|happened"]  # three talks on the first day
    assert consult.get_sizes()[0] > dots["dot|CONSULT|2024-03-09|happened"].get_sizes()[0]
    x = consult.get_offsets()[0][0]
    assert mdates.num2date(x).date() == dt.date(2024, 3, 4)
    assert "dot|AID|2024-03-14|happened" in dots  # the event's own date beats its article's
    negated = dots["dot|SANCTION|2024-03-09|not"]
    assert to_hex(negated.get_facecolors()[0]) == "#ffffff"  # hollow: did not happen
    assert "2 events without a date not shown" in R._subtitle_of(ax)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "material conflict" in legend and any("did not happen" in t for t in legend)


def test_timeline_with_no_dates_says_so():
    g = build_graph([ev("x", SYL, BOR, Plover.AID, 1)])
    ax = R.draw_timeline(g, axes("timeline"))
    message = [t.get_text() for t in ax.texts if t.get_gid() == "no-events"]
    assert message == ["No dated events (1 event without a date)"]


def test_types_bars_count_events_coloured_by_quad_class(G):
    ax = R.draw_types(G, axes("types"))
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert rows[0] == "CONSULT"  # the most frequent type on top
    bars = {p.get_gid(): p for p in ax.patches if p.get_gid()}
    assert bars["bar|CONSULT|happened"].get_width() == 5
    assert bars["bar|SANCTION|happened"].get_width() == 1
    assert bars["bar|SANCTION|not-happened"].get_width() == 1
    assert bars["bar|SANCTION|not-happened"].get_hatch()
    for gid, bar in bars.items():
        plover = Plover(gid.split("|")[1])
        assert to_hex(bar.get_facecolor(), keep_alpha=False) == R.QUAD_COLORS[plover.quad].lower()
    totals = {t.get_gid(): t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("total")}
    assert totals["total|CONSULT"] == "5" and totals["total|SANCTION"] == "2"


# --------------------------------------------------------------------------------------
# render(): files
# --------------------------------------------------------------------------------------

def non_white_share(path: Path) -> float:
    pixels = mpimg.imread(path)[..., :3]
    return float((pixels.min(axis=-1) < 0.95).mean())


@pytest.mark.parametrize("kind", ["network", "matrix", "timeline", "types"])
def test_png_has_the_size_and_content_of_the_diagram(G, tmp_path, kind):
    out = R.render(G, kind, tmp_path / f"{kind}.png")
    pixels = mpimg.imread(out)
    w, h = R._FIGSIZES[kind]
    assert pixels.shape[:2] == (round(h * R._DPI), round(w * R._DPI))
    assert 0.02 < non_white_share(out) < 0.8


def test_png_shows_the_quad_class_colours(G, tmp_path):
    pixels = mpimg.imread(R.render(G, "types", tmp_path / "t.png"))[..., :3]
    rgb = np.unique((pixels.reshape(-1, 3) * 255).round().astype(int), axis=0)
    found = {"#{:02x}{:02x}{:02x}".format(*c) for c in rgb}
    for colour in R.QUAD_COLORS.values():
        assert colour.lower() in found


def test_ego_png(G, tmp_path):
    out = R.render(G, "ego", tmp_path / "ego.png", focus="Borduria")
    assert non_white_share(out) > 0.02
    network = R.render(G, "network", tmp_path / "net.png", focus="Borduria")
    assert network.read_bytes() == out.read_bytes()  # network with a focus is the ego view


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


# --------------------------------------------------------------------------------------
# several stories in one graph; order and hints that an analyst reads
# --------------------------------------------------------------------------------------

STORIES = [  # four separate stories: no event joins one to another
    ev("s1", SYL, BOR, Plover.ACCUSE, 1), ev("s1", BOR, SYL, Plover.REJECT, 2),
    ev("s1", SYL, BOR, Plover.CONSULT, 3, symmetric=True), ev("s1", BOR, QUILL, Plover.THREATEN, 4),
    ev("s2", FRE, GEN, Plover.AID, 5), ev("s2", GEN, LAT, Plover.SUPPORT, 6),
    ev("s2", LAT, FRE, Plover.AGREE, 7, symmetric=True),
    ev("s3", MARSH, OKORO, Plover.CONSULT, 8, symmetric=True),
    ev("s4", ELB, COUNCIL, Plover.REQUEST, 9),
]


def test_separate_stories_are_drawn_apart_not_over_each_other():
    g = build_graph(STORIES)
    pos = R._spring_positions(g, R.DEFAULT_SEED, 2.0)
    stories = [{"country/SYL", "country/BOR", QUILL.id}, {"country/FRE", "country/GEN",
               "country/LAT"}, {MARSH.id, OKORO.id}, {"country/ELB", COUNCIL.id}]
    assert set().union(*stories) == set(pos)
    boxes = []
    for nodes in stories:
        xy = np.array([pos[n] for n in nodes])
        boxes.append((xy.min(axis=0), xy.max(axis=0)))
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            (lo1, hi1), (lo2, hi2) = boxes[i], boxes[j]
            apart = (hi1 < lo2 - 0.1) | (hi2 < lo1 - 0.1)  # a gap in x or in y
            assert apart.any(), (stories[i], stories[j])
    ax = R.draw(g, axes())
    assert R.label_overlaps(ax, "") == []


def test_layout_is_the_same_in_every_python_process():
    code = ("import sys, json; sys.path.insert(0, 'tests'); import test_render as t; "
            "from graphbuild.graph import build_graph; from graphbuild import render as R; "
            "print(json.dumps(sorted(R._spring_positions(build_graph(t.STORIES), 7, 2.0)"
            ".items())))")
    outs = {subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                           text=True, check=True, env={**os.environ, "PYTHONHASHSEED": seed}
                           ).stdout for seed in ("1", "2")}
    assert len(outs) == 1 and "country/SYL" in outs.pop()


def test_matrix_rows_and_columns_follow_the_names_shown():
    zeta = Actor("Zetland", ActorType.COUNTRY, "AAA")
    alpha = Actor("Alphaland", ActorType.COUNTRY, "ZZZ")
    g = build_graph([ev("a", zeta, alpha, Plover.ACCUSE, 1), ev("a", zeta, alpha, Plover.ACCUSE, 2)])
    ax = R.draw_matrix(g, axes("matrix"))
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Alphaland", "Zetland"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Alphaland", "Zetland"]
    # Zetland (second row) acts on Alphaland (first column) twice
    assert ax.images[0].get_array().filled(0).tolist() == [[0, 0], [2, 0]]
    cells = {t.get_gid(): t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("cell")}
    assert cells == {"cell|AAA|ZZZ": "2"}


def test_timeline_with_no_dates_says_how_to_give_one():
    g = build_graph([ev("x", SYL, BOR, Plover.AID, 1)])
    ax = R.draw_timeline(g, axes("timeline"))
    hint = [t.get_text() for t in ax.texts if t.get_gid() == "no-events-hint"]
    assert len(hint) == 1 and "--date" in hint[0] and "date=" in hint[0]


@pytest.fixture(scope="module")
def briefing():
    """The seed article and five short dated articles of our own, through the real pipeline."""
    import graphbuild

    return graphbuild.build([ROOT / "seeds", ROOT / "tests" / "data" / "briefing"])


def test_real_briefing_diagrams_are_readable(briefing, tmp_path):
    assert len({d["article_id"] for _, _, d in briefing.edges(data=True)}) == 6
    ax = R.draw(briefing, axes())
    assert R.label_overlaps(ax, "") == []
    assert ax.get_title(loc="left").endswith("6–27 May 2024")
    assert "6 articles" in R._subtitle_of(ax)
    ax = R.draw_timeline(briefing, axes("timeline"))
    assert ax.get_title(loc="left").endswith("6–27 May 2024")
    assert "without a date not shown" in R._subtitle_of(ax)  # the seed has no date
    for kind in ("network", "matrix", "timeline", "types"):
        assert non_white_share(R.render(briefing, kind, tmp_path / f"{kind}.png")) > 0.02
    ego = R.render(briefing, "ego", tmp_path / "ego.png", focus="Malaysia")
    assert non_white_share(ego) > 0.02


def test_timeline_shows_what_happened_and_what_did_not_on_one_day_side_by_side():
    day = dt.date(2024, 3, 29)  # the days of the month restart on 1 April
    g = build_graph([ev("x", SYL, BOR, Plover.CONSULT, i) for i in range(6)]
                    + [ev("x", SYL, BOR, Plover.CONSULT, 10 + i, modality=Modality.PLANNED)
                       for i in range(2)]
                    + [ev("x", SYL, BOR, Plover.AID, 20, date=dt.date(2024, 4, 12))],
                    [Article("x", "...", date=day)])
    ax = R.draw_timeline(g, axes("timeline"))
    ax.figure.canvas.draw()
    dots = {c.get_gid(): c for c in ax.collections}
    centres = {}
    for state in ("happened", "not"):
        dot = dots[f"dot|CONSULT|{day.isoformat()}|{state}"]
        assert mdates.num2date(dot.get_offsets()[0][0]).date() == day
        centres[state] = dot.get_offset_transform().transform(dot.get_offsets())[0]
        centres[state + " radius"] = np.sqrt(dot.get_sizes()[0]) / 2 * ax.figure.dpi / 72
    gap = centres["happened"][1] - centres["not"][1]  # what happened above
    assert gap >= centres["happened radius"] + centres["not radius"]
    counts = [t for t in ax.texts if (t.get_gid() or "").startswith("count|")]
    assert sorted(t.get_text() for t in counts) == ["2", "6"]
    a, b = (t.get_window_extent() for t in counts)
    assert not a.overlaps(b)
    ticks = np.diff(ax.get_xticks())
    assert np.allclose(ticks, ticks[0])  # evenly spaced, not restarting at 1 April
