"""Chain links touching the candidates the user selected (all links when none is selected)."""

from __future__ import annotations

from typing import Any

from workbench.core.edits import Changes, SetValue
from workbench.core.enums import ChainKind
from workbench.ui.i18n import label, tr
from workbench.ui.models.common import CHOICES_ROLE, SmallTableModel, fmt, parse_number
from workbench.ui.session import ProjectSession

COLUMNS = ("id", "source", "target", "kind", "strength")


class LinksModel(SmallTableModel):
    numeric_columns = frozenset({4})

    def __init__(self, session: ProjectSession, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.headers = [tr(f"col.{c}") for c in COLUMNS]
        self.focus: set[str] = set()
        self.link_ids: list[str] = []
        self.refresh()
        session.changed.connect(self._on_changed)
        session.projectReplaced.connect(self.refresh)

    def set_focus(self, candidate_ids: set[str]) -> None:
        self.focus = set(candidate_ids)
        self.refresh()

    def _on_changed(self, changes: Changes) -> None:
        # Links show candidate names: only link edits, renames and added/removed candidates matter.
        if (
            changes.touches("links")
            or changes.restructured("candidates")
            or any(f.field in (None, "name") for f in changes.candidate_fields())
        ):
            self.refresh()

    def compute_rows(self) -> tuple[list[list[str]], list[list[Any]]]:
        p = self.session.project
        names = {c.id: c.name for c in p.candidates}
        links = [
            ln
            for ln in p.links
            if not self.focus or ln.source in self.focus or ln.target in self.focus
        ]
        self.link_ids = [ln.id for ln in links]
        rows = [
            [
                ln.id,
                names.get(ln.source, ln.source),
                names.get(ln.target, ln.target),
                label(ln.kind),
                fmt(ln.strength, 2),
            ]
            for ln in links
        ]
        sort = [[ln.id, ln.source, ln.target, ln.kind.value, ln.strength] for ln in links]
        return rows, sort

    def cell_flags(self, row: int, col: int) -> bool:
        return col in (3, 4)

    def extra_data(self, row: int, col: int, role: int) -> Any:
        if role == CHOICES_ROLE and col == 3:
            return [(label(k), k.value) for k in ChainKind]
        return None

    def set_cell(self, row: int, col: int, value: Any) -> bool:
        lid = self.link_ids[row]
        field = COLUMNS[col]
        try:
            new: Any = (
                ChainKind.parse(str(value))
                if col == 3
                else parse_number(value, self.headers[col], 0, 1)
            )
        except ValueError as e:
            self.session.editFailed.emit(tr("edit.rejected", reason=str(e)))
            return False
        edit = SetValue(("links", lid, field), new, merge_id=("link", lid, field))
        edit.text_zh = edit.text_en = tr("cat.link.edit_text", id=lid, field=self.headers[col])
        return self.session.push(edit)
