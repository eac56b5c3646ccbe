"""Shared fixtures: the real spaCy pipeline, loaded once per test session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    from graphbuild.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def extract_text(nlp):
    """extract(text) with the real pipeline, returning the events."""
    from graphbuild.pipeline import extract

    def run(text: str, **kw):
        return extract(text, **kw)

    return run
