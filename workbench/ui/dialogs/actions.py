"""The import/export menu actions. ``window`` is the main window (its ``.session`` is used).

Each action returns the dialog or background task it started (tests drive those), or ``None``
when the user cancelled a file picker. Reading and writing files runs in the background
(``workbench.ui.worker``) on a private copy of the project; the result is applied on the UI
thread as ONE undoable step through ``session.push``, only after the user has seen it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMessageBox

from workbench.core.edits import Edit
from workbench.io.excel import (
    AllocationDiff,
    CandidateSubmissions,
    export_workbook,
    read_allocation_edits,
    read_candidate_submissions,
    write_submission_template,
)
from workbench.ui.dialogs.common import (
    EXCEL_FILTER,
    EXPORT_FOLDER,
    TABLE_FILTER,
    ReportDialog,
    ask_open,
    ask_save,
    remember_folder,
    show_error,
    snapshot,
    start_dir,
)
from workbench.ui.dialogs.export_dialog import ExportDialog, suggested_name
from workbench.ui.i18n import language, pick
from workbench.ui.worker import BackgroundTask, run_with_progress


# --------------------------------------------------------------------------- read → review → apply
@dataclass
class _Review:
    """What the report dialog shows for one background read, and the edit it applies."""

    object_name: str  # the ReportDialog's objectName (tests and accessibility find it by this)
    lines: list[str]
    apply_text: str
    edit: Callable[[], Edit]  # built only when the user presses apply
    summary: str
    empty: bool  # nothing to apply: the apply button is disabled, the lines are still listed
    attr: str  # the dialog attribute holding the parsed result (tests read it)


def _read_then_review(
    window: Any,
    title: str,
    read: Callable[[], Any],
    stale: Callable[[Any], str],
    review: Callable[[Any], _Review],
) -> BackgroundTask:
    """Read a file in the background, then show a ReportDialog whose apply pushes ONE edit.

    ``stale(result)`` is checked on the UI thread when the read is done: a non-empty text (the
    project changed meanwhile so that the result no longer fits) is shown as a warning and
    nothing is offered. The task's ``report_dialog`` is the dialog shown.
    """
    session = window.session

    def show(result: Any) -> None:
        warning = stale(result)
        if warning:
            QMessageBox.warning(window, title, warning)
            return
        r = review(result)
        dialog = ReportDialog(
            window,
            r.object_name,
            title,
            r.lines,
            r.apply_text,
            lambda: session.push(r.edit()),
            summary=r.summary,
        )
        dialog.set_apply_enabled(not r.empty)
        setattr(dialog, r.attr, result)
        task.report_dialog = dialog  # type: ignore[attr-defined]
        dialog.open()

    task = run_with_progress(
        window,
        title,
        lambda progress, cancel: read(),
        on_success=show,
        on_error=lambda e: show_error(window, title, e),
    )
    return task


# --------------------------------------------------------------------------- statistics
def import_statistics(window: Any, path: str | Path | None = None) -> Any:
    """导入统计数据: the wizard (file → sheet → preview and corrections → report → apply)."""
    from workbench.ui.dialogs.stats_wizard import StatsImportWizard

    wizard = StatsImportWizard(window, Path(path) if path else None)
    wizard.open()
    return wizard


# --------------------------------------------------------------------------- allocation workbook
def export_allocations(window: Any) -> ExportDialog:
    """导出分配表: scenario and file in a dialog, then the workbook is written in the background."""
    dialog = ExportDialog(window)
    title = pick("导出分配表", "Export allocation workbook")

    def start() -> None:
        project, scenario, path = snapshot(window.session.project), dialog.scenario, dialog.path
        if path is None:  # accept() refuses an unwritable path; the folder may vanish meanwhile
            return
        remember_folder(window, EXPORT_FOLDER, path)
        drawn = _drawn_bands(window, scenario, project.uncertainty)

        def work(progress: Any, cancel: Any) -> Path:
            export_workbook(
                project,
                scenario,
                path,
                progress=progress,
                cancel=cancel,
                uncertainty=project.uncertainty,  # P10/P50/P90 and 敏感性 (draws > 0)
                drawn=drawn,
            )
            return path

        dialog.task = run_with_progress(  # type: ignore[attr-defined]
            window,
            title,
            work,
            on_success=lambda p: QMessageBox.information(
                window, title, pick(f"已导出到：{p}", f"Exported to: {p}")
            ),
            on_error=lambda e: show_error(window, title, e),
            on_cancel=lambda: QMessageBox.information(
                window,
                title,
                pick("导出已取消，未写入文件。", "Export cancelled; no file written."),
            ),
        )

    dialog.accepted.connect(start)
    dialog.open()
    return dialog


def _drawn_bands(window: Any, scenario: Any, settings: Any) -> Any:
    """The projection panel's draws when they hold for the project as it is now and for the
    export's settings (horizon 2030, the project's draws and seed), else None (drawn again)."""
    panel = window.__dict__.get("projection")  # never build a deferred panel for this
    band = getattr(panel, "band", None)
    if band is None or settings.draws <= 0:
        return None
    name = getattr(scenario, "name", scenario)
    return band.current_model(name, 2030, int(settings.draws), int(settings.seed))


def import_allocations(window: Any, path: str | Path | None = None) -> BackgroundTask | None:
    """导入修改后的分配表: read the edited workbook, show the diff, apply only on confirmation."""
    title = pick("导入修改后的分配表", "Import edited allocation workbook")
    p = Path(path) if path else ask_open(window, title, pick(*EXCEL_FILTER))
    if p is None:
        return None
    session = window.session
    project, scenario = snapshot(session.project), session.scenario

    def stale(diff: AllocationDiff) -> str:
        if session.project.scenario(diff.scenario) is not None:
            return ""
        return pick(
            f"方案“{diff.scenario}”已不存在，未导入。",
            f"Scenario {diff.scenario!r} no longer exists; nothing imported.",
        )

    def review(diff: AllocationDiff) -> _Review:
        return _Review(
            object_name="allocationDiffDialog",
            lines=diff.lines(language()),
            apply_text=pick(
                f"应用 {len(diff.changes)} 处修改", f"Apply {len(diff.changes)} changes"
            ),
            edit=diff.to_edit,
            summary=pick(
                f"文件：{p.name}。以下修改将作为一步操作应用，可撤销；有问题的行不会导入。",
                f"File: {p.name}. The changes below are applied as one undoable step;"
                " rows with problems are not imported.",
            ),
            empty=diff.is_empty,
            attr="diff",
        )

    return _read_then_review(
        window, title, lambda: read_allocation_edits(project, scenario, p), stale, review
    )


# --------------------------------------------------------------------------- candidate submissions
def export_template(window: Any) -> BackgroundTask | None:
    """导出申报模板: the form cities fill in to propose candidates."""
    title = pick("导出申报模板", "Export submission template")
    default = str(
        Path(start_dir(window, EXPORT_FOLDER))
        / suggested_name(window.session.project.name, "", "申报模板")
    )
    path = ask_save(window, title, default, pick(*EXCEL_FILTER))
    if path is None:
        return None
    remember_folder(window, EXPORT_FOLDER, path)
    project = snapshot(window.session.project)

    def work(progress: Any, cancel: Any) -> Path:
        write_submission_template(project, path)
        return path

    return run_with_progress(
        window,
        title,
        work,
        on_success=lambda p: QMessageBox.information(
            window, title, pick(f"已导出申报模板：{p}", f"Template written: {p}")
        ),
        on_error=lambda e: show_error(window, title, e),
    )


def import_candidates(window: Any, path: str | Path | None = None) -> BackgroundTask | None:
    """导入候选申报表: new candidates are listed with every row error before they are added."""
    title = pick("导入候选申报表", "Import candidate submissions")
    p = Path(path) if path else ask_open(window, title, pick(*TABLE_FILTER))
    if p is None:
        return None
    session = window.session
    project = snapshot(session.project)

    def stale(subs: CandidateSubmissions) -> str:
        taken = {c.id for c in session.project.candidates}
        clash = [c.id for c in subs.new if c.id in taken]
        if not clash:
            return ""
        return pick(  # the project changed while reading; ids would collide
            f"项目在读取期间已新增候选 {', '.join(clash)}，请重新导入。",
            f"Candidates {', '.join(clash)} were added meanwhile; import again.",
        )

    def review(subs: CandidateSubmissions) -> _Review:
        return _Review(
            object_name="candidateImportDialog",
            lines=subs.lines(language()),
            apply_text=pick(f"添加 {len(subs.new)} 个候选", f"Add {len(subs.new)} candidates"),
            edit=subs.to_edit,
            summary=pick(
                f"文件：{p.name}。新候选作为一步操作添加，可撤销；有错误的行和重复项不会导入。",
                f"File: {p.name}. New candidates are added as one undoable step; rows with"
                " errors and duplicates are not imported.",
            ),
            empty=subs.is_empty,
            attr="submissions",
        )

    return _read_then_review(
        window, title, lambda: read_candidate_submissions(project, p), stale, review
    )
