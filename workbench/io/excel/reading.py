"""Reading sheets back with python-calamine (several times faster than openpyxl, and it returns the
cached results of formula cells), plus the cell parsing both importers share."""

from __future__ import annotations

import math
import re
import unicodedata
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import python_calamine

from workbench.io.excel.errors import ExcelImportError
from workbench.io.sheet_guard import UNCACHED, SheetGuardError, cell_name, check_workbook

Rows = list[list[Any]]


class CellError:
    """An error cell (``#DIV/0!``, ``#N/A``…) or a formula without a stored result, in place of
    the blank calamine returns for it: never blank, never a number, always reported by name."""

    __slots__ = ("code", "ref")

    def __init__(self, code: str, ref: str) -> None:
        self.code = code
        self.ref = ref

    def __str__(self) -> str:
        return self.code

    def __repr__(self) -> str:
        return f"CellError({self.code!r}, {self.ref!r})"

    def describe(self, sheet: str, lang: str = "zh") -> str:
        if lang == "zh":
            what = (
                "公式没有保存计算结果（请在 Excel 中重新计算并保存）"
                if self.code == UNCACHED
                else f"错误值 {self.code}"
            )
            return f"「{sheet}」表 {self.ref} 单元格为{what}"
        what = (
            "a formula with no stored result (recalculate and save in Excel)"
            if self.code == UNCACHED
            else f"the error value {self.code}"
        )
        return f"cell {self.ref} of sheet {sheet!r} holds {what}"


def read_sheet(path: Path | str, sheet: str) -> Rows:
    """All rows of ``sheet`` as Python values (empty cells are ``""``; error cells and formulas
    without a stored result are ``CellError``). The workbook passes ``check_workbook`` first."""
    p = Path(path)
    if not p.exists():
        raise ExcelImportError(p, "文件不存在", "file does not exist")
    if p.is_dir():
        raise ExcelImportError(
            p, "这是一个文件夹，不是 Excel 文件", "this is a folder, not an Excel file"
        )
    if p.suffix.lower() in (".xlsx", ".xlsm") and not zipfile.is_zipfile(p):
        raise ExcelImportError(
            p,
            "不是有效的 xlsx 文件（可能已损坏或被截断）",
            "not a valid xlsx file (corrupt or truncated?)",
        )
    try:
        scan = check_workbook(p, [sheet])
    except SheetGuardError as e:
        raise ExcelImportError(p, e.zh, e.en) from None
    except OSError as e:
        raise ExcelImportError(
            p, f"无法读取（{e.strerror}）", f"cannot read ({e.strerror})"
        ) from None
    try:
        wb = python_calamine.CalamineWorkbook.from_path(str(p))
    except BaseException as e:  # calamine's own errors, OSError/ValueError, or a Rust panic
        if isinstance(e, KeyboardInterrupt | SystemExit):
            raise
        raise ExcelImportError(
            p,
            f"无法打开（{_short(e)}），请确认是 Excel 工作簿（.xlsx）",
            f"cannot open it ({_short(e)}); is it an Excel workbook (.xlsx)?",
        ) from None
    if sheet not in wb.sheet_names:
        names = "、".join(wb.sheet_names) or "（无）"
        raise ExcelImportError(
            p,
            f"找不到工作表“{sheet}”（文件中有：{names}）",
            f"no sheet named {sheet!r} (the file has: {', '.join(wb.sheet_names)})",
        )
    try:
        rows = wb.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    except BaseException as e:
        if isinstance(e, KeyboardInterrupt | SystemExit):
            raise
        raise ExcelImportError(
            p,
            f"工作表“{sheet}”无法读取（{_short(e)}）",
            f"sheet {sheet!r} cannot be read ({_short(e)})",
        ) from None
    for (r, c), code in scan.bad_cells(sheet).items():
        while len(rows) < r:
            rows.append([])
        row = rows[r - 1]
        if len(row) < c:
            row.extend([""] * (c - len(row)))
        row[c - 1] = CellError(code, cell_name(r, c))
    return rows


def sheet_names(path: Path | str) -> list[str]:
    """Sheet names of a workbook, after the size guard; [] for anything unreadable or hostile
    (for a window deciding which importer a dropped file goes to, before any real read)."""
    p = Path(path)
    try:
        check_workbook(p)  # every sheet: a hostile one makes the file "unreadable" here
        return list(python_calamine.CalamineWorkbook.from_path(str(p)).sheet_names)
    except BaseException as e:  # a Rust panic too: deciding must never take the window down
        if isinstance(e, KeyboardInterrupt | SystemExit):
            raise
        return []


def _short(e: Exception) -> str:
    return (str(e).splitlines() or [type(e).__name__])[0][:120]


def norm(value: Any) -> str:
    """Header/label text compared loosely: NFKC, no whitespace."""
    return (
        re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value))) if value is not None else ""
    )


def find_header(rows: Rows, first_header: str, *, within: int = 15) -> int:
    """Index of the row whose cells include ``first_header`` (-1 if none in the first rows)."""
    key = norm(first_header)
    for i, row in enumerate(rows[:within]):
        if any(norm(v) == key for v in row):
            return i
    return -1


def columns_of(header: list[Any]) -> dict[str, int]:
    """Normalised header text -> 0-based column index (first occurrence wins)."""
    out: dict[str, int] = {}
    for i, v in enumerate(header):
        k = norm(v)
        if k and k not in out:
            out[k] = i
    return out


def cell(row: list[Any], index: int | None) -> Any:
    if index is None or index >= len(row):
        return ""
    return row[index]


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class NumberError(ValueError):
    pass


def number(value: Any) -> float | None:
    """A number from a cell: numbers as they are, text like "1,234.5" accepted; blank -> None."""
    if is_blank(value):
        return None
    if isinstance(value, (bool, datetime, date)):
        raise NumberError(str(value))
    if isinstance(value, (int, float)):
        x = float(value)
    else:
        s = unicodedata.normalize("NFKC", str(value)).strip().replace(",", "")
        try:
            x = float(s)
        except ValueError:
            raise NumberError(str(value)) from None
    if not math.isfinite(x):
        raise NumberError(str(value))
    return x


def workbook_has_sheet(path: Path | str, sheet: str) -> bool:
    """Whether an Excel file has a sheet of this name (False for CSV or unreadable files).

    Used to route a dropped table to the right importer; a broken or hostile workbook answers
    False here (through the size guard of ``sheet_names``) and is reported by that importer.
    """
    p = Path(path)
    if p.suffix.lower() == ".csv":
        return False
    return sheet in sheet_names(p)
    try:
        return sheet in python_calamine.CalamineWorkbook.from_path(str(p)).sheet_names
    except Exception:  # calamine raises its own error types plus OSError/ValueError
        return False
