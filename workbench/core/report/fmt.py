"""The report's one number formatter: every number in the draft goes through ``Fmt``.

Units follow planning documents: money in 亿元 (as the model stores it), people in 万人 (the
model stores 人; a draft never says 12,345 人 for a circle-wide figure), shares in %. English text
says the same quantities in the app's English unit names. Rounding is to two decimals: 0.01 亿元
is 100 万元, finer than any figure in a plan; totals are added before they are rounded.
"""

from __future__ import annotations

import math

from workbench.core.projections import vocabulary as voc

TEN_THOUSAND = 10_000.0
UNIT = {  # model unit -> (zh, en) unit the report states
    voc.MONEY: ("亿元", "100M yuan"),
    voc.PEOPLE: ("万人", "10k persons"),
    voc.PERCENT: ("%", "%"),
    "": ("", ""),
}


class Fmt:
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def pick(self, zh: str, en: str) -> str:
        return zh if self.lang == "zh" else en

    @property
    def total(self) -> str:
        """合计 / Total: the vocabulary's word for the sum of the parts."""
        return voc.label(voc.TOTAL, self.lang)

    def unit(self, model_unit: str) -> str:
        zh, en = UNIT.get(model_unit, (model_unit, model_unit))
        return self.pick(zh, en)

    @staticmethod
    def scaled(value: float, model_unit: str) -> float:
        """The number in the report's unit (人 → 万人)."""
        return value / TEN_THOUSAND if model_unit == voc.PEOPLE else value

    def number(self, value: float | None, model_unit: str = voc.MONEY, digits: int = 2) -> str:
        """The bare number in the report's unit, for table cells (the unit is in the header)."""
        if value is None or not math.isfinite(value):
            return "—"
        v = self.scaled(float(value), model_unit)
        if abs(v) < 0.5 * 10**-digits:
            v = 0.0  # never print -0.00
        return f"{v:,.{digits}f}"

    def value(self, value: float | None, model_unit: str = voc.MONEY, digits: int = 2) -> str:
        """A number with its unit, for sentences: 「12.34 亿元」, 「1.20 万人」, 「3.50%」; English
        sentences say money as "CNY 1.23 bn" / "CNY 61 m" and people in persons."""
        if self.lang == "en" and value is not None and math.isfinite(value):
            if model_unit == voc.MONEY:  # 1 亿元 = 100 million yuan
                if abs(value) >= 10:
                    return f"CNY {value / 10:,.2f} bn"
                return f"CNY {value * 100:,.0f} m"
            if model_unit == voc.PEOPLE:
                return f"{value:,.0f} persons"
        text = self.number(value, model_unit, digits)
        unit = self.unit(model_unit)
        if text == "—" or not unit:
            return text
        if unit == "%":
            return f"{text}%"
        return f"{text} {unit}"

    def header(self, text: str, model_unit: str) -> str:
        """A column title with its unit: 「金额（亿元）」 / "Amount (100M yuan)"."""
        unit = self.unit(model_unit)
        if not unit:
            return text
        return f"{text}（{unit}）" if self.lang == "zh" else f"{text} ({unit})"

    def count(self, n: int, zh_measure: str, en_noun: str) -> str:
        """「12 个」 / "12 units"."""
        if self.lang == "zh":
            return f"{n} {zh_measure}"
        return f"{n} {en_noun}{'' if n == 1 else 's'}"

    def year(self, y: int) -> str:
        return self.pick(f"{y} 年", str(y))

    def join(self, items: list[str]) -> str:
        return self.pick("、".join(items), ", ".join(items))
