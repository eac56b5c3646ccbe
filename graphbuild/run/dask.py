"""Extraction on a Dask distributed cluster (``graphbuild build PATH... --dask ADDRESS``).

This process reads the articles (reading is a small part of the cost, and the workers then need
no access to the files), looks each up in the cache, and sends the others in batches to the
cluster's workers as JSON-able dicts. Each worker process loads the spaCy pipeline once
(:func:`graphbuild.run.local.engine_for`), prefilters, parses and extracts, and sends back events
as dicts. Results are merged here in input order, into the same graph and files a one-machine
build writes. At most a few batches per worker are in flight, so the corpus streams.

The workers must have graphbuild (the same version) and the spaCy pipeline installed. Give each
worker one thread (``dask worker ADDRESS --nthreads 1``, one worker process per core): one
spaCy pipeline parses one batch at a time.

``--dask local`` starts a :class:`distributed.LocalCluster` of ``--workers`` processes on this
machine.
"""

from __future__ import annotations

import contextlib
import copy
import logging
import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..errors import GraphbuildError
from .local import THREAD_LIMITS, Result, process_batch, run_windowed
from .pool import task_size

if TYPE_CHECKING:  # pragma: no cover
    from ..cache import CachedResult
    from ..config import Config
    from ..types import Article

__all__ = ["LOCAL", "connect", "run_on_cluster"]

log = logging.getLogger(__name__)

#: The ``--dask`` address that starts a cluster on this machine.
LOCAL = "local"

#: How long to try to reach a scheduler before giving up.
CONNECT_TIMEOUT = "30s"


#: How worker processes of ``--dask local`` format their log lines (they write to stderr).
WORKER_LOG_FORMAT = "graphbuild: %(levelname)s: dask worker: %(message)s"


class _Forward(logging.Handler):
    """Hands Dask's log records to graphbuild's logger, marked as Dask's."""

    def emit(self, record: logging.LogRecord) -> None:
        record = copy.copy(record)
        record.msg, record.args = f"dask: {record.getMessage()}", None
        log.handle(record)


def dask_log_level() -> int:
    """The level Dask logs at: graphbuild's, but never below WARNING unless graphbuild's is INFO.

    Dask is chatty at INFO (some 30 lines a cluster); graphbuild shows them only when its own
    logger is at INFO or below (``-v``), and only errors when it is quiet (``-q``).
    """
    level = logging.getLogger("graphbuild").getEffectiveLevel()
    return level if level <= logging.INFO else max(level, logging.WARNING)


@contextlib.contextmanager
def _routed_logging() -> Iterator[_Forward]:
    """While it lasts, Dask's ``distributed`` logger logs through graphbuild's, at its level."""
    logger = logging.getLogger("distributed")
    saved = logger.level, logger.handlers[:], logger.propagate
    forward = _Forward(dask_log_level())
    logger.handlers[:] = [forward]
    logger.propagate = False
    logger.setLevel(forward.level)
    try:
        yield forward
    finally:
        logger.setLevel(saved[0])
        logger.handlers[:] = saved[1]
        logger.propagate = saved[2]


@contextlib.contextmanager
def _worker_environment(level: int) -> Iterator[None]:
    """Environment the LocalCluster's worker processes start with (Dask sets it before spawning).

    One numerical thread each, and Dask's logging at ``level`` in graphbuild's format. Dask
    sets these variables in this process too, before each spawn; they are put back after.
    """
    import dask

    env = {**THREAD_LIMITS, "DASK_LOGGING__DISTRIBUTED": logging.getLevelName(level).lower(),
           "DASK_DISTRIBUTED__ADMIN__LOG_FORMAT": WORKER_LOG_FORMAT}
    saved = {k: os.environ.get(k) for k in env}
    try:
        with dask.config.set({"distributed.nanny.pre-spawn-environ": env}):
            yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@contextlib.contextmanager
def _local_cluster(workers: int, forward: _Forward) -> Iterator[object]:
    """A Client of a new LocalCluster of ``workers`` processes, shut down without tracebacks.

    The client closes before the cluster. What Dask logs while the cluster shuts down (a
    worker's heartbeat to a scheduler already gone, closed streams) is noise: the workers stop
    logging first, and this process's Dask records are dropped.
    """
    from distributed import Client, LocalCluster

    level = forward.level
    with _worker_environment(level):
        cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                               dashboard_address=":0", silence_logs=level)
    try:
        client = Client(cluster)
        try:
            yield client
            if level > logging.DEBUG:
                client.run(logging.disable, logging.CRITICAL)  # each worker, as it shuts down
        finally:
            forward.setLevel(logging.CRITICAL + 1)
            client.close()
    finally:
        forward.setLevel(logging.CRITICAL + 1)
        cluster.close()


@contextlib.contextmanager
def connect(address: str, *, workers: int = 1) -> Iterator[object]:
    """A ``distributed.Client`` of the cluster at ``address`` (``"local"``: a new LocalCluster).

    While it is open, Dask's log records go through graphbuild's logger (see
    :func:`dask_log_level`).

    Raises
    ------
    GraphbuildError
        When Dask is not installed or the scheduler cannot be reached.
    """
    try:
        from distributed import Client
    except ImportError as err:
        raise GraphbuildError("--dask needs Dask: pip install 'graphbuild[dask]' "
                              "(or 'dask[distributed]')") from err
    with _routed_logging() as forward:
        if address == LOCAL:
            with _local_cluster(workers, forward) as client:
                yield client
            return
        try:
            client = Client(address, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as err:
            raise GraphbuildError(f"cannot reach the Dask scheduler at {address!r}: {err}") from err
        with client:
            yield client


def run_on_cluster(items: Iterable[tuple[Article, CachedResult | None]],
                   config: Config) -> Iterator[Result]:
    """Results of ``(article, cached result or None)`` pairs, in order, computed on the cluster."""
    with connect(str(config.dask), workers=config.workers) as client:
        n = max(1, len(client.scheduler_info().get("workers", {})))
        log.info("Dask cluster %s: %d workers; dashboard %s", config.dask, n,
                 getattr(client, "dashboard_link", "-"))
        yield from run_windowed(
            items, lambda todo: client.submit(process_batch, todo, config, pure=False),
            lambda future: future.result(), batch_size=task_size(config), window=2 * n + 1)
