"""Helpers shared by the statistics-importer tests (``tests/io/test_stats_*.py``).

Each of those files used to carry its own copy of these with small differences; a layout test
imports them instead (``from stats_helpers import truth``), as ``hostile_books`` is imported:
pytest puts ``tests/io`` on ``sys.path`` for the test modules in it (there is no conftest here).
Builders of a particular layout stay in the test file that needs them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest

Key = tuple[str, str, int]  # (region code, indicator, year)


def truth(
    source: Any, *fields: str, approx: bool | float = False, matched_only: bool = False
) -> dict[Key, Any]:
    """What an import put in its tidy table, shaped as a test writes its truth table by hand, so
    the whole import is compared at once and an extra or missing row fails as surely as a wrong
    figure.

    ``source`` is an ``ImportResult`` or its tidy DataFrame. Without ``fields`` each key maps to
    the value; with them (``"unit"``, ``"original_unit"``, ``"sheet"``, ``"cell"`` or any other
    tidy column) to ``(value, *fields)``, so a unit or the cell a figure came from is checked
    with it.

    ``approx``: ``False`` compares values exactly (a printed figure must come through unchanged);
    ``True`` to pytest's default relative 1e-6, for figures scaled by a unit's factor, which may
    leave binary noise; a float is the relative tolerance itself. The approximation sits on each
    value inside its tuple: pytest 9 refuses ``approx`` over a dict of tuples.

    ``matched_only`` leaves out the rows matched to no place (empty region code), for tables
    whose total or note rows the importer keeps without a code.
    """
    tidy = getattr(source, "tidy", source)
    out: dict[Key, Any] = {}
    for r in tidy.itertuples():
        if matched_only and not r.region_code:
            continue
        value = _approx(r.value, approx)
        key = (r.region_code, r.indicator, int(r.year))
        out[key] = (value, *(getattr(r, f) for f in fields)) if fields else value
    return out


def _approx(value: float, approx: bool | float) -> Any:
    if approx is False:
        return value
    if approx is True:
        return pytest.approx(value)
    return pytest.approx(value, rel=approx)


def report_text(source: Any, lang: str) -> str:
    """The report of an import (an ``ImportReport`` or the ``ImportResult`` holding it) as one
    text in ``lang`` ("zh" or "en"), for asserting what a planner reads in it."""
    return "\n".join(getattr(source, "report", source).lines(lang))


def report_texts(source: Any) -> tuple[str, str]:
    """The report in Chinese and in English, for tests that check a fact is said in both."""
    return report_text(source, "zh"), report_text(source, "en")


def save_book(wb: openpyxl.Workbook, path: Path) -> Path:
    """Save ``wb`` to ``path`` and return the path, so a builder can end ``return save_book(..)``."""
    wb.save(path)
    return path


def rows_book(
    path: Path,
    rows: Iterable[Sequence[Any]],
    *,
    sheet: str = "Sheet1",
    merges: Iterable[str] = (),
) -> Path:
    """A workbook of one sheet named ``sheet`` holding ``rows`` from A1 down, as a bureau types a
    table (title lines, header, data); ``merges`` are ranges such as ``"A1:D1"`` (a title
    spanning the table). Saved to ``path``, which is returned."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(list(row))
    for m in merges:
        ws.merge_cells(m)
    return save_book(wb, path)
