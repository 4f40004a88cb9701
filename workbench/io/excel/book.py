"""A workbook being written: openpyxl plus a record of each formula's app-computed value.

Sheet writers call ``formula(...)`` with both the formula and the figure the app computed; ``save``
stores the figure as the formula's cached result (see ``cached_values``) and writes the file
atomically, so a failed or cancelled export never leaves half a file where the old one was.
"""

from __future__ import annotations

import contextlib
import datetime
import io
import os
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from workbench.io.bulk_work import bulk_work
from workbench.io.excel.cached_values import CachedValue, fill_workbook
from workbench.io.excel.safe_text import is_plain, is_risky, put_text


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
        text = "=" + formula
        if not _plain(text) or len(text) < 2 or (row, col) in ws._cells:
            cell = ws.cell(row, col)
            cell.value = text  # openpyxl's checks and messages for the unusual cases
            if fmt:
                self.style(cell, fmt)
        else:
            cell = self._new(ws, row, col, text, "f", self._style_array(ws, fmt, None))
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
        kind = type(value)
        if (kind is float or kind is int or value is None) and (row, col) not in ws._cells:
            return self._new(ws, row, col, value, "n", self._style_array(ws, fmt, fill))
        cell = ws.cell(row, col, value)
        self.style(cell, fmt, fill)
        return cell

    def style(self, cell: Cell, fmt: str | None, fill: PatternFill | None = None) -> Cell:
        """Give a fresh ``cell`` a number format (and fill) by copying a cached style array.

        Setting ``number_format``/``fill`` through openpyxl hashes the style objects on every
        cell, which dominated large exports; cells sharing a look share one registered style
        (openpyxl's own cell copy does the same).
        """
        arr = self._style_array(cell.parent, fmt, fill)
        cell._style = None if arr is None else StyleArray(arr)
        return cell

    def _style_array(
        self, ws: Worksheet, fmt: str | None, fill: PatternFill | None
    ) -> StyleArray | None:
        """The registered style for a number format and fill (None: the default style)."""
        if not fmt and fill is None:
            return None
        key = (fmt, id(fill))
        arr = self._styles.get(key)
        if arr is None:
            probe = Cell(ws)
            if fmt:
                probe.number_format = fmt
            if fill is not None:
                probe.fill = fill
            arr = self._styles[key] = probe._style
        return arr

    def _new(
        self, ws: Worksheet, row: int, col: int, value: Any, data_type: str, arr: StyleArray | None
    ) -> Cell:
        """A cell whose value and type are already known, created the way openpyxl's own reader
        does: skips ``ws.cell``'s lookup and the value sniffing, the bulk of per-cell time."""
        cell = Cell(ws, row, col, None, arr)
        cell._value = value
        cell.data_type = data_type
        ws._cells[(row, col)] = cell
        return cell

    def text(self, ws: Worksheet, row: int, col: int, value: Any) -> Cell:
        """User or import text, never a formula (see ``safe_text``)."""
        fresh = (row, col) not in ws._cells
        if fresh and type(value) is str and value and _plain(value) and not is_risky(value):
            return self._new(ws, row, col, value, "s", None)
        return put_text(ws.cell(row, col), value)

    def label(self, ws: Worksheet, row: int, col: int, value: str) -> Cell:
        """The app's own fixed text (enum labels, headings): a plain string cell."""
        fresh = (row, col) not in ws._cells
        if fresh and type(value) is str and value and _plain(value) and value[0] != "=":
            return self._new(ws, row, col, value, "s", None)
        return ws.cell(row, col, value)

    def cached(self, sheet: str) -> dict[str, CachedValue]:
        """The app's value of each formula cell on ``sheet`` (by cell reference), for tests."""
        return dict(self._cached[sheet])

    def to_bytes(self) -> bytes:
        # openpyxl writes the parts uncompressed; ``fill_workbook`` compresses them once while it
        # stores the cached values, instead of inflating and deflating openpyxl's deflated zip.
        buf = io.BytesIO()
        with bulk_work():
            return self._to_bytes(buf)

    def _to_bytes(self, buf: io.BytesIO) -> bytes:
        self.wb.properties.modified = datetime.datetime.now(tz=datetime.UTC).replace(tzinfo=None)
        ExcelWriter(self.wb, zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED, allowZip64=True)).save()
        per_sheet = {
            i: self._cached.get(ws.title, {}) for i, ws in enumerate(self.wb.worksheets, 1)
        }
        return fill_workbook(buf.getvalue(), per_sheet)

    def save(self, path: Path | str) -> None:
        write_atomically(Path(path), self.to_bytes())


def _plain(text: str) -> bool:
    """Text openpyxl would store unchanged (see ``safe_text.is_plain``)."""
    return is_plain(text)


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
