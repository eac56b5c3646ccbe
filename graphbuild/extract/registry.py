"""A registry of extractors, so a user's own extractor can run beside ours.

The registry holds factories: a factory takes keyword options (the lexicon, the user's
actor list, ...; it may ignore them) and returns an extractor ``(doc, *, article, actors) ->
Iterator[Event]``. ``actors`` is the :class:`~graphbuild.actors.resolve.Resolution` the
pipeline computed once for the Doc; an extractor written as ``(doc, *, article)`` is given
only what it takes. Names carry a version ("events.v1") so a saved configuration reproduces.
Registering the same function twice is harmless (a re-run notebook cell); another function
under a taken name raises; a failed lookup lists what exists.

An extractor declares the words it needs as its ``triggers`` attribute (a
:class:`~graphbuild.prefilter.Triggers`), so that the prefilter keeps the sentences holding
them; an extractor that declares none makes the pipeline parse the whole text.

Examples
--------
>>> def my_extractor(doc, *, article, actors):
...     return iter(())
>>> my_extractor.triggers = Triggers(words={"embargo"})
>>> _ = register_extractor("example.v1", my_extractor)
>>> _ = register_extractor("example.v1", my_extractor)   # harmless
>>> "example.v1" in names()
True
>>> get("nope.v1")
Traceback (most recent call last):
...
graphbuild.errors.RegistryError: no extractor named 'nope.v1'; registered: events.v1, example.v1
>>> unregister("example.v1")
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from ..errors import RegistryError
from ..prefilter import Triggers
from ..types import Extractor

__all__ = ["register", "register_extractor", "get", "names", "unregister", "create", "Triggers"]

Factory = Callable[..., Extractor]
_FACTORIES: dict[str, Factory] = {}
_PLAIN: dict[str, Extractor] = {}


def register(name: str) -> Callable[[Factory], Factory]:
    """Decorator: register an extractor factory under ``name``."""

    def deco(factory: Factory) -> Factory:
        current = _FACTORIES.get(name)
        if current is not None and current is not factory and getattr(current, "__wrapped_extractor__", None) is not getattr(factory, "__wrapped_extractor__", object()):
            raise RegistryError(f"an extractor is already registered as {name!r}; pick another name "
                                f"(registered: {', '.join(sorted(_FACTORIES))})")
        _FACTORIES[name] = factory
        return factory

    return deco


def register_extractor(name: str, extractor: Extractor) -> Extractor:
    """Register a plain extractor function ``(doc, *, article, actors) -> Iterator[Event]``."""
    current = _PLAIN.get(name)
    if current is extractor:
        return extractor

    def factory(**_options: Any) -> Extractor:
        return extractor

    factory.__wrapped_extractor__ = extractor  # type: ignore[attr-defined]
    register(name)(factory)
    _PLAIN[name] = extractor
    return extractor


def unregister(name: str) -> None:
    """Remove ``name`` from the registry (no error if absent)."""
    _FACTORIES.pop(name, None)
    _PLAIN.pop(name, None)


def get(name: str) -> Factory:
    """The factory registered as ``name``."""
    _ensure_builtins()
    try:
        return _FACTORIES[name]
    except KeyError:
        raise RegistryError(f"no extractor named {name!r}; registered: {', '.join(sorted(_FACTORIES))}") from None


def names() -> list[str]:
    """The registered extractor names, sorted."""
    _ensure_builtins()
    return sorted(_FACTORIES)


def create(name: str, **options: Any) -> Extractor:
    """Build the extractor registered as ``name`` with ``options``.

    The result takes ``(doc, *, article, actors)``, whatever the registered function takes,
    and keeps its ``triggers``.
    """
    return _taking_actors(get(name)(**options))


def _taking_actors(extractor: Extractor) -> Extractor:
    """``extractor``, or a wrapper that drops ``actors`` for one written as ``(doc, *, article)``."""
    try:
        params = inspect.signature(extractor).parameters.values()
    except (TypeError, ValueError):  # pragma: no cover - a callable without a signature
        return extractor
    if any(p.name == "actors" or p.kind is inspect.Parameter.VAR_KEYWORD for p in params):
        return extractor

    @functools.wraps(extractor)
    def without_actors(doc: Any, *, article: Any, actors: Any = None, **_: Any) -> Any:
        return extractor(doc, article=article)

    return without_actors


def _ensure_builtins() -> None:
    if "events.v1" not in _FACTORIES:
        from .events import make_event_extractor

        _FACTORIES["events.v1"] = make_event_extractor
