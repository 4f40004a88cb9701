"""所在地及占比 in the park editor: add / edit / remove a jurisdiction, each one undoable step
naming the park and the place; the 合计 row flags a sum other than 100 %; an empty list shows the
host at 100 %; a location problem jumps to the table."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from workbench.core.model import ParkLocation
from workbench.ui.panels.park_locations import ParkLocationsModel
from workbench.ui.panels.parks import ParksPanel

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

LINSHUI, YUBEI, HECHUAN = "511623", "500112", "500117"


@pytest.fixture
def panel(qtbot, settings, session) -> ParksPanel:
    p = ParksPanel(session)
    qtbot.addWidget(p)
    return p


def test_model_passes_model_tester(qtmodeltester, session) -> None:
    m = ParkLocationsModel(session)
    m.set_park("P-02")
    qtmodeltester.check(m)


def test_p02_shows_two_jurisdictions_and_a_sum(panel: ParksPanel) -> None:
    panel.select_park("P-02")
    m = panel.locations.model
    assert m.rowCount() == 3
    assert [m.index(r, 0).data() for r in range(3)] == ["邻水县", "渝北区", "合计"]
    assert [m.index(r, 1).data() for r in range(3)] == ["60.0", "40.0", "100.0"]
    assert m.index(2, 1).data(Qt.ItemDataRole.BackgroundRole) is None  # 100 %: not flagged
    assert m.flags(m.index(0, 1)) & Qt.ItemFlag.ItemIsEditable
    assert not m.flags(m.index(2, 1)) & Qt.ItemFlag.ItemIsEditable
    assert panel.locations.note.text() == ""


def test_edit_share_flags_the_sum_and_undoes(panel: ParksPanel, session) -> None:
    panel.select_park("P-02")
    park = session.project.park("P-02")
    m = panel.locations.model
    assert m.setData(m.index(1, 1), "30")
    assert park.locations[1] == ParkLocation(YUBEI, 30.0)
    assert session.undo_stack.undoText() == f"修改园区“{park.name}”在 渝北区 的占比"
    assert m.index(2, 1).data() == "90.0"
    assert m.index(2, 1).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert m.index(2, 1).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert "90%" in m.index(2, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert "90%" in panel.locations.note.text()
    assert any(p.code == "park.location_share_sum" for p in session.problems())
    assert not m.setData(m.index(1, 1), "abc")  # refused, nothing pushed
    assert not m.setData(m.index(1, 1), "120")
    session.undo_stack.undo()
    assert park.locations[1].share_pct == 40.0
    assert m.index(2, 1).data(Qt.ItemDataRole.BackgroundRole) is None


def test_add_and_remove_are_single_undoable_steps(panel: ParksPanel, session) -> None:
    panel.select_park("P-02")
    park = session.project.park("P-02")
    ed = panel.locations
    count = session.undo_stack.count()
    assert ed.add_location(HECHUAN)
    assert session.undo_stack.count() == count + 1
    assert park.locations[-1] == ParkLocation(HECHUAN, 0.0)  # the share still missing: none
    assert "合川区" in session.undo_stack.undoText() and park.name in session.undo_stack.undoText()
    assert ed.model.rowCount() == 4
    assert not ed.add_location(HECHUAN)  # already there
    ed.view.setCurrentIndex(ed.model.index(0, 0))
    assert ed.remove_selected()
    assert [loc.code for loc in park.locations] == [YUBEI, HECHUAN]
    assert session.undo_stack.undoText() == f"移除园区“{park.name}”的所在地 邻水县"
    assert ed.model.index(ed.model.rowCount() - 1, 1).data() == "40.0"
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert park.locations == [ParkLocation(LINSHUI, 60.0), ParkLocation(YUBEI, 40.0)]


def test_empty_list_means_the_host_at_100(panel: ParksPanel, session) -> None:
    panel.select_park("P-01")
    park = session.project.park("P-01")
    ed = panel.locations
    assert park.locations == []
    assert ed.model.rowCount() == 2 and ed.model.index(0, 1).data() == "100.0"
    assert not ed.model.flags(ed.model.index(0, 1)) & Qt.ItemFlag.ItemIsEditable
    assert "100%" in ed.note.text() and ed.note.isVisibleTo(ed)
    assert not ed.remove_button.isEnabled()
    assert ed.add_location(HECHUAN)  # the host becomes explicit, the new place gets 0 %
    assert park.locations == [ParkLocation(park.host, 100.0), ParkLocation(HECHUAN, 0.0)]
    assert ed.remove_location(HECHUAN) and ed.remove_location(park.host)
    assert park.locations == [] and ed.model.implied


def test_location_problem_jumps_to_the_table(panel: ParksPanel, session) -> None:
    panel.select_park("P-01")
    panel.show()
    assert ParksPanel.owns(("parks", "P-02", "locations"))
    assert panel.jump_to(("parks", "P-02", "locations"))
    assert panel.park_id == "P-02"
    assert panel.focusWidget() is panel.locations.view or panel.locations.view.hasFocus()
