"""Relations over time (graphbuild.relations, ``graphbuild relations``, ``render --kind relations``)
on a small graph whose counts and scores are worked out by hand below."""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path

import pandas as pd
import pytest

from graphbuild.cli import _write_events_jsonl, main
from graphbuild.errors import InputError
from graphbuild.graph import build_graph
from graphbuild.relations import cooperation_weights, dyad, relations, weight_rationales
from graphbuild.render import draw_relations
from graphbuild.types import Actor, ActorType, Article, Event, Modality, Plover, QuadClass

SYL = Actor("Syldavia", ActorType.COUNTRY, "SYL")
BOR = Actor("Borduria", ActorType.COUNTRY, "BOR")
KELL = Actor("Anna Kell", ActorType.PERSON, "SYL", role="Foreign Minister")
BREK = Actor("Tomas Brek", ActorType.PERSON, "BOR", role="Defence Minister")
COUNCIL = Actor("Northern Council", ActorType.ORG)


def _ev(article, source, target, plover, date=None, **kw):
    return Event(article, source, target, plover, plover.value.lower(),
                 f"{source.label} {plover.value.lower()} {target.label} ({article}).", 0, 40,
                 date=date, **kw)


EVENTS = [
    _ev("a1", SYL, BOR, Plover.ACCUSE, dt.date(2024, 1, 10)),                     # SYL>BOR Jan -3
    _ev("a1", KELL, BREK, Plover.CONSULT, dt.date(2024, 1, 20), symmetric=True),   # BOR>SYL Jan +2
    _ev("a2", BREK, KELL, Plover.CONSULT, dt.date(2024, 1, 25), symmetric=True),   # BOR>SYL Jan +2
    _ev("a3", BOR, SYL, Plover.SANCTION, dt.date(2024, 2, 3), modality=Modality.PLANNED),
    _ev("a3", SYL, BOR, Plover.AID, dt.date(2024, 2, 5), negated=True),            # did not happen
    _ev("a4", BOR, SYL, Plover.AID, dt.date(2024, 2, 10), modality=Modality.REPORTED),  # +7
    _ev("a9", SYL, BOR, Plover.COOPERATE),                                         # no date at all
    _ev("a1", SYL, COUNCIL, Plover.AID, dt.date(2024, 1, 1)),                      # no country
    _ev("a5", SYL, BOR, Plover.AGREE),                                             # article's date: March, +5
]
ARTICLES = [Article("a5", "...", date=dt.date(2024, 3, 15)), Article("a9", "...")]


@pytest.fixture(scope="module")
def graph():
    return build_graph(EVENTS, ARTICLES)


def _row(table, source, target, period):
    rows = table[(table["source"] == source) & (table["target"] == target)
                 & (table["period"].astype(str) == period)]
    assert len(rows) == 1, (source, target, period)
    return rows.iloc[0]


def test_one_row_per_pair_and_month_with_known_counts(graph):
    table = relations(graph)
    assert [(r.source, r.target, str(r.period)) for r in table.itertuples()] == [
        ("BOR", "SYL", "2024-01"), ("BOR", "SYL", "2024-02"),
        ("SYL", "BOR", "2024-01"), ("SYL", "BOR", "2024-02"), ("SYL", "BOR", "2024-03")]
    talks = _row(table, "BOR", "SYL", "2024-01")  # both symmetric talks, whichever way round
    assert (talks.events, talks.happened, talks.symmetric, talks.CONSULT, talks.verbal_cooperation,
            talks.score, talks.mean_score) == (2, 2, 2, 2, 2, 4.0, 2.0)
    feb = _row(table, "BOR", "SYL", "2024-02")
    assert (feb.events, feb.happened, feb.planned, feb.SANCTION, feb.AID, feb.score) == (2, 1, 1, 0, 1, 7.0)
    assert feb.material_cooperation == 1 and feb.verbal_conflict == 0
    negated = _row(table, "SYL", "BOR", "2024-02")
    assert (negated.events, negated.negated, negated.AID, negated.score) == (1, 1, 0, 0.0)
    assert math.isnan(negated.mean_score)
    assert _row(table, "SYL", "BOR", "2024-01").score == -3.0
    assert _row(table, "SYL", "BOR", "2024-03").AGREE == 1  # dated by its article
    assert table.attrs["undated"] == 1 and table.attrs["no_country"] == 1
    assert "once per pair" in table.attrs["symmetric"]
    assert table.attrs["weights"]["AID"] == 7.0


def test_every_type_and_quad_has_a_column(graph):
    table = relations(graph)
    assert {p.value for p in Plover} <= set(table.columns)
    assert {"verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"} <= set(table.columns)
    quads = table[["verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"]]
    types = table[[p.value for p in Plover]]
    assert (quads.sum(axis=1) == types.sum(axis=1)).all()
    assert (quads.sum(axis=1) == table["happened"]).all()


def test_planned_events_count_at_half_weight_when_asked(graph):
    table = relations(graph, happened_only=False)
    feb = _row(table, "BOR", "SYL", "2024-02")
    assert (feb.SANCTION, feb.verbal_conflict, feb.score, feb.mean_score) == (1, 1, 7.0 - 3.5, 1.75)
    assert _row(table, "SYL", "BOR", "2024-02").score == 0.0  # negated still counts for nothing


def test_quarters(graph):
    table = relations(graph, freq="Q")
    assert [(r.source, str(r.period), r.events, r.score) for r in table.itertuples()] == [
        ("BOR", "2024Q1", 4, 11.0), ("SYL", "2024Q1", 3, 2.0)]


def test_by_actor(graph):
    table = relations(graph, by="actor")
    talks = _row(table, "person/BOR/tomas-brek", "person/SYL/anna-kell", "2024-01")
    assert (talks.source_label, talks.target_label, talks.events, talks.score) == ("Tomas Brek", "Anna Kell", 2, 4.0)
    aid = _row(table, "country/SYL", "org/XXX/northern-council", "2024-01")
    assert aid.AID == 1 and table.attrs["no_country"] == 0


def test_dyad_sums_both_directions_and_fills_the_months(graph):
    series = dyad(relations(graph), "SYL", "BOR")
    assert [str(p) for p in series.index] == ["2024-01", "2024-02", "2024-03"]
    assert series["events"].tolist() == [3, 3, 1]
    assert series["score"].tolist() == [1.0, 7.0, 5.0]
    gap = dyad(relations(build_graph([EVENTS[0], _ev("a8", SYL, BOR, Plover.ACCUSE, dt.date(2024, 4, 1))])),
               "BOR", "SYL")
    assert gap["events"].tolist() == [1, 0, 0, 1]


def test_bad_arguments_say_what_is_valid(graph):
    with pytest.raises(InputError, match="unknown period 'fortnight'"):
        relations(graph, freq="fortnight")
    with pytest.raises(InputError, match="valid: country, actor"):
        relations(graph, by="place")
    with pytest.raises(InputError, match="no event between SYL and XYZ; pairs with most events: BOR-SYL"):
        dyad(relations(graph), "SYL", "XYZ")


def test_empty_graph_gives_an_empty_table():
    table = relations(build_graph([]))
    assert table.empty and "score" in table.columns


def test_weights_are_a_scale_from_minus_ten_to_ten_with_a_reason_each():
    weights, why = cooperation_weights(), weight_rationales()
    assert set(weights) == set(Plover) == set(why)
    for plover, weight in weights.items():
        cooperative = plover.quad in (QuadClass.VERBAL_COOPERATION, QuadClass.MATERIAL_COOPERATION)
        assert (weight > 0) == cooperative and -10 <= weight <= 10, plover
        assert len(why[plover]) > 30
    assert max(weights.values()) == weights[Plover.AID] and min(weights.values()) == -10


def test_readme_gives_every_weight_and_its_reason():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for plover, weight in cooperation_weights().items():
        line = re.search(rf"^\| `{plover.value}` \| ([−+-]?\d+) \| (.+) \|$", readme, re.M)
        assert line, plover
        assert float(line.group(1).replace("−", "-")) == weight
        assert line.group(2) == weight_rationales()[plover]


def test_chart_draws_the_counts_and_the_score(graph):
    from matplotlib.figure import Figure

    ax = draw_relations(graph, Figure().add_subplot(), dyad=("SYL", "BOR"))
    heights = [p.get_height() for p in ax.patches]
    assert len(heights) == 3 * 4 and sum(heights) == 5  # Jan: accuse + 2 talks; Feb: aid; Mar: agree
    score = [a for a in ax.figure.axes if a is not ax][0]
    assert score.lines[0].get_ydata().tolist() == [1.0, 7.0, 5.0]
    assert ax.get_title(loc="left") == "Syldavia and Borduria"
    busiest = draw_relations(graph, Figure().add_subplot())  # no dyad: the pair with most events
    assert busiest.get_title(loc="left") == "Borduria and Syldavia"
    people = draw_relations(graph, Figure().add_subplot(), by="actor",
                            dyad=("person/SYL/anna-kell", "person/BOR/tomas-brek"))
    assert sum(p.get_height() for p in people.patches) == 2  # their two talks
    empty = draw_relations(build_graph([]), Figure().add_subplot())
    assert [t.get_text() for t in empty.texts if t.get_gid() == "no-events"] == [
        "No dated events between two countries to show"]


# ----------------------------------------------------------------------------- the command


@pytest.fixture
def build(graph, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    _write_events_jsonl(graph, out / "events.jsonl")
    return out


def test_relations_command_writes_the_table(build, tmp_path, capsys):
    out = tmp_path / "relations.csv"
    assert main(["relations", str(build), "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == f"{out}: 5 rows, 2024-01 to 2024-03"
    table = pd.read_csv(out)
    assert table[["source", "target", "period", "events", "score"]].values.tolist() == [
        ["BOR", "SYL", "2024-01", 2, 4.0], ["BOR", "SYL", "2024-02", 2, 7.0],
        ["SYL", "BOR", "2024-01", 1, -3.0], ["SYL", "BOR", "2024-02", 1, 0.0],
        ["SYL", "BOR", "2024-03", 1, 5.0]]


def test_relations_command_dyad_and_freq_to_stdout(build, capsys):
    assert main(["relations", str(build), "--dyad", "syl-bor", "--freq", "Q", "--all"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("source,target,period,events,happened,planned,negated,symmetric,")
    assert [line.split(",")[:4] for line in lines[1:]] == [["BOR", "SYL", "2024Q1", "4"],
                                                           ["SYL", "BOR", "2024Q1", "3"]]


def test_relations_command_by_actor_with_names(build, capsys):
    assert main(["relations", str(build), "--by", "actor", "--dyad", "Anna Kell,Tomas Brek"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and "Tomas Brek,Anna Kell,2024-01,2," in lines[1]


def test_relations_command_errors_are_one_line(build, capsys):
    assert main(["relations", str(build), "--freq", "fortnight"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown period 'fortnight'" in err
    assert main(["relations", str(build / "nothing.jsonl")]) == 1
    assert "no such file" in capsys.readouterr().err


def test_render_relations(build, tmp_path, capsys):
    from PIL import Image

    out = tmp_path / "dyad.png"
    assert main(["render", str(build), "--kind", "relations", "--dyad", "SYL-BOR", "--out", str(out)]) == 0
    assert f"{out} (relations: " in capsys.readouterr().out
    with Image.open(out) as image:
        assert image.size == (1650, 825)
        assert len(image.convert("RGB").getcolors(maxcolors=1 << 20)) > 50  # bars, a line, text: not blank
    svg = tmp_path / "people.svg"
    assert main(["render", str(build), "--kind", "relations", "--dyad", "Anna Kell,Tomas Brek",
                 "--freq", "Q", "--out", str(svg), "-q"]) == 0
    assert "Anna Kell and Tomas Brek" in svg.read_text(encoding="utf-8")
    assert main(["render", str(build), "--kind", "relations", "--dyad", "SYL-XYZ", "--out", str(out)]) == 1
    assert "no event between SYL and XYZ" in capsys.readouterr().err


def test_graphbuild_relations_is_the_function_even_once_the_module_is_loaded(graph):
    import subprocess
    import sys

    import graphbuild
    from graphbuild.relations import dyad  # noqa: F401  (loads the module)

    assert graphbuild.relations is sys.modules["graphbuild.relations"].relations
    assert graphbuild.relations(graph).shape[0] == 5
    code = "import sys, graphbuild; assert 'pandas' not in sys.modules, 'pandas loaded'"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
