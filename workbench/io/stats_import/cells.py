"""Reading a sheet's cell grid from xlsx/xlsm/xls/ods (python-calamine) or csv, whatever the suffix.

The format is decided by the file's first bytes, not its name: bureaus' downloads are often
misnamed (HTML saved as .xls, csv saved as .xls). calamine reads values and merged ranges for xlsx,
xls and ods several times faster than openpyxl, so it is used for everything; csv is decoded as
UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text") or GB18030 (a superset of GBK).
Every failure becomes a ``StatsImportError`` naming what is wrong, never a library's traceback.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
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
from workbench.io.stats_import.errors import StatsImportError
from workbench.io.stats_import.markup import markup_kind, read_html, read_spreadsheetml
from workbench.io.stats_import.meanwhile import while_parsing
from workbench.io.stats_import.ods_merges import ods_sheet_facts
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

Merge = tuple[tuple[int, int], tuple[int, int]]
Meanwhile = Callable[[str], object]  # work for a sheet (by name) while calamine parses it


@dataclass
class Sheet:
    """One sheet's cells. ``rows[r][c]`` is the cell at row r, column c (0-based, absolute);
    an empty cell is ``""``. ``merged`` is None when the format cannot tell."""

    name: str
    rows: list[list[Any]]
    merged: list[Merge] | None = None
    width: int = 0
    encoding: str = ""  # csv only
    notes: list[tuple[str, str]] = field(default_factory=list)  # (zh, en) facts about the reading


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
        if "EncryptedPackage".encode("utf-16-le") in head or _ole_has(path, "EncryptedPackage"):
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
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _utf16_without_bom(head):
        return "text"
    if b"\x00" in head and b"\x00" not in head.rstrip(b"\x00"):
        raise _padded(path, len(head) - len(head.rstrip(b"\x00")))
    if b"\x00" in head:
        raise _fail(
            path,
            "不是电子表格或文本表格（含二进制内容）",
            "not a spreadsheet or text table (binary content)",
        )
    return "text"


def _utf16_without_bom(head: bytes) -> str:
    """'utf-16-le' or 'utf-16-be' for UTF-16 text written without a byte-order mark (some
    database tools save "Unicode" text so): the zero high bytes of its ASCII characters (digits,
    delimiters, line ends) fall on one side only. Else ""."""
    sample = head[:4096]
    pairs = len(sample) // 2
    if pairs < 4:
        return ""
    even = sample[0 : 2 * pairs : 2].count(0)
    odd = sample[1 : 2 * pairs : 2].count(0)
    if odd >= 0.2 * pairs and even == 0:
        return "utf-16-le"
    if even >= 0.2 * pairs and odd == 0:
        return "utf-16-be"
    return ""


def _padded(path: Path, zeros: int) -> StatsImportError:
    """Text that ends in zero bytes is a file whose end was never written (a download or copy
    cut short into a file made at full size): its last rows are missing or cut, so it is refused."""
    return _fail(
        path,
        f"文件末尾是 {zeros} 个空字节，文件不完整（下载或保存未完成）；请重新下载或导出",
        f"the file ends in {zeros} zero bytes: it is incomplete (the download or save did not "
        "finish); download or export it again",
    )


def _ole_has(path: Path, name: str) -> bool:
    """Whether an OLE2 compound file's directory names ``name`` (encrypted OOXML packages do)."""
    needle = name.encode("utf-16-le")
    try:
        with path.open("rb") as fh:
            return needle in fh.read(4 * 1024 * 1024)
    except OSError:
        return False


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
        raise _book_error(path, e) from None


def _book_error(path: Path, e: BaseException) -> StatsImportError:
    name = type(e).__name__
    text = str(e).lower()
    if name == "PasswordError" or "password" in text or "encrypt" in text:
        return _fail(
            path,
            "文件已加密（设有密码），请先在 Excel 中取消密码后另存",
            "the file is encrypted (password protected); remove the password in Excel and save again",
        )
    if (
        name == "ZipError"
        or "zip" in text
        or "eof" in text
        or "invalid" in text
        or "truncat" in text
    ):
        return _fail(
            path,
            "文件已损坏或不完整（可能下载未完成）",
            "the file is damaged or truncated (an incomplete download?)",
        )
    other = _other_document(path)
    if other is not None:
        return _fail(
            path,
            f"这是{other[0]}，不是电子表格（扩展名可能被改过）；请用 WPS 表格、Excel 或 LibreOffice "
            "打开表格原件，另存为 .xlsx 后导入",
            f"this is {other[1]}, not a spreadsheet (renamed?); open the original table in WPS "
            "Spreadsheets, Excel or LibreOffice and save it as .xlsx",
        )
    return _fail(
        path,
        "无法读取该电子表格，文件可能已损坏或不是受支持的格式（xlsx、xlsm、xls、ods、csv）",
        "cannot read this spreadsheet; it may be damaged or not a supported format "
        "(xlsx, xlsm, xls, ods, csv)",
    )


_ZIP_DOCUMENTS = (
    (
        "word/document.xml",
        ("一份 Word 或 WPS 文字文档（.docx）", "a Word or WPS Writer document (.docx)"),
    ),
    ("ppt/presentation.xml", ("一份演示文稿（.pptx）", "a presentation (.pptx)")),
)
_ODF_DOCUMENTS = {
    "text": ("一份 OpenDocument 文字文档（.odt）", "an OpenDocument text document (.odt)"),
    "presentation": ("一份 OpenDocument 演示文稿（.odp）", "an OpenDocument presentation (.odp)"),
    "graphics": ("一份 OpenDocument 绘图（.odg）", "an OpenDocument drawing (.odg)"),
}
_OLE_DOCUMENTS = (
    (
        "WordDocument",
        ("一份 Word 或 WPS 文字文档（.doc/.wps）", "a Word or WPS Writer document (.doc/.wps)"),
    ),
    ("PowerPoint Document", ("一份演示文稿（.ppt/.dps）", "a presentation (.ppt/.dps)")),
)


def _other_document(path: Path) -> tuple[str, str] | None:
    """What an office file calamine cannot read as a workbook is instead, when it is a word
    processor's or presentation program's (zh, en names), else None. WPS Office saves its
    writer files as ``.wps`` (a Word binary document) and they reach planners renamed or
    mistaken for WPS spreadsheets (``.et``); "damaged or unsupported" would send the planner
    looking for a better copy of a file that holds no sheet at all. Only asked after a failed
    opening, so a readable workbook costs nothing."""
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
                if "xl/workbook.xml" in names:
                    return None
                for part, kind in _ZIP_DOCUMENTS:
                    if part in names:
                        return kind
                if "mimetype" in names:
                    info = zf.getinfo("mimetype")
                    mime = zf.read(info).decode("ascii", "replace") if info.file_size < 200 else ""
                    sub = mime.removeprefix("application/vnd.oasis.opendocument.")
                    return _ODF_DOCUMENTS.get(sub)
            return None
        if not _ole_has(path, "Workbook") and not _ole_has(path, "Book"):
            for stream, kind in _OLE_DOCUMENTS:
                if _ole_has(path, stream):
                    return kind
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, EOFError, NotImplementedError):
        return None
    return None


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
        raise _book_error(p, e) from None


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
        return [_read_text(p)], [p.stem]
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
        raise _book_error(p, e) from None
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
        from workbench.io.stats_import.hidden import hide  # (it imports this module)

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
        raise _book_error(path, e) from None
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


def _file_bytes(path: Path) -> bytes:
    """The whole file, or the user's message saying why it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as e:
        raise _fail(
            path, f"无法读取文件（{e.strerror or e}）", f"cannot read the file ({e.strerror or e})"
        ) from None


def read_markup(path: Path, kind: str) -> list[Sheet]:
    """The tables of a web page, or the worksheets of an Excel 2003 XML workbook, as sheets
    (read at once: such files are small, and lxml parses the whole document anyway)."""
    data = _file_bytes(path)
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
        raise _book_error(path, e) from None
    facts = None
    if merged is None and zipfile.is_zipfile(path):  # .ods: calamine does not say
        facts = ods_sheet_facts(path, name)
        merged = None if facts is None else facts.merged
    width = max((len(r) for r in rows), default=0)
    sheet = Sheet(name, rows, list(merged) if merged is not None else None, width)
    if facts is not None and (facts.hidden_rows or facts.hidden_cols):
        from workbench.io.stats_import.hidden import hide  # (it imports this module)

        hide(sheet, facts.hidden_rows, facts.hidden_cols, app="LibreOffice")
    elif facts is None and is_ole(path):  # .xls: its ROW/COLINFO records say (``xls_formats``)
        xls = xls_sheet_facts(path, name)
        if xls is not None and (xls.hidden_rows or xls.hidden_cols):
            from workbench.io.stats_import.hidden import hide

            hide(sheet, xls.hidden_rows, xls.hidden_cols)
    return sheet


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="strict"), "UTF-8 (BOM)"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "UTF-16"
    bare = _utf16_without_bom(data[:4096])
    if bare:
        return data.decode(bare), f"{bare.upper()} (no BOM)"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as e:
        if _chinese_utf8(data[: e.start]):
            # Chinese text read fine as UTF-8 up to here: a damaged or mixed file, not GBK;
            # read as GB18030 it would turn every name into other characters.
            line = data.count(b"\n", 0, e.start) + 1
            raise _fail(
                path,
                f"文本为 UTF-8 编码，但第 {line} 行有无法识别的字节（文件可能混用了 UTF-8 与 "
                "GBK 编码，或已损坏）；请用文本编辑器检查该行后另存为 UTF-8",
                f"the text is UTF-8 but line {line} holds bytes that are not (a file mixing UTF-8 "
                "and GBK, or damaged?); check that line in a text editor and save as UTF-8",
            ) from None
    try:
        return data.decode("gb18030"), "GB18030/GBK"
    except UnicodeDecodeError:
        raise _fail(
            path,
            "无法识别文本编码（支持 UTF-8、GBK/GB18030、UTF-16）",
            "unknown text encoding (UTF-8, GBK/GB18030 and UTF-16 are supported)",
        ) from None


_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
_NOT_GBK_LOOKING = re.compile(r"[\u0080-\u07ff]")


def _chinese_utf8(prefix: bytes) -> bool:
    """Whether the bytes before a UTF-8 error are Chinese text in UTF-8: several CJK characters
    and none of the two-byte Latin/Greek/Hebrew ones that GBK bytes happen to form when read as
    UTF-8 (指 in GBK is a valid UTF-8 pair)."""
    text = prefix.decode("utf-8", errors="replace")
    return len(_CJK.findall(text)) >= 4 and not _NOT_GBK_LOOKING.search(text)


def _read_text(path: Path) -> Sheet:
    data = _file_bytes(path)
    try:
        text, encoding = _decode(path, data)
    except UnicodeDecodeError:
        raise _fail(
            path, "文本编码有误，文件可能已损坏", "bad text encoding; the file may be damaged"
        ) from None
    if "\x00" in text and "\x00" not in text.rstrip("\x00"):
        raise _padded(path, len(text) - len(text.rstrip("\x00")))
    if "\x00" in text:
        raise _fail(
            path,
            "不是电子表格或文本表格（含二进制内容）",
            "not a spreadsheet or text table (binary content)",
        )
    sample = text[:20000]
    delim = max((",", "\t", ";", "|"), key=lambda d: _consistency(sample, d))
    try:
        csv.field_size_limit(10_000_000)
        rows: list[list[Any]] = list(csv.reader(io.StringIO(text, newline=""), delimiter=delim))
    except csv.Error as e:
        raise _fail(path, f"CSV 格式有误（{e}）", f"malformed CSV ({e})") from None
    notes: list[tuple[str, str]] = []
    if _unsplit(rows) and len(_ALIGNED.findall(sample)) >= 2:
        rows = _space_aligned(path, text)
        notes.append(SPACE_ALIGNED_NOTE)
    width = max((len(r) for r in rows), default=0)
    for r in rows:
        if len(r) < width:
            r.extend([""] * (width - len(r)))
    sheet = Sheet(path.stem, rows, [], width, encoding, notes)
    if delim != "," and _COMMA_DIGIT.search(sample):
        _decimal_commas(sheet)
    return sheet


# A figure after two or more spaces (or ideographic spaces): a line of a space-aligned table.
_ALIGNED = re.compile(r"[^\s\u3000][ \u3000]{2,}[+\-(（]?[0-9０-９]")
_RULE = re.compile(r"^[\s\u3000\-=_—─━═┄┈+|│┃┼]*$")
_BLANK = frozenset(" \u3000\u00a0")
_TOKEN_GAP = re.compile(r"[ \u3000\u00a0]{2,}")
SPACE_ALIGNED_NOTE = (
    "以空格对齐的文本表格：按各数据行共同的空白列分列（汉字按两个字符宽计）",
    "a text table aligned with spaces: split into columns where every data row is blank "
    "(Chinese characters counted two wide)",
)


def _unsplit(rows: list[list[Any]]) -> bool:
    """Whether the delimiter split (almost) nothing: most non-empty lines are one cell."""
    lines = [r for r in rows if any(x.strip() for x in r)]
    multi = sum(1 for r in lines if sum(1 for x in r if x.strip()) > 1)
    return bool(lines) and multi < 0.5 * len(lines)


def _width(ch: str) -> int:
    """Display width: Chinese and full-width characters are two columns wide."""
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _positions(line: str) -> list[int]:
    """Each character's display column."""
    out, x = [], 0
    for ch in line:
        out.append(x)
        x += _width(ch)
    return out


def _tokens(line: str, pos: list[int]) -> list[tuple[int, int, str]]:
    """The line's words split at runs of two or more blanks: (first column, end column, text)."""
    out = []
    start = 0
    for m in [*_TOKEN_GAP.finditer(line), None]:
        end = m.start() if m is not None else len(line)
        word = line[start:end]
        if word.strip():
            lead = len(word) - len(word.lstrip(" \u3000\u00a0"))
            a = start + lead
            b = start + len(word.rstrip(" \u3000\u00a0"))
            out.append((pos[a], pos[b - 1] + _width(line[b - 1]), line[a:b]))
        if m is not None:
            start = m.end()
    return out


def _space_aligned(path: Path, text: str) -> list[list[Any]]:
    """Columns of a text table aligned with spaces (an old system's .txt report), found where
    every data line (a line ending in a figure) is blank in display columns, two or more wide.
    Header words go to the column they overlap most; other lines (title, unit, notes) are one
    cell. Refused with a message saying how to resave when no such columns are found."""
    from workbench.io.stats_import.values import parse_value

    lines = text.splitlines()
    pos = [_positions(ln) for ln in lines]
    toks = [_tokens(ln, p) for ln, p in zip(lines, pos, strict=True)]
    data = [
        i for i, t in enumerate(toks) if len(t) >= 2 and parse_value(t[-1][2]).value is not None
    ]
    width = max((t[-1][1] for i in data for t in [toks[i]]), default=0)
    if len(data) >= 2:
        blank = [True] * width
        for i in data:
            for ch, x in zip(lines[i], pos[i], strict=True):
                if ch not in _BLANK:
                    for k in range(x, min(x + _width(ch), width)):
                        blank[k] = False
        spans: list[tuple[int, int]] = []
        x = 0
        while x < width:
            if blank[x]:
                x += 1
                continue
            a = x
            while x < width and (not blank[x] or (x + 1 < width and not blank[x + 1])):
                x += 1  # a single blank column stays inside a word (成 都 市, 2 140.3)
            spans.append((a, x))
        if len(spans) >= 2 and all(toks[i][0][0] < spans[0][1] for i in data):
            rows = _cut(lines, pos, toks, set(data), spans)
            # sound only if no figure ran into another: right of the label column, every data
            # line has one word per non-empty column (a label may hold padding: 自　　贡)
            if all(
                sum(1 for c in rows[i][1:] if c) == sum(1 for t in toks[i] if t[0] >= spans[1][0])
                for i in data
            ):
                return rows
    raise _fail(
        path,
        "这是以空格对齐的文本表格（没有分隔符），无法可靠地分列：请在 Excel 中用“数据 → 分列 → "
        "固定宽度”打开，核对各列后另存为 .xlsx，或另存为以制表符分隔的文本",
        "this is a text table aligned with spaces (no delimiter) whose columns cannot be told "
        "apart reliably: open it in Excel with Data → Text to Columns → Fixed width, check the "
        "columns, and save it as .xlsx or as tab-delimited text",
    )


def _cut(
    lines: list[str],
    pos: list[list[int]],
    toks: list[list[tuple[int, int, str]]],
    data: set[int],
    spans: list[tuple[int, int]],
) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for i, line in enumerate(lines):
        row = [""] * len(spans)
        if i in data:  # cut at the blank columns: a name keeps its inner spaces (自　贡)
            for ch, x in zip(line, pos[i], strict=True):
                k = next((k for k, (a, b) in enumerate(spans) if a <= x < b), -1)
                if k >= 0:
                    row[k] += ch
            row = [c.strip(" \u3000\u00a0") for c in row]
        elif len(toks[i]) >= 2:  # a header line: each word to the column it overlaps most
            for a, b, word in toks[i]:
                k = max(
                    range(len(spans)),
                    key=lambda k: (
                        min(b, spans[k][1]) - max(a, spans[k][0]),
                        -abs((a + b) - sum(spans[k])),
                    ),
                )
                row[k] = f"{row[k]} {word}".strip() if row[k] else word
        elif toks[i] and not _RULE.match(line):  # a ruled line (────, ====) is blank
            row[0] = line.strip(" \u3000\u00a0")
        rows.append(row)
    return rows


_COMMA_DIGIT = re.compile(r"\d,\d")
_DEC_COMMA = re.compile(r"^[+-]?(?:\d+|\d{1,3}(?:\.\d{3})+),(\d+)%?$")
_DOT_GROUPS = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})+$")
_DOT_DECIMAL = re.compile(r"^[+-]?\d+\.(\d+)%?$")


def _decimal_commas(sheet: Sheet) -> None:
    """A ';'- or tab-delimited export from a European-locale system writes ``20817,5`` (and
    ``20.817,5``): the comma is the decimal point. Decided for the whole file: when some figure
    can only be read so (not three digits after the comma, or points grouping thousands) and no
    figure uses a point as its decimal point, every such figure is rewritten with a point (and
    ``2.816`` is 2816), said in the notes. Figures that read either way (only ``2,816``) stay
    thousands, as before, with a warning naming one."""
    dec: list[tuple[int, int]] = []
    groups: list[tuple[int, int]] = []
    sure = point = False
    for r, row in enumerate(sheet.rows):
        for c, v in enumerate(row):
            if not v or ("," not in v and "." not in v):
                continue
            t = v.strip()
            m = _DEC_COMMA.match(t)
            if m is not None:
                dec.append((r, c))
                sure = sure or len(m.group(1)) != 3 or "." in t or t.lstrip("+-").startswith("0,")
                continue
            if _DOT_GROUPS.match(t):
                groups.append((r, c))
                continue
            d = _DOT_DECIMAL.match(t)
            if d is not None and len(d.group(1)) != 3:
                point = True
    if not dec:
        return
    r0, c0 = dec[0]
    eg, at = sheet.rows[r0][c0].strip(), cell_name(r0 + 1, c0 + 1)
    if not sure or point:
        sheet.notes.append(
            (
                f"分隔符不是逗号，数字中的逗号（如 {at}“{eg}”）可能是小数点，"
                "按千位分隔符读取，请核对",
                f"the delimiter is not a comma; the comma in figures such as {at} "
                f"'{eg}' may be a decimal comma; read as a thousands separator — please check",
            )
        )
        return
    for r, c in dec:
        sheet.rows[r][c] = sheet.rows[r][c].strip().replace(".", "").replace(",", ".")
    for r, c in groups:
        sheet.rows[r][c] = sheet.rows[r][c].strip().replace(".", "")
    sheet.notes.append(
        (
            f"数字以逗号为小数点（欧洲区域格式，如 {at}“{eg}”读作 "
            f"{sheet.rows[r0][c0]}），{len(dec) + len(groups)} 个数字按此读取",
            f"figures use a decimal comma (European locale, e.g. {at} '{eg}' read "
            f"as {sheet.rows[r0][c0]}); {len(dec) + len(groups)} figures read so",
        )
    )


def _consistency(sample: str, delim: str) -> float:
    lines = [ln for ln in sample.splitlines()[:60] if ln.strip()]
    counts = [ln.count(delim) for ln in lines]
    if not counts or max(counts) == 0:
        return 0.0
    multi = sum(1 for c in counts if c > 0)
    return multi + max(counts) / 1000
