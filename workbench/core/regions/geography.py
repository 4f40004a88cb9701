"""Where a region sits: what lies inside it, which planning units make it up, its metro area,
the distance of its seat to the metro core, and its neighbours.

Distances are great-circle distances between seats (GCJ-02 coordinates from the gazetteer, trust
D: derived); the offset of GCJ-02 is a few hundred metres, far below what matters here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from workbench.core.enums import Level, MetroRole
from workbench.core.model import Project, Region
from workbench.core.regions.levels import prefecture_of

EARTH_RADIUS_KM = 6371.0
# The seat taken as a metro area's core: 成都市 for 成都都市圈; 渝中区 (the municipal seat) for
# 重庆都市圈.
CHENGDU_CORE, CHONGQING_CORE = "510100", "500103"


def seat_km(a: Region | None, b: Region | None) -> float:
    """Great-circle distance between two seats (NaN when either has no coordinates)."""
    if a is None or b is None or None in (a.lon, a.lat, b.lon, b.lat):
        return math.nan
    la1, la2 = math.radians(a.lat), math.radians(b.lat)
    dlat, dlon = la2 - la1, math.radians(b.lon - a.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(max(h, 0.0), 1.0)))


def inside(project: Project, code: str) -> set[str]:
    """The region and every region below it (a province: all its prefectures and counties)."""
    out = {code}
    grew = True
    while grew:
        grew = False
        for r in project.regions:
            if r.parent in out and r.code not in out:
                out.add(r.code)
                grew = True
    return out


def units_of(project: Project, code: str) -> list[str]:
    """The planning units whose rows add up to the region; empty when the region lies inside one
    unit (a Sichuan county while Sichuan plans by prefecture)."""
    units = project.planning_unit_codes()
    covered = inside(project, code)
    own = [u for u in units if u in covered]
    unit_of = project.planning_units()
    if code not in own and unit_of.get(code, code) != code:
        return []
    return own


def metro_of(r: Region) -> tuple[str, str, str]:
    """(zh, en, core code) of the region's metro area; ("", "", "") when it is in none."""
    if r.chengdu_metro is not MetroRole.NO:
        role = "核心" if r.chengdu_metro is MetroRole.CORE else "拓展"
        return f"成都都市圈（{role}）", f"Chengdu metro area ({r.chengdu_metro.en})", CHENGDU_CORE
    if r.chongqing_metro:
        return "重庆都市圈", "Chongqing metro area", CHONGQING_CORE
    return "", "", ""


@dataclass(frozen=True)
class Neighbour:
    code: str
    name: str
    shared_border_km: float
    seat_km: float


def neighbours(project: Project, code: str) -> list[Neighbour]:
    """Regions sharing a border with ``code`` at its own level (a prefecture's neighbours are
    prefectures and Chongqing districts, its border summed over its counties' borders)."""
    r = project.region(code)
    if r is None:
        return []
    lift = prefecture_of(project) if r.level is Level.PREFECTURE else {}
    km: dict[str, float] = {}
    for a in project.adjacency:
        x, y = lift.get(a.code_a, a.code_a), lift.get(a.code_b, a.code_b)
        if x == y:
            continue
        if x == code:
            km[y] = km.get(y, 0.0) + a.shared_border_km
        elif y == code:
            km[x] = km.get(x, 0.0) + a.shared_border_km
    out = []
    for other, border in km.items():
        o = project.region(other)
        out.append(Neighbour(other, o.name if o else other, border, seat_km(r, o)))
    return sorted(out, key=lambda n: -n.shared_border_km)
