"""Reading filled-in submission templates back into candidates.

Each row becomes a new candidate, a flagged duplicate (same name and region as a candidate the
project already has), or an error with its row, column and reason. A row with any error is left
out entirely — half a candidate is worse than none — and nothing is applied here: ``to_edit()``
returns the InsertItem edits for the caller to apply (and undo).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from workbench.core.edits import Compound, Edit, InsertItem
from workbench.core.enums import Level, Status, UnitType
from workbench.core.gazetteer import default_gazetteer, normalize_name
from workbench.core.model import Candidate, Project
from workbench.io.excel.errors import ExcelImportError, RowIssue
from workbench.io.excel.layout import (
    SUB_HEADERS,
    SUB_JOBS,
    SUB_NAME,
    SUB_NOTES,
    SUB_OUTPUT,
    SUB_REGION,
    SUB_REQUEST,
    SUB_SECTOR,
    SUB_TAX,
    SUB_TYPE,
    TEMPLATE_SHEET,
)
from workbench.io.excel.reading import (
    CellError,
    NumberError,
    cell,
    find_header,
    is_blank,
    norm,
    number,
    read_sheet,
    text,
)

# Beyond these a figure is almost surely a unit or typing slip (亿元: Chongqing's GDP is ~3e4).
ABSURD = {SUB_OUTPUT: 1e5, SUB_JOBS: 1e7, SUB_TAX: 1e4, SUB_REQUEST: 1e5}
MAX_NAME = 200
_CODE_IN_BRACKETS = re.compile(r"[(（]\s*(\d{6})\s*[)）]\s*$")
_ID = re.compile(r"^MC-(\d+)$")


def _key(header: str) -> str:
    return norm(header).replace("*", "")


@dataclass(frozen=True)
class Duplicate:
    row: int
    name: str
    region_code: str
    existing_id: str

    def message(self, lang: str = "zh") -> str:
        if lang == "zh":
            return f"第 {self.row} 行：“{self.name}”与已有候选 {self.existing_id} 同名同地区，未重复添加"
        return f"row {self.row}: {self.name!r} repeats existing candidate {self.existing_id} (same name and region)"


@dataclass
class CandidateSubmissions:
    new: list[Candidate] = field(default_factory=list)
    new_rows: list[int] = field(default_factory=list)  # sheet row of each new candidate
    duplicates: list[Duplicate] = field(default_factory=list)
    errors: list[RowIssue] = field(default_factory=list)
    warnings: list[RowIssue] = field(default_factory=list)  # imported, but worth a look

    @property
    def is_empty(self) -> bool:
        return not self.new

    def lines(self, lang: str = "zh") -> list[str]:
        zh = lang == "zh"
        out = [
            f"新候选 {len(self.new)} 个，重复 {len(self.duplicates)} 个，有错误的行 {len({e.row for e in self.errors})} 行"
            if zh
            else f"{len(self.new)} new candidates, {len(self.duplicates)} duplicates, "
            f"{len({e.row for e in self.errors})} rows with errors"
        ]
        if self.new:
            out.append("新候选：" if zh else "New candidates:")
            for c, rn in zip(self.new, self.new_rows, strict=True):
                out.append(
                    f"  第 {rn} 行 → {c.id} {c.name}（{c.unit_type.zh}，{c.region_code}，{c.sector}）"
                    if zh
                    else f"  row {rn} → {c.id} {c.name} ({c.unit_type.en}, {c.region_code}, {c.sector})"
                )
        if self.duplicates:
            out.append("重复：" if zh else "Duplicates:")
            out.extend("  " + d.message(lang) for d in self.duplicates)
        if self.errors:
            out.append("错误（这些行未导入）：" if zh else "Errors (rows not imported):")
            out.extend("  " + e.message(lang) for e in self.errors)
        if self.warnings:
            out.append("提示（已导入，请核对）：" if zh else "Warnings (imported, please check):")
            out.extend("  " + e.message(lang) for e in self.warnings)
        return out

    def to_edit(self) -> Edit:
        edit = Compound([InsertItem(("candidates",), c) for c in self.new])
        edit.text_zh = f"导入申报候选（{len(self.new)} 个）"
        edit.text_en = f"Import submitted candidates ({len(self.new)})"
        return edit


class _RegionResolver:
    """Region text from a form -> project region code; ambiguous or unknown text is an error."""

    def __init__(self, project: Project) -> None:
        self.codes = {r.code for r in project.regions if r.level is not Level.PROVINCE}
        self.by_name: dict[str, list[str]] = {}
        for r in project.regions:
            if r.level is Level.PROVINCE:
                continue
            for n in {r.name, r.short_name, *r.aliases} - {""}:
                self.by_name.setdefault(normalize_name(n), []).append(r.code)

    def resolve(self, value: str) -> tuple[str | None, str, str]:
        """(code, reason_zh, reason_en); code None means an error with the reason."""
        m = _CODE_IN_BRACKETS.search(value)
        if m:
            code = m.group(1)
            if code in self.codes:
                return code, "", ""
            return (
                None,
                f"地区代码 {code} 不在项目地区表中",
                f"region code {code} is not in the project",
            )
        if value.isdigit() and len(value) == 6:
            if value in self.codes:
                return value, "", ""
            return (
                None,
                f"地区代码 {value} 不在项目地区表中",
                f"region code {value} is not in the project",
            )
        codes = sorted(set(self.by_name.get(normalize_name(value), [])))
        if len(codes) == 1:
            return codes[0], "", ""
        if len(codes) > 1:
            return (
                None,
                (f"地区“{value}”有多个可能（{'、'.join(codes)}），请从下拉列表选择"),
                (f"region {value!r} is ambiguous ({', '.join(codes)}); pick it from the list"),
            )
        found = default_gazetteer().lookup(value)
        if found.code and found.code in self.codes:
            return found.code, "", ""
        hint = f"（相近：{'、'.join(found.suggestions[:3])}）" if found.suggestions else ""
        return (
            None,
            f"无法识别地区“{value}”{hint}，请从下拉列表选择",
            f"unknown region {value!r}; pick it from the list",
        )


def read_candidate_submissions(project: Project, path: Path | str) -> CandidateSubmissions:
    rows = read_sheet(path, TEMPLATE_SHEET)
    h, cols = _header(rows, path)

    def col(header: str) -> int | None:
        return cols.get(_key(header))

    out = CandidateSubmissions()
    regions = _RegionResolver(project)
    sectors = set(project.sectors)
    existing = {(normalize_name(c.name), c.region_code): c.id for c in project.candidates}
    seen: dict[tuple[str, str], int] = {}
    ids = _IdMaker(project)
    for i in range(h + 1, len(rows)):
        row, rn = rows[i], i + 1
        values = {hd: cell(row, col(hd)) for hd in SUB_HEADERS}
        if all(is_blank(v) for v in values.values()):
            continue
        issues, parsed = _parse_row(rn, values, regions, sectors)
        if parsed is None:
            out.errors.extend(issues)
            continue
        name, unit_type, region_code, sector, amounts = parsed
        out.warnings.extend(_oddities(rn, values, amounts))
        key = (normalize_name(name), region_code)
        if key in existing:
            out.duplicates.append(Duplicate(rn, name, region_code, existing[key]))
            continue
        if key in seen:
            out.errors.append(
                RowIssue(
                    rn,
                    SUB_NAME.rstrip("*"),
                    f"与本表第 {seen[key]} 行同名同地区，未导入",
                    f"repeats row {seen[key]} of this sheet (same name and region)",
                )
            )
            continue
        seen[key] = rn
        out.new.append(
            Candidate(
                id=ids.next(),
                name=name,
                unit_type=unit_type,
                region_code=region_code,
                sector=sector,
                baseline_output=amounts.get(SUB_OUTPUT, 0.0),
                baseline_jobs=amounts.get(SUB_JOBS, 0.0),
                baseline_tax=amounts.get(SUB_TAX, 0.0),
                requested_funding=amounts.get(SUB_REQUEST, 0.0),
                status=Status.CANDIDATE,
                notes=text(values[SUB_NOTES]),
            )
        )
        out.new_rows.append(rn)
    return out


def _header(rows: list, path: Path | str) -> tuple[int, dict[str, int]]:
    """The header row and each (normalised) header's column; the required columns must be there."""
    h = find_header(rows, SUB_NAME)
    if h < 0:
        raise ExcelImportError(
            path,
            f"“{TEMPLATE_SHEET}”表中找不到表头“{SUB_NAME}”，请使用本程序生成的申报表模板",
            f"no {SUB_NAME!r} header in {TEMPLATE_SHEET!r}; use the workbench's template",
        )
    cols: dict[str, int] = {}
    for i, v in enumerate(rows[h]):
        cols.setdefault(_key(text(v)), i)
    missing = [hd for hd in SUB_HEADERS[:4] if _key(hd) not in cols]
    if missing:
        raise ExcelImportError(
            path, f"申报表缺少必填列：{'、'.join(missing)}", f"missing required columns: {missing}"
        )
    return h, cols


_Parsed = tuple[str, UnitType, str, str, dict[str, float]]


def _parse_row(
    rn: int, values: dict[str, object], regions: _RegionResolver, sectors: set[str]
) -> tuple[list[RowIssue], _Parsed | None]:
    """A row's name, type, region, sector and amounts, or None with every issue found in it."""
    issues: list[RowIssue] = []

    def err(header: str, zh: str, en: str) -> None:
        issues.append(RowIssue(rn, header.rstrip("*"), zh, en))

    for hd, v in values.items():
        if isinstance(v, CellError):
            err(hd, v.describe(TEMPLATE_SHEET, "zh"), v.describe(TEMPLATE_SHEET, "en"))
    if issues:  # an error cell is never read as blank or 0: the row is left out
        return issues, None
    name = text(values[SUB_NAME])
    if not name:
        err(SUB_NAME, "缺少单元名称", "name is missing")
    unit_type = None
    t = text(values[SUB_TYPE])
    if not t:
        err(SUB_TYPE, "缺少单元类型", "unit type is missing")
    else:
        try:
            unit_type = UnitType(UnitType.parse(t))
        except ValueError:
            err(
                SUB_TYPE,
                f"单元类型“{t}”无法识别（可选：{'、'.join(m.zh for m in UnitType)}）",
                f"unknown unit type {t!r}",
            )
    region_code = None
    reg = text(values[SUB_REGION])
    if not reg:
        err(SUB_REGION, "缺少所在地区", "region is missing")
    else:
        region_code, rzh, ren = regions.resolve(reg)
        if region_code is None:
            err(SUB_REGION, rzh, ren)
    sector = text(values[SUB_SECTOR])
    if not sector:
        err(SUB_SECTOR, "缺少产业", "sector is missing")
    elif sectors and sector not in sectors:
        err(
            SUB_SECTOR,
            f"产业“{sector}”不在项目的产业列表中，请从下拉列表选择",
            f"sector {sector!r} is not in the project's list",
        )
    amounts = _amounts(values, err)
    if issues:
        return issues, None
    assert unit_type is not None and region_code is not None
    return issues, (name, unit_type, region_code, sector, amounts)


def _amounts(values: dict[str, object], err: Callable[[str, str, str], None]) -> dict[str, float]:
    """The numeric fields (blank is 0); a non-number or a negative is reported through ``err``."""
    amounts: dict[str, float] = {}
    for header, unit in (
        (SUB_OUTPUT, "亿元/年"),
        (SUB_JOBS, "人"),
        (SUB_TAX, "亿元/年"),
        (SUB_REQUEST, "亿元"),
    ):
        try:
            x = number(values[header])
        except NumberError:
            err(
                header,
                f"“{text(values[header])}”不是数字（单位：{unit}）",
                f"{text(values[header])!r} is not a number ({unit})",
            )
            continue
        if x is not None and x < 0:
            err(header, f"{x:g} {unit} 为负数，不能为负", f"{x:g} must not be negative")
            continue
        amounts[header] = x or 0.0
    return amounts


def _oddities(rn: int, values: dict[str, object], amounts: dict[str, float]) -> list[RowIssue]:
    """Things imported as given but reported: trimmed leading blanks, huge names or figures."""
    out = []
    for hd, v in values.items():
        col = hd.rstrip("*")
        if isinstance(v, str) and v[:1].isspace() and v.strip():
            shown = repr(v[: len(v) - len(v.lstrip())])
            out.append(
                RowIssue(
                    rn,
                    col,
                    f"开头的空白字符 {shown}（空格、制表符或回车）已去掉",
                    f"leading blank characters {shown} (space, tab or CR) were removed",
                )
            )
        if hd in (SUB_NAME, SUB_SECTOR) and isinstance(v, str) and len(v) > MAX_NAME:
            out.append(
                RowIssue(
                    rn,
                    col,
                    f"文本长达 {len(v):,} 个字符，异常",
                    f"text is {len(v):,} characters long",
                )
            )
    for hd, limit in ABSURD.items():
        x = amounts.get(hd, 0.0)
        if x > limit:
            out.append(
                RowIssue(
                    rn,
                    hd.rstrip("*"),
                    f"数值 {x:g} 异常大（超过 {limit:g}），请核对单位",
                    f"value {x:g} is implausibly large (over {limit:g}); check the unit",
                )
            )
    return out


class _IdMaker:
    """New ids continue the project's MC-nnnn numbering and never reuse an existing id."""

    def __init__(self, project: Project) -> None:
        self.taken = {c.id for c in project.candidates}
        nums = [int(m.group(1)) for c in project.candidates if (m := _ID.match(c.id))]
        self.n = max(nums, default=0)

    def next(self) -> str:
        while True:
            self.n += 1
            cid = f"MC-{self.n:04d}"
            if cid not in self.taken:
                self.taken.add(cid)
                return cid
