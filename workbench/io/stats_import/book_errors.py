"""Why a file that looks like a workbook cannot be opened as one, said so the planner can act.

calamine's own errors name a Rust type or a zip detail; the planner needs to know whether the
file is encrypted, damaged (an incomplete download), or another program's document renamed as a
spreadsheet (a WPS Writer ``.wps``, a ``.docx``, an OpenDocument text). Asked only after calamine
has failed (or, for the OLE2 directory, while sniffing), so a readable workbook costs nothing.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from workbench.io.stats_import.errors import StatsImportError


def _fail(path: Path, zh: str, en: str) -> StatsImportError:
    return StatsImportError(path, zh, en)


def ole_has(path: Path, name: str) -> bool:
    """Whether an OLE2 compound file's directory names ``name`` (encrypted OOXML packages do)."""
    needle = name.encode("utf-16-le")
    try:
        with path.open("rb") as fh:
            return needle in fh.read(4 * 1024 * 1024)
    except OSError:
        return False


def book_error(path: Path, e: BaseException) -> StatsImportError:
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
        if not ole_has(path, "Workbook") and not ole_has(path, "Book"):
            for stream, kind in _OLE_DOCUMENTS:
                if ole_has(path, stream):
                    return kind
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, EOFError, NotImplementedError):
        return None
    return None
