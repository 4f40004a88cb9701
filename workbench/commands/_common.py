"""Helpers shared by commands: loading a project or failing with one clear line."""

from __future__ import annotations

import sys

from workbench.core.model import Project
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
