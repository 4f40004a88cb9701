"""The investment committee's decision record (全过程留痕), read as a planner reads it.

Each candidate keeps its decisions as a plain list (``Candidate.decisions``); a decision stores
the status it set, and since the status before it is what a reviewer asks about ("from 入围 to
否决, why?"), newer entries also store the status they replaced. For entries saved before that
field existed, the previous entry's status is the "from"; for a first entry without it the
"from" is unknown and said so — never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.core.enums import Status
from workbench.core.model import Project


@dataclass(frozen=True)
class DecisionRow:
    candidate_id: str
    candidate_name: str
    region_code: str
    date: str
    by: str
    previous: Status | None  # None: not recorded (an entry saved before the field existed)
    status: Status
    reason: str


def decision_rows(project: Project, candidate_id: str | None = None) -> list[DecisionRow]:
    """Every decision in the project (or of one candidate), oldest first per candidate."""
    rows: list[DecisionRow] = []
    for c in project.candidates:
        if candidate_id is not None and c.id != candidate_id:
            continue
        before: Status | None = None
        for d in c.decisions:
            previous = d.previous if d.previous is not None else before
            rows.append(
                DecisionRow(c.id, c.name, c.region_code, d.date, d.by, previous, d.status, d.reason)
            )
            before = d.status
    return rows
