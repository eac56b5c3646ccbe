"""graphbuild's errors: one base class, each subclass also the matching built-in.

>>> issubclass(InputError, ValueError) and issubclass(InputError, GraphbuildError)
True
"""

from __future__ import annotations

__all__ = [
    "GraphbuildError",
    "InputError",
    "ModelError",
    "LexiconError",
    "RegistryError",
    "ExportError",
    "StoreError",
]


class GraphbuildError(Exception):
    """Base class of every error graphbuild raises on purpose."""


class InputError(GraphbuildError, ValueError):
    """An input file or text that cannot be read as articles.

    ``path`` and ``line`` say where, when known. ``skipped`` is True when the input it names
    was not read (the usual case); :func:`graphbuild.ingest.iter_articles` also reports
    warnings about inputs it did read (a decoding fallback, a bad date) as ``InputError`` with
    ``skipped=False``.

    >>> err = InputError("not valid JSON", path="news.jsonl", line=3)
    >>> str(err), err.skipped
    ('news.jsonl:3: not valid JSON', True)
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        skipped: bool = True,
    ):
        where = path if path is not None else ""
        if path is not None and line is not None:
            where = f"{path}:{line}"
        super().__init__(f"{where}: {message}" if where else message)
        self.path = path
        self.line = line
        self.reason = message
        self.skipped = skipped


class ModelError(GraphbuildError, RuntimeError):
    """No usable spaCy pipeline could be loaded."""


class LexiconError(GraphbuildError, ValueError):
    """A lexicon or actor list that is malformed."""


class RegistryError(GraphbuildError, KeyError):
    """A name that is not registered, or a name already taken by another function."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class ExportError(GraphbuildError, OSError):
    """An output that could not be written."""


class StoreError(GraphbuildError, RuntimeError):
    """A triple store that could not be reached or refused a request."""
