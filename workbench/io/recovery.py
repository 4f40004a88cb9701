"""Crash-recovery files: a window's unsaved work, written aside and found again after a crash.

Each window writes into one folder (the settings folder's ``recovery``), named by its process id:

* ``recovery-<pid>.wbp`` — the project as of the last autosave (every minute or so);
* ``recovery-<pid>.journal`` — every edit applied since then, one JSON line each, flushed and
  fsync'd as it is applied (``Journal``). Its first line names the base the edits apply to: the
  autosave above, or the project file as the window loaded or saved it (with its SHA-256);
* ``recovery-<pid>.json`` — ``pid``, ``host``, ``original`` path, ``saved_at``, ``name``.

Recovery = base + replay of the journal, so a crash loses at most the edit being written. A set of
files is *pending*, i.e. worth offering back, when the process that wrote it is no longer running;
files of live windows (and of this process) are theirs, not ours. A damaged set (unreadable
metadata, a truncated project or journal) is still offered — as damaged, keeping its files —
never skipped or deleted silently.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from workbench.core.edits import Edit
from workbench.core.model import Project
from workbench.io import project_file
from workbench.io.edit_codec import decode_edit, encode_edit
from workbench.io.locks import pid_alive

_NAME = re.compile(r"recovery-(\d+)\.(wbp|json|journal)")
JOURNAL_VERSION = 1


def recovery_files(folder: Path, pid: int | None = None) -> tuple[Path, Path]:
    """The (project, metadata) pair a process with ``pid`` (default: this one) writes."""
    wbp = Path(folder) / f"recovery-{os.getpid() if pid is None else pid}.wbp"
    return wbp, wbp.with_suffix(".json")


def journal_file(wbp: Path) -> Path:
    return wbp.with_suffix(".journal")


def write_meta(wbp: Path, original: Path | None, name: str, base_sha256: str = "") -> None:
    """The set's metadata; ``base_sha256``: the original file's content the work started from."""
    meta = {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "original": str(original) if original else "",
        "saved_at": datetime.now().isoformat(timespec="seconds"),
        "name": name,
        "base_sha256": base_sha256,
    }
    wbp.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False), "utf-8")


def write_recovery(project: Project, wbp: Path, original: Path | None, name: str) -> str:
    """Write the project and its metadata; the SHA-256 of what was written (a journal's base).
    Raises ``ProjectFileError``/``OSError`` on failure."""
    project_file.save(project, wbp, backup=False)
    write_meta(wbp, original, name)
    return sha256_of(wbp)


def sha256_of(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# ---------------------------------------------------------------------------- the edit journal
@dataclass
class Journal:
    """Append-only record of applied edits, one fsync'd JSON line each.

    ``begin`` is asked for the header (the base) when the first edit after a start arrives, so a
    window that is only looked at writes nothing. A write that fails (full disk, an edit this
    codec cannot encode) stops the journal until the next ``restart``; the autosave still runs.
    """

    path: Path
    begin: Callable[[], dict[str, Any]] | None = None
    broken: str = ""
    _fh: IO[str] | None = field(default=None, repr=False)

    @property
    def started(self) -> bool:
        return self._fh is not None

    def append(self, edit: Edit) -> bool:
        if self.broken:
            return False
        try:
            if self._fh is None:
                header = self.begin() if self.begin is not None else {}
                self._open({"journal": JOURNAL_VERSION, **header})
                if header.get("holds_first_edit"):
                    return True  # the base was written with this edit applied
            line = json.dumps({"edit": encode_edit(edit)}, ensure_ascii=False)
            self._write(line)
        except Exception as e:  # the journal must never stop an edit
            self.broken = str(e) or type(e).__name__
            self.close()
            return False
        return True

    def restart(self, header: dict[str, Any] | None = None) -> None:
        """Start over (after an autosave): with ``header`` now, else at the next edit."""
        self.close()
        self.broken = ""
        with contextlib.suppress(OSError):
            self.path.unlink()
        if header is not None:
            try:
                self._open({"journal": JOURNAL_VERSION, **header})
            except OSError as e:
                self.broken = str(e)

    def discard(self) -> None:
        self.restart(None)

    def close(self) -> None:
        if self._fh is not None:
            with contextlib.suppress(OSError):
                self._fh.close()
            self._fh = None

    def _open(self, header: dict[str, Any]) -> None:
        self._fh = open(self.path, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
        self._write(json.dumps(header, ensure_ascii=False))

    def _write(self, line: str) -> None:
        assert self._fh is not None
        self._fh.write(line + "\n")
        self._fh.flush()
        os.fsync(self._fh.fileno())


@dataclass
class Replay:
    """What reading a journal gave: the edits, and why it stopped early (a torn last line)."""

    header: dict[str, Any]
    edits: list[Edit]
    stopped: str = ""


def read_journal(path: Path) -> Replay:
    """The journal's header and edits; a damaged line ends the replay (its reason in
    ``stopped``), so the edits before it are still recovered."""
    try:
        lines = Path(path).read_text("utf-8", errors="replace").split("\n")
    except OSError as e:
        return Replay({}, [], str(e))
    try:
        header = json.loads(lines[0])
    except ValueError:
        return Replay({}, [], "header unreadable")
    if not isinstance(header, dict) or header.get("journal") != JOURNAL_VERSION:
        return Replay({}, [], "not a journal of this version")
    out: list[Edit] = []
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        try:
            edit = decode_edit(json.loads(line)["edit"])
        except (ValueError, KeyError, TypeError, RecursionError):
            return Replay(header, out, f"line {n} unreadable")
        if not isinstance(edit, Edit):
            return Replay(header, out, f"line {n} is not an edit")
        out.append(edit)
    return Replay(header, out)


def replay(project: Project, edits: list[Edit]) -> tuple[int, str]:
    """Apply ``edits`` in order; (how many applied, why it stopped or "")."""
    for i, e in enumerate(edits):
        try:
            e.apply(project)
        except (ValueError, KeyError, AttributeError, TypeError, IndexError) as exc:
            return i, f"edit {i + 1} no longer applies: {exc}"
    return len(edits), ""


# ---------------------------------------------------------------------------- finding and reading
def pending_recoveries(folder: Path) -> list[tuple[Path, dict[str, Any]]]:
    """Work left by processes that are no longer running, newest first: (project file — which
    may be missing when only a journal was written —, metadata). Metadata that cannot be read is
    replaced by what the file names say, with ``damaged`` set: offered, never skipped."""
    groups: dict[int, set[str]] = {}
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    for name in names:
        m = _NAME.fullmatch(name)
        if m:
            groups.setdefault(int(m.group(1)), set()).add(m.group(2))
    out = []
    for pid, kinds in groups.items():
        wbp = Path(folder) / f"recovery-{pid}.wbp"
        meta = _meta(wbp)
        if meta.get("host") == socket.gethostname() and (pid == os.getpid() or pid_alive(pid)):
            continue  # a live window's own files
        if "wbp" not in kinds and not _journal_holds_work(journal_file(wbp)):
            discard(wbp)  # metadata alone, or a journal without edits: nothing was lost
            continue
        out.append((wbp, meta))
    out.sort(key=lambda t: str(t[1].get("saved_at", "")), reverse=True)
    return out


def _meta(wbp: Path) -> dict[str, Any]:
    meta_file = wbp.with_suffix(".json")
    try:
        meta = json.loads(meta_file.read_text("utf-8"))
        if isinstance(meta, dict):
            return meta
        reason = "not an object"
    except (OSError, ValueError) as e:
        reason = type(e).__name__
    pid = int(_NAME.fullmatch(wbp.name).group(1))  # type: ignore[union-attr]
    header = read_journal(journal_file(wbp)).header
    newest = max((_mtime(f) for f in (wbp, meta_file, journal_file(wbp))), default=0.0)
    return {
        "pid": pid,
        "host": socket.gethostname(),  # unknown: assume this machine, where the files are
        "original": header.get("original", ""),
        "saved_at": datetime.fromtimestamp(newest).isoformat(timespec="seconds") if newest else "?",
        "name": Path(header["original"]).name if header.get("original") else wbp.name,
        "damaged": f"{meta_file.name}: {reason}",
    }


def _mtime(f: Path) -> float:
    try:
        return f.stat().st_mtime
    except OSError:
        return 0.0


def _journal_holds_work(path: Path) -> bool:
    if not path.exists():
        return False
    rep = read_journal(path)
    return bool(rep.edits) or bool(rep.stopped)


@dataclass
class Recovered:
    project: Project
    replayed: int = 0  # edits replayed from the journal
    note: str = ""  # why the replay stopped early, if it did


def recover(wbp: Path) -> Recovered:
    """The last autosave plus the journal's edits (or the original file plus them, when the
    window crashed before its first autosave). Raises ``ProjectFileError`` when no base can be
    read; the files are then left where they are."""
    journal = journal_file(wbp)
    rep = read_journal(journal) if journal.exists() else None
    header = rep.header if rep is not None else {}
    if wbp.exists():
        project = project_file.load(wbp)
        # edits written after this autosave name it by its hash; an older journal is already in it
        if header.get("base") != "recovery" or header.get("sha256") != sha256_of(wbp):
            return Recovered(project)
    elif header.get("base") == "original" and header.get("original"):
        original = Path(header["original"])
        try:
            same = sha256_of(original) == header.get("sha256")
        except OSError:
            same = False
        if not same:
            raise project_file.ProjectFileError(
                journal,
                f"记录的修改基于 {original}，该文件已改变或不存在，无法重放",
                f"the journal's edits apply to {original}, which changed or is gone",
            )
        project = project_file.load(original)
    else:
        raise project_file.ProjectFileError(
            wbp, "恢复文件缺失或无法读取", "the recovery file is missing or unreadable"
        )
    assert rep is not None
    applied, why = replay(project, rep.edits)
    return Recovered(project, applied, "; ".join(r for r in (rep.stopped, why) if r))


def read_recovery(wbp: Path) -> Project:
    """The recovered project; raises ``ProjectFileError`` when it cannot be read."""
    return recover(wbp).project


def discard(wbp: Path) -> None:
    """Delete a recovery set (missing files are fine)."""
    for f in (wbp, wbp.with_suffix(".json"), journal_file(wbp)):
        with contextlib.suppress(OSError):
            f.unlink()
