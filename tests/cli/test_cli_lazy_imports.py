"""A command line loads what its command needs (issue 16: a planner's script running
`workbench stats` waited ~0.2 s for the Excel writer and the other commands' imports)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import openpyxl.cell.cell

from workbench.io.excel import safe_text

ROOT = Path(__file__).resolve().parents[2]


def _loaded_after(code: str) -> set[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys; print(' '.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return set(out.stdout.split())


def test_the_stats_command_loads_neither_openpyxl_nor_other_commands() -> None:
    loaded = _loaded_after("from workbench import cli; cli.build_parser('stats')")
    assert "workbench.commands.stats" in loaded
    assert "openpyxl" not in loaded
    assert not {"workbench.commands.export", "workbench.commands.params"} & loaded


def test_help_still_lists_every_command() -> None:
    loaded = _loaded_after("from workbench import cli; cli.build_parser()")
    assert {"workbench.commands.export", "workbench.commands.stats"} <= loaded


def test_the_excel_package_names_load_on_use() -> None:
    from workbench.io import excel

    assert excel.export_workbook.__module__ == "workbench.io.excel.export"
    assert sorted(excel.__all__) == sorted(excel._WHERE)
    assert all(getattr(excel, name) is not None for name in excel.__all__)


def test_csv_text_uses_openpyxls_illegal_characters() -> None:
    assert (
        safe_text.ILLEGAL_CHARACTERS_RE.pattern == openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE.pattern
    )
