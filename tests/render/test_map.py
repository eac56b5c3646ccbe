"""Tests of graphbuild/render: the map."""

from __future__ import annotations

import matplotlib.image as mpimg
import numpy as np
from matplotlib.colors import to_hex

from graphbuild import render as R
from graphbuild.graph import build_graph
from graphbuild.render.map import state_coordinates
from graphbuild.types import Actor, ActorType, Plover, QuadClass

from .sample import axes, ev, texts

IND = Actor("India", ActorType.COUNTRY, "IND")
BRA = Actor("Brazil", ActorType.COUNTRY, "BRA")
FRA = Actor("France", ActorType.COUNTRY, "FRA")
MINISTER = Actor("Asha Verma", ActorType.PERSON, "IND")  # counts for India
MINISTRY = Actor("Foreign Office of France", ActorType.ORG, "FRA")
NOBODY = Actor("A group of no state", ActorType.ORG)


def dyads():
    return build_graph([ev("a", IND, BRA, Plover.AID, 1), ev("a", BRA, IND, Plover.AID, 2),
                        ev("a", MINISTER, BRA, Plover.ACCUSE, 3),
                        ev("a", MINISTRY, IND, Plover.CONSULT, 4, symmetric=True),
                        ev("a", NOBODY, FRA, Plover.THREATEN, 5)], name="Dyads")


def arcs(ax):
    return next(c for c in ax.collections if c.get_gid() == "arcs").graphbuild_lines


def test_coordinates_come_from_countryinfo():
    lon, lat = state_coordinates("BRA")
    assert -75 < lon < -35 and -35 < lat < 5
    assert state_coordinates("bra") == (lon, lat)


def test_arcs_for_the_dyads_present_coloured_by_quad_class():
    ax = R.draw_map(dyads(), axes("map"))
    drawn = {(line.gid.split("|")[-2], line.gid.split("|")[-1], line.gid.split("|")[1]): line
             for line in arcs(ax)}
    # a person and a ministry count for their states; aid both ways is one arc, twice as wide
    assert set(drawn) == {("BRA", "IND", "material cooperation"), ("BRA", "IND", "verbal conflict"),
                          ("FRA", "IND", "verbal cooperation")}
    for (_, _, quad), line in drawn.items():
        assert line.colour == R.QUAD_COLORS[QuadClass(quad)]
        assert line.tip is None  # either way: no direction
    assert drawn[("BRA", "IND", "material cooperation")].width > drawn[("BRA", "IND",
                                                                        "verbal conflict")].width
    # each arc runs from one state's coordinates to the other's, and bends
    line = drawn[("FRA", "IND", "verbal cooperation")]
    assert np.allclose(line.points[0], state_coordinates("FRA"))
    assert np.allclose(line.points[-1], state_coordinates("IND"))
    middle = line.points[len(line.points) // 2]
    straight = (np.array(state_coordinates("FRA")) + np.array(state_coordinates("IND"))) / 2
    assert np.hypot(*(middle - straight)) > 2
    # the states are dots at their coordinates, named with their events
    dots = next(c for c in ax.collections if c.get_gid() == "states")
    assert {tuple(p) for p in dots.get_offsets().tolist()} == {
        state_coordinates(c) for c in ("IND", "BRA", "FRA")}
    names = {k: t.get_text() for k, t in texts(ax, "node-label").items()}
    assert names["IND"] == "India 4" and names["FRA"] == "France 1"  # the threat has no state
    from graphbuild.render.figure import subtitle_of

    assert "1 event with an actor of no known state or place left out" in subtitle_of(ax)


def test_map_png_shows_land_and_arcs_in_quad_colours(tmp_path):
    out = R.render(dyads(), "map", tmp_path / "map.png")
    pixels = mpimg.imread(out)[..., :3]
    assert pixels.shape[:2] == (975, 1800)
    colours = {to_hex(p) for p in pixels[::3, ::3].reshape(-1, 3)}
    assert "#f1f1ef" in colours  # land
    for quad in (QuadClass.MATERIAL_COOPERATION, QuadClass.VERBAL_CONFLICT):
        target = np.array([int(R.QUAD_COLORS[quad][i:i + 2], 16) for i in (1, 3, 5)]) / 255
        near = np.all(np.abs(pixels - target) < 0.1, axis=-1)
        assert near.mean() > 0.00005, quad
