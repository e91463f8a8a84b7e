"""One object that pages receive: the open database and its parts."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ankle_gui.core.clock import Clock, utc_now
from ankle_gui.store.backups import (
    BackupError,
    BackupInfo,
    Backups,
    export_database,
    replace_database_contents,
)
from ankle_gui.store.clinic import KEPT_BY_RESTORE, ClinicStore
from ankle_gui.store.connection import Database
from ankle_gui.store.database import WriteRefusedError, open_database
from ankle_gui.store.filecheck import FileCheck
from ankle_gui.store.files import ProtectedPathError, check_save_target
from ankle_gui.store.plans import PlanStore
from ankle_gui.store.profiles import ProfileStore
from ankle_gui.store.progress import ProgressStore
from ankle_gui.store.results import ResultStore
from ankle_gui.store.settings import SettingsStore
from ankle_gui.store.training import TrainingStore

DB_FILENAME = "ankle_gui.sqlite3"


class Store:
    def __init__(self, db: Database, path: Path, clock: Clock = utc_now):
        """``clock`` stamps what is stored without a time of its own (a new profile, a
        saved plan, a result or session written "now")."""
        self.db = db
        self.path = path
        self.profiles = ProfileStore(db, clock)
        self.results = ResultStore(db, clock)
        self.training = TrainingStore(db, clock)
        self.plans = PlanStore(db, clock)
        self.settings = SettingsStore(db)
        self.clinic = ClinicStore(db)  # clinic mode's settings, codes, programmes, audit log
        self.progress = ProgressStore(db)  # what the charts and reports read

    @classmethod
    def open(cls, data_dir: Path | str, *, clock: Clock = utc_now, **kwargs: Any) -> Store:
        data_dir = Path(data_dir)
        path = data_dir / DB_FILENAME
        return cls(open_database(path, **kwargs), path, clock)

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """One write across several tables, all of it or none; a refusal is a
        WriteRefusedError with SQLite's reason as its message."""
        try:
            with self.db.atomic():
                yield self
        except sqlite3.Error as exc:
            raise WriteRefusedError(str(exc)) from exc

    # --- the whole database at once -------------------------------------------------------
    def make_backup(self, backups: Backups, kind: str) -> BackupInfo:
        return backups.make(self.db.conn, kind)

    def export_copy(self, target: Path) -> FileCheck:
        """A checked copy of the whole database at ``target`` (BackupError if it fails, or if
        ``target`` is in the data folder: see files.check_save_target)."""
        if self.path is not None:
            try:
                check_save_target(target, self.path.parent)
            except ProtectedPathError as exc:
                raise BackupError(str(exc)) from None
        return export_database(self.db.conn, Path(target))

    def replace_contents(self, source: Path, kind: str,
                         then: Callable[[], object] | None = None) -> BackupInfo:
        """Become a copy of ``source`` (a backup or an exported file), after backing up the
        current state, which is returned; BackupError and nothing changed otherwise.

        Clinic mode's settings (mode, PIN, idle time) and its audit log are not rolled back:
        a restore must not turn a waiting-room PC back into an open home app. The rows are
        replaced in one transaction, with ``then`` (the restore's own audit entry) inside
        it, so a crash at any moment leaves all of it done or none of it."""
        try:
            return replace_database_contents(self.db.conn, Path(source), Backups(self.path),
                                             kind, keep=KEPT_BY_RESTORE, then=then)
        finally:
            self.db.replaced += 1  # what was read before may be stale now

    def data_version(self) -> int | None:
        """A number that changes whenever another connection (a clinic command, another
        program) commits to the database; this connection's own commits leave it alone.
        None if the file cannot be read just now (locked, gone): no news, not an error."""
        try:
            return int(self.db.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error:
            return None

    def close(self) -> None:
        self.db.conn.close()
