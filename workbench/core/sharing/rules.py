"""Who gets what share of a covered unit in a year, under an agreement (or 属地 without one).

One home for the reading of an agreement, shared by the projection engine (park GDP and fiscal
bases), the settlement forms and validation. Shares are fractions (0..1). ``location`` is where
the unit lies, code -> fraction summing to 1 (a park's location shares, a candidate's region):
属地 means "as located", the fallback before an agreement starts, after its sunset and for a tax
the agreement leaves without a schedule.

Default agreements (``assumed=True``): a candidate with an ``origin_region`` different from its
region and no agreement of its own is taken to share its new local tax with the origin for a few
years (``sharing.relocation.*``, 假设); its GDP follows the location (the national 在地 principle
that 桂统函〔2025〕29号 cites, model_sources §6).
"""

from __future__ import annotations

import math
from bisect import bisect_right

from workbench.core.assumptions import parameter_value
from workbench.core.enums import Coverage, GdpRule
from workbench.core.model import PLAN_YEARS, Project, Scenario
from workbench.core.sharing.model import Agreement


def _num(x: object) -> float:
    """A finite number as a float, anything else 0 (validation reports it)."""
    if not isinstance(x, (int, float)):
        return 0.0
    try:
        f = float(x)
    except OverflowError:
        return 0.0
    return f if math.isfinite(f) else 0.0


def park_agreement(project: Project, park_id: str) -> Agreement | None:
    """The agreement that carries a park's GDP and tax rules (the first, if several: validation
    flags the overlap)."""
    return next(
        (a for a in project.agreements if a.coverage is Coverage.PARK and a.park_id == park_id),
        None,
    )


def park_agreements(project: Project) -> dict[str, Agreement]:
    """Park id -> the agreement carrying its rules (the first of several), built once per pass."""
    out: dict[str, Agreement] = {}
    for a in project.agreements:
        if a.coverage is Coverage.PARK:
            out.setdefault(a.park_id, a)
    return out


def ratio(shares: dict[str, float]) -> dict[str, float]:
    """Stated percentages as fractions (a half-edited set is left as it is: validation says)."""
    return {k: _num(v) / 100 for k, v in shares.items()}


def stated(schedule: dict[int, dict[str, float]], year: int) -> dict[str, float] | None:
    """The ratio stated for ``year`` or the latest earlier year; None before the first."""
    years = sorted(schedule)
    i = bisect_right(years, year)
    return schedule[years[i - 1]] if i else None


def tax_shares(
    agreement: Agreement | None, tax: str, year: int, location: dict[str, float]
) -> dict[str, float]:
    """Fractions of the new local ``tax`` in ``year`` per party (``tax`` "all": the common
    schedule, which applies to every tax without its own)."""
    if agreement is None or not agreement.in_force(year):
        return dict(location)
    sched = agreement.tax_split if tax == "all" else agreement.schedule(tax)
    ratio_pct = stated(sched, year)
    return dict(location) if ratio_pct is None else ratio(ratio_pct)


def tax_share_rows(
    agreement: Agreement | None, tax: str, years: tuple[int, ...], location: dict[str, float]
) -> dict[str, list[float]]:
    """Party -> share per year of ``years``: ``tax_shares`` year by year, each stated ratio read
    once (the engine asks this of every park on every recompute)."""
    if agreement is None or not (agreement.tax_split or agreement.tax_split_by_tax):
        return {code: [share] * len(years) for code, share in location.items()}
    sched = agreement.tax_split if tax == "all" else agreement.schedule(tax)
    keys = sorted(sched)
    read: dict[int | None, dict[str, float]] = {}
    out: dict[str, list[float]] = {}
    for yi, y in enumerate(years):
        i = bisect_right(keys, y)
        key = keys[i - 1] if i and agreement.in_force(y) else None
        if key not in read:
            read[key] = dict(location) if key is None else ratio(sched[key])
        for code, share in read[key].items():
            out.setdefault(code, [0.0] * len(years))[yi] += share
    return out


def gdp_shares(
    agreement: Agreement | None, year: int, location: dict[str, float]
) -> dict[str, float]:
    """Fractions of the unit's GDP each party records; 全额双核算 gives every party 1."""
    if agreement is None or not agreement.in_force(year):
        return dict(location)
    if agreement.gdp_rule is GdpRule.SPLIT:
        return ratio(agreement.gdp_split)
    if agreement.gdp_rule is GdpRule.FULL_BOTH:
        return dict.fromkeys(agreement.parties, 1.0)
    return dict(location)


def counted_in_full(agreement: Agreement | None, year: int) -> bool:
    return (
        agreement is not None
        and agreement.gdp_rule is GdpRule.FULL_BOTH
        and agreement.in_force(year)
    )


def default_relocation(
    project: Project, candidate_id: str, origin: str, host: str, scenario: Scenario | None
) -> Agreement:
    """The 假设 agreement of a relocated candidate that has none: the origin keeps
    ``sharing.relocation.origin_tax_share`` % of the new local tax for ``sharing.relocation.years``
    years from the first plan year, then nothing; GDP by location."""
    share = parameter_value(project, "sharing.relocation.origin_tax_share", scenario) or 0.0
    years = round(parameter_value(project, "sharing.relocation.years", scenario) or 0.0)
    first = PLAN_YEARS[0]
    return Agreement(
        id=f"默认-{candidate_id}",
        name=f"异地流转默认分享（假设）{candidate_id}",
        coverage=Coverage.RELOCATION,
        parties=[origin, host],
        candidate_ids=[candidate_id],
        tax_split={first: {origin: share, host: 100.0 - share}},
        start_year=first,
        sunset_year=first + years - 1,
        assumed=True,
    )


def effective_agreements(project: Project, scenario: Scenario | None = None) -> list[Agreement]:
    """The project's agreements plus a default (假设) one for every relocated candidate that no
    agreement covers."""
    covered = {cid for a in project.agreements for cid in a.candidate_ids}
    out = list(project.agreements)
    for c in project.candidates:
        if c.origin_region and c.origin_region != c.region_code and c.id not in covered:
            out.append(default_relocation(project, c.id, c.origin_region, c.region_code, scenario))
    return out
