"""Clear the outputs and execution counts of notebooks, so they are committed clean.

Usage, from the repository root::

    python notebooks/strip_outputs.py            # every notebook in notebooks/
    python notebooks/strip_outputs.py FILE...    # these notebooks
    python notebooks/strip_outputs.py --check    # exit 1 if one still has outputs

Cell sources and notebook metadata stay as they are; nothing else is touched.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

logger = logging.getLogger("strip_outputs")


def strip(path: Path, *, check: bool = False) -> bool:
    """Clear ``path``'s outputs (unless ``check``); return whether it had any."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    dirty = False
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if cell.outputs or cell.execution_count is not None:
            dirty = True
        cell.outputs = []
        cell.execution_count = None
        for key in ("execution", "collapsed", "scrolled"):
            cell.metadata.pop(key, None)
    if dirty and not check:
        nbformat.validate(nb)
        nbformat.write(nb, path)
    return dirty


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="notebooks (default: notebooks/*.ipynb)")
    parser.add_argument("--check", action="store_true", help="only report notebooks with outputs")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    files = args.files or sorted(Path(__file__).resolve().parent.glob("*.ipynb"))
    dirty = [path for path in files if strip(path, check=args.check)]
    for path in dirty:
        logger.info("%s %s", "has outputs:" if args.check else "stripped", path)
    return 1 if args.check and dirty else 0


if __name__ == "__main__":
    sys.exit(main())
