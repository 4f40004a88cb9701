"""The 概况 tab: a region's profile (``core.regions.region_profile``) as a readable, copyable page.
Region names are links: clicking one opens that region (neighbours, the metro core, link ends).
"""

from __future__ import annotations

import math
from html import escape

from workbench.core.enums import Membership, Status, UnitType
from workbench.core.regions.profile import RegionProfile
from workbench.ui.i18n import label, pick
from workbench.ui.regions.models import indicator_name

LINK = "region:"


def _n(x: float | None, digits: int = 2) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    return f"{x:,.{digits}f}"


def _a(code: str, name: str) -> str:
    return f'<a href="{LINK}{escape(code)}">{escape(name)}</a>'


def _table(head: list[str], rows: list[list[str]]) -> str:
    h = "".join(f"<th align='left'>{escape(x)}</th>" for x in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table border='1' cellspacing='0' cellpadding='3'><tr>{h}</tr>{body}</table>"


def _statistics(p: RegionProfile) -> str:
    if not p.statistics:
        return f"<p>{pick('无导入统计数据。', 'No imported statistics.')}</p>"
    rows = sorted(p.statistics, key=lambda r: (r.stat.indicator, -r.stat.year))
    head = [pick(*x) for x in (("指标", "Indicator"), ("年份", "Year"), ("数值", "Value"),
            ("单位", "Unit"), ("口径/版本", "Vintage"), ("来源（文件·工作表·单元格）",
            "Provenance (file, sheet, cell)"), ("基线采用", "Used"))]  # fmt: skip
    out = []
    for r in rows:
        s = r.stat
        used = pick("是", "yes") if r.used else (pick("冲突", "conflict") if r.conflict else "")
        out.append([escape(indicator_name(s.indicator)), str(s.year), _n(s.value),
                    escape(s.unit), escape(s.vintage), escape(r.provenance), used])  # fmt: skip
    return _table(head, out)


def _membership(p: RegionProfile, names: dict[str, str]) -> str:
    cce = label(Membership(p.cce))
    metro = pick(p.metro_zh, p.metro_en) or pick("不在都市圈内", "in no metro area")
    parts = [
        f"{pick('经济圈：', 'Economic circle: ')}{escape(cce)}",
        f"{pick('都市圈：', 'Metro area: ')}{escape(metro)}",
    ]
    if not math.isnan(p.core_km):
        parts.append(
            f"{pick('距都市圈核心（驻地直线）：', 'To the metro core (seat, straight line): ')}{_n(p.core_km, 1)} km"
        )
    nb = [[_a(n.code, n.name), _n(n.shared_border_km, 1), _n(n.seat_km, 1)] for n in p.neighbours]
    head = [pick("相邻地区", "Neighbour"), pick("共同边界 km", "Shared border km"),
            pick("驻地距离 km", "Seat distance km")]  # fmt: skip
    unit = names.get(p.unit, p.unit)
    if p.units:
        note = (
            pick("预测按规划单元：", "Projected as planning units: ")
            + "、".join(_a(u, names.get(u, u)) for u in p.units[:12])
            + ("…" if len(p.units) > 12 else "")
        )
    else:
        note = pick(
            f"本地区属于规划单元 {_a(p.unit, unit)}，没有单独的预测；在设置中把四川规划层级改为县级即可。",
            f"This region lies inside the planning unit {_a(p.unit, unit)} and has no projection "
            "of its own; set Sichuan's planning level to county in Settings to get one.",
        )
    return "<br>".join(parts) + f"<p>{note}</p>" + (_table(head, nb) if nb else "")


def _candidates(p: RegionProfile) -> str:
    if not p.by_status_type:
        return f"<p>{pick('本地区没有候选。', 'No candidates in this region.')}</p>"
    types = [u for u in UnitType if any(k[1] == u.value for k in p.by_status_type)]
    rows = []
    for st in Status:
        counts = [p.by_status_type.get((st.value, u.value), 0) for u in types]
        if any(counts):
            rows.append([escape(label(st)), *(str(c) for c in counts), str(sum(counts))])
    head = [pick("状态", "Status"), *(label(u) for u in types), pick("合计", "All")]
    return _table(head, rows)


def _money_and_parks(p: RegionProfile) -> str:
    money = (
        f"{pick('出资：', 'Contributed: ')}{_n(p.contributed)} {pick('亿元；', '100m yuan; ')}"
        f"{pick('获得投资：', 'Received: ')}{_n(p.received)} {pick('亿元', '100m yuan')}"
    )
    if not p.parks:
        return f"<p>{money}</p>"
    roles = {"host": ("所在地（东道方）", "host"), "partner": ("合作方", "partner"),
             "location": ("所在地之一", "location")}  # fmt: skip
    head = [pick(*x) for x in (("园区", "Park"), ("角色", "Role"),
            ("本地产生GDP", "GDP on its land"), ("统计归属GDP", "GDP recorded"),
            ("GDP得(+)/让(−)", "GDP got (+) / given (−)"), ("分得地方税收", "Local revenue received"),
            ("税收得(+)/让(−)", "Revenue got (+) / given (−)"))]  # fmt: skip
    rows = [
        [escape(k.name), pick(*roles[k.role]), _n(k.gdp_on_land, 3), _n(k.gdp_recorded, 3),
         _n(k.gdp_balance, 3), _n(k.revenue_received, 3), _n(k.revenue_balance, 3)]
        for k in p.parks
    ]  # fmt: skip
    unit = pick("（2026–2030 合计，亿元）", " (2026–2030 total, 100m yuan)")
    return f"<p>{money}</p><p>{pick('园区', 'Parks')}{unit}</p>" + _table(head, rows)


def _range(bands: dict, which: str, year: int) -> str:
    """「lo – hi（P50 mid）」 of the uplift in ``year`` (faded while being recomputed)."""
    from workbench.core.uncertainty.units import GROUP

    got = bands.get(which)
    at = got[0].at(GROUP, year) if got else None
    if at is None:
        return "—"
    lo, mid, hi = (_n(v, 3) for v in at)
    text = pick(f"{lo} – {hi}（P50 {mid}）", f"{lo} – {hi} (P50 {mid})")
    return f'<span style="color:#999">{text}</span>' if got[1] else text


def _uplift(p: RegionProfile, bands: dict | None = None) -> str:
    u = p.uplift
    if u is None:
        return f"<p>{pick('无单独预测（见上）。', 'No projection of its own (see above).')}</p>"
    if bands:
        return _uplift_ranges(p, bands)
    head = [pick(*x) for x in (("年份", "Year"), ("净增GDP", "Net GDP uplift"),
            ("基线GDP", "Baseline GDP"), ("占比 %", "% of baseline"),
            ("净增地方收入", "Net local revenue"), ("基线一般公共预算收入", "Baseline budget revenue"),
            ("占比 %", "% of baseline"))]  # fmt: skip
    rows = [
        [str(y), _n(u.gdp[i], 3), _n(u.baseline_gdp[i]), _n(u.pct("gdp", i), 3),
         _n(u.revenue[i], 3), _n(u.baseline_revenue[i]), _n(u.pct("revenue", i), 3)]
        for i, y in enumerate(u.years)
    ]  # fmt: skip
    return _table(head, rows)


def _uplift_ranges(p: RegionProfile, bands: dict) -> str:
    """The uplift with its P10–P90 range beside each net figure."""
    u = p.uplift
    assert u is not None
    head = [pick(*x) for x in (("年份", "Year"), ("净增GDP", "Net GDP uplift"),
            ("区间 P10–P90", "Range P10–P90"), ("基线GDP", "Baseline GDP"), ("占比 %", "% of baseline"),
            ("净增地方收入", "Net local revenue"), ("区间 P10–P90", "Range P10–P90"),
            ("占比 %", "% of baseline"))]  # fmt: skip
    rows = [
        [str(y), _n(u.gdp[i], 3), _range(bands, "gdp", y), _n(u.baseline_gdp[i]),
         _n(u.pct("gdp", i), 3), _n(u.revenue[i], 3), _range(bands, "revenue", y),
         _n(u.pct("revenue", i), 3)]
        for i, y in enumerate(u.years)
    ]  # fmt: skip
    some = next(iter(bands.values()))[0]
    note = pick(
        f"<p>亿元。区间：{some.draws} 次抽样（随机种子 {some.seed}）的第 10–90 百分位，"
        "逐次抽样加总后取分位数；灰色表示正在按最新修改重新计算。</p>",
        f"<p>100M yuan. Ranges: 10th–90th percentile of {some.draws} draws (seed {some.seed}), "
        "each draw summed first; grey while being recomputed after an edit.</p>",
    )
    return _table(head, rows) + note


def _links(p: RegionProfile, names: dict[str, str], cand_region: dict[str, str]) -> str:
    def row(lk, direction: str) -> list[str]:
        a, b = cand_region.get(lk.source, ""), cand_region.get(lk.target, "")
        return [direction, escape(lk.id), f"{escape(lk.source)} ({_a(a, names.get(a, a))})",
                f"{escape(lk.target)} ({_a(b, names.get(b, b))})", escape(label(lk.kind)),
                _n(lk.strength)]  # fmt: skip

    rows = [row(lk, pick("流入", "in")) for lk in p.links_in]
    rows += [row(lk, pick("流出", "out")) for lk in p.links_out]
    rows += [row(lk, pick("区内", "inside")) for lk in p.links_inside]
    if not rows:
        return f"<p>{pick('没有链接。', 'No chain links.')}</p>"
    head = [pick(*x) for x in (("方向", "Direction"), ("链接", "Link"), ("来源", "Source"),
            ("目标", "Target"), ("类型", "Kind"), ("强度", "Strength"))]  # fmt: skip
    return _table(head, rows)


def profile_html(
    p: RegionProfile,
    names: dict[str, str],
    cand_region: dict[str, str],
    bands: dict | None = None,
) -> str:
    """``bands``: {"gdp"|"revenue": (UnitBands of the region's units, stale)} when ranges exist."""
    sections = [
        (
            pick("统计数据（按年份，含来源与口径）", "Statistics by year, with source and vintage"),
            _statistics(p),
        ),
        (pick("都市圈与相邻地区", "Metro area and neighbours"), _membership(p, names)),
        (pick("候选（按状态与类型）", "Candidates by status and type"), _candidates(p)),
        (pick("资金与园区", "Money and parks"), _money_and_parks(p)),
        (pick("预测增量与基线", "Projected uplift and baseline"), _uplift(p, bands)),
        (pick("产业链链接", "Chain links"), _links(p, names, cand_region)),
    ]
    title = f"<h2>{escape(p.name)} <small>{escape(p.code)}</small></h2>"
    return title + "".join(f"<h3>{escape(h)}</h3>{body}" for h, body in sections)
