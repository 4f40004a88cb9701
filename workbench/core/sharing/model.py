"""Benefit-sharing agreements (利益分享协议): who books the GDP and who receives the local tax of a
unit that one party found, funded or researched and another hosts.

One object for every case the policy text names — 飞地园区/共建园 (a park), 招商引资项目异地流转 (a
relocated project), 创新成果跨区域转化 (an innovation transfer) and a set of fund-invested
candidates — so a park's GDP and tax rules and a relocated project's are read, checked, settled
and exported the same way. Only the local share of a tax is ever divided: the central share (VAT
50 %, CIT 60 %) is fixed by the State Council's revenue-sharing rules and no agreement between
cities can move it.

Kept free of ``workbench.core.model`` imports so the model can hold agreements without a cycle.
Coverage and SettlementMethod live with the other vocabularies in ``core.enums``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.core.enums import Coverage, GdpRule, SettlementMethod

TAXES: tuple[str, ...] = ("vat", "cit", "other")
"""Taxes an agreement can divide: VAT, corporate income tax, and the rest (the model raises no
'other' tax of its own; a stated split is kept for the settlement form)."""

TAX_LABELS: dict[str, tuple[str, str]] = {
    "vat": ("增值税", "VAT"),
    "cit": ("企业所得税", "CIT"),
    "other": ("其他税收", "other taxes"),
}


@dataclass
class Agreement:
    """One agreement. Percentages are of the *local* share; region codes name the parties.

    ``tax_split`` is the 增量 schedule for every tax (year -> party -> %, the latest earlier year's
    ratio applies to a year without one); ``tax_split_by_tax`` overrides it for one tax ("vat",
    "cit", "other"). ``existing_tax_base`` (存量, 亿元/yr) stays with the location and is never
    divided. Between ``start_year`` and ``sunset_year`` (inclusive; None = open) the agreement's
    rules apply; outside them the unit reverts to 属地 (all to the location).
    """

    id: str
    name: str
    coverage: Coverage
    parties: list[str] = field(default_factory=list)
    park_id: str = ""  # coverage park
    candidate_ids: list[str] = field(default_factory=list)  # the other coverages
    gdp_rule: GdpRule = GdpRule.LOCATION
    gdp_split: dict[str, float] = field(default_factory=dict)  # party -> % (split rule)
    existing_tax_base: float = 0.0
    tax_split: dict[int, dict[str, float]] = field(default_factory=dict)
    tax_split_by_tax: dict[str, dict[int, dict[str, float]]] = field(default_factory=dict)
    start_year: int | None = None
    sunset_year: int | None = None
    settlement: SettlementMethod = SettlementMethod.DIRECT
    notes: str = ""
    illustrative: bool = False
    assumed: bool = False  # built from defaults labelled 假设, not agreed text

    def schedule(self, tax: str) -> dict[int, dict[str, float]]:
        """The 增量 schedule that applies to ``tax``: its own, else the common one."""
        own = self.tax_split_by_tax.get(tax)
        return own if own else self.tax_split

    def in_force(self, year: int) -> bool:
        if self.start_year is not None and year < self.start_year:
            return False
        return self.sunset_year is None or year <= self.sunset_year
