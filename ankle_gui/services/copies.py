"""Copies of the whole database: make a backup, restore one, export everything, import a file.

The Backups window (home and clinic mode) and the clinician's Patients page come here with
the session's Access. Each action first checks what that session may do (at home, all of
it); in clinic mode what leaves or replaces the data goes into the audit log, a restore's or
an import's entry in its own transaction (see Store.replace_contents). A restore or an
import first backs up what is there, and returns that backup.

A refusal, or a copy that cannot be made, is a ServiceError with nothing changed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ankle_gui.core.clock import Clock, utc_now
from ankle_gui.services.errors import ServiceError
from ankle_gui.services.patient_access import HOME, Access, PatientAccess, require
from ankle_gui.store import Store
from ankle_gui.store.backups import (
    BEFORE_IMPORT,
    BEFORE_RESTORE,
    MANUAL,
    BackupError,
    BackupInfo,
    Backups,
)
from ankle_gui.store.filecheck import FileCheck

WHOLE = "whole database"
T = TypeVar("T")


class DataCopies:
    def __init__(self, store: Store, access: Access = HOME, clock: Clock = utc_now):
        self._store = store
        self._access = access
        self._log = PatientAccess(store, clock)
        self.backups = Backups(store.path, clock=clock)

    def make_backup(self) -> BackupInfo:
        require(self._access, self._access.permissions.can_backup, "make backups")
        return _copying(lambda: self._store.make_backup(self.backups, MANUAL))

    def restore(self, info: BackupInfo) -> BackupInfo:
        require(self._access, self._access.permissions.can_restore, "restore a backup")
        return _copying(lambda: self._store.replace_contents(
            info.path, BEFORE_RESTORE, then=self._logged("restore")))

    def export_to(self, target: Path) -> FileCheck:
        """A checked copy of everything at ``target`` (never in the data folder)."""
        require(self._access, self._access.permissions.can_export_all, "export everything")
        check = _copying(lambda: self._store.export_copy(Path(target)))
        self._log.record(self._access, "export", None, WHOLE)
        return check

    def import_from(self, source: Path) -> BackupInfo:
        """Every profile as in ``source`` (an exported file) in place of what is here."""
        require(self._access, self._access.permissions.can_import, "import a database")
        return _copying(lambda: self._store.replace_contents(
            Path(source), BEFORE_IMPORT, then=self._logged("import")))

    def _logged(self, action: str) -> Callable[[], object]:
        """The audit entry, written in the replacing transaction (none at home)."""
        return lambda: self._log.record(self._access, action, None, WHOLE)


def _copying(copy: Callable[[], T]) -> T:
    try:
        return copy()
    except BackupError as exc:
        raise ServiceError(str(exc)) from None
