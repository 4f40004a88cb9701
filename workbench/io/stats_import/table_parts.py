"""Several tables on one sheet, as yearbooks print them to fill a page.

Two ways are common. Tables one under the other, each with its own numbered title or unit line
(``2-1 各市地区生产总值`` … ``2-2 各市年末常住人口``): read as one table, the second table's figures
would be taken for the first one's indicator. And one long table printed in two halves side by
side (``地区 | 地区生产总值 | 地区 | 地区生产总值``): read as one, the right half's region column
would be taken for the left half's, and its labels would carry the left half's figures. So each
table (each half) is read on its own, on a copy of the sheet where the other tables' cells are
blank — every cell keeps its row and column, so the provenance stays the printed cell — and the
results are joined with one report part per table.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.io.stats_import.axes import Axis
from workbench.io.stats_import.sheet import Sheet
from workbench.io.stats_import.table_model import Layout, NoTable, col_letter
from workbench.io.stats_import.table_rows import NUMBERS_BELOW, detect
from workbench.io.stats_import.values import cell_text


@dataclass
class TablePart:
    """One table of a sheet: the sheet as that table sees it, its layout, and where it is
    printed (zh, en) for the report ("" when it is the sheet's only table)."""

    sheet: Sheet
    layout: Layout
    place: tuple[str, str] = ("", "")


def masked(
    sheet: Sheet,
    top: int,
    cols: tuple[int, int] | None = None,
    own: frozenset[int] = frozenset(),
) -> Sheet:
    """The sheet with every row above ``top`` blank, and (``cols`` = [a, b)) from ``top`` down
    every cell outside those columns blank; the rows above ``top`` are kept whole then (the
    title and unit line printed once over both halves), except the rows in ``own``, which print
    one text over each half (each half's indicator or unit line) and are cut like the rows
    below. Cells keep their positions."""
    rows: list[list[object]] = []
    for r, row in enumerate(sheet.rows):
        if cols is None:
            rows.append([] if r < top else row)
        elif r < top and r not in own:
            rows.append(row)
        else:
            a, b = cols
            rows.append(row[:b] if a == 0 else [*([""] * a), *row[a:b]])
    merged = None
    if sheet.merged is not None:
        merged = [
            m
            for m in sheet.merged
            if (cols is None and m[1][0] >= top)
            or (
                cols is not None
                and ((m[0][0] < top and m[0][0] not in own) or cols[0] <= m[0][1] < cols[1])
            )
        ]
    return Sheet(sheet.name, rows, merged, sheet.width, sheet.encoding, [])


def _own_rows(sheet: Sheet, top: int, blocks: list[tuple[int, int]]) -> frozenset[int]:
    """Rows above the halves' header that print text over more than one half: a title over
    each half (``地区生产总值（亿元）`` over the left, ``年末常住人口（万人）`` over the right) or a
    unit line per half. Each half keeps its own; a title printed once (in the first column or
    merged across the page) is over both."""
    out = set()
    for r in range(min(top, len(sheet.rows))):
        row = sheet.rows[r]
        hit = {
            k
            for c, v in enumerate(row)
            if cell_text(v).strip()
            for k, (a, b) in enumerate(blocks)
            if a <= c < b
        }
        if len(hit) > 1:
            out.add(r)
    return frozenset(out)


def _blocks(lay: Layout) -> list[tuple[int, int]]:
    """Column ranges [a, b) of the halves of a table printed side by side: a key column of the
    first key column's kind (region or indicator) right of value columns starts a half. One
    range (the whole width) when the table is not split. A unit or code column right of the
    values starts nothing, and several region columns together (市 | 县) are one half's."""
    keys, values = lay.key_columns, lay.value_columns
    if not keys or not values or keys[0].axis not in (Axis.REGION, Axis.INDICATOR):
        return [(0, 1 << 30)]
    axis = keys[0].axis
    starts = [0]
    for k in keys[1:]:
        if k.axis is axis and any(starts[-1] < v.col < k.col for v in values):
            starts.append(k.col)
    return list(zip(starts, [*starts[1:], 1 << 30], strict=True))


def _by_columns(
    sheet: Sheet, lay: Layout, header_rows: list[int] | None, place: tuple[str, str]
) -> list[TablePart]:
    blocks = _blocks(lay)
    if len(blocks) == 1:
        return [TablePart(sheet, lay, place)]
    top = (lay.header_rows or [lay.first_row])[0]
    own = _own_rows(sheet, top, blocks)
    out: list[TablePart] = []
    for a, b in blocks:
        sub = masked(sheet, top, (a, b), own)
        try:
            got = detect(sub, header_rows=header_rows)
        except NoTable:
            continue
        last = max((c.col for c in got.columns), default=a)
        cols = f"{col_letter(a)}–{col_letter(last)}"
        out.append(
            TablePart(
                sub,
                got,
                (f"{place[0]}{cols} 列", f"{place[1]}columns {cols}"),
            )
        )
    return out or [TablePart(sheet, lay, place)]


def split(sheet: Sheet, lay: Layout, header_rows: list[int] | None = None) -> list[TablePart]:
    """The tables of a sheet whose first table is ``lay``: those printed below it (each from
    its ``next_table`` row) and the halves of any printed side by side. A further table that
    cannot be read is left as before: its rows are the first table's notes, and the report
    says numbers were left below them."""
    parts = _by_columns(sheet, lay, header_rows, ("", ""))
    cur = lay
    while cur.next_table is not None:
        top = cur.next_table
        sub = masked(sheet, top)
        try:
            nxt = detect(sub)
        except NoTable:
            nxt = None
        if nxt is None or not nxt.value_columns:
            for r in range(top, len(sheet.rows)):
                texts = [cell_text(v).strip() for v in sheet.rows[r] if cell_text(v).strip()]
                if texts:
                    cur.footer_rows.append(r)
                    cur.footer_texts.append(" ".join(texts))
            if NUMBERS_BELOW not in cur.notes:
                cur.notes.append(NUMBERS_BELOW)
            cur.next_table = None
            break
        rows = f"{top + 1}–{(nxt.data_rows or [top])[-1] + 1}"
        parts += _by_columns(sub, nxt, None, (f"第 {rows} 行，", f"rows {rows}, "))
        cur = nxt
    if len(parts) > 1 and not parts[0].place[0]:
        first = parts[0].layout
        rows = f"{(first.header_rows or [first.first_row])[0] + 1}–{first.data_rows[-1] + 1}"
        parts[0].place = (f"第 {rows} 行", f"rows {rows}")
    for part in parts:
        part.place = (part.place[0].rstrip("，"), part.place[1].rstrip(", "))
    return parts
