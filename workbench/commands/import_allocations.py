"""``workbench import-allocations PROJECT FILE.xlsx [--apply]``: bring an edited 资金分配 sheet back.

Without ``--apply`` it only shows what would change. With it, the changes from the rows it could
read are applied as one edit and the project is saved (atomically, keeping ``.bak``); rows it could
not read are listed and left out, and allocations they would have touched are kept.
"""

from __future__ import annotations

import argparse

from workbench.commands._common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_UNUSABLE,
    fail,
    load_project,
    refuse_if_open_elsewhere,
)
from workbench.io.excel import ExcelImportError, read_allocation_edits
from workbench.io.project_file import ProjectFileError, save

NAME = "import-allocations"
HELP = "从 Excel 导回资金分配的修改（默认只预览） / import allocation edits from Excel (preview unless --apply)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("project", help="项目文件 (.wbp)")
    p.add_argument("workbook", help="本程序导出并修改过的工作簿 (.xlsx)")
    p.add_argument("--scenario", default=None, help="方案名称（默认第一个方案）")
    p.add_argument(
        "--apply", action="store_true", help="应用修改并保存项目 / apply and save the project"
    )
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="输出语言 / output language")


def run(args: argparse.Namespace) -> int:
    if args.apply and (refused := refuse_if_open_elsewhere(args.project)) is not None:
        return refused
    project = load_project(args.project)
    if project is None:
        return EXIT_UNUSABLE
    if not project.scenarios:
        return fail("项目没有方案 | the project has no scenario")
    name = args.scenario or project.scenarios[0].name
    if project.scenario(name) is None:
        return fail(f"没有方案“{name}” | no scenario {name!r}")
    try:
        diff = read_allocation_edits(project, name, args.workbook)
    except ExcelImportError as e:
        return fail(str(e))
    print("\n".join(diff.lines(args.lang)))
    if not args.apply:
        if not diff.is_empty:
            print("（预览：未修改项目；加 --apply 应用） | preview only; add --apply to apply")
        return EXIT_PROBLEMS if diff.errors else EXIT_OK
    if diff.is_empty:
        print("没有可应用的修改 | nothing to apply")
        return EXIT_PROBLEMS if diff.errors else EXIT_OK
    diff.to_edit().apply(project)
    try:
        save(project, args.project)
    except (OSError, ProjectFileError) as e:
        return fail(f"无法保存项目：{e} | cannot save the project: {e}")
    print(f"已应用 {len(diff.changes)} 处修改并保存 {args.project} | applied and saved")
    return EXIT_PROBLEMS if diff.errors else EXIT_OK
