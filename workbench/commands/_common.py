"""Helpers shared by commands: loading a project or failing with one clear line."""

from __future__ import annotations

import sys
from pathlib import Path

from workbench.core.model import Project
from workbench.io.locks import held_message, read_lock
from workbench.io.project_file import ProjectFileError, load

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_UNUSABLE = 2


def fail(message: str) -> int:
    """Print one line to stderr and return the 'unusable input' exit code."""
    print(message, file=sys.stderr)
    return EXIT_UNUSABLE


def refuse_unknown_scenario(project: Project, name: str | None) -> int | None:
    """Exit code 2 after one line naming the scenarios there are, when ``name`` is not one of
    them; None when it is (or when no scenario was asked for)."""
    if name is None or project.scenario(name) is not None:
        return None
    names = "、".join(s.name for s in project.scenarios) or "（无）"
    return fail(f"项目中没有名为“{name}”的方案（现有：{names}） | no scenario named {name!r}")


def unusable_line(e: BaseException) -> str:
    """One line for a failure no command handled: a file or disk error (read-only folder, full
    disk, permission) names the file; a project-file error says what and where."""
    if isinstance(e, ProjectFileError):
        return e.message("zh") + " | " + e.message("en")
    if isinstance(e, OSError):
        where = f" {e.filename}" if e.filename else ""
        why = e.strerror or type(e).__name__
        return f"无法读写文件{where}：{why} | cannot read or write{where}: {why}"
    zh = getattr(e, "zh", None)
    en = getattr(e, "en", None)
    if zh and en:
        return f"{zh} | {en}"
    text = (str(e).splitlines() or [""])[0][:200]
    return f"无法完成：{type(e).__name__}：{text} | failed: {type(e).__name__}: {text}"


def load_project(path: str) -> Project | None:
    """Load or print why not (one line) and return None."""
    try:
        return load(path)
    except ProjectFileError as e:
        fail(e.message("zh") + " | " + e.message("en"))
        return None


def load_scenario_project(path: str, scenario: str | None) -> Project | int:
    """The project at ``path`` when it loads and has ``scenario`` (or none was asked for); else
    the exit code after the one line that says why not."""
    project = load_project(path)
    if project is None:
        return EXIT_UNUSABLE
    refused = refuse_unknown_scenario(project, scenario)
    return project if refused is None else refused


def refuse_if_open_elsewhere(path: str | Path) -> int | None:
    """For a command about to write ``path``: the exit code if a live window holds its lock.

    A window that has the project open would overwrite (or be overwritten by) our save; a lock
    left by a process that died is stale and does not stop us (see ``io.locks``).
    """
    holder = read_lock(Path(path))
    return None if holder is None else fail(held_message(Path(path), holder))
