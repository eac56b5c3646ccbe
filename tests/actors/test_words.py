"""The resolver's word lists: read from data/words.toml, checked on load."""

from __future__ import annotations

import dataclasses
import re

import pytest

from graphbuild.actors.words import WORDS_FILE, Words, load_words, words
from graphbuild.errors import LexiconError


def test_the_package_file_loads_every_table_once():
    w = words()
    assert w is words()
    for f in dataclasses.fields(Words):
        assert getattr(w, f.name), f.name
    assert "soldier" in w.person_nouns and "treaty" in w.document_heads
    assert "side" in w.pair_state_nouns and "leader" in w.pair_person_nouns


def _write(tmp_path, text):
    path = tmp_path / "words.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _package_text():
    return WORDS_FILE.read_text(encoding="utf-8")


@pytest.mark.parametrize(("change", "message"), [
    (lambda t: t.replace("source = ", "origin = ", 1), "no 'source' line"),
    (lambda t: t.replace("[thing_nouns]", "[thing_nounz]", 1), "unknown table [thing_nounz]"),
    (lambda t: t.replace('"soldier"', '"Soldier"', 1), "[person_nouns] 'Soldier' is not a lower-case word"),
    (lambda t: t.replace('"soldier"', '"soldier", "soldier"', 1), "[person_nouns] lists 'soldier' twice"),
    (lambda t: t.replace("persons = [", "people = [", 1), "[pair_nouns] has unknown key 'people'"),
    (lambda t: t.replace("[calendar_words]", "[calendar_words", 1), "not valid TOML"),
    (lambda t: re.sub(r"(\[calendar_words\]\nabout = .*\n)words = \[[^\]]*\]", r"\1words = 3", t),
     "[calendar_words] must be a non-empty list"),
])
def test_a_bad_file_names_the_file_and_the_key(tmp_path, change, message):
    path = _write(tmp_path, change(_package_text()))
    with pytest.raises(LexiconError) as err:
        load_words(path)
    assert message in str(err.value) and str(path) in str(err.value)


def test_a_missing_table_is_named(tmp_path):
    text = _package_text()
    start = text.index("[calendar_words]")
    end = text.index("[", text.index("]\n", text.index("words = [", start)) + 1)
    path = _write(tmp_path, text[:start] + text[end:])
    with pytest.raises(LexiconError, match=r"missing table \[calendar_words\]"):
        load_words(path)


def test_an_unreadable_file(tmp_path):
    with pytest.raises(LexiconError, match="cannot read"):
        load_words(tmp_path / "absent.toml")
