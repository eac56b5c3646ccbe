"""Doc -> events: the trigger lexicon, the dependency-parse extractor and a registry of extractors.

``graphbuild.extract`` is also the notebook function ``graphbuild.extract(text)``: once this
package is imported, Python binds the name ``graphbuild.extract`` to it, so the package itself
is made callable and does what :func:`graphbuild.pipeline.extract` does.
"""

from __future__ import annotations

import sys
import types
from typing import Any


class _CallablePackage(types.ModuleType):
    def __call__(self, text: str, **options: Any) -> list:
        from ..pipeline import extract

        return extract(text, **options)


sys.modules[__name__].__class__ = _CallablePackage
