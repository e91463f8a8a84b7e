"""Journals, leftovers and things in the way (issue 13, items 3, 4 and 6)."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ankle_gui.core.profile import name_key
from ankle_gui.store import DB_FILENAME, Store
from ankle_gui.store.backups import BACKUP_DIRNAME, Backups
from ankle_gui.store.database import TEMPLATE_NAME
from ankle_gui.store.files import sidecars
from ankle_gui.store.leftovers import sweep
from ankle_gui.store.recovery import SET_ASIDE_DIRNAME, Choice, Problem, diagnose
from ankle_gui.store.startup import open_store_safely


class Answers:
    def __init__(self, *choices: Choice):
        self.choices = list(choices)
        self.asked = []

    def __call__(self, diagnosis, backup):
        self.asked.append(diagnosis)
        assert self.choices, f"not expected to ask: {diagnosis.problem} {diagnosis.detail}"
        return self.choices.pop(0)


def _open(data_dir, answers, **kwargs):
    opened = open_store_safely(data_dir, answers, daily_backup=False, **kwargs)
    if opened is not None:
        opened.store.close()
    return opened


def _run(code: str, *args) -> None:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code), *map(str, args)])
    assert done.returncode == 9  # it was "killed" where the code says


# --- 4. a kill during first-run creation -----------------------------------------------------

KILLED_WHILE_SWITCHING_TO_WAL = """
    import os, sys
    from ankle_gui.store import database
    def configure(conn):
        conn.execute("PRAGMA foreign_keys = ON")
        os._exit(9)  # killed: the file exists, nothing is written yet
    database.configure = configure
    database.open_database(sys.argv[1])
"""

KILLED_MID_SCHEMA = """
    import os, sys
    from pathlib import Path
    from ankle_gui.store import database, migrations
    database.schema_template = lambda: Path("no template")  # the Migrations build it
    class Dying:
        def apply(self, db):
            db.execute("CREATE TABLE profiles (id INTEGER PRIMARY KEY)")
            os._exit(9)  # killed between two schema steps
    migrations.migration_set = Dying
    database.open_database(sys.argv[1])
"""


KILLED_COPYING_THE_TEMPLATE = """
    import os, sys, pathlib
    from ankle_gui.store import database
    def half_written(path, data):
        with open(path, "wb") as fh:
            fh.write(data[:len(data) // 2])
        os._exit(9)  # killed halfway through copying the shipped empty database
    pathlib.Path.write_bytes = half_written
    database.schema_template = lambda: pathlib.Path(sys.argv[2])
    database.open_database(sys.argv[1])
"""
TEMPLATE = Path(__file__).resolve().parents[3] / "resources" / TEMPLATE_NAME


@pytest.mark.parametrize("code", [KILLED_WHILE_SWITCHING_TO_WAL, KILLED_MID_SCHEMA,
                                  KILLED_COPYING_THE_TEMPLATE],
                         ids=["switching to WAL", "mid-schema", "copying the template"])
def test_kill_during_creation_leaves_nothing_to_alarm_about(data_dir, code):
    db_path = data_dir / DB_FILENAME
    _run(code, db_path, TEMPLATE)
    assert diagnose(db_path) is None  # no "your data file is empty/damaged"
    assert not db_path.exists()
    opened = open_store_safely(data_dir, Answers(), daily_backup=False)
    try:
        assert opened.store.profiles.all() == []
        opened.store.profiles.create("Ann")
    finally:
        opened.store.close()
    # the half-built copy of the killed process is gone; only the real database is left
    assert sorted(p.name for p in data_dir.iterdir() if "sqlite3" in p.name) == [DB_FILENAME]


KILLED_AFTER_NAMING_IT = """
    import os, sys
    from ankle_gui.store import database
    real_link = os.link
    def link_then_die(src, dst):
        real_link(src, dst)
        os._exit(9)  # killed once the database has its name, before its temporary name goes
    database.os.link = link_then_die
    database.open_database(sys.argv[1])
"""


def test_a_kill_after_the_new_database_is_named_leaves_no_copy_after_the_next_start(data_dir):
    db_path = data_dir / DB_FILENAME
    _run(KILLED_AFTER_NAMING_IT, db_path)
    assert db_path.exists()   # whole, and already in use: the next start does not build it
    assert any(p.name.startswith(".creating-") for p in data_dir.iterdir())
    opened = open_store_safely(data_dir, Answers(), daily_backup=False)
    opened.store.close()
    assert not any(p.name.startswith(".creating-") for p in data_dir.iterdir())


def test_new_database_appears_whole(data_dir):
    db_path = data_dir / DB_FILENAME
    Store.open(data_dir).close()
    conn = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("SELECT count(*) FROM profiles").fetchone() == (0,)
    finally:
        conn.close()
    assert not any(p.name.startswith(".creating-") for p in data_dir.iterdir())


# --- 6. journals and leftovers --------------------------------------------------------------

KILLED_MID_TRANSACTION = """
    import os, sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("PRAGMA cache_size = 10")  # small cache: changed pages reach the file
    conn.execute("BEGIN")
    conn.execute("UPDATE profiles SET name = 'changed ' || name")
    conn.execute("DELETE FROM profiles WHERE id % 3 = 0")
    os._exit(9)
"""


def _many_profiles(data_dir, count=3000):
    store = Store.open(data_dir)
    with store.db.atomic():
        for n in range(count):
            name = f"Patient {n:04d}"
            store.db.execute("INSERT INTO profiles (name, name_key, created_at) VALUES (?, ?, ?)",
                             [name, name_key(name), "2025-01-01T00:00:00+00:00"])
    store.close()


def _rollback_journal_mode(db_path):
    """As a backup copy restored by hand, or a tool that changed the journal mode, leaves it."""
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()


def test_hot_rollback_journal_is_rolled_back_not_called_damage(data_dir):
    db_path = data_dir / DB_FILENAME
    _many_profiles(data_dir)
    _rollback_journal_mode(db_path)
    _run(KILLED_MID_TRANSACTION, db_path)
    assert sidecars(db_path)[2].stat().st_size > 0  # a hot journal, and a half-changed file

    opened = open_store_safely(data_dir, Answers(), daily_backup=False)
    try:
        names = [p.name for p in opened.store.profiles.all()]
        assert len(names) == 3000
        assert not any(name.startswith("changed") for name in names)
        assert opened.store.db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        opened.store.close()
    [kept] = (data_dir / SET_ASIDE_DIRNAME).iterdir()  # the journal, copied before recovery
    assert kept.name.endswith(".sqlite3-journal")


@pytest.mark.parametrize("wal", [True, False], ids=["WAL database", "rollback database"])
def test_garbage_journal_does_not_loop(data_dir, wal):
    db_path = data_dir / DB_FILENAME
    store = Store.open(data_dir)
    store.profiles.create("Ann")
    store.close()
    if not wal:
        _rollback_journal_mode(db_path)
    garbage = os.urandom(2000)
    sidecars(db_path)[2].write_bytes(garbage)

    opened = open_store_safely(data_dir, Answers(), daily_backup=False)  # asks nothing
    try:
        assert [p.name for p in opened.store.profiles.all()] == ["Ann"]
    finally:
        opened.store.close()
    [kept] = (data_dir / SET_ASIDE_DIRNAME).iterdir()
    assert kept.read_bytes() == garbage  # nothing deleted without a copy


def test_leftovers_of_a_killed_backup_are_cleaned(store, data_dir):
    store.profiles.create("Ann")
    backups = Backups(data_dir / DB_FILENAME)
    good = backups.make(store.db.conn, "manual")
    names = ["ankle_gui-20260101T080000Z-daily.sqlite3.partial",
             "ankle_gui-20260101T080000Z-daily.sqlite3.partial-journal",
             "ankle_gui-20260102T080000Z-daily.sqlite3.partial-wal"]
    for name in names:
        (backups.folder / name).write_bytes(b"x" * 512)
    removed = sweep(data_dir)
    assert sorted(p.name for p in removed) == sorted(names)
    assert list(backups.folder.iterdir()) == [good.path]


def test_lock_path_that_is_a_folder_is_explained(data_dir, qapp):
    from ankle_gui.app.instance import LOCK_FILENAME
    from ankle_gui.app.safe_start import claim_data_folder

    in_the_way = data_dir / LOCK_FILENAME
    in_the_way.mkdir()

    def answer(diagnosis, backup):
        answer.asked.append(diagnosis)
        in_the_way.rmdir()  # the user moves it, then tries again
        return Choice.RETRY

    answer.asked = []
    instance = claim_data_folder(data_dir, answer, close_after_ms=500)
    assert instance is not None
    instance.release()
    [diagnosis] = answer.asked
    assert diagnosis.problem is Problem.IN_THE_WAY
    assert "ankle_gui.lock is a folder" in diagnosis.detail
    assert diagnosis.choices(has_backup=True) == (Choice.RETRY, Choice.QUIT)


# --- 3. no tracebacks on the start path ------------------------------------------------------

def test_database_path_that_is_a_folder_is_explained_and_left_alone(data_dir):
    (data_dir / DB_FILENAME).mkdir()
    (data_dir / DB_FILENAME / "something.txt").write_text("mine")
    answers = Answers(Choice.QUIT)
    assert _open(data_dir, answers) is None
    [diagnosis] = answers.asked
    assert diagnosis.problem is Problem.IN_THE_WAY
    assert not diagnosis.sets_aside
    assert (data_dir / DB_FILENAME / "something.txt").read_text() == "mine"


def test_a_file_named_backups_is_a_note_not_a_crash(data_dir):
    store = Store.open(data_dir)
    store.profiles.create("Ann")
    store.close()
    (data_dir / BACKUP_DIRNAME).write_text("not a folder")
    opened = open_store_safely(data_dir, Answers(), daily_backup=True)
    try:
        [note] = opened.notes
        assert "Today's backup could not be made" in note
        assert "move or rename it" in note
    finally:
        opened.store.close()
    assert (data_dir / BACKUP_DIRNAME).read_text() == "not a folder"


def test_set_aside_keeps_a_healthy_file_byte_identical_when_quitting(data_dir):
    """The checks above read and recover, but never change a whole file the user keeps."""
    store = Store.open(data_dir)
    store.profiles.create("Ann")
    store.close()
    db_path = data_dir / DB_FILENAME
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    assert diagnose(db_path) is None
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before


def test_app_import_of_an_endless_file_stops_with_a_message(wall, store, profile, monkeypatch,
                                                            qtbot):
    from PySide6.QtWidgets import QWidget

    from ankle_gui.store.files import MAX_IMPORT_BYTES
    from ankle_gui.ui.progress.progress_actions import ProgressActions

    parent = QWidget()
    qtbot.addWidget(parent)
    actions = ProgressActions(store, None, None, parent, clock=wall)
    told = []
    monkeypatch.setattr(actions, "inform", lambda title, text, error=False: told.append(text))
    assert not actions.import_csv_from("/dev/zero")
    assert f"larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB" in told[-1]
    assert store.results.count() == 0
