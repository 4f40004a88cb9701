"""The one error the importer raises: a file it cannot read at all, said in one line.

Everything short of that (a bad value, an unknown region, an ambiguous unit) is not an error but
an entry in the import report, so the planner sees what was understood and what was not.
"""

from __future__ import annotations

from pathlib import Path


class StatsImportError(Exception):
    """A file that is not a readable table. ``str()`` is one line, Chinese then English."""

    def __init__(self, file: Path | str, zh: str, en: str) -> None:
        self.file = str(file)
        self.zh = zh
        self.en = en
        super().__init__(self.message())

    def message(self, lang: str = "both") -> str:
        name = Path(self.file).name or self.file
        zh = f"无法导入 {name}：{self.zh}"
        en = f"Cannot import {name}: {self.en}"
        if lang == "zh":
            return zh
        if lang == "en":
            return en
        return f"{zh} | {en}"


class ReadCancelled(Exception):
    """The planner cancelled a read (the ``cancel`` callable said so between steps)."""
