"""Matching printed region labels to division codes, and telling regions from aggregates.

A yearbook's region column mixes real places (``自　贡``, ``  锦江区``, ``攀枝花``) with totals
(``全省``, ``合计``), subtotals (``市辖区``, ``县``) and groupings (``主城都市区``, ``#都市发达经济圈``,
``成都平原经济区``). Totals and groups get level ``aggregate`` and are never matched to a place.
Places go through the gazetteer, which never guesses; this module adds what a careful reader of
the whole table knows: the province most rows belong to (``within``), the parent a row is indented
under, and the level most rows share (``乌鲁木齐`` in a table of prefecture-level cities). Every
such inference is recorded in ``how`` so the report can say it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from workbench.core.enums import Level
from workbench.core.gazetteer import (
    Gazetteer,
    default_gazetteer,
    has_footnote,
    name_key,
    normalize_name,
    strip_footnote,
)

AGGREGATE = "aggregate"

_TOTALS = frozenset(
    {
        "全省",
        "全市",
        "全国",
        "全区",
        "全州",
        "全县",
        "合计",
        "总计",
        "全省合计",
        "全市合计",
        "地区合计",
        "全部",
        "总体",
        "全省总计",
        "全市总计",
        "全国总计",
        "total",
        "合 计",
    }
)
_SUBTOTALS = frozenset(
    {"市辖区", "县", "市区", "小计", "市辖区小计", "县小计", "区县小计", "郊区县", "各县"}
)
_GROUP_EXACT = frozenset(
    {
        "主城区",
        "中心城区",
        "主城都市区",
        "渝东北",
        "渝东南",
        "渝西",
        "渝西地区",
        "主城新区",
        "成渝地区双城经济圈",
        "成都都市圈",
        "重庆都市圈",
        "都市圈",
        "城区",
        "郊区",
        "五大经济区",
    }
)
_GROUP_SUFFIX = (
    "经济区",
    "经济圈",
    "都市圈",
    "都市区",
    "示范区",
    "城镇群",
    "城市群",
    "经济带",
    "片区",
    "板块",
    "合计",
    "小计",
    "总计",
    "协同发展区",
    "生态区",
)
_SPACES = re.compile(r"[ \t\u3000\u00a0]")
_SHARED: dict[tuple[str, str | None], Any] = {}
# label, indent, marked, code, name, level, how, kind, candidates, suggestions, footnote mark
_Reading = tuple[str, int, bool, str, str, str, str, str, tuple[str, ...], tuple[str, ...], bool]
_READINGS: dict[str, _Reading] = {}
_MARK = re.compile(r"^\s*(?:[#＃*＊]+|其中[:：]?|内[:：])")


@dataclass(slots=True)
class RegionMatch:
    """What one printed label was understood as."""

    label: str  # as printed, stripped
    code: str = ""
    name: str = ""  # canonical name, or the cleaned label for aggregates and failures
    level: str = ""  # province / prefecture / county / aggregate; "" when not matched
    how: str = ""  # name, short, alias:…, scope, within:<code>, parent:<code>, column:<code>,
    # outside:<code> (not matched: the name is no part of the parent its row prints), level, manual
    kind: str = ""  # for aggregates: total / subtotal / group
    indent: int = 0
    marked: bool = False  # "#" or 其中: a part shown for information, not a partition member
    candidates: list[str] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    context: str = ""  # the printed parent a region column to its left gave it (column:, outside:)

    @property
    def ok(self) -> bool:
        return bool(self.code) or self.level == AGGREGATE


def indent_of(raw: object) -> int:
    """Leading indentation as printed: one per space, two per full-width space."""
    if not isinstance(raw, str):
        return 0
    n = 0
    for ch in raw:
        if ch == " " or ch == "\u00a0":
            n += 1
        elif ch == "\u3000":
            n += 2
        elif ch == "\t":
            n += 4
        else:
            break
    return n


@lru_cache(maxsize=65536)
def aggregate_kind(label: str) -> str:
    """'total', 'subtotal', 'group' or '' for a printed label."""
    t = unicodedata.normalize("NFKC", label)
    t = _SPACES.sub("", t)
    t = strip_footnote(_MARK.sub("", t).strip(":：")).strip(":：")
    low = t.lower()
    if t in _TOTALS or low in _TOTALS:
        return "total"
    if t in _SUBTOTALS:
        return "subtotal"
    if t in _GROUP_EXACT or t.endswith(_GROUP_SUFFIX):
        return "group"
    if t.startswith(("渝东北", "渝东南", "渝西", "主城")) and len(t) > 2:
        return "group"
    return ""


def _plain_kind(t: str) -> str:
    """``aggregate_kind`` of a label of ideographs only (which NFKC, the space and marker
    stripping leave unchanged), without those steps."""
    if t in _TOTALS:
        return "total"
    if t in _SUBTOTALS:
        return "subtotal"
    if t in _GROUP_EXACT or t.endswith(_GROUP_SUFFIX):
        return "group"
    if t.startswith(("渝东北", "渝东南", "渝西", "主城")) and len(t) > 2:
        return "group"
    return ""


def clear_caches() -> None:
    """Forget memoised gazetteer answers and label readings (a cold start, for benchmarks)."""
    _SHARED.clear()
    _READINGS.clear()
    aggregate_kind.cache_clear()


_DEPTH = {Level.PROVINCE: 0, Level.PREFECTURE: 1, Level.COUNTY: 2}


def _how(matched_by: str, inferred: str) -> str:
    """Keep "former_unit" visible through scope and parent inferences (see ``_fill``)."""
    return matched_by if matched_by.endswith("former_unit") else inferred


class RegionMatcher:
    """Resolves the labels of one table together, so each can use what the others say."""

    def __init__(
        self, gazetteer: Gazetteer | None = None, manual: dict[str, str] | None = None
    ) -> None:
        self.g = gazetteer or default_gazetteer()
        self.manual = {normalize_name(k): v for k, v in (manual or {}).items()}
        self.manual_raw = dict(manual or {})
        self._cache: dict[tuple[str, str | None], object] = {}
        self._readings: dict[str, _Reading] = {}
        self.scope: str = ""
        self.dominant_level: str = ""
        self.notes: list[tuple[str, str]] = []

    def _reading(self, text: str) -> _Reading:
        """``_read_label``, memoised as ``match_all`` memoises it."""
        memo = _READINGS if self.g is default_gazetteer() else self._readings
        got = memo.get(text)
        if got is None:
            got = self._read_label(text)
            if len(memo) > 200_000:
                memo.clear()
            memo[text] = got
        return got

    def _lookup(self, label: str, within: str | None = None):  # type: ignore[no-untyped-def]
        # The bundled gazetteer never changes in a process, so its answers are memoised across
        # imports (the wizard re-reads a file after each correction).
        cache = _SHARED if self.g is default_gazetteer() else self._cache
        key = (label, within)
        hit = cache.get(key)
        if hit is None:
            hit = self.g.lookup(label, within=within)
            if len(cache) > 200_000:
                cache.clear()
            cache[key] = hit
        return hit

    def _fill(self, m: RegionMatch, code: str, how: str) -> None:
        if how.endswith("former_unit"):
            # A unit merged into a larger one (万盛区 → 綦江区): its figure is only part of the
            # successor's, so it must not be stored as the successor's figure.
            m.code, m.level, m.how = "", "", how
            m.name = name_key(m.label)
            m.candidates = []
            m.suggestions = [
                f"{self.g.full_name(code)}（已并入，数值仅为其一部分 / merged into it; partial figure）"
            ]
            return
        d = self.g.divisions.get(code)
        m.code = code
        m.name = d.name if d else code
        m.level = d.level.value if d else ""
        m.how = how
        m.candidates = []
        m.suggestions = []

    def match_all(
        self,
        raw_labels: list[object],
        *,
        hierarchy: bool = True,
        indents: list[int] | None = None,
        parents: list[tuple[str, ...]] | None = None,
    ) -> list[RegionMatch]:
        """Match every label (in table order; ``hierarchy`` uses indentation for parents;
        ``indents``: indentation set by the cells' format, added to the printed spaces;
        ``parents``: per label, the labels printed in region columns to its left, outermost
        first, which it is looked up within)."""
        out: list[RegionMatch] = []
        footnoted: dict[str, None] = {}
        # One reading per distinct printed text, kept across imports for the bundled gazetteer
        # (the wizard re-reads a file after every correction): the memo is looked up here, the
        # reading made by ``_reading`` only for a text not seen before.
        memo = _READINGS if self.g is default_gazetteer() else self._readings
        reading = self._reading
        for raw in raw_labels:
            text = raw if isinstance(raw, str) else ("" if raw is None else str(raw))
            got = memo.get(text) or reading(text)
            label, indent, marked, code, name, level, how, kind, cands, suggs, foot = got
            if foot:
                footnoted[label] = None
            if self.manual_raw and label:
                manual = self.manual_raw.get(label) or self.manual.get(normalize_name(label))
                if manual:
                    m = RegionMatch(label=label, indent=indent, marked=marked)
                    if manual == AGGREGATE:
                        m.level, m.name, m.kind, m.how = (
                            AGGREGATE,
                            name_key(label),
                            "group",
                            "manual",
                        )
                    else:
                        self._fill(m, manual, "manual")
                    out.append(m)
                    continue
            out.append(
                RegionMatch(
                    label, code, name, level, how, kind, indent, marked, list(cands), list(suggs)
                )
            )
        if indents is not None:
            for m, extra in zip(out, indents, strict=True):
                m.indent += extra
        self._infer_scope(out)
        if self.scope:
            for m in out:
                shadowed = m.how == "scope" and not self.g.is_within(m.code, self.scope)
                if m.label and (not m.level or shadowed):
                    r = self._lookup(m.label, self.scope)
                    if r.code:
                        self._fill(m, r.code, _how(r.matched_by, f"within:{self.scope}"))
        if hierarchy:
            self._use_parents(out)
        if parents is not None:
            self._use_columns(out, parents)
        self._use_level(out)
        if footnoted:
            eg = "、".join(list(footnoted)[:3])
            self.notes.append(
                (
                    f"{len(footnoted)} 个地区名称带脚注标记（如 {eg}），匹配时不计标记",
                    f"{len(footnoted)} region labels carry a footnote mark (e.g. {eg}); "
                    "the mark is ignored for matching",
                )
            )
        return out

    def _read_label(self, text: str) -> _Reading:
        """What a printed label says on its own (before the rest of the table is considered)."""
        plain = self.g._unique.get(text)  # a bare name with one place: most labels of a table
        if plain is not None and not plain[1].endswith("former_unit") and not _plain_kind(text):
            code = plain[0]
            name = self.g.divisions[code].name
            level = self.g.level_names[code]
            return (text, 0, False, code, name, level, plain[1], "", (), (), False)
        label = text.strip(" \t\u3000\u00a0\r\n")
        m = RegionMatch(label=label, indent=indent_of(text), marked=bool(_MARK.match(label)))
        if label:
            kind = aggregate_kind(label)
            if kind:
                m.level, m.kind, m.name = AGGREGATE, kind, name_key(label) or label
            else:
                r = self._lookup(label)
                if r.code:
                    self._fill(m, r.code, r.matched_by)
                else:
                    m.name = name_key(label)
                    m.candidates = list(r.candidates)
                    m.suggestions = list(dict.fromkeys(r.suggestions))
        return (
            m.label,
            m.indent,
            m.marked,
            m.code,
            m.name,
            m.level,
            m.how,
            m.kind,
            tuple(m.candidates),
            tuple(m.suggestions),
            has_footnote(label),
        )

    def _infer_scope(self, ms: list[RegionMatch]) -> None:
        provinces = Counter(m.code[:2] for m in ms if m.code and m.level != "province")
        resolved = sum(provinces.values())
        if resolved >= 2:
            top, n = provinces.most_common(1)[0]
            if n / resolved >= 0.6:
                self.scope = top + "0000"

    def _use_parents(self, ms: list[RegionMatch]) -> None:
        stack: list[RegionMatch] = []
        for m in ms:
            if not m.label:
                continue
            while stack and stack[-1].indent >= m.indent:
                stack.pop()
            if not m.level and m.candidates:  # the parent is looked for only when it can help
                parent = next((p for p in reversed(stack) if p.code), None)
                if parent is not None:
                    r = self._lookup(m.label, parent.code)
                    if r.code:
                        self._fill(m, r.code, _how(r.matched_by, f"parent:{parent.code}"))
            stack.append(m)

    def _use_columns(self, ms: list[RegionMatch], parents: list[tuple[str, ...]]) -> None:
        """A label printed right of its parent's column (市 | 县（市、区）) is a part of that
        parent: looked up inside it, which tells 内江 市中区 from 乐山 市中区. A place its name
        finds outside that parent is never taken: a county printed under the wrong city is a
        slip in the table, and its value must not go silently to a place the row does not name.
        A left column naming a place of the same level or below (出发地 | 目的地) is no parent."""
        chains: dict[tuple[str, ...], tuple[str, str]] = {}
        divisions = self.g.divisions
        for m, chain in zip(ms, parents, strict=True):
            if not chain or not m.label or (m.level == AGGREGATE and m.kind != "group"):
                continue
            got = chains.get(chain)
            if got is None:
                got = chains[chain] = self._chain_code(chain)
            parent, printed = got
            if not parent or m.code == parent:
                continue
            if m.level == AGGREGATE:
                # 城区, 郊区: a grouping in a list of places, but a district's very name when
                # printed beside its city (阳泉市 | 城区)
                r = self._lookup(m.label, parent)
                if r.code and r.matched_by == "name" and m.how != "manual":
                    self._fill(m, r.code, f"column:{parent}")
                    m.kind, m.context = "", printed
                continue
            if m.code and m.code not in divisions:
                continue  # a code the planner typed that the gazetteer does not know
            if m.code and (divisions[m.code].parent == parent or self.g.is_within(m.code, parent)):
                if m.how in ("scope", "level") or m.how.startswith(("within:", "parent:")):
                    # inferred from the table, and the printed parent settles it
                    self._fill(m, m.code, f"column:{parent}")
                    m.context = printed
                continue
            depth = _DEPTH.get(divisions[parent].level, 0)
            found = [m.code] if m.code else list(m.candidates)
            below = [c for c in found if (d := divisions.get(c)) and _DEPTH.get(d.level, 0) > depth]
            if not below:
                continue  # unmatched, or no place of the name could be a part of the parent
            r = self._lookup(m.label, parent)
            if r.code:
                self._fill(m, r.code, _how(r.matched_by, f"column:{parent}"))
                m.context = printed
            elif m.how == "manual":
                continue  # the planner chose a place for this label: the choice stands
            elif r.candidates:  # several places of the name inside the parent
                m.candidates = list(r.candidates)
                m.suggestions = [self.g.full_name(c) for c in r.candidates]
            else:
                m.code, m.level, m.how, m.context = "", "", f"outside:{parent}", printed
                m.name = name_key(m.label)
                m.candidates = []  # no later inference may pick one of them
                m.suggestions = [self.g.full_name(c) for c in below]

    def _chain_code(self, chain: tuple[str, ...]) -> tuple[str, str]:
        """The place the labels left of a label name, each looked up inside the one before
        (四川省 | 德阳市), with the printed label of the innermost: ("", "") when none is a place."""
        code, printed = "", ""
        for text in chain:
            if not text:
                continue
            rd = self._reading(text)
            label, level, cands = rd[0], rd[5], rd[8]
            if not label or level == AGGREGATE:
                continue
            manual = self.manual_raw.get(label) or self.manual.get(normalize_name(label))
            if manual and manual != AGGREGATE:
                c = manual if manual in self.g.divisions else ""
            elif code:
                r = self._lookup(label, code)
                c = "" if r.matched_by.endswith("former_unit") else (r.code or "")
            else:
                c = rd[3]
                if not c and cands and self.scope:
                    r = self._lookup(label, self.scope)
                    c = "" if r.matched_by.endswith("former_unit") else (r.code or "")
            if c:
                code, printed = c, label
        return code, printed

    def _use_level(self, ms: list[RegionMatch]) -> None:
        levels = Counter(m.level for m in ms if m.code and m.level)
        total = sum(levels.values())
        if not total:
            return
        level, n = levels.most_common(1)[0]
        if total >= 3 and n / total >= 0.8:
            self.dominant_level = level
            for m in ms:
                if not m.level and m.candidates:
                    fits = [
                        c
                        for c in m.candidates
                        if (d := self.g.divisions.get(c)) is not None and d.level.value == level
                    ]
                    if len(fits) == 1:
                        self._fill(m, fits[0], "level")
