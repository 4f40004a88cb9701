"""Writing user text so a spreadsheet never runs it as a formula (CSV/formula injection).

openpyxl turns any string starting with ``=`` into a formula, and Excel turns text starting with
``+``, ``-`` or ``@`` into one as soon as someone edits the cell. User and import text is therefore
stored as a string cell with the ``quotePrefix`` style flag (what Excel itself sets when a user types
a leading apostrophe): the text is kept exactly, shown as typed, and stays text when edited.
CSV has no such flag, so ``csv_text`` prefixes the apostrophe itself (what Excel shows for it).

Text is also made storable: a CR is written as OOXML's ``_x000D_`` (an XML reader turns a raw CR
into LF), a literal ``_xHHHH_`` is escaped so it is not decoded, and control characters and lone
surrogates (which cannot be encoded at all) become U+FFFD.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell

# openpyxl's own pattern (control characters XML forbids; a test keeps them equal), written here
# so that CSV output (``csv_text``) does not import openpyxl: 0.13 s of a `workbench stats` run
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_TEXT = 32767  # Excel's limit per cell


_OOXML_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_SURROGATE = re.compile("[\ud800-\udfff]")


def is_risky(text: str) -> bool:
    return text.startswith(TRIGGERS)


def is_plain(text: str) -> bool:
    """Text that can be stored exactly as it is (no escaping, repair or truncation needed)."""
    return (
        len(text) <= MAX_CELL_TEXT
        and "\r" not in text
        and "_x" not in text
        and ILLEGAL_CHARACTERS_RE.search(text) is None
        and _SURROGATE.search(text) is None
    )


def storable(text: str) -> str:
    """``text`` as it must be written into a workbook's XML to read back the same."""
    s = text
    if ILLEGAL_CHARACTERS_RE.search(s):
        s = ILLEGAL_CHARACTERS_RE.sub("\ufffd", s)  # control characters would corrupt the XML
    if _SURROGATE.search(s):
        s = _SURROGATE.sub("\ufffd", s)  # cannot be encoded as UTF-8 at all
    s = s[:MAX_CELL_TEXT]
    if "_x" in s:
        s = _OOXML_ESCAPE.sub(r"_x005F_\1", s)
    return s.replace("\r", "_x000D_")


def csv_text(value: Any) -> Any:
    """A CSV cell: text that a spreadsheet would run as a formula gets a leading apostrophe;
    numbers and other values are returned unchanged."""
    if not isinstance(value, str):
        return value
    if _SURROGATE.search(value):
        value = _SURROGATE.sub("\ufffd", value)
    return "'" + value if is_risky(value) else value


def put_text(cell: Cell, text: Any) -> Cell:
    """Store ``text`` as a text cell, never as a formula."""
    raw = "" if text is None else str(text)
    s = raw if is_plain(raw) else storable(raw)
    if s and is_risky(raw):
        cell.value = s
        cell.data_type = "s"  # openpyxl would have classified a leading "=" as a formula
        cell.quotePrefix = True
    elif s:
        cell._value = s  # a plain string: skip openpyxl's type sniffing (hot path on big sheets)
        cell.data_type = "s"
    return cell
