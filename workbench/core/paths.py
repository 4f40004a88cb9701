"""Addresses of fields inside a project, shared by edits and validation problems.

A path is a tuple of steps from the project root: attribute names, and for keyed collections the
item's key — ``("candidates", "MC-0007", "status")`` or
``("scenarios", "基准方案", "allocations", ("MC-0007", 2027, "equity"), "amount")``. Keys rather than
list indices keep a path valid while the user sorts, filters or deletes other rows, so a problem
can always be jumped to and an undo always finds its target.
"""

from __future__ import annotations

from typing import Any

from workbench.core.model import Allocation, Project

Path = tuple[Any, ...]

# Lists whose items are addressed by a key, and how to get that key.
KEYED_LISTS: dict[str, str] = {
    "regions": "code",
    "candidates": "id",
    "links": "id",
    "parks": "id",
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


def resolve(project: Project, path: Path) -> Any:
    """The object at ``path``; raises KeyError/AttributeError/IndexError if it does not exist."""
    obj: Any = project
    prev: Any = None
    for step in path:
        obj, prev = _step(obj, prev, step), step
    return obj


def exists(project: Project, path: Path) -> bool:
    try:
        resolve(project, path)
    except (KeyError, AttributeError, IndexError, TypeError):
        return False
    return True


def part_of(path: Path) -> str:
    """Which part of the project a path touches, for change notices (see ``edits``)."""
    if not path:
        return "project"
    if path[0] == "scenarios" and len(path) > 2:
        return {"allocations": "allocations", "park_ids": "parks"}.get(path[2], "scenarios")
    return str(path[0])
