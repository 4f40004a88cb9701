"""``python -m workbench.ui.screenshots OUTDIR`` renders every main view of the sample, offscreen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage


def _distinct_colours(img: QImage, step: int = 7) -> int:
    seen = set()
    for y in range(0, img.height(), step):
        for x in range(0, img.width(), step):
            seen.add(img.pixel(x, y))
    return len(seen)


def test_screenshots_render_each_view(tmp_path: Path, qapp) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-m", "workbench.ui.screenshots", str(tmp_path / "shots")],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
    )
    assert out.returncode == 0, out.stderr
    files = [Path(line) for line in out.stdout.split()]
    names = {f.stem for f in files}
    assert {"01_main_window", "10_projection_gdp_by_city", "14_projection_fund"} <= names
    assert {"02_catalogueDock", "03_allocationsDock", "04_fundDock", "05_parksDock"} <= names
    assert {"18c_projection_results_table", "41_map_gdp_uplift", "44_map_export"} <= names
    assert {"26_approach_dialog", "27_guide_dialog"} <= names
    if shutil.which("soffice") and shutil.which("pdftoppm"):  # the plan draft's page preview
        assert {"41_report_cover", "42_report_effects"} <= names
    for f in files:
        img = QImage(str(f))
        assert not img.isNull(), f
        # A blank or failed render is one or two colours; a real view has text and plots.
        assert _distinct_colours(img) > 8, f
    main = QImage(str(tmp_path / "shots" / "01_main_window.png"))
    assert main.width() >= 1400 and main.height() >= 800


def test_bad_arguments_exit_with_usage(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "workbench.ui.screenshots", str(tmp_path), "--lang", "fr"],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=60,
    )
    assert out.returncode == 2 and "--lang" in out.stderr
