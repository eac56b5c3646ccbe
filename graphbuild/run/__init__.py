"""Where articles are parsed and their events extracted: here, in worker processes, or on a cluster.

:func:`extract_results` is the one loop every build goes through. Each article is first looked
up in the cache (when there is one); the others are prefiltered, parsed and passed to the
extractors by

- an :class:`~graphbuild.run.local.Engine` in this process (one worker: :mod:`.local`),
- a pool of ``workers`` processes, each loading the pipeline once (:mod:`.pool`), or
- a Dask cluster (:mod:`.dask`).

Results come back in input order whichever runs them, and stream: at most a few batches of
articles are in flight, nothing holds every article or every Doc. This package reads only
:mod:`graphbuild.config` and the stages before it; :mod:`graphbuild.pipeline` calls it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..config import Config
from ..types import Article
from .dask import run_on_cluster
from .local import Engine, Result, fingerprint, open_cache
from .pool import run_pool

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

__all__ = ["Result", "extract_results", "fingerprint", "open_cache"]

log = logging.getLogger(__name__)


def extract_results(articles: Iterable[Article], *, config: Config,
                    nlp: Language | None = None) -> Iterator[Result]:
    """Results of ``articles``, in order: from the cache, or computed here, in a pool or on a cluster.

    New results are written to the cache as they come.
    """
    cache = open_cache(config, nlp)
    items = ((a, cache.get(a) if cache is not None else None) for a in articles)
    if config.dask:
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
