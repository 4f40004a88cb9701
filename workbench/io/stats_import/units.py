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
    _bracket_unit.cache_clear()


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


# Units a figure written with a magnitude word (3,626.9万, 1.2亿) can be scaled to: counts of
# one thing, whatever their own magnitude prefix. Rates, indices and ‰ have no magnitude.
_SCALABLE = frozenset({"元", "美元", "人", "人次", "户", "个", "家", "吨", "元/人", "元/人·年"})
_PREFIXES = (
    ("万亿", 1e12),
    ("千亿", 1e11),
    ("亿", 1e8),
    ("千万", 1e7),
    ("百万", 1e6),
    ("十万", 1e5),
    ("万", 1e4),
    ("千", 1e3),
    ("百", 1e2),
    ("", 1.0),
)


def magnitude_of(printed: str) -> float:
    """How many base units one printed unit is (亿元 → 1e8, 万人 → 1e4, 元 → 1), so a cell
    reading ``3,626.9万`` can be put in the column's unit; 0.0 when the unit has no such scale
    (%, 上年=100, ‰, an unknown or missing unit): the figure is then not read, never guessed."""
    t = _norm(printed) if printed else ""
    for prefix, mag in _PREFIXES:
        if t.startswith(prefix) and t[len(prefix) :] in _SCALABLE:
            return mag
    return 0.0


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


# A bracket as yearbooks print it, full- or half-width; its content holds no bracket itself.
_BRACKET = re.compile(r"([(（\[［【])([^()（）\[\]［］【】]*)([)）\]］】])")
_TRAILING_BRACKET = re.compile(_BRACKET.pattern + r"\s*$")
_PART_SEP = re.compile(r"\s*[,，、;；]\s*")
_STATED_PART = re.compile(r"(?:^|[,，、;；])\s*((?:计量)?单位\s*[:：])")
_STATED_IN = re.compile(r"单位\s*[:：]\s*\S")
_BARE_LABEL = re.compile(r"^[\s:：,，、;；.。\-—]*(?:(?:计量)?单位)?[\s:：,，、;；.。\-—]*$")
_GLOSS = re.compile(r"\s+[A-Za-z0-9][A-Za-z0-9 .,/\-]*$")
_IDEOGRAPH = re.compile(r"[\u4e00-\u9fff]")
_LATIN_PAIR = re.compile(r"[A-Za-z]{2}")


@dataclass(frozen=True)
class BracketUnit:
    """What a bracket says about units: the unit as printed (``单位：万元、%``), its tokens, and
    the bracket's other words (``当年价格`` of ``（当年价格，亿元）``), which are no unit."""

    statement: str
    tokens: tuple[str, ...]
    rest: str


def bracket_unit(content: str) -> BracketUnit | None:
    """The unit named inside a bracket, or None when the bracket names none. Stricter than
    ``unit_tokens``: a part must be a unit and nothing else (or say ``单位：``), so ``含农户``
    or ``按常住人口计算`` are not read as 户 or 人 (a title's bracket more often qualifies the
    table than states its unit)."""
    return _bracket_unit(content) if type(content) is str else None


@lru_cache(maxsize=4096)
def _bracket_unit(content: str) -> BracketUnit | None:
    stated = _STATED_PART.search(content)
    if stated:  # "单位：…" to the bracket's end, English gloss included, as a 单位 line is read
        rest = content[stated.end() :].strip()
        tokens = unit_tokens(rest) or ([rest] if rest else [])
        kept = _words(content[: stated.start()])
        return (
            BracketUnit(content[stated.start(1) :].strip(), tuple(tokens), kept) if tokens else None
        )
    parts = [p for p in _PART_SEP.split(content.strip()) if p]
    named = [p for p in parts if is_unit_text(p) or is_unit_text(_GLOSS.sub("", p))]
    if not named:
        return None
    tokens = [t for p in named for t in unit_tokens(p)]
    sep = _separator(content)
    return BracketUnit(
        sep.join(named), tuple(dict.fromkeys(tokens)), _words(content, skip=set(named))
    )


def _separator(content: str) -> str:
    return next((m.group().strip() for m in _PART_SEP.finditer(content) if m.group().strip()), "，")


def _words(content: str, skip: set[str] | frozenset[str] = frozenset()) -> str:
    """The parts of a bracket that are neither its unit nor an English gloss of it."""
    parts = [p for p in _PART_SEP.split(content.strip()) if p and p not in skip]
    kept = [p for p in parts if not (_LATIN_PAIR.search(p) and not _IDEOGRAPH.search(p))]
    return _separator(content).join(kept)


@dataclass(frozen=True)
class TitleUnit:
    """A title printed with the table's unit in a bracket at its end (``各市地区生产总值（亿元）``):
    the title without it (``""`` when the text is nothing but a unit) and the unit as printed."""

    title: str
    statement: str
    tokens: tuple[str, ...]


def title_unit(text: str) -> TitleUnit | None:
    """The unit bracket a title ends with (the last bracket naming a unit among those it ends
    with, so ``（亿元）（2023年）`` is found too), or None. A bracket's other words stay in the
    title (``各市地区生产总值（当年价格，亿元）`` → ``各市地区生产总值（当年价格）``), so a year
    printed there is still the title's. Each line of a bilingual title is looked at."""
    lines = text.splitlines() or [text]
    for i, line in enumerate(lines):
        end = len(line)
        while (m := _TRAILING_BRACKET.search(line, 0, end)) is not None:
            got = bracket_unit(m.group(2))
            if got is None:
                end = m.start()
                continue
            left = line[: m.start()].rstrip()
            if _STATED_IN.search(left):
                return None  # "单位：万元（%）" is a unit statement, read as one
            bare = _BARE_LABEL.match(left) is not None  # nothing before it but "单位："
            if bare and not any(_IDEOGRAPH.search(x) for x in lines[:i] + lines[i + 1 :]):
                # the whole cell states a unit ("（单位：万元）", "单位：（亿元）"), no title
                return TitleUnit("", f"{left.strip()}{got.statement}", got.tokens)
            kept = f"{m.group(1)}{got.rest}{m.group(3)}" if got.rest else ""
            tail = line[m.end() :].rstrip()
            lines[i] = "" if bare and not (kept or tail) else left + kept + tail
            title = "\n".join(x for x in lines if x.strip()).strip()
            return TitleUnit(title, got.statement, got.tokens)
    return None


def without_unit_brackets(text: str) -> str:
    """``text`` without the brackets that only state a unit (their other words stay):
    ``规模以上工业增加值增速（%）`` → ``规模以上工业增加值增速``."""

    def drop(m: re.Match[str]) -> str:
        got = bracket_unit(m.group(2))
        if got is None:
            return m.group()
        return f"{m.group(1)}{got.rest}{m.group(3)}" if got.rest else ""

    return _BRACKET.sub(drop, text)
