"""What calamine does not report for a legacy ``.xls`` sheet (BIFF8, Excel 97–2003; BIFF5,
Excel 95): percent number formats, Excel's indent, and hidden rows and columns.

Statistics bureaus and WPS still send .xls. A growth rate stored as 0.061 and shown as 6.1 %
would be read as 0.061 %, a county indented under its city by format would lose its parent, and
a hidden helper row would be imported as data — unlike the same table saved as .xlsx
(``cell_formats``, ``hidden``). The facts are in the workbook stream: the globals' FORMAT and XF
records say which cell formats show a percent or an indent; each sheet's ROW and COLINFO records
say which lines are hidden, and its cell records name their XF. The globals are a few KB; a
sheet is walked once, record header by record header, and a cell record's XF is looked at only
when some XF shows a percent or an indent. Anything unexpected (a damaged stream, a record
running past its end, a BIFF version before 5) gives None, "no formats known": the values are
still read as before and the caller says so in the report.
"""

from __future__ import annotations

import codecs
import functools
import re
import struct
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from workbench.io.sheet_guard import SheetGuardError
from workbench.io.sheet_guard_xls import MAX_FILE, workbook_stream
from workbench.io.stats_import.cell_formats import PERCENT_BUILTIN, is_percent_format

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BOF, _EOF, _CONTINUE = 0x0809, 0x000A, 0x003C
_CODEPAGE, _FORMAT, _XF, _BOUNDSHEET = 0x0042, 0x041E, 0x00E0, 0x0085
_ROW, _COLINFO = 0x0208, 0x007D
_MULRK = 0x00BD
_INDEX, _DBCELL = 0x020B, 0x00D7
# cell records that show something, each starting (row u16, col u16, ixfe u16): FORMULA, NUMBER,
# LABEL, BOOLERR, RK, LABELSST, RSTRING (BLANK/MULBLANK show nothing and are not looked at)
_SHOWN = frozenset({0x0006, 0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x00D6})
# A run of fixed-length cell records (NUMBER, RK, LABELSST, BLANK, BOOLERR), each header with
# its exact length: matched from a record's start it follows the record chain, so a walk for
# hidden lines crosses a row block's cells in C.
_FIXED = ((0x0203, 14), (0x027E, 10), (0x00FD, 10), (0x0201, 6), (0x0205, 8))


@functools.lru_cache(maxsize=8)
def _run_pattern(skip_xfs: frozenset[int] | None = None) -> re.Pattern[bytes]:
    """Such runs; with ``skip_xfs`` (the XFs that matter), only of cells not formatted by them
    (a BLANK's never matters), so a walk for formats stops, in Python, at those cells only."""
    unless = b""
    if skip_xfs:
        unless = b"(?!" + b"|".join(re.escape(struct.pack("<H", x)) for x in sorted(skip_xfs))
        unless += b")"
    alts = []
    for rtype, length in _FIXED:
        head = re.escape(struct.pack("<HH", rtype, length))
        check = unless if rtype != 0x0201 else b""
        alts.append(head + b".{4}" + check + b".{%d}" % (length - 4))
    return re.compile(b"(?:" + b"|".join(alts) + b")*", re.S)


_RUN = _run_pattern()
_FIXED_TYPES = frozenset(t for t, _length in _FIXED)
# where a sheet's rows and cells begin: ROW, DBCELL, EOF and every cell record
_CELL_AREA = _SHOWN | {_ROW, _DBCELL, _EOF, _MULRK, 0x0201, 0x00BE}
_BIFF8, _BIFF5 = 0x0600, 0x0500
_GLOBALS, _WORKSHEET = 0x0005, 0x0010
_MAX_COL = 256  # BIFF8 has 256 columns; a COLINFO reaching past them is clipped
_HIDDEN_ROW = 0x20  # ROW flags: fDyZero
_HIDDEN_COL = 0x01  # COLINFO flags: fHidden
_NONE = -1  # the number format of a style XF: never a cell's
_STRUCT_ERRORS = (struct.error, IndexError, ValueError, UnicodeDecodeError, LookupError)


@dataclass
class XlsFacts:
    """One sheet's percent cells and indent levels (0-based row, column, as calamine places
    them), and its hidden rows and columns (1-based, as ``hidden.hide`` takes them)."""

    percent: set[tuple[int, int]] = field(default_factory=set)
    indent: dict[tuple[int, int], int] = field(default_factory=dict)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)


@dataclass
class _Book:
    """The workbook globals that matter here: which XFs show a percent or an indent, and where
    each sheet's substream starts."""

    stream: bytes
    version: int
    percent_xf: frozenset[int]
    indent_xf: dict[int, int]
    sheets: dict[str, int]  # name -> stream offset of the sheet's BOF


class _Damaged(ValueError):
    """A record that does not fit its stream or its layout."""


_LOCK = threading.Lock()
_WORK = threading.Lock()  # held while a sheet's facts are read
_FACTS: OrderedDict[tuple, XlsFacts | None] = OrderedDict()
_BOOK: tuple[tuple, _Book | None] | None = None  # the last file's globals (a book of 30 sheets)


def is_ole(path: Path) -> bool:
    """Whether ``path`` is an OLE2 compound file (an .xls, or WPS .et, whatever its name)."""
    try:
        with path.open("rb") as fh:
            return fh.read(8) == OLE_SIGNATURE
    except OSError:
        return False


def xls_sheet_facts(path: Path, sheet: str) -> XlsFacts | None:
    """The formats and hidden lines of ``sheet``, or None when they cannot be known (not an
    .xls, damaged, an unsupported BIFF version, no such sheet). Remembered per file and sheet:
    the formats are asked for while calamine parses (``reader.Prefetch``), the hidden lines
    after it; one reading at a time, so the second ask waits for the first and takes its answer."""
    global _BOOK
    try:
        st = path.stat()
        file_key = (str(path.resolve()), st.st_size, st.st_mtime_ns, st.st_ino)
    except OSError:
        return None
    key = (*file_key, sheet)
    with _WORK:
        with _LOCK:
            if key in _FACTS:
                _FACTS.move_to_end(key)
                return _FACTS[key]
            known = _BOOK is not None and _BOOK[0] == file_key
            book = _BOOK[1] if _BOOK is not None and known else None
        try:
            if not known:
                book = _read_book(path)
                with _LOCK:
                    _BOOK = (file_key, book)
            got = None if book is None or sheet not in book.sheets else _sheet(book, sheet)
        except (_Damaged, SheetGuardError, OSError, *_STRUCT_ERRORS):
            got = None
        with _LOCK:
            _FACTS[key] = got
            while len(_FACTS) > 32:
                _FACTS.popitem(last=False)
    return got


def clear_cache() -> None:
    global _BOOK
    with _LOCK:
        _FACTS.clear()
        _BOOK = None


def _read_book(path: Path) -> _Book | None:
    with path.open("rb") as fh:
        data = fh.read(MAX_FILE + 1)
    if len(data) > MAX_FILE or not data.startswith(OLE_SIGNATURE):
        return None
    stream = workbook_stream(data)
    return None if stream is None else _globals(stream)


def _records(stream: bytes, pos: int):
    """(type, body offset, body length) of each record from ``pos``; a record running past
    the stream's end is damage, not the end."""
    n = len(stream)
    unpack = struct.Struct("<HH").unpack_from
    while pos + 4 <= n:
        rtype, length = unpack(stream, pos)
        body = pos + 4
        pos = body + length
        if pos > n:
            raise _Damaged("record past the end of the stream")
        yield rtype, body, length


def _globals(stream: bytes) -> _Book | None:
    records = _records(stream, 0)
    first = next(records, None)
    if first is None or first[0] != _BOF or first[2] < 4:
        return None
    version, kind = struct.unpack_from("<HH", stream, first[1])
    if version not in (_BIFF8, _BIFF5) or kind != _GLOBALS:
        return None  # BIFF2–4 (one sheet, no globals) and anything else: not known
    biff8 = version == _BIFF8
    encoding = "cp1252"  # BIFF5's 8-bit strings, until a CODEPAGE record says otherwise
    formats: dict[int, str] = {}
    xfs: list[tuple[int, int]] = []  # (ifmt, indent) by XF index
    sheets: dict[str, int] = {}
    pending: tuple[int, bytearray, int] | None = None  # a FORMAT whose string goes on
    for rtype, body, length in records:
        data = stream[body : body + length]
        if rtype == _CONTINUE and pending is not None:
            pending = _continue_format(formats, pending, data)
            continue
        pending = None
        if rtype == _EOF:
            break
        if rtype == _CODEPAGE and length >= 2:
            encoding = _codec(struct.unpack_from("<H", data)[0])
        elif rtype == _FORMAT and length >= 3:
            ifmt = struct.unpack_from("<H", data)[0]
            if biff8:
                pending = _format8(formats, ifmt, data)
            else:  # BIFF5: an 8-bit length and codepage bytes
                formats[ifmt] = data[3 : 3 + data[2]].decode(encoding, "replace")
        elif rtype == _XF:
            if length < (20 if biff8 else 16):  # the XFs after it would be misnumbered
                raise _Damaged("XF")
            ifmt, flags = struct.unpack_from("<HH", data, 2)
            if flags & 0x0004:  # fStyle: a named style's XF, which no cell refers to
                xfs.append((_NONE, 0))
            else:  # BIFF5 has no indent
                xfs.append((ifmt, data[8] & 0x0F if biff8 else 0))
        elif rtype == _BOUNDSHEET and length >= 8:
            offset = struct.unpack_from("<I", data)[0]
            name = _sheet_name(data, biff8, encoding)
            if name is not None:
                sheets.setdefault(name, offset)
    percent = frozenset(
        i
        for i, (f, _ind) in enumerate(xfs)
        if (is_percent_format(formats[f]) if f in formats else f in PERCENT_BUILTIN)
    )
    indent = {i: ind for i, (_f, ind) in enumerate(xfs) if ind > 0}
    return _Book(stream, version, percent, indent, sheets)


def _codec(codepage: int) -> str:
    if codepage == 1200:  # UTF-16: BIFF8's own strings; 8-bit strings are then Latin-1
        return "latin-1"
    name = "mac-roman" if codepage == 10000 else f"cp{codepage}"
    try:
        codecs.lookup(name)
    except LookupError:
        return "cp1252"
    return name


def _format8(formats: dict[int, str], ifmt: int, data: bytes) -> tuple[int, bytearray, int] | None:
    """A BIFF8 FORMAT's XLUnicodeString (cch u16, flags u8, [runs u16], [ext u32], chars); when
    its characters go on in a CONTINUE record, what is still owed."""
    if len(data) < 5:
        raise _Damaged("FORMAT")
    cch, flags = struct.unpack_from("<HB", data, 2)
    pos = 5 + (2 if flags & 0x08 else 0) + (4 if flags & 0x04 else 0)
    text = bytearray()
    return _take_chars(formats, (ifmt, text, cch), data, pos, flags & 0x01)


def _continue_format(
    formats: dict[int, str], pending: tuple[int, bytearray, int], data: bytes
) -> tuple[int, bytearray, int] | None:
    """A string split across records goes on with a fresh flags byte (high bytes or not)."""
    if not data:
        raise _Damaged("CONTINUE")
    return _take_chars(formats, pending, data, 1, data[0] & 0x01)


def _take_chars(
    formats: dict[int, str], pending: tuple[int, bytearray, int], data: bytes, pos: int, wide: int
) -> tuple[int, bytearray, int] | None:
    ifmt, text, owed = pending
    size = 2 if wide else 1
    have = min(owed, max(0, (len(data) - pos) // size))
    chunk = data[pos : pos + have * size]
    text += chunk if wide else chunk.decode("latin-1").encode("utf-16-le")
    owed -= have
    if owed:
        return ifmt, text, owed
    formats[ifmt] = bytes(text).decode("utf-16-le")
    return None


def _sheet_name(data: bytes, biff8: bool, encoding: str) -> str | None:
    """BOUNDSHEET: (BOF offset u32, state u8, type u8, name). Only worksheets are kept."""
    if data[5] != 0x00:  # a chart, macro or VB module sheet: calamine holds no grid for it
        return None
    cch = data[6]
    if not biff8:
        return data[7 : 7 + cch].decode(encoding, "replace")
    if len(data) < 8:
        raise _Damaged("BOUNDSHEET")
    if data[7] & 0x01:
        return data[8 : 8 + 2 * cch].decode("utf-16-le")
    return data[8 : 8 + cch].decode("latin-1")


def _sheet(book: _Book, name: str) -> XlsFacts:
    """The sheet's facts. Hidden lines alone (no XF shows a percent or an indent, the usual case)
    come from the few records before the cells and the ROW records the INDEX/DBCELL records
    point at; cells are walked only when their XFs matter, or when those pointers do not hold."""
    stream = book.stream
    pos = book.sheets[name]
    if pos + 8 > len(stream) or struct.unpack_from("<H", stream, pos)[0] != _BOF:
        raise _Damaged("sheet BOF")
    if struct.unpack_from("<H", stream, pos + 6)[0] != _WORKSHEET:
        return XlsFacts()
    if not (book.percent_xf or book.indent_xf):
        got = _hidden_by_index(stream, pos, book.version == _BIFF8)
        if got is not None:
            return got
    return _walk(stream, pos, book.percent_xf, book.indent_xf)


def _walk(
    stream: bytes, pos: int, percent_xf: frozenset[int], indent_xf: dict[int, int]
) -> XlsFacts:
    """Every record of the sheet's substream, header by header (those of an embedded chart,
    a nested BOF…EOF, skipped). A cell's XF is looked up only when some XF matters; otherwise
    a run of fixed-length cell records not formatted by those XFs is crossed in C (``_RUN``)."""
    out = XlsFacts()
    percent, indent, hidden_rows, hidden_cols = out.percent, out.indent, set(), set()
    out.hidden_rows, out.hidden_cols = hidden_rows, hidden_cols
    wanted = bool(percent_xf or indent_xf)
    fixed = _FIXED_TYPES
    shown = _SHOWN - fixed  # FORMULA, LABEL, RSTRING: variable length
    # variable-length cell records passed by at once: a MULBLANK, and any whose XF cannot matter
    passed = frozenset({0x00BE} if wanted else {0x00BE, _MULRK, *shown})
    unpack2 = struct.Struct("<HH").unpack_from
    unpack3 = struct.Struct("<HHH").unpack_from
    wanted_xfs = percent_xf | frozenset(indent_xf)
    skip = (_RUN if not wanted else _run_pattern(wanted_xfs)).match
    bof, eof, row_rec, colinfo = _BOF, _EOF, _ROW, _COLINFO
    n = len(stream)
    depth = 0
    while pos + 4 <= n:
        rtype, length = unpack2(stream, pos)
        body = pos + 4
        pos = body + length
        if pos > n:
            raise _Damaged("record past the end of the stream")
        if rtype in passed:  # a MULRK or MULBLANK when no XF matters, a FORMULA
            continue
        if rtype in fixed:  # the first of a run: its XF, then the rest of the run in C
            if wanted and depth == 1 and rtype != 0x0201 and length >= 6:
                row, col, xf = unpack3(stream, body)
                if xf in percent_xf:
                    percent.add((row, col))
                if xf in indent_xf:
                    indent[(row, col)] = indent_xf[xf]
            pos = skip(stream, pos).end()
        elif rtype == row_rec:
            if depth == 1:
                _row(stream, body, length, hidden_rows)
        elif rtype == bof:
            depth += 1
        elif rtype == eof:
            depth -= 1
            if depth == 0:
                break
        elif depth != 1:
            continue
        elif rtype in shown and length >= 6:  # (only when an XF matters)
            row, col, xf = unpack3(stream, body)
            if xf in percent_xf:
                percent.add((row, col))
            if xf in indent_xf:
                indent[(row, col)] = indent_xf[xf]
        elif rtype == colinfo:
            _colinfo(stream, body, length, hidden_cols)
        elif rtype == _MULRK and length >= 12:
            # (row, first column, (xf u16, rk u32) * k, last column): the xfs in one call
            k = (length - 6) // 6
            xfs = struct.unpack_from(f"<{3 * k}H", stream, body + 4)[0::3]
            if not wanted_xfs.isdisjoint(xfs):
                row, col = unpack2(stream, body)
                for i, xf in enumerate(xfs):
                    if xf in percent_xf:
                        percent.add((row, col + i))
                    if xf in indent_xf:
                        indent[(row, col + i)] = indent_xf[xf]
    if depth:
        raise _Damaged("the sheet has no EOF record")  # a stream cut short
    return out


def _row(stream: bytes, body: int, length: int, hidden: set[int]) -> None:
    if length >= 16 and stream[body + 12] & _HIDDEN_ROW:
        hidden.add(struct.unpack_from("<H", stream, body)[0] + 1)


def _colinfo(stream: bytes, body: int, length: int, hidden: set[int]) -> None:
    if length >= 10:
        first, last, _width, _xf, flags = struct.unpack_from("<5H", stream, body)
        if flags & _HIDDEN_COL:
            hidden.update(range(first + 1, min(last, _MAX_COL - 1) + 2))


def _hidden_by_index(stream: bytes, pos: int, biff8: bool) -> XlsFacts | None:
    """Hidden lines without walking the cells: COLINFO records come before the first ROW;
    ROW records come in blocks, each block's DBCELL says where its ROW records start, and the
    INDEX record lists every DBCELL. None when the sheet has no INDEX or a pointer does not
    land on the record it names (the caller then walks every record)."""
    out = XlsFacts()
    n = len(stream)
    index: tuple[int, ...] | None = None
    pos += 4 + struct.unpack_from("<H", stream, pos + 2)[0]  # past the sheet's BOF
    while pos + 4 <= n:
        rtype, length = struct.unpack_from("<HH", stream, pos)
        body = pos + 4
        if body + length > n:
            raise _Damaged("record past the end of the stream")
        if rtype == _INDEX:
            head = 16 if biff8 else 12
            if length < head or (length - head) % 4:
                return None
            index = struct.unpack_from(f"<{(length - head) // 4}I", stream, body + head)
        elif rtype == _COLINFO:
            _colinfo(stream, body, length, out.hidden_cols)
        elif rtype in _CELL_AREA:
            break
        pos = body + length
    if index is None or pos + 4 > n:
        return None
    for dbcell in index:
        if dbcell + 8 > n or struct.unpack_from("<H", stream, dbcell)[0] != _DBCELL:
            return None
        at = dbcell - struct.unpack_from("<I", stream, dbcell + 4)[0]
        if not 0 <= at < dbcell or struct.unpack_from("<H", stream, at)[0] != _ROW:
            return None
        while at + 4 <= n:
            rtype, length = struct.unpack_from("<HH", stream, at)
            if rtype != _ROW:
                break
            if at + 4 + length > n:
                raise _Damaged("record past the end of the stream")
            _row(stream, at + 4, length, out.hidden_rows)
            at += 4 + length
    return out
