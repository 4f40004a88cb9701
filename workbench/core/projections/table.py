"""The long-form projection table: one row per scenario, region, year, metric, basis, component.

Blocks (basis → metrics):
  location    output, gdp, tax, jobs   where the activity happens; tax = all tax raised
  statistical output, gdp              what each unit records (park GDP rules apply)
  fiscal      tax                      local budget revenue received (after central shares)
Components: direct, chain_spillover, network_spillover, park_share, and total (their sum).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from workbench.core.projections.parameters import YEARS

COLUMNS = [
    "scenario",
    "region_code",
    "region",
    "year",
    "metric",
    "component",
    "basis",
    "value",
    "unit",
    "summable",
]
COMPONENTS = ("direct", "chain_spillover", "network_spillover", "park_share", "total")
METRICS = ("output", "gdp", "tax", "jobs")
BASES = ("location", "statistical", "fiscal")
UNITS = {"output": "亿元", "gdp": "亿元", "tax": "亿元", "jobs": "人"}
BLOCKS: tuple[tuple[str, str], ...] = (
    ("location", "output"),
    ("location", "gdp"),
    ("location", "tax"),
    ("location", "jobs"),
    ("statistical", "output"),
    ("statistical", "gdp"),
    ("fiscal", "tax"),
)


def empty_table() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=float if c == "value" else object) for c in COLUMNS})


def build_table(
    scenario: str,
    codes: list[str],
    names: list[str],
    blocks: list[tuple[str, str, list[np.ndarray], np.ndarray]],
) -> pd.DataFrame:
    """``blocks``: (basis, metric, [direct, chain, network, park] each units × years, park-summable
    per unit). The total is computed here so that it is exactly the sum shown."""
    n, ny = len(codes), len(YEARS)
    if n == 0 or not blocks:
        return empty_table()
    values, summable, metric, basis, component = [], [], [], [], []
    for b, m, parts, park_ok in blocks:
        direct, chain, network, park = parts
        total = direct + chain + network + park
        ok_unit = np.repeat(park_ok, ny)
        for comp, arr in zip(COMPONENTS, (direct, chain, network, park, total), strict=True):
            values.append(arr.ravel())
            summable.append(ok_unit if comp in ("park_share", "total") else np.ones(n * ny, bool))
            metric.append(m)
            basis.append(b)
            component.append(comp)
    k = len(values)
    size = n * ny
    df = pd.DataFrame(
        {
            "scenario": np.full(k * size, scenario, dtype=object),
            "region_code": np.tile(np.repeat(np.array(codes, dtype=object), ny), k),
            "region": np.tile(np.repeat(np.array(names, dtype=object), ny), k),
            "year": np.tile(np.tile(np.array(YEARS), n), k),
            "metric": np.repeat(np.array(metric, dtype=object), size),
            "component": np.repeat(np.array(component, dtype=object), size),
            "basis": np.repeat(np.array(basis, dtype=object), size),
            "value": np.concatenate(values),
            "unit": np.repeat(np.array([UNITS[m] for m in metric], dtype=object), size),
            "summable": np.concatenate(summable),
        }
    )
    return df
