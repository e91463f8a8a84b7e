"""Backups: written with VACUUM INTO, checked, rotated, restored, exported, imported."""

from __future__ import annotations

import errno
import shutil
import sqlite3
import stat
from datetime import UTC, datetime, timedelta

import pytest
from helpers import local_timezone

from ankle_gui.core.records import Measurement, MeasurementKind, Side
from ankle_gui.store import Store, backups
from ankle_gui.store import database as database_module
from ankle_gui.store import filecheck as filecheck_module
from ankle_gui.store import migrations as migrations_module
from ankle_gui.store.backups import (
    BEFORE_IMPORT,
    BEFORE_RESTORE,
    DAILY,
    MANUAL,
    MIGRATION,
    BackupError,
    BackupInfo,
    Backups,
    backups_to_keep,
    export_database,
    replace_database_contents,
)
from ankle_gui.store.filecheck import FileCheck, Verdict, check_database_file
from ankle_gui.store.leftovers import sweep


def _result(when: str, cm: float) -> Measurement:
    return Measurement(MeasurementKind.KNEE_TO_WALL, Side.LEFT, when, value_cm=cm)


class FixedClock:
    def __init__(self, moment: datetime):
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


@pytest.fixture
def clock():
    return FixedClock(datetime(2025, 3, 10, 9, 0, tzinfo=UTC))


@pytest.fixture
def backup_set(store, clock):
    return Backups(store.path, clock=clock)


def test_backup_is_checked_complete_and_owner_only(store, profile, backup_set):
    store.results.add(profile.id, [_result("2025-03-01T08:00:00.000000+00:00", 9.5)])
    info = backup_set.make(store.db.conn, MANUAL)
    assert info.path.parent == store.path.parent / "backups"
    assert info.kind == MANUAL and info.size_bytes == info.path.stat().st_size > 0
    assert check_database_file(info.path).ok
    assert info.profile_count() == 1
    copy = sqlite3.connect(info.path)
    assert copy.execute("SELECT value_cm FROM test_results").fetchall() == [(9.5,)]
    copy.close()
    assert stat.S_IMODE(info.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(info.path.parent.stat().st_mode) == 0o700
    assert backup_set.list() == [info]
    assert not list(info.path.parent.glob("*.partial"))


def test_backup_that_fails_its_check_is_removed_and_reported(store, profile, backup_set,
                                                             monkeypatch):
    monkeypatch.setattr(backups, "check_database_file",
                        lambda path: FileCheck(path, Verdict.DAMAGED, "row 3 missing"))
    with pytest.raises(BackupError, match="failed its check.*removed"):
        backup_set.make(store.db.conn, MANUAL)
    assert list(backup_set.folder.iterdir()) == []


def test_full_disk_during_backup_leaves_no_file(store, profile, backup_set, monkeypatch):
    def full(conn, target):
        target.write_bytes(b"SQLite format 3\x00 half")
        target.unlink()
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backups, "vacuum_into", full)
    with pytest.raises(BackupError, match="No space left"):
        backup_set.make(store.db.conn, DAILY)
    assert backup_set.list() == []
    assert not list(backup_set.folder.iterdir())


def test_daily_backup_once_per_local_day(store, profile, backup_set, clock):
    first = backup_set.make_daily_if_due(store.db.conn)
    assert first is not None and first.kind == DAILY
    clock.moment += timedelta(minutes=1)
    assert backup_set.make_daily_if_due(store.db.conn) is None
    clock.moment += timedelta(days=1)
    second = backup_set.make_daily_if_due(store.db.conn)
    assert second is not None and second.path != first.path
    assert [b.path for b in backup_set.list()] == [second.path, first.path]


def test_no_daily_backup_of_an_empty_database(store, backup_set):
    assert backup_set.make_daily_if_due(store.db.conn) is None
    assert backup_set.list() == []


def _fake(folder, moment: datetime, kind: str) -> BackupInfo:
    path = folder / f"ankle_gui-{moment:%Y%m%dT%H%M%S}Z-{kind}.sqlite3"
    path.write_bytes(b"x")
    return BackupInfo(path, moment, kind, 1)


def test_rotation_keeps_seven_daily_and_four_weekly(tmp_path):
    with local_timezone("UTC"):
        _check_rotation(tmp_path)


def _check_rotation(tmp_path):
    start = datetime(2025, 1, 1, 8, 0, tzinfo=UTC)  # a Wednesday
    made = [_fake(tmp_path, start + timedelta(days=d), DAILY) for d in range(60)]
    made.append(_fake(tmp_path, start + timedelta(days=59, hours=2), DAILY))  # two on one day
    keep = backups_to_keep(made)
    kept_days = sorted({b.taken_at.date() for b in made if b.path in keep})
    last = (start + timedelta(days=59)).date()
    daily = [last - timedelta(days=d) for d in range(7)]
    assert set(daily) <= set(kept_days)
    older = [d for d in kept_days if d not in daily]
    assert len(older) == 4
    assert len({d.isocalendar()[:2] for d in older}) == 4  # one per week
    assert len(keep) == 11
    # Of the two backups on the last day, the newer one is kept.
    assert made[-1].path in keep and made[59].path not in keep


def test_rotation_keeps_other_kinds_within_their_own_limits(tmp_path):
    start = datetime(2025, 1, 1, tzinfo=UTC)
    manual = [_fake(tmp_path, start + timedelta(hours=h), MANUAL) for h in range(15)]
    safety = [_fake(tmp_path, start + timedelta(hours=h), BEFORE_RESTORE) for h in range(8)]
    unknown = [_fake(tmp_path, start, "from-a-newer-app")]
    keep = backups_to_keep(manual + safety + unknown)
    assert {b.path for b in manual[-10:]} <= keep and not {b.path for b in manual[:5]} & keep
    assert {b.path for b in safety[-5:]} <= keep and len(keep & {b.path for b in safety}) == 5
    assert unknown[0].path in keep


def test_rotation_deletes_files_on_disk(store, profile, backup_set, clock):
    for _ in range(12):
        backup_set.make(store.db.conn, MANUAL)
        clock.moment += timedelta(minutes=5)
    assert len(backup_set.list()) == 10


def test_backup_before_migration(data_dir, monkeypatch, request):
    store = Store.open(data_dir)
    store.profiles.create("Ann")
    store.close()

    def add_column(db):
        db.execute("ALTER TABLE settings ADD COLUMN extra TEXT")

    steps = [*migrations_module.STEPS, ("9999_test_column", add_column)]
    monkeypatch.setattr(migrations_module, "STEPS", steps)
    migrations_module.migration_set.cache_clear()
    request.addfinalizer(migrations_module.migration_set.cache_clear)
    known = tuple(name for name, _ in steps)
    for module in (database_module, filecheck_module):
        monkeypatch.setattr(module, "KNOWN_MIGRATIONS", known)
        monkeypatch.setattr(module, "SCHEMA_VERSION", len(known))
    db_path = data_dir / "ankle_gui.sqlite3"
    backup_set = Backups(db_path)
    migrated = Store.open(data_dir, before_migrate=backup_set.before_migration)
    try:
        [info] = backup_set.list()
        assert info.kind == MIGRATION
        copy = sqlite3.connect(info.path)
        assert "extra" not in [r[1] for r in copy.execute("PRAGMA table_info(settings)")]
        assert copy.execute("SELECT name FROM profiles").fetchall() == [("Ann",)]
        copy.close()
        # Opening again needs no migration, so no second backup.
        migrated.close()
        migrated = Store.open(data_dir, before_migrate=backup_set.before_migration)
        assert len(backup_set.list()) == 1
    finally:
        migrated.close()


def test_restore_backs_up_current_state_first(store, backup_set, clock):
    ann = store.profiles.create("Ann")
    store.results.add(ann.id, [_result("2025-03-01T08:00:00.000000+00:00", 7.0)])
    old = backup_set.make(store.db.conn, MANUAL)
    clock.moment += timedelta(hours=1)
    store.profiles.create("Ben")
    safety = replace_database_contents(store.db.conn, old.path, backup_set, BEFORE_RESTORE)
    assert [p.name for p in store.profiles.all()] == ["Ann"]
    assert [r.value_cm for r in store.results.for_profile(ann.id)] == [7.0]
    assert safety.kind == BEFORE_RESTORE and safety.profile_count() == 2
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    # The live database keeps working after the swap.
    store.profiles.create("Cleo")
    assert store.profiles.count() == 2
    assert not list(store.path.parent.glob(".incoming*"))


def test_export_then_import_round_trip(store, backup_set, tmp_path):
    ann = store.profiles.create("Ann")
    store.results.add(ann.id, [_result("2025-03-01T08:00:00.000000+00:00", 7.5)])
    target = tmp_path / "elsewhere" / "clinic export.sqlite3"
    target.parent.mkdir()
    check = export_database(store.db.conn, target)
    assert check.ok and check.profile_count == 1
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    store.profiles.delete(ann.id)
    assert store.profiles.count() == 0
    replace_database_contents(store.db.conn, target, backup_set, BEFORE_IMPORT)
    [back] = store.profiles.all()
    assert back.name == "Ann"
    assert [r.value_cm for r in store.results.for_profile(back.id)] == [7.5]
    assert [b.kind for b in backup_set.list()] == [BEFORE_IMPORT]


def test_export_overwrites_only_after_a_good_copy(store, profile, tmp_path, monkeypatch):
    target = tmp_path / "export.sqlite3"
    target.write_bytes(b"the user's older export")
    monkeypatch.setattr(backups, "check_database_file",
                        lambda path: FileCheck(path, Verdict.DAMAGED, "bad"))
    with pytest.raises(BackupError, match="failed its check"):
        export_database(store.db.conn, target)
    assert target.read_bytes() == b"the user's older export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "export.sqlite3", "home"]


@pytest.mark.parametrize("make_bad, message", [
    (lambda p: p.write_bytes(b""), "empty"),
    (lambda p: p.write_bytes(b"name,value\nAnn,3\n"), "not an ankle_gui data file"),
    (lambda p: sqlite3.connect(p).execute("CREATE TABLE t (x)").connection.commit(),
     "not one made by ankle_gui"),
])
def test_import_refuses_files_that_are_not_ours(store, profile, backup_set, tmp_path,
                                                make_bad, message):
    bad = tmp_path / "bad.sqlite3"
    make_bad(bad)
    with pytest.raises(BackupError, match=message):
        replace_database_contents(store.db.conn, bad, backup_set, BEFORE_IMPORT)
    assert [p.name for p in store.profiles.all()] == ["Sam"]
    assert backup_set.list() == []  # refused before anything was done


def test_import_refuses_a_damaged_file(store, profile, backup_set, tmp_path):
    good = tmp_path / "good.sqlite3"
    export_database(store.db.conn, good)
    data = good.read_bytes()
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(data[:4096] + bytes(len(data) - 4096))  # every page after the first zeroed
    with pytest.raises(BackupError, match="damaged"):
        replace_database_contents(store.db.conn, damaged, backup_set, BEFORE_IMPORT)
    assert store.profiles.count() == 1


def test_import_refuses_a_newer_file(store, profile, backup_set, tmp_path):
    newer = tmp_path / "newer.sqlite3"
    export_database(store.db.conn, newer)
    conn = sqlite3.connect(newer)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('ankle_gui', '9999_future', '2030-01-01')")
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    with pytest.raises(BackupError, match="newer version"):
        replace_database_contents(store.db.conn, newer, backup_set, BEFORE_IMPORT)


def test_import_refuses_a_file_still_in_use(store, profile, backup_set, tmp_path):
    other_dir = tmp_path / "other"
    shutil.copytree(store.path.parent, other_dir, ignore=shutil.ignore_patterns("backups"))
    other = Store.open(other_dir)
    try:
        with pytest.raises(BackupError, match="in use"):
            replace_database_contents(store.db.conn, other.path, backup_set, BEFORE_IMPORT)
    finally:
        other.close()


def test_newest_good_skips_damaged_and_newer_backups(store, profile, backup_set, clock):
    good = backup_set.make(store.db.conn, DAILY)
    clock.moment += timedelta(days=1)
    damaged = backup_set.make(store.db.conn, DAILY)
    damaged.path.write_bytes(damaged.path.read_bytes()[:5000])
    found = backup_set.newest_good()
    assert found is not None and found[0].path == good.path


def test_leftover_partial_backups_are_removed(store, backup_set):
    backup_set.folder.mkdir()
    partial = backup_set.folder / "ankle_gui-20250101T000000Z-daily.sqlite3.partial"
    partial.write_bytes(b"SQLite format 3\x00")
    assert sweep(store.path.parent) == [partial]
    assert not partial.exists()


def test_backup_names_read_back_as_utc_times_and_strangers_are_ignored():
    from pathlib import Path

    from ankle_gui.store.backups import parse_backup_name

    assert parse_backup_name(Path("ankle_gui-20261122T055700Z-daily.sqlite3")) == (
        datetime(2026, 11, 22, 5, 57, 0, tzinfo=UTC), "daily")
    assert parse_backup_name(Path("ankle_gui-20261122T055700Z-manual-2.sqlite3"))[1] == "manual"
    assert parse_backup_name(Path("ankle_gui-20261322T055700Z-daily.sqlite3")) is None
    assert parse_backup_name(Path("holiday-photo.sqlite3")) is None
