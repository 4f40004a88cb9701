"""Project files (``.wbp``): UTF-8 JSON, versioned, saved atomically, never trusted blindly.

Load = read → parse JSON → migrate step by step to the current ``format_version`` → decode into the
model. Every failure becomes a ``ProjectFileError`` that names what is wrong and where (field path
and line), in Chinese and English; nothing here ever writes to the file being loaded. Save writes a
temporary file in the same folder, fsyncs it, keeps the previous file as ``<name>.bak`` and
replaces the target in one ``os.replace``, so a crash leaves the old or the new file, never half
of one.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from workbench import __version__
from workbench.core.model import Project
from workbench.io.codec import DecodeError, decode, encode, format_path
from workbench.io.json_locate import line_of
from workbench.io.migrations import CURRENT_VERSION, migrate

SUFFIX = ".wbp"
MAX_BYTES = 512 * 1024 * 1024


class ProjectFileError(Exception):
    """A project file that cannot be used. ``str()`` is one line for the CLI (Chinese first)."""

    def __init__(
        self, file: Path | str, zh: str, en: str, *, field: str = "", line: int | None = None
    ):
        self.file = str(file)
        self.zh = zh
        self.en = en
        self.field = field
        self.line = line
        super().__init__(self.message("zh"))

    def where(self) -> str:
        parts = []
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.field:
            parts.append(self.field)
        return ", ".join(parts)

    def message(self, lang: str = "zh") -> str:
        where = self.where()
        if lang == "zh":
            return f"无法打开项目文件 {self.file}：{self.zh}" + (
                f"（位置：{where}）" if where else ""
            )
        return f"Cannot open project file {self.file}: {self.en}" + (
            f" (at {where})" if where else ""
        )


def project_to_document(project: Project) -> dict[str, Any]:
    return {
        "format_version": CURRENT_VERSION,
        "app": f"workbench {__version__}",
        "saved_at": datetime.now().isoformat(timespec="seconds"),
        "project": encode(project),
    }


def dumps(project: Project) -> str:
    try:
        doc = project_to_document(project)
    except ValueError as e:
        raise ProjectFileError(
            "", f"项目含有无法保存的数值：{e}", f"project holds a value that cannot be saved: {e}"
        ) from e
    return json.dumps(doc, ensure_ascii=False, indent=1, allow_nan=False) + "\n"


def loads(text: str, file: Path | str = "<memory>") -> Project:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        raise ProjectFileError(
            file,
            f"不是有效的 JSON（第 {e.lineno} 行第 {e.colno} 列：{e.msg}），文件可能已损坏或被截断",
            f"not valid JSON ({e.msg} at line {e.lineno}, column {e.colno}); the file may be corrupt or truncated",
            line=e.lineno,
        ) from None
    if not isinstance(doc, dict) or not ({"format_version", "version"} & set(doc)):
        raise ProjectFileError(
            file,
            "不是微核规划工作台项目文件（缺少 format_version）",
            "not a workbench project file (no format_version)",
        )
    version = doc.get("format_version", doc.get("version"))
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise ProjectFileError(
            file,
            f"format_version 无效：{version!r}",
            f"invalid format_version {version!r}",
            field="format_version",
        )
    if version > CURRENT_VERSION:
        raise ProjectFileError(
            file,
            f"此文件由更新版本的工作台保存（格式 v{version}，本程序支持到 v{CURRENT_VERSION}），请升级后再打开；文件未作任何改动",
            f"saved by a newer workbench (format v{version}; this one reads up to v{CURRENT_VERSION}); "
            "please upgrade. The file was not changed",
            field="format_version",
        )
    try:
        doc = migrate(doc)
        return decode(Project, doc["project"], ("project",))
    except DecodeError as e:
        field = format_path(e.path)
        line = line_of(text, e.path) if version == CURRENT_VERSION else None
        raise ProjectFileError(
            file, f"{field}：{e.zh}", f"{field}: {e.en}", field=field, line=line
        ) from None
    except KeyError as e:
        raise ProjectFileError(
            file, f"缺少 {e.args[0]}", f"missing {e.args[0]}", field=str(e.args[0])
        ) from None


def load(path: Path | str) -> Project:
    """Read a project file. Raises ProjectFileError for anything short of a usable project."""
    p = Path(path)
    if not p.exists():
        raise ProjectFileError(p, "文件不存在", "file does not exist")
    if p.is_dir():
        raise ProjectFileError(
            p, "这是一个文件夹，不是项目文件", "this is a folder, not a project file"
        )
    try:
        size = p.stat().st_size
        if size == 0:
            raise ProjectFileError(p, "文件为空", "the file is empty")
        if size > MAX_BYTES:
            raise ProjectFileError(p, "文件过大，不是项目文件", "file too large to be a project")
        raw = p.read_bytes()
    except OSError as e:
        raise ProjectFileError(
            p, f"无法读取（{e.strerror}）", f"cannot read ({e.strerror})"
        ) from None
    if raw.startswith(b"PK\x03\x04") or raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise ProjectFileError(
            p,
            "这是 Excel/压缩文件，不是项目文件；请用“导入”功能",
            "this is an Excel/zip file, not a project; use Import",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ProjectFileError(
            p,
            f"不是 UTF-8 文本（字节位置 {e.start}），不是项目文件或已损坏",
            f"not UTF-8 text (byte {e.start}); not a project or corrupt",
        ) from None
    if not text.strip():
        raise ProjectFileError(p, "文件为空", "the file is empty")
    return loads(text, p)


def save(project: Project, path: Path | str, *, backup: bool = True) -> None:
    """Atomically write ``project`` to ``path``; the previous file is kept as ``path.bak``."""
    p = Path(path)
    text = dumps(project)  # serialise first: a bad value must not touch the disk
    data = text.encode("utf-8")
    directory = p.parent if str(p.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=directory)
    leftovers = [tmp]
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        _copy_mode(p, tmp)
        if backup and p.exists():
            bak = p.with_name(p.name + ".bak")
            bak_tmp = bak.with_name(bak.name + ".tmp")
            leftovers.append(str(bak_tmp))
            shutil.copy2(p, bak_tmp)
            os.replace(bak_tmp, bak)
        os.replace(tmp, p)
    except BaseException:
        for leftover in leftovers:
            with contextlib.suppress(OSError):
                os.unlink(leftover)
        raise
    _fsync_dir(directory)


def _copy_mode(target: Path, tmp: str) -> None:
    """mkstemp creates 0600 files; keep the target's mode, or the usual umask-based one."""
    try:
        mode = target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    with contextlib.suppress(OSError):
        os.chmod(tmp, mode)


def _fsync_dir(directory: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
