"""The lock file that tells other windows and the command line that a project is open for editing.

Protocol: next to ``plan.wbp`` sits ``.~plan.wbp.lock``, a small JSON object ``{"pid", "host",
"since"}`` written by the window that opened the project and removed when it closes it. A lock is
*live* when its holder may still write: a process on another host (which cannot be checked), or a
running process on this host other than the reader. A lock left by a process that died is stale and
ignored, so a crash never locks a project for good. The lock warns; it never prevents a read.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from datetime import datetime
from pathlib import Path
from typing import Any


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine (never signals it)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":  # os.kill(pid, 0) would terminate the process on Windows
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # type: ignore[attr-defined]
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))  # type: ignore[attr-defined]
        ctypes.windll.kernel32.CloseHandle(handle)  # type: ignore[attr-defined]
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def lock_path(project: Path) -> Path:
    return project.with_name(f".~{project.name}.lock")


def read_lock(project: Path) -> dict[str, Any] | None:
    """The lock holder's details, or None when no *live* holder exists (stale locks are ignored)."""
    lp = lock_path(Path(project))
    try:
        info = json.loads(lp.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(info, dict):
        return None
    same_host = info.get("host") == socket.gethostname()
    pid = info.get("pid")
    if same_host and (pid == os.getpid() or not isinstance(pid, int) or not pid_alive(pid)):
        return None
    return info


def write_lock(project: Path) -> bool:
    """Claim the project for this process; False when the folder cannot be written."""
    info = {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "since": datetime.now().isoformat(timespec="seconds"),
    }
    try:
        lock_path(project).write_text(json.dumps(info), "utf-8")
    except OSError:
        return False
    return True


def release_lock(project: Path) -> None:
    """Remove the lock if this process holds it; another holder's lock is left alone."""
    lp = lock_path(project)
    try:
        info = json.loads(lp.read_text("utf-8"))
        if info.get("pid") == os.getpid() and info.get("host") == socket.gethostname():
            lp.unlink()
    except (OSError, ValueError, AttributeError):
        pass


def held_message(project: Path, holder: dict[str, Any]) -> str:
    """One line, Chinese then English, for a writer that refuses because ``holder`` is live."""
    host, pid, since = holder.get("host", "?"), holder.get("pid", "?"), holder.get("since", "?")
    return (
        f"项目 {project} 正在另一个窗口中编辑（{host}，进程 {pid}，自 {since}），未写入；请先在该窗口关闭项目"
        f" | {project} is open in another window ({host}, process {pid}, since {since});"
        " nothing written, close it there first"
    )
