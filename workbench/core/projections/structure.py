"""Index arrays built once per project structure: planning units, candidates, links, borders.

Everything on the hot path is an integer or float array here, so a projection is a handful of
vectorised numpy operations and an incremental update touches one candidate's column.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from workbench.core.enums import ChainKind
from workbench.core.model import Project
from workbench.core.projections.matrices import Matrix, dense_for, product, triplets, vstack
from workbench.core.projections.spillover import (
    ChainSolver,
    SpilloverCheck,
    check,
    leontief_inverse,
)
from workbench.core.taxes import western_cit_applies

if TYPE_CHECKING:
    pass

EARTH_RADIUS_KM = 6371.0


@dataclass
class Network:
    """The region-level coefficient matrix A and N = (I − A)⁻¹ (identity when refused).

    A's diagonal holds each unit's own-region supplier coefficient (from the type-I multiplier μ,
    aᵣᵣ = 1 − 1/μ, or the MRIO table's diagonal); its off-diagonal the cross-region flows (the
    neighbour network, or the table's off-diagonal)."""

    s: np.ndarray
    inverse: np.ndarray
    check: SpilloverCheck
    source: str  # "adjacency" or "mrio"

    @property
    def own(self) -> np.ndarray:
        """(units,) own-region coefficients aᵣᵣ (0 when refused)."""
        return np.diag(self.s).copy() if self.check.ok else np.zeros(len(self.s))


@dataclass
class Chain:
    """The chain links as coefficient matrices by lag (``link_kinds``: a link's kind sets its
    multiplier and lag). ``s`` holds the same-year links, ``lagged`` the others by lag in years,
    ``total`` all of them (checked for ρ < 1, and used where years are summed)."""

    s: Matrix  # dense or sparse (``matrices``)
    solver: ChainSolver | None  # None when refused
    check: SpilloverCheck
    lagged: dict[int, Matrix] = field(default_factory=dict)
    total: Matrix | None = None
    linked: bool = False  # ``total`` holds a link (a stored entry, even of strength 0)
    _stacked: Matrix | None = None  # [S_0; S_L1; …]: one product per round

    def __post_init__(self) -> None:
        if self.lagged:
            self._stacked = vstack([self.s, *self.lagged.values()])

    @property
    def active(self) -> bool:
        return self.solver is not None and self.total is not None and self.linked

    def demand(self, x: np.ndarray, ny: int) -> np.ndarray:
        """S X with each link's lag: ``x`` holds blocks of ``ny`` year columns side by side
        (gross | net); a link with lag L moves its demand L columns later within each block."""
        if self._stacked is None:
            return product(self.s, x)
        n = self.s.shape[0]
        all_lags = np.ascontiguousarray(product(self._stacked, x))
        out = all_lags[:n]
        flat = out.reshape(-1)
        year = np.arange(x.shape[1]) % ny
        for k, lag in enumerate(self.lagged, start=1):
            if lag >= ny:
                continue
            # Row-major, moving every column ``lag`` later within its block is one shift of the
            # flattened rows once the columns that would leave their block are zeroed (they are
            # scratch): three contiguous passes instead of a strided add per block, which cost
            # more than the product itself in each round of the funded-target iteration.
            moved = all_lags[k * n : (k + 1) * n]
            moved[:, year >= ny - lag] = 0.0
            flat[lag:] += moved.reshape(-1)[:-lag]
        return out


@dataclass
class Structure:
    unit_codes: list[str]
    unit_names: list[str]
    unit_index: dict[str, int]  # any region code -> planning-unit row (planning unit or its county)
    cand_ids: CandidateIds
    cand_unit: np.ndarray  # planning-unit row of each candidate (-1: unknown region)
    cand_sector: list[str]
    sector_names: list[str]  # distinct sectors
    cand_sector_row: np.ndarray  # index into sector_names per candidate
    coef_keys: list[tuple[str, bool]]  # distinct (sector, qualifies for the 西部大开发 CIT rate)
    cand_coef_row: np.ndarray  # index into coef_keys per candidate
    link_src: np.ndarray
    link_tgt: np.ndarray
    link_strength: np.ndarray
    link_kind: list[ChainKind]  # of each kept link
    repl_unit: np.ndarray  # replaced average flows: the target's planning unit of a chain link …
    repl_cand: np.ndarray  # … and its source candidate, once per (unit, source) pair
    borders: np.ndarray  # km of shared border between planning units (symmetric)
    distance_km: np.ndarray  # seat-to-seat great-circle distance (nan when a seat is unknown)
    mrio_s: np.ndarray | None
    mrio_notes: list[tuple[str, str]] = field(default_factory=list)
    _chains: dict[tuple, Chain] = field(default_factory=dict)
    _networks: dict[tuple[float, float, float], Network] = field(default_factory=dict)

    @property
    def n_units(self) -> int:
        return len(self.unit_codes)

    def chain(self, scale: float, terms: tuple[tuple[float, int], ...] | None = None) -> Chain:
        """Link coefficients strength × ``scale`` × the kind's multiplier, by the kind's lag;
        ``terms``: (multiplier, lag) per ``ChainKind`` in declaration order (None: every link
        same-year at its strength)."""
        key = (scale, terms)
        if key not in self._chains:
            n = len(self.cand_ids)
            if terms is None:
                mult, lags = np.ones(len(self.link_strength)), np.zeros(len(self.link_strength))
            else:
                by_kind = dict(zip(ChainKind, terms, strict=True))
                mult = np.array([by_kind[k][0] for k in self.link_kind], dtype=float)
                lags = np.array([by_kind[k][1] for k in self.link_kind], dtype=np.int64)
            coef = self.link_strength * scale * mult

            dense = dense_for(n)

            def matrix(mask: np.ndarray) -> Matrix:
                tgt, src = self.link_tgt[mask], self.link_src[mask]
                return triplets(coef[mask], tgt, src, (n, n), dense)

            total = matrix(np.ones(len(coef), dtype=bool))
            c = check(total, "产业链链接矩阵", "the chain-link matrix")
            same = matrix(lags == 0)
            lagged = {int(g): matrix(lags == g) for g in sorted(set(lags.tolist())) if g > 0}
            solver = ChainSolver(same, bool(np.any(lags == 0))) if c.ok else None
            self._chains[key] = Chain(same, solver, c, lagged, total, len(coef) > 0)
        return self._chains[key]

    def network(self, share: float, decay_km: float, multiplier: float = 1.0) -> Network:
        """A from the MRIO table when loaded, else own-region 1 − 1/μ plus the neighbour network."""
        key = (share, decay_km, multiplier) if self.mrio_s is None else (-1.0, -1.0, -1.0)
        if key not in self._networks:
            if self.mrio_s is not None:
                s, source = self.mrio_s, "mrio"
                c = check(s, "投入产出表系数矩阵", "the input–output coefficient matrix")
            else:
                s = self._adjacency_matrix(share, decay_km)
                s[np.diag_indices_from(s)] += 1.0 - 1.0 / max(multiplier, 1.0)
                source = "adjacency"
                c = check(s, "区域网络外溢矩阵", "the region-network spillover matrix")
            inv = leontief_inverse(s) if c.ok else np.eye(self.n_units)
            self._networks[key] = Network(s, inv, c, source)
        return self._networks[key]

    def _adjacency_matrix(self, share: float, decay_km: float) -> np.ndarray:
        """S[i, j] = share × border(i, j) / Σₖ border(k, j) × exp(−d(i, j) / L)."""
        b = self.borders
        col = b.sum(axis=0)
        with np.errstate(divide="ignore", invalid="ignore"):
            weights = np.where(col > 0, b / np.where(col > 0, col, 1.0), 0.0)
        if decay_km > 0:
            decay = np.exp(-np.nan_to_num(self.distance_km, nan=0.0) / decay_km)
        else:
            decay = np.ones_like(b)
        return share * weights * decay


def planning_unit_rows(project: Project) -> tuple[list[str], list[str], dict[str, int]]:
    """Planning units in project order (provinces are not units) and region → row."""
    units = project.planning_units()
    by_code = {r.code: r for r in project.regions}
    codes = project.planning_unit_codes()
    row = {c: i for i, c in enumerate(codes)}
    index = {code: row[u] for code, u in units.items() if u in row}
    return codes, [by_code[c].name for c in codes], index


class CandidateIds(tuple[str, ...]):
    """Candidate ids in row order, found by a dict: what the engine needs of a pandas Index,
    without loading pandas for the first chart at start-up (~0.15 s). A duplicated id (a
    validation error) resolves to its first row."""

    def __new__(cls, ids: list[str]) -> CandidateIds:
        obj = super().__new__(cls, ids)
        obj._rows = {}
        for i, key in enumerate(obj):
            obj._rows.setdefault(key, i)
        return obj

    def get_loc(self, key: str) -> int:
        return self._rows[key]

    def get_indexer(self, keys: list[str]) -> np.ndarray:
        rows = self._rows
        return np.fromiter((rows.get(k, -1) for k in keys), dtype=np.int64, count=len(keys))


def lookup(ids: CandidateIds, keys: list[str]) -> np.ndarray:
    """Row of each key in ``ids`` (-1 when absent); a duplicated id resolves to its first row."""
    return ids.get_indexer(keys)


def _distances(project: Project, codes: list[str]) -> np.ndarray:
    by_code = {r.code: r for r in project.regions}
    lon = np.array(
        [by_code[c].lon if by_code[c].lon is not None else math.nan for c in codes], float
    )
    lat = np.array(
        [by_code[c].lat if by_code[c].lat is not None else math.nan for c in codes], float
    )
    lo, la = np.radians(lon), np.radians(lat)
    dlat = la[:, None] - la[None, :]
    dlon = lo[:, None] - lo[None, :]
    h = np.sin(dlat / 2) ** 2 + np.cos(la)[:, None] * np.cos(la)[None, :] * np.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0, 1)))


def build_structure(project: Project) -> Structure:
    codes, names, unit_index = planning_unit_rows(project)
    n_units = len(codes)
    cand_ids = CandidateIds([c.id for c in project.candidates])
    cand_unit = np.array(
        [unit_index.get(c.region_code, -1) for c in project.candidates], dtype=np.int64
    )
    sectors = [str(c.sector) for c in project.candidates]
    sector_names = sorted(set(sectors))
    sector_pos = {name: i for i, name in enumerate(sector_names)}
    sector_row = np.array([sector_pos[x] for x in sectors], dtype=np.int64)
    pairs = [(str(c.sector), western_cit_applies(c)) for c in project.candidates]
    coef_keys = sorted(set(pairs))
    coef_pos = {k: i for i, k in enumerate(coef_keys)}
    coef_row = np.array([coef_pos[k] for k in pairs], dtype=np.int64)
    kinds: list[ChainKind] = []
    if project.links:
        src = lookup(cand_ids, [lk.source for lk in project.links])
        tgt = lookup(cand_ids, [lk.target for lk in project.links])
        strength = np.array([lk.strength for lk in project.links], dtype=float)
        # Dangling and self-links are validation errors; they carry no effect here.
        ok = (src >= 0) & (tgt >= 0) & (src != tgt)
        src, tgt, strength = src[ok], tgt[ok], strength[ok]
        kinds = [lk.kind for lk, keep in zip(project.links, ok, strict=True) if keep]
    else:
        src = tgt = np.zeros(0, dtype=np.int64)
        strength = np.zeros(0)
    # A purchase link (supply, value chain) from c to a target in unit r is a specific deal: it
    # replaces the average flow from c's unit to r (A[r, unit(c)]) for c's output, once however
    # many links c has into r. An innovation link carries knowledge, not purchases: it replaces
    # no average flow (``link_kinds``).
    buys = [k is not ChainKind.INNOVATION for k in kinds]
    pairs = sorted(
        {(int(cand_unit[t]), int(c)) for c, t, b in zip(src, tgt, buys, strict=True) if b}
    )
    pairs = [(r, c) for r, c in pairs if r >= 0 and cand_unit[c] >= 0]
    repl_unit = np.array([r for r, _ in pairs], dtype=np.int64)
    repl_cand = np.array([c for _, c in pairs], dtype=np.int64)
    borders = np.zeros((n_units, n_units))
    if project.adjacency:
        a = np.array([unit_index.get(x.code_a, -1) for x in project.adjacency])
        b = np.array([unit_index.get(x.code_b, -1) for x in project.adjacency])
        km = np.array([x.shared_border_km for x in project.adjacency], dtype=float)
        keep = (a >= 0) & (b >= 0) & (a != b) & np.isfinite(km) & (km > 0)
        np.add.at(borders, (a[keep], b[keep]), km[keep])
        np.add.at(borders, (b[keep], a[keep]), km[keep])
    mrio_s, notes = _mrio_matrix(project, codes)
    return Structure(
        unit_codes=codes,
        unit_names=names,
        unit_index=unit_index,
        cand_ids=cand_ids,
        cand_unit=cand_unit,
        cand_sector=sectors,
        sector_names=sector_names,
        cand_sector_row=sector_row,
        coef_keys=coef_keys,
        cand_coef_row=coef_row,
        link_src=src,
        link_tgt=tgt,
        link_strength=strength,
        link_kind=kinds,
        repl_unit=repl_unit,
        repl_cand=repl_cand,
        borders=borders,
        distance_km=_distances(project, codes),
        mrio_s=mrio_s,
        mrio_notes=notes,
    )


def _mrio_matrix(
    project: Project, codes: list[str]
) -> tuple[np.ndarray | None, list[tuple[str, str]]]:
    """The loaded table placed on planning-unit rows; units it does not cover get no spillover."""
    t = project.mrio
    if t is None:
        return None, []
    n = len(codes)
    s = np.zeros((n, n))
    rows = [codes.index(c) if c in codes else -1 for c in t.regions]
    notes = []
    missing = [c for c, r in zip(t.regions, rows, strict=False) if r < 0]
    if missing:
        notes.append(
            (
                f"投入产出表中的地区 {'、'.join(missing)} 不是规划单元，已忽略",
                f"input–output table regions {', '.join(missing)} are not planning units and were ignored",
            )
        )
    for i, ri in enumerate(rows):
        if ri < 0 or i >= len(t.coefficients):
            continue
        for j, rj in enumerate(rows):
            if rj >= 0 and j < len(t.coefficients[i]):
                s[ri, rj] += float(t.coefficients[i][j])
    return s, notes
