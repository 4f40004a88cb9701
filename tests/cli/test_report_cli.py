"""``workbench report``: the plan draft from the command line, with the app's charts."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from workbench.bundled import SAMPLE_PROJECT
from workbench.cli import main


def test_report_writes_the_draft_with_charts(tmp_path: Path, capsys, qapp) -> None:
    out = tmp_path / "规划草案.docx"
    assert main(["report", str(SAMPLE_PROJECT), "--scenario", "双核加力", "--out", str(out)]) == 0
    doc = docx.Document(str(out))
    assert len(doc.inline_shapes) >= 3  # the app's own plots, drawn offscreen
    assert any("双核加力" in p.text for p in doc.paragraphs[:12])  # the cover names the scenario
    printed = capsys.readouterr()
    assert "已写入" in printed.out and "幅图" in printed.out
    assert "--draws" not in printed.err  # said only when asked for


def test_draws_is_answered_not_ignored(tmp_path: Path, capsys, qapp) -> None:
    out = tmp_path / "d.docx"
    assert (
        main(["report", str(SAMPLE_PROJECT), "--draws", "200", "--lang", "en", "--out", str(out)])
        == 0
    )
    err = capsys.readouterr().err
    assert len([line for line in err.splitlines() if "--draws" in line]) == 1
    assert any(p.text == "1. Overall approach" for p in docx.Document(str(out)).paragraphs)


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        (["--scenario", "没有"], "没有"),
        (["--out", "x.pdf"], ".docx"),
        (["--out", "/no/such/dir/x.docx"], "文件夹不存在"),
    ],
)
def test_unusable_input_is_one_line_and_exit_2(tmp_path: Path, capsys, extra, says) -> None:
    args = ["report", str(SAMPLE_PROJECT), "--out", str(tmp_path / "d.docx"), *extra]
    assert main(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and says in err[0]
