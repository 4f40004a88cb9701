"""基金: contributions with derived ratios and the sum check, fund terms, committee rules, tranches,
allocated and left by year."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from workbench.core.fund_summary import contributions, status_numbers
from workbench.core.validation import validate
from workbench.ui.models.fund import ContributionsModel, FundYearModel
from workbench.ui.panels.fund import FundPanel


@pytest.fixture
def panel(qtbot, settings, session) -> FundPanel:
    p = FundPanel(session)
    qtbot.addWidget(p)
    return p


def test_models_pass_model_tester(qtmodeltester, session) -> None:
    qtmodeltester.check(ContributionsModel(session))
    qtmodeltester.check(FundYearModel(session))


def test_contribution_edit_updates_ratios_and_sum_check(panel: FundPanel, session) -> None:
    m = panel.contrib_model
    assert panel.sum_label.text() == "出资合计 200.00 亿元，与基金规模一致"
    chengdu = m.codes.index("510100")
    assert m.index(chengdu, 2).data() == "20.00"  # 40 of 200 亿元
    assert m.setData(m.index(chengdu, 1), "50")
    assert m.index(chengdu, 2).data() == f"{100 * 50 / 210:.2f}"
    assert panel.sum_label.text() == "出资合计 210.00 亿元，与基金规模 200.00 亿元相差 +10.00 亿元"
    assert any(p.code == "fund.contributions_sum" for p in session.problems())
    assert session.undo_stack.undoText() == "修改 成都市 的出资"
    assert not m.setData(m.index(chengdu, 1), "-5")
    session.undo_stack.undo()
    assert panel.sum_label.text().endswith("与基金规模一致")


def test_fund_size_and_rules_are_bound_fields(panel: FundPanel, session) -> None:
    size = panel.spins["size"]
    assert size.suffix() == " 亿元" and size.value() == 200.0
    size.setValue(250.0)
    assert session.project.fund.size == 250.0
    cap = panel.spins["max_project_share"]
    cap.setValue(cap.minimum())  # 无限制
    assert session.project.fund.rules.max_project_share is None
    assert cap.text() == "无限制"
    team = panel.spins["type_team"]
    assert team.value() == 15.0
    team.setValue(team.minimum())
    assert "team" not in session.project.fund.rules.type_limits  # no limit = no entry
    assert validate(session.project) is not None  # the project stays checkable
    for _ in range(3):
        session.undo_stack.undo()
    assert (
        session.project.fund.size == 200.0 and session.project.fund.rules.max_project_share == 5.0
    )
    assert session.project.fund.rules.type_limits["team"] == 15.0
    assert team.value() == 15.0 and size.value() == 200.0


def test_by_year_table_and_tranche_edit(panel: FundPanel, session) -> None:
    m = panel.year_model
    assert m.headerData(5, Qt.Orientation.Horizontal) == "剩余可用\n（亿元）"
    sc = session.current_scenario()
    spent_2026 = sum(a.amount for a in sc.allocations if a.year == 2026)
    assert m.index(0, 2).data() == f"{spent_2026:,.2f}"
    assert spent_2026 > 0
    smaller = round(spent_2026 / 2, 2)
    assert m.index(0, 5).data(Qt.ItemDataRole.ForegroundRole) is None
    assert m.setData(m.index(0, 1), str(smaller))
    assert session.project.fund.rules.tranches[0].amount == smaller
    fee = 200.0 * 2.0 / 100  # the year's management fee is paid from what has opened
    assert m.index(0, 5).data(Qt.ItemDataRole.EditRole) == pytest.approx(smaller - fee - spent_2026)
    assert m.index(0, 5).data(Qt.ItemDataRole.ForegroundRole) is not None  # overspent: red
    assert any(p.code == "alloc.tranche" for p in session.problems())


def test_add_and_remove_contributor(panel: FundPanel, session) -> None:
    code = panel.region_combo.currentData()
    assert code and code not in panel.contrib_model.codes
    assert panel.add_contribution(code)
    assert panel.contrib_model.codes[-1] == code
    panel.contrib_table.selectRow(len(panel.contrib_model.codes) - 1)
    assert panel.remove_selected_contribution()
    assert code not in [c.region_code for c in session.project.fund.contributions]


def test_status_numbers_from_core(sample_project) -> None:
    n = status_numbers(sample_project, sample_project.scenarios[0], validate(sample_project))
    assert n.fund_size == 200.0 and n.fees == pytest.approx(5 * 4.0)  # 2 % a year
    assert n.remaining == pytest.approx(200.0 - n.fees - n.allocated)
    assert n.errors == 0 and n.warnings > 0  # money to units only 入围 is a warning
    s = contributions(sample_project)
    assert s.balanced and sum(r.ratio for r in s.rows) == pytest.approx(100.0)


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_spin_boxes_refuse_an_ambiguous_comma(qtbot, panel: FundPanel, session) -> None:
    """Qt's own reading took "1,5" as 15 in every spin box; they now read like the tables."""
    from PySide6.QtTest import QTest

    panel.show()
    qtbot.waitExposed(panel)
    size = panel.spins["size"]
    size.setFocus()
    size.lineEdit().selectAll()
    QTest.keyClicks(size, "1,5")
    with qtbot.waitSignal(session.editFailed) as failed:
        QTest.keyClick(size, Qt.Key.Key_Return)
    assert "含义不明确" in failed.args[0]
    assert session.project.fund.size == 200.0 and session.undo_stack.count() == 0
    size.lineEdit().selectAll()
    QTest.keyClicks(size, "1,500")
    QTest.keyClick(size, Qt.Key.Key_Return)
    assert session.project.fund.size == 1500.0
