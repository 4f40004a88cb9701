"""A report table as WordprocessingML, built as one piece of XML.

python-docx builds a table cell by cell, each property a search of the element's children: for
the draft's ~1,500 cells that took seconds. Writing the ``w:tbl`` element whole and parsing it
once takes milliseconds and gives the same table (grid borders from the "Table Grid" style, the
header row repeated on each page, the 合计 row bold, numbers right-aligned). Column widths follow
the longest text in each column (a CJK character counts twice), within the type area.
"""

from __future__ import annotations

import unicodedata
from xml.sax.saxutils import escape

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

MIN_SHARE = 0.3  # no column narrower than this share of the average
PADDING = 3  # a cell's left and right margins, in half-width characters


def _is_number(text: str) -> bool:
    try:
        float(str(text).replace(",", "").rstrip("%"))
    except ValueError:
        return False
    return True


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(text)) or 1


def column_widths(rows: list[list[str]], total_twips: int) -> list[int]:
    """Widths in proportion to each column's longest body text (a header may wrap onto two
    lines, so it counts half), plus the cell padding, within ``total_twips``."""
    n = max(len(r) for r in rows)

    def text(r: list[str], j: int) -> str:
        return r[j] if j < len(r) else ""

    want = [
        max([(_width(text(rows[0], j)) + 1) // 2, *(_width(text(r, j)) for r in rows[1:])])
        for j in range(n)
    ]
    want = [min(w, 40) + PADDING for w in want]  # a long name wraps rather than squeezing numbers
    floor = MIN_SHARE * sum(want) / n
    want = [max(w, floor) for w in want]
    scale = total_twips / sum(want)
    return [int(w * scale) for w in want]


def _cell(text: str, width: int, align: str, bold: bool, half_points: int) -> str:
    b = "<w:b/>" if bold else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
        f'<w:p><w:pPr><w:spacing w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/>'
        f'<w:jc w:val="{align}"/></w:pPr><w:r><w:rPr>{b}<w:sz w:val="{half_points}"/>'
        f'<w:szCs w:val="{half_points}"/></w:rPr><w:t xml:space="preserve">{escape(str(text))}'
        f"</w:t></w:r></w:p></w:tc>"
    )


def table_element(
    columns: list[str],
    rows: list[list[str]],
    total: list[str] | None,
    size_pt: float,
    width_twips: int,
):
    """The ``w:tbl`` element of a header row, the body rows and an optional bold total row."""
    all_rows = [columns, *rows, *([total] if total else [])]
    widths = column_widths(all_rows, width_twips)
    half = round(size_pt * 2)
    out = [
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        '<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>',
        *(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
    ]
    last = len(all_rows) - 1
    for i, values in enumerate(all_rows):
        header = i == 0
        bold = header or (total is not None and i == last)
        out.append("<w:tr><w:trPr><w:tblHeader/></w:trPr>" if header else "<w:tr>")
        for j, w in enumerate(widths):
            text = values[j] if j < len(values) else ""
            align = "center" if header else ("right" if j > 0 and _is_number(text) else "left")
            out.append(_cell(text, w, align, bold, half))
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return parse_xml("".join(out))
