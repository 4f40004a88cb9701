"""Canonical indicator keys and the Chinese names yearbooks print them under.

A header is matched as a path (``第二产业`` over ``#工业``): the leaf names the indicator unless it
is a generic word (``合计``) or a growth column (``增长%``), which take their meaning from above.
Labels that match nothing are kept under their printed text, never dropped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from workbench.io.stats_import import units
from workbench.io.stats_import.units import Kind, is_unit_text, unit_tokens


@dataclass(frozen=True)
class Indicator:
    key: str
    zh: str
    en: str
    kinds: tuple[Kind, ...]  # units it may be published in; () = any
    aliases: tuple[str, ...]
    additive: bool = True  # children sum to a subtotal (absolute amounts, not rates)


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "gdp",
        "地区生产总值",
        "GDP",
        (Kind.MONEY,),
        (
            "地区生产总值",
            "生产总值",
            "国内生产总值",
            "gdp",
            "地区生产总值gdp",
            "全市生产总值",
            "全省生产总值",
            "grp",
        ),
    ),
    Indicator(
        "gdp_primary",
        "第一产业增加值",
        "primary industry value added",
        (Kind.MONEY,),
        ("第一产业", "第一产业增加值", "一产", "一产增加值"),
    ),
    Indicator(
        "gdp_secondary",
        "第二产业增加值",
        "secondary industry value added",
        (Kind.MONEY,),
        ("第二产业", "第二产业增加值", "二产", "二产增加值"),
    ),
    Indicator(
        "gdp_industry",
        "工业增加值",
        "industry value added",
        (Kind.MONEY,),
        ("工业", "工业增加值", "全部工业增加值"),
    ),
    Indicator(
        "gdp_tertiary",
        "第三产业增加值",
        "tertiary industry value added",
        (Kind.MONEY,),
        ("第三产业", "第三产业增加值", "三产", "三产增加值"),
    ),
    Indicator(
        "gdp_growth",
        "地区生产总值增速",
        "GDP growth",
        (Kind.PERCENT,),
        (
            "地区生产总值增长",
            "地区生产总值增速",
            "地区生产总值增长率",
            "gdp增速",
            "gdp增长",
            "生产总值增长",
            "生产总值增速",
            "国内生产总值增长",
            "地区生产总值比上年增长",
            "经济增速",
        ),
        additive=False,
    ),
    Indicator(
        "gdp_index",
        "地区生产总值指数",
        "GDP index",
        (Kind.OTHER,),
        ("地区生产总值指数", "生产总值指数", "国内生产总值指数"),
        additive=False,
    ),
    Indicator(
        "gdp_per_capita",
        "人均地区生产总值",
        "GDP per capita",
        (Kind.PER_CAPITA,),
        ("人均地区生产总值", "人均生产总值", "人均gdp", "人均国内生产总值"),
        additive=False,
    ),
    Indicator(
        "population",
        "常住人口",
        "resident population",
        (Kind.PEOPLE,),
        (
            "常住人口",
            "年末常住人口",
            "常住人口数",
            "年末常住总人口",
            "常住总人口",
            "年平均常住人口",
        ),
    ),
    Indicator(
        "registered_population",
        "户籍人口",
        "registered population",
        (Kind.PEOPLE,),
        ("户籍人口", "年末户籍人口", "户籍总人口", "年末户籍总人口", "户籍人口数"),
    ),
    Indicator(
        "urbanization_rate",
        "常住人口城镇化率",
        "urbanisation rate",
        (Kind.PERCENT,),
        ("城镇化率", "常住人口城镇化率", "城镇化水平", "人口城镇化率"),
        additive=False,
    ),
    Indicator(
        "fiscal_revenue",
        "一般公共预算收入",
        "general public budget revenue",
        (Kind.MONEY,),
        (
            "一般公共预算收入",
            "地方一般公共预算收入",
            "一般预算收入",
            "地方财政一般预算收入",
            "地方一般预算收入",
            "一般公共预算收入地方",
        ),
    ),
    Indicator(
        "fiscal_expenditure",
        "一般公共预算支出",
        "general public budget expenditure",
        (Kind.MONEY,),
        (
            "一般公共预算支出",
            "地方一般公共预算支出",
            "一般预算支出",
            "地方财政一般预算支出",
            "地方一般预算支出",
        ),
    ),
    Indicator(
        "fixed_asset_investment",
        "固定资产投资",
        "fixed-asset investment",
        (Kind.MONEY,),
        (
            "固定资产投资",
            "全社会固定资产投资",
            "固定资产投资额",
            "固定资产投资不含农户",
            "全社会固定资产投资总额",
        ),
    ),
    Indicator(
        "retail_sales",
        "社会消费品零售总额",
        "retail sales of consumer goods",
        (Kind.MONEY,),
        ("社会消费品零售总额", "社零总额", "社会消费品零售额"),
    ),
    Indicator(
        "trade_total",
        "进出口总额",
        "total imports and exports",
        (Kind.MONEY, Kind.USD),
        ("进出口总额", "货物进出口总额", "进出口总值", "外贸进出口总额"),
    ),
)


def _growth_of(ind: Indicator) -> Indicator:
    """The growth rate of an amount in the catalogue (``一般公共预算收入 | 比上年增长`` in one
    file, ``一般公共预算收入增速`` in another): one key, ``<key>_growth``, in %, so the same
    growth read from two files lands on one key instead of two printed labels."""
    zh = ind.zh
    names = [ind.zh, *ind.aliases]
    return Indicator(
        f"{ind.key}_growth",
        f"{zh}增速",
        f"{ind.en} growth",
        (Kind.PERCENT,),
        tuple(
            f"{n}{w}" for n in names for w in ("增速", "增长", "增长率", "比上年增长", "增长速度")
        ),
        additive=False,
    )


# growth keys of the amounts (money, people, per-capita money) that have none of their own;
# a rate (城镇化率) or an index has no growth rate in % (its change is in points)
INDICATORS = INDICATORS + tuple(
    _growth_of(i)
    for i in INDICATORS
    if not i.key.endswith("_growth")
    and f"{i.key}_growth" not in {j.key for j in INDICATORS}
    and set(i.kinds) <= {Kind.MONEY, Kind.USD, Kind.PEOPLE, Kind.PER_CAPITA}
    and i.kinds
)
BY_KEY: dict[str, Indicator] = {i.key: i for i in INDICATORS}

_SPACES = re.compile(r"[\s\u3000\u00a0]+")
# compiled with the module, not by the first read (a CJK range takes milliseconds to compile)
_IDEOGRAPH = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]{2}")
_MARKERS = re.compile(
    r"^(?:[#＃*＊]+|其中[:：]?|内[:：]|\d+[.、]|[(（][一二三四五六七八九十\d]+[)）])+"
)
_PARENS = re.compile(r"[(（]([^()（）]*)[)）]")
_FOOTNOTE = re.compile(r"[①-⑳*＊¹²³]+$")
_GENERIC = frozenset(
    {
        "合计",
        "总计",
        "小计",
        "计",
        "总量",
        "总额",
        "绝对值",
        "绝对数",
        "绝对额",
        "绝对量",
        "数值",
        "金额",
        "值",
        "数量",
        "本年",
        "本期",
        "当年",
        "全年",
        "total",
        "value",
        "amount",
    }
)
_GROWTH = re.compile(
    r"^(?:比上年同期|比上年|同比|较上年|名义|实际|按可比价格计算)?"
    r"(?:增长|增速|增长率|增长速度|增减|±)(?:率)?%?$|^增长\(?%\)?$"
)

_ALIAS: dict[str, str] = {}


@lru_cache(maxsize=65536)
def normalize_label(text: str) -> str:
    """Matching form: NFKC, lower-case, no spaces, markers, unit brackets, footnote marks.
    (Memoised: header labels repeat column after column and file after file.)"""
    t = unicodedata.normalize("NFKC", text).lower()
    t = _SPACES.sub("", t)
    t = _MARKERS.sub("", t)
    t = _FOOTNOTE.sub("", t)
    t = _PARENS.sub(lambda m: "" if (unit_tokens(m.group(1)) or not m.group(1)) else m.group(1), t)
    return t.rstrip("%:：").strip()


for _ind in INDICATORS:
    for _a in (*_ind.aliases, _ind.zh):
        _ALIAS[normalize_label(_a)] = _ind.key


def chinese_part(text: str) -> str:
    """The Chinese line(s) of a bilingual label (``地区生产总值\\nGross regional product``)."""
    return _chinese_part(text) if type(text) is str else _chinese_text(text)


@lru_cache(maxsize=65536)
def _chinese_part(text: str) -> str:
    return _chinese_text(text)


def _chinese_text(text: object) -> str:
    # A line without Latin letters is kept with the Chinese ones: a unit put on a line of its
    # own (``城镇化率\n（%）``, ``(‰)``) or a year, not an English gloss.
    lines = [ln.strip() for ln in str(text).splitlines() if ln.strip()]
    zh = [ln for ln in lines if _IDEOGRAPH.search(ln) or not _LATIN.search(ln)]
    return " ".join(zh or lines)


def is_english(text: str) -> bool:
    """Whether a label is an English-only gloss (a bilingual header line)."""
    return _is_english(text) if type(text) is str else _english_text(text)


@lru_cache(maxsize=65536)
def _is_english(text: str) -> bool:
    return _english_text(text)


def _english_text(text: object) -> bool:
    t = str(text).strip()
    return bool(_LATIN.search(t)) and not _IDEOGRAPH.search(t)


def inline_unit(text: str) -> str | None:
    """The unit printed inside a label: ``常住人口（万人）`` → 万人; ``增长%`` → %."""
    return _inline_unit(text) if type(text) is str else _read_inline_unit(text)


@lru_cache(maxsize=65536)
def _inline_unit(text: str) -> str | None:
    return _read_inline_unit(text)


def _read_inline_unit(text: str) -> str | None:
    t = unicodedata.normalize("NFKC", chinese_part(text))
    for m in reversed(list(_PARENS.finditer(t))):
        toks = unit_tokens(m.group(1))
        if toks:
            return "、".join(toks)
    if t.rstrip().endswith("%"):
        return "%"
    return None


@lru_cache(maxsize=65536)
def plain_name(label: str) -> str:
    """The name an unknown indicator is kept under: its label without the unit printed in it
    (``规模以上工业增加值增速（%）``, ``…增速(%)``, ``…增速%`` and ``…增速`` are one indicator
    in every file; the unit is read from the label on its own). Each ``/`` level of a header
    path loses its unit; a label that is nothing but a unit stays as printed. (Memoised: it is
    asked once per row signature and column.)"""
    text = units.without_unit_brackets(label)
    if "/" in text:
        name = "/".join(p for p in map(_no_percent, text.split("/")) if p)
    else:
        name = _no_percent(text)
    return name or label


# a label naming its comparison (``…比上年增长``, ``…同比增长（%）``, ``…增长速度``): the growth
# rate of what precedes it. A bare ``…增长率`` is left as printed (``人口自然增长率`` is no growth
# of a 人口自然), and so is a change (``增减``, ``±``), which may be an amount.
_GROWTH_TAIL = re.compile(r"(?:(?:比上年同期|比上年|同比|较上年)(?:增长率?|增速)|增长速度)$")


@lru_cache(maxsize=4096)
def unknown_name(path: tuple[str, ...]) -> str:
    """The key of an indicator not in the catalogue: its printed label without units, except
    that its growth rate is always ``<name>增速`` — a growth column under it (``规模以上工业增加值
    | 增长%``, ``…/比上年增长``) and a label naming it (``规模以上工业增加值增速（%）``,
    ``…比上年增长``) read in two files land on one key. (Memoised per path.)"""
    parts = [p for p in path if p]
    if len(parts) > 1 and is_growth(parts[-1]):
        word = normalize_label(parts[-1])
        base = [p for p in parts[:-1] if not is_generic(p)]
        if base and "增减" not in word and "±" not in word:
            return f"{plain_name('/'.join(base))}增速"
    name = plain_name("/".join(parts))
    if "/" not in name:
        grown = _GROWTH_TAIL.sub("", name)
        if grown != name and grown and not is_growth(grown):
            return f"{grown}增速"
    return name


def _no_percent(text: str) -> str:
    t = text.strip()
    return t[:-1].rstrip() if t.endswith(("%", "％")) else t


def match(label: str) -> str | None:
    """Canonical key for one printed label, or None."""
    key = normalize_label(chinese_part(label))
    if not key:
        return None
    if key in _ALIAS:
        return _ALIAS[key]
    return None


def is_generic(label: str) -> bool:
    return normalize_label(chinese_part(label)) in _GENERIC


def is_growth(label: str) -> bool:
    return _is_growth(label) if type(label) is str else _read_growth(label)


@lru_cache(maxsize=65536)
def _is_growth(label: str) -> bool:
    return _read_growth(label)


def _read_growth(label: str) -> bool:
    t = unicodedata.normalize("NFKC", chinese_part(label))
    t = _SPACES.sub("", t)
    t = _PARENS.sub(lambda m: "%" if "%" in m.group(1) else "", t)
    return bool(_GROWTH.match(t))


def match_path(path: list[str]) -> str | None:
    """Key for a header path, top to bottom (``[第二产业, #工业]`` → gdp_industry)."""
    if all(type(p) is str for p in path):
        return _match_path(tuple(path))
    return _read_path(path)


@lru_cache(maxsize=65536)
def _match_path(path: tuple[str, ...]) -> str | None:
    return _read_path(list(path))


def _read_path(path: list[str]) -> str | None:
    parts = [p for p in path if p and not is_unit_text(p) and not is_english(p)]
    if not parts:
        # a name in English alone (a database's series 'GDP:成都' once its place is taken off):
        # known only when it is one of the indicators' own English names
        words = [p for p in path if p and not is_unit_text(p)]
        return match(words[0]) if len(words) == 1 else None
    leaf = parts[-1]
    above = parts[:-1]
    if is_generic(leaf) and above:
        return match_path(above)
    if is_growth(leaf) and above:
        base = match_path(above)
        if base and BY_KEY.get(base + "_growth"):
            return base + "_growth"
        return None
    key = match(leaf)
    if key:
        return key
    if above:
        joined = match("".join(normalize_label(p) for p in parts))
        if joined:
            return joined
    return None


def in_title(title: str) -> str | None:
    """The one indicator a title names (``四川省各市地区生产总值（2023年）`` → gdp), else None."""
    t = normalize_label(title)
    found = set()
    for alias in sorted(_ALIAS, key=len, reverse=True):
        if len(alias) >= 4 and alias in t:
            found.add(_ALIAS[alias])
            t = t.replace(alias, "|")
    return found.pop() if len(found) == 1 else None


def clear_caches() -> None:
    """Forget memoised label readings (a cold start, for benchmarks)."""
    normalize_label.cache_clear()
    _chinese_part.cache_clear()
    _is_english.cache_clear()
    _inline_unit.cache_clear()
    plain_name.cache_clear()
    unknown_name.cache_clear()
    _is_growth.cache_clear()
    _match_path.cache_clear()
    units.clear_caches()
