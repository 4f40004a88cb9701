"""Pages 3 and 4: the import report, then the merge plan with a choice for each conflict."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from workbench.core.stats_merge import Conflict, plan_merge
from workbench.io.stats_import.report import indicator_label
from workbench.ui.dialogs.common import error_text
from workbench.ui.dialogs.stats_wizard.rows import ERROR_STYLE
from workbench.ui.i18n import language, pick

if TYPE_CHECKING:
    from workbench.ui.dialogs.stats_wizard.wizard import StatsImportWizard


class ReportPage(QWizardPage):
    def __init__(self, wizard: StatsImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setObjectName("statsPageReport")
        self.setTitle(pick("导入报告", "Import report"))
        lay = QVBoxLayout(self)
        self.text = QPlainTextEdit(objectName="statsReportText")
        self.text.setReadOnly(True)
        lay.addWidget(self.text)

    def initializePage(self) -> None:
        result = self.wiz.result
        self.text.setPlainText("\n".join(result.report.lines(language())) if result else "")


class MergePage(QWizardPage):
    """New values, unchanged values and conflicts; each conflict needs the planner's choice."""

    def __init__(self, wizard: StatsImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setObjectName("statsPageMerge")
        self.setTitle(pick("合并到项目", "Merge into the project"))
        self.setSubTitle(
            pick(
                "冲突的数值（同一地区、指标、年份已有不同数值）逐项选择；完成后作为一步操作应用，可撤销。",
                "Conflicting values (same region, indicator and year, different value) each need a"
                " choice; Finish applies everything as one undoable step.",
            )
        )
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.vintage_edit = QLineEdit(objectName="statsVintageEdit")
        self.vintage_edit.setPlaceholderText(
            pick("如 重庆统计年鉴2024（记入每个数值的来源）", "e.g. the yearbook and edition")
        )
        form.addRow(pick("数据版本", "Vintage"), self.vintage_edit)
        lay.addLayout(form)
        self.summary = QLabel(objectName="statsMergeSummary")
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        self.conflict_table = QTableWidget(0, 5, objectName="statsConflictTable")
        self.conflict_table.setHorizontalHeaderLabels(
            [
                pick("地区", "Region"),
                pick("指标", "Indicator"),
                pick("年份", "Year"),
                pick("项目中 → 导入", "Project → imported"),
                pick("采用", "Use"),
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
        self.plan = None
        self.conflict_table.setRowCount(0)
        self.error_label.clear()
        if not self.vintage_edit.text() and self.wiz.result is not None:
            rep = self.wiz.result.report
            rep = rep.parts[0] if rep.parts else rep
            self.vintage_edit.setText(" ".join(x for x in (rep.table_number, rep.title) if x))
        try:
            self.plan = self.make_plan()
        except Exception as exc:  # a bad table is reported on the page, the project untouched
            self.error_label.setText(error_text(exc))
            self.completeChanged.emit()
            return
        plan = self.plan
        self.summary.setText(
            pick(
                f"新增 {len(plan.new)} 个数值，与项目相同 {len(plan.unchanged)} 个，"
                f"冲突 {len(plan.conflicts)} 个，不并入 {len(plan.skipped)} 个"
                "（合计/分组行或项目中没有的地区）。",
                f"{len(plan.new)} new values, {len(plan.unchanged)} unchanged, "
                f"{len(plan.conflicts)} conflicts, {len(plan.skipped)} not merged"
                " (totals, groups or regions not in the project).",
            )
            + "".join("\n" + pick(zh, en) for zh, en in plan.notes)
        )
        for i, c in enumerate(plan.conflicts):
            self.conflict_table.insertRow(i)
            for j, text in enumerate(conflict_cells(c)):
                item = QTableWidgetItem(text)
                item.setToolTip(
                    pick("项目中：", "Project: ")
                    + (c.existing.source or pick("（无来源）", "(no source)"))
                    + "\n"
                    + pick("导入：", "Imported: ")
                    + c.incoming.source
                )
                self.conflict_table.setItem(i, j, item)
            combo = QComboBox(objectName=f"statsConflictChoice_{i}")
            combo.addItem(pick("保留项目中的数值", "Keep the project's value"), "keep")
            combo.addItem(pick("采用导入的数值", "Use the imported value"), "import")
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
        indicator_label(c.indicator, language()),
        str(c.year),
        f"{old.value:,.10g} {old.unit} → {new.value:,.10g} {new.unit}",
    ]
