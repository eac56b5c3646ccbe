"""Benchmark of ``graphbuild extract`` against a bare ``nlp.pipe`` of the same texts (whole process).

Three corpora, written to a temporary folder as one ``.txt`` file an article:

- ``conflibert``: the sentences of /work/shared/eval/texts/conflibert_train, in file order,
  grouped into articles of ten (one paragraph each);
- ``shared``: every text of the three shared evaluation sets: the conflibert articles above,
  and each text of plover_gsr and dev an article of its own (short news reports);
- ``background``: long articles written here, each a few event sentences among paragraphs of
  background (sentences of ours with no trigger: geography, weather, statistics, schedules),
  as a news report carries them. Their sentences are checked against the prefilter's triggers.

Each configuration runs in a fresh Python process, timed from start to exit, ``--runs`` times
alternately; the median is reported:

- ``pipe``: load the pipeline graphbuild loads, read the files, ``nlp.pipe`` over the texts;
- ``pipe, numpy matmul``: the same after :func:`graphbuild.nlp.use_numpy_matmul`, which
  graphbuild applies to its pipeline: the share of extract's gain that a bare pipe could have too;
- ``extract``: ``python -m graphbuild extract FOLDER`` (no cache), output to /dev/null;
- ``extract, baseline`` (with ``--baseline DIR``): the same with another graphbuild;
- with ``--build``: ``build`` (``python -m graphbuild build FOLDER --out DIR --no-cache``,
  which writes graph.ttl, events.jsonl and draws graph.png, as a user's build does) and
  ``build --no-render`` (the same without the picture).

graphbuild's modules (and the baseline's) are byte-compiled before the first run, as installing
a package or its first import does; this machine sets PYTHONDONTWRITEBYTECODE, under which every
run would otherwise compile them again. spaCy's modules were compiled when it was installed.

Wall time and CPU time (user + system of the child) are both reported: on a shared machine the
CPU time is the steadier figure.

The machine may be shared and noisy: compare the ratio of one run, not absolute seconds across
runs. Results are printed and, with ``--write``, appended to benchmarks/RESULTS.md.

Usage::

    python benchmarks/bench_extract.py                 # both corpora, 5 runs
    python benchmarks/bench_extract.py --runs 3 --write
    python benchmarks/bench_extract.py --corpora conflibert --build --runs 5 --write
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFLIBERT = Path("/work/shared/eval/texts/conflibert_train")
RESULTS = ROOT / "benchmarks" / "RESULTS.md"

#: Event sentences of our own, one or two of which open each background article.
EVENTS = [
    "Norway and Sweden held talks in Oslo on Monday about fishing rights in the Barents Sea.",
    "Finland accused Russia of jamming satellite signals over Lapland.",
    "Chile will send emergency aid to Peru after the floods, its foreign minister said.",
    "Kenya and Tanzania signed an agreement on cross-border trade on Thursday.",
    "Poland condemned the detention of its diplomats in Minsk.",
    "The prime minister of Portugal met the president of Brazil in Lisbon.",
    "Japan urged China to release the fishing crew held since March.",
    "Egypt rejected a proposal by Ethiopia to share data on the dam.",
]

#: Background sentences of our own: no trigger, so the prefilter blanks them.
BACKGROUND = [
    "The region has long winters and short, bright summers.",
    "Rainfall this year was above the average of the past decade.",
    "The port handles about a third of the country's container traffic.",
    "Most of the population lives within fifty kilometres of the coast.",
    "The river freezes for several weeks in January and February.",
    "More and more local jobs are in hotels and restaurants.",
    "The old town dates mostly from the nineteenth century.",
    "Wheat and barley are the main crops on the northern plains.",
    "The railway line along the valley opened in 1912.",
    "Average incomes in the province rose slightly last year.",
    "The museum's collection includes maps from the sixteenth century.",
    "Fog often closes the mountain pass in the autumn months.",
    "The university enrols some forty thousand students.",
    "Electricity comes mostly from hydroelectric plants in the hills.",
    "The festival draws visitors from across the region every August.",
    "Fishing boats are out on the water before dawn in the summer season.",
    "The national census is held every ten years.",
    "Several bridges cross the river in the centre of the capital.",
    "The coastal road was widened to four lanes in the nineties.",
    "Snow cover on the peaks lasts well into June.",
]


def conflibert_articles(size: int = 10) -> list[str]:
    sentences = [" ".join(p.read_text(encoding="utf-8").split()) for p in sorted(CONFLIBERT.glob("*.txt"))]
    return [" ".join(sentences[i:i + size]) for i in range(0, len(sentences), size)]


def shared_articles() -> list[str]:
    others = [p.read_text(encoding="utf-8") for name in ("plover_gsr", "dev")
              for p in sorted((CONFLIBERT.parent / name).glob("*.txt"))]
    return conflibert_articles() + others


def background_articles(n: int = 60, paragraphs: int = 8, seed: int = 7) -> list[str]:
    from graphbuild.config import Config, make_extractors
    from graphbuild.prefilter import make_prefilter

    pf = make_prefilter([fn.triggers for fn in make_extractors(Config())])
    quiet = [s for s in BACKGROUND if not pf.has_trigger(s)]
    if len(quiet) != len(BACKGROUND):
        raise SystemExit(f"background sentences with a trigger: {sorted(set(BACKGROUND) - set(quiet))}")
    rng = random.Random(seed)
    articles = []
    for i in range(n):
        lead = [EVENTS[i % len(EVENTS)]] + ([EVENTS[(i * 3 + 1) % len(EVENTS)]] if i % 2 else [])
        body = [" ".join(rng.sample(quiet, 5)) for _ in range(paragraphs)]
        body.insert(paragraphs // 2, EVENTS[(i + 5) % len(EVENTS)])
        articles.append("\n\n".join([" ".join(lead), *body]) + "\n")
    return articles


CORPORA = {"conflibert": conflibert_articles, "shared": shared_articles,
           "background": background_articles}


def write_corpus(folder: Path, articles: list[str]) -> int:
    folder.mkdir(parents=True)
    for i, text in enumerate(articles):
        (folder / f"a{i:04d}.txt").write_text(text, encoding="utf-8")
    return sum(len(t.split()) for t in articles)


PIPE = """
import pathlib, sys, spacy
from graphbuild.nlp import resolve_model_name
nlp = spacy.load(resolve_model_name())
texts = [p.read_text(encoding="utf-8") for p in sorted(pathlib.Path(sys.argv[1]).glob("*.txt"))]
if sys.argv[2:] == ["numpy"]:
    from graphbuild.nlp import use_numpy_matmul
    use_numpy_matmul(nlp)
print(sum(len(doc) for doc in nlp.pipe(texts)))
"""


def timed(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of a child process, from start to exit."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env={**os.environ, **THREADS, **(env or {})},
                   cwd=tempfile.gettempdir())  # not the checkout: `-m` would import it first
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


#: One numerical thread in both, so that CPU time is comparable and other jobs are not crowded.
THREADS = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def measure(folder: Path, runs: int, baseline: str | None, build: bool = False
            ) -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) seconds of each configuration, run alternately."""
    pipe = [sys.executable, "-c", PIPE, str(folder)]
    extract = [sys.executable, "-m", "graphbuild", "-q", "extract", str(folder), "--no-cache"]
    configs = {"pipe": (pipe, None), "pipe, numpy matmul": (pipe + ["numpy"], None),
               "extract": (extract, None)}
    if build:
        out = folder.with_name(folder.name + "-out")
        command = [sys.executable, "-m", "graphbuild", "-q", "build", str(folder), "--out",
                   str(out), "--no-cache"]
        configs["build"] = (command, None)
        configs["build --no-render"] = (command + ["--no-render"], None)
    if baseline:  # the same command with another graphbuild first on the path
        configs["extract, baseline"] = ([sys.executable, "-m", "graphbuild", "extract", str(folder)],
                                        {"PYTHONPATH": baseline})
    for package in [ROOT / "graphbuild"] + ([Path(baseline) / "graphbuild"] if baseline else []):
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)
    times: dict[str, list[tuple[float, float]]] = {k: [] for k in configs}
    timed(pipe)  # warm the file cache and the pipeline's files
    for _ in range(runs):
        for name, (argv, env) in configs.items():
            times[name].append(timed(argv, env))
    return {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v))
            for k, v in times.items()}


PARTS = """
import pathlib, sys, time
T = time.process_time
t0 = T()
import spacy
from graphbuild.nlp import resolve_model_name
t1 = T()
memo = sys.argv[2] == "memo"
if memo:
    from graphbuild.config import Config
    from graphbuild.ingest import iter_articles
    from graphbuild.run.local import Engine
    engine = Engine(Config())
    nlp = engine.nlp
else:
    nlp = spacy.load(resolve_model_name())
t2 = T()
texts = [p.read_text(encoding="utf-8") for p in sorted(pathlib.Path(sys.argv[1]).glob("*.txt"))]
if memo:
    articles = list(iter_articles(sys.argv[1]))
    texts = [engine.prefilter.filter_article(a)[0].text for a in articles]
docs = [nlp.make_doc(t) for t in texts]
parts = {}
for name, proc in nlp.pipeline:
    t = T()
    docs = list(proc.pipe(docs)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
    parts[name] = T() - t
t3 = T()
if memo:
    from graphbuild.actors.resolve import resolve
    n = 0
    for doc, a in zip(docs, articles):
        actors = resolve(doc, user_actors=engine.user_actors, date=a.date)
        n += sum(1 for fn in engine.extractors for _ in fn(doc, article=a, actors=actors))
t4 = T()
print(repr({"import": t1 - t0, "load": t2 - t1, "parts": parts, "rules": t4 - t3}))
"""


def parts(folder: Path) -> None:
    """Where the CPU of a bare pipe and of graphbuild's own goes, each in a fresh process."""
    import ast

    out = {}
    for kind in ("stock", "memo"):
        done = subprocess.run([sys.executable, "-c", PARTS, str(folder), kind], check=True,
                              capture_output=True, text=True, env={**os.environ, **THREADS},
                              cwd=tempfile.gettempdir())
        out[kind] = ast.literal_eval(done.stdout.strip().splitlines()[-1])
    names = list(dict.fromkeys([*out["stock"]["parts"], *out["memo"]["parts"]]))
    print("| CPU s | bare pipe | graphbuild |\n|---|---:|---:|")
    print(f"| import spaCy | {out['stock']['import']:.2f} | {out['memo']['import']:.2f} |")
    print(f"| load (graphbuild: and its tables) | {out['stock']['load']:.2f} | {out['memo']['load']:.2f} |")
    for name in names:
        a, b = out["stock"]["parts"].get(name), out["memo"]["parts"].get(name)
        print(f"| {name} | {'' if a is None else f'{a:.2f}'} | {'' if b is None else f'{b:.2f}'} |")
    print(f"| actor resolver and rules | | {out['memo']['rules']:.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--write", action="store_true", help="append the table to RESULTS.md")
    parser.add_argument("--label", default="", help="a note for the table's heading")
    parser.add_argument("--baseline", metavar="DIR", help="a folder holding another graphbuild "
                        "package (e.g. from git archive) to time as 'extract, baseline'")
    parser.add_argument("--corpora", default="conflibert,background",
                        help="which corpora, comma-separated, of "
                        f"{', '.join(CORPORA)} (default: conflibert,background)")
    parser.add_argument("--build", action="store_true",
                        help="also time 'graphbuild build' with and without its picture")
    parser.add_argument("--parts", action="store_true",
                        help="instead: the CPU of each pipeline component, of start-up and of the "
                             "resolver and rules, bare pipe beside graphbuild (one run each)")
    args = parser.parse_args()
    if args.parts:
        with tempfile.TemporaryDirectory() as tmp:
            for name in args.corpora.split(","):
                articles = CORPORA[name]()
                folder = Path(tmp) / name
                write_corpus(folder, articles)
                print(f"\n{name} ({len(articles)} articles)")
                parts(folder)
        return
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.corpora.split(","):
            articles = CORPORA[name]()
            folder = Path(tmp) / name
            words = write_corpus(folder, articles)
            m = measure(folder, args.runs, args.baseline, args.build)
            for config, (wall, cpu) in m.items():
                rows.append((name, len(articles), words, config, wall, cpu, wall / m["pipe"][0],
                             cpu / m["pipe"][1]))
                print(f"{name} ({len(articles)} articles, {words} words) {config}: {wall:.1f} s wall, "
                      f"{cpu:.1f} s CPU; / pipe: {rows[-1][6]:.2f} wall, {rows[-1][7]:.2f} CPU", flush=True)
            if args.build:
                for config in ("build", "build --no-render"):
                    print(f"{name}: {config} / extract: {m[config][0] / m['extract'][0]:.2f} wall, "
                          f"{m[config][1] / m['extract'][1]:.2f} CPU", flush=True)
    if args.write:
        lines = [f"\n### bench_extract.py, {dt.date.today()} ({os.cpu_count()} cores, median of "
                 f"{args.runs} runs){' - ' + args.label if args.label else ''}\n",
                 "| corpus | articles | words | command | wall s | CPU s | / pipe, wall | / pipe, CPU |",
                 "|---|---|---|---|---|---|---|---|"]
        lines += [f"| {n} | {a} | {w:,} | {c} | {wall:.1f} | {cpu:.1f} | {rw:.2f} | {rc:.2f} |"
                  for n, a, w, c, wall, cpu, rw, rc in rows]
        with open(RESULTS, "a", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
