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
from typing import Any

from workbench.io.stats_import import indicators, series_block
from workbench.io.stats_import.row_kinds import (
    FOOTER,
    META,
    TABLE_NO,
    LazyCells,
    clear_caches,
    column_numbers,
    data_like,
    empty,
    is_number,
    is_year_row,
    starts_note,
)
from workbench.io.stats_import.sheet import Sheet
from workbench.io.stats_import.table_breaks import (
    KEY_FIRSTS,
    KEY_HEADS,
    SPACE,
    START_FIRST,
    Labels,
    blank_above,
    header_texts,
    new_table_under,
    opens_table,
    other_header_note,
    repeats_header,
    second_table,
    table_start,
)
from workbench.io.stats_import.table_columns import read_columns
from workbench.io.stats_import.table_model import Layout, NoTable
from workbench.io.stats_import.units import title_unit, unit_statement
from workbench.io.stats_import.values import cell_text, year_of

__all__ = ["NUMBERS_BELOW", "clear_caches", "detect"]


def detect(sheet: Sheet, *, header_rows: list[int] | None = None) -> Layout:
    rows = sheet.rows
    lay = Layout(merged_known=sheet.merged is not None)
    n = len(rows)
    cells_of = LazyCells(rows)
    lay.first_row = first = _first_data_row(lay, cells_of, n, header_rows)
    lay.header_rows = hdr = _header_rows(sheet, cells_of, first, n, header_rows)
    _preamble(lay, cells_of, hdr, first)
    footer_at = _data_rows(lay, rows, cells_of, first, n)
    second_table(lay, rows, cells_of)
    _footer(lay, cells_of, footer_at, n)
    series = series_block.read_block(lay, rows)
    read_columns(lay, sheet)
    if series or len(lay.header_rows) < len(hdr):
        series_block.apply(lay, series)
    return lay


def _first_data_row(lay: Layout, cells_of: LazyCells, n: int, header_rows: list[int] | None) -> int:
    """Step 1: the first data row (after the user's header rows, else the first data-like row
    that is not a column-number row)."""
    if header_rows:
        first = max(header_rows) + 1
        lay.notes.append(("表头行由用户指定", "header rows set by the user"))
    else:
        first = next((r for r in range(n) if data_like(cells_of[r])), -1)
        if first < 0:
            raise NoTable
        if column_numbers(cells_of[first]):
            lay.skipped_rows.append((first, "栏次（列序号）行", "column-number row"))
            first = next((r for r in range(first + 1, n) if data_like(cells_of[r])), -1)
            if first < 0:
                raise NoTable
    return first


def _header_rows(
    sheet: Sheet, cells_of: LazyCells, first: int, n: int, header_rows: list[int] | None
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
                unit_statement(t) is not None or META.match(unicodedata.normalize("NFKC", t))
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


def _preamble(lay: Layout, cells_of: LazyCells, hdr: list[int], first: int) -> None:
    """Step 3: preamble: title, table number, English title, meta, unit."""
    top = hdr[0] if hdr else first
    for r in range(top):
        _read_preamble_row(lay, cells_of[r])
    for r in hdr:  # a unit statement can sit in a header row's corner
        for _, v in cells_of[r]:
            u = unit_statement(cell_text(v))
            if u is not None and not lay.unit_tokens:
                lay.unit_statement, lay.unit_tokens = cell_text(v).strip(), u


def _data_rows(lay: Layout, rows: list[list[Any]], cells_of: LazyCells, first: int, n: int) -> int:
    """Step 4: data rows, up to the footer (whose row is returned, or ``n``). Most rows start
    with a label followed by numbers: decide those from their first cells and look at the whole
    row only when the label could be a note, a new table's title, or the header printed again
    at a page break (its first cell is the header's)."""
    footer_at = n
    keep = lay.data_rows.append
    headers = header_texts(rows, lay.header_rows)
    firsts = {t[0] for t in headers}  # a repeated header starts with one of these
    # the characters such a first cell, or a key column's word, starts with: only a label
    # starting with one is normalised and looked up (most labels are place names)
    heads_at = {t[0] for t in firsts} | KEY_FIRSTS
    above = Labels(rows, lay.data_rows)  # the labels listed so far, read only when asked
    for r in range(first, n):
        row = rows[r]
        v0 = row[0] if row else ""
        if type(v0) is str and len(v0) < 20 and v0.strip() and not starts_note(v0):
            # the usual row, a short label that is no note: data unless it repeats the header
            c0 = v0.lstrip()[0]
            if r > first and c0 in START_FIRST and table_start(cells_of[r]):
                footer_at = r
                break
            if r > first and c0 in heads_at:
                key = SPACE.sub("", v0)
                if key in firsts and repeats_header(row, headers):
                    why = new_table_under(lay, rows, cells_of, r, n, above)
                    if why is None:
                        lay.skipped_rows.append((r, "重复的表头行", "repeated header row"))
                        continue
                    lay.notes.append(why)
                    footer_at = lay.next_table = r
                    break
                if key in KEY_HEADS and opens_table(rows, cells_of, r, n):
                    if not blank_above(rows, r):
                        lay.notes.append(other_header_note(cells_of[r], r))
                    footer_at = lay.next_table = r
                    break
            nxt = row[1] if len(row) > 1 else ""
            if (
                r > first
                and type(nxt) is not float
                and year_of(nxt) is not None
                and is_year_row(cells_of[r])
            ):
                lay.skipped_rows.append((r, "重复的表头行", "repeated header row"))
            else:
                keep(r)
            continue
        if type(v0) is float or (type(v0) is str and v0.strip()):
            head_c = 0  # the usual row: a label or a number in the first column
        else:
            head_c = next((c for c, v in enumerate(row) if not empty(v)), -1)
            if head_c < 0:
                continue
        head_v = row[head_c]
        nxt = row[head_c + 1] if head_c + 1 < len(row) else ""
        if (
            r > first
            and isinstance(head_v, str)
            and SPACE.sub("", head_v) in firsts
            and repeats_header(row, headers)
        ):
            lay.skipped_rows.append((r, "重复的表头行", "repeated header row"))
            continue
        if isinstance(head_v, str) and (len(head_v) >= 20 or starts_note(head_v)):
            cells = cells_of[r]
            head = head_v.strip()
            nums = sum(1 for _, v in cells if is_number(v))
            if FOOTER.match(unicodedata.normalize("NFKC", head)) and (nums == 0 or len(cells) == 1):
                footer_at = r
                break
            if len(cells) == 1 and nums == 0 and len(head) >= 20:
                footer_at = r
                break
        if (
            r > first
            and type(nxt) is not float
            and year_of(nxt) is not None
            and is_year_row(cells_of[r])
        ):
            lay.skipped_rows.append((r, "重复的表头行", "repeated header row"))
            continue
        lay.data_rows.append(r)
    return footer_at


def _footer(lay: Layout, cells_of: LazyCells, footer_at: int, n: int) -> None:
    """Step 5: the footer's rows and texts; numbers below them are noted, not imported. A row
    of the footer that opens a further table (its numbered title or unit line, or a lone long
    title, with rows of figures soon below) ends the footer: ``next_table`` (read by the
    reader as a table of its own)."""
    if lay.next_table is not None and lay.next_table == footer_at:
        return  # the data end at a further table's bare header (opens_table): no notes
    stop = n
    for r in range(footer_at, n):
        cells = cells_of[r]
        if not cells:
            continue
        first = cells[0][1]
        lone_title = (
            len(cells) == 1
            and isinstance(first, str)
            and not starts_note(first)
            and not is_number(first)
        )
        if (lone_title or table_start(cells)) and any(
            data_like(cells_of[k]) for k in range(r + 1, min(n, r + 12))
        ):
            lay.next_table = stop = r
            break
    for r in range(footer_at, stop):
        if cells_of[r]:
            lay.footer_rows.append(r)
            lay.footer_texts.append(" ".join(cell_text(v).strip() for _, v in cells_of[r]))
    if any(any(is_number(v) for _, v in cells_of[r]) for r in lay.footer_rows[1:]):
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
        m = META.match(norm)
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
    m = TABLE_NO.match(norm)
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
