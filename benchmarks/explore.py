"""How fast the explorer page (graph.html) is written and opens, at corpus scale.

    python benchmarks/explore.py [--events 15000] [--actors 5000] [--countries 80] [--append]

A synthetic year of news: ``--actors`` actors (a state each for ``--countries`` countries, the
rest people and organisations of those states) and ``--events`` events between them over a
year, of random PLOVER types and modalities, each with a sentence of 100-200 characters. It
measures writing the page, its size, and in headless Chromium (Debian's chromium with
selenium) the time until the page is laid out, opened grouped by country (the default past
300 actors) and with every actor drawn, and the time to expand the largest country. With
``--append`` the table is added to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def synthetic_graph(events: int, actors: int, countries: int, seed: int = 0):
    from graphbuild.graph import build_graph
    from graphbuild.types import Actor, ActorType, Article, Event, Modality, Plover

    rng = random.Random(seed)
    codes = [f"Q{chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(countries)]
    people = [Actor(f"State {c}", ActorType.COUNTRY, c) for c in codes]
    while len(people) < actors:
        code = rng.choice(codes)
        kind = ActorType.PERSON if rng.random() < 0.7 else ActorType.ORG
        people.append(Actor(f"Actor {len(people)} of {code}", kind, code,
                            role="Minister" if kind is ActorType.PERSON else None))
    weights = [1.0 / (1 + i) for i in range(len(people))]  # a few actors are in most of the news
    start = dt.date(2025, 1, 1)
    out, articles = [], []
    words = "the talks on trade and security went on for hours before both sides spoke".split()
    for i in range(events):
        a, b = rng.choices(people, weights=weights, k=2)
        if a.id == b.id:
            continue
        day = start + dt.timedelta(days=rng.randrange(365))
        text = f"{a.label} and {b.label} " + " ".join(rng.choices(words, k=rng.randrange(15, 30))) + "."
        article = f"art-{i // 3}"
        if i % 3 == 0:
            articles.append(Article(article, "...", title=f"Report {i // 3}", date=day,
                                    url=f"https://news.example.org/{i // 3}"))
        out.append(Event(article, a, b, rng.choice(list(Plover)), "did", text, 0, len(text),
                         modality=rng.choice(list(Modality)), negated=rng.random() < 0.05, date=day,
                         subject_start=0, subject_end=len(a.label)))
    return build_graph(out, articles)


def measure(args) -> list[tuple[str, str]]:
    import browser
    from graphbuild.explore import AGGREGATE_ABOVE, write_explorer

    G = synthetic_graph(args.events, args.actors, args.countries)
    rows = [("actors", f"{G.number_of_nodes():,}"), ("events", f"{G.number_of_edges():,}")]
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        grouped = write_explorer(G, Path(tmp) / "grouped.html")
        rows.append(("write graph.html, s", f"{time.perf_counter() - started:.2f}"))
        rows.append(("page size, MB", f"{grouped.stat().st_size / 1e6:.1f}"))
        flat = write_explorer(G, Path(tmp) / "flat.html", aggregate_above=10**9)
        why = browser.missing()
        if why:
            rows.append(("browser", f"not measured: {why}"))
            return rows
        with browser.chromium() as driver:
            ready = browser.open_page(driver, grouped, timeout=300)
            nodes = driver.execute_script("return graphbuildExplorer.nodes.length")
            rows.append((f"open grouped by country ({nodes} nodes, > {AGGREGATE_ABOVE} actors), s",
                         f"{ready:.2f}"))
            started = time.perf_counter()
            shown = driver.execute_script("""
                var x = graphbuildExplorer, counts = {};
                x.nodes.getIds().forEach(function (id) { counts[id] = 0; });
                var big = x.nodes.get().sort(function (a, b) { return (b.value || 0) - (a.value || 0); })[0].id;
                x.state.expanded.add(big.slice(2)); x.redraw(); return x.nodes.length;""")
            rows.append((f"expand the largest country (then {shown} nodes), s",
                         f"{time.perf_counter() - started:.2f}"))
            try:
                flat_ready = browser.open_page(driver, flat, timeout=args.flat_timeout)
                rows.append((f"open with every actor drawn ({G.number_of_nodes():,} nodes), s",
                             f"{flat_ready:.2f}"))
                rows.append(("every actor / grouped, ratio", f"{flat_ready / ready:.1f}"))
            except TimeoutError:
                rows.append((f"open with every actor drawn ({G.number_of_nodes():,} nodes), s",
                             f"> {args.flat_timeout:.0f} (not ready)"))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=15000)
    parser.add_argument("--actors", type=int, default=5000)
    parser.add_argument("--countries", type=int, default=80)
    parser.add_argument("--flat-timeout", type=float, default=180.0)
    parser.add_argument("--append", action="store_true", help="add the table to benchmarks/RESULTS.md")
    args = parser.parse_args()
    rows = measure(args)
    load = os.getloadavg()[0]
    lines = [f"## Explorer at corpus scale, {dt.datetime.now():%Y-%m-%d %H:%M}: {os.cpu_count()} cores, "
             f"CPython {platform.python_version()}, load average {load:.2f} at the end", "",
             f"`python benchmarks/explore.py --events {args.events} --actors {args.actors} "
             f"--countries {args.countries}`: a synthetic year of news; times in headless Chromium "
             "until the layout is done.", "", "| measure | value |", "|---|---:|"]
    lines += [f"| {name} | {value} |" for name, value in rows]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.append:
        with open(ROOT / "benchmarks" / "RESULTS.md", "a", encoding="utf-8") as fh:
            fh.write("\n" + text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
