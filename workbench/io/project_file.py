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
import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from workbench import __version__
from workbench.core.model import Project
from workbench.io import project_cache
from workbench.io.codec import DecodeError, decode, encode, format_path
from workbench.io.json_locate import line_of
from workbench.io.migrations import CURRENT_VERSION, migrate

SUFFIX = ".wbp"
MAX_BYTES = 512 * 1024 * 1024
_PROCESS_START = time.time()  # temp files older than this belong to no save still running
_SURROGATE = re.compile("[\ud800-\udfff]")
# Where a parsed JSON document can get a surrogate from: the character itself, or a \u escape
# of D800–DFFF. Text without either skips the walk over every value (a sixth of a sample load).
_MAY_HOLD_SURROGATE = re.compile(r"[\ud800-\udfff]|\\u[dD][89a-fA-F]")


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


class ProjectSaveError(ProjectFileError):
    """A save that was refused (the file on disk is not the one loaded)."""

    def message(self, lang: str = "zh") -> str:
        if lang == "zh":
            return f"未保存项目文件 {self.file}：{self.zh}"
        return f"Project file {self.file} not saved: {self.en}"


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
    text = json.dumps(doc, ensure_ascii=False, indent=1, allow_nan=False) + "\n"
    # a lone surrogate cannot be written as UTF-8: never fail the save, mark the spot instead
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    d = dict(pairs)
    if len(d) != len(pairs):
        seen: set[str] = set()
        for k, _ in pairs:
            if k in seen:
                raise _DuplicateKey(k)
            seen.add(k)
    return d


def _parse(text: str, file: Path | str) -> Any:
    """JSON text -> plain values; every way JSON can fail is one ProjectFileError line."""
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as e:
        raise ProjectFileError(
            file,
            f"不是有效的 JSON（第 {e.lineno} 行第 {e.colno} 列：{e.msg}），文件可能已损坏或被截断",
            f"not valid JSON ({e.msg} at line {e.lineno}, column {e.colno}); the file may be corrupt or truncated",
            line=e.lineno,
        ) from None
    except _DuplicateKey as e:
        shown = e.key[:60]
        raise ProjectFileError(
            file,
            f"字段“{shown}”在同一对象中出现了两次（手工编辑或合并出错？），无法确定用哪个",
            f"key {shown!r} appears twice in one object (a bad edit or merge?); cannot tell which holds",
            field=shown,
            line=json_duplicate_line(text, e.key),
        ) from None
    except RecursionError:
        raise ProjectFileError(
            file, "嵌套层级过深，不是项目文件", "nested too deeply to be a project file"
        ) from None
    except ValueError as e:  # an integer of more than 4,300 digits
        m = re.search(r"\d{1000,}", text)
        raise ProjectFileError(
            file,
            "数字位数过多，不是有效的项目数值",
            f"a number with too many digits ({str(e)[:60]})",
            line=text.count("\n", 0, m.start()) + 1 if m else None,
        ) from None


def json_duplicate_line(text: str, key: str) -> int | None:
    """Line of the second ``key`` within one object (found by a bracket-depth scan)."""
    token = re.compile(r'"(?:[^"\\]|\\.)*"\s*:|[{}\[\]]')
    stack: list[set[str]] = []
    for m in token.finditer(text):
        t = m.group()
        if t in "{[":
            stack.append(set())
        elif t in "}]":
            if stack:
                stack.pop()
        elif stack:
            try:
                k = json.loads(t.rstrip()[:-1].rstrip())
            except ValueError:
                continue
            if k in stack[-1] and k == key:
                return text.count("\n", 0, m.start()) + 1
            stack[-1].add(k)
    return None


def _check_text(doc: Any, file: Path | str) -> None:
    """Lone surrogates (``\\ud800``) load but can never be saved as UTF-8 nor written to a
    workbook: refuse the file, naming the field."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(doc, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, dict):
            for k, v in value.items():
                if _SURROGATE.search(k):
                    _surrogate_error(file, (*path, k))
                stack.append((v, (*path, k)))
        elif isinstance(value, list):
            stack.extend((v, (*path, i)) for i, v in enumerate(value))
        elif isinstance(value, str) and _SURROGATE.search(value):
            _surrogate_error(file, path)


def _surrogate_error(file: Path | str, path: tuple[str | int, ...]) -> None:
    field = format_path(
        tuple(_SURROGATE.sub("\ufffd", p) if isinstance(p, str) else p for p in path)
    )
    raise ProjectFileError(
        file,
        "含有无效的文本字符（孤立的 UTF-16 代理 \\ud800–\\udfff），请修正该字段",
        "holds an invalid text character (a lone UTF-16 surrogate \\ud800-\\udfff); fix that field",
        field=field,
    )


def loads(text: str, file: Path | str = "<memory>") -> Project:
    doc = _parse(text, file)
    if not isinstance(doc, dict) or not ({"format_version", "version"} & set(doc)):
        raise ProjectFileError(
            file,
            "不是微核规划工作台项目文件（缺少 format_version）",
            "not a workbench project file (no format_version)",
        )
    if _MAY_HOLD_SURROGATE.search(text):
        _check_text(doc, file)
    version = doc.get("format_version", doc.get("version"))
    if not isinstance(version, int) or isinstance(version, bool) or not 0 <= version < 10**6:
        shown = repr(version)[:40]
        raise ProjectFileError(
            file,
            f"format_version 无效：{shown}",
            f"invalid format_version {shown}",
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
        key = str(e.args[0])[:60]
        raise ProjectFileError(file, f"缺少 {key}", f"missing {key}", field=key) from None
    except RecursionError:
        raise ProjectFileError(
            file, "嵌套层级过深，不是项目文件", "nested too deeply to be a project file"
        ) from None
    except (TypeError, AttributeError, ValueError, IndexError, OverflowError) as e:
        # a malformed old-format body the migration step could not read
        raise ProjectFileError(
            file,
            f"v{version} 格式的内容无效，无法升级（{type(e).__name__}：{str(e)[:80]}）",
            f"the v{version} body is malformed and cannot be upgraded ({type(e).__name__}: {str(e)[:80]})",
            field=f"format_version {version}",
        ) from None


def load(path: Path | str, cache: Path | None = None) -> Project:
    """Read a project file. Raises ProjectFileError for anything short of a usable project.

    ``cache``: a folder of projects decoded before (``io.project_cache``; the window's start-up)."""
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
    project = project_cache.read(cache, raw, CURRENT_VERSION) if cache else None
    if project is None:
        project = loads(text, p)
        if cache:
            project_cache.write(cache, raw, CURRENT_VERSION, project)
    _remember(p, raw)
    clean_orphans(p)
    return project


@dataclass(frozen=True)
class Fingerprint:
    """Which file content this process last loaded from or saved to a path."""

    size: int
    mtime_ns: int
    sha256: str


_known: dict[str, Fingerprint] = {}  # real path -> fingerprint of the content we know


def _key(p: Path) -> str:
    return os.path.realpath(p)


def _fingerprint(p: Path, data: bytes | None = None) -> Fingerprint:
    st = p.stat()
    if data is None:
        data = p.read_bytes()
    return Fingerprint(st.st_size, st.st_mtime_ns, hashlib.sha256(data).hexdigest())


def _remember(p: Path, data: bytes) -> None:
    with contextlib.suppress(OSError):
        _known[_key(p)] = _fingerprint(p, data)


def _same_as_known(p: Path, known: Fingerprint) -> bool:
    st = p.stat()
    if st.st_size != known.size:
        return False
    if st.st_mtime_ns == known.mtime_ns:
        return True
    return hashlib.sha256(p.read_bytes()).hexdigest() == known.sha256  # touched, not changed


def save(
    project: Project, path: Path | str, *, backup: bool = True, overwrite: bool = False
) -> None:
    """Atomically write ``project`` to ``path``; the previous file is kept as ``path.bak``.

    A save never replaces content it did not load: when this process loaded (or saved) ``path``
    and the file on disk is now a different one, the save is refused unless ``overwrite``. The
    ``.bak`` keeps the last good file: the previous file is copied there only if it loads."""
    p = Path(path)
    text = dumps(project)  # serialise first: a bad value must not touch the disk
    data = text.encode("utf-8")
    known = _known.get(_key(p))
    if known is not None and not overwrite and p.exists() and not _same_as_known(p, known):
        raise ProjectSaveError(
            p,
            "文件在打开后已被其他程序或另一个窗口修改，为免覆盖他人的修改，未保存（可另存为其他文件）",
            "the file changed on disk since it was opened; not saved, so as not to overwrite "
            "those changes (save under another name)",
        )
    clean_orphans(p)
    directory = p.parent if str(p.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=directory)
    leftovers = [tmp]
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        _copy_mode(p, tmp)
        if backup and p.exists() and _loadable(p, known):
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
    _remember(p, data)


def _loadable(p: Path, known: Fingerprint | None) -> bool:
    """Whether the file about to be replaced is a good project (and so worth keeping as .bak)."""
    try:
        if known is not None and _same_as_known(p, known):
            return True
        raw = p.read_bytes()
        if raw[:4] == b"PK\x03\x04" or len(raw) > MAX_BYTES:
            return False
        loads(raw.decode("utf-8-sig"), p)
        return True
    except (ProjectFileError, OSError, UnicodeDecodeError):
        return False


def clean_orphans(path: Path | str) -> list[Path]:
    """Delete temp files a killed save of ``path`` left beside it (``.<name>.*.tmp`` and
    ``<name>.bak.tmp``), when older than this process: no save still running owns them."""
    p = Path(path)
    directory = p.parent if str(p.parent) else Path(".")
    removed = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    prefix, bak_tmp = f".{p.name}.", f"{p.name}.bak.tmp"
    for e in entries:
        if not (e.name == bak_tmp or (e.name.startswith(prefix) and e.name.endswith(".tmp"))):
            continue
        with contextlib.suppress(OSError):
            if e.is_file(follow_symlinks=False) and e.stat().st_mtime < _PROCESS_START:
                os.unlink(e.path)
                removed.append(Path(e.path))
    return removed


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
