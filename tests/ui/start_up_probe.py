"""Which modules a fresh process has loaded at the first paint and when plots and problems are
ready: the start-up tests' one probe (a subprocess, so this test run's imports don't count)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def modules_at_start_up(settings_dir: Path, names: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """(loaded before the first paint, loaded once computed), each a sorted subset of ``names``."""
    code = f"""
import sys
from PySide6.QtCore import QSettings
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, {str(settings_dir)!r})
from workbench.ui.app import create_main_window, ensure_application
from workbench.bundled import SAMPLE_PROJECT
names = {names!r}
app = ensure_application()
w = create_main_window(str(SAMPLE_PROJECT))
print(sorted(m for m in names if m in sys.modules))
w.show()
while not w.is_computed():
    app.processEvents()
print(sorted(m for m in names if m in sys.modules))
w.files.shutdown()
"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert out.returncode == 0, out.stderr
    before_paint, when_ready = out.stdout.strip().splitlines()[-2:]
    return eval(before_paint), eval(when_ready)
