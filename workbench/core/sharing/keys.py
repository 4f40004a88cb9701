"""The fund's distribution key as a planner edits it: per contributing city, its contribution
ratio beside the agreed key, and whether the agreed key is in use.

``Fund.distribution_key`` empty means "by contribution ratio" (``fund_returns.distribution_keys``);
once a key is stated it decides every distribution, so the editor starts it from the ratios and the
checks (``validation.sharing``: ≥ 0, sum 100 % ± TOLERANCE, parties known) guard what it holds.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.core.model import Project


@dataclass(frozen=True)
class KeyRow:
    code: str
    name: str
    ratio: float  # contribution ratio, %
    key: float | None  # agreed key, %; None while the key follows the ratios


def key_rows(project: Project) -> list[KeyRow]:
    """Contributors first (in their order), then any other party the key names."""
    fund = project.fund
    names = {r.code: r.name for r in project.regions}
    key = fund.distribution_key
    codes = list(dict.fromkeys([*(c.region_code for c in fund.contributions), *key]))
    return [
        KeyRow(
            code,
            names.get(code, code),
            fund.ratio_of(code),
            (key.get(code, 0.0) if key else None),
        )
        for code in codes
    ]


def key_from_ratios(project: Project) -> dict[str, float]:
    """The contribution ratios as a stated key (the starting point of an agreed key)."""
    return {
        c.region_code: round(project.fund.ratio_of(c.region_code), 4)
        for c in project.fund.contributions
    }
