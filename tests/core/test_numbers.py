"""Typed numbers: a comma is a thousands separator only in its unambiguous form."""

from __future__ import annotations

import math

import pytest

from workbench.core.numbers import NumberInputError, parse_number_text


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1.5", 1.5),
        (" 12 ", 12.0),
        ("1,500", 1500.0),
        ("12,345.25", 12345.25),
        ("-1,000", -1000.0),
        ("1，500", 1500.0),  # full-width comma from a Chinese input method
        ("１２．５", 12.5),  # full-width digits and point
        ("1e3", 1000.0),
        (7, 7.0),
        (2.25, 2.25),
    ],
)
def test_unambiguous_input_reads_as_typed(typed, expected):
    assert parse_number_text(typed) == expected


@pytest.mark.parametrize("typed", ["1,5", "1，5", "12,34", "1,5000", ",500", "1,500,00", "1.500,5"])
def test_a_comma_that_could_be_a_decimal_is_refused_not_reinterpreted(typed):
    with pytest.raises(NumberInputError) as err:
        parse_number_text(typed)
    assert "千位" in err.value.zh and "thousands" in err.value.en


@pytest.mark.parametrize(
    "typed", ["abc", "", "nan", "inf", "-Infinity", True, math.nan, "1e999", 10**400]
)
def test_non_numbers_and_non_finite_values_are_refused(typed):
    with pytest.raises(NumberInputError) as err:
        parse_number_text(typed)
    assert "不是数字" in err.value.zh
