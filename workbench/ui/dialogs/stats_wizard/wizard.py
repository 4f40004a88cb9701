"""The wizard itself: holds the chosen file, the overrides and the last read, runs the reads in the
background and pushes the merge as one undoable step."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from workbench.core.gazetteer import default_gazetteer
from workbench.io.stats_import import ImportOverrides, ImportResult, read_table, read_workbook
from workbench.ui.dialogs.common import error_text
from workbench.ui.dialogs.stats_wizard.file_page import FilePage
from workbench.ui.dialogs.stats_wizard.merge_pages import MergePage, ReportPage
from workbench.ui.dialogs.stats_wizard.preview_page import PreviewPage
from workbench.ui.i18n import pick
from workbench.ui.worker import run_with_progress


class StatsImportWizard(QWizard):
    """The 导入统计数据 wizard; opened window-modal (``open()``), never blocking the window."""

    def __init__(self, window: Any, path: Path | None = None) -> None:
        super().__init__(window)
        self.window_ = window
        self.session = window.session
        self.setObjectName("statsImportWizard")
        self.setWindowTitle(pick("导入统计数据", "Import statistics"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.resize(1000, 640)
        self.path: Path | None = None
        self.sheet: str | None = None
        self.sheets: list[str] = []  # the previewed sheet, then the other ticked ones
        self.overrides = ImportOverrides()
        self.result: ImportResult | None = None
        self.task: Any = None
        self.file_page = FilePage(self)
        self.preview_page = PreviewPage(self)
        self.report_page = ReportPage(self)
        self.merge_page = MergePage(self)
        for page in (self.file_page, self.preview_page, self.report_page, self.merge_page):
            self.addPage(page)
        for button, zh, en in (
            (QWizard.WizardButton.BackButton, "< 上一步", "< Back"),
            (QWizard.WizardButton.NextButton, "下一步 >", "Next >"),
            (QWizard.WizardButton.FinishButton, "完成", "Finish"),
            (QWizard.WizardButton.CancelButton, "取消", "Cancel"),
        ):
            self.setButtonText(button, pick(zh, en))
        # The gazetteer (~10 ms) is loaded while the planner picks the file, not by the first read.
        threading.Thread(target=default_gazetteer, name="gazetteer", daemon=True).start()
        if path is not None:
            self.file_page.path_edit.setText(str(path))
            self.file_page.load_sheets()

    def reset_result(self) -> None:
        self.result = None
        self.overrides = ImportOverrides()
        self.preview_page.show_result(None)

    def read(self, overrides: ImportOverrides) -> None:
        """Read the chosen sheet (and the ticked ones laid out alike) with ``overrides`` in the
        background; keep the old preview on error. Cancel stops the read itself between steps
        (the flag is checked off the UI thread), not only its result."""
        assert self.path is not None
        path, sheet, sheets = self.path, self.sheet, list(self.sheets)
        title = pick(f"读取 {path.name}", f"Reading {path.name}")

        def done(result: ImportResult) -> None:
            self.task = None
            self.overrides = overrides
            self.result = result
            self.preview_page.show_result(result)

        def failed(exc: BaseException) -> None:
            self.task = None
            self.preview_page.error_label.setText(error_text(exc))
            self.preview_page.completeChanged.emit()

        def cancelled() -> None:
            self.task = None
            self.preview_page.completeChanged.emit()

        self.task = run_with_progress(
            self,
            title,
            lambda progress, cancel: (
                read_workbook(path, sheets, overrides=overrides, cancel=cancel, progress=progress)
                if len(sheets) > 1
                else read_table(path, sheet, overrides=overrides, cancel=cancel)
            ),
            on_success=done,
            on_error=failed,
            on_cancel=cancelled,
        )
        self.preview_page.completeChanged.emit()

    def accept(self) -> None:
        """完成: push the merge as one undoable step, then close."""
        if self.merge_page.plan is None:
            return
        try:
            choices = self.merge_page.choices()
            plan = self.merge_page.make_plan()  # with the vintage as typed now
            edit = plan.to_edit(choices)
        except Exception as exc:  # never half-apply: report and stay open
            self.merge_page.error_label.setText(error_text(exc))
            return
        self.session.push(edit)
        super().accept()
