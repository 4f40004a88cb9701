"""Two pickers of the park editor that a flat list made hard to use.

``HostPicker``: the host (所在地) among ~220 districts and counties, grouped under their city (a
city first, then its counties; Chongqing's districts under 重庆市) and searchable: typing any part
of a county's or city's name completes to the matching entries.

``PartnerChecklist``: the partner regions (~60 planning units) with a filter box, checked ones
listed first when a park is shown, and ticking in place — the list is not rebuilt on a tick, so it
keeps its scroll position and the item under the mouse stays there.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.core.enums import Level
from workbench.core.model import Project
from workbench.ui.i18n import pick, sector_name

CODE_ROLE = Qt.ItemDataRole.UserRole


def host_entries(project: Project) -> list[tuple[str, bool, list[tuple[str, str]]]]:
    """Per city, in the project's region order: (city name, whether the city itself can be a
    host, [(label, code)]) — the city first, then its districts and counties. Chongqing's
    districts sit under 重庆市, which is a heading only."""
    names = {r.code: r.name for r in project.regions}
    groups: dict[str, list[tuple[str, str]]] = {}
    for r in project.regions:
        if r.level is Level.PROVINCE:
            continue
        head = r.code if r.level is Level.PREFECTURE else r.parent
        group = groups.setdefault(head, [])
        if r.code == head:
            group.insert(0, (f"{r.name}（{r.code}）", r.code))
        else:
            group.append((f"{names.get(head, head)} › {r.name}（{r.code}）", r.code))
    return [
        (names.get(h, h), bool(items) and items[0][1] == h, items) for h, items in groups.items()
    ]


class HostPicker(QComboBox):
    """Editable combo with grouped entries and a contains-completer; ``hostChosen`` on a pick."""

    hostChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("parkHost")
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(20)
        self.lineEdit().setPlaceholderText(pick("输入区县或城市名称搜索…", "Type to search…"))
        completer = QCompleter(self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
        self._code = ""
        self.activated.connect(lambda i: self._chosen(self.itemData(i)))
        completer.activated[str].connect(lambda text: self._chosen(self._code_of(text)))
        self.lineEdit().editingFinished.connect(self._revert_if_unknown)

    def fill(self, project: Project) -> None:
        with QSignalBlocker(self):
            self.clear()
            for group, head_local, items in host_entries(project):
                if self.count():
                    self.insertSeparator(self.count())
                if not head_local:
                    self.addItem(group)  # a heading that cannot be chosen (重庆市)
                    item = self.model().item(self.count() - 1)  # type: ignore[attr-defined]
                    item.setEnabled(False)
                for text, code in items:
                    self.addItem(text, code)
            completions = QStandardItemModel(self)
            for i in range(self.count()):
                if self.itemData(i):
                    completions.appendRow(QStandardItem(self.itemText(i)))
            self.completer().setModel(completions)
        self.set_host(self._code)

    def _code_of(self, text: str) -> str:
        i = self.findText(text, Qt.MatchFlag.MatchExactly)
        return self.itemData(i) or "" if i >= 0 else ""

    def _chosen(self, code: str | None) -> None:
        if code:
            self.hostChosen.emit(code)
        else:
            self.set_host(self._code)

    def _revert_if_unknown(self) -> None:
        if self._code_of(self.currentText()) != self._code:
            self.set_host(self._code)

    def set_host(self, code: str) -> None:
        """Show ``code`` (a code not in the list is added, so a file's odd host stays visible)."""
        self._code = code
        with QSignalBlocker(self):
            i = self.findData(code) if code else -1
            if code and i < 0:
                self.addItem(code, code)
                i = self.count() - 1
            self.setCurrentIndex(i)
            if i < 0:
                self.setEditText("")

    def currentData(self, role: int = CODE_ROLE) -> object:
        return self._code if role == CODE_ROLE else super().currentData(role)


class PartnerChecklist(QWidget):
    """Partner regions to tick, with a filter; ``chosenChanged(list[str])`` after a tick."""

    chosenChanged = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter = QLineEdit(self)
        self.filter.setObjectName("parkPartnersFilter")
        self.filter.setPlaceholderText(pick("筛选地区…", "Filter regions…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.list = QListWidget(self)
        self.list.setObjectName("parkPartners")
        self.list.setMinimumHeight(170)
        self.list.itemChanged.connect(self._ticked)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.filter)
        lay.addWidget(self.list, 1)
        self._key: tuple[object, ...] = ()

    def show_choices(self, choices: list[tuple[str, str]], chosen: list[str], key: object) -> None:
        """List ``choices`` (name, code), ``chosen`` ticked. Rebuilt (checked first) only when
        ``key`` (the park and its region list) differs; otherwise ticks are updated in place."""
        full_key = (key, tuple(choices))
        with QSignalBlocker(self.list):
            if full_key != self._key:
                self._key = full_key
                self.list.clear()
                ordered = [c for c in choices if c[1] in chosen] + [
                    c for c in choices if c[1] not in chosen
                ]
                for name, code in ordered:
                    item = QListWidgetItem(name, self.list)
                    item.setData(CODE_ROLE, code)
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                self._apply_filter(self.filter.text())
            for i in range(self.list.count()):
                item = self.list.item(i)
                state = item.data(CODE_ROLE) in chosen
                item.setCheckState(Qt.CheckState.Checked if state else Qt.CheckState.Unchecked)

    def clear(self) -> None:
        self._key = ()
        self.list.clear()

    def chosen(self) -> list[str]:
        return [
            self.list.item(i).data(CODE_ROLE)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _ticked(self, _item: QListWidgetItem) -> None:
        self.chosenChanged.emit(self.chosen())

    def _apply_filter(self, text: str) -> None:
        t = text.strip().lower()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(t) and t not in item.text().lower())


class SectorCombo(QComboBox):
    """The park's sector: listed in the UI language, stored by its Chinese name (the key the
    parameters use); a sector the planner types that is not listed is taken as typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("parkSector")
        self.setEditable(True)

    def fill(self, sectors: list[str]) -> None:
        with QSignalBlocker(self):
            self.clear()
            for name in sectors:
                self.addItem(sector_name(name), name)

    def show_sector(self, name: str) -> None:
        i = self.findData(name)
        if i >= 0:
            self.setCurrentIndex(i)
        else:
            self.setCurrentText(name)

    def value(self) -> str:
        data = self.currentData()
        if data and self.currentText() == sector_name(data):
            return str(data)
        return self.currentText()
