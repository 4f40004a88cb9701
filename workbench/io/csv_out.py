"""Every CSV the app writes goes through ``write_csv``: text that a spreadsheet would run as a
formula (``=``, ``+``, ``-``, ``@``, tab, CR first) gets the apostrophe prefix ``safe_text`` uses
for workbooks; numbers stay numbers. UTF-8 with BOM, so Excel opens Chinese text correctly.

A column is looked at cell by cell only when one regex search over its text, joined, finds a
cell that starts like a formula or holds a lone surrogate: a 100,000-row import's ten text
columns took half a second through ``csv_text`` one cell at a time, and almost never need it.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from pandas.api.types import is_bool_dtype, is_datetime64_any_dtype, is_numeric_dtype

from workbench.io.excel.safe_text import TRIGGERS, csv_text

# 15 significant digits: a unit conversion's binary noise (0.01 万元 is 1.0000000000000002e-06
# 亿元 in full) is not written; every figure a statistics table holds is, and 2023.0 is 2023
FLOAT_FORMAT = "%.15g"
_SEP = "\x00"  # joins a column's cells: a cell's start is wherever it follows one
_STARTS = tuple(_SEP + t for t in TRIGGERS)


def _needs_care(values: np.ndarray) -> bool:
    """Whether some text cell may need ``csv_text``: one starting with a trigger (a substring
    search per trigger over the joined column) or holding a lone surrogate (which UTF-8 cannot
    encode). A cell holding NUL itself can look like two cells and give a false alarm; the
    caller then takes the column cell by cell."""
    try:
        joined = _SEP + _SEP.join(values)
    except TypeError:  # numbers, None or NaN among the text
        joined = _SEP + _SEP.join(v for v in values if isinstance(v, str))
    if any(t in joined for t in _STARTS):
        return True
    try:
        joined.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells and column names cannot become formulas (the cells
    themselves are shared with ``frame`` where nothing had to change)."""
    out = frame.copy(deep=False)
    for i in range(frame.shape[1]):
        s = frame.iloc[:, i]
        if is_numeric_dtype(s) or is_bool_dtype(s) or is_datetime64_any_dtype(s):
            continue
        if _needs_care(s.to_numpy(dtype=object)):
            out.isetitem(i, s.astype(object).map(csv_text))
    out.columns = [csv_text(str(c)) for c in frame.columns]
    return out


def write_csv(frame: pd.DataFrame, path: Path | str) -> None:
    # CRLF rows: the csv module then quotes any field holding a CR (with "\n" rows it would not,
    # and a spreadsheet would start a new row, and maybe a formula, at the bare CR)
    safe_frame(frame).to_csv(
        path, index=False, encoding="utf-8-sig", lineterminator="\r\n", float_format=FLOAT_FORMAT
    )
