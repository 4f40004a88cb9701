"""地区: pick a county, district or city and see it whole; compare regions; read and correct the
imported statistics; read the structure indicators. Registered in ``ui/panels/registry.py`` and
built deferred; the projections it reads come from its own engine, rebuilt after an edit only
when a tab that needs them is shown."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from workbench.core.addresses import FieldPath, StatisticField
from workbench.core.edits import Changes
from workbench.core.enums import Level
from workbench.ui.regions.profile_view import LINK, profile_html
from workbench.ui.regions.tabs import CompareTab, StatisticsTab, StructureTab
from workbench.ui.regions.texts import t
from workbench.ui.session import ProjectSession


class RegionsPanel(QWidget):
    regionShown = Signal(str)

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("regionsPanel")
        self.session = session
        self._engine: Any = None
        self._bands_hooked = False
        self.code = ""
        self.picker = QComboBox(self)
        self.picker.setObjectName("regionPicker")
        self.picker.setEditable(True)
        self.picker.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.picker.setToolTip(t("pick.tip"))
        self.profile = QTextBrowser(self)
        self.profile.setObjectName("regionProfile")
        self.profile.setOpenLinks(False)
        self.profile.anchorClicked.connect(self._link)
        self.compare = CompareTab(session, self)
        self.statistics = StatisticsTab(session, self)
        self.structure = StructureTab(session, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("regionTabs")
        self.tabs.addTab(self.profile, t("tab.profile"))
        self.tabs.addTab(self.compare, t("tab.compare"))
        self.tabs.addTab(self.statistics, t("tab.stats"))
        self.tabs.addTab(self.structure, t("tab.structure"))
        bar = QHBoxLayout()
        bar.addWidget(QLabel(t("pick"), self))
        bar.addWidget(self.picker, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(bar)
        lay.addWidget(self.tabs, 1)
        self._fill_picker()
        self.picker.activated.connect(self._picked)
        self.compare.regionActivated.connect(self.show_region)
        self.statistics.regionActivated.connect(self.show_region)
        self.tabs.currentChanged.connect(lambda _i: self._refresh_tab())
        session.changed.connect(self._on_changed)
        session.projectReplaced.connect(self._on_replaced)
        session.scenarioChanged.connect(lambda _s: self._on_changed(Changes()))
        self.statistics.refresh()

    # ------------------------------------------------------------------ data
    def engine(self) -> Any:
        """The projection engine of the current project (built on first use, dropped on edits)."""
        if self._engine is None:
            from workbench.core.projections.engine import ProjectionEngine

            self._engine = ProjectionEngine(self.session.project)
        return self._engine

    def _fill_picker(self) -> None:
        p = self.session.project
        self.picker.blockSignals(True)
        self.picker.clear()
        names = {r.code: r.name for r in p.regions}
        for r in p.regions:
            within = names.get(r.parent, "") if r.level is Level.COUNTY else ""
            self.picker.addItem(f"{r.name}{f'（{within}）' if within else ''} {r.code}", r.code)
        self.picker.blockSignals(False)
        comp = QCompleter(
            [self.picker.itemText(i).strip() for i in range(self.picker.count())], self
        )
        comp.setFilterMode(comp.filterMode().MatchContains)
        comp.setCaseSensitivity(comp.caseSensitivity().CaseInsensitive)
        comp.activated.connect(self._completed)
        self.picker.setCompleter(comp)
        if self.code:
            self.picker.setCurrentIndex(max(self.picker.findData(self.code), 0))

    def _picked(self, index: int) -> None:
        code = self.picker.itemData(index)
        if code:
            self.show_region(str(code))

    def _completed(self, text: str) -> None:
        code = text.split()[-1] if text.split() else ""
        if self.session.project.region(code) is not None:
            self.show_region(code)

    def _link(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith(LINK):
            self.show_region(text[len(LINK) :])

    # ------------------------------------------------------------------ showing
    def show_region(self, code: str) -> bool:
        """Open ``code`` on the profile tab; False when the project has no such region."""
        if self.session.project.region(code) is None:
            return False
        self.code = code
        i = self.picker.findData(code)
        if i >= 0:
            self.picker.blockSignals(True)
            self.picker.setCurrentIndex(i)
            self.picker.blockSignals(False)
        self.tabs.setCurrentWidget(self.profile)
        self._refresh_profile()
        self.regionShown.emit(code)
        return True

    def _refresh_profile(self) -> None:
        from workbench.core.regions.profile import region_profile

        p = self.session.project
        if not self.code or p.region(self.code) is None:
            self.profile.setHtml(f"<p>{t('pick.tip')}</p>")
            return
        prof = region_profile(p, self.code, self.session.scenario or None, self.engine())
        names = {r.code: r.name for r in p.regions}
        where = {c.id: c.region_code for c in p.candidates}
        self.profile.setHtml(profile_html(prof, names, where, self._bands(prof)))

    def _bands(self, prof: Any) -> dict[str, tuple[Any, bool]]:
        """The uplift's P10/P50/P90 (GDP, local revenue) when the draws are in; asked for in the
        background otherwise (``unit_bands``), the profile redrawn when they arrive."""
        if prof.uplift is None or not prof.units:
            return {}
        from workbench.ui.projection.unit_bands import service_for

        service = service_for(self.session)
        if not self._bands_hooked:
            self._bands_hooked = True
            service.updated.connect(self._bands_updated)
        units = tuple(prof.units)
        out = {}
        for which, basis, metric in (("gdp", "location", "gdp"), ("revenue", "fiscal", "tax")):
            got, stale = service.get(self.session.scenario, basis, metric, units=units)
            if got is not None:
                out[which] = (got, stale)
        return out

    def _bands_updated(self) -> None:
        if self.tabs.currentWidget() is self.profile and self.isVisible():
            self._refresh_profile()

    def _refresh_tab(self) -> None:
        w = self.tabs.currentWidget()
        if w is self.profile:
            self._refresh_profile()
        elif w is self.compare:
            self.compare.refresh(self.engine())
        elif w is self.statistics:
            self.statistics.refresh()
        elif w is self.structure:
            self.structure.refresh()

    def _on_changed(self, changes: Changes) -> None:
        self._engine = None  # rebuilt when a tab needs it
        self.compare._stale = True
        if changes.touches("regions"):
            self._fill_picker()
            self.statistics.on_project_changed()
        if self.isVisible():
            self._refresh_tab()

    def _on_replaced(self) -> None:
        self._engine = None
        self.code = ""
        self._fill_picker()
        self.statistics.on_project_changed()
        self._refresh_tab()

    # ------------------------------------------------------------------ jumps
    @staticmethod
    def owns(path: FieldPath) -> bool:
        return StatisticField.of(path) is not None

    def jump_to(self, path: FieldPath) -> bool:
        f = StatisticField.of(path)
        if f is None:
            return False
        self.tabs.setCurrentWidget(self.statistics)
        self.statistics.show_region(f.code)
        return True
