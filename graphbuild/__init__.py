"""graphbuild: news about diplomacy -> a knowledge graph of PLOVER-typed events.

Importing graphbuild loads no model and opens no file; the spaCy pipeline is loaded the
first time text is parsed.
"""

from .errors import GraphbuildError, InputError, ModelError
from .types import Actor, ActorType, Article, Event, Modality, Plover, QuadClass

__all__ = [
    "Actor",
    "ActorType",
    "Article",
    "Event",
    "Modality",
    "Plover",
    "QuadClass",
    "GraphbuildError",
    "InputError",
    "ModelError",
]
__version__ = "0.1.0"
