"""导入统计数据: file → sheet → preview with what was detected → corrections → report → merge.

The reading is ``workbench.io.stats_import.read_table`` (run in the background); the wizard only
shows what it understood and passes the planner's corrections back as ``ImportOverrides``.
Merging into the project is ``workbench.core.stats_merge.plan_merge``; the conflicts are listed
with a choice each, and the result is pushed as ONE undoable step. Nothing is changed before
the planner presses 完成.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from workbench.core.gazetteer import default_gazetteer
from workbench.core.stats_merge import Conflict, plan_merge
from workbench.io.stats_import import (
    ORIENTATIONS,
    ImportOverrides,
    ImportResult,
    StatsImportError,
    list_sheets,
    read_table,
)
from workbench.io.stats_import.report import orientation_label
from workbench.ui.dialogs.common import TABLE_FILTER, ask_open, error_text, lang_of, tr
from workbench.ui.dialogs.preview_model import COLOURS, LEGEND, PreviewModel
from workbench.ui.worker import run_with_progress

SKIP_REGION = ""  # region-table choice: leave the label unmatched (its values are not imported)
AGGREGATE = "aggregate"
ERROR_STYLE = "color: #b00020;"


def parse_rows(text: str) -> list[int] | None:
    """ "4,5,6" or "4-6" (1-based, as the sheet shows them) -> [3, 4, 5]; "" -> None (auto)."""
    text = text.strip().replace("，", ",").replace("–", "-").replace("—", "-")
    if not text:
        return None
    rows: list[int] = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        m = re.fullmatch(r"(\d+)\s*(?:-\s*(\d+))?", part)
        if not m:
            raise ValueError(part)
        a, b = int(m.group(1)), int(m.group(2) or m.group(1))
        if a < 1 or b < a:
            raise ValueError(part)
        rows.extend(range(a - 1, b))
    return sorted(set(rows))


def format_rows(rows: list[int]) -> str:
    return ",".join(str(r + 1) for r in rows)


# --------------------------------------------------------------------------- pages
class FilePage(QWizardPage):
    def __init__(self, wizard: StatsImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        lang = wizard.lang
        self.setObjectName("statsPageFile")
        self.setTitle(tr("选择文件和工作表", "Choose the file and sheet", lang))
        self.setSubTitle(
            tr(
                "支持 xlsx、xlsm、xls、ods 和 csv（含 GBK 编码）。",
                "xlsx, xlsm, xls, ods and csv (GBK too) are supported.",
                lang,
            )
        )
        lay = QVBoxLayout(self)
        row = QHBoxLayout()
        self.path_edit = QLineEdit(objectName="statsPathEdit")
        browse = QPushButton(tr("浏览…", "Browse…", lang), objectName="statsBrowseButton")
        browse.clicked.connect(self.browse)
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        lay.addLayout(row)
        lay.addWidget(QLabel(tr("工作表：", "Sheet:", lang)))
        self.sheet_list = QListWidget(objectName="statsSheetList")
        lay.addWidget(self.sheet_list, 1)
        self.error_label = QLabel(objectName="statsFileError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        lay.addWidget(self.error_label)
        self.path_edit.editingFinished.connect(self.load_sheets)
        self.sheet_list.currentRowChanged.connect(lambda _r: self.completeChanged.emit())

    def browse(self) -> None:
        path = ask_open(self.wiz.parent(), self.title(), tr(*TABLE_FILTER, self.wiz.lang))
        if path is not None:
            self.path_edit.setText(str(path))
            self.load_sheets()

    def load_sheets(self) -> None:
        self.sheet_list.clear()
        self.error_label.clear()
        text = self.path_edit.text().strip()
        if text:
            try:
                names = list_sheets(text)
            except StatsImportError as exc:
                self.error_label.setText(exc.message(self.wiz.lang))
            except OSError as exc:
                self.error_label.setText(error_text(exc, self.wiz.lang))
            else:
                self.sheet_list.addItems(names)
                if names:
                    self.sheet_list.setCurrentRow(0)
        self.completeChanged.emit()

    @property
    def sheet(self) -> str | None:
        item = self.sheet_list.currentItem()
        return item.text() if item is not None else None

    def isComplete(self) -> bool:
        return self.sheet is not None

    def validatePage(self) -> bool:
        path, sheet = Path(self.path_edit.text().strip()), self.sheet
        if (path, sheet) != (self.wiz.path, self.wiz.sheet):
            self.wiz.path, self.wiz.sheet = path, sheet
            self.wiz.reset_result()
        return True


class PreviewPage(QWizardPage):
    def __init__(self, wizard: StatsImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        lang = wizard.lang
        self.setObjectName("statsPagePreview")
        self.setTitle(tr("预览与校正", "Preview and corrections", lang))
        self.setSubTitle(
            tr(
                "颜色标出识别结果；识别有误时在右侧修改，再点“重新读取”。",
                "Colours show what was recognised; correct anything misread on the right, then"
                " press Re-read.",
                lang,
            )
        )
        outer = QVBoxLayout(self)
        self.detected_label = QLabel(objectName="statsDetectedLabel")
        self.detected_label.setWordWrap(True)
        self.detected_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.detected_label)
        legend = QLabel(
            "　".join(
                f'<span style="background:{COLOURS[k].name()}">&nbsp;{tr(*v, lang)}&nbsp;</span>'
                for k, v in LEGEND.items()
            ),
            objectName="statsLegend",
        )
        outer.addWidget(legend)
        split = QSplitter(Qt.Orientation.Horizontal)
        outer.addWidget(split, 1)

        self.model = PreviewModel(self)
        self.table = QTableView(objectName="statsPreviewTable")
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.table.horizontalHeader().setDefaultSectionSize(110)
        split.addWidget(self.table)

        side = QWidget()
        form_box = QGroupBox(tr("校正", "Corrections", lang))
        form = QFormLayout(form_box)
        self.header_edit = QLineEdit(objectName="statsHeaderRowsEdit")
        self.header_edit.setPlaceholderText(
            tr("如 4-6（留空为自动）", "e.g. 4-6 (empty: auto)", lang)
        )
        form.addRow(tr("表头行", "Header rows", lang), self.header_edit)
        self.unit_edit = QLineEdit(objectName="statsUnitEdit")
        self.unit_edit.setPlaceholderText(
            tr("如 万元（留空为自动）", "e.g. 万元 (empty: auto)", lang)
        )
        form.addRow(tr("单位", "Unit", lang), self.unit_edit)
        self.orientation_combo = QComboBox(objectName="statsOrientationCombo")
        self.orientation_combo.addItem(tr("自动", "Auto", lang), None)
        for o in ORIENTATIONS:
            self.orientation_combo.addItem(orientation_label(o, lang), o)
        form.addRow(tr("方向", "Orientation", lang), self.orientation_combo)
        self.year_spin = QSpinBox(objectName="statsYearSpin")
        self.year_spin.setRange(0, 2100)
        self.year_spin.setSpecialValueText(tr("自动", "Auto", lang))
        form.addRow(tr("年份", "Year", lang), self.year_spin)
        side_lay = QVBoxLayout(side)
        side_lay.setContentsMargins(0, 0, 0, 0)
        side_lay.addWidget(form_box)
        side_lay.addWidget(QLabel(tr("未匹配的地区：", "Regions not matched:", lang)))
        self.region_table = QTableWidget(0, 3, objectName="statsRegionTable")
        self.region_table.setHorizontalHeaderLabels(
            [
                tr("表中名称", "As printed", lang),
                tr("数值", "Values", lang),
                tr("对应", "Match", lang),
            ]
        )
        self.region_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.region_table.verticalHeader().hide()
        side_lay.addWidget(self.region_table, 1)
        self.reread_button = QPushButton(
            tr("重新读取", "Re-read", lang), objectName="statsRereadButton"
        )
        self.reread_button.clicked.connect(self.reread)
        side_lay.addWidget(self.reread_button)
        self.error_label = QLabel(objectName="statsPreviewError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        side_lay.addWidget(self.error_label)
        split.addWidget(side)
        split.setSizes([640, 320])

    def initializePage(self) -> None:
        if self.wiz.result is None and self.wiz.task is None:
            self.wiz.read(ImportOverrides())

    def isComplete(self) -> bool:
        return self.wiz.result is not None and self.wiz.task is None

    def show_result(self, result: ImportResult | None) -> None:
        lang = self.wiz.lang
        self.model.set_result(result, lang)
        self.region_table.setRowCount(0)
        if result is None:
            self.detected_label.clear()
            self.completeChanged.emit()
            return
        rep = result.report
        unit = rep.unit or tr("（未统一说明）", "(none)", lang)
        year = str(rep.year) if rep.year else tr("见各列/各行", "per column/row", lang)
        data = f"{rep.data_rows[0] + 1}–{rep.data_rows[1] + 1}" if rep.data_rows else "-"
        self.detected_label.setText(
            tr(
                f"识别：表头第 {format_rows(rep.header_rows) or '-'} 行；数据第 {data} 行；"
                f"单位 {unit}；年份 {year}；方向 {orientation_label(rep.orientation, lang)}；"
                f"导入 {rep.imported} 个数值，未匹配地区 {len(rep.unmatched)} 个。",
                f"Detected: header rows {format_rows(rep.header_rows) or '-'}; data rows {data}; "
                f"unit {unit}; year {year}; {orientation_label(rep.orientation, lang)}; "
                f"{rep.imported} values, {len(rep.unmatched)} regions not matched.",
                lang,
            )
        )
        self.header_edit.setText(format_rows(rep.header_rows))
        manual = self.wiz.overrides.region_matches
        g = default_gazetteer()
        for u in rep.unmatched:
            r = self.region_table.rowCount()
            self.region_table.insertRow(r)
            self.region_table.setItem(r, 0, QTableWidgetItem(u.label))
            self.region_table.setItem(r, 1, QTableWidgetItem(str(u.values)))
            combo = QComboBox(objectName=f"statsRegionCombo_{r}")
            combo.setEditable(True)
            combo.addItem(tr("（不导入）", "(do not import)", lang), SKIP_REGION)
            for name in u.suggestions[:8]:
                hit = g.lookup(name)
                if hit.code:
                    combo.addItem(f"{name}（{hit.code}）", hit.code)
            combo.addItem(tr("合计/分组行", "total or group row", lang), AGGREGATE)
            if u.label in manual:
                combo.setCurrentIndex(max(combo.findData(manual[u.label]), 0))
            self.region_table.setCellWidget(r, 2, combo)
        self.completeChanged.emit()

    def region_choices(self) -> dict[str, str]:
        """Label -> code (or "aggregate") for every unmatched label the user has matched."""
        out: dict[str, str] = {}
        g = default_gazetteer()
        for r in range(self.region_table.rowCount()):
            label = self.region_table.item(r, 0).text()
            combo = self.region_table.cellWidget(r, 2)
            idx = combo.findText(combo.currentText())
            code = combo.itemData(idx) if idx >= 0 else None
            if code is None:  # typed: a 6-digit code or a name
                text = combo.currentText().strip()
                code = text if re.fullmatch(r"\d{6}", text) else g.lookup(text).code
                if not code:
                    raise ValueError(
                        tr(
                            f"“{text}”不是已知地区",
                            f"{text!r} is not a known region",
                            self.wiz.lang,
                        )
                    )
            if code:
                out[label] = code
        return out

    def reread(self) -> None:
        lang = self.wiz.lang
        try:
            header_rows = parse_rows(self.header_edit.text())
        except ValueError as exc:
            self.error_label.setText(
                tr(
                    f"表头行“{exc}”无法识别，请写作 4-6 或 4,5,6",
                    f"Header rows {exc!r}: use 4-6",
                    lang,
                )
            )
            return
        try:
            matches = {**self.wiz.overrides.region_matches, **self.region_choices()}
        except ValueError as exc:
            self.error_label.setText(str(exc))
            return
        self.error_label.clear()
        ov = ImportOverrides(
            header_rows=header_rows,
            unit=self.unit_edit.text().strip() or None,
            orientation=self.orientation_combo.currentData(),
            year=self.year_spin.value() or None,
            region_matches=matches,
        )
        self.wiz.read(ov)


class ReportPage(QWizardPage):
    def __init__(self, wizard: StatsImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setObjectName("statsPageReport")
        self.setTitle(tr("导入报告", "Import report", wizard.lang))
        lay = QVBoxLayout(self)
        self.text = QPlainTextEdit(objectName="statsReportText")
        self.text.setReadOnly(True)
        lay.addWidget(self.text)

    def initializePage(self) -> None:
        result = self.wiz.result
        self.text.setPlainText("\n".join(result.report.lines(self.wiz.lang)) if result else "")


class MergePage(QWizardPage):
    """New values, unchanged values and conflicts; each conflict needs the planner's choice."""

    def __init__(self, wizard: StatsImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        lang = wizard.lang
        self.setObjectName("statsPageMerge")
        self.setTitle(tr("合并到项目", "Merge into the project", lang))
        self.setSubTitle(
            tr(
                "冲突的数值（同一地区、指标、年份已有不同数值）逐项选择；完成后作为一步操作应用，可撤销。",
                "Conflicting values (same region, indicator and year, different value) each need a"
                " choice; Finish applies everything as one undoable step.",
                lang,
            )
        )
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.vintage_edit = QLineEdit(objectName="statsVintageEdit")
        self.vintage_edit.setPlaceholderText(
            tr("如 重庆统计年鉴2024（记入每个数值的来源）", "e.g. the yearbook and edition", lang)
        )
        form.addRow(tr("数据版本", "Vintage", lang), self.vintage_edit)
        lay.addLayout(form)
        self.summary = QLabel(objectName="statsMergeSummary")
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        self.conflict_table = QTableWidget(0, 5, objectName="statsConflictTable")
        self.conflict_table.setHorizontalHeaderLabels(
            [
                tr("地区", "Region", lang),
                tr("指标", "Indicator", lang),
                tr("年份", "Year", lang),
                tr("项目中 → 导入", "Project → imported", lang),
                tr("采用", "Use", lang),
            ]
        )
        self.conflict_table.horizontalHeader().setSectionResizeMode(
            3, QHeaderView.ResizeMode.Stretch
        )
        self.conflict_table.verticalHeader().hide()
        lay.addWidget(self.conflict_table, 1)
        self.error_label = QLabel(objectName="statsMergeError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        lay.addWidget(self.error_label)
        self.plan: Any = None

    def initializePage(self) -> None:
        lang = self.wiz.lang
        self.plan = None
        self.conflict_table.setRowCount(0)
        self.error_label.clear()
        if not self.vintage_edit.text() and self.wiz.result is not None:
            rep = self.wiz.result.report
            self.vintage_edit.setText(" ".join(x for x in (rep.table_number, rep.title) if x))
        try:
            self.plan = self.make_plan()
        except Exception as exc:  # a bad table is reported on the page, the project untouched
            self.error_label.setText(error_text(exc, lang))
            self.completeChanged.emit()
            return
        plan = self.plan
        self.summary.setText(
            tr(
                f"新增 {len(plan.new)} 个数值，与项目相同 {len(plan.unchanged)} 个，"
                f"冲突 {len(plan.conflicts)} 个，不并入 {len(plan.skipped)} 个"
                "（合计/分组行或项目中没有的地区）。",
                f"{len(plan.new)} new values, {len(plan.unchanged)} unchanged, "
                f"{len(plan.conflicts)} conflicts, {len(plan.skipped)} not merged"
                " (totals, groups or regions not in the project).",
                lang,
            )
        )
        for i, c in enumerate(plan.conflicts):
            self.conflict_table.insertRow(i)
            for j, text in enumerate(conflict_cells(c)):
                item = QTableWidgetItem(text)
                item.setToolTip(
                    tr("项目中：", "Project: ", lang)
                    + (c.existing.source or tr("（无来源）", "(no source)", lang))
                    + "\n"
                    + tr("导入：", "Imported: ", lang)
                    + c.incoming.source
                )
                self.conflict_table.setItem(i, j, item)
            combo = QComboBox(objectName=f"statsConflictChoice_{i}")
            combo.addItem(tr("保留项目中的数值", "Keep the project's value", lang), "keep")
            combo.addItem(tr("采用导入的数值", "Use the imported value", lang), "import")
            self.conflict_table.setCellWidget(i, 4, combo)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.plan is not None

    def make_plan(self) -> Any:
        result = self.wiz.result
        assert result is not None
        vintage = self.vintage_edit.text().strip()
        return plan_merge(self.wiz.session.project, result.tidy, vintage=vintage)

    def choices(self) -> list[tuple[str, str, int]]:
        """Keys of the conflicts where the planner chose the imported value."""
        return [
            self.plan.conflicts[i].key
            for i in range(self.conflict_table.rowCount())
            if self.conflict_table.cellWidget(i, 4).currentData() == "import"
        ]


def conflict_cells(c: Conflict) -> list[str]:
    """Region, indicator, year and "project value → imported value" with units."""
    old, new = c.existing, c.incoming
    return [
        f"{c.region}（{c.region_code}）",
        c.indicator,
        str(c.year),
        f"{old.value:,.10g} {old.unit} → {new.value:,.10g} {new.unit}",
    ]


# --------------------------------------------------------------------------- the wizard
class StatsImportWizard(QWizard):
    """The 导入统计数据 wizard; opened window-modal (``open()``), never blocking the window."""

    def __init__(self, window: Any, path: Path | None = None) -> None:
        super().__init__(window)
        self.window_ = window
        self.session = window.session
        self.lang = lang_of(window)
        self.setObjectName("statsImportWizard")
        self.setWindowTitle(tr("导入统计数据", "Import statistics", self.lang))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.resize(1000, 640)
        self.path: Path | None = None
        self.sheet: str | None = None
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
            self.setButtonText(button, tr(zh, en, self.lang))
        if path is not None:
            self.file_page.path_edit.setText(str(path))
            self.file_page.load_sheets()

    def reset_result(self) -> None:
        self.result = None
        self.overrides = ImportOverrides()
        self.preview_page.show_result(None)

    def read(self, overrides: ImportOverrides) -> None:
        """Read the chosen sheet with ``overrides`` in the background; keep the old preview on error."""
        assert self.path is not None
        path, sheet, lang = self.path, self.sheet, self.lang
        title = tr(f"读取 {path.name}", f"Reading {path.name}", lang)

        def done(result: ImportResult) -> None:
            self.task = None
            self.overrides = overrides
            self.result = result
            self.preview_page.show_result(result)

        def failed(exc: BaseException) -> None:
            self.task = None
            self.preview_page.error_label.setText(error_text(exc, lang))
            self.preview_page.completeChanged.emit()

        def cancelled() -> None:
            self.task = None
            self.preview_page.completeChanged.emit()

        self.task = run_with_progress(
            self,
            title,
            lambda progress, cancel: read_table(path, sheet, overrides=overrides),
            on_success=done,
            on_error=failed,
            on_cancel=cancelled,
            lang=lang,
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
            self.merge_page.error_label.setText(error_text(exc, self.lang))
            return
        self.session.push(edit)
        super().accept()
