"""The layer order holds: core ← io ← {ui, commands} ← cli, and core and io run without Qt.

The contracts live in pyproject.toml (``[tool.importlinter]``) and name whole layers, so modules can
move inside a layer without touching them. import-linter reads every import statement, including
those inside functions; the subprocess test below adds what it cannot see: Qt pulled in through a
third-party package at import time (planners' batch jobs and CI run core and io headless).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import workbench

PKG = Path(workbench.__file__).parent
ROOT = Path(__file__).resolve().parents[2]
LINT = "from importlinter.cli import lint_imports_command; lint_imports_command()"


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """Run ``lint-imports`` on the ``workbench`` package under ``root`` with root's pyproject.toml."""
    env = {**os.environ, "PYTHONPATH": str(root), "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-c", LINT, "--no-cache"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_layer_contracts_hold() -> None:
    out = lint_imports(ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "4 kept, 0 broken" in out.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract", "chain"),
    [
        (
            "core/__init__.py",
            "import workbench.ui",
            "core is pure domain: no io, ui, commands or cli BROKEN",
            "workbench.core -> workbench.ui",
        ),
        (
            "io/__init__.py",
            "from workbench.commands import info",
            "io reads and writes files: no ui, commands or cli BROKEN",
            "workbench.io -> workbench.commands.info",
        ),
        (
            "commands/__init__.py",
            "import workbench.ui.i18n",
            "ui and commands are independent front ends BROKEN",
            "workbench.commands -> workbench.ui.i18n",
        ),
        (
            "core/__init__.py",
            "def _late():\n    import PySide6.QtCore",
            "core and io run headless: no Qt BROKEN",
            "workbench.core -> PySide6",
        ),
    ],
)
def test_a_violation_breaks_its_contract(
    tmp_path: Path, module: str, line: str, contract: str, chain: str
) -> None:
    """The same contracts on a copy of the package with one forbidden import added."""
    shutil.copytree(
        ROOT / "workbench", tmp_path / "workbench", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "workbench" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    out = lint_imports(tmp_path)
    assert out.returncode == 1, out.stdout + out.stderr
    assert contract in out.stdout
    assert chain in out.stdout
    assert "3 kept, 1 broken" in out.stdout


def test_core_and_io_do_not_import_qt() -> None:
    modules = sorted(
        "workbench." + ".".join(p.relative_to(PKG).with_suffix("").parts)
        for layer in ("core", "io")
        for p in (PKG / layer).rglob("*.py")
    )
    modules = [m.removesuffix(".__init__") for m in modules]
    code = (
        "import sys\n"
        f"for m in {modules!r}:\n"
        "    __import__(m)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'PyQt5', 'PyQt6', 'shiboken6', 'pyqtgraph'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"Qt imported by core/io: {out.stdout.strip()}"
