"""A capitalised word one letter from a state's name is read as that state unless English
writes it as a word of its own; which words those are comes from a table made from word
frequencies (actors/data/near_words.txt), so no run loads the frequencies themselves."""

from __future__ import annotations

import sys

import pytest

from graphbuild.actors import gazetteer as gz


def test_table_is_current(tmp_path):
    """The packaged table is what write_near_words makes from today's tables and frequencies."""
    pytest.importorskip("wordfreq")
    made = gz.write_near_words(tmp_path / "near_words.txt")
    assert made.read_text(encoding="utf-8") == (gz.DATA_DIR / gz.NEAR_WORDS).read_text(encoding="utf-8")


def test_misspellings_read_and_words_left_alone():
    g = gz.gazetteer()
    assert g.misspelt_country("Phillippines").iso3 == "PHL"
    assert g.misspelt_country("Argentinia").iso3 == "ARG"
    # an English word one edit from a state's name is that word, not the state
    names, words = gz._near_words()
    assert "israeli" in words and "israel" in names
    assert g.misspelt_country("Columbia") is None


def test_names_the_table_does_not_cover_read_no_misspelling():
    """With a gazetteer of the user's, a name the table was not made for gets no misspelling
    read, rather than one the frequencies would have refused."""
    assert gz._is_a_word("Zandovia", ["zandovian"]) is True
    assert gz._is_a_word("Phillippines", ["philippines"]) is False


def test_no_run_imports_wordfreq(tmp_path):
    """Reading misspellings does not need the frequencies package."""
    import subprocess

    code = ("import sys; from graphbuild.actors.gazetteer import gazetteer; "
            "assert gazetteer().misspelt_country('Phillippines').iso3 == 'PHL'; "
            "print('wordfreq' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
