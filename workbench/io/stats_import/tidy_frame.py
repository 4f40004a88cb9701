"""The tidy table from the imported cells' arrays.

Strings are made per distinct thing (a region, a decision, a column letter, a row number) and
gathered by index; the provenance cell (``C7``) is one vectorised concatenation of a column
letter and a row number, so nothing is formatted per cell in Python.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from workbench.io.stats_import.cell_values import Extracted
from workbench.io.stats_import.decisions import Decision
from workbench.io.stats_import.regions import AGGREGATE, RegionMatch
from workbench.io.stats_import.result import TIDY_COLUMNS
from workbench.io.stats_import.table_model import col_letter


def _objects(values: list[Any]) -> np.ndarray:
    a = np.empty(len(values), dtype=object)
    a[:] = values
    return a


def _same(n: int, text: str) -> np.ndarray:
    """n references to one string (``np.full`` would make n copies of it)."""
    a = np.empty(n, dtype=object)
    a.fill(text)
    return a


def empty_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            c: pd.Series(
                [], dtype="int64" if c == "year" else ("float64" if c == "value" else object)
            )
            for c in TIDY_COLUMNS
        }
    )


def region_names(matches: list[RegionMatch]) -> list[str]:
    """The region column's text: the canonical name, or the printed label when unmatched."""
    return [m.name if m.code or m.level == AGGREGATE else m.label for m in matches]


def build_frame(
    file_name: str,
    sheet_name: str,
    ex: Extracted,
    decisions: list[Decision],
    matches: list[RegionMatch],
) -> pd.DataFrame:
    n = len(ex.v)
    if n == 0:
        return empty_frame()
    if n > 1 and not np.all(np.diff(ex.r * (int(ex.c.max()) + 1) + ex.c) > 0):
        order = np.lexsort((ex.c, ex.r))  # sheet order; ``ex`` stays aligned with the table
        ex.r, ex.c, ex.v, ex.d, ex.g = (a[order] for a in (ex.r, ex.c, ex.v, ex.d, ex.g))
    r, c, d, g, v = ex.r, ex.c, ex.d, ex.g, ex.v
    factors = np.array([x.factor for x in decisions], dtype=np.float64)
    v = v * factors[d]
    letters = _objects([col_letter(k) for k in range(int(c.max()) + 1)])
    numbers = _objects([str(k + 1) for k in range(int(r.max()) + 1)])
    return pd.DataFrame(
        {
            "region_code": _objects([m.code for m in matches])[g],
            "region": _objects(region_names(matches))[g],
            "level": _objects([m.level for m in matches])[g],
            "indicator": _objects([x.indicator for x in decisions])[d],
            "indicator_label": _objects([x.label for x in decisions])[d],
            "year": np.array([x.year for x in decisions], dtype=np.int64)[d],
            "value": v,
            "unit": _objects([x.unit for x in decisions])[d],
            "source_file": _same(n, file_name),
            "sheet": _same(n, sheet_name),
            "cell": letters[c] + numbers[r],  # element-wise str concatenation on object arrays
            "original_unit": _objects([x.original_unit for x in decisions])[d],
        },
        copy=False,
    )
