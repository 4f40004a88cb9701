"""What the 地图 shows, shaped without Qt: values per planning unit, their classes and legend,
candidates as points, parks as arrows from partner to host.

Values come from a *source* named in ``SOURCES`` — a projection metric (net or gross, any basis,
one year or the plan period), the fund money a unit received or contributed, its fairness ratio,
or an imported statistic. A source is a plain function ``(project, engine, scenario, spec) ->
RegionValues``; ``register_source`` adds one (the uncertainty ranges will add P50 and band width
this way), and the 地图 panel lists whatever is registered.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from workbench.core.enums import Status, UnitType
from workbench.core.map_classes import Classes, classify
from workbench.core.model import PLAN_YEARS, Project
from workbench.core.projections import vocabulary as voc

RATIO = ""  # unit of a plain ratio (fairness)


@dataclass(frozen=True)
class MapSpec:
    """Everything that picks the numbers of a choropleth and their classes."""

    source: str = "projection"
    metric: str = "gdp"
    basis: str = "location"
    gross: bool = False
    year: int = 0  # 0: the plan period's sum (additive metrics) or its last year (ratios)
    indicator: str = "gdp"  # the statistic shown by the "statistic" source
    method: str = "quantile"
    k: int = 5


@dataclass
class RegionValues:
    codes: list[str]  # planning units, in the project's order
    values: np.ndarray  # NaN: no value (no statistics, not a contributor…)
    unit: str
    title: tuple[str, str]  # (zh, en), without the unit
    notes: list[tuple[str, str]] = field(default_factory=list)


Source = Callable[[Project, Any, str, MapSpec], RegionValues]


@dataclass(frozen=True)
class SourceInfo:
    key: str
    zh: str
    en: str
    read: Source
    needs_engine: bool = True


SOURCES: dict[str, SourceInfo] = {}


def register_source(key: str, zh: str, en: str, read: Source, needs_engine: bool = True) -> None:
    """Make ``read`` one of the values the map can show (its menu lists it as zh/en)."""
    SOURCES[key] = SourceInfo(key, zh, en, read, needs_engine)


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if lang == "zh" else pair[1]


def _year_text(year: int, lang: str) -> str:
    if year:
        return f"{year} 年" if lang == "zh" else str(year)
    return (
        f"{PLAN_YEARS[0]}–{PLAN_YEARS[-1]} 年合计"
        if lang == "zh"
        else f"{PLAN_YEARS[0]}–{PLAN_YEARS[-1]} total"
    )


# -- sources ---------------------------------------------------------------------------------------


def _projection(project: Project, engine: Any, scenario: str, spec: MapSpec) -> RegionValues:
    block = engine.block(scenario, spec.basis, spec.metric)
    if spec.gross:
        block = block.as_gross()
    total = block.total()
    years = list(block.years)
    metric = voc.METRIC[spec.metric]
    if spec.year and spec.year in years:
        values = total[:, years.index(spec.year)]
        when = spec.year
    elif metric.additive:
        plan = [i for i, y in enumerate(years) if y in PLAN_YEARS]
        values = total[:, plan].sum(axis=1)
        when = 0
    else:  # a share of the baseline is never summed over years: the plan's last year
        values = total[:, years.index(PLAN_YEARS[-1])]
        when = PLAN_YEARS[-1]
    shown = voc.GROSS if spec.gross else voc.NET
    title = tuple(
        f"{metric.uplift(lang)} · {voc.label(spec.basis, lang)} · {shown.label(lang)} · "
        f"{_year_text(when, lang)}"
        for lang in ("zh", "en")
    )
    return _on_units(project, block.codes, np.asarray(values, dtype=float), block.unit, title)


def _fund_column(column: str, unit: str, zh: str, en: str) -> Source:
    def read(project: Project, engine: Any, scenario: str, spec: MapSpec) -> RegionValues:
        df = engine.fund_view(scenario)
        values = df[column].to_numpy(dtype=float)
        return _on_units(project, df["region_code"].astype(str).tolist(), values, unit, (zh, en))

    return read


def _fund_received(project: Project, engine: Any, scenario: str, spec: MapSpec) -> RegionValues:
    """Fund money allocated to each unit's candidates, 2026–2030 (0 where none): every unit,
    contributor or not (the fund view lists contributors only)."""
    received = np.asarray(engine.state(scenario).invested, dtype=float).sum(axis=1)
    codes = list(engine.structure.unit_codes)
    title = ("获得基金投资（2026–2030 年累计）", "Fund money received (2026–2030)")
    return _on_units(project, codes, received, voc.MONEY, title)


def _statistic(project: Project, engine: Any, scenario: str, spec: MapSpec) -> RegionValues:
    """The latest imported value of ``spec.indicator`` per planning unit (NaN without one)."""
    codes = project.planning_unit_codes()
    by_code = {r.code: r for r in project.regions}
    values = np.full(len(codes), np.nan)
    units: dict[str, int] = {}
    years: set[int] = set()
    for i, code in enumerate(codes):
        stats = [s for s in by_code[code].statistics if s.indicator == spec.indicator]
        if stats:
            latest = max(stats, key=lambda s: s.year)
            values[i] = latest.value
            units[latest.unit] = units.get(latest.unit, 0) + 1
            years.add(latest.year)
    unit = max(units, key=lambda u: units[u]) if units else ""
    span = f"{min(years)}–{max(years)}" if len(years) > 1 else "".join(map(str, years))
    title = (f"{spec.indicator}（最新年份 {span}）", f"{spec.indicator} (latest year {span})")
    notes = []
    if len(units) > 1:
        notes.append(("统计单位不一致，按最常见单位标注", "Units differ; the commonest is shown"))
    return RegionValues(codes, values, unit, title, notes)


def _on_units(
    project: Project, codes: list[str], values: np.ndarray, unit: str, title: tuple[str, str]
) -> RegionValues:
    """Values on the project's planning units, in its order (NaN for a unit not in ``codes``)."""
    units = project.planning_unit_codes()
    at = {c: i for i, c in enumerate(codes)}
    out = np.array([values[at[c]] if c in at else np.nan for c in units], dtype=float)
    return RegionValues(units, out, unit, title)


register_source("projection", "预测指标", "Projection metric", _projection)
register_source(
    "fund_invested",
    "获得基金投资",
    "Fund money received",
    _fund_received,
)
register_source(
    "fund_contributed",
    "基金出资",
    "Fund contribution",
    _fund_column("contributed", voc.MONEY, "基金出资", "Fund contribution"),
)
register_source(
    "fairness",
    "公平性比值",
    "Fairness ratio",
    _fund_column(
        "fairness_ratio",
        RATIO,
        "公平性比值（受益份额 ÷ 出资份额）",
        "Fairness (benefit ÷ contribution share)",
    ),
)
register_source("statistic", "导入统计", "Imported statistic", _statistic, needs_engine=False)


def region_values(project: Project, engine: Any, scenario: str, spec: MapSpec) -> RegionValues:
    return SOURCES[spec.source].read(project, engine, scenario, spec)


def statistic_indicators(project: Project) -> list[str]:
    """Indicators with at least one value on a planning unit, commonest first."""
    units = set(project.planning_unit_codes())
    count: dict[str, int] = {}
    for r in project.regions:
        if r.code in units:
            for s in {s.indicator for s in r.statistics}:
                count[s] = count.get(s, 0) + 1
    return sorted(count, key=lambda s: (-count[s], s))


# -- the choropleth ------------------------------------------------------------------------------


def format_number(value: float, unit: str) -> str:
    """Legend and hover precision: 亿元 to 0.01, people to 1, ratios and % to 0.01."""
    if not math.isfinite(value):
        return "—"
    if unit in (voc.PEOPLE, "人", "万人") and abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:,.2f}"


def unit_text(unit: str, lang: str) -> str:
    return voc.unit_text(unit, lang) if unit else ""


def with_unit(text: str, unit: str, lang: str) -> str:
    if not unit:
        return text
    u = unit_text(unit, lang)
    return f"{text}（{u}）" if lang == "zh" else f"{text} ({u})"


@dataclass
class Choropleth:
    values: RegionValues
    classes: Classes
    colours: dict[str, str]  # planning unit -> fill colour
    legend: list[tuple[str, str]]  # (colour, label) per class, then "no data" when any
    title: str
    unit: str  # the unit as the legend heads it (language applied)


NO_DATA_LABEL = ("无数据", "No data")


def choropleth(values: RegionValues, spec: MapSpec, lang: str) -> Choropleth:
    classes = classify(values.values, spec.k, spec.method)
    fills = classes.colour_of(values.values)
    legend = list(
        zip(classes.colours, classes.labels(lambda v: format_number(v, values.unit)), strict=True)
    )
    if not np.isfinite(values.values).all():
        from workbench.core.map_classes import NO_DATA

        legend.append((NO_DATA, _pick(NO_DATA_LABEL, lang)))
    return Choropleth(
        values,
        classes,
        dict(zip(values.codes, fills, strict=True)),
        legend,
        _pick(values.title, lang),
        unit_text(values.unit, lang),
    )


def hover_text(name: str, value: float, unit: str, lang: str) -> str:
    """「成都市：12.34 亿元」 / "Chengdu: 12.34 100M yuan"."""
    sep = "：" if lang == "zh" else ": "
    u = unit_text(unit, lang)
    number = format_number(value, unit) if math.isfinite(value) else _pick(NO_DATA_LABEL, lang)
    return f"{name}{sep}{number}{(' ' + u) if u and math.isfinite(value) else ''}"


# -- candidates and parks ------------------------------------------------------------------------

STATUS_COLOURS = {
    Status.CANDIDATE: "#9e9e9e",
    Status.SHORTLISTED: "#f28e2b",
    Status.APPROVED: "#2e7d32",
    Status.REJECTED: "#c62828",
}
TYPE_SYMBOLS = {
    UnitType.STREET: "o",
    UnitType.PARK: "s",
    UnitType.BUILDING: "t",
    UnitType.TEAM: "d",
}


@dataclass(frozen=True)
class MapPoint:
    cid: str
    name: str
    lon: float
    lat: float
    unit_type: UnitType
    status: Status
    region_code: str


@dataclass(frozen=True)
class ParkArrow:
    park_id: str
    name: str
    partner: str
    host: str
    start: tuple[float, float]  # lon, lat of the partner's seat
    end: tuple[float, float]  # lon, lat of the host's seat


def seat(project: Project, code: str) -> tuple[float, float] | None:
    """A region's seat (GCJ-02), or its parent's when it has none recorded."""
    by_code = {r.code: r for r in project.regions}
    r = by_code.get(code)
    while r is not None:
        if r.lon is not None and r.lat is not None:
            return (float(r.lon), float(r.lat))
        r = by_code.get(r.parent)
    return None


def candidate_points(
    project: Project,
    statuses: set[Status] | None = None,
    types: set[UnitType] | None = None,
) -> list[MapPoint]:
    """Candidates at their county's seat; several in one county spread on a small spiral
    (golden angle, ~4 km apart) so that each stays visible and clickable."""
    seats: dict[str, tuple[float, float] | None] = {}
    placed: dict[str, int] = {}
    out = []
    for c in project.candidates:
        if (statuses and c.status not in statuses) or (types and c.unit_type not in types):
            continue
        if c.region_code not in seats:
            seats[c.region_code] = seat(project, c.region_code)
        base = seats[c.region_code]
        if base is None:
            continue
        i = placed.get(c.region_code, 0)
        placed[c.region_code] = i + 1
        r, a = 0.035 * math.sqrt(i), i * 2.39996
        out.append(
            MapPoint(
                c.id,
                c.name,
                base[0] + r * math.cos(a),
                base[1] + r * math.sin(a),
                c.unit_type,
                c.status,
                c.region_code,
            )
        )
    return out


def park_arrows(project: Project) -> list[ParkArrow]:
    out = []
    for park in project.parks:
        end = seat(project, park.host)
        for partner in park.partners:
            start = seat(project, partner)
            if partner == park.host or start is None or end is None:
                continue
            out.append(ParkArrow(park.id, park.name, partner, park.host, start, end))
    return out
