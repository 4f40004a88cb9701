"""Every change to a project is an ``Edit``: applying it returns its inverse.

This is the one command path. The GUI wraps an edit in a ``QUndoCommand`` (undo = apply the
inverse), the CLI and importers apply edits directly, and after each application a ``Changes``
value names the parts of the project that were touched, so projections, the problems list and the
status bar refresh from one notice (Orange's command-as-data, Anki's OpChanges). Edits are
Qt-free and tested without a GUI.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from workbench.core.addresses import (
    KEYED_LISTS,
    AllocationCell,
    CandidateField,
    FieldPath,
    find_index,
    item_key,
    item_path,
    key_field_of,
    list_head,
    part_of,
    rekeyed,
    resolve,
)
from workbench.core.enums import Instrument, Status
from workbench.core.model import Allocation, Decision, Project
from workbench.core.ranges import check_edit, check_numbers


@dataclass(frozen=True)
class Changes:
    """What an applied edit touched: coarse parts for views, exact paths for incremental work."""

    parts: frozenset[str] = frozenset()
    paths: tuple[FieldPath, ...] = ()

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.parts | other.parts, self.paths + other.paths)

    def touches(self, *parts: str) -> bool:
        return bool(self.parts & set(parts)) or "project" in self.parts

    def touches_list(self, name: str) -> bool:
        """Whether any exact path lies in the top-level list (or field) ``name``."""
        return any(list_head(p) == name for p in self.paths)

    def restructured(self, list_name: str) -> bool:
        """Whether items of ``list_name`` were added or removed, or the whole list replaced."""
        return any((ip := item_path(p)) is not None and ip[0] == list_name for p in self.paths)

    def allocation_cells(self, scenario: str | None = None) -> list[AllocationCell]:
        """The allocation cells touched (of one scenario, if given)."""
        cells = (AllocationCell.of(p) for p in self.paths)
        return [c for c in cells if c is not None and scenario in (None, c.scenario)]

    def candidate_fields(self) -> list[CandidateField]:
        return [f for p in self.paths if (f := CandidateField.of(p)) is not None]

    def candidate_ids(self) -> set[str]:
        """Candidates with a changed field, or added/removed."""
        return {f.candidate_id for f in self.candidate_fields()}

    def renamed(self, list_name: str) -> dict[Any, Any]:
        """Old key → new key for every item of ``list_name`` renamed by this change (a key
        rename is reported as the pair (old key path, new key path), see ``SetValue``)."""
        out: dict[Any, Any] = {}
        for old, new in zip(self.paths, self.paths[1:], strict=False):
            if (
                key_field_of(old) == list_name
                and key_field_of(new) == list_name
                and rekeyed(old, new[-2]) == new
                and old != new
            ):
                out[old[-2]] = new[-2]
        return out


class Edit:
    """Base class. Subclasses implement ``_apply`` returning (inverse, changes)."""

    text_zh: str = "编辑"
    text_en: str = "Edit"
    merge_id: Any = None  # edits with the same non-None id may merge (repeated edits of one cell)

    def apply(self, project: Project) -> tuple[Edit, Changes]:
        inverse, changes = self._apply(project)
        inverse.text_zh, inverse.text_en = self.text_zh, self.text_en
        return inverse, changes

    def _apply(self, project: Project) -> tuple[Edit, Changes]:
        raise NotImplementedError

    def text(self, lang: str = "zh") -> str:
        return self.text_zh if lang == "zh" else self.text_en


@dataclass
class SetValue(Edit):
    """Set the attribute (or dict entry) at ``path``. A missing dict entry is created; setting
    ``DELETE`` removes one."""

    path: FieldPath
    value: Any
    text_zh: str = "修改"
    text_en: str = "Change"
    merge_id: Any = None
    checked: bool = True  # False for an inverse: undo restores what was there, even a NaN

    def _apply(self, project: Project) -> tuple[Edit, Changes]:
        if self.checked and self.value is not DELETE:
            check_edit(self.path, self.value)  # no NaN or ±Infinity goes in
        parent = resolve(project, self.path[:-1])
        last = self.path[-1]
        if isinstance(parent, dict):
            old = parent.get(last, DELETE)
            if self.value is DELETE:
                parent.pop(last, None)
            else:
                parent[last] = copy.deepcopy(self.value)
        else:
            if not hasattr(parent, last):
                raise AttributeError(f"{type(parent).__name__} has no field {last!r}")
            old = getattr(parent, last)
            setattr(parent, last, copy.deepcopy(self.value))
        path = self.path
        if key_field_of(path) is not None:
            # Renaming an item's key (a scenario's name, a candidate's id): the inverse must find
            # the item under its new key.
            path = rekeyed(path, self.value)
        return SetValue(path, old, merge_id=self.merge_id, checked=False), Changes(
            frozenset({part_of(self.path)}),
            (self.path, path) if path != self.path else (self.path,),
        )


class _Delete:
    def __repr__(self) -> str:
        return "DELETE"


DELETE: Any = _Delete()


@dataclass
class InsertItem(Edit):
    """Insert ``item`` into the list at ``list_path`` (at ``index``, default: the end)."""

    list_path: FieldPath
    item: Any
    index: int | None = None
    text_zh: str = "添加"
    text_en: str = "Add"
    checked: bool = True  # False for the undo of a removal: the item comes back as it was

    def _apply(self, project: Project) -> tuple[Edit, Changes]:
        items = resolve(project, self.list_path)
        name = self.list_path[-1]
        key = item_key(name, self.item)
        if self.checked:
            check_edit((*self.list_path, key), self.item)
        if name in KEYED_LISTS and any(item_key(name, it) == key for it in items):
            raise ValueError(f"duplicate key {key!r} in {name}")
        idx = len(items) if self.index is None else self.index
        items.insert(idx, copy.deepcopy(self.item))
        return RemoveItem(self.list_path, key), Changes(
            frozenset({part_of((*self.list_path, key))}), ((*self.list_path, key),)
        )


@dataclass
class RemoveItem(Edit):
    """Remove the item with ``key`` from the list at ``list_path``."""

    list_path: FieldPath
    key: Any
    text_zh: str = "删除"
    text_en: str = "Delete"

    def _apply(self, project: Project) -> tuple[Edit, Changes]:
        items = resolve(project, self.list_path)
        idx = find_index(self.list_path[-1], items, self.key)
        item = items.pop(idx)
        return InsertItem(self.list_path, item, idx, checked=False), Changes(
            frozenset({part_of((*self.list_path, self.key))}), ((*self.list_path, self.key),)
        )


@dataclass
class Compound(Edit):
    """Several edits as one undo step (a macro). Applied in order, undone in reverse."""

    edits: list[Edit] = field(default_factory=list)
    text_zh: str = "批量修改"
    text_en: str = "Changes"

    def _apply(self, project: Project) -> tuple[Edit, Changes]:
        inverses: list[Edit] = []
        changes = Changes()
        try:
            for e in self.edits:
                inv, ch = e.apply(project)
                inverses.append(inv)
                changes = changes | ch
        except Exception:
            for inv in reversed(inverses):  # leave the project as it was
                inv.apply(project)
            raise
        return Compound(list(reversed(inverses))), changes


@dataclass
class SetAllocation(Edit):
    """Set one allocation amount (亿元); 0 removes the row. The hot path of the allocation table."""

    scenario: str
    candidate_id: str
    year: int
    instrument: Instrument
    amount: float
    text_zh: str = "修改分配"
    text_en: str = "Change allocation"
    index: int | None = None  # where a re-created row goes (undo of a removal keeps row order)

    @property
    def merge_id(self) -> Any:  # type: ignore[override]
        return ("alloc", self.scenario, self.candidate_id, self.year, self.instrument)

    def _apply(self, project: Project) -> tuple[Edit, Changes]:
        if not math.isfinite(self.amount):
            raise ValueError("amount must be a finite number")
        check_numbers(self.amount, (), "Allocation", "amount")
        sc = project.scenario(self.scenario)
        if sc is None:
            raise KeyError(self.scenario)
        key = (self.candidate_id, self.year, Instrument(self.instrument).value)
        old = 0.0
        where: int | None = None
        cid = self.candidate_id
        for i, a in enumerate(sc.allocations):
            if a.candidate_id == cid and a.key == key:  # the id first: a cheap miss per row
                old = a.amount
                if self.amount == 0:
                    sc.allocations.pop(i)
                    where = i
                else:
                    a.amount = self.amount
                break
        else:
            if self.amount != 0:
                row = Allocation(
                    self.candidate_id, self.year, self.amount, Instrument(self.instrument)
                )
                idx = (
                    len(sc.allocations)
                    if self.index is None
                    else min(self.index, len(sc.allocations))
                )
                sc.allocations.insert(idx, row)
        path = AllocationCell(self.scenario, *key, "amount").path
        inverse = SetAllocation(
            self.scenario, self.candidate_id, self.year, self.instrument, old, index=where
        )
        return inverse, Changes(frozenset({"allocations"}), (path,))


def change_status(
    project: Project,
    candidate_id: str,
    status: Status,
    reason: str = "",
    by: str = "",
    on: str | None = None,
) -> Edit:
    """Status change plus its decision-log entry, as one undoable step (全过程留痕)."""
    c = project.candidate(candidate_id)
    if c is None:
        raise KeyError(candidate_id)
    decision = Decision(on or date.today().isoformat(), Status(status), reason, by, c.status)
    # The decision log is a plain list; insert at the end, and undo removes that last entry.
    edit = Compound(
        [
            SetValue(("candidates", candidate_id, "status"), Status(status)),
            SetValue(("candidates", candidate_id, "decisions"), [*c.decisions, decision]),
        ]
    )
    edit.text_zh = f"将“{c.name}”设为{Status(status).zh}"
    edit.text_en = f"Set {c.name} to {Status(status).en}"
    return edit
