"""Extraction in a pool of worker processes on this machine (``--workers N``).

Each worker is a fresh (spawned) process limited to one numerical thread; it makes its
:class:`~graphbuild.run.local.Engine` once and extracts batches of articles sent as dicts
(:func:`graphbuild.run.local.process_batch`); :func:`graphbuild.run.local.run_windowed` keeps
at most a few batches in flight and yields results in input order.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from .local import THREAD_LIMITS, Result, process_batch, run_windowed

if TYPE_CHECKING:  # pragma: no cover
    from ..cache import CachedResult
    from ..config import Config
    from ..types import Article

__all__ = ["make_pool", "run_pool", "task_size", "worker_threads"]

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
