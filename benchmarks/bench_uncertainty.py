"""Monte Carlo bands and sensitivity speed (a benchmark, not a test).

    python benchmarks/bench_uncertainty.py [--draws 1000] [--skip-large]

Prints each timing as a ratio to one central run (``ProjectionEngine(project).results(scenario)``
from a fresh engine, in the same process, imports warm), and against the issue's targets:

* 1,000 draws on the sample (``run_draws``: every row's P10/P50/P90) ≤ 1 s wall;
* 1,000 draws on the 5,000-candidate synthetic project ≤ 10 s, with progress reported and a
  cancel honoured (time from ``cancel()`` returning True to the run stopping is printed too);
* the band refreshed after an allocation edit on the sample (500 draws, the window's default:
  the draws' parameter arrays reused, the allocations re-multiplied, the chart's band taken)
  ≤ 250 ms;
* the tornado (2·P + 1 runs in one batch) on both.

Wall-clock times rise when other work shares the machine; the load average is printed first, and
the CPU time of the 1,000 draws beside their wall time. That run is the process's first large one:
on a busy virtual machine faulting in its fresh memory can cost as much again as the arithmetic.
"""

from __future__ import annotations

import argparse
import copy
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbench.bundled import SAMPLE_PROJECT
from workbench.core.edits import SetAllocation
from workbench.core.enums import Instrument
from workbench.core.projections import ProjectionEngine
from workbench.core.uncertainty import circle_band, draw_model, run_draws, tornado
from workbench.core.uncertainty.inputs import Cancelled
from workbench.io.project_file import load


def _time(fn, repeat: int = 1) -> float:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return statistics.median(out)


def _line(label: str, seconds: float, central: float, target: float | None = None) -> None:
    verdict = ""
    if target is not None:
        verdict = f"  target ≤ {target:g} s: {'met' if seconds <= target else 'NOT met'}"
    print(f"{label:<52} {seconds * 1000:9.1f} ms = {seconds / central:7.1f}× central{verdict}")


def bench(name: str, project, draws: int, target: float, refresh: bool) -> None:
    sc = project.scenarios[0].name
    central = _time(lambda: ProjectionEngine(project).results(sc), repeat=3)
    print(
        f"\n{name}: {len(project.candidates)} candidates; one central run {central * 1000:.1f} ms"
    )
    calls: list[float] = []
    cpu = time.process_time()
    wall = _time(
        lambda: run_draws(project, sc, draws=draws, progress=lambda d, t=1.0: calls.append(d))
    )
    cpu = time.process_time() - cpu
    _line(f"{draws} draws, every row's P10/P50/P90", wall, central, target)
    print(
        f"{'':<52} CPU {cpu * 1000:.0f} ms (all threads); "
        f"progress reported {len(calls)} times, last {calls[-1]:.2f}"
    )
    stop = {"at": None}

    def cancel() -> bool:
        if stop["at"] is None and len(seen) >= 3:
            stop["at"] = time.perf_counter()
        return stop["at"] is not None

    seen: list[float] = []
    try:
        run_draws(project, sc, draws=draws, progress=lambda d, t=1.0: seen.append(d), cancel=cancel)
        print("cancel was not honoured")
    except Cancelled:
        print(f"{'cancel honoured after':<52} {(time.perf_counter() - stop['at']) * 1000:9.1f} ms")
    _line("tornado (2·P + 1 runs)", _time(lambda: tornado(project, sc)), central)
    if not refresh:
        return
    model = draw_model(project, sc, draws=500)
    model.effects()
    circle_band(model, "location", "gdp")
    s = project.scenarios[0]
    cid = s.allocations[0].candidate_id

    def after_edit() -> None:
        SetAllocation(sc, cid, 2027, Instrument.EQUITY, 7.5).apply(project)
        private = copy.deepcopy(project.scenario(sc))  # what the window copies
        circle_band(model.with_allocations(private), "location", "gdp")

    _line("band refresh after an allocation edit (500)", _time(after_edit, repeat=5), central, 0.25)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--draws", type=int, default=1000)
    ap.add_argument("--skip-large", action="store_true")
    args = ap.parse_args()
    if hasattr(os, "getloadavg"):
        print(f"load average before the run: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    sample = load(SAMPLE_PROJECT)
    run_draws(sample, sample.scenarios[0].name, draws=5)  # imports (scipy.stats) warm
    bench("sample", sample, args.draws, 1.0, refresh=True)
    if not args.skip_large:
        from benchmarks.synthetic import build_large_project

        bench("large synthetic", build_large_project(seed=0), args.draws, 10.0, refresh=False)


if __name__ == "__main__":
    main()
