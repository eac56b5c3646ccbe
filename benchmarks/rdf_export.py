"""Benchmark: writing a large graphbuild graph as Turtle, pyoxigraph path vs rdflib path.

Generates a synthetic graph of about ``--triples`` RDF triples (default 1,000,000), writes
it with ``write_graph(..., engine="oxigraph")`` (the default) and with
``engine="rdflib"`` (``to_rdflib`` + rdflib's serializer), reports triples per second for
each, and appends a section to ``benchmarks/RESULTS.md`` (date, cores, Python, versions).

Run from the repository root::

    python benchmarks/rdf_export.py                  # ~1M triples, both paths
    python benchmarks/rdf_export.py --triples 100000 --formats ttl,nt,trig
    python benchmarks/rdf_export.py --skip-rdflib    # the fast path only
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import networkx as nx  # noqa: E402

from graphbuild.graph import add_article, add_event  # noqa: E402
from graphbuild.rdf.export import iter_quads, iter_triples, write_graph  # noqa: E402
from graphbuild.types import Actor, ActorType, Article, Event, Modality, Plover  # noqa: E402

log = logging.getLogger("benchmarks.rdf_export")

TRIPLES_PER_EVENT = 18  # about: 16 on the event node, its direct triple, a share of actors


def synthetic_graph(triples: int, *, seed: int = 7) -> nx.MultiDiGraph:
    """A graph of about ``triples`` triples: random events among a few thousand actors."""
    rng = random.Random(seed)
    n_events = max(1, triples // TRIPLES_PER_EVENT)
    n_actors = max(2, n_events // 25)
    n_articles = max(1, n_events // 8)
    kinds = [ActorType.PERSON, ActorType.ORG, ActorType.COUNTRY]
    codes = [f"{a}{b}{c}" for a in "ABCDEFGH" for b in "ABCDEFGH" for c in "ABCD"]
    actors = []
    for i in range(n_actors):
        kind = kinds[i % 3]
        code = codes[i % len(codes)]
        label = f"Actor {i} “quoted” <é>" if i % 97 == 0 else f"Actor {i}"
        actors.append(Actor(label, kind, code if kind is not ActorType.ORG or i % 2 else None,
                            role="Minister" if kind is ActorType.PERSON else None,
                            aliases=(f"A{i}",)))
    G = nx.MultiDiGraph(name="graphbuild")
    G.graph["articles"] = {}
    for j in range(n_articles):
        add_article(G, Article(f"art-{j}", "", title=f"Article {j}", date=dt.date(2024, 1, 1)
                               + dt.timedelta(days=j % 365), url=f"https://news.example.com/{j}"))
    plovers = list(Plover)
    modalities = list(Modality)
    for k in range(n_events):
        a, b = rng.sample(actors, 2)
        add_event(G, Event(
            f"art-{k % n_articles}", a, b, rng.choice(plovers), "relation",
            f"Sentence {k} with \"quotes\" and\na newline.", k, k + 40,
            negated=rng.random() < 0.1, modality=rng.choice(modalities),
            symmetric=rng.random() < 0.2, confidence=rng.random(), rule="bench.rule",
            mode="visit" if k % 3 == 0 else None, date=dt.date(2024, 1, 1)
            + dt.timedelta(days=k % 365)))
    return G


def count_triples(G: nx.MultiDiGraph, fmt: str) -> int:
    if fmt in ("trig", "nq"):
        return sum(1 for _ in iter_quads(G))
    return sum(1 for _ in iter_triples(G))


def timed_write(G: nx.MultiDiGraph, fmt: str, engine: str, folder: str) -> tuple[float, int]:
    path = os.path.join(folder, f"bench-{engine}.{fmt}")
    start = time.perf_counter()
    write_graph(G, path, fmt, engine=engine)
    seconds = time.perf_counter() - start
    size = os.path.getsize(path)
    os.unlink(path)
    return seconds, size


def versions() -> str:
    import pyoxigraph
    import rdflib

    return (f"Python {platform.python_version()}, rdflib {rdflib.__version__}, "
            f"pyoxigraph {pyoxigraph.__version__}, networkx {nx.__version__}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000,
                        help="about how many triples to generate (default 1,000,000)")
    parser.add_argument("--formats", default="ttl", help="comma-separated formats (default ttl)")
    parser.add_argument("--skip-rdflib", action="store_true", help="time only the fast path")
    parser.add_argument("--results", default=str(Path(__file__).with_name("RESULTS.md")),
                        help="Markdown file to append the results to ('' to skip)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    start = time.perf_counter()
    G = synthetic_graph(args.triples)
    log.info("generated %d actors, %d events, %d articles in %.1f s", G.number_of_nodes(),
             G.number_of_edges(), len(G.graph["articles"]), time.perf_counter() - start)

    rows = []
    engines = ["oxigraph"] + ([] if args.skip_rdflib else ["rdflib"])
    with tempfile.TemporaryDirectory() as folder:
        for fmt in [f.strip() for f in args.formats.split(",") if f.strip()]:
            n = count_triples(G, fmt)
            for engine in engines:
                seconds, size = timed_write(G, fmt, engine, folder)
                rate = n / seconds
                log.info("%-5s %-8s %9d triples %8.1f s %12.0f triples/s %8.1f MB", fmt,
                         engine, n, seconds, rate, size / 1e6)
                rows.append((fmt, engine, n, seconds, rate, size))

    if args.results:
        cores = os.cpu_count()
        lines = [
            "",
            f"## RDF export ({dt.date.today().isoformat()})",
            "",
            f"`python benchmarks/rdf_export.py --triples {args.triples} --formats "
            f"{args.formats}` on {cores} cores ({platform.machine()}); {versions()}.",
            "",
            "| format | engine | triples | seconds | triples/s | file MB |",
            "|---|---|---:|---:|---:|---:|",
        ]
        for fmt, engine, n, seconds, rate, size in rows:
            lines.append(f"| {fmt} | {engine} | {n:,} | {seconds:.1f} | {rate:,.0f} | "
                         f"{size / 1e6:.1f} |")
        fast = {fmt: s for fmt, e, _, s, _, _ in rows if e == "oxigraph"}
        slow = {fmt: s for fmt, e, _, s, _, _ in rows if e == "rdflib"}
        for fmt in fast:
            if fmt in slow:
                lines.append("")
                lines.append(f"{fmt}: the pyoxigraph path is {slow[fmt] / fast[fmt]:.1f}x faster "
                             "than the rdflib path (both include building the triples).")
        path = Path(args.results)
        if not path.exists():
            lines.insert(0, "# Benchmark results")
        with path.open("a", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
        log.info("appended to %s", path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
