"""What a row of a printed sheet is, from its non-empty cells: data (a label and figures), a
year row, a column-number row (甲 乙 1 2 3), a note (``注：``, ``资料来源：``) or a statement
(a ``单位：`` or ``指标：`` line). Shared by the readers of a table's rows and of the tables
printed under it (``table_rows``, ``table_breaks``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from workbench.io.stats_import import series_block
from workbench.io.stats_import.units import unit_statement
from workbench.io.stats_import.values import parse_value, year_of

META = re.compile(r"^\s*(指标|地区|时间|数据库|统计范围|口径|报告期|频度)\s*[:：]\s*(.*)$")
TABLE_NO = re.compile(
    r"^\s*(?:表\s*)?([0-9]{1,2}\s*[-—–－.]\s*[0-9]{1,3}(?:\s*[-—–－]\s*[0-9]{1,2})?)\s*(.*)$"
)
FOOTER = re.compile(
    r"^\s*(?:注\s*[:：0-9①-⑳]|注释|资料来源|数据来源|来源[:：]|说明[:：]|备注|附注|附[:：]|"
    r"note|source|[*＊①-⑳])",
    re.IGNORECASE,
)


# The first character a note can start with, as printed (before NFKC): a label starting with
# anything else is no note, decided without normalising or matching it (a first read meets
# thousands of labels).
NOTE_FIRST = frozenset("注资数来说备附nNsS*＊﹡ｎＮｓＳ" + "".join(map(chr, range(0x2460, 0x2474))))


def starts_note(text: str) -> bool:
    """``注：``, ``资料来源：`` …"""
    t = text.lstrip()
    return bool(t) and t[0] in NOTE_FIRST and note_text(t)


@lru_cache(maxsize=65536)
def note_text(text: str) -> bool:
    """(Memoised: a long table repeats the same labels file after file.)"""
    return FOOTER.match(unicodedata.normalize("NFKC", text.strip())) is not None


def clear_caches() -> None:
    note_text.cache_clear()


def empty(v: Any) -> bool:
    return v is None or v == "" or (isinstance(v, str) and not v.strip())


def row_cells(row: list[Any]) -> list[tuple[int, Any]]:
    return [(c, v) for c, v in enumerate(row) if not empty(v)]


class LazyCells:
    """Non-empty cells of a row, computed only for the rows that are looked at closely."""

    def __init__(self, rows: list[list[Any]]) -> None:
        self.rows = rows
        self.cache: dict[int, list[tuple[int, Any]]] = {}

    def __getitem__(self, r: int) -> list[tuple[int, Any]]:
        got = self.cache.get(r)
        if got is None:
            got = self.cache[r] = row_cells(self.rows[r])
        return got


def is_number(v: Any) -> bool:
    if type(v) is float or type(v) is int:
        return True
    return isinstance(v, str) and parse_value(v).value is not None


def is_year_row(cells: list[tuple[int, Any]]) -> bool:
    years = [y for _, v in cells if (y := year_of(v)) is not None]
    rest = len(cells) - 1
    return len(years) >= 2 and len(set(years)) == len(years) and len(years) >= 0.6 * rest


def is_statement(text: str) -> bool:
    t = unicodedata.normalize("NFKC", text)
    return bool(META.match(t) or unit_statement(t) is not None or FOOTER.match(t))


def data_like(cells: list[tuple[int, Any]]) -> bool:
    if not cells or is_year_row(cells):
        return False
    if len(cells) == 1 and isinstance(cells[0][1], str):
        return False
    nums = sum(1 for _, v in cells if is_number(v) and year_of(v) is None)
    if nums == 0:
        return False
    first = cells[0][1]
    if isinstance(first, str) and is_statement(first) and len(cells) <= 2:
        return False
    if cells[0][0] == 0 and series_block.is_description(first):
        return False  # 指标ID | 2110001 | …: a database export's series codes
    return nums >= max(1, 0.2 * (len(cells) - 1))


def column_numbers(cells: list[tuple[int, Any]]) -> bool:
    """A row numbering the columns (甲 乙 1 2 3 …) under the header."""
    nums = [v for _, v in cells if is_number(v)]
    labels = [v for _, v in cells if isinstance(v, str) and not is_number(v)]
    if len(nums) < 3 or any(
        str(x).strip() not in ("甲", "乙", "丙", "A", "B", "C", "栏次") for x in labels
    ):
        return False
    vals = [parse_value(v).value for v in nums]
    return vals == [
        float(i) for i in range(int(vals[0] or 0), int(vals[0] or 0) + len(vals))
    ] and vals[0] in (0.0, 1.0)
