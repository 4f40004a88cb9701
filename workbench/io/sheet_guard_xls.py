"""The legacy-Excel half of ``sheet_guard``: bounds of an ``.xls`` (BIFF5/8 in an OLE2 compound
file) before calamine reads it.

calamine sizes a sheet from its DIMENSIONS record and its cells' row/column fields; a 6 KB xls whose
record says 65,536 rows x 65,535 columns (or one cell at that position) makes it ask for tens of GB
and abort the process. This module reads the compound file's sector tables, takes the Workbook
stream, and walks its BIFF records — a few bytes per record, no cell values decoded.
"""

from __future__ import annotations

import struct
from pathlib import Path

from workbench.io.sheet_guard import MAX_AREA, MAX_CELLS, SheetGuardError

_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END = 0xFFFFFFFE
_FREE = 0xFFFFFFFF
# BIFF cell records: (row u16, col u16) first; MULRK/MULBLANK end with their last column.
_CELLS = {0x0006, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x00D6, 0x0406, 0x0206}
_MULTI = {0x00BD, 0x00BE}
_DIMENSIONS = 0x0200
_BOF, _EOF = 0x0809, 0x000A
MAX_FILE = 256 * 1024 * 1024


def _damaged(what: str) -> SheetGuardError:
    return SheetGuardError(
        f"xls 文件结构已损坏（{what}）", f"the xls file structure is damaged ({what})"
    )


class _Compound:
    """Just enough of the OLE2 compound file format to read one stream."""

    def __init__(self, data: bytes) -> None:
        if len(data) < 512 or not data.startswith(_SIGNATURE):
            raise _damaged("header")
        self.data = data
        shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
        if not 7 <= shift <= 16 or not 2 <= mini_shift < shift:
            raise _damaged("sector size")
        self.size = 1 << shift
        self.mini = 1 << mini_shift
        n_fat, self.dir_start = struct.unpack_from("<II", data, 0x2C)
        self.cutoff, mini_fat_start, _n_mini, difat_start, n_difat = struct.unpack_from(
            "<IIIII", data, 0x38
        )
        fat_sectors = [s for s in struct.unpack_from("<109I", data, 0x4C) if s < _END]
        sector, seen = difat_start, 0
        while sector < _END and seen <= n_difat:
            ids = struct.unpack_from(f"<{self.size // 4}I", self._sector(sector))
            fat_sectors += [s for s in ids[:-1] if s < _END]
            sector, seen = ids[-1], seen + 1
        self.fat: list[int] = []
        for s in fat_sectors[: max(n_fat, 1)]:
            self.fat += struct.unpack_from(f"<{self.size // 4}I", self._sector(s))
        self.mini_fat_start = mini_fat_start

    def _sector(self, n: int) -> bytes:
        start = (n + 1) * self.size
        if start >= len(self.data):
            raise _damaged(f"sector {n}")
        return self.data[start : start + self.size]

    def _chain(self, start: int, table: list[int]) -> list[int]:
        out, cur = [], start
        while cur < _END:
            if cur >= len(table) or len(out) > len(table):
                raise _damaged("sector chain")
            out.append(cur)
            cur = table[cur]
        return out

    def _read(self, start: int, size: int | None = None) -> bytes:
        data = b"".join(self._sector(s) for s in self._chain(start, self.fat))
        return data if size is None else data[:size]

    def stream(self, names: tuple[str, ...]) -> bytes | None:
        directory = self._read(self.dir_start)
        entries = []
        for off in range(0, len(directory) - 127, 128):
            e = directory[off : off + 128]
            n = min(struct.unpack_from("<H", e, 64)[0], 64)
            name = e[: max(n - 2, 0)].decode("utf-16-le", "replace")
            kind = e[66]
            start, size = struct.unpack_from("<II", e, 116)
            entries.append((name, kind, start, size))
        if not entries:
            raise _damaged("directory")
        for name, kind, start, size in entries:
            if kind == 2 and name in names:
                if size < self.cutoff:
                    return self._mini_read(entries[0], start, size)
                return self._read(start, size)
        return None

    def _mini_read(self, root: tuple, start: int, size: int) -> bytes:
        mini_stream = self._read(root[2], root[3])
        raw = self._read(self.mini_fat_start) if self.mini_fat_start < _END else b""
        mini_fat = list(struct.unpack(f"<{len(raw) // 4}I", raw[: len(raw) // 4 * 4]))
        chain = self._chain(start, mini_fat)
        return b"".join(mini_stream[s * self.mini : (s + 1) * self.mini] for s in chain)[:size]


def check_xls(path: Path) -> None:
    """Refuse an xls whose declared or actual sheet extent would make calamine allocate too much."""
    data = path.read_bytes()[: MAX_FILE + 1]
    if len(data) > MAX_FILE:
        raise SheetGuardError("文件过大", "file too large")
    stream = workbook_stream(data)
    if stream is not None:
        _check_biff(stream)


def workbook_stream(data: bytes) -> bytes | None:
    """The workbook stream (BIFF8 ``Workbook``, BIFF5 ``Book``) of an OLE2 compound file's
    bytes, None when it has none; SheetGuardError when the container is damaged. Shared with
    ``stats_import.xls_formats``, which reads the formats calamine does not report."""
    try:
        return _Compound(data).stream(("Workbook", "Book"))
    except (struct.error, IndexError, ValueError) as e:
        raise _damaged(str(e)[:60]) from None


def _check_biff(stream: bytes) -> None:
    pos, n = 0, len(stream)
    rows = cols = cells = 0
    sheet = 0
    while pos + 4 <= n:
        rtype, length = struct.unpack_from("<HH", stream, pos)
        body = pos + 4
        pos = body + length
        if rtype == _BOF:  # the first substream is the workbook's globals, then one per sheet
            sheet += 1
            rows = cols = cells = 0
        elif rtype == _DIMENSIONS and length >= 14:
            last_row, _, last_col = struct.unpack_from("<IHH", stream, body + 4)
            _bound(sheet, last_row, last_col, "声明的区域", "declared range")
        elif rtype == _DIMENSIONS and length >= 10:  # BIFF5: 16-bit rows
            last_row, _, last_col = struct.unpack_from("<HHH", stream, body + 2)
            _bound(sheet, last_row, last_col, "声明的区域", "declared range")
        elif (rtype in _CELLS or rtype in _MULTI) and length >= 4 and body + length <= n:
            row, col = struct.unpack_from("<HH", stream, body)
            if rtype in _MULTI and length >= 6:
                col = max(col, struct.unpack_from("<H", stream, body + length - 2)[0])
                cells += max(0, (length - 6) // (6 if rtype == 0x00BD else 2))
            else:
                cells += 1
            rows, cols = max(rows, row + 1), max(cols, col + 1)
            _bound(sheet, rows, cols, "已用区域", "used range")
            if cells > MAX_CELLS:
                raise SheetGuardError(
                    f"第 {max(sheet - 1, 1)} 个工作表单元格过多（超过 {MAX_CELLS:,} 个）",
                    f"sheet {max(sheet - 1, 1)} has too many cells (over {MAX_CELLS:,})",
                )


def _bound(substream: int, rows: int, cols: int, zh: str, en: str) -> None:
    sheet = max(substream - 1, 1)
    if rows * cols > MAX_AREA:
        raise SheetGuardError(
            f"第 {sheet} 个工作表{zh}过大（{rows:,} 行 × {cols:,} 列，上限 {MAX_AREA:,} 个单元格）",
            f"sheet {sheet}: {en} too large ({rows:,} rows x {cols:,} columns; limit {MAX_AREA:,} cells)",
        )
