"""Reading one printed number the way an analyst would, or saying why it is not one.

Yearbook cells hold numbers as text with thousands separators, full-width digits, footnote marks
(``1234.5①``, ``12.3*``), percent strings, and markers for "no data" (``—``, ``…``, ``-``). A cell
that is not clearly one number is skipped with a reason; it is never guessed.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime, time, timedelta

# Markers meaning "no figure": em/en dashes, ellipses, and the confidential mark.
MISSING_MARKERS = frozenset(
    {
        "—",
        "——",
        "-",
        "--",
        "---",
        "–",
        "－",
        "…",
        "……",
        "...",
        "..",
        "·",
        "/",
        "\\",
        "x",
        "X",
        "×",
        "n.a.",
        "N/A",
        "NA",
        "n/a",
        "N.A.",
        "na",
        "#N/A",
        "null",
        "NULL",
        "无",
        "空",
        "不详",
        "暂无",
    }
)
CONFIDENTIAL = frozenset({"x", "X", "×"})

_FOOTNOTE_TAIL = re.compile(r"[①-⑳⑴-⒇*＊#＃▲△†‡¹²³⁴⁵⁶⁷⁸⁹⁰]+$")
_FOOTNOTE_PAREN = re.compile(r"[(（]\s*(?:注)?\s*\d{1,2}\s*[)）]$")
_NUMBER = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_YEAR = re.compile(r"^((?:19|20)\d{2})\s*年?(?:度|末|底)?$")
# A year-end date as statistical databases label annual columns (2023-12-31, 2023/12/31,
# 2023年12月31日, with or without a midnight time): that year's figure or year-end stock.
_YEAR_END = re.compile(r"^((?:19|20)\d{2})[-/.年]12[-/.月]31日?(?:\d{1,2}:\d{2}(?::\d{2})?)?$")
# Any other full date (2023-06-30) names a part of a year.
_DATE = re.compile(r"(?<!\d)(?:19|20)\d{2}[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_SPACES = re.compile(r"[\s\u3000\u00a0]+")

# Reasons a value is skipped, in Chinese and English; keys are stable for tests and the report.
REASONS: dict[str, tuple[str, str]] = {
    "empty": ("空白", "empty cell"),
    "missing": ("缺失标记（—、…、- 等）", "missing-value marker (—, …, - etc.)"),
    "confidential": ("保密或不宜公布（x）", "confidential (x)"),
    "text": ("不是数字", "not a number"),
    "not_finite": ("不是有限数值", "not a finite number"),
    "date": ("是日期而非数值", "a date, not a number"),
    "unit_ambiguous": ("单位不明确", "unit ambiguous"),
    "unit_mismatch": ("单位与指标不符", "unit does not fit the indicator"),
    "no_year": ("年份未知（请指定年份）", "year unknown (give the year)"),
    "no_region": ("地区未匹配", "region not matched"),
    "no_indicator": ("指标未知", "indicator unknown"),
    "other_year": ("不是所选年份", "not the year asked for"),
    "percent_mismatch": (
        "单元格为百分数，但该列单位不是 %",
        "cell is a percentage but the column unit is not %",
    ),
    "part_year": (
        "不足一年的数据（本月、1-6月、一季度等），不作为全年数值",
        "less than a year's figures (this month, 1-6月, a quarter…); not a year's value",
    ),
    "no_table_region": (
        "表中没有地区（请指定本表的地区）",
        "the table names no region (give the table's region)",
    ),
    "bracketed": (
        "括号中的整数（会计负数还是编号？），未作为数值",
        "an integer in brackets (an accounting negative or a number label?); not read",
    ),
    "magnitude_unit": (
        "数字带数量级（万、亿），但该列没有可按数量级换算的单位",
        "a number with a magnitude (万, 亿) but the column has no unit it can be scaled to",
    ),
}

# A magnitude word written after the figure (3,626.9万, 1.2亿, 2.1万亿): the factor it stands for.
MAGNITUDES = {"万": 1e4, "亿": 1e8, "万亿": 1e12}
_MAGNITUDE_TAIL = re.compile(r"(万亿|万|亿)$")
_DIGITS = re.compile(r"^\d+$")


class Parsed:
    """A parsed cell: ``value`` (float or None), ``reason`` when None, and notes on what was cleaned."""

    __slots__ = ("footnote", "magnitude", "percent", "reason", "value")

    def __init__(
        self,
        value: float | None,
        reason: str = "",
        *,
        footnote: bool = False,
        percent: bool = False,
        magnitude: float = 1.0,
    ) -> None:
        self.value = value
        self.reason = reason
        self.footnote = footnote
        self.percent = percent
        # 1e4 for 3,626.9万: ``value`` is the printed figure; the column's unit decides the scale
        self.magnitude = magnitude


EMPTY = Parsed(None, "empty")


def cell_text(v: object) -> str:
    """Display text of a raw cell (what the wizard shows and what labels are made from)."""
    if v is None:
        return ""
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 1e15:
            return str(int(v))
        return repr(v)
    if isinstance(v, datetime):
        return v.isoformat(sep=" ")
    if isinstance(v, date | time):
        return v.isoformat()
    return str(v)


def clean_text(v: object) -> str:
    """NFKC-normalised text without any spaces (full-width included)."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", cell_text(v)))


def parse_value(v: object) -> Parsed:
    """Parse a raw cell into a number or a skip reason. Never raises."""
    t = type(v)
    if t is float or t is int:
        f = float(v)  # type: ignore[arg-type]
        return Parsed(f) if math.isfinite(f) else Parsed(None, "not_finite")
    if v is None or v == "":
        return EMPTY
    if t is bool:
        return Parsed(None, "text")
    if isinstance(v, date | time | timedelta):
        return Parsed(None, "date")
    if not isinstance(v, str):
        return Parsed(None, "text")
    return _parse_text(v)


def _parse_text(raw: str) -> Parsed:
    # Footnote marks go before NFKC, which would turn ① into the digit 1.
    s = _SPACES.sub("", raw)
    if not s:
        return EMPTY
    footnote = False
    stripped = _FOOTNOTE_PAREN.sub("", _FOOTNOTE_TAIL.sub("", s))
    if stripped != s and stripped:
        footnote = True
        s = stripped
    s = unicodedata.normalize("NFKC", s)
    if s in MISSING_MARKERS or raw.strip() in MISSING_MARKERS:
        return Parsed(None, "confidential" if s in CONFIDENTIAL else "missing")
    sign = 1.0
    if s[0] == "(" and s[-1] == ")":  # NFKC made （） plain brackets
        # An accounting negative: (1,234.5), (234.5), (2.5%). A bare integer in brackets, (12),
        # is also how a column or footnote number is printed: not taken as a negative.
        inner = s[1:-1]
        body = inner[:-1] if inner.endswith("%") else inner
        if _DIGITS.match(body):
            return Parsed(None, "bracketed")
        if not body or body[0] in "+-" or not (_NUMBER.match(body) or _THOUSANDS.match(body)):
            return Parsed(None, "text")
        sign, s = -1.0, inner
    magnitude = 1.0
    if s[-1] in "万亿":
        m = _MAGNITUDE_TAIL.search(s)
        if m is not None:
            magnitude = MAGNITUDES[m.group(1)]
            s = s[: m.start()]
            if not s:
                return Parsed(None, "text")
    percent = False
    if s.endswith("%"):
        if magnitude != 1.0:
            return Parsed(None, "text")
        percent = True
        s = s[:-1]
    s = s.replace("−", "-").replace("﹣", "-")
    if _THOUSANDS.match(s):
        s = s.replace(",", "")
    if not _NUMBER.match(s):
        return Parsed(None, "text")
    f = sign * float(s)
    if not math.isfinite(f):
        return Parsed(None, "not_finite")
    return Parsed(f, footnote=footnote, percent=percent, magnitude=magnitude)


_IDEOGRAPH_FIRST = re.compile(r"^[\s\u3000\u00a0]*[\u4e00-\u9fff]")


def is_label_text(v: object) -> bool:
    """A string starting with a CJK ideograph: never a number or a year (NFKC leaves those
    characters alone), so column statistics need not parse it."""
    return type(v) is str and _IDEOGRAPH_FIRST.match(v) is not None


def year_of(v: object) -> int | None:
    """The year a header cell names (``2019年``, ``2019``, 2019.0, the year-end date
    2019-12-31 as a date cell or text), else None."""
    if type(v) is float or type(v) is int:
        f = float(v)  # type: ignore[arg-type]
        if f.is_integer() and 1900 <= f <= 2100:
            return int(f)
        return None
    if isinstance(v, date):  # a datetime too
        return v.year if (v.month, v.day) == (12, 31) and 1900 <= v.year <= 2100 else None
    if not isinstance(v, str):
        return None
    s = _FOOTNOTE_TAIL.sub("", _SPACES.sub("", v))
    s = unicodedata.normalize("NFKC", s)
    m = _YEAR.match(s) or _YEAR_END.match(s)
    return int(m.group(1)) if m else None


# A row's period that is part of a year (2023-09-30, 2023-09, 2023Q3, 2023年1-6月): its figures
# are never a year's, even when the planner gives the table's year.
PART_YEAR = -1
_MONTH = re.compile(r"^(?:19|20)\d{2}\s*[-/.年]\s*(?:0?[1-9]|1[0-2])\s*月?$")


def row_year_of(v: object) -> int | None:
    """A year column's cell: its year (``year_of``), ``PART_YEAR`` for a date or period that is
    part of a year (a quarter's end date, a month), else None."""
    y = year_of(v)
    if y is not None:
        return y
    if isinstance(v, date):
        return PART_YEAR
    if not isinstance(v, str) or not v.strip():
        return None
    t = unicodedata.normalize("NFKC", v).strip()
    if _MONTH.match(t) or partial_period(t):
        return PART_YEAR
    return None


_YEAR_IN_TEXT = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)\s*年?")
_YEAR_RANGE = re.compile(r"(?<!\d)(?:19|20)\d{2}\s*年?\s*[-—–－~～至到]\s*(?:(?:19|20)\d{2}|\d{2})")


def single_year_in(text: str) -> int | None:
    """A title's year (``……（2023年）``), if it names exactly one year and no range."""
    t = unicodedata.normalize("NFKC", text)
    if _YEAR_RANGE.search(t):
        return None
    years = {int(m.group(1)) for m in _YEAR_IN_TEXT.finditer(t)}
    return years.pop() if len(years) == 1 else None


def decimals_of(v: object) -> int:
    """Decimal places as printed (for rounding tolerance); floats from Excel count their repr."""
    s = _FOOTNOTE_TAIL.sub("", cell_text(v).strip())
    s = unicodedata.normalize("NFKC", s).rstrip("%")
    if "e" in s.lower():
        return 6
    return len(s.split(".", 1)[1]) if "." in s else 0


_PARTIAL = re.compile(
    r"[一二三四1-4]季度?|季度|上半年|下半年|前三季度?|(?<![A-Za-z])(?:[Qq][1-4]|[Hh][12])(?![0-9])"
    r"|(\d{1,2})\s*[-—–－~～至到]\s*(\d{1,2})\s*月|(\d{1,2})\s*月(?!末|底)"
    r"|([一二三四五六七八九十]{1,3})\s*[-—–－~～至到]\s*([一二三四五六七八九十]{1,3})\s*月"
)


def partial_period(text: str) -> str:
    """The part of a title or name saying its figures cover less than a year (``1-6月``,
    ``一至六月``, ``一季度``, ``上半年``, ``Q3``), else "". ``1-12月``, ``一至十二月``,
    ``12月末`` and ``12月31日`` (a year-end stock) are a whole year."""
    t = unicodedata.normalize("NFKC", text)
    d = _DATE.search(t)
    if d and (int(d.group(1)), int(d.group(2))) != (12, 31):
        return d.group(0)
    for m in _PARTIAL.finditer(t):
        if m.group(1) and int(m.group(1)) == 1 and int(m.group(2)) == 12:
            continue
        if m.group(4) and m.group(4) == "一" and m.group(5) == "十二":
            continue
        if m.group(3) == "12" and t[m.end() :].lstrip().startswith("31日"):
            continue
        return m.group(0)
    return ""
