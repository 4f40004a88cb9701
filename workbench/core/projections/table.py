"""The long-form projection table: one row per scenario, region, year, metric, basis, component.

Blocks (basis → metrics):
  location    output, gdp, tax, jobs   where the activity happens; tax = all tax raised
  statistical output, gdp              what each unit records (park GDP rules apply)
  fiscal      tax                      local budget revenue received (after central shares)
  fiscal_province tax                  the province tier's part of that local revenue
  baseline    gdp_pct_baseline, revenue_pct_baseline   % of the unit's baseline (never summed)
Components: direct, chain_spillover, indirect, network_spillover, park_share, additionality, and
total (their sum, net); see ``blocks``. Keys, labels, units and the summability rule are declared
in ``vocabulary``.

A ``Block`` is one (basis, metric) as the engine holds it, region × year arrays per component:
the table is built from blocks, and chart views (``views``) read blocks directly, so a redraw after
an edit never flattens the arrays into this long table only to pivot them back.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from workbench.core.projections import vocabulary
from workbench.core.projections.parameters import YEARS

if TYPE_CHECKING:
    import pandas as pd

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
COMPONENTS = tuple(c.key for c in vocabulary.COMPONENTS)
METRICS = tuple(m.key for m in vocabulary.METRICS)
BASES = tuple(b.key for b in vocabulary.BASES)
UNITS = vocabulary.UNITS
BLOCKS = vocabulary.BLOCKS


@dataclass
class Block:
    basis: str
    metric: str
    codes: list[str]  # planning units
    names: list[str]
    parts: list[np.ndarray]  # one (units × years) array per ``vocabulary.PARTS`` component
    counted_in_full: np.ndarray  # (units,) party to a park counted in full by both
    years: tuple[int, ...] = YEARS  # the projection horizon (2026..until)
    # A share of the baseline (ratio metric): each unit's baseline, the denominator (units ×
    # years, NaN where it has no statistics), so that charts can weigh units into a circle share.
    weights: np.ndarray | None = None
    gross: bool = False  # the adjustment components are left out: totals are gross (``as_gross``)

    @property
    def unit(self) -> str:
        return vocabulary.UNITS[self.metric]

    def total(self) -> np.ndarray:
        """(units × years) the sum of the parts, added in the order the table adds them."""
        return sum(self.parts[1:], self.parts[0])

    def summable(self, component: str) -> np.ndarray:
        return vocabulary.summable(self.basis, component, self.counted_in_full, self.metric)

    def as_gross(self) -> Block:
        """The same block before additionality: adjustment components are zero and hidden from
        charts, so every total is gross (= net total − additionality). The gross/net switch."""
        parts = [
            np.zeros_like(p) if vocabulary.COMPONENT[k].adjustment else p
            for k, p in zip(vocabulary.PARTS, self.parts, strict=True)
        ]
        return replace(self, parts=parts, gross=True)

    def shown_parts(self) -> list[int]:
        """Indices into ``vocabulary.PARTS`` of the components a chart shows."""
        return [
            i
            for i, k in enumerate(vocabulary.PARTS)
            if not (self.gross and vocabulary.COMPONENT[k].adjustment)
        ]


def empty_table() -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame({c: pd.Series(dtype=float if c == "value" else object) for c in COLUMNS})


def build_table(
    scenario: str,
    codes: list[str],
    names: list[str],
    blocks: list[Block],
    years: tuple[int, ...] = YEARS,
) -> pd.DataFrame:
    """The total is computed from the parts so that it is exactly the sum shown."""
    import pandas as pd

    n, ny = len(codes), len(years)
    if n == 0 or not blocks:
        return empty_table()
    values, summable, metric, basis, component = [], [], [], [], []
    for block in blocks:
        arrays = (*block.parts, block.total())
        for comp, arr in zip((*vocabulary.PARTS, vocabulary.TOTAL), arrays, strict=True):
            values.append(arr.ravel())
            summable.append(np.repeat(block.summable(comp), ny))
            metric.append(block.metric)
            basis.append(block.basis)
            component.append(comp)
    k = len(values)
    size = n * ny
    df = pd.DataFrame(
        {
            "scenario": np.full(k * size, scenario, dtype=object),
            "region_code": np.tile(np.repeat(np.array(codes, dtype=object), ny), k),
            "region": np.tile(np.repeat(np.array(names, dtype=object), ny), k),
            "year": np.tile(np.tile(np.array(years), n), k),
            "metric": np.repeat(np.array(metric, dtype=object), size),
            "component": np.repeat(np.array(component, dtype=object), size),
            "basis": np.repeat(np.array(basis, dtype=object), size),
            "value": np.concatenate(values),
            "unit": np.repeat(np.array([UNITS[m] for m in metric], dtype=object), size),
            "summable": np.concatenate(summable),
        },
        # Every array above is new and held by nothing else; without consolidation pandas
        # keeps one block per column instead of copying the seven text columns twice into one
        # 2-D block (a third of a large project's full recompute; columns are read one by one).
        copy=False,
    )
    return df
