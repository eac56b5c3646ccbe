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
import logging
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..errors import GraphbuildError
from .local import Result, process_batch
from .pool import THREAD_LIMITS, run_windowed, task_size

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


@contextlib.contextmanager
def connect(address: str, *, workers: int = 1) -> Iterator[object]:
    """A ``distributed.Client`` of the cluster at ``address`` (``"local"``: a new LocalCluster).

    Raises
    ------
    GraphbuildError
        When Dask is not installed or the scheduler cannot be reached.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:
        raise GraphbuildError("--dask needs Dask: pip install 'graphbuild[dask]' "
                              "(or 'dask[distributed]')") from err
    if address == LOCAL:
        with LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                          dashboard_address=":0", env=dict(THREAD_LIMITS)) as cluster, \
                Client(cluster) as client:
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
