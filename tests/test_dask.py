"""Extraction on a Dask cluster gives the events of a single-process build."""

from __future__ import annotations

import pytest

from graphbuild.errors import GraphbuildError
from graphbuild.pipeline import BuildStats, Config, extract_articles, run
from graphbuild.types import Article

distributed = pytest.importorskip("distributed")

TEXTS = [
    "Norway and Sweden signed a fisheries agreement in Oslo on Monday.",
    "Denmark accused Russia of violating its airspace. Moscow rejected the accusation.",
    "Norwegian Foreign Minister Anna Berg met her Finnish counterpart, Mika Lahti, in Helsinki.",
    "Finland will send aid to Estonia, its prime minister said.",
    "Poland and Lithuania held talks on border security.",
]


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=":0") as c:
        yield c


def test_cluster_events_equal_single_process(cluster, nlp, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for i, text in enumerate(TEXTS):
        (folder / f"n{i}.txt").write_text(text + "\n")
    G1, s1 = run([folder], config=Config(), nlp=nlp)
    G2, s2 = run([folder], config=Config(dask=cluster.scheduler_address, batch_size=4))
    assert G1.number_of_edges() >= 4
    assert sorted(G2.edges(keys=True, data=True)) == sorted(G1.edges(keys=True, data=True))
    assert sorted(G2.nodes(data=True)) == sorted(G1.nodes(data=True))
    assert (s2.articles, s2.sentences, s2.events) == (s1.articles, s1.sentences, s1.events)


def test_cluster_results_come_in_input_order_and_use_the_cache(cluster, nlp, tmp_path):
    articles = [Article(f"n{i}", text) for i, text in enumerate(TEXTS)]
    config = Config(dask=cluster.scheduler_address, batch_size=4, cache_dir=str(tmp_path / "cache"))
    first = list(extract_articles(articles, config=config))
    assert [a.id for a, _ in first] == [a.id for a in articles]
    assert first == list(extract_articles(articles, config=Config(), nlp=nlp))
    again = list(extract_articles(articles, config=config))
    assert again == first


def test_unreachable_scheduler_is_one_error(monkeypatch):
    from graphbuild.run import dask as cluster

    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", "1s")
    stats = BuildStats()
    with pytest.raises(GraphbuildError, match="cannot reach the Dask scheduler"):
        list(extract_articles([Article("a", "Norway met Sweden.")],
                              config=Config(dask="tcp://127.0.0.1:9"), stats=stats))


def _news(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for i, text in enumerate(TEXTS[:3]):
        (folder / f"n{i}.txt").write_text(text + "\n")
    return folder


def test_cli_dask_local_starts_a_cluster(tmp_path, capfd):
    from graphbuild.cli import main

    folder = _news(tmp_path)
    assert main(["extract", str(folder)]) == 0
    plain = capfd.readouterr().out
    assert main(["extract", str(folder), "--dask", "local", "--workers", "2"]) == 0
    out, err = capfd.readouterr()  # the workers' stderr too: they write to this process's fd 2
    assert out == plain and plain.count("\n") >= 3
    # by default Dask says only warnings, through graphbuild's logging
    assert "INFO" not in err and "Traceback" not in err, err


def test_dask_local_is_silent_under_quiet(tmp_path):
    """A real LocalCluster started by the command: with -q, nothing on stderr, start to shutdown."""
    import subprocess
    import sys

    folder = _news(tmp_path)
    plain = subprocess.run([sys.executable, "-m", "graphbuild", "extract", str(folder)],
                           capture_output=True, text=True, timeout=300)
    for argv in (["-q", "extract", str(folder), "--dask", "local", "--workers", "2"],
                 ["extract", str(folder), "--dask", "local", "--workers", "2", "-q"]):
        done = subprocess.run([sys.executable, "-m", "graphbuild", *argv], capture_output=True,
                              text=True, timeout=300)
        assert done.returncode == 0 and done.stderr == "", done.stderr
        assert done.stdout == plain.stdout and plain.stdout.count("\n") >= 3


def test_dask_logging_goes_through_graphbuild(caplog):
    import logging

    from graphbuild.run import dask as runner

    caplog.set_level(logging.WARNING)
    with runner._routed_logging():
        logging.getLogger("distributed.scheduler").info("chatter")
        logging.getLogger("distributed.worker").warning("memory is short")
    assert [(r.name, r.getMessage()) for r in caplog.records] == [
        ("distributed.worker", "dask: memory is short")]
