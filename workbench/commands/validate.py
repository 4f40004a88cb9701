"""``workbench validate PROJECT``: list problems; exit 0 clean, 1 errors, 2 unreadable."""

from __future__ import annotations

import argparse

from workbench.commands._common import EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE, load_project
from workbench.core.validation import has_errors, validate
from workbench.io.codec import format_path

NAME = "validate"
HELP = "校验项目并列出问题 / validate a project and list its problems"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("project", help="项目文件 (.wbp)")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="输出语言 / output language")


def run(args: argparse.Namespace) -> int:
    project = load_project(args.project)
    if project is None:
        return EXIT_UNUSABLE
    problems = validate(project)
    for p in problems:
        print(f"{p.severity.label(args.lang)}\t{format_path(p.path)}\t{p.message(args.lang)}")
    errors = sum(1 for p in problems if p.severity.value == "error")
    print(
        f"共 {len(problems)} 个问题，其中错误 {errors} 个"
        if args.lang == "zh"
        else f"{len(problems)} problems, {errors} errors"
    )
    return EXIT_PROBLEMS if has_errors(problems) else EXIT_OK
