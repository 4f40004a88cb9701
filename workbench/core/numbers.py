"""Reading a number a planner typed, without ever reinterpreting it.

A typed "1,5" could mean 1.5 (the decimal comma of many European locales and of people used to
them) or 15 with a stray comma; stripping every comma silently turned it into 15 亿元. The rule
here: a comma (ASCII or full-width) is accepted only as a thousands separator in its one
unambiguous form — groups of exactly three digits after a first group of one to three
(``1,500``, ``12,345.6``). Anything else with a comma is refused with a message that says why and
how to type it. Full-width digits, signs and the decimal point are normalised (NFKC), since
Chinese input methods produce them.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")


class NumberInputError(ValueError):
    """A typed value that is not a number, or not unambiguously one; zh and en say why."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


def parse_number_text(value: Any) -> float:
    """The finite float a planner meant by ``value``, or ``NumberInputError``."""
    if isinstance(value, bool):
        raise _not_a_number(value)
    if isinstance(value, (int, float)):
        try:
            x = float(value)
        except OverflowError:  # an integer beyond any float
            raise _not_a_number(value) from None
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip().replace("，", ",")
        if "," in text:
            if not _GROUPED.fullmatch(text):
                raise NumberInputError(
                    f"“{value}”含义不明确：逗号只能用作千位分隔（如 1,500）；小数请用小数点（如 1.5）",
                    f"{value!r} is ambiguous: a comma is accepted only as a thousands separator "
                    "(e.g. 1,500); type decimals with a point (e.g. 1.5)",
                )
            text = text.replace(",", "")
        try:
            x = float(text)
        except (ValueError, OverflowError):
            raise _not_a_number(value) from None
    if not math.isfinite(x):
        raise _not_a_number(value)
    return x


def _not_a_number(value: Any) -> NumberInputError:
    return NumberInputError(f"“{value}”不是数字", f"{value!r} is not a number")
