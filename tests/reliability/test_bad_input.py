"""Bad input, end to end through the ``graphbuild`` command: each problem is reported with its
path (and line) and skipped, every other article is processed, and the exit code and the
summary say what happened."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from .conftest import run_graphbuild

GOOD = "India and Pakistan held talks in Geneva on Monday.\n"
LATIN = "Japan accused South Korea of spying at the Café Rouge.\n"
PAGE = ("<html><head><title>Talks</title><script>var s = 'Iran attacked Israel.';"
        "document.write('<p>Iran attacked Israel.</p>');</script>"
        "<style>p { color: red }</style></head><body><nav>Home | World</nav>"
        "<p>Egypt accused Turkey of interference.</p>"
        "<p onclick=\"alert('Iran attacked Israel.')\">Chile and Peru held talks in Lima."
        "</p><div><a hre")  # cut off in the middle of a tag


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder of good articles mixed with every kind of bad input."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "latin.txt").write_bytes(LATIN.encode("cp1252"))
    (folder / "page.html").write_text(PAGE, encoding="utf-8")
    (folder / "wire.jsonl").write_text("\n".join([
        json.dumps({"id": "w1", "text": "Russia accused Ukraine of shelling the plant."}),
        '{"id": "w2", "text": "no closing brace"',
        json.dumps({"id": "w3", "text": 42}),
        json.dumps({"id": "w4", "text": "Brazil and Argentina held talks in Geneva."}),
    ]) + "\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.md").write_text("  \n\n\t\n", encoding="utf-8")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    noise = random.Random(7)
    (folder / "noise.txt").write_bytes(bytes(noise.randrange(1, 256) for _ in range(3000)))
    (folder / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (folder / "README").write_text("Read me.\n", encoding="utf-8")
    return folder


SKIPPED = {  # file (and line) -> what the summary groups it under
    "wire.jsonl:2": "not valid JSON",
    "wire.jsonl:3": "'text' must be a string, not a number",
    "empty.txt": "file is empty",
    "blank.md": "file is empty",
    "image.txt": "binary file",
    "noise.txt": "binary file",
    "notes.csv": "unsupported file type '.csv'",
    "README": "file name has no extension",
}


def test_build_skips_each_bad_input_and_processes_every_other_article(corpus, tmp_path, cli):
    out = tmp_path / "out"
    result = cli("build", corpus, "--out", out)
    assert result.code == 0
    records = _records(out / "events.jsonl")
    by_doc = {(r["doc_id"], r["plover"], r["subject"], r["object"]) for r in records}
    assert by_doc >= {("good", "CONSULT", "India", "Pakistan"),
                      ("w1", "ACCUSE", "Russia", "Ukraine"),
                      ("w4", "CONSULT", "Brazil", "Argentina"),
                      ("latin", "ACCUSE", "Japan", "South Korea"),
                      ("page", "ACCUSE", "Egypt", "Turkey"),
                      ("page", "CONSULT", "Chile", "Peru")}
    # nothing from the page's script or attributes
    assert not [r for r in records if "Iran" in (r["subject"], r["object"])]
    assert {r["doc_id"] for r in records} == {"good", "w1", "w4", "latin", "page"}

    summary = result.out
    assert "articles: 5 read, 8 skipped, 1 warning" in summary
    skipped = summary.split("skipped, by reason:\n")[1].split("read with a warning")[0]
    for where, reason in SKIPPED.items():
        line = next(ln for ln in skipped.splitlines() if reason in ln)
        assert str(corpus / where) in line, (where, line)
    assert "  2  binary file: " in skipped and "  2  file is empty: " in skipped
    warned = summary.split("read with a warning, by reason:\n")[1]
    assert f"not valid UTF-8; decoded as cp1252: {corpus / 'latin.txt'}" in warned


def test_non_utf8_text_is_decoded_not_mangled(corpus, tmp_path, cli):
    out = tmp_path / "out"
    assert cli("build", corpus / "latin.txt", "--out", out).code == 0
    (record,) = _records(out / "events.jsonl")
    assert record["sentence"] == LATIN.strip()


def test_nothing_usable_exits_non_zero_and_writes_nothing(corpus, tmp_path, cli):
    out = tmp_path / "out"
    result = cli("build", corpus / "empty.txt", corpus / "image.txt", corpus / "notes.csv",
                 tmp_path / "missing.txt", "--out", out)
    assert result.code == 1
    assert "nothing usable was read (4 inputs skipped); no files written" in result.err
    for name in ("empty.txt", "image.txt", "notes.csv"):
        assert str(corpus / name) in result.err
    assert f"no such file or folder: {tmp_path / 'missing.txt'}" in result.err
    assert not out.exists()


def test_a_malformed_jsonl_line_names_its_line_and_the_others_are_read(corpus, tmp_path, cli):
    result = cli("extract", corpus / "wire.jsonl")
    assert result.code == 0
    assert {json.loads(line)["doc_id"] for line in result.out.splitlines()} == {"w1", "w4"}
    assert f"{corpus / 'wire.jsonl'}:2: not valid JSON" in result.err
    assert f"{corpus / 'wire.jsonl'}:3: 'text' must be a string" in result.err


def test_strict_stops_at_the_first_problem_with_one_line_and_no_traceback(corpus, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("# an earlier build\n", encoding="utf-8")
    result = run_graphbuild(["build", corpus / "good.txt", corpus / "empty.txt",
                             corpus / "wire.jsonl", "--out", out, "--strict"])
    assert result.code == 1
    assert result.err.splitlines() == [f"graphbuild: error: {corpus / 'empty.txt'}: file is empty"]
    assert "Traceback" not in result.err and result.out == ""
    assert sorted(p.name for p in out.iterdir()) == ["graph.ttl"]
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "# an earlier build\n"


def test_strict_names_the_line_of_a_bad_jsonl_record(corpus, tmp_path, cli):
    result = cli("build", corpus / "wire.jsonl", "--out", tmp_path / "out", "--strict")
    assert result.code == 1
    assert result.err.strip() == (f"graphbuild: error: {corpus / 'wire.jsonl'}:2: not valid JSON "
                                  "(Expecting ',' delimiter at column 40)")
    assert not (tmp_path / "out").exists()


def test_special_files_are_skipped_without_blocking(tmp_path, cli):
    import os

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")  # reading it would wait for a writer forever
    os.symlink("/dev/zero", folder / "zeros.txt")  # endless
    os.symlink(folder / "missing.txt", folder / "dangling.txt")
    result = cli("build", folder, "--out", tmp_path / "out")
    assert result.code == 0
    assert "articles: 1 read, 3 skipped" in result.out
    assert f"  2  not a regular file: {folder / 'pipe.txt'}, {folder / 'zeros.txt'}" in result.out
    assert f"  1  cannot read: {folder / 'dangling.txt'}" in result.out


def test_lone_surrogate_escapes_in_jsonl_do_not_stop_the_run(tmp_path, cli):
    path = tmp_path / "wire.jsonl"
    path.write_text('{"id": "s\\ud800", "text": "Kenya accused Ethiopia of aggression. \\udc00"}\n'
                    + json.dumps({"id": "ok", "text": GOOD}) + "\n", encoding="utf-8")
    result = cli("build", path, "--out", tmp_path / "out")
    assert result.code == 0, result.err
    assert "articles: 2 read, 0 skipped, 2 warnings" in result.out
    assert f"'text' holds a lone surrogate escape: {path}:1" in result.out
    ids = {r["doc_id"] for r in _records(tmp_path / "out" / "events.jsonl")}
    assert ids == {"s\ufffd", "ok"}


def test_an_output_folder_that_cannot_be_made_is_one_line(tmp_path, corpus, cli):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    result = cli("build", corpus / "good.txt", "--out", blocker / "out")
    assert result.code == 1
    assert result.err.startswith("graphbuild: error: ") and len(result.err.splitlines()) == 1
    assert "Traceback" not in result.err
