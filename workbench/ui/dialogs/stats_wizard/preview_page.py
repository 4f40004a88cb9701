"""Page 2: the sheet as read, coloured by what was recognised, and the planner's corrections."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.ui.dialogs.stats_wizard.wizard import StatsImportWizard

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from workbench.core.gazetteer import default_gazetteer
from workbench.io.stats_import import ORIENTATIONS, ImportOverrides, ImportResult
from workbench.io.stats_import.report import orientation_label, unit_text
from workbench.ui.dialogs.preview_model import COLOURS, LEGEND, PreviewModel
from workbench.ui.dialogs.stats_wizard.rows import ERROR_STYLE, format_rows, parse_rows
from workbench.ui.i18n import language, pick

SKIP_REGION = ""  # region-table choice: leave the label unmatched (its values are not imported)
AGGREGATE = "aggregate"


class PreviewPage(QWizardPage):
    def __init__(self, wizard: StatsImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setObjectName("statsPagePreview")
        self.setTitle(pick("预览与校正", "Preview and corrections"))
        self.setSubTitle(
            pick(
                "颜色标出识别结果；识别有误时在右侧修改，再点“重新读取”。",
                "Colours show what was recognised; correct anything misread on the right, then"
                " press Re-read.",
            )
        )
        outer = QVBoxLayout(self)
        self.detected_label = QLabel(objectName="statsDetectedLabel")
        self.detected_label.setWordWrap(True)
        self.detected_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.detected_label)
        legend = QLabel(
            "　".join(
                f'<span style="background:{COLOURS[k].name()}">&nbsp;{pick(*v)}&nbsp;</span>'
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

        split.addWidget(self._side_panel())
        split.setSizes([640, 320])

    def _side_panel(self) -> QWidget:
        """The corrections form, the unmatched-region table and the re-read button."""
        side = QWidget()
        form_box = QGroupBox(pick("校正", "Corrections"))
        form = QFormLayout(form_box)
        self.header_edit = QLineEdit(objectName="statsHeaderRowsEdit")
        self.header_edit.setPlaceholderText(pick("如 4-6（留空为自动）", "e.g. 4-6 (empty: auto)"))
        form.addRow(pick("表头行", "Header rows"), self.header_edit)
        self.unit_edit = QLineEdit(objectName="statsUnitEdit")
        self.unit_edit.setPlaceholderText(pick("如 万元（留空为自动）", "e.g. 万元 (empty: auto)"))
        form.addRow(pick("单位", "Unit"), self.unit_edit)
        self.orientation_combo = QComboBox(objectName="statsOrientationCombo")
        self.orientation_combo.addItem(pick("自动", "Auto"), None)
        for o in ORIENTATIONS:
            self.orientation_combo.addItem(orientation_label(o, language()), o)
        form.addRow(pick("方向", "Orientation"), self.orientation_combo)
        self.year_spin = QSpinBox(objectName="statsYearSpin")
        self.year_spin.setRange(0, 2100)
        self.year_spin.setSpecialValueText(pick("自动", "Auto"))
        form.addRow(pick("年份", "Year"), self.year_spin)
        self.region_edit = QLineEdit(objectName="statsTableRegionEdit")
        self.region_edit.setPlaceholderText(
            pick(
                "如 成都市 或 510100（表中无地区时填写）",
                "e.g. 成都市 or 510100 (a table naming none)",
            )
        )
        self.region_edit.setToolTip(
            pick(
                "整张表所说的地区：统计月报等只写“全市”“本县”的表需要它",
                "The region the whole table is about: monthly reports that only say 全市 need it",
            )
        )
        form.addRow(pick("整表地区", "Table's region"), self.region_edit)
        side_lay = QVBoxLayout(side)
        side_lay.setContentsMargins(0, 0, 0, 0)
        side_lay.addWidget(form_box)
        side_lay.addWidget(QLabel(pick("未匹配的地区：", "Regions not matched:")))
        self.region_table = QTableWidget(0, 3, objectName="statsRegionTable")
        self.region_table.setHorizontalHeaderLabels(
            [
                pick("表中名称", "As printed"),
                pick("数值", "Values"),
                pick("对应", "Match"),
            ]
        )
        self.region_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.region_table.verticalHeader().hide()
        side_lay.addWidget(self.region_table, 1)
        self.reread_button = QPushButton(
            pick("重新读取", "Re-read"), objectName="statsRereadButton"
        )
        self.reread_button.clicked.connect(self.reread)
        side_lay.addWidget(self.reread_button)
        self.error_label = QLabel(objectName="statsPreviewError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        side_lay.addWidget(self.error_label)
        return side

    def initializePage(self) -> None:
        if self.wiz.result is None and self.wiz.task is None:
            self.wiz.read(ImportOverrides())

    def isComplete(self) -> bool:
        return self.wiz.result is not None and self.wiz.task is None

    def show_result(self, result: ImportResult | None) -> None:
        self.model.set_result(result)
        self.region_table.setRowCount(0)
        if result is None:
            self.detected_label.clear()
            self.completeChanged.emit()
            return
        rep = result.report
        shown = rep.parts[0] if rep.parts else rep  # several sheets: the previewed one's layout
        unit = unit_text(shown.unit or "") or pick("（未统一说明）", "(none)")
        year = str(shown.year) if shown.year else pick("见各列/各行", "per column/row")
        rows = shown.data_rows
        data = f"{rows[0] + 1}–{rows[1] + 1}" if rows else "-"
        orient = orientation_label(shown.orientation, language())
        sheets = ""
        if rep.parts and rep.tables:  # several tables of one sheet, each read on its own
            sheets = pick(f"（{len(rep.parts)} 张表）", f" ({len(rep.parts)} tables)")
        elif rep.parts:
            sheets = pick(f"（{len(rep.parts)} 个工作表）", f" ({len(rep.parts)} sheets)")
        self.detected_label.setText(
            pick(
                f"识别：表头第 {format_rows(shown.header_rows) or '-'} 行；数据第 {data} 行；"
                f"单位 {unit}；年份 {year}；方向 {orient}；"
                f"导入 {rep.imported} 个数值{sheets}，未匹配地区 {len(rep.unmatched)} 个。",
                f"Detected: header rows {format_rows(shown.header_rows) or '-'}; data rows {data}; "
                f"unit {unit}; year {year}; {orient}; "
                f"{rep.imported} values{sheets}, {len(rep.unmatched)} regions not matched.",
            )
        )
        self.header_edit.setText(format_rows(shown.header_rows))
        manual = self.wiz.overrides.region_matches
        g = default_gazetteer()
        for u in rep.unmatched:
            r = self.region_table.rowCount()
            self.region_table.insertRow(r)
            item = QTableWidgetItem(u.label)
            if any(u.reason):  # why it is not matched (a functional area, the wrong parent…)
                item.setToolTip(pick(*u.reason))
            self.region_table.setItem(r, 0, item)
            self.region_table.setItem(r, 1, QTableWidgetItem(str(u.values)))
            combo = QComboBox(objectName=f"statsRegionCombo_{r}")
            combo.setEditable(True)
            combo.addItem(pick("（不导入）", "(do not import)"), SKIP_REGION)
            for name in u.suggestions[:8]:
                hit = g.lookup(name)
                if hit.code:
                    combo.addItem(f"{name}（{hit.code}）", hit.code)
            combo.addItem(pick("合计/分组行", "total or group row"), AGGREGATE)
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
                        pick(f"“{text}”不是已知地区", f"{text!r} is not a known region")
                    )
            if code:
                out[label] = code
        return out

    def table_region(self) -> str | None:
        """The code the table-region field names (a 6-digit code or a name with one place), or
        None when empty; ValueError with the user's-language message otherwise."""
        text = self.region_edit.text().strip()
        if not text:
            return None
        g = default_gazetteer()
        hit = g.given(text)
        if hit.code:
            return hit.code
        if hit.candidates:
            names = "、".join(g.full_name(c) for c in hit.candidates[:4])
            raise ValueError(
                pick(
                    f"整表地区“{text}”有多个同名地区（{names}），请填写代码",
                    f"table's region {text!r} fits several places ({names}); give its code",
                )
            )
        raise ValueError(
            pick(f"整表地区“{text}”不是已知地区", f"table's region {text!r} is not a known region")
        )

    def reread(self) -> None:
        try:
            header_rows = parse_rows(self.header_edit.text())
        except ValueError as exc:
            self.error_label.setText(
                pick(f"表头行“{exc}”无法识别，请写作 4-6 或 4,5,6", f"Header rows {exc!r}: use 4-6")
            )
            return
        try:
            matches = {**self.wiz.overrides.region_matches, **self.region_choices()}
            region = self.table_region()
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
            region=region,
        )
        self.wiz.read(ov)
