"""Hostile text: random Unicode, control characters, very long tokens, names with quotes,
angle brackets, dollar signs and markup. The real pipeline, every exporter and the renderer
raise nothing but graphbuild's documented errors, and every output parses back.

(Random text through the RDF exporters alone is tested in tests/rdf/test_export.py; here the
text comes through the whole chain, with fragments chosen to break serialisers and drawing.)
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import graphbuild
from graphbuild.errors import GraphbuildError
from graphbuild.graph import build_graph
from graphbuild.types import Actor, ActorType, Article, Event, Modality, Plover

FRAGMENTS = [
    '"', "'", "<", ">", "&", "\\", "$", "$x^{$", r"$\frac{", "_", "^", "{", "}", "#", "%", "~",
    "@prefix x: <http://evil.example/> .", '"""', "'''", "\n", "\r", "\r\n", "\t", " ",
    '> .\n<http://evil.example/s> <http://evil.example/p> "', "\x00", "\x01", "\x0b", "\x1b[31m",
    "\x7f", "\x85", "\u2028", "\u202e", "\ufeff", "\ufffd", "\ufffe", "\U0001f600", "e\u0301",
    "x" * 3000, "<script>alert(1)</script>", "]]>", "<!--", "' OR 1=1 --",
    "} ; DROP ALL ; #", "Mr. ", "President ", "India", "accused", ".", "%(name)s", "{0}",
]

hostile = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)),
                   max_size=6).map("".join)
# what a user may pass to extract(): also lone surrogates, which ingest turns into U+FFFD
hostile_input = st.lists(st.one_of(st.sampled_from([*FRAGMENTS, "\ud800", "\udfff"]),
                                   st.text(max_size=12)), max_size=6).map("".join)
names = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(min_size=1, max_size=8)),
                 min_size=1, max_size=3).map("".join)

SLOW = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                  HealthCheck.function_scoped_fixture])


# --- the real pipeline ------------------------------------------------------------------------

@settings(max_examples=25, **SLOW)
@given(before=hostile_input, x=names, y=names, after=hostile_input)
def test_extract_any_text(nlp, before, x, y, after):
    text = f"{before} {x} accused {y} of spying. {x} and {y} held talks. {after}"
    try:
        events = graphbuild.extract(text)
    except GraphbuildError:
        return
    for ev in events:
        assert 0 <= ev.start <= ev.end <= len(text)
        assert isinstance(ev.plover, Plover)


def test_extract_lone_surrogates_and_nul(nlp):
    text = "India accused China \ud800of spying. Kenya accused Ethiopia of aggression.\x00\udc00"
    events = graphbuild.extract(text)
    assert {ev.source.label for ev in events} >= {"India", "Kenya"}
    shown = re.sub("[\ud800-\udfff]", "\ufffd", text)  # one for one: offsets are kept
    assert all(shown[ev.start:ev.end] == ev.sentence for ev in events)


# --- every exporter and the renderer ---------------------------------------------------------

@st.composite
def hostile_graphs(draw) -> nx.MultiDiGraph:
    actors = [Actor(draw(names), draw(st.sampled_from(list(ActorType))),
                    draw(st.none() | st.sampled_from(["IND", "CHN", "X<Y"])),
                    role=draw(st.none() | hostile), aliases=tuple(draw(st.lists(names, max_size=2))))
              for _ in range(draw(st.integers(2, 4)))]
    ids = draw(st.lists(names, min_size=1, max_size=3, unique=True))
    events = []
    for i in range(draw(st.integers(1, 5))):
        events.append(Event(
            draw(st.sampled_from(ids)), draw(st.sampled_from(actors)),
            draw(st.sampled_from(actors)), draw(st.sampled_from(list(Plover))), draw(hostile),
            draw(hostile), i, i + 10, negated=draw(st.booleans()),
            modality=draw(st.sampled_from(list(Modality))), rule=draw(hostile),
            mode=draw(st.none() | hostile), context=draw(st.none() | hostile),
            date=draw(st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1))),
            trigger=draw(st.none() | hostile)))
    articles = [Article(i, "text", title=draw(st.none() | hostile), url=draw(st.none() | hostile),
                        source=draw(st.none() | hostile),
                        date=draw(st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1))))
                for i in ids]
    return build_graph(events, articles)


@settings(max_examples=20, **SLOW)
@given(G=hostile_graphs())
def test_every_exporter_writes_what_reads_back(G, tmp_path_factory):
    from graphbuild.cli import _read_events_jsonl, _write_events_jsonl
    from graphbuild.rdf import read_graph, write_graph

    out = tmp_path_factory.mktemp("export")
    for fmt in ("ttl", "nt", "trig", "nq", "jsonld", "graphml"):
        path = out / f"graph.{fmt}"
        try:
            write_graph(G, path, fmt)
        except GraphbuildError:
            assert not path.exists()
            continue
        if fmt == "graphml":
            H = nx.read_graphml(path)
            assert H.number_of_edges() == G.number_of_edges()
            continue
        H = read_graph(path)
        assert dict(H.nodes(data=True)) == dict(G.nodes(data=True)), fmt
        assert sorted(H.edges(keys=True, data=True), key=repr) == sorted(
            G.edges(keys=True, data=True), key=repr), fmt
    path = out / "events.jsonl"
    try:
        _write_events_jsonl(G, path)
    except GraphbuildError:
        assert not path.exists()
        return
    H = _read_events_jsonl(path)
    assert sorted(d["sentence"] for *_, d in H.edges(data=True)) == sorted(
        d["sentence"] for *_, d in G.edges(data=True))


@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")  # exotic scripts and emoji
@settings(max_examples=12, **SLOW)
@given(G=hostile_graphs(), kind=st.sampled_from(["network", "ego", "matrix", "timeline", "types"]),
       suffix=st.sampled_from([".png", ".svg"]), title=st.none() | hostile)
def test_renderer_draws_any_labels(G, kind, suffix, title, tmp_path_factory):
    from graphbuild.render import render

    path = tmp_path_factory.mktemp("render") / f"diagram{suffix}"
    focus = next(iter(G.nodes)) if kind == "ego" else None
    try:
        written = render(G, kind, path, focus=focus, title=title)
    except GraphbuildError:
        assert not path.exists()
        return
    data = Path(written).read_bytes()
    if suffix == ".png":
        assert data.startswith(b"\x89PNG\r\n\x1a\n") and data.endswith(b"IEND\xaeB`\x82")
    else:
        assert ET.fromstring(data).tag.endswith("svg")


def test_a_lone_surrogate_is_refused_by_the_writers_and_leaves_the_earlier_file(tmp_path):
    from graphbuild.cli import _write_events_jsonl
    from graphbuild.errors import ExportError
    from graphbuild.rdf import write_graph

    ind, odd = Actor("India", ActorType.COUNTRY, "IND"), Actor("Odd \ud800", ActorType.ORG)
    G = build_graph([Event("a1", ind, odd, Plover.CONSULT, "meet", "India met Odd.", 0, 14)])
    for name in ("graph.ttl", "graph.jsonld", "events.jsonl"):
        path = tmp_path / name
        path.write_text("earlier\n", encoding="utf-8")
        with pytest.raises(ExportError):
            if name == "events.jsonl":
                _write_events_jsonl(G, path)
            else:
                write_graph(G, path, path.suffix[1:])
        assert path.read_text(encoding="utf-8") == "earlier\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.jsonl", "graph.jsonld",
                                                           "graph.ttl"]


@pytest.mark.parametrize("kind", ["network", "matrix"])
def test_dollar_signs_and_control_characters_are_drawn_as_text(tmp_path, kind):
    from graphbuild.render import render

    odd = Actor("$x^{$ <b>&\x01\x1b\ttab", ActorType.COUNTRY, "XXA")
    ind = Actor("India", ActorType.COUNTRY, "IND")
    G = build_graph([Event("a1", ind, odd, Plover.CONSULT, "meet", "India met them.", 0, 15)])
    svg = render(G, kind, tmp_path / "d.svg", title="Cost: $5 and $6 \x00")
    root = ET.fromstring(svg.read_bytes())
    texts = "".join(root.itertext())
    assert "$x^{$ <b>& tab" in texts and "Cost: $5 and $6 " in texts
    png = render(G, kind, tmp_path / "d.png")
    assert png.read_bytes().startswith(b"\x89PNG")


# --- markup built to be slow ------------------------------------------------------------------

SLOW_MARKUP = {  # each took from 20 s to several minutes at this size before
    "page.html": "<a " * 60_000,
    "comments.html": "<!--a>" * 40_000,
    "sections.html": "<![CDATA[a>" * 25_000,
    "open-comments.html": "<!--" * 60_000,
    "brackets.md": "[" * 200_000,
    "images.md": "![" * 100_000,
    "stars.md": "*a " * 300_000,
}


@pytest.mark.parametrize("name", sorted(SLOW_MARKUP))
def test_markup_built_to_be_slow_is_read_in_linear_time(tmp_path, name):
    import time

    from graphbuild.ingest import iter_articles

    path = tmp_path / name
    path.write_text(SLOW_MARKUP[name] + "\n\nKenya accused Ethiopia of aggression.\n",
                    encoding="utf-8")
    started = time.monotonic()
    problems = []
    list(iter_articles(path, report=problems.append))
    assert time.monotonic() - started < 3, name


TAGS = ["<a ", "<!--", "-->", "--", ">", "<p>", "</p>", "text ", "<![CDATA[", "]]>", "]", "<?",
        "<!x", "<!", "<![", "<![if ", "]>", "<", "</", "<script>", "</script>", "<!-->",
        "<!--->", "--!>", "-- >", '"', "'", "=", "<title>", "&amp;", "\n", "<!DOCTYPE html>",
        "<br/>"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(TAGS), max_size=30).map("".join))
def test_any_mixture_of_markup_is_read_or_refused_with_a_reason(html):
    """Broken, unclosed or nonsensical markup gives an article or one skip with its reason;
    never an exception. (An unclosed ``<title>`` makes the rest of the page its text, as in a
    browser, so markup may come through as text.)"""
    import tempfile

    from graphbuild.ingest import iter_articles

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.html"
        path.write_text(html + "<p>Kenya accused Ethiopia of aggression.</p>", encoding="utf-8")
        problems: list = []
        articles = list(iter_articles(path, report=problems.append))
    assert len(articles) + sum(p.skipped for p in problems) == 1
    for article in articles:
        assert article.text.strip() and article.extraction.startswith("html main text")


# --- what the program prints: escape sequences and line breaks from data shown escaped --------

HOSTILE_NAME = "news\x1b[2J\rgraphbuild: ERROR: forged\nline"


def _assert_safe(stream: str) -> None:
    for char in ("\x1b", "\r", "\x07", "\x9b", "\u202e"):
        assert char not in stream, (char, stream)


def _hostile_corpus(tmp_path: Path) -> Path:
    from .conftest import ROOT  # noqa: F401 - the subprocess runs this worktree

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / f"{HOSTILE_NAME}.txt").write_text(
        "Kenya accused Ethiopia of aggression.\x1b[2J\r Talks \x1b]0;pwned\x07 failed.\n",
        encoding="utf-8")
    (folder / f"{HOSTILE_NAME}-empty.txt").write_text("", encoding="utf-8")
    (folder / f"{HOSTILE_NAME}-latin.txt").write_bytes(
        "Chile and Peru held talks in Lima, caf\u00e9 \u00e0 c\u00f4t\u00e9.\n".encode("cp1252"))
    (folder / "wire.jsonl").write_text(
        '{"id": "w\\u001b[2J\\r\\n1", "text": "Canada met Mexico.", "date": "\\u001b[2Jsoon"}\n'
        '{"id": "w\\u001b[2J\\r\\n1", "text": "Canada met Mexico again."}\n', encoding="utf-8")
    return folder


def test_a_build_prints_hostile_file_names_and_values_escaped(tmp_path):
    from .conftest import run_graphbuild

    folder = _hostile_corpus(tmp_path)
    result = run_graphbuild(["-v", "build", folder, "--out", tmp_path / "out"])
    assert result.code == 0, result.err
    _assert_safe(result.out)
    _assert_safe(result.err)
    assert all(line.startswith("graphbuild: ") for line in result.err.splitlines()), result.err
    assert "news\\x1b[2J\\x0dgraphbuild: ERROR: forged\\x0aline-empty.txt" in result.out
    assert "\\x0dgraphbuild: ERROR: forged\\x0aline-latin.txt" in result.err  # the warning
    assert "articles: 4 read, 1 skipped, 3 warnings" in result.out


def test_extract_and_errors_print_hostile_names_escaped(tmp_path):
    from .conftest import run_graphbuild

    folder = _hostile_corpus(tmp_path)
    extract = run_graphbuild(["extract", folder])
    assert extract.code == 0
    _assert_safe(extract.err)
    assert all(line.startswith("graphbuild: ") for line in extract.err.splitlines()), extract.err
    strict = run_graphbuild(["build", folder / f"{HOSTILE_NAME}-empty.txt", "--out",
                             tmp_path / "out", "--strict"])
    assert strict.code == 1
    _assert_safe(strict.err)
    (line,) = strict.err.splitlines()
    assert line.endswith("\\x0aline-empty.txt: file is empty")
    missing = run_graphbuild(["render", tmp_path / f"{HOSTILE_NAME}-gone", "--out",
                              tmp_path / "x.png"])
    assert missing.code == 1 and len(missing.err.splitlines()) == 1
    _assert_safe(missing.err)


def test_the_library_logs_hostile_names_escaped(tmp_path, caplog):
    import logging

    from graphbuild.ingest import iter_articles

    folder = _hostile_corpus(tmp_path)
    with caplog.at_level(logging.WARNING, logger="graphbuild.ingest"):
        list(iter_articles(folder))
    assert caplog.records
    for record in caplog.records:
        _assert_safe(record.getMessage())
        assert "\n" not in record.getMessage()
