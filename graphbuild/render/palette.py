"""Colours, markers and line styles shared by every diagram, and the cooperation weights."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from types import MappingProxyType

from ..relations import PLANNED_FACTOR, cooperation_weights
from ..types import ActorType, Plover, QuadClass

#: The Okabe-Ito palette (Okabe & Ito, "Color Universal Design", 2002).
OKABE_ITO: Mapping[str, str] = MappingProxyType({
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
    "black": "#000000",
})


#: Line (and bar, and marker) colour of each quad class.
QUAD_COLORS: Mapping[QuadClass, str] = MappingProxyType({
    QuadClass.VERBAL_COOPERATION: OKABE_ITO["sky blue"],
    QuadClass.MATERIAL_COOPERATION: OKABE_ITO["blue"],
    QuadClass.VERBAL_CONFLICT: OKABE_ITO["orange"],
    QuadClass.MATERIAL_CONFLICT: OKABE_ITO["vermillion"],
})


#: Fill colour of each actor type's nodes.
ACTOR_COLORS: Mapping[ActorType, str] = MappingProxyType({
    ActorType.PERSON: OKABE_ITO["reddish purple"],
    ActorType.COUNTRY: OKABE_ITO["bluish green"],
    ActorType.ORG: OKABE_ITO["yellow"],
})


#: Marker shape of each actor type's nodes, so types differ by more than colour.
ACTOR_MARKERS: Mapping[ActorType, str] = MappingProxyType({
    ActorType.PERSON: "o",
    ActorType.COUNTRY: "s",
    ActorType.ORG: "h",
})


ACTOR_NAMES = {ActorType.PERSON: "Person", ActorType.COUNTRY: "Country",
                ActorType.ORG: "Organisation"}


#: Line style by what the text says of the event: it happened, it is planned or possible,
#: or it did not happen.
LINESTYLES: Mapping[str, str] = MappingProxyType({
    "asserted": "-",
    "planned": "--",
    "possible": "--",
    "negated": ":",
})


class _CooperationWeights(Mapping):
    """A read-only view of :func:`graphbuild.relations.cooperation_weights`, read on first use."""

    def __getitem__(self, plover: Plover) -> float:
        return cooperation_weights()[plover]

    def __iter__(self) -> Iterator[Plover]:
        return iter(cooperation_weights())

    def __len__(self) -> int:
        return len(cooperation_weights())

    def __repr__(self) -> str:
        return f"PLOVER_WEIGHTS({dict(self)!r})"


#: How cooperative (positive) or hostile (negative) each PLOVER type is, from -10 to +10:
#: the one scale of ``graphbuild/data/cooperation.toml`` (:func:`graphbuild.relations.
#: cooperation_weights`), used by ``draw_matrix(..., weight="cooperation")``.
PLOVER_WEIGHTS: Mapping[Plover, float] = _CooperationWeights()


#: What share of its type's weight an event adds to the cooperation score: a planned or
#: possible event counts half, a negated one (it did not happen) not at all.
MODALITY_FACTORS: Mapping[str, float] = MappingProxyType({
    "asserted": 1.0,
    "reported": 1.0,
    "planned": PLANNED_FACTOR,
    "possible": PLANNED_FACTOR,
    "negated": 0.0,
})


STYLE_ORDER = ("asserted", "planned", "possible", "negated")


PLOVER_ORDER = {p.value: i for i, p in enumerate(Plover)}


TYPE_ORDER = {t: i for i, t in enumerate((ActorType.COUNTRY, ActorType.ORG, ActorType.PERSON))}


INK = "#222222"


MUTED = "#555555"


def sequential() -> list[tuple[float, float, float]]:
    """A light-to-dark purple ramp: neutral, so counts do not read as conflict or cooperation."""
    import matplotlib

    ramp = matplotlib.colormaps["Purples"]
    return [ramp(0.15 + 0.8 * i / 255)[:3] for i in range(256)]


#: Light fills for states, and for the people and bodies that act for them (colours of our
#: choosing, kept apart from the quad-class line colours); they repeat past ten states.
STATE_TINTS: tuple[str, ...] = ("#8dd3c7", "#bebada", "#b3de69", "#fccde5", "#bc80bd", "#ccebc5",
                                "#ffed6f", "#d9b38c", "#c7c7e8", "#a6d8a6")


def state_tints(codes: Sequence[str]) -> dict[str, str]:
    """A tint for each state code, in the order given."""
    return {code: STATE_TINTS[i % len(STATE_TINTS)] for i, code in enumerate(codes)}
