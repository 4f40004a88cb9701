"""Run slow work (imports, exports, large recomputes) off the UI thread, with progress and cancel.

The work is a plain function ``fn(progress, cancel)`` so core and io stay Qt-free: ``progress`` and
``cancel`` are ordinary callables handed on to functions that accept them. The function runs in a
``QThreadPool`` thread; its result, error or cancellation comes back to the UI thread as a queued
signal. ``run_with_progress`` adds a window-modal ``QProgressDialog`` with a cancel button: the
window keeps painting (it never freezes), but the user cannot edit the project while a worker is
reading it.

Results are applied to the project only on the UI thread, through the session's undo stack.
"""

from __future__ import annotations

import atexit
import contextlib
import threading
import time
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from workbench.ui.i18n import pick

# Tasks whose work is running: at exit each is asked to stop and waited for (``_drain``), so no pool
# thread is still emitting while Qt and the interpreter are torn down (that crashed the process
# at exit when a band run was in flight as the window closed).
_RUNNING: set[BackgroundTask] = set()
_RUNNING_LOCK = threading.Lock()
EXIT_WAIT_S = 5.0


class Cancelled(Exception):
    """Raised inside a worker function (by ``Cancel.check``) to stop early."""


class Cancel:
    """The cancel flag handed to worker functions: call it to ask "should I stop?"."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def __call__(self) -> bool:
        return self._event.is_set()

    def set(self) -> None:
        self._event.set()

    def check(self) -> None:
        """Raise ``Cancelled`` if the user asked to stop (for loops that prefer raising)."""
        if self._event.is_set():
            raise Cancelled


class Progress:
    """The progress callable handed to worker functions.

    Accepts ``progress(fraction)``, ``progress(done, total)``, ``progress(fraction, "message")``
    or ``progress(done, total, "message")`` so it fits the io layer's call styles; it forwards
    a fraction 0–1 and a message to the UI thread.
    """

    def __init__(self, emit: Callable[[float, str], None]) -> None:
        self._emit = emit

    def __call__(self, value: float, total: float | str | None = None, message: str = "") -> None:
        if isinstance(total, str):
            message, total = total, None
        fraction = float(value) / float(total) if total else float(value)
        self._emit(min(max(fraction, 0.0), 1.0), str(message))


class _Runner(QRunnable):
    def __init__(self, task: BackgroundTask) -> None:
        super().__init__()
        self.task = task
        self.setAutoDelete(True)

    def run(self) -> None:
        self.task._run()


class BackgroundTask(QObject):
    """One call of ``fn(progress, cancel)`` on a pool thread; outcome signals arrive on the UI thread.

    Exactly one of ``succeeded(result)``, ``failed(exception)`` or ``cancelled()`` is emitted,
    followed by ``finished()``.
    """

    progressed = Signal(float, str)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()

    def __init__(
        self, fn: Callable[[Progress, Cancel], Any], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.fn = fn
        self.cancel_flag = Cancel()
        self.done = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None
        self.was_cancelled = False
        self.exited = threading.Event()  # set after the last signal: the thread is done with Qt

    def start(self, pool: QThreadPool | None = None) -> None:
        with _RUNNING_LOCK:
            _RUNNING.add(self)
        (pool or QThreadPool.globalInstance()).start(_Runner(self))

    def cancel(self) -> None:
        self.cancel_flag.set()

    def _tell(self, name: str, *args: Any) -> None:
        """Emit ``name`` unless the task's Qt object is gone: a task parented to a panel that was
        closed (or a window that quit) while its work ran has nobody left to tell, and emitting
        on the deleted object would print a traceback from the pool thread."""
        if not shiboken6.isValid(self):
            return
        with contextlib.suppress(RuntimeError):  # deleted between the check and the emit
            getattr(self, name).emit(*args)

    def _run(self) -> None:
        try:
            self._work()
        finally:
            with _RUNNING_LOCK:
                _RUNNING.discard(self)
            self.exited.set()

    def _work(self) -> None:
        progress = Progress(lambda fraction, message: self._tell("progressed", fraction, message))
        try:
            self.result = self.fn(progress, self.cancel_flag)
        except Cancelled:
            self.was_cancelled = True
        except (
            BaseException
        ) as exc:  # any failure, even a Rust panic (a BaseException), is reported
            if self.cancel_flag() and type(exc).__name__.endswith("Cancelled"):
                self.was_cancelled = True  # an io-layer cancellation exception (ExportCancelled)
            else:
                self.error = exc
        if not self.was_cancelled and self.error is None and self.cancel_flag():
            self.was_cancelled = True  # asked to stop; the function returned without raising
        if self.was_cancelled:
            self._tell("cancelled")
        elif self.error is not None:
            self._tell("failed", self.error)
        else:
            self._tell("succeeded", self.result)
        self.done.set()
        self._tell("finished")


def _drain(timeout: float = EXIT_WAIT_S) -> None:
    """Ask every running task to stop and wait (up to ``timeout`` in all) until each has left Qt."""
    with _RUNNING_LOCK:
        tasks = list(_RUNNING)
    for task in tasks:
        task.cancel_flag.set()
    deadline = time.monotonic() + timeout
    for task in tasks:
        task.exited.wait(max(0.0, deadline - time.monotonic()))


atexit.register(_drain)


def run_with_progress(
    parent: QWidget | None,
    title: str,
    fn: Callable[[Progress, Cancel], Any],
    on_success: Callable[[Any], None],
    on_error: Callable[[BaseException], None] | None = None,
    on_cancel: Callable[[], None] | None = None,
) -> BackgroundTask:
    """Start ``fn`` in the background behind a progress dialog with a 取消 (cancel) button."""
    dialog = QProgressDialog(parent)
    dialog.setObjectName("workerProgressDialog")
    dialog.setWindowTitle(title)
    dialog.setLabelText(title)
    dialog.setCancelButtonText(pick("取消", "Cancel"))
    dialog.setRange(0, 1000)
    dialog.setValue(0)
    dialog.setMinimumDuration(300)  # quick jobs finish without a dialog flashing up
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)

    task = BackgroundTask(fn, parent)
    task.dialog = dialog  # type: ignore[attr-defined] - kept for tests and the caller

    def progressed(fraction: float, message: str) -> None:
        dialog.setValue(round(fraction * 1000))
        if message:
            dialog.setLabelText(f"{title}\n{message}")

    def finished() -> None:
        dialog.canceled.disconnect(task.cancel)
        dialog.close()
        dialog.deleteLater()

    dialog.canceled.connect(task.cancel)
    task.progressed.connect(progressed)
    task.succeeded.connect(on_success)
    if on_error is not None:
        task.failed.connect(on_error)
    if on_cancel is not None:
        task.cancelled.connect(on_cancel)
    task.finished.connect(finished)
    task.finished.connect(task.deleteLater)
    task.start()
    return task
