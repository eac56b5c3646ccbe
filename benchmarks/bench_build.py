"""Benchmark of ``graphbuild build``: throughput, the cost over a bare parse, memory, workers.

A corpus of N distinct articles is made from the sentences of the texts given (default: the
extraction benchmark's texts), recombined by a seeded random generator into paragraphs and
articles, so no two articles are equal and a run can be repeated exactly. For each N, each
configuration runs in a fresh Python process (so each peak memory figure is its own):

- ``pipe``: a bare ``nlp.pipe`` over the same article texts, with the pipeline graphbuild loads;
- ``build``: :func:`graphbuild.pipeline.run`, the code path of ``graphbuild build`` (ingest,
  prefilter, parse, extract, graph; with a cold cache, as a first build has), then the
  Turtle export (``graphbuild.rdf.write_graph``) timed apart;
- ``build --no-prefilter``, and ``build --workers 2``.

Besides: the incremental rebuild (300 articles, then 5 more), ``graphbuild --help``, and the
thread count of a worker process. Results are printed and appended to benchmarks/RESULTS.md
with the date and core count. The machine may be shared and noisy: compare the ratios of one
run, not absolute figures across runs.

Usage::

    python benchmarks/bench_build.py --quick              # small N, to try things
    python benchmarks/bench_build.py                      # N = 100, 1000, 5000
    python benchmarks/bench_build.py --sizes 200,2000 --texts some/folder
"""

from __future__ import annotations

import argparse
import datetime as dt
import glob
import json
import logging
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TEXTS = "/work/shared/eval/texts/**/*.txt"
RESULTS = ROOT / "benchmarks" / "RESULTS.md"

log = logging.getLogger("bench_build")


# --------------------------------------------------------------------------- corpus


def _source_files(spec: str) -> list[Path]:
    path = Path(spec)
    if path.is_dir():
        return sorted(p for p in path.rglob("*.txt") if p.is_file())
    if path.is_file():
        return [path]
    return sorted(Path(p) for p in glob.glob(spec, recursive=True) if Path(p).is_file())


def source_sentences(spec: str) -> list[str]:
    """The sentences of the source texts (cut as the prefilter cuts them), one line each."""
    sys.path.insert(0, str(ROOT))
    from graphbuild.prefilter import split_sentences

    out: list[str] = []
    for path in _source_files(spec):
        text = path.read_text(encoding="utf-8", errors="replace")
        for a, b in split_sentences(text):
            sentence = " ".join(text[a:b].split())
            if len(sentence.split()) >= 4:
                out.append(sentence)
    if not out:
        raise SystemExit(f"bench_build: no sentences in {spec!r}")
    return out


def make_corpus(folder: Path, n: int, sentences: list[str], *, seed: int = 0,
                start: int = 0) -> int:
    """Write ``n`` distinct articles ``art-<i>.txt`` into ``folder``; return the word count.

    Each article has 2 to 5 paragraphs of 1 to 4 sentences drawn with a generator seeded by
    ``seed`` and the article's number, so article ``i`` is the same whatever ``n`` is.
    """
    folder.mkdir(parents=True, exist_ok=True)
    seen: set[int] = set()
    words = 0
    for i in range(start, start + n):
        rng = random.Random(f"{seed}:{i}")
        while True:
            paragraphs = [" ".join(rng.choice(sentences) for _ in range(rng.randint(1, 4)))
                          for _ in range(rng.randint(2, 5))]
            text = "\n\n".join(paragraphs) + "\n"
            if hash(text) not in seen:
                break
        seen.add(hash(text))
        (folder / f"art-{i:06d}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


# --------------------------------------------------------------------------- children


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024.0  # Linux: KiB


def child_pipe(corpus: str, batch_size: int) -> dict:
    from graphbuild.ingest import iter_articles
    from graphbuild.nlp import load_pipeline

    t0 = time.perf_counter()
    nlp = load_pipeline()
    load = time.perf_counter() - t0
    texts = [a.text for a in iter_articles(corpus)]  # ingest is not timed: texts in memory
    sentences = 0
    t0 = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=batch_size):
        sentences += sum(1 for s in doc.sents if not s.text.isspace())
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "load": load, "articles": len(texts), "sentences": sentences,
            "words": sum(len(t.split()) for t in texts), "peak_mb": _peak_mb()}


def child_build(corpus: str, workers: int, prefilter: bool, cache: str | None,
                batch_size: int, out: str | None) -> dict:
    from graphbuild.pipeline import Config, run

    t0 = time.perf_counter()
    if workers == 1:
        from graphbuild.nlp import load_pipeline

        load_pipeline()  # as in the pipe child, the model load is not in the timed part
    load = time.perf_counter() - t0
    config = Config(workers=workers, prefilter=prefilter, cache_dir=cache, batch_size=batch_size)
    first: list[float] = []

    def on_article(article, events) -> None:
        if not first:
            first.append(time.perf_counter())

    t0 = time.perf_counter()
    G, stats = run([corpus], config=config, on_article=on_article)
    end = time.perf_counter()
    seconds = end - t0
    # the rate after the first article: without starting workers and loading their models
    steady = (stats.articles - 1) / (end - first[0]) if first and end > first[0] else None
    result = {"seconds": seconds, "load": load, "steady": steady, "articles": stats.articles,
              "sentences": stats.sentences, "events": G.number_of_edges(),
              "nodes": G.number_of_nodes(), "peak_mb": _peak_mb(),
              "children_peak_mb": _peak_mb(resource.RUSAGE_CHILDREN)}
    if out:
        from graphbuild.graph import event_records

        with open(out, "w", encoding="utf-8") as fh:
            for rec in sorted(event_records(G), key=lambda r: r["event_id"]):
                fh.write(json.dumps(rec, sort_keys=True, default=str) + "\n")
    try:
        from graphbuild.rdf import to_rdflib, write_graph
    except ImportError:
        result["turtle"] = None
        return result
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        write_graph(G, Path(tmp) / "graph.ttl", "ttl")
        turtle = time.perf_counter() - t0
    result["turtle"] = {"seconds": turtle, "triples": len(to_rdflib(G))}
    return result


def child_incremental(corpus: str, extra: str, batch_size: int) -> dict:
    """Cold build of ``corpus`` with a cache, then a rebuild with ``extra`` added; same graph?"""
    from graphbuild.nlp import load_pipeline
    from graphbuild.pipeline import Config, run

    load_pipeline()
    with tempfile.TemporaryDirectory() as cache:
        config = Config(cache_dir=cache, batch_size=batch_size)
        t0 = time.perf_counter()
        run([corpus], config=config)
        cold = time.perf_counter() - t0
        t0 = time.perf_counter()
        G, _ = run([corpus, extra], config=config)
        warm = time.perf_counter() - t0
    H, _ = run([corpus, extra], config=Config(batch_size=batch_size))
    same = (sorted(G.nodes(data=True)) == sorted(H.nodes(data=True))
            and sorted(G.edges(keys=True, data=True)) == sorted(H.edges(keys=True, data=True)))
    return {"cold": cold, "warm": warm, "same_graph": same, "peak_mb": _peak_mb()}


def child_threads(workers: int) -> dict:
    """The thread count numpy leaves in a pool worker, with graphbuild's limits and without."""
    import multiprocessing

    from graphbuild.run.pool import make_pool, worker_threads

    with make_pool(workers) as pool:
        limited = pool.apply(worker_threads)
    env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    old = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        with multiprocessing.get_context("spawn").Pool(1) as pool:
            plain = pool.apply(worker_threads)
    finally:
        os.environ.clear()
        os.environ.update(old)
    return {"limited": limited, "plain": plain}


def best_of(runs: list[dict]) -> dict:
    """The run with the least ``seconds`` (interference from other work only adds time)."""
    return min(runs, key=lambda r: r["seconds"])


def run_child(args: list[str], *, timeout: float | None = None) -> dict:
    """Run this script as ``--child ...`` in a fresh interpreter; its JSON answer."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True,
                          text=True, env=env, timeout=timeout)
    if proc.returncode != 0:
        raise SystemExit(f"bench_build: child {args} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def help_time(repeat: int = 5) -> float:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "graphbuild", "--help"], capture_output=True, env=env,
                       check=True)
        best = min(best, time.perf_counter() - t0)
    return best


# --------------------------------------------------------------------------- report


def _rate(n: float, s: float) -> str:
    return f"{n / s:,.1f}" if s > 0 else "-"


def report(rows: list[dict], extras: dict, *, texts: str, seed: int, repeat_note: str = "1",
           load_at_start: float | None = None) -> str:
    day = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    loads = f"load average {load_at_start:.2f} at the start, " if load_at_start is not None else ""
    lines = [
        f"## Build benchmark, {day}: {os.cpu_count()} cores, {platform.python_implementation()} "
        f"{platform.python_version()}, {loads}{os.getloadavg()[0]:.2f} at the end",
        "",
        f"Corpus: recombined sentences of `{texts}` (seed {seed}). Command: "
        f"`python benchmarks/bench_build.py {' '.join(sys.argv[1:])}`.",
        "Times exclude loading the model (once per process, ~1-3 s), except for 2 workers, "
        "where starting the workers and their model loads are inside the time; 'speed-up, whole "
        "run' compares it with the 1-worker time plus its model load, 'speed-up, steady' compares "
        "the rates after the first article. Each configuration runs in a fresh process, "
        f"alternated, best of {repeat_note}. `pipe` is a bare "
        "`nlp.pipe` over the same texts; `build` is `pipeline.run` (ingest, prefilter, parse, "
        "extract, graph, cold cache); ratio = build / pipe. Sentences are counted by the bare "
        "parse. Peak memory is ru_maxrss of the process (and, for 2 workers, the largest worker).",
        "",
        "| N | words | sentences | pipe s | build s | ratio | no-prefilter ratio | articles/s | "
        "sentences/s | ms/article | peak MB pipe | peak MB build | 2 workers s | speed-up, whole run | "
        "speed-up, steady | peak MB 2w (parent / worker) | Turtle triples/s | events |",
        "|" + "---|" * 18,
    ]
    for r in rows:
        pipe, build = r["pipe"], r["build"]
        nopf, two = r.get("nopf"), r.get("two")
        turtle = build.get("turtle")
        lines.append("| " + " | ".join([
            f"{r['n']:,}", f"{pipe['words']:,}", f"{pipe['sentences']:,}",
            f"{pipe['seconds']:.1f}", f"{build['seconds']:.1f}",
            f"{build['seconds'] / pipe['seconds']:.2f}",
            f"{nopf['seconds'] / pipe['seconds']:.2f}" if nopf else "-",
            _rate(build["articles"], build["seconds"]), _rate(pipe["sentences"], build["seconds"]),
            f"{1000 * build['seconds'] / build['articles']:.1f}",
            f"{pipe['peak_mb']:.0f}", f"{build['peak_mb']:.0f}",
            f"{two['seconds']:.1f}" if two else "-",
            f"{(build['seconds'] + build['load']) / two['seconds']:.2f}" if two else "-",
            f"{two['steady'] / build['steady']:.2f}" if two and two.get("steady") and build.get("steady") else "-",
            f"{two['peak_mb']:.0f} / {two['children_peak_mb']:.0f}" if two else "-",
            _rate(turtle["triples"], turtle["seconds"]) if turtle else "skipped (no graphbuild.rdf)",
            f"{build['events']:,}",
        ]) + " |")
    lines.append("")
    for n, same, on, off in extras.get("same", []):
        lines.append(f"- Events with and without the prefilter, N = {n}: "
                     f"{'identical' if same else 'DIFFERENT'} ({on} vs {off} edges).")
    if "incremental" in extras:
        inc = extras["incremental"]
        lines.append(f"- Incremental: cold build of {inc['n']} articles {inc['cold']:.1f} s; after "
                     f"adding 5, rebuild {inc['warm']:.1f} s = {inc['warm'] / inc['cold']:.2f} of "
                     f"the cold build; same graph as a cold build: {inc['same_graph']}.")
    if "help" in extras:
        lines.append(f"- `python -m graphbuild --help`: {extras['help']:.2f} s (best of 5).")
    if "threads" in extras:
        th = extras["threads"]
        lines.append(f"- Threads in a worker process after a numpy matmul: {th['limited']['threads']} "
                     f"with graphbuild's limits (OMP_NUM_THREADS={th['limited']['OMP_NUM_THREADS']}),"
                     f" {th['plain']['threads']} without.")
    lines.append("")
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", default=DEFAULT_TEXTS,
                        help=f"source texts: a folder, a file or a glob (default {DEFAULT_TEXTS})")
    parser.add_argument("--sizes", default="100,1000,5000", help="article counts (default 100,1000,5000)")
    parser.add_argument("--quick", action="store_true", help="small sizes (20,60), to try things")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--no-workers", action="store_true", help="skip the 2-worker runs")
    parser.add_argument("--repeat", type=int, default=2,
                        help="runs of each configuration, alternated; the best counts (default 2)")
    parser.add_argument("--repeat-up-to", type=int, default=1000,
                        help="repeat only for N up to this (default 1000; larger N run once)")
    parser.add_argument("--no-prefilter-runs", action="store_true",
                        help="skip the runs without the prefilter")
    parser.add_argument("--incremental", type=int, default=300,
                        help="articles of the incremental test (0: skip; default 300)")
    parser.add_argument("--results", default=str(RESULTS), help="where to append the results")
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)

    if args.child:
        kind, *rest = args.child
        if kind == "pipe":
            out = child_pipe(rest[0], int(rest[1]))
        elif kind == "build":
            out = child_build(rest[0], int(rest[1]), rest[2] == "1", rest[3] or None, int(rest[4]),
                              rest[5] or None)
        elif kind == "incremental":
            out = child_incremental(rest[0], rest[1], int(rest[2]))
        elif kind == "threads":
            out = child_threads(int(rest[0]))
        else:
            raise SystemExit(f"unknown child {kind}")
        print(json.dumps(out))
        return 0

    sizes = [20, 60] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]
    incremental = min(args.incremental, 60) if args.quick else args.incremental
    load_at_start = os.getloadavg()[0]
    sentences = source_sentences(args.texts)
    log.info("%d source sentences from %s", len(sentences), args.texts)
    work = Path(tempfile.mkdtemp(prefix="bench_build."))
    bs = str(args.batch_size)
    rows: list[dict] = []
    extras: dict = {}
    try:
        extras["help"] = help_time()
        extras["threads"] = run_child(["threads", "1"])
        for n in sizes:
            corpus = work / f"corpus-{n}"
            make_corpus(corpus, n, sentences, seed=args.seed)
            row: dict = {"n": n}
            repeat = args.repeat if n <= args.repeat_up_to else 1
            runs: dict[str, list[dict]] = {}
            on = work / f"events-{n}-on.jsonl"
            off = work / f"events-{n}-off.jsonl"
            for r in range(repeat):  # alternate the configurations, keep each one's best
                tag = f" (run {r + 1}/{repeat})" if repeat > 1 else ""
                log.info("N=%d: bare nlp.pipe%s", n, tag)
                runs.setdefault("pipe", []).append(run_child(["pipe", str(corpus), bs]))
                log.info("N=%d: build, 1 worker%s", n, tag)
                shutil.rmtree(work / f"cache-{n}", ignore_errors=True)
                runs.setdefault("build", []).append(run_child(
                    ["build", str(corpus), "1", "1", str(work / f"cache-{n}"), bs, str(on)]))
                if not args.no_prefilter_runs:
                    log.info("N=%d: build, 1 worker, no prefilter%s", n, tag)
                    shutil.rmtree(work / f"cache-{n}-off", ignore_errors=True)
                    runs.setdefault("nopf", []).append(run_child(
                        ["build", str(corpus), "1", "0", str(work / f"cache-{n}-off"), bs, str(off)]))
                if not args.no_workers:
                    log.info("N=%d: build, 2 workers%s", n, tag)
                    shutil.rmtree(work / f"cache-{n}-2w", ignore_errors=True)
                    runs.setdefault("two", []).append(run_child(
                        ["build", str(corpus), "2", "1", str(work / f"cache-{n}-2w"), bs, ""]))
            row.update({k: best_of(v) for k, v in runs.items()})
            if "nopf" in row:
                extras.setdefault("same", []).append(
                    (n, on.read_bytes() == off.read_bytes(), row["build"]["events"], row["nopf"]["events"]))
            rows.append(row)
            shutil.rmtree(corpus, ignore_errors=True)
        if incremental:
            log.info("incremental: %d + 5 articles", incremental)
            corpus, extra = work / "inc", work / "inc-extra"
            make_corpus(corpus, incremental, sentences, seed=args.seed + 1)
            make_corpus(extra, 5, sentences, seed=args.seed + 1, start=incremental)
            extras["incremental"] = {"n": incremental, **run_child(["incremental", str(corpus), str(extra), bs])}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    note = f"{args.repeat} runs for N up to {args.repeat_up_to}, 1 run above" if args.repeat > 1 else "1 run"
    text = report(rows, extras, texts=args.texts, seed=args.seed, repeat_note=note,
                  load_at_start=load_at_start)
    print(text)
    if not args.no_write:
        results = Path(args.results)
        if not results.exists():
            results.write_text("# Build benchmark results\n\nAppended by `benchmarks/bench_build.py`; "
                               "newest last.\n\n", encoding="utf-8")
        with open(results, "a", encoding="utf-8") as fh:
            fh.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
