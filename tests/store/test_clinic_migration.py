"""Step 0004_clinic_mode on a database saved by the version before it."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from helpers import table_names

from ankle_gui.store import Store
from ankle_gui.store.backups import Backups
from ankle_gui.store.migrations import SCHEMA_VERSION

OLD_DB = Path(__file__).resolve().parents[1] / "fixtures" / "schema_0003.sqlite3"


def _rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


OLD_TABLES = {
    "profiles": "SELECT id, name, name_key, created_at, fist_width_cm, unit, notice_seen_at "
                "FROM profiles ORDER BY id",
    # The columns of the saved file's day (0006 added how finely and who measured).
    "test_results": "SELECT id, profile_id, session_id, taken_at, test, side, value_cm, "
                    "result, felt_straight, felt_bent, phase, note FROM test_results "
                    "ORDER BY id",
    "training_sessions": "SELECT id, profile_id, started_at, ended_at, status, stop_reason, "
                         "plan_json, note FROM training_sessions ORDER BY id",
    "completed_sets": "SELECT * FROM completed_sets ORDER BY id",
    "plans": "SELECT * FROM plans ORDER BY id",
    "settings": "SELECT * FROM settings ORDER BY key",
}


@pytest.fixture
def old_copy(data_dir):
    target = data_dir / "ankle_gui.sqlite3"
    shutil.copyfile(OLD_DB, target)
    return target


def test_the_saved_database_is_from_before_clinic_mode():
    names = [r[0] for r in _rows(OLD_DB, "SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert names == ["0001_initial", "0002_player_timings", "0003_profile_name_key"]


def test_every_row_survives_and_the_clinic_tables_appear(old_copy, data_dir):
    before = {table: _rows(old_copy, sql) for table, sql in OLD_TABLES.items()}
    assert len(before["profiles"]) == 3 and len(before["completed_sets"]) == 6

    store = Store.open(data_dir, before_migrate=Backups(old_copy).before_migration)
    try:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert {"clinic_settings", "patient_codes", "programmes", "audit_log"} <= table_names(
            store.db)
        settings = store.clinic.settings()
        assert (settings.mode, settings.idle_minutes, settings.kiosk, settings.has_pin) == (
            "home", 3, False, False)
        sessions = store.training.sessions(1)
        assert [(s.pain, s.effort) for s in sessions] == [(None, None)] * 3
        assert store.profiles.by_name("ZOË").unit.value == "in"
        # 0006 (issue 22): old results say nothing of how they were measured, and no test
        # of theirs has safety answers; they read as not recorded, never as a clinician's.
        results = store.results.for_profile(1)
        assert results and all(r.measured_by is None and r.resolution_cm is None
                               for r in results)
        assert store.results.records(1) == {}
        assert all(s.settled_next_day is None and s.settled_asked_at is None
                   for s in sessions)
    finally:
        store.close()

    after = {table: _rows(old_copy, sql) for table, sql in OLD_TABLES.items()}
    assert after == before
    # The update backed up the old file first, and the backup is the old layout.
    [backup] = Backups(old_copy).list()
    assert backup.kind == "before-migration"
    assert len(_rows(backup.path, "SELECT name FROM _sqlite_migrations")) == 3


def test_the_new_columns_refuse_impossible_values(old_copy, data_dir):
    store = Store.open(data_dir)
    try:
        for bad in ("UPDATE training_sessions SET pain = 11 WHERE id = 1",
                    "UPDATE training_sessions SET effort = -1 WHERE id = 1",
                    "UPDATE clinic_settings SET idle_minutes = 31",
                    "UPDATE clinic_settings SET mode = 'clinic'",  # no PIN yet
                    "INSERT INTO clinic_settings (id) VALUES (2)",
                    "INSERT INTO patient_codes VALUES (1, '12a4', "
                    "'2026-09-01T08:00:00.000000+00:00')",
                    "INSERT INTO patient_codes VALUES (1, '123', "
                    "'2026-09-01T08:00:00.000000+00:00')",
                    "INSERT INTO audit_log (at, actor, action) VALUES "
                    "('2026-09-01T08:00:00.000000+00:00', 'someone', 'export')",
                    "INSERT INTO programmes VALUES (1, 0, 4, 0, "
                    "'2026-09-01T08:00:00.000000+00:00')"):
            with pytest.raises(sqlite3.IntegrityError):
                store.db.execute(bad)
    finally:
        store.close()


def test_deleting_a_patient_removes_code_and_programme_but_keeps_the_audit(store, profile):
    from datetime import UTC, datetime

    now = datetime(2026, 11, 1, tzinfo=UTC)
    store.clinic.set_code(profile.id, "48217730", now)
    store.clinic.set_programme(profile.id, 3, 4, True, now)
    store.clinic.log(now, "clinician", "delete", profile.id)
    store.profiles.delete(profile.id)
    assert store.clinic.profile_with_code("48217730") is None
    assert store.clinic.programme(profile.id) is None
    assert [e.action for e in store.clinic.audit_entries()] == ["delete"]
