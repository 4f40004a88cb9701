"""``workbench template PROJECT --out FILE.xlsx``: the candidate submission template (申报表)."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.commands._common import EXIT_OK, EXIT_UNUSABLE, fail, load_project
from workbench.io.excel import write_submission_template

NAME = "template"
HELP = "生成微核候选申报表模板（Excel） / write the candidate submission template (xlsx)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("project", help="项目文件 (.wbp)")
    p.add_argument("--out", required=True, help="输出文件 (.xlsx)")


def run(args: argparse.Namespace) -> int:
    project = load_project(args.project)
    if project is None:
        return EXIT_UNUSABLE
    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        return fail(f"输出文件应以 .xlsx 结尾：{out} | the output file must end in .xlsx")
    if not out.parent.exists():
        return fail(f"文件夹不存在：{out.parent} | folder does not exist: {out.parent}")
    try:
        write_submission_template(project, out)
    except OSError as e:
        return fail(f"无法写入 {out}：{e.strerror} | cannot write {out}: {e.strerror}")
    print(f"已生成申报表模板 {out} | wrote the submission template {out}")
    return EXIT_OK
