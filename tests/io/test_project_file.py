"""Project files: exact round trip, atomic save, old formats migrated, bad files explained."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.core.enums import (
    ChainKind,
    Coverage,
    GdpRule,
    Instrument,
    ParkModel,
    SettlementMethod,
    Status,
    UnitType,
)
from workbench.core.model import (
    Allocation,
    Assumption,
    Candidate,
    ChainLink,
    CommitteeRules,
    Contribution,
    Decision,
    FixedReturn,
    Fund,
    ParkArrangement,
    Project,
    Scenario,
    StatValue,
    Tranche,
)
from workbench.core.sharing.model import Agreement
from workbench.io.migrations import CURRENT_VERSION
from workbench.io.project_file import ProjectFileError, dumps, load, loads, save

DATA = Path(__file__).parents[1] / "data"

# ----------------------------------------------------------------------------- strategies
text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
money = st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False)
share = st.floats(min_value=0, max_value=100, allow_nan=False)
years = st.sampled_from([2026, 2027, 2028, 2029, 2030])
codes = st.sampled_from(["510100", "500112", "511623", "512002", "510603"])
any_float = st.floats(allow_nan=False, allow_infinity=False)


def enum_of(e):
    return st.sampled_from(list(e))


candidates = st.builds(
    Candidate,
    id=text,
    name=text,
    unit_type=enum_of(UnitType),
    region_code=codes,
    sector=text,
    baseline_output=any_float,
    baseline_jobs=money,
    baseline_tax=money,
    requested_funding=money,
    criteria=st.dictionaries(text, share, max_size=3),
    status=enum_of(Status),
    notes=text,
    decisions=st.lists(
        st.builds(Decision, date=text, status=enum_of(Status), reason=text, by=text), max_size=2
    ),
    illustrative=st.booleans(),
)
parks = st.builds(
    ParkArrangement,
    id=text,
    name=text,
    model=enum_of(ParkModel),
    host=codes,
    partners=st.lists(codes, max_size=3),
    area_km2=money,
    sector=text,
    investment=st.dictionaries(years, money, max_size=3),
    equity=st.dictionaries(codes, share, max_size=2),
    fixed_return=st.none() | st.builds(FixedReturn, rate_pct=share, years=st.integers(0, 10)),
    notes=text,
    illustrative=st.booleans(),
)
splits = st.dictionaries(years, st.dictionaries(codes, share, max_size=2), max_size=2)
agreements = st.builds(
    Agreement,
    id=text,
    name=text,
    coverage=enum_of(Coverage),
    parties=st.lists(codes, max_size=3),
    park_id=text,
    candidate_ids=st.lists(text, max_size=2),
    gdp_rule=enum_of(GdpRule),
    gdp_split=st.dictionaries(codes, share, max_size=2),
    existing_tax_base=money,
    tax_split=splits,
    tax_split_by_tax=st.dictionaries(st.sampled_from(["vat", "cit", "other"]), splits, max_size=2),
    start_year=st.none() | years,
    sunset_year=st.none() | years,
    settlement=enum_of(SettlementMethod),
    notes=text,
    illustrative=st.booleans(),
)
projects = st.builds(
    Project,
    agreements=st.lists(agreements, max_size=2),
    name=text,
    description=text,
    candidates=st.lists(candidates, max_size=4),
    links=st.lists(
        st.builds(
            ChainLink,
            id=text,
            source=text,
            target=text,
            kind=enum_of(ChainKind),
            strength=st.floats(0, 1),
        ),
        max_size=3,
    ),
    fund=st.builds(
        Fund,
        name=text,
        size=money,
        contributions=st.lists(
            st.builds(Contribution, region_code=codes, amount=money), max_size=3
        ),
        rules=st.builds(
            CommitteeRules,
            max_project_share=st.none() | share,
            type_limits=st.dictionaries(
                st.sampled_from([u.value for u in UnitType]), share, max_size=2
            ),
            city_limits=st.dictionaries(codes, share, max_size=2),
            tranches=st.lists(st.builds(Tranche, year=years, amount=money), max_size=2),
        ),
        leverage=money,
    ),
    parks=st.lists(parks, max_size=2),
    scenarios=st.lists(
        st.builds(
            Scenario,
            name=text,
            description=text,
            allocations=st.lists(
                st.builds(
                    Allocation,
                    candidate_id=text,
                    year=years,
                    amount=money,
                    instrument=enum_of(Instrument),
                ),
                max_size=4,
            ),
            park_ids=st.lists(text, max_size=2),
            assumption_overrides=st.dictionaries(text, any_float, max_size=2),
        ),
        max_size=2,
    ),
    assumptions=st.dictionaries(
        text,
        st.builds(Assumption, key=text, value=any_float, unit=text, label_zh=text, source=text),
        max_size=2,
    ),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects)
def test_round_trip_is_exact(project: Project) -> None:
    assert loads(dumps(project)) == project


def test_sample_round_trips_through_disk(sample_project, tmp_path):
    path = tmp_path / "s.wbp"
    save(sample_project, path)
    assert load(path) == sample_project


def test_region_statistics_keep_source_and_vintage(sample_project):
    cq = sample_project.region("500112")
    vintages = {s.vintage for s in cq.statistics if s.indicator == "gdp" and s.year == 2018}
    assert len(vintages) == 2  # preliminary and revised 2018 GDP are both kept, labelled
    assert all(isinstance(s, StatValue) and s.source for s in cq.statistics)


# ----------------------------------------------------------------------------- saving
def test_save_keeps_previous_file_as_backup(sample_project, tmp_path):
    path = tmp_path / "p.wbp"
    save(sample_project, path)
    first = path.read_bytes()
    sample_project.name = "第二版"
    save(sample_project, path)
    assert (tmp_path / "p.wbp.bak").read_bytes() == first
    assert load(path).name == "第二版"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_failed_save_leaves_the_old_file(sample_project, tmp_path, monkeypatch):
    path = tmp_path / "p.wbp"
    save(sample_project, path)
    before = path.read_bytes()

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    sample_project.name = "不会保存"
    with pytest.raises(OSError):
        save(sample_project, path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_value_that_cannot_be_saved_never_touches_the_file(sample_project, tmp_path):
    path = tmp_path / "p.wbp"
    save(sample_project, path)
    before = path.read_bytes()
    sample_project.fund.size = float("nan")
    with pytest.raises(ProjectFileError):
        save(sample_project, path)
    assert path.read_bytes() == before


@pytest.mark.skipif(os.name != "posix", reason="uses SIGKILL")
def test_killed_during_saves_leaves_old_or_new_never_broken(tmp_path):
    """Kill a process that saves over and over; the file must always load as one of the versions."""
    path = tmp_path / "k.wbp"
    script = textwrap.dedent(
        f"""
        import sys
        from workbench.io.project_file import load, save
        from workbench.bundled import SAMPLE_PROJECT
        p = load(SAMPLE_PROJECT)
        target = {str(path)!r}
        i = 0
        save(p, target)
        print("ready", flush=True)
        while True:
            i += 1
            p.name = f"v{{i}}"
            save(p, target)
        """
    )
    for delay in (0.05, 0.13, 0.29):
        proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(delay)  # let it be mid-save at an arbitrary moment
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        project = load(path)  # must not raise
        assert project.name.startswith("v") or project.name.startswith("成渝")


# ----------------------------------------------------------------------------- bad files
def _write(tmp_path: Path, name: str, content: bytes | str) -> Path:
    p = tmp_path / name
    p.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return p


def test_newer_format_is_refused_and_file_untouched(tmp_path):
    doc = {"format_version": CURRENT_VERSION + 1, "project": {"name": "来自未来"}}
    p = _write(tmp_path, "future.wbp", json.dumps(doc))
    before = p.read_bytes()
    with pytest.raises(ProjectFileError) as ei:
        load(p)
    assert "更新版本" in ei.value.message("zh")
    assert "newer" in ei.value.message("en")
    assert p.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"", "为空"),
        (b"   \n", "为空"),
        (b"PK\x03\x04 not really a zip", "Excel"),
        (b"\xff\xfe\x00garbage\x80", "UTF-8"),
        ('{"hello": 1}', "format_version"),
        ("[1, 2, 3]", "format_version"),
        ('{"format_version": "one"}', "format_version"),
    ],
)
def test_unusable_files_are_explained(tmp_path, content, needle):
    p = _write(tmp_path, "bad.wbp", content)
    with pytest.raises(ProjectFileError) as ei:
        load(p)
    assert needle in ei.value.message("zh")


def test_truncated_file_names_the_line(sample_project, tmp_path):
    text = dumps(sample_project)
    p = _write(tmp_path, "cut.wbp", text[: len(text) // 2])
    with pytest.raises(ProjectFileError) as ei:
        load(p)
    assert ei.value.line is not None and ei.value.line > 1
    assert "截断" in ei.value.message("zh")


def test_hand_edited_invalid_value_names_field_and_line(sample_project, tmp_path):
    text = dumps(sample_project)
    doc = json.loads(text)
    doc["project"]["candidates"][3]["unit_type"] = "skyscraper"
    bad = json.dumps(doc, ensure_ascii=False, indent=1)
    p = _write(tmp_path, "edited.wbp", bad)
    with pytest.raises(ProjectFileError) as ei:
        load(p)
    err = ei.value
    assert err.field == "project.candidates[3].unit_type"
    assert "skyscraper" in bad.splitlines()[err.line - 1]
    assert "street" in err.message("zh")  # says what is allowed


def test_missing_and_folder_paths(tmp_path):
    with pytest.raises(ProjectFileError, match="不存在"):
        load(tmp_path / "nope.wbp")
    with pytest.raises(ProjectFileError, match="文件夹"):
        load(tmp_path)


# ----------------------------------------------------------------------------- migration
def test_v0_golden_file_migrates(tmp_path):
    golden = DATA / "project_v0.wbp"
    before = golden.read_bytes()
    p = load(golden)
    assert golden.read_bytes() == before  # loading never writes
    assert p.name == "德阳市微核试点（原型版文件）"
    c1 = p.candidate("C1")
    assert c1.unit_type is UnitType.PARK and c1.region_code == "510603"
    assert c1.baseline_output == pytest.approx(18.5)  # 185000 万元 = 18.5 亿元
    assert c1.requested_funding == pytest.approx(3.0)
    assert p.candidate("C2").notes == "待现场踏勘"
    assert p.fund.size == pytest.approx(10.0)
    assert p.fund.contribution_of("510600") == pytest.approx(6.0)
    (sc,) = p.scenarios
    assert [(a.candidate_id, a.year, a.amount, a.instrument) for a in sc.allocations] == [
        ("C1", 2026, pytest.approx(1.0), Instrument.EQUITY),
        ("C1", 2027, pytest.approx(0.8), Instrument.EQUITY),
        ("C3", 2026, pytest.approx(0.05), Instrument.TALENT),
    ]
    assert p.region("510603") is not None  # regions filled from the gazetteer
    assert "tax.vat_central_share" in p.assumptions
    # and the migrated project saves in the current format and loads back equal
    out = tmp_path / "migrated.wbp"
    save(p, out)
    assert json.loads(out.read_text(encoding="utf-8"))["format_version"] == CURRENT_VERSION
    assert load(out) == p
