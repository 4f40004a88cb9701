"""Region gazetteer: statistical division codes and a lookup that resolves messy names.

Yearbooks print names padded with full-width spaces (``自　贡``), shortened (``攀枝花``, ``成都``),
indented, prefixed with ``#`` or ``其中：``, or under names that no longer exist (``郫县``,
``双桥区``). Every imported number goes through ``lookup``, so it must either resolve a name to one
code, or say clearly that it cannot and suggest what the planner may have meant. It never guesses
between two equally good matches.

Sources (see resources/gazetteer/SOURCES.md): NBS 统计用区划代码 via modood (codes as of
2022-10-31), membership from the 2021 planning outlines, derived adjacency and seats (trust D).
"""

from __future__ import annotations

import csv
import difflib
import heapq
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

import numpy as np

from workbench import derived_cache
from workbench.bundled import GAZETTEER_DIR
from workbench.core.enums import Level, Membership, MetroRole
from workbench.core.model import Adjacency, Region

_SPACES = re.compile(r"[\s\u3000\u00a0\u2002-\u200b]+")
_PREFIX = re.compile(r"^(?:[#＃*＊]+|其中[:：]?|内[:：]|注[:：]?)+")
_SUFFIXES_AUTONOMOUS = ("自治州", "自治县")
# Names that are not places: NBS placeholders for municipal districts and directly-governed counties.
_PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
_REMARK = re.compile(r"[(（][^)）]*[)）]$")
# Footnote marks after a name, as NFKC leaves them (① → 1, ⑴ → (1), ¹ → 1, ［1］ → [1], ＊ → *):
# only after an ideograph or a closing bracket, since no division's name holds a digit or one
# of these signs, while a label of Latin letters and digits (a code, ABC123) keeps its digits.
_FOOTNOTE = re.compile(
    r"(?<=[\u4e00-\u9fff)\]])"
    r"(?:\d+\.?|[*※△▲▽▼†‡☆★#§\u2776-\u2793]|\[注?\d+\]|\(注?\d+\)|注\d+)+$"
)
# An English or pinyin gloss printed after the Chinese name in one cell, as bilingual yearbooks
# do ("成 都 市 Chengdu", "攀枝花市 Panzhihua City"); it starts with a letter, so a footnote digit
# (南充市2) is not one, and no division's name holds a Latin letter.
_GLOSS = re.compile(
    r"(?<=[\u4e00-\u9fff)\]\d*※△▲▽▼†‡☆★#§\u2776-\u2793])\s*[A-Za-z][A-Za-z0-9\s.,'’&()\-]*$"
)
_IDEOGRAPHS = re.compile(r"[\u4e00-\u9fff]+")  # text normalize_name and name_key leave unchanged
# A division code printed beside the name in one cell, either side, bare or in brackets
# (510100 成都市, [510700]绵阳市, 成都市 510100000000): 6 digits, or the 12 of the
# statistical division code whose first 6 are the division's.
_CODE_AND_NAME = re.compile(
    r"^\s*[\[(（【]?(\d{6}(?:\d{6})?)[\])）】]?\s*(\D*[\u4e00-\u9fff]\D*?)\s*$"
    r"|^\s*(\D*[\u4e00-\u9fff]\D*?)\s*[\[(（【]?(\d{6}(?:\d{6})?)[\])）】]?\s*$"
)
# Units a name may carry as a prefix (四川省德阳市, 重庆市渝北区): never the place meant.
_HEAD_LEVELS = (Level.PROVINCE, Level.PREFECTURE)
_JOINERS = "·・-－—/|_>＞"  # printed between a prefix and the name


def normalize_name(text: str) -> str:
    """Canonical form for matching: NFKC (full-width → half-width), no spaces, no list markers."""
    t = unicodedata.normalize("NFKC", str(text))
    t = _SPACES.sub("", t)
    t = _PREFIX.sub("", t)
    t = _REMARK.sub("", t)  # trailing "(含万盛)" style remarks
    return t.strip(" .、:：")


def code_beside_name(text: str) -> tuple[str, str] | None:
    """(code, name) of a label printing a division code beside the name (``510100 成都市``)."""
    m = _CODE_AND_NAME.match(text)
    return ((m.group(1) or m.group(4))[:6], m.group(2) or m.group(3)) if m else None


def name_key(text: str) -> str:
    """``normalize_name`` without footnote marks (德阳市①, 自贡市*, 内江市[1], 南充市2): the form
    a printed place name is looked up by. A yearbook's mark is a note on the row, never part of
    a division's name; other names (a project's 物流园2) keep their digits in ``normalize_name``.
    An English gloss after the name (成都市 Chengdu) goes too."""
    t = unicodedata.normalize("NFKC", str(text))
    t = _GLOSS.sub("", t)
    t = _SPACES.sub("", t)
    t = _PREFIX.sub("", t)
    t = _FOOTNOTE.sub("", t)
    t = _REMARK.sub("", t)
    t = _FOOTNOTE.sub("", t)  # a mark printed before a remark: 德阳市①(含xx)
    return t.strip(" .、:：")


def strip_footnote(text: str) -> str:
    """``text`` (NFKC, no spaces) without the footnote marks ``name_key`` drops: for
    labels that are not looked up as names (合计①, 全省*), and to tell that a mark was there."""
    if _IDEOGRAPHS.fullmatch(text):
        return text  # most labels: nothing to strip
    t = _GLOSS.sub("", unicodedata.normalize("NFKC", text))
    return _FOOTNOTE.sub("", _SPACES.sub("", t))


def has_footnote(text: str) -> bool:
    """Whether ``name_key`` drops a footnote mark from ``text`` (for the report)."""
    if _IDEOGRAPHS.fullmatch(text):
        return False
    t = _SPACES.sub("", unicodedata.normalize("NFKC", text))
    return _FOOTNOTE.search(t) is not None or _FOOTNOTE.search(_REMARK.sub("", t)) is not None


def short_name(name: str) -> str:
    """The usual short form: 成都市→成都, 渝北区→渝北, 阿坝藏族羌族自治州→阿坝, 忠县→忠县."""
    if name.endswith(_SUFFIXES_AUTONOMOUS):
        return name[:2]
    if name.endswith("新区") and len(name) >= 4:
        return name[:-2]
    if len(name) >= 3 and name[-1] in "市区县省州":
        return name[:-1]
    return name


class Division(NamedTuple):
    """One statistical division (a named tuple: 3,000 of them are made at every start)."""

    code: str
    name: str
    level: Level
    parent: str


@dataclass
class LookupResult:
    """Outcome of resolving a name. ``code`` is set only when exactly one region fits."""

    query: str
    code: str | None = None
    matched_by: str = ""  # "name", "short", "alias:<kind>", "scope", "prefix"
    candidates: list[str] = field(default_factory=list)  # codes that fit equally well
    suggestions: list[str] = field(default_factory=list)  # names close to the query

    @property
    def ok(self) -> bool:
        return self.code is not None


_CACHE_NAME = "gazetteer"  # divisions, aliases and the plain names of one place
_INDEX_NAME = "gazetteer_index"  # every name's entries, read when first needed
# bump when the cached state's shape changes, or the names' keys (3: ``name_key``)
_CACHE_FORMAT = 3


def _read_sources(directory: Path) -> tuple[list[tuple[str, str, str, str]], list[dict[str, str]]]:
    """The divisions (code, name, level, parent) and aliases as the CSV files hold them."""
    with (directory / "divisions_cn.csv").open(encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh)
        head = next(rows)
        ic, iname, ilevel, iparent = (head.index(k) for k in ("code", "name", "level", "parent"))
        table = [(r[ic], r[iname], r[ilevel], r[iparent]) for r in rows]
    with (directory / "aliases.csv").open(encoding="utf-8", newline="") as fh:
        aliases = list(csv.DictReader(fh))
    return table, aliases


def _cache_key(directory: Path) -> str:
    """What the index derives from: the two CSV files and this module (the code building it)."""
    files = [directory / "divisions_cn.csv", directory / "aliases.csv", Path(__file__)]
    try:
        return derived_cache.key_of((_CACHE_NAME, _CACHE_FORMAT), files)
    except Exception:  # a file gone, a symlink loop: no key, so no cache, never an error
        return ""


def _is_state(state: object) -> bool:
    """A cached (table, aliases, unique) of the expected shape."""
    return (
        isinstance(state, tuple)
        and len(state) == 3
        and isinstance(state[0], list)
        and all(isinstance(r, tuple) and len(r) == 4 for r in state[0][:1])
        and isinstance(state[1], list)
        and isinstance(state[2], dict)
    )


class Gazetteer:
    """All of China's division codes, with Sichuan/Chongqing detail (membership, seats, borders)."""

    def __init__(self, directory: Path = GAZETTEER_DIR, *, cache: bool = False) -> None:
        """``cache``: the lookup tables from ``derived_cache`` if built from these files by
        this code, else built and stored there (a fresh process: ~3 ms instead of ~8)."""
        self.directory = directory
        self._key = _cache_key(directory) if cache else ""
        state = derived_cache.read(_CACHE_NAME, self._key) if self._key else None
        if _is_state(state):
            self._table, self.aliases, self._unique = state  # the index: when first needed
        else:
            self._table, self.aliases = _read_sources(directory)
            self._build_index()
            if self._key:
                derived_cache.write(_INDEX_NAME, self._key, self._index)
                derived_cache.write(
                    _CACHE_NAME, self._key, (self._table, self.aliases, self._unique)
                )
        levels = {x.value: x for x in Level}
        self.level_names: dict[str, str] = {code: level for code, _, level, _ in self._table}
        new = tuple.__new__  # Division(...) without its Python-level __new__: 3,000 of them
        self.divisions: dict[str, Division] = {
            code: new(Division, (code, name, levels[level], parent))
            for code, name, level, parent in self._table
        }

    @cached_property
    def _index(self) -> dict[str, list[tuple[str, str]]]:
        """Every name (normalised) → its (code, how) entries, read (or built) when a label is
        no plain name of one place: the usual yearbook table never needs it (issue 16)."""
        got = derived_cache.read(_INDEX_NAME, self._key) if self._key else None
        if isinstance(got, dict):
            return got
        self._build_index()
        return self.__dict__["_index"]

    def _build_index(self) -> None:
        self.__dict__["_index"] = {}  # before the cached property: the build fills it
        self._plain_keys: set[str] = set()
        self._add_divisions(self._table)
        add = self._add
        for a in self.aliases:
            add(a["alias"], a["code"], "alias:" + a["kind"], False)
            s = short_name(a["alias"])
            if s != a["alias"] and s not in self._index:
                add(s, a["code"], "alias:" + a["kind"], False)
        # The answer for a plain name with one entry, without normalising it again: most labels
        # of a table are such names, and a first read resolves thousands of them.
        index = self._index
        self._unique = {k: index[k][0] for k in self._plain_keys if len(index[k]) == 1}

    def _add_divisions(self, table: list[tuple[str, str, str, str]]) -> None:
        """Every division's name and short forms: ``_add`` written out for the names of
        ideographs only (all of the bundled ones), since a first read in a fresh process waits
        for these ~7,000 entries (issue 16)."""
        index, plain_keys, add = self._index, self._plain_keys, self._add
        get = index.get
        plain = _IDEOGRAPHS.fullmatch
        placeholders, autonomous = _PLACEHOLDERS, _SUFFIXES_AUTONOMOUS
        for code, name, _level, _parent in table:
            if name in placeholders:
                continue
            if plain(name) is None:  # written out below for plain names only
                add(name, code, "name", False)
                s = short_name(name)
                if s != name:
                    add(s, code, "short", plain(s) is not None)
                if name.endswith(autonomous):
                    add(s + name[-1], code, "short", False)
                continue
            plain_keys.add(name)
            entries = get(name)
            if entries is None:
                index[name] = [(code, "name")]
            elif code not in [c for c, _ in entries]:
                entries.append((code, "name"))
            s = short_name(name)
            if s != name:  # a part of a plain name is plain
                plain_keys.add(s)
                entries = get(s)
                if entries is None:
                    index[s] = [(code, "short")]
                elif code not in [c for c, _ in entries]:
                    entries.append((code, "short"))
            if name.endswith(autonomous):
                add(s + name[-1], code, "short", False)  # 阿坝州, 石柱县

    @cached_property
    def _names(self) -> list[str]:
        """Every name the index knows, sorted (for suggestions only)."""
        return sorted(self._index)

    @cached_property
    def _near(self) -> _NearNames:
        """Built on the first unknown name only: a table whose names all resolve never needs it."""
        return _NearNames(self._names)

    @cached_property
    def _units(self) -> list[dict[str, str]]:
        """Sichuan/Chongqing detail, read only when a project's regions are made."""
        with (self.directory / "sc_cq_units.csv").open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))

    def _add(self, key: str, code: str, how: str, plain: bool) -> None:
        # a name of ideographs only (``plain``) is its own normal form: not normalised again
        norm = key if plain else name_key(key)
        if plain:
            self._plain_keys.add(key)
        entries = self._index.get(norm)
        if entries is None:
            self._index[norm] = [(code, how)]
        elif code not in [c for c, _ in entries]:
            entries.append((code, how))

    # ------------------------------------------------------------------ lookup
    def _code_and_name(self, query: str, m: re.Match[str], within: str | None) -> LookupResult:
        """A label printing a division code beside the name (``510100 成都市``,
        ``[510700]绵阳市``, a 12-digit statistical code): the code when the name agrees with it,
        else no match, with both places as suggestions; an unknown (retired) code leaves the
        name to decide."""
        code = (m.group(1) or m.group(4))[:6]
        label = m.group(2) or m.group(3)
        by_name = self.lookup(label, within=within)
        d = self.divisions.get(code)
        if d is None:
            return by_name
        if by_name.code == code or code in by_name.candidates:
            return LookupResult(query, code, "code+name")
        if by_name.code is None and not by_name.candidates:
            key = name_key(label)
            if key in (d.name, short_name(d.name)):
                return LookupResult(query, code, "code+name")
        names = [self.full_name(code)] + ([self.full_name(by_name.code)] if by_name.code else [])
        return LookupResult(query, suggestions=names)

    def given(self, text: str) -> LookupResult:
        """What a planner typed for a region (a command's ``--region``, the import wizard's
        field): a division code as given, else the one place the name resolves to; an
        ambiguous name keeps its ``candidates`` and no code (never a guess)."""
        t = text.strip()
        if t in self.divisions:
            return LookupResult(t, t, "code")
        return self.lookup(t)

    def lookup(self, name: str, *, within: str | None = None) -> LookupResult:
        """Resolve ``name`` to a code.

        ``within`` narrows the search to descendants of a code (e.g. ``"510000"`` when a table is
        known to be about Sichuan). Without it, a name that fits one place in Sichuan/Chongqing and
        others elsewhere resolves to the Sichuan/Chongqing one, since this is their workbench; any
        other tie is reported, never guessed.
        """
        if within is None and type(name) is str:
            hit = self._unique.get(name)
            if hit is not None:
                return LookupResult(name, hit[0], hit[1])
        if type(name) is str and (both := _CODE_AND_NAME.match(name)):
            return self._code_and_name(name, both, within)
        key = name_key(name)
        res = LookupResult(query=name)
        if not key:
            return res
        self._resolve(key, within, res)
        if res.candidates and (remark := _REMARK.search(strip_footnote(name))):
            # 江北区（浙江省·宁波市）, as ``full_name`` writes it: the remark names the parents,
            # and says more than the preference for Sichuan/Chongqing
            inner = LookupResult(query=name)
            self._by_prefix(remark.group(0)[1:-1] + key, within, inner, [])
            if inner.code in res.candidates:
                res.code, res.matched_by, res.candidates = inner.code, "prefix", []
        if res.code:
            return res
        heads: list[tuple[str, str]] = []
        if not res.candidates:
            self._by_prefix(key, within, res, heads)
            if res.code:
                return res
        if res.candidates:
            res.suggestions = [self.full_name(c) for c in res.candidates]
        else:
            res.suggestions = self._suggest(key, heads)
        return res

    def _resolve(self, key: str, within: str | None, res: LookupResult) -> None:
        """The name itself (normalised): sets ``res.code`` or the equally good ``candidates``."""
        entries = self._index.get(key, [])
        # Prefer exact full names over short forms and aliases: "江北" may be short for two places,
        # but "江北区" names one in each province, which scope then settles.
        if within:
            entries = [(c, h) for c, h in entries if self.is_within(c, within)]
        local_anywhere = {c for c, _ in entries if c[:2] in ("50", "51")}
        for tier in ("name", "short", "alias"):
            tier_entries = [(c, h) for c, h in entries if h.startswith(tier)]
            if not tier_entries:
                continue
            codes = [c for c, _ in tier_entries]
            if len(tier_entries) == 1 and (codes[0] in local_anywhere or not local_anywhere):
                res.code, res.matched_by = tier_entries[0]
                return
            local = [(c, h) for c, h in tier_entries if c in local_anywhere]
            if len(local) == 1 and not within:
                res.code, res.matched_by = local[0][0], "scope"
                res.candidates = codes
                return
            # A unique far-away match shadowing a local one (双桥区: 承德 today, 重庆 before 2011)
            # or several equally good matches: report, never guess.
            res.candidates = list(dict.fromkeys(codes + sorted(local_anywhere)))
            return

    def _by_prefix(
        self, key: str, within: str | None, res: LookupResult, heads: list[tuple[str, str]]
    ) -> None:
        """A name carrying its province and city in front (四川省德阳市, 重庆市渝北区, 四川德阳,
        四川省乐山市市中区): the most specific unit, looked up inside the unit the prefix names,
        so the prefix tells same-name units apart. Several prefixes that fit are candidates;
        ``heads`` collects each prefix's code and the rest of the name, for suggestions."""
        found: dict[str, str] = {}
        ambiguous: list[str] = []
        for i in range(2, len(key) - 1):  # the rest keeps at least two characters
            entries = self._index.get(key[:i].rstrip(_JOINERS))
            if not entries:
                continue
            for head, _how in entries:
                d = self.divisions[head]
                if d.level not in _HEAD_LEVELS:
                    continue
                if within and not (self.is_within(head, within) or self.is_within(within, head)):
                    continue
                rest = name_key(key[i:].lstrip(_JOINERS))  # 四川省·德阳市, 四川-德阳
                heads.append((head, rest))
                tail = LookupResult(query=key[i:])
                self._resolve(rest, head, tail)
                if not tail.code and not tail.candidates:
                    self._by_prefix(rest, head, tail, heads)
                if tail.code:
                    how = tail.matched_by if tail.matched_by.endswith("former_unit") else "prefix"
                    found.setdefault(tail.code, how)
                else:
                    ambiguous.extend(tail.candidates)
        if len(found) == 1:
            res.code, res.matched_by = next(iter(found.items()))
        elif found or ambiguous:
            res.candidates = list(dict.fromkeys([*found, *ambiguous]))

    def _suggest(self, key: str, heads: list[tuple[str, str]]) -> list[str]:
        """Names close to ``key``. A province is never suggested for a name that only starts
        with it (四川省某县 is not 四川省); a name with a known prefix gets suggestions inside it."""
        close = [self._index[n][0][0] for n in self._near.close(key, 12, 0.5)]
        if heads:
            inside = [c for c in close if any(self.is_within(c, h) and c != h for h, _ in heads)]
            for h, rest in heads:  # the rest of the name alone, inside the prefix
                for n in self._near.close(rest, 12, 0.5):
                    inside += [x for x, _ in self._index[n] if self.is_within(x, h) and x != h]
            named = {h for h, _ in heads}  # a prefix of the name is never what it names
            close = [c for c in inside if c not in named] or close
        out = [
            # a name shared by several places is written with its parents, so it can be chosen
            self.divisions[c].name
            if len(self._index.get(self.divisions[c].name, ())) < 2
            else self.full_name(c)
            for c in dict.fromkeys(close)
            if not (
                self.divisions[c].level is Level.PROVINCE
                and len(key) > len(self.divisions[c].name)
                and key.startswith((self.divisions[c].name, short_name(self.divisions[c].name)))
            )
        ]
        return out[:5]

    def is_within(self, code: str, ancestor: str) -> bool:
        cur: str | None = code
        seen: set[str] = set()
        while cur and cur not in seen:  # some divisions are their own parent (东莞 441900)
            if cur == ancestor:
                return True
            seen.add(cur)
            d = self.divisions.get(cur)
            cur = d.parent if d else None
        return False

    def full_name(self, code: str) -> str:
        """Name with its parents, to tell 江北区 (重庆市) from 江北区 (宁波市)."""
        d = self.divisions.get(code)
        if d is None:
            return code
        names = [d.name]
        seen = {code}
        p = self.divisions.get(d.parent)
        while p is not None and p.code not in seen:  # 东莞 441900 is its own parent
            seen.add(p.code)
            if p.name not in _PLACEHOLDERS:
                names.append(p.name)
            p = self.divisions.get(p.parent)
        return d.name + (f"（{'·'.join(reversed(names[1:]))}）" if len(names) > 1 else "")

    # --------------------------------------------------------- project regions
    def project_regions(self) -> list[Region]:
        """Regions of Sichuan and Chongqing at all levels, as a new project starts with them."""
        alias_by_code: dict[str, list[str]] = {}
        for a in self.aliases:
            alias_by_code.setdefault(a["code"], []).append(a["alias"])
        out = []
        for u in self._units:
            name = u["name"]
            out.append(
                Region(
                    code=u["code"],
                    name=name,
                    level=Level(u["level"]),
                    parent=u["parent"],
                    short_name=short_name(name),
                    aliases=alias_by_code.get(u["code"], []),
                    cce=Membership(u["cce"]),
                    chengdu_metro=MetroRole(u["chengdu_metro"]),
                    chongqing_metro=u["chongqing_metro"] == "yes",
                    cq_grouping=u["cq_grouping"],
                    lon=float(u["lon"]) if u["lon"] else None,
                    lat=float(u["lat"]) if u["lat"] else None,
                    area_km2=float(u["area_km2"]) if u["area_km2"] else None,
                )
            )
        return out

    def adjacency(self, level: str = "county") -> list[Adjacency]:
        """Border pairs: ``county`` (county level) or ``planning_unit`` (SC prefectures, CQ districts)."""
        name = "adjacency_county.csv" if level == "county" else "adjacency_planning_unit.csv"
        with (self.directory / name).open(encoding="utf-8", newline="") as fh:
            return [
                Adjacency(r["code_a"], r["code_b"], float(r["shared_border_km"]))
                for r in csv.DictReader(fh)
            ]


class _NearNames:
    """``difflib.get_close_matches`` over the gazetteer's names, with the same answers, indexed.

    difflib compares the query with every name (~10 ms for 5,000 names, so a table of unknown
    labels took minutes). A name can reach the cutoff only if its character overlap does (the
    overlap bound is difflib's own ``quick_ratio``), so a character index finds the few names
    worth comparing: per query, a sum over the postings of its characters, then difflib's
    ratio on the survivors only."""

    def __init__(self, names: list[str]) -> None:
        self.names = names
        self.lengths = np.array([len(n) for n in names], dtype=np.float64)
        postings: dict[str, dict[int, int]] = {}
        for i, n in enumerate(names):
            for ch in n:
                d = postings.setdefault(ch, {})
                d[i] = d.get(i, 0) + 1
        self.postings = {
            ch: (
                np.fromiter(d.keys(), np.int64, len(d)),
                np.fromiter(d.values(), np.float64, len(d)),
            )
            for ch, d in postings.items()
        }

    def close(self, key: str, n: int, cutoff: float) -> list[str]:
        counts: dict[str, int] = {}
        for ch in key:
            counts[ch] = counts.get(ch, 0) + 1
        overlap = np.zeros(len(self.names))
        for ch, k in counts.items():
            hit = self.postings.get(ch)
            if hit is not None:
                overlap[hit[0]] += np.minimum(hit[1], k)
        bound = 2.0 * overlap / (len(key) + self.lengths)
        hits = np.flatnonzero(bound >= cutoff)
        hits = hits[np.argsort(-bound[hits], kind="stable")]
        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(key)
        best: list[tuple[float, str]] = []  # a min-heap of the n best (ratio, name)
        for i in hits:
            if len(best) == n and bound[i] < best[0][0]:
                break  # ratio <= bound: no later name can enter the n best
            x = self.names[i]
            matcher.set_seq1(x)
            if matcher.real_quick_ratio() >= cutoff and matcher.quick_ratio() >= cutoff:
                r = matcher.ratio()
                if r >= cutoff:
                    if len(best) < n:
                        heapq.heappush(best, (r, x))
                    elif (r, x) > best[0]:
                        heapq.heapreplace(best, (r, x))
        return [x for _, x in sorted(best, reverse=True)]


_DEFAULT: Gazetteer | None = None
_DEFAULT_LOCK = threading.Lock()


def default_gazetteer() -> Gazetteer:
    """The bundled gazetteer, loaded once per process, whichever thread asks first (the import
    wizard loads it in the background while the planner picks a file; memoised answers are
    keyed on this one instance)."""
    global _DEFAULT
    g = _DEFAULT
    if g is None:
        with _DEFAULT_LOCK:
            if _DEFAULT is None:
                _DEFAULT = Gazetteer(cache=True)
            g = _DEFAULT
    return g
