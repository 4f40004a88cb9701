"""User settings (language, recent files, window layout) in one QSettings file.

Everything goes through this wrapper so a broken or newer settings file can never crash start-up
(bad values read as defaults) and so tests can point the whole app at a temporary folder
(``QSettings.setPath`` in ``tests/ui/conftest.py``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

ORGANIZATION = "ChengyuWorkbench"
APPLICATION = "workbench"
SCHEMA_VERSION = 1
MAX_RECENT = 8
LANGUAGES = ("zh", "en")


class Settings:
    """Typed accessors over QSettings (INI format, user scope)."""

    def __init__(self) -> None:
        self._q = QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
        )
        version = self._q.value("schema_version")
        if version is None:
            self._q.setValue("schema_version", SCHEMA_VERSION)

    @property
    def file(self) -> str:
        return self._q.fileName()

    def sync(self) -> None:
        self._q.sync()

    # ------------------------------------------------------------------ language
    @property
    def language(self) -> str:
        value = self._q.value("language", "zh")
        return value if value in LANGUAGES else "zh"

    @language.setter
    def language(self, value: str) -> None:
        if value not in LANGUAGES:
            raise ValueError(value)
        self._q.setValue("language", value)

    # ------------------------------------------------------------------ files
    @property
    def recent_files(self) -> list[str]:
        value = self._q.value("recent_files", [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            return []
        return [str(v) for v in value if v][:MAX_RECENT]

    def add_recent(self, path: str | Path) -> None:
        p = str(Path(path).resolve())
        files = [f for f in self.recent_files if f != p]
        self._q.setValue("recent_files", [p, *files][:MAX_RECENT])
        self._q.setValue("last_project", p)

    def remove_recent(self, path: str | Path) -> None:
        p = str(Path(path).resolve())
        self._q.setValue("recent_files", [f for f in self.recent_files if f != p])

    @property
    def last_project(self) -> str:
        value = self._q.value("last_project", "")
        return value if isinstance(value, str) else ""

    def last_folder(self, kind: str) -> str:
        """The folder a file was last written ("export") or read ("import") in, or ""."""
        value = self._q.value(f"folders/{kind}", "")
        return value if isinstance(value, str) else ""

    def set_last_folder(self, kind: str, folder: str) -> None:
        self._q.setValue(f"folders/{kind}", folder)

    # ------------------------------------------------------------------ window layout
    def window_state(self) -> tuple[QByteArray | None, QByteArray | None]:
        geo, state = self._q.value("window/geometry"), self._q.value("window/state")
        return (
            geo if isinstance(geo, QByteArray) else None,
            state if isinstance(state, QByteArray) else None,
        )

    def set_window_state(self, geometry: QByteArray, state: QByteArray) -> None:
        self._q.setValue("window/geometry", geometry)
        self._q.setValue("window/state", state)

    # ------------------------------------------------------------------ recovery
    def recovery_dir(self) -> Path:
        """Where autosave recovery files go: next to the settings file, so tests isolate both."""
        base = Path(self._q.fileName()).parent
        if not str(base) or base == Path("."):
            base = Path(
                QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
            )
        d = base / "recovery"
        d.mkdir(parents=True, exist_ok=True)
        return d
