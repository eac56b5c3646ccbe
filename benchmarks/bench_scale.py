"""Benchmark: how each stage after extraction grows with the graph.

For synthetic graphs of 10k, 50k, 200k and 1M events (a few hundred actors with sectors,
dates over a year, every PLOVER type in turn, argument spans) and for a real-text corpus
(the events ``graphbuild extract`` finds in a folder of texts), it times each stage and
records its peak memory:

- ``build graph``: ``graph_from_records`` over the events (read from a jsonl file first,
  not timed);
- ``export FORMAT``: ``write_graph`` for every writable format of the format table;
- ``render KIND``: ``graphbuild.render.render(G, kind, path)`` for every registered kind
  (``ego`` on the actor with the most events);
- ``validate``: ``graphbuild.rdf.validate`` of the Turtle export (streamed in chunks of
  12 MiB, the default), and ``validate whole file``: the same in one store, for comparison;
- ``query``: ``graphbuild.rdf.query`` over the Turtle export (events per type).

Each stage runs in a subprocess of its own, so its peak memory (``VmHWM``) is its own; the
table gives the stage's time and its peak minus the memory the subprocess held before the
stage began (the graph loaded). A stage that runs past ``--timeout`` seconds of its own
(loading the events, building the graph and writing the Turtle file it reads do not count;
they take minutes at 1M events) is stopped and shown as ``> N s`` (a stage inside one long call
of native code, such as the whole-file check, is stopped when the call returns, or killed
:data:`SETUP_ALLOWANCE` seconds later). The results are appended to ``benchmarks/RESULTS.md`` as one table, with the
growth exponent of each stage (the slope of log time against log events over the synthetic
sizes that finished: 1 is linear).

Run from the repository root::

    python benchmarks/bench_scale.py --sizes 10000,50000 --render-timeout 60   # ~25 minutes
    python benchmarks/bench_scale.py --sizes 10000,50000,200000,1000000 --timeout 600
    python benchmarks/bench_scale.py --sizes 10000 --real /work/shared/eval/texts/conflibert_train
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHUNK_BYTES = 12 * 2**20  # graphbuild.rdf.shacl_chunks.CHUNK_BYTES, its default

_CODES = ["USA", "RUS", "CHN", "IND", "FRA", "GBR", "DEU", "JPN", "BRA", "ZAF", "TUR", "IRN",
          "EGY", "NGA", "MEX", "IDN", "PAK", "UKR", "ISR", "SAU", "KEN", "ARG", "AUS", "CAN"]


def synthetic_records(n_events: int, *, seed: int = 7):
    """``n_events`` event records (as ``graphbuild.graph.event_records`` gives them)."""
    from graphbuild.types import Modality, Plover, Sector

    rng = random.Random(seed)
    sectors = list(Sector)
    actors = [(code, "COUNTRY", code, None) for code in _CODES]
    for i in range(360):
        code = _CODES[i % len(_CODES)]
        kind = "PERSON" if i % 3 else "ORG"
        actors.append((f"{'Person' if kind == 'PERSON' else 'Group'} {i}", kind,
                       code if kind == "PERSON" or i % 2 else None, sectors[i % len(sectors)].value))
    plovers, modalities = list(Plover), [m.value for m in Modality]
    start = dt.date(2024, 1, 1)
    n_articles = max(1, n_events // 5)
    for k in range(n_events):
        (s, st, sc, ss), (o, ot, oc, os_) = rng.sample(actors, 2)
        begin = rng.randrange(0, 5000)
        day = (start + dt.timedelta(days=rng.randrange(366))).isoformat()
        yield {
            "doc_id": f"art-{k % n_articles}", "doc_date": day,
            "subject": s, "subject_type": st, "subject_country": sc, "subject_sector": ss,
            "relation": "relation", "plover": plovers[k % len(plovers)].value,
            "object": o, "object_type": ot, "object_country": oc, "object_sector": os_,
            "negated": rng.random() < 0.1, "modality": rng.choice(modalities),
            "symmetric": rng.random() < 0.2, "date": day,
            "sentence": f"Sentence {k} says what {s} did to {o}.", "start": begin,
            "end": begin + 60, "confidence": round(rng.random(), 3), "rule": "bench.rule",
            "subject_start": begin, "subject_end": begin + len(s),
            "object_start": begin + 20, "object_end": begin + 20 + len(o),
        }


# --- one stage, in a subprocess -----------------------------------------------------------

def _memory_mb(field: str) -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _load(events: Path):
    from graphbuild.graph import graph_from_records

    with open(events, encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh]
    return records, graph_from_records


class _OutOfTime(Exception):
    pass


def _stage(name: str, events: Path, work: Path, budget: float | None = None) -> dict:
    """Run one stage in this process; return its seconds and memory. ``budget`` seconds are
    allowed for the stage itself, after the events, the graph and the Turtle file are ready."""
    records, graph_from_records = _load(events)
    G = None if name == "build graph" else graph_from_records(records)
    ttl = work / "graph.ttl"
    if name in ("validate", "validate whole file", "query"):
        from graphbuild.rdf import write_graph
        if not ttl.exists():
            write_graph(G, ttl)
    before = _memory_mb("VmRSS")
    if budget:
        def out_of_time(signum, frame):
            raise _OutOfTime

        signal.signal(signal.SIGALRM, out_of_time)
        signal.setitimer(signal.ITIMER_REAL, budget)
    t0 = time.perf_counter()
    try:
        _run(name, G, records, graph_from_records, ttl, work)
    except _OutOfTime:
        return {"timeout": budget}
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "peak_mb": _memory_mb("VmHWM"), "before_mb": before,
            "events": len(records)}


def _run(name: str, G, records: list, graph_from_records, ttl: Path, work: Path) -> None:
    if name == "build graph":
        G = graph_from_records(records)
    elif name.startswith("export "):
        from graphbuild.rdf import formats, write_graph
        fmt = formats.get(name.split()[1])
        write_graph(G, work / f"out.{fmt.extension}", fmt.name)
    elif name.startswith("render "):
        from graphbuild.render import render
        kind = name.split()[1]
        focus = max(G.nodes, key=G.degree) if kind == "ego" else None
        render(G, kind, work / f"{kind}.png", **({"focus": focus} if focus else {}))
    elif name.startswith("validate"):
        from graphbuild.rdf import validate
        conforms, _ = validate(ttl, chunk_bytes=None if name.endswith("whole file") else
                               CHUNK_BYTES)
        assert conforms
    elif name == "query":
        from graphbuild.rdf import query
        query(ttl, "SELECT ?t (COUNT(?e) AS ?n) WHERE { ?e gb:eventType ?t } GROUP BY ?t")


def stages() -> list[str]:
    from graphbuild.rdf import formats
    from graphbuild.render import KINDS

    return (["build graph"] + [f"export {n}" for n in formats.names(writable=True)]
            + [f"render {k}" for k in KINDS] + ["validate", "validate whole file", "query"])


#: Seconds a stage's process may take to load the events and build the graph (and write the
#: Turtle file a stage reads) before its own ``timeout`` starts: a minute or two at 1M events.
SETUP_ALLOWANCE = 1800


def run_stage(name: str, events: Path, work: Path, timeout: float) -> dict:
    """``name`` in a fresh interpreter, stopped after ``timeout`` seconds of the stage itself
    (loading the events and building the graph do not count)."""
    cmd = [sys.executable, __file__, "--stage", name, "--events", str(events), "--work", str(work),
           "--budget", str(timeout)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout + SETUP_ALLOWANCE,
                              env={**os.environ, "MPLBACKEND": "Agg"})
    except subprocess.TimeoutExpired:
        return {"timeout": timeout}
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["?"])[-1]
        return {"error": tail[:120]}
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- the table ----------------------------------------------------------------------------

def exponent(points: list[tuple[int, float]]) -> float | None:
    """Least-squares slope of log(seconds) on log(events)."""
    points = [(n, s) for n, s in points if s > 0]
    if len(points) < 2:
        return None
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(s) for _, s in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return None if den == 0 else sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den


def _cell(result: dict) -> str:
    if "timeout" in result:
        return f"> {result['timeout']:.0f} s | -"
    if "error" in result:
        return f"error: {result['error']} | -"
    return f"{result['seconds']:.2f} | {max(0.0, result['peak_mb'] - result['before_mb']):.0f}"


def table(results: dict[str, dict[str, dict]], columns: list[str], synthetic: list[str]) -> str:
    head = "| stage | " + " | ".join(f"{c} s | {c} MB" for c in columns) + " | exponent |"
    rule = "|---|" + "---:|---:|" * len(columns) + "---:|"
    lines = [head, rule]
    for stage, row in results.items():
        points = [(row[c]["events"], row[c]["seconds"]) for c in synthetic
                  if c in row and "seconds" in row[c]]
        slope = exponent(points)
        timed_out = any("timeout" in row.get(c, {}) for c in synthetic)
        shown = "-" if slope is None else f"{slope:.2f}" + (" (before timeout)" if timed_out else "")
        lines.append(f"| {stage} | " + " | ".join(_cell(row.get(c, {"error": "not run"}))
                                                   for c in columns) + f" | {shown} |")
    return "\n".join(lines)


def real_events(folder: str, work: Path) -> Path:
    """The events ``graphbuild extract FOLDER`` prints, as records in a jsonl file."""
    out = work / "real.jsonl"
    with open(out, "w", encoding="utf-8") as fh:
        subprocess.run([sys.executable, "-m", "graphbuild", "extract", "-q", folder], stdout=fh,
                       check=True, cwd=ROOT)
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="10000,50000", help="synthetic sizes (events), comma-separated")
    p.add_argument("--real", default="/work/shared/eval/texts/conflibert_train",
                   help="a folder of texts to extract events from ('' to skip)")
    p.add_argument("--timeout", type=float, default=180, help="seconds per stage (default 180)")
    p.add_argument("--render-timeout", type=float, default=None,
                   help="seconds per diagram stage (default: --timeout)")
    p.add_argument("--only", default="", help="comma-separated stage names (default: all)")
    p.add_argument("--results", default=str(Path(__file__).with_name("RESULTS.md")),
                   help="Markdown file to append to ('' to skip)")
    p.add_argument("--stage", help=argparse.SUPPRESS)
    p.add_argument("--events", help=argparse.SUPPRESS)
    p.add_argument("--work", help=argparse.SUPPRESS)
    p.add_argument("--budget", type=float, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.stage:  # the subprocess
        print(json.dumps(_stage(args.stage, Path(args.events), Path(args.work), args.budget)))
        return 0

    names = [s for s in stages() if not args.only or s in args.only.split(",")]
    results: dict[str, dict[str, dict]] = {s: {} for s in names}
    columns, synthetic = [], []
    started = time.time()
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        inputs = []
        for size in [int(s) for s in args.sizes.split(",") if s.strip()]:
            path = Path(tmp) / f"synthetic-{size}.jsonl"
            with open(path, "w", encoding="utf-8") as fh:
                for rec in synthetic_records(size):
                    fh.write(json.dumps(rec) + "\n")
            label = (f"{size // 1_000_000}M" if size % 1_000_000 == 0 else
                     f"{size // 1000}k" if size % 1000 == 0 else f"{size:,}")
            inputs.append((label, path))
            synthetic.append(label)
        if args.real:
            inputs.append((f"real ({Path(args.real).name})", real_events(args.real, Path(tmp))))
        for label, path in inputs:
            columns.append(label)
            work = Path(tmp) / label.split()[0]
            work.mkdir(exist_ok=True)
            for stage in names:
                limit = (args.render_timeout or args.timeout) if stage.startswith("render ") \
                    else args.timeout
                results[stage][label] = run_stage(stage, path, work, limit)
                print(f"{label:>12} {stage:<18} {_cell(results[stage][label])}", flush=True)
    text = table(results, columns, synthetic)
    print(text)
    if args.results:
        events = {c: next((r[c]["events"] for r in results.values() if "events" in r.get(c, {})), "?")
                  for c in columns}
        with open(args.results, "a", encoding="utf-8") as fh:
            fh.write(f"\n## Scale benchmark ({dt.datetime.now():%Y-%m-%d %H:%M}): {os.cpu_count()} "
                     f"cores, CPython {platform.python_version()}, load average "
                     f"{os.getloadavg()[0]:.1f} at the end, {time.time() - started:.0f} s in all\n\n"
                     f"`python benchmarks/bench_scale.py --sizes {args.sizes} --timeout "
                     f"{args.timeout:.0f}"
                     + (f" --render-timeout {args.render_timeout:.0f}" if args.render_timeout else "")
                     + "`. Events per column: "
                     + ", ".join(f"{c} = {n}" for c, n in events.items())
                     + ". Each stage in its own subprocess; MB is the stage's peak memory above "
                     "what the process held before it (the events and the graph loaded); "
                     "exponent: slope of log time on log events over the synthetic sizes.\n\n"
                     + text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
