"""Writing user text so a spreadsheet never runs it as a formula (CSV/formula injection).

openpyxl turns any string starting with ``=`` into a formula, and Excel turns text starting with
``+``, ``-`` or ``@`` into one as soon as someone edits the cell. User and import text is therefore
stored as a string cell with the ``quotePrefix`` style flag (what Excel itself sets when a user types
a leading apostrophe): the text is kept exactly, shown as typed, and stays text when edited.
"""

from __future__ import annotations

from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_TEXT = 32767  # Excel's limit per cell


def is_risky(text: str) -> bool:
    return text.startswith(TRIGGERS)


def put_text(cell: Cell, text: Any) -> Cell:
    """Store ``text`` as a text cell, never as a formula."""
    s = "" if text is None else str(text)
    if ILLEGAL_CHARACTERS_RE.search(s):
        s = ILLEGAL_CHARACTERS_RE.sub("\ufffd", s)  # control characters would corrupt the XML
    s = s[:MAX_CELL_TEXT]
    if s and is_risky(s):
        cell.value = s
        cell.data_type = "s"  # openpyxl would have classified a leading "=" as a formula
        cell.quotePrefix = True
    elif s:
        cell._value = s  # a plain string: skip openpyxl's type sniffing (hot path on big sheets)
        cell.data_type = "s"
    return cell
