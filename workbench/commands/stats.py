"""``workbench stats FILE``: read a statistics-bureau table, print the report, write a tidy csv.

With ``--project P --apply``, the new values are merged into the project file (saved atomically,
previous file kept as .bak); values that conflict with the project's are listed, never applied.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from workbench.commands._common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_UNUSABLE,
    fail,
    load_project,
    refuse_if_open_elsewhere,
)
from workbench.core.gazetteer import default_gazetteer
from workbench.core.stats_merge import plan_merge
from workbench.io.csv_out import write_csv
from workbench.io.project_file import ProjectFileError, save
from workbench.io.stats_import import (
    ORIENTATIONS,
    ImportOverrides,
    ImportReport,
    ImportResult,
    StatsImportError,
    read_table,
    read_workbook,
)
from workbench.io.stats_import.values import REASONS

NAME = "stats"
HELP = "导入统计局/年鉴表格为整洁数据表 / import a statistics-bureau or yearbook table"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="xlsx / xlsm / xls / ods / csv")
    p.add_argument("--sheet", help="工作表名称 / sheet name (default: the first with a table)")
    p.add_argument(
        "--all-sheets",
        action="store_true",
        help="导入所有同版式的工作表（如每年一张表）/ read every sheet laid out like the first",
    )
    p.add_argument(
        "--year",
        type=int,
        help="表的年份；表中有多年时只取该年 / the table's year, or the one year to keep",
    )
    p.add_argument("--unit", help="表的单位（如 万元）/ the table's unit, e.g. 万元")
    p.add_argument(
        "--orientation", choices=ORIENTATIONS, help="表格方向 / how the table is laid out"
    )
    p.add_argument(
        "--header-rows", help="表头所在行（从 1 起，如 4-6）/ header rows, 1-based, e.g. 4-6"
    )
    p.add_argument(
        "--match",
        action="append",
        default=[],
        metavar="名称=代码",
        help="手工指定地区匹配 / match a printed region name to a code (repeatable)",
    )
    p.add_argument(
        "--region",
        metavar="代码或名称",
        help="本表所属地区（表中不写地区时，如“全市”）/ the region a table naming none is about "
        "(code or name)",
    )
    p.add_argument("--out", help="整洁数据表输出路径（UTF-8 带 BOM 的 CSV）/ tidy CSV to write")
    p.add_argument("--project", help="要并入的项目文件 / project file to merge into")
    p.add_argument(
        "--apply", action="store_true", help="将不冲突的新数值写入项目 / merge new values"
    )
    p.add_argument("--vintage", default="", help="数据版本说明 / vintage label for merged values")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="输出语言 / output language")


def _header_rows(text: str | None) -> list[int] | None:
    if not text:
        return None
    rows: list[int] = []
    for part in text.replace("，", ",").split(","):
        a, _, b = part.strip().partition("-")
        lo, hi = int(a), int(b or a)
        rows.extend(range(lo - 1, hi))
    return rows


def run(args: argparse.Namespace) -> int:
    writes = args.project and args.apply
    if writes and (refused := refuse_if_open_elsewhere(args.project)) is not None:
        return refused
    zh = args.lang == "zh"
    try:
        matches = dict(m.split("=", 1) for m in args.match)
        overrides = ImportOverrides(
            header_rows=_header_rows(args.header_rows),
            unit=args.unit,
            orientation=args.orientation,
            year=args.year,
            region_matches={k.strip(): v.strip() for k, v in matches.items()},
        )
    except ValueError:
        return fail(
            "参数有误：--header-rows 形如 4-6，--match 形如 名称=代码 | bad argument: "
            "--header-rows like 4-6, --match like name=code"
        )
    if args.region:
        g = default_gazetteer()
        hit = g.given(args.region)
        if hit.code is None:
            if hit.candidates:
                names = "、".join(g.full_name(c) for c in hit.candidates[:5])
                return fail(
                    f"--region：“{args.region}”有多个同名地区（{names}），请写区划代码 | "
                    f"--region: {args.region!r} fits several places ({names}); give its code"
                )
            return fail(
                f"--region：“{args.region}”不是已知地区（请写区划代码） | --region: "
                f"{args.region!r} is not a known region (give its division code)"
            )
        overrides.region = hit.code
    if args.all_sheets and args.sheet:
        return fail(
            "--all-sheets 与 --sheet 不能同时使用 | --all-sheets and --sheet exclude each other"
        )
    try:
        result = _read(args, overrides)
    except StatsImportError as e:
        return fail(e.message())
    print("\n".join(result.report.lines(args.lang)))
    if result.tidy.empty:
        print(_nothing_imported(result.report, zh))
        return EXIT_PROBLEMS
    if args.out:
        out = Path(args.out)
        try:
            write_csv(result.tidy, out)
        except OSError as e:
            return fail(
                f"无法写入 {out}：{e.strerror or e} | cannot write {out}: {e.strerror or e}"
            )
        print(
            f"已写出 {len(result.tidy)} 行：{out}"
            if zh
            else f"Wrote {len(result.tidy)} rows: {out}"
        )
    if args.project:
        project = load_project(args.project)
        if project is None:
            return EXIT_UNUSABLE
        plan = plan_merge(project, result.tidy, vintage=args.vintage)
        print(
            f"与项目比较：新增 {len(plan.new)}，相同 {len(plan.unchanged)}，冲突 {len(plan.conflicts)}，"
            f"不并入 {len(plan.skipped)}"
            if zh
            else f"Against the project: {len(plan.new)} new, {len(plan.unchanged)} unchanged, "
            f"{len(plan.conflicts)} conflicts, {len(plan.skipped)} not merged"
        )
        for zh_note, en_note in plan.notes:
            print(f"  {zh_note if zh else en_note}")
        for c in plan.conflicts:
            e, i = c.existing, c.incoming
            print(
                f"  冲突 {c.region} {c.indicator} {c.year}：项目 {e.value:g} {e.unit}（{e.source}）"
                f" ≠ 导入 {i.value:g} {i.unit}（{i.source}）"
                if zh
                else f"  conflict {c.region} {c.indicator} {c.year}: project {e.value:g} {e.unit} ({e.source})"
                f" ≠ imported {i.value:g} {i.unit} ({i.source})"
            )
        if args.apply:
            edit = plan.to_edit(())
            edit.apply(project)
            try:
                save(project, args.project)
            except ProjectFileError as e:
                return fail(e.message("zh") + " | " + e.message("en"))
            print(
                f"已并入 {len(plan.new)} 个新数值（冲突未应用）：{args.project}"
                if zh
                else f"Merged {len(plan.new)} new values (conflicts not applied): {args.project}"
            )
    return EXIT_OK


def _read(args: argparse.Namespace, overrides: ImportOverrides) -> ImportResult:
    if args.all_sheets:
        return read_workbook(args.file, overrides=overrides)
    return read_table(args.file, sheet=args.sheet, overrides=overrides)


def _nothing_imported(report: ImportReport, zh: bool) -> str:
    """One line saying why no value was imported (the report's first warning, or the skips)."""
    parts = report.parts or [report]
    warn = next((w for r in parts for w in r.warnings), None)
    counts = Counter()
    for r in parts:
        counts.update(r.skipped_counts)
    why = (warn[0] if zh else warn[1]) if warn else ""
    if not why and counts:
        why = ("、" if zh else ", ").join(
            f"{REASONS[k][0] if zh else REASONS[k][1]} {n}" for k, n in counts.most_common(3)
        )
    why = why or ("表中没有数值" if zh else "the table holds no values")
    return f"未导入任何数值：{why}" if zh else f"No value imported: {why}"
