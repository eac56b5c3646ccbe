"""Time and peak memory of every diagram kind on synthetic event graphs.

    .venv/bin/python benchmarks/bench_render.py                  # 2k, 50k and 1M events
    .venv/bin/python benchmarks/bench_render.py --sizes 2000 50000 --kinds network map
    .venv/bin/python benchmarks/bench_render.py --append benchmarks/RESULTS.md

Each (kind, size) runs in a fresh subprocess: it builds a synthetic graph (a few hundred
actors: 60 states with real ISO codes, their people and bodies, and some bodies of no state;
events over one year, ten an article, every PLOVER type, some planned, possible, negated or
mutual), then times ``graphbuild.render.render(G, kind, "out.png")`` alone. Memory is the
process's peak resident size minus its size once the graph was built: what drawing added.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KINDS_DEFAULT = None  # every registered kind
SIZES = (2_000, 50_000, 1_000_000)


def synthetic_graph(n_events: int, *, n_states: int = 60, n_people: int = 300, n_orgs: int = 60,
                    seed: int = 11):
    """A MultiDiGraph with graphbuild's node and edge attributes (see graphbuild.graph)."""
    import networkx as nx
    import pycountry

    from graphbuild.types import Plover

    rng = random.Random(seed)
    codes = sorted(c.alpha_3 for c in pycountry.countries)[::4][:n_states]
    G = nx.MultiDiGraph(name="Synthetic year")
    nodes = []
    for code in codes:
        G.add_node(f"country/{code}", label=f"State {code}", type="COUNTRY", country=code,
                   role=None, aliases=[f"State {code}"])
        nodes.append(f"country/{code}")
    for i in range(n_people):
        node = f"person/p{i}"
        G.add_node(node, label=f"Person {i}", type="PERSON", country=rng.choice(codes), role=None,
                   aliases=[f"Person {i}"])
        nodes.append(node)
    for i in range(n_orgs):
        node = f"org/o{i}"
        G.add_node(node, label=f"Body {i}", type="ORG", country=rng.choice([None, *codes]),
                   role=None, aliases=[f"Body {i}"])
        nodes.append(node)
    weights = [1.0 / (1 + i) ** 0.6 for i in range(len(nodes))]  # some actors much busier
    start = dt.date(2024, 1, 1)
    n_articles = max(1, n_events // 10)
    G.graph["articles"] = {f"a{i}": {"title": None, "url": None, "source": None,
                                     "date": (start + dt.timedelta(days=rng.randrange(366))).isoformat()}
                           for i in range(n_articles)}
    plovers = [p.value for p in Plover]
    quads = {p.value: p.quad.value for p in Plover}
    modalities = ["asserted"] * 8 + ["planned", "possible"]
    for i in range(n_events):
        u, v = rng.choices(nodes, weights, k=2)
        if u == v:
            v = nodes[(nodes.index(u) + 1) % len(nodes)]
        p = rng.choice(plovers)
        art = f"a{i // 10}"
        G.add_edge(u, v, key=f"e{i}", plover=p, quad=quads[p], relation=p.lower(),
                   negated=rng.random() < 0.05, modality=rng.choice(modalities),
                   symmetric=p in ("CONSULT", "AGREE") and rng.random() < 0.7,
                   sentence=f"Sentence {i}.", start=0, end=10, article_id=art, confidence=0.7,
                   rule="synthetic", mode=None, context=None, date=None, trigger=None,
                   sources=[art])
    return G


def _rss_kb() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def one(kind: str, n: int) -> dict:
    """Build a graph of ``n`` events and draw ``kind``; time and memory of the drawing."""
    from graphbuild.render import KINDS, render

    t0 = time.perf_counter()
    G = synthetic_graph(n)
    built = time.perf_counter() - t0
    focus = {"focus": G.nodes[next(iter(G))]["label"]} if KINDS[kind].needs_focus else {}
    base = _rss_kb()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        render(G, kind, Path(tmp) / "out.png", **focus)
        seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"kind": kind, "events": n, "seconds": round(seconds, 2),
            "extra_mb": round(max(0, peak - base) / 1024, 1), "graph_mb": round(base / 1024, 1),
            "build_s": round(built, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--kinds", nargs="+")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per run")
    parser.add_argument("--append", metavar="FILE", help="append the table to this Markdown file")
    parser.add_argument("--one", nargs=2, metavar=("KIND", "N"), help=argparse.SUPPRESS)
    parser.add_argument("--draw", nargs=3, metavar=("KIND", "N", "FILE"),
                        help="only draw KIND of a synthetic graph of N events to FILE")
    args = parser.parse_args(argv)
    if args.draw:
        from graphbuild.render import render

        render(synthetic_graph(int(args.draw[1])), args.draw[0], args.draw[2])
        return 0
    if args.one:
        print(json.dumps(one(args.one[0], int(args.one[1]))))
        return 0
    from graphbuild.render import KINDS

    kinds = args.kinds or list(KINDS)
    rows = []
    for n in args.sizes:
        for kind in kinds:
            try:
                out = subprocess.run([sys.executable, __file__, "--one", kind, str(n)], cwd=ROOT,
                                     capture_output=True, text=True, timeout=args.timeout)
                row = json.loads(out.stdout.strip().splitlines()[-1]) if out.returncode == 0 \
                    else {"kind": kind, "events": n, "error": out.stderr.strip().splitlines()[-1:]}
            except subprocess.TimeoutExpired:
                row = {"kind": kind, "events": n, "error": f"not done in {args.timeout:g} s"}
            print(json.dumps(row), flush=True)
            rows.append(row)
    table = _table(rows)
    print(table)
    if args.append:
        with open(args.append, "a", encoding="utf-8") as fh:
            fh.write("\n" + table + "\n")
    return 0


def _table(rows: list[dict]) -> str:
    sizes = sorted({r["events"] for r in rows})
    kinds = list(dict.fromkeys(r["kind"] for r in rows))
    cell = {(r["kind"], r["events"]): (f"{r['seconds']:.1f} s, +{r['extra_mb']:.0f} MB"
                                       if "seconds" in r else str(r["error"])) for r in rows}
    head = "| kind | " + " | ".join(f"{n:,} events" for n in sizes) + " |"
    lines = [f"### Diagrams (benchmarks/bench_render.py, {dt.date.today():%Y-%m-%d})", "",
             "Time of `render(G, kind, 'out.png')` and the memory it added to the process "
             "(peak RSS minus RSS with the graph built), one subprocess a cell.", "",
             head, "|" + "---|" * (len(sizes) + 1)]
    for kind in kinds:
        lines.append(f"| {kind} | " + " | ".join(cell.get((kind, n), "") for n in sizes) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
