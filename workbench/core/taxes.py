"""Which tax rate and which level of government: the rules the projection engine applies per
candidate, sector and region, kept apart from the arithmetic so each rule has one home and a test.

- VAT rate by sector: ``tax.vat_rate.<sector>`` (13 / 9 / 6 %, statutory), else ``tax.vat_rate``.
- CIT: 15 % (``tax.cit_rate_western``) for a candidate that qualifies under 西部大开发 in a year up
  to ``tax.cit_western_until`` (2030 under 公告2020年第23号), else 25 % (``tax.cit_rate``).
  Qualification: the candidate's ``western_cit_rate`` flag when the planner has set it; otherwise
  the default from its sector — the manufacturing and technology sectors in ``WESTERN_SECTORS``
  (the 2020 西部地区鼓励类产业目录 lists such industries for 四川 and 重庆) are assumed to qualify,
  services, food, energy-chemicals and farming are not. The test that really decides (encouraged
  activities ≥ 60 % of income) is firm-level: the planner's flag overrides the default.
- The local share of VAT (50 %) and CIT (40 %) is split between the province (or 重庆 municipality)
  and the city/district by ``tax.province_share.<vat|cit>.<province code>`` — each province's own
  rule was not found, so these are assumptions with wide ranges.
"""

from __future__ import annotations

from workbench.core.assumptions import parameter_value
from workbench.core.model import Candidate, Project, Scenario

WESTERN_SECTORS: frozenset[str] = frozenset(
    {"电子信息", "装备制造", "汽车", "先进材料", "生物医药", "数字经济"}
)
WESTERN_PROVINCES: tuple[str, ...] = ("510000", "500000")


def _v(project: Project, key: str, scenario: Scenario | None) -> float:
    value = parameter_value(project, key, scenario)
    if value is None:
        raise KeyError(key)
    return value


def vat_rate_key(project: Project, sector: str) -> str:
    """The parameter holding a sector's VAT rate (its own, else the standard rate)."""
    key = f"tax.vat_rate.{sector}"
    return key if parameter_value(project, key) is not None else "tax.vat_rate"


def vat_rate(project: Project, sector: str, scenario: Scenario | None = None) -> float:
    """VAT rate in % for a sector."""
    return _v(project, vat_rate_key(project, sector), scenario)


def province_of(region_code: str) -> str:
    """Province-level code of a region (四川 510000, 重庆 500000, …)."""
    return region_code[:2] + "0000"


def western_cit_applies(candidate: Candidate) -> bool:
    """Whether a candidate is treated as a 西部大开发 encouraged-industry enterprise."""
    if candidate.western_cit_rate is not None:
        return bool(candidate.western_cit_rate)
    in_west = province_of(candidate.region_code) in WESTERN_PROVINCES
    return in_west and candidate.sector in WESTERN_SECTORS


def cit_rate(
    project: Project, candidate: Candidate, year: int, scenario: Scenario | None = None
) -> float:
    """CIT rate in % for a candidate in a year."""
    until = _v(project, "tax.cit_western_until", scenario)
    if year <= until and western_cit_applies(candidate):
        return _v(project, "tax.cit_rate_western", scenario)
    return _v(project, "tax.cit_rate", scenario)


def province_share_key(tax: str, region_code: str) -> str | None:
    """The parameter splitting a region's local ``tax`` ("vat"/"cit") share; None outside 川渝."""
    key = f"tax.province_share.{tax}.{province_of(region_code)}"
    return key if province_of(region_code) in WESTERN_PROVINCES else None


def local_split(
    project: Project, tax: str, region_code: str, scenario: Scenario | None = None
) -> tuple[float, float]:
    """(province-level, city/district) fractions of the local share of ``tax``; they sum to 1.

    Outside 四川 and 重庆 no rule is held: the whole local share stays with the city.
    """
    key = province_share_key(tax, region_code)
    if key is None:
        return 0.0, 1.0
    share = _v(project, key, scenario) / 100.0
    return share, 1.0 - share


def equity_base(candidate: Candidate) -> float | None:
    """亿元 the fund's stake is measured against for the investee-equity cap: the post-money
    valuation when known (what the fund's money buys into), else registered capital, else None
    (the cap cannot be checked: the caller should say so rather than pass it)."""
    for v in (candidate.post_money_valuation, candidate.registered_capital):
        if v is not None and v > 0:
            return float(v)
    return None
