"""Gross-to-net and timing arithmetic for the projection engine, pure and vectorisable.

Additionality follows the English Partnerships / HCA Additionality Guide (3rd ed. 2008, 4th ed.
2014): AI = GI·(1−L)·(1−Dp)·(1−S) − reference case, the reference case being the deadweight share
of the same adjusted figure. Crowding out of private capital takes the place of the Guide's
substitution term S (the harm 国办发〔2025〕1号 asks guidance funds to avoid). The adjustments are
returned one by one, each on what is left after the previous one, so gross − Σ adjustments = net
exactly and a table can show each step as a negative component. The own-region multiplier is
*not* applied here: indirect effects are their own component in the engine.

Timing: money put in at the start of year t starts producing ``lag`` years later and reaches full
effect ``ramp`` years after that, linearly; each year's share is the average over that year, so a
fractional lag or ramp (as drawn in uncertainty analysis) moves results smoothly, and with an
integer lag nothing at all is produced before year t + lag.
"""

from __future__ import annotations

import numpy as np

ADDITIONALITY_STEPS: tuple[str, ...] = ("leakage", "displacement", "crowding_out", "deadweight")
"""Order in which the adjustments are taken off gross (the Guide's order; deadweight last)."""


def additionality_steps(gross, shares: dict[str, float]) -> dict[str, np.ndarray]:
    """Each adjustment (positive amounts to subtract) and ``net``; ``shares`` are fractions 0..1.

    ``gross`` may be a number or an array (regions × years, or draws): the arithmetic broadcasts.
    """
    left = np.asarray(gross, dtype=float)
    out: dict[str, np.ndarray] = {}
    for step in ADDITIONALITY_STEPS:
        cut = left * float(shares.get(step, 0.0))
        out[step] = cut
        left = left - cut
    out["net"] = left
    return out


def net_factor(shares: dict[str, float]) -> float:
    """net / gross = Π(1 − share) over the four adjustments."""
    f = 1.0
    for step in ADDITIONALITY_STEPS:
        f *= 1.0 - float(shares.get(step, 0.0))
    return f


def _ramp_integral(x: np.ndarray, lag: float, ramp: float) -> np.ndarray:
    """∫₀ˣ e(s) ds where e rises linearly from 0 at ``lag`` to 1 at ``lag + ramp``."""
    s = np.maximum(x - lag, 0.0)
    if ramp <= 0:
        return s
    rising = np.minimum(s, ramp)
    return rising**2 / (2 * ramp) + (s - rising)


def ramp_profile(lag: float, ramp: float, n_years: int) -> np.ndarray:
    """Share of full yearly effect k = 0..n−1 years after the money (average over year k)."""
    if lag < 0 or ramp < 0:
        raise ValueError("lag and ramp must not be negative")
    k = np.arange(n_years + 1, dtype=float)
    cum = _ramp_integral(k, float(lag), float(ramp))
    return np.diff(cum)


def ramp_matrix(lag: float, ramp: float, years: int) -> np.ndarray:
    """R[t, y]: share of full effect in year index y of money put in during year index t."""
    prof = ramp_profile(lag, ramp, years)
    d = np.arange(years)[None, :] - np.arange(years)[:, None]
    return np.where(d >= 0, prof[np.clip(d, 0, years - 1)], 0.0)


def survival(write_off_pct: float, years_since: np.ndarray) -> np.ndarray:
    """Share of equity investees still alive ``years_since`` whole years after the money, with a
    constant yearly failure or write-off rate (VC-style attrition); 1 in the year of investment."""
    rate = float(write_off_pct) / 100.0
    return np.where(years_since >= 0, (1.0 - rate) ** np.maximum(years_since, 0), 0.0)
