"""Tests of graphbuild/ingest.py: formats, folders, ids, offset-keeping cleaning, bad input."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphbuild import ingest
from graphbuild.errors import InputError
from graphbuild.ingest import SUPPORTED_SUFFIXES, article_from_text, iter_articles
from graphbuild.types import Article

BODY = "The two foreign ministers met in the capital on Monday.\n"


def read(paths, **options) -> tuple[list[Article], list[InputError]]:
    problems: list[InputError] = []
    articles = list(iter_articles(paths, report=problems.append, **options))
    return articles, problems


def where(problems: list[InputError]) -> list[tuple[str, int | None, bool]]:
    return [(Path(p.path).name, p.line, p.skipped) for p in problems]


def assert_blank_only(original: str, cleaned: str) -> None:
    """``cleaned`` is ``original`` with some characters (never a newline) made spaces."""
    assert len(cleaned) == len(original)
    for i, (a, b) in enumerate(zip(original, cleaned, strict=False)):
        assert b == a or (b == " " and a != "\n"), (i, a, b)


def file_text(path: Path) -> str:
    """The file's text as Python reads it: decoded, CRLF -> LF."""
    with open(path, encoding="utf-8") as f:
        return f.read()


# --- formats ------------------------------------------------------------------------------------


def test_supported_suffixes():
    assert set(SUPPORTED_SUFFIXES) == {".txt", ".md", ".html", ".htm", ".jsonl"}


def test_txt_article_keeps_offsets_and_takes_headline(tmp_path):
    path = tmp_path / "summit.txt"
    path.write_text("Ministers Meet in Moscow\n\n" + BODY, encoding="utf-8")
    [article], problems = read(path)
    assert problems == []
    assert article.id == "summit"
    assert article.source == str(path)
    assert article.title == "Ministers Meet in Moscow"
    raw = file_text(path)
    assert len(article.text) == len(raw)
    start = raw.index("The two")
    assert article.text[start:start + len(BODY)] == BODY
    assert article.text[:24] == " " * 24
    assert article.date is None and article.url is None


def test_crlf_is_normalised_like_python_text_mode(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"First line of text.\r\nSecond line, with the talks.\r\n")
    [article], _ = read(path)
    raw = file_text(path)
    assert article.text == raw == "First line of text.\nSecond line, with the talks.\n"


def test_markdown_markup_is_blanked_in_place(tmp_path):
    source = (
        "# Ministers **meet** in Moscow\n"
        "\n"
        "The [foreign ministers](https://example.org/a_(b)) met on *Monday*.\n"
        "![a photo](img/photo.jpg)\n"
        "> They signed an __agreement__.\n"
        "\n"
        "## Outcomes ##\n"
        "- trade\n"
        "* energy\n"
        "Code `x_y` and a\\*literal star.\n"
    )
    path = tmp_path / "note.md"
    path.write_text(source, encoding="utf-8")
    [article], problems = read(path)
    assert problems == []
    text = article.text
    assert_blank_only(source, text)
    assert article.title == "Ministers meet in Moscow"
    for kept in ("foreign ministers", "met on ", "Monday", "They signed an ", "agreement",
                 "Outcomes", "trade", "energy", "x_y", "literal star."):
        start = source.index(kept)
        assert text[start:start + len(kept)] == kept
    for gone in ("https://example.org", "photo.jpg", "a photo", "#", "**", "__", "`", "\\", ">",
                 "[", "]", "- trade", "* energy"):
        assert gone not in text, gone
    lines = text.split("\n")
    assert lines[2].split() == ["The", "foreign", "ministers", "met", "on", "Monday", "."]


def test_markdown_front_matter_is_read_and_blanked(tmp_path):
    source = ('---\ntitle: "Talks in Delhi"\ndate: 2024-12-04\nurl: https://example.org/t\n---\n'
              "Officials met in Delhi on Wednesday.\n")
    path = tmp_path / "fm.md"
    path.write_text(source, encoding="utf-8")
    [article], problems = read(path)
    assert problems == []
    assert (article.title, article.date, article.url) == (
        "Talks in Delhi", dt.date(2024, 12, 4), "https://example.org/t")
    assert article.text.strip() == "Officials met in Delhi on Wednesday."
    assert_blank_only(source, article.text)


HTML = """<!DOCTYPE html>
<html><head>
<title>Ministers meet | Example News</title>
<meta property="article:published_time" content="2024-12-04T08:00:00+05:30">
<link rel="canonical" href="https://example.org/ministers-meet">
<style>p { color: red }</style>
<script>var leaked = "<p>SCRIPT TEXT</p>";</script>
</head>
<body>
<header><a href="/">Example News</a> <span>Site tagline</span></header>
<nav><ul><li>Home</li><li>World</li></ul></nav>
<article>
<h1>Ministers meet</h1>
<p>The two   foreign ministers
met on <b>Monday</b> &amp; talked.</p>
<div class="share">Share on Facebook</div>
<p hidden>Hidden paragraph</p>
<p>They agreed to meet again.</p>
<noscript>Enable JavaScript</noscript>
<ul><li>Trade</li><li>Energy</li></ul>
</article>
<aside>Most read sidebar</aside>
<footer>Copyright footer text</footer>
<script>document.write("MORE SCRIPT")</script>
</body></html>
"""


def test_html_main_text_title_date_url(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    [article], problems = read(path)
    assert problems == []
    assert article.id == "page"
    assert article.title == "Ministers meet"  # the site's name is not the article's title
    assert article.date == dt.date(2024, 12, 4)
    assert article.url == "https://example.org/ministers-meet"
    assert article.extraction.startswith("html main text: trafilatura ")
    assert article.text.split() == (
        "The two foreign ministers met on Monday & talked. "
        "They agreed to meet again. "
        "Trade Energy").split()
    assert "\n\nThey agreed to meet again.\n\n" in article.text  # paragraphs stay apart
    for absent in ("SCRIPT", "color", "Example News", "tagline", "Home", "Share", "Hidden",
                   "JavaScript", "sidebar", "footer", "Ministers meet"):
        assert absent not in article.text, absent


def test_html_title_falls_back_to_first_h1_and_htm_is_read(tmp_path):
    path = tmp_path / "story.HTM"
    path.write_text("<body><h1>Envoys hold talks</h1><p>The envoys met.</p><h1>Other</h1>",
                    encoding="utf-8")
    [article], problems = read(path)
    assert problems == []
    assert article.title == "Envoys hold talks"
    assert article.text.strip().startswith("The envoys met.")


def test_html_declared_charset_is_used_without_warning(tmp_path):
    path = tmp_path / "latin.html"
    path.write_bytes('<meta charset="iso-8859-1"><p>Ministre des Affaires étrangères.</p>'
                     .encode("latin-1"))
    [article], problems = read(path)
    assert problems == []
    assert "étrangères" in article.text


def test_jsonl_fields_ids_sources_and_dates(tmp_path):
    path = tmp_path / "wire.jsonl"
    lines = [
        {"id": "a1", "text": "Talks resumed.", "title": "Talks", "date": "2024-12-04",
         "url": "https://example.org/a1", "extra": [1, 2]},
        {"text": "Second story.", "date": "2024-12-05T23:30:00-05:00"},
        {"text": "Third story.", "date": "2024-12-06T10:00:00Z", "id": None},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines[:2]) + "\n\n" + json.dumps(lines[2]),
                    encoding="utf-8")
    articles, problems = read(path)
    assert problems == []
    assert [(a.id, a.source, a.date) for a in articles] == [
        ("a1", f"{path}:1", dt.date(2024, 12, 4)),
        ("wire-2", f"{path}:2", dt.date(2024, 12, 5)),
        ("wire-4", f"{path}:4", dt.date(2024, 12, 6)),
    ]
    first = articles[0]
    assert (first.title, first.url, first.text) == ("Talks", "https://example.org/a1",
                                                     "Talks resumed.")


def test_jsonl_text_is_cleaned_with_offsets_into_the_field(tmp_path):
    body = "Envoys Meet\r\n\r\nShare\r\n• The envoys met.\r\n"
    path = tmp_path / "w.jsonl"
    path.write_text(json.dumps({"text": body}) + "\n", encoding="utf-8")
    [article], _ = read(path)
    assert len(article.text) == len(body)
    start = body.index("The envoys met.")
    assert article.text[start:start + 15] == "The envoys met."
    assert article.title == "Envoys Meet"
    assert article.text.strip() == "The envoys met."


def test_jsonl_title_field_wins_over_headline(tmp_path):
    path = tmp_path / "w.jsonl"
    path.write_text(json.dumps({"text": "Short Head\n\nBody text.", "title": "Given"}) + "\n",
                    encoding="utf-8")
    [article], _ = read(path)
    assert article.title == "Given"
    assert article.text.strip() == "Body text."


# --- folders, order, ids --------------------------------------------------------------------------


def make_tree(root: Path) -> None:
    for rel in ("b.txt", "a/z.md", "a/b/c.txt", "a-b/x.txt", "c.html", ".hidden.txt",
                ".git/d.txt", "a/.cache/e.txt"):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if rel.endswith(".html"):
            path.write_text(f"<p>{BODY}</p>", encoding="utf-8")
        else:
            path.write_text(BODY, encoding="utf-8")
    (root / "notes.csv").write_text("a,b\n", encoding="utf-8")
    (root / "README").write_text("no extension\n", encoding="utf-8")


def test_folder_is_read_recursively_in_sorted_order(tmp_path):
    make_tree(tmp_path)
    articles, problems = read(tmp_path)
    relative = [str(Path(a.source).relative_to(tmp_path)) for a in articles]
    assert relative == ["a/b/c.txt", "a/z.md", "a-b/x.txt", "b.txt", "c.html"]
    assert [a.id for a in articles] == ["c", "z", "x", "b", "c-2"]
    # hidden files and folders are skipped silently, unknown types with a report
    assert sorted(where(problems)) == [("README", None, True), ("c.html", None, False),
                                       ("notes.csv", None, True)]
    unsupported = [p for p in problems if p.skipped]
    assert all("graphbuild reads .htm, .html, .jsonl, .md, .txt" in p.reason for p in unsupported)
    assert "has no extension" in next(p.reason for p in problems if p.path.endswith("README"))


def test_order_is_deterministic_and_inputs_keep_their_order(tmp_path):
    make_tree(tmp_path)
    once = [a.source for a in read(tmp_path)[0]]
    assert once == [a.source for a in read(tmp_path)[0]]
    articles, _ = read([tmp_path / "b.txt", str(tmp_path / "a" / "b")])
    assert [a.id for a in articles] == ["b", "c"]


def test_explicit_hidden_file_is_read_and_explicit_unknown_type_reported(tmp_path):
    hidden = tmp_path / ".draft.txt"
    hidden.write_text(BODY, encoding="utf-8")
    other = tmp_path / "data.pdf"
    other.write_bytes(b"%PDF-1.4")
    articles, problems = read([other, hidden])
    assert [a.id for a in articles] == [".draft"]
    assert where(problems) == [("data.pdf", None, True)]
    assert "'.pdf'" in problems[0].reason


def test_duplicate_ids_get_a_deterministic_suffix_and_a_warning(tmp_path):
    for rel in ("one/story.txt", "two/story.txt", "three/story-2.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(BODY, encoding="utf-8")
    wire = tmp_path / "wire.jsonl"
    wire.write_text('{"id": "story", "text": "A."}\n{"id": "story", "text": "B."}\n',
                    encoding="utf-8")
    paths = [tmp_path / "one", tmp_path / "two", tmp_path / "three", wire]
    articles, problems = read(paths)
    assert [a.id for a in articles] == ["story", "story-2", "story-2-2", "story-3", "story-4"]
    assert where(problems) == [("story.txt", None, False), ("story-2.txt", None, False),
                               ("wire.jsonl", 1, False), ("wire.jsonl", 2, False)]
    assert "'story' is taken by" in problems[0].reason and "'story-2'" in problems[0].reason
    assert [a.id for a in read(paths)[0]] == [a.id for a in articles]


def test_the_same_file_given_twice_is_read_once(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(BODY, encoding="utf-8")
    articles, problems = read([path, tmp_path])
    assert [a.id for a in articles] == ["a"]
    assert where(problems) == [("a.txt", None, True)]
    assert "already read" in problems[0].reason


# --- cleaning -------------------------------------------------------------------------------------

FURNITURE = [
    "Share", "SHARE:", "Tweet", "Share this article", "Share on Facebook (opens in new window)",
    "Leave a Reply", "Leave a Reply Cancel reply",
    "Your email address will not be published. Required fields are marked *",
    "Comments", "3 Comments", "Comments (12)", "Subscribe", "Subscribe to our newsletter",
    "Advertisement", "ADVERTISEMENT", "Print", "Related Articles", "Related:",
    "Click here to read the full statement", "Follow us on Twitter and Facebook",
    "Name *", "Email *", "Website", "Comment *", "Post Comment",
    "Save my name, email, and website in this browser for the next time I comment.",
    "This website uses cookies to improve your experience. Accept Read More",
    "We use cookies to give you the best experience.", "Accept all cookies",
    "By continuing to use this site, you agree to our use of cookies.",
    "Join our WhatsApp channel for the latest updates", "Get the app",
    "Facebook Twitter WhatsApp Email", "Share | Tweet | Print", "Also read: Another story here",
    "Tags: diplomacy, summit", "Copyright © 2024 Example Media", "Home » World » Asia",
    "* * *", "-----", "5 min read", "Skip to content", "Like this:", "Like Loading...",
]


@pytest.mark.parametrize("line", FURNITURE)
def test_furniture_lines_are_blanked(line):
    raw = f"First paragraph of the story.\n{line}\nLast paragraph of the story.\n"
    article = article_from_text(raw)
    assert article.text == raw.replace(line, " " * len(line))


CONTENT = [
    "Share prices rose after the talks.",
    "Comments by the minister drew criticism from the opposition.",
    "Print media were not allowed into the meeting.",
    "Follow-up talks are planned for March.",
    "Website operators in the region were also targeted.",
    "The home ministry issued a statement.",
]


@pytest.mark.parametrize("line", CONTENT)
def test_content_lines_are_kept(line):
    raw = f"First paragraph of the story.\n{line}\n"
    assert article_from_text(raw).text == raw


@pytest.mark.parametrize("glyph", ["•", "▪", "◦", "‣", "●", "–", "-", "*", "·", "➤"])
def test_bullet_glyphs_opening_a_line_are_blanked(glyph):
    raw = f"Key areas:\n  {glyph} Defence cooperation\n{glyph} Energy security\n"
    article = article_from_text(raw)
    assert article.text == raw.replace(glyph, " ")
    start = raw.index("Energy")
    assert article.text[start:start + 15] == "Energy security"


def test_dashes_inside_a_line_are_kept():
    raw = "Russia – India ties grew – and so did trade.\n-5 is a number, • is not a list.\n"
    assert article_from_text(raw).text == raw


def test_a_bullet_glyph_needs_no_space_after_it():
    raw = "Areas:\n•Defence\n-not a dash bullet\n"
    assert article_from_text(raw).text == raw.replace("•", " ")


def test_file_offsets_survive_cleaning(tmp_path):
    raw = ("Headline Without A Full Stop\n\nShare\n\n"
           "The ministers met in Moscow on Monday.\n\n"
           "Key pillars:\n\n  • Defence cooperation\n  ● Energy security\n\n"
           "Leave a Reply\n\nYour email address will not be published. "
           "Required fields are marked *\n")
    path = tmp_path / "story.txt"
    path.write_text(raw, encoding="utf-8")
    [article] = read(path)[0]
    assert_blank_only(raw, article.text)
    for phrase in ("The ministers met in Moscow on Monday.", "Key pillars:",
                   "Defence cooperation", "Energy security"):
        start = raw.index(phrase)
        assert article.text[start:start + len(phrase)] == phrase
    assert [line.strip() for line in article.text.split("\n") if line.strip()] == [
        "The ministers met in Moscow on Monday.", "Key pillars:", "Defence cooperation",
        "Energy security"]


def test_seed_article_keeps_every_offset():
    seed = Path(__file__).resolve().parents[1] / "seeds" / "india-russia-summit.txt"
    [article] = read(seed)[0]
    raw = file_text(seed)
    assert_blank_only(raw, article.text)
    assert article.title and article.title.startswith("India")
    assert "Leave a Reply" not in article.text and "•" not in article.text
    assert "Share\n" not in article.text


@pytest.mark.parametrize("raw, title", [
    ("Envoys Meet in Geneva\n\nThe envoys met.", "Envoys Meet in Geneva"),
    ("\n\n  Envoys Meet  \n\nThe envoys met.", "Envoys Meet"),
    ("Envoys met in Geneva.\n\nThey talked.", None),  # sentence-final punctuation
    ("Did they meet?\n\nThey did.", None),
    ("Key points:\n\nOne.", None),
    ("Envoys Meet\nThe envoys met.", None),  # no blank line after it
    ("Envoys Meet\n\n", None),  # no text after it
    ("E" * 200 + "\n\nThe envoys met.", None),  # too long
    ("E" * 199 + "\n\nThe envoys met.", "E" * 199),
])
def test_headline_detection(raw, title):
    article = article_from_text(raw)
    assert article.title == title
    assert len(article.text) == len(raw)
    if title is None:
        assert article.text == raw
    else:
        assert title not in article.text


def test_article_from_text_options():
    article = article_from_text("Talks End\r\n\r\nThey met.\r", id="n1", title="Given",
                                date=dt.datetime(2024, 12, 4, 10, 30), url="https://x.org")
    assert (article.id, article.title, article.date, article.url, article.source) == (
        "n1", "Given", dt.date(2024, 12, 4), "https://x.org", None)
    assert article.text == "          \n \nThey met.\n"
    assert article_from_text("x", date=dt.date(2024, 1, 2)).date == dt.date(2024, 1, 2)
    assert article_from_text("x", date="2024-01-02T03:04:05Z").date == dt.date(2024, 1, 2)
    assert article_from_text("").text == ""


def test_article_from_text_rejects_bad_arguments():
    with pytest.raises(InputError, match="'next tuesday' is not an ISO 8601 date"):
        article_from_text("x", date="next tuesday")
    with pytest.raises(InputError, match="text must be a str, not bytes"):
        article_from_text(b"bytes")  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .*#_[]()!-•–\n\r\t>|`~\\:Share")),
               max_size=80))
def test_cleaning_only_ever_blanks(raw):
    text = article_from_text(raw).text
    expected_lines = raw.replace("\r\n", " \n").replace("\r", "\n")
    assert_blank_only(expected_lines, text)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .*#_[]()!-•\n>|`~\\:=<>/")), max_size=80))
def test_markdown_cleaning_only_ever_blanks(raw):
    cleaned, _, _ = ingest._clean(raw, markdown=True)
    assert_blank_only(raw, cleaned)


# --- bad input ------------------------------------------------------------------------------------


@pytest.fixture
def good(tmp_path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(BODY, encoding="utf-8")
    return path


@pytest.mark.parametrize("content, reason", [
    (b"", "file is empty"),
    (b"  \n\t\n", "file is empty"),
    (b"\xef\xbb\xbf", "file is empty"),
    (b"PK\x03\x04\x00\x00binary\x00data", "NUL bytes"),
    (b"Share\n\nAdvertisement\n", "no article text left"),
])
def test_unreadable_txt_is_skipped_and_the_rest_still_read(tmp_path, good, content, reason):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    articles, problems = read([bad, good])
    assert [a.id for a in articles] == ["good"]
    assert where(problems) == [("bad.txt", None, True)]
    assert reason in problems[0].reason


@pytest.mark.parametrize("data, encoding, text", [
    ("Café talks – “frank”.\n".encode("cp1252"), "cp1252", "Café talks – “frank”.\n"),
    (b"Caf\xe9 \x81 talks.\n", "latin-1", "Café \x81 talks.\n"),
])
def test_non_utf8_file_is_decoded_with_a_warning(tmp_path, good, data, encoding, text):
    path = tmp_path / "legacy.txt"
    path.write_bytes(data)
    articles, problems = read([path, good])
    assert [a.text for a in articles] == [text, BODY]
    assert where(problems) == [("legacy.txt", None, False)]
    assert problems[0].reason == f"not valid UTF-8; decoded as {encoding}"


def test_utf16_with_bom_is_decoded(tmp_path):
    path = tmp_path / "wide.txt"
    path.write_bytes("Talks in Geneva.\n".encode("utf-16"))
    articles, problems = read(path)
    assert problems == [] and articles[0].text == "Talks in Geneva.\n"


@pytest.mark.parametrize("html, visible, hidden", [
    ("<p>First paragraph.</p><p>Second is cut of", "First paragraph.\n\nSecond is cut of", []),
    ("<p>Visible text.</p><a hre", "Visible text.", ["hre"]),
    ("<p>Visible text.</p><!-- a comment cut", "Visible text.", ["comment"]),
    ("<p>Visible text.</p><script>var secret = 'x'; // cut", "Visible text.", ["secret"]),
    ("<p>Visible text.<style>.secret { }", "Visible text.", ["secret"]),
    ('<script>x = "<p>in script</p>"</script><p>After.</p><script src="a.js"></script>'
     "<script>if (a < b && c > d) { secret() }</script>", "After.", ["script", "secret"]),
    ("<html><head><title>T</title><p>Body without head end.</p>", "Body without head end.", []),
    ("<div><p>Unclosed <b>bold.<p>next</div>", "Unclosed bold.\n\nnext", []),
    ("<article><ul><li>One.<li>Two.</ul><p>After.", "  One.\n\n  Two.\n\nAfter.", []),
])
def test_broken_html_still_gives_the_visible_text(tmp_path, good, html, visible, hidden):
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    articles, problems = read([path, good])
    assert problems == []
    assert articles[0].text == visible
    for word in hidden:
        assert word not in articles[0].text
    assert articles[1].id == "good"


def test_html_declaration_the_parser_rejects_does_not_lose_the_rest(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<p>Before the break.</p><![ x <p>After the break.</p>", encoding="utf-8")
    [article], problems = read(path)
    assert problems == []
    assert article.text == "Before the break.\n\nAfter the break."


def test_a_page_trafilatura_fails_on_is_skipped_with_its_reason(tmp_path, good, monkeypatch):
    trafilatura, _ = ingest._trafilatura()

    def failing(*args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr(trafilatura, "bare_extraction", failing)
    path = tmp_path / "page.html"
    path.write_text("<p>whatever</p>", encoding="utf-8")
    articles, problems = read([path, good])
    assert [a.id for a in articles] == ["good"]
    assert where(problems) == [("page.html", None, True)]
    assert problems[0].reason == "trafilatura failed (ValueError: boom)"


def test_html_with_no_visible_text_is_skipped(tmp_path, good):
    path = tmp_path / "scripts.html"
    path.write_text("<html><head><script>var a = 1;</script></head>"
                    "<body><nav>Home</nav><script>b()</script></body></html>", encoding="utf-8")
    articles, problems = read([path, good])
    assert [a.id for a in articles] == ["good"]
    assert where(problems) == [("scripts.html", None, True)]
    assert "no article text left" in problems[0].reason  # "Home" is furniture


def test_malformed_jsonl_lines_are_reported_with_their_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        '{"id": "ok1", "text": "First good story."}',
        '{"text": "unterminated',
        '["a", "list"]',
        '"just a string"',
        '{"title": "no text"}',
        '{"text": ""}',
        '{"text": "   "}',
        '{"text": null}',
        '{"text": 42}',
        '{"text": "Story.", "title": 7}',
        '{"text": "Story.", "id": 12}',
        '{"text": "Story.", "date": 20241204}',
        '{"text": "Story.", "url": ["x"]}',
        "",
        '{"text": "Second good story.", "date": "4 December 2024"}',
        "[" * 100_000,
        '{"id": "ok3", "text": "Third good story."}',
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, problems = read(path)
    assert [(a.id, a.date) for a in articles] == [("ok1", None), ("feed-15", None), ("ok3", None)]
    assert where(problems) == [("feed.jsonl", n, True) for n in range(2, 14)] + [
        ("feed.jsonl", 15, False), ("feed.jsonl", 16, True)]
    reasons = [p.reason for p in problems]
    assert reasons[0].startswith("not valid JSON")
    assert reasons[1] == "a line must be a JSON object with a 'text' field, not an array"
    assert reasons[2].endswith("not a string")
    assert reasons[3].startswith("no 'text' field")
    assert reasons[4] == reasons[5] == "'text' is empty"
    assert reasons[6].startswith("no 'text' field")
    assert reasons[7] == "'text' must be a string, not a number"
    assert reasons[8:12] == ["'title' must be a string, not a number",
                             "'id' must be a string, not a number",
                             "'date' must be a string, not a number",
                             "'url' must be a string, not an array"]
    assert "'4 December 2024' is not an ISO 8601 date" in reasons[12]
    assert reasons[13].startswith("not valid JSON")
    assert str(problems[0]).startswith(f"{path}:2: ")


def test_jsonl_decoding_bom_and_empty_id(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"text": "With BOM."}).encode() + b"\n"
                     + '{"text": "Caf\xe9 talks."}'.encode("cp1252") + b"\r\n"
                     + b'{"text": "Empty id.", "id": " "}\n')
    articles, problems = read(path)
    assert [(a.id, a.text) for a in articles] == [
        ("mixed-1", "With BOM."), ("mixed-2", "Café talks."), ("mixed-3", "Empty id.")]
    assert where(problems) == [("mixed.jsonl", 2, False), ("mixed.jsonl", 3, False)]
    assert "decoded as cp1252" in problems[0].reason


def test_binary_and_empty_jsonl_are_skipped(tmp_path, good):
    binary = tmp_path / "b.jsonl"
    binary.write_bytes(b'{"text": "x"}\n\x00\x01\x02')
    empty = tmp_path / "e.jsonl"
    empty.write_bytes(b"\n  \n")
    articles, problems = read([binary, empty, good])
    assert [a.id for a in articles] == ["good"]
    assert where(problems) == [("b.jsonl", None, True), ("e.jsonl", None, True)]
    assert "NUL bytes" in problems[0].reason and problems[1].reason == "file is empty"


def test_missing_path_and_non_path_are_reported(tmp_path, good):
    articles, problems = read([tmp_path / "missing.txt", None, "", good])
    assert [a.id for a in articles] == ["good"]
    assert [(p.reason, p.skipped) for p in problems] == [
        ("no such file or folder", True), ("not a path: None", True), ("not a path: ''", True)]
    assert problems[0].path == str(tmp_path / "missing.txt")


def test_oversized_file_is_refused_before_reading(tmp_path, good, monkeypatch):
    big = tmp_path / "big.txt"
    big.write_text("x" * 101, encoding="utf-8")
    opened: list[str] = []
    real_open = open

    def spy(file, *args, **kwargs):
        opened.append(os.fspath(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(ingest, "open", spy, raising=False)
    articles, problems = read([big, good], max_bytes=100)
    assert [a.id for a in articles] == ["good"]
    assert where(problems) == [("big.txt", None, True)]
    assert "101 bytes, more than max_bytes=100" in problems[0].reason
    assert opened == [str(good)]


def test_jsonl_line_longer_than_max_bytes_is_skipped(tmp_path):
    path = tmp_path / "long.jsonl"
    short = json.dumps({"text": "Short story."})
    long = json.dumps({"text": "y" * 500})
    path.write_text("\n".join([short, long, short, long]) + "\n" + short, encoding="utf-8")
    articles, problems = read(path, max_bytes=100)
    assert [a.source for a in articles] == [f"{path}:1", f"{path}:3", f"{path}:5"]
    assert where(problems) == [("long.jsonl", 2, True), ("long.jsonl", 4, True)]
    assert "longer than max_bytes=100" in problems[0].reason


def test_jsonl_file_larger_than_max_bytes_is_streamed(tmp_path):
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps({"text": f"Story {i}."}) + "\n" for i in range(50)),
                    encoding="utf-8")
    assert path.stat().st_size > 200
    articles, problems = read(path, max_bytes=200)
    assert len(articles) == 50 and problems == []


def test_folder_link_loop_is_reported_not_followed(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(BODY, encoding="utf-8")
    try:
        os.symlink(tmp_path, tmp_path / "sub" / "loop")
    except OSError:
        pytest.skip("symbolic links are not available")
    articles, problems = read(tmp_path)
    assert [a.id for a in articles] == ["a"]
    assert where(problems) == [("loop", None, True)]


def test_strict_raises_the_first_skip_but_not_warnings(tmp_path, good):
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Café.\n".encode("cp1252"))
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "Fine."}\n{"text": 3}\n', encoding="utf-8")
    problems: list[InputError] = []
    articles = iter_articles([legacy, good, feed], strict=True, report=problems.append)
    assert [next(articles).text, next(articles).id, next(articles).id] == ["Café.\n", "good",
                                                                         "feed-1"]
    with pytest.raises(InputError) as info:
        next(articles)
    assert (info.value.path, info.value.line, info.value.skipped) == (str(feed), 2, True)
    assert where(problems) == [("legacy.txt", None, False)]


def test_default_report_logs_a_warning(tmp_path, good, caplog):
    (tmp_path / "bad.txt").write_bytes(b"")
    with caplog.at_level(logging.WARNING, logger="graphbuild.ingest"):
        articles = list(iter_articles(tmp_path))
    assert [a.id for a in articles] == ["good"]
    [record] = caplog.records
    assert record.name == "graphbuild.ingest" and record.levelno == logging.WARNING
    assert record.getMessage() == f"{tmp_path / 'bad.txt'}: file is empty; skipped"


def test_reading_is_lazy(tmp_path, good):
    problems: list[InputError] = []
    articles = iter_articles([good, tmp_path / "later.txt"], report=problems.append)
    assert problems == []
    assert next(articles).id == "good"
    assert problems == []  # the second path has not been looked at yet
    (tmp_path / "later.txt").write_text(BODY, encoding="utf-8")
    assert next(articles).id == "later"


@pytest.mark.parametrize("max_bytes", [0, -1, 1.5, True, "10"])
def test_bad_max_bytes_raises_at_once(max_bytes):
    with pytest.raises(InputError, match="max_bytes must be a positive integer"):
        iter_articles([], max_bytes=max_bytes)


def test_a_wire_dateline_is_blanked_with_offsets_kept(tmp_path):
    text = "OTTAWA, May 2 (Agency) - Canada met Mexico on Friday.\n"
    f = tmp_path / "wire.txt"
    f.write_text(text, encoding="utf-8")
    (article,) = iter_articles([f])
    assert len(article.text) == len(text)
    assert article.text.strip() == "Canada met Mexico on Friday."
    assert article.text.index("Canada") == text.index("Canada")
