"""The per-article cache: keys, checksums, fingerprints, and rebuilds equal to cold builds."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from graphbuild.cache import ArticleCache, article_key
from graphbuild.graph import event_to_dict
from graphbuild.pipeline import Config, run
from graphbuild.run import local as engine
from graphbuild.types import Actor, ActorType, Article, Event, Modality, Plover

NOR = Actor("Norway", ActorType.COUNTRY, "NOR")
BERG = Actor("Anna Berg", ActorType.PERSON, "NOR", role="Foreign Minister", aliases=("Berg",))

ARTICLES = {
    "a1": "Norway and Sweden signed a fisheries agreement in Oslo on Monday.",
    "a2": "Norwegian Foreign Minister Anna Berg met her Finnish counterpart, Mika Lahti, in Helsinki.",
    "a3": "Denmark accused Russia of violating its airspace. Moscow rejected the accusation.",
    "a4": "Iceland will send aid to Greenland after the storm, its prime minister said.",
}


def _event(article_id: str = "a1") -> Event:
    return Event(article_id, BERG, NOR, Plover.CONSULT, "meet", "Berg met Norway.", 0, 16,
                 modality=Modality.PLANNED, symmetric=True, confidence=0.72, rule="verb:meet",
                 context="fisheries", trigger="met", sources=(article_id,))


def _entries(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*.json") if p.name != "fingerprint.json"]


def test_round_trip_keeps_every_field(tmp_path):
    cache = ArticleCache(tmp_path, {"pipeline": "x 1"})
    article = Article("a1", "Berg met Norway.")
    cache.put(article, [_event()], 3)
    hit = cache.get(article)
    assert hit is not None and hit.events == [_event()] and hit.sentences == 3
    entry = json.loads(_entries(tmp_path)[0].read_text())
    assert entry["payload"]["events"] == [event_to_dict(_event())]  # plain JSON, no pickle


@pytest.mark.parametrize("other", [Article("a1", "Berg met Norway!"), Article("a2", "Berg met Norway."),
                                   Article("a1", "Berg met Norway.", date=__import__("datetime").date(2024, 1, 1))])
def test_key_follows_id_text_and_date(tmp_path, other):
    cache = ArticleCache(tmp_path, {"pipeline": "x 1"})
    cache.put(Article("a1", "Berg met Norway."), [_event()], 1)
    assert cache.get(other) is None
    assert article_key(other, "f") != article_key(Article("a1", "Berg met Norway."), "f")


def test_fingerprint_change_misses(tmp_path):
    article = Article("a1", "Berg met Norway.")
    ArticleCache(tmp_path, {"pipeline": "x 1", "lexicon": "v1"}).put(article, [_event()], 1)
    assert ArticleCache(tmp_path, {"pipeline": "x 1", "lexicon": "v1"}).get(article) is not None
    assert ArticleCache(tmp_path, {"pipeline": "x 1", "lexicon": "v2"}).get(article) is None
    assert ArticleCache(tmp_path, {"pipeline": "x 2", "lexicon": "v1"}).get(article) is None


@pytest.mark.parametrize("damage", ["edit", "truncate", "garbage"])
def test_damaged_entry_is_logged_and_ignored(tmp_path, caplog, damage):
    cache = ArticleCache(tmp_path, {"pipeline": "x 1"})
    article = Article("a1", "Berg met Norway.")
    cache.put(article, [_event()], 1)
    path = _entries(tmp_path)[0]
    raw = path.read_text()
    if damage == "edit":  # a hand edit that stays valid JSON
        path.write_text(raw.replace('"CONSULT"', '"ASSAULT"'))
    elif damage == "truncate":
        path.write_text(raw[: len(raw) // 2])
    else:
        path.write_bytes(b"\x00\xff not json")
    with caplog.at_level(logging.WARNING, logger="graphbuild.cache"):
        assert cache.get(article) is None
    assert "damaged" in caplog.text and cache.invalid == 1
    cache.put(article, [_event()], 1)  # recomputed and rewritten
    assert cache.get(article).events == [_event()]


def test_fingerprint_covers_what_results_depend_on(tmp_path):
    actors = tmp_path / "actors.csv"
    actors.write_text("name,type,country\nAnna Berg,PERSON,NOR\n")
    base = engine.fingerprint(Config(actors_file=str(actors)))
    assert {"graphbuild", "pipeline", "lexicon", "actors", "extractors"} <= set(base)
    assert base["pipeline"].split()[-1] != "?" and base["lexicon"]
    actors.write_text("name,type,country\nAnna Berg,PERSON,SWE\n")
    assert engine.fingerprint(Config(actors_file=str(actors)))["actors"] != base["actors"]
    assert engine.fingerprint(Config(actors_file=str(actors), extractors=("events.v1", "x.v1"))) != base


def _graph_dump(G):
    return (sorted((n, json.dumps(d, sort_keys=True)) for n, d in G.nodes(data=True)),
            sorted((u, v, k, json.dumps(d, sort_keys=True)) for u, v, k, d in G.edges(keys=True, data=True)),
            json.dumps(G.graph, sort_keys=True, default=str))


def test_rebuild_with_added_articles_equals_cold_build(tmp_path, nlp, monkeypatch):
    folder = tmp_path / "news"
    folder.mkdir()
    for name in ("a1", "a2", "a3"):
        (folder / f"{name}.txt").write_text(ARTICLES[name] + "\n")
    config = Config(cache_dir=str(tmp_path / "cache"))
    G1, stats1 = run([folder], config=config, nlp=nlp)
    assert len(_entries(tmp_path / "cache")) == 3 and G1.number_of_edges() > 0

    (folder / "a4.txt").write_text(ARTICLES["a4"] + "\n")
    parsed: list[str] = []
    original = engine.Engine._texts

    def spy(self, items):
        for text, ctx in original(self, items):
            if ctx[1] is None:
                parsed.append(ctx[0].id)
            yield text, ctx

    monkeypatch.setattr(engine.Engine, "_texts", spy)
    warm, warm_stats = run([folder], config=config, nlp=nlp)
    assert parsed == ["a4"]  # only the new article is parsed
    cold, cold_stats = run([folder], config=Config(), nlp=nlp)
    assert _graph_dump(warm) == _graph_dump(cold)
    assert (warm_stats.articles, warm_stats.sentences, warm_stats.events) == (
        cold_stats.articles, cold_stats.sentences, cold_stats.events)


def test_cli_cache_location(tmp_path):
    from graphbuild.cli import CACHE_FOLDER, main

    root = logging.getLogger()
    level = root.level  # main sets it from -q: later tests must not inherit that
    try:
        _cli_cache_location(tmp_path, CACHE_FOLDER, main)
    finally:
        root.setLevel(level)


def _cli_cache_location(tmp_path, CACHE_FOLDER, main):

    news = tmp_path / "news"
    news.mkdir()
    (news / "a1.txt").write_text(ARTICLES["a1"] + "\n")
    assert main(["build", str(news), "--out", str(tmp_path / "out"), "-q"]) == 0
    assert len(_entries(tmp_path / "out" / CACHE_FOLDER)) == 1
    assert main(["build", str(news), "--out", str(tmp_path / "out2"), "--cache", str(tmp_path / "c"), "-q"]) == 0
    assert len(_entries(tmp_path / "c")) == 1 and not (tmp_path / "out2" / CACHE_FOLDER).exists()
    assert main(["build", str(news), "--out", str(tmp_path / "out3"), "--no-cache", "-q"]) == 0
    assert not (tmp_path / "out3" / CACHE_FOLDER).exists()
    assert (tmp_path / "out3" / "events.jsonl").read_text() == (tmp_path / "out" / "events.jsonl").read_text()
