"""Crash-recovery files: a window's unsaved work, written aside and found again after a crash.

Each window writes ``recovery-<pid>.wbp`` (the project) and ``recovery-<pid>.json`` (``pid``,
``host``, ``original`` path, ``saved_at``, ``name``) into one folder (the settings folder's
``recovery``). A pair is *pending*, i.e. worth offering back, when the process that wrote it is no
longer running; pairs of live windows (and of this process) are theirs, not ours.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
from datetime import datetime
from pathlib import Path
from typing import Any

from workbench.core.model import Project
from workbench.io import project_file
from workbench.io.locks import pid_alive


def recovery_files(folder: Path, pid: int | None = None) -> tuple[Path, Path]:
    """The (project, metadata) pair a process with ``pid`` (default: this one) writes."""
    wbp = Path(folder) / f"recovery-{os.getpid() if pid is None else pid}.wbp"
    return wbp, wbp.with_suffix(".json")


def write_recovery(project: Project, wbp: Path, original: Path | None, name: str) -> None:
    """Write the project and its metadata; raises ``ProjectFileError``/``OSError`` on failure."""
    project_file.save(project, wbp, backup=False)
    meta = {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "original": str(original) if original else "",
        "saved_at": datetime.now().isoformat(timespec="seconds"),
        "name": name,
    }
    wbp.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False), "utf-8")


def pending_recoveries(folder: Path) -> list[tuple[Path, dict[str, Any]]]:
    """Recovery files left by processes that are no longer running, newest first."""
    out = []
    for meta_file in Path(folder).glob("recovery-*.json"):
        try:
            meta = json.loads(meta_file.read_text("utf-8"))
        except (OSError, ValueError):
            continue
        wbp = meta_file.with_suffix(".wbp")
        if not isinstance(meta, dict) or not wbp.exists():
            continue
        pid = meta.get("pid")
        if meta.get("host") == socket.gethostname() and (
            pid == os.getpid() or (isinstance(pid, int) and pid_alive(pid))
        ):
            continue
        out.append((wbp, meta))
    out.sort(key=lambda t: str(t[1].get("saved_at", "")), reverse=True)
    return out


def read_recovery(wbp: Path) -> Project:
    """The recovered project; raises ``ProjectFileError`` when it cannot be read."""
    return project_file.load(wbp)


def discard(wbp: Path) -> None:
    """Delete a recovery pair (missing files are fine)."""
    for f in (wbp, wbp.with_suffix(".json")):
        with contextlib.suppress(OSError):
            f.unlink()
