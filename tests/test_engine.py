"""The extraction loop: worker processes, their thread limits, order, errors, the fast CLI import."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from graphbuild.pipeline import BuildStats, Config, extract_articles
from graphbuild.run import local, pool
from graphbuild.types import Article

TEXTS = [
    "Norway and Sweden signed a fisheries agreement in Oslo on Monday.",
    "Denmark accused Russia of violating its airspace. Moscow rejected the accusation.",
    "The weather was fine.",
    "Finland will send aid to Estonia, its prime minister said.",
    "Poland and Lithuania held talks on border security.",
]
ARTICLES = [Article(f"n{i}", text) for i, text in enumerate(TEXTS)]


def test_batches():
    assert [len(b) for b in local.batches(range(5), 2)] == [2, 2, 1]
    assert list(local.batches([], 3)) == []


def test_worker_threads_are_limited():
    with pool.make_pool(1) as workers:
        info = workers.apply(pool.worker_threads)
    assert info["OMP_NUM_THREADS"] == "1"
    assert info["threads"] == 1  # numpy's BLAS started no thread of its own


def test_two_workers_give_the_same_events_in_order(nlp):
    one = list(extract_articles(ARTICLES, config=Config(), nlp=nlp))
    stats = BuildStats()
    two = list(extract_articles(ARTICLES, config=Config(workers=2, batch_size=4), stats=stats))
    assert [a.id for a, _ in two] == [a.id for a in ARTICLES]
    assert two == one and sum(len(e) for _, e in one) >= 3
    assert stats.articles == len(ARTICLES) and stats.sentences >= len(ARTICLES)


def test_extractor_error_skips_only_that_article(nlp, monkeypatch):
    from graphbuild.extract import registry

    def fragile(doc, *, article):
        if "weather" in article.text:
            raise RuntimeError("boom")
        return iter(())

    registry.register_extractor("fragile.v1", fragile)
    try:
        stats = BuildStats()
        out = list(extract_articles(ARTICLES, config=Config(extractors=("fragile.v1",)), nlp=nlp,
                                    stats=stats))
        assert [a.id for a, _ in out] == ["n0", "n1", "n3", "n4"]
        assert len(stats.skipped) == 1 and "boom" in str(stats.skipped[0])
        with pytest.raises(Exception, match="boom"):
            list(extract_articles(ARTICLES, config=Config(extractors=("fragile.v1",), strict=True), nlp=nlp))
    finally:
        registry.unregister("fragile.v1")


def test_importing_the_cli_loads_no_heavy_library():
    code = ("import sys, graphbuild.cli; "
            "print(sorted(m for m in ('spacy', 'rdflib', 'matplotlib', 'numpy', 'dask', 'distributed') "
            "if m in sys.modules))")
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == "[]"


def test_help_lists_the_scale_options():
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    out = subprocess.run([sys.executable, "-m", "graphbuild", "build", "--help"], capture_output=True,
                         text=True, env=env, check=True).stdout
    for option in ("--workers", "--no-prefilter", "--cache", "--no-cache", "--dask"):
        assert option in out


def test_cli_workers_from_python_m(tmp_path):
    # spawned workers must not re-run the command line (python -m graphbuild has no guard)
    folder = tmp_path / "news"
    folder.mkdir()
    for article in ARTICLES:
        (folder / f"{article.id}.txt").write_text(article.text + "\n")
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    outs = [subprocess.run([sys.executable, "-m", "graphbuild", "extract", str(folder), *extra],
                           capture_output=True, text=True, env=env, check=True, timeout=300).stdout
            for extra in ([], ["--workers", "2"])]
    assert outs[0] == outs[1] and outs[0].count("\n") >= 3
