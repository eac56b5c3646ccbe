"""Where articles are parsed and their events extracted: here, in worker processes, or on a cluster.

:func:`extract_results` is the one loop every build goes through. Each article is first looked
up in the cache (when there is one); the others are prefiltered, parsed and passed to the
extractors by

- an :class:`Engine` in this process (one worker),
- a pool of ``workers`` processes (:func:`run_pool`), each loading the pipeline once, or
- a Dask cluster (:mod:`graphbuild.cluster`).

Results come back in input order whichever runs them, and stream: at most a few batches of
articles are in flight, nothing holds every article or every Doc.

Workers and the cluster exchange JSON-able dicts (:func:`process_batch`): articles in, events
out, converted by :func:`graphbuild.graph.article_to_dict` and
:func:`graphbuild.graph.event_to_dict`.
"""

from __future__ import annotations

import collections
import functools
import hashlib
import logging
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any

from .types import Article, Event

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

    from .cache import ArticleCache, CachedResult
    from .pipeline import Config

__all__ = ["Result", "Engine", "engine_for", "process_batch", "run_pool", "extract_results",
           "fingerprint", "open_cache", "batches"]

log = logging.getLogger(__name__)

#: Environment variables that cap the threads of numerical libraries in a worker process.
THREAD_LIMITS = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
                 "BLIS_NUM_THREADS": "1"}


@dataclass
class Result:
    """What became of one article: its events and sentence count, or the error that stopped it."""

    article: Article
    events: list[Event] = field(default_factory=list)
    sentences: int = 0
    error: str | None = None
    cached: bool = False


class Engine:
    """The pipeline, extractors and prefilter of one process, for one configuration."""

    def __init__(self, config: Config, nlp: Language | None = None):
        from .nlp import load_pipeline
        from .pipeline import _make_extractors

        self.config = config
        self.nlp = nlp if nlp is not None else load_pipeline(config.model)
        self.extractors = _make_extractors(config)
        self.user_actors: Sequence = ()
        if config.actors_file:
            from .actors.resolve import load_actor_list

            self.user_actors = load_actor_list(config.actors_file)
        self.prefilter = None
        # the prefilter keeps the sentences holding the triggers each extractor declares; one
        # that declares none may need any sentence, so with it the whole text is parsed
        if getattr(config, "prefilter", True):
            from .prefilter import make_prefilter

            declared = [getattr(fn, "triggers", None) for fn in self.extractors]
            unknown = [name for name, t in zip(config.extractors, declared, strict=True) if t is None]
            if unknown:
                log.info("prefilter off: %s declares no triggers", ", ".join(unknown))
            else:
                self.prefilter = make_prefilter(declared, user_actors=self.user_actors)
        self.lock = threading.Lock()

    def _texts(self, items: Iterable[tuple[Article, CachedResult | None]]) -> Iterator[tuple[str, tuple]]:
        for article, cached in items:
            if cached is not None:
                yield "", (article, cached, 0)
            elif self.prefilter is not None:
                filtered, result = self.prefilter.filter_article(article)
                yield filtered.text, (article, None, result.dropped)
            else:
                yield article.text, (article, None, 0)

    def run(self, items: Iterable[tuple[Article, CachedResult | None]]) -> Iterator[Result]:
        """Results of ``(article, cached result or None)`` pairs, in order; cached ones are not parsed."""
        from .actors.resolve import resolve
        from .errors import GraphbuildError

        strict = getattr(self.config, "strict", False)
        for doc, (article, cached, dropped) in self.nlp.pipe(
                self._texts(items), as_tuples=True, batch_size=self.config.batch_size):
            if cached is not None:
                yield Result(article, list(cached.events), cached.sentences, cached=True)
                continue
            sentences = dropped + sum(1 for s in doc.sents if not s.text.isspace())
            try:  # actors are resolved once per Doc, for every extractor
                actors = resolve(doc, user_actors=self.user_actors, date=article.date)
                events = [ev for fn in self.extractors for ev in fn(doc, article=article, actors=actors)]
            except GraphbuildError:
                raise
            except Exception as err:  # an extractor bug must not lose the other articles
                if strict:
                    raise
                yield Result(article, [], sentences, error=f"{type(err).__name__}: {err}")
                continue
            yield Result(article, events, sentences)


_ENGINES: dict[Any, Engine] = {}
_ENGINES_LOCK = threading.Lock()


def engine_for(config: Config) -> Engine:
    """The :class:`Engine` of ``config`` in this process, made on first use (the pipeline loads once)."""
    with _ENGINES_LOCK:
        engine = _ENGINES.get(config)
        if engine is None:
            engine = _ENGINES[config] = Engine(config)
        return engine


def process_batch(articles: Sequence[dict], config: Config) -> list[dict]:
    """Extract the events of a batch of articles given as dicts; the worker side of pools and clusters.

    Returns one dict per article, in order: ``{"id", "events": [event dicts], "sentences",
    "error"}``. The pipeline is loaded once per process.
    """
    from .graph import article_from_dict, event_to_dict

    engine = engine_for(config)
    with engine.lock:  # one spaCy pipeline is not shared by two threads at once
        results = list(engine.run((article_from_dict(a), None) for a in articles))
    return [{"id": r.article.id, "events": [event_to_dict(e) for e in r.events],
             "sentences": r.sentences, "error": r.error} for r in results]


def _results_from(batch: Sequence[tuple[Article, CachedResult | None]], done: Sequence[dict]) -> Iterator[Result]:
    """Merge a batch's cached results with the records the workers sent back for the others."""
    from .graph import event_from_dict

    remote = iter(done)
    for article, cached in batch:
        if cached is not None:
            yield Result(article, list(cached.events), cached.sentences, cached=True)
            continue
        rec = next(remote)
        if rec["id"] != article.id:  # pragma: no cover - a bug in the worker protocol
            raise RuntimeError(f"worker answered for {rec['id']!r}, expected {article.id!r}")
        yield Result(article, [event_from_dict(e) for e in rec["events"]], int(rec["sentences"]),
                     error=rec.get("error"))


def batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Consecutive lists of ``size`` items (the last may be shorter).

    >>> [len(b) for b in batches(range(7), 3)]
    [3, 3, 1]
    """
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run_windowed(items: Iterable[tuple[Article, CachedResult | None]], submit: Callable[[list[dict]], Any],
                 wait: Callable[[Any], list[dict]], *, batch_size: int, window: int) -> Iterator[Result]:
    """Send batches of uncached articles with ``submit``, at most ``window`` at a time; yield in order."""
    from .graph import article_to_dict

    pending: collections.deque = collections.deque()
    for batch in batches(items, batch_size):
        todo = [article_to_dict(a) for a, cached in batch if cached is None]
        pending.append((batch, submit(todo) if todo else None))
        while len(pending) >= window:
            batch_done, future = pending.popleft()
            yield from _results_from(batch_done, wait(future) if future is not None else [])
    while pending:
        batch_done, future = pending.popleft()
        yield from _results_from(batch_done, wait(future) if future is not None else [])


def _init_worker() -> None:
    """Run first in each worker process: one thread for the numerical libraries.

    Two worker processes each spreading over every core run slower than one; the variables are
    set before the worker imports numpy or spaCy, so the libraries read them when they load.
    """
    os.environ.update(THREAD_LIMITS)


def worker_threads() -> dict[str, Any]:
    """In a worker: the thread limit it runs with and its thread count after numpy has worked.

    A diagnostic for tests and the benchmark.
    """
    import numpy

    a = numpy.ones((256, 256))
    _ = a @ a
    try:
        threads = len(os.listdir("/proc/self/task"))
    except OSError:  # pragma: no cover - not Linux
        threads = threading.active_count()
    return {"OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS"), "threads": threads}


def make_pool(workers: int):
    """A pool of ``workers`` fresh processes, each limited to one numerical thread.

    Processes are spawned, not forked: a fresh interpreter reads the thread limits when it
    loads numpy, which a fork of a parent that already loaded it would not.
    """
    import multiprocessing

    return multiprocessing.get_context("spawn").Pool(workers, initializer=_init_worker)


def run_pool(items: Iterable[tuple[Article, CachedResult | None]], config: Config) -> Iterator[Result]:
    """Results in input order, computed by ``config.workers`` processes."""
    workers = max(1, config.workers)
    pool = make_pool(workers)
    try:
        yield from run_windowed(items, lambda todo: pool.apply_async(process_batch, (todo, config)),
                                lambda future: future.get(), batch_size=_task_size(config),
                                window=2 * workers + 1)
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def _task_size(config: Config) -> int:
    return max(1, config.batch_size // 4)


# --------------------------------------------------------------------------- cache


def _lexicon(config: Config) -> Any:
    from .extract.lexicon import load_lexicon

    return load_lexicon(*config.lexicon_files)


@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of graphbuild's own code and data: a changed rule invalidates cached results."""
    digest = hashlib.sha256()
    root = resources.files("graphbuild")
    stack = [root]
    files = []
    while stack:
        folder = stack.pop()
        for entry in folder.iterdir():
            if entry.is_dir():
                if entry.name != "__pycache__":
                    stack.append(entry)
            elif entry.name.endswith((".py", ".csv", ".toml", ".json", ".txt")):
                files.append(entry)
    for entry in sorted(files, key=lambda e: str(e)):
        digest.update(str(entry).rsplit("graphbuild", 1)[-1].encode())
        digest.update(entry.read_bytes())
    return digest.hexdigest()


def fingerprint(config: Config, nlp: Language | None = None) -> dict[str, Any]:
    """What extraction results depend on besides the article (see :mod:`graphbuild.cache`)."""
    from . import __version__
    from .cache import file_digest
    from .nlp import pipeline_id

    lexicon = _lexicon(config)
    return {
        "graphbuild": __version__,
        "code": code_digest(),
        "pipeline": pipeline_id(config.model, nlp),
        "lexicon": str(getattr(lexicon, "version", "")),
        "lexicon_files": [file_digest(p) for p in config.lexicon_files],
        "actors": file_digest(config.actors_file) if config.actors_file else None,
        "extractors": list(config.extractors),
        "min_confidence": config.min_confidence,
        "prefilter": bool(getattr(config, "prefilter", True)),
    }


def open_cache(config: Config, nlp: Language | None = None) -> ArticleCache | None:
    """The cache ``config.cache_dir`` names, or None."""
    folder = getattr(config, "cache_dir", None)
    if not folder:
        return None
    from .cache import ArticleCache

    return ArticleCache(folder, fingerprint(config, nlp))


# --------------------------------------------------------------------------- the loop


def extract_results(articles: Iterable[Article], *, config: Config,
                    nlp: Language | None = None) -> Iterator[Result]:
    """Results of ``articles``, in order: from the cache, or computed here, in a pool or on a cluster.

    New results are written to the cache as they come.
    """
    cache = open_cache(config, nlp)
    items = ((a, cache.get(a) if cache is not None else None) for a in articles)
    if getattr(config, "dask", None):
        from .cluster import run_on_cluster

        results = run_on_cluster(items, config)
    elif config.workers > 1:
        results = run_pool(items, config)
    else:
        results = Engine(config, nlp).run(items)
    for result in results:
        if cache is not None and not result.cached and result.error is None:
            cache.put(result.article, result.events, result.sentences)
        yield result
    if cache is not None:
        log.info("cache %s: %d hits, %d computed, %d damaged entries recomputed", cache.folder,
                 cache.hits, cache.misses, cache.invalid)
