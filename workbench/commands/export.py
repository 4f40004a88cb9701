"""``workbench export PROJECT [--scenario NAME] --out FILE.xlsx``: the allocation workbook."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.commands._common import EXIT_OK, EXIT_UNUSABLE, fail, load_project
from workbench.commands.params import add_set_argument, apply_set
from workbench.io.excel import export_workbook

NAME = "export"
HELP = "导出资金分配工作簿（Excel） / export the allocation workbook (xlsx)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("project", help="项目文件 (.wbp)")
    p.add_argument(
        "--scenario",
        default=None,
        help="方案名称（默认第一个方案） / scenario name (default: the first)",
    )
    p.add_argument("--out", required=True, help="输出文件 (.xlsx)")
    p.add_argument(
        "--compare",
        nargs="+",
        default=None,
        metavar="SCENARIO",
        help="加入“方案对比”表：以导出方案为对照，与这些方案对比 / add a 方案对比 sheet against these scenarios",
    )
    add_set_argument(p)


def run(args: argparse.Namespace) -> int:
    project = load_project(args.project)
    if project is None:
        return EXIT_UNUSABLE
    if not project.scenarios:
        return fail("项目没有方案，无法导出分配 | the project has no scenario to export")
    name = args.scenario or project.scenarios[0].name
    if project.scenario(name) is None:
        names = "、".join(s.name for s in project.scenarios)
        return fail(f"没有方案“{name}”（现有：{names}） | no scenario {name!r}")
    project = apply_set(project, args.scenario, args.set)
    if project is None:
        return EXIT_UNUSABLE
    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        return fail(f"输出文件应以 .xlsx 结尾：{out} | the output file must end in .xlsx")
    if not out.parent.exists():
        return fail(f"文件夹不存在：{out.parent} | folder does not exist: {out.parent}")
    compare = [name, *[c for c in args.compare if c != name]] if args.compare else None
    missing = [c for c in compare or [] if project.scenario(c) is None]
    if missing:
        return fail(f"没有方案“{missing[0]}” | no scenario {missing[0]!r}")
    try:
        export_workbook(project, name, out, compare=compare)
    except OSError as e:
        return fail(f"无法写入 {out}：{e.strerror} | cannot write {out}: {e.strerror}")
    print(f"已导出方案“{name}”到 {out} | exported scenario {name!r} to {out}")
    return EXIT_OK
