"""Rows and columns a workbook hides (xlsx/xlsm ``<row hidden="1">``, ``<col … hidden="1">``).

calamine returns their cells like any other, but the planner checks a table as Excel shows it:
a hidden row (a superseded figure, a helper line, a county left out of the print) or a hidden
column (a working column, last year's figures kept for a formula) is no part of the table they
see, and a value taken from it could never be checked against the print. So hidden cells are
blanked before the table is read — every cell keeps its address, so the layout and the
provenance are those of the visible table — and the report says, per table, which rows and
columns were left out and how to import them (unhide them in Excel). The size guard's scan of
the sheet's XML finds the flags (``sheet_guard._hidden``), so knowing them costs one ``find``.
"""

from __future__ import annotations

from collections.abc import Callable

from workbench.io.stats_import.sheet import Sheet
from workbench.io.stats_import.table_model import col_letter
from workbench.io.stats_import.values import cell_text


def _runs(numbers: list[int], name: Callable[[int], str]) -> str:
    """``5–7、9`` for rows 5, 6, 7 and 9 (names made by ``name``)."""
    out: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        out.append(name(start) if start == prev else f"{name(start)}–{name(prev)}")
        if n is not None:
            start = prev = n
    return "、".join(out)


class HiddenNote(tuple[str, str]):
    """The report's (zh, en) note on hidden lines, carrying which rows and columns (0-based,
    those that held anything) it speaks of. The sheet hands the reader notes, not layout facts;
    so the note itself carries them to ``ImportResult.hidden_rows``/``hidden_cols``, and the
    wizard's preview marks them instead of showing blank cells as if the sheet had none."""

    rows: tuple[int, ...]
    cols: tuple[int, ...]

    def __new__(
        cls, zh: str, en: str, rows: tuple[int, ...] = (), cols: tuple[int, ...] = ()
    ) -> HiddenNote:
        self = super().__new__(cls, (zh, en))
        self.rows, self.cols = rows, cols
        return self

    def __getnewargs__(self) -> tuple[str, str, tuple[int, ...], tuple[int, ...]]:  # type: ignore[override]
        return (self[0], self[1], self.rows, self.cols)


def hidden_lines(notes: list[tuple[str, str]]) -> tuple[list[int], list[int]]:
    """The hidden rows and columns (0-based) whose content a sheet's notes say was left out."""
    for n in notes:
        if isinstance(n, HiddenNote):
            return list(n.rows), list(n.cols)
    return [], []


def hide(sheet: Sheet, rows: set[int], cols: set[int], app: str = "Excel") -> None:
    """Blank the cells of hidden ``rows`` and ``cols`` (1-based, as the sheet's XML numbers
    them) in place, and note the ones that held anything. Rows are replaced, not edited (the
    grid's rows may be shared); a column is looked at only in the rows long enough to reach it.
    ``app`` names the program whose view the planner checks (and where to unhide them)."""
    grid = sheet.rows
    held_rows = [
        r for r in sorted(rows) if r <= len(grid) and any(cell_text(v).strip() for v in grid[r - 1])
    ]
    for r in held_rows:
        grid[r - 1] = [""] * len(grid[r - 1])
    held_cols: set[int] = set()
    if cols:
        idx = sorted(c - 1 for c in cols)
        for i, row in enumerate(grid):
            hit = [c for c in idx if c < len(row) and cell_text(row[c]).strip()]
            if hit:
                row = grid[i] = list(row)
                for c in hit:
                    row[c] = ""
                held_cols.update(hit)
    if not held_rows and not held_cols:
        return
    parts_zh, parts_en = [], []
    if held_rows:
        where = _runs(held_rows, str)
        parts_zh.append(f"第 {where} 行")
        parts_en.append(f"row{'s' if len(held_rows) > 1 else ''} {where.replace('、', ', ')}")
    if held_cols:
        where = _runs(sorted(held_cols), col_letter)
        parts_zh.append(f"{where} 列")
        parts_en.append(f"column{'s' if len(held_cols) > 1 else ''} {where.replace('、', ', ')}")
    sheet.notes.append(
        HiddenNote(
            f"隐藏的{'、'.join(parts_zh)}在 {app} 中不显示，其中的内容未导入（如需导入，请先在 "
            f"{app} 中取消隐藏）",
            f"hidden {' and '.join(parts_en)} (not shown by {app}) were not imported; unhide them"
            f" in {app} to import them",
            tuple(r - 1 for r in held_rows),
            tuple(sorted(held_cols)),
        )
    )
