"""参数: parameters grouped, editable as undoable core edits; overrides per scenario; sources;
refused bad input; the spillover network in use, including a loaded MRIO table."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QFileDialog, QPushButton

from workbench.core.projections import ProjectionEngine
from workbench.ui import i18n
from workbench.ui.models.assumptions import (
    COL_KEY,
    COL_LABEL,
    COL_OVERRIDE,
    COL_SOURCE,
    COL_UNIT,
    COL_VALUE,
    AssumptionsModel,
)
from workbench.ui.panels.assumptions import AssumptionsPanel

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen show()

BASE, DUAL = "基准方案", "双核加力"


def _uplift(window) -> np.ndarray:
    return np.sum(list(window.projection.uplift_values().values()), axis=0)


def _cell(model: AssumptionsModel, key: str, col: int) -> QModelIndex:
    idx = model.index_of_key(key, col)
    assert idx.isValid(), key
    return idx


@pytest.fixture
def panel(qtbot, settings, session) -> AssumptionsPanel:
    p = AssumptionsPanel(session)
    qtbot.addWidget(p)
    return p


def test_model_passes_model_tester(qtmodeltester, settings, session) -> None:
    qtmodeltester.check(AssumptionsModel(session))


def test_every_parameter_shown_once_grouped_with_unit_and_source(panel, session) -> None:
    m = panel.model
    groups = [m.index(g, 0).data() for g in range(m.rowCount())]
    n_tax = sum(a.group == "tax" for a in session.project.assumptions.values())
    assert groups[0] == f"税收（{n_tax} 项）" and any(g.startswith("产业系数") for g in groups)
    keys = [
        m.index(r, COL_KEY, m.index(g, 0)).data()
        for g in range(m.rowCount())
        for r in range(m.rowCount(m.index(g, 0)))
    ]
    assert sorted(keys) == sorted(session.project.assumptions)
    vat = session.project.assumptions["tax.vat_rate"]
    assert _cell(m, "tax.vat_rate", COL_LABEL).data() == vat.label_zh
    assert _cell(m, "tax.vat_rate", COL_VALUE).data() == "13"
    assert _cell(m, "tax.vat_rate", COL_UNIT).data() == "%"
    assert _cell(m, "tax.vat_rate", COL_SOURCE).data() == vat.source
    assert _cell(m, "tax.vat_rate", COL_SOURCE).data(Qt.ItemDataRole.BackgroundRole) is None
    # A parameter without a public source says so, highlighted.
    share = _cell(m, "network.spillover_share", COL_SOURCE)
    assert share.data() == "假设（无公开来源）"
    assert share.data(Qt.ItemDataRole.BackgroundRole) is not None
    tip = _cell(m, "network.spillover_share", COL_VALUE).data(Qt.ItemDataRole.ToolTipRole)
    assert "区域网络外溢比例" in tip and "Region network" in tip and "单位：%" in tip
    assert "无公开来源" in tip
    assert "国发〔2016〕26号" in _cell(m, "tax.vat_central_share", 0).data(
        Qt.ItemDataRole.ToolTipRole
    )


def test_english_labels_and_units(qtbot, settings, session) -> None:
    i18n.set_language("en")
    m = AssumptionsModel(session)
    vat = session.project.assumptions["tax.vat_rate"]
    assert _cell(m, "tax.vat_rate", COL_LABEL).data() == vat.label_en
    n_tax = sum(a.group == "tax" for a in session.project.assumptions.values())
    assert m.index(0, 0).data() == f"Tax ({n_tax})"
    assert _cell(m, "network.spillover_share", COL_SOURCE).data() == "assumption (no public source)"
    assert _cell(m, "sector.jobs_per_output.default", COL_UNIT).data() == "persons per 100M yuan"
    assert m.headerData(COL_OVERRIDE, Qt.Orientation.Horizontal).startswith("Scenario override")


def test_value_edit_changes_projections_and_undo_restores(window, session) -> None:
    m = window.assumptions.model
    before = _uplift(window).copy()
    idx = _cell(m, "network.spillover_share", COL_VALUE)
    assert m.setData(idx, "20")
    assert session.project.assumptions["network.spillover_share"].value == 20.0
    assert idx.data() == "20"
    assert session.undo_stack.undoText() == "修改参数“区域网络外溢比例（相邻地区，距离为零时）”"
    after = _uplift(window)
    # More spillover to neighbours: the last year's uplift rises.
    assert after[-1] > before[-1]
    table = window.projection.engine.results(session.scenario)
    fresh = ProjectionEngine(session.project).results(session.scenario)
    assert table["value"].sum() == pytest.approx(fresh["value"].sum())
    session.undo_stack.undo()
    assert session.project.assumptions["network.spillover_share"].value == 10.0
    assert idx.data() == "10"
    np.testing.assert_allclose(_uplift(window), before)


def test_repeated_edits_of_one_value_merge_into_one_undo_step(panel, session) -> None:
    m = panel.model
    idx = _cell(m, "network.decay_km", COL_VALUE)
    n = session.undo_stack.count()
    assert m.setData(idx, "120") and m.setData(idx, "150")
    assert session.undo_stack.count() == n + 1
    session.undo_stack.undo()
    assert session.project.assumptions["network.decay_km"].value == 100.0


@pytest.mark.parametrize(
    ("key", "text", "needle"),
    [
        ("network.spillover_share", "abc", "不是数字"),
        ("network.spillover_share", "120", "0"),
        ("network.spillover_share", "-5", "-5"),
        ("network.decay_km", "0", "大于 0"),
        ("sector.jobs_per_output.default", "-1", "不能为负"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_changes(
    panel, session, key, text, needle
) -> None:
    m = panel.model
    messages: list[str] = []
    session.editFailed.connect(messages.append)
    before = session.project.assumptions[key].value
    n = session.undo_stack.count()
    assert not m.setData(_cell(m, key, COL_VALUE), text)
    assert not m.setData(_cell(m, key, COL_OVERRIDE), text)
    assert session.project.assumptions[key].value == before
    assert key not in session.current_scenario().assumption_overrides
    assert session.undo_stack.count() == n
    assert len(messages) == 2 and needle in messages[0] and messages[0].startswith("输入无效")


def test_percent_message_names_the_range(panel, session) -> None:
    messages: list[str] = []
    session.editFailed.connect(messages.append)
    assert not panel.model.setData(_cell(panel.model, "tax.vat_rate", COL_VALUE), "150")
    assert "增值税基本税率" in messages[0] and "100" in messages[0]


def test_override_applies_to_one_scenario_only(window, session) -> None:
    m = window.assumptions.model
    assert session.scenario == BASE
    assert m.headerData(COL_OVERRIDE, Qt.Orientation.Horizontal) == f"方案覆盖（{BASE}）"
    idx = _cell(m, "network.spillover_share", COL_OVERRIDE)
    assert idx.data() == "" and idx.data(Qt.ItemDataRole.EditRole) is None
    before = _uplift(window).copy()
    assert m.setData(idx, "20")
    assert session.project.scenario(BASE).assumption_overrides == {"network.spillover_share": 20.0}
    assert session.project.scenario(DUAL).assumption_overrides["network.spillover_share"] == 12.0
    assert session.project.assumptions["network.spillover_share"].value == 10.0
    assert idx.data() == "20" and idx.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "方案“基准方案”中覆盖为 20 %" in idx.data(Qt.ItemDataRole.ToolTipRole)
    assert "外溢比例 20%" in window.assumptions.network_label.text()
    after = _uplift(window)
    moving = before > 0  # nothing shows in 2026: every instrument has a lag
    assert np.all(after[moving] > before[moving]) and np.all(after[~moving] == 0)
    assert (
        session.undo_stack.undoText()
        == "修改方案“基准方案”中“区域网络外溢比例（相邻地区，距离为零时）”的覆盖值"
    )
    # The other scenario shows its own overrides.
    window.scenario_combo.setCurrentIndex(window.scenario_combo.findData(DUAL))
    assert m.headerData(COL_OVERRIDE, Qt.Orientation.Horizontal) == f"方案覆盖（{DUAL}）"
    assert _cell(m, "timing.instrument.equity.lag", COL_OVERRIDE).data() == "0.5"
    assert _cell(m, "network.spillover_share", COL_OVERRIDE).data() == "12"
    # Clearing an override removes it (core SetValue(..., DELETE)); undo brings it back.
    assert m.setData(_cell(m, "network.spillover_share", COL_OVERRIDE), "")
    assert "network.spillover_share" not in session.project.scenario(DUAL).assumption_overrides
    assert _cell(m, "network.spillover_share", COL_OVERRIDE).data() == ""
    assert session.undo_stack.undoText().startswith("清除方案“双核加力”")
    session.undo_stack.undo()
    assert session.project.scenario(DUAL).assumption_overrides["network.spillover_share"] == 12.0
    assert _cell(m, "network.spillover_share", COL_OVERRIDE).data() == "12"


def test_source_edit_and_back_to_assumption(panel, session) -> None:
    m = panel.model
    idx = _cell(m, "network.spillover_share", COL_SOURCE)
    assert idx.data(Qt.ItemDataRole.EditRole) == ""  # the editor starts empty, not with the label
    assert m.setData(idx, "  四川省重大项目达产情况调研（2024）  ")
    a = session.project.assumptions["network.spillover_share"]
    assert a.source == "四川省重大项目达产情况调研（2024）" and not a.is_assumption
    assert idx.data() == a.source and idx.data(Qt.ItemDataRole.BackgroundRole) is None
    assert (
        session.undo_stack.undoText() == "修改参数“区域网络外溢比例（相邻地区，距离为零时）”的来源"
    )
    assert m.setData(idx, "")
    assert idx.data() == "假设（无公开来源）"
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert session.project.assumptions["network.spillover_share"].source == ""


def test_edit_through_the_tree_view_editor(panel, session) -> None:
    """What a planner does: open the cell editor, type, commit (the view's delegate path)."""
    panel.show()
    src = _cell(panel.model, "park.dividend_payout", COL_VALUE)
    idx = panel.proxy.mapFromSource(src)
    panel.tree.setCurrentIndex(idx)
    panel.tree.edit(idx)
    from PySide6.QtWidgets import QLineEdit

    editor = panel.tree.findChild(QLineEdit, "cellNumberEditor")
    assert editor is not None and editor.text() == "50"
    editor.setText("35")
    panel.tree.commitData(editor)
    assert session.project.assumptions["park.dividend_payout"].value == 35.0


def test_filter_and_jump_to_a_problem(panel, session) -> None:
    panel.search.setText("decay_km")
    assert panel.proxy.rowCount() == 1
    spill = panel.proxy.index(0, 0)
    assert panel.proxy.rowCount(spill) == 1
    assert panel.jump_to(("assumptions", "tax.vat_rate", "value"))
    assert panel.search.text() == ""  # the filter hid it: cleared
    current = panel.proxy.mapToSource(panel.tree.currentIndex())
    assert panel.model.key_of(current) == "tax.vat_rate"
    assert panel.jump_to(("scenarios", DUAL, "assumption_overrides", "network.spillover_share"))
    assert session.scenario == DUAL
    current = panel.proxy.mapToSource(panel.tree.currentIndex())
    assert (
        panel.model.key_of(current) == "network.spillover_share"
        and current.column() == COL_OVERRIDE
    )


def test_out_of_range_value_problem_jumps_to_the_panel(window, session) -> None:
    from workbench.core.edits import SetValue

    session.push(
        SetValue(("assumptions", "chain.strength_scale", "value"), 170.0)
    )  # e.g. an old file
    problems = [
        p for p in session.problems() if p.path[:2] == ("assumptions", "chain.strength_scale")
    ]
    assert problems
    assert window.jump_to(problems[0].path)
    assert window.docks["assumptionsDock"].isVisibleTo(window)
    current = window.assumptions.proxy.mapToSource(window.assumptions.tree.currentIndex())
    assert window.assumptions.model.key_of(current) == "chain.strength_scale"


# ---------------------------------------------------------------------------- MRIO
MRIO_CSV = (
    ",成都,德阳,绵阳,渝北区\n"
    "成都,0.05,0.12,0.10,0.04\n"
    "德阳,0.08,0.06,0.05,0.01\n"
    "绵阳市,0.06,0.04,0.07,0.01\n"
    "500112,0.03,0.01,0.01,0.08\n"
)


@pytest.fixture
def mrio_file(tmp_path: Path) -> Path:
    f = tmp_path / "成渝四地投入产出系数.csv"
    f.write_text(MRIO_CSV, encoding="utf-8")
    return f


def _spillover(window, session) -> float:
    t = window.projection.engine.results(session.scenario)
    rows = t[(t.component == "network_spillover") & (t.metric == "gdp") & (t.basis == "location")]
    return float(rows["value"].sum())


def test_load_mrio_from_the_menu_then_undo(window, session, mrio_file, monkeypatch, qtbot) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(mrio_file), ""))
    )
    label = window.assumptions.network_label
    assert label.text().startswith("区域外溢网络：默认")
    assert not window.actions_by_name["actionResetMrio"].isEnabled()
    default_spill = _spillover(window, session)
    assert window.projection.engine.results(session.scenario).attrs["network_source"] == "adjacency"
    window.actions_by_name["actionLoadMrio"].trigger()
    qtbot.waitUntil(lambda: session.project.mrio is not None, timeout=10_000)  # read off-thread
    t = session.project.mrio
    assert t is not None and t.name == "成渝四地投入产出系数" and len(t.regions) == 4
    assert t.regions == ["510100", "510600", "510700", "500112"]
    assert session.undo_stack.undoText() == "载入投入产出表“成渝四地投入产出系数”"
    results = window.projection.engine.results(session.scenario)
    assert results.attrs["network_source"] == "mrio"
    assert _spillover(window, session) != pytest.approx(default_spill)
    # Only the four regions of the table receive network spillover now.
    spill = results[(results.component == "network_spillover") & (results["value"].abs() > 0)]
    assert set(spill.region_code) <= set(t.regions)
    assert "成渝四地投入产出系数" in label.text() and "4 个地区" in label.text()
    assert window.actions_by_name["actionResetMrio"].isEnabled()
    tip = window.assumptions.model.index_of_key("network.decay_km").data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert "不使用" in tip
    session.undo_stack.undo()
    assert session.project.mrio is None
    assert label.text().startswith("区域外溢网络：默认")
    assert _spillover(window, session) == pytest.approx(default_spill)
    session.undo_stack.redo()
    assert session.project.mrio is not None
    # Restore the default network: one undoable step.
    window.actions_by_name["actionResetMrio"].trigger()
    assert session.project.mrio is None
    assert session.undo_stack.undoText() == "恢复默认溢出网络"
    assert _spillover(window, session) == pytest.approx(default_spill)
    session.undo_stack.undo()
    assert session.project.mrio is not None and session.project.mrio.name == t.name


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        (",成都,德阳\n成都,0.1,abc\n德阳,0.1,0.1\n", "C2"),
        (",成都,德阳\n成都,0.1,-0.2\n德阳,0.1,0.1\n", "为负数"),
        (",成都,火星市\n成都,0.1,0.2\n火星市,0.1,0.1\n", "无法识别"),
        ("", "为空"),
    ],
)
def test_a_bad_mrio_file_shows_why_and_changes_nothing(
    window, session, dialogs, tmp_path, text, needle, qtbot
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(text, encoding="utf-8")
    n = session.undo_stack.count()
    assert window.load_mrio(bad) is not None
    qtbot.waitUntil(
        lambda: bool(dialogs.texts("critical")), timeout=10_000
    )  # read off the UI thread
    assert session.project.mrio is None and session.undo_stack.count() == n
    assert not session.modified
    (message,) = dialogs.texts("critical")
    assert needle in message and "bad.csv" in message
    assert "cannot read input–output table" in message  # English follows the Chinese
    assert window.assumptions.network_label.text().startswith("区域外溢网络：默认")


def test_missing_mrio_file_and_cancelled_choice(
    window, session, dialogs, monkeypatch, qtbot
) -> None:
    assert window.load_mrio("/nonexistent/table.csv") is not None
    qtbot.waitUntil(lambda: bool(dialogs.texts("critical")), timeout=10_000)
    assert "文件不存在" in dialogs.texts("critical")[0]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: ("", "")))
    assert window.load_mrio() is None
    assert len(dialogs.texts("critical")) == 1 and session.project.mrio is None


def test_mrio_table_is_read_off_the_ui_thread_and_can_be_cancelled(
    window, session, mrio_file, monkeypatch, qtbot
) -> None:
    """The read runs on a worker thread behind a progress dialog; the edit is pushed on the UI
    thread; cancelling while it reads leaves the project untouched."""
    import threading

    import workbench.io.mrio as mrio_io

    real, ui_thread = mrio_io.load_mrio, threading.get_ident()
    seen: dict[str, int] = {}
    release = threading.Event()

    def slow_load(path, project, **kw):
        seen["reader"] = threading.get_ident()
        release.wait(10)  # stands for a large table on a slow drive
        return real(path, project, **kw)

    monkeypatch.setattr(mrio_io, "load_mrio", slow_load)
    pushed: list[int] = []
    session.changed.connect(lambda _c: pushed.append(threading.get_ident()))
    task = window.load_mrio(mrio_file)
    assert task is not None and task.dialog.objectName() == "workerProgressDialog"
    assert session.project.mrio is None  # nothing applied while it reads
    with qtbot.waitSignal(task.finished, timeout=10_000):
        release.set()
    assert seen["reader"] != ui_thread and pushed == [ui_thread]
    assert session.project.mrio is not None and session.undo_stack.count() == 1
    session.undo_stack.undo()
    # Cancel while reading: the table is discarded and the user is told.
    release.clear()
    task = window.load_mrio(mrio_file)
    with qtbot.waitSignal(task.cancelled, timeout=10_000):
        (button,) = task.dialog.findChildren(QPushButton)
        assert button.text() == "取消"
        button.click()
        release.set()
    assert session.project.mrio is None and session.undo_stack.index() == 0
    assert "已取消" in window.message_label.text()
