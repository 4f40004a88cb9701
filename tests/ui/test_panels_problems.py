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


def _rejected_rows(window, cid):
    """Rows of the problems list for the ``alloc.rejected`` warnings of candidate ``cid``."""
    session = window.session
    session.flush_problems()
    return [
        i
        for i, p in enumerate(session.problems())
        if p.code == "alloc.rejected" and cid in str(p.path)
    ]


def _reject_funded(window, scenario):
    from workbench.core.enums import Status

    session = window.session
    sc = session.project.scenario(scenario)
    cid = sc.allocations[0].candidate_id
    session.push(SetValue(("candidates", cid, "status"), Status.REJECTED))
    funded = [a for s in session.project.scenarios for a in s.allocations if a.candidate_id == cid]
    return cid, len(funded)


def test_one_rejection_gives_distinguishable_rows(window) -> None:
    """A rejected candidate funded in several years and scenarios: one row each, told apart by the
    location (scenario, year, instrument)."""
    cid, funded = _reject_funded(window, window.session.scenario)
    rows = _rejected_rows(window, cid)
    assert len(rows) == funded > 1
    model = window.problems.model
    shown = {(model.index(r, 1).data(), model.index(r, 2).data()) for r in rows}
    assert len(shown) == len(rows)  # no two rows read the same
    assert all("年" in model.index(r, 2).data() for r in rows)
    assert {model.index(r, 2).data().split(" · ")[0] for r in rows} == {
        f"方案「{sc.name}」" for sc in window.session.project.scenarios
    }


def test_jump_into_another_scenario_asks_first(window, dialogs) -> None:
    from PySide6.QtWidgets import QMessageBox

    session = window.session
    here, other = session.scenario, session.project.scenarios[1].name
    assert here != other
    cid, _funded = _reject_funded(window, other)
    row = next(r for r in _rejected_rows(window, cid) if window.problems.model.paths[r][1] == other)
    panel = window.problems
    panel.activate_row(row)  # the planner says no: nothing moves
    assert dialogs.texts("question") == [f"该问题属于方案「{other}」，切换到该方案？"]
    assert session.scenario == here
    dialogs.answers["question"] = QMessageBox.StandardButton.Yes
    panel.activate_row(row)
    assert session.scenario == other
    assert window.scenario_combo.currentData() == other  # the switch is visible
    row = next(r for r in _rejected_rows(window, cid) if panel.model.paths[r][1] == other)
    panel.activate_row(row)  # now within the current scenario: no question
    assert len(dialogs.texts("question")) == 2
