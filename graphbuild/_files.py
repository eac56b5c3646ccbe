"""Writing output files atomically, one build at a time per folder, inside the output folder."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import glob
import os
import re
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ._safe import quoted
from .errors import ExportError

__all__ = ["LOCK_NAME", "atomic_write", "inside", "locked_folder", "remove_stale_temps"]

#: The lock file a build holds inside its output folder while it runs.
LOCK_NAME = ".graphbuild.lock"


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
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp",
                                   dir=path.parent)  # the owner's pid: see remove_stale_temps
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
    was killed while writing it: those whose owner is gone.

    A temporary file is named ``.NAME.PID.XXXX.tmp`` after the process writing it; it is deleted
    only when no process of that id is running, so a build never deletes another's file in
    progress. One without a process id (from an older graphbuild) is deleted when it was last
    modified before ``older_than`` (a ``time.time()``). Returns what was deleted. A temporary
    file is hidden, so it is never taken for an output; this only tidies up.

    >>> import tempfile, pathlib, time
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / ".graph.ttl.k2j4.tmp").write_text("half a graph")
    >>> _ = (d / f".graph.ttl.{os.getpid()}.x7q1.tmp").write_text("a graph in progress")
    >>> [p.name for p in remove_stale_temps(d / "graph.ttl", time.time() + 1)]
    ['.graph.ttl.k2j4.tmp']
    """
    path = Path(path)
    owned = re.compile(rf"\.{re.escape(path.name)}\.(\d+)\.[^.]+\.tmp")
    removed = []
    for tmp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        match = owned.fullmatch(tmp.name)
        with contextlib.suppress(OSError):
            if not tmp.is_file():
                continue
            if match is not None:
                if _running(int(match.group(1))):
                    continue
            elif tmp.stat().st_mtime >= older_than:
                continue
            tmp.unlink()
            removed.append(tmp)
    return removed


def _running(pid: int) -> bool:
    """Whether a process ``pid`` exists (on this machine)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's
        return True
    except OverflowError:
        return False
    return True


@contextlib.contextmanager
def locked_folder(folder: str | os.PathLike, *, wait: float = 0.0, poll: float = 0.1
                  ) -> Iterator[Path]:
    """Hold ``folder`` (made if missing) for one build: an exclusive ``fcntl`` lock on
    ``folder/.graphbuild.lock``.

    When another process holds it, wait up to ``wait`` seconds for it, then raise
    :class:`~graphbuild.errors.ExportError` naming the folder. On leaving, the lock file is
    removed, and so is the folder if this call made it and nothing was written into it.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "out"
    >>> with locked_folder(out):
    ...     with locked_folder(out):
    ...         pass
    Traceback (most recent call last):
    ...
    graphbuild.errors.ExportError: another graphbuild is writing into ... (process ...); ...
    >>> out.exists()
    False
    """
    folder = Path(folder)
    lock = folder / LOCK_NAME
    deadline = time.monotonic() + max(0.0, wait)
    while True:
        created = _make_folder(folder)
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as err:
            holder = _holder(fd)
            os.close(fd)
            if err.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise
            if time.monotonic() >= deadline:
                waited = f"waited {wait:g} s; " if wait > 0 else ""
                raise ExportError(
                    f"another graphbuild is writing into {quoted(folder)} (process {holder}); "
                    f"{waited}try again when it ends, or wait longer with --wait SECONDS") from None
            time.sleep(poll)
            continue
        if _same_file(fd, lock):
            break
        os.close(fd)  # the holder removed it as we took it: take the new one
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield folder
    finally:
        with contextlib.suppress(OSError):
            os.unlink(lock)
        if created:
            with contextlib.suppress(OSError):
                folder.rmdir()  # only when empty: nothing was written
        os.close(fd)


def _make_folder(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True)
    except FileExistsError:
        return False
    return True


def _holder(fd: int) -> str:
    """The process id the holder of a lock wrote into it, or "?"."""
    with contextlib.suppress(OSError, ValueError):
        return str(int(os.pread(fd, 32, 0).decode("ascii").strip()))
    return "?"


def _same_file(fd: int, path: Path) -> bool:
    try:
        a, b = os.fstat(fd), os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


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
