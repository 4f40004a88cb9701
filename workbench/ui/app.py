"""Start the desktop window: ``workbench [PROJECT]``.

Opens PROJECT, else the last project, else the bundled sample. A project that cannot be opened at
start-up is reported in a dialog and the next choice is opened instead, so the window always
comes up. Unsaved work left by a crashed window is offered back before the user starts editing.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMessageBox

from workbench.bundled import SAMPLE_PROJECT
from workbench.ui.settings import APPLICATION, ORGANIZATION, Settings

if TYPE_CHECKING:  # imported by create_main_window, with the collector paused (see _start_up)
    from workbench.core.model import Project
    from workbench.io.project_file import ProjectFileError
    from workbench.ui.main_window import MainWindow

# Chinese must render on Windows, macOS and Linux: Qt falls back along this list per glyph.
FONT_FAMILIES = ["Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei"]


def ensure_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    font = QFont(app.font())
    font.setFamilies([*FONT_FAMILIES, *font.families()])
    app.setFont(font)
    return app


_frozen = False


@contextmanager
def _start_up() -> Iterator[None]:
    """Build the window with Python's cyclic garbage collector paused.

    Start-up allocates a few hundred thousand objects (modules, the decoded project, widgets'
    wrappers) that nearly all live as long as the window, and the collector traversed them over
    and over while they were made (about 30 ms before the first paint, one full collection of
    every object loaded so far among them). The first window of a process then freezes them
    (``gc.freeze``: later collections skip them, so no full collection lands on the first paint or
    the first edit); the few cycles that became garbage during start-up stay allocated.
    """
    global _frozen
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if not _frozen:
            _frozen = True
            gc.freeze()
        if enabled:
            gc.enable()


def project_cache_dir() -> Path:
    """Projects decoded at earlier starts (``io.project_cache``): in the workbench's one cache
    folder (``derived_cache.cache_dir``, beside the gazetteer's index; tests point it at a
    temporary folder), which outlives a settings reset."""
    from workbench.derived_cache import cache_dir

    return cache_dir() / "projects"


def _load_first(
    candidates: list[Path], cache: Path
) -> tuple[Project, Path | None, list[ProjectFileError]]:
    """The first of ``candidates`` that opens, plus the errors of those that did not."""
    from workbench.io import project_file
    from workbench.io.project_file import ProjectFileError
    from workbench.ui.i18n import tr

    errors = []
    for p in candidates:
        try:
            return project_file.load(p, cache=cache), p, errors
        except ProjectFileError as e:
            errors.append(e)
    from workbench.core.new_project import new_project

    return new_project(tr("app.untitled")), None, errors


def create_main_window(project_path: str | None, settings: Settings | None = None) -> MainWindow:
    """Build (but do not show) the window on the chosen project; reports files that failed."""
    with _start_up():
        return _create_main_window(project_path, settings)


def _create_main_window(project_path: str | None, settings: Settings | None) -> MainWindow:
    from workbench.io import project_file
    from workbench.ui import i18n
    from workbench.ui.i18n import tr
    from workbench.ui.main_window import MainWindow
    from workbench.ui.qt_translations import install_qt_translations
    from workbench.ui.session import ProjectSession

    settings = settings or Settings()
    i18n.set_language(settings.language)
    install_qt_translations(QApplication.instance())  # Qt's OK/Cancel, file dialog
    order: list[Path] = []
    if project_path:
        order.append(Path(project_path))
    elif settings.last_project:
        order.append(Path(settings.last_project))
    order.append(SAMPLE_PROJECT)
    project, path, errors = _load_first(order, project_cache_dir())
    session = ProjectSession(project, path)
    window = MainWindow(session, settings)
    for e in errors:
        QMessageBox.critical(
            window,
            tr("error.title"),
            tr("file.open.failed", zh=e.message("zh"), en=e.message("en")),
        )
    if path is not None and not window.files.acquire_lock(path):
        # Open elsewhere and the user chose not to share it: start on the sample instead.
        session.replace(project_file.load(SAMPLE_PROJECT), SAMPLE_PROJECT)
        path = SAMPLE_PROJECT
    if path is not None and path != SAMPLE_PROJECT:
        settings.add_recent(path)
    window.files.offer_recovery()
    return window


def run(project_path: str | None) -> int:
    app = ensure_application()
    window = create_main_window(project_path)
    screen = window.screen() or app.primaryScreen()
    if screen is not None:  # a layout saved on a wider screen, or English on 1366 px, must fit
        window.fit_to(screen.availableGeometry())
    window.show()
    return int(app.exec())
