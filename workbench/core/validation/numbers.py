"""Every number of the model against its declared range (``core.ranges``), one rule per part.

A non-finite number (NaN, ±Infinity, as a hand-edited or generated file can hold) is an error
wherever it is; a number outside what can be true (a longitude of 909, a year 6018, a leverage of
1e308) is an error; one outside what is plausible is a warning. Fields whose topic rule already
reports the hard range (``Range.own_rule``) get only the plausibility warning here, so a problem
is never listed twice. One rule per top-level part keeps an allocation edit from re-walking the
regions' statistics.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from workbench.core.locations import Describer
from workbench.core.model import Project
from workbench.core.ranges import Number, needs_check, show, violation, wrong_numbers
from workbench.core.validation.problems import Problem, err, warn
from workbench.core.validation.registry import rule


def _problems(project: Project, found: Iterator[Number]) -> Iterator[Problem]:
    zh_words: Describer | None = None
    en_words: Describer | None = None
    for n in found:
        v = violation(n)
        if v is None:
            continue
        kind, r = v
        if kind != "absurd" and r is not None and r.own_rule and not n.is_key:
            continue  # its topic rule reports it, in its own words
        if zh_words is None or en_words is None:
            zh_words, en_words = Describer(project, "zh"), Describer(project, "en")
        where_zh, where_en = zh_words.describe(n.path), en_words.describe(n.path)
        value = show(n.value)
        if kind == "non_finite":
            yield err(
                n.path,
                "number.non_finite",
                f"{where_zh}：取值 {value} 不是有效数字（NaN 或无穷大），依赖它的计算全部无效",
                f"{where_en}: value {value} is not a finite number (NaN or infinity); "
                "everything computed from it is void",
            )
        elif kind == "range":
            assert r is not None
            yield err(
                n.path,
                "number.range",
                f"{where_zh}：取值 {value} 不可能成立，应在 {r.text()} 之间",
                f"{where_en}: value {value} cannot be right; it must lie within {r.text()}",
            )
        else:
            assert r is not None
            yield warn(
                n.path,
                "number.implausible",
                f"{where_zh}：取值 {value} 超出常见范围 {r.text(soft=True)}，请核对（单位或小数点？）",
                f"{where_en}: value {value} is outside the usual {r.text(soft=True)}; "
                "check it (unit or decimal point?)",
            )


def _part_rule(attr: str, *parts: str) -> Callable[[Project], Iterator[Problem]]:
    def check(project: Project) -> Iterator[Problem]:
        value: Any = getattr(project, attr)
        items = value.values() if isinstance(value, dict) else value
        if isinstance(value, list | dict):
            found = (
                n
                for item, key in _keyed(attr, items, value)
                for n in wrong_numbers(item, (attr, key))
            )
        else:
            found = wrong_numbers(value, (attr,)) if value is not None else iter(())
        yield from _problems(project, found)

    check.__name__ = f"_numbers_{attr}"
    return rule(*parts)(check)


def _keyed(attr: str, items: Any, value: Any) -> Iterator[tuple[Any, Any]]:
    from workbench.core.addresses import item_key

    pairs = value.items() if isinstance(value, dict) else ((None, v) for v in items)
    for key, item in pairs:
        if needs_check(type(item)):  # chain links, say, hold nothing this rule checks
            yield item, key if isinstance(value, dict) else item_key(attr, item)


for _attr, _parts in (
    ("regions", ("regions",)),
    ("adjacency", ("adjacency", "regions")),
    ("criteria", ("criteria",)),
    ("candidates", ("candidates", "criteria")),
    ("links", ("links", "candidates")),
    ("fund", ("fund", "regions")),
    ("parks", ("parks", "regions")),
    ("scenarios", ("scenarios", "allocations", "parks", "candidates", "regions", "assumptions")),
    ("assumptions", ("assumptions",)),
    ("mrio", ("mrio", "regions")),
):
    _part_rule(_attr, *_parts)
