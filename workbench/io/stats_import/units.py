"""Units as printed in yearbooks, and their conversion to the workbench's canonical units.

Canonical: money in 亿元 (万元 ÷ 10⁴, 元 ÷ 10⁸), US dollars in 亿美元, people in 万人 (人 ÷ 10⁴),
shares in %, per-capita money in 元. Anything else (‰, 上年=100, 个, 公顷 …) is kept as printed with
no conversion. The printed unit always travels with the value as ``original_unit``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache


class Kind(StrEnum):
    MONEY = "money"
    USD = "usd"
    PEOPLE = "people"
    PERCENT = "percent"
    PER_CAPITA = "per_capita"
    OTHER = "other"


@dataclass(frozen=True)
class Unit:
    """A printed unit resolved: what it is called canonically and the factor to get there."""

    printed: str
    canonical: str
    factor: float
    kind: Kind


# token -> (kind, factor to the canonical unit of that kind)
_TOKENS: dict[str, tuple[Kind, float]] = {
    "万亿元": (Kind.MONEY, 1e4),
    "千亿元": (Kind.MONEY, 1e1),
    "亿元": (Kind.MONEY, 1.0),
    "千万元": (Kind.MONEY, 1e-1),
    "百万元": (Kind.MONEY, 1e-2),
    "十万元": (Kind.MONEY, 1e-3),
    "万元": (Kind.MONEY, 1e-4),
    "千元": (Kind.MONEY, 1e-5),
    "元": (Kind.MONEY, 1e-8),
    "亿美元": (Kind.USD, 1.0),
    "万美元": (Kind.USD, 1e-4),
    "千美元": (Kind.USD, 1e-5),
    "美元": (Kind.USD, 1e-8),
    "亿人": (Kind.PEOPLE, 1e4),
    "万人": (Kind.PEOPLE, 1.0),
    "千人": (Kind.PEOPLE, 1e-1),
    "百人": (Kind.PEOPLE, 1e-2),
    "人": (Kind.PEOPLE, 1e-4),
    "%": (Kind.PERCENT, 1.0),
    "百分比": (Kind.PERCENT, 1.0),
    "百分点": (Kind.OTHER, 1.0),
    "‰": (Kind.OTHER, 1.0),
    "上年=100": (Kind.OTHER, 1.0),
    "万人次": (Kind.OTHER, 1.0),
    "人次": (Kind.OTHER, 1.0),
    "万户": (Kind.OTHER, 1.0),
    "户": (Kind.OTHER, 1.0),
    "个": (Kind.OTHER, 1.0),
    "家": (Kind.OTHER, 1.0),
    "万吨": (Kind.OTHER, 1.0),
    "吨": (Kind.OTHER, 1.0),
    "公顷": (Kind.OTHER, 1.0),
    "平方公里": (Kind.OTHER, 1.0),
    "km2": (Kind.OTHER, 1.0),
    "公里": (Kind.OTHER, 1.0),
    "千瓦时": (Kind.OTHER, 1.0),
    "亿千瓦时": (Kind.OTHER, 1.0),
    "万千瓦时": (Kind.OTHER, 1.0),
}
_PER_CAPITA_TOKENS = {"元/人": 1.0, "万元/人": 1e4, "元/人·年": 1.0}
_CANONICAL = {
    Kind.MONEY: "亿元",
    Kind.USD: "亿美元",
    Kind.PEOPLE: "万人",
    Kind.PERCENT: "%",
    Kind.PER_CAPITA: "元",
}
_ALL = sorted([*_TOKENS, *_PER_CAPITA_TOKENS], key=len, reverse=True)
_TOKEN_RE = re.compile("|".join(re.escape(t) for t in _ALL))
_SPACES = re.compile(r"[\s\u3000\u00a0]+")
_LATIN_WORDS = re.compile(r"[A-Za-z][A-Za-z .\-]*")
_UNIT_LABEL = re.compile(r"^单位[:：]?")


def _norm(text: str) -> str:
    t = unicodedata.normalize("NFKC", text)
    return _SPACES.sub("", t).replace("＝", "=")


def unit_tokens(text: str) -> list[str]:
    """Every unit named in ``text`` in order (``亿元、%`` → [亿元, %]); English glosses ignored.
    Memoised per text: a long database export repeats a few labels over thousands of rows."""
    return list(_unit_tokens(text)) if type(text) is str else list(_read_tokens(text))


@lru_cache(maxsize=65536)
def _unit_tokens(text: str) -> tuple[str, ...]:
    return _read_tokens(text)


def _read_tokens(text: str) -> tuple[str, ...]:
    t = _norm(text)
    t = _LATIN_WORDS.sub(lambda m: "" if len(m.group()) > 3 else m.group(), t)
    found = [m.group() for m in _TOKEN_RE.finditer(t)]
    return tuple(dict.fromkeys(found))


def resolve(printed: str, *, per_capita: bool = False) -> Unit | None:
    """Resolve one printed unit; ``per_capita`` says the figure is per person (人均…)."""
    return _resolve(printed, per_capita) if type(printed) is str else None


def clear_caches() -> None:
    _unit_tokens.cache_clear()
    _resolve.cache_clear()


@lru_cache(maxsize=4096)
def _resolve(printed: str, per_capita: bool) -> Unit | None:
    tokens = unit_tokens(printed)
    if len(tokens) != 1:
        return None
    tok = tokens[0]
    if tok in _PER_CAPITA_TOKENS:
        return Unit(tok, "元", _PER_CAPITA_TOKENS[tok], Kind.PER_CAPITA)
    kind, factor = _TOKENS[tok]
    if per_capita and kind is Kind.MONEY:
        # 人均 figures: 元 stays 元, 万元 becomes 元 ×10⁴.
        return Unit(tok, "元", factor * 1e8, Kind.PER_CAPITA)
    canonical = _CANONICAL.get(kind, tok)
    if kind is Kind.OTHER:
        factor = 1.0
    return Unit(tok, canonical, factor, kind)


def is_unit_text(text: str) -> bool:
    """Whether ``text`` is nothing but a unit, e.g. ``（亿元）`` or ``单位：万人``."""
    t = _norm(text)
    t = _UNIT_LABEL.sub("", t).strip("()（）[]【】")
    return bool(t) and (t in _TOKENS or t in _PER_CAPITA_TOKENS)


_UNIT_ROW = re.compile(r"(?:计量)?单位\s*[:：]\s*(.+)$")


def unit_statement(text: str) -> list[str] | None:
    """Units named by a ``单位：亿元`` statement (None when the text is not one)."""
    t = unicodedata.normalize("NFKC", text).strip()
    m = _UNIT_ROW.search(t)
    if not m:
        return None
    return unit_tokens(m.group(1)) or [m.group(1).strip()]
