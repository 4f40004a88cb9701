"""Which modules a fresh process has loaded at the window's first paint, once plots and problems are
computed, and once every panel is built (``MainWindow.ready``): the start-up tests' one probe (a
subprocess, so this test run's imports don't count; run once per test session)."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_CODE = """
import json, sys
from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtWidgets import QWidget
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, {settings!r})
from workbench.ui.app import create_main_window, ensure_application
from workbench.bundled import SAMPLE_PROJECT
stages = {{}}
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if (
            "first_paint" not in stages
            and event.type() == QEvent.Type.Paint
            and isinstance(obj, QWidget)
            and obj.window() is w
        ):
            stages["first_paint"] = sorted(sys.modules)
        return False
app = ensure_application()
w = create_main_window(str(SAMPLE_PROJECT))
first_paint = FirstPaint()
app.installEventFilter(first_paint)
w.show()
while not w.is_computed():
    app.processEvents()
stages["computed"] = sorted(sys.modules)
assert w.wait_ready(), "never ready"
stages["ready"] = sorted(sys.modules)
print(json.dumps(stages))
w.files.shutdown()
"""


@functools.cache
def _stages() -> dict[str, frozenset[str]]:
    with tempfile.TemporaryDirectory(prefix="start-up-probe-") as settings:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHONPATH": str(ROOT),
            "XDG_CACHE_HOME": settings,  # not the user's project cache
        }
        out = subprocess.run(
            [sys.executable, "-c", _CODE.format(settings=settings)],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
    assert out.returncode == 0, out.stderr
    stages = json.loads(out.stdout.strip().splitlines()[-1])
    return {stage: frozenset(names) for stage, names in stages.items()}


def loaded(stage: str) -> frozenset[str]:
    """Every module loaded at ``stage``: "first_paint", "computed" or "ready"."""
    return _stages()[stage]


def modules_at_start_up(names: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """(loaded at the first paint, loaded once computed), each a sorted subset of ``names``."""
    return (
        sorted(set(names) & loaded("first_paint")),
        sorted(set(names) & loaded("computed")),
    )
