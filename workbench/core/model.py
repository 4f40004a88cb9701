"""The project model: plain, mutable dataclasses with no behaviour beyond lookups.

Dataclasses rather than pydantic: a planner's half-finished draft is routinely invalid (ratios that do
not sum yet, a candidate without a region), and the workbench must hold and save such a draft, then
*list* what is wrong (see ``validation``). Pydantic would raise on construction; dataclasses hold
anything and leave judgement to one function that returns problems as data. They are also cheap to
copy and compare, which the round-trip tests and undo rely on.

Units are fixed by field name: money in 亿元 (100 million yuan), people in 人 (persons) unless the
field says otherwise, shares in percent (0–100), areas in km².
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.core.enums import (
    ChainKind,
    Distribution,
    Instrument,
    Level,
    Membership,
    MetroRole,
    ParkModel,
    Status,
    UnitType,
)
from workbench.core.sharing.model import Agreement

PLAN_YEARS: tuple[int, ...] = (2026, 2027, 2028, 2029, 2030)
"""The 十五五 plan period. Allocations and park schedules must fall in it."""

MONEY_UNIT = "亿元"
PEOPLE_UNIT = "人"


@dataclass
class StatValue:
    """One published figure with where it came from (a region's statistics are a list of these)."""

    indicator: str
    year: int
    value: float
    unit: str
    source: str = ""
    vintage: str = ""  # e.g. "初步核算 2019-01", "revised after 4th economic census"
    # Where an imported figure was read (empty for figures that came with the project) and when.
    file: str = ""
    sheet: str = ""
    cell: str = ""
    imported: str = ""  # ISO date of the import
    preferred: bool = False  # the planner chose this figure where vintages disagree


@dataclass
class Region:
    code: str  # 6-digit statistical division code
    name: str
    level: Level
    parent: str = ""  # parent code; "" for provinces
    short_name: str = ""
    aliases: list[str] = field(default_factory=list)
    cce: Membership = Membership.NO  # 成渝地区双城经济圈 (2021 outline)
    chengdu_metro: MetroRole = MetroRole.NO
    chongqing_metro: bool = False
    cq_grouping: str = ""  # 主城都市区-中心城区 / 渝东北… (Chongqing only)
    lon: float | None = None  # seat, GCJ-02
    lat: float | None = None
    area_km2: float | None = None
    statistics: list[StatValue] = field(default_factory=list)


@dataclass
class Adjacency:
    """Two regions that share a border; the default network for spillover (derived, editable)."""

    code_a: str
    code_b: str
    shared_border_km: float


@dataclass
class Criterion:
    """A scoring criterion for candidates; scores are 0–100, the weight is relative."""

    key: str
    label_zh: str
    label_en: str
    weight: float = 1.0


@dataclass
class Decision:
    """One entry of the investment committee's record (全过程留痕)."""

    date: str  # ISO date, yyyy-mm-dd
    status: Status
    reason: str = ""
    by: str = ""
    previous: Status | None = None  # the status this decision replaced (None in older files)


@dataclass
class Candidate:
    id: str
    name: str
    unit_type: UnitType
    region_code: str
    sector: str
    baseline_output: float = 0.0  # 亿元 per year
    baseline_jobs: float = 0.0  # 人
    baseline_tax: float = 0.0  # 亿元 per year
    requested_funding: float = 0.0  # 亿元, whole period
    criteria: dict[str, float] = field(default_factory=dict)  # criterion key -> 0..100
    status: Status = Status.CANDIDATE
    notes: str = ""
    decisions: list[Decision] = field(default_factory=list)
    illustrative: bool = False  # 示例: invented for the sample, not real
    # 西部大开发 15% CIT: None = default from the sector (core.taxes.western_cit_applies), else the
    # planner's finding after checking the ≥60% encouraged-income test.
    western_cit_rate: bool | None = None
    registered_capital: float | None = None  # 亿元 注册资本; equity-cap base if no valuation
    post_money_valuation: float | None = None  # 亿元 投后估值; preferred equity-cap base
    origin_region: str = ""  # region code a relocated project comes from; "" = not relocated


@dataclass
class ChainLink:
    id: str
    source: str  # candidate id
    target: str  # candidate id
    kind: ChainKind
    strength: float  # 0..1, share of the source's effect that flows along the link


@dataclass
class Contribution:
    region_code: str
    amount: float  # 亿元


@dataclass
class Tranche:
    year: int
    amount: float  # 亿元 made available in that year


@dataclass
class CommitteeRules:
    """Investment committee rules. Shares are percent; ``None`` means no limit."""

    max_project_share: float | None = 10.0  # % of fund per candidate
    max_investee_equity: float | None = 30.0  # % of an investee's equity the fund may hold
    type_limits: dict[str, float] = field(default_factory=dict)  # UnitType value -> % of fund
    city_limits: dict[str, float] = field(default_factory=dict)  # region code -> % of fund
    default_city_limit: float | None = None  # % of fund for cities without their own limit
    min_return_share: float | None = None  # % of each city's contribution invested back in it
    tranche_gate: float | None = 60.0  # % of a tranche invested before the next opens
    tranches: list[Tranche] = field(default_factory=list)


@dataclass
class Fund:
    name: str = "成渝微核股权基金"
    size: float = 0.0  # 亿元
    contributions: list[Contribution] = field(default_factory=list)
    rules: CommitteeRules = field(default_factory=CommitteeRules)
    management_fee_pct: float = 2.0  # % of committed capital per year
    leverage: float = 1.0  # social capital mobilised per 1 yuan of fund money
    # Key for distributing the fund's returns, region -> %; empty = by contribution ratio.
    distribution_key: dict[str, float] = field(default_factory=dict)

    def contribution_of(self, region_code: str) -> float:
        return sum(c.amount for c in self.contributions if c.region_code == region_code)

    def ratio_of(self, region_code: str) -> float:
        """Contribution ratio in percent, derived (never stored) so it cannot disagree."""
        total = sum(c.amount for c in self.contributions)
        return 100.0 * self.contribution_of(region_code) / total if total else 0.0


@dataclass
class Allocation:
    candidate_id: str
    year: int
    amount: float  # 亿元
    instrument: Instrument = Instrument.EQUITY

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.candidate_id, self.year, self.instrument.value)


@dataclass
class FixedReturn:
    """A fixed yearly return for the first N years, dividends by equity share afterwards."""

    rate_pct: float  # % of the partner's invested capital per year
    years: int


@dataclass
class ParkLocation:
    """One jurisdiction a park's land lies in, with its share of the park (高竹: 渝北 and 邻水)."""

    code: str  # region code
    share_pct: float  # % of the park located there; a park's shares sum to 100


@dataclass
class ParkArrangement:
    id: str
    name: str
    model: ParkModel
    host: str  # region code where the land is
    partners: list[str]  # partner region codes
    area_km2: float = 0.0
    sector: str = ""
    investment: dict[int, float] = field(default_factory=dict)  # year -> 亿元
    # GDP and tax rules live in the park's agreement (``Project.agreements``, core.sharing) since
    # format v2.
    equity: dict[str, float] = field(default_factory=dict)  # joint company: region -> %
    fixed_return: FixedReturn | None = None
    notes: str = ""
    illustrative: bool = False
    # Several location jurisdictions; empty = all of it at ``host`` (files before this field).
    locations: list[ParkLocation] = field(default_factory=list)

    @property
    def parties(self) -> list[str]:
        return [self.host, *[p for p in self.partners if p != self.host]]

    def location_shares(self) -> list[ParkLocation]:
        """Where the park lies: the stored locations, or the host alone at 100%."""
        return list(self.locations) or [ParkLocation(self.host, 100.0)]


@dataclass
class Scenario:
    name: str
    description: str = ""
    allocations: list[Allocation] = field(default_factory=list)
    park_ids: list[str] = field(default_factory=list)
    assumption_overrides: dict[str, float] = field(default_factory=dict)
    # 总体思路: the planner's own text for chapter 一 of the plan draft (paragraphs, one a line);
    # "" in files saved before the report existed.
    approach: str = ""


@dataclass
class Assumption:
    """A model parameter. ``source`` is the citation; empty means it is the team's assumption.

    ``low``/``high`` bound what the value could plausibly be (uncertainty analysis draws from
    ``distribution`` between them, mode = ``value``). ``None`` (files saved before ranges existed)
    means "the shipped default's range" for a shipped key, else the value alone: see
    ``core.param_table.effective_range``.
    """

    key: str
    value: float
    unit: str
    label_zh: str
    label_en: str = ""
    source: str = ""
    group: str = ""
    low: float | None = None
    high: float | None = None
    distribution: Distribution = Distribution.TRIANGULAR

    @property
    def is_assumption(self) -> bool:
        return not self.source.strip()


@dataclass
class MrioTable:
    """A loaded multi-regional input–output table, used instead of the default region network.

    ``coefficients[i][j]`` is the input bought from region ``regions[i]`` per 1 of output in
    region ``regions[j]`` (a technical coefficient, dimensionless); regions are planning units.
    """

    name: str
    regions: list[str]
    coefficients: list[list[float]]
    source: str = ""
    year: int | None = None


@dataclass
class Project:
    name: str = "未命名项目"
    description: str = ""
    regions: list[Region] = field(default_factory=list)
    adjacency: list[Adjacency] = field(default_factory=list)
    criteria: list[Criterion] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    links: list[ChainLink] = field(default_factory=list)
    fund: Fund = field(default_factory=Fund)
    parks: list[ParkArrangement] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)  # 利益分享 (core.sharing)
    scenarios: list[Scenario] = field(default_factory=list)
    assumptions: dict[str, Assumption] = field(default_factory=dict)
    illustrative_note: str = ""  # what in this project is 示例 (illustrative)
    mrio: MrioTable | None = None  # replaces the adjacency network for spillover when set
    # Province code -> the level its planning units are at (core.regions.levels); empty = Sichuan
    # by prefecture, Chongqing by district/county (files before this field).
    planning_levels: dict[str, Level] = field(default_factory=dict)

    # Lookups. Linear scans are fine at the sizes involved except candidates; callers on hot
    # paths build their own index (see core.index).
    def region(self, code: str) -> Region | None:
        return next((r for r in self.regions if r.code == code), None)

    def candidate(self, cid: str) -> Candidate | None:
        return next((c for c in self.candidates if c.id == cid), None)

    def scenario(self, name: str) -> Scenario | None:
        return next((s for s in self.scenarios if s.name == name), None)

    def park(self, pid: str) -> ParkArrangement | None:
        return next((p for p in self.parks if p.id == pid), None)

    def agreement(self, aid: str) -> Agreement | None:
        return next((a for a in self.agreements if a.id == aid), None)

    def assumption_value(self, key: str, scenario: Scenario | None = None) -> float:
        if scenario is not None and key in scenario.assumption_overrides:
            return scenario.assumption_overrides[key]
        return self.assumptions[key].value

    def planning_unit(self, code: str) -> str:
        """The city-level unit a region belongs to: a Sichuan prefecture, or a Chongqing district.

        Fund contributions, fairness and projections are reported per planning unit, because
        Chongqing's districts and counties act as cities in the economic circle.
        """
        return self.planning_units().get(code, code)

    def planning_units(self) -> dict[str, str]:
        """Region code -> planning-unit code for every region (build once, then look up).

        A county is its own unit in Chongqing, and in a province whose ``planning_levels`` is
        county; else it folds into its prefecture. A prefecture stays a unit at county level: it
        carries what is booked to the city as a whole (its contribution, a park partner)."""
        own = {p for p, lv in self.planning_levels.items() if lv == Level.COUNTY}
        return {
            r.code: (
                r.parent
                if r.level is Level.COUNTY
                and not r.code.startswith("50")
                and f"{r.code[:2]}0000" not in own
                else r.code
            )
            for r in self.regions
        }

    def planning_unit_codes(self) -> list[str]:
        """The planning units in project order; provinces are not units. The one list the
        engine's rows, the baseline paths and per-unit parameters all follow."""
        units = self.planning_units()
        by_code = {r.code: r for r in self.regions}
        out: dict[str, None] = {}
        for r in self.regions:
            u = units[r.code]
            region = by_code.get(u)
            if region is not None and region.level is not Level.PROVINCE:
                out.setdefault(u)
        return list(out)
