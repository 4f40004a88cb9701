"""Rules on the shape of the project: keys that must be unique within their list."""

from __future__ import annotations

from collections.abc import Iterator

from workbench.core.model import Project
from workbench.core.validation.problems import Problem, err
from workbench.core.validation.registry import rule


@rule("regions", "candidates", "links", "parks", "scenarios")
def _duplicates(project: Project) -> Iterator[Problem]:
    for list_name, key, label in (
        ("regions", "code", "地区代码"),
        ("candidates", "id", "候选编号"),
        ("links", "id", "链接编号"),
        ("parks", "id", "园区编号"),
        ("scenarios", "name", "方案名称"),
    ):
        seen: set[str] = set()
        for item in getattr(project, list_name):
            k = getattr(item, key)
            if k in seen:
                yield err(
                    (list_name, k),
                    f"{list_name}.duplicate",
                    f"{label}“{k}”重复",
                    f"duplicate {list_name} key {k!r}",
                )
            seen.add(k)
