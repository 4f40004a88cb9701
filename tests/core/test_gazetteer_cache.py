"""The default gazetteer's lookup index kept in the user's cache folder (issue 16): the same
index as built from the CSV files, rebuilt when they change, and never a reason to fail."""

from __future__ import annotations

import marshal
import os
import shutil
from pathlib import Path

import pytest

from workbench import derived_cache
from workbench.bundled import GAZETTEER_DIR
from workbench.core.gazetteer import Gazetteer


def _same(a: Gazetteer, b: Gazetteer) -> None:
    assert a._index == b._index and list(a._index) == list(b._index)
    assert a._unique == b._unique
    assert a.divisions == b.divisions and list(a.divisions) == list(b.divisions)
    pairs = zip(a.divisions.values(), b.divisions.values(), strict=True)
    assert all(type(d) is type(e) for d, e in pairs)
    assert a.aliases == b.aliases and a.level_names == b.level_names


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(derived_cache.ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("gazetteer-*.marshal")) if folder.is_dir() else []


def test_the_cached_index_is_the_built_one(folder: Path) -> None:
    built = Gazetteer()
    assert _entries(folder) == []  # only the cached kind writes
    first = Gazetteer(cache=True)  # a miss: built and stored
    assert len(_entries(folder)) == 1
    second = Gazetteer(cache=True)  # a hit
    _same(built, first)
    _same(built, second)
    for g in (built, second):
        assert g.lookup("市中区").candidates and g.lookup("四川省德阳市").code == "510600"


def test_a_changed_source_file_is_a_new_entry(folder: Path, tmp_path: Path) -> None:
    src = tmp_path / "gaz"
    shutil.copytree(GAZETTEER_DIR, src)
    assert Gazetteer(src, cache=True).lookup("天府新城").code is None
    stat = (src / "aliases.csv").stat()
    with (src / "aliases.csv").open("a", encoding="utf-8") as fh:
        fh.write("天府新城,510100,common_short,,a test alias\n")
    os.utime(src / "aliases.csv", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    fresh = Gazetteer(src, cache=True)
    assert fresh.lookup("天府新城").code == "510100"
    _same(fresh, Gazetteer(src))
    assert len(_entries(folder)) == 1  # the entry of the old files was replaced


@pytest.mark.parametrize("content", [b"", b"\x00garbage", marshal.dumps((1, 2, 3)), b"\xe3" * 40])
def test_a_damaged_or_foreign_entry_is_rebuilt(folder: Path, content: bytes) -> None:
    Gazetteer(cache=True)
    (entry,) = _entries(folder)
    entry.write_bytes(content)
    _same(Gazetteer(cache=True), Gazetteer())
    assert entry.read_bytes() != content  # stored again


def test_the_index_is_read_only_when_a_name_needs_it(folder: Path) -> None:
    """A table of plain names of one place each never reads the full index; another name
    reads it, or builds it when its entry is gone."""
    Gazetteer(cache=True)
    g = Gazetteer(cache=True)
    assert "_index" not in g.__dict__
    assert g._unique["锦江区"][0] == "510104"
    for index in folder.glob("gazetteer_index-*.marshal"):
        index.unlink()
    assert g.lookup("市中区").candidates and "_index" in g.__dict__
    _same(g, Gazetteer())


def test_an_unwritable_cache_folder_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(derived_cache.ENV, str(blocker / "cache"))
    _same(Gazetteer(cache=True), Gazetteer())
    assert blocker.read_text() == "not a folder"
    assert not list(tmp_path.glob("**/*.tmp"))
