"""分配: edited in place, one named undo step per cell (repeated edits merge), breaches tinted with
the reason on hover, only the edited range repainted."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from workbench.core.enums import Status
from workbench.core.fund_summary import allocation_grid, breaches_by_cell, fund_by_year
from workbench.ui.models.allocations import FIXED_COLUMNS, AllocationModel
from workbench.ui.panels.allocations import AllocationsPanel


@pytest.fixture
def panel(qtbot, settings, session) -> AllocationsPanel:
    p = AllocationsPanel(session)
    qtbot.addWidget(p)
    return p


def test_model_and_proxy_pass_model_tester(qtmodeltester, session, panel) -> None:
    qtmodeltester.check(AllocationModel(session))
    qtmodeltester.check(panel.proxy)


def test_grid_shows_the_scenario_amounts(panel: AllocationsPanel, session) -> None:
    sc = session.current_scenario()
    a = sc.allocations[0]
    idx = panel.model.cell_index(a.candidate_id, a.instrument.value, a.year)
    assert idx.data(Qt.ItemDataRole.EditRole) == a.amount
    assert idx.data() == f"{a.amount:,.3f}"
    total = sum(
        x.amount
        for x in sc.allocations
        if x.candidate_id == a.candidate_id and x.instrument == a.instrument
    )
    row_total = panel.model.index(idx.row(), panel.model.columnCount() - 1).data(
        Qt.ItemDataRole.EditRole
    )
    assert row_total == pytest.approx(total)
    header = panel.model.headerData(FIXED_COLUMNS, Qt.Orientation.Horizontal)
    assert header == "2026 年"  # the unit is said once above the table: the years fit
    tip = panel.model.headerData(
        FIXED_COLUMNS, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )
    assert tip == "2026 年（亿元）"
    # only rows with money are shown by default
    assert panel.proxy.rowCount() == len({(x.candidate_id, x.instrument) for x in sc.allocations})


def test_edit_repeats_merge_and_undo_restores(panel: AllocationsPanel, session, qtbot) -> None:
    sc = session.current_scenario()
    a = sc.allocations[0]
    old = a.amount
    idx = panel.model.cell_index(a.candidate_id, a.instrument.value, a.year)
    changed = []
    panel.model.dataChanged.connect(
        lambda tl, br, roles=(): changed.append(
            (tl.row(), tl.column(), br.row(), br.column(), list(roles))
        )
    )
    assert panel.model.setData(idx, 0.5)
    last = panel.model.columnCount() - 1
    values = [c[:4] for c in changed if not c[4]]  # all-role notices: the values that changed
    assert values == [
        (idx.row(), idx.column(), idx.row(), idx.column()),
        (idx.row(), last, idx.row(), last),
    ]
    assert panel.model.setData(idx, "0.6")
    assert panel.model.setData(idx, "0.7")
    assert session.undo_stack.count() == 1
    name = session.project.candidate(a.candidate_id).name
    assert session.undo_stack.undoText() == f"修改“{name}”的 {a.year} 年分配"
    assert a.amount == 0.7
    session.undo_stack.undo()
    assert next(x for x in sc.allocations if x.key == a.key).amount == old
    assert idx.data(Qt.ItemDataRole.EditRole) == old


def test_zero_removes_the_row_and_typed_input_is_checked(panel: AllocationsPanel, session) -> None:
    sc = session.current_scenario()
    a = sc.allocations[0]
    idx = panel.model.cell_index(a.candidate_id, a.instrument.value, a.year)
    assert panel.model.setData(idx, "")
    assert all(x.key != a.key for x in sc.allocations)
    messages = []
    session.editFailed.connect(messages.append)
    assert not panel.model.setData(idx, "一百")
    assert not panel.model.setData(idx, float("nan"))
    assert len(messages) == 2 and "不是数字" in messages[0]


def test_breach_tint_and_tooltip_follow_the_rules(panel: AllocationsPanel, session, qtbot) -> None:
    cid = session.project.candidates[0].id
    idx = panel.model.cell_index(cid, "technology", 2030)
    assert idx.data(Qt.ItemDataRole.BackgroundRole) is None
    roles_seen = []
    panel.model.dataChanged.connect(lambda tl, br, roles=(): roles_seen.append(list(roles)))
    with qtbot.waitSignal(session.problemsChanged, timeout=2000):
        assert panel.model.setData(idx, 11)  # above the 10 亿元 per-project cap (5 % of 200 亿元)
    assert idx.data(Qt.ItemDataRole.BackgroundRole) is not None
    tip = idx.data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("违反规则：") and "超过单个项目上限 10.00 亿元" in tip
    assert [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole] in roles_seen
    with qtbot.waitSignal(session.problemsChanged, timeout=2000):
        session.undo_stack.undo()
    assert idx.data(Qt.ItemDataRole.BackgroundRole) is None


def test_jump_widens_filters_to_show_the_cell(panel: AllocationsPanel, session) -> None:
    cid = session.project.candidates[-1].id
    assert panel.jump_to(("scenarios", "基准方案", "allocations", (cid, 2028, "talent"), "amount"))
    src = panel.proxy.mapToSource(panel.table.currentIndex())
    assert panel.model.row_key(src.row()) == (cid, "talent")
    assert src.column() == FIXED_COLUMNS + 2


def test_scenario_switch_rebuilds(panel: AllocationsPanel, session) -> None:
    session.set_scenario("双核加力")
    sc = session.project.scenario("双核加力")
    a = sc.allocations[-1]
    assert panel.model.cell_index(a.candidate_id, a.instrument.value, a.year).data(
        Qt.ItemDataRole.EditRole
    ) == pytest.approx(sum(x.amount for x in sc.allocations if x.key == a.key))


def test_core_helpers_agree_with_validation(sample_project) -> None:
    sc = sample_project.scenarios[0]
    grid = allocation_grid(sample_project, sc)
    assert grid.values.sum() == pytest.approx(sum(a.amount for a in sc.allocations))
    years = fund_by_year(sample_project, sc)
    assert [y.year for y in years] == [2026, 2027, 2028, 2029, 2030]
    assert years[-1].cumulative_allocated == pytest.approx(73.61, abs=0.005)
    assert years[-1].left == pytest.approx(200 - 5 * 4.0 - years[-1].cumulative_allocated)  # fee
    assert breaches_by_cell(sample_project, sc, []) == {}


@pytest.mark.parametrize(
    ("lang", "typed", "said"),
    [("zh", "1,5", "含义不明确"), ("zh", "1，5", "含义不明确"), ("en", "1,5", "ambiguous")],
)
def test_ambiguous_comma_is_refused_in_the_ui_language(
    qtbot, settings, session, lang, typed, said
) -> None:
    from workbench.ui import i18n

    i18n.set_language(lang)
    panel = AllocationsPanel(session)
    qtbot.addWidget(panel)
    a = session.current_scenario().allocations[0]
    old = a.amount
    idx = panel.model.cell_index(a.candidate_id, a.instrument.value, a.year)
    with qtbot.waitSignal(session.editFailed) as failed:
        assert not panel.model.setData(idx, typed)
    assert said in failed.args[0] and typed in failed.args[0]
    assert a.amount == old and session.undo_stack.count() == 0
    assert panel.model.setData(idx, "1,500")  # an unambiguous thousands separator is fine
    assert next(x for x in session.current_scenario().allocations if x.key == a.key).amount == 1500


def test_more_than_requested_is_tinted_and_explained(panel: AllocationsPanel, session) -> None:
    sc = session.current_scenario()
    # An approved unit: money to one only shortlisted carries its own warning tint.
    a = next(
        a
        for a in sc.allocations
        if session.project.candidate(a.candidate_id).status is Status.APPROVED
    )
    cand = session.project.candidate(a.candidate_id)
    idx = panel.model.cell_index(a.candidate_id, a.instrument.value, a.year)
    session.flush_problems()
    assert idx.data(Qt.ItemDataRole.BackgroundRole) is None
    asked = cand.requested_funding
    assert panel.model.setData(idx, f"{asked + 0.5:.3f}")
    session.flush_problems()
    tip = idx.data(Qt.ItemDataRole.ToolTipRole)
    assert "超过其申请资金" in tip and f"{asked:,.3f}" in tip
    brush = idx.data(Qt.ItemDataRole.BackgroundRole)
    assert brush is not None and brush.color().name() == "#fbe7b5"  # a warning, not an error
