"""What a value column's header says about the year its figures belong to, beyond a bare year.

Bureaus write the year into the indicator's own header (``2022年末常住人口``,
``地区生产总值(2023年)``), and monthly reports head their columns with periods relative to the
report's (``本期 | 上年同期``). A year in a header is taken only where it can be nothing but the
data's year: a base-price year (``2020年不变价``), a comparison (``比2020年增长``), a range or
part of a year is a different number, and storing it under that year would be a silent error.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal

from workbench.io.stats_import.values import partial_period, year_of

_SPACES = re.compile(r"[\s\u3000\u00a0]+")
_ANY_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_RANGE = re.compile(r"(?<!\d)(?:19|20)\d{2}年?[-—–－~～至到](?:(?:19|20)\d{2}|\d{2})")
# the year's own qualifiers: 2022年末, 2022年底, 2021年度, 2023年全年, 2022年12月末, 2022年同期
_TAIL = r"年(?:度|全年|(?:12月)?(?:末|底))?(?:同期)?"
_HEAD = re.compile(rf"^((?:19|20)\d{{2}}){_TAIL}")
_END = re.compile(rf"((?:19|20)\d{{2}}){_TAIL}$")
_BRACKETS = re.compile(r"\(([^()]*)\)")
_BRACKET_PART = re.compile(r"[^,，、;；]+")
# what may follow a year that is not the data's: a base period, a start or an end of a span
_NOT_DATA_AFTER = re.compile(
    r"^(?:不变价|可比价|价格|价|为基|基期|=100|为100|以来|以前|以后|之前|之后|起|至|到|前|后|-)"
)
# what may precede one: a comparison, a base, a span
_NOT_DATA_BEFORE = re.compile(r"(?:比|较|以|按|与|同|自|从|至|到|于|和|及|、|-|—|~|～)$")
_QUALIFIERS = re.compile(r"^(?:年末|年底|年度|全年|[1１][-—–－~～至到][1１][2２]月(?:累计)?)+")
_DASHES = re.compile(r"[—–－~～至到]")

Period = Literal["", "current", "previous", "part"]
_SUFFIX = r"(?:数|值|实际|完成|实绩)?"
_PREVIOUS = re.compile(
    rf"^(?:上年|去年|上一年|上年度)(?:同期)?(?:累计)?(?:末|底)?{_SUFFIX}$|^同期(?:累计)?{_SUFFIX}$"
)
_CURRENT = re.compile(
    rf"^(?:本期|本年|当年|当期|本年度|全年)(?:累计)?{_SUFFIX}$"
    rf"|^(?:本月|本期|本年|1-12月)?累计{_SUFFIX}$|^1-12月{_SUFFIX}$"
)
_PART = re.compile(rf"^(?:本月|当月|上月|本季|本季度|当季|上年同月|去年同月|同月|本旬){_SUFFIX}$")
_UNIT_BRACKET = re.compile(r"\([^()]*\)$")


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", _SPACES.sub("", text))


@lru_cache(maxsize=4096)
def year_in_label(text: str) -> tuple[int, str] | None:
    """The year an indicator's header names as its data's year, and the header without it, as
    printed: ``2022年末常住人口`` → (2022, ``常住人口``), ``地区生产总值（2023年）`` → (2023,
    ``地区生产总值``), ``2022年同期`` → (2022, ""). None unless the label names exactly one year,
    at its start, its end or alone in brackets, not as a base, a comparison or a span, and its
    figures cover a whole year."""
    t = _norm(text)
    if len(_ANY_YEAR.findall(t)) != 1 or _RANGE.search(t) or partial_period(t):
        return None
    # the spans are found in the NFKC text and cut from the printed one (same length unless a
    # character such as ① expands)
    printed = _SPACES.sub("", text)
    src = printed if len(printed) == len(t) else t
    year: int | None = None
    cut = (0, 0)
    for m in _BRACKETS.finditer(t):
        parts = list(_BRACKET_PART.finditer(m.group(1)))
        at = [k for k, p in enumerate(parts) if year_of(p.group(0)) is not None]
        if len(at) != 1:
            continue
        k, base = at[0], m.start(1)
        year = year_of(parts[k].group(0))
        if len(parts) == 1:
            cut = (m.start(), m.end())  # 地区生产总值（2023年）
        elif k == 0:
            cut = (base + parts[0].start(), base + parts[1].start())  # （2023年，元）
        else:
            cut = (base + parts[k - 1].end(), base + parts[k].end())  # （元，2023年）
        break
    if year is None and (m := _HEAD.match(t)):
        if _NOT_DATA_AFTER.match(t[m.end() :]):
            return None
        year, cut = int(m.group(1)), (0, m.end())
    elif year is None and (m := _END.search(t)):
        if _NOT_DATA_BEFORE.search(t[: m.start()]):
            return None
        year, cut = int(m.group(1)), (m.start(), len(t))
    if year is None:
        return None
    return year, _QUALIFIERS.sub("", src[: cut[0]] + src[cut[1] :])


@lru_cache(maxsize=4096)
def period_of(text: str) -> Period:
    """What a header word says about the period of its column: ``previous`` (上年同期,
    去年同期, 上年, 上年累计: the year before the report's), ``current`` (本期, 本年累计, 本月累计,
    1-12月累计: the report's year), ``part`` (本月, 一季度, 1-6月: less than a year), else ""."""
    t = _DASHES.sub("-", _norm(text))
    t = _UNIT_BRACKET.sub("", t).rstrip("%:：")
    if not t:
        return ""
    if _PREVIOUS.match(t):
        return "previous"
    if _CURRENT.match(t):
        return "current"
    if _PART.match(t) or partial_period(t):
        return "part"
    return ""


def clear_caches() -> None:
    """Forget memoised header readings (a cold start, for benchmarks)."""
    year_in_label.cache_clear()
    period_of.cache_clear()
