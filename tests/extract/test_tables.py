"""The word tables (graphbuild/extract/tables.py and data/*.toml): sourced, validated, read once."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from importlib import resources

import pytest

from graphbuild.errors import LexiconError
from graphbuild.extract import tables
from graphbuild.types import Plover

DATA = resources.files("graphbuild.extract").joinpath("data")


@pytest.mark.parametrize("name", sorted(tables.SCHEMA))
def test_each_file_says_where_its_words_come_from_and_holds_its_schema(name):
    doc = tomllib.loads(DATA.joinpath(name).read_text(encoding="utf-8"))
    assert "graphbuild project" in doc["source"]
    assert set(doc) - {"source"} == set(tables.SCHEMA[name])
    loaded = tables.load_table_file(name)
    assert all(loaded[k] for k in tables.SCHEMA[name])


def test_tables_are_read_once_and_not_at_import():
    code = ("import graphbuild.extract.events, graphbuild.extract.tables as t; "
            "assert t.load_table_file.cache_info().currsize == 0; "
            "w = t.WORDS.speech_nouns; assert t.WORDS.speech_nouns is w; "
            "assert t.load_table_file.cache_info().currsize == 1")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_antecedents_map_nouns_to_plover_types():
    assert tables.WORDS.antecedents["allegation"] == (Plover.ACCUSE,)
    assert set(tables.WORDS.antecedents["offer"]) == {Plover.AGREE, Plover.REQUEST}


SCHEMA = {"verbs": "words", "antecedents": "antecedents"}
GOOD = 'source = "ours"\nverbs = ["meet"]\n[[antecedents]]\ntypes = ["ACCUSE"]\nnouns = ["charge"]\n'


@pytest.mark.parametrize("text, fragment", [
    (GOOD.replace('source = "ours"\n', ""), "key 'source'"),
    (GOOD.replace('verbs = ["meet"]\n', ""), "key 'verbs' is missing"),
    (GOOD.replace('verbs = ["meet"]', 'verbs = "meet"'), "key 'verbs': must be a list of words"),
    (GOOD.replace('verbs = ["meet"]', "verbs = [1]"), "key 'verbs': 1 is not a lower-case word"),
    (GOOD.replace('verbs = ["meet"]', 'verbs = ["Meet"]'), "key 'verbs': 'Meet' is not a lower-case word"),
    (GOOD.replace('verbs = ["meet"]', 'verbs = ["meet", "meet"]'), "'meet' is listed twice"),
    (GOOD.replace('nouns = ["charge"]', 'nouns = ["charge"]\nwhy = "x"'), "needs exactly the keys"),
    ('source = "ours"\nverbs = ["meet"]\nsurplus = ["x"]\n' + GOOD.split("\n", 2)[2], "unknown key 'surplus'"),
    (GOOD.replace('"ACCUSE"', '"ACCUSED"'), "key 'antecedents' (group 1)"),
    (GOOD.replace('nouns = ["charge"]', 'nouns = [3]'), "key 'antecedents' (group 1) nouns"),
    ("verbs = [", "not valid"),
])
def test_a_bad_table_names_the_file_and_the_key(text, fragment):
    with pytest.raises(LexiconError) as info:
        tables.read_tables(text.encode(), "graphbuild/extract/data/x.toml", SCHEMA)
    assert str(info.value).startswith("graphbuild/extract/data/x.toml: ") and fragment in str(info.value)


def test_an_unknown_table_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no word table 'speech_noun'"):
        getattr(tables.WORDS, "speech_noun")  # noqa: B009
