"""The 地图 (map) dock and the map as an image for reports.

``render_map_image`` draws the same figure as the dock's export (title, legend, north arrow,
scale bar, source line, 审图号 note) offscreen, for the Word report: it needs a QGuiApplication
but no window.
"""

from __future__ import annotations

from typing import Any

from workbench.core.model import Project


def render_map_image(
    project: Project,
    scenario: str,
    spec: Any = None,
    size_px: tuple[int, int] = (1600, 1200),
    dpi: float = 200,
    note: str = "",
    engine: Any = None,
    fmt: str = "",
) -> Any:
    """The map of ``scenario`` as a QImage (``fmt`` "" ) or PNG bytes (``fmt`` "png").

    ``spec`` is a ``core.map_view.MapSpec`` (default: net GDP uplift by location, plan-period
    sum, quantiles); ``engine`` a ProjectionEngine of ``project`` to reuse (else one is built).
    Raises ``io.geometry_cache.GeometryUnavailable`` without the boundary package.
    """
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:  # fonts and painting need one (offscreen is fine)
        raise RuntimeError("render_map_image needs a QGuiApplication (QT_QPA_PLATFORM=offscreen)")

    from workbench.core import map_view as mv
    from workbench.ui.i18n import language
    from workbench.ui.map import build
    from workbench.ui.map.figure import render_image

    spec = spec or mv.MapSpec()
    geometry = build.shapes()
    scene = build.build_scene(project, geometry)
    if mv.SOURCES[spec.source].needs_engine and engine is None:
        engine = build.engine_for(project)
    choro = mv.choropleth(mv.region_values(project, engine, scenario, spec), spec, language())
    values = dict(zip(choro.values.codes, choro.values.values.tolist(), strict=True))
    scene.recolour(choro.colours, values)
    text = build.figure_text(project, geometry, scenario, choro, note)
    image = render_image(scene, text, QSize(*size_px), dpi)
    if fmt.lower() != "png":
        return image
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())
