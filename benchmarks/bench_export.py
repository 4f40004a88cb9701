"""Excel export speed on the 5,000-candidate synthetic project (a benchmark, not a test).

    python benchmarks/bench_export.py [--repeat N]

Compares ``export_workbook`` with a bare openpyxl dump of the same cells (same values and formula
strings on the same sheets, appended row by row, no styles, widths, validation, conditional
formats or stored formula results) and prints the ratio. Target: ≤ 1.5×.

The export runs as bulk work (``io.bulk_work``: Python's cycle collector paused, glibc keeping
freed memory for reuse) while it builds and saves; the bare dump is also timed that way ("bare,
gc paused") so the last ratio shows what is left once that is credited to both sides.

The export also runs the projection engine for the 预测 sheet and benefit columns; that time is
measured and printed separately, and the ratio is given both with it and for the Excel work alone.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from openpyxl import Workbook

from benchmarks.synthetic import build_large_project
from workbench.io.bulk_work import bulk_work
from workbench.io.excel import build_workbook, export
from workbench.io.excel.projections import projection_tables


def _cells(book) -> dict[str, list[list[object]]]:
    out = {}
    for ws in book.wb.worksheets:
        out[ws.title] = [[c.value for c in row] for row in ws.iter_rows()]
    return out


def bare_dump(cells: dict[str, list[list[object]]]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in cells.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    project = build_large_project(seed=0)
    sc = project.scenarios[0]
    n_alloc = len(sc.allocations)
    funded = len({a.candidate_id for a in sc.allocations})
    print(
        f"project: {len(project.candidates):,} candidates, scenario {sc.name!r}: "
        f"{n_alloc:,} allocations, {funded:,} funded candidates"
    )

    book = build_workbook(project, sc)
    cells = _cells(book)
    n_cells = sum(sum(1 for v in row if v is not None) for rows in cells.values() for row in rows)
    print(
        f"workbook: {len(cells)} sheets, {n_cells:,} non-empty cells, "
        f"{sum(len(book.cached(s)) for s in cells):,} formulas with stored values"
    )

    tables = projection_tables(project, sc)

    def excel_only() -> None:
        with mock.patch.object(export, "projection_tables", lambda *_: tables):
            build_workbook(project, sc).to_bytes()

    # Interleaved, so load from other processes hits all variants alike; min and median shown.
    runs: dict[str, list[float]] = {
        "bare": [],
        "bare_gc": [],
        "excel": [],
        "full": [],
        "engine": [],
    }

    def bare_paused() -> None:
        with bulk_work():
            bare_dump(cells)

    for _ in range(args.repeat):
        runs["bare"].append(timed(lambda: bare_dump(cells)))
        runs["bare_gc"].append(timed(bare_paused))
        runs["excel"].append(timed(excel_only))
        runs["full"].append(timed(lambda: build_workbook(project, sc).to_bytes()))
        runs["engine"].append(timed(lambda: projection_tables(project, sc)))
    med = {k: statistics.median(v) for k, v in runs.items()}
    low = {k: min(v) for k, v in runs.items()}
    print(f"{'':40s}{'median':>10s}{'min':>10s}")
    for key, label in (
        ("bare", "bare openpyxl dump of the same cells"),
        ("bare_gc", "bare dump, gc paused"),
        ("excel", "export, Excel work only"),
        ("engine", "projection engine (预测, benefits)"),
        ("full", "export, everything"),
    ):
        print(f"{label:40s}{med[key] * 1000:8.0f}ms{low[key] * 1000:8.0f}ms")
    for key, label in (("excel", "Excel work only"), ("full", "everything")):
        print(
            f"ratio, {label:18s} median {med[key] / med['bare']:.2f}×   min {low[key] / low['bare']:.2f}×"
        )
    ratio_gc = med["excel"] / med["bare_gc"], low["excel"] / low["bare_gc"]
    print(
        f"ratio, Excel work vs bare dump with gc paused   median {ratio_gc[0]:.2f}×   "
        f"min {ratio_gc[1]:.2f}×"
    )
    print("target: ratio ≤ 1.5×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
