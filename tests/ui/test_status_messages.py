"""The status bar's message: an input error stands until the next successful edit or a timeout."""

from __future__ import annotations

from workbench.core.edits import SetValue


def test_input_error_clears_on_the_next_successful_edit(qtbot, window) -> None:
    window.allocations.only_filled.setChecked(False)
    cid = window.session.project.candidates[0].id
    cell = window.allocations.model.cell_index(cid, "equity", 2027)
    idx = window.allocations.proxy.mapFromSource(cell)
    assert not window.allocations.proxy.setData(idx, "-3")
    assert "不能为负数" in window.message_label.text()
    assert window.allocations.proxy.setData(idx, "2")  # the planner corrects the input
    assert window.message_label.text() == ""
    assert window.message_label.toolTip() == ""


def test_an_ordinary_message_survives_edits(window) -> None:
    window.show_message("已导出")
    window.session.push(SetValue(("fund", "size"), 120.0))
    assert window.message_label.text() == "已导出"


def test_input_error_also_times_out(qtbot, window) -> None:
    window.show_error_message("坏输入")
    window.status._message_timer.setInterval(10)
    window.status._message_timer.start()
    qtbot.waitUntil(lambda: window.message_label.text() == "", timeout=2000)
