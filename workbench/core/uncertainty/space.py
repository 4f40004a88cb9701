"""The uncertain parameters and how they are drawn: Latin hypercube, triangular, correlated groups.

Every parameter of the table (``core.param_table.parameter_rows``) with a range wider than a point
and a distribution other than ``fixed`` is uncertain. Its draws follow the parameter's own
distribution between its low and high: triangular with the mode at the value the scenario uses
(clamped into the range when a planner has set a value outside it), or uniform. A zero-width range
is fixed at its value: it never moves.

Draws are a Latin hypercube (``scipy.stats.qmc.LatinHypercube``, scrambled, seeded): each
parameter's range is cut into N equal-probability strata and every stratum is drawn once, so 500
draws cover each range as evenly as several thousand plain random ones would. The seed is part of
the result: the same project, seed and number of draws give identical bands.

Correlations are declared (``CORRELATED``), never guessed: parameters in one group move together
through a Gaussian copula (the uniforms are turned into normals, mixed by the Cholesky factor of an
equicorrelation matrix, and turned back), which keeps each parameter's own distribution exactly and
gives the group a rank correlation close to the declared one. Everything not declared is drawn
independently. docs/uncertainty.md says why each group is declared and what is not.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass

import numpy as np

from workbench.core.enums import Distribution
from workbench.core.model import Project
from workbench.core.param_table import ParameterRow, parameter_rows

DEFAULT_DRAWS = 500
DEFAULT_SEED = 20260101
MAX_DRAWS = 100_000


@dataclass(frozen=True)
class Correlation:
    """Parameters whose keys match ``pattern`` share a pairwise correlation ``rho`` (0 ≤ rho < 1)."""

    pattern: str
    rho: float
    why_zh: str
    why_en: str


CORRELATED: tuple[Correlation, ...] = (
    Correlation(
        "sector.va_ratio.*",
        0.6,
        "各行业增加值率取自同一张投入产出表（同一年份、同一价格口径），其偏差同向",
        "every sector's value-added ratio comes from the same input–output table (one year, one "
        "price basis): an error in it moves them together",
    ),
    Correlation(
        "sector.jobs_per_output.*",
        0.6,
        "各行业就业系数取自同一普查与同一劳动生产率口径，其偏差同向",
        "every sector's jobs per output comes from the same census and productivity basis",
    ),
    Correlation(
        "instrument.*.output_per_investment",
        0.5,
        "各工具每亿元产出依赖同一批被投企业的经营表现",
        "each instrument's output per 亿元 depends on the same pool of investees' performance",
    ),
)


@dataclass(frozen=True)
class Space:
    """The parameters a set of draws covers: every row, and which of them are uncertain."""

    rows: tuple[ParameterRow, ...]  # all parameters, table order
    uncertain: tuple[int, ...]  # indices into ``rows`` of the parameters that are drawn

    @property
    def keys(self) -> list[str]:
        return [r.key for r in self.rows]

    @property
    def central(self) -> np.ndarray:
        """(parameters,) the values the central run uses."""
        return np.array([r.value for r in self.rows], dtype=float)

    def uncertain_rows(self) -> list[ParameterRow]:
        return [self.rows[i] for i in self.uncertain]

    def groups(self) -> list[tuple[Correlation, list[int]]]:
        """Each declared correlation with the positions (into ``uncertain``) it covers (≥ 2)."""
        out = []
        keys = [self.rows[i].key for i in self.uncertain]
        for c in CORRELATED:
            members = [j for j, k in enumerate(keys) if fnmatch.fnmatchcase(k, c.pattern)]
            if len(members) >= 2:
                out.append((c, members))
        return out


def parameter_space(project: Project, scenario=None) -> Space:
    """The project's parameters as the scenario (a ``Scenario`` or None) uses them."""
    rows = tuple(parameter_rows(project, scenario))
    uncertain = tuple(i for i, r in enumerate(rows) if is_uncertain(r))
    return Space(rows, uncertain)


def is_uncertain(row: ParameterRow) -> bool:
    return row.distribution is not Distribution.FIXED and row.high > row.low


def mode_of(row: ParameterRow) -> float:
    """The triangular mode: the value in use, clamped into [low, high]."""
    return float(min(max(row.value, row.low), row.high))


def quantiles(row: ParameterRow, u: np.ndarray) -> np.ndarray:
    """Inverse CDF of the row's distribution at uniforms ``u`` in [0, 1)."""
    lo, hi = float(row.low), float(row.high)
    if not is_uncertain(row):
        return np.full(np.shape(u), float(row.value))
    if row.distribution is Distribution.UNIFORM:
        return lo + u * (hi - lo)
    c = mode_of(row)
    width = hi - lo
    cut = (c - lo) / width
    left = lo + np.sqrt(u * width * (c - lo))
    right = hi - np.sqrt((1 - u) * width * (hi - c))
    return np.where(u < cut, left, right)


def uniforms(space: Space, draws: int, seed: int) -> np.ndarray:
    """(draws, uncertain) Latin-hypercube uniforms, correlated within the declared groups."""
    from scipy.stats import qmc

    d = len(space.uncertain)
    if d == 0:
        return np.zeros((draws, 0))
    u = qmc.LatinHypercube(d=d, seed=np.random.default_rng(seed)).random(draws)
    return correlate(u, space.groups())


def correlate(u: np.ndarray, groups: list[tuple[Correlation, list[int]]]) -> np.ndarray:
    """Gaussian copula per group: margins stay uniform (so each parameter keeps its distribution
    and its Latin-hypercube strata up to the copula's mixing)."""
    if not groups:
        return u
    from scipy.special import ndtr, ndtri

    out = u.copy()
    for corr, members in groups:
        m = len(members)
        c = np.full((m, m), corr.rho) + np.eye(m) * (1 - corr.rho)
        z = ndtri(np.clip(u[:, members], 1e-12, 1 - 1e-12))
        out[:, members] = ndtr(z @ np.linalg.cholesky(c).T)
    return out


def sample(space: Space, draws: int, seed: int) -> np.ndarray:
    """(draws, parameters) full parameter vectors: central values, uncertain ones drawn."""
    values = np.tile(space.central, (draws, 1))
    u = uniforms(space, draws, seed)
    for j, i in enumerate(space.uncertain):
        values[:, i] = quantiles(space.rows[i], u[:, j])
    return values


def check_draws(draws: int) -> int:
    """The number of draws, or a ValueError worded for a planner."""
    if isinstance(draws, bool) or int(draws) != draws or not 1 <= int(draws) <= MAX_DRAWS:
        raise ValueError(f"draws must be a whole number from 1 to {MAX_DRAWS}: {draws!r}")
    return int(draws)
