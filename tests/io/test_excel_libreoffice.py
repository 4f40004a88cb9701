"""A real spreadsheet recalculates the exported formulas to the app's figures.

LibreOffice opens a copy of the workbook whose formulas carry *no* stored values (so it must
compute every one; an xlsx claiming to come from Excel is otherwise not recalculated on load),
saves it as xlsx, and every formula result is compared with the value the app stored. One
soffice run for the whole suite; skipped with a reason where LibreOffice is not installed.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
import python_calamine

from workbench.core.enums import Coverage, GdpRule, Instrument, SettlementMethod
from workbench.core.model import Allocation, Project
from workbench.core.sharing.model import Agreement
from workbench.io.excel import build_workbook


def add_sharing_cases(p: Project) -> None:
    """A relocated candidate (default agreement), an innovation transfer with a CIT schedule of
    its own and a sunset, settled by treasury transfer, on funded candidates of the sample."""
    funded = list(dict.fromkeys(a.candidate_id for a in p.scenarios[0].allocations))
    c1, c2 = p.candidate(funded[0]), p.candidate(funded[1])
    assert c1 is not None and c2 is not None
    c1.origin_region = "500112"
    p.agreements.append(
        Agreement(
            "AG-INNO", "创新转化", Coverage.INNOVATION, ["510100", c2.region_code],
            candidate_ids=[c2.id], gdp_rule=GdpRule.SPLIT,
            gdp_split={"510100": 30.0, c2.region_code: 70.0},
            tax_split={2026: {"510100": 20.0, c2.region_code: 80.0}},
            tax_split_by_tax={"cit": {2026: {"510100": 50.0, c2.region_code: 50.0}}},
            sunset_year=2028, settlement=SettlementMethod.TRANSFER,
        )
    )  # fmt: skip


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(
        SOFFICE is None,
        reason="LibreOffice (soffice) 未安装 / not installed: apt install libreoffice-calc-nogui",
    ),
]


def test_libreoffice_recalculates_every_formula_to_the_apps_value(
    sample_project: Project, tmp_path: Path
) -> None:
    sc = sample_project.scenario("基准方案")
    assert sc is not None
    # Breaches, so the rule-check formulas produce text too.
    sc.allocations.append(Allocation("MC-0001", 2029, 25.0, Instrument.EQUITY))
    sc.allocations.append(Allocation("MC-0001", 2026, 30.0, Instrument.TALENT))
    sample_project.fund.rules.min_return_share = 50.0
    add_sharing_cases(sample_project)  # 统计分算 and 税收结算 with every kind of rule
    book = build_workbook(sample_project, sc)
    raw = io.BytesIO()
    book.wb.save(raw)  # openpyxl's own output: formulas without values
    src = tmp_path / "in.xlsx"
    src.write_bytes(raw.getvalue())
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    profile = Path("/tmp") / f"lo-profile-{uuid.uuid4().hex}"
    try:
        result = subprocess.run(
            [
                SOFFICE,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                "xlsx:Calc MS Excel 2007 XML",
                "--outdir",
                str(out_dir),
                str(src),
            ],
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    converted = out_dir / "in.xlsx"
    assert converted.exists(), f"soffice failed: {result.stdout} {result.stderr}"

    wb = python_calamine.CalamineWorkbook.from_path(str(converted))
    compared = 0
    mismatches = []
    for sheet in book.wb.sheetnames:
        expected = book.cached(sheet)
        if not expected:
            continue
        rows = wb.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        for ref, want in expected.items():
            col = sum(
                (ord(ch) - 64) * 26**i for i, ch in enumerate(reversed(ref.rstrip("0123456789")))
            )
            row = int(ref[len(ref.rstrip("0123456789")) :])
            got = rows[row - 1][col - 1] if row <= len(rows) and col <= len(rows[row - 1]) else None
            compared += 1
            if isinstance(want, str):
                ok = (got or "") == want
            else:
                ok = isinstance(got, (int, float)) and got == pytest.approx(
                    want, rel=1e-9, abs=1e-9
                )
            if not ok:
                mismatches.append((sheet, ref, want, got))
    assert compared > 400
    assert mismatches == []
    assert len(book.cached("税收结算")) > 40 and len(book.cached("统计分算")) > 20
    texts = [
        v for s in book.wb.sheetnames for v in book.cached(s).values() if isinstance(v, str) and v
    ]
    assert "超过单个项目上限" in texts and "低于返投比例" in "".join(texts)
