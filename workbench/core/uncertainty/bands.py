"""P10 / P50 / P90 of every series the projection table reports, and of the charts' totals.

``run_draws`` evaluates N draws of every uncertain parameter (``space``) with the batched model
(``batch``) and reduces each row of the tidy table — scenario × region × year × metric × basis ×
component — to its 10th, 50th and 90th percentile over the draws. The central run (every parameter
at its value) stays the table's ``value``: the P50 is the median of the draws, which differs from
the central value wherever a range is skewed around it or the model bends (a ratio, a maximum).

Rows with ``component == "gross"`` are added per block: the total before additionality
(total − additionality, drawn per draw), so the gross/net switch has a band of its own.

A band of a sum (the circle's total, a city's total over components) is the percentile of the
summed draws, never the sum of percentiles: ``circle_band`` sums each draw first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

import numpy as np

from workbench.core.model import Project
from workbench.core.projections import vocabulary
from workbench.core.uncertainty.batch import DrawModel, totals
from workbench.core.uncertainty.inputs import Cancelled
from workbench.core.uncertainty.space import (
    DEFAULT_DRAWS,
    DEFAULT_SEED,
    check_draws,
    parameter_space,
    sample,
)

if TYPE_CHECKING:
    import pandas as pd

PERCENTILES = (10.0, 50.0, 90.0)
GROSS = "gross"  # the extra component of band rows: total before additionality
BAND_COLUMNS = [
    "scenario",
    "region_code",
    "region",
    "year",
    "metric",
    "component",
    "basis",
    "p10",
    "p50",
    "p90",
    "unit",
]
MODEL_SHARE = 0.8  # of a scenario's progress: drawing and the model; the rest, the percentiles
TOTAL_INDEX = len(vocabulary.PARTS)  # in ``DrawModel.block``: parts, total, gross
GROSS_INDEX = TOTAL_INDEX + 1


def draw_model(
    project: Project,
    scenario: str,
    *,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
    until: int = 2030,
    progress: Callable | None = None,
    cancel: Callable[[], bool] | None = None,
) -> DrawModel:
    """The scenario's model for ``draws`` Latin-hypercube draws from ``seed``."""
    sc = project.scenario(scenario)
    space = parameter_space(project, sc)
    values = sample(space, check_draws(draws), int(seed))
    model = DrawModel(project, scenario, until, space.keys, values, None, progress, cancel)
    model.seed = int(seed)
    return model


def percentiles(a: np.ndarray) -> np.ndarray:
    """(3, …) P10, P50, P90 over the leading (draw) axis; NaN stays NaN (no statistics). A
    series equal in every draw (a third of the sample's: years before the money, zero parts) is
    its own percentiles, exactly as ``np.percentile`` gives them; only the others are sorted."""
    n = a.shape[0]
    flat = a.reshape(n, -1)
    if n == 0:
        return np.percentile(flat, PERCENTILES, axis=0).reshape(3, *a.shape[1:])
    lo = flat.min(axis=0)
    with np.errstate(invalid="ignore"):
        moving = ~((lo == flat.max(axis=0)) & np.isfinite(lo))
    p = np.broadcast_to(lo, (3, lo.size)).copy()
    if moving.any():
        draws = flat[:, moving]  # a copy, sorted in place series by series
        draws.sort(axis=0)
        p[:, moving] = sorted_percentiles(draws)
    return p.reshape(3, *a.shape[1:])


def sorted_percentiles(draws: np.ndarray) -> np.ndarray:
    """(3, series) ``np.percentile(draws, PERCENTILES, axis=0)`` (method "linear") of (draws,
    series) already sorted along axis 0 (NaN last), with numpy's own index, weight and
    interpolation arithmetic, so the values are the same to the bit. Why not ``np.percentile``:
    it partitions at eight indices per series, several times slower than one sort for a
    thousand draws (1,000 draws of the sample's 16,000 moving series: 0.27 s against 0.05 s);
    ``tests/core/test_uncertainty_speed.py`` pins the two equal."""
    n = draws.shape[0]
    virtual = (n - 1) * np.true_divide(np.array(PERCENTILES), 100)
    prev = np.floor(virtual)
    nxt = prev + 1
    prev[virtual >= n - 1] = -1  # the last value: numpy takes index -1 for both
    nxt[virtual >= n - 1] = -1
    before, after = prev.astype(np.intp), nxt.astype(np.intp)
    gamma = (virtual - before)[:, None]
    a, b = draws[before], draws[after]
    with np.errstate(invalid="ignore"):  # ±inf draws: inf − inf, as in numpy
        diff = b - a
        out = a + diff * gamma
        np.subtract(b, diff * (1 - gamma), out=out, where=gamma >= 0.5)
    out[:, np.isnan(draws[-1])] = np.nan
    return out


def run_draws(
    project: Project,
    scenario: str | None = None,
    *,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
    until: int = 2030,
    progress: Callable | None = None,
    cancel: Callable[[], bool] | None = None,
) -> pd.DataFrame:
    """The tidy table's key columns with p10, p50, p90 and unit, for one scenario or all.

    Every scenario uses the same draws (same seed): differences between scenarios are then not
    blurred by sampling noise (common random numbers)."""
    import pandas as pd

    names = [s.name for s in project.scenarios] if scenario is None else [scenario]
    frames = []
    for i, name in enumerate(names):

        def part(done: float, total: float = 1.0, i: int = i, lo: float = 0.0, hi: float = 1.0):
            if progress is not None:
                progress((i + lo + (hi - lo) * done / (total or 1.0)) / len(names), 1.0)

        drawn = partial(part, hi=MODEL_SHARE)
        model = draw_model(
            project, name, draws=draws, seed=seed, until=until, progress=drawn, cancel=cancel
        )
        frames.append(band_table(model, progress=partial(part, lo=MODEL_SHARE), cancel=cancel))
    if not frames:
        return pd.DataFrame({c: [] for c in BAND_COLUMNS})
    out = pd.concat(frames, ignore_index=True)
    out.attrs.update(draws=int(draws), seed=int(seed))
    return out


def model_bands(model: DrawModel) -> pd.DataFrame:
    """``run_draws`` for one scenario from a model already drawn (the projection panel's, whose
    effects are computed): the same rows and attributes, without drawing again."""
    out = band_table(model)
    out.attrs.update(draws=int(model.draws), seed=int(model.seed))
    return out


def band_table(
    model: DrawModel, progress: Callable | None = None, cancel: Callable[[], bool] | None = None
) -> pd.DataFrame:
    """One scenario's band rows, block by block in the table's order (+ gross per block);
    progress and cancel between blocks."""
    import pandas as pd

    s = model.s
    codes, names, years = s.unit_codes, s.unit_names, model.years
    nu, ny = len(codes), len(years)
    comps = (*vocabulary.PARTS, vocabulary.TOTAL, GROSS)
    values, metric, basis = [], [], []
    model.effects()
    for done, (b, m) in enumerate(vocabulary.BLOCKS):
        if cancel is not None and cancel():
            raise Cancelled
        if progress is not None:
            progress(done / len(vocabulary.BLOCKS), 1.0)
        p = model.parts(b, m)
        total, gross = totals(p)  # ``model.block`` without stacking the three (draws, …) arrays
        per = (percentiles(p), percentiles(total[:, None]), percentiles(gross[:, None]))
        values.append(np.concatenate(per, axis=1).reshape(3, -1))
        metric.append(m)
        basis.append(b)
    if progress is not None:
        progress(1.0, 1.0)
    k = len(values) * len(comps)
    size = nu * ny
    p = np.concatenate(values, axis=1) if values else np.zeros((3, 0))
    return pd.DataFrame(
        {
            "scenario": np.full(k * size, model.scenario.name, dtype=object),
            "region_code": np.tile(np.repeat(np.array(codes, dtype=object), ny), k),
            "region": np.tile(np.repeat(np.array(names, dtype=object), ny), k),
            "year": np.tile(np.tile(np.array(years), nu), k),
            "metric": np.repeat(np.array(metric, dtype=object), len(comps) * size),
            "component": np.tile(np.repeat(np.array(comps, dtype=object), size), len(values)),
            "basis": np.repeat(np.array(basis, dtype=object), len(comps) * size),
            "p10": p[0],
            "p50": p[1],
            "p90": p[2],
            "unit": np.repeat(
                np.array([vocabulary.UNITS[x] for x in metric], dtype=object), len(comps) * size
            ),
        },
        copy=False,
    )


def with_bands(table: pd.DataFrame, bands: pd.DataFrame) -> pd.DataFrame:
    """The tidy table with p10, p50, p90 joined on its key columns (``value`` untouched)."""
    keys = ["scenario", "region_code", "year", "metric", "component", "basis"]
    right = bands[[*keys, "p10", "p50", "p90"]]
    out = table.merge(right, on=keys, how="left", sort=False)
    out.attrs.update(table.attrs)
    out.attrs.update(bands.attrs)
    return out


# ---------------------------------------------------------------------- chart totals
@dataclass(frozen=True)
class Band:
    """P10/P50/P90 of one series over the years (the circle's total or one unit's)."""

    years: tuple[int, ...]
    p10: np.ndarray
    p50: np.ndarray
    p90: np.ndarray
    unit: str
    draws: int
    seed: int

    def at(self, year: int) -> tuple[float, float, float] | None:
        if year not in self.years:
            return None
        i = self.years.index(year)
        return float(self.p10[i]), float(self.p50[i]), float(self.p90[i])


def series_draws(
    model: DrawModel, basis: str, metric: str, *, net: bool = True, region: str | None = None
) -> np.ndarray:
    """(draws, years) the total of one (basis, metric) per draw: one unit's, or the circle's as
    ``views.summable_total`` states it (every activity once; a share of the baseline as the
    units with statistics together)."""
    comp = TOTAL_INDEX if net else GROSS_INDEX
    s = model.s
    if region is not None:
        row = s.unit_index.get(region, -1)
        if row < 0:
            raise KeyError(region)
        return model.block(basis, metric)[:, comp, row]
    if not vocabulary.METRIC[metric].additive:
        src_basis, src_metric = {
            "gdp_pct_baseline": ("statistical", "gdp"),
            "revenue_pct_baseline": ("fiscal", "tax"),
        }[metric]
        inp = model.inputs
        base = inp.base_gdp if metric == "gdp_pct_baseline" else inp.base_revenue
        has = np.isfinite(base) & (base > 0)
        uplift = np.where(has, model.block(src_basis, src_metric)[:, comp], 0.0).sum(axis=1)
        denom = np.where(has, base, 0.0).sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(denom > 0, 100.0 * uplift / denom, np.nan)
    block = model.block(basis, metric)
    once_key = vocabulary.BASIS[basis].counted_once
    once = model.block(once_key, metric) if once_key else None
    cif = model.inputs.not_summable
    total = np.zeros((block.shape[0], block.shape[3]))
    for i, key in enumerate(vocabulary.PARTS):
        if not net and vocabulary.COMPONENT[key].adjustment:
            continue
        summed, _rest = vocabulary.split_summable(
            basis, key, cif, block[:, i], None if once is None else once[:, i]
        )
        total += summed.sum(axis=1)
    return total


def circle_band(
    model: DrawModel, basis: str, metric: str, *, net: bool = True, region: str | None = None
) -> Band:
    p = percentiles(series_draws(model, basis, metric, net=net, region=region))
    return Band(model.years, p[0], p[1], p[2], vocabulary.UNITS[metric], model.draws, model.seed)


def band_text(band: Band, year: int, lang: str, stale: bool = False) -> str:
    """The hover line of a band in one year: P10–P90 and P50 with the unit (and the draws)."""
    from workbench.core.projections.views import colon, fmt_value

    got = band.at(year)
    if got is None:
        return ""
    lo, mid, hi = (fmt_value(v, band.unit, lang) for v in got)
    c = colon(lang)
    if lang == "zh":
        text = f"区间 P10–P90{c}{lo} – {hi}；P50{c}{mid}（{band.draws} 次抽样）"
        return text + ("\n（正在按最新修改重新计算）" if stale else "")
    text = f"Range P10–P90{c}{lo} – {hi}; P50{c}{mid} ({band.draws} draws)"
    return text + ("\n(being recomputed after the last edit)" if stale else "")
