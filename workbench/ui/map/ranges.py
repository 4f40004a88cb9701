"""The map's range sources: P50 and band width (P90 − P10) of any projection metric.

Registered with ``core.map_view.register_source`` when the 地图 dock is built (never at start-up).
The numbers are the session's units' bands (``ui.projection.unit_bands``), computed in the thread
pool: the source only reads what is there, so a recolour never waits for draws; until they are
in the map says "being computed" and recolours when the service says ``updated``.
"""

from __future__ import annotations

import weakref
from typing import Any

from workbench.core import map_view as mv
from workbench.core.uncertainty.units import P50, WIDTH, map_source
from workbench.ui.projection.unit_bands import UnitBandService, service_for

SOURCE_KEYS = {P50: "range_p50", WIDTH: "range_width"}
LEGEND = {P50: ("P50", "P50"), WIDTH: ("区间宽度", "Range width")}
_services: weakref.WeakSet[UnitBandService] = weakref.WeakSet()


def _lookup(project: Any, scenario: str, spec: mv.MapSpec) -> Any:
    for service in list(_services):
        if service.session.project is project:
            bands, _stale = service.get(scenario, spec.basis, spec.metric, spec.gross)
            return bands
    return None


def install(session: Any) -> UnitBandService:
    """Register the sources (once) and make the session's bands readable by them."""
    if SOURCE_KEYS[P50] not in mv.SOURCES:
        mv.register_source(
            SOURCE_KEYS[P50], "预测指标 P50", "Projection P50", map_source(P50, _lookup)
        )
        mv.register_source(
            SOURCE_KEYS[WIDTH],
            "预测指标区间宽度（P90−P10）",
            "Projection range width (P90−P10)",
            map_source(WIDTH, _lookup),
        )
    service = service_for(session)
    _services.add(service)
    return service


def legend_word(source: str) -> tuple[str, str] | None:
    """The legend's heading word for a range source ("P50", "区间宽度"), else None."""
    for kind, key in SOURCE_KEYS.items():
        if key == source:
            return LEGEND[kind]
    return None
