"""Render each main view of the sample project to PNG, offscreen: ``python -m workbench.ui.screenshots OUTDIR``.

This is how the team looks at the window the way a user sees it (Chinese renders, units visible,
nothing clipped) without a screen, and how reviewers see a change. Settings are isolated in a
temporary folder, so taking screenshots never touches the user's layout, recent files or
recovery files; the project is not modified.

Options: ``--lang en`` for the English UI, ``--scale 2`` for a HiDPI (device pixel ratio 2)
rendering, ``--project FILE`` for another project than the bundled sample, ``--guide`` to also
copy the views the user guide shows into ``workbench/guide/img/<lang>/`` (``ui.guide_shots``).
A page preview of the plan draft (``41_report_cover``, ``42_report_effects``) needs LibreOffice.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from workbench.bundled import SAMPLE_PROJECT


@contextmanager
def _isolated_settings() -> Iterator[None]:
    from PySide6.QtCore import QSettings

    with tempfile.TemporaryDirectory(prefix="workbench-shots-") as tmp:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        yield


def _settle(app: object, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()  # type: ignore[attr-defined]


def render(outdir: Path, lang: str = "zh", project_path: Path = SAMPLE_PROJECT) -> list[Path]:
    """Write one PNG per view into ``outdir``; returns the files written, in order."""
    from workbench.io.project_file import load
    from workbench.ui import guide_shots, i18n
    from workbench.ui.app import ensure_application
    from workbench.ui.main_window import MainWindow
    from workbench.ui.qt_translations import install_qt_translations
    from workbench.ui.session import ProjectSession
    from workbench.ui.settings import Settings

    app = ensure_application()
    outdir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with _isolated_settings():
        settings = Settings()
        settings.language = lang
        i18n.set_language(lang)
        install_qt_translations(app)  # as create_main_window does
        session = ProjectSession(load(project_path), project_path)
        window = MainWindow(session, settings)
        window.resize(1400, 860)
        window.show()
        _settle(app)
        deadline = time.monotonic() + 60
        while not window.is_computed():  # plots and problems follow the first paint
            if time.monotonic() > deadline:
                raise RuntimeError("the window never finished its first computation")
            app.processEvents()  # type: ignore[attr-defined]
        _settle(app)

        def shoot(name: str, widget: object, prepare: Callable[[], object] | None = None) -> None:
            if prepare is not None:
                prepare()
            _settle(app)
            path = outdir / f"{name}.png"
            if not widget.grab().save(str(path)):  # type: ignore[attr-defined]
                raise OSError(f"could not write {path}")
            written.append(path)

        try:
            shoot("01_main_window", window)
            for i, dock in enumerate(("catalogueDock", "allocationsDock", "fundDock", "parksDock")):
                if dock in window.docks:
                    shoot(f"{i + 2:02d}_{dock}", window, window.docks[dock].raise_)
            if "historyDock" in window.docks:
                shoot("06_problems_and_history", window.docks["problemsDock"])
            if "assumptionsDock" in window.docks:
                shoot("07_assumptionsDock", window, window.docks["assumptionsDock"].raise_)
                shoot("08_assumptions_panel", window.assumptions)
            panel = getattr(window, "projection", None)
            if panel is not None:
                _shoot_projection(panel, shoot)
            from workbench.ui.map.shots import shoot_map, shoot_results

            if panel is not None:
                shoot_results(panel, shoot)
            shoot_map(window, shoot, outdir, written)
            _shoot_export_dialog(window, shoot)
            _shoot_more_dialogs(window, shoot, app)
            guide_shots.shoot_publish_dialogs(window, shoot)
            guide_shots.shoot_ranges_and_decisions(window, shoot, app)
        finally:
            window.files.shutdown()
            window.close()
            window.deleteLater()
            _settle(app)
    for width, height in SCREENS:
        with _isolated_settings():  # a first start: no layout saved by the window above
            written.append(_shoot_on_screen(outdir, project_path, width, height))
    written += guide_shots.report_preview(outdir, lang, project_path)
    return written


SCREENS = ((1366, 768), (1920, 1080))  # the smallest common laptop screen, and a common desktop


def _shoot_on_screen(outdir: Path, project_path: Path, width: int, height: int) -> Path:
    """The main window as it opens on a screen of ``width`` × ``height`` (fitted to it)."""
    from PySide6.QtCore import QRect

    from workbench.io.project_file import load
    from workbench.ui.app import ensure_application
    from workbench.ui.main_window import MainWindow
    from workbench.ui.session import ProjectSession
    from workbench.ui.settings import Settings

    app = ensure_application()
    window = MainWindow(ProjectSession(load(project_path), project_path), Settings())
    try:
        window.resize(width, height)
        window.fit_to(QRect(0, 0, width, height))
        window.show()
        _settle(app)
        deadline = time.monotonic() + 60
        while not window.is_computed() and time.monotonic() < deadline:
            app.processEvents()  # type: ignore[attr-defined]
        _settle(app)
        path = outdir / f"30_main_window_{width}x{height}.png"
        if not window.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        return path
    finally:
        window.files.shutdown()
        window.hide()
        window.deleteLater()
        _settle(app)


def _shoot_projection(panel: object, shoot: Callable[..., None]) -> None:
    from workbench.ui.projection_panel import ProjectionPanel

    assert isinstance(panel, ProjectionPanel)
    panel.resize(900, 600)

    def tab(
        i: int, metric: str = "gdp", basis: str = "location", by: str = "city"
    ) -> Callable[[], None]:
        def prepare() -> None:
            panel.tabs.setCurrentIndex(i)
            panel.metric_combo.setCurrentIndex(panel.metric_combo.findData(metric))
            panel.set_basis(basis)
            panel.stack_combo.setCurrentIndex(panel.stack_combo.findData(by))

        return prepare

    shoot("10_projection_gdp_by_city", panel, tab(panel.TAB_UPLIFT))
    shoot("11_projection_gdp_by_component", panel, tab(panel.TAB_UPLIFT, by="component"))
    shoot("12_projection_tax_fiscal", panel, tab(panel.TAB_UPLIFT, "tax", "fiscal"))
    if panel.compare_combo.count() > 1:
        shoot(
            "13_projection_compare",
            panel,
            lambda: (tab(panel.TAB_UPLIFT)(), panel.compare_combo.setCurrentIndex(1)),
        )
        panel.compare_combo.setCurrentIndex(0)
    shoot("14_projection_fund", panel, tab(panel.TAB_FUND))
    shoot("15_projection_spillover", panel, tab(panel.TAB_SPILLOVER))
    shoot("16_projection_statistical", panel, tab(panel.TAB_UPLIFT, basis="statistical"))
    shoot(
        "17_projection_gross_by_component",
        panel,
        lambda: (tab(panel.TAB_UPLIFT, by="component")(), panel.set_gross(True)),
    )
    panel.set_gross(False)
    shoot("18_projection_gross_and_net", panel, tab(panel.TAB_NET))
    shoot("18b_projection_net_statistical", panel, tab(panel.TAB_NET, basis="statistical"))
    shoot(
        "19_projection_until_2035",
        panel,
        lambda: (tab(panel.TAB_UPLIFT)(), panel.set_horizon(2035)),
    )
    panel.set_horizon(2030)
    panel.tabs.setCurrentIndex(panel.TAB_UPLIFT)


def _shoot_export_dialog(window: object, shoot: Callable[..., None]) -> None:
    from workbench.ui.dialogs.export_dialog import ExportDialog

    dialog = ExportDialog(window)
    dialog.show()
    try:
        shoot("20_export_dialog", dialog)
    finally:
        dialog.close()
        dialog.deleteLater()


STATS_EXAMPLE = (
    Path(__file__).parents[2] / "tests" / "data" / "stats" / "cq_2023_merged_header.xlsx"
)


def _shoot_more_dialogs(window: object, shoot: Callable[..., None], app: object) -> None:
    """The export dialog refusing a path, the statistics wizard's pages, and the settings."""
    from workbench.ui.dialogs.export_dialog import ExportDialog
    from workbench.ui.dialogs.settings_dialog import SettingsDialog
    from workbench.ui.dialogs.stats_wizard import StatsImportWizard

    export = ExportDialog(window)
    export.show()
    export.path_edit.setText("/")
    shoot("21_export_dialog_refused_path", export)
    export.close()
    settings = SettingsDialog(window, window.settings)  # type: ignore[attr-defined]
    settings.show()
    shoot("25_settings_dialog", settings)
    settings.close()
    example = STATS_EXAMPLE if STATS_EXAMPLE.is_file() else None  # a source checkout only
    wizard = StatsImportWizard(window, example)
    wizard.show()
    try:
        shoot("22_stats_wizard_file", wizard)
        if example is None:
            return
        wizard.next()
        deadline = time.monotonic() + 60
        while not wizard.preview_page.isComplete() and time.monotonic() < deadline:
            app.processEvents()  # type: ignore[attr-defined]
        shoot("23_stats_wizard_preview", wizard)
        wizard.next()
        shoot("24_stats_wizard_report", wizard)
    finally:
        wizard.reject()
        for w in (export, settings, wizard):
            w.deleteLater()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m workbench.ui.screenshots", description=__doc__)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    parser.add_argument("--scale", type=float, default=1.0, help="device pixel ratio, e.g. 2")
    parser.add_argument("--project", type=Path, default=SAMPLE_PROJECT)
    parser.add_argument("--guide", action="store_true", help="also refresh the guide's images")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = str(args.scale)  # read when the application starts
    shots = render(args.outdir, args.lang, args.project)
    for path in shots:
        print(path)
    if args.guide:
        from workbench.ui.guide_shots import write_guide_images

        for path in write_guide_images(shots, args.lang):
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
