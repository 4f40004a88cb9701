"""Addresses of fields inside a project, shared by edits and validation problems.

A field path is a tuple of steps from the project root: attribute names, and for keyed collections the
item's key — ``("candidates", "MC-0007", "status")`` or
``("scenarios", "基准方案", "allocations", ("MC-0007", 2027, "equity"), "amount")``. Keys rather than
list indices keep a path valid while the user sorts, filters or deletes other rows, so a problem
can always be jumped to and an undo always finds its target.

The tuple stays the stored form (edits, ``Changes`` and problems carry it); code that needs to know
*what* a path addresses asks a typed view — ``AllocationCell.of(path)``, ``CandidateField.of(path)``
… — which returns ``None`` for any other path, instead of picking the tuple apart by position.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workbench.core.model import Allocation, Project

FieldPath = tuple[Any, ...]

# Lists whose items are addressed by a key, and how to get that key.
KEYED_LISTS: dict[str, str] = {
    "regions": "code",
    "candidates": "id",
    "links": "id",
    "parks": "id",
    "agreements": "id",
    "scenarios": "name",
    "contributions": "region_code",
    "criteria": "key",
    "adjacency": "pair",
    "tranches": "year",
    "statistics": "stat",
}


def item_key(list_name: str, item: Any) -> Any:
    if isinstance(item, Allocation):
        return item.key
    attr = KEYED_LISTS.get(list_name)
    if attr == "pair":
        return (item.code_a, item.code_b)
    if attr == "stat":
        return (item.indicator, item.year, item.vintage)
    if attr is None:
        raise KeyError(list_name)
    return getattr(item, attr)


def find_index(list_name: str, items: list[Any], key: Any) -> int:
    for i, it in enumerate(items):
        if item_key(list_name, it) == key:
            return i
    raise KeyError(key)


def _step(obj: Any, name: Any, step: Any) -> Any:
    """Follow one step from ``obj``; ``name`` is the attribute name that produced ``obj`` if a list."""
    if isinstance(obj, list):
        if isinstance(step, int) and not (name in KEYED_LISTS or name == "allocations"):
            return obj[step]
        return obj[find_index(name, obj, step)]
    if isinstance(obj, dict):
        return obj[step]
    return getattr(obj, step)


def resolve(project: Project, path: FieldPath) -> Any:
    """The object at ``path``; raises KeyError/AttributeError/IndexError if it does not exist."""
    obj: Any = project
    prev: Any = None
    for step in path:
        obj, prev = _step(obj, prev, step), step
    return obj


def exists(project: Project, path: FieldPath) -> bool:
    try:
        resolve(project, path)
    except (KeyError, AttributeError, IndexError, TypeError):
        return False
    return True


def part_of(path: FieldPath) -> str:
    """Which part of the project a path touches, for change notices (see ``edits``)."""
    if not path:
        return "project"
    if path[0] == "planning_levels":  # every unit-keyed view and rule changes with the level
        return "project"
    if path[0] == "scenarios" and len(path) > 2:
        return {"allocations": "allocations", "park_ids": "parks"}.get(path[2], "scenarios")
    return str(path[0])


# ---------------------------------------------------------------------------- typed views
# Each view reads one family of paths. ``of`` answers None for any other path, so a caller writes
# ``if (cell := AllocationCell.of(path)) is not None`` instead of testing positions.
_AGGREGATES = ("type", "city", "year")


def _at(path: FieldPath, i: int) -> Any:
    return path[i] if len(path) > i else None


def _trim(*steps: Any) -> FieldPath:
    """A path without its trailing unset (None) steps."""
    out = list(steps)
    while out and out[-1] is None:
        out.pop()
    return tuple(out)


def _is_allocation_key(step: Any) -> bool:
    return isinstance(step, tuple) and len(step) == 3


@dataclass(frozen=True)
class AllocationCell:
    """One (candidate, year, instrument) allocation of a scenario; ``field`` is the row's field
    (``amount``, ``year``…) or None for the row itself."""

    scenario: str
    candidate_id: str
    year: int
    instrument: str
    field: str | None = None

    @classmethod
    def of(cls, path: FieldPath) -> AllocationCell | None:
        if len(path) < 4 or path[0] != "scenarios" or path[2] != "allocations":
            return None
        if not _is_allocation_key(path[3]):
            return None
        cid, year, inst = path[3]
        return cls(path[1], cid, year, str(inst), _at(path, 4))

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.candidate_id, self.year, self.instrument)

    @property
    def path(self) -> FieldPath:
        return _trim("scenarios", self.scenario, "allocations", self.key, self.field)


@dataclass(frozen=True)
class AllocationTotal:
    """A sum over a scenario's allocations, as validation reports it: ``by`` is None (the whole
    scenario), ``"candidate"``, ``"type"`` (unit type), ``"city"`` (planning unit) or ``"year"``."""

    scenario: str
    by: str | None = None
    key: Any = None

    @classmethod
    def of(cls, path: FieldPath) -> AllocationTotal | None:
        if len(path) < 3 or path[0] != "scenarios" or path[2] != "allocations":
            return None
        if len(path) == 3:
            return cls(path[1])
        if path[3] in _AGGREGATES and len(path) == 5:
            return cls(path[1], path[3], path[4])
        if len(path) == 4 and not _is_allocation_key(path[3]):
            return cls(path[1], "candidate", path[3])
        return None

    @property
    def path(self) -> FieldPath:
        base = ("scenarios", self.scenario, "allocations")
        if self.by is None:
            return base
        if self.by == "candidate":
            return (*base, self.key)
        return (*base, self.by, self.key)


@dataclass(frozen=True)
class ScenarioItem:
    """A scenario, or one of its fields (``name``, ``park_ids``, ``allocations``…)."""

    scenario: str
    field: str | None = None

    @classmethod
    def of(cls, path: FieldPath) -> ScenarioItem | None:
        if len(path) < 2 or path[0] != "scenarios":
            return None
        return cls(path[1], _at(path, 2))

    @property
    def path(self) -> FieldPath:
        return _trim("scenarios", self.scenario, self.field)


@dataclass(frozen=True)
class OverrideField:
    """A scenario's override of one assumption."""

    scenario: str
    key: str

    @classmethod
    def of(cls, path: FieldPath) -> OverrideField | None:
        if len(path) < 4 or path[0] != "scenarios" or path[2] != "assumption_overrides":
            return None
        return cls(path[1], path[3])

    @property
    def path(self) -> FieldPath:
        return ("scenarios", self.scenario, "assumption_overrides", self.key)


@dataclass(frozen=True)
class CandidateField:
    """A candidate (``field`` None) or one of its fields; ``sub`` is the criterion key of a score."""

    candidate_id: str
    field: str | None = None
    sub: Any = None

    @classmethod
    def of(cls, path: FieldPath) -> CandidateField | None:
        if len(path) < 2 or path[0] != "candidates":
            return None
        return cls(path[1], _at(path, 2), _at(path, 3))

    @property
    def path(self) -> FieldPath:
        return _trim("candidates", self.candidate_id, self.field, self.sub)


@dataclass(frozen=True)
class ParkField:
    """A park or one of its fields; ``year`` for per-year fields (investment) and ``party`` (a
    region code) for per-party shares (equity). Its GDP and tax rules are an ``AgreementField``."""

    park_id: str
    field: str | None = None
    year: int | None = None
    party: str | None = None

    @classmethod
    def of(cls, path: FieldPath) -> ParkField | None:
        if len(path) < 2 or path[0] != "parks":
            return None
        field = _at(path, 2)
        if field in PARK_YEAR_FIELDS:
            return cls(path[1], field, _at(path, 3), _at(path, 4))
        if field in PARK_PARTY_FIELDS:
            return cls(path[1], field, None, _at(path, 3))
        return cls(path[1], field)

    @property
    def path(self) -> FieldPath:
        if self.field in PARK_YEAR_FIELDS:
            return _trim("parks", self.park_id, self.field, self.year, self.party)
        return _trim("parks", self.park_id, self.field, self.party)


PARK_YEAR_FIELDS = ("investment",)
PARK_PARTY_FIELDS = ("equity",)


@dataclass(frozen=True)
class AgreementField:
    """A benefit-sharing agreement (``field`` None) or one of its fields: ``tax`` names the tax
    of a per-tax schedule (``tax_split_by_tax``), ``year`` the schedule's year, ``party`` the
    region code of a share (``gdp_split``, ``tax_split``)."""

    agreement_id: str
    field: str | None = None
    tax: str | None = None
    year: int | None = None
    party: str | None = None

    @classmethod
    def of(cls, path: FieldPath) -> AgreementField | None:
        if len(path) < 2 or path[0] != "agreements":
            return None
        field = _at(path, 2)
        if field == "tax_split_by_tax":
            return cls(path[1], field, _at(path, 3), _at(path, 4), _at(path, 5))
        if field == "tax_split":
            return cls(path[1], field, None, _at(path, 3), _at(path, 4))
        if field == "gdp_split":
            return cls(path[1], field, None, None, _at(path, 3))
        return cls(path[1], field)

    @property
    def path(self) -> FieldPath:
        if self.field == "tax_split_by_tax":
            return _trim(
                "agreements", self.agreement_id, self.field, self.tax, self.year, self.party
            )
        if self.field == "tax_split":
            return _trim("agreements", self.agreement_id, self.field, self.year, self.party)
        return _trim("agreements", self.agreement_id, self.field, self.party)


@dataclass(frozen=True)
class FundField:
    """A field of the fund: ``field`` is ``size``, ``leverage``, ``contributions``, ``rules``…;
    ``key`` is the contributing region code or the rule's name; ``sub`` is the contribution's
    field or the key inside a rule (a unit type, a city code, a tranche year)."""

    field: str | None = None
    key: Any = None
    sub: Any = None

    @classmethod
    def of(cls, path: FieldPath) -> FundField | None:
        if not path or path[0] != "fund":
            return None
        return cls(_at(path, 1), _at(path, 2), _at(path, 3))

    @property
    def path(self) -> FieldPath:
        return _trim("fund", self.field, self.key, self.sub)


@dataclass(frozen=True)
class LinkField:
    """A chain link (``field`` None) or one of its fields."""

    link_id: str
    field: str | None = None

    @classmethod
    def of(cls, path: FieldPath) -> LinkField | None:
        if len(path) < 2 or path[0] != "links":
            return None
        return cls(path[1], _at(path, 2))

    @property
    def path(self) -> FieldPath:
        return _trim("links", self.link_id, self.field)


@dataclass(frozen=True)
class CriterionField:
    """A scoring criterion or one of its fields (``weight``, ``label_zh``…)."""

    key: str
    field: str | None = None

    @classmethod
    def of(cls, path: FieldPath) -> CriterionField | None:
        if len(path) < 2 or path[0] != "criteria":
            return None
        return cls(path[1], _at(path, 2))

    @property
    def path(self) -> FieldPath:
        return _trim("criteria", self.key, self.field)


@dataclass(frozen=True)
class AssumptionField:
    """A project-wide assumption (``field`` usually ``value``)."""

    key: str
    field: str | None = None

    @classmethod
    def of(cls, path: FieldPath) -> AssumptionField | None:
        if len(path) < 2 or path[0] != "assumptions":
            return None
        return cls(path[1], _at(path, 2))

    @property
    def path(self) -> FieldPath:
        return _trim("assumptions", self.key, self.field)


@dataclass(frozen=True)
class RegionField:
    """A region (by code) or one of its fields."""

    code: str
    field: str | None = None

    @classmethod
    def of(cls, path: FieldPath) -> RegionField | None:
        if len(path) < 2 or path[0] != "regions":
            return None
        return cls(path[1], _at(path, 2))

    @property
    def path(self) -> FieldPath:
        return _trim("regions", self.code, self.field)


def list_head(path: FieldPath) -> str:
    """The top-level part a path starts in (``candidates``, ``fund``…; ``project`` for ())."""
    return str(path[0]) if path else "project"


def key_field_of(path: FieldPath) -> str | None:
    """The keyed list whose item's *key* this path sets (``("scenarios", "A", "name")`` →
    ``"scenarios"``), else None: setting it renames the item."""
    if len(path) >= 3 and KEYED_LISTS.get(path[-3]) == path[-1]:
        return str(path[-3])
    return None


def rekeyed(path: FieldPath, new_key: Any) -> FieldPath:
    """The key-field path of the same item once it is renamed to ``new_key``."""
    return (*path[:-2], new_key, path[-1])


def item_path(path: FieldPath) -> tuple[str, Any] | None:
    """(list name, key) when the path is a whole top-level item — one added, removed or replaced
    — or (list name, None) for the whole list; None for a field inside an item."""
    if len(path) == 1:
        return str(path[0]), None
    if len(path) == 2 and path[0] in KEYED_LISTS:
        return str(path[0]), path[1]
    return None


@dataclass(frozen=True)
class StatisticField:
    """One imported figure of a region — keyed (indicator, year, vintage) — or one of its fields."""

    code: str
    indicator: str
    year: int
    vintage: str
    field: str | None = None

    @classmethod
    def of(cls, path: FieldPath) -> StatisticField | None:
        if len(path) < 4 or path[0] != "regions" or path[2] != "statistics":
            return None
        key = path[3]
        if not (isinstance(key, tuple) and len(key) == 3):
            return None
        return cls(path[1], key[0], key[1], key[2], _at(path, 4))

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.indicator, self.year, self.vintage)

    @property
    def path(self) -> FieldPath:
        return _trim("regions", self.code, "statistics", self.key, self.field)
