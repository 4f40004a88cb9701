"""The fast path of ``sheet_guard``'s worksheet scan: for the common, tidy piece of sheet XML it
finds the cell count and used range with a handful of searches that run in C (substring tests,
``bytes.count``, regexes with literal prefixes), never a Python step per cell, because the guard
runs before every workbook read and must cost a small share of calamine's own read (issue 4).
Whatever it cannot vouch for (error cells, formulas without results, cells without references,
odd spellings) it hands back to the token scan in ``sheet_guard``, which decides exactly."""

from __future__ import annotations

import functools
import re
import zipfile
from typing import TYPE_CHECKING, BinaryIO

from workbench.io.byte_search import contains_by
from workbench.io.deflate import crc32, raw_decompressor
from workbench.io.sheet_guard import (
    _REF,
    EXCEL_COLS,
    EXCEL_ROWS,
    SheetGuardError,
    _col_number,
    cell_name,
)

if TYPE_CHECKING:
    from workbench.io.sheet_guard import SheetScan, _SheetState

_DIMENSION = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?dimension\b[^>]*\bref\s*=\s*\"([^\"]*)\"")
_ODD_ROW = re.compile(rb'<row(?:[>/]|\s(?!r="))')  # a row without r= first
_ROW_R = re.compile(rb'<row r="(\d{1,15})"')
_CELL_R = re.compile(rb'<c r="([A-Z]{1,10})([1-9]\d{0,14})"')
_UNCACHED = re.compile(rb"(?:</f>|<f\b[^>]*/>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>")


def _prefixed_cell_or_row(piece: bytes) -> bool:
    """Whether a namespace-prefixed ``c`` or ``row`` tag (``<x:c ``) occurs. A sheet holds few
    colons (namespace declarations, ranges like A1:B2), so jumping between them with memchr
    beats two full substring searches; a piece full of colons (times in text) falls back."""
    pos, hops = piece.find(b":"), 0
    while pos >= 0:
        hops += 1
        if hops > 2000:
            return b":c " in piece or b":row" in piece
        nxt = piece[pos + 1 : pos + 4]
        if nxt[:2] == b"c " or nxt == b"row":
            return True
        pos = piece.find(b":", pos + 1)
    return False


@functools.lru_cache(maxsize=1024)
def _outside(cols: bytes, rows: bytes) -> re.Pattern[bytes]:
    """A pattern for a cell tag that is not ``<c r="..."`` naming a cell within A1:``cols rows``
    in plain letters and digits: a cell beyond the extent found so far, or one the token scan
    must read (no r=, r= not first, other quoting or spacing, "$", lowercase, a leading zero).
    One search walks the piece in C, stopping only at such cells; none stops in a tidy sheet."""
    # Every alternative ends in what must follow it ("(?=\d)", '"') and shorter spellings are
    # possessive, so a cell that does not fit one alternative fails at once instead of
    # backtracking: this search runs once per cell, which makes it the guard's largest cost.
    le_cols = [b"[A-Z]{1,%d}+" % (len(cols) - 1)] if len(cols) > 1 else []
    for i, ch in enumerate(cols):
        if ch > ord("A"):
            rest = len(cols) - i - 1
            le_cols.append(cols[:i] + b"[A-%c]" % (ch - 1) + (b"[A-Z]{%d}" % rest if rest else b""))
    le_rows = [b"[1-9]\\d{0,%d}+" % (len(rows) - 2)] if len(rows) > 1 else []
    for i, ch in enumerate(rows):
        low = ord("1") if i == 0 else ord("0")
        if ch > low:
            rest = len(rows) - i - 1
            le_rows.append(
                rows[:i] + b"[%c-%c]" % (low, ch - 1) + (b"\\d{%d}" % rest if rest else b"")
            )
    within_cols = b"|".join(c + rb"(?=\d)" for c in [*le_cols, cols])
    within_rows = b"|".join(r + b'"' for r in [*le_rows, rows])
    return re.compile(
        rb'<c(?:[>/\t\r\n\f\v]| (?!r="(?:' + within_cols + b")(?:" + within_rows + b")))"
    )


def _extent(piece: bytes, rows: int, cols: int) -> tuple[int, int] | None:
    """The largest row and column named by the piece's cells, starting from what is already
    known; None when a cell needs the token scan or the extent climbs too often (cells in
    reverse order) for one search per step to pay."""
    pos = 0
    for _ in range(256):
        m = _outside(cell_name(1, cols)[:-1].encode(), str(rows).encode()).search(piece, pos)
        if m is None:
            return rows, cols
        ref = _CELL_R.match(piece, m.start())
        if ref is None:
            return None
        rows = max(rows, int(ref.group(2)))
        cols = max(cols, _col_number(ref.group(1)))
        # in a sheet written in order the row's last cell is its widest: take it in one step
        end = piece.find(b"</row>", m.start())
        last = piece.rfind(b'<c r="', m.start(), end if end >= 0 else len(piece))
        tail = _CELL_R.match(piece, last)
        if tail:
            cols = max(cols, _col_number(tail.group(1)))
        pos = m.start()
    return None


def fast_piece(piece: bytes, st: _SheetState) -> bool:
    """Counts of a piece where every row and cell says where it is and nothing is an error or an
    uncached formula (the common case) by C-speed searches; False sends it to the token scan.

    Every step is a substring search, a count or a regex with a literal prefix over the whole
    piece, never a Python step per cell: this runs before every workbook read (issue 4 budget)."""
    if contains_by(piece, b't="e"', 3) or _prefixed_cell_or_row(piece):
        return False
    if contains_by(piece, b"<f", 1) and _UNCACHED.search(piece):
        return False
    if _ODD_ROW.search(piece):
        return False
    scan = st.scan
    n_cells = piece.count(b'<c r="')
    if n_cells:
        last = _CELL_R.match(piece, piece.rfind(b'<c r="'))  # where the next piece continues
        if last is None:
            return False
        found = _extent(piece, max(scan.rows, int(last.group(2))), max(scan.cols, 1))
        if found is None:
            return False
        if found[0] > EXCEL_ROWS:
            st.row = found[0]
            st._check_row()
        scan.rows, scan.cols = found
        st.col = _col_number(last.group(1))
    elif _outside(b"A", b"1").search(piece):  # a cell tag, but none in the r="A1" form
        return False
    at = piece.rfind(b'<row r="')
    last_row = _ROW_R.match(piece, at) if at >= 0 else None
    if last_row:
        st.row = int(last_row.group(1))  # where an r-less row or cell in the next piece continues
    scan.cells += n_cells
    st.check_totals()
    return True


@functools.lru_cache(maxsize=16)
def _odd_cell(letters: int, digits: int) -> re.Pattern[bytes]:
    """A cell tag not written ``<c r="`` + at most ``letters`` capitals + at most ``digits``
    digits + ``"``: one search over the part, stopping at each cell only to look at its
    reference (``<c`` before a letter is another element: col, cfRule...). The reference is
    tried first: at a cell, the usual stop, one lookahead decides (~20 % faster)."""
    return re.compile(rb'<c(?! r="[A-Z]{1,%d}+[0-9]{1,%d}+")(?![a-zA-Z])' % (letters, digits))


def _reaches(max_area: int) -> list[tuple[int, int]]:
    """For two column letters (to ZZ) and for one (to Z), the most row digits whose every
    combination stays within ``max_area`` cells: a wide table (ZZ9999 at the default limits)
    and a long one (Z99999, a database export of up to 99,999 rows). Empty when not even Z9
    fits."""
    out = []
    for letters, cols in ((2, 702), (1, 26)):
        digits = 0
        while digits < 6 and cols * (10 ** (digits + 1) - 1) <= max_area:
            digits += 1
        if digits and not any(d >= digits for _, d in out):
            out.append((letters, digits))
    return out


QUICK_BYTES = 512 * 1024  # smaller parts are scanned exactly, in a few milliseconds at most


def quick_sheet(whole: bytes, scan: SheetScan) -> bool:
    """A verdict on a whole worksheet part from a few C-speed passes, without its exact extent
    (issue 16: the guard was a quarter of a first read). When every cell is ``<c r="`` with at
    most two column letters and a row number short enough that ZZ × that row fits the area
    limit, no cell is an error and no formula lacks its stored result, then no cell can lie
    outside a range the limits allow (whatever the row tags say), and nothing is to report:
    ``scan`` gets the bounds (``exact`` False) and True is returned. Otherwise False, and the
    exact scan decides as before (longer or wider sheets, anything odd)."""
    from workbench.io import sheet_guard as g  # limits read now: tests lower them

    reaches = _reaches(g.MAX_AREA)
    if len(whole) < QUICK_BYTES or not reaches:
        return False
    if contains_by(whole, b't="e"', 3) or (b"'" in whole and b"t='e'" in whole):
        return False
    if _prefixed_cell_or_row(whole) or (contains_by(whole, b"<f", 1) and _UNCACHED.search(whole)):
        return False
    # Row tags need no pass: calamine places a cell by its own reference when it has one (and
    # every cell here has), using a row's r= only for cells without a reference. A wide
    # table's first pass stops at its first cell beyond row 9,999, if any: a long one then
    # costs two passes, against the exact scan's ~5 ms per MB.
    reach = next((r for r in reaches if not _odd_cell(*r).search(whole)), None)
    if reach is None:
        return False
    cells = len(whole) // 11  # '<c r="A1"/>', the shortest such cell
    if cells > g.MAX_CELLS:
        cells = whole.count(b'<c r="')  # every cell is written so: an exact count
        if cells > g.MAX_CELLS:
            return False
    scan.rows, scan.cols = 10 ** reach[1] - 1, 702 if reach[0] == 2 else 26
    scan.cells, scan.exact = cells, False
    scan.seen = _seen(whole)
    return True


_SEEN_BYTES = 8 * 1024


def _seen(whole: bytes) -> tuple[int, int]:
    """The largest row and column named in the part's first and last 8 KB (a sheet is written
    row by row: the last row is there, and the header and last rows are usually the widest)."""
    rows = cols = 0
    for at in (0, max(0, len(whole) - _SEEN_BYTES)):
        for m in _CELL_R.finditer(whole, at, at + _SEEN_BYTES):
            rows = max(rows, int(m.group(2)))
            cols = max(cols, _col_number(m.group(1)))
    return rows, cols


_STEP = 16 * 1024  # compressed bytes per inflate call: small outputs, reused memory


def stored_bytes(fh: BinaryIO, info: zipfile.ZipInfo) -> bytes:
    """A part's bytes as the zip file stores them (compressed, if it is), read past its local
    header; BadZipFile or EOFError when the header or the data is not all there."""
    fh.seek(info.header_offset)
    head = fh.read(30)
    if len(head) < 30 or head[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile(f"bad local header of {info.filename}")
    fh.seek(
        info.header_offset
        + 30
        + int.from_bytes(head[26:28], "little")
        + int.from_bytes(head[28:30], "little")
    )
    raw = fh.read(info.compress_size)
    if len(raw) < info.compress_size:
        raise EOFError(f"{info.filename} is truncated")
    return raw


def inflate(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytearray | None:
    """A deflated part as one buffer of its declared size, filled as it inflates: zipfile's
    read grows its output block by block and joins the blocks, touching twice the memory, and
    fresh memory costs more than the inflating in a fresh process. Refuses (BadZipFile, as
    zipfile would) a part longer or shorter than declared or with a wrong CRC, never holding
    more than the declared size plus one step. None: not a plain deflated part (zipfile reads
    those as before)."""
    if info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & 0x1:
        return None
    if zf.fp is None:
        return None
    raw = stored_bytes(zf.fp, info)
    out = bytearray(info.file_size)
    d = raw_decompressor()
    pos = crc = 0
    for at in range(0, len(raw), _STEP):
        chunk = d.decompress(raw[at : at + _STEP], len(out) - pos + 1)
        if d.unconsumed_tail or pos + len(chunk) > len(out):
            raise zipfile.BadZipFile(f"{info.filename} is longer than it declares")
        out[pos : pos + len(chunk)] = chunk
        crc = crc32(chunk, crc)
        pos += len(chunk)
        if d.eof:
            break
    if pos != len(out) or not d.eof or crc != info.CRC:
        raise zipfile.BadZipFile(f"Bad CRC-32 or size for file {info.filename!r}")
    return out


def read_dimension(first: bytes, scan: SheetScan) -> None:
    """The declared range, from the part's first piece before its cells (where calamine reads
    it; openpyxl omits it, and a search of the whole sheet took 1 ms per 100,000 cells)."""
    head = first[: max(first.find(b"sheetData"), 0) or len(first)]
    m = _DIMENSION.search(head) if b"dimension" in head else None
    if m:
        scan.dimension = m.group(1).decode("ascii", "replace")[:40]
        _check_dimension(scan.dimension)


def _check_dimension(ref: str) -> None:
    """A declared range beyond Excel's own grid is a malformed (or forged) sheet; a large but
    possible one is not trusted either way: the real cells decide."""
    for part in ref.split(":"):
        m = _REF.match(part.strip().encode())
        if not m:
            continue
        if _col_number(m.group(1)) > EXCEL_COLS or int(m.group(2)) > EXCEL_ROWS:
            raise SheetGuardError(
                f"工作表声明的区域 {ref} 超出 Excel 的范围",
                f"the sheet declares a range {ref} beyond Excel's grid",
            )
