"""方案 menu: new (empty or a copy of the current one), rename, delete and describe a scenario.

Each is one core edit on ``("scenarios",)`` pushed through the session, so undo and redo work and
the session keeps its current scenario consistent (see ``ProjectSession._follow_scenario``). Names
are checked here first so the user gets a sentence rather than the core's duplicate-key error.
"""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from workbench.core.edits import InsertItem, RemoveItem, SetValue
from workbench.core.model import Scenario
from workbench.ui.i18n import tr
from workbench.ui.session import ProjectSession


class ScenarioActions:
    def __init__(self, window: QWidget, session: ProjectSession) -> None:
        self.window = window
        self.session = session

    # ------------------------------------------------------------------ helpers
    def _names(self) -> list[str]:
        return [sc.name for sc in self.session.project.scenarios]

    def _warn(self, text: str) -> None:
        QMessageBox.warning(self.window, tr("warning.title"), text)

    def _ask_name(self, title: str, suggestion: str, allowed: str = "") -> str | None:
        """A new, unused scenario name from the user (``allowed``: the name being renamed)."""
        text, ok = QInputDialog.getText(
            self.window, title, tr("scenario.name.prompt"), QLineEdit.EchoMode.Normal, suggestion
        )
        if not ok:
            return None
        name = str(text).strip()
        if not name:
            self._warn(tr("scenario.name.empty"))
            return None
        if name != allowed and name in self._names():
            self._warn(tr("scenario.name.duplicate", name=name))
            return None
        return name

    def _unused(self, make: Any) -> str:
        names = set(self._names())
        n = 1
        while make(n) in names:
            n += 1
        return make(n)

    # ------------------------------------------------------------------ actions
    def new_scenario(self, copy_current: bool = False) -> bool:
        """Insert an empty scenario, or a copy of the current one after it; make it current."""
        current = self.session.current_scenario()
        if copy_current and current is None:
            return False
        if copy_current:
            assert current is not None
            base = tr("scenario.copy_name", name=current.name)
            suggestion = self._unused(lambda n: base if n == 1 else f"{base} {n}")
            title = tr("scenario.copy.title")
        else:
            suggestion = self._unused(lambda n: tr("scenario.default_name", n=n))
            title = tr("scenario.new.title")
        name = self._ask_name(title, suggestion)
        if name is None:
            return False
        names = self._names()
        if copy_current:
            assert current is not None
            scenario = copy.deepcopy(current)
            scenario.name = name
            scenario.description = tr(
                "scenario.copy_description", name=current.name, description=current.description
            ).strip()
            index: int | None = names.index(current.name) + 1
            text = tr("scenario.copy_text", source=current.name, name=name)
        else:
            scenario, index = Scenario(name), None
            text = tr("scenario.new_text", name=name)
        edit = InsertItem(("scenarios",), scenario, index)
        edit.text_zh = edit.text_en = text
        if not self.session.push(edit):
            return False
        self.session.set_scenario(name)
        return True

    def rename_scenario(self) -> bool:
        sc = self.session.current_scenario()
        if sc is None:
            return False
        old = sc.name
        name = self._ask_name(tr("scenario.rename.title"), old, allowed=old)
        if name is None or name == old:
            return False
        edit = SetValue(("scenarios", old, "name"), name)
        edit.text_zh = edit.text_en = tr("scenario.rename_text", old=old, name=name)
        return self.session.push(edit)

    def delete_scenario(self) -> bool:
        sc = self.session.current_scenario()
        if sc is None:
            return False
        if len(self.session.project.scenarios) <= 1:
            self._warn(tr("scenario.delete.last", name=sc.name))
            return False
        answer = QMessageBox.question(
            self.window,
            tr("scenario.delete.title"),
            tr("scenario.delete.confirm", name=sc.name, n=len(sc.allocations)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        edit = RemoveItem(("scenarios",), sc.name)
        edit.text_zh = edit.text_en = tr("scenario.delete_text", name=sc.name)
        return self.session.push(edit)

    def edit_description(self) -> bool:
        sc = self.session.current_scenario()
        if sc is None:
            return False
        text, ok = QInputDialog.getMultiLineText(
            self.window,
            tr("scenario.describe.title"),
            tr("scenario.describe.prompt", name=sc.name),
            sc.description,
        )
        if not ok or str(text).strip() == sc.description.strip():
            return False
        edit = SetValue(("scenarios", sc.name, "description"), str(text).strip())
        edit.text_zh = edit.text_en = tr("scenario.describe_text", name=sc.name)
        return self.session.push(edit)
