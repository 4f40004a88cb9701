"""What calamine does not report for an OpenDocument (``.ods``) sheet: merged cells, hidden rows
and columns, and cells typed as percentages.

Multi-row headers depend on the merges (``地区生产总值`` merged over ``总量`` and ``增长（%）``).
Hidden rows and columns (``table:visibility="collapse"``, or ``"filter"`` for rows an autofilter
hides) are no part of the table LibreOffice shows, exactly as in an xlsx (``hidden``). A cell
LibreOffice shows as 79.98% is stored as ``office:value-type="percentage"`` with the value
0.7998: its type, unlike an xlsx number format, is on the cell itself, so no style need be
looked up — without it the figure would be read as 0.7998 and skipped as a rate in the wrong
unit. Only these attributes are read, streaming ``content.xml`` once per sheet (remembered for
the next call on the same file); anything unexpected gives ``None`` ("unknown"), which is what
the reader had before.
"""

from __future__ import annotations

import threading
import zipfile
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from xml.etree import ElementTree as ET

Merge = tuple[tuple[int, int], tuple[int, int]]
_T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_O = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_CELLS = (_T + "table-cell", _T + "covered-table-cell")
_HIDDEN = ("collapse", "filter")
MAX_MARKED = (
    1_000_000  # percent cells and hidden lines remembered per sheet (the guard bounds more)
)
MAX_SPAN = 16_384  # hidden lines of one repeated run kept (a collapsed run to the grid's edge)


@dataclass
class OdsFacts:
    """One sheet's merges (0-based ranges), hidden rows and columns (1-based, as ``hide``
    takes them) and percentage cells (0-based row, column)."""

    merged: list[Merge] = field(default_factory=list)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)
    percent: set[tuple[int, int]] = field(default_factory=set)


_CACHE: OrderedDict[tuple, OdsFacts | None] = OrderedDict()
_LOCK = threading.Lock()


def ods_sheet_facts(path: Path, sheet: str) -> OdsFacts | None:
    """The sheet's facts, or None when ``path`` is no OpenDocument package or cannot be read."""
    try:
        st = path.stat()
        key = (str(path.resolve()), st.st_size, st.st_mtime_ns, st.st_ino, sheet)
    except OSError:
        return None
    with _LOCK:
        if key in _CACHE:
            return _CACHE[key]
    try:
        with zipfile.ZipFile(path) as z, z.open("content.xml") as fh:
            got = _facts(fh, sheet)
    except (OSError, KeyError, zipfile.BadZipFile, ET.ParseError, ValueError, EOFError):
        got = None
    with _LOCK:
        _CACHE[key] = got
        while len(_CACHE) > 8:
            _CACHE.popitem(last=False)
    return got


def ods_merged_ranges(path: Path, sheet: str) -> list[Merge] | None:
    got = ods_sheet_facts(path, sheet)
    return None if got is None else got.merged


def _facts(fh: IO[bytes], sheet: str) -> OdsFacts | None:
    out = OdsFacts()
    depth = 0  # table nesting inside the wanted sheet
    row = col = table_col = 0
    row_repeat = 1
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
        if tag == _T + "table-column" and event == "start":
            n = int(el.get(_T + "number-columns-repeated", "1"))
            if el.get(_T + "visibility") in _HIDDEN:
                _mark(out.hidden_cols, table_col + 1, n)
            table_col += n
        elif tag == _T + "table-row":
            if event == "start":
                col = 0
                row_repeat = int(el.get(_T + "number-rows-repeated", "1"))
                if el.get(_T + "visibility") in _HIDDEN:
                    _mark(out.hidden_rows, row + 1, row_repeat)
            else:
                row += row_repeat
                el.clear()
        elif tag in _CELLS and event == "start":
            n = int(el.get(_T + "number-columns-repeated", "1"))
            cs = int(el.get(_T + "number-columns-spanned", "1"))
            rs = int(el.get(_T + "number-rows-spanned", "1"))
            if cs > 1 or rs > 1:
                out.merged.append(((row, col), (row + rs - 1, col + cs - 1)))
            if el.get(_O + "value-type") == "percentage" and len(out.percent) < MAX_MARKED:
                for r in range(row, row + min(row_repeat, MAX_SPAN)):
                    out.percent.update((r, c) for c in range(col, col + min(n, MAX_SPAN)))
            col += n
    return None


def _mark(lines: set[int], first: int, n: int) -> None:
    """Lines ``first`` … ``first + n - 1`` (at most ``MAX_SPAN`` of them: a collapsed run
    repeated to the grid's edge holds nothing to blank beyond the cells calamine reads)."""
    if len(lines) < MAX_MARKED:
        lines.update(range(first, first + min(n, MAX_SPAN)))
