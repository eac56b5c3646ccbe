"""Writing output files atomically, and keeping them inside the output folder."""

from __future__ import annotations

import contextlib
import glob
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from .errors import ExportError

__all__ = ["atomic_write", "inside", "remove_stale_temps"]


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "w", *, encoding: str | None = "utf-8",
                 fsync: bool = True) -> Iterator[IO]:
    """Open a temporary file beside ``path``; on success it replaces ``path`` in one step.

    A run killed at any moment leaves the previous file intact: the new one appears only
    when it is complete. ``fsync=False`` skips forcing the data to disk before the rename
    (much faster for many small files): a power cut may then leave a damaged file, so only
    for files whose damage is detected, such as cache entries with a checksum.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_write(d / "x.txt") as fh:
    ...     _ = fh.write("done")
    >>> (d / "x.txt").read_text()
    'done'
    """
    path = Path(path)
    if "b" in mode:
        encoding = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as err:
        raise ExportError(f"cannot write {path}: {err.strerror}") from err
    try:
        os.chmod(tmp, _file_mode(path))
        with os.fdopen(fd, mode, encoding=encoding) as fh:
            yield fh
            fh.flush()
            if fsync:
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def remove_stale_temps(path: str | os.PathLike, older_than: float) -> list[Path]:
    """Delete the temporary files that :func:`atomic_write` left beside ``path`` when a run
    was killed while writing it, if last modified before ``older_than`` (a ``time.time()``).

    Returns what was deleted. A temporary file is hidden (``.NAME.XXXX.tmp``), so it is never
    taken for an output; this only tidies up.

    >>> import tempfile, pathlib, time
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / ".graph.ttl.k2j4.tmp").write_text("half a graph")
    >>> [p.name for p in remove_stale_temps(d / "graph.ttl", time.time() + 1)]
    ['.graph.ttl.k2j4.tmp']
    """
    path = Path(path)
    removed = []
    for tmp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            if tmp.is_file() and tmp.stat().st_mtime < older_than:
                tmp.unlink()
                removed.append(tmp)
    return removed


def _file_mode(path: Path) -> int:
    """The permissions a new file would get (mkstemp makes it owner-only): keep the old file's."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def inside(folder: str | os.PathLike, name: str) -> Path:
    """``folder / name``, refusing a name that would leave ``folder``.

    >>> inside("/tmp/out", "graph.ttl").name
    'graph.ttl'
    >>> inside("/tmp/out", "../../etc/x")
    Traceback (most recent call last):
    ...
    graphbuild.errors.ExportError: refusing to write '../../etc/x' outside /tmp/out
    """
    base = Path(folder).resolve()
    target = (base / name).resolve()
    if base != target.parent and base not in target.parents:
        raise ExportError(f"refusing to write {name!r} outside {folder}")
    return target
