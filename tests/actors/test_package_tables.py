"""Tables derived from installed packages are made once, kept, and made again when the packages
or graphbuild change or the kept file is damaged (graphbuild/actors/package_tables.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphbuild.actors import package_tables
from graphbuild.actors.package_tables import kept, table_folder


class Maker:
    def __init__(self, value):
        self.value, self.calls = value, 0

    def __call__(self):
        self.calls += 1
        return self.value


def _kept(maker, folder, files=(__file__,)):
    return kept("sample", maker, packages=("pycountry", "no-such-package-xyz"), files=files,
                folder=folder)


def test_made_once_then_read_back_in_the_same_form(tmp_path):
    maker = Maker({"a": (1, 2), "b": {"c": None}})
    first = _kept(maker, tmp_path)
    second = _kept(maker, tmp_path)
    assert maker.calls == 1
    assert first == second == {"a": [1, 2], "b": {"c": None}}  # lists whether made or read


def test_a_new_package_version_or_an_edited_file_makes_it_again(tmp_path, monkeypatch):
    maker = Maker([1])
    _kept(maker, tmp_path)
    real = package_tables.metadata.version
    monkeypatch.setattr(package_tables.metadata, "version",
                        lambda name: "999" if name == "pycountry" else real(name))
    _kept(maker, tmp_path)
    assert maker.calls == 2
    data = tmp_path / "data.csv"
    data.write_text("a data file the table is made from\n", encoding="utf-8")
    _kept(maker, tmp_path, files=(__file__, data))
    _kept(maker, tmp_path, files=(__file__, data))
    assert maker.calls == 3
    data.write_text("the same file, edited\n", encoding="utf-8")
    _kept(maker, tmp_path, files=(__file__, data))
    assert maker.calls == 4


def test_a_damaged_file_is_made_again(tmp_path):
    maker = Maker({"x": 1})
    _kept(maker, tmp_path)
    (path,) = tmp_path.glob("sample-*.json")
    path.write_text('{"x": ', encoding="utf-8")  # cut short
    assert _kept(maker, tmp_path) == {"x": 1}
    assert maker.calls == 2
    assert _kept(maker, tmp_path) == {"x": 1} and maker.calls == 2  # and kept again


def test_a_folder_that_cannot_be_written_is_no_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    maker = Maker({"x": 1})
    assert _kept(maker, blocker / "tables") == {"x": 1}
    assert _kept(maker, blocker / "tables") == {"x": 1}
    assert maker.calls == 2  # made in every run, as nothing could be kept


def test_where_the_tables_are_kept(monkeypatch, tmp_path):
    monkeypatch.setenv("GRAPHBUILD_TABLES", str(tmp_path / "mine"))
    assert table_folder() == tmp_path / "mine"
    monkeypatch.delenv("GRAPHBUILD_TABLES")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert table_folder() == tmp_path / "cache" / "graphbuild" / "tables"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert table_folder() == Path.home() / ".cache" / "graphbuild" / "tables"


@pytest.mark.parametrize("name", ["countryinfo-facts", "package-regions", "near-words"])
def test_the_resolvers_tables_are_kept_in_the_session_folder(name, tables_home):
    from graphbuild.actors import gazetteer, regions

    gazetteer._library_table()
    regions._read_package_regions()
    gazetteer._near_words()
    assert len(list(tables_home.glob(f"{name}-*.json"))) == 1
