"""The valid range of every number in the model, declared once next to it.

A number in a project file or typed into a cell can be NaN, ±Infinity or absurd (a longitude of
909, a year 6018, a leverage of 1e308): such values pass every sum and comparison silently and
then poison whatever is computed from them (one NaN criterion weight makes every score NaN). The
table ``RANGES`` says, per model field, what can be true at all (``lo``/``hi``: outside is an
error, refused on edit) and what is plausible (``soft_lo``/``soft_hi``: outside is a warning, a
typo worth a look). A field missing from the table only has to be finite.

``numbers(obj)`` walks any model object and yields each number with the ``FieldPath`` validation
and edits use, so one rule (``validation.numbers``) and one edit check (``check_edit``) cover
every field, including fields added later.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import math
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from workbench.core.addresses import KEYED_LISTS, FieldPath, item_key

YEAR_LO, YEAR_HI = 1949, 2100  # statistics and plans of the People's Republic


@dataclass(frozen=True)
class Range:
    lo: float | None
    hi: float | None
    unit: str = ""
    soft_lo: float | None = None
    soft_hi: float | None = None
    own_rule: bool = False  # a topic rule already reports the hard range (the walker skips it)

    def hard_ok(self, x: float) -> bool:
        return (self.lo is None or x >= self.lo) and (self.hi is None or x <= self.hi)

    def soft_ok(self, x: float) -> bool:
        lo = self.soft_lo if self.soft_lo is not None else self.lo
        hi = self.soft_hi if self.soft_hi is not None else self.hi
        return (lo is None or x >= lo) and (hi is None or x <= hi)

    def text(self, soft: bool = False) -> str:
        lo = self.soft_lo if soft and self.soft_lo is not None else self.lo
        hi = self.soft_hi if soft and self.soft_hi is not None else self.hi
        a = "−∞" if lo is None else show(lo)
        b = "+∞" if hi is None else show(hi)
        return f"{a}–{b}{(' ' + self.unit) if self.unit else ''}"


MONEY = "亿元"
_PCT = Range(0, 100, "%", own_rule=True)
_YEAR = Range(YEAR_LO, YEAR_HI)
_AMOUNT = Range(0, 1e6, MONEY, soft_hi=1e4, own_rule=True)  # 1e4 亿元 = 1 trillion yuan

# (dataclass name, field name) -> range. For a dict field the range is that of its values; the
# keys of ``YEAR_KEYED`` fields are years.
RANGES: dict[tuple[str, str], Range] = {
    ("StatValue", "value"): Range(-1e12, 1e12, soft_lo=-1e9, soft_hi=1e9),
    ("StatValue", "year"): _YEAR,
    ("Region", "lon"): Range(-180, 180, "°", soft_lo=73, soft_hi=136),  # China's extent
    ("Region", "lat"): Range(-90, 90, "°", soft_lo=18, soft_hi=54),
    ("Region", "area_km2"): Range(0, 1e7, "km²", soft_hi=1e6),
    ("Adjacency", "shared_border_km"): Range(0, 40_075, "km", soft_hi=5_000),
    ("Criterion", "weight"): Range(0, 1e6, soft_hi=1_000),
    ("Candidate", "baseline_output"): _AMOUNT,
    ("Candidate", "baseline_jobs"): Range(0, 1e8, "人", soft_hi=1e6, own_rule=True),
    ("Candidate", "baseline_tax"): _AMOUNT,
    ("Candidate", "requested_funding"): _AMOUNT,
    ("Candidate", "criteria"): _PCT,
    ("Candidate", "registered_capital"): Range(0, 1e6, MONEY, soft_hi=1e4),
    ("Candidate", "post_money_valuation"): Range(0, 1e7, MONEY, soft_hi=1e5),
    ("ChainLink", "strength"): Range(0, 1, own_rule=True),
    ("Contribution", "amount"): _AMOUNT,
    ("Tranche", "year"): Range(YEAR_LO, YEAR_HI, own_rule=True),
    ("Tranche", "amount"): _AMOUNT,
    ("CommitteeRules", "max_project_share"): _PCT,
    ("CommitteeRules", "max_investee_equity"): _PCT,
    ("CommitteeRules", "default_city_limit"): _PCT,
    ("CommitteeRules", "min_return_share"): _PCT,
    ("CommitteeRules", "tranche_gate"): _PCT,
    ("CommitteeRules", "type_limits"): _PCT,
    ("CommitteeRules", "city_limits"): _PCT,
    ("Fund", "size"): _AMOUNT,
    ("Fund", "management_fee_pct"): Range(0, 100, "%", soft_hi=5, own_rule=True),
    ("Fund", "leverage"): Range(0, 1_000, "×", soft_hi=20),
    ("Allocation", "amount"): _AMOUNT,
    ("Allocation", "year"): Range(YEAR_LO, YEAR_HI, own_rule=True),
    ("FixedReturn", "rate_pct"): Range(0, 100, "%", soft_hi=20, own_rule=True),
    ("FixedReturn", "years"): Range(0, 100, "年", soft_hi=30),
    ("ParkLocation", "share_pct"): Range(0, 100, "%"),
    ("ParkArrangement", "area_km2"): Range(0, 1e5, "km²", soft_hi=1e4, own_rule=True),
    ("ParkArrangement", "investment"): _AMOUNT,
    ("Agreement", "existing_tax_base"): _AMOUNT,
    ("Agreement", "gdp_split"): _PCT,
    ("Agreement", "tax_split"): _PCT,
    ("Agreement", "tax_split_by_tax"): _PCT,
    ("Agreement", "start_year"): _YEAR,
    ("Agreement", "sunset_year"): _YEAR,
    ("ParkArrangement", "equity"): _PCT,
    ("MrioTable", "coefficients"): Range(0, 1, soft_hi=0.9),
    ("MrioTable", "year"): _YEAR,
    # finite only, reported by the parameter rules (ranges per key: ``core.param_table``)
    ("Assumption", "value"): Range(None, None, own_rule=True),
    ("Scenario", "assumption_overrides"): Range(None, None, own_rule=True),
}
YEAR_KEYED = {
    ("ParkArrangement", "investment"),
    ("Agreement", "tax_split"),
    ("Agreement", "tax_split_by_tax"),
}


def range_of(owner: str, field: str) -> Range | None:
    return RANGES.get((owner, field))


@dataclass(frozen=True)
class Number:
    """One number found in the model: where it is, whose field it is, and its value."""

    path: FieldPath
    owner: str  # the dataclass holding the field (``Fund``)
    field: str  # the field (``leverage``); for a dict field, the dict's name
    value: float
    is_key: bool = False  # a year used as a dict key (park investment by year)


def show(x: Any) -> str:
    """A number for a message: ``1e+308``, ``909``, ``nan``; a 400-digit integer shortened."""
    try:
        return f"{x:g}"
    except (OverflowError, ValueError, TypeError):
        text = str(x)
        return text if len(text) <= 24 else f"{text[:12]}…（{len(text)} 位）"


def is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def finite(x: Any) -> bool:
    return not isinstance(x, float) or math.isfinite(x)


def numbers(obj: Any, path: FieldPath = ()) -> Iterator[Number]:
    """Every number inside ``obj`` (a project or any part of it), with its field path."""
    if not dataclasses.is_dataclass(obj) or isinstance(obj, type):
        return
    owner = type(obj).__name__
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        yield from _values(value, (*path, f.name), owner, f.name)


def _values(value: Any, path: FieldPath, owner: str, name: str) -> Iterator[Number]:
    if value is None or isinstance(value, (str, bool)):
        return
    if is_number(value):
        yield Number(path, owner, name, value)
    elif dataclasses.is_dataclass(value):
        yield from numbers(value, path)
    elif isinstance(value, list):
        keyed = name in KEYED_LISTS or name == "allocations"
        for i, item in enumerate(value):
            # items of keyed lists by key (``MrioTable.regions`` is a list of plain codes)
            step = item_key(name, item) if keyed and dataclasses.is_dataclass(item) else i
            yield from _values(item, (*path, step), owner, name)
    elif isinstance(value, dict):
        year_keys = (owner, name) in YEAR_KEYED
        for k, v in value.items():
            if year_keys and is_number(k):
                yield Number((*path, k), owner, name, k, is_key=True)
            yield from _values(v, (*path, k), owner, name)


# ---------------------------------------------------------------------------- the fast check
# Validation re-runs on every edit; on a 5,000-candidate project a walk that builds a ``Number``
# per value costs a tenth of a second. ``wrong_numbers`` visits only the fields that can hold a
# number worth checking (type hints, once per class) and builds a ``Number`` only for a culprit.


def _can_hold_number(tp: Any) -> bool:
    if tp is bool or tp is str or (isinstance(tp, type) and issubclass(tp, enum.Enum)):
        return False
    if tp in (int, float):
        return True
    if dataclasses.is_dataclass(tp):
        return bool(_plan(tp))
    return any(_can_hold_number(a) for a in typing.get_args(tp))


@functools.cache
def _plan(cls: type) -> tuple[tuple[str, Range | None, bool], ...]:
    """(field, range, year-keyed) for each field of ``cls`` that needs a look: it can hold a
    number, and its range is not wholly its topic rule's (own rule without plausible bounds)."""
    hints = typing.get_type_hints(cls)
    out = []
    for f in dataclasses.fields(cls):
        if not _can_hold_number(hints[f.name]):
            continue
        r = RANGES.get((cls.__name__, f.name))
        year_keyed = (cls.__name__, f.name) in YEAR_KEYED
        own_only = r is not None and r.own_rule and r.soft_lo is None and r.soft_hi is None
        if own_only and not year_keyed:
            continue
        out.append((f.name, r, year_keyed))
    return tuple(out)


def needs_check(cls: type) -> bool:
    """Whether items of ``cls`` can hold a number only the range rule would report."""
    return bool(_plan(cls))


def wrong_numbers(obj: Any, path: FieldPath = ()) -> Iterator[Number]:
    """The numbers inside ``obj`` that ``violation`` objects to (fields a topic rule wholly
    covers are skipped: their own rule reports them)."""
    owner = type(obj).__name__
    for name, r, year_keyed in _plan(type(obj)):
        yield from _wrong(getattr(obj, name), (*path, name), owner, name, r, year_keyed)


def _wrong(
    value: Any, path: FieldPath, owner: str, name: str, r: Range | None, year_keyed: bool
) -> Iterator[Number]:
    if value is None or value.__class__ in (str, bool):
        return
    if value.__class__ in (float, int):
        if (value.__class__ is float and not math.isfinite(value)) or (
            r is not None and not r.soft_ok(value)
        ):
            yield Number(path, owner, name, value)
    elif dataclasses.is_dataclass(value):
        yield from wrong_numbers(value, path)
    elif isinstance(value, list):
        keyed = name in KEYED_LISTS or name == "allocations"
        for i, item in enumerate(value):
            step = item_key(name, item) if keyed and dataclasses.is_dataclass(item) else i
            yield from _wrong(item, (*path, step), owner, name, r, year_keyed)
    elif isinstance(value, dict):
        for k, v in value.items():
            if year_keyed and is_number(k) and not YEAR_LO <= k <= YEAR_HI:
                yield Number((*path, k), owner, name, k, is_key=True)
            yield from _wrong(v, (*path, k), owner, name, r, year_keyed)


def violation(n: Number) -> tuple[str, Range | None] | None:
    """("non_finite" | "range" | "absurd", range) when ``n`` is wrong, else None."""
    if n.is_key:
        return None if YEAR_LO <= n.value <= YEAR_HI else ("range", _YEAR)
    if not finite(n.value):
        return "non_finite", range_of(n.owner, n.field)
    r = range_of(n.owner, n.field)
    if r is None:
        return None
    if not r.hard_ok(n.value):
        return "range", r
    if not r.soft_ok(n.value):
        return "absurd", r
    return None


class RangeError(ValueError):
    """An edit refused because a number is not finite or cannot be true; one line, zh | en."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} | {en}")
        self.zh, self.en = zh, en


def check_numbers(obj: Any, path: FieldPath, owner: str, field: str) -> None:
    """Raise ``RangeError`` when a value about to be stored at ``path`` (field ``field`` of a
    ``owner``) is, or holds, a non-finite number: it would void every result computed from it
    and could not be saved. Out-of-range values pass: an importer's edit must still apply so
    the problems list can name them (the window's cells refuse them as they are typed)."""
    found = (
        numbers(obj, path) if dataclasses.is_dataclass(obj) else _values(obj, path, owner, field)
    )
    for n in found:
        if not finite(n.value):
            v = show(n.value)
            raise RangeError(f"{v} 不是有限数字", f"{v} is not a finite number")


def check_edit(path: FieldPath, value: Any) -> None:
    """Refuse (``RangeError``) a value an edit would store at ``path`` when it is, or holds, a
    non-finite number."""
    check_numbers(value, path, "", "")
