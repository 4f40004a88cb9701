"""工具 → 载入区域间投入产出表 / 恢复默认溢出网络.

The table is read and checked by ``workbench.io.mrio.load_mrio`` off the UI thread (through
``workbench.ui.worker``, with progress and cancel: a large table or a slow network drive must not
freeze the window), on a private copy of the project; back on the UI thread it replaces
``project.mrio`` as one undoable ``SetValue``. A table that cannot be used is explained in a
dialog (Chinese, then English) and nothing changes; cancelling changes nothing either.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMessageBox

from workbench.core.edits import SetValue
from workbench.ui.dialogs.common import TABLE_FILTER, ask_open, error_text, snapshot
from workbench.ui.i18n import language, tr
from workbench.ui.worker import BackgroundTask, run_with_progress


def _error_text(exc: BaseException, lang: str) -> str:
    """An MRIO error in both languages (Chinese first); other errors as the io layer words them."""
    message = getattr(exc, "message", None)
    if callable(message) and lang != "en":
        return f"{message('zh')}\n\n{message('en')}"
    return error_text(exc)


def load_mrio_table(window: Any, path: str | Path | None = None) -> BackgroundTask | None:
    """Ask for a table (unless ``path`` is given) and read it in the background.

    Returns the running task (None if the user chose no file). On success the table is used for
    spillover as one undoable step; the task's ``applied`` attribute then says whether the edit
    went through.
    """
    session = window.session
    lang = language()
    if path is None:
        path = ask_open(window, tr("mrio.open.title"), TABLE_FILTER[0 if lang == "zh" else 1])
        if path is None:
            return None
    path = Path(path)
    project = snapshot(session.project)  # the worker reads a private copy

    def read(_progress: Any, _cancel: Any) -> Any:
        from workbench.io.mrio import load_mrio  # pandas: imported when first used

        return load_mrio(path, project)

    def apply(table: Any) -> None:
        edit = SetValue(("mrio",), table)
        edit.text_zh = edit.text_en = tr("mrio.load_text", name=table.name)
        task.applied = session.push(edit)  # type: ignore[attr-defined]
        show = getattr(window, "show_message", None)
        if task.applied and show is not None:  # type: ignore[attr-defined]
            show(tr("mrio.loaded", name=table.name, n=len(table.regions)))

    def failed(exc: BaseException) -> None:
        QMessageBox.critical(window, tr("mrio.error.title"), _error_text(exc, lang))

    def cancelled() -> None:
        show = getattr(window, "show_message", None)
        if show is not None:
            show(tr("mrio.cancelled"))

    task = run_with_progress(
        window,
        tr("mrio.reading"),
        read,
        on_success=apply,
        on_error=failed,
        on_cancel=cancelled,
    )
    task.applied = False  # type: ignore[attr-defined]
    return task


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
