"""工具 → 载入区域间投入产出表 / 恢复默认溢出网络.

The table is read and checked by ``workbench.io.mrio.load_mrio`` (a region × region table is a
few kilobytes, read at once); it replaces ``project.mrio`` as one undoable ``SetValue``. A table
that cannot be used is explained in a dialog (Chinese, then English) and nothing changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMessageBox

from workbench.core.edits import SetValue
from workbench.ui.dialogs.common import TABLE_FILTER, ask_open, error_text
from workbench.ui.i18n import language, tr


def load_mrio_table(window: Any, path: str | Path | None = None) -> bool:
    """Ask for a table (unless ``path`` is given), load it and use it for spillover."""
    from workbench.io.mrio import MrioError, load_mrio  # pandas: imported when first used

    session = window.session
    lang = language()
    if path is None:
        path = ask_open(window, tr("mrio.open.title"), TABLE_FILTER[0 if lang == "zh" else 1])
        if path is None:
            return False
    path = Path(path)
    try:
        table = load_mrio(path, session.project)
    except MrioError as e:
        text = e.message(lang) if lang == "en" else f"{e.message('zh')}\n\n{e.message('en')}"
        QMessageBox.critical(window, tr("mrio.error.title"), text)
        return False
    except OSError as e:
        QMessageBox.critical(window, tr("mrio.error.title"), error_text(e, lang))
        return False
    edit = SetValue(("mrio",), table)
    edit.text_zh = edit.text_en = tr("mrio.load_text", name=table.name)
    if not session.push(edit):
        return False
    show = getattr(window, "show_message", None)
    if show is not None:
        show(tr("mrio.loaded", name=table.name, n=len(table.regions)))
    return True


def reset_mrio(window: Any) -> bool:
    """Back to the default adjacency + distance-decay network (undoable)."""
    session = window.session
    if session.project.mrio is None:
        show = getattr(window, "show_message", None)
        if show is not None:
            show(tr("mrio.none"))
        return False
    edit = SetValue(("mrio",), None)
    edit.text_zh = edit.text_en = tr("mrio.reset_text")
    return session.push(edit)
