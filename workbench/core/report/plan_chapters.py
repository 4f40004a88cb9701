"""Chapters 一 to 四 of the draft: the approach, the fund, the micro-core units and the parks.

Each builder reads the project (and, for the fund's deployment, the engine's own table) and
returns a ``Section``; every number goes through the one formatter (``fmt.Fmt``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING

from workbench.core.allocation_sums import allocation_sums
from workbench.core.enums import Coverage, GdpRule, Instrument, Status, UnitType
from workbench.core.fund_summary import contributions
from workbench.core.model import PLAN_YEARS, ParkArrangement, Project, Scenario
from workbench.core.projections import vocabulary as voc
from workbench.core.report.fmt import Fmt
from workbench.core.report.model import Paragraph, Section, Table
from workbench.core.sharing.model import Agreement
from workbench.core.sharing.rules import effective_agreements, park_agreement

if TYPE_CHECKING:
    from workbench.core.projections import ProjectionEngine

MONEY = voc.MONEY
PCT = voc.PERCENT


def region_names(project: Project) -> dict[str, str]:
    return {r.code: r.name for r in project.regions}


def approach(project: Project, sc: Scenario, f: Fmt, headline: str) -> Section:
    """一、总体思路: the planner's own text (``Scenario.approach``), then the scenario's key
    figures in one generated paragraph. An empty approach is said plainly, as a draft should."""
    s = Section("approach", f.pick("一、总体思路", "1. Overall approach"))
    text = (sc.approach or "").strip()
    if text:
        s.add(*(Paragraph(p.strip()) for p in text.split("\n") if p.strip()))
    else:
        s.add(
            Paragraph(
                f.pick(
                    "（本方案尚未填写总体思路：请在“编辑 › 方案 › 编辑总体思路…”中填写。）",
                    "(No overall approach written for this scenario yet: fill it in under "
                    "Edit › Scenario › Edit overall approach….)",
                ),
                "note",
            )
        )
    if sc.description.strip():
        s.add(Paragraph(f.pick("方案说明：", "Scenario note: ") + sc.description.strip()))
    s.add(Paragraph(headline))
    return s


def _rules_lines(project: Project, f: Fmt) -> list[str]:
    r = project.fund.rules
    names = region_names(project)
    lines = []

    def limit(value: float | None, zh: str, en: str) -> None:
        if value is not None:
            lines.append(f.pick(zh, en).format(v=f.value(value, PCT)))

    limit(
        r.max_project_share,
        "单个微核单元投资不超过基金规模的 {v}",
        "No unit receives more than {v} of the fund",
    )
    limit(
        r.max_investee_equity,
        "基金持有被投企业股权不超过 {v}",
        "The fund holds at most {v} of an investee's equity",
    )
    for t, v in r.type_limits.items():
        try:
            name = UnitType(t).label(f.lang)
        except ValueError:
            name = t
        lines.append(
            f.pick(
                f"{name}类单元合计不超过基金规模的 {f.value(v, PCT)}",
                f"{name[:1].upper()}{name[1:]} units together: at most {f.value(v, PCT)} of the fund",
            )
        )
    for code, v in r.city_limits.items():
        lines.append(
            f.pick(
                f"投向{names.get(code, code)}不超过基金规模的 {f.value(v, PCT)}",
                f"{names.get(code, code)}: at most {f.value(v, PCT)} of the fund",
            )
        )
    limit(
        r.default_city_limit,
        "其他单个城市（区县）合计不超过基金规模的 {v}",
        "Any other city or district: at most {v} of the fund",
    )
    limit(
        r.min_return_share,
        "各出资方出资额的 {v} 以上返投本地",
        "At least {v} of each contribution is invested back in the contributor",
    )
    limit(
        r.tranche_gate,
        "当期额度投资达到 {v} 后开放下一期",
        "A tranche opens once {v} of the previous one is invested",
    )
    return lines


def fund(project: Project, sc: Scenario, engine: ProjectionEngine, f: Fmt) -> Section:
    """二、微核股权基金方案: size, contributions by city, committee rules, tranches, fee."""
    fd = project.fund
    s = Section("fund", f.pick("二、微核股权基金方案", "2. The micro-core equity fund"))
    summary = contributions(project)
    fee = fd.size * fd.management_fee_pct / 100
    s.add(
        Paragraph(
            f.pick(
                f"设立“{fd.name}”，规模 {f.value(fd.size)}，由 {len(summary.rows)} 个出资方共同出资，"
                f"出资合计 {f.value(summary.total)}。管理费按认缴规模每年 {f.value(fd.management_fee_pct, PCT)}"
                f"（每年约 {f.value(fee)}）；预计每 1 元基金带动社会资本 {f.number(fd.leverage, '')} 元。",
                f"The {fd.name} has a size of {f.value(fd.size)}, contributed by {len(summary.rows)} "
                f"parties ({f.value(summary.total)} in all). The management fee is "
                f"{f.value(fd.management_fee_pct, PCT)} of committed capital a year (about "
                f"{f.value(fee)}); each yuan of the fund is expected to bring "
                f"{f.number(fd.leverage, '')} yuan of private capital.",
            )
        )
    )
    rows = [[r.region_name, f.number(r.amount), f.number(r.ratio, PCT)] for r in summary.rows]
    s.add(
        Table(
            f.pick("各出资方出资额", "Contributions by party"),
            [
                f.pick("出资方", "Party"),
                f.header(f.pick("出资额", "Amount"), MONEY),
                f.header(f.pick("占比", "Share"), PCT),
            ],
            rows,
            "",  # mixed units: each header says its own
            total=[
                f.total,
                f.number(summary.total),
                f.number(100.0 if summary.total else 0.0, PCT),
            ],
        )
    )
    s.add(Paragraph(f.pick("投资决策委员会规则：", "Investment committee rules:")))
    s.add(*(Paragraph(line, "bullet") for line in _rules_lines(project, f)))
    dep = engine.deployment(sc.name)
    s.add(
        Table(
            f.pick("分期投放与年度安排", "Tranches and yearly deployment"),
            [
                f.pick("年份", "Year"),
                f.header(f.pick("计划开放", "Scheduled"), MONEY),
                f.header(f.pick("实际开放", "Opened"), MONEY),
                f.header(f.pick("累计可用", "Available"), MONEY),
                f.header(f.pick("当年安排", "Allocated"), MONEY),
                f.header(f.pick("管理费", "Fee"), MONEY),
            ],
            [
                [
                    str(int(r.year)),
                    f.number(r.tranche_scheduled),
                    f.number(r.tranche_opened),
                    f.number(r.available),
                    f.number(r.allocated),
                    f.number(r.management_fee),
                ]
                for r in dep.itertuples()
            ],
            MONEY,
            total=[
                f.total,
                f.number(float(dep.tranche_scheduled.sum())),
                f.number(float(dep.tranche_opened.sum())),
                "",
                f.number(float(dep.allocated.sum())),
                f.number(float(dep.management_fee.sum())),
            ],
            note=f.pick(
                "当年安排含“基金+园区”共建园区的投资。", "Allocated includes fund-park investment."
            ),
        )
    )
    return s


def funded_units(project: Project, sc: Scenario) -> dict[str, dict[tuple[int, str], float]]:
    """Candidate id -> {(year, instrument): 亿元} of the scenario, cells summed one way."""
    out: dict[str, dict[tuple[int, str], float]] = defaultdict(dict)
    sums = allocation_sums(sc)
    for (cid, year, inst), amount in zip(sums.keys, sums.values, strict=True):
        if amount:
            cell = out[cid]
            cell[(year, str(inst))] = cell.get((year, str(inst)), 0.0) + amount
    return dict(out)


def units(project: Project, sc: Scenario, f: Fmt) -> Section:
    """三、微核单元清单: funded units by city and type, amounts by year and instrument, the list."""
    s = Section("units", f.pick("三、微核单元清单", "3. Micro-core units"))
    funded = funded_units(project, sc)
    names = region_names(project)
    pu = project.planning_units()
    cands = [c for c in project.candidates if c.id in funded]
    approved = sum(c.status is Status.APPROVED for c in cands)
    total = sum(sum(v.values()) for v in funded.values())
    s.add(
        Paragraph(
            f.pick(
                f"本方案安排资金的微核单元共 {len(cands)} 个，其中已批准 {approved} 个、入围待批 "
                f"{len(cands) - approved} 个，2026–2030 年合计安排 {f.value(total)}。",
                f"{len(cands)} micro-core units receive money in this scenario ({approved} approved, "
                f"{len(cands) - approved} shortlisted awaiting approval), {f.value(total)} over 2026–2030.",
            )
        )
    )
    types = list(UnitType)
    by_city: dict[str, list[float]] = {}
    for c in cands:
        city = names.get(pu.get(c.region_code, c.region_code), c.region_code)
        row = by_city.setdefault(city, [0.0] * (2 * len(types)))
        k = types.index(c.unit_type)
        row[2 * k] += 1
        row[2 * k + 1] += sum(funded[c.id].values())
    cols = [f.pick("城市（区县）", "City / district")]
    for t in types:
        cols += [f.pick(f"{t.zh}（个）", f"{t.en} (no.)"), f.header(t.label(f.lang), MONEY)]
    fmt_row = lambda v: [f.number(x, "", 0) if i % 2 == 0 else f.number(x) for i, x in enumerate(v)]  # noqa: E731
    totals = [sum(r[i] for r in by_city.values()) for i in range(2 * len(types))]
    s.add(
        Table(
            f.pick("按城市和单元类型汇总", "By city and unit type"),
            cols,
            [
                [city, *fmt_row(v)]
                for city, v in sorted(by_city.items(), key=lambda kv: -sum(kv[1][1::2]))
            ],
            "",  # counts and money: each header says its own
            total=[f.total, *fmt_row(totals)],
        )
    )
    insts = list(Instrument)
    grid = {y: [0.0] * len(insts) for y in PLAN_YEARS}
    for cells in funded.values():
        for (y, inst), a in cells.items():
            if y in grid:
                grid[y][[i.value for i in insts].index(inst)] += a
    s.add(
        Table(
            f.pick("按年度和投资方式汇总", "By year and instrument"),
            [
                f.pick("年份", "Year"),
                *(f.header(i.label(f.lang), MONEY) for i in insts),
                f.header(f.total, MONEY),
            ],
            [
                [str(y), *(f.number(v) for v in vals), f.number(sum(vals))]
                for y, vals in grid.items()
            ],
            MONEY,
            total=[
                f.total,
                *(f.number(sum(grid[y][i] for y in grid)) for i in range(len(insts))),
                f.number(sum(sum(v) for v in grid.values())),
            ],
        )
    )
    return s


def unit_list(project: Project, sc: Scenario, f: Fmt) -> Table:
    """Every funded unit with its amount by year (附表)."""
    funded = funded_units(project, sc)
    names = region_names(project)
    rows, totals = [], [0.0] * len(PLAN_YEARS)
    for c in project.candidates:
        if c.id not in funded:
            continue
        by_year = [sum(a for (y, _i), a in funded[c.id].items() if y == yr) for yr in PLAN_YEARS]
        totals = [a + b for a, b in zip(totals, by_year, strict=True)]
        rows.append(
            [
                c.id,
                c.name,
                names.get(c.region_code, c.region_code),
                c.unit_type.label(f.lang),
                c.status.label(f.lang),
                *(f.number(v) for v in by_year),
                f.number(sum(by_year)),
            ]
        )
    return Table(
        f.pick("微核单元及分年安排", "Funded units by year"),
        [
            f.pick("编号", "ID"),
            f.pick("名称", "Name"),
            f.pick("所在地", "Location"),
            f.pick("类型", "Type"),
            f.pick("状态", "Status"),
            *(str(y) for y in PLAN_YEARS),
            f.total,
        ],
        rows,
        MONEY,
        total=[
            f.total,
            "",
            "",
            "",
            "",
            *(f.number(v) for v in totals),
            f.number(sum(totals)),
        ],
    )


def _park_schedule(
    park: ParkArrangement, deal: Agreement | None, f: Fmt, names: dict[str, str]
) -> Table:
    """A park's investment and each party's tax share (its agreement's 增量 schedule), by year."""
    n = lambda code: names.get(code, code)  # noqa: E731
    parties = park.parties
    tax_split = deal.tax_split if deal is not None else {}
    years = sorted(set(park.investment) | set(tax_split))
    rows = []
    for y in years:
        split_y = tax_split.get(y, {})
        rows.append(
            [
                str(y),
                f.number(park.investment.get(y, 0.0)),
                *(f.number(split_y.get(p), PCT) if p in split_y else "—" for p in parties),
            ]
        )
    return Table(
        f.pick(
            f"{park.name}：分年投资与税收分成",
            f"{park.name}: investment and tax shares by year",
        ),
        [
            f.pick("年份", "Year"),
            f.header(f.pick("投资", "Investment"), MONEY),
            *(f.header(f.pick(f"{n(p)}税收分成", f"{n(p)} tax share"), PCT) for p in parties),
        ],
        rows,
        "",  # money and shares: each header says its own
        total=[
            f.total,
            f.number(sum(park.investment.values())),
            *([""] * len(parties)),
        ],
    )


def _park_section(park: ParkArrangement, project: Project, f: Fmt) -> Section:
    names = region_names(project)
    n = lambda code: names.get(code, code)  # noqa: E731
    s = Section(f"park:{park.id}", f"{park.id} {park.name}")
    partners = f.join([n(p) for p in park.partners if p != park.host])
    s.add(
        Paragraph(
            f.pick(
                f"模式：{park.model.zh}。飞入地（土地所在地）{n(park.host)}，合作方 {partners or '—'}；"
                f"面积 {f.number(park.area_km2)} 平方公里，主导产业 {park.sector or '—'}。",
                f"Model: {park.model.en}. Host (where the land is): {n(park.host)}; partners: "
                f"{partners or '—'}; area {f.number(park.area_km2)} km², sector {park.sector or '—'}.",
            )
        )
    )
    deal = park_agreement(project, park.id)
    s.add(Paragraph(_rule_sentence(deal, f, n)))
    if deal is not None and deal.existing_tax_base:
        s.add(
            Paragraph(
                f.pick(
                    f"园区既有税基每年 {f.value(deal.existing_tax_base)} 仍归飞入地。",
                    f"The site's existing tax base ({f.value(deal.existing_tax_base)} a year) stays with the host.",
                )
            )
        )
    if park.equity:
        eq = f.join([f"{n(k)} {f.value(v, PCT)}" for k, v in park.equity.items()])
        fr = park.fixed_return
        extra = (
            f.pick(
                f"；前 {fr.years} 年按实缴资本 {f.value(fr.rate_pct, PCT)} 固定回报，此后按股比分红",
                f"; a fixed {f.value(fr.rate_pct, PCT)} a year on paid-in capital for the first {fr.years} years, dividends by equity afterwards",
            )
            if fr is not None
            else ""
        )
        s.add(
            Paragraph(f.pick(f"合资公司股比：{eq}{extra}。", f"Joint company equity: {eq}{extra}."))
        )
    s.add(_park_schedule(park, deal, f, names))
    if park.notes.strip():
        s.add(Paragraph(park.notes.strip(), "note"))
    return s


def parks(project: Project, sc: Scenario, f: Fmt) -> Section:
    """四、园区共建与利益分享: each arrangement of the scenario."""
    s = Section("parks", f.pick("四、园区共建与利益分享", "4. Co-built parks and benefit sharing"))
    chosen = [p for p in project.parks if p.id in sc.park_ids]
    if not chosen:
        s.add(Paragraph(f.pick("本方案不含共建园区。", "This scenario includes no co-built park.")))
    else:
        s.add(
            Paragraph(
                f.pick(
                    f"本方案包含 {len(chosen)} 个共建园区：{f.join([p.name for p in chosen])}。",
                    f"This scenario includes {len(chosen)} co-built park(s): {f.join([p.name for p in chosen])}.",
                )
            )
        )
    s.subsections = [_park_section(p, project, f) for p in chosen]
    others = [a for a in effective_agreements(project, sc) if a.coverage is not Coverage.PARK]
    if others:
        s.subsections.append(_other_agreements(others, project, f))
    return s


def _rule_sentence(deal: Agreement | None, f: Fmt, n: Callable[[str], str]) -> str:
    """The GDP statistics rule in one sentence (属地 where no agreement says otherwise)."""
    rule = (deal.gdp_rule if deal is not None else GdpRule.LOCATION).label(f.lang)
    split = f.join(
        [f"{n(k)} {f.value(v, PCT)}" for k, v in (deal.gdp_split if deal else {}).items()]
    )
    detail = (
        f.pick(f"（{split}）", f" ({split})") if split and deal.gdp_rule is GdpRule.SPLIT else ""
    )  # type: ignore[union-attr]
    return f.pick(f"GDP 统计规则：{rule}", f"GDP rule: {rule}") + detail + f.pick("。", ".")


def _other_agreements(deals: list[Agreement], project: Project, f: Fmt) -> Section:
    """Agreements beyond parks: relocated projects (异地流转), innovation transfers, fund units."""
    names = region_names(project)
    n = lambda code: names.get(code, code)  # noqa: E731
    s = Section(
        "agreements",
        f.pick("园区以外的利益分享协议", "Benefit-sharing agreements beyond parks"),
    )
    for a in deals:
        years = (
            f.pick(
                f"{a.start_year or '—'}–{a.sunset_year} 年有效",
                f"in force {a.start_year or '—'}–{a.sunset_year}",
            )
            if a.sunset_year is not None
            else f.pick("长期有效", "open-ended")
        )
        first = next(iter(sorted(a.tax_split.items())), None)
        tax = f.join([f"{n(k)} {f.value(v, PCT)}" for k, v in first[1].items()]) if first else "—"
        said = f.lang == "zh" and "假设" in a.name  # the default's name already says it
        assumed = (
            f.pick("（默认值，假设）", " (default, assumption)") if a.assumed and not said else ""
        )
        s.add(
            Paragraph(
                f.pick(
                    f"{a.name}{assumed}：{a.coverage.label(f.lang)}；参与方 "
                    f"{f.join([n(p) for p in a.parties])}；",
                    f"{a.name}{assumed}: {a.coverage.label(f.lang)}; parties "
                    f"{f.join([n(p) for p in a.parties])}; ",
                )
                + _rule_sentence(a, f, n).rstrip("。.")
                + f.pick(
                    f"；地方税收增量分成（首年）{tax}；{years}；结算方式：{a.settlement.label(f.lang)}。",
                    f"; local tax increment shares (first year) {tax}; {years}; settlement: "
                    f"{a.settlement.label(f.lang)}.",
                )
            )
        )
    return s
