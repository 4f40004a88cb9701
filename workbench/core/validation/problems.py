"""What a rule reports, and the small helpers every rule module shares."""

from __future__ import annotations

import math
from dataclasses import dataclass

from workbench.core.addresses import FieldPath
from workbench.core.enums import Severity
from workbench.core.model import Project

TOLERANCE = 1e-6  # 亿元 or percentage points: 100 yuan is not a discrepancy worth a warning


@dataclass(frozen=True)
class Problem:
    severity: Severity
    path: FieldPath
    code: str  # stable identifier of the rule, e.g. "fund.contributions_sum"
    zh: str
    en: str

    def message(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.en


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)


def err(path: FieldPath, code: str, zh: str, en: str) -> Problem:
    return Problem(Severity.ERROR, path, code, zh, en)


def warn(path: FieldPath, code: str, zh: str, en: str) -> Problem:
    return Problem(Severity.WARNING, path, code, zh, en)


def bad_number(x: float) -> bool:
    return not isinstance(x, (int, float)) or not math.isfinite(x)


def pct_ok(x: float | None) -> bool:
    return x is None or (not bad_number(x) and 0 <= x <= 100)


def region_names(project: Project) -> dict[str, str]:
    return {r.code: r.name for r in project.regions}
