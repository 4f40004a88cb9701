"""The two cell formats a table's meaning can hang on, read from an xlsx/xlsm package: a percent
number format (0.061 shown as 6.1 %) and Excel's indent (a county indented under its city).

calamine returns values only. openpyxl would read every style, but loads the whole sheet as
objects (several times calamine's time), so the package is read directly and only where it pays:
``styles.xml`` (a few KB) says which cell styles are percent or indented; when none is, nothing
else is read. Otherwise one regex pass over the sheet's XML, in C, finds the cells that carry
those styles. Anything unexpected (no styles part, a sheet without cell references, a part too
large) means "no formats known", with a note for the report, never an error: the values are
still read as before. An .ods sheet's percentages are its cells' own type (``ods_merges``); an
.xls sheet's come from its BIFF XF records (``xls_formats``).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

MAX_STYLES_BYTES = 16 * 1024 * 1024  # a styles part larger than this is not a real workbook's
MAX_SHEET_BYTES = 512 * 1024 * 1024  # sheet_guard has already refused anything near this
PERCENT_BUILTIN = frozenset({9, 10})  # 0% and 0.00%

_P = r"(?:[\w.-]+:)?"  # an optional namespace prefix (x:c, x:xf) some generators write
_CELL_XFS = re.compile(rf"<{_P}cellXfs\b[^>]*>(.*?)</{_P}cellXfs>", re.S)
_XF_START = re.compile(rf"<{_P}xf\b")
_NUMFMT = re.compile(rf"<{_P}numFmt\b[^>]*>", re.S)
_ATTR = re.compile(r'\b([\w:]+)\s*=\s*"([^"]*)"')
_INDENT = re.compile(rf"<{_P}alignment\b[^>]*?\bindent\s*=\s*\"(\d+)\"")
_REF = re.compile(r'\br\s*=\s*"([A-Z]{1,3})(\d+)"')
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
_SHEET = re.compile(rf"<{_P}sheet\b[^>]*>", re.S)
_REL = re.compile(rf"<{_P}Relationship\b[^>]*>", re.S)


@dataclass
class Formats:
    """Cells (0-based row, column) shown as a percentage, and cells' indent levels (≥ 1)."""

    percent: set[tuple[int, int]] = field(default_factory=set)
    indent: dict[tuple[int, int], int] = field(default_factory=dict)
    notes: list[tuple[str, str]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.percent or self.indent)


_CACHE: dict[tuple[str, int, int, str], Formats] = {}


def is_percent_format(code: str) -> bool:
    """Whether a number format shows its value ×100 with a % sign (quoted or escaped % do not)."""
    return "%" in _QUOTED.sub("", code)


def sheet_formats(path: Path, sheet: str) -> Formats:
    """Percent and indented cells of one sheet of an xlsx/xlsm/xls file (percent only for .ods);
    empty for other formats."""
    try:
        st = path.stat()
        key = (str(path), st.st_size, st.st_mtime_ns, sheet)
    except OSError:
        return Formats()
    got = _CACHE.get(key)
    if got is None:
        try:
            got = _read(path, sheet)
        except (OSError, zipfile.BadZipFile, KeyError, ValueError, RuntimeError, EOFError):
            got = Formats(
                notes=[
                    (
                        "无法读取单元格格式（百分比、缩进），按数值本身导入",
                        "cell formats (percent, indent) could not be read; values taken as stored",
                    )
                ]
            )
        if len(_CACHE) > 16:
            _CACHE.clear()
        _CACHE[key] = got
    return got


def clear_cache() -> None:
    from workbench.io.stats_import import xls_formats

    _CACHE.clear()
    xls_formats.clear_cache()


def _part(zf: zipfile.ZipFile, name: str, limit: int) -> str | None:
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    if info.file_size > limit:
        raise ValueError(name)
    return zf.read(info).decode("utf-8", errors="replace")


def _styles(text: str) -> tuple[set[int], dict[int, int]]:
    """Style indices (positions in cellXfs) that show percent, and those indented."""
    custom = {}
    for m in _NUMFMT.finditer(text):
        a = dict(_ATTR.findall(m.group(0)))
        if a.get("numFmtId", "").isdigit():
            custom[int(a["numFmtId"])] = _unescape(a.get("formatCode", ""))
    block = _CELL_XFS.search(text)
    percent: set[int] = set()
    indent: dict[int, int] = {}
    if block is None:
        return percent, indent
    # split at each <xf: linear whatever the part holds (a lazy match up to </xf> would rescan
    # the rest of the part for every unclosed element of a malformed or hostile file)
    for i, piece in enumerate(_XF_START.split(block.group(1))[1:]):
        a = dict(_ATTR.findall(piece[: piece.find(">") + 1 or len(piece)]))
        fid = int(a["numFmtId"]) if a.get("numFmtId", "").isdigit() else 0
        if fid in PERCENT_BUILTIN or (fid in custom and is_percent_format(custom[fid])):
            percent.add(i)
        ind = _INDENT.search(piece)
        if ind and int(ind.group(1)) > 0:
            indent[i] = int(ind.group(1))
    return percent, indent


def _sheet_part(zf: zipfile.ZipFile, sheet: str) -> str | None:
    """The worksheet part holding ``sheet`` (through workbook.xml and its relationships)."""
    book = _part(zf, "xl/workbook.xml", MAX_STYLES_BYTES)
    rels = _part(zf, "xl/_rels/workbook.xml.rels", MAX_STYLES_BYTES)
    if book is None or rels is None:
        return None
    rid = None
    for m in _SHEET.finditer(book):
        a = dict(_ATTR.findall(m.group(0)))
        if _unescape(a.get("name", "")) == sheet:
            rid = next((v for k, v in a.items() if k.endswith(":id") or k == "id"), None)
            break
    if rid is None:
        return None
    for m in _REL.finditer(rels):
        a = dict(_ATTR.findall(m.group(0)))
        if a.get("Id") == rid:
            target = a.get("Target", "")
            if target.startswith("/"):
                return target.lstrip("/")
            return posixpath.normpath(posixpath.join("xl", target))
    return None


def _unescape(text: str) -> str:
    return (
        text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _read(path: Path, sheet: str) -> Formats:
    out = Formats()
    if not zipfile.is_zipfile(path):
        from workbench.io.stats_import.xls_formats import is_ole, xls_sheet_facts

        if not is_ole(path):
            return out
        facts = xls_sheet_facts(path, sheet)
        if facts is None:  # damaged, BIFF2-4, no such worksheet: the note says so
            raise ValueError("xls formats")
        return Formats(facts.percent, facts.indent)
    with zipfile.ZipFile(path) as zf:
        styles = _part(zf, "xl/styles.xml", MAX_STYLES_BYTES)
        if styles is None:
            if "content.xml" in zf.namelist():  # .ods: a percentage is the cell's own type
                from workbench.io.stats_import.ods_merges import ods_sheet_facts

                facts = ods_sheet_facts(path, sheet)
                out.percent = set(facts.percent) if facts is not None else set()
            return out  # (or a workbook with default styles only)
        percent, indent = _styles(styles)
        wanted = percent | set(indent)
        if not wanted:
            return out  # the usual case: nothing to look for in the sheet
        part = _sheet_part(zf, sheet)
        xml = _part(zf, part, MAX_SHEET_BYTES) if part else None
    if xml is None:
        return out
    # only the cells with a wanted style are matched (few, in C); past a few hundred styles the
    # alternation would grow unwieldy, so every styled cell is matched and filtered instead
    ids = "|".join(str(i) for i in sorted(wanted)) if len(wanted) <= 256 else r"\d+"
    cell = re.compile(rf'<{_P}c\b[^>]*?\bs\s*=\s*"({ids})"[^>]*>')
    for m in cell.finditer(xml):
        if int(m.group(1)) not in wanted:
            continue
        ref = _REF.search(m.group(0))
        if ref is None:  # cells placed by position only: formats cannot be tied to cells
            out.percent.clear()
            out.indent.clear()
            out.notes.append(
                (
                    "单元格没有位置引用，未读取百分比/缩进格式",
                    "cells carry no references; percent and indent formats not read",
                )
            )
            break
        rc = (int(ref.group(2)) - 1, _col_index(ref.group(1)))
        s = int(m.group(1))
        if s in percent:
            out.percent.add(rc)
        if s in indent:
            out.indent[rc] = indent[s]
    return out
