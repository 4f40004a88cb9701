"""The core and io layers must run without Qt: planners' batch jobs and CI use them headless."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import workbench

PKG = Path(workbench.__file__).parent


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


def test_source_of_core_and_io_never_mentions_qt() -> None:
    """Catches lazy imports inside functions that the import test cannot see."""
    offenders = []
    for layer in ("core", "io"):
        for p in (PKG / layer).rglob("*.py"):
            text = p.read_text(encoding="utf-8")
            for needle in ("PySide6", "PyQt", "pyqtgraph", "shiboken"):
                if needle in text:
                    offenders.append(f"{p.relative_to(PKG)}: {needle}")
    assert offenders == []
