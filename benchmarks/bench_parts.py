"""Where a build's time goes: each stage timed apart, in one process, as a share of the parse.

Uses the corpus of :mod:`bench_build` (recombined sentences of the texts given). Stages:
ingest, prefilter, the bare parse of the full texts, the parse of the prefiltered texts,
counting sentences, the extractors, writing the cache, building the graph.

    python benchmarks/bench_parts.py --articles 400
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import bench_build as bb  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", default=bb.DEFAULT_TEXTS)
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--seed", type=int, default=9)
    args = parser.parse_args(argv)

    from graphbuild.cache import ArticleCache
    from graphbuild.config import Config, make_extractors
    from graphbuild.graph import add_article, add_event, build_graph, merge_duplicate_events
    from graphbuild.ingest import iter_articles
    from graphbuild.nlp import load_pipeline
    from graphbuild.prefilter import make_prefilter

    folder = Path(tempfile.mkdtemp(prefix="bench_parts."))
    bb.make_corpus(folder / "corpus", args.articles, bb.source_sentences(args.texts), seed=args.seed)
    nlp = load_pipeline()
    extractors = make_extractors(Config())
    prefilter = make_prefilter([fn.triggers for fn in extractors])
    times: dict[str, float] = {}

    def timed(name: str, fn):
        t0 = time.perf_counter()
        out = fn()
        times[name] = time.perf_counter() - t0
        return out

    articles = timed("ingest", lambda: list(iter_articles(folder / "corpus")))
    filtered = timed("prefilter", lambda: [prefilter.filter(a.text).text for a in articles])
    timed("parse, full texts (bare nlp.pipe)", lambda: list(nlp.pipe([a.text for a in articles], batch_size=32)))
    docs = timed("parse, prefiltered texts", lambda: list(nlp.pipe(filtered, batch_size=32)))
    timed("count sentences", lambda: sum(1 for d in docs for s in d.sents if not s.text.isspace()))
    events = timed("extractors (resolve + rules)", lambda: [
        [e for fn in extractors for e in fn(d, article=a)] for d, a in zip(docs, articles, strict=True)])
    cache = ArticleCache(folder / "cache", {"bench": "parts"})
    timed("cache writes", lambda: [cache.put(a, e, 1) for a, e in zip(articles, events, strict=True)])

    def graph():
        G = build_graph([])
        for a, evs in zip(articles, events, strict=True):
            add_article(G, a)
            for e in evs:
                add_event(G, e)
        return merge_duplicate_events(G)

    timed("graph", graph)
    base = times["parse, full texts (bare nlp.pipe)"]
    print(f"{args.articles} articles, {sum(len(a.text.split()) for a in articles):,} words\n")
    print("| stage | seconds | share of the bare parse |\n|---|---|---|")
    for name, seconds in times.items():
        print(f"| {name} | {seconds:.2f} | {100 * seconds / base:.1f} % |")
    pipeline = sum(v for k, v in times.items() if k != "parse, full texts (bare nlp.pipe)")
    print(f"| **a build, summed** | {pipeline:.2f} | {100 * pipeline / base:.1f} % |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
