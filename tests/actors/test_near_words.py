"""A capitalised word one letter from a state's name is read as that state unless English
writes it as a word of its own; which words those are comes from a table made once from word
frequencies and kept between runs (actors/package_tables.py), so no run loads the frequencies
themselves."""

from __future__ import annotations

import sys

from graphbuild.actors import gazetteer as gz


def test_kept_table_is_what_the_frequencies_give():
    """The kept table is what the built-in tables and today's frequencies make, read back whole."""
    names, words = gz._near_words()
    table = gz._near_words_table()
    assert (names, words) == (frozenset(table["names"]), frozenset(table["words"]))
    assert words == frozenset(gz.near_words_from_frequencies(table["names"]))


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
    """Once the table is kept, reading misspellings does not import the frequencies package."""
    import subprocess

    gz._near_words()  # kept in this session's folder, which the subprocess shares

    code = ("import sys; from graphbuild.actors.gazetteer import gazetteer; "
            "assert gazetteer().misspelt_country('Phillippines').iso3 == 'PHL'; "
            "print('wordfreq' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
