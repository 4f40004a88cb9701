"""Rules on benefit-sharing agreements (core.sharing): shares that sum to 100 % every year, parties
the project knows, the central share left alone, 全额双核算 kept out of totals, and no unit
covered twice."""

from __future__ import annotations

from collections.abc import Iterator

from workbench.core.enums import Coverage, GdpRule, Severity
from workbench.core.model import PLAN_YEARS, Project
from workbench.core.sharing.model import TAX_LABELS, Agreement
from workbench.core.validation.parks import _sum_check
from workbench.core.validation.problems import Problem, bad_number, err, region_names, warn
from workbench.core.validation.registry import rule

CENTRAL_CODES = frozenset({"central", "中央", "000000", "100000"})
LAST_YEAR = 2035  # the plan's 远景 year: the furthest the projections reach


@rule("agreements", "parks", "candidates", "regions")
def _agreements(project: Project) -> Iterator[Problem]:
    names = region_names(project)
    parks = {p.id for p in project.parks}
    cands = {c.id: c for c in project.candidates}
    for a in project.agreements:
        yield from _parties(a, names)
        yield from _coverage(a, parks, cands)
        yield from _years(a)
        if a.gdp_rule is GdpRule.SPLIT:
            yield from _sum_check(
                ("agreements", a.id, "gdp_split"),
                a.gdp_split,
                f"利益分享协议“{a.name}”GDP 分算比例",
                f"agreement {a.name} GDP split",
                "sharing.gdp_split_sum",
            )
        if a.gdp_rule is GdpRule.FULL_BOTH:
            yield Problem(
                Severity.INFO,
                ("agreements", a.id, "gdp_rule"),
                "sharing.full_both",
                f"利益分享协议“{a.name}”采用全额双核算：仅用于各方考核，不计入经济圈合计",
                f"agreement {a.name} counts GDP in full for both: for assessment only, never in "
                "circle totals",
            )
        yield from _shares_name_parties(a)
        if bad_number(a.existing_tax_base) or a.existing_tax_base < 0:
            yield err(
                ("agreements", a.id, "existing_tax_base"),
                "sharing.negative",
                f"利益分享协议“{a.name}”存量税收基数不能为负",
                f"agreement {a.name}: the existing tax base must not be negative",
            )
        yield from _schedules(a)
    yield from _overlaps(project)


def _parties(a: Agreement, names: dict[str, str]) -> Iterator[Problem]:
    path = ("agreements", a.id, "parties")
    if not a.parties:
        yield warn(
            path,
            "sharing.no_party",
            f"利益分享协议“{a.name}”没有参与方",
            f"agreement {a.name} has no party",
        )
    for code in a.parties:
        if code in CENTRAL_CODES:
            yield err(
                path,
                "sharing.central",
                f"利益分享协议“{a.name}”把中央列为参与方：协议只能分配地方分享部分，"
                "中央分享部分（增值税 50%、企业所得税 60%）不随协议改变",
                f"agreement {a.name} names the central government as a party: an agreement divides "
                "only the local share; the central share (VAT 50 %, CIT 60 %) never moves",
            )
        elif code not in names:
            yield err(
                path,
                "sharing.unknown_party",
                f"利益分享协议“{a.name}”的参与方代码“{code}”不在项目地区中",
                f"agreement {a.name}: party {code!r} is not one of the project's regions",
            )


def _coverage(a: Agreement, parks: set[str], cands: dict) -> Iterator[Problem]:
    base = ("agreements", a.id)
    if a.coverage is Coverage.PARK:
        if a.park_id not in parks:
            yield err(
                (*base, "park_id"),
                "sharing.unknown_park",
                f"利益分享协议“{a.name}”所指园区“{a.park_id}”不存在",
                f"agreement {a.name}: park {a.park_id!r} does not exist",
            )
        return
    if not a.candidate_ids:
        yield warn(
            (*base, "candidate_ids"),
            "sharing.no_unit",
            f"利益分享协议“{a.name}”未指定覆盖的项目",
            f"agreement {a.name} covers no candidate",
        )
    for cid in a.candidate_ids:
        c = cands.get(cid)
        if c is None:
            yield err(
                (*base, "candidate_ids"),
                "sharing.unknown_candidate",
                f"利益分享协议“{a.name}”所指候选“{cid}”不存在",
                f"agreement {a.name}: candidate {cid!r} does not exist",
            )
        elif a.coverage is Coverage.RELOCATION and not c.origin_region:
            yield warn(
                (*base, "candidate_ids"),
                "sharing.no_origin",
                f"利益分享协议“{a.name}”覆盖的“{c.name}”未填写迁出地",
                f"agreement {a.name}: {c.name} has no origin region",
            )


def _years(a: Agreement) -> Iterator[Problem]:
    s, e = a.start_year, a.sunset_year
    if s is not None and e is not None and e < s:
        yield err(
            ("agreements", a.id, "sunset_year"),
            "sharing.years",
            f"利益分享协议“{a.name}”截止年 {e} 早于起始年 {s}",
            f"agreement {a.name}: sunset year {e} is before the start year {s}",
        )


def _all_schedules(a: Agreement) -> Iterator[tuple[tuple, str, dict[int, dict[str, float]]]]:
    yield ("agreements", a.id, "tax_split"), "", a.tax_split
    for tax, sched in a.tax_split_by_tax.items():
        yield ("agreements", a.id, "tax_split_by_tax", tax), TAX_LABELS.get(tax, (tax,))[0], sched


def _schedules(a: Agreement) -> Iterator[Problem]:
    for base, tax_zh, sched in _all_schedules(a):
        if base[-2] == "tax_split_by_tax" and base[-1] not in TAX_LABELS:
            yield err(
                base,
                "sharing.tax",
                f"利益分享协议“{a.name}”中的税种“{base[-1]}”无效（应为增值税、企业所得税或其他）",
                f"agreement {a.name}: unknown tax {base[-1]!r} (vat, cit or other)",
            )
        for y, shares in sched.items():
            if not PLAN_YEARS[0] <= y <= LAST_YEAR:
                yield err(
                    (*base, y),
                    "sharing.year",
                    f"利益分享协议“{a.name}”{tax_zh}分成年份 {y} 不在 2026–{LAST_YEAR} 内",
                    f"agreement {a.name}: split year {y} outside 2026–{LAST_YEAR}",
                )
            yield from _sum_check(
                (*base, y),
                shares,
                f"利益分享协议“{a.name}” {y} 年{tax_zh or '新增税收'}地方分享部分分成",
                f"agreement {a.name} {y} local-share split",
                "sharing.tax_split_sum",
            )


def _shares_name_parties(a: Agreement) -> Iterator[Problem]:
    parties = set(a.parties)
    named = [(("agreements", a.id, "gdp_split", c), c) for c in a.gdp_split]
    for base, _, sched in _all_schedules(a):
        named += [((*base, y, c), c) for y, shares in sched.items() for c in shares]
    for path, code in named:
        if code in parties:
            continue
        if code in CENTRAL_CODES:
            yield err(
                path,
                "sharing.central",
                f"利益分享协议“{a.name}”给中央分配了比例：中央分享部分不随协议改变",
                f"agreement {a.name} gives the central government a share: it never moves",
            )
        else:
            yield err(
                path,
                "sharing.split_party",
                f"利益分享协议“{a.name}”的分成比例包含非参与方“{code}”",
                f"agreement {a.name}: a share names {code!r}, who is not a party",
            )


def _span(a: Agreement) -> tuple[int, int]:
    return (a.start_year or PLAN_YEARS[0], a.sunset_year or LAST_YEAR)


def _overlaps(project: Project) -> Iterator[Problem]:
    """Two agreements on one park or candidate whose years overlap: which one books what?"""
    seen: dict[tuple[str, str], Agreement] = {}
    names = {c.id: c.name for c in project.candidates} | {p.id: p.name for p in project.parks}
    for a in project.agreements:
        units = [("park", a.park_id)] if a.coverage is Coverage.PARK else []
        units += [("candidate", cid) for cid in a.candidate_ids]
        for unit in units:
            other = seen.get(unit)
            if other is None:
                seen[unit] = a
                continue
            (s1, e1), (s2, e2) = _span(other), _span(a)
            if max(s1, s2) <= min(e1, e2):
                what = names.get(unit[1], unit[1])
                yield warn(
                    ("agreements", a.id, "park_id" if unit[0] == "park" else "candidate_ids"),
                    "sharing.overlap",
                    f"“{what}”同时被利益分享协议“{other.name}”和“{a.name}”覆盖（{max(s1, s2)}–"
                    f"{min(e1, e2)} 年重叠），按前者计算",
                    f"{what} is covered by both agreements {other.name} and {a.name} "
                    f"({max(s1, s2)}–{min(e1, e2)} overlap); the first applies",
                )


@rule("fund", "regions")
def _fund_key(project: Project) -> Iterator[Problem]:
    """An agreed distribution key decides every distribution of the fund's returns: it must be a
    full 100 % among known cities (an empty key means by contribution ratio)."""
    key = project.fund.distribution_key
    if not key:
        return
    path = ("fund", "distribution_key")
    names = region_names(project)
    for code in key:
        if code not in names:
            yield err(
                (*path, code),
                "fund.key_unknown",
                f"基金收益分配比例中的“{code}”不在项目地区中",
                f"fund distribution key: {code!r} is not one of the project's regions",
            )
    yield from _sum_check(path, key, "基金收益分配比例", "fund distribution key", "fund.key_sum")
