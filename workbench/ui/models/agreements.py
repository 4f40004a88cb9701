"""Benefit-sharing agreements: the list, the share grids (GDP split, the yearly split of new local
tax) of one agreement — or of a park's agreement, which the 园区 panel shows — and read-only views
of the settlement tables. Share grids end with a sum row so the 100 % check is in view; every
edit is one undoable ``SetValue`` (a park without an agreement gets its default one in the same
step)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from workbench.core.edits import Changes, Compound, Edit, InsertItem, SetValue
from workbench.core.enums import GdpRule
from workbench.core.model import PLAN_YEARS
from workbench.core.park_models import default_agreement
from workbench.core.sharing.model import Agreement
from workbench.core.sharing.rules import park_agreement
from workbench.core.validation import TOLERANCE
from workbench.ui.i18n import label, tr
from workbench.ui.models.common import SmallTableModel, fmt, parse_number
from workbench.ui.session import ProjectSession

BAD_SUM = QColor("#b00020")
ASSUMED = QColor("#8a5a00")


def new_agreement_id(project: Any, stem: str = "AG-") -> str:
    used = {a.id for a in project.agreements}
    n = len(used) + 1
    while f"{stem}{n:02d}" in used:
        n += 1
    return f"{stem}{n:02d}"


class AgreementsListModel(SmallTableModel):
    def __init__(self, session: ProjectSession, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.headers = [
            tr("share.name"),
            tr("share.coverage"),
            tr("share.parties"),
            tr("share.settlement"),
        ]
        self.ids: list[str] = []
        self.refresh()
        self.follow(session, "agreements", "regions")

    def compute_rows(self) -> tuple[list[list[str]], list[list[Any]]]:
        p = self.session.project
        names = {r.code: r.name for r in p.regions}
        self.ids = [a.id for a in p.agreements]
        self._illustrative = [a.illustrative for a in p.agreements]
        rows = [
            [
                a.name,
                label(a.coverage),
                "、".join(names.get(c, c) for c in a.parties),
                label(a.settlement),
            ]
            for a in p.agreements
        ]
        return rows, [list(r) for r in rows]

    def extra_data(self, row: int, col: int, role: int) -> Any:
        if col == 0 and self._illustrative[row]:
            if role == Qt.ItemDataRole.ToolTipRole:
                return tr("illustrative.tip")
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(ASSUMED)
        return None


class ShareGridModel(SmallTableModel):
    """One agreement's ``gdp_split`` (party × share) or ``tax_split`` (party × plan year). Follow
    an agreement (``set_agreement``) or a park's agreement (``set_park``)."""

    def __init__(self, session: ProjectSession, kind: str, parent: Any = None) -> None:
        super().__init__(parent)
        assert kind in ("gdp_split", "tax_split")
        self.session = session
        self.kind = kind
        self.agreement_id = ""
        self.park_id = ""
        self.parties: list[str] = []
        if kind == "tax_split":
            self.headers = [tr("col.party"), *[str(y) for y in PLAN_YEARS]]
            self.numeric_columns = frozenset(range(1, len(PLAN_YEARS) + 1))
        else:
            self.headers = [tr("col.party"), tr("col.share")]
            self.numeric_columns = frozenset({1})
        self.refresh()
        session.changed.connect(self._on_changed)
        session.projectReplaced.connect(self._on_replaced)

    def _on_replaced(self) -> None:
        self.agreement_id = self.park_id = ""
        self.refresh()

    def set_agreement(self, aid: str) -> None:
        self.agreement_id, self.park_id = aid, ""
        self.refresh()

    def set_park(self, park_id: str) -> None:
        self.park_id, self.agreement_id = park_id, ""
        self.refresh()

    def deal(self) -> Agreement | None:
        p = self.session.project
        if self.park_id:
            return park_agreement(p, self.park_id)
        return p.agreement(self.agreement_id) if self.agreement_id else None

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("agreements", "parks", "regions"):
            self.refresh()

    def _base_parties(self, deal: Agreement | None) -> list[str]:
        if deal is not None:
            return list(deal.parties)
        park = self.session.project.park(self.park_id) if self.park_id else None
        return list(park.parties) if park is not None else []

    def compute_rows(self) -> tuple[list[list[str]], list[list[Any]]]:
        deal = self.deal()
        parties = self._base_parties(deal)
        if deal is None and not parties:
            self.parties = []
            return [], []
        names = {r.code: r.name for r in self.session.project.regions}
        if self.kind == "tax_split":
            split = deal.tax_split if deal is not None else {}
            parties += sorted({c for d in split.values() for c in d} - set(parties))
            grid = [[split.get(y, {}).get(c, 0.0) for y in PLAN_YEARS] for c in parties]
        else:
            shares = deal.gdp_split if deal is not None else {}
            parties += sorted(set(shares) - set(parties))
            grid = [[shares.get(c, 0.0)] for c in parties]
        sums = (
            [sum(col) for col in zip(*grid, strict=False)]
            if grid
            else [0.0] * (len(self.headers) - 1)
        )
        self.parties = parties
        rows = [
            [names.get(c, c), *[fmt(v, 1) for v in g]] for c, g in zip(parties, grid, strict=True)
        ]
        rows.append([tr("park.sum"), *[fmt(s, 1) for s in sums]])
        sort = [[c, *g] for c, g in zip(parties, grid, strict=True)] + [[None, *sums]]
        return rows, sort

    def _is_sum_row(self, row: int) -> bool:
        return row == len(self._rows) - 1

    def cell_flags(self, row: int, col: int) -> bool:
        return col >= 1 and not self._is_sum_row(row)

    def extra_data(self, row: int, col: int, role: int) -> Any:
        if not self._is_sum_row(row) or col == 0:
            return None
        if role == Qt.ItemDataRole.FontRole:
            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.ForegroundRole and abs(self._sort[row][col] - 100.0) > TOLERANCE:
            year = PLAN_YEARS[col - 1] if self.kind == "tax_split" else None
            deal = self.deal()
            if self.kind == "tax_split" and (deal is None or year not in deal.tax_split):
                return None  # an unstated year repeats the last stated one
            if self.kind == "gdp_split" and (deal is None or deal.gdp_rule is not GdpRule.SPLIT):
                return None  # the split is read only under 分算
            return QBrush(BAD_SUM)
        return None

    def set_cell(self, row: int, col: int, value: Any) -> bool:
        what = self.headers[col]
        try:
            x = parse_number(value, what, 0, 100)
        except ValueError as e:
            self.session.editFailed.emit(tr("edit.rejected", reason=str(e)))
            return False
        p = self.session.project
        deal = self.deal()
        edits: list[Edit] = []
        if deal is None:
            park = p.park(self.park_id) if self.park_id else None
            if park is None:
                return False
            deal = default_agreement(park, new_agreement_id(p, f"AG-{park.id}-"), PLAN_YEARS)
            edits.append(InsertItem(("agreements",), deal))
        party = self.parties[row]
        if self.kind == "tax_split":
            year: int | None = PLAN_YEARS[col - 1]
            path: tuple[Any, ...] = ("agreements", deal.id, "tax_split", year)
            new: Any = {**deal.tax_split.get(year, {}), party: x}
        else:
            year = None
            path, new = ("agreements", deal.id, "gdp_split", party), x
        edits.append(SetValue(path, new, merge_id=("agreement", path, party)))
        edit = edits[0] if len(edits) == 1 else Compound(edits)
        names = {r.code: r.name for r in p.regions}
        who, what = names.get(party, party), self.park_id or deal.name  # a park's grid: its id
        if year is not None:
            edit.text_zh = f"修改 {what} {year}年 {who} 税收分成"
            edit.text_en = f"Change {what} {year} {who} tax split"
        else:
            edit.text_zh = f"修改 {what} {who} GDP 分算"
            edit.text_en = f"Change {what} {who} GDP split"
        return self.session.push(edit)


class FrameModel(SmallTableModel):
    """A read-only view of some columns of a DataFrame (the settlement tables)."""

    def __init__(self, columns: list[tuple[str, str, Any]], parent: Any = None) -> None:
        super().__init__(parent)
        # (frame column, header key, decimals | None for text | a function value -> text)
        self.columns = columns
        self.headers = [tr(k) for _c, k, _d in columns]
        self.numeric_columns = frozenset(
            i for i, (_c, _k, d) in enumerate(columns) if type(d) is int
        )
        self._frame: Any = None
        self.refresh()

    def set_frame(self, frame: Any) -> None:
        self._frame = frame
        self.refresh()

    def compute_rows(self) -> tuple[list[list[str]], list[list[Any]]]:
        df = self._frame
        if df is None or len(df) == 0:
            return [], []
        rows, sort = [], []
        cols = [(df[c].to_numpy(), d) for c, _k, d in self.columns]
        for i in range(len(df)):
            vals = [v[i] for v, _d in cols]
            rows.append([_show(v, d) for v, (_a, d) in zip(vals, cols, strict=True)])
            sort.append(vals)
        return rows, sort


def _show(v: Any, decimals: Any) -> str:
    if callable(decimals):
        return decimals(v)
    if type(v).__name__ in ("bool", "bool_"):  # Python's or numpy's
        return tr("share.yes") if v else tr("share.no")
    if decimals is None:
        return str(v)
    return fmt(float(v), decimals)
