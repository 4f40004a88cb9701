"""Data derived from the bundled resources, kept between runs in the user's cache folder.

A fresh process that reads a statistics table needs the gazetteer's lookup index (7,000 names
built from its CSV files in ~8 ms); read back from here it takes ~3 ms (issue 16). An entry is a
``marshal`` file of plain data (str, tuples, lists, dicts: loading one runs no code), named by a
key the caller computes from what the data derives from (``key_of``: the workbench version, the
Python version, the source files' sizes and modification times, the file of the code that builds
it), so a changed source or builder is a miss, never a stale answer. Reading never fails the
caller (a missing, truncated or foreign entry is a miss) and neither does writing (a read-only or
absent folder only means no cache). Nothing here is the user's: deleting the folder is safe.

Outside the layers, like ``bundled``: core derives the data, and any layer may use the folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from workbench import __version__

ENV = "WORKBENCH_CACHE_DIR"  # overrides the folder (tests, portable installs)
APP = "chengyu-workbench"


def cache_dir() -> Path:
    """The user's cache folder for the workbench (``$WORKBENCH_CACHE_DIR`` if set)."""
    if os.environ.get(ENV):
        return Path(os.environ[ENV])
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / APP / "cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / APP
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / APP


def key_of(parts: tuple[object, ...], files: Iterable[Path]) -> str:
    """A name for data derived from ``files`` by code described in ``parts``: any change of
    the workbench or Python version, of a file's size or modification time, is a new key."""
    h = hashlib.blake2b(digest_size=16)
    h.update(repr((__version__, sys.version_info[:2], parts)).encode())
    for f in files:
        st = f.stat()
        h.update(f"\0{f.resolve()}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    return h.hexdigest()


def _path(name: str, key: str) -> Path:
    return cache_dir() / f"{name}-{key}.marshal"


def read(name: str, key: str) -> Any | None:
    """The entry stored under ``name`` and ``key``, or None."""
    try:
        return marshal.loads(_path(name, key).read_bytes())
    except Exception:  # absent, unreadable, truncated, from another Python: a miss
        return None


def write(name: str, key: str, payload: Any) -> None:
    """Keep ``payload`` (plain data) under ``name`` and ``key``, replacing the entries of
    ``name`` under other keys (they derive from older sources); failures are ignored."""
    try:
        path = _path(name, key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(payload))
        os.replace(tmp, path)
        for old in path.parent.glob(f"{name}-*.marshal"):
            if old != path:
                with contextlib.suppress(OSError):
                    old.unlink()
    except Exception:  # a read-only or missing folder: no cache, never an error
        with contextlib.suppress(Exception):
            tmp.unlink()  # type: ignore[possibly-undefined]
