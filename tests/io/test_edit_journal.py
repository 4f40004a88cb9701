"""The edit journal (issue 10, point 11): every applied edit is one fsync'd JSON line; recovery =
last autosave + replay, so a crash loses at most the edit being written; damaged recovery sets
are offered as damaged, never skipped or deleted silently."""

from __future__ import annotations

import copy
import json
import os
import socket
from pathlib import Path

import pytest

from workbench.bundled import SAMPLE_PROJECT
from workbench.core.edits import (
    DELETE,
    Edit,
    InsertItem,
    RemoveItem,
    SetAllocation,
    SetValue,
    change_status,
)
from workbench.core.enums import Coverage, Instrument, Status
from workbench.core.model import Candidate, Project, StatValue
from workbench.core.sharing.model import Agreement
from workbench.io import project_file, recovery
from workbench.io.codec import encode
from workbench.io.edit_codec import EditCodecError, decode_edit, encode_edit
from workbench.io.locks import pid_alive


def dead_pid() -> int:
    pid = 999_999
    while pid_alive(pid):
        pid -= 1
    return pid


class Live:
    """A session without Qt: applies edits, keeps an undo stack, journals every application."""

    def __init__(self, project: Project, journal: recovery.Journal) -> None:
        self.project, self.journal = project, journal
        self.undo: list[Edit] = []
        self.redo: list[Edit] = []

    def push(self, edit: Edit) -> None:
        inverse, _ = edit.apply(self.project)
        self.journal.append(edit)
        self.undo.append(inverse)
        self.redo.clear()

    def undo_one(self) -> None:
        inverse = self.undo.pop()
        again, _ = inverse.apply(self.project)
        self.journal.append(inverse)
        self.redo.append(again)

    def redo_one(self) -> None:
        edit = self.redo.pop()
        inverse, _ = edit.apply(self.project)
        self.journal.append(edit)
        self.undo.append(inverse)


def edit_sequence(live: Live) -> None:
    """Edits of every kind and key shape, with undo and redo among them."""
    p = live.project
    sc, cid = p.scenarios[0].name, p.candidates[0].id
    live.push(SetAllocation(sc, cid, 2027, Instrument.TALENT, 1.25))
    live.push(SetValue(("fund", "leverage"), 2.5))
    live.push(change_status(p, cid, Status.APPROVED, "委员会通过", "张三", on="2026-03-01"))
    live.undo_one()
    live.redo_one()
    new = Candidate("MC-X", "新候选", p.candidates[0].unit_type, p.candidates[0].region_code, "x")
    live.push(InsertItem(("candidates",), new, 0))
    live.push(SetValue(("candidates", "MC-X", "criteria", "linkage"), 80.0))
    live.push(
        SetValue(("agreements", "AG-P-01", "tax_split", 2028), {"510100": 60.0, "512002": 40.0})
    )
    deal = Agreement("AG-R", "迁入", Coverage.RELOCATION, ["510100"], candidate_ids=[cid])
    deal.tax_split_by_tax["cit"] = {2027: {"510100": 100.0}}
    live.push(InsertItem(("agreements",), deal))
    live.push(RemoveItem(("agreements",), "AG-P-02"))
    live.undo_one()  # the agreement comes back whole
    live.push(SetValue(("fund", "rules", "city_limits", "510100"), 25.0))
    live.push(SetValue(("fund", "rules", "city_limits", "510100"), DELETE))
    live.push(RemoveItem(("candidates",), p.candidates[3].id))
    live.undo_one()  # the removed candidate comes back at its place
    live.push(SetValue(("scenarios", sc, "name"), "改名方案"))  # a key rename
    stat = StatValue("gdp", 2023, 1.0, "亿元", "测试")
    live.push(InsertItem(("regions", "510100", "statistics"), stat))
    live.push(SetAllocation("改名方案", cid, 2027, Instrument.TALENT, 0.0))  # removes the row


@pytest.fixture
def base() -> Project:
    return project_file.load(SAMPLE_PROJECT)


def test_replaying_the_journal_on_the_base_gives_the_live_project(tmp_path, base) -> None:
    journal = recovery.Journal(tmp_path / "recovery-1.journal", begin=lambda: {"base": "test"})
    live = Live(copy.deepcopy(base), journal)
    edit_sequence(live)
    journal.close()
    rep = recovery.read_journal(journal.path)
    assert rep.stopped == "" and rep.header["base"] == "test" and len(rep.edits) == 18
    applied, why = recovery.replay(base, rep.edits)
    assert why == "" and applied == 18
    assert encode(base) == encode(live.project)


def test_every_line_is_on_disk_as_soon_as_the_edit_is_applied(tmp_path, base) -> None:
    journal = recovery.Journal(tmp_path / "j.journal", begin=dict)
    live = Live(base, journal)
    live.push(SetValue(("fund", "leverage"), 3.0))
    lines = journal.path.read_text("utf-8").splitlines()  # the writer is still open
    journal.close()
    assert len(lines) == 2 and json.loads(lines[1])["edit"]["$c"] == "SetValue"


def test_a_torn_last_line_loses_only_that_edit(tmp_path, base) -> None:
    journal = recovery.Journal(tmp_path / "j.journal", begin=dict)
    live = Live(copy.deepcopy(base), journal)
    live.push(SetValue(("fund", "leverage"), 3.0))
    live.push(SetValue(("fund", "management_fee_pct"), 1.5))
    journal.close()
    raw = journal.path.read_bytes()
    journal.path.write_bytes(raw[: len(raw) - 25])  # killed while writing the second edit
    rep = recovery.read_journal(journal.path)
    assert len(rep.edits) == 1 and "line 3" in rep.stopped
    recovery.replay(base, rep.edits)
    assert base.fund.leverage == 3.0 and base.fund.management_fee_pct == 2.0


def test_the_codec_builds_only_model_and_edit_classes() -> None:
    for hostile in (
        {"$c": "Path", "f": {}},
        {"$e": "Candidate", "v": 1},
        {"$c": "SetValue", "f": {"nope": 1}},
        {"$d": [[[1], 2]]},
    ):
        with pytest.raises(EditCodecError):
            decode_edit(hostile)
    with pytest.raises(EditCodecError):
        encode_edit(SetValue(("fund", "size"), Path("x")))


def _crashed_set(folder: Path, base: Project, *, autosave: bool) -> tuple[Path, Project]:
    """What a window that crashed leaves: (autosave +) journal + metadata, under a dead pid."""
    wbp = folder / f"recovery-{dead_pid()}.wbp"
    original = folder / "plan.wbp"
    project_file.save(base, original)
    sha = recovery.sha256_of(original)
    live_project = copy.deepcopy(base)
    header = {"base": "original", "original": str(original), "sha256": sha}
    journal = recovery.Journal(recovery.journal_file(wbp), begin=lambda: header)
    live = Live(live_project, journal)
    live.push(SetValue(("fund", "leverage"), 4.0))
    if autosave:
        sha = recovery.write_recovery(live_project, wbp, original, "plan.wbp")
        journal.restart({"base": "recovery", "sha256": sha, "original": str(original)})
    else:
        recovery.write_meta(wbp, original, "plan.wbp", sha)
    live.push(SetValue(("fund", "management_fee_pct"), 1.0))
    live.undo_one()
    live.push(SetValue(("name",), "崩溃前最后一次修改"))
    journal.close()
    meta = json.loads(wbp.with_suffix(".json").read_text("utf-8")) | {"pid": int(wbp.stem[9:])}
    wbp.with_suffix(".json").write_text(json.dumps(meta), "utf-8")
    return wbp, live_project


@pytest.mark.parametrize("autosave", [True, False], ids=["autosave+journal", "journal only"])
def test_recovery_is_the_base_plus_the_journal(tmp_path, base, autosave) -> None:
    wbp, live = _crashed_set(tmp_path, base, autosave=autosave)
    ((found, meta),) = recovery.pending_recoveries(tmp_path)
    assert found == wbp and "damaged" not in meta
    got = recovery.recover(wbp)
    assert got.note == "" and encode(got.project) == encode(live)


def test_an_autosave_newer_than_its_journal_is_not_replayed_twice(tmp_path, base) -> None:
    wbp, live = _crashed_set(tmp_path, base, autosave=True)
    recovery.write_recovery(live, wbp, tmp_path / "plan.wbp", "plan.wbp")  # crash before restart
    assert encode(recovery.recover(wbp).project) == encode(live)


def test_a_truncated_recovery_set_is_offered_as_damaged_and_kept(tmp_path, base) -> None:
    wbp, _live = _crashed_set(tmp_path, base, autosave=True)
    meta_file = wbp.with_suffix(".json")
    meta_file.write_text(meta_file.read_text("utf-8")[:20], "utf-8")  # truncated metadata
    ((found, meta),) = recovery.pending_recoveries(tmp_path)
    assert found == wbp and "damaged" in meta and meta["original"].endswith("plan.wbp")
    wbp.write_bytes(wbp.read_bytes()[:100])  # and a truncated project
    with pytest.raises(project_file.ProjectFileError):
        recovery.recover(wbp)
    assert wbp.exists() and meta_file.exists() and recovery.journal_file(wbp).exists()
    assert recovery.pending_recoveries(tmp_path)  # still offered next time


def test_a_journal_without_edits_is_nothing_to_recover(tmp_path) -> None:
    wbp = tmp_path / f"recovery-{dead_pid()}.wbp"
    journal = recovery.Journal(recovery.journal_file(wbp))
    journal.restart({"base": "original", "original": "x"})
    journal.close()
    meta = {"pid": int(wbp.stem[9:]), "host": socket.gethostname(), "original": "", "name": "x"}
    wbp.with_suffix(".json").write_text(json.dumps(meta), "utf-8")
    assert recovery.pending_recoveries(tmp_path) == []
    assert list(tmp_path.iterdir()) == []


def test_our_own_set_is_never_pending(tmp_path, base) -> None:
    wbp, _ = recovery.recovery_files(tmp_path)
    recovery.write_recovery(base, wbp, None, "x")
    assert wbp.stem == f"recovery-{os.getpid()}"
    assert recovery.pending_recoveries(tmp_path) == []


def test_an_undo_back_to_a_nan_from_the_file_is_journalled(tmp_path, base) -> None:
    import math

    base.fund.leverage = math.nan  # as a hostile file held it
    journal = recovery.Journal(tmp_path / "j.journal", begin=dict)
    live = Live(copy.deepcopy(base), journal)
    live.push(SetValue(("fund", "leverage"), 2.0))
    live.undo_one()
    journal.close()
    rep = recovery.read_journal(journal.path)
    assert rep.stopped == "" and len(rep.edits) == 2 and not journal.broken
    recovery.replay(base, rep.edits)
    assert math.isnan(base.fund.leverage)
