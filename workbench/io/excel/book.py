"""A workbook being written: openpyxl plus a record of each formula's app-computed value.

Sheet writers call ``formula(...)`` with both the formula and the figure the app computed; ``save``
stores the figure as the formula's cached result (see ``cached_values``) and writes the file
atomically, so a failed or cancelled export never leaves half a file where the old one was.
"""

from __future__ import annotations

import contextlib
import copy
import io
import os
import tempfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet.worksheet import Worksheet

from workbench.io.excel.cached_values import CachedValue, fill_workbook
from workbench.io.excel.safe_text import put_text


class Book:
    def __init__(self) -> None:
        self.wb = Workbook()
        self.wb.remove(self.wb.active)
        self._cached: dict[str, dict[str, CachedValue]] = {}
        self._styles: dict[tuple[str | None, int], StyleArray] = {}

    def sheet(self, name: str) -> Worksheet:
        ws = self.wb.create_sheet(name)
        self._cached[name] = {}
        return ws

    def formula(
        self,
        ws: Worksheet,
        row: int,
        col: int,
        formula: str,
        value: CachedValue,
        fmt: str | None = None,
    ) -> Cell:
        """A formula cell (``formula`` without the leading ``=``) that also holds ``value``."""
        cell = ws.cell(row, col)
        cell.value = "=" + formula
        if fmt:
            self.style(cell, fmt)
        self._cached[ws.title][cell.coordinate] = value
        return cell

    def number(
        self,
        ws: Worksheet,
        row: int,
        col: int,
        value: float | int | None,
        fmt: str,
        fill: PatternFill | None = None,
    ) -> Cell:
        cell = ws.cell(row, col, value)
        self.style(cell, fmt, fill)
        return cell

    def style(self, cell: Cell, fmt: str | None, fill: PatternFill | None = None) -> Cell:
        """Give a fresh ``cell`` a number format (and fill) by copying a cached style array.

        Setting ``number_format``/``fill`` through openpyxl hashes the style objects on every
        cell, which dominated large exports; cells sharing a look share one registered style
        (openpyxl's own cell copy does the same).
        """
        key = (fmt, id(fill))
        arr = self._styles.get(key)
        if arr is None:
            if fmt:
                cell.number_format = fmt
            if fill is not None:
                cell.fill = fill
            self._styles[key] = copy.copy(cell._style)
        else:
            cell._style = copy.copy(arr)
        return cell

    def text(self, ws: Worksheet, row: int, col: int, value: Any) -> Cell:
        return put_text(ws.cell(row, col), value)

    def cached(self, sheet: str) -> dict[str, CachedValue]:
        """The app's value of each formula cell on ``sheet`` (by cell reference), for tests."""
        return dict(self._cached[sheet])

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        self.wb.save(buf)
        per_sheet = {
            i: self._cached.get(ws.title, {}) for i, ws in enumerate(self.wb.worksheets, 1)
        }
        return fill_workbook(buf.getvalue(), per_sheet)

    def save(self, path: Path | str) -> None:
        write_atomically(Path(path), self.to_bytes())


def write_atomically(path: Path, data: bytes) -> None:
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
