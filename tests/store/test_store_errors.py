"""The store fails with its own error types, reads included: nothing above it needs sqlite3."""

from __future__ import annotations

import sqlite3

import pytest

from ankle_gui.core.records import Measurement, MeasurementKind, Side
from ankle_gui.store import StoreError, WriteRefusedError
from ankle_gui.store.database import is_disk_trouble

SQLITE_BUSY = 5


def _result(cm: float = 9.0, day: int = 20) -> list[Measurement]:
    return [Measurement(MeasurementKind.KNEE_TO_WALL, Side.LEFT, f"2026-11-{day}T08:00:00+00:00",
                        cm)]


def test_a_read_that_fails_is_a_store_error_of_sqlites_kind(store, profile):
    store.results.add(profile.id, _result())
    store.db.conn.execute("DROP TABLE test_results")
    with pytest.raises(StoreError) as failed:
        store.results.for_profile(profile.id)
    # Code inside the store still tells the kinds apart, with SQLite's own code.
    assert isinstance(failed.value, sqlite3.OperationalError)
    assert failed.value.sqlite_errorcode == sqlite3.SQLITE_ERROR
    assert "no such table" in str(failed.value)


def test_a_row_that_fails_while_it_is_read_is_a_store_error(store, profile):
    # The first rows come back; a later one fails as SQLite steps to it (sqlite3 steps one
    # row ahead of the one it hands back).
    for day, cm in ((20, 8.0), (21, 9.0), (22, 10.0), (23, 11.0), (24, 12.0)):
        store.results.add(profile.id, _result(cm, day))
    rows_read = []

    def fails_on_the_fourth_row(value):
        rows_read.append(value)
        if len(rows_read) == 4:
            raise ValueError("a page could not be read")
        return value

    store.db.conn.create_function("check_row", 1, fails_on_the_fourth_row)
    query = "SELECT check_row(value_cm) FROM test_results ORDER BY id"  # row by row, no sort
    for read_the_rest in (list, lambda c: c.fetchall(), lambda c: c.fetchmany(5),
                          lambda c: (c.fetchone(), c.fetchone())):
        rows_read.clear()
        cursor = store.db.execute(query)
        assert next(cursor) == (8.0,)
        assert cursor.fetchone() == (9.0,)
        with pytest.raises(StoreError):
            read_the_rest(cursor)


def test_a_locked_database_is_a_store_error_that_blames_the_lock_not_the_file(
        store, profile, data_dir):
    store.db.execute("PRAGMA busy_timeout = 0")  # fail at once instead of waiting 5 s
    other = sqlite3.connect(data_dir / "ankle_gui.sqlite3", isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")
        with pytest.raises(StoreError) as failed:
            store.results.add(profile.id, _result())
        assert failed.value.sqlite_errorcode & 0xFF == SQLITE_BUSY
        assert is_disk_trouble(failed.value)  # a lock says nothing about the file's bytes
        with pytest.raises(WriteRefusedError), store.transaction():
            store.results.add(profile.id, _result())
    finally:
        other.execute("ROLLBACK")
        other.close()
    store.results.add(profile.id, _result())  # the lock gone, the write goes in
    assert len(store.results.for_profile(profile.id)) == 1


def test_a_constraint_is_a_store_error_and_nothing_is_kept(store, profile):
    with pytest.raises(StoreError) as failed:
        # No such profile: the foreign key (every connection has them on) refuses it.
        store.db.execute("INSERT INTO test_results (profile_id, test, side, taken_at, value_cm) "
                         "VALUES (?, 'knee_to_wall', 'left', '2026-11-20T08:00:00+00:00', 9)",
                         (profile.id + 1000,))
    assert isinstance(failed.value, sqlite3.IntegrityError)
    assert store.results.for_profile(profile.id) == []
