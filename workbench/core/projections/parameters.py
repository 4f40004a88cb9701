"""The model's parameters for one scenario, read once from the project's assumptions.

Every number the engine uses comes from ``project.assumptions`` (overridden per scenario), so a
planner can trace and change each one. A key missing from an older project falls back to the
shipped default rather than failing: the file stays usable and the default is documented.

Timing, additionality and tax rules are read here and turned into arrays the engine multiplies
with: per instrument a ramp matrix R[t, y] (lag and ramp from ``timing.*``, equity attrition from
``instrument.equity.write_off_rate``) and a gross-to-net factor (``additionality.*``); per park
model the same; per candidate the VAT rate of its sector and its CIT rate (15 % under 西部大开发
up to ``tax.cit_western_until``, else 25 %).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from workbench.core.assumptions import DEFAULT_SECTOR, default_assumptions
from workbench.core.enums import ChainKind, Instrument, ParkModel
from workbench.core.model import PLAN_YEARS, Project, Scenario
from workbench.core.net_effects import (
    ADDITIONALITY_STEPS,
    additionality_steps,
    net_factor,
    ramp_matrix,
    survival,
)
from workbench.core.projections.link_kinds import link_terms
from workbench.core.taxes import vat_rate_key

YEARS: tuple[int, ...] = PLAN_YEARS
"""The plan period: allocations and park investment fall in it; the default horizon."""
INSTRUMENTS: tuple[Instrument, ...] = tuple(Instrument)
PARK_MODELS: tuple[ParkModel, ...] = tuple(ParkModel)
FAIRNESS_HORIZON = 10
"""Years of effect counted per allocation for the fairness ratio (see ``fund``): long enough for
every lag and ramp in the parameter ranges to reach full effect, the same for every allocation."""
_DEFAULTS = default_assumptions()


def horizon(until: int = YEARS[-1]) -> tuple[int, ...]:
    """Projection years 2026..until (never shorter than the plan period)."""
    return tuple(range(YEARS[0], max(int(until), YEARS[-1]) + 1))


def value(project: Project, key: str, scenario: Scenario | None) -> float:
    """A parameter value: scenario override, else the project's, else the shipped default."""
    if scenario is not None and key in scenario.assumption_overrides:
        return float(scenario.assumption_overrides[key])
    if key in project.assumptions:
        return float(project.assumptions[key].value)
    return float(_DEFAULTS[key].value)


@dataclass(frozen=True)
class SectorCoefficients:
    """Per-unit-of-output coefficients of one sector (and CIT status): what 1 亿元 of output brings.

    Taxes are kept apart because their rates and sharing differ: VAT by sector; CIT at the
    candidate's rate while the 西部大开发 rate lasts (``cit``) and at the standard rate after it
    (``cit_std``)."""

    gdp: float  # 亿元 value added per 亿元 output
    jobs: float  # 人 per 亿元 output
    vat: float  # 亿元 VAT raised per 亿元 output
    cit: float  # 亿元 CIT raised per 亿元 output, up to tax.cit_western_until
    cit_std: float  # 亿元 CIT raised per 亿元 output at the standard rate (after it)


@dataclass(eq=False)
class Parameters:
    years: tuple[int, ...]
    inst_ramp: np.ndarray  # (instruments, years, years) R[t, y] incl. equity attrition
    instrument_coef: np.ndarray  # yearly output at full effect per 亿元 fund money, by instrument
    instrument_net: np.ndarray  # net / gross factor by instrument (additionality)
    inst_shares: list[dict[str, float]]  # additionality shares (0..1) by instrument
    park_ramp: dict[str, np.ndarray]  # park model -> R[t, y]
    park_net: dict[str, float]  # park model -> net / gross factor
    park_shares: dict[str, dict[str, float]]
    chain_scale: float  # 0..1 multiplier on link strengths
    link_terms: tuple[tuple[float, int], ...]  # (multiplier, lag) per ChainKind (link_kinds)
    network_share: float  # 0..1
    network_decay_km: float
    multiplier: float  # own-region type-I output multiplier (no MRIO table)
    park_output: float  # yearly output per 亿元 park investment at full effect
    dividend_payout: float  # 0..1
    profit_share: float  # 0..1 of value added
    vat_base: float  # 0..1 effective VAT base per value added
    vat_central: float  # 0..1
    cit_central: float  # 0..1
    cit_rate: float  # 0..1 standard
    cit_western: float  # 0..1 西部大开发
    cit_until: int  # last year of the western rate
    fairness_weight: np.ndarray  # (instruments,) Σ of R over FAIRNESS_HORIZON years
    project: Project
    scenario: Scenario | None
    _cache: dict = field(default_factory=dict)

    def sector(self, name: str, western: bool = False) -> SectorCoefficients:
        key = (name, western)
        if key not in self._cache:
            self._cache[key] = self._sector(name, western)
        return self._cache[key]

    def _sector(self, name: str, western: bool) -> SectorCoefficients:
        key = name if f"sector.va_ratio.{name}" in _known(self.project) else DEFAULT_SECTOR
        va = value(self.project, f"sector.va_ratio.{key}", self.scenario) / 100
        jobs = value(self.project, f"sector.jobs_per_output.{key}", self.scenario)
        vat = value(self.project, vat_rate_key(self.project, name), self.scenario) / 100
        profit = va * self.profit_share
        cit = profit * (self.cit_western if western else self.cit_rate)
        return SectorCoefficients(va, jobs, va * self.vat_base * vat, cit, profit * self.cit_rate)

    @property
    def western_years(self) -> np.ndarray:
        """(years,) True where the 西部大开发 CIT rate still applies."""
        return np.array([y <= self.cit_until for y in self.years])

    def tax_rows(self, k: SectorCoefficients) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(years,) tax raised, local share of it, and the VAT part of that local share, per 亿元
        output of coefficients ``k`` (the CIT rate changes after the western rate ends)."""
        key = ("tax_rows", k)
        if key not in self._cache:
            cit = np.where(self.western_years, k.cit, k.cit_std)
            local_vat = np.full(len(self.years), k.vat * (1 - self.vat_central))
            self._cache[key] = (k.vat + cit, local_vat + cit * (1 - self.cit_central), local_vat)
        return self._cache[key]

    def park_output_matrix(
        self, models: list[str], investment: np.ndarray, net: bool | dict[str, float]
    ) -> np.ndarray:
        """(parks × years) yearly output of parks with ``investment`` (parks × plan years): each
        park model's lag and ramp, and its gross-to-net factor when ``net`` (or, given a dict,
        that factor per model: the gross/net view's partial steps, ``net_view``)."""
        ny = len(YEARS)
        out = np.zeros((len(models), len(self.years)))
        models_arr = np.array(models, dtype=object)
        for m in set(models):  # one product per park model, not per park
            rows = models_arr == m
            if isinstance(net, dict):
                factor = net.get(m, 1.0)
            else:
                factor = self.park_net.get(m, 1.0) if net else 1.0
            ramp = self.park_ramp.get(m, self.park_ramp[ParkModel.CO_BUILT.value])
            out[rows] = investment[rows] @ ramp[:ny] * (self.park_output * factor)
        return out

    @property
    def ramp_matrix(self) -> np.ndarray:
        """Equity's R[t, y] (kept for callers that want one ramp)."""
        return self.inst_ramp[0]

    def additionality(self, gross: np.ndarray, instrument: int) -> dict[str, np.ndarray]:
        return additionality_steps(gross, self.inst_shares[instrument])


def _known(project: Project) -> set[str]:
    return set(project.assumptions) | set(_DEFAULTS)


def _shares(v, prefix: str) -> dict[str, float]:
    return {s: v(f"{prefix}.{s}") / 100 for s in ADDITIONALITY_STEPS}


def _ramp(v, prefix: str, ny: int) -> np.ndarray:
    return ramp_matrix(max(v(f"{prefix}.lag"), 0.0), max(v(f"{prefix}.ramp"), 0.0), ny)


def _link_terms(project: Project, scenario: Scenario | None) -> tuple[tuple[float, int], ...]:
    terms = (link_terms(k, project, scenario) for k in ChainKind)
    return tuple((t.multiplier, t.lag) for t in terms)


def read_parameters(
    project: Project, scenario: Scenario | None, until: int = YEARS[-1]
) -> Parameters:
    def v(key: str) -> float:
        return value(project, key, scenario)

    years = horizon(until)
    ny = len(years)
    leverage = float(project.fund.leverage)
    coef = np.array(
        [
            (1 + leverage * v(f"instrument.{i.value}.leverage_share") / 100)
            * v(f"instrument.{i.value}.output_per_investment")
            for i in INSTRUMENTS
        ]
    )
    since = np.arange(ny)[None, :] - np.arange(ny)[:, None]
    ramps, weights, shares = [], [], []
    for i in INSTRUMENTS:
        r = _ramp(v, f"timing.instrument.{i.value}", ny)
        long = _ramp(v, f"timing.instrument.{i.value}", FAIRNESS_HORIZON)[0]
        if i is Instrument.EQUITY:
            rate = v("instrument.equity.write_off_rate")
            r = r * survival(rate, since)
            long = long * survival(rate, np.arange(FAIRNESS_HORIZON))
        ramps.append(r)
        weights.append(long.sum())
        shares.append(_shares(v, f"additionality.instrument.{i.value}"))
    park_shares = {m.value: _shares(v, f"additionality.park.{m.value}") for m in PARK_MODELS}
    return Parameters(
        years=years,
        inst_ramp=np.array(ramps),
        instrument_coef=coef,
        instrument_net=np.array([net_factor(s) for s in shares]),
        inst_shares=shares,
        park_ramp={m.value: _ramp(v, f"timing.park.{m.value}", ny) for m in PARK_MODELS},
        park_net={k: net_factor(s) for k, s in park_shares.items()},
        park_shares=park_shares,
        chain_scale=v("chain.strength_scale") / 100,
        link_terms=_link_terms(project, scenario),
        network_share=v("network.spillover_share") / 100,
        network_decay_km=v("network.decay_km"),
        multiplier=max(v("indirect.output_multiplier"), 1.0),
        park_output=v("park.output_per_investment"),
        dividend_payout=v("park.dividend_payout") / 100,
        profit_share=v("tax.profit_share") / 100,
        vat_base=v("tax.vat_base_share") / 100,
        vat_central=v("tax.vat_central_share") / 100,
        cit_central=v("tax.cit_central_share") / 100,
        cit_rate=v("tax.cit_rate") / 100,
        cit_western=v("tax.cit_rate_western") / 100,
        cit_until=int(v("tax.cit_western_until")),
        fairness_weight=np.array(weights),
        project=project,
        scenario=scenario,
    )
