"""Where a further table printed under a sheet's first one begins, and where the first table's
header is only printed again at a page break.

A yearbook fills a page with tables one under another: the next one opens at its numbered title
(``2-2 各市年末常住人口``), its unit line (``单位：万人``), or a bare header row (``地区 | 年末常住
人口``, ``序号 | 地区 | 常住人口``) after a blank row or right under the last data row. The first
table's own header printed again is a page break when the list goes on below it, and a further
table when the rows below it list places already listed, or its running numbers (序号) count
from 1 again. Read as one table, the second table's figures would be taken for the first one's
indicator, and its header for a region called 地区.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from workbench.io.stats_import.axes import KEY_NAMES, Axis
from workbench.io.stats_import.row_kinds import (
    TABLE_NO,
    LazyCells,
    data_like,
    empty,
    is_number,
    starts_note,
)
from workbench.io.stats_import.table_model import Layout
from workbench.io.stats_import.units import unit_statement
from workbench.io.stats_import.values import MISSING_MARKERS, cell_text, parse_value

# The first character of a row that may start a further table printed below this one: a table
# number (2-2 …, 表2-2 …) or a unit line (单位：万人, （万人）). Region and indicator labels start
# with an ideograph, so the usual data row is passed over on its first character.
START_FIRST = frozenset("0123456789０１２３４５６７８９表单（(")


def table_start(cells: list[tuple[int, Any]]) -> bool:
    """A row that opens a new table: its numbered title (``2-2 各市年末常住人口``) or its unit line
    (``单位：万人``) standing alone, with no figure beside it. A numbered indicator (``2.1 第一产业
    | 123``) has figures; a note (``注：``) is no title."""
    if not cells or len(cells) > 2 or any(is_number(v) for _, v in cells):
        return False
    text = cell_text(cells[0][1]).strip()
    if not text or starts_note(text):
        return False
    norm = unicodedata.normalize("NFKC", text)
    if unit_statement(norm) is not None:
        return True
    m = TABLE_NO.match(norm)
    return len(cells) == 1 and m is not None and bool(m.group(2).strip())


def header_texts(rows: list[list[Any]], hdr: list[int]) -> set[tuple[str, ...]]:
    """Each header row's non-empty texts without spaces: a row printing them again is the
    header repeated at a page break."""
    out = set()
    for r in hdr:
        texts = tuple(SPACE.sub("", cell_text(v)) for v in rows[r] if not empty(v))
        if texts:
            out.add(texts)
    return out


SPACE = re.compile(r"[\s\u3000\u00a0]+")
IDEOGRAPHS = re.compile(r"[\u4e00-\u9fff]")


def repeats_header(row: list[Any], headers: set[tuple[str, ...]]) -> bool:
    return tuple(SPACE.sub("", cell_text(v)) for v in row if not empty(v)) in headers


# The header word of a table's key column (地区, 地  区, 市（州）, 指标, 项目) or of a running-number
# or code column printed left of it (序号, 编号, 代码): a row starting with one inside the data is
# a header, never a region or an indicator.
KEY_HEADS = frozenset(
    k
    for name, axis in KEY_NAMES.items()
    if axis in (Axis.REGION, Axis.INDICATOR, Axis.SKIP, Axis.CODE) and IDEOGRAPHS.search(name)
    for k in (name, name.replace("(", "（").replace(")", "）"))
)
KEY_FIRSTS = frozenset(k[0] for k in KEY_HEADS)


def blank_above(rows: list[list[Any]], r: int) -> bool:
    return r >= 1 and all(empty(v) for v in rows[r - 1])


def opens_table(rows: list[list[Any]], cells_of: LazyCells, r: int, n: int) -> bool:
    """A header row with no title of its own opening a further table below this one: a key
    column's header word (``地区``, or ``序号`` left of it) and at least one other label, no
    figure and no gap mark, with rows of figures right below (``地区 | 年末常住人口`` under a
    table of GDP), after a blank row or right under the last data row. Read as data it would
    be a region called 地区 whose figures are not numbers, and the second table's figures
    would be the first table's indicator. (Asked only of rows starting with such a word and
    not printing the table's own header again: that is a page break, ``new_table_under``.)
    A data row labelled with such a word has figures or gap marks, so it opens nothing."""
    cells = cells_of[r]
    if len(cells) < 2 or any(
        not isinstance(v, str) or is_number(v) or v.strip() in MISSING_MARKERS for _, v in cells
    ):
        return False
    return any(data_like(cells_of[k]) for k in range(r + 1, min(n, r + 4)))


def other_header_note(cells: list[tuple[int, Any]], r: int) -> tuple[str, str]:
    texts = [cell_text(v).strip() for _, v in cells]
    return (
        f"第 {r + 1} 行的表头（{'、'.join(texts)}）与上表表头不同，视为另一张表的表头",
        f"the header on row {r + 1} ({', '.join(texts)}) differs from the table's above: read "
        "as a further table's header",
    )


def label_of(row: list[Any]) -> str:
    """A data row's name: its first text cell that is no figure (right of a running number)."""
    for v in row:
        if isinstance(v, str) and v.strip() and not is_number(v):
            return SPACE.sub("", v)
    return ""


class Labels:
    """The names of the data rows kept so far, gathered when a repeated header asks (a long
    table printed over many pages asks at each page break: each row is read once)."""

    def __init__(self, rows: list[list[Any]], data: list[int]) -> None:
        self.rows, self.data, self.done, self.names = rows, data, 0, set[str]()

    def get(self) -> set[str]:
        for r in self.data[self.done :]:
            self.names.add(label_of(self.rows[r]))
        self.done = len(self.data)
        self.names.discard("")
        return self.names


def number_of(v: Any) -> float | None:
    if type(v) is float or type(v) is int:
        return float(v)
    return parse_value(v).value if isinstance(v, str) else None


def new_table_under(
    lay: Layout, rows: list[list[Any]], cells_of: LazyCells, r: int, n: int, above: Labels
) -> tuple[str, str] | None:
    """Why the table's header printed again at row ``r`` opens a further table rather than
    going on after a page break (None when it goes on): the rows below it name places (or
    indicators) the table listed already, which a list going on never does (right under
    the last data row: after a blank row the header again stays a page break); or, under a
    running-number column (序号), they count from 1 again where the list above had counted
    on. Looked at only at such a row (a handful per sheet)."""
    below = [k for k in range(r + 1, min(n, r + 8)) if cells_of[k]][:3]
    if not below or not all(data_like(cells_of[k]) for k in below):
        return None
    c0 = cells_of[r][0][0]
    last = lay.data_rows[-1] if lay.data_rows else -1
    if last >= 0 and KEY_NAMES.get(SPACE.sub("", cell_text(rows[r][c0]))) is Axis.SKIP:
        now = number_of(rows[below[0]][c0]) if c0 < len(rows[below[0]]) else None
        before = number_of(rows[last][c0]) if c0 < len(rows[last]) else None
        if now == 1.0 and before is not None and before > 1.0:
            return (
                f"第 {r + 1} 行重复上表表头，其下序号从 1 重新开始，视为另一张表",
                f"row {r + 1} repeats the header above and the running numbers start again at "
                "1 below it: read as a further table",
            )
    if blank_above(rows, r):
        return None  # a gap, then the header again: a page break, as it was always read
    names = [label_of(rows[k]) for k in below]
    if len(below) < 2 or not all(names) or not set(names) <= above.get():
        return None
    return (
        f"第 {r + 1} 行重复上表表头，但其下各行（{'、'.join(names)}）上表已列出，视为另一张表",
        f"row {r + 1} repeats the header above, but the rows below it ({', '.join(names)}) are "
        "listed above already: read as a further table",
    )


def second_table(lay: Layout, rows: list[list[Any]], cells_of: LazyCells) -> None:
    """Step 4b: a header printed again under a title of its own starts another table (a csv
    or text export of several tables, ``表2 常住人口（万人）`` then ``地区,2022年``): the data end
    above that title, which becomes ``next_table`` (read on its own, said in the report),
    instead of the second table's figures being read as the first's indicator and unit. A title saying ``续`` (a continued table) and a header
    repeated without a title (a page break) are skipped and the table goes on."""
    if not lay.header_rows:
        return
    head = [cell_text(v).strip() for _, v in cells_of[lay.header_rows[-1]]]
    if not head:
        return
    c0 = next(c for c, _ in cells_of[lay.header_rows[-1]])
    repeated = {r for r, _zh, en in lay.skipped_rows if en == "repeated header row"}
    data = lay.data_rows
    for i, r in enumerate(data):
        row = rows[r]
        if c0 >= len(row) or type(row[c0]) is not str or row[c0].strip() != head[0]:
            continue
        if [cell_text(v).strip() for _, v in cells_of[r]] != head:
            continue
        repeated.add(r)
        lay.skipped_rows.append((r, "重复的表头行", "repeated header row"))
        data[i] = -1
    for r in sorted(repeated):
        titles = []
        k = r - 1
        while k >= 0 and k not in lay.header_rows and len(titles) < 3:
            cells = cells_of[k]
            if len(cells) > 1 or (cells and not isinstance(cells[0][1], str)):
                break
            if cells and is_number(cells[0][1]):
                break
            if cells:
                titles.insert(0, k)
            k -= 1
        if not titles:
            continue
        words = [cell_text(cells_of[t][0][1]).strip() for t in titles]
        if any("续" in w for w in words):
            for t in titles:
                lay.skipped_rows.append((t, "续表标题", "continued-table title"))
            drop = set(titles)
            lay.data_rows = data = [x for x in data if x not in drop]
            continue
        cut = titles[0]
        lay.data_rows = [x for x in data if 0 <= x < cut]
        lay.skipped_rows = [x for x in lay.skipped_rows if x[0] < cut]
        lay.next_table = cut  # read on its own by ``table_parts.split``, like a yearbook's
        return
    lay.data_rows = [x for x in data if x >= 0]
