"""The explorer page (graphbuild.explore, ``graphbuild explore``), in Python and in a real browser.

The browser tests drive Debian's headless Chromium with selenium and skip, saying why, where
neither is installed (CI installs both: apt-get install chromium chromium-driver).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

import pytest

from graphbuild.cli import main
from graphbuild.explore import explorer_data, explorer_html, vis_network_files, write_explorer
from graphbuild.graph import build_graph
from graphbuild.types import Actor, ActorType, Article, Event, Modality, Plover, Sector

sys.path.insert(0, str(Path(__file__).resolve().parent))
import browser  # noqa: E402

SYL = Actor("Syldavia", ActorType.COUNTRY, "SYL")
BOR = Actor("Borduria", ActorType.COUNTRY, "BOR")
KELL = Actor("Anna Kell", ActorType.PERSON, "SYL", role="Foreign Minister", aliases=("Kell",),
             sector=Sector.GOVERNMENT)
BREK = Actor("Tomas Brek", ActorType.PERSON, "BOR", role="Defence Minister", sector=Sector.MILITARY)
COUNCIL = Actor("Northern Council", ActorType.ORG)
NASTY = "</script><script>window.pwned=1</script> <!-- \u2028"


def _event(article, source, target, plover, sentence, start, subject, obj, **kw):
    """An event whose subject and object are the first mentions of those words in ``sentence``."""
    spans = {}
    for name, word in (("subject", subject), ("object", obj)):
        if word is not None:
            at = start + sentence.index(word)
            spans |= {f"{name}_start": at, f"{name}_end": at + len(word)}
    return Event(article, source, target, plover, plover.value.lower(), sentence, start,
                 start + len(sentence), **spans, **kw)


ACCUSE = _event("a1", SYL, BOR, Plover.ACCUSE, "Syldavia accused Borduria of moving troops.", 120,
                "Syldavia", "Borduria", date=dt.date(2024, 3, 2), sources=("a1", "a2"))
EVENTS = [
    ACCUSE,
    _event("a1", KELL, BREK, Plover.CONSULT, "Kell met Brek at the lakeside talks.", 200, "Kell",
           "Brek", symmetric=True, date=dt.date(2024, 3, 5)),
    _event("a2", BOR, SYL, Plover.THREATEN, "Borduria warned Syldavia of consequences.", 40,
           "Borduria", "Syldavia", date=dt.date(2024, 4, 10)),
    _event("a2", SYL, COUNCIL, Plover.AID, f"Syldavia sent aid {NASTY} to the Northern Council.", 90,
           "Syldavia", "Northern Council", date=dt.date(2024, 5, 1)),
    _event("a3", BREK, SYL, Plover.ASSAULT, "Brek did not order strikes on Syldavia.", 0, None, None,
           negated=True),
    _event("a3", KELL, BOR, Plover.AGREE, "Kell will sign the accord with Borduria.", 60, "Kell",
           "Borduria", modality=Modality.PLANNED, date=dt.date(2024, 6, 1)),
]
ARTICLES = [
    Article("a1", "...", title="Border row deepens", date=dt.date(2024, 3, 2),
            url="https://news.example/a1"),
    Article("a2", "...", title=f"Aid and warnings {NASTY}", date=dt.date(2024, 3, 3),
            url="javascript:alert(1)"),
    Article("a3", "...", date=None),
]


@pytest.fixture(scope="module")
def graph():
    return build_graph(EVENTS, ARTICLES)


def _page_data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="graphbuild-data">(.*?)</script>', page, re.S)
    assert match
    return json.loads(match.group(1))


# ----------------------------------------------------------------------------- the page


def test_offsets_become_offsets_in_the_sentence(graph):
    data = explorer_data(graph)
    ev = next(e for e in data["events"] if e["plover"] == "ACCUSE")
    s, o = ev["subject"], ev["object"]
    assert (ev["sentence"][s[0]:s[1]], ev["sentence"][o[0]:o[1]]) == ("Syldavia", "Borduria")
    assert data["actors"][ev["s"]]["label"] == "Syldavia"
    assert ev["sources"] == ["a1", "a2"] and ev["article"] == "a1"
    unmarked = next(e for e in data["events"] if e["plover"] == "ASSAULT")
    assert (unmarked["subject"], unmarked["object"], unmarked["date"]) == (None, None, None)


def test_countries_are_named_even_without_a_node_of_their_own():
    minister = Actor("Ana Sol", ActorType.PERSON, "PRT", role="Foreign Minister")
    ev = Event("a1", minister, SYL, Plover.CONSULT, "meet", "Sol met Syldavia.", 0, 17)
    assert explorer_data(build_graph([ev]))["countries"] == {"SYL": "Syldavia", "PRT": "Portugal"}


def test_spans_outside_the_sentence_are_dropped():
    ev = Event("a1", SYL, BOR, Plover.ACCUSE, "accuse", "Syldavia accused Borduria.", 10, 36,
               subject_start=10, subject_end=18, object_start=30, object_end=80)
    data = explorer_data(build_graph([ev]))
    assert data["events"][0]["subject"] == [0, 8]
    assert data["events"][0]["object"] is None


def test_event_without_a_date_takes_its_articles(graph):
    ev = Event("a1", SYL, BOR, Plover.ACCUSE, "accuse", "Syldavia accused Borduria.", 0, 26)
    data = explorer_data(build_graph([ev], ARTICLES[:1]))
    assert data["events"][0]["date"] == "2024-03-02"


def test_article_text_cannot_break_out_of_the_script(graph):
    page = explorer_html(graph)
    assert "window.pwned" in page  # the text is there, as JSON
    assert "<script>window.pwned" not in page and "</script><script>window" not in page
    assert "\u2028" not in page and "<!-- " not in page
    data = _page_data(page)
    assert any(NASTY in e["sentence"] for e in data["events"])  # and reads back unchanged
    assert data["articles"]["a2"]["title"] == f"Aid and warnings {NASTY}"


def test_title_is_escaped(graph):
    page = explorer_html(graph, title="<b>Syldavia</b> & co")
    assert "<title>&lt;b&gt;Syldavia&lt;/b&gt; &amp; co</title>" in page


def test_links_other_than_http_are_dropped(graph):
    articles = explorer_data(graph)["articles"]
    assert articles["a1"]["url"] == "https://news.example/a1"
    assert articles["a2"]["url"] is None


def test_page_is_self_contained(graph):
    page = explorer_html(graph)
    js, css = vis_network_files()
    assert js.read_text(encoding="utf-8") in page and css.read_text(encoding="utf-8") in page
    assert "pyvis" in str(js)
    assert not re.search(r"<(script|img|iframe)[^>]*\ssrc=", page, re.I)
    assert not re.search(r"<link\b", page, re.I)
    assert "default-src 'none'" in page  # the browser refuses any request, too


def test_write_explorer_makes_folders_and_replaces_the_page(graph, tmp_path):
    out = write_explorer(graph, tmp_path / "new" / "graph.html")
    first = out.read_text(encoding="utf-8")
    write_explorer(build_graph(EVENTS[:1], ARTICLES), out)
    assert len(_page_data(out.read_text(encoding="utf-8"))["events"]) == 1 != len(_page_data(first)["events"])
    assert [p.name for p in out.parent.iterdir()] == ["graph.html"]


# ----------------------------------------------------------------------------- the command


def _jsonl_build(folder: Path, G) -> Path:
    from graphbuild.cli import _write_events_jsonl

    folder.mkdir()
    _write_events_jsonl(G, folder / "events.jsonl")
    return folder


def test_explore_command_rewrites_the_page(graph, tmp_path, capsys):
    build = _jsonl_build(tmp_path / "out", graph)
    assert main(["explore", str(build)]) == 0
    data = _page_data((build / "graph.html").read_text(encoding="utf-8"))
    assert len(data["events"]) == len(EVENTS)
    assert "graph.html (explorer: 6 events, 5 actors)" in capsys.readouterr().out
    assert main(["explore", str(build / "events.jsonl"), "--out", str(tmp_path / "x.html"),
                 "--title", "Syldavia", "-q"]) == 0
    assert "<title>Syldavia</title>" in (tmp_path / "x.html").read_text(encoding="utf-8")


def test_explore_command_opens_the_page(graph, tmp_path, monkeypatch):
    import webbrowser

    opened = []
    monkeypatch.setattr(webbrowser, "open", opened.append)
    build = _jsonl_build(tmp_path / "out", graph)
    assert main(["explore", str(build), "--open", "-q"]) == 0
    assert opened == [(build / "graph.html").resolve().as_uri()]


def test_explore_command_on_a_folder_without_a_build(tmp_path, capsys):
    assert main(["explore", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("graphbuild: error: ") and str(tmp_path) in err and err.count("\n") == 1
    assert not (tmp_path / "graph.html").exists()


@pytest.mark.slow
def test_build_writes_the_explorer(tmp_path, capsys):
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    assert main(["build", str(seeds), "--out", str(tmp_path), "--no-cache"]) == 0
    assert "graph.html" in capsys.readouterr().out
    data = _page_data((tmp_path / "graph.html").read_text(encoding="utf-8"))
    assert len(data["events"]) > 0
    assert {a["label"] for a in data["actors"]} >= {"India", "Russia"}


# ----------------------------------------------------------------------------- in a browser


@pytest.fixture(scope="module")
def driver():
    why = browser.missing()
    if why:
        pytest.skip(f"no browser for the explorer tests: {why}")
    with browser.chromium() as d:
        yield d


@pytest.fixture(scope="module")
def page(graph, tmp_path_factory):
    return write_explorer(graph, tmp_path_factory.mktemp("explore") / "graph.html")


def _js(driver, script: str):
    return driver.execute_script(script)


def _shown(driver) -> tuple[int, int]:
    return (int(driver.find_element("id", "shown-events").text),
            int(driver.find_element("id", "shown-nodes").text))


def _offline(driver) -> None:
    """The page asked no network for anything: only itself (and data: URLs) were loaded."""
    urls = browser.requests(driver)
    assert [u for u in urls if not u.startswith(("file:", "data:"))] == []
    assert _js(driver, "return performance.getEntriesByType('resource').length") == 0


def test_page_renders_every_actor_and_event(driver, page):
    browser.open_page(driver, page)
    assert _shown(driver) == (6, 5)
    assert _js(driver, "return [graphbuildExplorer.nodes.length, graphbuildExplorer.edges.length]") == [5, 6]
    assert _js(driver, "return document.querySelector('#graph canvas').width") > 0
    assert _js(driver, "return typeof window.pwned") == "undefined"  # the article text stayed text
    assert browser.console_errors(driver) == []
    _offline(driver)


def test_filters_change_what_is_shown(driver, page):
    browser.open_page(driver, page)
    driver.find_element("css selector", "input[name=quad][value='verbal conflict']").click()
    assert _shown(driver) == (4, 5)  # ACCUSE and THREATEN gone; every actor still has an event
    driver.find_element("css selector", "input[name=plover][value=AID]").click()
    assert _shown(driver) == (3, 4)  # the Northern Council's only event was aid
    assert _js(driver, "return graphbuildExplorer.nodes.length") == 4
    driver.find_element("id", "reset").click()
    assert _shown(driver) == (6, 5)
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element("id", "f-negation")).select_by_value("negated")
    assert _shown(driver) == (1, 2)
    Select(driver.find_element("id", "f-negation")).select_by_value("all")
    driver.find_element("css selector", "input[name=modality][value=planned]").click()
    assert _shown(driver)[0] == 5
    driver.find_element("id", "reset").click()
    Select(driver.find_element("id", "f-sector")).select_by_value("military")
    assert _shown(driver) == (2, 3)  # Brek's talks and his (negated) strike
    Select(driver.find_element("id", "f-sector")).select_by_index(0)
    Select(driver.find_element("id", "f-country")).select_by_value("BOR")
    assert _shown(driver)[0] == 5  # all but the aid to the council
    Select(driver.find_element("id", "f-country")).select_by_index(0)
    _js(driver, "var f = document.getElementById('f-from'); f.value = '2024-04-01';"
        "f.dispatchEvent(new Event('change', {bubbles: true}));")
    assert _shown(driver)[0] == 4  # THREATEN, AID, AGREE and the undated ASSAULT
    driver.find_element("id", "f-undated").click()
    assert _shown(driver)[0] == 3
    _offline(driver)


def test_click_on_an_event_shows_its_sentence_with_subject_and_object(driver, page):
    browser.open_page(driver, page)
    browser.click_edge(driver, browser.edge_of(driver, "ACCUSE"))
    panel = driver.find_element("id", "details")
    assert panel.get_attribute("data-event") == ACCUSE.id
    quote = panel.find_element("css selector", "blockquote.sentence")
    assert quote.text == ACCUSE.sentence
    assert quote.find_element("css selector", "mark.subject").text == "Syldavia"
    assert quote.find_element("css selector", "mark.object").text == "Borduria"
    article = panel.find_element("id", "event-article")
    assert "Border row deepens" in article.text and "2024-03-02" in article.text
    assert article.find_element("tag name", "a").get_attribute("href") == "https://news.example/a1"
    others = panel.find_element("id", "event-others")
    assert f"Aid and warnings {NASTY}".replace("\u2028", "").strip()[:30] in others.text
    assert others.find_elements("tag name", "a") == []  # its javascript: link was dropped
    _offline(driver)  # showing the link fetched nothing


def test_event_without_spans_shows_the_plain_sentence(driver, page):
    browser.open_page(driver, page)
    browser.click_edge(driver, browser.edge_of(driver, "ASSAULT"))
    quote = driver.find_element("css selector", "#details blockquote.sentence")
    assert quote.text == "Brek did not order strikes on Syldavia."
    assert quote.find_elements("tag name", "mark") == []
    assert "negated" in driver.find_element("id", "details").text


def test_click_on_an_actor_shows_its_facts_and_highlights_counterparts(driver, page):
    browser.open_page(driver, page)
    kell = browser.node_of(driver, "Anna Kell")
    browser.click_node(driver, kell)
    facts = driver.find_element("id", "actor-facts").text
    assert "Syldavia (SYL)" in facts and "Foreign Minister" in facts and "Kell" in facts
    assert "government" in facts
    counterparts = driver.find_element("id", "actor-counterparts").text.splitlines()
    assert sorted(counterparts) == ["Borduria (1)", "Tomas Brek (1)"]
    faded = _js(driver, "return graphbuildExplorer.nodes.get().filter(function (n) {"
                " return n.color.background === '#e3e3e3'; }).map(function (n) { return n.label; })")
    assert sorted(faded) == ["Northern Council", "Syldavia"]


def test_search_finds_an_actor_by_alias(driver, page):
    browser.open_page(driver, page)
    box = driver.find_element("id", "search")
    box.send_keys("kell")
    assert driver.find_element("id", "search-results").text == "Anna Kell (SYL)"
    box.send_keys("\n")
    assert driver.find_element("css selector", "#details h2").text == "Anna Kell"
    box.clear()
    box.send_keys("nobody")
    assert driver.find_element("id", "search-results").text == "no actor by that name"


def test_a_big_graph_opens_by_country_and_expands_on_click(driver, graph, tmp_path):
    page = write_explorer(graph, tmp_path / "graph.html", aggregate_above=3)
    browser.open_page(driver, page)
    ids = sorted(_js(driver, "return graphbuildExplorer.nodes.getIds()"))
    assert ids == ["c:", "c:BOR", "c:SYL"]  # the council has no country
    labels = _js(driver, "return graphbuildExplorer.nodes.get('c:SYL').label")
    assert labels.splitlines()[0] == "Syldavia (SYL)" and "2 actors, 6 events" in labels  # every event has a Syldavian side
    browser.click_node(driver, "c:SYL")
    ids = set(_js(driver, "return graphbuildExplorer.nodes.getIds()"))
    assert ids == {"c:", "c:BOR", browser.node_of(driver, "Syldavia"), browser.node_of(driver, "Anna Kell")}
    assert "Events (6)" in driver.find_element("id", "details").text
    browser.click_node(driver, "c:BOR")
    assert _shown(driver) == (6, 5)  # every actor shown again
    _offline(driver)


def test_a_graph_of_over_300_actors_opens_by_country(driver, tmp_path):
    people = [Actor(f"Envoy {i}", ActorType.PERSON, ("SYL", "BOR", "KLO")[i % 3]) for i in range(320)]
    events = [_event(f"b{i}", people[i], people[(i + 1) % 320], Plover.CONSULT,
                     f"{people[i].label} met {people[(i + 1) % 320].label}.", 0,
                     people[i].label, people[(i + 1) % 320].label, date=dt.date(2024, 1, 1 + i % 28))
              for i in range(320)]
    page = write_explorer(build_graph(events), tmp_path / "graph.html")
    browser.open_page(driver, page)
    assert sorted(_js(driver, "return graphbuildExplorer.nodes.getIds()")) == ["c:BOR", "c:KLO", "c:SYL"]
    assert _shown(driver) == (320, 3)
    # the search box finds an actor inside a country, which opens to show it
    box = driver.find_element("id", "search")
    box.send_keys("Envoy 7")
    box.send_keys("\n")
    assert driver.find_element("css selector", "#details h2").text == "Envoy 7"
    assert browser.node_of(driver, "Envoy 7") in _js(driver, "return graphbuildExplorer.nodes.getIds()")
    assert _shown(driver)[1] == 2 + 107  # Syldavia's 107 envoys, and the two other countries
    _offline(driver)


def test_click_on_a_line_between_countries_lists_its_events(driver, graph, tmp_path):
    page = write_explorer(graph, tmp_path / "graph.html", aggregate_above=3)
    browser.open_page(driver, page)
    edge = _js(driver, "return graphbuildExplorer.edges.getIds().filter(function (id) {"
               " return id === 'g:c:BOR|c:SYL'; })[0]")
    assert _js(driver, f"return graphbuildExplorer.edges.get('{edge}').label") == "5"
    browser.click_edge(driver, edge)
    items = driver.find_elements("css selector", "#details ul.events li")
    assert len(items) == 5 and "Between Borduria (BOR) and Syldavia (SYL)" in driver.find_element("id", "details").text
    next(li for li in items if "ACCUSE" in li.text).click()
    assert driver.find_element("css selector", "#details mark.object").text == "Borduria"
    assert driver.find_element("id", "details").get_attribute("data-event") == ACCUSE.id


def test_explore_fills_in_spans_that_the_rdf_lacks(graph, tmp_path):
    from graphbuild.rdf import read_graph, write_graph

    build = _jsonl_build(tmp_path / "out", graph)
    write_graph(graph, build / "graph.ttl", "ttl")
    from_rdf = explorer_data(read_graph(build / "graph.ttl"))
    assert main(["explore", str(build), "-q"]) == 0
    page = _page_data((build / "graph.html").read_text(encoding="utf-8"))
    marked = {e["id"]: e["subject"] for e in page["events"]}
    assert marked[ACCUSE.id] == [0, 8]
    assert {a["label"]: a["role"] for a in page["actors"]}["Anna Kell"] == "Foreign Minister"  # from the RDF
    assert {a["label"]: a["sector"] for a in page["actors"]}["Tomas Brek"] == "military"
    assert len(from_rdf["events"]) == len(page["events"])


def test_markup_in_names_and_text_is_shown_as_text(driver, tmp_path):
    evil = Actor('<img src=x onerror="window.pwned=1">', ActorType.PERSON, "SYL",
                 role="<b>Minister</b>", aliases=("<script>window.pwned=2</script>",))
    sentence = "<i>Someone</i> met Borduria </script><script>window.pwned=3</script>."
    ev = Event("z1", evil, BOR, Plover.CONSULT, "meet", sentence, 0, len(sentence), symmetric=True)
    page = write_explorer(build_graph([ev], [Article("z1", "...", title="<h1>Title</h1>",
                                                     url="https://news.example/z1?a=1&b=<2>")]),
                          tmp_path / "graph.html")
    browser.open_page(driver, page)
    browser.click_node(driver, browser.node_of(driver, evil.label))
    assert driver.find_element("css selector", "#details h2").text == evil.label
    facts = driver.find_element("id", "actor-facts").text
    assert "<b>Minister</b>" in facts and "<script>window.pwned=2</script>" in facts
    browser.click_edge(driver, "e:0")
    assert driver.find_element("css selector", "#details blockquote.sentence").text == sentence
    assert "<h1>Title</h1>" in driver.find_element("id", "event-article").text
    assert driver.find_elements("css selector", "#details img, #details b, #details i, #details h1") == []
    assert _js(driver, "return typeof window.pwned") == "undefined"
    _offline(driver)
