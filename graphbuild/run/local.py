"""Where articles are parsed and their events extracted in this process, and the cache's key.

In :func:`graphbuild.run.extract_results`, the loop of every build, each article is first looked
up in the cache (when there is one); the others are prefiltered, parsed and passed to the
extractors by an :class:`Engine` (the pipeline, extractors and prefilter of one process):
here, in each worker process of a pool (:mod:`graphbuild.run.pool`) and on each worker of a Dask cluster
(:mod:`graphbuild.run.dask`).

Results come back in input order whichever runs them, and stream: at most a few batches of
articles are in flight, nothing holds every article or every Doc.

Workers and the cluster exchange JSON-able dicts (:func:`process_batch`): articles in, events
out, converted by :func:`graphbuild.graph.article_to_dict` and
:func:`graphbuild.graph.event_to_dict`; :func:`run_windowed` sends them, a few batches at a time.

:func:`open_cache` opens the per-article result cache of a configuration, keyed by the
:func:`fingerprint` of everything results depend on besides the article.
"""

from __future__ import annotations

import collections
import functools
import hashlib
import logging
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources as package_files
from typing import TYPE_CHECKING, Any

from ..config import Config, make_extractors, resources
from ..nlp import pipe_bounded
from ..types import Article, Event

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

    from ..cache import ArticleCache, CachedResult

__all__ = ["Result", "Engine", "engine_for", "process_batch", "fingerprint",
           "open_cache", "batches", "run_windowed", "THREAD_LIMITS"]

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
        from ..nlp import load_pipeline

        self.config = config
        self.nlp = nlp if nlp is not None else load_pipeline(config.model)
        self.extractors = make_extractors(config)
        self.user_actors: Sequence = resources(config).user_actors
        self.prefilter = None
        # the prefilter keeps the sentences holding the triggers each extractor declares; one
        # that declares none may need any sentence, so with it the whole text is parsed
        if config.prefilter:
            from ..prefilter import make_prefilter

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
        from ..actors.resolve import resolve
        from ..errors import GraphbuildError

        strict = self.config.strict
        for doc, (article, cached, dropped) in pipe_bounded(
                self.nlp, self._texts(items), batch_size=self.config.batch_size):
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
    from ..graph import article_from_dict, event_to_dict

    engine = engine_for(config)
    with engine.lock:  # one spaCy pipeline is not shared by two threads at once
        results = list(engine.run((article_from_dict(a), None) for a in articles))
    return [{"id": r.article.id, "events": [event_to_dict(e) for e in r.events],
             "sentences": r.sentences, "error": r.error} for r in results]


def results_from(batch: Sequence[tuple[Article, CachedResult | None]], done: Sequence[dict]) -> Iterator[Result]:
    """Merge a batch's cached results with the records the workers sent back for the others."""
    from ..graph import event_from_dict

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
    from ..graph import article_to_dict

    pending: collections.deque = collections.deque()
    for batch in batches(items, batch_size):
        todo = [article_to_dict(a) for a, cached in batch if cached is None]
        pending.append((batch, submit(todo) if todo else None))
        while len(pending) >= window:
            batch_done, future = pending.popleft()
            yield from results_from(batch_done, wait(future) if future is not None else [])
    while pending:
        batch_done, future = pending.popleft()
        yield from results_from(batch_done, wait(future) if future is not None else [])


# --------------------------------------------------------------------------- cache


@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of graphbuild's own code and data: a changed rule invalidates cached results."""
    digest = hashlib.sha256()
    root = package_files.files("graphbuild")
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
    from .. import __version__
    from ..cache import file_digest
    from ..nlp import pipeline_id

    lexicon = resources(config).lexicon
    return {
        "graphbuild": __version__,
        "code": code_digest(),
        "pipeline": pipeline_id(config.model, nlp),
        "lexicon": str(getattr(lexicon, "version", "")),
        "lexicon_files": [file_digest(p) for p in config.lexicon_files],
        "actors": file_digest(config.actors_file) if config.actors_file else None,
        "extractors": list(config.extractors),
        "min_confidence": config.min_confidence,
        "prefilter": bool(config.prefilter),
    }


def open_cache(config: Config, nlp: Language | None = None) -> ArticleCache | None:
    """The cache ``config.cache_dir`` names, or None."""
    folder = config.cache_dir
    if not folder:
        return None
    from ..cache import ArticleCache

    return ArticleCache(folder, fingerprint(config, nlp))


