"""Tables the resolver derives from installed packages (pycountry, countryinfo, wordfreq), kept
between runs.

Reading countryinfo's file of every state and pycountry's every subdivision in each process
doubled the time the state and region tables took to load (0.32 s of CPU against 0.17 s), and
wordfreq loads the frequencies of every English word. What the resolver takes from them is
therefore made once and kept as JSON in a folder of the user's: ``$GRAPHBUILD_TABLES`` if set, else
``$XDG_CACHE_HOME/graphbuild/tables``, else ``~/.cache/graphbuild/tables``. A table's file name
holds a hash of the packages' versions and of the files it is made from (the module that makes
it, and any data file of ours it reads), so an upgrade of a package, or a change to graphbuild,
makes the table anew. Nothing of the packages'
data is shipped with graphbuild.

A folder that cannot be written is no error (the table is then made in every run), and a
damaged file is made again. Every file is written whole or not at all.

Examples
--------
>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> kept("squares", lambda: {str(n): n * n for n in range(3)}, packages=("pycountry",),
...      files=[__file__], folder=folder)
{'0': 0, '1': 1, '2': 4}
>>> [p.name.split("-")[0] for p in folder.iterdir()]
['squares']
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from .._files import atomic_write
from ..errors import GraphbuildError

__all__ = ["kept", "table_folder"]

log = logging.getLogger(__name__)


def table_folder() -> Path:
    """Where the derived tables are kept (see the module's description)."""
    given = os.environ.get("GRAPHBUILD_TABLES")
    if given:
        return Path(given)
    cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache) / "graphbuild" / "tables"


def _key(name: str, packages: Sequence[str], files: Sequence[str | os.PathLike]) -> str:
    digest = hashlib.sha256(name.encode())
    for package in packages:
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=none".encode())
    for file in files:
        digest.update(Path(file).read_bytes())
    return digest.hexdigest()[:16]


def kept(name: str, make: Callable[[], Any], *, packages: Sequence[str],
         files: Sequence[str | os.PathLike], folder: Path | None = None) -> Any:
    """``make()``, a value JSON can hold, as last made with the same ``packages`` (their
    versions) and the same content of ``files`` (the module defining ``make``, and the data
    files it reads).

    The value is returned as JSON reads it back (lists, not tuples or sets), whether it was
    just made or read from the folder, so callers see one form. ``folder`` defaults to
    :func:`table_folder`. Files of other versions are left for the user to delete.
    """
    folder = folder or table_folder()
    path = folder / f"{name}-{_key(name, packages, files)}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        pass
    except (OSError, ValueError) as err:  # unreadable or damaged: made again
        log.info("making %s again: %s", path, err)
    text = json.dumps(make(), ensure_ascii=False, sort_keys=True)
    try:
        with atomic_write(path, fsync=False) as handle:
            handle.write(text)
    except (OSError, GraphbuildError) as err:
        log.info("cannot keep %s (%s): it is made in every run", path, err)
    return json.loads(text)
