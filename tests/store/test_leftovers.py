"""One start-up sweep, shared by the app and the clinic commands, for what killed work left
(issue 28, 4): unfinished backups, a restore's staging copy, with their -journal/-wal/-shm.
It never removes a file another process is still writing."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap

import pytest
from helpers import FIXTURES

from ankle_gui.store import DB_FILENAME, Store
from ankle_gui.store.backups import BACKUP_DIRNAME, MANUAL, Backups
from ankle_gui.store.kill_points import KILL_AT_ENV
from ankle_gui.store.leftovers import leftovers, sweep, temporary_files
from ankle_gui.store.startup import open_store_safely

LEFT_BY_KILLS = [
    f"{BACKUP_DIRNAME}/ankle_gui-20260101T080000Z-daily.sqlite3.partial",
    f"{BACKUP_DIRNAME}/ankle_gui-20260101T080000Z-daily.sqlite3.partial-journal",
    f"{BACKUP_DIRNAME}/ankle_gui-20260102T080000Z-before-migration.sqlite3.partial-wal",
    ".incoming.sqlite3", ".incoming.sqlite3-wal", ".incoming.sqlite3-shm",
    ".incoming-2.sqlite3", ".incoming.sqlite3-journal", ".restoring-ankle_gui.sqlite3",
]


def _leave(data_dir):
    (data_dir / BACKUP_DIRNAME).mkdir(exist_ok=True)
    for name in LEFT_BY_KILLS:
        (data_dir / name).write_bytes(b"SQLite format 3\x00" + bytes(500))


def _never_asked(diagnosis, backup):
    raise AssertionError(f"asked: {diagnosis.problem} ({diagnosis.detail})")


def test_the_sweep_removes_every_kind_of_leftover_and_nothing_else(store, data_dir):
    store.profiles.create("Ann")
    good = Backups(store.path).make(store.db.conn, MANUAL)
    _leave(data_dir)
    (data_dir / "notes.txt").write_text("mine")
    removed = sweep(data_dir)
    assert sorted(str(p.relative_to(data_dir)) for p in removed) == sorted(LEFT_BY_KILLS)
    assert leftovers(data_dir) == []
    assert good.path.exists() and (data_dir / "notes.txt").exists() and store.path.exists()
    assert store.profiles.count() == 1


def test_the_app_start_sweeps(data_dir):
    Store.open(data_dir).close()
    _leave(data_dir)
    opened = open_store_safely(data_dir, _never_asked, daily_backup=False)
    opened.store.close()
    assert leftovers(data_dir) == []


def test_a_clinic_command_sweeps_too(data_dir, tmp_path, capsys):
    from ankle_gui.cli.main import main

    Store.open(data_dir).close()
    _leave(data_dir)
    assert main(["--data-dir", str(data_dir), "export", "--csv", str(tmp_path / "o.csv")]) == 0
    assert leftovers(data_dir) == []


HOLD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from ankle_gui.store.leftovers import temporary_files
    with temporary_files(Path(sys.argv[1])):
        print("holding", flush=True)
        sys.stdin.readline()
""")


def test_the_sweep_leaves_alone_what_another_process_is_writing(data_dir):
    """A command beside the app (or the app beside a command) may be mid-backup: its
    temporary files are not leftovers until it lets go of the folder, or dies."""
    _leave(data_dir)
    writer = subprocess.Popen([sys.executable, "-c", HOLD, str(data_dir)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "holding"
        assert sweep(data_dir) == []
        assert len(leftovers(data_dir)) == len(LEFT_BY_KILLS)
        with temporary_files(data_dir):  # and in this process, while a backup is made
            assert sweep(data_dir) == []
    finally:
        writer.kill()  # dies holding it: the lock goes with the process
        writer.wait()
    assert len(sweep(data_dir)) == len(LEFT_BY_KILLS)


@pytest.mark.slow
def test_a_command_killed_backing_up_before_a_migration_leaves_nothing_for_long(data_dir,
                                                                              tmp_path):
    """The partial a kill leaves during a CLI's backup before a migration goes at the
    next start of any command."""
    shutil.copyfile(FIXTURES / "schema_v1.sqlite3", data_dir / DB_FILENAME)
    args = [sys.executable, "-m", "ankle_gui", "--data-dir", str(data_dir), "export",
            "--csv", str(tmp_path / "out.csv")]
    killed = subprocess.run(args, env={**os.environ, KILL_AT_ENV: "backup:partial-written"},
                            capture_output=True, text=True, timeout=90)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert [p.name for p in leftovers(data_dir)] == [
        p.name for p in (data_dir / BACKUP_DIRNAME).iterdir()]  # the partial, and only it
    assert leftovers(data_dir)
    done = subprocess.run(args, capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr
    assert leftovers(data_dir) == []
    assert [b.kind for b in Backups(data_dir / DB_FILENAME).list()] == ["before-migration"]
