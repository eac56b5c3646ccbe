"""A per-article cache of extraction results, so a rebuild parses only new or changed articles.

An entry holds the events of one article and the number of its sentences. It is found by a
key made of the article's content (id, text, date) and a *fingerprint* of everything else the
events depend on: the spaCy pipeline (name and version), the trigger lexicon's version and
the user's lexicon files, the content of the user's actor list, the extractor names, the
options that change what is kept, and graphbuild's version. Change any of them and the old
entries are simply not found: they sit in a folder named after their fingerprint, which can
be deleted.

Entries are JSON (never pickle), written atomically, and carry a SHA-256 checksum of their
content: an entry that is corrupted or edited by hand is logged, ignored and recomputed.

Layout::

    CACHE_DIR/<fingerprint, 16 hex>/fingerprint.json    what the fingerprint was made of
    CACHE_DIR/<fingerprint, 16 hex>/<2 hex>/<key, 64 hex>.json

Examples
--------
>>> import tempfile
>>> from graphbuild.types import Actor, ActorType, Article, Event, Plover
>>> cache = ArticleCache(tempfile.mkdtemp(), {"pipeline": "demo 1.0"})
>>> article = Article("a1", "France met Germany.")
>>> cache.get(article) is None
True
>>> fr, de = Actor("France", ActorType.COUNTRY, "FRA"), Actor("Germany", ActorType.COUNTRY, "DEU")
>>> cache.put(article, [Event("a1", fr, de, Plover.CONSULT, "meet", "France met Germany.", 0, 19)], 1)
>>> hit = cache.get(article)
>>> hit.sentences, [e.plover.value for e in hit.events]
(1, ['CONSULT'])
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._files import atomic_write
from .errors import ExportError
from .graph import event_from_dict, event_to_dict
from .types import Article, Event

__all__ = ["FORMAT", "CachedResult", "ArticleCache", "article_key", "file_digest"]

log = logging.getLogger(__name__)

#: The version of the entry layout; a change makes old entries unreadable (and recomputed).
FORMAT = 1


@dataclass(frozen=True)
class CachedResult:
    """What the cache holds for one article."""

    events: list[Event]
    sentences: int


def _canonical(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digest(path: str | os.PathLike) -> str:
    """The SHA-256 of a file's bytes (for a fingerprint: the user's actor list, lexicon files).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "actors.csv"
    >>> _ = p.write_text("name,type\\n")
    >>> file_digest(p)[:12]
    '7e681856b81c'
    """
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def article_key(article: Article, fingerprint: str) -> str:
    """The cache key of ``article`` under a fingerprint: its id, text and date count.

    >>> a = Article("a1", "Text.")
    >>> article_key(a, "f") == article_key(Article("a1", "Text."), "f")
    True
    >>> article_key(a, "f") == article_key(Article("a1", "Text!"), "f")
    False
    """
    content = {"fingerprint": fingerprint, "id": article.id, "text": article.text,
               "date": article.date.isoformat() if article.date else None}
    return _sha256(_canonical(content))


class ArticleCache:
    """Extraction results on disk, one JSON file an article.

    Parameters
    ----------
    folder
        The cache folder (created on first write).
    fingerprint
        What the results depend on besides the article (pipeline, lexicon, ...), as strings.
        Its hash names the sub-folder the entries go to.
    """

    def __init__(self, folder: str | os.PathLike, fingerprint: Mapping[str, Any]):
        self.root = Path(folder)
        self.fingerprint = dict(fingerprint)
        self.fingerprint_hash = _sha256(_canonical({"format": FORMAT, **self.fingerprint}))
        self.folder = self.root / self.fingerprint_hash[:16]
        self.hits = 0
        self.misses = 0
        self.invalid = 0
        self._described = False

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, article: Article) -> CachedResult | None:
        """The cached result for ``article``, or None when absent, stale or damaged."""
        key = article_key(article, self.fingerprint_hash)
        path = self._path(key)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            self.misses += 1
            return None
        except OSError as err:
            log.warning("cache entry %s unreadable (%s); recomputing", path, err.strerror)
            self.misses += 1
            return None
        try:
            entry = json.loads(raw)
            payload = entry["payload"]
            if entry.get("format") != FORMAT or entry.get("key") != key:
                raise ValueError("entry belongs to another key or format")
            if entry.get("checksum") != _sha256(_canonical(payload)):
                raise ValueError("checksum mismatch")
            if payload["article_id"] != article.id:
                raise ValueError("entry is for another article")
            result = CachedResult([event_from_dict(e) for e in payload["events"]],
                                  int(payload["sentences"]))
        except (ValueError, KeyError, TypeError, AttributeError) as err:
            log.warning("cache entry %s for article %s is damaged (%s); recomputing", path,
                        article.id, err)
            self.invalid += 1
            self.misses += 1
            return None
        self.hits += 1
        return result

    def put(self, article: Article, events: Sequence[Event], sentences: int) -> None:
        """Store the result of ``article``; a failure to write is logged, never raised."""
        key = article_key(article, self.fingerprint_hash)
        payload = {"article_id": article.id, "sentences": int(sentences),
                   "events": [event_to_dict(e) for e in events]}
        entry = {"format": FORMAT, "key": key, "checksum": _sha256(_canonical(payload)),
                 "payload": payload}
        try:
            self._describe()
            with atomic_write(self._path(key), fsync=False) as fh:  # the checksum catches damage
                fh.write(json.dumps(entry, ensure_ascii=False))
        except (OSError, ExportError) as err:
            log.warning("cannot write cache entry for article %s: %s", article.id, err)

    def _describe(self) -> None:
        """Write once what the fingerprint is made of, for a person looking at the folder."""
        if self._described:
            return
        path = self.folder / "fingerprint.json"
        if not path.exists():
            with atomic_write(path) as fh:
                fh.write(json.dumps({"format": FORMAT, **self.fingerprint}, indent=1,
                                    ensure_ascii=False, sort_keys=True) + "\n")
        self._described = True
