"""Reading articles: files and folders in, :class:`~graphbuild.types.Article` out.

:func:`iter_articles` reads ``.txt``, ``.md``, ``.html``/``.htm`` and ``.jsonl`` files, and
folders of them (recursively, in sorted order). :func:`article_from_text` makes an article from
a string. Both clean the text the same way.

Offsets
-------
Cleaning never removes or inserts a character: page furniture ("Share", "Leave a Reply",
comment-form labels, cookie notices, ...; the list is ``graphbuild/data/furniture.toml``),
bullet glyphs that open a line, Markdown markup and the headline are replaced by spaces of the
same length. So an offset into ``Article.text`` is an offset into

- the file's text, after decoding and turning CRLF (and lone CR) into LF, for ``.txt`` and
  ``.md`` (the text ``open(path, encoding="utf-8-sig")`` gives: a byte-order mark is not text);
- the ``text`` field, for ``.jsonl`` (a CR there becomes a space, or LF when alone);
- the string given, for :func:`article_from_text` (CR handled as for ``.jsonl``);
- the text extracted from the page, for ``.html``: its main text as trafilatura finds it
  (navigation, headers and footers, asides, comments, cookie banners, "most read" and related
  boxes, and hidden elements dropped), one paragraph a block separated by a blank line, with
  runs of whitespace made one space. HTML source offsets are not kept; ``Article.extraction``
  records how the text was made (``"html main text: trafilatura VERSION"``).

HTML
----
A page's title, publication date and URL come from the page when it has them: the title and
date from its ``og:``/``article:`` meta tags, its JSON-LD ``NewsArticle`` or its ``<title>``
(trafilatura's metadata, with htmldate for the date; never a date guessed from the text), the
URL from ``<link rel="canonical">`` or ``og:url``. A page with more than
:data:`MAX_HTML_ELEMENTS` elements is refused unread, so a page built to be slow stays quick.

Headline
--------
When the first non-blank line is shorter than 200 characters, does not end in punctuation
(``. ! ? … : ;``) and is followed by a blank line and more text, it is taken as the headline:
blanked from the text and used as ``Article.title`` unless a title is known otherwise (the
jsonl ``title``, a Markdown front-matter ``title``, the page's title for HTML).

Problems
--------
Bad input never stops a run. Each problem is an :class:`~graphbuild.errors.InputError` with
``path`` and ``line`` (jsonl) passed to ``report``; ``err.skipped`` tells an input that was not
read (an empty, binary, too large or unsupported file, a malformed jsonl line, ...) from a
warning about one that was (a decoding fallback, a bad date, a renamed duplicate id). With
``strict=True`` the first skipped input raises instead; warnings are still only reported.
"""

from __future__ import annotations

import codecs
import datetime as dt
import functools
import json
import logging
import os
import re
import stat
import tomllib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ._safe import printable
from .errors import InputError, LexiconError
from .types import Article

__all__ = [
    "SUPPORTED_SUFFIXES",
    "DEFAULT_MAX_BYTES",
    "Report",
    "iter_articles",
    "article_from_text",
]

logger = logging.getLogger(__name__)

#: File name endings :func:`iter_articles` reads (compared case-insensitively).
SUPPORTED_SUFFIXES: tuple[str, ...] = (".htm", ".html", ".jsonl", ".md", ".txt")

#: Files (and jsonl lines) larger than this many bytes are refused unless told otherwise.
DEFAULT_MAX_BYTES = 20_000_000

#: The ``report`` callback: receives every problem as an :class:`InputError`.
Report = Callable[[InputError], object]

PathArg = str | os.PathLike[str]


# ---------------------------------------------------------------------------------------------
# Public API


def iter_articles(
    paths: PathArg | Iterable[PathArg],
    *,
    strict: bool = False,
    report: Report | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article]:
    """Read articles from files and folders, one at a time.

    Parameters
    ----------
    paths
        A file or folder, or several. Folders are read recursively, entries sorted by name at
        each level; files and folders whose name starts with ``.`` inside a folder are skipped
        silently. A path given explicitly is read whatever its name.
    strict
        Raise the first problem that skips an input instead of reporting it.
    report
        Called with each problem, an :class:`~graphbuild.errors.InputError` whose ``skipped``
        says whether the input was skipped or only warned about. By default problems are
        logged as warnings on the ``graphbuild.ingest`` logger.
    max_bytes
        Refuse a ``.txt``, ``.md`` or ``.html`` file larger than this (checked before reading),
        and a ``.jsonl`` line longer than this. A ``.jsonl`` file itself may be of any size:
        it is read a line at a time.

    Yields
    ------
    Article
        In input order. ``id`` is the file's stem, or the jsonl ``id`` (else
        ``<stem>-<line number>``), made unique with a suffix ``-2``, ``-3``, ... when taken
        already; ``source`` is the path (``path:LINE`` for jsonl).

    Raises
    ------
    InputError
        With ``strict=True``, the first input that cannot be read; always, when ``max_bytes``
        is not a positive integer.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "summit.txt").write_text(
    ...     "Leaders meet in Delhi\\n\\nShare\\n\\nThe two ministers met on Monday.\\n")
    >>> _ = (folder / "wire.jsonl").write_text(
    ...     '{"id": "w1", "text": "Talks resumed.", "date": "2024-12-04T09:30:00Z"}\\n'
    ...     '{"text": 42}\\n')
    >>> _ = (folder / "notes.csv").write_text("a,b\\n")
    >>> problems = []
    >>> for article in iter_articles(folder, report=problems.append):
    ...     print(article.id, repr(article.title), article.date, repr(article.text.strip()))
    summit 'Leaders meet in Delhi' None 'The two ministers met on Monday.'
    w1 None 2024-12-04 'Talks resumed.'
    >>> for err in problems:
    ...     print(pathlib.Path(err.path).name, err.line, err.skipped, err.reason[:40])
    notes.csv None True unsupported file type '.csv'; graphbuild
    wire.jsonl 2 True 'text' must be a string, not a number
    """
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes <= 0:
        raise InputError(f"max_bytes must be a positive integer, not {max_bytes!r}")
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    run = _Run(strict=strict, report=report or _log_problem, max_bytes=max_bytes)
    return _iter_paths(paths, run)


def article_from_text(
    text: str,
    *,
    id: str = "text",
    title: str | None = None,
    date: dt.date | str | None = None,
    url: str | None = None,
) -> Article:
    """Make an article from a string, cleaned as files are, with offsets kept.

    ``Article.text`` has the same length as ``text``: page furniture, bullets and a headline
    are replaced by spaces, and a CR by a space (by LF when it stands alone).

    Parameters
    ----------
    text
        The article's text.
    id
        The article id.
    title
        The title; by default the headline detected in ``text``, if any.
    date
        A date, a datetime (its date is kept) or an ISO 8601 string.
    url
        Where the article was published.

    Returns
    -------
    Article
        With ``source`` None.

    Raises
    ------
    InputError
        When ``text`` is not a string or ``date`` is not a date.

    Examples
    --------
    >>> raw = "Talks in Moscow\\n\\nAdvertisement\\n• The ministers met.\\n"
    >>> article = article_from_text(raw, date="2024-12-04")
    >>> article.title, article.date
    ('Talks in Moscow', datetime.date(2024, 12, 4))
    >>> len(article.text) == len(raw)
    True
    >>> start = raw.index("The ministers")
    >>> article.text[start:start + 13]
    'The ministers'
    >>> article.text.strip()
    'The ministers met.'
    """
    if not isinstance(text, str):
        raise InputError(f"text must be a str, not {type(text).__name__}; decode bytes first")
    if date is not None and not isinstance(date, dt.date):
        if not isinstance(date, str):
            raise InputError(f"date must be a date or an ISO 8601 string, not {date!r}")
        parsed = _parse_date(date)
        if parsed is None:
            raise InputError(f"date {date!r} is not an ISO 8601 date (YYYY-MM-DD) or datetime")
        date = parsed
    elif isinstance(date, dt.datetime):
        date = date.date()
    text = _SURROGATE.sub("\ufffd", text)  # one for one: offsets stay
    cleaned, headline, _ = _clean(_blank_carriage_returns(text), markdown=False)
    return Article(
        id=id, text=cleaned, title=title if title is not None else headline, date=date, url=url
    )


def _log_problem(err: InputError) -> None:
    logger.warning("%s%s", printable(err), "; skipped" if err.skipped else "")


# ---------------------------------------------------------------------------------------------
# Walking the inputs


class _Run:
    """The state of one :func:`iter_articles` call: options, ids taken, files read."""

    def __init__(self, *, strict: bool, report: Report, max_bytes: int):
        self.strict = strict
        self.report = report
        self.max_bytes = max_bytes
        self.ids: dict[str, str] = {}  # article id -> source of the article that took it
        self.files: set[tuple[int, int]] = set()  # (device, inode) of files read

    def skip(self, message: str, path: str, line: int | None = None) -> None:
        err = InputError(message, path=path, line=line, skipped=True)
        if self.strict:
            raise err
        self.report(err)

    def warn(self, message: str, path: str, line: int | None = None) -> None:
        self.report(InputError(message, path=path, line=line, skipped=False))

    def unique_id(self, wanted: str, source: str, path: str, line: int | None) -> str:
        if wanted not in self.ids:
            self.ids[wanted] = source
            return wanted
        n = 2
        while f"{wanted}-{n}" in self.ids:
            n += 1
        new = f"{wanted}-{n}"
        self.ids[new] = source
        self.warn(f"duplicate article id ({wanted!r} is taken by {self.ids[wanted]}); "
                  f"renamed {new!r}", path, line)
        return new


def _iter_paths(paths: Iterable[PathArg], run: _Run) -> Iterator[Article]:
    for given in paths:
        if not isinstance(given, (str, os.PathLike)) or not os.fspath(given):
            run.skip(f"not a path: {given!r}", repr(given))
            continue
        path = Path(given)
        try:
            is_dir = path.is_dir()
        except OSError as err:
            run.skip(f"cannot read: {err.strerror or err}", str(path))
            continue
        if is_dir:
            files = _walk(path, run, frozenset())
        elif os.path.lexists(path):
            files = iter([path])
        else:
            run.skip("no such file or folder", str(path))
            continue
        for file in files:
            yield from _read_file(file, run)


def _walk(folder: Path, run: _Run, ancestors: frozenset[str]) -> Iterator[Path]:
    """The files under ``folder``, depth first, sorted by name; dot-names skipped."""
    real = os.path.realpath(folder)
    if real in ancestors:
        run.skip("folder link leads back to a folder above it; not followed", str(folder))
        return
    try:
        with os.scandir(folder) as entries:
            names = sorted((entry.name, _is_dir(entry)) for entry in entries)
    except OSError as err:
        run.skip(f"cannot list folder: {err.strerror or err}", str(folder))
        return
    for name, is_dir in names:
        if name.startswith("."):
            continue
        if is_dir:
            yield from _walk(folder / name, run, ancestors | {real})
        else:
            yield folder / name


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _read_file(path: Path, run: _Run) -> Iterator[Article]:
    source = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        what = f"unsupported file type {suffix!r}" if suffix else "file name has no extension"
        run.skip(f"{what}; graphbuild reads {', '.join(SUPPORTED_SUFFIXES)}", source)
        return
    try:
        info = os.stat(path)
    except OSError as err:
        run.skip(f"cannot read: {err.strerror or err}", source)
        return
    if not stat.S_ISREG(info.st_mode):
        run.skip("not a regular file", source)
        return
    key = (info.st_dev, info.st_ino)
    if info.st_ino and key in run.files:
        run.skip("already read: the same file was given more than once", source)
        return
    run.files.add(key)
    if suffix == ".jsonl":
        yield from _read_jsonl(path, run)
        return
    if info.st_size > run.max_bytes:
        run.skip(f"file too large ({info.st_size:,} bytes, more than max_bytes="
                 f"{run.max_bytes:,}); not read: {_LARGER}", source)
        return
    article = _read_document(path, suffix, run)
    if article is not None:
        yield article


# ---------------------------------------------------------------------------------------------
# Decoding


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_FALLBACKS = ("cp1252", "latin-1")
_BINARY = ("binary file (it contains NUL bytes; or it is UTF-16/UTF-32 text without a "
           "byte-order mark); not read")
_LARGER = "pass a larger max_bytes (graphbuild --max-bytes) to read it"
# Control characters that text does not hold (not tab, LF, VT, FF, CR): more than
# _MAX_CONTROL of them (and more than 8) in the first _SAMPLE characters make a file binary.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_SAMPLE, _MAX_CONTROL = 4096, 0.05


def _decode(data: bytes, declared: str | None = None, *, boms: bool = True
            ) -> tuple[str, str | None]:
    """Decode ``data``: by its byte-order mark, as UTF-8, as ``declared``, then fallbacks.

    Returns the text and the name of the fallback encoding used, or None when the data was
    what it said it was (a byte-order mark, UTF-8 or the declared encoding).
    Raises UnicodeDecodeError only for a byte-order mark followed by undecodable data.

    >>> _decode("café".encode("utf-8")), _decode("café".encode("cp1252"))
    (('café', None), ('café', 'cp1252'))
    """
    for bom, encoding in _BOMS if boms else ():
        if data.startswith(bom):
            return data.decode(encoding), None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            if codecs.lookup(declared).name != "utf-8":
                return data.decode(declared), None
        except (LookupError, UnicodeDecodeError):
            pass
    for encoding in _FALLBACKS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


# A surrogate code point alone: JSON's "\\ud800" escapes decode to one, UTF-8 cannot hold it.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _blank_carriage_returns(text: str) -> str:
    """CRLF -> space + LF and lone CR -> LF: line ends become LF, the length stays."""
    return text.replace("\r\n", " \n").replace("\r", "\n")


_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)


def _read_document(path: Path, suffix: str, run: _Run) -> Article | None:
    """One .txt, .md or .html file as an article, or None (reported) when it cannot be."""
    source = str(path)
    try:
        with open(path, "rb") as f:
            data = f.read(run.max_bytes + 1)
    except OSError as err:
        run.skip(f"cannot read: {err.strerror or err}", source)
        return None
    if len(data) > run.max_bytes:  # grew since os.stat
        run.skip(f"file too large (more than max_bytes={run.max_bytes:,} bytes as read); "
                 f"not read: {_LARGER}", source)
        return None
    html = suffix in (".html", ".htm")
    declared = None
    if html and (match := _CHARSET.search(data, 0, 4096)):
        declared = match.group(1).decode("ascii")
    try:
        text, fallback = _decode(data, declared)
    except UnicodeDecodeError as err:
        run.skip(f"not valid {err.encoding} after its byte-order mark; not read", source)
        return None
    if "\0" in text:
        run.skip(_BINARY, source)
        return None
    sample = text[:_SAMPLE]
    if len(_CONTROL.findall(sample)) > max(8, _MAX_CONTROL * len(sample)):
        run.skip("binary file (more than 5% of its first characters are control characters); "
                 "not read", source)
        return None
    if fallback:
        run.warn(f"not valid UTF-8; decoded as {fallback}", source)
    if not text.strip():
        run.skip("file is empty", source)
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")

    title = date = url = extraction = None
    if html:
        page = _extract_html(text)
        if page.error:
            run.skip(page.error, source)
            return None
        text, title, url, extraction = page.text, page.title, page.url, extraction_note()
        if page.date:
            date = _date_or_warn(page.date, run, source, None)
        if not text.strip():
            run.skip("no main text in the page (only navigation, scripts, comments or markup)",
                     source)
            return None
    cleaned, headline, meta = _clean(text, markdown=suffix == ".md")
    if not cleaned.strip():
        run.skip("no article text left after removing page furniture and markup", source)
        return None
    if meta.get("date"):
        date = _date_or_warn(meta["date"], run, source, None)
    article_id = run.unique_id(path.stem, source, source, None)
    return Article(
        id=article_id,
        text=cleaned,
        title=title or meta.get("title") or headline,
        date=date,
        url=url or meta.get("url"),
        source=source,
        extraction=extraction,
    )


# ---------------------------------------------------------------------------------------------
# jsonl


_JSON_TYPES = {dict: "an object", list: "an array", str: "a string", int: "a number",
               float: "a number", bool: "true or false", type(None): "null"}


def _read_jsonl(path: Path, run: _Run) -> Iterator[Article]:
    source = str(path)
    try:
        f = open(path, "rb")
    except OSError as err:
        run.skip(f"cannot read: {err.strerror or err}", source)
        return
    with f:
        if b"\0" in f.read(8192):
            run.skip(_BINARY, source)
            return
        f.seek(0)
        lineno = 0
        filled = False
        while True:
            try:
                raw = f.readline(run.max_bytes + 1)
            except OSError as err:
                run.skip(f"cannot read: {err.strerror or err}", source, lineno + 1)
                return
            if not raw:
                break
            lineno += 1
            if len(raw) > run.max_bytes and not raw.endswith(b"\n"):
                while (rest := f.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass
                run.skip(f"line too long (longer than max_bytes={run.max_bytes:,}); not read: "
                         f"{_LARGER}", source, lineno)
                filled = True
                continue
            if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            if not raw.strip():
                continue
            filled = True
            article = _jsonl_article(raw, path, lineno, run)
            if article is not None:
                yield article
        if not filled:
            run.skip("file is empty", source)


def _jsonl_article(raw: bytes, path: Path, lineno: int, run: _Run) -> Article | None:
    source = str(path)

    def skip(message: str) -> None:
        run.skip(message, source, lineno)

    text, fallback = _decode(raw, boms=False)
    if fallback:
        run.warn(f"line is not valid UTF-8; decoded as {fallback}", source, lineno)
    try:
        record = json.loads(text.rstrip("\r\n"))  # an error at the end is on this line
    except json.JSONDecodeError as err:
        return skip(f"not valid JSON ({err.msg} at column {err.colno})")
    except (ValueError, RecursionError) as err:
        return skip(f"not valid JSON ({err})")
    if not isinstance(record, dict):
        return skip(f"a line must be a JSON object with a 'text' field, not {_json_type(record)}")
    body = record.get("text")
    if body is None:
        return skip("no 'text' field (or it is null)")
    for field in ("text", "id", "title", "date", "url"):
        value = record.get(field)
        if value is not None and not isinstance(value, str):
            return skip(f"{field!r} must be a string, not {_json_type(value)}")
        if value is not None and _SURROGATE.search(value):
            run.warn(f"{field!r} holds a lone surrogate escape (\\ud800-\\udfff), not text; "
                     "replaced by U+FFFD", source, lineno)
            record[field] = _SURROGATE.sub("\ufffd", value)
    body = record["text"]
    if not body.strip():
        return skip("'text' is empty")

    wanted = record.get("id")
    if wanted is not None and not wanted.strip():
        run.warn(f"'id' is empty (used {path.stem}-{lineno} instead)", source, lineno)
        wanted = None
    date = _date_or_warn(record["date"], run, source, lineno) if record.get("date") else None
    cleaned, headline, _ = _clean(_blank_carriage_returns(body), markdown=False)
    if not cleaned.strip():
        return skip("no article text left after removing page furniture")
    title = (record.get("title") or "").strip() or headline
    url = (record.get("url") or "").strip() or None
    where = f"{source}:{lineno}"
    article_id = run.unique_id(wanted.strip() if wanted else f"{path.stem}-{lineno}",
                               where, source, lineno)
    return Article(id=article_id, text=cleaned, title=title, date=date, url=url, source=where)


def _json_type(value: object) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


# ---------------------------------------------------------------------------------------------
# Dates


def _parse_date(value: str) -> dt.date | None:
    """An ISO 8601 date or datetime string as a date (a datetime keeps its own calendar day).

    >>> _parse_date("2024-12-04"), _parse_date("2024-12-04T23:30:00-05:00")
    (datetime.date(2024, 12, 4), datetime.date(2024, 12, 4))
    >>> _parse_date("4 December") is None
    True
    """
    value = value.strip()
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        return None


def _date_or_warn(value: str, run: _Run, source: str, line: int | None) -> dt.date | None:
    date = _parse_date(value)
    if date is None:
        run.warn(f"bad date ({value!r} is not an ISO 8601 date or datetime); date left empty",
                 source, line)
    return date


# ---------------------------------------------------------------------------------------------
# Cleaning that keeps offsets


@dataclass(frozen=True)
class _Furniture:
    """graphbuild/data/furniture.toml, compiled."""

    trim: str
    exact: frozenset[str]
    pattern: re.Pattern[str]
    max_pattern_chars: int
    share_words: frozenset[str]
    max_share_words: int
    bullet: re.Pattern[str]


@functools.cache
def _furniture() -> _Furniture:
    name = "graphbuild/data/furniture.toml"
    try:
        data = tomllib.loads(
            resources.files("graphbuild").joinpath("data", "furniture.toml").read_text("utf-8"))
        lines, bullets = data["lines"], data["bullets"]
        trim = str(lines["trim"])
        return _Furniture(
            trim=trim,
            exact=frozenset(_normalise(str(entry), trim) for entry in lines["exact"]),
            pattern=re.compile("|".join(f"(?:{p})" for p in lines["patterns"])),
            max_pattern_chars=int(lines["max_pattern_chars"]),
            share_words=frozenset(str(w).casefold() for w in lines["share_words"]),
            max_share_words=int(lines["max_share_words"]),
            bullet=re.compile(
                rf"^([ \t]*)(?:[{re.escape(bullets['glyphs'])}]"
                rf"|[{re.escape(bullets['dashes'])}](?=\s|$))"),
        )
    except (OSError, KeyError, TypeError, ValueError, re.error) as err:
        raise LexiconError(f"{name} is malformed: {err!r}") from err


def _normalise(line: str, trim: str) -> str:
    line = line.replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(line.split()).casefold().strip(trim)


_SHARE_SEPARATORS = re.compile(r"[\s|/,·•]+")


def _is_furniture(line: str, furniture: _Furniture) -> bool:
    """Whether a whole line is page furniture (the line is not blank)."""
    norm = _normalise(line, furniture.trim)
    if not norm or norm in furniture.exact:
        return True
    if len(norm) <= furniture.max_pattern_chars and furniture.pattern.fullmatch(norm):
        return True
    if len(norm) > furniture.max_pattern_chars:
        return False
    words = [w for w in _SHARE_SEPARATORS.split(norm) if w]
    return 0 < len(words) <= furniture.max_share_words and all(
        w in furniture.share_words for w in words)


_NOT_NEWLINE = re.compile(r"[^\n]")


def _blank(text: str) -> str:
    """Spaces for every character but LF."""
    return _NOT_NEWLINE.sub(" ", text)


def _blank_but_keep(match: re.Match[str]) -> str:
    """A regex replacement: blank the match except its ``keep`` group."""
    whole, base = match.group(0), match.start()
    if "keep" in match.re.groupindex and match.group("keep") is not None:
        start, end = match.start("keep") - base, match.end("keep") - base
    else:
        start = end = len(whole)
    return _blank(whole[:start]) + whole[start:end] + _blank(whole[end:])



# Link text and targets stop at a bracket of their kind: a line of "[" is read once, not once
# for each "[" (which made a 100 kB line take minutes).
_LINK_TARGET = r"\((?:[^()\n]|\([^()\n]*\))*\)"
# Emphasis spans at most this many characters, so a line full of unmatched ``*`` stays linear.
_MAX_SPAN = 500
# The emphasised text holds no marker of its own kind (an emphasis nested in another of the
# same kind goes first, the outer one in the second pass): a line of "*a " is read once, not
# _MAX_SPAN times.
_EMPHASIS = tuple(
    rf"(?<![\w*\\])(?P<m>{m}{{1,3}})(?=[^\s{c}])(?P<keep>[^\n{c}]{{0,{_MAX_SPAN}}}?[^\s{c}])"
    rf"(?P=m)(?![\w*])" for m, c in ((r"\*", "*"), ("_", "_")))
_MARKDOWN: tuple[re.Pattern[str], ...] = tuple(re.compile(p, re.M) for p in (
    r"<!--(?s:.*?)(?:-->|\Z)",  # comments
    r"^ {0,3}(?:`{3,}|~{3,})[^\n]*$",  # code fences
    r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S[^\n]*$",  # link reference definitions
    r"^ {0,3}#{1,6}(?=[ \t]|$)(?P<keep>[^\n]*?)(?:[ \t]+#+)?[ \t]*$",  # ATX headings
    r"^ {0,3}(?:=+|-+|(?:[-*_][ \t]*){3,})[ \t]*$",  # setext underlines, rules
    r"^[ \t]{0,3}(?:>[ \t]?)+",  # block quotes
    r"^(?=[^\n]*\|)(?=[^\n]*---)[ \t|:-]+$",  # table header separators
    r"!\[[^\[\]\n]*\](?:" + _LINK_TARGET + r"|\[[^\[\]\n]*\])",  # images
    r"\[\^[^\[\]\n]+\]",  # footnote references
    r"\[(?P<keep>[^\[\]\n]*)\]" + _LINK_TARGET,  # inline links: keep the text
    r"\[(?P<keep>[^\[\]\n]+)\]\[[^\[\]\n]*\]",  # reference links
    r"<(?:https?|ftp|mailto):[^>\s]*>",  # autolinks
    r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>",  # inline HTML tags
    r"(?P<m>`+)(?P<keep>[^`\n]+?)(?P=m)",  # inline code
    *_EMPHASIS,  # emphasis
    *_EMPHASIS,  # again: emphasis nested in emphasis
    rf"(?<!~)~~(?=\S)(?P<keep>[^\n]{{0,{_MAX_SPAN}}}?\S)~~(?!~)",  # strikethrough
    r"\\(?=[\\`*_{}\[\]()#+\-.!|>~<])",  # backslash escapes
))
_TABLE_ROW = re.compile(r"^[ \t]*\|[^\n]*\|[ \t]*$", re.M)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>(?:[^\n]*\n)*?)(?:---|\.\.\.)[ \t]*(?:\n|\Z)")
_FRONT_MATTER_KEY = re.compile(r"^[A-Za-z_][\w-]*[ \t]*:", re.M)
_FRONT_MATTER_FIELD = re.compile(
    r"^(?P<key>title|date|url|link|permalink)[ \t]*:[ \t]*(?P<value>[^\n]*?)[ \t]*$", re.M | re.I)


def _blank_markdown(text: str) -> tuple[str, dict[str, str]]:
    """Blank Markdown markup (keeping link and emphasis text); read front-matter fields."""
    meta: dict[str, str] = {}
    front = _FRONT_MATTER.match(text)
    if front and _FRONT_MATTER_KEY.match(front.group("body")):
        for field in _FRONT_MATTER_FIELD.finditer(front.group("body")):
            key = field.group("key").lower()
            key = "url" if key in ("link", "permalink") else key
            value = field.group("value").strip("\"'").strip()
            if value and key not in meta:
                meta[key] = value
        text = _blank(front.group(0)) + text[front.end():]
    for pattern in _MARKDOWN:
        text = pattern.sub(_blank_but_keep, text)
    text = _TABLE_ROW.sub(lambda m: m.group(0).replace("|", " "), text)
    return text, meta


_FINAL_PUNCTUATION = re.compile(r"[.!?…:;][\"'”’»)\]]*$")


def _take_headline(lines: list[str]) -> str | None:
    """Blank the headline in ``lines`` (in place) and return it, if the text opens with one."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or first + 1 >= len(lines) or lines[first + 1].strip():
        return None
    headline = " ".join(lines[first].split())
    if len(headline) >= 200 or _FINAL_PUNCTUATION.search(headline):
        return None
    if not any(line.strip() for line in lines[first + 2:]):
        return None
    lines[first] = _blank(lines[first])
    return headline


def _clean(text: str, *, markdown: bool) -> tuple[str, str | None, dict[str, str]]:
    """Blank markup, bullets, furniture and the headline; the result has the same length.

    Returns the cleaned text, the headline (or None) and Markdown front-matter fields.

    >>> _clean("Title\\n\\n## Part\\n- **one** [two](http://x.org)\\nTweet\\n", markdown=True)
    ('     \\n\\n   Part\\n    one    two               \\n     \\n', 'Title', {})
    """
    furniture = _furniture()
    meta: dict[str, str] = {}
    if markdown:
        text, meta = _blank_markdown(text)
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        line = furniture.bullet.sub(lambda m: m.group(1) + _blank(m.group(0)[len(m.group(1)):]),
                                    line, count=1)
        lines[i] = _blank(line) if _is_furniture(line, furniture) else line
    headline = _take_headline(lines)
    _blank_dateline(lines)
    return "\n".join(lines), headline, meta


# "NEW DELHI, March 3 (Reuters) - ", "OTTAWA — ": the place and agency a wire story opens with
_DATELINE = re.compile(
    r"^(\s*)((?P<place>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})(?:, [A-Za-z]+\.?(?: \d{1,2})?)?"
    r"(?: \([A-Za-z .&-]{2,40}\))?\s*[-—–]+\s)")


def _blank_dateline(lines: list[str]) -> None:
    """Blank the dateline a wire story's first paragraph opens with (in place).

    >>> lines = ["NEW DELHI, March 3 (Reuters) - Canada met Mexico."]
    >>> _blank_dateline(lines); lines[0].strip()
    'Canada met Mexico.'
    >>> lines = ["US - China talks resumed."]
    >>> _blank_dateline(lines); lines[0]
    'US - China talks resumed.'
    """
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return
    m = _DATELINE.match(lines[first])
    if m is None or len(m.group("place").replace(".", "").replace(" ", "")) < 4:
        return  # too short to be a place rather than an acronym ("US - China talks")
    lines[first] = m.group(1) + _blank(m.group(2)) + lines[first][m.end():]


# ---------------------------------------------------------------------------------------------
# HTML, through trafilatura

#: A page with more elements than this is not read: finding the main text takes time in
#: proportion to the elements (about a quarter of a millisecond each), so a page of millions of
#: ``<p>`` would hold a run for minutes. A long news page has a few thousand.
MAX_HTML_ELEMENTS = 30_000

# What a browser does not show is not text: the hidden attribute, aria-hidden, display:none.
_STYLE = "translate(translate(@style, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), ' ', '')"
_HIDDEN_XPATH = [
    "//*[@hidden]", "//*[@aria-hidden='true']",
    f"//*[contains({_STYLE}, 'display:none') or contains({_STYLE}, 'visibility:hidden')]",
]


@dataclass(frozen=True)
class _Page:
    text: str
    title: str | None
    date: str | None
    url: str | None
    error: str | None  # why nothing could be read


@functools.cache
def _trafilatura():
    """trafilatura and its settings: main text of any length, no network, dates from the
    page's markup (meta tags, JSON-LD, the URL), never guessed from the text."""
    import trafilatura
    from trafilatura.settings import use_config

    for name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
        logging.getLogger(name).setLevel(logging.CRITICAL)  # their debugging is not ours
    config = use_config()
    config.set("DEFAULT", "min_extracted_size", "1")  # short wire stories are articles too
    config.set("DEFAULT", "min_output_size", "1")
    config.set("DEFAULT", "extraction_timeout", "0")
    config.set("DEFAULT", "extensive_date_search", "off")
    return trafilatura, config


def extraction_note() -> str:
    """What :attr:`Article.extraction <graphbuild.types.Article.extraction>` says of an
    article read from HTML: the main text as trafilatura (this version) extracts it.

    >>> extraction_note().startswith("html main text: trafilatura ")
    True
    """
    trafilatura, _ = _trafilatura()
    return f"html main text: trafilatura {trafilatura.__version__}"


def _parse_page(html: str):
    """The lxml tree of a page (a fragment gets the document around it), or None."""
    from lxml import etree
    from lxml import html as lxml_html

    parser = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        return lxml_html.document_fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    except (etree.ParserError, ValueError):
        return None


def _extract_html(html: str) -> _Page:
    """The main text of a page (paragraphs separated by a blank line), its title, date and URL.

    >>> page = _extract_html("<html><head><title>Talks end | Daily</title>"
    ...     '<meta property="article:published_time" content="2024-05-02"></head><body>'
    ...     "<nav><a href='/'>Home</a> <a href='/w'>World</a></nav><article><h1>Talks end</h1>"
    ...     "<p>The ministers met in Oslo.</p><p>They will meet again.</p></article></body>")
    >>> page.title, page.date, page.text
    ('Talks end', '2024-05-02', 'Talks end\\n\\nThe ministers met in Oslo.\\n\\nThey will meet again.')
    """
    trafilatura, config = _trafilatura()
    tree = _parse_page(html)
    if tree is None:
        return _Page("", None, None, None, "not an HTML document lxml can parse")
    elements = int(tree.xpath("count(//*)"))
    if elements > MAX_HTML_ELEMENTS:
        return _Page("", None, None, None, f"page has {elements:,} HTML elements, more than "
                     f"{MAX_HTML_ELEMENTS:,}; not read")
    try:
        doc = trafilatura.bare_extraction(
            tree, with_metadata=True, include_comments=False, include_tables=True,
            favor_precision=True, prune_xpath=_HIDDEN_XPATH, config=config,
            date_extraction_params={"extensive_search": False, "original_date": True,
                                    "outputformat": "%Y-%m-%d"})
    except (ValueError, TypeError, AttributeError, RecursionError) as err:
        return _Page("", None, None, None, f"trafilatura failed ({type(err).__name__}: {err})")
    if doc is None:
        return _Page("", None, None, None, None)
    paragraphs = (" ".join(line.split()) for line in (doc.text or "").split("\n"))
    text = "\n\n".join(p for p in paragraphs if p)
    return _Page(text, doc.title or None, doc.date or None, doc.url or None, None)
