"""The comparison, statistics and structure tabs of the regions dock."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from workbench.core.enums import Level, MetroRole
from workbench.core.regions.stats import delete_edit, prefer_edit, stat_rows
from workbench.ui.i18n import pick
from workbench.ui.models.common import SORT_ROLE
from workbench.ui.regions.models import (
    CODE_ROLE,
    CompareModel,
    HistoryModel,
    StatisticsModel,
    indicator_name,
)
from workbench.ui.regions.texts import t
from workbench.ui.session import ProjectSession
from workbench.ui.tables import fit_table


def _table(parent: QWidget, name: str, model: Any) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.verticalHeader().hide()
    fit_table(view)
    return view, proxy


class CompareTab(QWidget):
    regionActivated = Signal(str)

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.members = QComboBox(self)
        self.members.setObjectName("compareMembers")
        for key in ("members.all", "members.chengdu", "members.chongqing", "members.units"):
            self.members.addItem(t(key), key)
        self.copy_button = QPushButton(t("copy"), self)
        self.copy_button.setObjectName("compareCopy")
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.model = CompareModel(self)
        self.view, self.proxy = _table(self, "compareTable", self.model)
        self.view.doubleClicked.connect(self._activated)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(t("members"), self))
        bar.addWidget(self.members, 1)
        bar.addWidget(self.copy_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addLayout(bar)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.note)
        self.members.currentIndexChanged.connect(lambda _i: self.stale())
        self.copy_button.clicked.connect(self.copy)
        self._stale = True

    def member_codes(self) -> list[str] | None:
        p = self.session.project
        key = self.members.currentData()
        if key == "members.chengdu":
            return [
                r.code
                for r in p.regions
                if r.level is Level.COUNTY and r.chengdu_metro is not MetroRole.NO
            ]
        if key == "members.chongqing":
            return [r.code for r in p.regions if r.level is Level.COUNTY and r.chongqing_metro]
        if key == "members.units":
            return p.planning_unit_codes()
        return None

    def stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self, engine: Any = None) -> None:
        from workbench.core.regions.compare import compare_regions

        engine = engine if engine is not None else self.parent_engine()
        frame = compare_regions(
            self.session.project, self.session.scenario, self.member_codes(), engine
        )
        self.model.set_frame(frame)
        self.proxy.sort(0, Qt.SortOrder.AscendingOrder)
        self.note.setText(
            pick(
                "千亿：GDP ≥ 1000亿元。达千亿年份按基线增速推算；方案 = 基线 + 净增量（2030年后保持2030年水平）。"
                "县在四川按地级市规划时没有单独的预测增量。",
                "100bn+ (a qianyi county): GDP of at least 100bn yuan. The year it is reached follows "
                "the baseline growth; "
                "draft = baseline + net uplift (held at its 2030 level after 2030). A Sichuan county "
                "has no uplift of its own while Sichuan plans by prefecture.",
            )
        )
        self._stale = False

    def parent_engine(self) -> Any:
        host = self.parent()
        while host is not None and not hasattr(host, "engine"):
            host = host.parent()
        return host.engine() if host is not None else None

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def copy(self) -> None:
        QApplication.clipboard().setText(self.model.as_text())
        self.note.setText(t("copied", n=len(self.model.codes)))

    def _activated(self, index: Any) -> None:
        code = index.data(CODE_ROLE)
        if code:
            self.regionActivated.emit(str(code))


class StatisticsTab(QWidget):
    regionActivated = Signal(str)

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.region_filter = QLineEdit(self)
        self.region_filter.setObjectName("statsRegionFilter")
        self.region_filter.setPlaceholderText(t("filter.region"))
        self.indicator = QComboBox(self)
        self.indicator.setObjectName("statsIndicator")
        self.conflicts = QCheckBox(t("filter.conflicts"), self)
        self.conflicts.setObjectName("statsConflicts")
        self.delete_button = QPushButton(t("stats.delete"), self)
        self.delete_button.setObjectName("statsDelete")
        self.prefer_button = QPushButton(t("stats.prefer"), self)
        self.prefer_button.setObjectName("statsPrefer")
        self.model = StatisticsModel(session, self)
        self.view, self.proxy = _table(self, "statisticsTable", self.model)
        self.view.doubleClicked.connect(self._activated)
        self.history = HistoryModel(session, self)
        self.history_view, _ = _table(self, "importHistory", self.history)
        self.history_note = QLabel(self)
        self.history_note.setWordWrap(True)
        bar = QHBoxLayout()
        for w in (self.region_filter, self.indicator, self.conflicts):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.prefer_button)
        bar.addWidget(self.delete_button)
        lower = QWidget(self)
        ll = QVBoxLayout(lower)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(QLabel(t("stats.history"), lower))
        ll.addWidget(self.history_view, 1)
        ll.addWidget(self.history_note)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.view)
        split.addWidget(lower)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addLayout(bar)
        lay.addWidget(split, 1)
        self.region_filter.textChanged.connect(lambda _t: self.refresh())
        self.indicator.currentIndexChanged.connect(lambda _i: self.refresh())
        self.conflicts.toggled.connect(lambda _b: self.refresh())
        self.delete_button.clicked.connect(self.delete_selected)
        self.prefer_button.clicked.connect(self.prefer_selected)
        self._fill_indicators()

    def _fill_indicators(self) -> None:
        current = self.indicator.currentData()
        keys = sorted({s.indicator for r in self.session.project.regions for s in r.statistics})
        self.indicator.blockSignals(True)
        self.indicator.clear()
        self.indicator.addItem(t("filter.indicator.all"), "")
        for k in keys:
            self.indicator.addItem(indicator_name(k), k)
        self.indicator.setCurrentIndex(max(self.indicator.findData(current), 0))
        self.indicator.blockSignals(False)

    def show_region(self, code: str) -> None:
        self.region_filter.setText(code)

    def refresh(self) -> None:
        p = self.session.project
        text = self.region_filter.text().strip()
        codes = None
        if text:
            codes = {r.code for r in p.regions if text in r.code or text in r.name}
        rows = stat_rows(p, codes)
        ind = self.indicator.currentData()
        rows = [r for r in rows if (not ind or r.stat.indicator == ind)]
        if self.conflicts.isChecked():
            rows = [r for r in rows if r.conflict]
        self.model.set_rows(rows)
        self.history.refresh()
        self.history_note.setText("" if self.history.records else t("stats.history.none"))

    def on_project_changed(self) -> None:
        self._fill_indicators()
        self.refresh()

    def selected(self) -> list[Any]:
        rows = {self.proxy.mapToSource(i).row() for i in self.view.selectionModel().selectedRows()}
        return [self.model.source_rows[r] for r in sorted(rows)]

    def delete_selected(self) -> None:
        from workbench.core.edits import Compound

        rows = self.selected()
        if not rows:
            return
        edit = Compound([delete_edit(r.address) for r in rows])
        edit.text_zh = f"删除 {len(rows)} 个统计数据"
        edit.text_en = f"Delete {len(rows)} statistics"
        self.session.push(edit)

    def prefer_selected(self) -> None:
        rows = self.selected()
        if len(rows) == 1:
            self.session.push(prefer_edit(self.session.project, rows[0].address))

    def _activated(self, index: Any) -> None:
        if index.column() == 0 and (code := index.data(CODE_ROLE)):
            self.regionActivated.emit(str(code))


class StructureTab(QTextBrowser):
    """Similarity (产业同构) and chain-link centrality, each with its reading and method source."""

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("structureView")
        self.session = session
        self.setOpenLinks(False)

    def refresh(self) -> None:
        from workbench.core.regions.indicators import centrality, similarity

        p = self.session.project
        names = {r.code: r.name for r in p.regions}
        sim = similarity(p)
        cen = centrality(p, self.session.scenario or None)
        flagged = [
            f"<tr><td>{escape(names.get(a, a))}</td><td>{escape(names.get(b, b))}</td>"
            f"<td>{c:.3f}</td><td>{sim.krugman.loc[a, b]:.3f}</td></tr>"
            for a, b, c in sorted(sim.flagged, key=lambda x: -x[2])[:15]
        ]
        head = "".join(f"<th>{escape(pick(*h))}</th>" for h in (("地区", "Region"),
                       ("地区", "Region"), ("余弦相似", "Cosine"), ("克鲁格曼差异", "Krugman")))  # fmt: skip
        cen_rows = [
            f"<tr><td>{escape(r.region)}</td><td>{r.degree}</td><td>{r.links_in}</td>"
            f"<td>{r.links_out}</td><td>{r.internal}</td><td>{r.betweenness:.3f}</td></tr>"
            for r in cen.table.itertuples()
        ]
        chead = "".join(f"<th>{escape(pick(*h))}</th>" for h in (("地区", "Region"),
                        ("度", "Degree"), ("流入", "In"), ("流出", "Out"), ("区内", "Inside"),
                        ("介数中心性", "Betweenness")))  # fmt: skip
        table = "<table border='1' cellspacing='0' cellpadding='3'>"
        self.setHtml(
            f"<h3>{pick('产业结构相似（产业同构）', 'Industrial similarity (duplicated structures)')}</h3>"
            f"<p><b>{escape(pick(sim.reading_zh, sim.reading_en))}</b></p>"
            f"{table}<tr>{head}</tr>{''.join(flagged)}</table>"
            + (
                pick(
                    f"<p>另有 {len(sim.flagged) - 15} 对未列出。</p>",
                    f"<p>{len(sim.flagged) - 15} more pairs not listed.</p>",
                )
                if len(sim.flagged) > 15
                else ""
            )
            + f"<p>{escape(pick('比较的地区数', 'Regions compared'))}: {len(sim.shares)}</p>"
            f"<p>{pick('方法：余弦相似（UNIDO 产业结构相似系数，1979）与 Krugman 专业化指数（1991），见 docs/regions.md。', 'Method: cosine similarity (UNIDO structural similarity coefficient, 1979) and the Krugman specialisation index (1991); see docs/regions.md.')}</p>"
            f"<h3>{pick('产业链网络（多中心—网络式）', 'Chain-link network (polycentric or hub)')}</h3>"
            f"<p><b>{escape(pick(cen.reading_zh, cen.reading_en))}</b></p>"
            f"{table}<tr>{chead}</tr>{''.join(cen_rows)}</table>"
            f"<p>{pick('方法：度与介数中心性（Brandes 2001），按规划单元，只计方案中获得投资的候选之间的链接。', 'Method: degree and betweenness centrality (Brandes 2001) by planning unit, over links between candidates funded in the scenario.')}</p>"
        )
