"""Which assumptions matter: one-at-a-time swings (tornado) and variance-based Sobol indices.

Tornado: every uncertain parameter is moved alone to its low and to its high end, all others at
the values the scenario uses; the swing is |output at high − output at low|. All 2P + 1 runs are
one batched evaluation. It shows the reach of each range, not interactions.

Sobol (SALib, Saltelli sampling and Jansen estimators): S1 is the share of the output's variance
that one parameter explains alone, ST the share it takes part in with interactions. It needs
N·(P + 2) runs, so it is run only when asked for, with progress and cancel. Sobol indices assume
independent inputs, so the declared correlations (``space.CORRELATED``) are not applied here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from workbench.core.model import Project
from workbench.core.uncertainty.bands import series_draws
from workbench.core.uncertainty.batch import DrawModel
from workbench.core.uncertainty.inputs import Cancelled
from workbench.core.uncertainty.space import (
    DEFAULT_SEED,
    ParameterRow,
    Space,
    parameter_space,
    quantiles,
)

if TYPE_CHECKING:
    import pandas as pd

TORNADO_COLUMNS = [
    "parameter",
    "label_zh",
    "label_en",
    "unit",
    "low_value",
    "high_value",
    "output_low",
    "output_high",
    "swing",
    "rank",
]
SOBOL_COLUMNS = [
    "parameter",
    "label_zh",
    "label_en",
    "unit",
    "S1",
    "S1_conf",
    "ST",
    "ST_conf",
    "rank",
]
SOBOL_CHUNK = 1000  # draws per batched evaluation (bounds memory on large projects)


class OutputError(ValueError):
    """An output the sensitivity cannot be taken of; ``zh``/``en`` is the line to show."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh, self.en = zh, en


def _scenario(project: Project, scenario: str | None) -> str:
    if scenario is None:
        if not project.scenarios:
            raise OutputError("项目中没有方案", "the project has no scenario")
        return project.scenarios[0].name
    if project.scenario(scenario) is None:
        from workbench.core.projections.engine import ScenarioNotFound

        raise ScenarioNotFound(scenario)
    return scenario


def output_of(
    model: DrawModel, metric: str, year: int, region: str | None, basis: str, net: bool
) -> np.ndarray:
    """(draws,) the chosen output: one unit's or the circle's total in ``year``."""
    from workbench.core.projections import vocabulary

    if (basis, metric) not in vocabulary.BLOCKS:
        raise OutputError(
            f"口径“{basis}”下没有指标“{metric}”", f"basis {basis!r} has no metric {metric!r}"
        )
    if year not in model.years:
        raise OutputError(
            f"年份 {year} 不在预测期 {model.years[0]}–{model.years[-1]} 内",
            f"year {year} is outside the projection years {model.years[0]}–{model.years[-1]}",
        )
    if region is not None and model.s.unit_index.get(region, -1) < 0:
        raise OutputError(
            f"没有代码为“{region}”的规划单元", f"no planning unit with code {region!r}"
        )
    series = series_draws(model, basis, metric, net=net, region=region)
    return series[:, model.years.index(year)]


def tornado(
    project: Project,
    scenario: str | None = None,
    *,
    metric: str = "gdp",
    year: int = 2030,
    region: str | None = None,
    basis: str = "location",
    net: bool = True,
    until: int | None = None,
) -> pd.DataFrame:
    """One row per uncertain parameter, largest swing first (rank 1)."""
    import pandas as pd

    name = _scenario(project, scenario)
    space = parameter_space(project, project.scenario(name))
    rows = space.uncertain_rows()
    central = space.central
    values = np.tile(central, (2 * len(rows) + 1, 1))
    for j, i in enumerate(space.uncertain):
        values[1 + 2 * j, i] = space.rows[i].low
        values[2 + 2 * j, i] = space.rows[i].high
    horizon = max(int(year), 2030) if until is None else int(until)
    model = DrawModel(project, name, horizon, space.keys, values)
    out = output_of(model, metric, int(year), region, basis, net)
    lo, hi = out[1::2], out[2::2]
    swing = np.abs(hi - lo)
    order = np.argsort(-swing, kind="stable")
    rank = np.empty(len(rows), dtype=int)
    rank[order] = np.arange(1, len(rows) + 1)
    df = pd.DataFrame(
        {
            "parameter": [r.key for r in rows],
            "label_zh": [r.label_zh for r in rows],
            "label_en": [r.label_en for r in rows],
            "unit": [r.unit for r in rows],
            "low_value": [r.low for r in rows],
            "high_value": [r.high for r in rows],
            "output_low": lo,
            "output_high": hi,
            "swing": swing,
            "rank": rank,
        },
        columns=TORNADO_COLUMNS,
    )
    df = df.sort_values("rank", kind="stable").reset_index(drop=True)
    df.attrs.update(
        scenario=name,
        metric=metric,
        year=int(year),
        region=region,
        basis=basis,
        net=net,
        central=float(out[0]),
    )
    return df


def sobol_indices(
    rows: Sequence[ParameterRow],
    func: Callable[[np.ndarray], np.ndarray],
    *,
    n: int = 256,
    seed: int = DEFAULT_SEED,
) -> dict[str, np.ndarray]:
    """S1, S1_conf, ST, ST_conf for ``func`` ((runs, parameters) values → (runs,) outputs) over
    the rows' own distributions (triangular or uniform between low and high)."""
    from SALib.analyze import sobol as analyze
    from SALib.sample import sobol as sampler

    k = len(rows)
    problem = {"num_vars": k, "names": [r.key for r in rows], "bounds": [[0.0, 1.0]] * k}
    u = sampler.sample(problem, int(n), calc_second_order=False, scramble=True, seed=int(seed))
    x = np.column_stack([quantiles(r, u[:, j]) for j, r in enumerate(rows)])
    y = np.asarray(func(x), dtype=float)
    res = analyze.analyze(problem, y, calc_second_order=False, seed=int(seed))
    return {key: np.asarray(res[key]) for key in ("S1", "S1_conf", "ST", "ST_conf")}


def sobol(
    project: Project,
    scenario: str | None = None,
    *,
    metric: str = "gdp",
    year: int = 2030,
    region: str | None = None,
    basis: str = "location",
    net: bool = True,
    n: int = 128,
    seed: int = DEFAULT_SEED,
    progress: Callable | None = None,
    cancel: Callable[[], bool] | None = None,
) -> pd.DataFrame:
    """First-order and total Sobol indices of one output (``n`` must be a power of 2)."""
    import pandas as pd

    name = _scenario(project, scenario)
    space: Space = parameter_space(project, project.scenario(name))
    rows = space.uncertain_rows()
    if not rows:
        raise OutputError("没有不确定参数（所有参数区间宽度为 0）", "no parameter has a range")
    horizon = max(int(year), 2030)

    def evaluate(x: np.ndarray) -> np.ndarray:
        full = np.tile(space.central, (len(x), 1))
        full[:, list(space.uncertain)] = x
        out = np.empty(len(x))
        for lo in range(0, len(x), SOBOL_CHUNK):
            if cancel is not None and cancel():
                raise Cancelled
            part = full[lo : lo + SOBOL_CHUNK]
            model = DrawModel(project, name, horizon, space.keys, part, None, None, cancel)
            out[lo : lo + len(part)] = output_of(model, metric, int(year), region, basis, net)
            if progress is not None:
                progress(min(1.0, (lo + len(part)) / len(x)), 1.0)
        return out

    res = sobol_indices(rows, evaluate, n=n, seed=seed)
    order = np.argsort(-res["ST"], kind="stable")
    rank = np.empty(len(rows), dtype=int)
    rank[order] = np.arange(1, len(rows) + 1)
    df = pd.DataFrame(
        {
            "parameter": [r.key for r in rows],
            "label_zh": [r.label_zh for r in rows],
            "label_en": [r.label_en for r in rows],
            "unit": [r.unit for r in rows],
            **res,
            "rank": rank,
        },
        columns=SOBOL_COLUMNS,
    )
    df = df.sort_values("rank", kind="stable").reset_index(drop=True)
    df.attrs.update(scenario=name, metric=metric, year=int(year), n=int(n), seed=int(seed))
    return df
