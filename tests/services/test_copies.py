"""services/copies.py: backups, export and import of the whole database, with no raw
connection outside the store."""

from __future__ import annotations

from ankle_gui.services.copies import DataCopies
from ankle_gui.store.backups import BEFORE_IMPORT, BEFORE_RESTORE, MANUAL


def test_backup_export_import_and_restore(store, profile, tmp_path):
    copies = DataCopies(store)
    backup = copies.make_backup()
    assert backup.kind == MANUAL and backup.path.is_file()
    check = copies.export_to(tmp_path / "all.sqlite3")
    assert check.profile_count == 1
    store.profiles.create("Later")
    safety = copies.import_from(tmp_path / "all.sqlite3")
    assert safety.kind == BEFORE_IMPORT and store.profiles.names() == [profile.name]
    safety = copies.restore(safety)   # back to how it was before the import
    assert safety.kind == BEFORE_RESTORE
    assert sorted(store.profiles.names()) == sorted([profile.name, "Later"])
