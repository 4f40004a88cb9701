"""``workbench settlement PROJECT [--scenario S] [--year Y] --out F.csv|F.xlsx``: the benefit-sharing
settlement forms (core.sharing.settlement_tables).

``.xlsx``: the sheets 统计分算 and 税收结算 with live formulas, for one scenario (the first when none
is named). ``.csv``: three files beside F — ``F-统计分算.csv``, ``F-税收结算.csv``, ``F-财政转移.csv``
— for every scenario unless one is named. UTF-8 with BOM. Exit 2 with one line on a bad input.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.commands._common import (
    EXIT_OK,
    fail,
)
from workbench.commands.params import add_set_argument, load_what_if

NAME = "settlement"
HELP = (
    "导出利益分享结算表（统计分算、税收结算、财政转移）/ write the benefit-sharing settlement forms"
)
CSV_PARTS = (("statistics", "统计分算"), ("tax", "税收结算"), ("transfers", "财政转移"))


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("project", help="项目文件 (.wbp)")
    p.add_argument("--scenario", default=None, help="方案名称 / scenario name")
    p.add_argument("--year", type=int, default=None, help="只导出该年 / only this year")
    p.add_argument(
        "--until",
        type=int,
        default=2030,
        help="结算截止年份（默认 2030）/ last year (default 2030)",
    )
    p.add_argument("--out", required=True, help="输出 .csv 或 .xlsx / output .csv or .xlsx")
    add_set_argument(p)


def run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    suffix = out.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        return fail(f"输出文件应为 .csv 或 .xlsx：{out} | --out must end in .csv or .xlsx: {out}")
    if not out.parent.exists():
        return fail(f"文件夹不存在：{out.parent} | folder does not exist: {out.parent}")
    if not 2030 <= args.until <= 2060:
        return fail(f"--until 应在 2030–2060 之间：{args.until} | --until must be 2030–2060")
    if args.year is not None and not 2026 <= args.year <= args.until:
        return fail(
            f"--year 应在 2026–{args.until} 之间：{args.year} | --year must be 2026–{args.until}"
        )
    project = load_what_if(args)
    if isinstance(project, int):
        return project
    if not project.scenarios:
        return fail("项目没有方案 | the project has no scenario")
    from workbench.core.sharing import settlement_tables

    scenario = args.scenario
    if suffix == ".xlsx" and scenario is None:
        scenario = project.scenarios[0].name
    tables = settlement_tables(project, scenario, args.year, until=args.until)
    try:
        written = (
            _write_xlsx(tables, scenario, out) if suffix == ".xlsx" else _write_csv(tables, out)
        )
    except OSError as e:
        return fail(f"无法写入 {out}：{e.strerror} | cannot write {out}: {e.strerror}")
    n = {k: len(v) for k, v in tables.items()}
    print(
        f"已写入 {'、'.join(map(str, written))}：统计分算 {n['statistics']} 行，税收结算 {n['tax']} 行，"
        f"财政转移 {n['transfers']} 行 | wrote {len(written)} file(s)"
    )
    return EXIT_OK


def _write_csv(tables: dict, out: Path) -> list[Path]:
    from workbench.io.csv_out import write_csv

    paths = []
    for key, zh in CSV_PARTS:
        path = out.with_name(f"{out.stem}-{zh}.csv")
        write_csv(tables[key], path)
        paths.append(path)
    return paths


def _write_xlsx(tables: dict, scenario: str, out: Path) -> list[Path]:
    from workbench.io.excel.book import Book
    from workbench.io.excel.sheet_sharing import write_sharing

    book = Book()
    write_sharing(book, tables, scenario)
    book.save(out)
    return [out]
