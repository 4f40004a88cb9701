"""The lock-file and crash-recovery protocols, without Qt: who holds a project, when a lock or a
recovery file is stale, and that this process never counts as "another window"."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest

from workbench.bundled import SAMPLE_PROJECT
from workbench.io import recovery
from workbench.io.locks import (
    held_message,
    holder_files,
    lock_path,
    pid_alive,
    read_lock,
    release_lock,
    write_lock,
)
from workbench.io.project_file import load, save


def dead_pid() -> int:
    """A process id that is not running (found by asking, counting down from a high id)."""
    pid = 999_999
    while pid_alive(pid):
        pid -= 1
    return pid


def hold(project: Path, pid: int, host: str | None = None) -> None:
    info = {"pid": pid, "host": host or socket.gethostname(), "since": "2026-01-01T09:00:00"}
    lock_path(project).write_text(json.dumps(info), "utf-8")


def test_lock_sits_next_to_the_project_and_names_its_holder(tmp_path: Path) -> None:
    p = tmp_path / "plan.wbp"
    lock = write_lock(p)
    assert lock is not None and lock.path.parent == tmp_path
    assert lock.path.name.startswith(".~plan.wbp.") and lock.path.name.endswith(".lock")
    info = json.loads(lock.path.read_text("utf-8"))
    assert info["pid"] == os.getpid() and info["host"] == socket.gethostname()
    assert info["token"] == lock.token
    assert read_lock(p) is None  # our own lock is not "another window"
    release_lock(lock)
    assert holder_files(p) == []


def test_live_holder_is_reported_and_its_lock_survives_our_release(tmp_path: Path) -> None:
    p = tmp_path / "plan.wbp"
    hold(p, os.getppid())  # the test runner's parent stands in for another window
    holder = read_lock(p)
    assert holder is not None and holder["pid"] == os.getppid()
    release_lock(p)  # not ours: left alone
    assert lock_path(p).exists()
    line = held_message(p, holder)
    assert "\n" not in line and "另一个窗口" in line and "another window" in line
    assert str(os.getppid()) in line


@pytest.mark.parametrize(
    "content",
    [None, "not json", "[1, 2]", json.dumps({"pid": "x", "host": socket.gethostname()})],
)
def test_stale_missing_or_broken_locks_hold_nothing(tmp_path: Path, content: str | None) -> None:
    p = tmp_path / "plan.wbp"
    if content is None:
        hold(p, dead_pid())
    else:
        lock_path(p).write_text(content, "utf-8")
    assert read_lock(p) is None


def test_a_lock_from_another_host_counts_as_live(tmp_path: Path) -> None:
    p = tmp_path / "plan.wbp"
    hold(p, dead_pid(), host="another-" + socket.gethostname())
    assert read_lock(p) is not None  # its process cannot be checked from here


def test_recovery_of_a_dead_process_is_pending_and_ours_is_not(tmp_path: Path) -> None:
    project = load(SAMPLE_PROJECT)
    mine, mine_meta = recovery.recovery_files(tmp_path)
    assert mine.name == f"recovery-{os.getpid()}.wbp" and mine_meta.suffix == ".json"
    recovery.write_recovery(project, mine, tmp_path / "plan.wbp", "plan.wbp")
    assert recovery.pending_recoveries(tmp_path) == []  # this process is alive

    dead = dead_pid()
    wbp, meta_file = recovery.recovery_files(tmp_path, dead)
    save(project, wbp, backup=False)
    meta = json.loads(mine_meta.read_text("utf-8")) | {"pid": dead}
    meta_file.write_text(json.dumps(meta), "utf-8")
    ((found, found_meta),) = recovery.pending_recoveries(tmp_path)
    assert found == wbp and found_meta["original"] == str(tmp_path / "plan.wbp")
    assert recovery.read_recovery(found).name == project.name
    recovery.discard(found)
    assert not wbp.exists() and not meta_file.exists()
    assert recovery.pending_recoveries(tmp_path) == []
