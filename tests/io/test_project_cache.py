"""Projects kept decoded for the window's start-up (``io.project_cache``): a hit returns the same
project as decoding, and nothing stale or broken is ever returned."""

from __future__ import annotations

import dataclasses
import pickle
import shutil
from pathlib import Path

import pytest

from workbench.bundled import SAMPLE_PROJECT
from workbench.io import project_cache, project_file
from workbench.io.project_file import ProjectFileError, load, save


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    dst = tmp_path / "p.wbp"
    shutil.copy(SAMPLE_PROJECT, dst)
    return dst


def _no_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_a, **_k):  # type: ignore[no-untyped-def]
        raise AssertionError("decoded instead of read from the cache")

    monkeypatch.setattr(project_file, "loads", refuse)


def test_a_second_load_is_read_from_the_cache_and_equals_decoding(
    copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    first = load(copy, cache=cache)
    assert len(list(cache.glob("*.pickle"))) == 1
    _no_decoding(monkeypatch)
    second = load(copy, cache=cache)
    assert second == first and second is not first
    second.candidates[0].name = "改过"  # a fresh object each time: edits never leak back
    assert load(copy, cache=cache).candidates[0].name == first.candidates[0].name
    with pytest.raises(AssertionError):
        load(copy)  # without the cache the file is decoded


def test_an_edited_file_is_decoded_again(copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    project = load(copy, cache=cache)
    project.candidates[0].name = "新名称"
    save(project, copy, overwrite=True)
    assert load(copy, cache=cache).candidates[0].name == "新名称"
    assert len(list(cache.glob("*.pickle"))) == 2


def test_a_broken_entry_or_a_changed_model_class_is_a_miss(
    copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    expected = load(copy, cache=cache)
    (entry,) = cache.glob("*.pickle")
    entry.write_bytes(b"not a pickle")
    assert load(copy, cache=cache) == expected  # decoded, and the entry written again
    shape, project = pickle.loads(entry.read_bytes())
    assert project == expected
    # the entry was written by a model whose Candidate had a field less (a field added since)
    cand = next(i for i, ((_m, q), _s) in enumerate(shape) if q == "Candidate")
    (name, fields) = shape[cand]
    older = (*shape[:cand], (name, fields[:-1]), *shape[cand + 1 :])
    entry.write_bytes(pickle.dumps((older, project)))
    assert project_cache.read(cache, copy.read_bytes(), project_file.CURRENT_VERSION) is None
    assert dataclasses.fields(load(copy, cache=cache).candidates[0])  # decoded


def test_the_checks_still_come_first_and_failures_are_not_kept(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    book = tmp_path / "x.wbp"
    book.write_bytes(b"PK\x03\x04 an Excel book")
    with pytest.raises(ProjectFileError):
        load(book, cache=cache)
    bad = tmp_path / "bad.wbp"
    bad.write_text('{"format_version": 1, "project": {"name": 3}}', encoding="utf-8")
    with pytest.raises(ProjectFileError):
        load(bad, cache=cache)
    assert not cache.exists() or not list(cache.glob("*.pickle"))


def test_the_folder_keeps_the_newest_entries(
    copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    project = load(copy)
    for i in range(project_cache.KEEP + 3):
        project.name = f"方案 {i}"
        save(project, copy, overwrite=True)
        load(copy, cache=cache)
    assert len(list(cache.glob("*.pickle"))) == project_cache.KEEP
    _no_decoding(monkeypatch)
    assert load(copy, cache=cache).name == f"方案 {project_cache.KEEP + 2}"  # the newest is kept
