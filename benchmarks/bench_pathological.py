"""Benchmark: `graphbuild extract` on one huge line without a sentence end.

Two articles of ``--mb`` megabytes (default 2), each one line without a sentence end: one
dense with trigger words and country names (every piece of it can hold an event, so the
prefilter keeps it all) and one whose words hold no trigger. Each is extracted by
``graphbuild extract`` in a fresh process; the table gives its wall time, CPU time (user +
system of the process) and peak memory (``ru_maxrss``), and the warning it printed. With
``--baseline DIR`` (a folder holding another ``graphbuild`` package, e.g. ``git archive main
graphbuild | tar -x -C DIR``) the same runs of that code are added. Results are appended to
``benchmarks/RESULTS.md``.

Run from the repository root::

    python benchmarks/bench_pathological.py
    python benchmarks/bench_pathological.py --baseline /tmp/main-src
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

DENSE = ("the envoys of Norway discussed fishing quotas and the ministers of Chile discussed "
         "copper prices while delegates from Kenya discussed grain routes ")
PLAIN = ("the committee reviewed budget figures and staffing tables across regional offices "
         "with careful attention to the spring accounts ")


def line(words: str, n_bytes: int) -> str:
    """``words`` repeated to ``n_bytes`` characters, one line, no sentence end."""
    return (words * (n_bytes // len(words) + 1))[:n_bytes].rstrip() + "\n"


def run(path: Path, pythonpath: str | None) -> dict:
    """One ``graphbuild extract`` of ``path`` in a fresh process."""
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    out_path, err_path = path.with_suffix(".out"), path.with_suffix(".err")
    t0 = time.perf_counter()
    with open(out_path, "wb") as out_fh, open(err_path, "wb") as err_fh:
        proc = subprocess.Popen([sys.executable, "-m", "graphbuild", "extract", str(path)],
                                stdout=out_fh, stderr=err_fh, env=env, cwd=pythonpath or ROOT)
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own CPU time and peak memory
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    out, err = out_path.read_bytes(), err_path.read_bytes()
    warnings = [ln for ln in err.decode("utf-8", "replace").splitlines() if "warning" in ln.lower()]
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "mb": usage.ru_maxrss / 1024,
            "events": len(out.splitlines()), "warning": warnings[0] if warnings else "",
            "rc": proc.returncode}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--mb", type=float, default=2.0, help="size of each line in MB (default 2)")
    p.add_argument("--baseline", help="a folder holding another graphbuild package to compare")
    p.add_argument("--results", default=str(Path(__file__).with_name("RESULTS.md")),
                   help="Markdown file to append to ('' to skip)")
    args = p.parse_args(argv)
    n = int(args.mb * 1_000_000)
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-patho-") as tmp:
        for name, words in (("dense with triggers", DENSE), ("no trigger", PLAIN)):
            path = Path(tmp) / f"{name.split()[0]}.txt"
            path.write_text(line(words, n), encoding="utf-8")
            for label, pythonpath in (("this tree", None), ("baseline", args.baseline)):
                if label == "baseline" and not pythonpath:
                    continue
                r = run(path, pythonpath)
                rows.append((name, label, r))
                print(f"{name:<20} {label:<10} {r['wall']:7.1f} s wall {r['cpu']:7.1f} s CPU "
                      f"{r['mb']:6.0f} MB  {r['events']} events  {r['warning'][:120]}", flush=True)
    table = ["| line | code | wall s | CPU s | peak MB | events |", "|---|---|---:|---:|---:|---:|"]
    table += [f"| {name} | {label} | {r['wall']:.1f} | {r['cpu']:.1f} | {r['mb']:.0f} | "
              f"{r['events']} |" for name, label, r in rows]
    warning = next((r["warning"] for _, label, r in rows if label == "this tree" and r["warning"]), "")
    text = "\n".join(table)
    print(text)
    if args.results:
        with open(args.results, "a", encoding="utf-8") as fh:
            fh.write(f"\n## Pathological input ({dt.datetime.now():%Y-%m-%d %H:%M}, "
                     "`benchmarks/bench_pathological.py`): "
                     f"{os.cpu_count()} cores, CPython {platform.python_version()}, load average "
                     f"{os.getloadavg()[0]:.1f} at the end\n\n"
                     f"`graphbuild extract` of one line of {args.mb:g} MB without a sentence end, "
                     "each in a fresh process (CPU: user + system; peak: ru_maxrss).\n\n"
                     + text + "\n\nThe warning (dense line): `" + warning.strip() + "`\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
