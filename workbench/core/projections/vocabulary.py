"""The projection vocabulary: every metric, basis and component, declared once.

The engine's table, the 预测 panel, the Excel 预测 sheet, the CSV and docs/model.md all name these
keys; their labels, units, colours and the summability rule live here and nowhere else, so that a
component reads the same on screen and in the workbook and keeps its colour on every chart.

Adding a component: one ``Component(...)`` entry in ``COMPONENTS`` (before ``total``) plus its
computation in ``engine._build_table`` (one more array per block). Adding a metric: one ``Metric``
entry, the bases that report it (``Basis.metrics``) and its arrays in the engine.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MONEY = "亿元"
PEOPLE = "人"
PERCENT = "%"
UNIT_EN = {MONEY: "100M yuan", PEOPLE: "persons", PERCENT: "%"}


@dataclass(frozen=True)
class Term:
    key: str
    zh: str
    en: str

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Metric(Term):
    """A quantity; ``uplift_zh/en`` names its increase, as chart titles and the metric menu do."""

    uplift_zh: str
    uplift_en: str
    unit: str
    colour: str  # for charts that show several metrics side by side
    menu: int  # position in the panel's metric menu (GDP first: what planners ask for first)
    additive: bool = True  # False: a ratio, never added across regions or years

    def uplift(self, lang: str) -> str:
        return self.uplift_zh if lang == "zh" else self.uplift_en


@dataclass(frozen=True)
class Basis(Term):
    """Whose books a figure is in. ``counts_in_full``: park GDP may be 全额双核算 (counted in full
    by both parties) under this basis, so some of its figures must not be added across regions;
    ``counted_once``: the basis that records the same activity once (where it happens), whose
    figures stand in for those when a circle-wide total is wanted (see ``split_summable``)."""

    metrics: tuple[str, ...]
    counts_in_full: bool = False
    counted_once: str = ""


@dataclass(frozen=True)
class Component(Term):
    """A part of the uplift. ``with_parks``: the value includes park arrangements (and so any GDP
    counted in full by both parties); ``is_total``: the sum of all the other components."""

    colour: str
    with_parks: bool = False
    is_total: bool = False
    adjustment: bool = False  # gross-to-net: gross = total − the adjustment components


METRICS: tuple[Metric, ...] = (
    Metric("output", "产出", "Output", "产出增量", "Output uplift", MONEY, "#9c755f", 3),
    Metric(
        "gdp", "增加值（GDP）", "Value added (GDP)", "GDP 增量", "GDP uplift", MONEY, "#4e79a7", 0
    ),
    Metric("tax", "税收", "Tax", "税收增量", "Tax uplift", MONEY, "#59a14f", 1),
    Metric("jobs", "就业", "Jobs", "就业增量", "Jobs uplift", PEOPLE, "#b07aa1", 2),
)
BASES: tuple[Basis, ...] = (
    Basis("location", "属地口径", "By location", ("output", "gdp", "tax", "jobs")),
    Basis(
        "statistical",
        "统计口径",
        "Statistical",
        ("output", "gdp"),
        counts_in_full=True,
        counted_once="location",
    ),
    Basis("fiscal", "财政口径（市县）", "Fiscal (city/district)", ("tax",)),
)
# Network spillover is 区域网络溢出 everywhere: it travels the regional network (distance decay
# between planning units, or a loaded MRIO table), not only to neighbours.
COMPONENTS: tuple[Component, ...] = (
    Component("direct", "直接效应", "Direct", "#4e79a7"),
    Component("chain_spillover", "产业链溢出", "Chain spillover", "#f28e2b"),
    # --- issue 11 (engine): one accounting of indirect effects, gross to net -----------------
    # indirect: own-region supplier rounds (type-I multiplier, or the MRIO table's diagonal);
    # network_spillover (label unchanged): now only the rounds through another unit (neighbour
    # network or MRIO off-diagonal); additionality: net − gross (≤ 0), so total is net and gross = total − it.
    Component("indirect", "本地间接效应（供应商）", "Own-region indirect (suppliers)", "#edc948"),
    Component("network_spillover", "区域网络溢出", "Regional network spillover", "#e15759"),
    Component("park_share", "园区分成", "Park sharing", "#76b7b2", with_parks=True),
    Component(
        "additionality",
        "额外性扣减（无谓、替代、漏出、挤出）",
        "Additionality (deadweight, displacement, leakage, crowding out)",
        "#bab0ac",
        with_parks=True,
        adjustment=True,
    ),
    # --- end issue 11 (engine) ----------------------------------------------------------------
    Component("total", "合计", "Total", "#202020", with_parks=True, is_total=True),
)
# --- issue 11 (engine): province tier of fiscal revenue, uplift as % of the baseline ----------
METRICS += (
    Metric(
        "gdp_pct_baseline",
        "GDP 增量占基线 GDP 比重",
        "GDP uplift, % of baseline GDP",
        "GDP 增量占基线比重",
        "GDP uplift, % of baseline",
        "%",
        "#4e79a7",
        4,
        additive=False,
    ),
    Metric(
        "revenue_pct_baseline",
        "市县税收增量占基线一般公共预算收入比重",
        "City/district tax uplift, % of baseline general budget revenue",
        "税收增量占基线财政收入比重",
        "Tax uplift, % of baseline revenue",
        "%",
        "#59a14f",
        5,
        additive=False,
    ),
)
BASES += (
    Basis("fiscal_province", "财政口径（省级）", "Fiscal (province tier)", ("tax",)),
    Basis(
        "baseline",
        "占基线比重",
        "Share of baseline",
        ("gdp_pct_baseline", "revenue_pct_baseline"),
    ),
)
# --- end issue 11 (engine) --------------------------------------------------------------------

# Gross and net side by side (``net_view``): the additionality component taken apart into the
# steps ``net_effects.ADDITIONALITY_STEPS`` takes off gross, in that order (keys match).
GROSS = Term("gross", "毛效益", "Gross")
NET = Term("net", "净效益", "Net")
ADJUSTMENT_STEPS: tuple[Term, ...] = (
    Term("leakage", "漏出（流出经济圈）", "Leakage (out of the circle)"),
    Term("displacement", "替代（圈内转移）", "Displacement (within the circle)"),
    Term("crowding_out", "挤出社会资本", "Crowding out (private capital)"),
    Term("deadweight", "无谓效应（本来就会发生）", "Deadweight (would have happened anyway)"),
)

# The part of a figure that must not be added across regions (the copies of a 全额双核算 park's
# GDP that each further party records): drawn apart, outlined and hatched, never in a total.
NOT_SUMMABLE = Term("not_summable", "考核口径（不可加总）", "Double-counted (not summable)")
NOT_SUMMABLE_COLOUR = "#7a4a00"

METRIC = {m.key: m for m in METRICS}
BASIS = {b.key: b for b in BASES}
COMPONENT = {c.key: c for c in COMPONENTS}
PARTS = tuple(c.key for c in COMPONENTS if not c.is_total)  # what a total is the sum of
TOTAL = next(c.key for c in COMPONENTS if c.is_total)
METRIC_MENU = tuple(m.key for m in sorted(METRICS, key=lambda m: m.menu))
BLOCKS: tuple[tuple[str, str], ...] = tuple((b.key, m) for b in BASES for m in b.metrics)
UNITS = {m.key: m.unit for m in METRICS}


def term(key: str) -> Term:
    """The metric, basis or component named ``key`` (KeyError for an unknown key: a bug)."""
    return METRIC.get(key) or BASIS.get(key) or COMPONENT[key]


def label(key: str, lang: str) -> str:
    return term(key).label(lang)


def unit_text(unit: str, lang: str) -> str:
    return UNIT_EN.get(unit, unit) if lang == "en" else unit


def summable(
    basis: str, component: str, counted_in_full: np.ndarray, metric: str | None = None
) -> np.ndarray:
    """The one summability rule: a figure may be added across regions unless its metric is a
    ratio (``Metric.additive`` False), or its basis lets park GDP be counted in full by both
    parties, the component includes parks, and its region is party to such a park
    (``counted_in_full``, one bool per region)."""
    if metric is not None and not METRIC[metric].additive:
        return np.zeros(len(counted_in_full), dtype=bool)
    if BASIS[basis].counts_in_full and COMPONENT[component].with_parks:
        return ~np.asarray(counted_in_full, dtype=bool)
    return np.ones(len(counted_in_full), dtype=bool)


def split_summable(
    basis: str,
    component: str,
    counted_in_full: np.ndarray,
    values: np.ndarray,
    once_values: np.ndarray | None,
) -> tuple[np.ndarray, np.ndarray]:
    """``values`` (regions × years) split into the part that may be summed and the rest.

    Where ``summable`` refuses a region's figure, the region contributes what it records under
    the basis that counts the activity once (``once_values``, the basis's ``counted_once``: a
    全额双核算 park once, at its location); the rest — the copies each further party records — is
    the non-summable part, shown apart and never added. Without ``once_values`` nothing of a
    refused figure is summed. The two parts add up to ``values`` exactly.
    """
    ok = summable(basis, component, counted_in_full)
    if ok.all():
        return values, np.zeros_like(values)
    once = np.zeros_like(values) if once_values is None else once_values
    part = np.where(ok[:, None], values, once)
    return part, values - part
