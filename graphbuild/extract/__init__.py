"""Doc -> events: the trigger lexicon, the dependency-parse extractor and a registry of extractors.

``graphbuild.extract`` is also the notebook function ``graphbuild.extract(text)``: once this
package is imported, Python binds the name ``graphbuild.extract`` to it, so the package itself
is made callable and forwards to the notebook function the root package keeps
(:func:`graphbuild.pipeline.extract`), so this package imports nothing that imports it.
"""

from __future__ import annotations

import sys
import types
from typing import Any


class _CallablePackage(types.ModuleType):
    def __call__(self, text: str, **options: Any) -> list:
        from .. import _extract_text

        return _extract_text(text, **options)


sys.modules[__name__].__class__ = _CallablePackage
