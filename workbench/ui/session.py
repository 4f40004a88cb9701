"""The open project as the window sees it: one place where every edit goes through.

``ProjectSession.push(edit)`` wraps a core ``Edit`` in a ``QUndoCommand`` and pushes it on the undo
stack; applying (and undoing) emits one ``changed`` signal carrying the core ``Changes`` value, so
tables, plots, the problems list, the status bar and autosave all refresh from the same notice.
Views never write to the project directly.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from workbench.core.edits import Changes, Edit
from workbench.core.model import Project


class EditCommand(QUndoCommand):
    """A QUndoCommand shell around a core Edit: redo applies it, undo applies its inverse."""

    _next_id = 1000

    def __init__(self, session: ProjectSession, edit: Edit, lang: str = "zh") -> None:
        super().__init__(edit.text(lang))
        self.session = session
        self.edit = edit
        self.inverse: Edit | None = None

    def redo(self) -> None:
        self.inverse, changes = self.edit.apply(self.session.project)
        self.session._notify(changes)

    def undo(self) -> None:
        assert self.inverse is not None
        self.edit, changes = self.inverse.apply(self.session.project)
        self.inverse = None
        # After undo, ``self.edit`` is the re-do edit (the inverse of the inverse).
        self.session._notify(changes)

    def id(self) -> int:  # noqa: A003 - Qt API
        return 1 if self.edit.merge_id is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt API
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
    scenarioChanged = Signal(str)  # noqa: N815 - Qt naming
    projectReplaced = Signal()  # noqa: N815 - a different project was loaded: rebuild everything

    def __init__(self, project: Project, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.path = path
        self.lang = "zh"
        self.undo_stack = QUndoStack(self)
        self._scenario = project.scenarios[0].name if project.scenarios else ""

    # ---------------------------------------------------------------- editing
    def push(self, edit: Edit) -> None:
        """Apply ``edit`` as an undoable step (the only way views change the project)."""
        self.undo_stack.push(EditCommand(self, edit, self.lang))

    def _notify(self, changes: Changes) -> None:
        self.changed.emit(changes)

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    # ---------------------------------------------------------------- scenario
    @property
    def scenario(self) -> str:
        return self._scenario

    def set_scenario(self, name: str) -> None:
        if name != self._scenario and self.project.scenario(name) is not None:
            self._scenario = name
            self.scenarioChanged.emit(name)

    # ---------------------------------------------------------------- replace
    def replace(self, project: Project, path: Path | None) -> None:
        """Swap in another project (open/new/restore): clears undo, keeps signal connections."""
        self.project = project
        self.path = path
        self.undo_stack.clear()
        self._scenario = project.scenarios[0].name if project.scenarios else ""
        self.projectReplaced.emit()
