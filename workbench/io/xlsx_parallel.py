"""One big xlsx worksheet parsed by python-calamine on several threads at once.

calamine parses a sheet on one core (with the GIL released) and that parse is most of a first
read: ~45 ms of a 100,000-cell sheet, which a planner's 4- or 8-core PC could share out. The
sheet's XML is cut between rows into N runs of rows; each run is wrapped in the sheet's own
header and footer, stored (not compressed) in a small in-memory workbook beside the file's
workbook, styles and shared-strings parts, and parsed by calamine on its own thread. The runs'
rows are then put back in place. The result is the grid the one-thread read returns: cells are
placed by their references, or else by their row's ``r`` and their order within the row, and a
cut is made only just before a ``<row r="N">`` that follows a ``</row>``, where calamine's
position state is the same whichever way it got there.

A sheet not written that way is read on one thread, as before: markup that could hide a row tag
(comments, CDATA, processing instructions, a doctype), namespace prefixes, another encoding, a
part too small to be worth it or too big to hold twice, a package that is not plain zip, or a
run calamine refuses (the one-thread read then meets the error and reports it). Rows in
descending order, which Excel refuses to open, are not checked for inside a run: there
calamine's own read drops cells in either path.
"""

from __future__ import annotations

import io
import os
import re
import struct
import threading
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import python_calamine as calamine

from workbench.io.bulk_work import bulk_work
from workbench.io.byte_search import find_by
from workbench.io.deflate import crc32
from workbench.io.sheet_guard_fast import inflate, stored_bytes

MIN_PART_BYTES = 1 << 20  # smaller sheets parse in ~10 ms: threads and copies would not pay
MAX_PART_BYTES = 64 << 20  # a sheet's XML is held in memory about three times over
MAX_WORKERS = 4  # beyond this the copies and per-run workbook openings outweigh the gain
_OTHER_BYTES = 1.0  # other parts re-read by every run: at most this share of the sheet's size

# parts a run's workbook leaves out: other sheets, and what calamine never reads for cell values
_LEFT_OUT = (
    "xl/worksheets/",
    "xl/chartsheets/",
    "xl/dialogsheets/",
    "xl/macrosheets/",
    "xl/theme/",
    "xl/drawings/",
    "xl/charts/",
    "xl/media/",
    "xl/pivotcache/",
    "xl/pivottables/",
    "xl/externallinks/",
    "xl/printersettings/",
    "docprops/",
    "customxml/",
)
_SHEET_DATA = re.compile(rb"<sheetData(?:\s[^>]*)?>")
_ROW_CUT = re.compile(rb'</row>\s*<row r="[1-9]\d{0,6}"(?:\s[^>]*[^/>]|\s*)>')
_ROOT = re.compile(rb"<([A-Za-z_][\w.:-]*)[\s>/]")


@dataclass
class ParallelSheet:
    """A sheet's rows (``to_python(skip_empty_area=False)``'s shape: from A1, every row as wide
    as the widest) and merged ranges, as the one-thread read returns them."""

    rows: list[list[Any]]
    merged: list[Any]
    runs: int

    @property
    def end(self) -> tuple[int, int] | None:
        """The last cell (row, column), 0-based, as calamine's sheet says it (None: empty)."""
        return (len(self.rows) - 1, len(self.rows[0]) - 1) if self.rows else None


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # Windows, macOS
        return os.cpu_count() or 1


def cut_points(xml: bytes | bytearray | memoryview, runs: int) -> tuple[int, int, list[int]] | None:
    """(start of the rows, end of the rows, cuts between runs) of a worksheet part, or None
    when it cannot be cut safely (see the module's docstring) or holds too few rows."""
    if _hidden_markup(xml):
        return None
    head = _SHEET_DATA.search(xml)
    if head is None or xml.find(b":sheetData", 0, head.start()) >= 0:
        return None  # none, or a prefixed one first (calamine would read that one)
    start = head.end()
    end = find_by(xml, b"</sheetData>", 3, start)  # hops between the few "h" of a sheet
    if end < 0:
        return None
    cuts = []
    span = end - start
    for k in range(1, runs):
        m = _ROW_CUT.search(xml, start + span * k // runs, end)
        if m is None:
            break
        at = m.start() + len(b"</row>")
        while xml[at : at + 1] != b"<":
            at += 1
        if cuts and at <= cuts[-1]:
            continue
        cuts.append(at)
    if not cuts:
        return None
    return start, end, cuts


def _hidden_markup(xml: bytes | bytearray) -> bool:
    """Whether the part holds a comment, CDATA, a doctype or a processing instruction (past
    the XML declaration), where a row tag could sit without being one. Single bytes are
    searched first (memchr: 0.05 ms for 4 MB) and two-byte needles only when those occur: a
    search for ``<!`` stops at every ``<`` and took 3.7 ms."""
    decl = xml.find(b"?>", 0, 256) + 2 if xml.find(b"<?", 0, 8) >= 0 else 0
    if xml.find(b"!") >= 0 and xml.find(b"<!") >= 0:
        return True
    return xml.find(b"?", decl) >= 0 and xml.find(b"<?", decl) >= 0


def _root_close(header: bytes) -> bytes:
    """The closing tag of the part's root element (``</worksheet>`` or a prefixed one)."""
    m = _ROOT.search(header)  # the declaration's "<?" does not match
    return b"</" + m.group(1) + b">" if m else b"</worksheet>"


class _Zip:
    """A minimal zip writer: stored entries made here and entries copied compressed as they
    are (no inflating, no recompressing). No zip64: callers keep every size below 4 GB."""

    def __init__(self) -> None:
        self.pieces: list[bytes | memoryview] = []
        self.central: list[bytes] = []
        self.offset = 0

    def add(
        self,
        name: str,
        pieces: Sequence[bytes | memoryview],
        method: int,
        crc: int,
        csize: int,
        usize: int,
    ) -> None:
        raw = name.encode("utf-8")
        flags = 0x800 if not raw.isascii() else 0
        local = struct.pack(
            "<4s5H3L2H", b"PK\x03\x04", 20, flags, method, 0, 0x21, crc, csize, usize, len(raw), 0
        )
        self.central.append(
            struct.pack(
                "<4s6H3L5H2L",
                b"PK\x01\x02",
                20,
                20,
                flags,
                method,
                0,
                0x21,
                crc,
                csize,
                usize,
                len(raw),
                0,
                0,
                0,
                0,
                0,
                self.offset,
            )
            + raw
        )
        self.pieces += [local, raw, *pieces]
        self.offset += len(local) + len(raw) + csize

    def finish(self) -> list[bytes | memoryview]:
        cd = b"".join(self.central)
        end = struct.pack(
            "<4s4H2LH", b"PK\x05\x06", 0, 0, len(self.central), len(self.central), len(cd),
            self.offset, 0,
        )  # fmt: skip
        return [*self.pieces, cd, end]


def _book_for_run(
    others: list[tuple[zipfile.ZipInfo, bytes]],
    part: str,
    pieces: Sequence[bytes | memoryview],
) -> list[bytes | memoryview]:
    """The run's workbook as pieces to write one after another (no joined copy)."""
    crc = size = 0
    for p in pieces:
        crc = crc32(p, crc)  # releases the GIL for large pieces: runs overlap here too
        size += len(p)
    z = _Zip()
    for info, raw in others:
        z.add(info.filename, [raw], info.compress_type, info.CRC, len(raw), info.file_size)
    z.add(part, pieces, zipfile.ZIP_STORED, crc, size, size)
    return z.finish()


def _open_run(book: list[bytes | memoryview]) -> Any:
    """calamine's workbook over the run's pieces. On Linux they are written into an anonymous
    in-memory file that calamine opens by path and reads through its own small buffer: handed
    over as a Python file object instead, calamine copied the run into a growing buffer through
    Python calls, each taking the GIL (while the prefetch thread held it, a run waited ~10 ms
    to open) and each copy touching fresh pages (~2,000 more page faults per read)."""
    fd = _memfd()
    if fd is None:
        return calamine.CalamineWorkbook.from_filelike(io.BytesIO(b"".join(book)))
    try:
        pending = [memoryview(b).cast("B") for b in book]
        while pending:
            done = os.writev(fd, pending[:256])
            if done <= 0:
                raise OSError("the in-memory file took no bytes")
            while pending and done >= len(pending[0]):
                done -= len(pending[0])
                pending.pop(0)
            if done:
                pending[0] = pending[0][done:]
        return calamine.CalamineWorkbook.from_path(f"/proc/self/fd/{fd}")
    finally:
        os.close(fd)  # calamine has opened its own descriptor; the memory goes with it


def _memfd() -> int | None:
    """An anonymous in-memory file, or None where there is none (not Linux, or a sandbox that
    refuses the call: the run is then handed over as a file object)."""
    if not _MEMFD:
        return None
    try:
        return os.memfd_create("xlsx-run", os.MFD_CLOEXEC)
    except OSError:
        return None


_MEMFD = hasattr(os, "memfd_create") and os.path.isdir("/proc/self/fd")


def _parse_run(
    book: list[bytes | memoryview], sheet: str, last: bool, begin: Callable[[], None] | None = None
) -> tuple[Any, list[list[Any]], list[Any] | None]:
    wb = _open_run(book)
    if begin is not None:
        begin()  # the runs are open: what remains of the parse does not need the GIL
    ws = wb.get_sheet_by_name(sheet)
    rows = ws.to_python(skip_empty_area=True)
    return ws, rows, (ws.merged_cell_ranges if last else None)


def read_sheet(
    path: Path,
    sheet: str,
    part: str,
    xml: bytes | bytearray | None = None,
    runs: int | None = None,
    begin: Callable[[], None] | None = None,
) -> ParallelSheet | None:
    """The sheet stored in ``part`` of the xlsx at ``path``, parsed on ``runs`` threads (default:
    the usable cores, at most ``MAX_WORKERS``, at least half a MiB each), or None when it is
    not worth it or not safe (the caller then reads it on one thread). ``sheet``: its name in
    the workbook. ``xml``: the part already inflated (the size guard's), else it is read here.
    ``begin()``: called once the runs are open and parsing (the rest needs no GIL), so work
    the caller does meanwhile starts then, not while the sheet is being cut."""
    runs = min(MAX_WORKERS, usable_cores()) if runs is None else runs
    if runs < 2:
        return None
    try:
        return _read(path, sheet, part, xml, runs, begin)
    except Exception:  # a slip here costs speed, never the read: one thread reads it
        return None


def _read(
    path: Path,
    sheet: str,
    part: str,
    xml: bytes | bytearray | None,
    runs: int,
    begin: Callable[[], None] | None,
) -> ParallelSheet | None:
    """``read_sheet`` without its net: a damaged or odd package raises here, and the caller
    leaves it to the one-thread read, which meets the same problem and reports it."""
    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
        info = next((i for i in infos if i.filename == part), None)
        if info is None or not MIN_PART_BYTES <= info.file_size <= MAX_PART_BYTES:
            return None
        runs = min(runs, info.file_size // (MIN_PART_BYTES // 2))
        if any(i.flag_bits & 0x1 for i in infos):
            return None  # encrypted entries
        keep = [
            i
            for i in infos
            if i.filename != part
            and i.filename.lower().endswith((".xml", ".rels"))
            and not i.filename.lower().startswith(_LEFT_OUT)
        ]
        if sum(i.file_size for i in keep) > _OTHER_BYTES * info.file_size:
            return None
        if xml is None or len(xml) != info.file_size:
            xml = inflate(zf, info)
            xml = zf.read(info) if xml is None else xml
        where = cut_points(xml, runs)
        if where is None or zf.fp is None:
            return None
        others = [(i, stored_bytes(zf.fp, i)) for i in keep]
    return _parse_runs(xml, sheet, part, others, *where, begin=begin)


def _parse_runs(
    xml: bytes | bytearray,
    sheet: str,
    part: str,
    others: list[tuple[zipfile.ZipInfo, bytes]],
    start: int,
    end: int,
    cuts: list[int],
    begin: Callable[[], None] | None = None,
) -> ParallelSheet | None:
    view = memoryview(xml)
    header = bytes(view[:start])
    short_footer = b"</sheetData>" + _root_close(header)
    bounds = [start, *cuts, end]
    n = len(bounds) - 1
    results: list[Any] = [None] * n

    def run(k: int) -> None:
        last = k == n - 1
        pieces = [header, view[bounds[k] : bounds[k + 1]], view[end:] if last else short_footer]
        try:
            book = _book_for_run(others, part, pieces)
            results[k] = _parse_run(book, sheet, last, begin if last else None)
        except BaseException as e:  # a Rust panic is a BaseException: the one-thread read reports
            results[k] = e

    threads = [threading.Thread(target=run, args=(k,), name=f"xlsx-run-{k}") for k in range(n - 1)]
    with bulk_work():  # among others: the runs take the GIL at once when they need it
        for t in threads:
            t.start()
        run(n - 1)  # the last run (with the real footer: merged ranges) on this thread
        for t in threads:
            t.join()
    view.release()
    for r in results:
        if isinstance(r, KeyboardInterrupt | SystemExit):
            raise r
        if not isinstance(r, tuple):
            return None
    return _assemble(results)


def _assemble(results: list[Any]) -> ParallelSheet | None:
    """The runs' rows put back in place, shaped as the one-thread read shapes them."""
    spans = []
    width = 0
    for ws, rows, _ in results:
        start, end = ws.start, ws.end
        if start is None or end is None or not rows:
            continue
        spans.append((start, end, rows))
        width = max(width, end[1] + 1)
    out: list[list[Any]] = []
    for (r0, c0), (_, c1), rows in spans:
        if r0 < len(out):
            return None  # runs overlap: rows out of order; read on one thread
        out.extend([""] * width for _ in range(r0 - len(out)))
        pad = [""] * (width - c1 - 1)
        if c0 or pad:
            lead = [""] * c0
            rows = [lead + row + pad for row in rows]
        out.extend(rows)
    merged = results[-1][2]
    return ParallelSheet(out, list(merged) if merged is not None else [], len(results))
