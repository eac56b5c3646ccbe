"""HTML input through trafilatura: the main text of a news page (no navigation, asides,
comments, cookie banners or "most read" boxes), its title, date and URL from the page's
metadata, and event offsets into the text graphbuild extracts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from graphbuild.ingest import MAX_HTML_ELEMENTS, iter_articles

PAGES = Path(__file__).parent / "data" / "html"

# What each page carries around its article and must not come through.
FURNITURE = {
    "og-article": [
        "cookies", "Accept all", "Manage preferences", "The Daily Ledger", "World", "Business",
        "Sport", "Opinion", "Mara Quist", "Share on", "Related", "Drought", "Rivers run low",
        "Uruguay", "Comments", "reader77", "Ecuador", "Venezuela", "Leave a reply",
        "Post comment", "Most read", "Celebrity", "Storm warning", "Local team", "rights",
        "Privacy", "Chile accused", "dataLayer",
    ],
    "jsonld-article": [
        "Example Wire", "Africa", "Markets", "Sign up", "morning briefing", "Subscribe",
        "Trending", "Five things", "Careers", "Tomas",
    ],
}


def _read(*paths: Path):
    problems: list = []
    return list(iter_articles(list(paths), report=problems.append)), problems


def test_only_the_main_text_of_a_news_page_is_read():
    [article], problems = _read(PAGES / "og-article.html")
    assert problems == []
    paragraphs = [p.strip() for p in article.text.split("\n\n") if p.strip()]
    assert [p.split()[0] for p in paragraphs] == ["Bolivia", "The", "Argentina"]
    assert paragraphs[0].endswith("ending a dispute that had lasted a decade.")
    for word in FURNITURE["og-article"]:
        assert word not in article.text, word


def test_og_and_article_metadata_give_title_date_and_url():
    [article], _ = _read(PAGES / "og-article.html")
    assert article.title == "Envoys sign river treaty"
    assert article.date == dt.date(2025, 3, 14)
    assert article.url == "https://ledger.example.com/world/envoys-sign-river-treaty"
    assert article.source == str(PAGES / "og-article.html")
    assert article.extraction.startswith("html main text: trafilatura ")
    assert "Envoys sign river treaty" not in article.text  # the headline is blanked, kept as title


def test_json_ld_news_article_metadata_gives_title_and_date():
    [article], problems = _read(PAGES / "jsonld-article.html")
    assert problems == []
    assert article.title == "Regional leaders meet in Nairobi"
    assert article.date == dt.date(2025, 2, 3)  # datePublished, not dateModified
    assert article.url == "https://wire.example.org/africa/summit-in-nairobi"  # og:url
    assert article.text.split("\n\n") == [
        "Kenya and Tanzania held talks in Nairobi on Monday about a new railway across their "
        "border.",
        "Uganda offered to host the next round of talks, a government spokesman said."]
    for word in FURNITURE["jsonld-article"]:
        assert word not in article.text, word


def test_a_page_without_a_date_takes_the_users(tmp_path, nlp):
    from graphbuild.pipeline import Config, run

    [article], _ = _read(PAGES / "undated.html")
    assert (article.title, article.date, article.url) == ("Ministers meet in Geneva", None, None)
    G, _ = run([PAGES / "undated.html", PAGES / "og-article.html"],
               config=Config(date=dt.date(2025, 6, 1)), nlp=nlp)
    dates = {k: v["date"] for k, v in G.graph["articles"].items()}
    assert dates == {"undated": "2025-06-01", "og-article": "2025-03-14"}  # the page's wins


def test_event_offsets_point_into_the_extracted_text(nlp):
    from graphbuild.pipeline import Config, extract_articles

    articles, _ = _read(*sorted(PAGES.glob("*.html")))
    texts = {a.id: a.text for a in articles}
    events = [ev for _, evs in extract_articles(articles, config=Config(), nlp=nlp) for ev in evs]
    assert {ev.article_id for ev in events} == set(texts)
    for ev in events:
        assert texts[ev.article_id][ev.start:ev.end] == ev.sentence
    names = {a for ev in events for a in (ev.source.label, ev.target.label)}
    assert {"Bolivia", "Paraguay", "Kenya", "Tanzania"} <= names
    assert not names & {"Ecuador", "Colombia", "Venezuela", "Guyana", "Uruguay", "Brazil",
                        "Chile", "Peru"}  # in comments, hidden text and scripts


def test_the_cli_extracts_events_from_the_main_text_only(tmp_path):
    from tests.reliability.conftest import run_graphbuild

    result = run_graphbuild(["extract", PAGES / "og-article.html"])
    assert result.code == 0, result.err
    lines = [json.loads(line) for line in result.out.splitlines()]
    assert lines and all(line["doc_id"] == "og-article" for line in lines)
    said = {line["subject"] for line in lines} | {line["object"] for line in lines}
    assert "Bolivia" in said and not said & {"Ecuador", "Venezuela", "Uruguay", "Chile"}


TOO_MANY = f"page has {MAX_HTML_ELEMENTS + 4:,} HTML elements, more than {MAX_HTML_ELEMENTS:,}"
NO_TEXT = "no main text in the page"


@pytest.mark.parametrize("markup, reason", [
    ("<p>x</p>" * (MAX_HTML_ELEMENTS + 1), TOO_MANY),  # minutes at 2 million
    ("<div>" * 300_000, NO_TEXT),  # the parser stops nesting at 256 deep
    ("<span><b>" * 100_000, NO_TEXT),
    ("<table><tr><td>" * 50_000, NO_TEXT),
])
def test_a_page_built_to_be_slow_is_refused_with_its_reason(tmp_path, markup, reason):
    path = tmp_path / "bomb.html"
    path.write_text(markup + "<p>Kenya accused Ethiopia of aggression.</p>", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("Chile and Peru held talks in Lima.\n", encoding="utf-8")
    articles, problems = _read(path, good)
    assert [a.id for a in articles] == ["good"]
    assert [p.skipped for p in problems] == [True]
    assert problems[0].reason.startswith(reason), problems[0].reason


def test_hidden_elements_are_not_text(tmp_path):
    path = tmp_path / "hidden.html"
    path.write_text(
        "<html><body><article><p>Kenya and Uganda held talks in Kampala on Monday.</p>"
        '<p style="DISPLAY: none">Kenya attacked Uganda.</p>'
        '<div aria-hidden="true"><p>Uganda attacked Kenya.</p></div>'
        '<p style="visibility:hidden">Rwanda attacked Burundi.</p>'
        "<p>The talks will go on.</p></article></body></html>", encoding="utf-8")
    [article], _ = _read(path)
    assert "attacked" not in article.text
    assert article.text.split("\n\n") == ["Kenya and Uganda held talks in Kampala on Monday.",
                                          "The talks will go on."]


def test_the_html_record_survives_a_default_date(nlp):
    from graphbuild.pipeline import _with_default_date

    [article], _ = _read(PAGES / "undated.html")
    [dated] = _with_default_date([article], dt.date(2025, 6, 1))
    assert dated.date == dt.date(2025, 6, 1) and dated.extraction == article.extraction
