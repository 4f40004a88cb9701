"""Errors raised by the Excel layer, each one clear line in Chinese and English."""

from __future__ import annotations

from dataclasses import dataclass


class ExcelImportError(Exception):
    """A workbook that cannot be read at all (missing, not xlsx, wrong sheet or header)."""

    def __init__(self, file: str, zh: str, en: str) -> None:
        self.file = str(file)
        self.zh = zh
        self.en = en
        super().__init__(self.message("zh") + " | " + self.message("en"))

    def message(self, lang: str = "zh") -> str:
        if lang == "zh":
            return f"无法读取 Excel 文件 {self.file}：{self.zh}"
        return f"Cannot read Excel file {self.file}: {self.en}"


class ExportCancelled(Exception):
    """The user cancelled an export between sheets; no file was written."""

    def __init__(self) -> None:
        super().__init__("导出已取消，未写入文件 | export cancelled, no file written")


@dataclass(frozen=True)
class RowIssue:
    """Something wrong with one row of an imported sheet (``row`` is the sheet's 1-based row, 0 for
    the sheet as a whole, e.g. a city total over its cap)."""

    row: int
    column: str
    zh: str
    en: str

    def message(self, lang: str = "zh") -> str:
        if self.row == 0:
            return f"整表：{self.zh}" if lang == "zh" else f"whole sheet: {self.en}"
        if lang == "zh":
            where = f"第 {self.row} 行" + (f"“{self.column}”列" if self.column else "")
            return f"{where}：{self.zh}"
        where = f"row {self.row}" + (f", column {self.column!r}" if self.column else "")
        return f"{where}: {self.en}"
