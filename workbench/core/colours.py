"""Region colours: one per region, fixed for as long as the app runs and the same in every export.

A colour that follows a city's rank (first series blue, second orange, …) makes 成都市 change colour
as money moves, and a planner reads that as a different city. So the colour is a function of the
region code alone: each of the 59 planning units of the bundled gazetteer has its own palette entry
(``PLANNING_UNITS``, a fixed table), so no two planning units ever share a colour. The table lists
them by GDP in the bundled statistics (latest year of each), so the largest economies, which
usually lead the charts, get the most distinct colours; regions outside it (a project's own codes)
get a stable colour from a checksum of the code.

The palette starts with Tableau 10 (the app's colours before, without its grey), then colours of
colorcet's ``glasbey_bw_minc_20_maxl_70`` kept only when clearly different (CIELAB ΔE ≥ 19) from
those already chosen, neither grey nor too light to see on white.
"""

from __future__ import annotations

import zlib

PALETTE = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#d70000", "#8c3cff", "#028800", "#00acc7", "#e7a500", "#ff7fd1", "#583b00",
    "#15e18d", "#0000dd", "#bcb7ff", "#c004b9", "#0774d8", "#ff7852", "#004b00", "#8f7b01",
    "#f3007b", "#8fba00", "#5a02a3", "#a03a52", "#9e4b00", "#bbc389", "#8388ff", "#e353ff",
    "#7fcaff", "#00816a", "#7f2b8e", "#00bea4", "#00e500", "#ff00ce", "#e59cff", "#1da1ff",
    "#c89a69", "#04dae6", "#9f0274", "#af6dff", "#596d00", "#ff3147", "#5a4aa3", "#773516",
    "#86c39a", "#a42918", "#cb0044", "#92d370", "#61345c", "#025438", "#c45dba", "#34c000",
    "#eda5da", "#fe77ff", "#b6005f", "#45d458", "#e57ba7", "#bcad53", "#4e4e7a", "#1959ff",
)  # fmt: skip
OTHER_COLOUR = "#c8c8c8"  # 其他 (the grouped small cities): grey, never a region's colour

PLANNING_UNITS = (
    "510100", "510700", "511500", "510500", "511100", "500112",  # 成都市、绵阳市、宜宾市、泸州市、乐山市、渝北区
    "513400", "510600", "511300", "500107", "511400", "511700",  # 凉山州、德阳市、南充市、九龙坡区、眉山市、达州市
    "500103", "500105", "500102", "511000", "510300", "500116",  # 渝中区、江北区、涪陵区、内江市、自贡市、江津区
    "511600", "510900", "500118", "510800", "510400", "500101",  # 广安市、遂宁市、永川区、广元市、攀枝花市、万州区
    "500106", "512000", "500117", "500113", "500108", "500120",  # 沙坪坝区、资阳市、合川区、巴南区、南岸区、璧山区
    "500115", "500153", "500111", "500110", "500109", "500151",  # 长寿区、荣昌区、大足区、綦江区、北碚区、铜梁区
    "500154", "511800", "511900", "500155", "500152", "500231",  # 开州区、雅安市、巴中市、梁平区、潼南区、垫江县
    "500233", "513200", "500236", "513300", "500119", "500235",  # 忠县、阿坝州、奉节县、甘孜州、南川区、云阳县
    "500114", "500230", "500104", "500241", "500156", "500240",  # 黔江区、丰都县、大渡口区、秀山县、武隆区、石柱县
    "500243", "500242", "500237", "500238", "500229",  # 彭水县、酉阳县、巫山县、巫溪县、城口县
)  # fmt: skip
_INDEX = {code: i for i, code in enumerate(PLANNING_UNITS)}


def region_colour(code: str) -> str:
    """The colour of region ``code`` on every chart and in every export (``#rrggbb``)."""
    i = _INDEX.get(str(code))
    if i is None:  # not a bundled planning unit: stable across runs (crc32, not hash())
        i = zlib.crc32(str(code).encode("utf-8")) % len(PALETTE)
    return PALETTE[i]
