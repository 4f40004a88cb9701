"""The open project as the window sees it: one place where every edit goes through.

``ProjectSession.push(edit)`` applies a core ``Edit`` and puts it on the undo stack inside a
``QUndoCommand``; applying (and undoing) emits one ``changed`` signal carrying the core ``Changes``
value, so tables, plots, the problems list, the status bar and autosave all refresh from the same
notice. Views never write to the project directly.

Every applied edit (push, undo, redo) is also appended to the crash-recovery journal (``record``).

The edit is applied *before* it is pushed: an edit that the core refuses (a duplicate key, a
number that is not finite) must not leave a half-done command on the stack, and an exception
raised inside ``QUndoCommand.redo`` cannot reach the caller through Qt.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from workbench.core.addresses import ScenarioItem
from workbench.core.edits import Changes, Edit
from workbench.core.model import Project, Scenario
from workbench.ui.i18n import language

if TYPE_CHECKING:  # validation is imported by the first computation, after the first paint
    from workbench.core.validation import Problem, Validator
    from workbench.io.recovery import Journal

CHEAP_VALIDATION_S = 0.008  # half a 60 Hz frame
DEBOUNCE_MS = 60


class EditCommand(QUndoCommand):
    """A QUndoCommand shell around a core Edit: redo applies it, undo applies its inverse."""

    def __init__(
        self, session: ProjectSession, edit: Edit, inverse: Edit, changes: Changes
    ) -> None:
        super().__init__(edit.text(language()))
        self.session = session
        self.edit = edit
        self.inverse: Edit | None = inverse
        self._pending: Changes | None = changes  # already applied by ProjectSession.push

    def redo(self) -> None:
        if self._pending is not None:
            changes, self._pending = self._pending, None
        else:
            self.inverse, changes = self.edit.apply(self.session.project)
            self.session.record(self.edit)
        self.session._notify(changes)

    def undo(self) -> None:
        assert self.inverse is not None
        self.edit, changes = self.inverse.apply(self.session.project)
        self.session.record(self.inverse)
        self.inverse = None
        # After undo, ``self.edit`` is the re-do edit (the inverse of the inverse).
        self.session._notify(changes)

    def id(self) -> int:
        return 1 if self.edit.merge_id is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Repeated edits of the same cell merge: undo returns to the value before the first."""
        if not isinstance(other, EditCommand) or other.edit.merge_id != self.edit.merge_id:
            return False
        if self.edit.merge_id is None:
            return False
        # Keep our inverse (the original value); adopt the newer edit as what redo re-applies.
        self.edit = other.edit
        return True


class ProjectSession(QObject):
    """Holds the project, its file path, the undo stack and the current scenario."""

    changed = Signal(object)  # workbench.core.edits.Changes
    scenarioChanged = Signal(str)
    projectReplaced = Signal()
    modifiedChanged = Signal(bool)
    computeStarted = Signal()  # build engines now: the project's first computation begins
    problemsChanged = Signal()
    editFailed = Signal(str)

    def __init__(
        self, project: Project, path: Path | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.path = path
        self.undo_stack = QUndoStack(self)
        self._scenario = project.scenarios[0].name if project.scenarios else ""
        self._problems: list[Problem] | None = None
        self._validate_seconds = 0.0
        self._validator: Validator | None = None  # built on first use: re-runs affected rules only
        self._pending_parts: set[str] = set()
        # Validation runs once per burst of edits, after the edited cell and the projections have
        # been redrawn: on a 5,000-candidate project it takes longer than a frame.
        self._problems_timer = QTimer(self)
        self._problems_timer.setSingleShot(True)
        self._problems_timer.timeout.connect(self.flush_problems)
        self._dirty_outside_undo = False  # e.g. restored from a recovery file
        self.journal: Journal | None = None  # set by the window's file controller
        self._previous_scenario = ""  # where to go when the current scenario is deleted
        self._displaced_scenario = ""  # the current scenario a deletion took away (undo returns)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        # The first computation of a project (projection engine, full validation; scipy only for
        # a large project) waits for the next event-loop turn, so the window is shown first;
        # until then views say "computing". A window holds it until its first paint.
        self._compute_held = False
        self._compute_started = False
        QTimer.singleShot(0, self, self._start_computing)

    # ---------------------------------------------------------------- editing
    def push(self, edit: Edit) -> bool:
        """Apply ``edit`` as an undoable step (the only way views change the project).

        Returns False, emits ``editFailed`` and leaves the project untouched if the core refuses.
        """
        try:
            inverse, changes = edit.apply(self.project)
        except (ValueError, KeyError, AttributeError, TypeError, IndexError) as e:
            self.editFailed.emit(f"{edit.text(language())}: {e}")
            return False
        self.record(edit)
        self.undo_stack.push(EditCommand(self, edit, inverse, changes))
        return True

    def record(self, edit: Edit) -> None:
        """Journal an edit just applied (push, undo and redo all come through here), so crash
        recovery can replay it onto the last autosave (``io.recovery.Journal``)."""
        if self.journal is not None:
            self.journal.append(edit)

    def _notify(self, changes: Changes) -> None:
        before = self._scenario
        if changes.touches("scenarios"):
            self._follow_scenario(changes)
        self._problems = None
        self._pending_parts |= changes.parts
        # Cheap validation runs right after this change; slow validation (big projects) waits
        # until a burst of edits pauses, so typing and dragging stay smooth.
        self._problems_timer.start(
            0 if self._validate_seconds < CHEAP_VALIDATION_S else DEBOUNCE_MS
        )
        self.changed.emit(changes)
        if self._scenario != before:
            self.scenarioChanged.emit(self._scenario)

    def _follow_scenario(self, changes: Changes) -> None:
        """Keep the current scenario an existing one across renames, deletions and their undo.

        A rename (and its undo) is followed; deleting the current scenario falls back to the one
        chosen before it (else the first); re-inserting it (undo of the deletion, redo of a
        "new scenario") makes it current again. Views read ``scenario`` during ``changed``, so
        this runs before that signal and ``scenarioChanged`` follows it.
        """
        names = [sc.name for sc in self.project.scenarios]
        current = self._scenario
        if current in names:
            back = self._displaced_scenario
            if back and back in names and ScenarioItem(back).path in changes.paths:
                self._previous_scenario, self._scenario = current, back
                self._displaced_scenario = ""
            return
        new = changes.renamed("scenarios").get(current)
        if new is not None and new in names:
            self._scenario = new
            if self._displaced_scenario == current:
                self._displaced_scenario = new
            return
        self._displaced_scenario = current
        fallback = self._previous_scenario if self._previous_scenario in names else ""
        self._scenario = fallback or (names[0] if names else "")

    def flush_problems(self) -> None:
        """Re-validate now (if anything changed) and tell the problem views."""
        self._problems_timer.stop()
        self.problems()
        self.problemsChanged.emit()

    def _on_clean_changed(self, clean: bool) -> None:
        self.modifiedChanged.emit(self._dirty_outside_undo or not clean)

    # ---------------------------------------------------------------- first computation
    def hold_computing(self) -> None:
        """Keep the first computation back until ``release_computing`` (the window is painted)."""
        self._compute_held = True

    def release_computing(self) -> None:
        """Let the first computation run on the next event-loop turn."""
        if self._compute_held:
            self._compute_held = False
            QTimer.singleShot(0, self, self._start_computing)

    @property
    def compute_started(self) -> bool:
        return self._compute_started

    def _start_computing(self) -> None:
        if self._compute_held or self._compute_started:
            return
        self._compute_started = True
        self.computeStarted.emit()
        self.flush_problems()

    @property
    def problems_ready(self) -> bool:
        """Whether this project has been validated at least once (views show "computing" until
        then rather than an empty list that would read as "no problems")."""
        return self._validator is not None and self._validator.project is self.project

    def problems(self) -> list[Problem]:
        """Validation problems of the current project, computed at most once per change.

        Views that show problems refresh on ``problemsChanged`` rather than on ``changed``."""
        if self._problems is None:
            t0 = time.perf_counter()
            if self._validator is None or self._validator.project is not self.project:
                from workbench.core.validation import Validator

                self._validator = Validator(self.project)
                self._problems = self._validator.problems
            else:
                self._problems = self._validator.update(frozenset(self._pending_parts))
            self._pending_parts = set()
            self._validate_seconds = time.perf_counter() - t0
        return self._problems

    @property
    def modified(self) -> bool:
        return self._dirty_outside_undo or not self.undo_stack.isClean()

    def mark_saved(self, path: Path) -> None:
        self.path = path
        self._dirty_outside_undo = False
        self.undo_stack.setClean()
        self.modifiedChanged.emit(self.modified)

    def mark_modified(self) -> None:
        """Unsaved work that is not on the undo stack (a restored recovery file)."""
        self._dirty_outside_undo = True
        self.modifiedChanged.emit(True)

    # ---------------------------------------------------------------- scenario
    @property
    def scenario(self) -> str:
        return self._scenario

    def current_scenario(self) -> Scenario | None:
        return self.project.scenario(self._scenario)

    def set_scenario(self, name: str) -> None:
        if name != self._scenario and self.project.scenario(name) is not None:
            self._previous_scenario, self._scenario = self._scenario, name
            self.scenarioChanged.emit(name)

    # ---------------------------------------------------------------- replace
    def replace(self, project: Project, path: Path | None) -> None:
        """Swap in another project (open/new/restore): clears undo, keeps signal connections."""
        self.project = project
        self.path = path
        self._problems = None
        self._validator = None
        self._pending_parts = set()
        self._problems_timer.stop()
        self._compute_started = False
        QTimer.singleShot(0, self, self._start_computing)
        self._dirty_outside_undo = False
        self.undo_stack.clear()
        self._scenario = project.scenarios[0].name if project.scenarios else ""
        self._previous_scenario = self._displaced_scenario = ""
        self.projectReplaced.emit()
        self.modifiedChanged.emit(self.modified)
