"""The map's pure parts: simplification, projection, roll-up to planning units, class breaks."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from workbench.core import map_classes as mc
from workbench.core import map_geometry as mg
from workbench.core.model import Project


def _dist_to_polyline(p: np.ndarray, ring: np.ndarray) -> float:
    closed = np.vstack([ring, ring[:1]])
    best = math.inf
    for a, b in itertools.pairwise(closed):
        d = b - a
        t = 0.0 if not d.any() else float(np.clip(np.dot(p - a, d) / np.dot(d, d), 0, 1))
        best = min(best, float(np.hypot(*(p - (a + t * d)))))
    return best


def test_simplify_keeps_every_point_within_tolerance_and_drops_the_noise() -> None:
    rng = np.random.default_rng(3)
    t = np.linspace(0, 2 * np.pi, 400, endpoint=False)
    ring = np.column_stack([np.cos(t), np.sin(t)]) + rng.normal(0, 0.002, (400, 2))
    out = mg.simplify(np.vstack([ring, ring[:1]]), 0.02)  # a closed GeoJSON ring
    assert 8 < len(out) < 60
    assert max(_dist_to_polyline(p, out) for p in ring) <= 0.02 + 1e-12
    # a square with points along its sides becomes its 4 corners
    side = np.linspace(0, 1, 11)[:-1]
    square = np.vstack(
        [
            np.column_stack([side, 0 * side]),
            np.column_stack([1 + 0 * side, side]),
            np.column_stack([1 - side, 1 + 0 * side]),
            np.column_stack([0 * side, 1 - side]),
        ]
    )
    assert len(mg.simplify(square, 1e-9)) == 4


def test_projection_is_kilometres_with_y_down() -> None:
    x0, y0 = mg.project(104.0, 30.0)
    _x1, y1 = mg.project(104.0, 31.0)
    x2, _y2 = mg.project(105.0, 30.0)
    assert y0 == 0 and y1 == pytest.approx(-mg.KM_PER_DEG)  # north is up (smaller y)
    assert x2 - x0 == pytest.approx(mg.KM_PER_DEG * math.cos(math.radians(30)))


def _square(x: float, y: float, s: float = 1.0) -> np.ndarray:
    return np.array([[x, y], [x + s, y], [x + s, y + s], [x, y + s]], dtype=float)


def test_units_roll_up_counties_when_a_prefecture_has_no_file(sample_project: Project) -> None:
    p = sample_project
    chengdu_counties = [r.code for r in p.regions if r.parent == "510100"]
    rings = {c: [_square(i, 0)] for i, c in enumerate(chengdu_counties)}
    rings["500101"] = [_square(0, 5)]
    shapes = mg.Shapes(rings, "test")
    units = shapes.unit_rings(p)
    assert len(units["510100"]) == len(chengdu_counties)  # from its counties
    assert units["500101"][0] is rings["500101"][0]  # a Chongqing district is a unit itself
    shapes.rings["510100"] = [_square(0, 0, 9)]
    assert len(shapes.unit_rings(p)["510100"]) == 1  # its own outline when there is one


def test_outline_is_the_union_of_its_members() -> None:
    pytest.importorskip("shapely")
    shapes = mg.Shapes({"a": [_square(0, 0)], "b": [_square(1, 0)], "c": [_square(5, 5)]}, "t")
    rings = mg.outline(shapes, ["a", "b"])
    assert len(rings) == 1  # two neighbours make one outline
    xs, ys = rings[0][:, 0], rings[0][:, 1]
    assert xs.min() == pytest.approx(0, abs=0.02) and xs.max() == pytest.approx(2, abs=0.02)
    assert ys.min() == pytest.approx(0, abs=0.02) and ys.max() == pytest.approx(1, abs=0.02)
    assert len(mg.outline(shapes, ["a", "c"])) == 2


def test_outline_members_follow_the_project_membership(sample_project: Project) -> None:
    cce = set(mg.outline_members(sample_project, "cce"))
    chengdu = set(mg.outline_members(sample_project, "chengdu_metro"))
    chongqing = set(mg.outline_members(sample_project, "chongqing_metro"))
    assert chengdu and chongqing and chengdu <= cce and chongqing <= cce
    assert "510104" in chengdu and not chengdu & chongqing


# -- classes --------------------------------------------------------------------------------------


def test_natural_breaks_find_the_clusters() -> None:
    v = np.array([1, 2, 3, 10, 11, 12, 30, 31, np.nan])
    b = mc.breaks(v, 3, "natural")
    assert b.tolist() == [1, 3, 12, 31]
    c = mc.classify(v, 3, "natural")
    assert c.index(v).tolist() == [0, 0, 0, 1, 1, 1, 2, 2, -1]
    assert c.colour_of(v)[-1] == mc.NO_DATA


def test_quantile_and_equal_breaks() -> None:
    v = np.arange(1.0, 11.0)
    assert mc.breaks(v, 2, "quantile").tolist() == [1, 5.5, 10]
    assert mc.breaks(v, 3, "equal").tolist() == [1, 4, 7, 10]
    assert mc.breaks(np.array([2.0, 2.0, 2.0]), 5, "quantile").tolist() == [2, 2]  # one class
    assert mc.breaks(np.array([np.nan]), 5, "equal").size == 0


def test_losses_and_gains_never_share_a_colour() -> None:
    v = np.array([-3.0, -1.0, 0.5, 2.0, 4.0, 8.0])
    c = mc.classify(v, 4, "quantile")
    assert 0.0 in c.breaks.tolist()
    idx = c.index(v)
    neg = {c.colours[i] for i in idx[v < 0]}
    pos = {c.colours[i] for i in idx[v > 0]}
    assert neg and pos and not neg & pos
    labels = c.labels(lambda x: f"{x:g}")
    assert len(labels) == c.k and labels[0].startswith("-3")
