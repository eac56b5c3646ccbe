"""The twelve-actor sample graph and helpers shared by the render tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import matplotlib.image as mpimg
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from graphbuild.render.figure import add_axes
from graphbuild.render.registry import get_kind
from graphbuild.types import Actor, ActorType, Article, Event, Modality, Plover

ROOT = Path(__file__).resolve().parents[2]

# Twelve made-up actors: six countries, three people, three organisations.
SYL = Actor("Syldavia", ActorType.COUNTRY, "SYL", aliases=("Kingdom of Syldavia",))
BOR = Actor("Borduria", ActorType.COUNTRY, "BOR")
FRE = Actor("Freedonia", ActorType.COUNTRY, "FRE")
GEN = Actor("Genovia", ActorType.COUNTRY, "GEN")
LAT = Actor("Latveria", ActorType.COUNTRY, "LAT")
ELB = Actor("Elbonia", ActorType.COUNTRY, "ELB")
QUILL = Actor("Ana Quill", ActorType.PERSON, "SYL", role="Foreign Minister")
OKORO = Actor("Benedikt Okoro-Vantongeren", ActorType.PERSON, "BOR", role="President")
MARSH = Actor("Cleo Marsh", ActorType.PERSON, "FRE")
COUNCIL = Actor("Northern Maritime Cooperation Council", ActorType.ORG)
BANK = Actor("Coastal States Development Bank", ActorType.ORG, "GEN")
LEAGUE = Actor("League of Inland Nations", ActorType.ORG)
ACTORS = [SYL, BOR, FRE, GEN, LAT, ELB, QUILL, OKORO, MARSH, COUNCIL, BANK, LEAGUE]

ARTICLES = [
    Article("a1", "...", title="Talks", date=dt.date(2024, 3, 4)),
    Article("a2", "...", title="Accusations", date=dt.date(2024, 3, 9)),
    Article("a3", "...", title="Aid", date=dt.date(2024, 3, 15)),
    Article("a4", "...", title="No date"),
]


def ev(article: str, s: Actor, o: Actor, p: Plover, i: int, **kw: object) -> Event:
    return Event(article, s, o, p, p.value.lower(), f"Sentence {i}.", i * 10, i * 10 + 9, **kw)


STORIES = [  # four separate stories: no event joins one to another
    ev("s1", SYL, BOR, Plover.ACCUSE, 1), ev("s1", BOR, SYL, Plover.REJECT, 2),
    ev("s1", SYL, BOR, Plover.CONSULT, 3, symmetric=True), ev("s1", BOR, QUILL, Plover.THREATEN, 4),
    ev("s2", FRE, GEN, Plover.AID, 5), ev("s2", GEN, LAT, Plover.SUPPORT, 6),
    ev("s2", LAT, FRE, Plover.AGREE, 7, symmetric=True),
    ev("s3", MARSH, OKORO, Plover.CONSULT, 8, symmetric=True),
    ev("s4", ELB, COUNCIL, Plover.REQUEST, 9),
]




EVENTS = [
    ev("a1", SYL, BOR, Plover.CONSULT, 1, symmetric=True),
    ev("a1", SYL, BOR, Plover.CONSULT, 2, symmetric=True),
    ev("a2", BOR, SYL, Plover.CONSULT, 3, symmetric=True),
    ev("a2", BOR, SYL, Plover.ACCUSE, 4),
    ev("a2", SYL, BOR, Plover.REJECT, 5),
    ev("a2", SYL, BOR, Plover.SANCTION, 6, negated=True),
    ev("a1", QUILL, MARSH, Plover.CONSULT, 7, symmetric=True),
    ev("a3", FRE, GEN, Plover.AID, 8, date=dt.date(2024, 3, 14)),
    ev("a3", GEN, FRE, Plover.AGREE, 9, symmetric=True, modality=Modality.PLANNED),
    ev("a3", BANK, ELB, Plover.AID, 10),
    ev("a2", LAT, ELB, Plover.THREATEN, 11),
    ev("a2", LAT, ELB, Plover.MOBILIZE, 12),
    ev("a2", ELB, LAT, Plover.PROTEST, 13),
    ev("a1", COUNCIL, SYL, Plover.REQUEST, 14),
    ev("a1", OKORO, COUNCIL, Plover.SUPPORT, 15),
    ev("a4", LEAGUE, LAT, Plover.SANCTION, 16),
    ev("a4", FRE, LEAGUE, Plover.COOPERATE, 17, symmetric=True),
    ev("a3", OKORO, SYL, Plover.THREATEN, 18),
    ev("a3", MARSH, BANK, Plover.CONSULT, 19),
    ev("a2", GEN, SYL, Plover.SUPPORT, 20),
]



def ev(article: str, s: Actor, o: Actor, p: Plover, i: int, **kw: object) -> Event:
    return Event(article, s, o, p, p.value.lower(), f"Sentence {i}.", i * 10, i * 10 + 9, **kw)


def axes(kind: str = "network", size: tuple[float, float] | None = None, dpi: int = 100):
    fig = Figure(figsize=size or get_kind(kind).figsize, dpi=dpi)
    FigureCanvasAgg(fig)
    return add_axes(fig, kind)


def texts(ax, prefix: str) -> dict[str, object]:
    return {t.get_gid().split("|", 1)[1]: t for t in ax.texts
            if (t.get_gid() or "").startswith(prefix + "|")}


def flat(text: str) -> str:
    return " ".join(text.split())


def edges(ax) -> list:
    return [p for p in ax.patches if (p.get_gid() or "").startswith("edge|")]


def non_white_share(path: Path) -> float:
    pixels = mpimg.imread(path)[..., :3]
    return float((pixels.min(axis=-1) < 0.95).mean())


# States with their real ISO codes, so that the map can place them.
STATES = ["USA", "RUS", "CHN", "IND", "FRA", "DEU", "GBR", "BRA", "ZAF", "EGY", "TUR", "JPN",
          "AUS", "MEX", "NGA", "IRN", "SAU", "KEN", "ARG", "IDN", "PAK", "UKR", "POL", "CAN"]


def synthetic_events(n_events: int, *, n_people: int = 60, n_orgs: int = 12,
                     seed: int = 5) -> tuple[list[Event], list[Article]]:
    """``n_events`` made-up events among 24 states, their people and organisations, over a
    year of made-up articles (ten events an article)."""
    import random

    rng = random.Random(seed)
    states = [Actor(f"State {code}", ActorType.COUNTRY, code) for code in STATES]
    people = [Actor(f"Person {i:03d}", ActorType.PERSON, rng.choice(STATES)) for i in range(n_people)]
    orgs = [Actor(f"Body {i:02d}", ActorType.ORG, rng.choice([None, *STATES])) for i in range(n_orgs)]
    actors = states * 3 + people + orgs  # states take part in most events
    start = dt.date(2024, 1, 1)
    articles = [Article(f"art{i}", "...", date=start + dt.timedelta(days=rng.randrange(366)))
                for i in range(max(1, n_events // 10))]
    modalities = [Modality.ASSERTED] * 8 + [Modality.PLANNED, Modality.POSSIBLE]
    events = []
    for i in range(n_events):
        s, o = rng.sample(actors, 2)
        if s == o:
            continue
        p = rng.choice(list(Plover))
        events.append(Event(articles[i // 10].id, s, o, p, p.value.lower(), f"Event {i}.", i, i + 5,
                            negated=rng.random() < 0.05, modality=rng.choice(modalities),
                            symmetric=p in (Plover.CONSULT, Plover.AGREE) and rng.random() < 0.7))
    return events, articles
