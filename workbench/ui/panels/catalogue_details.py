"""The lower half of 候选库: what belongs to the selected candidates — their chain links and the
decision record (决策记录) of the current one — as two tabs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workbench.core.edits import Compound, InsertItem, RemoveItem
from workbench.core.enums import ChainKind
from workbench.core.model import ChainLink
from workbench.ui.flow_layout import flow_row
from workbench.ui.i18n import pick, tr
from workbench.ui.models.decisions import DecisionLogModel
from workbench.ui.models.links import LinksModel
from workbench.ui.panels.delegates import ChoiceDelegate
from workbench.ui.session import ProjectSession
from workbench.ui.tables import fit_table


def next_id(existing: set[str], prefix: str, width: int) -> str:
    """The first free ``PREFIX-000n`` identifier after the highest one in use."""
    nums = [
        int(s[len(prefix) :])
        for s in existing
        if s.startswith(prefix) and s[len(prefix) :].isdigit()
    ]
    n = max(nums, default=0) + 1
    while f"{prefix}{n:0{width}d}" in existing:
        n += 1
    return f"{prefix}{n:0{width}d}"


def _table(name: str, parent: QWidget) -> QTableView:
    t = QTableView(parent)
    t.setObjectName(name)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.verticalHeader().setVisible(False)
    t.verticalHeader().setDefaultSectionSize(22)
    return t


class CandidateDetails(QTabWidget):
    """Links of the selected candidates (editable) and the current candidate's decisions."""

    def __init__(
        self,
        session: ProjectSession,
        selected_ids: Callable[[], list[str]],
        say: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("candidateDetails")
        self.session = session
        self._selected_ids = selected_ids
        self._say = say

        self.links_model = LinksModel(session, self)
        self.links_table = _table("linksTable", self)
        self.links_table.setModel(self.links_model)
        self.links_table.setItemDelegate(ChoiceDelegate(self.links_table))
        fit_table(self.links_table)
        links = QWidget(self)
        ll = QVBoxLayout(links)
        ll.setContentsMargins(0, 2, 0, 0)
        holder, bar = flow_row(links, "linksBar")
        bar.addWidget(QLabel(tr("cat.links"), links))
        for name, text, slot in (
            ("linkAddButton", tr("cat.link.add"), self.add_link),
            ("linkDeleteButton", tr("cat.link.delete"), self.delete_link),
        ):
            b = QPushButton(text, links)
            b.setObjectName(name)
            b.clicked.connect(lambda _c=False, s=slot: s())
            bar.addWidget(b)
        ll.addWidget(holder)
        ll.addWidget(self.links_table, 1)
        self.addTab(links, pick("产业链链接", "Chain links"))

        self.decisions_model = DecisionLogModel(session, self)
        self.decisions_table = _table("decisionLogTable", self)
        self.decisions_table.setModel(self.decisions_model)
        fit_table(self.decisions_table, caps={4: 480})
        self.decisions_title = QLabel(self)
        self.decisions_title.setObjectName("decisionLogTitle")
        log = QWidget(self)
        dl = QVBoxLayout(log)
        dl.setContentsMargins(0, 2, 0, 0)
        dl.addWidget(self.decisions_title)
        dl.addWidget(self.decisions_table, 1)
        self.decisions_tab = self.addTab(log, pick("决策记录", "Decision record"))
        self.decisions_model.modelReset.connect(self._title)
        self.decisions_model.rowsInserted.connect(self._title)
        self._title()

    def set_selection(self, ids: list[str], current: str) -> None:
        """Links of all ``ids``; the decision record of ``current`` (the row with focus)."""
        self.links_model.set_focus(set(ids))
        self.decisions_model.set_candidate(current)
        self._title()

    def _title(self, *_args: object) -> None:
        cand = self.session.project.candidate(self.decisions_model.candidate_id or "")
        if cand is None:
            text = pick("选择一个候选以查看其决策记录", "Select a candidate to see its decisions")
        elif not self.decisions_model.rowCount():
            text = pick(f"“{cand.name}”尚无决策记录", f"No decisions recorded for {cand.name}")
        else:
            n = self.decisions_model.rowCount()
            text = pick(f"“{cand.name}”的决策记录（{n} 条）", f"Decisions on {cand.name} ({n})")
        self.decisions_title.setText(text)

    def add_link(self) -> str:
        ids = self._selected_ids()
        if len(ids) != 2:
            self._say(tr("cat.link.need_two"))
            return ""
        p = self.session.project
        lid = next_id({ln.id for ln in p.links}, "L-", 3)
        # Strength starts at 0 (no effect) until the planner sets it: no invented default.
        link = ChainLink(lid, ids[0], ids[1], ChainKind.VALUE, 0.0)
        edit = InsertItem(("links",), link)
        names = {c.id: c.name for c in p.candidates}
        edit.text_zh = edit.text_en = tr(
            "cat.link.add_text", source=names[ids[0]], target=names[ids[1]]
        )
        return lid if self.session.push(edit) else ""

    def delete_link(self) -> bool:
        rows = sorted({i.row() for i in self.links_table.selectionModel().selectedRows()})
        if not rows:
            return False
        ids = [self.links_model.link_ids[r] for r in rows]
        edit = Compound([RemoveItem(("links",), lid) for lid in ids])
        edit.text_zh = edit.text_en = tr("cat.link.delete_text", id="、".join(ids))
        return self.session.push(edit)
