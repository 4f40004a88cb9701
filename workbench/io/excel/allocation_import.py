"""Reading an edited 资金分配 sheet back: what changed, and what cannot be used.

Rows are matched by 候选编号 and 投资方式, never by position or a guessed name. A row that cannot be
matched or read is reported with its row number and left out — and the allocations it would have
touched are kept as they are, so a typo never deletes anything. Amounts that break a committee rule
are reported as such (they are the user's figures; nothing is clamped). Nothing is applied here:
``to_edit()`` returns one undoable ``Compound`` of ``SetAllocation`` for the caller to apply.
"""

from __future__ import annotations

import copy
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from workbench.core.addresses import AllocationTotal, ScenarioItem
from workbench.core.edits import Compound, Edit, SetAllocation
from workbench.core.enums import Instrument, Severity
from workbench.core.model import PLAN_YEARS, Project, Scenario
from workbench.core.validation import Problem, validate
from workbench.io.excel.errors import ExcelImportError, RowIssue
from workbench.io.excel.layout import (
    ALLOC_ID,
    ALLOC_INSTRUMENT,
    ALLOC_NAME,
    ALLOCATIONS,
    TOTAL_LABEL,
)
from workbench.io.excel.reading import (
    CellError,
    NumberError,
    cell,
    columns_of,
    find_header,
    is_blank,
    norm,
    number,
    read_sheet,
    text,
)

_YEAR = re.compile(r"^(\d{4})")
Key = tuple[str, int, Instrument]


@dataclass(frozen=True)
class AllocationChange:
    candidate_id: str
    name: str
    year: int
    instrument: Instrument
    old: float  # 亿元; 0 when added
    new: float  # 亿元; 0 when removed
    row: int  # sheet row it came from (0 for a removed row)

    def line(self, lang: str = "zh") -> str:
        if lang == "zh":
            return (
                f"{self.name}（{self.candidate_id}）{self.year} 年{self.instrument.zh}："
                f"{self.old:,.2f} → {self.new:,.2f} 亿元"
            )
        return (
            f"{self.name} ({self.candidate_id}) {self.year} {self.instrument.en}: "
            f"{self.old:,.2f} → {self.new:,.2f} (100M yuan)"
        )


@dataclass
class AllocationDiff:
    scenario: str
    added: list[AllocationChange] = field(default_factory=list)
    removed: list[AllocationChange] = field(default_factory=list)
    changed: list[AllocationChange] = field(default_factory=list)
    errors: list[RowIssue] = field(
        default_factory=list
    )  # unreadable/unmatched rows, then rule breaches

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    @property
    def changes(self) -> list[AllocationChange]:
        return [*self.added, *self.removed, *self.changed]

    def lines(self, lang: str = "zh") -> list[str]:
        zh = lang == "zh"
        out = [
            f"方案“{self.scenario}”：新增 {len(self.added)} 项，删除 {len(self.removed)} 项，"
            f"金额变化 {len(self.changed)} 项，问题 {len(self.errors)} 个"
            if zh
            else f"Scenario {self.scenario!r}: {len(self.added)} added, {len(self.removed)} removed, "
            f"{len(self.changed)} changed, {len(self.errors)} problems"
        ]
        for title_zh, title_en, items in (
            ("新增", "Added", self.added),
            ("删除", "Removed", self.removed),
            ("金额变化", "Changed", self.changed),
        ):
            if items:
                out.append(f"{title_zh}：" if zh else f"{title_en}:")
                out.extend("  " + c.line(lang) for c in items)
        if self.errors:
            out.append(
                "问题（未导入的行或违反规则）："
                if zh
                else "Problems (rows not imported, or rule breaches):"
            )
            out.extend("  " + e.message(lang) for e in self.errors)
        if self.is_empty and not self.errors:
            out.append("没有修改。" if zh else "No changes.")
        return out

    def to_edit(self) -> Edit:
        edits: list[Edit] = [
            SetAllocation(self.scenario, c.candidate_id, c.year, c.instrument, c.new)
            for c in self.changes
        ]
        edit = Compound(edits)
        edit.text_zh = f"从 Excel 导入分配（{len(edits)} 处）"
        edit.text_en = f"Import allocations from Excel ({len(edits)} changes)"
        return edit


def read_allocation_edits(
    project: Project, scenario: Scenario | str, path: Path | str
) -> AllocationDiff:
    """Compare the 资金分配 sheet in ``path`` with ``scenario``; see the module docstring."""
    sc = scenario if isinstance(scenario, Scenario) else project.scenario(scenario)
    if sc is None:
        raise KeyError(f"项目中没有方案“{scenario}” | no scenario {scenario!r}")
    rows = read_sheet(path, ALLOCATIONS)
    diff = AllocationDiff(sc.name)
    sheet = _locate_columns(rows, path, diff)
    read = _SheetRead({c.id: c for c in project.candidates})
    for i in range(sheet.header + 1, len(rows)):
        if not read.row(rows[i], i + 1, sheet, diff):
            break

    old: dict[Key, float] = defaultdict(float)
    for a in sc.allocations:
        old[(a.candidate_id, a.year, a.instrument)] += a.amount
    if read.unmatched:
        read.keep_vanished(old, diff)
    read.compare(old, sheet.year_cols, diff)

    if not diff.is_empty:
        diff.errors.extend(_rule_breaches(project, sc, diff, read.source_row))
    return diff


@dataclass
class _Columns:
    """Where the header row is and which column holds what."""

    header: int
    c_id: int
    c_name: int | None
    c_instr: int
    year_cols: dict[int, int]


def _locate_columns(rows: list, path: Path | str, diff: AllocationDiff) -> _Columns:
    """The header row and its columns; year columns outside the plan are reported and skipped."""
    h = find_header(rows, ALLOC_ID)
    if h < 0:
        raise ExcelImportError(
            path,
            f"“{ALLOCATIONS}”表前 15 行中找不到表头“{ALLOC_ID}”，请使用本程序导出的工作簿",
            f"no {ALLOC_ID!r} header in the first rows of {ALLOCATIONS!r}; "
            "use a workbook exported by the workbench",
        )
    cols = columns_of(rows[h])
    c_id, c_name = cols[norm(ALLOC_ID)], cols.get(norm(ALLOC_NAME))
    c_instr = cols.get(norm(ALLOC_INSTRUMENT))
    if c_instr is None:
        raise ExcelImportError(
            path,
            f"“{ALLOCATIONS}”表缺少“{ALLOC_INSTRUMENT}”列",
            f"{ALLOCATIONS!r} has no {ALLOC_INSTRUMENT!r} column",
        )
    year_cols: dict[int, int] = {}
    for i, v in enumerate(rows[h]):
        m = _YEAR.match(norm(v))
        if m:
            y = int(m.group(1))
            if y in PLAN_YEARS:
                year_cols.setdefault(y, i)
            else:
                diff.errors.append(
                    RowIssue(
                        h + 1,
                        text(v),
                        f"年份 {y} 不在规划期 2026–2030 内，此列未导入",
                        f"year {y} is outside 2026–2030; column not imported",
                    )
                )
    if not year_cols:
        raise ExcelImportError(
            path,
            f"“{ALLOCATIONS}”表中找不到年份列（2026–2030）",
            f"{ALLOCATIONS!r} has no year columns (2026–2030)",
        )
    return _Columns(h, c_id, c_name, c_instr, year_cols)


@dataclass
class _SheetRead:
    """What the data rows said, and what they could not say (kept as it is)."""

    cands: dict
    new: dict[Key, float] = field(default_factory=dict)
    source_row: dict[tuple[str, Instrument], int] = field(default_factory=dict)
    protected_keys: set[tuple[str, Instrument]] = field(default_factory=set)  # unreadable rows
    protected_cands: set[str] = field(default_factory=set)  # instrument unreadable: keep all
    unmatched: int = 0  # rows with a missing or unknown ID: maybe a candidate whose ID was mistyped

    def row(self, row: list, rn: int, sheet: _Columns, diff: AllocationDiff) -> bool:
        """Read one data row into ``new`` or report it; False at the totals row (end of data)."""
        cands, c_id, c_instr = self.cands, sheet.c_id, sheet.c_instr
        raw_id = cell(row, c_id)
        # the ID exactly as exported (put_text keeps a leading tab or space), else trimmed
        cid = raw_id if isinstance(raw_id, str) and raw_id in cands else text(raw_id)
        name = text(cell(row, sheet.c_name))
        if not cid and norm(name) == norm(TOTAL_LABEL):
            return False  # the totals row: the rule blocks below it are not data
        amounts_raw = {y: cell(row, c) for y, c in sheet.year_cols.items()}
        if self._unreadable(row, rn, cid, amounts_raw, sheet, diff):
            return True
        if not cid:
            if any(not is_blank(v) for v in amounts_raw.values()):
                self.unmatched += 1
                diff.errors.append(
                    RowIssue(
                        rn,
                        ALLOC_ID,
                        "缺少候选编号，无法确定是哪个候选，未导入",
                        "no candidate ID, cannot tell which candidate; not imported",
                    )
                )
            return True
        if cid not in cands:
            self.unmatched += 1
            diff.errors.append(
                RowIssue(
                    rn,
                    ALLOC_ID,
                    f"候选编号“{cid}”不在项目中，未导入（请先在程序中添加该候选）",
                    f"candidate ID {cid!r} is not in the project; not imported",
                )
            )
            return True
        try:
            instrument = Instrument.parse(text(cell(row, c_instr)))
        except ValueError:
            allowed = "、".join(m.zh for m in Instrument)
            diff.errors.append(
                RowIssue(
                    rn,
                    ALLOC_INSTRUMENT,
                    f"投资方式“{text(cell(row, c_instr))}”无法识别（可选：{allowed}），该候选的分配保持不变",
                    f"unknown instrument {text(cell(row, c_instr))!r}; this candidate's "
                    "allocations are kept as they were",
                )
            )
            self.protected_cands.add(cid)
            return True
        rk = (cid, instrument)
        if rk in self.source_row:
            diff.errors.append(
                RowIssue(
                    rn,
                    ALLOC_ID,
                    f"与第 {self.source_row[rk]} 行重复（同一候选、同一投资方式），两行均未导入，原分配保持不变",
                    f"duplicates row {self.source_row[rk]} (same candidate and instrument); "
                    "neither imported, existing allocations kept",
                )
            )
            self.protected_keys.add(rk)
            return True
        self.source_row[rk] = rn
        parsed = _amounts(amounts_raw, rn, diff)
        if parsed is None:
            self.protected_keys.add(rk)
            return True
        for y, x in parsed.items():
            self.new[(cid, y, instrument)] = x
        return True

    def _unreadable(
        self, row: list, rn: int, cid: str, amounts_raw: dict, sheet: _Columns, diff: AllocationDiff
    ) -> bool:
        """Report a row holding Excel error cells; True when it is left out (what it covers kept)."""
        c_id, c_instr = sheet.c_id, sheet.c_instr
        errs = [
            (hd, v)
            for hd, v in (
                (ALLOC_ID, cell(row, c_id)),
                (ALLOC_INSTRUMENT, cell(row, c_instr)),
                *((str(y), v) for y, v in amounts_raw.items()),
            )
            if isinstance(v, CellError)
        ]
        if errs:  # never blank, never 0: the row is left out and what it covers is kept
            for hd, v in errs:
                diff.errors.append(
                    RowIssue(
                        rn,
                        hd,
                        v.describe(ALLOCATIONS, "zh") + "，该行未导入，原分配保持不变",
                        v.describe(ALLOCATIONS, "en") + "; row not imported, allocations kept",
                    )
                )
            if cid in self.cands:
                self.protected_cands.add(cid)
            else:
                self.unmatched += 1
            return True
        return False

    def keep_vanished(self, old: dict[Key, float], diff: AllocationDiff) -> None:
        """A row we could not match may be a candidate whose ID was mistyped or cleared; removing
        the candidates whose rows seem to be missing would then delete what the user kept."""
        in_sheet = (
            {cid for cid, _ in self.source_row}
            | self.protected_cands
            | {cid for cid, _ in self.protected_keys}
        )
        vanished = sorted({k[0] for k in old if k[0] not in in_sheet})
        if vanished:
            self.protected_cands.update(vanished)
            diff.errors.append(
                RowIssue(
                    0,
                    ALLOC_ID,
                    f"表中有 {self.unmatched} 行无法匹配，表中找不到的 {len(vanished)} 个候选"
                    f"（{'、'.join(vanished[:5])}{'等' if len(vanished) > 5 else ''}）的分配未删除；"
                    "如确要删除，请修正编号后重新导入",
                    f"{self.unmatched} rows could not be matched, so the allocations of "
                    f"{len(vanished)} candidates missing from the sheet were not removed; "
                    "fix the IDs and import again",
                )
            )

    def compare(self, old: dict[Key, float], year_cols: dict[int, int], diff: AllocationDiff):
        """Sort every amount that differs into added / removed / changed, skipping kept ones."""

        def protected(k: Key) -> bool:
            return (
                k[1] not in year_cols
                or k[0] in self.protected_cands
                or (k[0], k[2]) in self.protected_keys
            )

        new = self.new
        order = list(Instrument)
        for k in sorted(set(old) | set(new), key=lambda k: (k[0], k[1], order.index(k[2]))):
            if protected(k):
                continue
            before, after = old.get(k, 0.0), new.get(k, 0.0)
            if _same(before, after):
                continue
            cid, y, instrument = k
            c = self.cands.get(cid)
            change = AllocationChange(
                cid,
                c.name if c else cid,
                y,
                instrument,
                before,
                after,
                self.source_row.get((cid, instrument), 0),
            )
            if k not in old or before == 0:
                diff.added.append(change)
            elif after == 0:
                diff.removed.append(change)
            else:
                diff.changed.append(change)


def _amounts(amounts_raw: dict, rn: int, diff: AllocationDiff) -> dict[int, float] | None:
    """A row's non-zero amounts by year, or None when any is not a number or negative (every bad
    cell is reported, not only the first)."""
    parsed: dict[int, float] = {}
    bad = False
    for y, raw in amounts_raw.items():
        try:
            x = number(raw)
        except NumberError:
            diff.errors.append(
                RowIssue(
                    rn,
                    f"{y}",
                    f"“{text(raw)}”不是数字（金额单位：亿元），该行未导入",
                    f"{text(raw)!r} is not a number (100M yuan); row not imported",
                )
            )
            bad = True
            continue
        if x is not None and x < 0:
            diff.errors.append(
                RowIssue(
                    rn,
                    f"{y}",
                    f"金额 {x:g} 亿元为负数，该行未导入",
                    f"negative amount {x:g}; row not imported",
                )
            )
            bad = True
            continue
        if x:
            parsed[y] = x
    return None if bad else parsed


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _rule_breaches(
    project: Project,
    sc: Scenario,
    diff: AllocationDiff,
    source_row: dict[tuple[str, Instrument], int],
) -> list[RowIssue]:
    """Committee-rule errors the import would introduce (present after, absent before)."""

    def rule_errors(p: Project) -> dict[tuple[str, tuple], Problem]:
        return {
            (pr.code, pr.path): pr
            for pr in validate(p)
            if pr.severity is Severity.ERROR
            and ScenarioItem.of(pr.path) == ScenarioItem(sc.name, "allocations")
        }

    before = rule_errors(project)
    trial = copy.deepcopy(project)
    diff.to_edit().apply(trial)
    rows_of: dict[str, list[int]] = defaultdict(list)
    for (cid, _), rn in source_row.items():
        rows_of[cid].append(rn)
    out = []
    for key, pr in rule_errors(trial).items():
        if key in before:
            continue
        total = AllocationTotal.of(pr.path)
        rows = sorted(rows_of.get(total.key, [])) if total and total.by == "candidate" else []
        out.append(
            RowIssue(
                rows[0] if rows else 0,
                "",
                "违反委员会规则：" + pr.zh,
                "breaks a committee rule: " + pr.en,
            )
        )
    return out
