"""Benchmark: peak memory and time of ``graphbuild query`` over a large export.

Writes a synthetic Turtle export of ``--events`` events (default 50,000 and 1,000,000;
written in chunks of 50,000 so the generator's own memory stays small), then runs one
grouped SPARQL query over it, each way in a fresh subprocess whose peak resident memory
(``ru_maxrss``) is read when it ends:

- ``list`` (the code before this change): every quad parsed into a Python list, then
  copied into an in-memory pyoxigraph store;
- ``memory``: :func:`graphbuild.rdf.query`, the file streamed into an in-memory store;
- ``disk``: the same, streamed into a temporary on-disk store (what ``query`` does for
  files over ``DISK_THRESHOLD``).

Figures are appended to ``benchmarks/RESULTS.md``. Run from the repository root::

    python benchmarks/bench_query.py                     # 50k and 1M events
    python benchmarks/bench_query.py --events 50000 --list-max 50000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

log = logging.getLogger("benchmarks.bench_query")

CHUNK = 50_000
SPARQL = ("SELECT ?type (COUNT(?e) AS ?n) WHERE { ?e gb:eventType/skos:notation ?type } "
          "GROUP BY ?type ORDER BY ?type")


def write_export(path: Path, events: int, *, seed: int = 11) -> int:
    """A Turtle export of ``events`` synthetic events among 2,000 actors; returns its bytes."""
    import networkx as nx

    from graphbuild.graph import add_article, add_event
    from graphbuild.rdf import write_graph
    from graphbuild.types import Actor, ActorType, Article, Event, Modality, Plover

    rng = random.Random(seed)
    kinds = [ActorType.PERSON, ActorType.ORG, ActorType.COUNTRY]
    actors = [Actor(f"Actor {i}", kinds[i % 3], f"{'ABCDEFGH'[i % 8]}{'ABCDEFGH'[i // 8 % 8]}A",
                    role="Minister" if i % 3 == 0 else None) for i in range(2000)]
    plovers, modalities = list(Plover), list(Modality)
    with open(path, "wb") as out:
        for start in range(0, events, CHUNK):
            G = nx.MultiDiGraph(name="graphbuild")
            G.graph["articles"] = {}
            n = min(CHUNK, events - start)
            for j in range(start // 8, (start + n) // 8 + 1):
                add_article(G, Article(f"art-{j}", "", title=f"Article {j}",
                                       date=dt.date(2024, 1, 1) + dt.timedelta(days=j % 365)))
            for k in range(start, start + n):
                a, b = rng.sample(actors, 2)
                add_event(G, Event(f"art-{k // 8}", a, b, rng.choice(plovers), "relation",
                                   f"Sentence {k} of the article.", k, k + 30,
                                   negated=rng.random() < 0.1, modality=rng.choice(modalities),
                                   confidence=rng.random(), rule="bench.rule",
                                   date=dt.date(2024, 1, 1) + dt.timedelta(days=k % 365)))
            part = path.with_suffix(".part.ttl")
            write_graph(G, part)
            out.write(part.read_bytes())  # Turtle allows a prefix to be declared again
            part.unlink()
    return path.stat().st_size


_CHILD = r"""
import json, resource, sys, time
import pyoxigraph as ox
way, path, sparql = sys.argv[1:4]
from graphbuild.rdf import sparql as sp
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
if way == "list":
    from graphbuild.rdf.namespace import PREFIXES
    quads = list(ox.parse(path=path, format=ox.RdfFormat.TURTLE))
    store = ox.Store()
    store.bulk_extend(quads)
    named = any(not isinstance(q.graph_name, ox.DefaultGraph) for q in quads)
    rows = list(store.query(sparql, prefixes=dict(PREFIXES), use_default_graph_as_union=named))
else:
    sp.DISK_THRESHOLD = 0 if way == "disk" else 1 << 62
    rows = sp.query(path, sparql)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"rows": len(rows), "seconds": seconds, "peak_kb": peak, "base_kb": base}))
"""


def measure(way: str, path: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", _CHILD, way, str(path), SPARQL], env=env,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main(argv: list[str] | None = None) -> int:
    import pyoxigraph

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, action="append",
                        help="events in the export (repeatable; default 50000 and 1000000)")
    parser.add_argument("--list-max", type=int, default=200_000,
                        help="run the old list-then-store way only up to this many events "
                        "(it needs about 20 KB an event; default 200000)")
    parser.add_argument("--results", default=str(Path(__file__).with_name("RESULTS.md")),
                        help="Markdown file to append the results to ('' to skip)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("graphbuild").setLevel(logging.WARNING)
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-query-") as folder:
        for events in args.events or [50_000, 1_000_000]:
            path = Path(folder) / f"export-{events}.ttl"
            started = time.perf_counter()
            size = write_export(path, events)
            triples = sum(1 for _ in pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))
            log.info("%d events: %d triples, %.0f MB, written in %.0f s", events, triples,
                     size / 1e6, time.perf_counter() - started)
            ways = ["list", "memory", "disk"] if events <= args.list_max else ["memory", "disk"]
            for way in ways:
                result = measure(way, path)
                log.info("  %-6s peak %6.0f MB (%.0f MB at start), %.1f s", way,
                         result["peak_kb"] / 1024, result["base_kb"] / 1024, result["seconds"])
                rows.append((events, triples, size, way, result))
    if args.results:
        write_results(Path(args.results), rows)
    return 0


WAYS = {"list": "every quad in a Python list, then a store (before)",
        "memory": "`query()`: streamed into an in-memory store",
        "disk": "`query()`: streamed into a temporary on-disk store"}


def write_results(path: Path, rows: list) -> None:
    import pyoxigraph

    lines = ["", f"## Query memory ({dt.date.today().isoformat()}, `benchmarks/bench_query.py`)", "",
             f"One grouped SPARQL query (`{SPARQL}`) over a synthetic Turtle export, each way in "
             f"a fresh process; peak resident memory is the process's `ru_maxrss` (Python, "
             f"graphbuild and pyoxigraph imported: the 'at start' column). {os.cpu_count()} "
             f"cores, Python {platform.python_version()}, pyoxigraph {pyoxigraph.__version__}.",
             "", "| events | triples | file | way | peak memory | at start | seconds |",
             "|---|---|---|---|---|---|---|"]
    for events, triples, size, way, r in rows:
        lines.append(f"| {events:,} | {triples:,} | {size / 1e6:,.0f} MB | {WAYS[way]} | "
                     f"{r['peak_kb'] / 1024:,.0f} MB | {r['base_kb'] / 1024:,.0f} MB | "
                     f"{r['seconds']:.1f} |")
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    sys.exit(main())
