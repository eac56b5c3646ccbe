"""The options of a build (:class:`Config`) and the resources they name, loaded once per process.

A :class:`Config` is plain data: it names the lexicon files, the actor list and the extractors
but reads nothing. :func:`resources` reads what it names (the trigger lexicon with the user's
files over it, the user's actor list) the first time a process asks, and hands the same
objects to every later caller: the extractors, the prefilter and the cache's fingerprint of
one build share one parsed lexicon. A file changed on disk since it was read (another size or
modification time) is read again.

Nothing here imports the pipeline or the run package; they import this.

Examples
--------
>>> config = Config(workers=2)
>>> config.workers, config.extractors
(2, ('events.v1',))
>>> res = resources(config)
>>> res is resources(Config())          # the same lexicon, read once
True
>>> res.user_actors
()
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .nlp import BLOCK_CHARS

if TYPE_CHECKING:  # pragma: no cover
    from .actors.gazetteer import Gazetteer
    from .actors.user import UserActor
    from .extract.lexicon import Lexicon

__all__ = ["Config", "Resources", "resources", "make_extractors", "DEFAULT_BATCH_SIZE"]

#: Articles (or blocks of long ones) handed to ``nlp.pipe`` at a time.
DEFAULT_BATCH_SIZE = 32


@dataclass(frozen=True)
class Config:
    """Options of a build, grouped for the CLI. Defaults are the library's defaults."""

    model: str | None = None
    extractors: tuple[str, ...] = ("events.v1",)
    lexicon_files: tuple[str, ...] = ()
    actors_file: str | None = None
    date: dt.date | None = None  # the date of articles that carry none (``--date``)
    max_bytes: int | None = None  # refuse larger input files and jsonl lines (None: 20 MB)
    block_chars: int = BLOCK_CHARS  # longer articles are parsed in blocks of at most this size
    batch_size: int = DEFAULT_BATCH_SIZE
    workers: int = 1
    min_confidence: float = 0.0
    merge_duplicates: bool = True
    strict: bool = False
    prefilter: bool = True  # parse only the sentences that can hold an event (``--no-prefilter``)
    cache_dir: str | None = None  # per-article result cache (``--cache DIR``); None: no cache
    dask: str | None = None  # a Dask scheduler's address, or "local" (``--dask``)
    office_table: bool = True  # persons the text leaves stateless: the dated office table
    share_actors: bool = True  # what one article states of a person is known in the others


@dataclass(frozen=True)
class Resources:
    """What a configuration's files hold, parsed: shared, never modified."""

    lexicon: Lexicon
    user_actors: tuple[UserActor, ...]

    @property
    def gazetteer(self) -> Gazetteer:
        """The built-in gazetteer of states, organisations and titles (read once per process)."""
        from .actors.gazetteer import gazetteer

        return gazetteer()


def _stamp(path: str) -> tuple[str, int, int]:
    """A file's identity for the resource cache: its path, size and modification time."""
    try:
        st = os.stat(path)
    except OSError:  # reading it will raise the error that names it
        return (path, -1, -1)
    return (path, st.st_size, st.st_mtime_ns)


def resources(config: Config) -> Resources:
    """The lexicon and actor list ``config`` names, read on first use in this process.

    Raises
    ------
    LexiconError, InputError
        When a lexicon file or the actor list cannot be read or is malformed (naming the file
        and line).
    """
    lexicon = tuple(_stamp(os.fspath(p)) for p in config.lexicon_files)
    actors = _stamp(os.fspath(config.actors_file)) if config.actors_file else None
    return _load(lexicon, actors)


@functools.lru_cache(maxsize=8)
def _load(lexicon_files: tuple[tuple[str, int, int], ...],
          actors_file: tuple[str, int, int] | None) -> Resources:
    from .actors.user import load_actor_list
    from .extract.lexicon import load_lexicon

    lexicon = load_lexicon(*(path for path, _, _ in lexicon_files))
    actors = tuple(load_actor_list(actors_file[0])) if actors_file else ()
    return Resources(lexicon, actors)


def make_extractors(config: Config) -> list[Callable[..., Any]]:
    """The extractors ``config.extractors`` names, made with its resources, in order."""
    from .extract.registry import create

    res = resources(config)
    return [create(name, lexicon=res.lexicon, user_actors=res.user_actors,
                   min_confidence=config.min_confidence) for name in config.extractors]
