"""The clinic commands on a nearly full disk: the app's "The disk is full" at every level,
and not one byte changed, no new -wal or -shm left (issue 28, 2).

On a real small tmpfs where this machine allows mounting one (CI runs as root), and by
simulation everywhere: SQLite's own error codes for a -shm that cannot grow and for a
write with no room (``PRAGMA max_page_count``).
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest
from helpers import add_pair, days_ago, leave_free, small_tmpfs

from ankle_gui.store import DB_FILENAME, Store
from ankle_gui.store import database as database_module
from ankle_gui.store import recovery as recovery_module
from ankle_gui.store.recovery import PROBE_BYTES, Problem, folder_problem

SQLITE_IOERR_SHMSIZE = 4874


def _folder_state(folder) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def results(data_dir, tmp_path):
    """Ann with a few results, and a file of new results for her to import."""
    store = Store.open(data_dir)
    ann = store.profiles.create("Ann")
    for n in range(5):
        add_pair(store, ann.id, days_ago(20 - n), 7.0 + n / 10, 8.0)
    store.close()
    (tmp_path / "in.csv").write_text(
        "profile,taken_at,test,side,value_cm,result,felt_straight,felt_bent,phase,note\r\n"
        "Ann,2025-05-01T09:00:00+02:00,knee_to_wall,left,12.5,,,,baseline,\r\n",
        encoding="utf-8")
    return data_dir


def _commands(tmp, data_dir):
    return {
        "export": ["export", "--csv", tmp / "out.csv"],
        "import": ["import", "--csv", tmp / "in.csv"],
        "report": ["report", "--profile", "Ann", "--pdf", tmp / "out.pdf"],
        "clinic status": ["clinic", "status"],
    }


@pytest.mark.slow
@pytest.mark.parametrize("free_kb", [4, 12, 20, 36, 60])
def test_real_nearly_full_disk_is_a_full_disk_and_changes_nothing(results, tmp_path, free_kb):
    with small_tmpfs(tmp_path) as disk:
        folder = disk / "data"
        shutil.copytree(results, folder)
        leave_free(disk, free_kb * 1024)
        before = _folder_state(folder)
        for name, args in _commands(tmp_path, folder).items():
            env = dict(os.environ)
            env.pop("DISPLAY", None)
            done = subprocess.run(
                [sys.executable, "-m", "ankle_gui", "--data-dir", str(folder),
                 *map(str, args)], capture_output=True, text=True, env=env, timeout=90)
            assert done.returncode == 1, (name, done.stdout, done.stderr)
            assert "The disk is full" in done.stderr, (name, done.stderr)
            assert "unexpected" not in done.stderr and "Traceback" not in done.stderr
            assert _folder_state(folder) == before, name  # no byte, no -wal, no -shm
        (disk / "filler").unlink()  # space freed: the same command works again
        done = subprocess.run([sys.executable, "-m", "ankle_gui", "--data-dir", str(folder),
                               "export", "--csv", str(tmp_path / "out.csv")],
                              capture_output=True, text=True, timeout=90)
        assert done.returncode == 0, done.stderr


def test_a_probe_the_disk_takes_only_in_part_is_a_full_disk(data_dir, monkeypatch):
    """A nearly full disk takes part of a write and tells only by the count it returns."""
    taken = []

    def nearly_full(fd, data):
        if taken:
            raise OSError(errno.ENOSPC, "No space left on device")
        taken.append(12 * 1024)
        return 12 * 1024

    monkeypatch.setattr(recovery_module.os, "write", nearly_full)
    found = folder_problem(data_dir, data_dir / DB_FILENAME)
    assert found is not None and found.problem is Problem.DISK_FULL
    assert PROBE_BYTES >= 32 * 1024 + 4096  # room for SQLite's -shm and a page of -wal
    assert list(data_dir.iterdir()) == []


def test_a_limit_on_one_files_size_is_not_a_full_disk(data_dir, monkeypatch):
    """ulimit -f stops the probe with EFBIG: that says nothing about the disk's room."""
    def limited(fd, data):
        raise OSError(errno.EFBIG, "File too large")

    monkeypatch.setattr(recovery_module.os, "write", limited)
    assert folder_problem(data_dir, data_dir / DB_FILENAME) is None


def _no_room_for_the_shm(monkeypatch):
    """SQLite's real error when a WAL database cannot get its -shm: only readers of a plain
    file (immutable, which needs no -shm) get through."""
    real_connect = sqlite3.connect

    def connect(target, *args, **kwargs):
        if "immutable=1" in str(target):
            return real_connect(target, *args, **kwargs)
        error = sqlite3.OperationalError("disk I/O error")
        error.sqlite_errorcode = SQLITE_IOERR_SHMSIZE
        error.sqlite_errorname = "SQLITE_IOERR_SHMSIZE"
        raise error

    monkeypatch.setattr(sqlite3, "connect", connect)


@pytest.mark.parametrize("command", ["export", "import", "clinic status"])
def test_no_room_for_the_shm_is_a_full_disk_not_something_unexpected(
        results, tmp_path, monkeypatch, capsys, command):
    from ankle_gui.cli.main import main

    before = _folder_state(results)
    _no_room_for_the_shm(monkeypatch)
    monkeypatch.setattr(recovery_module, "free_space", lambda folder: 12 * 1024)
    args = _commands(tmp_path, results)[command]
    assert main(["--data-dir", str(results), *map(str, args)]) == 1
    err = capsys.readouterr().err
    assert "The disk is full" in err and "12 KB free" in err, err
    assert "unexpected" not in err
    assert _folder_state(results) == before


def test_an_import_with_no_room_to_write_says_the_disk_is_full(results, tmp_path, monkeypatch,
                                                                capsys):
    from ankle_gui.cli.main import main

    real_configure = database_module.configure

    def no_room_to_grow(conn):
        real_configure(conn)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's real SQLITE_FULL

    before = _folder_state(results)
    monkeypatch.setattr(database_module, "configure", no_room_to_grow)
    big = tmp_path / "in.csv"
    rows = [f"Ann,2024-01-01T{h:02d}:{m:02d}:00Z,knee_to_wall,left,9,,,,baseline,{'x' * 500}"
            for h in range(24) for m in range(0, 60, 5)]
    big.write_text(big.read_text() + "\r\n".join(rows) + "\r\n", encoding="utf-8")
    assert main(["--data-dir", str(results), "import", "--csv", str(big)]) == 1
    err = capsys.readouterr().err
    assert "nothing was imported" in err and "The disk is full" in err, err
    assert _folder_state(results) == before
