"""Every CSV the app writes goes through ``write_csv``: text that a spreadsheet would run as a
formula (``=``, ``+``, ``-``, ``@``, tab, CR first) gets the apostrophe prefix ``safe_text`` uses
for workbooks; numbers stay numbers. UTF-8 with BOM, so Excel opens Chinese text correctly."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from pandas.api.types import is_bool_dtype, is_datetime64_any_dtype, is_numeric_dtype

from workbench.io.excel.safe_text import csv_text


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells and column names cannot become formulas."""
    out = frame.copy()
    for i in range(frame.shape[1]):
        s = frame.iloc[:, i]
        if is_numeric_dtype(s) or is_bool_dtype(s) or is_datetime64_any_dtype(s):
            continue
        out.isetitem(i, s.astype(object).map(csv_text))
    out.columns = [csv_text(str(c)) for c in frame.columns]
    return out


def write_csv(frame: pd.DataFrame, path: Path | str) -> None:
    # CRLF rows: the csv module then quotes any field holding a CR (with "\n" rows it would not,
    # and a spreadsheet would start a new row, and maybe a formula, at the bare CR)
    safe_frame(frame).to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\r\n")
