"""JSON-LD without the network: a remote ``@context`` is never fetched.

pyoxigraph's JSON-LD parser loads no remote document. A file whose ``@context`` names
graphbuild's own context IRI (:data:`CONTEXT_IRI`) is read with the copy shipped in this
package (``context.jsonld``); any other remote context is refused with one line that names
it, so reading or validating a JSON-LD file never makes a request.

Examples
--------
>>> import json, os, tempfile
>>> path = os.path.join(tempfile.mkdtemp(), "x.jsonld")
>>> doc = {"@context": CONTEXT_IRI, "@id": "https://example.com/a",
...        "schema:name": "A"}
>>> _ = open(path, "w", encoding="utf-8").write(json.dumps(doc))
>>> [q.object.value for q in parse_jsonld(path)]
['A']
>>> doc["@context"] = "https://contexts.example.com/other.jsonld"
>>> _ = open(path, "w", encoding="utf-8").write(json.dumps(doc))
>>> parse_jsonld(path)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
graphbuild.errors.InputError: ...x.jsonld: JSON-LD @context 'https://contexts.example.com/other.jsonld' is remote; graphbuild never fetches a context: put it in the file (or name graphbuild's, https://graphbuild.example.org/ns/context.jsonld)
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..errors import InputError

__all__ = ["CONTEXT_IRI", "CONTEXT_PATH", "shipped_context", "parse_jsonld"]

CONTEXT_IRI = "https://graphbuild.example.org/ns/context.jsonld"
"""The IRI that names graphbuild's JSON-LD context (its prefixes); never fetched."""
CONTEXT_PATH = Path(__file__).with_name("context.jsonld")
"""The context shipped with graphbuild, used wherever a file names :data:`CONTEXT_IRI`."""


@lru_cache(maxsize=1)
def shipped_context() -> dict[str, Any]:
    """The value of ``@context`` in ``context.jsonld``."""
    return dict(json.loads(CONTEXT_PATH.read_text(encoding="utf-8"))["@context"])


def _inline(value: Any, path: str) -> Any:
    """``value`` (a JSON-LD ``@context``) with graphbuild's context IRI replaced by the
    shipped context; any other remote context raises."""
    if isinstance(value, list):
        return [_inline(v, path) for v in value]
    if isinstance(value, str):
        if value == CONTEXT_IRI:
            return shipped_context()
        raise InputError(f"JSON-LD @context {value!r} is remote; graphbuild never fetches a "
                         f"context: put it in the file (or name graphbuild's, {CONTEXT_IRI})",
                         path=path)
    if isinstance(value, dict) and "@import" in value:
        raise InputError(f"JSON-LD @import {value['@import']!r} is remote; graphbuild never "
                         "fetches a context: put it in the file", path=path)
    return value


def _walk(node: Any, path: str) -> Any:
    if isinstance(node, list):
        return [_walk(v, path) for v in node]
    if isinstance(node, dict):
        return {k: _inline(v, path) if k == "@context" else _walk(v, path)
                for k, v in node.items()}
    return node


def parse_jsonld(path: str | os.PathLike[str]) -> list[ox.Quad]:
    """Every quad of a JSON-LD file, with no remote context loaded.

    Raises
    ------
    InputError
        If the file is not JSON-LD, or names a remote context other than graphbuild's.
    """
    name = os.fspath(path)
    try:
        with open(name, encoding="utf-8") as fh:
            doc = _walk(json.load(fh), name)
        data = json.dumps(doc).encode("utf-8")
        return list(ox.parse(data, format=ox.RdfFormat.JSON_LD))
    except FileNotFoundError as err:
        raise InputError("no such file", path=name) from err
    except RecursionError as err:
        raise InputError("not valid JSON-LD: nested too deeply", path=name) from err
    except (SyntaxError, ValueError, OSError) as err:  # JSONDecodeError is a ValueError
        if isinstance(err, InputError):
            raise
        raise InputError(f"not valid JSON-LD: {err}", path=name) from err
