"""Headings printed over a regions-as-columns table's region columns: a region of its own (a
city merged over its districts, ``全市`` over ``合计 | 市辖区 | 县``), which is the columns' parent
and whose ``小计``/``合计`` column is that region's figure, or a word that only sorts them
(``按经济区分``, ``其中``). Neither is part of the columns' indicator.
"""

from __future__ import annotations

import re
import unicodedata

from workbench.io.stats_import.regions import aggregate_kind
from workbench.io.stats_import.table_model import Column

_SPACES = re.compile(r"[\s\u3000\u00a0]+")


# A heading printed over region columns that only sorts them: 按经济区分, 分地区, 各市（州）,
# 其中, 市（州）, 区县 (a grouping by name, 成都平原经济区, is an aggregate label).
GROUPING = re.compile(
    r"^(?:其中[:：]?|(?:按|分)?(?:各|所属)?(?:地区|区域|市州|市\(州\)|市|州|区县|县\(市、?区\)|县市区|"
    r"区\(县\)|县|区|经济区|片区|城镇群|板块)+(?:分|划分|分组)?)$"
)


# A column under a region printing that region's own figure (成都市 over 小计 | 锦江区 …)
SUM_WORDS = frozenset(("小计", "合计", "总计", "共计", "计", "全部"))


def region_heads(
    col: Column,
    rest: list[str],
    dropped: dict[str, None],
    parents: dict[str, None],
    sums: dict[str, None],
) -> None:
    """The headings printed over a region column, taken off its indicator path (``rest``): a
    place (``成都市`` merged over ``小计 | 锦江区 | 青羊区``) or a whole or subtotal (``全市``,
    ``市辖区``, ``县``) is the column's parent region, its ``小计``/``合计`` column that region's
    own figure (checked against the parts beside it, ``checks.check_region_columns``); a
    heading that only sorts them (按经济区分, 其中) is dropped. Read once per column."""
    chain: list[str] = []
    while rest:
        t = rest[-1]
        if region_parent(t):
            chain.insert(0, rest.pop())
            parents[t] = None
        elif region_grouping(t):
            dropped[rest.pop()] = None
        else:
            break
    leaf = _SPACES.sub("", unicodedata.normalize("NFKC", col.region_label))
    if chain and leaf in SUM_WORDS:
        sums[col.region_label] = None
        col.region_label = chain.pop()
    col.region_parents = tuple(chain)


def region_parent(text: str) -> bool:
    """Whether a heading over region columns is a region of its own: a place the gazetteer
    knows, or a whole or subtotal (全市, 市辖区, 县) rather than a sorting word."""
    t = _SPACES.sub("", unicodedata.normalize("NFKC", text))
    kind = aggregate_kind(t)
    if kind:
        return kind in ("total", "subtotal")
    if GROUPING.match(t):
        return False
    from workbench.core.gazetteer import default_gazetteer

    r = default_gazetteer().lookup(t)
    return bool(r.code or r.candidates)


def region_grouping(text: str) -> bool:
    """Whether a header over a region column only groups the regions (按经济区分, 其中,
    成都平原经济区, 主城都市区) rather than naming the indicator of the figures below."""
    t = _SPACES.sub("", unicodedata.normalize("NFKC", text))
    return bool(GROUPING.match(t)) or aggregate_kind(t) in ("group", "subtotal")
