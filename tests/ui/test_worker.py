"""Background work: results, errors and cancellation come back to the UI thread; nothing blocks."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from workbench.ui.worker import BackgroundTask, Cancel, Cancelled, Progress, run_with_progress


def test_result_arrives_on_ui_thread_with_progress(qtbot):
    seen_threads = []

    def work(progress, cancel):
        seen_threads.append(threading.current_thread())
        for i in range(4):
            progress(i + 1, 4, f"step {i + 1}")
        return 42

    task = BackgroundTask(work)
    fractions = []
    task.progressed.connect(lambda f, _m: fractions.append(f))
    received = []
    task.succeeded.connect(lambda r: received.append((r, QThread.currentThread())))
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.start()
    assert seen_threads[0] is not threading.main_thread()  # ran off the UI thread
    assert received == [(42, QApplication.instance().thread())]
    assert fractions == [0.25, 0.5, 0.75, 1.0]


def test_error_is_reported_not_lost(qtbot):
    def work(progress, cancel):
        raise ValueError("第 3 行：金额为负数")

    task = BackgroundTask(work)
    errors = []
    task.failed.connect(errors.append)
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.start()
    assert len(errors) == 1 and "金额为负数" in str(errors[0])


@pytest.mark.parametrize("exc", [RecursionError("deep"), MemoryError(), BaseException("panic")])
def test_any_exception_type_is_reported(qtbot, exc):
    """A reader's RecursionError, MemoryError or Rust panic (a BaseException) becomes a dialog."""

    def work(progress, cancel):
        raise exc

    task = BackgroundTask(work)
    errors = []
    task.failed.connect(errors.append)
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.start()
    assert errors == [exc]


def test_cancel_stops_the_work(qtbot):
    started = threading.Event()
    steps = []

    def work(progress, cancel: Cancel):
        started.set()
        while True:  # a long loop that only stops because the user cancelled
            cancel.check()
            steps.append(1)
            threading.Event().wait(0.001)

    task = BackgroundTask(work)
    outcomes = []
    task.cancelled.connect(lambda: outcomes.append("cancelled"))
    task.succeeded.connect(lambda _r: outcomes.append("succeeded"))
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.start()
        assert started.wait(5)
        task.cancel()
    assert outcomes == ["cancelled"]


def test_io_style_cancellation_exception_counts_as_cancel(qtbot):
    class ExportCancelled(Exception):
        pass

    def work(progress, cancel):
        while not cancel():
            threading.Event().wait(0.001)
        raise ExportCancelled

    task = BackgroundTask(work)
    outcomes = []
    task.cancelled.connect(lambda: outcomes.append("cancelled"))
    task.failed.connect(lambda e: outcomes.append(e))
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.start()
        task.cancel()
    assert outcomes == ["cancelled"]


def test_progress_accepts_the_io_call_styles():
    got = []
    p = Progress(lambda f, m: got.append((f, m)))
    p(0.5)
    p(3, 4)
    p(0.2, "读取工作表")
    p(5, 4, "done")  # overshoot is clamped
    assert got == [(0.5, ""), (0.75, ""), (0.2, "读取工作表"), (1.0, "done")]


def test_cancel_check_raises():
    c = Cancel()
    c.check()
    c.set()
    assert c()
    with pytest.raises(Cancelled):
        c.check()


def test_progress_dialog_cancel_button_cancels_and_window_stays_responsive(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    release = threading.Event()

    def work(progress, cancel):
        progress(0.1, "正在导出")
        while not cancel() and not release.is_set():
            threading.Event().wait(0.001)
        return "written"

    outcomes = []
    task = run_with_progress(
        window,
        "导出分配表",
        work,
        on_success=outcomes.append,
        on_cancel=lambda: outcomes.append("cancelled"),
    )
    dialog = task.dialog
    assert dialog.labelText() == "导出分配表"
    # The UI thread is free while the work runs: process events, then press 取消.
    qtbot.waitUntil(lambda: dialog.value() == 100, timeout=5000)
    assert dialog.labelText().endswith("正在导出")
    cancel_button = dialog.findChild(QPushButton)
    assert cancel_button.text() == "取消"
    with qtbot.waitSignal(task.finished, timeout=5000):
        cancel_button.click()
    release.set()
    assert outcomes == ["cancelled"]


def test_run_with_progress_success_calls_back(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    outcomes = []
    run_with_progress(window, "读取", lambda p, c: {"rows": 3}, on_success=outcomes.append)
    # The callbacks are connected before the work starts, so a fast result is never missed.
    qtbot.waitUntil(lambda: outcomes == [{"rows": 3}], timeout=5000)


def test_a_task_whose_owner_closed_while_it_ran_finishes_quietly(qtbot, capfd):
    """A band run parented to a panel that is closed mid-run: the work ends without a traceback
    from the pool thread (there is nobody left to tell)."""
    owner = QWidget()
    started, release = threading.Event(), threading.Event()

    def work(progress, cancel):
        started.set()
        release.wait(5)
        progress(0.5, "half")
        return 1

    task = BackgroundTask(work, owner)
    task.start()
    assert started.wait(5)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(task), timeout=5000)
    release.set()
    assert task.done.wait(5)
    QApplication.processEvents()
    err = capfd.readouterr().err
    assert "Traceback" not in err and "already deleted" not in err


def _alive(obj) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)


def test_at_exit_running_tasks_are_asked_to_stop_and_waited_for(qtbot):
    """The interpreter's exit waits for work in flight (a band run as the window closes) instead
    of tearing Qt down under a pool thread that is about to emit (that crashed the process)."""
    from workbench.ui import worker

    started = threading.Event()

    def work(progress, cancel):
        started.set()
        while not cancel():
            threading.Event().wait(0.005)
        return "stopped"

    task = BackgroundTask(work)
    task.start()
    assert started.wait(5)
    assert task in worker._RUNNING
    worker._drain(timeout=5)
    assert task.exited.is_set() and task.was_cancelled
    assert task not in worker._RUNNING
