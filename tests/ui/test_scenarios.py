"""方案 management: new, copy, rename, delete and describe a scenario as undoable core edits, with
the scenario selector and ``session.scenario`` right after every undo and redo."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from workbench.ui.models.assumptions import COL_OVERRIDE

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

BASE, DUAL = "基准方案", "双核加力"


class Answers:
    """Scripted QInputDialog answers, recorded with the suggestion the dialog offered."""

    def __init__(self) -> None:
        self.texts: list[tuple[str, bool]] = []
        self.offered: list[str] = []

    def get_text(self, _parent: Any, _title: str, _label: str, _echo: Any, text: str = "") -> Any:
        self.offered.append(text)
        return self.texts.pop(0)

    def get_multiline(self, _parent: Any, _title: str, _label: str, text: str = "") -> Any:
        self.offered.append(text)
        return self.texts.pop(0)


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    a = Answers()
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(a.get_text))
    monkeypatch.setattr(QInputDialog, "getMultiLineText", staticmethod(a.get_multiline))
    return a


def _combo(window) -> list[str]:
    c = window.scenario_combo
    return [c.itemData(i) for i in range(c.count())]


def _consistent(window, session, name: str) -> None:
    assert session.scenario == name
    assert session.current_scenario() is not None
    assert window.scenario_combo.currentData() == name
    assert _combo(window) == [sc.name for sc in session.project.scenarios]
    header = window.assumptions.model.headerData(COL_OVERRIDE, Qt.Orientation.Horizontal)
    assert header == f"方案覆盖（{name}）"


def _trigger(window, name: str) -> None:
    window.actions_by_name[name].trigger()


def test_actions_are_in_the_scenario_submenu(window) -> None:
    from PySide6.QtWidgets import QMenu

    menu = window.findChild(QMenu, "menuScenario")
    assert menu is not None and menu.title() == "方案(&S)"
    names = {a.objectName() for a in menu.actions()}
    assert {
        "actionScenarioNew",
        "actionScenarioCopy",
        "actionScenarioRename",
        "actionScenarioDelete",
        "actionScenarioDescribe",
    } <= names


def test_new_empty_scenario_then_undo_redo(window, session, answers) -> None:
    answers.texts = [("  新区试点  ", True)]
    _trigger(window, "actionScenarioNew")
    assert answers.offered == ["新方案 1"]
    sc = session.project.scenario("新区试点")
    assert sc is not None and sc.allocations == [] and sc.assumption_overrides == {}
    _consistent(window, session, "新区试点")
    assert window.fund_label.text().startswith("基金已分配 0.00 亿元")
    assert session.undo_stack.undoText() == "新建方案“新区试点”"
    session.undo_stack.undo()
    assert session.project.scenario("新区试点") is None
    _consistent(window, session, BASE)
    session.undo_stack.redo()
    _consistent(window, session, "新区试点")


def test_copy_current_scenario(window, session, answers) -> None:
    window.scenario_combo.setCurrentIndex(window.scenario_combo.findData(DUAL))
    answers.texts = [("双核加力 B", True)]
    _trigger(window, "actionScenarioCopy")
    assert answers.offered == ["双核加力（副本）"]
    src, copy = session.project.scenario(DUAL), session.project.scenario("双核加力 B")
    assert copy is not None
    assert copy.allocations == src.allocations and copy.allocations is not src.allocations
    assert copy.assumption_overrides == src.assumption_overrides
    assert copy.park_ids == src.park_ids
    assert copy.description.startswith("复制自“双核加力”。")
    assert _combo(window) == [BASE, DUAL, "双核加力 B"]  # right after its source
    _consistent(window, session, "双核加力 B")
    # The copy is independent: an override there leaves the source alone.
    m = window.assumptions.model
    assert m.setData(m.index_of_key("network.spillover_share", COL_OVERRIDE), "55")
    assert src.assumption_overrides["network.spillover_share"] == 12.0
    assert copy.assumption_overrides["network.spillover_share"] == 55.0
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert session.project.scenario("双核加力 B") is None
    _consistent(window, session, DUAL)


def test_rename_then_undo_redo_keeps_the_selector(window, session, answers) -> None:
    answers.texts = [("基准方案（修订）", True)]
    _trigger(window, "actionScenarioRename")
    assert answers.offered == [BASE]
    assert [sc.name for sc in session.project.scenarios] == ["基准方案（修订）", DUAL]
    _consistent(window, session, "基准方案（修订）")
    assert session.undo_stack.undoText() == "将方案“基准方案”重命名为“基准方案（修订）”"
    assert window.projection.compare_combo.findData(DUAL) >= 0
    session.undo_stack.undo()
    _consistent(window, session, BASE)
    session.undo_stack.redo()
    _consistent(window, session, "基准方案（修订）")
    # Allocations still follow the renamed scenario (projections, fund status).
    assert len(session.current_scenario().allocations) == 90


def test_renaming_another_scenario_leaves_the_current_one(window, session) -> None:
    from workbench.core.edits import SetValue

    session.push(SetValue(("scenarios", DUAL, "name"), "双核"))
    _consistent(window, session, BASE)
    assert _combo(window) == [BASE, "双核"]


@pytest.mark.parametrize(
    ("typed", "warning"),
    [("", "方案名称不能为空"), ("   ", "方案名称不能为空"), (DUAL, "已有名为“双核加力”的方案")],
)
def test_bad_names_are_refused(window, session, answers, dialogs, typed, warning) -> None:
    n = session.undo_stack.count()
    answers.texts = [(typed, True), (typed, True)]
    _trigger(window, "actionScenarioRename")
    _trigger(window, "actionScenarioNew")
    assert dialogs.texts("warning") == [warning, warning]
    assert session.undo_stack.count() == n
    assert [sc.name for sc in session.project.scenarios] == [BASE, DUAL]
    _consistent(window, session, BASE)


def test_cancelled_dialogs_change_nothing(window, session, answers) -> None:
    answers.texts = [("x", False), ("y", False), ("z", False)]
    _trigger(window, "actionScenarioNew")
    _trigger(window, "actionScenarioRename")
    _trigger(window, "actionScenarioDescribe")
    assert session.undo_stack.count() == 0 and not session.modified


def test_delete_asks_first_and_undo_brings_it_back(window, session, dialogs) -> None:
    dialogs.answers["question"] = QMessageBox.StandardButton.No
    window.scenario_combo.setCurrentIndex(window.scenario_combo.findData(DUAL))
    _trigger(window, "actionScenarioDelete")
    (question,) = dialogs.texts("question")
    assert question == "删除方案“双核加力”及其 90 条分配？可以撤销。"
    assert session.project.scenario(DUAL) is not None
    dialogs.answers["question"] = QMessageBox.StandardButton.Yes
    _trigger(window, "actionScenarioDelete")
    assert session.project.scenario(DUAL) is None
    _consistent(window, session, BASE)  # back to the scenario chosen before
    assert window.projection.compare_combo.findData(DUAL) < 0
    assert not window.actions_by_name["actionScenarioDelete"].isEnabled()
    assert session.undo_stack.undoText() == "删除方案“双核加力”"
    session.undo_stack.undo()
    assert [sc.name for sc in session.project.scenarios] == [BASE, DUAL]
    _consistent(window, session, DUAL)  # the restored scenario is current again
    assert window.actions_by_name["actionScenarioDelete"].isEnabled()
    session.undo_stack.redo()
    _consistent(window, session, BASE)


def test_deleting_the_first_scenario_falls_back_to_one_that_exists(window, session, dialogs):
    dialogs.answers["question"] = QMessageBox.StandardButton.Yes
    _trigger(window, "actionScenarioDelete")
    _consistent(window, session, DUAL)
    session.undo_stack.undo()
    _consistent(window, session, BASE)


def test_the_last_scenario_is_never_deleted(window, session, dialogs) -> None:
    from workbench.core.edits import RemoveItem

    session.push(RemoveItem(("scenarios",), DUAL))
    dialogs.answers["question"] = QMessageBox.StandardButton.Yes
    window.scenario_actions.delete_scenario()  # even when called directly
    assert dialogs.texts("question") == []
    assert dialogs.texts("warning") == ["方案“基准方案”是项目中唯一的方案，不能删除"]
    assert [sc.name for sc in session.project.scenarios] == [BASE]


def test_edit_description(window, session, answers) -> None:
    old = session.project.scenario(BASE).description
    answers.texts = [("  只投成都平原经济区  ", True)]
    _trigger(window, "actionScenarioDescribe")
    assert answers.offered == [old]
    assert session.project.scenario(BASE).description == "只投成都平原经济区"
    assert window.assumptions.scenario_label.text() == "方案“基准方案”：只投成都平原经济区"
    i = window.scenario_combo.findData(BASE)
    tip = window.scenario_combo.itemData(i, Qt.ItemDataRole.ToolTipRole)
    assert tip == "只投成都平原经济区"
    assert session.undo_stack.undoText() == "修改方案“基准方案”的说明"
    session.undo_stack.undo()
    assert session.project.scenario(BASE).description.startswith("示例：")
    assert window.assumptions.scenario_label.text().startswith("方案“基准方案”：示例：")


def test_new_scenario_survives_save_and_reopen(window, session, answers, tmp_path) -> None:
    from workbench.io.project_file import load

    answers.texts = [("新区试点", True), ("基准方案 2", True)]
    _trigger(window, "actionScenarioNew")
    window.scenario_combo.setCurrentIndex(0)
    _trigger(window, "actionScenarioRename")
    out = tmp_path / "saved.wbp"
    assert window.files.save_as(out)
    assert [sc.name for sc in load(out).scenarios] == ["基准方案 2", DUAL, "新区试点"]
