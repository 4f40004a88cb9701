"""The map as a figure: title, the map, legend, north arrow, scale bar, source line and the
审图号 note, painted on any QPainter device — a PNG at a chosen DPI, an SVG, or a QImage for the
Word report. One painter routine, so the three never differ.

Sizes of text and marks are in points (they follow the device's DPI: a 300-DPI PNG is a print
of the same figure, not a larger screen); the map keeps its aspect ratio inside its frame.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen, QPolygonF

from workbench.ui.map.scene import MapScene

FONT_FAMILIES = ["Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei"]
SCALE_STEPS_KM = (5, 10, 20, 25, 50, 100, 200, 250, 500)


@dataclass
class FigureText:
    """Everything a figure says, in the UI language; ``note`` is the 审图号 line the user fills."""

    title: str
    legend_title: str
    legend: list[tuple[str, str]]  # (fill colour, label)
    symbols: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, colour, label)
    source: str = ""
    note: str = ""
    north: str = "N"
    km: str = "km"


def _font(pt: float, bold: bool = False) -> QFont:
    f = QFont()
    f.setFamilies(FONT_FAMILIES)
    f.setPointSizeF(pt)
    f.setBold(bold)
    return f


def paint_figure(painter: QPainter, rect: QRectF, scene: MapScene, text: FigureText) -> None:
    """Paint the whole figure into ``rect`` (device units) of the painter's device."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.fillRect(rect, QColor("#ffffff"))
    pt = _pt_px(painter)  # device pixels per point
    pad = 8 * pt
    inner = rect.adjusted(pad, pad, -pad, -pad)
    # title
    painter.setPen(QColor("#111111"))
    title_font = _font(13, bold=True)
    painter.setFont(title_font)
    title_h = QFontMetricsF(title_font, painter.device()).height() * 1.5
    painter.drawText(
        QRectF(inner.left(), inner.top(), inner.width(), title_h),
        Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter,
        text.title,
    )
    # the bottom lines: source, then the note
    small = _font(7.5)
    painter.setFont(small)
    line_h = QFontMetricsF(small, painter.device()).height()
    lines = [t for t in (text.source, text.note) if t]
    foot_h = line_h * (len(lines) + 0.4)
    foot = QRectF(inner.left(), inner.bottom() - foot_h, inner.width(), foot_h)
    painter.setPen(QColor("#404040"))
    for i, line in enumerate(lines):
        painter.drawText(
            QRectF(foot.left(), foot.top() + (i + 0.4) * line_h, foot.width(), line_h),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            line,
        )
    body = QRectF(
        inner.left(), inner.top() + title_h, inner.width(), foot.top() - inner.top() - title_h
    )
    legend_w = min(max(body.width() * 0.27, 120 * pt), body.width() * 0.4)
    frame = QRectF(body.left(), body.top(), body.width() - legend_w - pad, body.height())
    map_rect = _paint_map(painter, frame, scene)
    painter.setPen(QPen(QColor("#9e9e9e"), 0.6 * pt))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(frame)
    _north_arrow(painter, frame, pt, text.north)
    if map_rect is not None:
        _scale_bar(painter, frame, map_rect, pt, text.km)
    _legend(painter, QRectF(frame.right() + pad, body.top(), legend_w, body.height()), pt, text)
    painter.restore()


def _pt_px(painter: QPainter) -> float:
    dpi = painter.device().logicalDpiY() or 96
    return dpi / 72.0


def _paint_map(painter: QPainter, frame: QRectF, scene: MapScene) -> tuple[QRectF, float] | None:
    source = scene.map_rect()
    if source.isEmpty():
        return None
    scale = min(frame.width() / source.width(), frame.height() / source.height()) * 0.96
    w, h = source.width() * scale, source.height() * scale
    target = QRectF(frame.center().x() - w / 2, frame.center().y() - h / 2, w, h)
    factor = max(_pt_px(painter) / (96 / 72), 1e-3)  # cosmetic pens: as wide as on screen
    scene.scale_pens(factor)
    scene.set_caching(False)
    background = scene.backgroundBrush()
    scene.setBackgroundBrush(QColor("#ffffff"))  # paper, not the dock's tint
    try:
        scene.render(painter, target, source, Qt.AspectRatioMode.KeepAspectRatio)
    finally:
        scene.scale_pens(1 / factor)
        scene.set_caching(True)
        scene.setBackgroundBrush(background)
    return target, scale


def _north_arrow(painter: QPainter, frame: QRectF, pt: float, label: str) -> None:
    size = 16 * pt
    x, y = frame.right() - size * 1.2, frame.top() + size * 0.6
    painter.setPen(QPen(QColor("#111111"), 0.6 * pt))
    painter.setBrush(QColor("#111111"))
    painter.drawPolygon(
        QPolygonF([QPointF(x, y), QPointF(x + size * 0.3, y + size), QPointF(x, y + size * 0.75)])
    )
    painter.setBrush(QColor("#ffffff"))
    painter.drawPolygon(
        QPolygonF([QPointF(x, y), QPointF(x - size * 0.3, y + size), QPointF(x, y + size * 0.75)])
    )
    painter.setFont(_font(9, bold=True))
    painter.drawText(
        QRectF(x - size, y + size, 2 * size, size * 0.9),
        Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
        label,
    )


def _scale_bar(
    painter: QPainter, frame: QRectF, placed: tuple[QRectF, float], pt: float, km: str
) -> None:
    """A bar of a round number of km, about a fifth of the frame wide (scene units are km)."""
    _target, px_per_km = placed
    want = frame.width() * 0.2 / px_per_km
    length = max((s for s in SCALE_STEPS_KM if s <= want), default=SCALE_STEPS_KM[0])
    bar = length * px_per_km
    x0, y0 = frame.left() + 10 * pt, frame.bottom() - 12 * pt
    h = 3 * pt
    painter.setPen(QPen(QColor("#111111"), 0.5 * pt))
    for i in range(2):
        painter.setBrush(QColor("#111111") if i == 0 else QColor("#ffffff"))
        painter.drawRect(QRectF(x0 + i * bar / 2, y0, bar / 2, h))
    painter.setFont(_font(7))
    fm = QFontMetricsF(painter.font(), painter.device())
    for value, x in ((0, x0), (length / 2, x0 + bar / 2), (length, x0 + bar)):
        label = f"{value:g}" + (f" {km}" if value == length else "")
        w = fm.horizontalAdvance(label)
        painter.drawText(QPointF(x - (0 if value == length else w / 2), y0 - 1.5 * pt), label)


def _legend(painter: QPainter, box: QRectF, pt: float, text: FigureText) -> None:
    y = box.top() + 4 * pt
    head = _font(8.5, bold=True)
    body = _font(7.5)
    painter.setFont(head)
    fm = QFontMetricsF(head, painter.device())
    flags = Qt.TextFlag.TextWordWrap
    title_rect = fm.boundingRect(QRectF(box.left(), y, box.width(), 1e6), flags, text.legend_title)
    painter.setPen(QColor("#111111"))
    painter.drawText(title_rect, flags, text.legend_title)
    y = title_rect.bottom() + 4 * pt
    painter.setFont(body)
    line = QFontMetricsF(body, painter.device()).height() * 1.35
    sw = 12 * pt
    for colour, label in text.legend:
        painter.setPen(QPen(QColor("#9e9e9e"), 0.4 * pt))
        painter.setBrush(QColor(colour))
        painter.drawRect(QRectF(box.left(), y + line * 0.15, sw, line * 0.7))
        painter.setPen(QColor("#202020"))
        painter.drawText(QPointF(box.left() + sw + 4 * pt, y + line * 0.75), label)
        y += line
    y += line * 0.4
    for kind, colour, label in text.symbols:
        cx, cy = box.left() + sw / 2, y + line / 2
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if kind == "outline":
            painter.setPen(QPen(QColor(colour), 1.6 * pt))
            painter.drawLine(QPointF(box.left(), cy), QPointF(box.left() + sw, cy))
        elif kind == "arrow":
            painter.setPen(QPen(QColor(colour), 1.2 * pt))
            painter.drawLine(QPointF(box.left(), cy), QPointF(box.left() + sw, cy))
            painter.drawLine(
                QPointF(box.left() + sw, cy), QPointF(box.left() + sw * 0.65, cy - 3 * pt)
            )
            painter.drawLine(
                QPointF(box.left() + sw, cy), QPointF(box.left() + sw * 0.65, cy + 3 * pt)
            )
        else:
            painter.setPen(QPen(QColor("#ffffff"), 0.4 * pt))
            painter.setBrush(QColor(colour))
            _symbol(painter, kind.removeprefix("shape:"), QPointF(cx, cy), 3.2 * pt)
        painter.setPen(QColor("#202020"))
        painter.drawText(QPointF(box.left() + sw + 4 * pt, y + line * 0.75), label)
        y += line
        if y > box.bottom():
            break


def _symbol(painter: QPainter, symbol: str, c: QPointF, r: float) -> None:
    """A legend marker: circle ("o" or a status "point"), square, triangle or diamond."""
    shapes = {
        "s": [(-0.8, -0.8), (0.8, -0.8), (0.8, 0.8), (-0.8, 0.8)],
        "t": [(0, -1.1), (1, 0.75), (-1, 0.75)],
        "d": [(0, -1.1), (0.9, 0), (0, 1.1), (-0.9, 0)],
    }
    if symbol not in shapes:
        painter.drawEllipse(c, r, r)
        return
    painter.drawPolygon(
        QPolygonF([QPointF(c.x() + a * r, c.y() + b * r) for a, b in shapes[symbol]])
    )


# -- files ------------------------------------------------------------------------------------


def render_image(scene: MapScene, text: FigureText, size: QSize, dpi: float) -> QImage:
    image = QImage(size, QImage.Format.Format_ARGB32)
    dpm = round(dpi / 0.0254)
    image.setDotsPerMeterX(dpm)
    image.setDotsPerMeterY(dpm)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    try:
        paint_figure(painter, QRectF(0, 0, size.width(), size.height()), scene, text)
    finally:
        painter.end()
    return image


def save_png(scene: MapScene, text: FigureText, path: Path, size: QSize, dpi: float) -> None:
    if not render_image(scene, text, size, dpi).save(str(path), "PNG"):
        raise OSError(f"could not write {path}")


def save_svg(scene: MapScene, text: FigureText, path: Path, size: QSize, dpi: float = 96) -> None:
    from PySide6.QtSvg import QSvgGenerator

    gen = QSvgGenerator()
    gen.setFileName(str(path))
    gen.setSize(size)
    gen.setViewBox(QRectF(0, 0, size.width(), size.height()))
    gen.setResolution(round(dpi))
    gen.setTitle(text.title)
    gen.setDescription(text.source)
    painter = QPainter()
    if not painter.begin(gen):
        raise OSError(f"could not write {path}")
    try:
        paint_figure(painter, QRectF(0, 0, size.width(), size.height()), scene, text)
    finally:
        painter.end()
    if not Path(path).is_file():
        raise OSError(f"could not write {path}")
