"""Ranges, not points: Monte Carlo bands and sensitivity for every projection (docs/uncertainty.md).

* ``run_draws(project, scenario=None, *, draws=500, seed=20260101, until=2030, progress=None,
  cancel=None)`` → DataFrame: the tidy table's key columns (scenario, region_code, region, year,
  metric, component, basis) with p10, p50, p90 and unit; one extra component ``gross`` per block.
* ``tornado(project, scenario=None, *, metric="gdp", year=2030, region=None, basis="location",
  net=True)`` → DataFrame: parameter, label_zh, label_en, unit, low_value, high_value,
  output_low, output_high, swing, rank (1 = largest swing).
* ``sobol(project, scenario=None, *, metric, year, region, basis, net, n=128, seed, progress,
  cancel)`` → DataFrame: parameter, labels, unit, S1, S1_conf, ST, ST_conf, rank (SALib).
* ``draw_model(...)`` / ``circle_band(model, basis, metric, net=, region=)``: the batched model
  of one scenario and the band of a chart's total (what the projection panel draws).
* ``model_bands(model)``: ``run_draws``' rows for one scenario from a model already drawn (export
  reuses the projection panel's).

Pure numpy/pandas/scipy (SALib only for ``sobol``); no Qt. Progress is ``progress(done, total)``
and ``cancel()`` → bool, as ``ui.worker`` hands them; a cancelled run raises ``Cancelled``.
"""

from __future__ import annotations

from workbench.lazy_exports import lazy_exports

__all__ = [
    "DEFAULT_DRAWS",
    "DEFAULT_SEED",
    "Band",
    "Cancelled",
    "circle_band",
    "draw_model",
    "model_bands",
    "run_draws",
    "sobol",
    "tornado",
    "with_bands",
]

_LAZY = {
    "DEFAULT_DRAWS": "space",
    "DEFAULT_SEED": "space",
    "Band": "bands",
    "Cancelled": "inputs",
    "circle_band": "bands",
    "draw_model": "bands",
    "model_bands": "bands",
    "run_draws": "bands",
    "with_bands": "bands",
    "sobol": "sensitivity",
    "tornado": "sensitivity",
}


__getattr__ = lazy_exports(__name__, _LAZY, globals())
