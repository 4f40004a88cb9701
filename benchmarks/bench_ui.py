"""Desktop responsiveness (a benchmark, not a test): edit → projections redrawn, and start-up.

    python benchmarks/bench_ui.py [--edits N] [--starts N]
    (--edits 0: start-up only; --starts 0: edits only)

Offscreen (QT_QPA_PLATFORM=offscreen unless set). Prints, as fractions of a 16.7 ms frame (60 Hz):

* edit → redrawn: ``session.push(SetAllocation(...))`` until the projection panel has redrawn and
  the event loop has processed the resulting paint requests, median and worst over N edits; on the
  bundled sample and on the 5,000-candidate synthetic project; for the projection panel alone
  and inside the full main window (tables, problems list and status bar refresh from the same
  notice). Target: median ≤ 1 frame on the sample.
* start-up: process start → main window with the sample shown, as a ratio to a bare PySide6 window
  holding one pyqtgraph plot, both measured in fresh processes in this run (median of N each):
  the first paint (the catalogue, the status bar, the chart controls, and "预测计算中…" where the
  charts go: the plotting library loads with the computation the charts wait for), then the plots
  and problems computed and painted ("ready"; these two are the targets), then
  (for information) every panel behind a tab built (``MainWindow.ready``). A returning user's
  start: one unmeasured start first fills the bytecode, disk and project caches
  (``io.project_cache`` in the user's cache folder; a first start decodes the project instead).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FRAME_MS = 1000 / 60


def _edit_latencies(project, n: int, full_window: bool) -> list[float]:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from workbench.core.edits import SetAllocation
    from workbench.core.enums import Instrument, Status
    from workbench.ui.projection_panel import ProjectionPanel
    from workbench.ui.session import ProjectSession

    app = QApplication.instance()
    session = ProjectSession(project)
    tmp = tempfile.TemporaryDirectory(prefix="bench-ui-")
    if full_window:
        from workbench.ui.main_window import MainWindow
        from workbench.ui.settings import Settings

        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp.name)
        window = MainWindow(session, Settings())
        panel = window.projection
        shown = window
    else:
        panel = ProjectionPanel(session)
        panel.resize(900, 600)
        shown = panel
    shown.show()
    if full_window:
        window.wait_ready()  # the panels behind tabs are built once the computation is painted
    for _ in range(5):
        app.processEvents()
    ids = [c.id for c in project.candidates if c.status is not Status.REJECTED]
    years = (2026, 2027, 2028, 2029, 2030)
    samples: list[float] = []
    for i in range(n + 3):
        cid = ids[(i * 7919) % len(ids)]
        edit = SetAllocation(session.scenario, cid, years[i % 5], Instrument.EQUITY, 0.5 + i % 4)
        t0 = time.perf_counter()
        session.push(edit)
        app.processEvents()  # paint requests posted by setOpts/setData
        t = time.perf_counter() - t0
        if i >= 3:  # the first edits warm caches
            samples.append(t * 1000)
    assert panel is not None and panel.uplift_values(), "the panel drew nothing"
    if full_window:
        window.files.shutdown()
    shown.hide()  # close() would ask to save the benchmark edits
    shown.deleteLater()
    app.processEvents()
    tmp.cleanup()
    return samples


def _line(label: str, samples: list[float]) -> None:
    med, worst = statistics.median(samples), max(samples)
    print(
        f"  {label:<46} median {med:7.2f} ms = {med / FRAME_MS:5.2f} frame"
        f"   worst {worst:7.2f} ms = {worst / FRAME_MS:5.2f} frame"
    )


# "Shown" = the window's first paint has been delivered (what a user sees), for both windows. The
# main window computes its projections and problems after that paint; "ready" marks when they are
# drawn, so the time to a fully computed window is reported too.
_SHOWN_FILTER = """
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget
class _FirstPaint(QObject):
    done = False
    window = None
    def eventFilter(self, obj, event):
        if (
            event.type() == QEvent.Type.Paint
            and isinstance(obj, QWidget)
            and obj.window() is self.window
        ):
            QApplication.instance().removeEventFilter(self)
            QTimer.singleShot(0, self.shown)  # after this paint
        return False
    def shown(self):
        self.done = True
        print("shown", flush=True)
_first_paint = _FirstPaint()
"""

_BARE = (
    _SHOWN_FILTER
    + """
from PySide6.QtWidgets import QApplication, QMainWindow
import pyqtgraph as pg
app = QApplication([])
w = QMainWindow()
p = pg.PlotWidget()
p.plot([1, 2, 3], [3, 1, 2])
w.setCentralWidget(p)
w.resize(1400, 860)
_first_paint.window = w
app.installEventFilter(_first_paint)
w.show()
while not _first_paint.done:
    app.processEvents()
print("ready", flush=True)
"""
)

_MAIN = (
    _SHOWN_FILTER
    + """
import tempfile, sys
from PySide6.QtCore import QSettings
tmp = tempfile.mkdtemp(prefix="bench-ui-start-")
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
from workbench.ui.app import create_main_window, ensure_application
from workbench.bundled import SAMPLE_PROJECT
app = ensure_application()
w = create_main_window(str(SAMPLE_PROJECT))
_first_paint.window = w
app.installEventFilter(_first_paint)
w.show()
while not w.is_computed():
    app.processEvents()
app.processEvents()
print("ready", flush=True)
w.wait_ready()  # the panels behind tabs, built after the computed window is painted
print("built", flush=True)
w.files.shutdown()
"""
)


# Compiled bytecode as an installed application has it: a shell with PYTHONDONTWRITEBYTECODE set
# would otherwise make every start compile the workbench from source (site-packages ship compiled).
# The cache lives in a temporary folder (never in the tree) and one unmeasured start fills it.
_PYCACHE = tempfile.TemporaryDirectory(prefix="bench-ui-pycache-")


def _start_time(code: str) -> tuple[float, float, float]:
    """Seconds from process start to the first paint ("shown"), to "ready" and to "built" (the
    bare window prints no "built": its "ready" is taken)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = _PYCACHE.name
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    shown = ready = built = None
    for line in proc.stdout:
        if line.startswith("shown"):
            shown = time.perf_counter() - t0
        elif line.startswith("ready"):
            ready = time.perf_counter() - t0
        elif line.startswith("built"):
            built = time.perf_counter() - t0
            break
    proc.kill()
    proc.wait(timeout=60)
    if shown is None or ready is None:
        raise RuntimeError("the window was never shown")
    return shown, ready, built if built is not None else ready


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--edits", type=int, default=60)
    parser.add_argument("--starts", type=int, default=5)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from workbench.ui.app import ensure_application

    ensure_application()
    assert QApplication.instance() is not None
    _compile_bytecode()
    if args.edits > 0:
        _edits(args.edits)
    if args.starts > 0:
        _start_up(args.starts)
    return 0


def _compile_bytecode() -> None:
    """Start-up is measured as installed (pip writes bytecode): with PYTHONDONTWRITEBYTECODE set, a
    module edited since its last .pyc is compiled from source in every fresh process, which adds
    milliseconds per module that no user's start pays."""
    import compileall

    ok = compileall.compile_dir(str(ROOT / "workbench"), quiet=1)
    print(f"bytecode of workbench/ brought up to date ({'ok' if ok else 'with errors'})")


def _edits(n: int) -> None:
    from benchmarks.synthetic import build_large_project
    from workbench.bundled import SAMPLE_PROJECT
    from workbench.io.project_file import load

    print(f"edit → projections redrawn ({n} edits; 1 frame = {FRAME_MS:.1f} ms)")
    sample = load(SAMPLE_PROJECT)
    t0 = time.perf_counter()
    large = build_large_project(seed=0)
    print(
        f"  (large project: {len(large.candidates)} candidates, built in "
        f"{time.perf_counter() - t0:.1f} s)"
    )
    for name, project in (("sample", sample), ("5,000 candidates", large)):
        import copy

        _line(f"{name}: projection panel", _edit_latencies(copy.deepcopy(project), n, False))
        _line(f"{name}: full main window", _edit_latencies(copy.deepcopy(project), n, True))


def _start_up(starts: int) -> None:
    print(f"start-up to a shown window (median of {starts} fresh processes each)")
    _start_time(_BARE), _start_time(_MAIN)  # fill the bytecode, disk and project caches
    bare: list[float] = []
    main_runs: list[tuple[float, float, float]] = []
    for _ in range(starts):  # interleaved, so a change of machine load hits both alike
        bare.append(_start_time(_BARE)[0])
        main_runs.append(_start_time(_MAIN))
    b = statistics.median(bare)
    m = statistics.median(t for t, _, _ in main_runs)
    r = statistics.median(t for _, t, _ in main_runs)
    a = statistics.median(t for _, _, t in main_runs)
    print(f"  bare PySide6 window + one pyqtgraph plot   {b * 1000:7.0f} ms")
    print(f"  main window with the sample project        {m * 1000:7.0f} ms (first paint)")
    print(f"  ratio main / bare                           {m / b:7.2f}×")
    print(f"  … plots and problems computed              {r * 1000:7.0f} ms = {r / b:5.2f}× bare")
    print(f"  … every panel behind a tab built           {a * 1000:7.0f} ms = {a / b:5.2f}× bare")
    print(f"  (load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores)")


if __name__ == "__main__":
    sys.exit(main())
