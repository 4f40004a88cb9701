"""The command line on good and bad files: clear lines, exit codes, files left untouched."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from workbench.bundled import SAMPLE_PROJECT
from workbench.cli import main
from workbench.io.project_file import load, save


def test_info_summarises_the_sample(capsys):
    assert main(["info", str(SAMPLE_PROJECT)]) == 0
    out = capsys.readouterr().out
    assert "候选单元 Candidates: 60" in out
    assert "200.00 亿元" in out
    assert "示例" in out


def test_validate_exit_codes(tmp_path, capsys, sample_project):
    assert main(["validate", str(SAMPLE_PROJECT)]) == 0
    sample_project.fund.size = 1.0
    bad = tmp_path / "bad.wbp"
    save(sample_project, bad)
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "错误" in out and "fund.size" in out


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (None, "不存在"),
        (b"", "为空"),
        (b'{"format_version": 1, "project": {"name": "x", "candidates": [', "截断"),
        (b"just some text", "JSON"),
        (json.dumps({"format_version": 99}).encode(), "更新版本"),
    ],
)
def test_validate_unreadable_files_one_line_exit_2(tmp_path, capsys, content, needle):
    path = tmp_path / "p.wbp"
    if content is not None:
        path.write_bytes(content)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and needle in err
    assert "Traceback" not in err
    if content is not None:
        assert path.read_bytes() == content  # untouched


def test_new_creates_a_valid_empty_project_and_refuses_to_overwrite(tmp_path, capsys):
    path = tmp_path / "new.wbp"
    assert main(["new", str(path), "--name", "测试项目"]) == 0
    p = load(path)
    assert p.name == "测试项目" and len(p.regions) == 244 and p.candidates == []
    assert main(["validate", str(path)]) == 0
    before = path.read_bytes()
    assert main(["new", str(path)]) == 2
    assert path.read_bytes() == before


def test_python_dash_m_works_the_same(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "workbench", "validate", str(tmp_path / "missing.wbp")],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 2
    assert "不存在" in out.stderr and "Traceback" not in out.stderr


def test_without_a_display_workbench_prints_the_sample_summary(monkeypatch, capsys):
    monkeypatch.setattr(sys, "platform", "linux")
    for var in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(var, raising=False)
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "图形界面不可用" in out and "候选单元 Candidates: 60" in out


@pytest.mark.skipif(sys.platform == "win32", reason="uses a POSIX pipe into head")
def test_output_piped_into_head_stops_quietly(tmp_path, sample_project):
    # Thousands of problem lines (far more than a pipe buffers) into a reader that stops after
    # one byte: the command is bound to write into a closed pipe.
    from workbench.core.model import Allocation

    sc = sample_project.scenarios[0]
    for i, c in enumerate(sample_project.candidates * 60):
        sc.allocations.append(Allocation(c.id, 2031 + i, 1.0))
    path = tmp_path / "noisy.wbp"
    save(sample_project, path)
    out = subprocess.run(
        f"{sys.executable} -m workbench validate {path} | head -c 1 >/dev/null",
        shell=True,
        capture_output=True,
        text=True,
    )
    assert "Traceback" not in out.stderr and "BrokenPipe" not in out.stderr


def test_a_mistyped_command_is_named_not_opened(monkeypatch, capsys, tmp_path):
    from workbench import cli

    monkeypatch.chdir(tmp_path)
    opened: list[list[str]] = []
    monkeypatch.setattr(cli, "launch_gui", lambda argv: opened.append(argv) or 0)
    assert cli.main(["parms", "x.wbp"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == (
        "未知命令“parms”，是否要用 params？ | unknown command 'parms' (did you mean params?)"
    )
    assert cli.main(["import_allocations"]) == 2
    assert "import-allocations" in capsys.readouterr().err
    assert cli.main(["frobnicate"]) == 2
    assert "validate" in capsys.readouterr().err  # no close match: the commands are listed
    assert not opened
    # Files still open the window: a path, a .wbp name, or a bare name that exists here.
    (tmp_path / "plan").write_text("")
    for arg in ("plan", "x.wbp", "sub/plan", "项目"):
        assert cli.main([arg]) == 0
    assert [a[0] for a in opened] == ["plan", "x.wbp", "sub/plan", "项目"]


def test_command_names_are_known_without_importing_the_commands() -> None:
    """``workbench`` alone opens the window: deciding so must not import pandas and openpyxl
    with the commands (a third of a second before the window's first paint)."""
    from workbench import cli

    assert cli.command_names() == set(cli._modules())
    code = (
        "import sys\n"
        "from workbench import cli\n"
        "cli.launch_gui = lambda argv: print(sorted(m for m in sys.modules if m in "
        "('pandas', 'openpyxl', 'workbench.commands.export'))) or 0\n"
        "cli.main([])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
