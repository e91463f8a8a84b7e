"""Copies of the whole database: make a backup, restore one, export everything, import a file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ankle_gui.core.clock import Clock, utc_now
from ankle_gui.services.errors import NotAllowed
from ankle_gui.services.patient_access import Access, PatientAccess, require
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


class DataCopies:
    """The backups of one store's file. Each action raises BackupError, with nothing changed,
    when it cannot be done; a restore or an import first backs up what is there (returned)."""

    def __init__(self, store: Store):
        self._store = store
        self.backups = Backups(store.path)

    def make_backup(self) -> BackupInfo:
        return self._store.make_backup(self.backups, MANUAL)

    def restore(self, info: BackupInfo) -> BackupInfo:
        return self._store.replace_contents(info.path, BEFORE_RESTORE,
                                            then=self._logged("restore"))

    def export_to(self, target: Path) -> FileCheck:
        return self._store.export_copy(Path(target))

    def import_from(self, source: Path) -> BackupInfo:
        return self._store.replace_contents(Path(source), BEFORE_IMPORT,
                                            then=self._logged("import"))

    def _logged(self, action: str) -> Callable[[], object] | None:
        """What a restore or an import writes to the audit log in its own transaction."""
        return None  # home mode keeps no log


class CheckedCopies(DataCopies):
    """The same copies for clinic mode: each first checks what this session may do, and what
    changes the data is written to the audit log (a restore's entry in the restore's own
    transaction). A refusal is a BackupError, as the Backups window shows those, with
    nothing changed."""

    def __init__(self, store: Store, access: Access, clock: Clock = utc_now):
        super().__init__(store)
        self._access = access
        self._log = PatientAccess(store, clock)

    def _require(self, allowed: bool, what: str) -> None:
        try:
            require(self._access, allowed, what)
        except NotAllowed as exc:
            raise BackupError(str(exc)) from None

    def make_backup(self) -> BackupInfo:
        self._require(self._access.permissions.can_backup, "make backups")
        return super().make_backup()

    def restore(self, info: BackupInfo) -> BackupInfo:
        self._require(self._access.permissions.can_restore, "restore a backup")
        return super().restore(info)

    def export_to(self, target: Path) -> FileCheck:
        self._require(self._access.permissions.can_export_all, "export everything")
        check = super().export_to(target)
        self._log.record(self._access, "export", None, "whole database")
        return check

    def import_from(self, source: Path) -> BackupInfo:
        self._require(self._access.permissions.can_import, "import a database")
        return super().import_from(source)

    def _logged(self, action: str) -> Callable[[], object] | None:
        return lambda: self._log.record(self._access, action, None, "whole database")
