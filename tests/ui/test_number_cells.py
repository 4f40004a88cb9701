"""Typed-in numbers (issue 10, point 7): NaN, infinities and what cannot be true are refused as
they are typed, with the bounds ``core.ranges`` declares for the field."""

from __future__ import annotations

import pytest

from workbench.ui.models.common import parse_number


@pytest.mark.parametrize("text", ["nan", "NaN", "inf", "-Infinity", "1e999", 10**400])
def test_non_finite_input_is_refused(text) -> None:
    with pytest.raises(ValueError):
        parse_number(text, "金额", 0)


def test_declared_range_applies_when_the_field_is_named() -> None:
    assert parse_number("1e308", "金额", 0) == 1e308  # no field: only the caller's bounds
    with pytest.raises(ValueError, match="金额"):
        parse_number("1e308", "金额", 0, field=("Allocation", "amount"))
    assert parse_number("5000", "金额", 0, field=("Allocation", "amount")) == 5000.0
    with pytest.raises(ValueError, match="不能为负数"):
        parse_number("-1", "现状产出", 0, field=("Candidate", "baseline_output"))
