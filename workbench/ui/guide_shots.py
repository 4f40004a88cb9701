"""The screenshots the user guide shows, and a page preview of the plan draft.

``python -m workbench.ui.screenshots OUTDIR`` calls these: the 总体思路 box and the guide window
are shot with the other views, a draft of the sample is converted by LibreOffice and two pages
rendered (``41_report_cover``, ``42_report_effects``). ``--guide`` then copies the views the guide
names (``GUIDE_SHOTS``) into ``workbench/guide/img/<lang>/``, scaled down to stay small, so the
guide's pictures are remade with the app and never go stale.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from workbench.bundled import GUIDE_DIR

# Shot name -> the name the guide uses (its Markdown refers to img/<lang>/<name>.png).
GUIDE_SHOTS = {
    "01_main_window": "main_window",
    "02_catalogueDock": "catalogue",
    "03_allocationsDock": "allocations",
    "04_fundDock": "fund",
    "05_parksDock": "parks",
    "10_projection_gdp_by_city": "projection",
    "13_projection_compare": "compare",
    "18_projection_gross_and_net": "gross_and_net",
    "20_export_dialog": "export",
    "22_stats_wizard_file": "stats_wizard",
    "23_stats_wizard_preview": "stats_preview",
    "26_approach_dialog": "approach",
    "42_report_effects": "report_page",
    "28_projection_band": "projection_band",
    "29_sensitivity": "tornado",
    "30_optimise_dialog": "optimise",
    "31_compare_dialog": "compare_view",
}
GUIDE_WIDTH = 960  # pixels: readable in the guide window, small on disk
README_SHOT = "main_window"


def shoot_publish_dialogs(window: object, shoot: Callable[..., None]) -> None:
    """The 总体思路 box (with the sample's text) and the guide window."""
    from workbench.ui.guide import GuideDialog
    from workbench.ui.i18n import language, pick
    from workbench.ui.publish_actions import ApproachDialog

    session = window.session  # type: ignore[attr-defined]
    sc = session.current_scenario()
    example = pick(
        "以“微核”为抓手，按入围与批准单元的申请额度分年投放，两期共建园区带动成都—资阳、川渝高竹协同。（示例）",
        "Use micro-cores as the lever: fund shortlisted and approved units by year as requested, with two "
        "co-built parks linking Chengdu–Ziyang and the Gaozhu new area. (Illustrative)",
    )
    dialog = ApproachDialog(window, sc.name, sc.approach or example)  # type: ignore[arg-type]
    dialog.show()
    try:
        shoot("26_approach_dialog", dialog)
    finally:
        dialog.close()
        dialog.deleteLater()
    guide = GuideDialog(window, language())  # type: ignore[arg-type]
    guide.show()
    try:
        shoot("27_guide_dialog", guide)
    finally:
        guide.close()
        guide.deleteLater()


def _wait(app: object, done: Callable[[], bool], seconds: float = 90) -> bool:
    import time

    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            return False
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.02)
    return True


def shoot_ranges_and_decisions(window: object, shoot: Callable[..., None], app: object) -> None:
    """The uplift chart with its P10–P90 band, the tornado, and the 工具 menu's 优化 and 方案对比
    dialogs with their results (each waited for: they are computed in the background)."""
    from workbench.ui.decide.actions import open_compare, open_optimise

    w: Any = window
    panel = getattr(w, "projection", None)
    if panel is not None:
        panel.tabs.setCurrentIndex(panel.TAB_UPLIFT)
        band = panel.band
        if _wait(app, lambda: band.band is not None and not band.stale):
            shoot("28_projection_band", panel)
    dock = w.docks.get("sensitivityDock")
    if dock is not None:
        dock.show()
        dock.raise_()
        sens = dock.widget()
        if _wait(app, lambda: sens.table_df is not None and not sens.stale):
            shoot("29_sensitivity", sens)
    dlg = open_optimise(w)
    if dlg is not None:
        try:
            from PySide6.QtWidgets import QCheckBox

            for box in dlg.form.findChildren(QCheckBox):  # every unit still open may be funded
                if box.objectName().startswith("optimiseStatus_"):
                    box.setChecked(True)
            dlg.run()
            if _wait(app, lambda: dlg.outcome is not None, 120):
                shoot("30_optimise_dialog", dlg)
        finally:
            dlg.close()
            dlg.deleteLater()
    cmp = open_compare(w)
    try:
        for i in range(min(cmp.scenarios.count(), 2)):
            cmp.scenarios.item(i).setCheckState(Qt.CheckState.Checked)
        if cmp.run() is not None and _wait(app, lambda: cmp.tables is not None):
            shoot("31_compare_dialog", cmp)
    finally:
        cmp.close()
        cmp.deleteLater()


def report_preview(outdir: Path, lang: str, project_path: Path) -> list[Path]:
    """Write the sample's draft (with the app's charts), convert it with LibreOffice and render
    its cover and the page of its first effects chart; nothing (a note) without LibreOffice."""
    import tempfile

    from workbench.core.projections import ProjectionEngine
    from workbench.core.report import build_report
    from workbench.io.project_file import load
    from workbench.io.report_docx import write_report
    from workbench.io.report_docx.convert import (
        ConversionUnavailable,
        page_texts,
        render_pages,
        to_pdf,
    )
    from workbench.ui.figures import render_all

    project = load(project_path)
    if not project.scenarios:
        return []
    scenario = project.scenarios[0].name
    engine = ProjectionEngine(project)
    report = build_report(project, scenario, lang, engine=engine)
    figures = render_all(engine, scenario, report.figures)
    with tempfile.TemporaryDirectory(prefix="wb-report-") as tmp:
        docx = write_report(report, Path(tmp) / "draft.docx", figures)
        try:
            pdf = to_pdf(docx, Path(tmp))
            texts = page_texts(pdf)
        except ConversionUnavailable as e:
            print(f"report preview skipped: {e}", file=sys.stderr)
            return []
        marker = report.section("effects").heading
        effects = next((i + 1 for i, t in enumerate(texts) if marker in t and i > 2), 3)
        figure = report.labels["figure"]
        chart = next(
            (i + 1 for i, t in enumerate(texts) if i + 1 >= effects and f"{figure} 2" in t),
            effects,
        )
        pages = render_pages(pdf, [1, chart], Path(tmp), dpi=70)
        out = []
        for src, name in zip(pages, ("41_report_cover", "42_report_effects"), strict=True):
            target = outdir / f"{name}.png"
            target.write_bytes(src.read_bytes())
            out.append(target)
        return out


def write_guide_images(shots: list[Path], lang: str, dest: Path | None = None) -> list[Path]:
    """Copy the shots the guide uses into ``dest`` (the bundled guide's img/<lang>), scaled."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    dest = dest or GUIDE_DIR / "img" / lang
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for shot in shots:
        name = GUIDE_SHOTS.get(shot.stem)
        if name is None:
            continue
        img = QImage(str(shot))
        if img.width() > GUIDE_WIDTH:
            img = img.scaledToWidth(GUIDE_WIDTH, Qt.TransformationMode.SmoothTransformation)
        # 8-bit indexed colour: screenshots have few colours, and the files stay ≤ ~200 KB.
        img = img.convertToFormat(
            QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither
        )
        target = dest / f"{name}.png"
        if not img.save(str(target), "PNG", 0):
            raise OSError(f"could not write {target}")
        written.append(target)
    return written
