"""Fixtures of the render tests: the sample graph, an empty one."""

from __future__ import annotations

import pytest

from graphbuild.graph import build_graph

from .sample import ARTICLES, EVENTS


@pytest.fixture(scope="module")
def G():
    return build_graph(EVENTS, ARTICLES, name="Sample briefing")


@pytest.fixture
def empty():
    return build_graph([], name="Nothing yet")
