"""What each park model (飞地园区 / 共建园 / 基金+园区) means by default: who provides the land, who
brings the projects, whose money builds it, and how GDP and new tax are shared until the parties'
agreement says otherwise.

Kept apart from the projection arithmetic (no numpy) because the fund summary and validation need
the one fact that matters to the budget: a 基金+园区 park is built with the micro-core fund's
money, so its investment counts against the fund's size, tranches and caps like an allocation.

Defaults, and why:

* 飞地园区 (enclave): the host (飞入地) provides the land; the partner (飞出地) brings the projects
  and runs the park through a joint company; money from the parties, not the fund. GDP split
  between the two (the partner's projects, the host's land) — statistics follow the location
  principle unless the parties agree a split (桂统函〔2025〕29号 cites the national 在地 rule).
* 共建园 (co-built zone, e.g. 高竹新区): each location jurisdiction provides its own land, both
  sides bring projects; GDP by location (统计在地); new tax shared 50/50 — the 高竹/遂潼 drafts'
  「存量收益由原行政辖区各自分享、增量收益五五分成」 (《瞭望》 2022-01-18, a reported plan).
* 基金+园区 (fund + park): the host provides the land; the fund brings the projects (its investees
  settle in the park) and pays for the park, so the park investment is fund money. GDP by
  location; new tax by location share.

The split ratios are only a starting point: the park's agreement (``core.sharing``) always wins.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.core.enums import Coverage, GdpRule, ParkModel
from workbench.core.model import ParkArrangement
from workbench.core.sharing.model import Agreement


@dataclass(frozen=True)
class ParkModelDefaults:
    land_from: str  # "host" | "locations": who provides the land
    projects_from: str  # "partner" | "both" | "fund": who brings the projects
    fund_money: bool  # the park investment is drawn from the micro-core fund
    gdp_rule: GdpRule
    host_tax_share_pct: float | None  # default host share of new local tax; None = by location
    zh: str
    en: str


PARK_MODEL_DEFAULTS: dict[ParkModel, ParkModelDefaults] = {
    ParkModel.ENCLAVE: ParkModelDefaults(
        "host",
        "partner",
        False,
        GdpRule.SPLIT,
        None,
        "飞入地提供土地，飞出地引入项目并运营；资金来自合作各方，不占用微核基金。",
        "the host provides land, the partner brings projects and runs the park; parties' money, "
        "not the fund's.",
    ),
    ParkModel.CO_BUILT: ParkModelDefaults(
        "locations",
        "both",
        False,
        GdpRule.LOCATION,
        50.0,
        "各所在地提供本辖区土地，双方共同招商；新增税收默认五五分成；资金来自合作各方。",
        "each location provides its land, both sides bring projects; new tax 50/50 by default; "
        "parties' money.",
    ),
    ParkModel.FUND_PARK: ParkModelDefaults(
        "host",
        "fund",
        True,
        GdpRule.LOCATION,
        None,
        "所在地提供土地，基金引入被投项目入园；园区投资由微核基金出资，计入基金规模、分期与上限。",
        "the host provides land, the fund brings its investees into the park and pays for the "
        "park: its investment counts against the fund's size, tranches and caps.",
    ),
}


def model_defaults(model: ParkModel) -> ParkModelDefaults:
    return PARK_MODEL_DEFAULTS[model]


def draws_on_fund(park: ParkArrangement) -> bool:
    """Whether the park's investment is micro-core fund money (基金+园区)."""
    return PARK_MODEL_DEFAULTS[park.model].fund_money


def apply_model_defaults(
    deal: Agreement, park: ParkArrangement, years: tuple[int, ...]
) -> Agreement:
    """Fill what a new park's agreement leaves open: an enclave's GDP split (50/50 between host
    and first partner as a starting point), a co-built zone's 50/50 split of new tax in every plan
    year. Fields the planner has already set are kept."""
    d = PARK_MODEL_DEFAULTS[park.model]
    if deal.gdp_rule is GdpRule.LOCATION and d.gdp_rule is GdpRule.SPLIT and park.partners:
        deal.gdp_rule = GdpRule.SPLIT  # LOCATION is the field's default: treat it as unset
        if not deal.gdp_split:
            deal.gdp_split = {park.host: 50.0, park.partners[0]: 50.0}
    if d.host_tax_share_pct is not None and not deal.tax_split and park.partners:
        host = d.host_tax_share_pct
        deal.tax_split = {y: {park.host: host, park.partners[0]: 100.0 - host} for y in years}
    return deal


def default_agreement(park: ParkArrangement, aid: str, years: tuple[int, ...]) -> Agreement:
    """A new park's agreement: its parties, and its model's defaults."""
    deal = Agreement(aid, f"{park.name}利益分享", Coverage.PARK, park.parties, park_id=park.id)
    return apply_model_defaults(deal, park, years)
