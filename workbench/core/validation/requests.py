"""A sanity check of each scenario's allocations against what the units asked for.

A unit that asked for 0.05 亿元 was given 45.6 亿元 and only the fund's caps complained: a slipped
decimal or a pasted column is caught here, per candidate and scenario, as a warning (a committee
may knowingly give more than was asked, so it does not block). A request of 0 is the model's
default for "no request on file" (candidates added by hand, projects that do not track requests),
not a request for nothing, so it is not compared. The path is the candidate's total in the scenario, so the allocation table marks every
cell of that candidate.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from workbench.core.allocation_sums import countable
from workbench.core.model import Project
from workbench.core.validation.problems import TOLERANCE, Problem, bad_number, warn
from workbench.core.validation.registry import rule


@rule("allocations", "candidates", "scenarios")
def _over_request(project: Project) -> Iterator[Problem]:
    cands = {c.id: c for c in project.candidates}
    for sc in project.scenarios:
        totals: dict[str, float] = defaultdict(float)
        for a in sc.allocations:
            if countable(a.amount) and a.amount > 0:
                totals[a.candidate_id] += a.amount
        for cid, total in totals.items():
            c = cands.get(cid)
            if c is None or bad_number(c.requested_funding) or c.requested_funding <= 0:
                continue  # unknown candidate, broken request (reported elsewhere), no request
            asked = c.requested_funding
            if total <= asked + TOLERANCE:
                continue
            path = ("scenarios", sc.name, "allocations", cid)
            yield warn(
                path,
                "alloc.over_request",
                f"方案“{sc.name}”：“{c.name}”共分配 {total:,.3f} 亿元，超过其申请资金 "
                f"{asked:,.3f} 亿元（{total / asked:,.1f} 倍）",
                f"scenario {sc.name}: {c.name} is allocated {total:,.3f} (100M yuan), more "
                f"than the {asked:,.3f} (100M yuan) it requested ({total / asked:,.1f}×)",
            )
