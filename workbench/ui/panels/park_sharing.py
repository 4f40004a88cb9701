"""The 园区 panel's link to benefit sharing: a park's GDP rule and 存量 base live in its agreement
(``core.sharing``), so editing them there, creating a park and deleting one are edits of the
agreement too — one undoable step each. Kept out of ``panels.parks`` (at its size limit)."""

from __future__ import annotations

import copy
from typing import Any

from workbench.core.edits import Edit, InsertItem, RemoveItem, SetValue
from workbench.core.enums import Coverage, GdpRule
from workbench.core.model import PLAN_YEARS, ParkArrangement, Project, Scenario
from workbench.core.park_models import default_agreement
from workbench.core.sharing.model import Agreement
from workbench.core.sharing.rules import park_agreement
from workbench.ui.i18n import tr
from workbench.ui.models.agreements import new_agreement_id

RULE_FIELDS = ("gdp_rule", "existing_tax_base")


def _fresh_id(project: Project, park_id: str) -> str:
    aid = f"AG-{park_id}"
    return aid if project.agreement(aid) is None else new_agreement_id(project, f"{aid}-")


def rule_values(project: Project, park: ParkArrangement) -> tuple[GdpRule, float]:
    deal = park_agreement(project, park.id)
    return (deal.gdp_rule, deal.existing_tax_base) if deal else (GdpRule.LOCATION, 0.0)


def rule_edit(
    project: Project, park: ParkArrangement, field: str, value: Any, what: str
) -> Edit | None:
    """Set ``field`` of the park's agreement (creating its default agreement if it has none)."""
    deal = park_agreement(project, park.id)
    if deal is not None:
        if getattr(deal, field) == value:
            return None
        edit: Edit = SetValue(
            ("agreements", deal.id, field), value, merge_id=("agreement", deal.id, field)
        )
    else:
        new = default_agreement(park, _fresh_id(project, park.id), PLAN_YEARS)
        if getattr(new, field) == value:
            return None
        setattr(new, field, copy.deepcopy(value))
        edit = InsertItem(("agreements",), new)
    edit.text_zh = edit.text_en = tr("park.edit_text", name=park.name, field=what)
    return edit


def new_park_edits(project: Project, park: ParkArrangement, sc: Scenario | None) -> list[Edit]:
    """The park, its default agreement, and the park in scenario ``sc`` (if any)."""
    deal: Agreement = default_agreement(park, _fresh_id(project, park.id), PLAN_YEARS)
    edits: list[Edit] = [InsertItem(("parks",), park), InsertItem(("agreements",), deal)]
    if sc is not None:
        edits.append(SetValue(("scenarios", sc.name, "park_ids"), [*sc.park_ids, park.id]))
    return edits


def removal_edits(project: Project, park_id: str) -> list[Edit]:
    """The park out of every scenario, the park, and the agreements that cover it."""
    edits: list[Edit] = [
        SetValue(("scenarios", sc.name, "park_ids"), [i for i in sc.park_ids if i != park_id])
        for sc in project.scenarios
        if park_id in sc.park_ids
    ]
    covering = (a for a in project.agreements if a.coverage is Coverage.PARK)
    deals = [a.id for a in covering if a.park_id == park_id]
    edits.append(RemoveItem(("parks",), park_id))
    return edits + [RemoveItem(("agreements",), aid) for aid in deals]
