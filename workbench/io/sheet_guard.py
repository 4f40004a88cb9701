"""Size checks on a spreadsheet before any reader opens it, so a hostile file is refused, not read.

python-calamine allocates the whole rectangle between a sheet's first and last cell: a 3 KB xlsx
with cells in A1 and XFD1048576 asks for 512 GiB and aborts the process (a Rust panic is not an
exception). Zip bombs (a sheet that inflates to GBs, a huge shared-strings part) exhaust memory
the same way. Every workbook reader in ``workbench.io`` calls ``check_workbook`` first: it reads
the zip directory (declared sizes and compression ratios), then streams each worksheet's XML in
bounded chunks with a regex — never a parse tree — to find the real used range and cell count.
Decompression stops at the declared size (Python's zipfile enforces it and checks the CRC), so a
part that lies about its size is refused as damaged.

The same scan records error cells (``#DIV/0!``, ``#N/A``…) and formulas without a stored result,
which calamine returns as blank: importers must report them, never read them as empty or 0.
"""

from __future__ import annotations

import html
import re
import threading
import zipfile
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from workbench.io import deflate
from workbench.io.bulk_work import bulk_work
from workbench.io.byte_search import find_by

MAX_PART_BYTES = 512 * 1024 * 1024  # one uncompressed part
MAX_TOTAL_BYTES = 1024 * 1024 * 1024  # all parts together
MAX_SHARED_STRINGS_BYTES = 256 * 1024 * 1024  # calamine holds them all in memory
MAX_RATIO = 200  # uncompressed / compressed, for parts big enough to matter
RATIO_FLOOR = 16 * 1024 * 1024  # smaller parts may compress as well as they like
MAX_AREA = 12_000_000  # rows x columns of a sheet's used range (calamine: ~40 bytes per cell)
MAX_CELLS = 6_000_000  # cells actually present
MAX_PARTS = 10_000
MAX_SHARED_STRINGS = 8_000_000
EXCEL_ROWS, EXCEL_COLS = 1_048_576, 16_384
MAX_BAD_CELLS = 10_000  # error cells remembered per sheet (the count goes on)
CHUNK = 4 << 20

_TOKEN = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?v>([^<]*)</(?:[A-Za-z_][\w.-]*:)?v>"  # 1: a stored value
    rb"|<(?:[A-Za-z_][\w.-]*:)?(row|c|f|v)\b([^>]*?)(/?)>"  # 2 tag, 3 attributes, 4 self-closing
    rb"|</(?:[A-Za-z_][\w.-]*:)?(c)>"  # 5: end of a cell
)
_ATTR = re.compile(rb'([\w:.-]+)\s*=\s*"([^"]*)"|([\w:.-]+)\s*=\s*\'([^\']*)\'')
_REF = re.compile(rb"^\$?([A-Za-z]{1,10})\$?(\d{1,15})$")
_OPEN_V_TAIL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?v>[^<]*$")


class SheetGuardError(ValueError):
    """A workbook too big or too malformed to read safely; zh/en say what (callers add the file)."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en


@dataclass
class SheetScan:
    """What the stream scan of one worksheet found. Rows and columns are 1-based, as in Excel."""

    part: str
    rows: int = 0
    cols: int = 0
    cells: int = 0
    dimension: str = ""
    bad: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) -> code
    bad_count: int = 0
    exact: bool = True  # False: rows, cols and cells are bounds (``sheet_guard_fast.quick_sheet``)
    # when not exact: the extent of the cells at the part's start and end (a likely size for
    # work done ahead, such as the cells' names; never a bound)
    seen: tuple[int, int] = (0, 0)
    size: int = 0  # bytes of the part's XML
    # rows and columns (1-based) the sheet hides (<row hidden="1">, <col min max hidden="1">):
    # calamine reads their cells like any other, Excel does not show them
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)

    def likely_extent(self) -> tuple[int, int]:
        """(rows, columns) the sheet most likely spans, for work done ahead of reading it: the
        exact extent when counted, else the declared dimension's far corner, else what was
        ``seen``. Never a bound: a declared range may be wrong either way."""
        if self.exact:
            return self.rows, self.cols
        m = _REF.match(self.dimension.split(":")[-1].strip().encode()) if self.dimension else None
        if m is None:
            return self.seen
        return int(m.group(2)), _col_number(m.group(1))


@dataclass
class BookScan:
    sheets: dict[str, SheetScan] = field(default_factory=dict)  # by sheet name when known

    def bad_cells(self, sheet: str) -> dict[tuple[int, int], str]:
        s = self.sheets.get(sheet)
        return dict(s.bad) if s else {}


UNCACHED = "公式无结果"  # code recorded for a formula whose result was never stored


def cell_name(row: int, col: int) -> str:
    """1-based (row, col) -> "F12"."""
    letters = ""
    c = col
    while c:
        c, rem = divmod(c - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row}"


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ch - 64)
    return n


def check_workbook(path: Path | str, sheets: Iterable[str] | None = None) -> BookScan:
    """Refuse (SheetGuardError) a workbook (xlsx/xlsm/ods, or xls) whose parts or sheets are too
    big; anything else (csv, html) is left to the caller. Returns what the scan found.

    ``sheets``: the names the caller will read (None: all). Other worksheets are not scanned —
    calamine never expands a sheet it is not asked for — but the package-wide checks (part sizes,
    ratios, shared strings) always run, since opening the workbook reads those parts.
    A file unchanged since its last scan (same inode, size, mtime and ctime, same limits) is not
    scanned again: the import wizard reads one file several times (sheet list, preview, import)."""
    p = Path(path)
    wanted = None if sheets is None else frozenset(sheets)
    key = _cache_key(p, wanted)
    if key is not None:
        with _SCANS_LOCK:  # the window reads files in a worker thread
            for k in (key, (*key[:-1], None)):  # a scan of every sheet answers for any selection
                if k in _SCANS:
                    _SCANS.move_to_end(k)
                    return _SCANS[k]
    _LOCAL.whole = None
    try:
        with bulk_work():  # its inflated parts, freed, are then reused by the read that follows
            book = _check_uncached(p, wanted)  # the key was taken first: a changed file misses
        whole, _LOCAL.whole = _LOCAL.whole, None
    finally:
        _LOCAL.whole = None
    if key is not None:
        with _SCANS_LOCK:
            global _KEPT
            _KEPT = (key[:2], *whole) if whole is not None else None
            _SCANS[key] = book
            while len(_SCANS) > _CACHE_SIZE:
                _SCANS.popitem(last=False)
    return book


_SCANS: OrderedDict[tuple, BookScan] = OrderedDict()  # only scans that passed
_SCANS_LOCK = threading.Lock()
_CACHE_SIZE = 8
KEEP_BYTES = 1 << 20  # a sheet part this big, inflated whole, is kept for the read that follows
_KEPT: tuple[tuple, str, bytearray | bytes] | None = None  # (file, part, XML) of the last scan
_LOCAL = threading.local()  # the part a scan in this thread inflated whole


def clear_cache() -> None:
    """Forget earlier scans (benchmarks measuring the guard itself, tests)."""
    global _KEPT
    with _SCANS_LOCK:
        _SCANS.clear()
        _KEPT = None


def take_inflated(path: Path | str, part: str) -> bytearray | bytes | None:
    """The XML of ``part`` as the last scan that passed inflated it (checked against its size
    and CRC), if that scan was of this file as it is now and kept it (a worksheet of at least
    ``KEEP_BYTES``, read whole): the read that follows a first scan need not inflate the sheet
    again. Handed over once: the memory is the caller's from then on."""
    global _KEPT
    key = _cache_key(Path(path), None)
    with _SCANS_LOCK:
        kept = _KEPT
        if kept is None or key is None or kept[0] != key[:2] or kept[1] != part:
            return None
        _KEPT = None
    return kept[2]


def _cache_key(p: Path, wanted: frozenset[str] | None) -> tuple | None:
    """The file's identity and every limit the verdict depends on: a rewrite changes ctime (which
    no program can set back), a replacement changes the inode, and a test lowering a limit
    must see the file checked again."""
    try:
        st = p.stat()
        where = str(p.resolve())
    except OSError:
        return None
    limits = (MAX_PART_BYTES, MAX_TOTAL_BYTES, MAX_SHARED_STRINGS_BYTES, MAX_RATIO, RATIO_FLOOR)
    limits += (MAX_AREA, MAX_CELLS, MAX_PARTS, MAX_SHARED_STRINGS, MAX_BAD_CELLS)
    ident = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
    return (where, ident, limits, wanted)


def _check_uncached(p: Path, wanted: frozenset[str] | None) -> BookScan:
    if not zipfile.is_zipfile(p):
        with p.open("rb") as fh:
            ole = fh.read(8) == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        if ole:  # legacy .xls
            from workbench.io.sheet_guard_xls import check_xls

            check_xls(p)
        return BookScan()
    try:
        with zipfile.ZipFile(p) as zf:
            infos = zf.infolist()
            _check_directory(infos)
            return _scan_parts(zf, infos, wanted)
    except SheetGuardError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, *deflate.ERRORS) as e:
        raise SheetGuardError(
            f"压缩包已损坏或不完整（{str(e)[:80]}）", f"the zip package is damaged ({str(e)[:80]})"
        ) from None
    except NotImplementedError as e:  # an unsupported compression method
        raise SheetGuardError(
            f"压缩方式不受支持（{str(e)[:80]}）", f"unsupported compression ({str(e)[:80]})"
        ) from None


def _mib(n: int) -> str:
    return f"{n / (1024 * 1024):,.0f} MiB"


def _check_directory(infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_PARTS:
        raise SheetGuardError(
            f"压缩包内文件过多（{len(infos):,} 个）",
            f"too many parts in the package ({len(infos):,})",
        )
    total = 0
    for i in infos:
        total += i.file_size
        limit = (
            MAX_SHARED_STRINGS_BYTES
            if i.filename.lower().endswith("sharedstrings.xml")
            else MAX_PART_BYTES
        )
        if i.file_size > limit:
            raise SheetGuardError(
                f"部件 {i.filename} 解压后过大（{_mib(i.file_size)}，上限 {_mib(limit)}）",
                f"part {i.filename} is too big uncompressed ({_mib(i.file_size)}; limit {_mib(limit)})",
            )
        if i.file_size > RATIO_FLOOR and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise SheetGuardError(
                f"部件 {i.filename} 压缩比异常（{i.file_size / max(i.compress_size, 1):,.0f} 倍），疑为压缩炸弹",
                f"part {i.filename} has an abnormal compression ratio "
                f"({i.file_size / max(i.compress_size, 1):,.0f}x), a likely zip bomb",
            )
    if total > MAX_TOTAL_BYTES:
        raise SheetGuardError(
            f"解压后总大小过大（{_mib(total)}，上限 {_mib(MAX_TOTAL_BYTES)}）",
            f"too big uncompressed ({_mib(total)}; limit {_mib(MAX_TOTAL_BYTES)})",
        )


def _scan_parts(
    zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], wanted: frozenset[str] | None
) -> BookScan:
    names, clean = _sheet_names(zf, infos)
    by_lower = {k.lower(): v for k, v in names.items()}
    if wanted is not None and not (clean and wanted <= set(names.values())):
        wanted = None  # names the guard cannot pin to parts the way calamine does: scan them all
    book = BookScan()
    for info in infos:
        low = info.filename.lower()
        if low.endswith(".bin") and (low.startswith("xl/worksheets/") or low in by_lower):
            raise SheetGuardError(
                "二进制工作簿（.xlsb）不受支持，请在 Excel 中另存为 .xlsx",
                "binary workbooks (.xlsb) are not supported; save it as .xlsx in Excel",
            )
        # a sheet is wherever the workbook's relationships say, not only under xl/worksheets
        if low in by_lower or (low.startswith("xl/worksheets/") and low.endswith(".xml")):
            if wanted is not None and low in by_lower and by_lower[low] not in wanted:
                continue  # not read by the caller (its sizes and ratio were checked above)
            scan = _scan_sheet(zf, info)
            book.sheets[by_lower.get(low, info.filename)] = scan
        elif low == "content.xml":  # OpenDocument: repeated rows/columns, bounded separately
            from workbench.io.sheet_guard_ods import scan_ods

            scan_ods(zf, info)
        elif not info.is_dir():
            _drain(zf, info, count=b"<si" if low.endswith("sharedstrings.xml") else None)
    return book


def _drain(zf: zipfile.ZipFile, info: zipfile.ZipInfo, count: bytes | None = None) -> None:
    """Read a part to its end: its actual size is bounded by the declared one and its CRC is
    checked. ``count``: refuse when this tag occurs too often (calamine keeps every shared
    string as an object, so millions of tiny ones cost far more than their bytes)."""
    n = 0
    with zf.open(info) as fh:
        tail = b""
        while data := fh.read(CHUNK):
            if count is not None:
                n += (tail + data[: len(count) - 1]).count(count) + data.count(count)
                tail = data[-(len(count) - 1) :]
                if n > MAX_SHARED_STRINGS:
                    raise SheetGuardError(
                        f"共享字符串过多（超过 {MAX_SHARED_STRINGS:,} 个）",
                        f"too many shared strings (over {MAX_SHARED_STRINGS:,})",
                    )


def _read_small(zf: zipfile.ZipFile, name: str, infos: list[zipfile.ZipInfo]) -> bytes:
    for i in infos:
        if i.filename == name and i.file_size <= 64 * 1024 * 1024:
            return zf.read(i)
    return b""


def _sheet_names(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> tuple[dict[str, str], bool]:
    """Worksheet part -> sheet name, from xl/workbook.xml and its relationships, and whether that
    mapping is unambiguous (every sheet found, no Id, target, name or part given twice): only
    then may a scan of some sheets trust that the others are the parts it skips."""
    wb = _read_small(zf, "xl/workbook.xml", infos)
    rels = _read_small(zf, "xl/_rels/workbook.xml.rels", infos)
    targets: dict[bytes, str] = {}
    clean = True
    for m in re.finditer(rb"<(?:\w+:)?Relationship\b([^>]*)>", rels):
        a = _attrs(m.group(1))
        rid, target = a.get(b"Id"), a.get(b"Target")
        if rid and target:
            t = target.decode("utf-8", "replace")
            t = t.lstrip("/") if t.startswith("/") else str(PurePosixPath("xl") / t)
            clean = clean and rid not in targets
            targets[rid] = _normpath(t)
    out = {}
    sheets = 0
    for m in re.finditer(rb"<(?:\w+:)?sheet\b([^>]*)>", wb):
        sheets += 1
        a = _attrs(m.group(1))
        name = a.get(b"name")
        rid = next((v for k, v in a.items() if k.endswith(b":id") or k == b"id"), None)
        if name is not None and rid in targets:
            out[targets[rid]] = html.unescape(name.decode("utf-8", "replace"))
    parts = {i.filename.lower() for i in infos}
    clean = clean and sheets == len(out) == len(set(out.values())) == len({k.lower() for k in out})
    return out, clean and len(parts) == len(infos)


def _normpath(p: str) -> str:
    parts: list[str] = []
    for seg in p.split("/"):
        if seg == "..":
            if parts:
                parts.pop()
        elif seg not in ("", "."):
            parts.append(seg)
    return "/".join(parts)


def _attrs(raw: bytes) -> dict[bytes, bytes]:
    return {
        (m.group(1) or m.group(3)): (m.group(2) or m.group(4) or b"") for m in _ATTR.finditer(raw)
    }


def chunks(zf: zipfile.ZipFile, info: zipfile.ZipInfo):
    """Complete-token pieces of a part's text: each piece ends before any token cut in two.
    A part of a few chunks comes whole, in one piece: no cutting, no copies."""
    if info.file_size <= 4 * CHUNK:
        with zf.open(info) as fh:
            whole = fh.read(info.file_size + 1)  # the +1 byte lets a lying size show as damage
        if whole:
            yield whole
        return
    carry = b""
    with zf.open(info) as fh:
        while True:
            data = fh.read(CHUNK)
            if not data:
                break
            buf = carry + data
            # cut before the last cell or row, so no cell straddles two pieces; else at a tag
            cut = max(buf.rfind(b"<c "), buf.rfind(b"<c>"), buf.rfind(b"<row"))
            if cut <= 0:
                cut = buf.rfind(b"<")
            if cut < 0:
                cut = len(buf)
            else:
                m = _OPEN_V_TAIL.search(buf, max(0, cut - 4096), cut)
                if m:
                    cut = m.start()
            yield buf[:cut]
            carry = buf[cut:]
            if len(carry) > 8 * CHUNK:  # no tag for MBs: text content, nothing to count in it
                carry = carry[-CHUNK:]
    if carry:
        yield carry


class _SheetState:
    """Position bookkeeping of the stream scan (cells without ``r`` follow the previous one)."""

    def __init__(self, scan: SheetScan) -> None:
        self.scan = scan
        self.row = 0
        self.col = 0
        self.cell: tuple[int, int] | None = None
        self.error = False
        self.formula = False
        self.value = False
        self.text_formula = False
        self.error_code = ""

    def open_row(self, attrs: bytes) -> None:
        """A row tag only says where its cells without a reference go (calamine uses it for
        nothing else): a row beyond Excel's grid is refused when a cell lies in it."""
        r = _attrs(attrs).get(b"r")
        self.row = int(r) if r and r.isdigit() else self.row + 1
        self.col = 0

    def open_cell(self, attrs: bytes, closed: bool) -> None:
        a = _attrs(attrs)
        ref = a.get(b"r")
        m = _REF.match(ref) if ref else None
        if m:
            self.col = _col_number(m.group(1))
            self.row = max(int(m.group(2)), 1) if self.row == 0 else int(m.group(2))
        else:
            self.col += 1
            self.row = max(self.row, 1)
        self._check_row()
        s = self.scan
        s.cells += 1
        s.rows = max(s.rows, self.row)
        s.cols = max(s.cols, self.col)
        if self.col > EXCEL_COLS:
            raise SheetGuardError(
                f"单元格超出 Excel 的列数上限（第 {self.col:,} 列）",
                f"a cell beyond Excel's last column (column {self.col:,})",
            )
        self.check_totals()
        self.cell = (self.row, self.col)
        self.error = a.get(b"t") == b"e"
        self.text_formula = a.get(b"t") == b"str"  # an empty <v></v> is a cached ""
        self.formula = self.value = False
        self.error_code = ""
        if closed:
            self.close_cell()

    def check_totals(self) -> None:
        s = self.scan
        if s.cols > EXCEL_COLS:
            raise SheetGuardError(
                f"单元格超出 Excel 的列数上限（第 {s.cols:,} 列）",
                f"a cell beyond Excel's last column (column {s.cols:,})",
            )
        if s.cells > MAX_CELLS:
            raise SheetGuardError(
                f"单元格过多（超过 {MAX_CELLS:,} 个）", f"too many cells (over {MAX_CELLS:,})"
            )
        if s.rows * s.cols > MAX_AREA:
            raise SheetGuardError(
                f"已用区域过大（{cell_name(1, 1)}:{cell_name(s.rows, s.cols)}，"
                f"{s.rows:,} 行 × {s.cols:,} 列，上限 {MAX_AREA:,} 个单元格）",
                f"used range too large (A1:{cell_name(s.rows, s.cols)}, {s.rows:,} rows x "
                f"{s.cols:,} columns; limit {MAX_AREA:,} cells)",
            )

    def _check_row(self) -> None:
        if self.row > EXCEL_ROWS:
            raise SheetGuardError(
                f"单元格超出 Excel 的行数上限（第 {self.row:,} 行）",
                f"a cell beyond Excel's last row (row {self.row:,})",
            )

    def close_cell(self) -> None:
        if self.cell is None:
            return
        code = ""
        if self.error:
            code = self.error_code or "#错误"
        elif self.formula and not self.value:
            code = UNCACHED
        if code:
            self.scan.bad_count += 1
            if len(self.scan.bad) < MAX_BAD_CELLS:
                self.scan.bad[self.cell] = code
        self.cell = None


_HIDDEN_ROW = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?row\b[^>]*?\bhidden\s*=\s*[\"'](?:1|true)[\"'][^>]*>"
)
_HIDDEN_COL = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?col\b[^>]*?\bhidden\s*=\s*[\"'](?:1|true)[\"'][^>]*>"
)
_ROW_NO = re.compile(rb"\br\s*=\s*[\"'](\d{1,7})[\"']")
_MIN_MAX = re.compile(rb"\b(min|max)\s*=\s*[\"'](\d{1,5})[\"']")


_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row\b([^>]*)>")
_HIDDEN_ATTR = re.compile(rb"\bhidden\s*=\s*[\"'](?:1|true)[\"']")


def _hidden(piece: bytes | bytearray, scan: SheetScan, whole: bool = False) -> None:
    """Hidden rows and columns of a piece of a sheet's XML. One search hopping between the
    few ``h`` bytes (``byte_search``) when nothing is hidden, the usual case; the tags are matched only in a piece that says
    ``hidden``. A row tag without its number is not placed (left visible); a column range is
    kept to Excel's grid."""
    if find_by(piece, b"hidden", 0) < 0:
        return
    unplaced = False
    for m in _HIDDEN_ROW.finditer(piece):
        r = _ROW_NO.search(m.group(0))
        if r is not None:
            scan.hidden_rows.add(int(r.group(1)))
        else:
            unplaced = True
    if unplaced and whole:
        # a row tag without its number is the one after the row before it (as calamine places
        # it): count the row tags of the part, only in a sheet that hides such a row
        n = 0
        for m in _ROW_TAG.finditer(piece):
            r = _ROW_NO.search(m.group(1))
            n = int(r.group(1)) if r is not None else n + 1
            if _HIDDEN_ATTR.search(m.group(1)):
                scan.hidden_rows.add(n)
    spans = []
    for m in _HIDDEN_COL.finditer(piece):
        a = {k: int(v) for k, v in _MIN_MAX.findall(m.group(0))}
        lo = a.get(b"min", 0)
        hi = min(a.get(b"max", lo), EXCEL_COLS, lo + 1024)  # a styled range to the last column
        spans.append((max(lo, 1), hi))
    # merged before they are spelled out: a forged sheet repeating wide hidden ranges costs a
    # sort, not a set update per column per tag
    end = 0
    for lo, hi in sorted(spans):
        if hi > end:
            scan.hidden_cols.update(range(max(lo, end + 1), hi + 1))
            end = hi


def _scan_sheet(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> SheetScan:
    """Each piece goes to the C-speed path first; the token scan reads only the pieces that
    path cannot vouch for (errors, formulas without results, cells without references...)."""
    from workbench.io.sheet_guard_fast import (
        QUICK_BYTES,
        fast_piece,
        inflate,
        quick_sheet,
        read_dimension,
    )

    scan = SheetScan(info.filename, size=info.file_size)
    st = _SheetState(scan)
    whole = None
    if QUICK_BYTES <= info.file_size <= 4 * CHUNK:  # read whole: the quick verdict first
        whole = inflate(zf, info)
        whole = next(iter(chunks(zf, info)), b"") if whole is None else whole
        read_dimension(whole, scan)
        _hidden(whole, scan, whole=True)
        if len(whole) >= KEEP_BYTES:
            _LOCAL.whole = (info.filename, whole)  # the last one kept (``take_inflated``)
        if quick_sheet(whole, scan):
            return scan  # vouched for by bounds
    first = whole is None
    for piece in [bytes(whole)] if whole is not None else chunks(zf, info):
        if first:
            read_dimension(piece, scan)
            first = False
        if whole is None:  # (a whole part was looked at above)
            _hidden(piece, scan, whole=info.file_size <= 4 * CHUNK)  # one piece: the whole part
        if st.cell is None and fast_piece(piece, st):
            continue
        for m in _TOKEN.finditer(piece):
            if m.group(1) is not None:
                if st.cell is not None:
                    st.value = bool(m.group(1).strip()) or st.text_formula
                    if st.error:
                        st.error_code = m.group(1).decode("utf-8", "replace").strip()[:20]
            elif m.group(5):
                st.close_cell()
            else:
                tag, attrs, closed = m.group(2), m.group(3), bool(m.group(4))
                if tag == b"c":
                    st.close_cell()
                    st.open_cell(attrs, closed)
                elif tag == b"row":
                    st.close_cell()
                    st.open_row(attrs)
                elif tag == b"f" and st.cell is not None:
                    st.formula = True
                elif tag == b"v" and closed and st.cell is not None:
                    st.value = st.text_formula
    st.close_cell()
    return scan
