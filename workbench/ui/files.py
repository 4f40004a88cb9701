"""File handling for the window: new/open/save/save-as, recent files, autosave with crash
recovery, and a lock file against two windows overwriting one project. The lock and recovery
protocols themselves are Qt-free (``io.locks``, ``io.recovery``); this module asks the user.

Rules the user relies on: a file that fails to open changes nothing (the reason is shown, in
Chinese and English); saving is atomic (``io.project_file.save``); unsaved work is written to a
recovery file in the settings folder every ``autosave_interval_ms`` and offered back at the next
start if this process died; the recovery file is deleted when the work is saved or discarded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from workbench.bundled import SAMPLE_PROJECTS
from workbench.core.edits import Changes
from workbench.io import project_file, recovery
from workbench.io.locks import FileStamp, Lock, read_lock, release_lock, write_lock
from workbench.io.project_file import ProjectFileError
from workbench.ui.i18n import language, tr
from workbench.ui.session import ProjectSession
from workbench.ui.settings import Settings

AUTOSAVE_MS = 60_000
Button = QMessageBox.StandardButton


def is_sample(path: Path | None) -> bool:
    if path is None:
        return False
    try:
        return path.resolve().parent == SAMPLE_PROJECTS.resolve()
    except OSError:
        return False


class FileController(QObject):
    """Owns everything between the session and the disk for one window."""

    autosave_interval_ms = AUTOSAVE_MS

    def __init__(self, window: QWidget, session: ProjectSession, settings: Settings) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.settings = settings
        self.locked: Path | None = None
        self._lock: Lock | None = None  # our own holder file for ``locked``
        # what the file held when this window loaded or last saved it (see ``_write``)
        self.stamp: FileStamp | None = None
        self.stamp_path: Path | None = None
        if session.path is not None:  # loaded just before this window was built
            self.remember(session.path, FileStamp.of(session.path))
        self._dirty_since_autosave = False
        self.recovery_file, self.recovery_meta = recovery.recovery_files(settings.recovery_dir())
        self.timer = QTimer(self)
        self.timer.setObjectName("autosaveTimer")
        self.timer.timeout.connect(self.autosave)
        # every applied edit is journalled beside the recovery file (see ``io.recovery``)
        self.journal = recovery.Journal(
            recovery.journal_file(self.recovery_file), begin=self._journal_base
        )
        session.journal = self.journal
        session.changed.connect(self._on_changed)
        session.modifiedChanged.connect(self._on_modified)
        session.projectReplaced.connect(self.journal.discard)

    # ------------------------------------------------------------------ messages
    def _error(self, text: str) -> None:
        QMessageBox.critical(self.window, tr("error.title"), text)

    def status(self, text: str) -> None:
        show = getattr(self.window, "show_message", None)
        if show is not None:
            show(text)

    # ------------------------------------------------------------------ locks
    def acquire_lock(self, path: Path) -> bool:
        """Warn if another live window holds the project; True if we may go on (and now hold it)."""
        holder = read_lock(path, self._lock if self.locked == path else None)
        if holder is not None:
            answer = QMessageBox.warning(
                self.window,
                tr("file.locked.title"),
                tr(
                    "file.locked.text",
                    host=holder.get("host", "?"),
                    pid=holder.get("pid", "?"),
                    since=holder.get("since", "?"),
                ),
                Button.Yes | Button.No,
                Button.No,
            )
            if answer != Button.Yes:
                return False
        self.release_lock()
        if is_sample(path):
            return True  # the bundled sample is never written; no lock next to it
        # a read-only folder cannot be locked, and then has nothing to protect against
        self._lock = write_lock(path)
        self.locked = path if self._lock is not None else None
        return True

    def release_lock(self) -> None:
        """Give up our claim only: another window's claim on the same file stays."""
        release_lock(self._lock)
        self._lock = None
        self.locked = None

    # ------------------------------------------------------------------ recent files
    def fill_recent_menu(self, menu: QMenu) -> None:
        """The 最近打开 submenu, filled each time it opens (the list may change meanwhile)."""
        menu.clear()
        files = self.settings.recent_files
        if not files:
            menu.addAction(tr("menu.recent.empty")).setEnabled(False)
            return
        for i, f in enumerate(files):
            a = menu.addAction(f"&{i + 1} {f}")
            a.setObjectName(f"actionRecent{i + 1}")
            a.triggered.connect(lambda _c=False, path=f: self.open(path))

    # ------------------------------------------------------------------ open / new / save
    def maybe_save(self) -> bool:
        """Ask about unsaved work; False means the user cancelled (keep everything as is)."""
        if not self.session.modified:
            return True
        answer = QMessageBox.question(
            self.window,
            tr("file.unsaved.title"),
            tr("file.unsaved.text", name=self.display_name()),
            Button.Save | Button.Discard | Button.Cancel,
            Button.Save,
        )
        if answer == Button.Save:
            return self.save()
        return answer == Button.Discard

    def new(self) -> bool:
        if not self.maybe_save():
            return False
        self.release_lock()
        self.remember(None, None)
        from workbench.core.new_project import new_project  # the gazetteer: not for start-up

        self.session.replace(new_project(tr("app.untitled")), None)
        self._drop_recovery()
        return True

    def open(
        self, path: str | Path | None = None, *, ask_unsaved: bool = True, keep_lock: bool = False
    ) -> bool:
        if path is None:
            start = str(self.session.path.parent) if self.session.path else ""
            chosen, _f = QFileDialog.getOpenFileName(
                self.window, tr("file.open.title"), start, tr("file.filter")
            )
            if not chosen:
                return False
            path = chosen
        p = Path(path)
        stamp = FileStamp.of(p)  # before loading: a change while loading then counts as one
        try:
            project = project_file.load(p)
        except ProjectFileError as e:
            self._error(tr("file.open.failed", zh=e.message("zh"), en=e.message("en")))
            return False
        if ask_unsaved and not self.maybe_save():
            return False
        if not (keep_lock and self.locked == p) and not self.acquire_lock(p):
            return False
        self.session.replace(project, p)
        self.remember(p, stamp)
        self._drop_recovery()
        if not is_sample(p):
            self.settings.add_recent(p)
        self.status(tr("file.opened", path=p))
        return True

    def save(self) -> bool:
        path = self.session.path
        if path is None or is_sample(path):
            return self.save_as()
        return self._write(path)

    def save_as(self, path: str | Path | None = None) -> bool:
        if path is None:
            start = (
                str(self.session.path)
                if self.session.path and not is_sample(self.session.path)
                else ""
            )
            chosen, _f = QFileDialog.getSaveFileName(
                self.window, tr("file.save.title"), start, tr("file.filter")
            )
            if not chosen:
                return False
            path = chosen
        p = Path(path)
        if p.suffix.lower() != project_file.SUFFIX:
            p = p.with_name(p.name + project_file.SUFFIX)
        if is_sample(p):
            self._error(tr("file.sample_readonly"))
            return False
        if p != self.session.path and not self.acquire_lock(p):
            return False
        return self._write(p)

    def _write(self, p: Path) -> bool:
        overwrite = False
        if p == self.stamp_path and self.stamp is not None and self.stamp.changed(p):
            choice = self.ask_changed_on_disk(p)
            if choice == "reload":
                return self.reload()
            if choice == "save_as":
                return self.save_as()
            if choice != "overwrite":
                return False
            overwrite = True  # the planner chose to replace the other content, knowingly
        try:
            project_file.save(self.session.project, p, overwrite=overwrite)
        except (ProjectFileError, OSError) as e:
            reason = e.message(language()) if isinstance(e, ProjectFileError) else str(e)
            self._error(tr("file.save.failed", reason=reason))
            return False
        self.remember(p, FileStamp.of(p))
        self.session.mark_saved(p)
        self.settings.add_recent(p)
        self._drop_recovery()
        self.status(tr("file.saved", path=p))
        return True

    def remember(self, path: Path | None, stamp: FileStamp | None) -> None:
        """Record which content of ``path`` the window's project stands on."""
        self.stamp_path, self.stamp = (path, stamp) if stamp is not None else (None, None)

    def ask_changed_on_disk(self, p: Path) -> str:
        """The file changed since we loaded or saved it: "reload", "save_as", "overwrite" or
        "" (cancel). Never overwrite without asking: that would silently drop the other work."""
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(tr("file.changed.title"))
        box.setText(tr("file.changed.text", path=p))
        role = QMessageBox.ButtonRole
        buttons = {}
        for key, r in (
            ("reload", role.DestructiveRole),
            ("save_as", role.AcceptRole),
            ("overwrite", role.DestructiveRole),
        ):
            button = box.addButton(tr(f"file.changed.{key}"), r)
            button.setObjectName(key)
            buttons[key] = button
        box.setDefaultButton(buttons["save_as"])
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        return next((k for k, b in buttons.items() if b is clicked), "")

    def reload(self) -> bool:
        """Replace the window's project by the file as it is on disk (unsaved edits dropped:
        the user chose so)."""
        path = self.session.path
        if path is None:
            return False
        return self.open(path, ask_unsaved=False, keep_lock=True)

    def display_name(self) -> str:
        return self.session.path.name if self.session.path else tr("app.untitled")

    # ------------------------------------------------------------------ autosave and recovery
    def _on_changed(self, _changes: Changes) -> None:
        self._dirty_since_autosave = True
        if not self.timer.isActive():
            self.timer.start(self.autosave_interval_ms)

    def _on_modified(self, modified: bool) -> None:
        if not modified:
            self.timer.stop()
            self._drop_recovery()
        elif not self.timer.isActive():
            self.timer.start(self.autosave_interval_ms)

    def autosave(self) -> bool:
        """Write unsaved work to this process's recovery file (never to the project file)."""
        if not self.session.modified:
            self.timer.stop()
            return False
        if not self._dirty_since_autosave and self.recovery_file.exists():
            return False
        try:
            sha = self._write_recovery()
        except (ProjectFileError, OSError) as e:
            self.status(str(e))
            return False
        # the journal now starts from this autosave
        original = str(self.session.path or "")
        self.journal.restart({"base": "recovery", "sha256": sha, "original": original})
        self._dirty_since_autosave = False
        return True

    def _write_recovery(self) -> str:
        sha = recovery.write_recovery(
            self.session.project, self.recovery_file, self.session.path, self.display_name()
        )
        self._write_meta()
        return sha

    def _write_meta(self) -> None:
        base = self.stamp.sha256 if self.stamp and self.stamp_path == self.session.path else ""
        recovery.write_meta(self.recovery_file, self.session.path, self.display_name(), base)

    def _journal_base(self) -> dict[str, Any]:
        """The journal's header at its first edit. The edit is already applied, and the session
        still says whether it was unsaved before it: if not, the file as loaded or saved is the
        base; otherwise (a new project) the project is written aside now, edit included."""
        path = self.session.path
        if not self.session.modified and self.stamp and path and self.stamp_path == path:
            self._write_meta()
            return {"base": "original", "original": str(path), "sha256": self.stamp.sha256}
        sha = self._write_recovery()
        return {"base": "recovery", "sha256": sha, "holds_first_edit": True}

    def _drop_recovery(self) -> None:
        self.journal.discard()
        recovery.discard(self.recovery_file)
        self._dirty_since_autosave = False

    def pending_recoveries(self) -> list[tuple[Path, dict[str, Any]]]:
        """Recovery files left by windows that are no longer running, newest first."""
        return recovery.pending_recoveries(self.settings.recovery_dir())

    def offer_recovery(self) -> bool:
        """At start-up: offer to restore work a crashed window left behind. True if restored."""
        for wbp, meta in self.pending_recoveries():
            text = tr(
                "file.recover.text", name=meta.get("name", "?"), when=meta.get("saved_at", "?")
            )
            if meta.get("damaged"):
                text += "\n" + tr("file.recover.damaged", reason=meta["damaged"], path=wbp)
            answer = QMessageBox.question(
                self.window, tr("file.recover.title"), text, Button.Yes | Button.No, Button.Yes
            )
            if answer != Button.Yes:
                recovery.discard(wbp)
                continue
            try:
                found = recovery.recover(wbp)
            except ProjectFileError as e:
                self._error(tr("file.recover.failed", path=wbp, reason=e.message(language())))
                continue
            self._restore(found, meta)
            recovery.discard(wbp)
            self.autosave()  # our own recovery file now holds the restored work
            note = tr("file.recover.partial", reason=found.note) if found.note else ""
            self.status(tr("file.recovered") + note)
            return True
        return False

    def _restore(self, found: recovery.Recovered, meta: dict[str, Any]) -> None:
        original = Path(meta["original"]) if meta.get("original") else None
        if original is not None and not self.acquire_lock(original):
            original = None
        self.session.replace(found.project, original)
        self.session.mark_modified()
        if original is not None:
            # the work stands on the file as it was then: if it changed since, saving asks
            now, base = FileStamp.of(original), str(meta.get("base_sha256", ""))
            same = now is not None and (not base or now.sha256 == base)
            self.remember(original, now if same else FileStamp(-1, -1, base))

    def shutdown(self) -> None:
        """Normal close: nothing to recover, nobody holds the lock."""
        self.timer.stop()
        self._drop_recovery()
        self.journal.close()
        self.release_lock()
