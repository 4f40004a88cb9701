"""Legacy .xls fixtures for the cell formats read from BIFF records (``xls_formats``).

    python tests/data/stats/make_fixtures_xls.py

``xls_formats.xls`` is made the way bureaus' files are: an .xlsx written with openpyxl, saved as
Excel 97–2003 (BIFF8) by LibreOffice, which writes the FORMAT, XF, ROW and COLINFO records as
Excel does (needs ``soffice``; the tests read the committed file and never run it).

What LibreOffice cannot write is built record by record (``hand_made``): a custom format whose %
is quoted (``0.0"%"``: LibreOffice rewrites it as ``0.0\\%``), its string split across a CONTINUE
record, and an Excel 95 (BIFF5) workbook in GBK (LibreOffice no longer writes BIFF5) — both in
a minimal OLE2 container of one stream, as Excel lays them out.

All numbers are SYNTHETIC (made up for the tests, said in each file). The lists below are the
truth tables the tests check every imported value against.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment

HERE = Path(__file__).resolve().parent

# xls_formats.xls, sheet "2022" (the table starts at B2, not A1): printed name, Excel indent,
# code, GDP 亿元, growth as stored (a fraction formatted 0.0%), urbanisation as stored (a
# fraction formatted 0.00%, built-in format 10). Cities are the sums of their districts.
ROWS_2022 = [
    ("自贡市", 0, "510300", 1680.0, 0.058, 0.5705),
    ("乐山市", 0, "511100", 1000.0, 0.061, 0.5312),
    ("市中区", 1, "511102", 400.0, 0.055, 0.7012),
    ("沙湾区", 1, "511111", 600.0, 0.065, 0.4511),
    ("内江市", 0, "511000", 800.0, 0.049, 0.5001),
    ("市中区", 1, "511002", 300.0, 0.052, 0.6123),
    ("东兴区", 1, "511011", 500.0, 0.047, 0.4402),
]
# a superseded 自贡市 line the bureau hid (sheet row 8, between 乐山市's districts and 内江市),
# and a helper column (E) it hid
HIDDEN_ROW = ("自贡市", 0, "510300", 9999.0, 0.999, 0.999)
HIDDEN_SHEET_ROW, HIDDEN_SHEET_COL = 8, "E"

# sheet "2021": growth typed as printed (8.6 under 增速（%）, no percent format), one of them a
# plain 0.061 that must stay 0.061 %; GDP formatted with a quoted "%" (`0.0"%"` shows 1680.0%
# but does not scale) and an escaped one (`0.0\%`)
ROWS_2021 = [
    ("自贡市", "510300", 1600.0, 8.6),
    ("乐山市", "511100", 950.0, 0.061),
    ("内江市", "511000", 760.0, 7.9),
]
QUOTED_PERCENT, ESCAPED_PERCENT = '0.0"%"', "0.0\\%"


def book() -> openpyxl.Workbook:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2022"
    ws["B2"] = "2022年各市（州）主要指标（合成数据，仅供测试）"
    header = ["地区", "地区生产总值（亿元）", "增速（%）", "辅助列", "城镇化率（%）"]
    for j, text in enumerate(header):
        ws.cell(3, 2 + j, text)
    lines = [*ROWS_2022[:4], HIDDEN_ROW, *ROWS_2022[4:]]
    for i, (name, indent, _code, gdp, growth, urban) in enumerate(lines):
        r = 4 + i
        ws.cell(r, 2, name).alignment = Alignment(indent=indent)
        ws.cell(r, 3, gdp)
        ws.cell(r, 4, growth).number_format = "0.0%"
        ws.cell(r, 5, i + 1)
        ws.cell(r, 6, urban).number_format = "0.00%"
    ws.row_dimensions[HIDDEN_SHEET_ROW].hidden = True
    ws.column_dimensions[HIDDEN_SHEET_COL].hidden = True
    ws.cell(4 + len(lines), 2, "注：本表数据为合成数据。")

    ws = wb.create_sheet("2021")
    ws.append(["2021年各市（州）地区生产总值（合成数据，仅供测试）"])
    ws.append(["地区", "地区生产总值（亿元）", "增速（%）"])
    for i, (name, _code, gdp, growth) in enumerate(ROWS_2021):
        ws.append([name, gdp, growth])
        ws.cell(3 + i, 2).number_format = QUOTED_PERCENT if i % 2 == 0 else ESCAPED_PERCENT
    return wb


def main() -> None:
    hand_made()
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit("soffice not found: xls_formats.xls was not regenerated")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "xls_formats.xlsx"
        book().save(src)
        profile = f"-env:UserInstallation=file://{tmp}/profile"  # not the user's own profile
        out = Path(tmp) / "out"
        subprocess.run(
            [soffice, profile, "--headless", "--convert-to", "xls", "--outdir", str(out), str(src)],
            check=True,
            capture_output=True,
            timeout=180,
        )
        shutil.copy(out / "xls_formats.xls", HERE / "xls_formats.xls")


# ------------------------------------------------------------------------ built by hand

# xls_hand_biff8.xls / xls_hand_biff5.xls, sheet "2022" (table from A1): printed name, indent,
# code, GDP 亿元, growth as stored and its format, urbanisation as stored (built-in 0.00%).
# 绵阳市's growth is typed as 5.6 under the format 0.0"%" (shows 5.6%, not scaled); the
# others are fractions under 0.0%. Row 6 (a superseded 绵阳市 line) and column D are hidden.
HAND_ROWS = [
    ("德阳市", 0, "510600", 2816, 0.058, "pct", 0.562),
    ("旌阳区", 2, "510603", 1000, 0.061, "pct", 0.7),
    ("罗江区", 2, "510604", 1816, 0.052, "pct", 0.48),
    ("绵阳市", 0, "510700", 3626, 5.6, "quoted", 0.5512),
]
HAND_HIDDEN = ("绵阳市", 0, "510700", 9999, 0.999, "pct", 0.999)
HAND_HIDDEN_ROW, HAND_HIDDEN_COL = 6, "D"
_QUOTED_FMT = '0.0"%"'
# XF indices: 0 General, 1 quoted %, 2 0.0%, 3 built-in 0.00% (10), 4 General indented 2
_XF_GENERAL, _XF_QUOTED, _XF_PCT, _XF_PCT10, _XF_INDENT = range(5)


def _rec(rtype: int, body: bytes) -> bytes:
    return struct.pack("<HH", rtype, len(body)) + body


def _text8(text: str, biff8: bool, lenlen: int) -> bytes:
    """BIFF8: XLUnicodeString (length, flags 1 = UTF-16, characters); BIFF5: GBK bytes."""
    if biff8:
        return struct.pack("<HB" if lenlen == 2 else "<BB", len(text), 1) + text.encode("utf-16-le")
    raw = text.encode("gbk")
    return struct.pack("<H" if lenlen == 2 else "<B", len(raw)) + raw


def _workbook_stream(biff8: bool) -> bytes:
    version = 0x0600 if biff8 else 0x0500

    def bof(kind: int) -> bytes:  # BIFF8: version, kind, build, year, history, lowest version
        if biff8:
            return _rec(0x0809, struct.pack("<HHHHII", version, kind, 0x0DBB, 0x07CC, 0, 6))
        return _rec(0x0809, struct.pack("<HHHH", version, kind, 0x0DBB, 0x07CC))

    g = bof(0x0005) + _rec(0x0042, struct.pack("<H", 1200 if biff8 else 936))
    if biff8:  # the quoted-% format with its string split across a CONTINUE record
        g += _rec(0x041E, struct.pack("<HHB", 164, len(_QUOTED_FMT), 0) + _QUOTED_FMT[:3].encode())
        g += _rec(0x003C, b"\x00" + _QUOTED_FMT[3:].encode())
        g += _rec(0x041E, struct.pack("<H", 165) + _text8("0.0%", True, 2))
    else:
        g += _rec(0x041E, struct.pack("<H", 164) + _text8(_QUOTED_FMT, False, 1))
        g += _rec(0x041E, struct.pack("<H", 165) + _text8("0.0%", False, 1))
    for ifmt, indent in ((0, 0), (164, 0), (165, 0), (10, 0), (0, 2)):
        if biff8:
            g += _rec(0x00E0, struct.pack("<HHHBBBB", 0, ifmt, 1, 0x20, 0, indent, 0) + bytes(10))
        else:  # BIFF5 has no indent: the indented XF is a plain one there
            g += _rec(0x00E0, struct.pack("<HHHH", 0, ifmt, 1, 0x20) + bytes(8))
    sheet_name = "2022"
    boundsheet_at = len(g)
    g += _rec(0x0085, struct.pack("<IBB", 0, 0, 0) + _text8(sheet_name, biff8, 1))
    g += _rec(0x000A, b"")

    lines = [*HAND_ROWS[:3], HAND_HIDDEN, *HAND_ROWS[3:]]
    n_rows = 2 + len(lines)
    s = bof(0x0010)
    index_at = len(s)  # INDEX: where the row block's DBCELL is (set below), as Excel writes it
    if biff8:
        s += _rec(0x020B, struct.pack("<IIIII", 0, 0, n_rows, 0, 0))
    else:
        s += _rec(0x020B, struct.pack("<IHHII", 0, 0, n_rows, 0, 0))
    if biff8:
        s += _rec(0x0200, struct.pack("<IIHHH", 0, n_rows, 0, 5, 0))
    else:
        s += _rec(0x0200, struct.pack("<HHHHH", 0, n_rows, 0, 5, 0))
    hidden_col = ord(HAND_HIDDEN_COL) - 65
    s += _rec(0x007D, struct.pack("<6H", hidden_col, hidden_col, 2560, 0, 0x0001, 0))
    first_row_at = len(s)
    for r in range(n_rows):  # ROW records before the cells, the hidden one flagged fDyZero
        flags = 0x0120 if r + 1 == HAND_HIDDEN_ROW else 0x0100
        s += _rec(0x0208, struct.pack("<HHHHHHI", r, 0, 5, 300, 0, 0, flags | (15 << 16)))

    def label(r: int, c: int, text: str, xf: int = _XF_GENERAL) -> bytes:
        return _rec(0x0204, struct.pack("<HHH", r, c, xf) + _text8(text, biff8, 2))

    def number(r: int, c: int, v: float, xf: int) -> bytes:
        return _rec(0x0203, struct.pack("<HHHd", r, c, xf, v))

    s += label(0, 0, "2022年各市地区生产总值（合成数据，仅供测试）")
    for c, text in enumerate(
        ["地区", "地区生产总值（亿元）", "增速（%）", "辅助列", "城镇化率（%）"]
    ):
        s += label(1, c, text)
    for i, (name, indent, _code, gdp, growth, kind, urban) in enumerate(lines):
        r = 2 + i
        s += label(r, 0, name, _XF_INDENT if indent else _XF_GENERAL)
        # GDP (an integer RK) and the helper column as one MULRK, as Excel stores them
        rk = struct.pack("<HI", _XF_GENERAL, (gdp << 2) | 2)
        s += _rec(0x00BD, struct.pack("<HH", r, 1) + rk + struct.pack("<H", 1))
        s += number(r, 2, growth, _XF_QUOTED if kind == "quoted" else _XF_PCT)
        s += number(r, 3, i + 1, _XF_GENERAL)
        s += number(r, 4, urban, _XF_PCT10)
    # DBCELL closes the row block: back to its first ROW, then each row's first cell (not
    # read by the importer; zeros here)
    dbcell_at = len(s)
    s += _rec(0x00D7, struct.pack("<I", dbcell_at - first_row_at) + bytes(2 * n_rows))
    s += _rec(0x000A, b"")
    sheet_at = len(g)
    s = bytearray(s)
    struct.pack_into("<I", s, index_at + 4 + (16 if biff8 else 12), sheet_at + dbcell_at)
    g = bytearray(g)
    struct.pack_into("<I", g, boundsheet_at + 4, sheet_at)
    return bytes(g) + bytes(s)


def _compound(stream_name: str, stream: bytes) -> bytes:
    """A minimal OLE2 compound file (512-byte sectors: FAT, directory, then the stream), the
    stream padded to 4096 bytes so it lives in regular sectors, not the mini stream."""
    sector = 512
    stream = stream + bytes(max(0, 4096 - len(stream)))
    stream += bytes(-len(stream) % sector)
    n = len(stream) // sector
    if n + 2 > 128:
        raise ValueError("stream too large for one FAT sector")
    header = bytearray(sector)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIII", header, 44, 1, 1, 0, 4096)
    struct.pack_into("<IIII", header, 60, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    struct.pack_into("<I", header, 76, 0)  # the FAT is sector 0
    for i in range(1, 109):
        struct.pack_into("<I", header, 76 + 4 * i, 0xFFFFFFFF)
    fat = [0xFFFFFFFD, 0xFFFFFFFE, *range(3, 2 + n), 0xFFFFFFFE]
    fat += [0xFFFFFFFF] * (128 - len(fat))

    def entry(name: str, kind: int, start: int, size: int, child: int = 0xFFFFFFFF) -> bytes:
        e = bytearray(128)
        raw = name.encode("utf-16-le") + b"\x00\x00"
        e[0 : len(raw)] = raw
        struct.pack_into("<HBB", e, 64, len(raw), kind, 1)
        struct.pack_into("<III", e, 68, 0xFFFFFFFF, 0xFFFFFFFF, child)
        struct.pack_into("<II", e, 116, start, size)
        return bytes(e)

    directory = entry("Root Entry", 5, 0xFFFFFFFE, 0, child=1)
    directory += entry(stream_name, 2, 2, len(stream)) + bytes(256)
    return bytes(header) + struct.pack("<128I", *fat) + directory + stream


def hand_made() -> None:
    (HERE / "xls_hand_biff8.xls").write_bytes(_compound("Workbook", _workbook_stream(True)))
    (HERE / "xls_hand_biff5.xls").write_bytes(_compound("Book", _workbook_stream(False)))


if __name__ == "__main__":
    main()
