"""Files dropped on the window: a project opens; a table is imported as allocations when it has
an allocations sheet, else as statistics; anything else is refused with a message."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl

from workbench.ui.i18n import tr

PROJECT_SUFFIXES = {".wbp"}
TABLE_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".csv"}


def accepts(urls: Iterable[QUrl]) -> bool:
    """Whether any of ``urls`` is a file the window can open (drag-enter says yes or no)."""
    return any(
        Path(u.toLocalFile()).suffix.lower() in PROJECT_SUFFIXES | TABLE_SUFFIXES for u in urls
    )


def open_dropped(window: Any, path: Path) -> bool:
    """Open or import ``path`` in ``window`` (a MainWindow); False if it is not a known kind."""
    suffix = path.suffix.lower()
    if suffix in PROJECT_SUFFIXES:
        return bool(window.files.open(path))
    if suffix in TABLE_SUFFIXES:
        # io.excel pulls in openpyxl and pandas: loaded on the first drop, not at start-up
        from workbench.io.excel.layout import ALLOCATIONS
        from workbench.io.excel.reading import workbook_has_sheet

        func = (
            "import_allocations" if workbook_has_sheet(path, ALLOCATIONS) else "import_statistics"
        )
        window.run_dialog_action(func, str(path))
        return True
    window.show_error_message(tr("file.drop.unknown", name=path.name))
    return False
