"""The look of every exported sheet: fonts, fills, number formats, widths and print set-up.

One place so all sheets read as one analyst's work. Widths count East Asian wide characters as two
columns, because openpyxl's widths are in Latin character units and Chinese text would be clipped.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from workbench.io.excel.safe_text import put_text

FONT_NAME = "Microsoft YaHei"  # present with Office/WPS on Windows; others substitute a CJK font

MONEY = "#,##0.00"  # 亿元, 2 decimals, thousands separators
PERCENT = "0.00%"
PEOPLE = "#,##0"  # 人
RATIO = "0.00"
KM2 = "#,##0.0"
INTEGER = "0"

TITLE_FONT = Font(name=FONT_NAME, size=14, bold=True)
HEADER_FONT = Font(name=FONT_NAME, bold=True, color="FFFFFF")
BOLD_FONT = Font(name=FONT_NAME, bold=True)
NOTE_FONT = Font(name=FONT_NAME, italic=True, color="595959")
HEADER_FILL = PatternFill("solid", fgColor="305496")
TOTAL_FILL = PatternFill("solid", fgColor="D9E1F2")
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")  # cells the reader is invited to edit
BREACH_FILL = PatternFill("solid", fgColor="FFC7CE")  # over a committee cap
BREACH_FONT = Font(name=FONT_NAME, color="9C0006", bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_THIN = Side(style="thin", color="8EA9DB")
TOTAL_BORDER = Border(top=_THIN)

MAX_WIDTH = 60


def text_width(value: object) -> int:
    """Display width in Latin character units: CJK and full-width characters count double."""
    if value is None:
        return 0
    s = (
        value
        if isinstance(value, str)
        else f"{value:,.2f}"
        if isinstance(value, float)
        else str(value)
    )
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def title(ws: Worksheet, text: str, row: int = 1) -> None:
    """Titles carry project and scenario names, which are user text: written as text."""
    put_text(ws.cell(row, 1), text).font = TITLE_FONT


def note(ws: Worksheet, row: int, col: int, text: str) -> None:
    put_text(ws.cell(row, col), text).font = NOTE_FONT


def header_row(ws: Worksheet, row: int, headers: Iterable[str], col: int = 1) -> int:
    """Write a header row; returns the last column used."""
    c = col - 1
    for c, h in enumerate(headers, start=col):
        cell = put_text(ws.cell(row, c), h)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = CENTER
    ws.row_dimensions[row].height = 32
    return c


def total_style(ws: Worksheet, row: int, first_col: int, last_col: int) -> None:
    for c in range(first_col, last_col + 1):
        cell = ws.cell(row, c)
        cell.font = BOLD_FONT
        cell.fill = TOTAL_FILL
        cell.border = TOTAL_BORDER


def fit_widths(
    ws: Worksheet,
    columns: dict[int, list[object]],
    *,
    minimum: int = 8,
    headers_wrap: bool = True,
) -> None:
    """Set each column's width from a sample of its values (header included).

    Headers wrap onto two lines, so a long header counts at a little over half its width.
    """
    for col, values in columns.items():
        widths = [text_width(v) for v in values[1:]]
        head = text_width(values[0]) if values else 0
        head = (head + 1) // 2 + 2 if headers_wrap and head > 16 else head
        w = max([head, *widths, minimum]) + 2
        ws.column_dimensions[get_column_letter(col)].width = min(w, MAX_WIDTH)


def print_setup(ws: Worksheet, header_rows: str | None, *, landscape: bool = True) -> None:
    """Landscape, fit to one page wide (any number of pages tall), header rows on every page."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    if header_rows:
        ws.print_title_rows = header_rows
    ws.oddFooter.center.text = "&A — 第 &P 页 / 共 &N 页"
