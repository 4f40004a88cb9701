"""Reading a sheet's cell grid from xlsx/xlsm/xls/ods (python-calamine), a web page or Excel 2003
XML, or csv/txt, whatever the suffix: the one door every file comes in by.

The format is decided by the file's first bytes, not its name: bureaus' downloads are often
misnamed (HTML saved as .xls, csv saved as .xls). calamine reads values and merged ranges for xlsx,
xls and ods several times faster than openpyxl, so it is used for every workbook, after the size
guard (``sheet_guard``) has refused what would not fit; this module adds what calamine leaves out
(hidden sheets, rows and columns; .ods merges; error cells) and picks the sheets asked for. Plain
text is handed to ``text_tables`` (encoding, delimiter, space-aligned columns, decimal commas);
why an unreadable workbook is unreadable is worked out in ``book_errors``. Every failure becomes a
``StatsImportError`` naming what is wrong, never a library's traceback.
"""

from __future__ import annotations

import codecs
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import python_calamine as calamine

from workbench.io import xlsx_parallel
from workbench.io.sheet_guard import (
    UNCACHED,
    BookScan,
    SheetGuardError,
    cell_name,
    check_workbook,
    take_inflated,
)
from workbench.io.stats_import.book_errors import book_error, ole_has
from workbench.io.stats_import.errors import StatsImportError
from workbench.io.stats_import.hidden import hide
from workbench.io.stats_import.markup import markup_kind, read_html, read_spreadsheetml
from workbench.io.stats_import.meanwhile import while_parsing
from workbench.io.stats_import.ods_merges import ods_sheet_facts
from workbench.io.stats_import.sheet import Sheet
from workbench.io.stats_import.text_tables import (
    file_bytes,
    read_text,
    utf16_without_bom,
    zero_padded,
)
from workbench.io.stats_import.xls_formats import is_ole, xls_sheet_facts

MAX_BYTES = 256 * 1024 * 1024
MAX_CELLS = 20_000_000
NOTE_SHEETS = (
    "说明",
    "注释",
    "备注",
    "目录",
    "封面",
    "填表说明",
    "指标解释",
    "readme",
    "notes",
    "note",
)

Meanwhile = Callable[[str], object]  # work for a sheet (by name) while calamine parses it


def _fail(path: Path, zh: str, en: str) -> StatsImportError:
    return StatsImportError(path, zh, en)


MARKUP_KINDS = ("html", "spreadsheetml")
MAX_MARKUP_CELLS = 5_000_000  # spans are placed cell by cell: a lower ceiling than a workbook's


def sniff(path: Path) -> str:
    """'book' (zip or OLE2 workbook), 'text' (csv-like), 'html' (a web page's tables) or
    'spreadsheetml' (Excel 2003 XML), both often named .xls — or raise with the reason."""
    try:
        if path.is_dir():
            raise _fail(path, "这是一个文件夹，不是文件", "this is a folder, not a file")
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(64 * 1024)
    except FileNotFoundError:
        raise _fail(path, "文件不存在", "file not found") from None
    except StatsImportError:
        raise
    except OSError as e:
        raise _fail(
            path, f"无法读取文件（{e.strerror or e}）", f"cannot read the file ({e.strerror or e})"
        ) from None
    if size == 0 or not head.strip(b" \t\r\n\x00"):
        raise _fail(path, "文件为空", "the file is empty")
    if size > MAX_BYTES:
        raise _fail(
            path, f"文件过大（{size / 1e6:.0f} MB）", f"file too large ({size / 1e6:.0f} MB)"
        )
    if head.startswith(b"PK\x03\x04"):
        return "book"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        if "EncryptedPackage".encode("utf-16-le") in head or ole_has(path, "EncryptedPackage"):
            raise _fail(
                path,
                "文件已加密（设有打开密码），请先在 Excel 中取消密码后另存",
                "the file is encrypted (password to open); remove the password in Excel and save again",
            )
        return "book"
    if head.startswith(
        (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b")
    ):
        raise _fail(
            path,
            "不是电子表格文件（可能是 PDF、图片或压缩包）",
            "not a spreadsheet (looks like a PDF, image or archive)",
        )
    markup = markup_kind(head)
    if markup == "mht":
        raise _fail(
            path,
            "这是“单个文件网页”（.mht，扩展名像 Excel），无法直接读取；请用 Excel 打开后另存为 .xlsx",
            "this is a single-file web page (.mht) named like a spreadsheet; open it in Excel "
            "and save as .xlsx",
        )
    if markup == "xml":
        raise _fail(
            path,
            "这是 XML 文件，但不是 Excel 2003 XML 表格；请用 Excel 打开后另存为 .xlsx",
            "this is an XML file but not an Excel 2003 XML workbook; open it in Excel and "
            "save as .xlsx",
        )
    if markup:
        return markup
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or utf16_without_bom(head):
        return "text"
    if b"\x00" in head and b"\x00" not in head.rstrip(b"\x00"):
        raise zero_padded(path, len(head) - len(head.rstrip(b"\x00")))
    if b"\x00" in head:
        raise _fail(
            path,
            "不是电子表格或文本表格（含二进制内容）",
            "not a spreadsheet or text table (binary content)",
        )
    return "text"


def _guard(path: Path, sheets: list[str] | None = None) -> BookScan:
    """Sizes first: a workbook calamine would abort on, or inflate to GBs, is refused unread
    (``sheets``: the only sheets that will be read; None: all)."""
    try:
        return check_workbook(path, sheets)
    except SheetGuardError as e:
        raise _fail(path, e.zh, e.en) from None
    except OSError as e:
        raise _fail(
            path, f"无法读取文件（{e.strerror or e}）", f"cannot read the file ({e.strerror or e})"
        ) from None


def _bad_cell_note(scan: BookScan, name: str) -> tuple[str, str] | None:
    """Error cells and formulas without a stored result read as blank; the report says so."""
    s = scan.sheets.get(name)
    if s is None or not s.bad_count:
        return None
    (r, c), code = next(iter(s.bad.items()))
    what_zh = "公式无结果" if code == UNCACHED else code
    what_en = "formula without a stored result" if code == UNCACHED else code
    return (
        f"{s.bad_count} 个错误单元格或无结果公式（如 {cell_name(r, c)}：{what_zh}）未取值，按空白跳过",
        f"{s.bad_count} error cells or formulas without a stored result (e.g. {cell_name(r, c)}: "
        f"{what_en}) were not read as values; skipped as blank",
    )


def _open_book(path: Path) -> Any:
    try:
        return calamine.CalamineWorkbook.from_path(str(path))
    except BaseException as e:  # calamine may raise a Rust panic, a BaseException
        if isinstance(e, KeyboardInterrupt | SystemExit):
            raise
        raise book_error(path, e) from None


def list_sheets(path: Path | str) -> list[str]:
    """Sheet names in order (a csv file has one sheet named after the file)."""
    p = Path(path)
    kind = sniff(p)
    if kind == "text":
        return [p.stem]
    if kind in MARKUP_KINDS:
        return [s.name for s in read_markup(p, kind)]
    _guard(p)  # every sheet, once: the reads that follow reuse this scan
    book = _open_book(p)
    try:
        return list(book.sheet_names)
    except BaseException as e:
        if isinstance(e, KeyboardInterrupt | SystemExit):
            raise
        raise book_error(p, e) from None


def is_note_sheet(name: str) -> bool:
    n = name.strip().lower()
    return any(n == k or n.startswith(k) for k in NOTE_SHEETS)


def read_sheets(
    path: Path | str, sheet: str | int | None = None, meanwhile: Meanwhile | None = None
) -> tuple[list[Sheet], list[str]]:
    """The requested sheet, or every sheet in order when ``sheet`` is None (for the caller to pick),
    and the names of sheets that exist (for messages). ``meanwhile(name)`` runs in another thread
    while calamine parses that sheet (``meanwhile.while_parsing``)."""
    p = Path(path)
    kind = sniff(p)
    if kind == "text":
        return [read_text(p)], [p.stem]
    if kind in MARKUP_KINDS:
        return _pick(p, read_markup(p, kind), sheet)
    scan = _guard(p, [sheet] if isinstance(sheet, str) else None)
    book = _open_book(p)
    try:
        names = list(book.sheet_names)
        meta = {m.name: m for m in book.sheets_metadata}
    except BaseException as e:
        if isinstance(e, KeyboardInterrupt | SystemExit):
            raise
        raise book_error(p, e) from None
    if not names:
        raise _fail(p, "工作簿中没有工作表", "the workbook has no sheets")
    if sheet is not None:
        if isinstance(sheet, int):
            if not 0 <= sheet < len(names):
                raise _fail(
                    p,
                    f"没有第 {sheet + 1} 个工作表（共 {len(names)} 个）",
                    f"there is no sheet number {sheet + 1} (the file has {len(names)})",
                )
            wanted = [names[sheet]]
        elif sheet in names:
            wanted = [sheet]
        else:
            raise _fail(
                p,
                f"没有名为“{sheet}”的工作表（现有：{'、'.join(names)}）",
                f"no sheet named '{sheet}' (sheets: {', '.join(names)})",
            )
    else:
        wanted = names
    return [_book_sheet(p, book, name, meta, scan, meanwhile) for name in wanted], names


def _book_sheet(
    path: Path,
    book: Any,
    name: str,
    meta: dict[str, Any],
    scan: BookScan,
    meanwhile: Meanwhile | None = None,
) -> Sheet:
    found = scan.sheets.get(name)
    part = found.part if found is not None and found.size >= xlsx_parallel.MIN_PART_BYTES else None
    s = _read_book_sheet(path, book, name, meanwhile, part)
    m = meta.get(name)
    if m is not None and m.visible != calamine.SheetVisibleEnum.Visible:
        s.notes.append(("隐藏的工作表", "hidden sheet"))
    note = _bad_cell_note(scan, name)
    if note:
        s.notes.append(note)
    if found is not None and (found.hidden_rows or found.hidden_cols):
        hide(s, found.hidden_rows, found.hidden_cols)
    return s


def iter_book_sheets(
    path: Path, names: list[str] | None, meanwhile: Meanwhile | None = None
) -> Iterator[Sheet]:
    """Sheets of a workbook (``names``, or every sheet in order when None) one at a time, from
    one opening and one size scan of them all: a yearbook of 30 sheets is not reopened 30
    times, and a sheet is parsed only when the caller asks for it (it may stop between
    sheets: the first table of a workbook does not wait for the other 29 to be parsed)."""
    kind = sniff(path)
    if kind in MARKUP_KINDS:
        found = read_markup(path, kind)
        yield from found if names is None else _pick(path, found, names)[0]
        return
    scan = _guard(path, names)
    book = _open_book(path)
    try:
        meta = {m.name: m for m in book.sheets_metadata}
        order = list(book.sheet_names)
    except BaseException as e:
        if isinstance(e, KeyboardInterrupt | SystemExit):
            raise
        raise book_error(path, e) from None
    if names is None:
        if not order:
            raise _fail(path, "工作簿中没有工作表", "the workbook has no sheets")
        names = order
    present = set(order)
    for name in names:
        if name not in present:
            raise _fail(
                path,
                f"没有名为“{name}”的工作表（现有：{'、'.join(present)}）",
                f"no sheet named '{name}' (sheets: {', '.join(present)})",
            )
        yield _book_sheet(path, book, name, meta, scan, meanwhile)


def read_markup(path: Path, kind: str) -> list[Sheet]:
    """The tables of a web page, or the worksheets of an Excel 2003 XML workbook, as sheets
    (read at once: such files are small, and lxml parses the whole document anyway)."""
    data = file_bytes(path)
    if kind == "html":
        tables, encoding = read_html(path, data, MAX_MARKUP_CELLS)
        note = (
            "网页表格（HTML，常以 .xls 为扩展名下载）：每个表格作为一个工作表，数字按网页上显示的文字读取",
            "a web page's table (HTML, often downloaded as .xls): each table is read as a sheet, "
            "numbers as the page shows them",
        )
        facts: dict[str, list[tuple[str, str]]] = {}
    else:
        tables, facts = read_spreadsheetml(path, data, MAX_MARKUP_CELLS)
        encoding = ""
        note = (
            "Excel 2003 XML 表格（SpreadsheetML，常以 .xls 为扩展名）；百分比格式未读取",
            "an Excel 2003 XML workbook (SpreadsheetML, often named .xls); percent formats "
            "are not read",
        )
    out = []
    for name, (rows, merged), width in tables:
        out.append(Sheet(name, rows, merged, width, encoding, [note, *facts.get(name, [])]))
    return out


def _pick(
    path: Path, sheets: list[Sheet], wanted: str | int | list[str] | None
) -> tuple[list[Sheet], list[str]]:
    """The sheets asked for (by name, number or a list of names; all when None), and every
    sheet's name, with the same messages as a workbook's."""
    names = [s.name for s in sheets]
    if wanted is None:
        return sheets, names
    if isinstance(wanted, int):
        if not 0 <= wanted < len(sheets):
            raise _fail(
                path,
                f"没有第 {wanted + 1} 个工作表（共 {len(names)} 个）",
                f"there is no sheet number {wanted + 1} (the file has {len(names)})",
            )
        return [sheets[wanted]], names
    by_name = {s.name: s for s in sheets}
    out = []
    for name in [wanted] if isinstance(wanted, str) else wanted:
        if name not in by_name:
            raise _fail(
                path,
                f"没有名为“{name}”的工作表（现有：{'、'.join(names)}）",
                f"no sheet named '{name}' (sheets: {', '.join(names)})",
            )
        out.append(by_name[name])
    return out, names


def _parse(path: Path, book: Any, name: str, part: str | None, begin: Callable[[], None]) -> Any:
    """The sheet parsed on several threads when it is a big xlsx worksheet (``part``) and that
    is safe (``xlsx_parallel``), else calamine's own parse of it. ``begin()`` starts the work
    done meanwhile, once the parse no longer needs the GIL."""
    if part is not None:
        got = xlsx_parallel.read_sheet(path, name, part, take_inflated(path, part), begin=begin)
        if got is not None:
            return got
    begin()
    return book.get_sheet_by_name(name)


def _read_book_sheet(
    path: Path, book: Any, name: str, meanwhile: Meanwhile | None = None, part: str | None = None
) -> Sheet:
    try:
        work = None if meanwhile is None else (lambda: meanwhile(name))
        ws = while_parsing(lambda begin: _parse(path, book, name, part, begin), work)
        end = ws.end
        if end is not None and (end[0] + 1) * (end[1] + 1) > MAX_CELLS:
            raise _fail(
                path,
                f"工作表“{name}”过大（超过 {MAX_CELLS:,} 个单元格）",
                f"sheet '{name}' is too large (over {MAX_CELLS:,} cells)",
            )
        if isinstance(ws, xlsx_parallel.ParallelSheet):
            rows, merged = ws.rows, ws.merged
        else:
            rows = ws.to_python(skip_empty_area=False)
            merged = ws.merged_cell_ranges
    except StatsImportError:
        raise
    except BaseException as e:
        if isinstance(e, KeyboardInterrupt | SystemExit):
            raise
        raise book_error(path, e) from None
    facts = None
    if merged is None and zipfile.is_zipfile(path):  # .ods: calamine does not say
        facts = ods_sheet_facts(path, name)
        merged = None if facts is None else facts.merged
    width = max((len(r) for r in rows), default=0)
    sheet = Sheet(name, rows, list(merged) if merged is not None else None, width)
    if facts is not None and (facts.hidden_rows or facts.hidden_cols):
        hide(sheet, facts.hidden_rows, facts.hidden_cols, app="LibreOffice")
    elif facts is None and is_ole(path):  # .xls: its ROW/COLINFO records say (``xls_formats``)
        xls = xls_sheet_facts(path, name)
        if xls is not None and (xls.hidden_rows or xls.hidden_cols):
            hide(sheet, xls.hidden_rows, xls.hidden_cols)
    return sheet
