"""The tranche gate: when each tranche of the fund opens, given what has been invested.

One definition used by the fund deployment view (projections) and by validation, so the problems
list and the deployment table can never disagree about whether a year's allocations fit.

A tranche opens in its scheduled year if the tranche currently open is at least ``gate_pct``
invested at the end of the previous year (the first tranche opens unconditionally); otherwise it
waits and opens, with any other waiting tranches, in the first year after the gate is met. Without a
tranche schedule the whole fund is available from the start.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

EPS = 1e-9


@dataclass(frozen=True)
class GateYear:
    year: int
    scheduled: float  # 亿元 scheduled to open this year
    opened: float  # 亿元 actually opened this year
    pending: float  # 亿元 scheduled but waiting for the gate
    available: float  # 亿元 opened so far (cumulative)
    allocated: float  # 亿元 allocated this year
    cumulative_allocated: float  # 亿元
    current_tranche: float  # 亿元 size of the tranche currently open
    current_invested_pct: float  # % of the current tranche invested
    gate_pct: float | None
    gate_met: bool
    over_available: bool  # cumulative allocations exceed what is open


def gate_schedule(
    years: Sequence[int],
    scheduled: Sequence[float],
    allocated: Sequence[float],
    gate_pct: float | None,
    fund_size: float,
    has_schedule: bool,
) -> list[GateYear]:
    """Year-by-year gate state. ``scheduled``/``allocated`` are aligned with ``years`` (亿元)."""
    opened_total = float(fund_size) if not has_schedule else 0.0
    before_current = 0.0
    current = opened_total
    pending = 0.0
    cum = 0.0
    gate_prev = True
    out: list[GateYear] = []
    for y, sched, alloc in zip(years, scheduled, allocated, strict=True):
        pending += sched
        opened = 0.0
        if pending > 0 and (current == 0 or gate_prev):
            before_current, current, opened = opened_total, pending, pending
            opened_total += pending
            pending = 0.0
        cum += alloc
        in_current = min(max(cum - before_current, 0.0), current)
        pct = 100 * in_current / current if current > 0 else 0.0
        met = gate_pct is None or not has_schedule or (current > 0 and pct >= gate_pct - EPS)
        out.append(
            GateYear(
                y,
                float(sched),
                opened,
                pending,
                opened_total,
                float(alloc),
                cum,
                current,
                pct,
                gate_pct,
                met,
                cum > opened_total + EPS,
            )
        )
        gate_prev = met
    return out
