"""The instance lock survives a second window closing (issue 10, point 8), stale claims of dead or
reused process ids are ignored, and a file changed on disk since it was loaded is detected."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workbench.bundled import SAMPLE_PROJECT
from workbench.io import project_file
from workbench.io.locks import (
    FileStamp,
    holder_files,
    pid_alive,
    process_started,
    read_lock,
    release_lock,
    write_lock,
)

ROOT = Path(__file__).parents[2]
HOLD = (
    "import sys, time\n"
    "from pathlib import Path\n"
    "from workbench.io.locks import write_lock\n"
    "assert write_lock(Path(sys.argv[1])) is not None\n"
    "print('held', flush=True)\n"
    "time.sleep(120)\n"
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    p = tmp_path / "plan.wbp"
    project_file.save(project_file.load(SAMPLE_PROJECT), p)
    return p


@pytest.fixture
def instance_a(project: Path):
    """Window A: another process that opened the project and holds it."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(project)], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
        yield proc
    finally:
        proc.kill()
        proc.wait(timeout=10)
        if proc.stdout is not None:
            proc.stdout.close()


def test_three_instances_a_b_c(project: Path, instance_a) -> None:
    a_loaded = FileStamp.of(project)  # what A loaded
    assert a_loaded is not None
    # B opens anyway: it is warned about A, then claims the project too
    warned = read_lock(project)
    assert warned is not None and warned["pid"] == instance_a.pid
    b = write_lock(project)
    assert b is not None and len(holder_files(project)) == 2
    # B saves a change and closes: only B's claim goes
    edited = project_file.load(project)
    edited.name = "B 的修改"
    project_file.save(edited, project)
    release_lock(b)
    assert len(holder_files(project)) == 1
    # C opens: still warned, A is still there
    holder = read_lock(project)
    assert holder is not None and holder["pid"] == instance_a.pid
    # A is about to save over the file: it sees that the file is not what it loaded
    assert a_loaded.changed(project)
    assert project_file.load(project).name == "B 的修改"


def test_the_holder_of_a_window_is_not_its_own_warning(project: Path, instance_a) -> None:
    mine = write_lock(project)
    assert mine is not None
    holder = read_lock(project, mine)
    assert holder is not None and holder["pid"] == instance_a.pid  # A, not us
    release_lock(mine)


def _claim(project: Path, pid: int, started: str | None) -> Path:
    info = {"pid": pid, "host": socket.gethostname(), "since": "2026-01-01T09:00:00"}
    if started is not None:
        info |= {"token": "0123456789abcdef", "started": started}
    file = project.with_name(f".~{project.name}.0123456789abcdef.lock")
    file.write_text(json.dumps(info), "utf-8")
    return file


@pytest.mark.skipif(process_started(os.getpid()) is None, reason="needs /proc (Linux)")
def test_a_reused_pid_is_stale_and_a_matching_start_is_live(project: Path) -> None:
    parent = os.getppid()  # a live process standing in for a window
    _claim(project, parent, "boot-of-another-day:12345")  # same id, another process
    assert read_lock(project) is None
    _claim(project, parent, process_started(parent))
    assert read_lock(project) is not None


def test_a_dead_pid_is_stale_and_its_claim_is_cleared(project: Path) -> None:
    dead = 999_999
    while pid_alive(dead):
        dead -= 1
    stale = _claim(project, dead, "whatever")
    assert read_lock(project) is None
    mine = write_lock(project)
    assert not stale.exists() and holder_files(project) == [mine.path]
    release_lock(mine)


def test_broken_or_foreign_names_are_not_claims(project: Path) -> None:
    project.with_name(f".~{project.name}.notatoken.lock").write_text("{}", "utf-8")
    project.with_name(f".~{project.name}.0123456789abcdef.lock.tmp").write_text("{", "utf-8")
    other = project.with_name("plan.wbp.x.wbp")
    other.with_name(f".~{other.name}.0123456789abcdef.lock").write_text("{}", "utf-8")
    assert holder_files(project) == []


def test_stamp_sees_content_not_touches(project: Path) -> None:
    stamp = FileStamp.of(project)
    assert stamp is not None and not stamp.changed(project)
    raw = project.read_bytes()
    later = time.time() + 5
    os.utime(project, (later, later))  # touched, same bytes
    assert not stamp.changed(project)
    project.write_bytes(raw.replace(b'"name"', b'"name" ', 1))
    assert stamp.changed(project)
    project.unlink()
    assert stamp.changed(project) and FileStamp.of(project) is None
