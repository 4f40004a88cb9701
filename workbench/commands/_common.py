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


def load_project(path: str) -> Project | None:
    """Load or print why not (one line) and return None."""
    try:
        return load(path)
    except ProjectFileError as e:
        fail(e.message("zh") + " | " + e.message("en"))
        return None


def refuse_if_open_elsewhere(path: str | Path) -> int | None:
    """For a command about to write ``path``: the exit code if a live window holds its lock.

    A window that has the project open would overwrite (or be overwritten by) our save; a lock
    left by a process that died is stale and does not stop us (see ``io.locks``).
    """
    holder = read_lock(Path(path))
    return None if holder is None else fail(held_message(Path(path), holder))
