"""A damaged or unusable database at start-up: explained, set aside untouched, never lost."""

from __future__ import annotations

import errno
import hashlib
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime

import pytest
from helpers import can_make_read_only, read_only_folder

from ankle_gui.core.records import SessionStatus
from ankle_gui.store import DB_FILENAME, Store
from ankle_gui.store import database as database_module
from ankle_gui.store.backups import MANUAL, Backups
from ankle_gui.store.database import DatabaseTooNewError
from ankle_gui.store.files import sidecars
from ankle_gui.store.recovery import (
    SET_ASIDE_DIRNAME,
    Choice,
    Problem,
    classify,
    diagnose,
)
from ankle_gui.store.startup import open_store_safely


class Answers:
    """Stands in for the recovery dialog: records each question, gives scripted answers."""

    def __init__(self, *choices: Choice):
        self.choices = list(choices)
        self.asked = []

    def __call__(self, diagnosis, backup):
        self.asked.append((diagnosis, backup))
        assert self.choices, f"not expected to ask: {diagnosis.problem}"
        choice = self.choices.pop(0)
        assert choice in diagnosis.choices(backup is not None)
        return choice


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def db_path(data_dir):
    return data_dir / DB_FILENAME


@pytest.fixture
def with_backup(data_dir, db_path):
    """A database holding Ann, with a good backup of it, then closed."""
    store = Store.open(data_dir)
    store.profiles.create("Ann")
    info = Backups(db_path).make(store.db.conn, MANUAL)
    store.close()
    return info


def _set_aside_files(data_dir):
    folder = data_dir / SET_ASIDE_DIRNAME
    return sorted(folder.iterdir()) if folder.exists() else []


def _open(data_dir, answers):
    opened = open_store_safely(data_dir, answers, daily_backup=False)
    if opened is not None:
        opened.store.close()
    return opened


def _reopen_names(data_dir):
    store = Store.open(data_dir)
    try:
        return [p.name for p in store.profiles.all()]
    finally:
        store.close()


def _damage(kind: str, path) -> None:
    data = path.read_bytes() if path.exists() else b""
    if kind == "zero length":
        path.write_bytes(b"")
    elif kind == "truncated":
        path.write_bytes(data[:5000])
    elif kind == "truncated on a page boundary":
        path.write_bytes(data[:4096 * 2])
    elif kind == "random bytes":
        path.write_bytes(os.urandom(3 * 4096))
    elif kind == "pages overwritten":
        path.write_bytes(data[:4096] + os.urandom(len(data) - 4096))
    elif kind == "not sqlite":
        path.write_text("name,knee_to_wall_cm\nAnn,9.5\n")
    elif kind == "another program's database":
        path.unlink()
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE songs (title TEXT)")
        conn.commit()
        conn.close()


DAMAGE = {
    "zero length": Problem.EMPTY,
    "truncated": Problem.DAMAGED,
    "truncated on a page boundary": Problem.DAMAGED,
    "random bytes": Problem.NOT_SQLITE,
    "pages overwritten": Problem.DAMAGED,
    "not sqlite": Problem.NOT_SQLITE,
    "another program's database": Problem.NOT_OURS,
}


def _grow(data_dir):
    """Enough rows that the file has many pages, so damage lands on real data."""
    store = Store.open(data_dir)
    for n in range(40):
        store.profiles.create(f"Patient {n:02d} " + "x" * 60)
    store.close()


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_damaged_file_is_set_aside_and_backup_offered(kind, data_dir, db_path, with_backup):
    _grow(data_dir)
    _damage(kind, db_path)
    before = _digest(db_path)
    answers = Answers(Choice.USE_BACKUP)
    opened = _open(data_dir, answers)
    [(diagnosis, offered)] = answers.asked
    assert diagnosis.problem is DAMAGE[kind]
    assert diagnosis.title and diagnosis.explanation and "Traceback" not in diagnosis.detail
    assert offered is not None and offered.path == with_backup.path
    assert opened.restored_from == with_backup
    # The damaged file is kept, byte for byte, under a new name.
    [aside] = _set_aside_files(data_dir)
    assert _digest(aside) == before and DAMAGE[kind].value in aside.name
    assert _reopen_names(data_dir) == ["Ann"]
    assert with_backup.path.exists()


@pytest.mark.parametrize("kind", ["zero length", "random bytes"])
def test_fresh_start_after_damage(kind, data_dir, db_path):
    Store.open(data_dir).close()
    _damage(kind, db_path)
    before = _digest(db_path)
    answers = Answers(Choice.FRESH_START)
    opened = _open(data_dir, answers)
    assert answers.asked[0][1] is None  # no backup to offer
    assert answers.asked[0][0].choices(False) == (Choice.FRESH_START, Choice.QUIT)
    assert opened.restored_from is None
    [aside] = _set_aside_files(data_dir)
    assert _digest(aside) == before
    assert _reopen_names(data_dir) == []


def test_quit_changes_nothing(data_dir, db_path):
    _damage("random bytes", db_path)
    before = sorted(p.name for p in data_dir.iterdir())
    digest = _digest(db_path)
    assert _open(data_dir, Answers(Choice.QUIT)) is None
    assert sorted(p.name for p in data_dir.iterdir()) == before
    assert _digest(db_path) == digest


def test_damaged_file_goes_aside_with_its_wal_and_shm(data_dir, db_path, with_backup):
    _damage("random bytes", db_path)
    wal, shm = sidecars(db_path)[:2]
    wal.write_bytes(b"wal bytes")
    shm.write_bytes(b"shm bytes")
    _open(data_dir, Answers(Choice.FRESH_START))
    names = [p.name for p in _set_aside_files(data_dir)]
    assert len(names) == 3
    base = next(n for n in names if n.endswith(".sqlite3"))
    assert set(names) == {base, base + "-wal", base + "-shm"}
    assert (data_dir / SET_ASIDE_DIRNAME / (base + "-wal")).read_bytes() == b"wal bytes"


def test_set_aside_never_overwrites(data_dir, db_path, monkeypatch):
    from ankle_gui.store import recovery

    moment = datetime(2025, 5, 1, 12, 0, tzinfo=UTC)
    monkeypatch.setattr(recovery, "utc_now", lambda: moment)
    for n in range(3):
        db_path.write_bytes(b"damaged %d" % n)
        _open(data_dir, Answers(Choice.FRESH_START))
        (data_dir / DB_FILENAME).unlink()
        for p in sidecars(db_path):
            p.unlink(missing_ok=True)
    contents = sorted(p.read_bytes() for p in _set_aside_files(data_dir))
    assert contents == [b"damaged 0", b"damaged 1", b"damaged 2"]


def test_newer_version_is_refused_and_left_in_place(data_dir, db_path, with_backup):
    conn = sqlite3.connect(db_path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('ankle_gui', '9999_from_the_future', '2030-01-01')")
    conn.execute("PRAGMA user_version = 42")
    conn.commit()
    conn.close()
    digest = _digest(db_path)
    answers = Answers(Choice.QUIT)
    assert _open(data_dir, answers) is None
    diagnosis = answers.asked[0][0]
    assert diagnosis.problem is Problem.TOO_NEW
    assert diagnosis.choices(True)[0] is Choice.QUIT  # updating the app is the first advice
    assert _digest(db_path) == digest and _set_aside_files(data_dir) == []


def test_newer_version_can_go_aside_for_a_backup(data_dir, db_path, with_backup):
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version = 42")
    conn.commit()
    conn.close()
    _open(data_dir, Answers(Choice.USE_BACKUP))
    [aside] = _set_aside_files(data_dir)
    assert "too-new" in aside.name
    assert _reopen_names(data_dir) == ["Ann"]


def test_newer_version_found_while_opening_is_classified():
    from pathlib import Path

    diagnosis = classify(DatabaseTooNewError("schema 9"), Path("x.sqlite3"))
    assert diagnosis.problem is Problem.TOO_NEW


needs_read_only = pytest.mark.skipif(
    not can_make_read_only(), reason="running as root without chattr: cannot make it read-only")


@needs_read_only
def test_read_only_folder_explains_and_retries(data_dir, db_path, with_backup):
    digest = _digest(db_path)
    answers = Answers(Choice.RETRY, Choice.QUIT)
    with read_only_folder(data_dir):
        assert _open(data_dir, answers) is None
    assert [a[0].problem for a in answers.asked] == [Problem.READ_ONLY_FOLDER] * 2
    assert answers.asked[0][0].choices(True) == (Choice.RETRY, Choice.QUIT)
    assert _digest(db_path) == digest and _set_aside_files(data_dir) == []
    # Once the folder is writable again, a retry opens the data as it was.
    assert _reopen_names(data_dir) == ["Ann"]


@needs_read_only
def test_read_only_database_file(data_dir, db_path, with_backup):
    answers = Answers(Choice.QUIT)
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(db_path)], check=True)
    else:
        db_path.chmod(0o400)
    try:
        assert _open(data_dir, answers) is None
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(db_path)], check=True)
        db_path.chmod(0o600)
    assert answers.asked[0][0].problem is Problem.READ_ONLY_FILE


def test_full_disk_on_write_is_explained_then_retried(tmp_path, data_dir, monkeypatch):
    # No template: the Migrations build the new file, and their first page fills the disk.
    monkeypatch.setattr(database_module, "schema_template", lambda: tmp_path / "none.sqlite3")
    real_configure = database_module.configure

    def tiny_disk(conn):
        real_configure(conn)
        conn.execute("PRAGMA max_page_count = 1")  # SQLite's own "database or disk is full"

    monkeypatch.setattr(database_module, "configure", tiny_disk)

    def answer(diagnosis, backup):
        answer.asked.append(diagnosis)
        assert len(answer.asked) == 1, diagnosis.detail
        monkeypatch.setattr(database_module, "configure", real_configure)  # space freed
        return Choice.RETRY

    answer.asked = []
    opened = open_store_safely(data_dir, answer, daily_backup=False)
    try:
        [diagnosis] = answer.asked
        assert diagnosis.problem is Problem.DISK_FULL
        assert "disk is full" in diagnosis.detail
        assert diagnosis.choices(False) == (Choice.RETRY, Choice.QUIT)
        opened.store.profiles.create("Ann")
    finally:
        opened.store.close()
    assert _set_aside_files(data_dir) == []


def test_full_disk_while_copying_the_template_is_explained_then_retried(data_dir,
                                                                       monkeypatch):
    real_copy = database_module._copy_template

    def disk_full(temp):
        temp.write_bytes(b"SQLite format 3\x00")  # a first part written, then no room
        raise OSError(errno.ENOSPC, "No space left on device", str(temp))

    monkeypatch.setattr(database_module, "_copy_template", disk_full)

    def answer(diagnosis, backup):
        answer.asked.append(diagnosis)
        assert sorted(p.name for p in data_dir.iterdir()) == [], "a half-made file was left"
        monkeypatch.setattr(database_module, "_copy_template", real_copy)  # space freed
        return Choice.RETRY

    answer.asked = []
    opened = open_store_safely(data_dir, answer, daily_backup=False)
    try:
        [diagnosis] = answer.asked
        assert diagnosis.problem is Problem.DISK_FULL
        opened.store.profiles.create("Ann")
    finally:
        opened.store.close()
    assert _set_aside_files(data_dir) == []


def test_full_disk_mid_session_keeps_earlier_sets(store, profile):
    from ankle_gui.core.records import CompletedSet, Side

    sid = store.training.start_session(profile.id, [])
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")
    saved = []
    with pytest.raises(sqlite3.OperationalError, match="full"):
        for n in range(10_000):
            done = CompletedSet(n, "calf_raise", Side.LEFT, 1, "2025-01-01T10:00:00.000000+00:00",
                                "2025-01-01T10:01:00.000000+00:00", part="x" * 200,
                                reps_done=12, reps_target=12)
            store.training.record_set(sid, done)
            saved.append(n)
    assert [s.step_index for s in store.training.sets(sid)] == saved
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_wal_left_by_a_crash_is_recovered_not_treated_as_damage(data_dir, db_path):
    code = (
        "import os, sys\n"
        "from ankle_gui.store import Store\n"
        "s = Store.open(sys.argv[1])\n"
        "s.db.execute('PRAGMA wal_autocheckpoint = 0')\n"
        "for n in range(5): s.profiles.create(f'P{n}')\n"
        "os._exit(0)\n"  # no close, no checkpoint: like a power cut after the commits
    )
    subprocess.run([sys.executable, "-c", code, str(data_dir)], check=True)
    wal = sidecars(db_path)[0]
    assert wal.stat().st_size > 0
    assert diagnose(db_path) is None
    opened = open_store_safely(data_dir, Answers(), daily_backup=False)
    try:
        assert [p.name for p in opened.store.profiles.all()] == [f"P{n}" for n in range(5)]
    finally:
        opened.store.close()
    assert _set_aside_files(data_dir) == []


def test_orphan_wal_is_set_aside_before_a_fresh_start(data_dir, db_path):
    wal = sidecars(db_path)[0]
    wal.write_bytes(b"a change log whose database is gone")
    answers = Answers(Choice.FRESH_START)
    opened = _open(data_dir, answers)
    assert answers.asked[0][0].problem is Problem.ORPHAN_LOG
    assert opened is not None
    [aside] = _set_aside_files(data_dir)
    assert aside.name.endswith(".sqlite3-wal")
    assert aside.read_bytes() == b"a change log whose database is gone"


def test_running_session_becomes_interrupted_at_start(data_dir, db_path):
    store = Store.open(data_dir)
    ann = store.profiles.create("Ann")
    sid = store.training.start_session(ann.id, [])
    store.close()
    opened = open_store_safely(data_dir, Answers(), daily_backup=False)
    try:
        assert opened.interrupted == (sid,)
        assert opened.store.training.session(sid).status == "interrupted"
        assert opened.store.training.interrupted_count() == 1  # what start-up asks
        opened.store.training.finish_session(sid, SessionStatus.CLOSED)
        assert opened.store.training.interrupted_count() == 0
    finally:
        opened.store.close()


@pytest.mark.parametrize("message, problem", [
    ("database is locked", Problem.LOCKED),
    ("database disk image is malformed", Problem.DAMAGED),
    ("file is not a database", Problem.DAMAGED),
    ("database or disk is full", Problem.DISK_FULL),
    ("something nobody foresaw", Problem.UNKNOWN),
])
def test_classify_sqlite_errors(message, problem, db_path):
    assert classify(sqlite3.OperationalError(message), db_path).problem is problem


def test_every_problem_has_words_for_the_user(db_path):
    from ankle_gui.store.recovery import Diagnosis

    for problem in Problem:
        d = Diagnosis(problem, db_path)
        assert d.title and len(d.explanation) > 40
        assert Choice.QUIT in d.choices(True)
