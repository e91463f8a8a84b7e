"""A restore killed at every boundary of its work never drops clinic mode, the PIN or the
audit log, and never leaves the data half one and half the other (issue 28, 1 and 4).

Each run is a real process stopped dead (SIGKILL) at a named point (store/kill_points.py),
then the next start (open_store_safely, as the app runs it) is checked.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from helpers import PIN, FakeClock, clinic_with_patients, code_for

from ankle_gui.services.clinic_pin import ClinicPin
from ankle_gui.services.copies import DataCopies
from ankle_gui.services.profiles import Profiles
from ankle_gui.store import Store
from ankle_gui.store.backups import BEFORE_RESTORE, Backups
from ankle_gui.store.filecheck import check_database_file
from ankle_gui.store.kill_points import KILL_AT_ENV, KILL_POINTS
from ankle_gui.store.leftovers import leftovers
from ankle_gui.store.startup import open_store_safely

RESTORE = textwrap.dedent("""
    import sys
    from pathlib import Path
    from ankle_gui.core.clinic import Role
    from ankle_gui.services.copies import DataCopies
    from ankle_gui.services.patient_access import Access
    from ankle_gui.store import Store
    store = Store.open(Path(sys.argv[1]))
    copies = DataCopies(store, Access(Role.CLINICIAN))
    [backup] = [b for b in copies.backups.list() if b.path == Path(sys.argv[2])]
    copies.restore(backup)   # as the Backups window restores
    store.close()
""")
# Every point a restore passes, in order; each must be reached (the process dies there).
RESTORE_POINTS = ["backup:partial-written", "restore:backed-up", "restore:staged",
                  "restore:replaced", "restore:committed"]


def _never_asked(diagnosis, backup):
    raise AssertionError(f"the next start asked: {diagnosis.problem} ({diagnosis.detail})")


def _rows(db_path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.fixture
def clinic_folder(tmp_path):
    """A clinic PC's data folder with a backup from before clinic mode was turned on."""
    folder = tmp_path / "clinic"
    folder.mkdir()
    store = Store.open(folder)
    try:
        store.profiles.create("Old Friend")
        home_backup = DataCopies(store).make_backup()
        clinic_with_patients(store, FakeClock())
    finally:
        store.close()
    return folder, home_backup.path


def test_every_restore_point_is_listed():
    assert set(RESTORE_POINTS) <= set(KILL_POINTS)


@pytest.mark.slow  # one process per kill point
@pytest.mark.parametrize("point", [*RESTORE_POINTS, None])
def test_a_kill_at_any_point_of_a_restore_keeps_clinic_mode_and_the_log(clinic_folder,
                                                                       tmp_path, point):
    original, backup = clinic_folder
    folder = tmp_path / "run"
    shutil.copytree(original, folder)
    backup = folder / backup.relative_to(original)
    db_path = folder / "ankle_gui.sqlite3"
    log_before = _rows(db_path, "SELECT * FROM audit_log ORDER BY id")
    assert [row[3] for row in log_before][:2] == ["clinic_enabled", "clinician_unlock"]

    env = dict(os.environ)
    env.pop(KILL_AT_ENV, None)
    if point is not None:
        env[KILL_AT_ENV] = point
    done = subprocess.run([sys.executable, "-c", RESTORE, str(folder), str(backup)], env=env,
                          capture_output=True, text=True, timeout=120)
    if point is None:
        assert done.returncode == 0, done.stderr
    else:  # it got there, and died there
        assert done.returncode == -signal.SIGKILL, (done.returncode, done.stderr)

    opened = open_store_safely(folder, _never_asked, daily_backup=False)
    store = opened.store
    try:
        settings = store.clinic.settings()
        assert (settings.mode, settings.clinic_name) == ("clinic", "Riverside Physio")
        assert ClinicPin(store, FakeClock()).check(PIN).ok
        log_after = store.db.execute("SELECT * FROM audit_log ORDER BY id").fetchall()
        assert log_after[:len(log_before)] == log_before  # nothing lost, nothing changed
        added = [row[3] for row in log_after[len(log_before):]]
        names = sorted(p.name for p in store.profiles.all())
        assert (names, added) in ((["Ana", "Ben", "Old Friend"], []),
                                  (["Old Friend"], ["restore"]))
        if point in (None, "restore:committed"):
            assert names == ["Old Friend"]
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        store.close()
    assert leftovers(folder) == []  # the next start swept what the kill left
    safety = [b for b in Backups(db_path).list() if b.kind == BEFORE_RESTORE]
    if point not in (None, "backup:partial-written"):
        [made] = safety
        assert check_database_file(made.path).ok


def test_a_restore_gives_every_table_the_backups_rows(store, tmp_path):
    """Row for row, every table but the clinic's settings and log (a restore that lost
    patient codes to a cascading delete must fail here)."""
    clock = FakeClock()
    _, clinician, (ana, _) = clinic_with_patients(store, clock)
    copies = DataCopies(store, clinician, clock)   # as the Backups window has them
    backup = copies.make_backup()
    store.clinic.set_programme(ana.id, 3, 4, True, clock())
    Profiles(store, clock).create(clinician, "Cy", "48217730")
    copies.restore(backup)

    then = sqlite3.connect(backup.path)
    try:
        tables = [r[0] for r in then.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'")]
        for table in set(tables) - {"clinic_settings", "audit_log"}:
            query = f"SELECT * FROM {table} ORDER BY 1, 2"
            assert store.db.execute(query).fetchall() == then.execute(query).fetchall(), table
    finally:
        then.close()
    assert store.clinic.code_of(ana.id) == code_for(1)
