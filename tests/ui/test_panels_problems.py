"""问题 and 撤销历史: the validation list follows every edit; the undo history lists named steps."""

from __future__ import annotations

from PySide6.QtCore import Qt

from workbench.core.edits import SetValue
from workbench.ui.models.problems import ProblemsModel
from workbench.ui.panels.problems import ProblemsPanel


def test_model_passes_model_tester(qtmodeltester, session) -> None:
    session.push(SetValue(("fund", "size"), 150.0))
    session.flush_problems()
    model = ProblemsModel(session)
    assert model.rowCount() > 0
    qtmodeltester.check(model)


def test_list_follows_edits_and_double_click_asks_for_jump(qtbot, settings, session) -> None:
    panel = ProblemsPanel(session)
    qtbot.addWidget(panel)
    # The sample's own warnings (units only 入围, P-01's fixed return) and notes are listed.
    start = panel.model.rowCount()
    assert start == len(session.problems()) and panel.empty.isHidden()
    with qtbot.waitSignal(session.problemsChanged, timeout=2000):
        session.push(SetValue(("fund", "size"), -1.0))
    assert panel.model.rowCount() > start and panel.empty.isHidden()
    row = next(i for i, p in enumerate(session.problems()) if p.code == "fund.size")
    assert panel.model.index(row, 0).data() == "错误"
    assert "不能为负数" in panel.model.index(row, 1).data()
    assert panel.model.index(row, 2).data() == "基金规模"
    assert panel.model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    with qtbot.waitSignal(panel.jumpRequested) as blocker:
        panel.table.doubleClicked.emit(panel.model.index(row, 1))
    assert blocker.args == [("fund", "size")]
    with qtbot.waitSignal(session.problemsChanged, timeout=2000):
        session.undo_stack.undo()
    assert panel.model.rowCount() == start


def test_undo_history_lists_named_steps(window) -> None:
    session = window.session
    window.catalogue.set_weight("risk", 2.0)
    old_name = session.project.candidates[1].name
    model = window.catalogue.model
    assert model.setData(model.index(1, model.column_of("name")), "改名")
    stack = session.undo_stack
    assert [stack.text(i) for i in range(stack.count())] == [
        "修改评分权重“可持续性”",
        f"修改“{old_name}”的名称",
    ]
    model = window.undo_view.model()
    assert model.rowCount() == 3  # the clean state plus two steps
    assert model.index(0, 0).data() == "<打开时的状态>"


def test_session_problems_equal_a_full_validate_after_mixed_edits(session) -> None:
    from workbench.core.edits import SetAllocation
    from workbench.core.enums import Instrument
    from workbench.core.validation import validate

    cid = session.project.candidates[0].id
    session.problems()  # build the incremental validator first
    session.push(SetAllocation(session.scenario, cid, 2026, Instrument.EQUITY, 30.0))
    session.push(SetValue(("candidates", cid, "baseline_jobs"), -5.0))
    session.push(SetValue(("fund", "rules", "max_project_share"), 1.0))
    session.undo_stack.undo()
    session.push(SetValue(("parks", "P-01", "equity", "510100"), 70.0))
    assert {p.code for p in session.problems()} >= {
        "alloc.project_cap",
        "candidate.negative",
        "park.equity_sum",
    }
    assert session.problems() == validate(session.project)


def test_location_column_names_scenario_candidate_year_and_instrument(session) -> None:
    from workbench.core.edits import SetAllocation
    from workbench.core.enums import Instrument

    cand = session.project.candidates[0]
    session.push(SetAllocation(session.scenario, cand.id, 2028, Instrument.TALENT, -2.0))
    session.flush_problems()
    model = ProblemsModel(session)
    row = next(i for i, p in enumerate(session.problems()) if p.code == "alloc.negative")
    assert model.index(row, 2).data() == (
        f"方案「{session.scenario}」 · 成都市 · 候选 {cand.id} {cand.name} · 2028年 · "
        f"{Instrument.TALENT.zh}"
    )
    assert model.paths[row] == (
        "scenarios",
        session.scenario,
        "allocations",
        (cand.id, 2028, "talent"),
        "amount",
    )
