"""Decoded projects kept by the content of their file, for the window's start-up.

Decoding a project file (JSON through the type-hint-driven codec into ~1,800 dataclasses for the
sample) took 15–25 ms of the window's start-up; unpickling the same model takes about 3 ms.
``project_file.load(path, cache=folder)`` looks here after its checks and before decoding, and
stores what it decoded (a miss costs the decoding, as before, plus about 2 ms).

Never stale: an entry is named by a hash of the file's exact bytes, the workbench version and the
file format version, and it records the shape of every model class a project can hold (dataclass
fields and their annotations, enum values); a class whose shape changed since (a field added in
development, say) makes the entry a miss. An entry that cannot be read is a miss, never an error;
the folder keeps the ``KEEP`` most recently used entries. The folder is the user's own cache
folder (``ui.app.project_cache_dir``), which is what makes unpickling from it safe.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import os
import pickle
import sys
import typing
from enum import Enum
from pathlib import Path
from typing import Any

from workbench import __version__
from workbench.core.model import Project

KEEP = 8
_SUFFIX = ".pickle"
Shape = tuple[tuple[tuple[str, str], tuple[Any, ...]], ...]


def _entry(folder: Path, data: bytes, format_version: int) -> Path:
    h = hashlib.blake2b(data, digest_size=20)
    h.update(f"\0{__version__}\0{format_version}".encode())
    return folder / f"{h.hexdigest()}{_SUFFIX}"


def _shape_of(cls: type) -> tuple[Any, ...]:
    if issubclass(cls, Enum):
        return tuple(m.value for m in cls)
    return tuple((f.name, str(f.type)) for f in dataclasses.fields(cls))  # type: ignore[arg-type]


@functools.cache
def _shape() -> Shape:
    """Every model class a project can hold (from ``Project``'s type hints), with its shape: what
    decoding a file builds on. Computed once per process."""
    seen: list[type] = []
    stack: list[Any] = [Project]
    while stack:
        tp = stack.pop()
        if typing.get_origin(tp) is not None:  # list[X], dict[K, V], X | None…
            stack.extend(typing.get_args(tp))
        elif isinstance(tp, type) and tp not in seen:
            if issubclass(tp, Enum):
                seen.append(tp)
            elif dataclasses.is_dataclass(tp):
                seen.append(tp)
                stack.extend(typing.get_type_hints(tp).values())
    return tuple(sorted(((c.__module__, c.__qualname__), _shape_of(c)) for c in seen))


def _still_fits(shape: Shape) -> bool:
    """Whether every class the entry holds still has the shape it had (unpickling imported them)."""
    for (module, qualname), recorded in shape:
        cls: Any = sys.modules.get(module)
        for part in qualname.split("."):
            cls = getattr(cls, part, None)
        if not isinstance(cls, type) or _shape_of(cls) != recorded:
            return False
    return True


def read(folder: Path, data: bytes, format_version: int) -> Project | None:
    """The project decoded earlier from exactly ``data``, or None."""
    path = _entry(folder, data, format_version)
    try:
        shape, project = pickle.loads(path.read_bytes())
        fits = isinstance(project, Project) and _still_fits(shape)
    except Exception:  # absent, truncated, or of classes that moved: decode the file instead
        return None
    if not fits:
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: kept when the folder is pruned
    return project


def write(folder: Path, data: bytes, format_version: int, project: Project) -> None:
    """Keep ``project`` (just decoded from ``data``) for the next start; failures are ignored."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        blob = pickle.dumps((_shape(), project), protocol=pickle.HIGHEST_PROTOCOL)
        path = _entry(folder, data, format_version)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(blob)
        os.replace(tmp, path)
        entries = sorted(folder.glob(f"*{_SUFFIX}"), key=lambda p: p.stat().st_mtime_ns)
        for old in entries[:-KEEP]:
            old.unlink()
    except Exception:  # a cache never stands in the way of opening the file
        pass
