"""The OpenDocument half of ``sheet_guard``: an ods sheet states repeats instead of cells
(``table:number-rows-repeated``, ``table:number-columns-repeated``), so its size is what the
repeats multiply out to — counted for cells with content, which is what calamine expands."""

from __future__ import annotations

import re
import zipfile

from workbench.io.sheet_guard import MAX_AREA, MAX_CELLS, SheetGuardError, chunks

_ODS_TOKEN = re.compile(
    rb"<table:table-(row|cell|covered-table-cell)\b([^>]*?)(/?)>|</table:table-(row)>|<table:table\b[^-]"
)
_ODS_REPEAT = re.compile(rb'table:number-(?:rows|columns)-repeated\s*=\s*"(\d{1,12})"')


def scan_ods(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Bound an OpenDocument sheet's size: repeated rows and cells multiply out to a used range.

    A repeated run that holds nothing (no value, no text) at the end of a row or sheet is how
    every ods writer pads to the grid's edge; it costs calamine nothing, so only runs of cells
    that carry content count toward the area."""
    rows = used = width = cells = row_width = 0
    row_repeat = 1
    row_content = False
    for piece in chunks(zf, info):
        for m in _ODS_TOKEN.finditer(piece):
            kind, attrs = m.group(1), m.group(2) or b""
            if kind == b"row":
                rm = _ODS_REPEAT.search(attrs)
                row_repeat = int(rm.group(1)) if rm else 1
                row_width = 0
                row_content = False
                if m.group(3):
                    rows += row_repeat
            elif kind is not None:  # a cell
                rm = _ODS_REPEAT.search(attrs)
                n = int(rm.group(1)) if rm else 1
                row_width += n
                if b"office:value-type" in attrs or b"table:formula" in attrs:
                    width = max(width, row_width)
                    cells += n * row_repeat
                    row_content = True
            elif m.group(4):  # end of row
                rows += row_repeat
                if row_content:
                    used = rows
            else:  # a new table
                rows = used = row_width = 0
            if cells > MAX_CELLS or used * width > MAX_AREA:
                raise SheetGuardError(
                    f"表格过大（{used:,} 行 × {width:,} 列，上限 {MAX_AREA:,} 个单元格）",
                    f"table too large ({used:,} rows x {width:,} columns; limit {MAX_AREA:,} cells)",
                )
