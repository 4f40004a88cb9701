"""``workbench new PROJECT``: an empty project with the gazetteer and default assumptions."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.commands._common import EXIT_OK, fail, refuse_if_open_elsewhere
from workbench.core.new_project import new_project
from workbench.io.project_file import save

NAME = "new"
HELP = "新建空项目（含地区表与默认参数） / create an empty project"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("project", help="新项目文件路径 (.wbp)")
    p.add_argument("--name", default=None, help="项目名称")
    p.add_argument("--force", action="store_true", help="覆盖已存在的文件")


def run(args: argparse.Namespace) -> int:
    path = Path(args.project)
    if path.exists() and not args.force:
        return fail(
            f"文件已存在，未覆盖：{path}（如需覆盖请加 --force） | file exists, not overwritten: {path}"
        )
    if not path.parent.exists():
        return fail(f"文件夹不存在：{path.parent} | folder does not exist: {path.parent}")
    if (refused := refuse_if_open_elsewhere(path)) is not None:
        return refused
    project = new_project(args.name or path.stem)
    try:
        save(project, path)
    except OSError as e:
        return fail(f"无法写入 {path}：{e.strerror} | cannot write {path}: {e.strerror}")
    print(f"已创建 {path}：{len(project.regions)} 个地区 | created {path}")
    return EXIT_OK
