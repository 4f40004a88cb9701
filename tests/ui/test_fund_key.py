"""基金收益分配: the switch between contribution ratios and an agreed key, per-city edits with
the sum check, what the fund's distributions then follow, and undo back to the ratios."""

from __future__ import annotations

import pytest

from workbench.core.sharing.fund_returns import distribution_keys
from workbench.ui.i18n import set_language
from workbench.ui.panels.fund import FundPanel
from workbench.ui.panels.fund_key import KEY_COLUMN, DistributionKeyModel


@pytest.fixture
def panel(qtbot, settings, session) -> FundPanel:
    p = FundPanel(session)
    qtbot.addWidget(p)
    return p


def test_model_passes_model_tester(qtmodeltester, session) -> None:
    qtmodeltester.check(DistributionKeyModel(session))


def test_agreed_key_edit_check_and_undo(panel: FundPanel, session) -> None:
    box, fund = panel.key_box, session.project.fund
    m = box.model
    assert not fund.distribution_key and not box.agreed.isChecked()
    chengdu = m.codes.index("510100")
    assert m.index(chengdu, KEY_COLUMN).data() == "按出资比例"
    assert not m.setData(m.index(chengdu, KEY_COLUMN), "50")  # not editable while by ratio
    box.agreed.setChecked(True)  # starts from the contribution ratios
    assert fund.distribution_key["510100"] == pytest.approx(20.0)
    assert box.sum_label.text() == "约定比例合计 100.00%"
    assert m.setData(m.index(chengdu, KEY_COLUMN), "30")
    assert session.undo_stack.undoText() == "修改 成都市 的基金收益分配比例"
    assert box.sum_label.text().startswith("约定比例合计 110.00%，应为 100%")
    assert any(p.code == "fund.key_sum" for p in session.problems())
    assert not m.setData(m.index(chengdu, KEY_COLUMN), "-5")  # refused before it goes in
    assert distribution_keys(session.project)["510100"] == pytest.approx(30 / 110)
    session.undo_stack.undo()
    assert fund.distribution_key["510100"] == pytest.approx(20.0)
    assert not any(p.code.startswith("fund.key") for p in session.problems())
    session.undo_stack.undo()
    assert not fund.distribution_key and not box.agreed.isChecked()
    assert m.index(chengdu, KEY_COLUMN).data() == "按出资比例"


def test_unknown_party_is_named(session) -> None:
    from workbench.core.validation import validate

    session.project.fund.distribution_key = {"510100": 100.0, "999999": 0.0}
    found = [p for p in validate(session.project) if p.code == "fund.key_unknown"]
    assert len(found) == 1 and "999999" in found[0].zh


def test_english_text(qtbot, settings, session) -> None:
    set_language("en")
    try:
        p = FundPanel(session)
        qtbot.addWidget(p)
        assert p.key_box.title() == "Distribution of fund returns"
        assert p.key_box.model.index(0, KEY_COLUMN).data() == "by ratio"
    finally:
        set_language("zh")
