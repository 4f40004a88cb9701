"""Hostile and broken project files (issue 10, points 2, 5, 6, 10, 11): one line, exit 2, nothing
lost — never a traceback, never an empty project saved over a full file."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import time
from pathlib import Path

import openpyxl
import pytest
import python_calamine

from workbench.bundled import SAMPLE_PROJECT
from workbench.cli import main
from workbench.core.model import Project
from workbench.io import project_file
from workbench.io.excel import export_workbook
from workbench.io.project_file import ProjectFileError, clean_orphans, dumps, load, loads, save

DATA = Path(__file__).parents[1] / "data"
STATS = DATA / "stats" / "chengdu_indicators_by_years_gbk.csv"


def _one_line_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err and "\n" not in err and "Traceback" not in err
    return err


# ---- point 2: a v0 header over a current body ---------------------------------------------


def test_v0_header_over_a_current_body_is_refused_and_nothing_is_wiped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    proj = tmp_path / "p.wbp"
    doc = json.loads(SAMPLE_PROJECT.read_text(encoding="utf-8"))
    doc["format_version"] = 0
    proj.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    bak = proj.with_name(proj.name + ".bak")
    bak.write_bytes(SAMPLE_PROJECT.read_bytes())
    before, bak_before = proj.read_bytes(), bak.read_bytes()
    with pytest.raises(ProjectFileError) as e:
        load(proj)
    assert "project" in e.value.message("en")
    form = tmp_path / "form.xlsx"
    assert main(["template", str(SAMPLE_PROJECT), "--out", str(form)]) == 0
    capsys.readouterr()
    _one_line_exit_2(capsys, ["import-candidates", str(proj), str(form), "--apply"])
    _one_line_exit_2(capsys, ["stats", str(STATS), "--project", str(proj), "--apply"])
    assert proj.read_bytes() == before and bak.read_bytes() == bak_before


def test_a_migration_that_empties_a_full_file_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.io import migrations

    def lose_everything(doc: dict) -> dict:
        return {"format_version": 1, "project": {"name": "x"}}

    monkeypatch.setitem(migrations.STEPS, 0, lose_everything)
    text = (DATA / "project_v0.wbp").read_text(encoding="utf-8")
    with pytest.raises(ProjectFileError) as e:
        loads(text)
    assert "empty project" in e.value.message("en")


def test_save_refuses_a_file_changed_since_it_was_loaded(
    sample_project: Project, tmp_path: Path
) -> None:
    proj = tmp_path / "p.wbp"
    save(sample_project, proj)
    project = load(proj)
    other = load(proj)
    other.name = "另一个窗口的修改"
    time.sleep(0.01)
    proj.write_text(dumps(other), encoding="utf-8")  # someone else saved meanwhile
    theirs = proj.read_bytes()
    with pytest.raises(ProjectFileError) as e:
        save(project, proj)
    assert "changed on disk" in e.value.message("en") and "保存" in str(e.value)
    assert proj.read_bytes() == theirs
    save(project, proj, overwrite=True)  # the caller decided
    assert load(proj).name == sample_project.name
    os.utime(proj)  # touched, same content: still ours
    save(project, proj)


def test_backup_keeps_the_last_good_file(sample_project: Project, tmp_path: Path) -> None:
    proj = tmp_path / "p.wbp"
    bak = proj.with_name(proj.name + ".bak")
    save(sample_project, proj)
    good = proj.read_bytes()
    sample_project.name = "第二版"
    save(sample_project, proj)
    assert bak.read_bytes() == good
    proj.write_text('{"format_version": 1, "project": ', encoding="utf-8")  # broken on disk
    sample_project.name = "第三版"
    save(sample_project, proj, overwrite=True)
    assert bak.read_bytes() == good  # the broken file did not replace the good backup
    assert load(proj).name == "第三版"


# ---- point 5: tracebacks on load ----------------------------------------------------------

_V1 = '{"format_version": 1, "project": %s}'
HOSTILE = {
    "deep_list": _V1 % ("[" * 100_000 + "]" * 100_000),
    "deep_object": '{"format_version": 1, "x": ' + '{"a": ' * 5000 + "1" + "}" * 5001,
    "int_400_digits_as_float": None,  # built from the sample below
    "int_5000_digits": _V1 % ("9" * 5000),
    "format_version_5000_digits": '{"format_version": ' + "9" * 5000 + "}",
    "format_version_400_digits": '{"format_version": ' + "9" * 400 + "}",
    "v0_candidates_not_list": '{"version": 0, "candidates": "x"}',
    "v0_candidate_not_object": '{"version": 0, "candidates": [1]}',
    "v0_candidate_missing_id": '{"version": 0, "candidates": [{"name": "a"}]}',
    "v0_amount_not_number": '{"version": 0, "candidates": [{"id": "C1", "name": "a", "type": '
    '"park", "region": "510603", "output_wan": []}]}',
    "v0_fund_list": '{"version": 0, "fund": []}',
    "v0_contributions_bad": '{"version": 0, "fund": {"contributions_wan": {"510600": "x"}}}',
    "v0_contributions_list": '{"version": 0, "fund": {"contributions_wan": [1]}}',
    "v0_allocation_bad_amount": '{"version": 0, "allocations": [{"candidate": "C1", "year": '
    '2026, "amount_wan": {}}]}',
    "v0_name_object": '{"version": 0, "name": {}}',
    "duplicate_project": '{"format_version": 1,\n "project": {},\n "project": {}}',
}


def _hostile_text(kind: str) -> str:
    if kind == "int_400_digits_as_float":
        text = SAMPLE_PROJECT.read_text(encoding="utf-8")
        return re.sub(
            r'"baseline_output": [-0-9.eE+]+', '"baseline_output": ' + "9" * 400, text, count=1
        )
    return HOSTILE[kind]


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_project_is_one_line_exit_2(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = _hostile_text(kind)
    p = tmp_path / "h.wbp"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(ProjectFileError) as e:
        load(p)
    msg = e.value.message("en")
    assert "\n" not in msg and len(msg) < 400
    err = _one_line_exit_2(capsys, ["info", str(p)])
    assert "h.wbp" in err


def test_duplicate_keys_name_the_key_and_line(sample_project: Project) -> None:
    text = dumps(sample_project)
    lines = text.splitlines()
    i = next(n for n, ln in enumerate(lines) if '"sector": ' in ln)
    lines.insert(i + 1, lines[i].rstrip(",") + ",")  # the same key again, one line below
    with pytest.raises(ProjectFileError) as e:
        loads("\n".join(lines))
    assert e.value.field == "sector" and e.value.line == i + 2


# ---- point 6: lone surrogates -------------------------------------------------------------


# Written as an escape in either case, or as the character itself (only this is looked for: a
# file without any skips the walk over every value).
@pytest.mark.parametrize("bad", ["\\ud800", "\\uDFFF", "\\uDbff", "\ud800"])
def test_lone_surrogate_is_refused_naming_the_field(sample_project: Project, bad: str) -> None:
    text = dumps(sample_project).replace(
        f'"name": {json.dumps(sample_project.candidates[2].name, ensure_ascii=False)}',
        f'"name": "坏{bad}名"',
        1,
    )
    with pytest.raises(ProjectFileError) as e:
        loads(text)
    assert e.value.field == "project.candidates[2].name"


def test_a_surrogate_in_memory_never_breaks_save_or_export(
    sample_project: Project, tmp_path: Path
) -> None:
    sample_project.candidates[0].name = "坏\ud800名"
    sample_project.name = "\udfff项目"
    proj = tmp_path / "s.wbp"
    save(sample_project, proj)  # no UnicodeEncodeError
    assert load(proj).candidates[0].name == "坏\ufffd名"
    xlsx = tmp_path / "s.xlsx"
    export_workbook(sample_project, sample_project.scenarios[0].name, xlsx)
    openpyxl.load_workbook(xlsx)
    wb = python_calamine.CalamineWorkbook.from_path(str(xlsx))
    for name in wb.sheet_names:
        wb.get_sheet_by_name(name).to_python()


# ---- point 10: write errors ---------------------------------------------------------------


@pytest.mark.parametrize(
    "exc",
    [
        PermissionError(errno.EACCES, "Permission denied"),
        OSError(errno.ENOSPC, "No space left on device"),
        OSError(errno.EROFS, "Read-only file system"),
    ],
)
def test_write_errors_are_one_line_and_the_file_is_intact(
    exc: OSError,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    proj = tmp_path / "p.wbp"
    shutil.copy(SAMPLE_PROJECT, proj)
    before = proj.read_bytes()

    def refuse(*args: object, **kwargs: object) -> None:
        exc.filename = str(tmp_path)
        raise exc

    monkeypatch.setattr(project_file.tempfile, "mkstemp", refuse)
    err = _one_line_exit_2(capsys, ["stats", str(STATS), "--project", str(proj), "--apply"])
    assert exc.strerror in err and str(tmp_path) in err
    err = _one_line_exit_2(capsys, ["new", str(tmp_path / "n.wbp")])
    assert proj.read_bytes() == before


# ---- point 11: orphaned temp files --------------------------------------------------------


def test_orphaned_temp_files_are_cleaned_on_the_next_save(
    sample_project: Project, tmp_path: Path
) -> None:
    proj = tmp_path / "p.wbp"
    save(sample_project, proj)
    old = [tmp_path / ".p.wbp.abc123.tmp", tmp_path / "p.wbp.bak.tmp"]
    fresh = tmp_path / ".p.wbp.live99.tmp"  # a save of a process started after us
    unrelated = tmp_path / ".q.wbp.abc.tmp"
    for f in [*old, fresh, unrelated]:
        f.write_bytes(b"x" * 1000)
    past = time.time() - 3600
    for f in [*old, unrelated]:
        os.utime(f, (past, past))
    os.utime(fresh, (time.time() + 5, time.time() + 5))
    save(sample_project, proj)
    assert not any(f.exists() for f in old)
    assert fresh.exists() and unrelated.exists()
    assert clean_orphans(proj) == []
