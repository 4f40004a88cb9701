"""Settlement forms of the benefit-sharing agreements, per agreement and year.

* ``statistics`` (统计分算): the covered unit's GDP and what each party books under the rule. A
  全额双核算 row books the whole GDP to every party and is ``summable=False``: it serves each
  party's assessment and never adds into a circle total.
* ``tax`` (税收分享): per tax, the local share collected in each party's jurisdiction, the party's
  share of it, what it is owed and the difference. The 存量 base (``tax == "existing"``) is
  collected and kept where it arises. Only local shares appear: the central share never moves.
* ``transfers``: per agreement and year, the net amount each treasury that collected more than it
  is owed pays each treasury owed more than it collected (several payers share each receiver in
  proportion to their excess). Under direct division the tax bureau makes the same split at source.

Conservation: for every agreement, year and tax, Σ owed = Σ collected when the shares sum to 100 %
(validation reports when they do not), so the transfers of a year sum to zero across treasuries.
A unit covered by two agreements is settled under the first (validation warns).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.core.enums import GdpRule
from workbench.core.model import Project
from workbench.core.sharing import rules
from workbench.core.sharing.activity import Activity, activity
from workbench.core.sharing.model import TAX_LABELS, Agreement

if TYPE_CHECKING:
    import pandas as pd

    from workbench.core.projections.engine import ProjectionEngine

STAT_COLUMNS = [
    "scenario", "agreement_id", "agreement", "coverage", "year", "party_code", "party",
    "rule", "rule_zh", "in_force", "unit_gdp", "share_pct", "booked_gdp", "summable", "assumed",
]  # fmt: skip
TAX_COLUMNS = [
    "scenario", "agreement_id", "agreement", "year", "tax", "tax_zh", "party_code", "party",
    "collected", "share_pct", "owed", "net", "settlement", "assumed",
]  # fmt: skip
TRANSFER_COLUMNS = [
    "scenario", "agreement_id", "agreement", "year", "from_code", "from_party", "to_code",
    "to_party", "amount", "settlement", "settlement_zh",
]  # fmt: skip
EXISTING = "existing"
EXISTING_LABEL = ("存量税收（留属地）", "existing tax (stays where raised)")
EPS = 1e-12


def settlement_tables(
    project: Project,
    scenario: str | None = None,
    year: int | None = None,
    engine: ProjectionEngine | None = None,
    until: int = 2030,
) -> dict[str, pd.DataFrame]:
    """{"statistics", "tax", "transfers"} for one scenario (all when None), one year or all."""
    import pandas as pd

    from workbench.core.projections.engine import ProjectionEngine

    eng = engine or ProjectionEngine(project, until)
    names = {r.code: r.name for r in project.regions}
    stat: list[tuple] = []
    tax: list[tuple] = []
    moves: list[tuple] = []
    scenarios = [project.scenario(scenario)] if scenario is not None else project.scenarios
    for sc in scenarios:
        if sc is None:
            raise KeyError(scenario)
        st = eng.state(sc.name)
        rows = {cid: i for i, cid in enumerate(eng.structure.cand_ids)}
        claimed: set[tuple[str, str]] = set()
        for deal in rules.effective_agreements(project, sc):
            unit = _unclaimed(deal, claimed)
            if unit is None:
                continue
            act = activity(project, st, rows, unit)
            for yi, y in enumerate(act.years):
                if year is not None and y != year:
                    continue
                ctx = (sc.name, deal, y, names)
                stat += _statistics(ctx, act, yi)
                owed = _taxes(ctx, act, yi)
                tax += owed
                moves += _transfers(ctx, owed)
    out = {
        "statistics": pd.DataFrame(stat, columns=STAT_COLUMNS),
        "tax": pd.DataFrame(tax, columns=TAX_COLUMNS),
        "transfers": pd.DataFrame(moves, columns=TRANSFER_COLUMNS),
    }
    for df in out.values():
        df.attrs["unit"] = "亿元"
    return out


def _unclaimed(deal: Agreement, claimed: set[tuple[str, str]]) -> Agreement | None:
    """The agreement restricted to units no earlier agreement settles (None if nothing is left)."""
    from dataclasses import replace

    if deal.park_id:
        key = ("park", deal.park_id)
        if key in claimed:
            return None
        claimed.add(key)
        return deal
    free = [c for c in deal.candidate_ids if ("candidate", c) not in claimed]
    claimed.update(("candidate", c) for c in free)
    if not free:
        return None
    return deal if free == deal.candidate_ids else replace(deal, candidate_ids=free)


def _fractions(by_loc: dict[str, float]) -> dict[str, float]:
    total = sum(by_loc.values())
    return {k: v / total for k, v in by_loc.items()} if total > EPS else {}


def _parties(deal: Agreement, *more: dict[str, float]) -> list[str]:
    """The agreement's parties, then any location or share holder that is not one."""
    out = dict.fromkeys(deal.parties)
    for d in more:
        out.update(dict.fromkeys(d))
    return list(out)


def _statistics(ctx: tuple, act: Activity, yi: int) -> list[tuple]:
    sc, deal, y, names = ctx
    by_loc = {k: float(v[yi]) for k, v in act.gdp.items()}
    total = sum(by_loc.values())
    if total <= EPS:
        return []
    where = _fractions(by_loc)
    shares = rules.gdp_shares(deal, y, where)
    in_force = deal.in_force(y)
    rule = deal.gdp_rule if in_force else GdpRule.LOCATION
    full = rules.counted_in_full(deal, y)
    return [
        (
            sc,
            deal.id,
            deal.name,
            deal.coverage.value,
            y,
            code,
            names.get(code, code),
            rule.value,
            rule.zh,
            in_force,
            total,
            100 * shares.get(code, 0.0),
            total * shares.get(code, 0.0),
            not full,
            deal.assumed,
        )
        for code in _parties(deal, where, shares)
    ]


def _taxes(ctx: tuple, act: Activity, yi: int) -> list[tuple]:
    sc, deal, y, names = ctx
    out = []
    for tax, store in (("vat", act.vat), ("cit", act.cit)):
        collected = {k: float(v[yi]) for k, v in store.items()}
        total = sum(collected.values())
        if total <= EPS:
            continue
        shares = rules.tax_shares(deal, tax, y, _fractions(collected))
        for code in _parties(deal, collected, shares):
            got, share = collected.get(code, 0.0), shares.get(code, 0.0)
            out.append(
                (
                    sc,
                    deal.id,
                    deal.name,
                    y,
                    tax,
                    TAX_LABELS[tax][0],
                    code,
                    names.get(code, code),
                    got,
                    100 * share,
                    total * share,
                    total * share - got,
                    deal.settlement.value,
                    deal.assumed,
                )
            )
    total_base = sum(act.base.values())
    for code, base in act.base.items():  # 存量: each location keeps what it raises
        if base > EPS:
            out.append(
                (
                    sc,
                    deal.id,
                    deal.name,
                    y,
                    EXISTING,
                    EXISTING_LABEL[0],
                    code,
                    names.get(code, code),
                    base,
                    100 * base / total_base,
                    base,
                    0.0,
                    deal.settlement.value,
                    deal.assumed,
                )
            )
    return out


def _transfers(ctx: tuple, owed: list[tuple]) -> list[tuple]:
    """Pairwise net transfers from the year's tax rows (net = owed − collected per party)."""
    sc, deal, y, names = ctx
    net: dict[str, float] = {}
    for row in owed:
        net[row[6]] = net.get(row[6], 0.0) + row[11]
    payers = {k: -v for k, v in net.items() if v < -EPS}
    takers = {k: v for k, v in net.items() if v > EPS}
    due = sum(takers.values())
    if due <= EPS:
        return []
    out = []
    for p, excess in payers.items():
        for r, need in takers.items():
            amount = excess * need / due
            out.append(
                (
                    sc,
                    deal.id,
                    deal.name,
                    y,
                    p,
                    names.get(p, p),
                    r,
                    names.get(r, r),
                    amount,
                    deal.settlement.value,
                    deal.settlement.zh,
                )
            )
    return out


def net_positions(transfers: pd.DataFrame) -> pd.Series:
    """Received − paid per treasury (region code): what the transfers do to each; sums to 0."""
    got = transfers.groupby("to_code")["amount"].sum()
    paid = transfers.groupby("from_code")["amount"].sum()
    return got.sub(paid, fill_value=0.0)
