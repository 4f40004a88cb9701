"""Reading the two "xls" files that are not Excel workbooks: an HTML table and SpreadsheetML 2003.

Government sites and report systems often send a web page saved under an .xls name (Excel opens
it without complaint) or Excel 2003's XML workbook. calamine reads neither, but lxml (already
installed, and the well-kept parser for both) does, so such downloads are read instead of being
refused. Each ``<table>`` of a page (each ``Worksheet`` of an XML workbook) becomes one sheet
with its merged cells (colspan/rowspan, MergeAcross/MergeDown), so headers read as in a workbook.
Cells hold the text as displayed (HTML) or the typed value (SpreadsheetML); the importer parses
numbers from text as it does for csv. Every failure is a ``StatsImportError`` naming what is
wrong; nothing is fetched over the network and no entity is expanded.
"""

from __future__ import annotations

import codecs
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from workbench.io.stats_import.errors import StatsImportError
from workbench.io.stats_import.table_model import col_letter

SPREADSHEET_NS = "urn:schemas-microsoft-com:office:spreadsheet"
_EXCEL_NS = "urn:schemas-microsoft-com:office:excel"
MAX_SPAN = 1000  # a colspan/rowspan beyond this is forged or a layout trick: capped
_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>", re.IGNORECASE)
_WS = re.compile(r"[ \t\r\n\f\v]+")
_SKIP_TAGS = frozenset({"table", "script", "style"})
_GB = {"gb2312", "gbk", "gb18030", "cp936", "x-gbk", "euc-cn", "hz-gb-2312"}

Grid = tuple[list[list[Any]], list[tuple[tuple[int, int], tuple[int, int]]]]


def markup_kind(head: bytes) -> str:
    """'html', 'spreadsheetml', 'mht' (a single-file web page), 'xml' (any other XML) or ''."""
    probe = head[:8192].lstrip(codecs.BOM_UTF8).lstrip().lower()
    if probe.startswith(b"mime-version:") or b"multipart/related" in probe[:2048]:
        return "mht"
    if probe.startswith(b"<?xml") or probe.startswith(b"<workbook"):
        if SPREADSHEET_NS.encode() in head:
            return "spreadsheetml"
        if b"<html" in probe or b"<table" in probe:
            return "html"
        return "xml"
    if (
        probe.startswith((b"<!doctype html", b"<html", b"<table", b"<head", b"<meta", b"<body"))
        or b"<table" in probe
        or b"<html" in probe[:2048]
    ):
        return "html"
    return ""


def _fail(path: Path, zh: str, en: str) -> StatsImportError:
    return StatsImportError(path, zh, en)


def _decode_html(path: Path, data: bytes) -> tuple[str, str]:
    """The page's text and encoding: a BOM, else the charset the page declares (GB2312 read as
    its superset GB18030), else UTF-8, else GB18030."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "UTF-8 (BOM)"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "UTF-16"
    m = _CHARSET.search(data[:8192])
    if m:
        name = m.group(1).decode("ascii", "replace").lower()
        enc = "gb18030" if name in _GB else name
        try:
            codecs.lookup(enc)
            return data.decode(enc), "GB18030/GBK" if enc == "gb18030" else name.upper()
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: guess below
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "GB18030/GBK"
    except UnicodeDecodeError:
        raise _fail(
            path,
            "网页文件的文本编码无法识别（支持 UTF-8、GBK/GB18030）",
            "the web page's text encoding is unknown (UTF-8 and GBK/GB18030 are supported)",
        ) from None


def _cell_text(el: Any) -> str:
    """A cell's text as shown: ``<br>`` a line break, runs of source whitespace one space, a
    table nested inside left out (it is read as a table of its own). Leading full-width and
    no-break spaces (``&nbsp;`` indentation) are kept: they say a row is a part of the row above."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag.lower() == "br":
                parts.append("\n")
            elif tag.lower() not in _SKIP_TAGS:
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    lines = [_WS.sub(" ", ln).strip(" ") for ln in "".join(parts).split("\n")]
    return "\n".join(ln for ln in lines if ln.strip())


def _span(el: Any, name: str) -> int:
    try:
        n = int(str(el.get(name, "1")).strip() or "1")
    except ValueError:
        return 1
    return min(max(n, 1), MAX_SPAN)


class _Grid:
    """Cells placed by row and column with the ranges that span several of them."""

    def __init__(self, path: Path, max_cells: int) -> None:
        self.path = path
        self.max_cells = max_cells
        self.rows: list[list[Any]] = []
        self.merged: list[tuple[tuple[int, int], tuple[int, int]]] = []
        self.taken: set[tuple[int, int]] = set()  # covered by a span from an earlier row
        self.cells = 0

    def put(self, r: int, c: int, value: Any, across: int = 1, down: int = 1) -> None:
        self.cells += across * down
        if self.cells > self.max_cells:
            raise _fail(
                self.path,
                f"表格过大（超过 {self.max_cells:,} 个单元格）",
                f"the table is too large (over {self.max_cells:,} cells)",
            )
        while len(self.rows) <= r + down - 1:
            self.rows.append([])
        row = self.rows[r]
        if len(row) <= c:
            row.extend([""] * (c + 1 - len(row)))
        row[c] = value
        if across > 1 or down > 1:
            self.merged.append(((r, c), (r + down - 1, c + across - 1)))
            for rr in range(r, r + down):
                for cc in range(c, c + across):
                    if (rr, cc) != (r, c):
                        self.taken.add((rr, cc))

    def done(self) -> tuple[list[list[Any]], list[tuple[tuple[int, int], tuple[int, int]]], int]:
        width = max((len(r) for r in self.rows), default=0)
        for r in self.rows:
            if len(r) < width:
                r.extend([""] * (width - len(r)))
        return self.rows, self.merged, width


def read_html(path: Path, data: bytes, max_cells: int) -> tuple[list[tuple[str, Grid, int]], str]:
    """Every table of the page with rows as (name, (rows, merged), width), in page order, and
    the page's encoding. A table holding tables is read without them (each is its own)."""
    import lxml.etree
    import lxml.html

    text, encoding = _decode_html(path, data)
    text = _XML_DECL.sub("", text, count=1)
    try:
        parser = lxml.html.HTMLParser(no_network=True, remove_comments=True)
        doc = lxml.html.document_fromstring(text, parser=parser)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):
        raise _fail(
            path,
            "网页文件无法解析（可能已损坏或不完整）",
            "the web page cannot be parsed (damaged or incomplete?)",
        ) from None
    out: list[tuple[str, Grid, int]] = []
    for k, table in enumerate(doc.iter("table")):
        grid = _Grid(path, max_cells)
        r = -1
        for tr in table.iter("tr"):
            if next(tr.iterancestors("table"), None) is not table:
                continue  # a row of a nested table
            r += 1
            c = 0
            for td in tr:
                tag = td.tag.lower() if isinstance(td.tag, str) else ""
                if tag not in ("td", "th"):
                    continue
                while (r, c) in grid.taken:
                    c += 1
                across, down = _span(td, "colspan"), _span(td, "rowspan")
                grid.put(r, c, _cell_text(td), across, down)
                c += across
            if r >= len(grid.rows):  # an empty <tr>
                grid.rows.append([])
        rows, merged, width = grid.done()
        if not any(any(v != "" for v in row) for row in rows):
            continue
        caption = table.find("caption")
        name = _cell_text(caption) if caption is not None else ""
        out.append((name or f"表{k + 1}", (rows, merged), width))
    if not out:
        raise _fail(
            path,
            "这是网页文件，其中没有表格（可能是登录页或出错页面，下载未成功）",
            "this is a web page without any table (a login or error page? the download failed)",
        )
    return _unique_names(out), encoding


def _unique_names(sheets: list[tuple[str, Grid, int]]) -> list[tuple[str, Grid, int]]:
    seen: dict[str, int] = {}
    out = []
    for name, grid, width in sheets:
        n = seen.get(name, 0) + 1
        seen[name] = n
        out.append((name if n == 1 else f"{name} ({n})", grid, width))
    return out


def _ss(tag: str) -> str:
    return f"{{{SPREADSHEET_NS}}}{tag}"


def _index(el: Any, default: int) -> int:
    """A 1-based ss:Index as 0-based, else ``default`` (an index that goes back is ignored)."""
    raw = el.get(_ss("Index"))
    if raw is None:
        return default
    try:
        i = int(raw) - 1
    except ValueError:
        return default
    return i if default <= i < default + 1_000_000 else default


def _typed(data: Any) -> Any:
    """A Data element's value: Number a float, DateTime a datetime, anything else its text."""
    text = "".join(data.itertext())
    kind = data.get(_ss("Type"), "String")
    if kind == "Number":
        try:
            return float(text)
        except ValueError:
            return text
    if kind == "DateTime":
        try:
            return datetime.fromisoformat(text.strip())
        except ValueError:
            return text
    if kind == "Error":
        return _ERROR
    return text


class _Error(str):
    """An error cell's marker while the grid is built (read as blank, counted for the report)."""


_ERROR = _Error("")


def read_spreadsheetml(
    path: Path, data: bytes, max_cells: int
) -> tuple[list[tuple[str, Grid, int]], dict[str, list[tuple[str, str]]]]:
    """Every Worksheet with rows as (name, (rows, merged), width), and facts about each sheet
    for the report (hidden, error cells read as blank). Entities are not expanded and nothing is loaded from elsewhere (a hostile file's
    entity bomb or external reference stays unread)."""
    import lxml.etree

    parser = lxml.etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = lxml.etree.fromstring(data, parser=parser)
    except (lxml.etree.XMLSyntaxError, ValueError):
        raise _fail(
            path,
            "Excel 2003 XML 表格文件无法解析（可能已损坏或不完整）",
            "the Excel 2003 XML workbook cannot be parsed (damaged or incomplete?)",
        ) from None
    out: list[tuple[str, Grid, int]] = []
    notes: dict[str, list[tuple[str, str]]] = {}
    for k, ws in enumerate(root.iter(_ss("Worksheet"))):
        name = ws.get(_ss("Name")) or f"Sheet{k + 1}"
        said = notes.setdefault(name, [])
        opts = ws.find(f"{{{_EXCEL_NS}}}WorksheetOptions")
        if opts is not None and opts.find(f"{{{_EXCEL_NS}}}Visible") is not None:
            said.append(("隐藏的工作表", "hidden sheet"))
        errors: list[tuple[int, int, str]] = []
        grid = _Grid(path, max_cells)
        table = ws.find(_ss("Table"))
        r = -1
        for row in table.iter(_ss("Row")) if table is not None else ():
            r = _index(row, r + 1)
            c = 0
            for cell in row.iter(_ss("Cell")):
                c = _index(cell, c)
                while (r, c) in grid.taken and cell.get(_ss("Index")) is None:
                    c += 1
                across = 1 + min(max(_int(cell.get(_ss("MergeAcross"))), 0), MAX_SPAN)
                down = 1 + min(max(_int(cell.get(_ss("MergeDown"))), 0), MAX_SPAN)
                data_el = cell.find(_ss("Data"))
                value = _typed(data_el) if data_el is not None else ""
                if value is _ERROR:
                    errors.append((r, c, "".join(data_el.itertext()).strip()))
                    value = ""
                grid.put(r, c, value, across, down)
                c += across
            if r >= len(grid.rows):
                grid.rows.extend([] for _ in range(r + 1 - len(grid.rows)))
        rows, merged, width = grid.done()
        if errors:
            r0, c0, code = errors[0]
            at = f"{col_letter(c0)}{r0 + 1}"
            said.append(
                (
                    f"{len(errors)} 个错误单元格（如 {at}：{code}）未取值，按空白跳过",
                    f"{len(errors)} error cells (e.g. {at}: {code}) were not read as values; "
                    "skipped as blank",
                )
            )
        out.append((name, (rows, merged), width))
    if not out:
        raise _fail(
            path,
            "Excel 2003 XML 文件中没有工作表",
            "the Excel 2003 XML workbook has no worksheets",
        )
    return out, notes


def _int(raw: str | None) -> int:
    try:
        return int(raw) if raw is not None else 0
    except ValueError:
        return 0
