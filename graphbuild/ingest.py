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
- the text extracted from the page, for ``.html``: the visible text, one paragraph a block
  element, with runs of whitespace made one space. HTML source offsets are not kept.

Headline
--------
When the first non-blank line is shorter than 200 characters, does not end in punctuation
(``. ! ? … : ;``) and is followed by a blank line and more text, it is taken as the headline:
blanked from the text and used as ``Article.title`` unless a title is known otherwise (the
jsonl ``title``, a Markdown front-matter ``title``, the HTML ``<title>`` or first ``<h1>``).

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
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
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

    title = date = url = None
    if html:
        page = _extract_html(text)
        if page.error:
            run.warn(f"HTML parser stopped early ({page.error}); kept the text before it", source)
        text, title, url = page.text, page.title, page.url
        if page.date:
            date = _date_or_warn(page.date, run, source, None)
        if not text.strip():
            run.skip("no visible text in the page (only scripts, styles, navigation or markup)",
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
    skip_elements: frozenset[str]
    skip_roles: frozenset[str]
    skip_classes: frozenset[str]


@functools.cache
def _furniture() -> _Furniture:
    name = "graphbuild/data/furniture.toml"
    try:
        data = tomllib.loads(
            resources.files("graphbuild").joinpath("data", "furniture.toml").read_text("utf-8"))
        lines, bullets, html = data["lines"], data["bullets"], data["html"]
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
            skip_elements=frozenset(str(e).lower() for e in html["skip_elements"]),
            skip_roles=frozenset(str(r).lower() for r in html["skip_roles"]),
            skip_classes=frozenset(str(c).lower() for c in html["skip_classes"]),
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


_COMMENT_END = re.compile(r"--!?\s*>")
_SECTION_NAME = re.compile(r"([a-zA-Z][-_.a-zA-Z0-9]*)\s*")
_SECTIONS = frozenset({"temp", "cdata", "ignore", "include", "rcdata", "if", "else", "endif"})

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
# HTML


_DROP_ALWAYS = frozenset({
    "script", "style", "noscript", "template", "head", "title", "svg", "math", "iframe",
    "object", "embed", "canvas", "audio", "video", "picture", "map",
})
_HEAD_CONTENT = frozenset({"title", "meta", "link", "script", "style", "base", "noscript",
                           "template"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr"})
_PARAGRAPH = frozenset({
    "address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "ul", "center",
    "caption",
})
_LINE = frozenset({"br", "li", "dt", "dd", "tr", "option"})
_CELL = frozenset({"td", "th"})
_DATE_META = frozenset({"article:published_time", "og:published_time", "datepublished",
                        "date", "pubdate", "publish-date", "publishdate", "dc.date",
                        "dc.date.issued", "citation_publication_date", "sailthru.date"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class _Page:
    text: str
    title: str | None
    date: str | None
    url: str | None
    error: str | None


class _VisibleText(HTMLParser):
    """Collects the visible text of a page: no scripts, styles, head, navigation, footers."""

    def __init__(self, furniture: _Furniture):
        super().__init__(convert_charrefs=True)
        self.furniture = furniture
        self.parts: list[str] = []
        self.title: list[str] = []
        self.h1: list[str] | None = None  # the first <h1>, while it is being read
        self.first_h1: str | None = None
        self.date: str | None = None
        self.url: str | None = None
        self.canonical = False
        self._stack: list[str] = []
        self._open: Counter[str] = Counter()
        self._hidden_from: int | None = None  # stack depth where a dropped element opened
        self._in_title = False
        self._closing = False  # inside close(): what is left is a truncated tag
        self._truncated = False
        self._lasts_of: str | None = None  # the rawdata self._lasts was computed for
        self._lasts: dict[str, int] = {}

    # the element stack ----------------------------------------------------------------------

    def _push(self, tag: str) -> None:
        self._stack.append(tag)
        self._open[tag] += 1

    def _pop_to(self, depth: int) -> None:
        while len(self._stack) > depth:
            tag = self._stack.pop()
            self._open[tag] -= 1
            if tag == "h1" and self.h1 is not None:
                self.first_h1 = " ".join("".join(self.h1).split()) or None
                self.h1 = None
        if self._hidden_from is not None and len(self._stack) <= self._hidden_from:
            self._hidden_from = None

    def _close_last(self, tag: str) -> None:
        """Close the innermost open ``tag`` and whatever was left open inside it."""
        if self._open[tag] > 0:
            depth = len(self._stack) - 1
            while self._stack[depth] != tag:
                depth -= 1
            self._pop_to(depth)

    # events -----------------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_title = False
        values = {name.lower(): (value or "") for name, value in attrs}
        if tag in ("meta", "link"):
            self._read_meta(tag, values)
        if self._open["head"] and tag not in _HEAD_CONTENT:
            self._close_last("head")  # the body started without </head>
        if self._stack and self._stack[-1] == "p" and tag in _PARAGRAPH:
            self._pop_to(len(self._stack) - 1)
        if tag in ("li", "dt", "dd", "tr", "td", "th", "option") and self._stack \
                and self._stack[-1] == tag:
            self._pop_to(len(self._stack) - 1)
        self._break(tag)
        if tag in _VOID:
            return
        self._push(tag)
        if tag == "title" and not self.title and not (self._open["svg"] or self._open["math"]):
            self._in_title = True
        if self._hidden_from is None and self._dropped(tag, values):
            self._hidden_from = len(self._stack) - 1
        if tag == "h1" and self.first_h1 is None and self.h1 is None and self._hidden_from is None:
            self.h1 = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            self.handle_starttag(tag, attrs)
        else:  # <div/>: nothing inside
            self._break(tag)

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False
        self._close_last(tag)
        if tag in _PARAGRAPH:  # a list item or row ends where the next one starts
            self._break(tag)

    def handle_data(self, data: str) -> None:
        if self._closing and (self._truncated or data.startswith("<")):
            self._truncated = True  # "<a hre" at the end of a truncated file
            return
        if self._in_title:
            self.title.append(data)
            return
        if self._hidden_from is not None:
            return
        if not self._open["pre"]:
            data = _WHITESPACE.sub(" ", data)
        self.parts.append(data)
        if self.h1 is not None:
            self.h1.append(data)

    def close(self) -> None:
        self._closing = True
        super().close()
        self._pop_to(0)

    # markup left open ---------------------------------------------------------------------------
    # At the end of a page, Python's parser looks for the end of every tag, comment or section
    # still open by reading the rest of the page again, once for each: a page of 100,000 "<a "
    # or "<!--a>" takes minutes. The end that a construct needs comes after the last ">" (and
    # the last "--" or "]") of the page or nowhere: one search per page answers it.

    def _last(self, token: str) -> int:
        """Where ``token`` last starts in the data left to parse (-1: nowhere); ``"-->"``
        stands for every way a comment can end (``--\\s*>``, ``--!>``)."""
        raw = self.rawdata
        if self._lasts_of is not raw:
            self._lasts_of, self._lasts = raw, {}
        if token not in self._lasts:
            if token == "-->":
                self._lasts[token] = max((m.start() for m in _COMMENT_END.finditer(raw)),
                                         default=-1)
            else:
                self._lasts[token] = raw.rfind(token)
        return self._lasts[token]

    def _open_to_the_end(self, i: int) -> bool:
        return self._last(">") < i

    def parse_starttag(self, i: int) -> int:
        return -1 if self._open_to_the_end(i) else super().parse_starttag(i)

    def parse_endtag(self, i: int) -> int:
        return -1 if self._open_to_the_end(i) else super().parse_endtag(i)

    def parse_pi(self, i: int) -> int:
        return -1 if self._open_to_the_end(i) else super().parse_pi(i)

    def parse_html_declaration(self, i: int) -> int:
        if self.rawdata.startswith(("<!--", "<!["), i):  # to the two below
            return super().parse_html_declaration(i)
        return -1 if self._open_to_the_end(i) else super().parse_html_declaration(i)

    def parse_comment(self, i: int, report: bool = True) -> int:  # type: ignore[override]
        # a comment ends at an end after "<!--", or at once: "<!-->", "<!--->"
        raw = self.rawdata
        if self._open_to_the_end(i) or (self._last("-->") < i + 4
                                        and not raw.startswith((">", "->"), i + 4)):
            return -1
        return super().parse_comment(i, report)

    def parse_marked_section(self, i: int, report: bool = True) -> int:  # type: ignore[override]
        # "<![CDATA[" and the other known sections end with "]...>"; an unknown one is an error
        name = _SECTION_NAME.match(self.rawdata, i + 3)
        if name and name.group(1).lower() in _SECTIONS and (
                self._open_to_the_end(i) or self._last("]") < i):
            return -1
        return super().parse_marked_section(i, report)

    # helpers ----------------------------------------------------------------------------------

    def _break(self, tag: str) -> None:
        if self._hidden_from is not None:
            return
        if tag in _PARAGRAPH:
            self.parts.append("\n\n")
        elif tag in _LINE:
            self.parts.append("\n")
        elif tag in _CELL:
            self.parts.append(" ")

    def _dropped(self, tag: str, attrs: dict[str, str]) -> bool:
        furniture = self.furniture
        if tag in _DROP_ALWAYS or tag in furniture.skip_elements:
            return True
        if tag == "header" and not (self._open["article"] or self._open["main"]):
            return True
        if "hidden" in attrs or attrs.get("aria-hidden", "").lower() == "true":
            return True
        if _HIDDEN_STYLE.search(attrs.get("style", "")):
            return True
        if attrs.get("role", "").lower() in furniture.skip_roles:
            return True
        names = attrs.get("class", "").lower().split() + [attrs.get("id", "").lower()]
        return any(name in furniture.skip_classes for name in names)

    def _read_meta(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "link":
            if "canonical" in attrs.get("rel", "").lower().split() and attrs.get("href"):
                self.url, self.canonical = attrs["href"].strip(), True
            return
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        content = attrs.get("content", "").strip()
        if not content:
            return
        if key in _DATE_META and self.date is None:
            self.date = content
        elif key == "og:url" and not self.canonical:
            self.url = content


def _extract_html(html: str) -> _Page:
    """The visible text of a page, its title, date and URL.

    >>> page = _extract_html("<html><head><title>Talks</title><script>var a = '<p>x</p>';"
    ...     "</script></head><body><nav>Home</nav><h1>Talks end</h1><p>They met.<p>Again")
    >>> page.title, page.text
    ('Talks', 'Talks end\\n\\nThey met.\\n\\nAgain')
    """
    parser, error = _parse_html(html)
    if error:  # mostly a <!...> declaration the parser cannot read: browsers ignore those too
        retry, retry_error = _parse_html(_BOGUS_DECLARATION.sub(" ", html))
        if retry_error is None:
            parser, error = retry, None
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\f\v]*\n[ \t\f\v]*", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    title = " ".join("".join(parser.title).split()) or parser.first_h1
    return _Page(text=text, title=title, date=parser.date, url=parser.url, error=error)


_BOGUS_DECLARATION = re.compile(r"<!(?!--|doctype)[^>]*>?", re.I)


def _parse_html(html: str) -> tuple[_VisibleText, str | None]:
    """Parse ``html``; on malformed markup, the parser so far and what stopped it."""
    parser = _VisibleText(_furniture())
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError, IndexError, RecursionError) as err:
        return parser, f"{type(err).__name__}: {err}"
    return parser, None
