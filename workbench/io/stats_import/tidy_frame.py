"""The tidy table from the imported cells' arrays.

Strings are made per distinct thing (a region, a decision, a column letter, a row number) and
spread over the cells by index, or by broadcasting when the cells form a full block; the
provenance cell (``C7``) is one vectorised concatenation of a column letter and a row number
(or taken from the names made while calamine parsed the sheet), so nothing is formatted per
cell in Python.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from workbench.io.stats_import.cell_values import Extracted
from workbench.io.stats_import.decisions import Decision
from workbench.io.stats_import.regions import AGGREGATE, RegionMatch
from workbench.io.stats_import.result import TIDY_COLUMNS
from workbench.io.stats_import.table_model import col_letter

Spread = Callable[[list[Any], np.ndarray], None]


def _objects(values: list[Any]) -> np.ndarray:
    a = np.empty(len(values), dtype=object)
    a[:] = values
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


def _spread(index: np.ndarray, block: tuple[int, int] | None) -> Spread:
    """A function writing one value per imported cell into ``out`` from one value per thing
    (region, decision).

    In a full block whose rows share one pattern across the columns (a decision per column) or
    whose index is constant along each row (a region per row), the column is a broadcast of a
    short object array: far cheaper than gathering 100,000 references one by one.
    """
    if block is not None:
        rows, width = block
        grid = index.reshape(rows, width)
        first_row = grid[0]
        if (grid == first_row).all():

            def tile(values: list[Any], out: np.ndarray) -> None:
                out.reshape(rows, width)[:] = _objects(values)[first_row]

            return tile
        first_col = grid[:, 0]
        if (grid == first_col[:, None]).all():

            def repeat(values: list[Any], out: np.ndarray) -> None:
                out.reshape(rows, width)[:] = _objects(values)[first_col][:, None]

            return repeat

    def gather(values: list[Any], out: np.ndarray) -> None:
        np.take(_objects(values), index, out=out)

    return gather


def _names(rows: list[int], cols: list[int], out: np.ndarray | None = None) -> np.ndarray:
    """The names of the cells ``rows`` × ``cols`` (0-based) as a 2-D object array: one string
    concatenation per cell of a column letter and a row number each made once. In slices of
    ``GRID_SLICE`` names: one call over every cell held the GIL ~8 ms for 100,000 (NumPy's
    object loops never let go of it), and a parse run finishing meanwhile waited that long to
    build its rows."""
    letters = _objects([col_letter(k) for k in cols])[None, :]
    numbers = _objects([str(k + 1) for k in rows])[:, None]
    if out is None:
        out = np.empty((len(rows), len(cols)), dtype=object)
    step = max(1, GRID_SLICE // max(1, len(cols)))
    for r in range(0, len(rows), step):
        np.add(letters, numbers[r : r + step], out=out[r : r + step])
    return out


MAX_GRID = 300_000  # names made ahead for at most this many cells (~15 MB of strings)
GRID_SLICE = 4096  # names made per call (~0.3 ms), between which other threads may run
_LAST_GRID: list[np.ndarray] = []  # the last grid made, kept for the next read (the wizard's)


def cell_name_grid(rows: int, cols: int) -> np.ndarray | None:
    """Every cell name ("C7") of the range A1 to (``rows``, ``cols``) as a 2-D object array
    (``grid[r, c]``, 0-based), one string concatenation per cell, or None when the range is
    larger than ``MAX_GRID`` cells. Made while calamine parses the sheet (``reader.Prefetch``):
    a first read's 100,000 new strings are most of the tidy table's own cost. The last grid is
    kept: the wizard reads the same file again after every correction."""
    if rows <= 0 or cols <= 0 or rows * cols > MAX_GRID:
        return None
    last = _LAST_GRID[0] if _LAST_GRID else None
    if last is not None and rows <= last.shape[0] and cols <= last.shape[1]:
        return last
    grid = _names(list(range(rows)), list(range(cols)))
    _LAST_GRID[:] = [grid]
    return grid


def clear_caches() -> None:
    _LAST_GRID.clear()


def _cells(
    r: np.ndarray,
    c: np.ndarray,
    block: tuple[int, int] | None,
    out: np.ndarray,
    grid: np.ndarray | None = None,
) -> None:
    """The provenance cell names (``C7``): taken from ``grid`` (names made ahead) when it covers
    the cells, else one string concatenation per cell of a column letter and a row number each
    made once."""
    if grid is not None and int(r.max()) < grid.shape[0] and int(c.max()) < grid.shape[1]:
        if block is not None:
            rows, width = block
            rr, cc = r[::width], c[:width]
            r0, c0 = int(rr[0]), int(cc[0])
            if (np.diff(rr) == 1).all() and (np.diff(cc) == 1).all():
                # consecutive rows and columns (the usual table): a view of the grid, copied
                # once, instead of a gathered temporary copied again
                out.reshape(rows, width)[:] = grid[r0 : r0 + rows, c0 : c0 + width]
            else:
                out.reshape(rows, width)[:] = grid[np.ix_(rr, cc)]
        else:
            out[:] = grid[r, c]
        return
    if block is not None:
        rows, width = block
        _names(r[::width].tolist(), c[:width].tolist(), out=out.reshape(rows, width))
        return
    letters = _objects([col_letter(k) for k in range(int(c.max()) + 1)])
    numbers = _objects([str(k + 1) for k in range(int(r.max()) + 1)])
    np.add(letters[c], numbers[r], out=out)  # element-wise str concatenation on object arrays


_OBJECT_COLUMNS = [c for c in TIDY_COLUMNS if c not in ("year", "value")]


def build_frame(
    file_name: str,
    sheet_name: str,
    ex: Extracted,
    decisions: list[Decision],
    matches: list[RegionMatch],
    names: np.ndarray | None = None,
) -> pd.DataFrame:
    """The text columns are rows of one 2-D object array written in place: one allocation
    instead of ten plus their temporaries (fresh pages cost more than the copying). ``names``:
    the sheet's cell names made ahead (``cell_name_grid``), if any."""
    n = len(ex.v)
    if n == 0:
        return empty_frame()
    block = ex.block if ex.block is not None and ex.block[0] * ex.block[1] == n else None
    if block is None and n > 1 and not np.all(np.diff(ex.r * (int(ex.c.max()) + 1) + ex.c) > 0):
        order = np.lexsort((ex.c, ex.r))  # sheet order; ``ex`` stays aligned with the table
        ex.r, ex.c, ex.v, ex.d, ex.g = (a[order] for a in (ex.r, ex.c, ex.v, ex.d, ex.g))
    r, c, d, g, v = ex.r, ex.c, ex.d, ex.g, ex.v
    factors = np.array([x.factor for x in decisions], dtype=np.float64)
    v = v * factors[d]
    by_dec, by_region = _spread(d, block), _spread(g, block)
    text = np.empty((len(_OBJECT_COLUMNS), n), dtype=object)
    col = dict(zip(_OBJECT_COLUMNS, text, strict=True))
    by_region([m.code for m in matches], col["region_code"])
    by_region(region_names(matches), col["region"])
    by_region([m.level for m in matches], col["level"])
    by_dec([x.indicator for x in decisions], col["indicator"])
    by_dec([x.label for x in decisions], col["indicator_label"])
    by_dec([x.unit for x in decisions], col["unit"])
    by_dec([x.original_unit for x in decisions], col["original_unit"])
    col["source_file"].fill(file_name)
    col["sheet"].fill(sheet_name)
    _cells(r, c, block, col["cell"], names)
    col["year"] = np.array([x.year for x in decisions], dtype=np.int64)[d]
    col["value"] = v
    return pd.DataFrame({k: col[k] for k in TIDY_COLUMNS}, copy=False)
