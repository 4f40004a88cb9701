"""Rules on co-built parks: their regions, investment years and joint-company shares (their GDP and
tax rules are agreements: ``validation.sharing``)."""

from __future__ import annotations

from collections.abc import Iterator

from workbench.core.addresses import FieldPath
from workbench.core.model import PLAN_YEARS, ParkArrangement, Project
from workbench.core.validation.problems import (
    TOLERANCE,
    Problem,
    bad_number,
    err,
    region_names,
    warn,
)
from workbench.core.validation.registry import rule


@rule("parks", "regions")
def _parks(project: Project) -> Iterator[Problem]:
    names = region_names(project)
    for p in project.parks:
        yield from _places(p, names)
        yield from _investment(p)
        yield from _equity_and_return(p)


def _places(p: ParkArrangement, names: dict[str, str]) -> Iterator[Problem]:
    base = ("parks", p.id)
    if p.host not in names:
        yield err(
            (*base, "host"),
            "park.unknown_region",
            f"园区“{p.name}”所在地代码“{p.host}”不在地区表中",
            f"park {p.name}: unknown host region {p.host!r}",
        )
    if not p.partners:
        yield warn(
            (*base, "partners"),
            "park.no_partner",
            f"园区“{p.name}”没有合作方",
            f"park {p.name} has no partner",
        )
    for code in p.partners:
        if code not in names:
            yield err(
                (*base, "partners"),
                "park.unknown_region",
                f"园区“{p.name}”合作方代码“{code}”不在地区表中",
                f"park {p.name}: unknown partner region {code!r}",
            )
    if bad_number(p.area_km2) or p.area_km2 < 0:
        yield err(
            (*base, "area_km2"),
            "park.negative",
            f"园区“{p.name}”面积不能为负",
            f"park {p.name}: negative area",
        )


def _investment(p: ParkArrangement) -> Iterator[Problem]:
    for y, amt in p.investment.items():
        path = ("parks", p.id, "investment", y)
        if y not in PLAN_YEARS:
            yield err(
                path,
                "park.year",
                f"园区“{p.name}”投资年份 {y} 不在 2026–2030 内",
                f"park {p.name}: investment year {y} outside 2026–2030",
            )
        if bad_number(amt) or amt < 0:
            yield err(
                path,
                "park.negative",
                f"园区“{p.name}” {y} 年投资 {amt} 亿元不能为负",
                f"park {p.name}: investment in {y} must not be negative",
            )


def _equity_and_return(p: ParkArrangement) -> Iterator[Problem]:
    base = ("parks", p.id)
    if p.equity:
        yield from _sum_check(
            (*base, "equity"),
            p.equity,
            f"园区“{p.name}”合资公司股比",
            f"park {p.name} joint-company equity",
            "park.equity_sum",
        )
    if p.fixed_return is not None:
        fr = p.fixed_return
        if bad_number(fr.rate_pct) or fr.rate_pct < 0 or fr.years < 0:
            yield err(
                (*base, "fixed_return"),
                "park.fixed_return",
                f"园区“{p.name}”固定回报设置无效",
                f"park {p.name}: invalid fixed-return settings",
            )


def _sum_check(
    path: FieldPath, shares: dict[str, float], what_zh: str, what_en: str, code: str
) -> Iterator[Problem]:
    bad = [k for k, v in shares.items() if bad_number(v) or v < 0]
    for k in bad:
        yield err(
            (*path, k),
            code + "_negative",
            f"{what_zh}中 {k} 的比例 {shares[k]} 无效",
            f"{what_en}: share of {k} is invalid",
        )
    s = sum(v for v in shares.values() if not bad_number(v))
    if abs(s - 100) > TOLERANCE:
        yield err(
            path, code, f"{what_zh}合计 {s:g}%，应为 100%", f"{what_en} sums to {s:g}%, not 100%"
        )
