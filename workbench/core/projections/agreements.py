"""Agreements over candidates (异地流转, 创新成果转化, a set of fund-invested candidates) in the
statistical and fiscal bases: the park path (``parks``) generalised to units whose output moves
with every allocation edit.

A park's bookkeeping is done once per recompute because its output depends on nothing an
allocation edit touches. A covered candidate's output is its row of ``ScenarioState.d_cand``,
which an edit updates in place; so the shares are read here once per recompute (the same
``rules`` readings and the same per-park helpers: ``_gdp_share_matrix``, ``_tax_share_matrix``,
``_full_years``) and applied to the current direct output whenever a block is read. Only the
covered unit's own activity is divided — the ``direct`` component and its additionality; the
supplier and spill-over rounds it induces elsewhere are other firms' activity and stay 属地.

What moves is the difference between each party's share and the location's (the host's 100 %),
so the location basis is untouched, the statistical GDP of the circle is unchanged except where
a 全额双核算 agreement is in force (every party records it in full: not summable, like a park),
and the local tax is conserved across parties. Tax is divided per tax (VAT, CIT) and only its
local share; the 存量 base never enters (it is baseline, not an effect of the plan).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from workbench.core.enums import Coverage
from workbench.core.model import Project, Scenario
from workbench.core.projections.parameters import Parameters
from workbench.core.projections.parks import (
    _full_years,
    _gdp_share_matrix,
    _scatter,
    _tax_share_matrix,
)
from workbench.core.projections.state import ROW
from workbench.core.projections.structure import Structure
from workbench.core.sharing import rules


@dataclass
class Shift:
    """(cand, row, share-shift per year) triplets: row gains ``shift`` × the candidate's metric."""

    cand: np.ndarray  # (k,) candidate index
    row: np.ndarray  # (k,) planning-unit row
    shift: np.ndarray  # (k, years)

    @staticmethod
    def build(items: list[tuple[int, int, np.ndarray]], ny: int) -> Shift:
        if not items:
            return Shift(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros((0, ny)))
        c, r, s = zip(*items, strict=True)
        return Shift(np.array(c, np.int64), np.array(r, np.int64), np.array(s, dtype=float))

    def apply(self, n: int, per_cand: np.ndarray) -> np.ndarray:
        """(units × years) moved by the agreements, from a (candidates × years) metric."""
        if not self.cand.size:
            return np.zeros((n, per_cand.shape[1]))
        return _scatter(n, self.row, per_cand[self.cand] * self.shift)


@dataclass
class CandidateSharing:
    """The agreements that cover candidates, read once per recompute."""

    gdp: Shift  # statistical output and GDP
    vat: Shift  # the local share of VAT
    cit: Shift  # the local share of CIT
    full: list[tuple[int, np.ndarray, np.ndarray]] = field(default_factory=list)
    # (candidate, party rows, (years,) 1 where counted in full by both)

    @property
    def active(self) -> bool:
        return bool(self.gdp.cand.size or self.vat.cand.size or self.cit.cand.size or self.full)

    def not_summable(self, n: int, d: np.ndarray) -> np.ndarray:
        """(units,) parties to a 全额双核算 agreement in force in a year its unit produces."""
        out = np.zeros(n, dtype=bool)
        for c, rows, mask in self.full:
            if (d[c] * mask).any():
                out[rows] = True
        return out


def candidate_sharing(
    project: Project, scenario: Scenario, s: Structure, params: Parameters
) -> tuple[CandidateSharing, list[tuple[str, str]]]:
    """The shares of every effective agreement over candidates (the first agreement that covers a
    candidate settles it, as in the settlement forms; validation flags the overlap), and notes
    naming the 假设 defaults applied."""
    yrs = params.years
    ny = len(yrs)
    cand_row = {cid: i for i, cid in enumerate(s.cand_ids)}
    row = s.unit_index
    gdp, vat, cit, full = [], [], [], []
    notes: list[tuple[str, str]] = []
    claimed: set[str] = set()
    for deal in rules.effective_agreements(project, scenario):
        if deal.coverage is Coverage.PARK:
            continue
        for cid in deal.candidate_ids:
            c = cand_row.get(cid, -1)
            if cid in claimed or c < 0 or s.cand_unit[c] < 0:
                continue
            claimed.add(cid)
            where = {project.candidate(cid).region_code: 1.0}
            host = int(s.cand_unit[c])
            _moves(gdp, c, host, row, _gdp_share_matrix(where, deal, yrs), ny)
            for tax, out in (("vat", vat), ("cit", cit)):
                _moves(out, c, host, row, _tax_share_matrix(where, deal, tax, yrs), ny)
            mask = _full_years(deal, yrs, 1)
            if mask is not None and mask.any():
                rows = sorted({row[p] for p in deal.parties if row.get(p, -1) >= 0})
                full.append((c, np.array(rows, np.int64), mask))
            if deal.assumed:
                notes.append(_assumed_note(project, deal, cid))
    sharing = CandidateSharing(
        Shift.build(gdp, ny), Shift.build(vat, ny), Shift.build(cit, ny), full
    )
    return sharing, notes


def _moves(
    out: list, c: int, host: int, row: dict[str, int], shares: dict[str, np.ndarray], ny: int
) -> None:
    """Each party's share minus the host's 100 %: what the agreement moves, per row and year."""
    by_row: dict[int, np.ndarray] = {host: -np.ones(ny)}
    for code, share in shares.items():
        r = row.get(code, -1)
        if r >= 0:  # a party outside the planning units: validation names it
            by_row[r] = by_row.get(r, np.zeros(ny)) + share
    out.extend((c, r, s) for r, s in by_row.items() if np.any(np.abs(s) > 1e-15))


def _assumed_note(project: Project, deal, cid: str) -> tuple[str, str]:
    c = project.candidate(cid)
    origin, host = deal.parties[0], deal.parties[1]
    names = {r.code: r.name for r in project.regions}
    share = next(iter(deal.tax_split.values()), {}).get(origin, 0.0)
    span = f"{deal.start_year}–{deal.sunset_year}"
    return (
        f"候选“{c.name}”为异地流转项目（{names.get(origin, origin)}→{names.get(host, host)}），"
        f"无分享协议，按默认假设计入统计口径与财政口径：迁出地分享新增地方税收 {share:g}%（{span}），"
        "GDP 按属地（假设）",
        f"candidate {c.name} is relocated ({names.get(origin, origin)} → {names.get(host, host)}) "
        f"without an agreement; the assumed default applies in the statistical and fiscal bases: "
        f"the origin receives {share:g}% of the new local tax ({span}), GDP by location (assumed)",
    )


def shifted(st, basis: str, metric: str, d: np.ndarray, n: int, tier_of) -> np.ndarray:
    """(units × years) what the agreements move for (basis, metric), from direct output ``d``
    (candidates × years). ``tier_of(vat, cit)`` turns moved local VAT and CIT into the basis'
    tier (city/district or province) at each receiving unit."""
    sh: CandidateSharing = st.sharing
    if basis == "statistical":
        k = 1.0 if metric == "output" else st.k[ROW["gdp"]][:, None]
        return sh.gdp.apply(n, d * k)
    p = st.params
    kv = st.k[ROW["vat"]][:, None] * (1 - p.vat_central)
    kc = np.where(p.western_years, st.k[ROW["cit"]][:, None], st.k[ROW["cit_std"]][:, None])
    return tier_of(sh.vat.apply(n, d * kv), sh.cit.apply(n, d * kc * (1 - p.cit_central)))
