"""The projection engine: full computation per scenario, and cheap updates after an edit.

A scenario's state keeps region-level arrays per metric — direct, chain-augmented (after the
chain inverse) and total (after the network inverse) — so that one changed allocation updates
them with that candidate's response column, ``(I − S)⁻¹ eₖ`` aggregated to planning units,
instead of re-running the model. Anything structural (candidates, links, regions, parks,
assumptions, the fund) drops the cached state and the next request recomputes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from workbench.core.addresses import AllocationCell
from workbench.core.allocation_sums import cell_amount
from workbench.core.edits import Changes
from workbench.core.model import Project, Scenario
from workbench.core.projections.agreements import candidate_sharing
from workbench.core.projections.blocks import (
    baseline_arrays,
    block_of,
    province_shares,
    region_matrices,
)
from workbench.core.projections.direct import (
    AllocationArrays,
    allocation_arrays,
    direct_output,
)
from workbench.core.projections.fund import deployment_from_state, fund_view_from_state
from workbench.core.projections.parameters import INSTRUMENTS, YEARS, Parameters, read_parameters
from workbench.core.projections.parks import park_arrays_both
from workbench.core.projections.parks import park_cashflows as _park_cashflows
from workbench.core.projections.state import MET, ScenarioState
from workbench.core.projections.structure import Structure, build_structure, lookup
from workbench.core.projections.table import BLOCKS, Block, build_table, empty_table

if TYPE_CHECKING:
    import pandas as pd

_YEAR_ROW = {y: i for i, y in enumerate(YEARS)}
_INST_ROW = {i.value: k for k, i in enumerate(INSTRUMENTS)}

# Parts of a project whose change cannot alter any projection.
_IRRELEVANT_PARTS = {"criteria", "name", "description", "illustrative_note", "sectors"}
_IRRELEVANT_PARTS.add("uncertainty")  # draws and seed of the bands (core.uncertainty)
_IRRELEVANT_CANDIDATE_FIELDS = {
    "status",
    "decisions",
    "notes",
    "name",
    "criteria",
    "illustrative",
    "requested_funding",
    "baseline_output",
    "baseline_jobs",
    "baseline_tax",
    "unit_type",
}
_STRUCTURAL_PARTS = {"regions", "adjacency", "candidates", "links", "mrio", "project"}


class ScenarioNotFound(KeyError):
    """The named scenario is not in the project."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name
        self.zh = f"项目中没有名为“{name}”的方案"
        self.en = f"no scenario named {name!r} in the project"

    def __str__(self) -> str:
        return f"{self.zh} / {self.en}"


class ProjectionEngine:
    """Projections of one project; keep it in step by calling ``apply`` with each edit's Changes."""

    def __init__(self, project: Project, until: int = YEARS[-1]) -> None:
        """``until``: last projection year (2030 by default; 2035 is the plan's 远景 year).
        Allocations stay in 2026–2030; later years show their continuing effects."""
        self.project = project
        self.until = max(int(until), YEARS[-1])
        self._structure: Structure | None = None
        self._states: dict[str, ScenarioState] = {}
        # The last chain solution per scenario, kept across non-structural edits: the funded-
        # target fixed point is unique and the iteration converges from any start, so starting
        # near it only saves rounds (most edits move it a little).
        self._warm: dict[str, np.ndarray] = {}
        # The last regional matrices and what they were built from (coefficients, network,
        # whether the chain is used): most non-structural edits (the fund, a park, an
        # allocation's year) leave all three as they were. Dropped with the structure.
        self._regional: tuple | None = None

    # ------------------------------------------------------------------ public
    def results(self, scenario: str | None = None) -> pd.DataFrame:
        """The long table for one scenario, or for every scenario when ``scenario`` is None."""
        if scenario is None:
            frames = [self._table(s.name) for s in self.project.scenarios]
            if not frames:
                return empty_table()
            import pandas as pd

            out = pd.concat(frames, ignore_index=True)
            out.attrs["notes"] = [n for f in frames for n in f.attrs.get("notes", [])]
            out.attrs["spillover_refused"] = any(f.attrs.get("spillover_refused") for f in frames)
            return out
        return self._table(scenario)

    def state(self, scenario: str) -> ScenarioState:
        if scenario not in self._states:
            sc = self.project.scenario(scenario)
            if sc is None:
                raise ScenarioNotFound(scenario)
            self._states[scenario] = self._compute(sc)
        return self._states[scenario]

    @property
    def structure(self) -> Structure:
        if self._structure is None:
            self._structure = build_structure(self.project)
        return self._structure

    def invalidate(self, structural: bool = True) -> None:
        if structural:
            self._structure = None
            self._warm.clear()
            self._regional = None
        else:
            self._warm.update((name, st.x_cand) for name, st in self._states.items())
        self._states.clear()

    def apply(self, changes: Changes) -> None:
        """Bring the cached projections up to date with an edit already applied to the project."""
        parts = set(changes.parts)
        if not parts or parts <= _IRRELEVANT_PARTS:
            return
        cells = _amount_cells(changes) if parts == {"allocations"} else None
        if cells:
            for cell in cells:
                self._update_allocation(cell.scenario, cell.key)
            return
        if parts & _STRUCTURAL_PARTS:
            fields = changes.candidate_fields()
            if (
                parts & _STRUCTURAL_PARTS == {"candidates"}
                and len(fields) == len(changes.paths)
                and all(f.field in _IRRELEVANT_CANDIDATE_FIELDS for f in fields)
            ):
                return
            self.invalidate(structural=True)
        else:
            self.invalidate(structural=False)

    def block(self, scenario: str, basis: str, metric: str) -> Block:
        """One (basis, metric) as region × year arrays per component: what chart views read."""
        if (basis, metric) not in BLOCKS:
            raise KeyError((basis, metric))
        return self._block(self.state(scenario), basis, metric)

    def notes(self, scenario: str) -> list[tuple[str, str]]:
        """The (zh, en) notes of the scenario's table, without building the table."""
        return list(self.state(scenario).notes)

    def fund_view(self, scenario: str) -> pd.DataFrame:
        return fund_view_from_state(self.project, self.structure, self.state(scenario))

    def deployment(self, scenario: str) -> pd.DataFrame:
        return deployment_from_state(self.project, self.state(scenario))

    def park_cashflows(self, scenario: str) -> pd.DataFrame:
        st = self.state(scenario)
        return _park_cashflows(self.project, st.scenario, st.params)

    # ------------------------------------------------------------------ computation
    def _compute(self, sc: Scenario) -> ScenarioState:
        s = self.structure
        params = read_parameters(self.project, sc, self.until)
        n, nu = len(s.cand_ids), s.n_units
        k = self._coefficients(s, params)
        chain = s.chain(params.chain_scale, params.link_terms)
        network = s.network(params.network_share, params.network_decay_km, params.multiplier)
        agg, repl, repl_own = self._region_matrices(s, k, network, chain.solver is not None)
        arr = allocation_arrays(s, sc)
        d = direct_output(arr, n, params)  # [gross | net]; chained in ScenarioState.effects
        invested = np.zeros((nu, len(YEARS)))
        if arr.cand.size:
            units = s.cand_unit[arr.cand]
            ok = units >= 0
            np.add.at(invested, (units[ok], arr.year[ok]), arr.amount[ok])
        parks, parks_net = park_arrays_both(self.project, sc, s, params)
        baseline, base_notes = baseline_arrays(self.project, sc, s, params.years)
        sharing, share_notes = candidate_sharing(self.project, sc, s, params)
        notes = list(s.mrio_notes) + list(parks.notes) + share_notes + base_notes
        for c in (chain.check, network.check):
            if not c.ok:
                notes.append((c.reason_zh, c.reason_en))
        if arr.ignored:
            notes.append(
                (
                    f"{arr.ignored} 条分配无法计入（候选不存在、年份不在 2026–2030 或金额无效），详见校验",
                    f"{arr.ignored} allocations were left out (unknown candidate, year outside 2026–2030 "
                    "or invalid amount); see validation",
                )
            )
        st = ScenarioState(
            scenario=sc,
            params=params,
            arr=arr,
            k=k,
            agg=agg,
            repl=repl,
            repl_own=repl_own,
            chain=chain,
            network=network,
            d_cand=d,
            x_cand=self._start(sc.name, d),
            invested=invested,
            parks=parks,
            parks_net=parks_net,
            province_share=province_shares(self.project, sc, s),
            baseline=baseline,
            notes=notes,
            sharing=sharing,
        )
        return st

    def _start(self, scenario: str, d: np.ndarray) -> np.ndarray:
        """Where the chain iteration starts: the last solution when it still fits, else D."""
        warm = self._warm.pop(scenario, None)
        return warm.copy() if warm is not None and warm.shape == d.shape else d.copy()

    def _region_matrices(self, s: Structure, k: np.ndarray, network, chain_ok: bool) -> tuple:
        """``region_matrices``, reused while its inputs are equal (read-only wherever used)."""
        last = self._regional
        if (
            last is not None
            and last[0] is network
            and last[1] == chain_ok
            and last[2].shape == k.shape
            and np.array_equal(last[2], k)
        ):
            return last[3]
        out = region_matrices(s, k, network, chain_ok)
        self._regional = (network, chain_ok, k, out)
        return out

    @staticmethod
    def _coefficients(s: Structure, params: Parameters) -> np.ndarray:
        """(metrics × candidates): output, value added, jobs, VAT, CIT, standard CIT per 亿元."""
        table = np.array(
            [
                (1.0, k.gdp, k.jobs, k.vat, k.cit, k.cit_std)
                for k in (params.sector(name, west) for name, west in s.coef_keys)
            ]
        ).reshape(-1, len(MET))
        return table[s.cand_coef_row].T if len(s.coef_keys) else np.zeros((len(MET), 0))

    # ------------------------------------------------------------------ incremental
    def _update_allocation(self, scenario: str, key: tuple) -> None:
        """One changed cell: its row of direct output moves; the chain, the regional rounds and
        the table follow on the next read (``ScenarioState.effects``, warm-started)."""
        st = self._states.get(scenario)
        if st is None:
            return  # not computed yet; the next request computes it in full
        cid, year, inst = key
        new = cell_amount(st.scenario, key)
        c = int(lookup(self.structure.cand_ids, [cid])[0])
        t = _YEAR_ROW.get(year, -1)
        i = _INST_ROW.get(str(inst), -1)
        if c < 0 or t < 0 or i < 0:
            return  # the full computation ignores this allocation as well
        arr = st.arr
        old = float(arr.amount[(arr.cand == c) & (arr.year == t) & (arr.inst == i)].sum())
        delta = new - old
        if delta == 0:
            return
        st.arr = AllocationArrays(
            np.append(arr.cand, c),
            np.append(arr.year, t),
            np.append(arr.inst, i),
            np.append(arr.amount, delta),
            arr.ignored,
        )
        p = st.params
        gross = delta * p.instrument_coef[i] * p.inst_ramp[i, t]  # (years,)
        st.d_cand[c] += np.concatenate([gross, p.instrument_net[i] * gross])
        unit = self.structure.cand_unit[c]
        if unit >= 0:
            st.invested[unit, t] += delta
        st.effects_cache = st.fair_cache = None
        st.table = None

    # ------------------------------------------------------------------ table
    def _table(self, scenario: str) -> pd.DataFrame:
        st = self.state(scenario)
        if st.table is None:
            st.table = self._build_table(st)
        return st.table

    def _block(self, st: ScenarioState, basis: str, metric: str) -> Block:
        return block_of(st, self.structure.unit_codes, self.structure.unit_names, basis, metric)

    def _build_table(self, st: ScenarioState) -> pd.DataFrame:
        s = self.structure
        blocks = [self._block(st, b, m) for b, m in BLOCKS]
        df = build_table(st.scenario.name, s.unit_codes, s.unit_names, blocks, st.params.years)
        df.attrs["notes"] = list(st.notes)
        df.attrs["spillover_refused"] = not (st.chain.check.ok and st.network.check.ok)
        df.attrs["network_source"] = st.network.source
        return df


def _amount_cells(changes: Changes) -> list[AllocationCell] | None:
    """The allocation cells an edit changed, when it changed nothing but whole allocation rows or
    their amounts (the one edit a cheap row update can follow); else None."""
    cells = []
    for p in changes.paths:
        cell = AllocationCell.of(p)
        if cell is None or cell.field not in (None, "amount") or cell.path != p:
            return None
        cells.append(cell)
    return cells or None
