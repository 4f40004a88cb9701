"""Commands that write a project refuse while a window has it open (a live lock), and only then."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest

from workbench.bundled import SAMPLE_PROJECT
from workbench.cli import main
from workbench.io.locks import lock_path, pid_alive
from workbench.io.project_file import load, save

STATS = Path(__file__).parents[1] / "data" / "stats" / "cq_2023_merged_header.xlsx"


def hold(project: Path, pid: int) -> None:
    info = {"pid": pid, "host": socket.gethostname(), "since": "2026-01-01T09:00:00"}
    lock_path(project).write_text(json.dumps(info), "utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "plan.wbp"
    save(load(SAMPLE_PROJECT), path)
    return path


WRITERS = [
    lambda p: ["import-allocations", str(p), str(p.with_name("edited.xlsx")), "--apply"],
    lambda p: ["import-candidates", str(p), str(p.with_name("forms.xlsx")), "--apply"],
    lambda p: ["stats", str(STATS), "--project", str(p), "--apply"],
    lambda p: ["new", str(p), "--force"],
]


@pytest.mark.parametrize("argv", WRITERS, ids=["allocations", "candidates", "stats", "new"])
def test_writer_refuses_a_project_open_in_a_window(project: Path, argv, capsys) -> None:
    before = project.read_bytes()
    hold(project, os.getppid())  # the test runner's parent stands in for the window
    assert main(argv(project)) == 2
    captured = capsys.readouterr()
    (line,) = captured.err.strip().splitlines()
    assert "另一个窗口" in line and "another window" in line and str(os.getppid()) in line
    assert project.read_bytes() == before


def test_a_stale_lock_does_not_stop_a_writer(project: Path, capsys) -> None:
    dead = 999_999
    while pid_alive(dead):
        dead -= 1
    hold(project, dead)
    assert main(["new", str(project), "--force", "--name", "重建"]) == 0
    assert load(project).name == "重建"


def test_reading_commands_ignore_the_lock(project: Path, tmp_path: Path, capsys) -> None:
    hold(project, os.getppid())
    assert main(["validate", str(project)]) == 0
    assert main(["stats", str(STATS), "--project", str(project)]) == 0  # a preview writes nothing
