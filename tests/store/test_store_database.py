"""Opening, migrating and refusing database files."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest
from helpers import table_names

from ankle_gui.store import DB_FILENAME, DatabaseTooNewError, NotADatabaseError, Store
from ankle_gui.store.database import open_database
from ankle_gui.store.migrations import KNOWN_MIGRATIONS, SCHEMA_VERSION

EXPECTED_TABLES = {"profiles", "test_results", "training_sessions", "completed_sets", "plans",
                   "drill_preferences", "settings", "_sqlite_migrations"}


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_migrates_an_empty_folder_to_the_full_schema(data_dir):
    db = open_database(data_dir / DB_FILENAME)
    assert EXPECTED_TABLES <= table_names(db)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    applied = [r[0] for r in db.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert tuple(applied) == KNOWN_MIGRATIONS


def test_migrates_a_zero_length_file(data_dir):
    path = data_dir / DB_FILENAME
    path.touch()
    db = open_database(path)
    assert "profiles" in table_names(db)


def test_every_connection_sets_the_safety_pragmas(store):
    pragma = lambda name: store.db.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("foreign_keys") == 1
    assert pragma("journal_mode") == "wal"
    assert pragma("synchronous") == 2  # FULL
    assert pragma("busy_timeout") >= 1000


def test_reopening_applies_nothing_twice(data_dir):
    Store.open(data_dir).close()
    s = Store.open(data_dir)
    assert s.db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == len(
        KNOWN_MIGRATIONS)
    s.close()


def test_a_newer_schema_is_refused_and_left_untouched(data_dir):
    path = data_dir / DB_FILENAME
    Store.open(data_dir).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('ankle_gui', '9999_from_the_future', '2030-01-01')")
    conn.commit()
    conn.execute("PRAGMA journal_mode = DELETE")  # fold the WAL in so the file is complete
    conn.close()
    before = _digest(path)
    with pytest.raises(DatabaseTooNewError, match="newer version"):
        Store.open(data_dir)
    assert _digest(path) == before
    assert not (data_dir / f"{DB_FILENAME}-wal").exists()


def test_unknown_migration_name_alone_is_refused(data_dir):
    path = data_dir / DB_FILENAME
    Store.open(data_dir).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('ankle_gui', '0002_unknown', '2030-01-01')")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseTooNewError):
        Store.open(data_dir)


def test_a_file_that_is_not_sqlite_is_refused(data_dir):
    path = data_dir / DB_FILENAME
    path.write_bytes(b"this is a shopping list, not a database\n" * 100)
    before = _digest(path)
    with pytest.raises(NotADatabaseError):
        Store.open(data_dir)
    assert _digest(path) == before


def test_before_migrate_hook_runs_only_for_existing_databases(data_dir):
    calls = []
    open_database(data_dir / DB_FILENAME, before_migrate=calls.append).conn.close()
    assert calls == []  # a brand-new file has nothing to back up


def test_a_failing_before_migrate_hook_leaves_no_connection_open(data_dir, monkeypatch):
    import ankle_gui.store.database as database

    path = data_dir / DB_FILENAME
    open_database(path).close()
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM _sqlite_migrations")  # looks like an old, unmigrated file
    conn.commit()
    conn.close()
    opened = []
    real_connect = database.connect
    monkeypatch.setattr(database, "connect", lambda p: opened.append(real_connect(p)) or opened[-1])

    def failing_backup(_path):
        raise OSError("disk full while backing up")

    with pytest.raises(OSError):
        open_database(path, before_migrate=failing_backup)
    (conn,) = opened
    with pytest.raises(sqlite3.ProgrammingError):
        conn.execute("SELECT 1")  # closed
