"""Region colours: one per region, fixed for as long as the app runs and the same in every export.

A colour that follows a city's rank (first series blue, second orange, …) makes 成都市 change colour
as money moves, and a planner reads that as a different city. So the colour is a function of the
region code alone: the 59 planning units of the bundled gazetteer each get their own palette entry,
so no two planning units ever share a colour. The circle's full members come first, Sichuan and
Chongqing alternating, so the cities that usually lead the charts get the most distinct colours;
regions outside the gazetteer (a project's own codes) get a stable colour from a hash of the code.

The palette is the start of colorcet's ``glasbey_category10`` (Tableau 10 first, then colours
chosen for maximal difference), without greys and colours too light to see on white.
"""

from __future__ import annotations

import csv
import zlib
from functools import cache

from workbench.bundled import GAZETTEER_DIR

PALETTE = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#bcbd22",
    "#17becf", "#3a0183", "#004301", "#0fffa9", "#5e0040", "#bcbcff", "#d8afa2", "#b80080",
    "#004e53", "#6b6500", "#7d0200", "#6126ff", "#8cb894", "#028268", "#8300a0", "#ad8944",
    "#5b3400", "#ff6f76", "#798cff", "#dd00ff", "#00458a", "#ffbf60", "#ff018d", "#b75700",
    "#027000", "#cd88ff", "#1dd646", "#7a98b5", "#a56089", "#6f8957", "#bd7d76", "#8b2945",
    "#00adff", "#8fd4ff", "#4b6d77", "#00d4b1", "#9300f3", "#8b9500", "#5d5c9f", "#00939f",
    "#00ab79", "#520068", "#0b5d3e", "#623b41", "#c6c78a", "#ff9eb6", "#ce506c", "#ff07d6",
    "#8b3a05", "#7f3e71", "#ff4902", "#602ca6", "#1c00ff", "#aa3baf", "#d99c00", "#3f6aff",
)  # fmt: skip
OTHER_COLOUR = "#c8c8c8"  # 其他 (the grouped small cities): grey, never a region's colour
_MEMBERSHIP_RANK = {"full": 0, "partial": 1, "no": 2}


@cache
def planning_unit_order() -> tuple[str, ...]:
    """Planning-unit codes in colour order: membership (full, partial, none), then Sichuan and
    Chongqing alternating in gazetteer order (so both provinces' leading units get early colours)."""
    with (GAZETTEER_DIR / "sc_cq_units.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    units = [
        r
        for r in rows
        if (r["level"] == "prefecture" and not r["code"].startswith("50"))
        or (r["level"] == "county" and r["code"].startswith("50"))
    ]
    order: list[str] = []
    for rank in sorted(set(_MEMBERSHIP_RANK.values())):
        group = [r for r in units if _MEMBERSHIP_RANK.get(r["cce"], 2) == rank]
        sc = [r["code"] for r in group if not r["code"].startswith("50")]
        cq = [r["code"] for r in group if r["code"].startswith("50")]
        for i in range(max(len(sc), len(cq))):
            order.extend(x[i] for x in (sc, cq) if i < len(x))
    return tuple(order)


@cache
def _index() -> dict[str, int]:
    # tests/core/test_colours.py checks there are no more units than colours
    return {code: i for i, code in enumerate(planning_unit_order())}


def region_colour(code: str) -> str:
    """The colour of region ``code`` on every chart and in every export (``#rrggbb``)."""
    i = _index().get(str(code))
    if i is None:  # not a bundled planning unit: stable across runs (crc32, not hash())
        i = zlib.crc32(str(code).encode("utf-8")) % len(PALETTE)
    return PALETTE[i]
