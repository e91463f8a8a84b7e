"""The audit log on disk: chained as it is written, and edited by hand with sqlite3 (the
issue's own commands) it no longer holds, with the first broken entry named. Step 0005 on a
database saved before it: the entries there are chained, the old short codes are gone."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from helpers import PIN, FakeClock, clinic_with_patients

from ankle_gui.services.audit import AuditLog, check_words
from ankle_gui.store import Store
from ankle_gui.store.migrations import STEPS

SQLITE3 = shutil.which("sqlite3")


def by_hand(db_path: Path, sql: str) -> None:
    """What someone at the PC would type: the sqlite3 shell when it is there (.ci/run
    installs it), Python's own sqlite3 otherwise; either way not through the app."""
    if SQLITE3:
        done = subprocess.run([SQLITE3, str(db_path), sql], capture_output=True, text=True,
                              timeout=30)
        assert done.returncode == 0, done.stderr
        return
    conn = sqlite3.connect(db_path)
    try:
        conn.execute(sql)
        conn.commit()
    finally:
        conn.close()


@pytest.fixture
def logged(store):
    """A clinic with 12 entries in its log (exports at 6, 8, 10, 12), and the clinician."""
    clock = FakeClock()
    access, clinician, (ana, ben) = clinic_with_patients(store, clock)
    for _ in range(4):
        access.open_patient("10014821")
        clock.advance(seconds=60)
        access.record(clinician, "export", ben.id, "PDF report")
    return store, clinician


def check(store, clinician):
    return AuditLog(store).check(clinician)


def test_every_entry_is_chained_and_the_chain_holds(logged):
    store, clinician = logged
    entries = store.clinic.chained_entries()
    assert len(entries) == 12 and [e.id for e in entries] == list(range(1, len(entries) + 1))
    assert all(e.prev_hash == before.hash
               for before, e in zip(entries, entries[1:], strict=False))
    result = check(store, clinician)
    assert result.ok and result.checked == len(entries)
    assert check_words(result).startswith("The audit log holds")


@pytest.mark.parametrize(("sql", "first", "words"), [
    ("DELETE FROM audit_log WHERE id IN (9, 10)", 9, "entries 9\u201310 were deleted"),
    ("UPDATE audit_log SET actor = 'clinician' WHERE id = 7", 7, "changed"),
    ("UPDATE audit_log SET detail = '' WHERE id = 10", 10, "changed"),
    ("DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)", None, "deleted"),
    ("UPDATE audit_log SET at = '2026-01-01T00:00:00.000000+00:00' WHERE id = 3", 3,
     "changed"),
])
def test_a_row_edited_by_hand_breaks_the_chain_there(logged, sql, first, words):
    store, clinician = logged
    last = store.clinic.chained_entries()[-1].id
    # PRAGMA integrity_check is happy either way: only the chain notices.
    by_hand(store.path, sql)
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    result = check(store, clinician)
    assert not result.ok
    assert result.first_broken == (first if first is not None else last)
    assert words in result.reason
    assert f"from entry {result.first_broken}" in check_words(result)


def test_entries_written_after_a_hand_edit_still_show_the_break(logged):
    store, clinician = logged
    by_hand(store.path, "DELETE FROM audit_log WHERE id = 5")
    store.clinic.log(FakeClock()(), "clinician", "export")
    result = check(store, clinician)
    assert not result.ok and result.first_broken == 5 and result.missing == (5,)


def test_a_restore_keeps_the_chain_as_it_was(logged, data_dir):
    from ankle_gui.services.copies import DataCopies
    from ankle_gui.store.backups import MANUAL, Backups

    store, clinician = logged
    backup = Backups(store.path).make(store.db.conn, MANUAL)
    store.clinic.log(FakeClock()(), "clinician", "export")
    DataCopies(store, clinician, FakeClock()).restore(backup)   # as the Backups window does
    assert check(store, clinician).ok
    assert store.clinic.chained_entries()[-1].action == "restore"


def _database_of_step_4(path: Path) -> None:
    """A database as the version before this one saved it: steps 0001–0004 only."""
    import sqlite_utils

    migrations = sqlite_utils.Migrations("ankle_gui")
    for name, fn in STEPS[:4]:
        migrations(name=name)(fn)
    db = sqlite_utils.Database(path)
    migrations.apply(db)
    db.execute("PRAGMA user_version = 4")
    t = "2026-11-02T09:0{}:00.000000+00:00"
    db.execute("INSERT INTO profiles (id, name, name_key, created_at) VALUES "
               f"(1, 'Ana', 'ana', '{t.format(0)}'), (2, 'Ben', 'ben', '{t.format(0)}')")
    db.execute("UPDATE clinic_settings SET mode = 'clinic', pin_hash = x'00', "
               "pin_salt = x'00', pin_params = '{}' WHERE id = 1")
    db.execute(f"INSERT INTO patient_codes VALUES (1, '4821', '{t.format(1)}'), "
               f"(2, '482173', '{t.format(1)}')")
    for n, action in enumerate(("clinic_enabled", "code_changed", "patient_opened"), 1):
        db.execute("INSERT INTO audit_log (at, actor, action, profile_id) VALUES (?, ?, ?, ?)",
                   [t.format(n), "clinician" if n < 3 else "patient", action,
                    None if n == 1 else 1])
    db.conn.commit()
    db.close()


def test_step_5_chains_the_old_log_and_voids_the_short_codes(data_dir):
    from ankle_gui.core.clinic import Role
    from ankle_gui.services.patient_access import Access

    _database_of_step_4(data_dir / "ankle_gui.sqlite3")
    store = Store.open(data_dir)
    try:
        assert store.clinic.codes_in_use() == set()
        assert store.clinic.profiles_without_code() == [1, 2]
        entries = store.clinic.chained_entries()
        assert [e.action for e in entries] == ["clinic_enabled", "code_changed",
                                                "patient_opened", "codes_voided"]
        assert "2 patient code(s) of 4 to 6 digits" in entries[-1].detail
        assert AuditLog(store).check(Access(Role.CLINICIAN)).ok
        with pytest.raises(sqlite3.IntegrityError):   # only 8 digits from now on
            store.db.execute("INSERT INTO patient_codes VALUES (1, '4821', "
                             "'2026-11-02T09:00:00.000000+00:00')")
    finally:
        store.close()


def test_the_log_never_holds_a_code_or_the_pin(logged):
    store, _ = logged
    dump = "\n".join(store.db.conn.iterdump())
    assert "audit_log" in dump
    rows = "\n".join(str(e) for e in store.clinic.chained_entries())
    for secret in ("10014821", "10025307", PIN):
        assert secret not in rows
