"""Tests of graphbuild/__init__.py: the notebook API."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import graphbuild

ROOT = Path(graphbuild.__file__).resolve().parent.parent


def test_extract_still_works_once_the_extract_subpackage_is_loaded():
    """Loading graphbuild.extract.* (the first extraction does) leaves extract() working."""
    code = ("import graphbuild, graphbuild.extract.registry, graphbuild.extract.events; "
            "import graphbuild.extract.lexicon as lexicon; "
            "assert hasattr(lexicon, 'load_lexicon'); "
            "events = graphbuild.extract('India accused China of spying.'); "
            "assert [e.plover.value for e in events] == ['ACCUSE'], events")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr


def test_importing_graphbuild_loads_no_model_nor_heavy_library():
    code = ("import sys, graphbuild; "
            "heavy = {'spacy', 'rdflib', 'matplotlib', 'pyoxigraph'} & set(sys.modules); "
            "assert not heavy, heavy")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
