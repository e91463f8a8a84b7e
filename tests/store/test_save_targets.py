"""No file the app saves for a person may land on its own data: the database, its companions,
the lock, the backups; nor under a name with a wildcard. In every mode, whatever the route."""

from __future__ import annotations

import os

import pytest

from ankle_gui.store import Store
from ankle_gui.store.backups import MANUAL, BackupError, Backups
from ankle_gui.store.files import ProtectedPathError, check_save_target


@pytest.fixture
def with_backup(store, profile):
    backup = Backups(store.path).make(store.db.conn, MANUAL)
    return store, backup.path


@pytest.mark.parametrize("name", [
    "ankle_gui.sqlite3", "ankle_gui.sqlite3-wal", "ankle_gui.sqlite3-shm",
    "ankle_gui.sqlite3-journal", "ankle_gui.lock", "backups", "backups/new.pdf",
    "report.pdf", "crash.log"])
def test_nothing_is_saved_in_the_data_folder(with_backup, data_dir, name):
    with pytest.raises(ProtectedPathError, match="own data folder"):
        check_save_target(data_dir / name, data_dir)


def test_a_backup_itself_is_refused(with_backup, data_dir):
    _, backup = with_backup
    with pytest.raises(ProtectedPathError, match="own data folder"):
        check_save_target(backup, data_dir)


def test_a_link_or_a_second_name_of_the_database_is_refused(with_backup, data_dir, tmp_path):
    documents = tmp_path / "Documents"
    documents.mkdir()
    (documents / "report.pdf").symlink_to(data_dir / "ankle_gui.sqlite3")
    (documents / "data").symlink_to(data_dir, target_is_directory=True)
    os.link(data_dir / "ankle_gui.sqlite3", documents / "copy.pdf")
    for path in (documents / "report.pdf", documents / "data" / "x.pdf",
                 documents / "copy.pdf", documents / ".." / "data" / "ankle_gui.sqlite3"):
        with pytest.raises(ProtectedPathError):
            check_save_target(path, data_dir)


@pytest.mark.parametrize("name", ["*.sqlite3", "*.pdf", "report?.pdf", "[ab].pdf",
                                  "line\nbreak.pdf", "", "..", " . "])
def test_a_wildcard_or_an_empty_name_is_refused(tmp_path, data_dir, name):
    with pytest.raises(ProtectedPathError) as err:
        check_save_target(tmp_path / name if name else tmp_path / "x" / "..", data_dir)
    assert str(err.value)


def test_an_ordinary_place_is_fine(tmp_path, data_dir):
    documents = tmp_path / "Documents"
    documents.mkdir()
    assert check_save_target(documents / "Ankle report – Zoë – 2026-12-07.pdf",
                             data_dir).name == "Ankle report – Zoë – 2026-12-07.pdf"


def test_export_everything_onto_the_database_is_refused_and_changes_nothing(with_backup,
                                                                            data_dir):
    store, backup = with_backup
    before = backup.read_bytes()
    for target in (data_dir / "ankle_gui.sqlite3", backup):
        with pytest.raises(BackupError, match="own data folder"):
            store.export_copy(target)
    assert backup.read_bytes() == before
    again = Store.open(data_dir)
    try:
        assert again.profiles.count() == 1
    finally:
        again.close()
