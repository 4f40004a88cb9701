"""Lock files that tell other windows and the command line that a project is open for editing,
and the stamp that tells a window the file changed on disk since it loaded it.

Protocol: each window that opens ``plan.wbp`` writes its own holder file beside it,
``.~plan.wbp.<token>.lock`` — a small JSON object ``{"pid", "host", "since", "token", "started",
"boot"}`` — and removes only that file when it closes the project. One file per holder is what
lets the lock survive: when window B opens a project window A holds (after the warning) and then
closes it, B's release leaves A's claim in place, so a third window still gets the warning.
(Files written before holder files existed used one shared ``.~plan.wbp.lock``; it is still read.)

A holder is *live* when it may still write: a process on another host (which cannot be checked),
or a running process on this host other than the reader. A running process is the holder only if
it started when the holder did (``started``: its start time, from ``/proc`` on Linux, with the
boot id), so a process id reused after a crash or a reboot is stale. Stale holder files are
ignored and cleared on the next claim, so a crash never locks a project for good. The lock warns;
it never prevents a read.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import socket
import sys
from dataclasses import dataclass
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


def process_started(pid: int) -> str | None:
    """An identity of the process's start: boot id + start time in clock ticks (Linux), else
    None (the platform cannot tell, and only ``pid_alive`` is checked)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text("ascii", "replace")
        boot = Path("/proc/sys/kernel/random/boot_id").read_text("ascii").strip()
    except OSError:
        return None
    fields = stat[stat.rfind(")") + 2 :].split()  # the name may hold spaces and parentheses
    return f"{boot}:{fields[19]}" if len(fields) > 19 else None


def _holder_alive(info: dict[str, Any]) -> bool:
    if info.get("host") != socket.gethostname():
        return True  # another machine: cannot be checked, so it may still write
    pid = info.get("pid")
    if not isinstance(pid, int) or isinstance(pid, bool) or not pid_alive(pid):
        return False
    started = info.get("started")
    if isinstance(started, str) and started:
        now = process_started(pid)
        return now is None or now == started  # a different start: the id was reused
    return True


def lock_path(project: Path) -> Path:
    """The shared lock file older versions wrote (still read, never written)."""
    return project.with_name(f".~{project.name}.lock")


def holder_path(project: Path, token: str) -> Path:
    return project.with_name(f".~{project.name}.{token}.lock")


@dataclass(frozen=True)
class Lock:
    """This process's claim on one project: its own holder file."""

    project: Path
    token: str

    @property
    def path(self) -> Path:
        return holder_path(self.project, self.token)


def holder_files(project: Path) -> list[Path]:
    own = re.compile(rf"\.~{re.escape(project.name)}\.[0-9a-f]{{16}}\.lock")
    legacy = lock_path(project).name
    try:
        entries = os.listdir(project.parent if str(project.parent) else ".")
    except OSError:
        return []
    return [project.with_name(n) for n in sorted(entries) if n == legacy or own.fullmatch(n)]


def _read(file: Path) -> dict[str, Any] | None:
    try:
        info = json.loads(file.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return info if isinstance(info, dict) else None


def holders(project: Path, mine: Lock | None = None) -> list[dict[str, Any]]:
    """Every live holder of ``project`` except the reader: ``mine`` (a window's own claim), or,
    without one, every claim of this process (a command is never "another window")."""
    out = []
    for file in holder_files(Path(project)):
        info = _read(file)
        if info is None or not _holder_alive(info):
            continue
        if mine is not None:
            if info.get("token") == mine.token:
                continue
        elif info.get("pid") == os.getpid() and info.get("host") == socket.gethostname():
            continue
        out.append(info)
    return out


def read_lock(project: Path, mine: Lock | None = None) -> dict[str, Any] | None:
    """The first live holder's details, or None when no other live holder exists."""
    found = holders(Path(project), mine)
    return found[0] if found else None


def write_lock(project: Path) -> Lock | None:
    """Claim the project for this process (a new holder file); None when the folder cannot be
    written. Holder files of processes that are gone are cleared on the way."""
    project = Path(project)
    _clear_stale(project)
    token = secrets.token_hex(8)
    info = {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "since": datetime.now().isoformat(timespec="seconds"),
        "token": token,
        "started": process_started(os.getpid()) or "",
    }
    lock = Lock(project, token)
    tmp = lock.path.with_name(lock.path.name + ".tmp")  # readers never see half a file
    try:
        tmp.write_text(json.dumps(info), "utf-8")
        os.replace(tmp, lock.path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
        return None
    return lock


def release_lock(lock: Lock | Path | None) -> None:
    """Remove this claim's holder file; other holders' files are left alone. Given a project
    path (older callers), remove every holder file of this process for it."""
    if lock is None:
        return
    if isinstance(lock, Lock):
        with contextlib.suppress(OSError):
            lock.path.unlink()
        return
    for file in holder_files(Path(lock)):
        info = _read(file)
        if info and info.get("pid") == os.getpid() and info.get("host") == socket.gethostname():
            with contextlib.suppress(OSError):
                file.unlink()


def _clear_stale(project: Path) -> None:
    for file in holder_files(project):
        info = _read(file)
        if info is not None and not _holder_alive(info):
            with contextlib.suppress(OSError):
                file.unlink()


def held_message(project: Path, holder: dict[str, Any]) -> str:
    """One line, Chinese then English, for a writer that refuses because ``holder`` is live."""
    host, pid, since = holder.get("host", "?"), holder.get("pid", "?"), holder.get("since", "?")
    return (
        f"项目 {project} 正在另一个窗口中编辑（{host}，进程 {pid}，自 {since}），未写入；请先在该窗口关闭项目"
        f" | {project} is open in another window ({host}, process {pid}, since {since});"
        " nothing written, close it there first"
    )


# ---------------------------------------------------------------------------- changed on disk
@dataclass(frozen=True)
class FileStamp:
    """Which content of a file a window loaded or last saved: size, mtime and SHA-256.

    Before saving over the file the window asks ``changed``: another window or program may have
    written it meanwhile, and saving then would silently discard that work.
    """

    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of(cls, path: Path) -> FileStamp | None:
        """The stamp of the file as it is now; None when it cannot be read."""
        try:
            st = os.stat(path)
            digest = _sha256(Path(path))
        except OSError:
            return None
        return cls(st.st_size, st.st_mtime_ns, digest)

    def changed(self, path: Path) -> bool:
        """Whether the file now holds other content (missing counts as changed; a file only
        touched, same bytes, does not)."""
        try:
            st = os.stat(path)
            if st.st_size != self.size:
                return True
            if st.st_mtime_ns == self.mtime_ns:
                return False
            return _sha256(Path(path)) != self.sha256
        except OSError:
            return True


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
