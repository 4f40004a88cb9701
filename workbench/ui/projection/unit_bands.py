"""Each unit's P10/P50/P90, computed in the background, for the results table, the region view
and the map (``core.uncertainty.units``).

One service per session (``service_for``). A view asks with ``get(...)``: it gets what is there
at once (perhaps stale after an edit, perhaps nothing yet) and never waits; a computation starts
in the thread pool on a private copy and ``updated`` tells every view to draw again. After an
edit the keys asked for lately are recomputed (allocations only: the draws' parameter arrays are
reused, as the chart's band does), so a view that asked before the edit is brought up to date.
"""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal
from shiboken6 import isValid

from workbench.core.edits import Changes
from workbench.ui.worker import BackgroundTask

_RUNNING: set[BackgroundTask] = set()
DELAY_MS = 150  # quiet time after the last request or edit
RECENT = 6  # keys kept being refreshed after edits


class UnitBandService(QObject):
    updated = Signal()  # new bands are in: views ask again

    def __init__(self, session: Any) -> None:
        super().__init__(session)
        self.setObjectName("unitBandService")
        self.session = session
        self._bands: dict[tuple, Any] = {}  # key -> UnitBands
        self._fresh: set[tuple] = set()
        self._recent: list[tuple] = []  # asked for, newest last
        self._model: Any = None
        self._model_key: tuple | None = None
        self._inputs_ok = False
        self.task: BackgroundTask | None = None
        self._timer = QTimer(self, singleShot=True, interval=DELAY_MS)
        self._timer.timeout.connect(self._start)
        session.changed.connect(self._on_changed)
        session.projectReplaced.connect(self._on_replaced)

    def settings(self) -> tuple[int, int]:
        u = self.session.project.uncertainty
        return int(u.draws), int(u.seed)

    def get(
        self,
        scenario: str,
        basis: str,
        metric: str,
        gross: bool = False,
        units: tuple[str, ...] | None = None,
    ) -> tuple[Any, bool]:
        """(UnitBands or None, stale). None while none has been computed or draws are off.
        ``units``: the band of their sum instead (one row, ``units.GROUP``)."""
        draws, seed = self.settings()
        if draws <= 0 or not scenario:
            return None, False
        key = (scenario, basis, metric, bool(gross), draws, seed, units)
        if key in self._recent:
            self._recent.remove(key)
        self._recent = [*self._recent, key][-RECENT:]
        if key not in self._fresh:
            self._timer.start()
        return self._bands.get(key), key not in self._fresh

    def _on_replaced(self) -> None:
        self._bands.clear()
        self._fresh.clear()
        self._model, self._model_key, self._inputs_ok = None, None, False
        self.updated.emit()

    def _on_changed(self, changes: Changes) -> None:
        if set(changes.parts) - {"allocations"}:
            self._inputs_ok = False
        self._fresh.clear()
        if self._recent:
            self._timer.start()

    def _start(self) -> None:
        if self.task is not None and not self.task.done.is_set():
            self._timer.start()  # one at a time: the next starts when this one has ended
            return
        draws, seed = self.settings()
        wanted = [
            k for k in reversed(self._recent) if k not in self._fresh and k[4:6] == (draws, seed)
        ]
        project = self.session.project
        wanted = [k for k in wanted if project.scenario(k[0]) is not None]
        if not wanted:
            return
        scenario = wanted[0][0]
        keys = [k for k in wanted if k[0] == scenario]  # one scenario's model per run
        model_key = (scenario, draws, seed)
        old = self._model if (self._inputs_ok and self._model_key == model_key) else None
        if old is not None:
            private: Any = copy.deepcopy(project.scenario(scenario))
        else:
            from workbench.ui.dialogs.common import snapshot

            private = snapshot(project)
        self._fresh.update(keys)  # an edit while it runs clears them again
        marked = set(keys)

        def work(_progress: Any, cancel: Any) -> tuple:
            from workbench.core.uncertainty import draw_model
            from workbench.core.uncertainty.units import group_band, unit_bands

            def bands(k: tuple) -> Any:
                if k[6] is None:
                    return unit_bands(model, k[1], k[2], gross=k[3])
                return group_band(model, k[1], k[2], k[6], gross=k[3])

            with np.errstate(all="ignore"):
                if old is not None:
                    model = old.with_allocations(private, cancel=cancel)
                else:
                    model = draw_model(private, scenario, draws=draws, seed=seed, cancel=cancel)
                out = {k: bands(k) for k in keys}
            return model_key, model, out

        task = BackgroundTask(work)
        _RUNNING.add(task)

        def finished(result: tuple) -> None:
            if not isValid(self):  # the session (and this service) closed meanwhile
                return
            model_key, model, out = result
            self._model, self._model_key, self._inputs_ok = model, model_key, True
            self._bands.update(out)
            if marked - self._fresh:  # edited meanwhile: shown faded, recomputed
                self._timer.start()
            self.updated.emit()

        def failed(_error: BaseException) -> None:
            if isValid(self):
                self._fresh.difference_update(marked)

        task.succeeded.connect(finished)
        task.failed.connect(failed)
        task.finished.connect(lambda: _RUNNING.discard(task))
        self.task = task
        task.start()
        if len(wanted) > len(keys):  # another scenario's keys: next round
            self._timer.start()


def service_for(session: Any) -> UnitBandService:
    """The session's one service (made on first use: never at start-up)."""
    found = session.findChild(UnitBandService, "unitBandService")
    return found if found is not None else UnitBandService(session)


def results_bands(
    session: Any, block: Any, basis: str, metric: str, gross: bool
) -> tuple[np.ndarray | None, list[str]]:
    """The units' P10/P50/P90 for the 结果表 (``results_table(bands=...)``) and its note."""
    from workbench.ui.i18n import pick

    got, stale = service_for(session).get(session.scenario, basis, metric, gross)
    if got is None:
        return None, []
    bands = got.table_bands(list(block.codes), list(block.years))
    if stale:
        return bands, [
            pick("区间正在按最新修改重新计算…", "Ranges being recomputed after the edit…")
        ]
    return bands, []
