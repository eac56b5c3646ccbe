"""graphbuild.config: a Config names files; resources() reads them once per process."""

from __future__ import annotations

import os

from graphbuild import config as C
from graphbuild.extract import lexicon as L
from graphbuild.pipeline import Config as PipelineConfig
from graphbuild.pipeline import extract_articles
from graphbuild.types import Article

LEXICON = "phrase,plover,mode,symmetric\nbroker a truce,AGREE,asserted,false\n"
ACTORS = "name,aliases,type,country,role,valid_from,valid_to\nAnna Berg,Berg,PERSON,NOR,,,\n"


def test_pipeline_config_is_the_config():
    assert PipelineConfig is C.Config


def test_one_build_parses_a_user_lexicon_once(tmp_path, nlp, monkeypatch):
    lexicon = tmp_path / "extra.csv"
    lexicon.write_text(LEXICON)
    actors = tmp_path / "actors.csv"
    actors.write_text(ACTORS)
    calls = []
    real = L.load_lexicon

    def counting(*files):
        calls.append(files)
        return real(*files)

    monkeypatch.setattr(L, "load_lexicon", counting)
    C._load.cache_clear()
    config = C.Config(lexicon_files=(str(lexicon),), actors_file=str(actors),
                      cache_dir=str(tmp_path / "cache"))
    out = list(extract_articles([Article("a", "Norway and Sweden held talks in Oslo.")],
                                config=config, nlp=nlp))
    assert [a.id for a, _ in out] == ["a"] and out[0][1]
    # the extractor, the prefilter and the cache's fingerprint shared one parse
    assert calls == [(str(lexicon),)]
    assert C.resources(config).user_actors[0].name == "Anna Berg"


def test_a_changed_file_is_read_again(tmp_path):
    actors = tmp_path / "actors.csv"
    actors.write_text(ACTORS)
    config = C.Config(actors_file=str(actors))
    first = C.resources(config)
    assert C.resources(config) is first
    actors.write_text(ACTORS + "Mika Lahti,,PERSON,FIN,,,\n")
    os.utime(actors, ns=(1, 1))  # a different modification time, whatever the clock's grain
    assert [a.name for a in C.resources(config).user_actors] == ["Anna Berg", "Mika Lahti"]


def test_resources_carry_the_gazetteer():
    gz = C.resources(C.Config()).gazetteer
    assert gz is C.resources(C.Config()).gazetteer
