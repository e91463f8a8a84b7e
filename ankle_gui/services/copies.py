"""Copies of the whole database: make a backup, restore one, export everything, import a file."""

from __future__ import annotations

from pathlib import Path

from ankle_gui.store import Store
from ankle_gui.store.backups import (
    BEFORE_IMPORT,
    BEFORE_RESTORE,
    MANUAL,
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
        return self._store.replace_contents(info.path, BEFORE_RESTORE)

    def export_to(self, target: Path) -> FileCheck:
        return self._store.export_copy(Path(target))

    def import_from(self, source: Path) -> BackupInfo:
        return self._store.replace_contents(Path(source), BEFORE_IMPORT)
