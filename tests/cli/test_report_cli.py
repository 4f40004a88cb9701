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


def test_draws_put_ranges_and_the_tornado_into_the_draft(tmp_path: Path, capsys, qapp) -> None:
    plain, ranged = tmp_path / "p.docx", tmp_path / "d.docx"
    args = ["report", str(SAMPLE_PROJECT), "--lang", "en", "--out"]
    assert main([*args, str(plain)]) == 0
    assert main([*args[:2], "--draws", "64", *args[2:], str(ranged)]) == 0
    printed = capsys.readouterr()
    assert "--draws" not in printed.err and "64 draws" in printed.out
    doc = docx.Document(str(ranged))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "1. Overall approach" in text and "most likely" in text and "point estimate" not in text
    headers = [[c.text for c in t.rows[0].cells] for t in doc.tables]
    assert ["City / district", "P10", "P50", "P90"] in headers
    assert any(h[0] == "Parameter (unit)" and "Swing" in h[-1] for h in headers)
    # the tornado chart is one more figure than the draft without draws
    assert len(doc.inline_shapes) == len(docx.Document(str(plain)).inline_shapes) + 1
    assert "point estimate" in "\n".join(p.text for p in docx.Document(str(plain)).paragraphs)
    assert main([*args[:2], "--draws", "0", *args[2:], str(ranged)]) == 2


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
