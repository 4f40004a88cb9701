"""导出图片 and 复制图片 for every plot: one helper, used from a plot's context menu and the 视图 menu.

A plot is any QGraphicsView (pyqtgraph's PlotWidget is one) or any widget: it is re-drawn, not
screen-grabbed, into the requested pixels — a PNG at the chosen size and DPI is as sharp as the
paper it goes on, and an SVG stays vector. The plot keeps its aspect ratio and is centred on white
when the requested size has another one. The 地图 uses the same dialog (with its 审图号 line).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGraphicsView,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from workbench.ui.i18n import pick

DEFAULT_DPI = 300
COPY_SCALE = 2  # 复制图片: twice the screen's pixels, at 192 DPI (sharp when pasted in Word)


def _paint(widget: QWidget, painter: QPainter, target: QRectF) -> None:
    """Draw ``widget``'s content into ``target`` keeping its aspect ratio."""
    w, h = max(widget.width(), 1), max(widget.height(), 1)
    scale = min(target.width() / w, target.height() / h)
    dx = target.left() + (target.width() - w * scale) / 2
    dy = target.top() + (target.height() - h * scale) / 2
    painter.fillRect(target, QColor("#ffffff"))
    if isinstance(widget, QGraphicsView) and widget.scene() is not None:
        source = widget.mapToScene(widget.viewport().rect()).boundingRect()
        vw, vh = widget.viewport().width(), widget.viewport().height()
        s = min(target.width() / max(vw, 1), target.height() / max(vh, 1))
        box = QRectF(
            target.left() + (target.width() - vw * s) / 2,
            target.top() + (target.height() - vh * s) / 2,
            vw * s,
            vh * s,
        )
        widget.scene().render(painter, box, source, Qt.AspectRatioMode.KeepAspectRatio)
        return
    painter.save()
    painter.translate(dx, dy)
    painter.scale(scale, scale)
    widget.render(painter)
    painter.restore()


def render_widget(widget: QWidget, size: QSize, dpi: float = DEFAULT_DPI) -> QImage:
    image = QImage(size, QImage.Format.Format_ARGB32)
    dpm = round(dpi / 0.0254)
    image.setDotsPerMeterX(dpm)
    image.setDotsPerMeterY(dpm)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    try:
        _paint(widget, painter, QRectF(0, 0, size.width(), size.height()))
    finally:
        painter.end()
    return image


def save_widget(widget: QWidget, path: str | Path, size: QSize, dpi: float = DEFAULT_DPI) -> Path:
    """PNG or SVG by the file's suffix, ``size`` in pixels."""
    path = Path(path)
    if path.suffix.lower() == ".svg":
        from PySide6.QtSvg import QSvgGenerator

        gen = QSvgGenerator()
        gen.setFileName(str(path))
        gen.setSize(size)
        gen.setViewBox(QRectF(0, 0, size.width(), size.height()))
        gen.setResolution(round(dpi))
        painter = QPainter()
        if not painter.begin(gen):
            raise OSError(f"could not write {path}")
        try:
            _paint(widget, painter, QRectF(0, 0, size.width(), size.height()))
        finally:
            painter.end()
    elif not render_widget(widget, size, dpi).save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    return path


def copy_widget_image(widget: QWidget) -> QImage:
    """复制图片: the plot as an image on the clipboard (pastes into Word, WPS, PowerPoint)."""
    size = QSize(widget.width() * COPY_SCALE, widget.height() * COPY_SCALE)
    image = render_widget(widget, size, 96 * COPY_SCALE)
    QGuiApplication.clipboard().setImage(image)
    return image


class ImageExportDialog(QDialog):
    """File, format, size in pixels, DPI — and, for a map, the 审图号 line."""

    def __init__(
        self, parent: QWidget, size: QSize, with_note: bool = False, note: str = ""
    ) -> None:
        super().__init__(parent)
        self.setObjectName("imageExportDialog")
        self.setWindowTitle(pick("导出图片", "Export image"))
        form = QFormLayout(self)
        self.path_edit = QLineEdit(objectName="imageExportPath")
        browse = QPushButton(pick("浏览…", "Browse…"))
        browse.clicked.connect(lambda _c=False: self._browse())
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        form.addRow(pick("文件", "File"), row)
        self.format_combo = QComboBox(objectName="imageExportFormat")
        self.format_combo.addItem("PNG", ".png")
        self.format_combo.addItem("SVG", ".svg")
        self.format_combo.currentIndexChanged.connect(lambda _i: self._suffix())
        form.addRow(pick("格式", "Format"), self.format_combo)
        self.width_spin = _spin(size.width(), "imageExportWidth")
        self.height_spin = _spin(size.height(), "imageExportHeight")
        sizes = QHBoxLayout()
        sizes.addWidget(self.width_spin)
        sizes.addWidget(self.height_spin)
        form.addRow(pick("宽 × 高（像素）", "Width × height (px)"), sizes)
        self.dpi_spin = QSpinBox(objectName="imageExportDpi")
        self.dpi_spin.setRange(72, 1200)
        self.dpi_spin.setValue(DEFAULT_DPI)
        form.addRow("DPI", self.dpi_spin)
        self.note_edit = QLineEdit(note, objectName="imageExportNote")
        self.note_edit.setPlaceholderText(pick("审图号：如 GS（2024）XXXX 号", "Map approval no."))
        if with_note:
            form.addRow(pick("审图号/注记", "Approval note"), self.note_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _browse(self) -> None:
        path, _f = QFileDialog.getSaveFileName(
            self,
            pick("导出图片", "Export image"),
            self.path_edit.text(),
            "PNG (*.png);;SVG (*.svg)",
        )
        if path:
            self.path_edit.setText(path)
            if path.lower().endswith(".svg"):
                self.format_combo.setCurrentIndex(1)

    def _suffix(self) -> None:
        text = self.path_edit.text()
        if text:
            self.path_edit.setText(str(Path(text).with_suffix(self.format_combo.currentData())))

    def choice(self) -> tuple[Path, QSize, int, str]:
        path = Path(self.path_edit.text()).with_suffix(self.format_combo.currentData())
        size = QSize(self.width_spin.value(), self.height_spin.value())
        return path, size, self.dpi_spin.value(), self.note_edit.text()


def _spin(value: int, name: str) -> QSpinBox:
    s = QSpinBox(objectName=name)
    s.setRange(100, 12000)
    s.setValue(max(100, value))
    return s


def export_widget_dialog(widget: QWidget, name: str = "figure") -> Path | None:
    """Ask where and how large, then save; None when cancelled. The default size is the plot's
    own at 300 DPI (≈ 3× the screen)."""
    scale = DEFAULT_DPI / 96
    size = QSize(round(widget.width() * scale), round(widget.height() * scale))
    dialog = ImageExportDialog(widget.window(), size)
    dialog.path_edit.setText(str(Path.home() / f"{name}.png"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    path, size, dpi, _note = dialog.choice()
    return save_widget(widget, path, size, dpi)
