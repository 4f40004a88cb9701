"""``workbench optimise``: exit 0 with a summary and a new scenario, 1 infeasible naming the
binding rules, 2 for bad arguments; the input file is never written unless named as the output."""

from __future__ import annotations

import hashlib
import shutil

from workbench.bundled import SAMPLE_PROJECT
from workbench.cli import main
from workbench.core.validation import has_errors, validate
from workbench.io.project_file import load


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_optimise_writes_a_new_scenario_and_leaves_the_input_alone(tmp_path, capsys):
    src = tmp_path / "in.wbp"
    shutil.copy(SAMPLE_PROJECT, src)
    before = _digest(src)
    out = tmp_path / "out.wbp"
    args = ["optimise", str(src), "--scenario", "基准方案", "--objective", "gdp_net:2030"]
    args += ["--constraint", "status=approved,shortlisted", "--constraint", "min_ticket=0.3"]
    assert main([*args, "--as", "优化A", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "optimal" in text and "净增加值" in text and "已写入" in text
    assert _digest(src) == before
    project = load(out)
    new = project.scenario("优化A")
    assert new is not None and new.allocations
    assert not has_errors([p for p in validate(project) if p.path[:2] == ("scenarios", "优化A")])
    # the same name again is refused (exit 2), and nothing is written
    assert main([*args, "--as", "基准方案", "--out", str(out)]) == 2
    assert "已存在" in capsys.readouterr().err


def test_target_and_infeasible_target_exit_1_with_the_binding_rules(tmp_path, capsys):
    args = ["optimise", str(SAMPLE_PROJECT), "--scenario", "基准方案"]
    assert main([*args, "--target", "gdp_net:2030=10"]) == 0
    assert "目标 target" in capsys.readouterr().out
    assert main([*args, "--target", "gdp_net:2030@510100=500"]) == 1
    text = capsys.readouterr().out
    assert "无可行方案" in text and "差" in text and "申请资金上限" in text


def test_bad_arguments_exit_2_with_one_line(capsys):
    base = ["optimise", str(SAMPLE_PROJECT)]
    for extra in (
        ["--scenario", "基准方案", "--constraint", "nonsense=1"],
        ["--scenario", "基准方案", "--objective", "profit:2030"],
        ["--scenario", "基准方案", "--target", "gdp_net:2030"],
        ["--scenario", "无此方案"],
        ["--scenario", "基准方案", "--objective", "gdp_net:2030@999999"],
    ):
        assert main([*base, *extra]) == 2, extra
        err = capsys.readouterr().err.strip()
        assert err and "\n" not in err
