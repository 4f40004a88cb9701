"""Finding the table inside a sheet made for printing: the first data row, the header rows above
it, the title, meta and unit rows above those, and the notes at the bottom.

The reading is the analyst's: the data start at the first row that holds numbers; the header is
the block of labelled rows right above it; anything above that is a title, a table number, an
English title, a ``指标：…``/``地区：…`` meta line or a ``单位：…`` statement. Bureaus often end the
title with the table's unit in brackets (``各市地区生产总值（亿元）``): the bracket is taken off the
title and kept as the title's unit, which counts only when no ``单位`` line or header states one.
Everything inferred is written down in ``Layout.notes`` for the report; ``ImportOverrides`` can
correct any of it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from workbench.io.stats_import import indicators, series_block
from workbench.io.stats_import.axes import KEY_NAMES, Axis
from workbench.io.stats_import.cells import Sheet
from workbench.io.stats_import.table_columns import read_columns
from workbench.io.stats_import.table_model import Layout, NoTable
from workbench.io.stats_import.units import title_unit, unit_statement
from workbench.io.stats_import.values import MISSING_MARKERS, cell_text, parse_value, year_of

_META = re.compile(r"^\s*(指标|地区|时间|数据库|统计范围|口径|报告期|频度)\s*[:：]\s*(.*)$")
_TABLE_NO = re.compile(
    r"^\s*(?:表\s*)?([0-9]{1,2}\s*[-—–－.]\s*[0-9]{1,3}(?:\s*[-—–－]\s*[0-9]{1,2})?)\s*(.*)$"
)
_FOOTER = re.compile(
    r"^\s*(?:注\s*[:：0-9①-⑳]|注释|资料来源|数据来源|来源[:：]|说明[:：]|备注|附注|附[:：]|"
    r"note|source|[*＊①-⑳])",
    re.IGNORECASE,
)


# The first character a note can start with, as printed (before NFKC): a label starting with
# anything else is no note, decided without normalising or matching it (a first read meets
# thousands of labels).
_NOTE_FIRST = frozenset(
    "注资数来说备附nNsS*＊﹡ｎＮｓＳ" + "".join(map(chr, range(0x2460, 0x2474)))
)


def _starts_note(text: str) -> bool:
    """``注：``, ``资料来源：`` …"""
    t = text.lstrip()
    return bool(t) and t[0] in _NOTE_FIRST and _note_text(t)


@lru_cache(maxsize=65536)
def _note_text(text: str) -> bool:
    """(Memoised: a long table repeats the same labels file after file.)"""
    return _FOOTER.match(unicodedata.normalize("NFKC", text.strip())) is not None


def clear_caches() -> None:
    _note_text.cache_clear()


def _empty(v: Any) -> bool:
    return v is None or v == "" or (isinstance(v, str) and not v.strip())


def _row_cells(row: list[Any]) -> list[tuple[int, Any]]:
    return [(c, v) for c, v in enumerate(row) if not _empty(v)]


class _LazyCells:
    """Non-empty cells of a row, computed only for the rows that are looked at closely."""

    def __init__(self, rows: list[list[Any]]) -> None:
        self.rows = rows
        self.cache: dict[int, list[tuple[int, Any]]] = {}

    def __getitem__(self, r: int) -> list[tuple[int, Any]]:
        got = self.cache.get(r)
        if got is None:
            got = self.cache[r] = _row_cells(self.rows[r])
        return got


def _is_number(v: Any) -> bool:
    if type(v) is float or type(v) is int:
        return True
    return isinstance(v, str) and parse_value(v).value is not None


def _is_year_row(cells: list[tuple[int, Any]]) -> bool:
    years = [y for _, v in cells if (y := year_of(v)) is not None]
    rest = len(cells) - 1
    return len(years) >= 2 and len(set(years)) == len(years) and len(years) >= 0.6 * rest


def _is_statement(text: str) -> bool:
    t = unicodedata.normalize("NFKC", text)
    return bool(_META.match(t) or unit_statement(t) is not None or _FOOTER.match(t))


def _data_like(cells: list[tuple[int, Any]]) -> bool:
    if not cells or _is_year_row(cells):
        return False
    if len(cells) == 1 and isinstance(cells[0][1], str):
        return False
    nums = sum(1 for _, v in cells if _is_number(v) and year_of(v) is None)
    if nums == 0:
        return False
    first = cells[0][1]
    if isinstance(first, str) and _is_statement(first) and len(cells) <= 2:
        return False
    if cells[0][0] == 0 and series_block.is_description(first):
        return False  # 指标ID | 2110001 | …: a database export's series codes
    return nums >= max(1, 0.2 * (len(cells) - 1))


def _column_numbers(cells: list[tuple[int, Any]]) -> bool:
    """A row numbering the columns (甲 乙 1 2 3 …) under the header."""
    nums = [v for _, v in cells if _is_number(v)]
    labels = [v for _, v in cells if isinstance(v, str) and not _is_number(v)]
    if len(nums) < 3 or any(
        str(x).strip() not in ("甲", "乙", "丙", "A", "B", "C", "栏次") for x in labels
    ):
        return False
    vals = [parse_value(v).value for v in nums]
    return vals == [
        float(i) for i in range(int(vals[0] or 0), int(vals[0] or 0) + len(vals))
    ] and vals[0] in (0.0, 1.0)


def detect(sheet: Sheet, *, header_rows: list[int] | None = None) -> Layout:
    rows = sheet.rows
    lay = Layout(merged_known=sheet.merged is not None)
    n = len(rows)
    cells_of = _LazyCells(rows)
    lay.first_row = first = _first_data_row(lay, cells_of, n, header_rows)
    lay.header_rows = hdr = _header_rows(sheet, cells_of, first, n, header_rows)
    _preamble(lay, cells_of, hdr, first)
    footer_at = _data_rows(lay, rows, cells_of, first, n)
    _second_table(lay, rows, cells_of)
    _footer(lay, cells_of, footer_at, n)
    series = series_block.read_block(lay, rows)
    read_columns(lay, sheet)
    if series or len(lay.header_rows) < len(hdr):
        series_block.apply(lay, series)
    return lay


def _first_data_row(
    lay: Layout, cells_of: _LazyCells, n: int, header_rows: list[int] | None
) -> int:
    """Step 1: the first data row (after the user's header rows, else the first data-like row
    that is not a column-number row)."""
    if header_rows:
        first = max(header_rows) + 1
        lay.notes.append(("表头行由用户指定", "header rows set by the user"))
    else:
        first = next((r for r in range(n) if _data_like(cells_of[r])), -1)
        if first < 0:
            raise NoTable
        if _column_numbers(cells_of[first]):
            lay.skipped_rows.append((first, "栏次（列序号）行", "column-number row"))
            first = next((r for r in range(first + 1, n) if _data_like(cells_of[r])), -1)
            if first < 0:
                raise NoTable
    return first


def _header_rows(
    sheet: Sheet, cells_of: _LazyCells, first: int, n: int, header_rows: list[int] | None
) -> list[int]:
    """Step 2: header rows, the labelled rows right above the data (at most 8)."""
    if header_rows:
        hdr = sorted(h for h in set(header_rows) if 0 <= h < n)
    else:
        hdr = []
        # the table's left edge: a half printed right of another (its cells alone, the rest
        # blanked) starts there, and a lone text over that edge is its title, as in column A
        left = cells_of[first][0][0] if cells_of[first] else 0
        r = first - 1
        # at most 8 rows, more in a database export's block of series descriptions
        while r >= 0 and (len(hdr) < 8 or series_block.is_description(_first_of(cells_of[r]))):
            cells = cells_of[r]
            if not cells:
                if hdr:
                    break
                r -= 1
                continue
            texts = [cell_text(v) for _, v in cells]
            if any(
                unit_statement(t) is not None or _META.match(unicodedata.normalize("NFKC", t))
                for t in texts
            ):
                break
            if len(cells) == 1 and cells[0][0] == left and not _spans(sheet, r, left):
                break
            hdr.insert(0, r)
            r -= 1
    return hdr


def _first_of(cells: list[tuple[int, Any]]) -> Any:
    return cells[0][1] if cells and cells[0][0] == 0 else ""


def _preamble(lay: Layout, cells_of: _LazyCells, hdr: list[int], first: int) -> None:
    """Step 3: preamble: title, table number, English title, meta, unit."""
    top = hdr[0] if hdr else first
    for r in range(top):
        _read_preamble_row(lay, cells_of[r])
    for r in hdr:  # a unit statement can sit in a header row's corner
        for _, v in cells_of[r]:
            u = unit_statement(cell_text(v))
            if u is not None and not lay.unit_tokens:
                lay.unit_statement, lay.unit_tokens = cell_text(v).strip(), u


# The first character of a row that may start a further table printed below this one: a table
# number (2-2 …, 表2-2 …) or a unit line (单位：万人, （万人）). Region and indicator labels start
# with an ideograph, so the usual data row is passed over on its first character.
_START_FIRST = frozenset("0123456789０１２３４５６７８９表单（(")


def _table_start(cells: list[tuple[int, Any]]) -> bool:
    """A row that opens a new table: its numbered title (``2-2 各市年末常住人口``) or its unit line
    (``单位：万人``) standing alone, with no figure beside it. A numbered indicator (``2.1 第一产业
    | 123``) has figures; a note (``注：``) is no title."""
    if not cells or len(cells) > 2 or any(_is_number(v) for _, v in cells):
        return False
    text = cell_text(cells[0][1]).strip()
    if not text or _starts_note(text):
        return False
    norm = unicodedata.normalize("NFKC", text)
    if unit_statement(norm) is not None:
        return True
    m = _TABLE_NO.match(norm)
    return len(cells) == 1 and m is not None and bool(m.group(2).strip())


def _header_texts(rows: list[list[Any]], hdr: list[int]) -> set[tuple[str, ...]]:
    """Each header row's non-empty texts without spaces: a row printing them again is the
    header repeated at a page break."""
    out = set()
    for r in hdr:
        texts = tuple(_SPACE.sub("", cell_text(v)) for v in rows[r] if not _empty(v))
        if texts:
            out.add(texts)
    return out


_SPACE = re.compile(r"[\s\u3000\u00a0]+")
_IDEOGRAPHS = re.compile(r"[\u4e00-\u9fff]")


def _repeats_header(row: list[Any], headers: set[tuple[str, ...]]) -> bool:
    return tuple(_SPACE.sub("", cell_text(v)) for v in row if not _empty(v)) in headers


def _data_rows(lay: Layout, rows: list[list[Any]], cells_of: _LazyCells, first: int, n: int) -> int:
    """Step 4: data rows, up to the footer (whose row is returned, or ``n``). Most rows start
    with a label followed by numbers: decide those from their first cells and look at the whole
    row only when the label could be a note, a new table's title, or the header printed again
    at a page break (its first cell is the header's)."""
    footer_at = n
    keep = lay.data_rows.append
    headers = _header_texts(rows, lay.header_rows)
    firsts = {t[0] for t in headers}  # a repeated header starts with one of these
    # the characters such a first cell, or a key column's word, starts with: only a label
    # starting with one is normalised and looked up (most labels are place names)
    heads_at = {t[0] for t in firsts} | _KEY_FIRSTS
    above = _Labels(rows, lay.data_rows)  # the labels listed so far, read only when asked
    for r in range(first, n):
        row = rows[r]
        v0 = row[0] if row else ""
        if type(v0) is str and len(v0) < 20 and v0.strip() and not _starts_note(v0):
            # the usual row, a short label that is no note: data unless it repeats the header
            c0 = v0.lstrip()[0]
            if r > first and c0 in _START_FIRST and _table_start(cells_of[r]):
                footer_at = r
                break
            if r > first and c0 in heads_at:
                key = _SPACE.sub("", v0)
                if key in firsts and _repeats_header(row, headers):
                    why = _new_table_under(lay, rows, cells_of, r, n, above)
                    if why is None:
                        lay.skipped_rows.append((r, "重复的表头行", "repeated header row"))
                        continue
                    lay.notes.append(why)
                    footer_at = lay.next_table = r
                    break
                if key in _KEY_HEADS and _opens_table(rows, cells_of, r, n):
                    if not _blank_above(rows, r):
                        lay.notes.append(_other_header_note(cells_of[r], r))
                    footer_at = lay.next_table = r
                    break
            nxt = row[1] if len(row) > 1 else ""
            if (
                r > first
                and type(nxt) is not float
                and year_of(nxt) is not None
                and _is_year_row(cells_of[r])
            ):
                lay.skipped_rows.append((r, "重复的表头行", "repeated header row"))
            else:
                keep(r)
            continue
        if type(v0) is float or (type(v0) is str and v0.strip()):
            head_c = 0  # the usual row: a label or a number in the first column
        else:
            head_c = next((c for c, v in enumerate(row) if not _empty(v)), -1)
            if head_c < 0:
                continue
        head_v = row[head_c]
        nxt = row[head_c + 1] if head_c + 1 < len(row) else ""
        if (
            r > first
            and isinstance(head_v, str)
            and _SPACE.sub("", head_v) in firsts
            and _repeats_header(row, headers)
        ):
            lay.skipped_rows.append((r, "重复的表头行", "repeated header row"))
            continue
        if isinstance(head_v, str) and (len(head_v) >= 20 or _starts_note(head_v)):
            cells = cells_of[r]
            head = head_v.strip()
            nums = sum(1 for _, v in cells if _is_number(v))
            if _FOOTER.match(unicodedata.normalize("NFKC", head)) and (
                nums == 0 or len(cells) == 1
            ):
                footer_at = r
                break
            if len(cells) == 1 and nums == 0 and len(head) >= 20:
                footer_at = r
                break
        if (
            r > first
            and type(nxt) is not float
            and year_of(nxt) is not None
            and _is_year_row(cells_of[r])
        ):
            lay.skipped_rows.append((r, "重复的表头行", "repeated header row"))
            continue
        lay.data_rows.append(r)
    return footer_at


# The header word of a table's key column (地区, 地  区, 市（州）, 指标, 项目) or of a running-number
# or code column printed left of it (序号, 编号, 代码): a row starting with one inside the data is
# a header, never a region or an indicator.
_KEY_HEADS = frozenset(
    k
    for name, axis in KEY_NAMES.items()
    if axis in (Axis.REGION, Axis.INDICATOR, Axis.SKIP, Axis.CODE) and _IDEOGRAPHS.search(name)
    for k in (name, name.replace("(", "（").replace(")", "）"))
)
_KEY_FIRSTS = frozenset(k[0] for k in _KEY_HEADS)


def _blank_above(rows: list[list[Any]], r: int) -> bool:
    return r >= 1 and all(_empty(v) for v in rows[r - 1])


def _opens_table(rows: list[list[Any]], cells_of: _LazyCells, r: int, n: int) -> bool:
    """A header row with no title of its own opening a further table below this one: a key
    column's header word (``地区``, or ``序号`` left of it) and at least one other label, no
    figure and no gap mark, with rows of figures right below (``地区 | 年末常住人口`` under a
    table of GDP), after a blank row or right under the last data row. Read as data it would
    be a region called 地区 whose figures are not numbers, and the second table's figures
    would be the first table's indicator. (Asked only of rows starting with such a word and
    not printing the table's own header again: that is a page break, ``_new_table_under``.)
    A data row labelled with such a word has figures or gap marks, so it opens nothing."""
    cells = cells_of[r]
    if len(cells) < 2 or any(
        not isinstance(v, str) or _is_number(v) or v.strip() in MISSING_MARKERS for _, v in cells
    ):
        return False
    return any(_data_like(cells_of[k]) for k in range(r + 1, min(n, r + 4)))


def _other_header_note(cells: list[tuple[int, Any]], r: int) -> tuple[str, str]:
    texts = [cell_text(v).strip() for _, v in cells]
    return (
        f"第 {r + 1} 行的表头（{'、'.join(texts)}）与上表表头不同，视为另一张表的表头",
        f"the header on row {r + 1} ({', '.join(texts)}) differs from the table's above: read "
        "as a further table's header",
    )


def _label_of(row: list[Any]) -> str:
    """A data row's name: its first text cell that is no figure (right of a running number)."""
    for v in row:
        if isinstance(v, str) and v.strip() and not _is_number(v):
            return _SPACE.sub("", v)
    return ""


class _Labels:
    """The names of the data rows kept so far, gathered when a repeated header asks (a long
    table printed over many pages asks at each page break: each row is read once)."""

    def __init__(self, rows: list[list[Any]], data: list[int]) -> None:
        self.rows, self.data, self.done, self.names = rows, data, 0, set[str]()

    def get(self) -> set[str]:
        for r in self.data[self.done :]:
            self.names.add(_label_of(self.rows[r]))
        self.done = len(self.data)
        self.names.discard("")
        return self.names


def _number_of(v: Any) -> float | None:
    if type(v) is float or type(v) is int:
        return float(v)
    return parse_value(v).value if isinstance(v, str) else None


def _new_table_under(
    lay: Layout, rows: list[list[Any]], cells_of: _LazyCells, r: int, n: int, above: _Labels
) -> tuple[str, str] | None:
    """Why the table's header printed again at row ``r`` opens a further table rather than
    going on after a page break (None when it goes on): the rows below it name places (or
    indicators) the table listed already, which a list going on never does (right under
    the last data row: after a blank row the header again stays a page break); or, under a
    running-number column (序号), they count from 1 again where the list above had counted
    on. Looked at only at such a row (a handful per sheet)."""
    below = [k for k in range(r + 1, min(n, r + 8)) if cells_of[k]][:3]
    if not below or not all(_data_like(cells_of[k]) for k in below):
        return None
    c0 = cells_of[r][0][0]
    last = lay.data_rows[-1] if lay.data_rows else -1
    if last >= 0 and KEY_NAMES.get(_SPACE.sub("", cell_text(rows[r][c0]))) is Axis.SKIP:
        now = _number_of(rows[below[0]][c0]) if c0 < len(rows[below[0]]) else None
        before = _number_of(rows[last][c0]) if c0 < len(rows[last]) else None
        if now == 1.0 and before is not None and before > 1.0:
            return (
                f"第 {r + 1} 行重复上表表头，其下序号从 1 重新开始，视为另一张表",
                f"row {r + 1} repeats the header above and the running numbers start again at "
                "1 below it: read as a further table",
            )
    if _blank_above(rows, r):
        return None  # a gap, then the header again: a page break, as it was always read
    names = [_label_of(rows[k]) for k in below]
    if len(below) < 2 or not all(names) or not set(names) <= above.get():
        return None
    return (
        f"第 {r + 1} 行重复上表表头，但其下各行（{'、'.join(names)}）上表已列出，视为另一张表",
        f"row {r + 1} repeats the header above, but the rows below it ({', '.join(names)}) are "
        "listed above already: read as a further table",
    )


def _second_table(lay: Layout, rows: list[list[Any]], cells_of: _LazyCells) -> None:
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
            if cells and _is_number(cells[0][1]):
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


def _footer(lay: Layout, cells_of: _LazyCells, footer_at: int, n: int) -> None:
    """Step 5: the footer's rows and texts; numbers below them are noted, not imported. A row
    of the footer that opens a further table (its numbered title or unit line, or a lone long
    title, with rows of figures soon below) ends the footer: ``next_table`` (read by the
    reader as a table of its own)."""
    if lay.next_table is not None and lay.next_table == footer_at:
        return  # the data end at a further table's bare header (_opens_table): no notes
    stop = n
    for r in range(footer_at, n):
        cells = cells_of[r]
        if not cells:
            continue
        first = cells[0][1]
        lone_title = (
            len(cells) == 1
            and isinstance(first, str)
            and not _starts_note(first)
            and not _is_number(first)
        )
        if (lone_title or _table_start(cells)) and any(
            _data_like(cells_of[k]) for k in range(r + 1, min(n, r + 12))
        ):
            lay.next_table = stop = r
            break
    for r in range(footer_at, stop):
        if cells_of[r]:
            lay.footer_rows.append(r)
            lay.footer_texts.append(" ".join(cell_text(v).strip() for _, v in cells_of[r]))
    if any(any(_is_number(v) for _, v in cells_of[r]) for r in lay.footer_rows[1:]):
        lay.notes.append(NUMBERS_BELOW)


NUMBERS_BELOW = (
    "注释行之后还有数字，未导入（可能是第二张表）",
    "numbers below the notes were not imported (a second table?)",
)


def _spans(sheet: Sheet, r: int, c: int) -> bool:
    """Whether the cell is the top-left of a merge spanning several columns in row r (a header
    cell merged across, rather than a title)."""
    for (r0, c0), (r1, c1) in sheet.merged or []:
        if r0 <= r <= r1 and c0 <= c <= c1:
            return r1 > r0 and c1 - c0 < max(1, sheet.width - 1)
    return False


def _read_preamble_row(lay: Layout, cells: list[tuple[int, Any]]) -> None:
    for _, v in cells:
        text = cell_text(v).strip()
        if not text:
            continue
        norm = unicodedata.normalize("NFKC", text)
        u = unit_statement(norm)
        m = _META.match(norm)
        if m and m.group(1) != "单位":
            lay.meta[m.group(1)] = m.group(2).strip()
            continue
        tu = title_unit(text)
        if tu is not None:
            if not tu.title:  # a cell of its own stating the unit: as good as a 单位 line
                if not lay.unit_tokens:
                    lay.unit_statement, lay.unit_tokens = tu.statement, list(tu.tokens)
                continue
            if not lay.title_unit_tokens:  # kept apart: a 单位 line below the title wins
                lay.title_unit, lay.title_unit_tokens = tu.statement, list(tu.tokens)
            _title_text(lay, tu.title)
            continue
        if u is not None:
            if not lay.unit_tokens:
                lay.unit_statement, lay.unit_tokens = text, u
            before = norm.split("单位")[0].strip()
            if before:
                _title_text(lay, before)
            continue
        _title_text(lay, text)


def _title_text(lay: Layout, text: str) -> None:
    norm = unicodedata.normalize("NFKC", text).strip()
    m = _TABLE_NO.match(norm)
    if m and not lay.table_number:
        lay.table_number = re.sub(r"\s+", "", m.group(1))
        norm = m.group(2).strip()
        if not norm:
            return
        text = norm
    if indicators.is_english(text):
        lay.english_titles.append(text.strip())
    else:
        lay.titles.append(text.strip())
