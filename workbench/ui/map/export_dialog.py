"""导出地图: the shared image dialog (``figure_export.ImageExportDialog``) with the 审图号 line."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDialog, QMessageBox

from workbench.ui.figure_export import ImageExportDialog
from workbench.ui.i18n import pick

if TYPE_CHECKING:
    from workbench.ui.map.panel import MapPanel

DEFAULT_SIZE = QSize(2400, 1800)  # 20 × 15 cm at 300 DPI


class MapExportDialog(ImageExportDialog):
    def __init__(self, panel: MapPanel) -> None:
        super().__init__(panel.window(), DEFAULT_SIZE, with_note=True, note=panel.note_text)
        self.panel = panel
        self.setWindowTitle(pick("导出地图", "Export map"))
        self.path_edit.setText(str(Path.home() / pick("地图.png", "map.png")))

    def accept(self) -> None:
        path, size, dpi, note = self.choice()
        self.panel.note_text = note  # remembered for the next export in this session
        try:
            self.panel.export(path, size, dpi, note)
        except (OSError, RuntimeError) as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        QDialog.accept(self)
