"""Files from the window: save/reopen, a file that fails to open, the lock file, autosave and
crash recovery, new project, recent files."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from workbench.bundled import SAMPLE_PROJECT
from workbench.core.edits import SetAllocation
from workbench.core.enums import Instrument
from workbench.io import project_file
from workbench.io.codec import encode
from workbench.io.locks import holder_files, lock_path, read_lock
from workbench.ui.app import create_main_window
from workbench.ui.main_window import MainWindow
from workbench.ui.session import ProjectSession

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
B = QMessageBox.StandardButton


def _allocate(window: MainWindow, amount: float = 0.5) -> None:
    cid = window.session.project.candidates[0].id
    assert window.session.push(
        SetAllocation(window.session.scenario, cid, 2029, Instrument.TALENT, amount)
    )


def _dead_pid() -> int:
    """A process id that is not running (found, not guessed blindly)."""
    pid = 999_999
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return pid
        except PermissionError:
            pass
        pid -= 1


def test_broken_file_shows_reason_and_keeps_current_project(
    window: MainWindow, tmp_path: Path, dialogs
) -> None:
    _allocate(window)
    before = encode(window.session.project)
    broken = tmp_path / "broken.wbp"
    broken.write_text('{"format_version": 1, "project": {"name": ', encoding="utf-8")
    assert not window.files.open(broken)
    [text] = dialogs.texts("critical")
    assert "当前项目保持不变" in text and "broken.wbp" in text and "JSON" in text
    assert (
        "Could not open" not in text and "Cannot open project file" in text
    )  # English follows Chinese
    assert encode(window.session.project) == before
    assert window.session.modified and window.session.undo_stack.count() == 1
    assert window.session.path.name == "sample.wbp"


def test_start_on_a_project_locked_elsewhere_can_fall_back_to_sample(
    qtbot, settings, sample_copy, dialogs
) -> None:
    lock_path(sample_copy).write_text(
        json.dumps({"pid": os.getppid(), "host": socket.gethostname()}), "utf-8"
    )
    dialogs.answers["warning"] = B.No
    w = create_main_window(str(sample_copy), settings)
    qtbot.addWidget(w)
    assert w.session.path == SAMPLE_PROJECT
    assert (
        json.loads(lock_path(sample_copy).read_text("utf-8"))["pid"] == os.getppid()
    )  # theirs, untouched
    w.files.shutdown()


def test_newer_format_is_refused_not_overwritten(
    window: MainWindow, tmp_path: Path, dialogs
) -> None:
    newer = tmp_path / "newer.wbp"
    doc = json.loads(SAMPLE_PROJECT.read_text("utf-8"))
    doc["format_version"] = 999
    newer.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    raw = newer.read_bytes()
    assert not window.files.open(newer)
    assert "更新版本" in dialogs.texts("critical")[0]
    assert newer.read_bytes() == raw


def test_save_as_then_reopen_equals_what_was_on_screen(
    window: MainWindow, tmp_path: Path, settings
) -> None:
    old = window.session.path
    assert window.files.acquire_lock(old) and holder_files(old)
    _allocate(window, 0.75)
    window.fund.spins["size"].setValue(210.0)
    target = tmp_path / "out" / "plan"
    target.parent.mkdir()
    assert window.files.save_as(target)
    saved = target.with_suffix(".wbp")
    assert window.session.path == saved and not window.session.modified
    assert "plan.wbp" in window.windowTitle() and not window.isWindowModified()
    assert encode(project_file.load(saved)) == encode(window.session.project)
    assert settings.recent_files[0] == str(saved.resolve())
    # we hold its lock now, and gave up the old one
    assert holder_files(saved)
    assert not holder_files(old)


def test_sample_is_never_overwritten(qtbot, settings, dialogs, monkeypatch) -> None:
    raw = SAMPLE_PROJECT.read_bytes()
    session = ProjectSession(project_file.load(SAMPLE_PROJECT), SAMPLE_PROJECT)
    w = MainWindow(session, settings)
    qtbot.addWidget(w)
    _allocate(w)
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    assert not w.files.save()  # Save on the sample asks for a new name; cancelled here
    assert SAMPLE_PROJECT.read_bytes() == raw
    assert not w.files.save_as(SAMPLE_PROJECT)
    assert "内置示例" in dialogs.texts("critical")[0]
    assert SAMPLE_PROJECT.read_bytes() == raw
    w.files.shutdown()


def test_lock_file_warns_when_open_elsewhere(window: MainWindow, tmp_path: Path, dialogs) -> None:
    other = tmp_path / "shared.wbp"
    project_file.save(window.session.project, other)
    # another live instance (this test's parent process stands in for it) holds the lock
    lock_path(other).write_text(
        json.dumps(
            {"pid": os.getppid(), "host": socket.gethostname(), "since": "2026-05-01T09:00:00"}
        ),
        "utf-8",
    )
    _allocate(window)
    before = encode(window.session.project)
    dialogs.answers["warning"] = B.No
    assert not window.files.open(other, ask_unsaved=False)
    [text] = dialogs.texts("warning")
    assert "已在另一个工作台窗口中打开" in text and str(os.getppid()) in text
    assert encode(window.session.project) == before and window.session.path.name == "sample.wbp"
    dialogs.answers["warning"] = B.Yes
    assert window.files.open(other, ask_unsaved=False)
    assert window.session.path == other


def test_stale_lock_of_a_dead_process_is_ignored(
    window: MainWindow, tmp_path: Path, dialogs
) -> None:
    other = tmp_path / "stale.wbp"
    project_file.save(window.session.project, other)
    lock_path(other).write_text(
        json.dumps({"pid": _dead_pid(), "host": socket.gethostname()}), "utf-8"
    )
    assert read_lock(other) is None
    assert window.files.open(other)
    assert dialogs.texts("warning") == []
    (mine,) = holder_files(other)  # the stale claim was cleared, ours written
    assert json.loads(mine.read_text("utf-8"))["pid"] == os.getpid()
    window.files.shutdown()
    assert holder_files(other) == []


def test_autosave_writes_recovery_and_save_removes_it(window: MainWindow) -> None:
    files = window.files
    assert not files.autosave()  # nothing unsaved, nothing written
    _allocate(window, 0.3)
    assert files.timer.isActive()
    assert files.autosave()
    assert encode(project_file.load(files.recovery_file)) == encode(window.session.project)
    meta = json.loads(files.recovery_meta.read_text("utf-8"))
    assert meta["original"].endswith("sample.wbp") and meta["pid"] == os.getpid()
    assert files.save()
    assert not files.recovery_file.exists() and not files.recovery_meta.exists()


def test_crash_recovery_is_offered_at_next_start(
    qtbot, settings, sample_copy: Path, dialogs
) -> None:
    # a first window edits and autosaves, then "crashes": its recovery file stays, its pid is dead
    session = ProjectSession(project_file.load(sample_copy), sample_copy)
    w1 = MainWindow(session, settings)
    qtbot.addWidget(w1)
    _allocate(w1, 1.5)
    w1.files.autosave()
    crashed = encode(w1.session.project)
    rec = w1.files.recovery_file
    dead = rec.with_name(f"recovery-{_dead_pid()}.wbp")
    os.replace(rec, dead)
    meta = json.loads(w1.files.recovery_meta.read_text("utf-8"))
    meta["pid"] = int(dead.stem.split("-")[1])
    dead.with_suffix(".json").write_text(json.dumps(meta), "utf-8")
    w1.files.recovery_meta.unlink()
    w1.files.release_lock()

    dialogs.answers["question"] = B.Yes
    w2 = create_main_window(str(sample_copy), settings)
    qtbot.addWidget(w2)
    assert any("意外退出" in t for t in dialogs.texts("question"))
    assert encode(w2.session.project) == crashed
    assert w2.session.path == sample_copy and w2.session.modified and w2.isWindowModified()
    assert not dead.exists()
    assert w2.files.recovery_file.exists()  # the restored work is protected again
    w2.files.shutdown()


def test_declined_recovery_is_deleted(qtbot, settings, sample_copy: Path, dialogs) -> None:
    rdir = settings.recovery_dir()
    pid = _dead_pid()
    project_file.save(project_file.load(sample_copy), rdir / f"recovery-{pid}.wbp", backup=False)
    (rdir / f"recovery-{pid}.json").write_text(
        json.dumps(
            {"pid": pid, "host": socket.gethostname(), "original": "", "saved_at": "x", "name": "x"}
        ),
        "utf-8",
    )
    dialogs.answers["question"] = B.No
    w = create_main_window(str(sample_copy), settings)
    qtbot.addWidget(w)
    assert not w.session.modified
    assert list(rdir.glob("recovery-*")) == []
    w.files.shutdown()


def test_start_with_a_bad_project_reports_and_falls_back_to_sample(
    qtbot, settings, tmp_path: Path, dialogs
) -> None:
    bad = tmp_path / "bad.wbp"
    bad.write_bytes(b"PK\x03\x04not really")
    w = create_main_window(str(bad), settings)
    qtbot.addWidget(w)
    assert "Excel" in dialogs.texts("critical")[0]
    assert w.session.path == SAMPLE_PROJECT
    w.files.shutdown()


def test_new_project_asks_about_unsaved_work(window: MainWindow, dialogs) -> None:
    _allocate(window)
    dialogs.answers["question"] = B.Cancel
    assert not window.files.new()
    assert window.session.path.name == "sample.wbp"
    dialogs.answers["question"] = B.Discard
    assert window.files.new()
    assert window.session.path is None and len(window.session.project.regions) > 0
    assert window.session.project.candidates == []
    assert "未命名" in window.windowTitle()


def test_start_without_argument_opens_the_last_project(qtbot, settings, sample_copy: Path) -> None:
    settings.add_recent(sample_copy)
    w = create_main_window(None, settings)
    qtbot.addWidget(w)
    assert w.session.path == sample_copy.resolve()
    assert holder_files(sample_copy)
    w.files.shutdown()
    assert holder_files(sample_copy) == []


def test_a_crash_loses_no_edit_the_journal_recorded(qtbot, settings, sample_copy: Path, dialogs):
    """Edits after the last autosave (and an undo among them) come back from the journal."""
    from workbench.core.edits import SetValue

    session = ProjectSession(project_file.load(sample_copy), sample_copy)
    w1 = MainWindow(session, settings)
    qtbot.addWidget(w1)
    _allocate(w1, 1.5)
    assert w1.files.autosave()
    _allocate(w1, 2.5)  # after the autosave: only the journal has these
    assert session.push(SetValue(("fund", "leverage"), 3.0))
    assert session.push(SetValue(("name",), "崩溃前"))
    session.undo_stack.undo()
    live = encode(session.project)
    # the process "dies" here: nothing is closed; its files now belong to a dead pid
    dead = _dead_pid()
    for f in (w1.files.recovery_file, w1.files.recovery_meta, w1.files.journal.path):
        os.replace(f, f.with_name(f"recovery-{dead}{f.suffix}"))
    meta_file = w1.files.recovery_meta.with_name(f"recovery-{dead}.json")
    meta_file.write_text(json.dumps(json.loads(meta_file.read_text("utf-8")) | {"pid": dead}))
    w1.files.release_lock()

    dialogs.answers["question"] = B.Yes
    w2 = create_main_window(str(sample_copy), settings)
    qtbot.addWidget(w2)
    assert encode(w2.session.project) == live and w2.session.modified
    assert not list(settings.recovery_dir().glob(f"recovery-{dead}.*"))
    w1.files.journal.close()
    w2.files.shutdown()


def test_edits_before_any_autosave_are_recovered_from_the_file_and_the_journal(
    qtbot, settings, sample_copy: Path, dialogs
):
    session = ProjectSession(project_file.load(sample_copy), sample_copy)
    w1 = MainWindow(session, settings)
    qtbot.addWidget(w1)
    _allocate(w1, 0.7)
    assert not w1.files.recovery_file.exists()  # no autosave yet: the journal stands on the file
    live = encode(session.project)
    dead = _dead_pid()
    for f in (w1.files.recovery_meta, w1.files.journal.path):
        os.replace(f, f.with_name(f"recovery-{dead}{f.suffix}"))
    w1.files.journal.close()
    w1.files.release_lock()
    dialogs.answers["question"] = B.Yes
    w2 = create_main_window(str(sample_copy), settings)
    qtbot.addWidget(w2)
    assert encode(w2.session.project) == live
    w2.files.shutdown()
