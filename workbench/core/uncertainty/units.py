"""Per-unit P10/P50/P90 of one chart series: for the results table, the region view and the map.

``unit_bands`` reduces a drawn model (``draw_model``) to each planning unit's band of one
(basis, metric, net|gross) total per year, plus the plan period's sum — summed per draw first,
so the band of 2026–2030 is not the sum of the yearly bands. ``map_source`` turns a lookup of
such bands into a ``core.map_view`` source (P50, or band width P90 − P10) that never computes
draws itself: the UI computes them in the background and the map shows "being computed" until
they are there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from workbench.core.model import PLAN_YEARS
from workbench.core.projections import vocabulary as voc
from workbench.core.uncertainty.bands import GROSS_INDEX, TOTAL_INDEX, percentiles

PLAN_SUM = 0  # the "year" of the plan period's sum, as ``MapSpec.year`` says it


@dataclass(frozen=True)
class UnitBands:
    """Each unit's P10/P50/P90 per year (and of the plan-period sum) of one series."""

    codes: tuple[str, ...]
    names: tuple[str, ...]
    years: tuple[int, ...]  # ends with PLAN_SUM (0) when the metric adds up over years
    p: np.ndarray  # (3, units, len(years))
    basis: str
    metric: str
    gross: bool
    unit: str
    draws: int
    seed: int

    def table_bands(self, codes: list[str], years: list[int]) -> np.ndarray:
        """(units × years × 3) in the caller's order, NaN where this has no band (the hook
        ``results_view.results_table(bands=...)`` takes)."""
        at = {c: i for i, c in enumerate(self.codes)}
        yat = {y: j for j, y in enumerate(self.years) if y != PLAN_SUM}
        out = np.full((len(codes), len(years), 3), np.nan)
        for i, c in enumerate(codes):
            if c in at:
                for j, y in enumerate(years):
                    if y in yat:
                        out[i, j] = self.p[:, at[c], yat[y]]
        return out

    def at(self, code: str, year: int) -> tuple[float, float, float] | None:
        if code not in self.codes or year not in self.years:
            return None
        i, j = self.codes.index(code), self.years.index(year)
        return float(self.p[0, i, j]), float(self.p[1, i, j]), float(self.p[2, i, j])


def unit_bands(model: Any, basis: str, metric: str, *, gross: bool = False) -> UnitBands:
    """The bands of every unit's total of (basis, metric) from the model's draws."""
    s = model.s
    comp = GROSS_INDEX if gross else TOTAL_INDEX
    series = model.block(basis, metric)[:, comp]  # (draws, units, years)
    years = tuple(model.years)
    if voc.METRIC[metric].additive:
        plan = [j for j, y in enumerate(years) if y in PLAN_YEARS]
        series = np.concatenate([series, series[:, :, plan].sum(axis=2, keepdims=True)], axis=2)
        years = (*years, PLAN_SUM)
    with np.errstate(invalid="ignore"):
        p = percentiles(series)
    return UnitBands(
        tuple(s.unit_codes),
        tuple(s.unit_names),
        years,
        p,
        basis,
        metric,
        gross,
        voc.UNITS[metric],
        int(model.draws),
        int(getattr(model, "seed", 0)),
    )


GROUP = "*"  # the one row of ``group_band``


def group_band(
    model: Any, basis: str, metric: str, codes: tuple[str, ...], *, gross: bool = False
) -> UnitBands:
    """The band of the sum of some units (a city's districts: the region view), each draw summed
    first; one row keyed ``GROUP``. Additive metrics only (a share of a baseline never adds)."""
    s = model.s
    comp = GROSS_INDEX if gross else TOTAL_INDEX
    rows = sorted({s.unit_index[c] for c in codes if c in s.unit_index})
    series = model.block(basis, metric)[:, comp][:, rows].sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore"):
        p = percentiles(series)
    return UnitBands(
        (GROUP,),
        ("",),
        tuple(model.years),
        p,
        basis,
        metric,
        gross,
        voc.UNITS[metric],
        int(model.draws),
        int(getattr(model, "seed", 0)),
    )


# -- map sources -----------------------------------------------------------------------------------
P50, WIDTH = "p50", "width"
KINDS = {
    P50: ("P50", "P50"),
    WIDTH: ("区间宽度（P90−P10）", "range width (P90−P10)"),
}
Lookup = Callable[[Any, str, Any], "UnitBands | None"]  # (project, scenario, spec) -> bands


def map_values(project: Any, bands: UnitBands, spec: Any, kind: str) -> Any:
    """RegionValues of the P50 or the band width of ``bands`` in ``spec.year`` (0: plan sum, or
    the plan's last year for a share)."""
    from workbench.core.map_view import RegionValues, _on_units

    year = spec.year if spec.year in bands.years else bands.years[-1]
    if year == PLAN_SUM and PLAN_SUM not in bands.years:
        year = PLAN_YEARS[-1]
    j = bands.years.index(year)
    values = bands.p[1, :, j] if kind == P50 else bands.p[2, :, j] - bands.p[0, :, j]
    shown = voc.GROSS if bands.gross else voc.NET
    title = tuple(
        f"{voc.METRIC[bands.metric].uplift(lang)} {KINDS[kind][lang == 'en']} · "
        f"{voc.label(bands.basis, lang)} · {shown.label(lang)} · {_when(year, lang)}"
        for lang in ("zh", "en")
    )
    out = _on_units(project, list(bands.codes), np.asarray(values, dtype=float), bands.unit, title)
    out.notes.append(
        (
            f"{bands.draws} 次抽样，随机种子 {bands.seed}",
            f"{bands.draws} draws, seed {bands.seed}",
        )
    )
    return RegionValues(out.codes, out.values, out.unit, out.title, out.notes)


def _when(year: int, lang: str) -> str:
    if year:
        return f"{year} 年" if lang == "zh" else str(year)
    span = f"{PLAN_YEARS[0]}–{PLAN_YEARS[-1]}"
    return f"{span} 年合计" if lang == "zh" else f"{span} total"


def map_source(kind: str, lookup: Lookup) -> Callable:
    """A ``map_view`` source of ``kind`` (P50 or WIDTH) over the bands ``lookup`` has; without
    them yet, every unit is blank and the note says the ranges are being computed."""

    def read(project: Any, _engine: Any, scenario: str, spec: Any) -> Any:
        from workbench.core.map_view import RegionValues

        bands = lookup(project, scenario, spec)
        if bands is None:
            codes = project.planning_unit_codes()
            zh, en = KINDS[kind]
            return RegionValues(
                codes,
                np.full(len(codes), np.nan),
                voc.UNITS[spec.metric],
                (
                    f"{voc.METRIC[spec.metric].uplift('zh')} {zh}",
                    f"{voc.METRIC[spec.metric].uplift('en')} {en}",
                ),
                [("正在后台计算区间…", "Computing ranges in the background…")],
            )
        return map_values(project, bands, spec, kind)

    return read
