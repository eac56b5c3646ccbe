"""A per-article cache of extraction results, so a rebuild parses only new or changed articles.

An entry holds the events of one article and the number of its sentences. It is found by a
key made of the article's content (id, text, date) and a *fingerprint* of everything else the
events depend on: the spaCy pipeline (name and version), the trigger lexicon's version and
the user's lexicon files, the content of the user's actor list, the extractor names, the
options that change what is kept, and graphbuild's version. Change any of them and the old
entries are simply not found: they sit in a folder named after their fingerprint, which can
be deleted.

Trust
-----
The cache folder may be shared, or writable by someone else: nothing read from it is trusted.
Entries are JSON (never pickle), written atomically, and authenticated with a keyed MAC
(HMAC-SHA256) under a random key kept outside the cache, in the user's configuration folder
(:func:`key_path`: ``$XDG_CONFIG_HOME/graphbuild/cache.key``, else
``~/.config/graphbuild/cache.key``), made on first use with owner-only rights. A key file whose
rights let others read it, or that is not a regular file, is refused with a warning and the
cache is not used. Reading an entry checks, in order: its size, its nesting depth (before
parsing, so no entry can exhaust the parser's recursion), its MAC, and every field against
the :class:`~graphbuild.types.Event` schema (a ``"confidence": "high"`` is refused). An entry
that fails any check is logged once, naming its file, ignored and recomputed.

Layout::

    CACHE_DIR/<fingerprint, 16 hex>/fingerprint.json    what the fingerprint was made of
    CACHE_DIR/<fingerprint, 16 hex>/<2 hex>/<key, 64 hex>.json

Examples
--------
>>> import tempfile
>>> from graphbuild.types import Actor, ActorType, Article, Event, Plover
>>> cache = ArticleCache(tempfile.mkdtemp(), {"pipeline": "demo 1.0"}, secret=b"k" * 32)
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

import contextlib
import dataclasses
import datetime as dt
import enum
import functools
import hashlib
import hmac
import json
import logging
import math
import os
import re
import secrets
import stat
import tempfile
import types
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._files import atomic_write
from ._safe import quoted
from .errors import ExportError
from .graph import event_from_dict, event_to_dict
from .types import Article, Event

__all__ = ["FORMAT", "MAX_DEPTH", "MAX_ENTRY_BYTES", "CachedResult", "ArticleCache",
           "article_key", "entry_mac", "file_digest", "key_path", "load_key"]

log = logging.getLogger(__name__)

#: The version of the entry layout; a change makes old entries unreadable (and recomputed).
#: 2: a keyed MAC (``mac``) in place of the plain checksum of format 1.
FORMAT = 2

#: Entries nested deeper than this (arrays and objects) are refused before they are parsed;
#: a genuine entry is 5 deep.
MAX_DEPTH = 16

#: Entries larger than this are refused unread.
MAX_ENTRY_BYTES = 256 * 2**20


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


def entry_mac(secret: bytes, key: str, payload: Any) -> str:
    """The HMAC-SHA256 of an entry: its format, its key and its payload, under ``secret``.

    >>> entry_mac(b"k" * 32, "ab", {"events": []}) == entry_mac(b"k" * 32, "ab", {"events": []})
    True
    >>> entry_mac(b"k" * 32, "ab", {"events": []}) == entry_mac(b"j" * 32, "ab", {"events": []})
    False
    """
    message = _canonical({"format": FORMAT, "key": key, "payload": payload})
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


# --------------------------------------------------------------------------- the key


def key_path() -> Path:
    """Where the cache key lives: ``$XDG_CONFIG_HOME/graphbuild/cache.key`` when
    ``XDG_CONFIG_HOME`` is an absolute path, else ``~/.config/graphbuild/cache.key``."""
    base = os.environ.get("XDG_CONFIG_HOME", "")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".config"
    return root / "graphbuild" / "cache.key"


class _Refused(Exception):
    """A key file that must not be used (its reason is the message)."""


def load_key(path: str | os.PathLike | None = None) -> bytes | None:
    """The cache key at ``path`` (default :func:`key_path`), made on first use; None (with a
    warning) when it cannot be made or must not be used.

    The key is 32 random bytes, written in hex to a new file with rights 0600, atomically (a
    temporary file linked into place, so two builds starting together agree on one key). A key
    file that is not a regular file (a link, a folder), that others may read or write, that
    belongs to another user or that does not hold a key is refused.

    >>> import tempfile, pathlib
    >>> where = pathlib.Path(tempfile.mkdtemp()) / "graphbuild" / "cache.key"
    >>> key = load_key(where)
    >>> len(key), oct(where.stat().st_mode & 0o777), load_key(where) == key
    (32, '0o600', True)
    """
    path = Path(path) if path is not None else key_path()
    try:
        for _ in range(3):
            with contextlib.suppress(FileNotFoundError):
                return _read_key(path)
            with contextlib.suppress(FileExistsError):  # another build made it meanwhile
                _create_key(path)
        return _read_key(path)
    except _Refused as err:
        log.warning("cache key %s refused: %s; the cache is not used", quoted(path), err)
    except OSError as err:
        log.warning("cache key %s cannot be read or made (%s); the cache is not used",
                    quoted(path), err.strerror or err)
    return None


def _read_key(path: Path) -> bytes:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as err:
        if isinstance(err, FileNotFoundError):
            raise
        if os.path.islink(path):
            raise _Refused("it is a symbolic link, not a regular file") from err
        raise
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise _Refused("it is not a regular file")
        if info.st_uid != os.getuid():
            raise _Refused("it belongs to another user")
        if info.st_mode & 0o077:
            raise _Refused(f"its rights are {info.st_mode & 0o777:04o}, looser than 0600 "
                           f"(chmod 600 {quoted(path)})")
        text = fh.read(200)
    try:
        secret = bytes.fromhex(text.decode("ascii").strip())
    except ValueError:
        secret = b""
    if len(secret) < 16:
        raise _Refused("it does not hold a key (delete it to have a new one made)")
    return secret


def _create_key(path: Path) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".cache.key.", suffix=".tmp", dir=path.parent)  # 0600
    try:
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(secrets.token_hex(32) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.link(tmp, path)  # fails if a key appeared meanwhile: never replaces one
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


# --------------------------------------------------------------------------- checking entries


class _Invalid(ValueError):
    """An entry that does not hold what it must."""


# A string runs to its closing quote, or (unterminated) to the end: one pass, never quadratic.
_JSON_STRING = re.compile(rb'"(?:[^"\\]++|\\.)*+(?:"|\Z)', re.S)
_NOT_BRACKET = re.compile(rb"[^\[\]{}]+")
_INNERMOST = re.compile(rb"\[\]|\{\}")


def _nesting_ok(raw: bytes, limit: int = MAX_DEPTH) -> bool:
    """Whether the JSON text ``raw`` nests arrays and objects at most ``limit`` deep,
    found without parsing it (linear time and no recursion, whatever ``raw`` holds).

    >>> _nesting_ok(b'{"a": [1, {"b": "[[[["}]}', 3), _nesting_ok(b"[" * 10**5 + b"]" * 10**5)
    (True, False)
    """
    brackets = _NOT_BRACKET.sub(b"", _JSON_STRING.sub(b"", raw))
    for _ in range(limit):
        if not brackets:
            return True
        brackets, removed = _INNERMOST.subn(b"", brackets)
        if not removed:
            return False  # unbalanced
    return not brackets


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _kind(value: object) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
            type(None): "null", int: "a number", float: "a number"}.get(type(value), "a value")


def _check(value: object, hint: Any, where: str) -> None:
    """Raise :class:`_Invalid` unless the JSON ``value`` is what ``hint`` encodes to."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        for option in typing.get_args(hint):
            with contextlib.suppress(_Invalid):
                return _check(value, option, where)
        raise _Invalid(f"{where} is {_kind(value)}, not {hint}")
    if origin is tuple:
        item_hint, *_ = typing.get_args(hint)
        if not isinstance(value, list):
            raise _Invalid(f"{where} is {_kind(value)}, not an array")
        for i, item in enumerate(value):
            _check(item, item_hint, f"{where}[{i}]")
        return
    if hint is type(None):
        ok = value is None
    elif isinstance(hint, type) and issubclass(hint, enum.Enum):
        ok = isinstance(value, str) and value in {m.value for m in hint}
    elif hint is bool or hint is str:
        ok = isinstance(value, hint)
    elif hint is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif hint is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    elif hint is dt.date:
        ok = isinstance(value, str) and _is_date(value)
    elif dataclasses.is_dataclass(hint):
        return _check_record(value, hint, where)
    else:  # a field type this check does not know: refuse rather than trust
        raise _Invalid(f"{where}: cannot check a {hint}")
    if not ok:
        shown = f"{value!r}"[:40] if isinstance(value, str) else _kind(value)
        raise _Invalid(f"{where} is {shown}, not {getattr(hint, '__name__', hint)}")


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _check_record(value: object, cls: type, where: str) -> None:
    """A dataclass written by :func:`graphbuild.graph.event_to_dict`: every field, no other."""
    if not isinstance(value, dict):
        raise _Invalid(f"{where} is {_kind(value)}, not an object")
    hints = _hints(cls)
    if set(value) != set(hints):
        odd = sorted(set(value) ^ set(hints))
        raise _Invalid(f"{where} has fields {', '.join(map(repr, odd))[:80]} that "
                       f"{cls.__name__} does not, or lacks them")
    for name, hint in hints.items():
        _check(value[name], hint, f"{where}.{name}")


def _check_payload(payload: object, article: Article) -> None:
    if not isinstance(payload, dict) or set(payload) != {"article_id", "sentences", "events"}:
        raise _Invalid("the payload is not an object of article_id, sentences and events")
    if payload["article_id"] != article.id:
        raise _Invalid("entry is for another article")
    _check(payload["sentences"], int, "sentences")
    if payload["sentences"] < 0:
        raise _Invalid("sentences is negative")
    _check(payload["events"], tuple[Event, ...], "events")
    for i, event in enumerate(payload["events"]):
        if not 0 <= event["start"] <= event["end"]:
            raise _Invalid(f"events[{i}]: start and end are not offsets of a span")


# --------------------------------------------------------------------------- the cache


class ArticleCache:
    """Extraction results on disk, one JSON file an article.

    Parameters
    ----------
    folder
        The cache folder (created on first write).
    fingerprint
        What the results depend on besides the article (pipeline, lexicon, ...), as strings.
        Its hash names the sub-folder the entries go to.
    secret
        The MAC key; by default :func:`load_key` reads (or makes) the user's, on first use.
        When there is none the cache is neither read nor written.
    """

    def __init__(self, folder: str | os.PathLike, fingerprint: Mapping[str, Any], *,
                 secret: bytes | None = None):
        self.root = Path(folder)
        self.fingerprint = dict(fingerprint)
        self.fingerprint_hash = _sha256(_canonical({"format": FORMAT, **self.fingerprint}))
        self.folder = self.root / self.fingerprint_hash[:16]
        self.hits = 0
        self.misses = 0
        self.invalid = 0
        self._secret = secret
        self._keyed = secret is not None
        self._described = False

    @property
    def secret(self) -> bytes | None:
        """The MAC key (loaded on first use), or None when the cache cannot be used."""
        if not self._keyed:
            self._secret, self._keyed = load_key(), True
        return self._secret

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, article: Article) -> CachedResult | None:
        """The cached result for ``article``, or None when absent, stale or not to be trusted."""
        self.misses += 1  # until it is a hit
        secret = self.secret
        if secret is None:
            return None
        key = article_key(article, self.fingerprint_hash)
        path = self._path(key)
        try:
            raw = _read_entry(path)
            if raw is None:
                return None
            result = _open_entry(raw, key, article, secret)
        except OSError as err:
            log.warning("cache entry %s unreadable (%s); recomputing", quoted(path),
                        err.strerror or err)
            return None
        except (_Invalid, ValueError, KeyError, TypeError, AttributeError, RecursionError) as err:
            log.warning("cache entry %s for article %s is damaged (%s); recomputing",
                        quoted(path), quoted(article.id), quoted(err))
            self.invalid += 1
            return None
        self.misses -= 1
        self.hits += 1
        return result

    def put(self, article: Article, events: Sequence[Event], sentences: int) -> None:
        """Store the result of ``article``; a failure to write is logged, never raised."""
        secret = self.secret
        if secret is None:
            return
        key = article_key(article, self.fingerprint_hash)
        payload = {"article_id": article.id, "sentences": int(sentences),
                   "events": [event_to_dict(e) for e in events]}
        entry = {"format": FORMAT, "key": key, "mac": entry_mac(secret, key, payload),
                 "payload": payload}
        try:
            self._describe()
            with atomic_write(self._path(key), fsync=False) as fh:  # the MAC catches damage
                fh.write(json.dumps(entry, ensure_ascii=False))
        except (OSError, ExportError) as err:
            log.warning("cannot write cache entry for article %s: %s", quoted(article.id), err)

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


def _read_entry(path: Path) -> bytes | None:
    """The bytes of the entry at ``path``, or None when there is none; too large: _Invalid."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise _Invalid("not a regular file")
        raw = fh.read(MAX_ENTRY_BYTES + 1)
    if len(raw) > MAX_ENTRY_BYTES:
        raise _Invalid(f"larger than {MAX_ENTRY_BYTES:,} bytes")
    return raw


def _open_entry(raw: bytes, key: str, article: Article, secret: bytes) -> CachedResult:
    """Check an entry's nesting, MAC and fields, in that order; its result, or _Invalid."""
    if not _nesting_ok(raw):
        raise _Invalid(f"nested more than {MAX_DEPTH} deep, or unbalanced")
    entry = json.loads(raw)
    if not isinstance(entry, dict) or entry.get("format") != FORMAT or entry.get("key") != key:
        raise _Invalid("entry belongs to another key or format")
    mac = entry.get("mac")
    if not isinstance(mac, str) or not hmac.compare_digest(
            mac, entry_mac(secret, key, entry.get("payload"))):
        raise _Invalid("MAC mismatch: not written by this user's graphbuild, or changed since")
    payload = entry["payload"]
    _check_payload(payload, article)
    return CachedResult([event_from_dict(e) for e in payload["events"]], payload["sentences"])
