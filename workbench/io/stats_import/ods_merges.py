"""Merged cells of an OpenDocument sheet, which calamine does not report for ``.ods``.

Multi-row headers depend on them (``地区生产总值`` merged over ``总量`` and ``增长（%）``). Only the
cells' span attributes are read, streaming ``content.xml``; anything unexpected gives ``None``
("unknown"), exactly what the reader had before.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

Merge = tuple[tuple[int, int], tuple[int, int]]
_T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_CELLS = (_T + "table-cell", _T + "covered-table-cell")


def ods_merged_ranges(path: Path, sheet: str) -> list[Merge] | None:
    try:
        with zipfile.ZipFile(path) as z, z.open("content.xml") as fh:
            return _spans(fh, sheet)
    except (OSError, KeyError, zipfile.BadZipFile, ET.ParseError, ValueError):
        return None


def _spans(fh, sheet: str) -> list[Merge] | None:  # type: ignore[no-untyped-def]
    out: list[Merge] = []
    depth = 0  # table nesting inside the wanted sheet
    row = col = 0
    for event, el in ET.iterparse(fh, events=("start", "end")):
        tag = el.tag
        if tag == _T + "table":
            if event == "start":
                if depth or el.get(_T + "name") == sheet:
                    depth += 1
            elif depth:
                depth -= 1
                if depth == 0:
                    return out
            continue
        if depth != 1:
            if event == "end" and depth == 0:
                el.clear()
            continue
        if tag == _T + "table-row":
            if event == "start":
                col = 0
            else:
                row += int(el.get(_T + "number-rows-repeated", "1"))
                el.clear()
        elif tag in _CELLS and event == "start":
            cs = int(el.get(_T + "number-columns-spanned", "1"))
            rs = int(el.get(_T + "number-rows-spanned", "1"))
            if cs > 1 or rs > 1:
                out.append(((row, col), (row + rs - 1, col + cs - 1)))
            col += int(el.get(_T + "number-columns-repeated", "1"))
    return None
