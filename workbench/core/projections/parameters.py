"""The model's parameters for one scenario, read once from the project's assumptions.

Every number the engine uses comes from ``project.assumptions`` (overridden per scenario), so a
planner can trace and change each one. A key missing from an older project falls back to the
shipped default rather than failing: the file stays usable and the default is documented.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from workbench.core.assumptions import DEFAULT_SECTOR, default_assumptions
from workbench.core.enums import Instrument
from workbench.core.model import PLAN_YEARS, Project, Scenario

YEARS: tuple[int, ...] = PLAN_YEARS
INSTRUMENTS: tuple[Instrument, ...] = tuple(Instrument)
_DEFAULTS = default_assumptions()


def value(project: Project, key: str, scenario: Scenario | None) -> float:
    """A parameter value: scenario override, else the project's, else the shipped default."""
    if scenario is not None and key in scenario.assumption_overrides:
        return float(scenario.assumption_overrides[key])
    if key in project.assumptions:
        return float(project.assumptions[key].value)
    return float(_DEFAULTS[key].value)


@dataclass(frozen=True)
class SectorCoefficients:
    """Per-unit-of-output coefficients of one sector: what 1 亿元 of output brings."""

    gdp: float  # 亿元 value added per 亿元 output
    jobs: float  # 人 per 亿元 output
    tax: float  # 亿元 tax raised (VAT + CIT, central and local) per 亿元 output
    tax_local: float  # 亿元 local share of that tax per 亿元 output


@dataclass(eq=False)
class Parameters:
    ramp: np.ndarray  # share (0..1) of full effect k years after the money, k = 0, 1, 2+
    instrument_coef: (
        np.ndarray
    )  # yearly output at full effect per 亿元 of fund money, by instrument
    chain_scale: float  # 0..1 multiplier on link strengths
    network_share: float  # 0..1
    network_decay_km: float
    park_output: float  # yearly output per 亿元 park investment at full effect
    dividend_payout: float  # 0..1
    profit_share: float  # 0..1 of value added
    vat_central: float  # 0..1
    cit_central: float  # 0..1
    vat_per_va: float  # VAT per 亿元 value added
    cit_per_va: float  # CIT per 亿元 value added
    project: Project
    scenario: Scenario | None

    def sector(self, name: str) -> SectorCoefficients:
        cache = self.__dict__.setdefault("_sector_cache", {})
        if name not in cache:
            cache[name] = self._sector(name)
        return cache[name]

    def _sector(self, name: str) -> SectorCoefficients:
        key = name if f"sector.va_ratio.{name}" in _known(self.project) else DEFAULT_SECTOR
        va = value(self.project, f"sector.va_ratio.{key}", self.scenario) / 100
        jobs = value(self.project, f"sector.jobs_per_output.{key}", self.scenario)
        vat, cit = va * self.vat_per_va, va * self.cit_per_va
        local = vat * (1 - self.vat_central) + cit * (1 - self.cit_central)
        return SectorCoefficients(va, jobs, vat + cit, local)

    @cached_property
    def ramp_matrix(self) -> np.ndarray:
        """R[t, y]: share of the full yearly effect in year y of money put in during year t."""
        n = len(YEARS)
        lag = np.arange(n)[None, :] - np.arange(n)[:, None]
        r = self.ramp[np.clip(lag, 0, len(self.ramp) - 1)]
        return np.where(lag >= 0, r, 0.0)


def _known(project: Project) -> set[str]:
    return set(project.assumptions) | set(_DEFAULTS)


def read_parameters(project: Project, scenario: Scenario | None) -> Parameters:
    def v(key: str) -> float:
        return value(project, key, scenario)

    leverage = float(project.fund.leverage)
    coef = np.array(
        [
            (1 + leverage * v(f"instrument.{i.value}.leverage_share") / 100)
            * v(f"instrument.{i.value}.output_per_investment")
            for i in INSTRUMENTS
        ]
    )
    va_rate = v("tax.vat_rate") / 100 * v("tax.vat_base_share") / 100
    cit_rate = v("tax.cit_rate") / 100 * v("tax.profit_share") / 100
    return Parameters(
        ramp=np.array([v("ramp.year0"), v("ramp.year1"), v("ramp.year2")]) / 100,
        instrument_coef=coef,
        chain_scale=v("chain.strength_scale") / 100,
        network_share=v("network.spillover_share") / 100,
        network_decay_km=v("network.decay_km"),
        park_output=v("park.output_per_investment"),
        dividend_payout=v("park.dividend_payout") / 100,
        profit_share=v("tax.profit_share") / 100,
        vat_central=v("tax.vat_central_share") / 100,
        cit_central=v("tax.cit_central_share") / 100,
        vat_per_va=va_rate,
        cit_per_va=cit_rate,
        project=project,
        scenario=scenario,
    )
