"""Colours, markers and line styles shared by every diagram, and the cooperation weights."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

from ..types import ActorType, Plover, QuadClass

if TYPE_CHECKING:  # pragma: no cover
    pass


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


#: How cooperative (positive) or hostile (negative) each PLOVER type is, from -10 to +10.
#: Our own scale in the spirit of the Goldstein scale, used by ``draw_matrix(...,
#: weight="cooperation")``: material acts weigh more than words, force the most.
PLOVER_WEIGHTS: Mapping[Plover, float] = MappingProxyType({
    Plover.AGREE: 5.0,
    Plover.CONSULT: 2.0,
    Plover.SUPPORT: 3.0,
    Plover.CONCEDE: 4.0,
    Plover.COOPERATE: 6.0,
    Plover.AID: 7.0,
    Plover.RETREAT: 5.0,
    Plover.REQUEST: -1.0,
    Plover.ACCUSE: -3.0,
    Plover.REJECT: -4.0,
    Plover.THREATEN: -6.0,
    Plover.SANCTION: -7.0,
    Plover.PROTEST: -5.0,
    Plover.MOBILIZE: -6.0,
    Plover.COERCE: -8.0,
    Plover.ASSAULT: -10.0,
})


#: What share of its type's weight an event adds to the cooperation score: a planned or
#: possible event counts half, a negated one (it did not happen) not at all.
MODALITY_FACTORS: Mapping[str, float] = MappingProxyType({
    "asserted": 1.0,
    "reported": 1.0,
    "planned": 0.5,
    "possible": 0.5,
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
