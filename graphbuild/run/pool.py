"""Extraction in a pool of worker processes on this machine (``--workers N``).

Each worker is a fresh (spawned) process limited to one numerical thread; it makes its
:class:`~graphbuild.run.local.Engine` once and extracts batches of articles sent as dicts
(:func:`graphbuild.run.local.process_batch`). :func:`run_windowed` keeps at most a few batches
in flight and yields results in input order; the Dask runner uses it too.
"""

from __future__ import annotations

import collections
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from .local import Result, process_batch, results_from

if TYPE_CHECKING:  # pragma: no cover
    from ..cache import CachedResult
    from ..config import Config
    from ..types import Article

__all__ = ["THREAD_LIMITS", "batches", "run_windowed", "make_pool", "run_pool", "task_size",
           "worker_threads"]

#: Environment variables that cap the threads of numerical libraries in a worker process.
THREAD_LIMITS = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
                 "BLIS_NUM_THREADS": "1"}


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
                                lambda future: future.get(), batch_size=task_size(config),
                                window=2 * workers + 1)
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def task_size(config: Config) -> int:
    """Articles per task sent to a worker: a quarter of a parsing batch."""
    return max(1, config.batch_size // 4)
