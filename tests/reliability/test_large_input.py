"""Very large input: refused quickly with a clear message before it is read, or parsed in
blocks of bounded size (never spaCy's max_length error, never out of memory)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphbuild.extract import registry
from graphbuild.nlp import BLOCK_CHARS, block_spans
from graphbuild.pipeline import BuildStats, Config, extract_articles
from graphbuild.types import Article

from .conftest import run_graphbuild

FIFTY_MB = 50 * 1024 * 1024
GOOD = "India and Pakistan held talks in Geneva on Monday.\n"


def _write_big_text(path: Path, size: int) -> None:
    chunk = ("The delegates talked for hours about the weather and the food. " * 16 + "\n\n")
    chunk_bytes = chunk.encode("ascii")
    with open(path, "wb") as fh:
        for _ in range(size // len(chunk_bytes) + 1):
            fh.write(chunk_bytes)


def test_a_50mb_text_file_is_refused_before_reading(tmp_path, cli):
    big = tmp_path / "in" / "huge.txt"
    big.parent.mkdir()
    _write_big_text(big, FIFTY_MB)
    (tmp_path / "in" / "good.txt").write_text(GOOD, encoding="utf-8")
    started = time.monotonic()
    result = cli("build", tmp_path / "in", "--out", tmp_path / "out")
    assert time.monotonic() - started < 15
    assert result.code == 0
    assert "articles: 1 read, 1 skipped" in result.out
    assert f"  1  file too large: {big}" in result.out
    records = (tmp_path / "out" / "events.jsonl").read_text(encoding="utf-8").splitlines()
    assert {json.loads(r)["doc_id"] for r in records} == {"good"}


def test_a_50mb_jsonl_line_is_refused_and_the_next_line_is_read(tmp_path, cli):
    path = tmp_path / "wire.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "small", "text": "Kenya accused Ethiopia of aggression."}) + "\n")
        fh.write('{"id": "huge", "text": "')
        block = "The delegates talked about the weather. " * 1000
        for _ in range(FIFTY_MB // len(block) + 1):
            fh.write(block)
        fh.write('"}\n')
        fh.write(json.dumps({"id": "after", "text": GOOD}) + "\n")
    started = time.monotonic()
    result = cli("extract", path)
    assert time.monotonic() - started < 15
    assert result.code == 0
    assert {json.loads(line)["doc_id"] for line in result.out.splitlines()} == {"small", "after"}
    assert (f"{path}:2: line too long (longer than max_bytes=20,000,000); not read: pass a "
            "larger max_bytes (graphbuild --max-bytes) to read it") in result.err


def test_max_bytes_option(tmp_path, cli, caplog):
    path = tmp_path / "a.txt"
    path.write_text(GOOD * 40, encoding="utf-8")  # 2,040 bytes
    result = cli("build", path, "--out", tmp_path / "out", "--max-bytes", "2KB")
    assert result.code == 1
    assert f"  1  file too large: {path}" in result.err
    assert f"{path}: file too large (2,040 bytes, more than max_bytes=2,000)" in caplog.text
    assert cli("build", path, "--out", tmp_path / "out", "--max-bytes", "2KiB").code == 0


@pytest.mark.parametrize("bad", ["0", "-3", "lots", "20 parsecs"])
def test_max_bytes_must_be_a_size(tmp_path, bad, capsys):
    from graphbuild.cli import main

    with pytest.raises(SystemExit) as exit:
        main(["build", str(tmp_path), "--max-bytes", bad])
    assert exit.value.code == 2
    assert "--max-bytes" in capsys.readouterr().err


# --- longer than spaCy's nlp.max_length ------------------------------------------------------

def test_an_article_longer_than_spacy_max_length_is_parsed_in_blocks(tmp_path):
    """1.2 million characters (spaCy refuses more than 1,000,000): read, events at both ends,
    offsets into the whole article. Mostly blank, so that parsing it is quick."""
    head = "India and Pakistan held talks in Geneva on Monday.\n\n"
    tail = "Kenya accused Ethiopia of aggression on Tuesday.\n"
    path = tmp_path / "long.txt"
    path.write_text(head + " " * 1_200_000 + "\n\n" + tail, encoding="utf-8")
    result = run_graphbuild(["build", path, "--out", tmp_path / "out"])
    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    records = [json.loads(line) for line in
               (tmp_path / "out" / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    text = path.read_text(encoding="utf-8")
    assert {r["plover"] for r in records} == {"CONSULT", "ACCUSE"}
    for r in records:
        assert text[r["start"]:r["end"]] == r["sentence"]
    assert max(r["start"] for r in records) == text.index("Kenya")


PARAGRAPHS = [
    "India and Pakistan held talks in Geneva on Monday.",
    "Kenya accused Ethiopia of aggression.",
    "Chile and Peru held talks in Lima. Brazil accused Argentina of spying.",
    "The weather was mild and nobody said anything of note to anyone at all.",
    "Russia accused Ukraine of shelling the plant.",
]


def _extract(text: str, block_chars: int, stats: BuildStats | None = None):
    config = Config(block_chars=block_chars)
    return list(extract_articles([Article("long", text, source="long.txt")], config=config,
                                 stats=stats))


def _key(ev):
    return (ev.plover.value, ev.source.label, ev.target.label, ev.start, ev.end, ev.sentence)


def test_blocks_give_the_events_of_the_whole_article_with_its_offsets(nlp):
    text = "\n\n".join(PARAGRAPHS * 3)
    whole = _extract(text, BLOCK_CHARS)
    stats = BuildStats()
    blocks = _extract(text, 120, stats)
    assert len(block_spans(text, 120)) > 5
    assert [a.text for a, _ in blocks] == [text]  # one article, its whole text
    assert stats.articles == 1 and stats.events == len(blocks[0][1])
    assert sorted(map(_key, blocks[0][1])) == sorted(map(_key, whole[0][1]))
    assert len(whole[0][1]) >= 12
    for ev in blocks[0][1]:
        assert text[ev.start:ev.end] == ev.sentence


def test_a_block_that_fails_loses_only_its_own_events(nlp, monkeypatch):
    real = registry.create("events.v1")

    def fragile(doc, *, article, actors):
        if "Kenya" in doc.text:
            raise RuntimeError("boom")
        yield from real(doc, article=article, actors=actors)

    registry.register_extractor("fragile.test", fragile)
    try:
        text = "\n\n".join(PARAGRAPHS)
        stats = BuildStats()
        config = Config(block_chars=60, extractors=("fragile.test",))
        (article, events), = extract_articles([Article("a", text, source="a.txt")],
                                               config=config, stats=stats)
    finally:
        registry.unregister("fragile.test")
    assert stats.articles == 1
    assert [(p.path, p.reason) for p in stats.skipped] == [
        ("a.txt", "extraction failed (RuntimeError: boom)")]
    labels = {ev.source.label for ev in events}
    assert "Kenya" not in labels and {"India", "Chile", "Russia"} <= labels


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab .\n\t"), max_size=400), st.integers(2, 60))
def test_blocks_cover_the_text_and_are_never_too_long(text, max_chars):
    spans = block_spans(text, max_chars)
    assert "".join(text[s:e] for s, e in spans) == text
    assert all(e - s <= max_chars for s, e in spans)
    assert all(s < e for s, e in spans) or text == ""
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))
