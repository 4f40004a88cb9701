"""``workbench import-candidates PROJECT FILE.xlsx [--apply]``: read filled submission templates.

Without ``--apply`` it lists new candidates, duplicates and rows with errors; with it, the new
candidates are added as one edit and the project is saved (atomically, keeping ``.bak``).
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
from workbench.io.excel import ExcelImportError, read_candidate_submissions
from workbench.io.project_file import ProjectFileError, save

NAME = "import-candidates"
HELP = (
    "导入填好的候选申报表（默认只预览） / import filled submission forms (preview unless --apply)"
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("project", help="项目文件 (.wbp)")
    p.add_argument("workbook", help="填好的申报表 (.xlsx)")
    p.add_argument("--apply", action="store_true", help="添加新候选并保存项目 / add them and save")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="输出语言 / output language")


def run(args: argparse.Namespace) -> int:
    if args.apply and (refused := refuse_if_open_elsewhere(args.project)) is not None:
        return refused
    project = load_project(args.project)
    if project is None:
        return EXIT_UNUSABLE
    try:
        subs = read_candidate_submissions(project, args.workbook)
    except ExcelImportError as e:
        return fail(str(e))
    print("\n".join(subs.lines(args.lang)))
    status = EXIT_PROBLEMS if subs.errors else EXIT_OK
    if not args.apply or subs.is_empty:
        if not args.apply and not subs.is_empty:
            print("（预览：未修改项目；加 --apply 添加） | preview only; add --apply to add them")
        return status
    subs.to_edit().apply(project)
    try:
        save(project, args.project)
    except (OSError, ProjectFileError) as e:
        return fail(f"无法保存项目：{e} | cannot save the project: {e}")
    print(f"已添加 {len(subs.new)} 个候选并保存 {args.project} | added and saved")
    return status
