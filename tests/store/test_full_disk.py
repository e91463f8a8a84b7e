"""A full disk is explained as a full disk, and a healthy database is never moved (issue 13.1).

On a real small tmpfs where this machine allows mounting one (root, mount permitted), and by
simulation everywhere: SQLite's real I/O error codes, with the free space reported as low.
"""

from __future__ import annotations

import errno
import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from helpers import leave_free, small_tmpfs

from ankle_gui.store import DB_FILENAME, Store
from ankle_gui.store import database as database_module
from ankle_gui.store import recovery as recovery_module
from ankle_gui.store.recovery import SET_ASIDE_DIRNAME, Choice, Problem, classify
from ankle_gui.store.startup import open_store_safely

SQLITE_IOERR_SHMSIZE = 4874  # what SQLite says when the -shm cannot be given its pages


class Asked:
    """Stands in for the recovery dialog: records each question and quits."""

    def __init__(self):
        self.asked = []

    def __call__(self, diagnosis, backup):
        self.asked.append(diagnosis)
        return Choice.QUIT


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fill(data_dir: Path, people: int = 30) -> None:
    store = Store.open(data_dir)
    for n in range(people):
        store.profiles.create(f"Patient {n:02d}")
    store.close()


@pytest.fixture
def tiny_disk(tmp_path):
    """A real 2 MB tmpfs, or a skip where this machine does not allow mounting one."""
    with small_tmpfs(tmp_path) as where:
        yield where


@pytest.mark.parametrize("free", [0, 4 * 1024, 8 * 1024, 20 * 1024, 60 * 1024])
def test_real_full_disk_is_explained_and_nothing_moves(tiny_disk, data_dir, free, qapp):
    from ankle_gui.app.safe_start import claim_data_folder

    _fill(data_dir)
    folder = tiny_disk / "data"
    shutil.copytree(data_dir, folder)
    before = _digest(folder / DB_FILENAME)
    leave_free(tiny_disk, free)
    files = sorted(p.name for p in folder.iterdir())

    ask = Asked()
    instance = claim_data_folder(folder, ask)
    if instance is not None:
        try:
            assert open_store_safely(folder, ask, daily_backup=False) is None
        finally:
            instance.release()
    [diagnosis] = ask.asked
    assert diagnosis.problem is Problem.DISK_FULL, diagnosis.detail
    assert diagnosis.choices(has_backup=True) == (Choice.RETRY, Choice.QUIT)
    assert _digest(folder / DB_FILENAME) == before
    assert sorted(p.name for p in folder.iterdir()) == files  # no -wal, -shm or lock left

    (tiny_disk / "filler").unlink()  # the user frees some space and tries again
    opened = open_store_safely(folder, Asked(), daily_backup=False)
    try:
        assert len(opened.store.profiles.all()) == 30
    finally:
        opened.store.close()


def _no_room_for_the_shm(monkeypatch):
    """SQLite's real error when a WAL database cannot get its -shm on a full disk."""
    real_connect = sqlite3.connect

    def connect(target, *args, **kwargs):
        if "immutable=1" in str(target):
            return real_connect(target, *args, **kwargs)  # reading as a plain file needs no room
        error = sqlite3.OperationalError("disk I/O error")
        error.sqlite_errorcode = SQLITE_IOERR_SHMSIZE
        error.sqlite_errorname = "SQLITE_IOERR_SHMSIZE"
        raise error

    monkeypatch.setattr(sqlite3, "connect", connect)


def test_simulated_full_disk_while_opening_is_not_damage(data_dir, monkeypatch):
    _fill(data_dir)
    db_path = data_dir / DB_FILENAME
    before = _digest(db_path)
    _no_room_for_the_shm(monkeypatch)
    monkeypatch.setattr(recovery_module, "free_space", lambda folder: 8 * 1024)
    ask = Asked()
    assert open_store_safely(data_dir, ask, daily_backup=False) is None
    [diagnosis] = ask.asked
    assert diagnosis.problem is Problem.DISK_FULL
    assert "8 KB free" in diagnosis.detail
    assert not diagnosis.sets_aside
    assert _digest(db_path) == before
    assert not (data_dir / SET_ASIDE_DIRNAME).exists()


def test_io_error_on_a_healthy_file_with_room_is_not_damage_either(data_dir, monkeypatch):
    _fill(data_dir)
    _no_room_for_the_shm(monkeypatch)
    monkeypatch.setattr(recovery_module, "free_space", lambda folder: 10 << 30)
    ask = Asked()
    assert open_store_safely(data_dir, ask, daily_backup=False) is None
    [diagnosis] = ask.asked
    assert diagnosis.problem is Problem.UNKNOWN
    assert diagnosis.choices(has_backup=True) == (Choice.RETRY, Choice.QUIT)


def test_a_healthy_file_is_never_called_damaged(data_dir):
    """Whatever an error says, a file that passes the read-only check is not offered for moving."""
    _fill(data_dir)
    error = database_module.NotADatabaseError("cannot be read as a database: disk I/O error")
    diagnosis = classify(error, data_dir / DB_FILENAME)
    assert not diagnosis.sets_aside
    malformed = sqlite3.DatabaseError("database disk image is malformed")
    assert not classify(malformed, data_dir / DB_FILENAME).sets_aside


def test_simulated_zero_free_lock_file_is_a_full_disk(data_dir, monkeypatch, qapp):
    """At 0 bytes free an empty lock file can be made but not written: not a read-only folder."""
    from ankle_gui.app.instance import SingleInstance
    from ankle_gui.app.safe_start import claim_data_folder

    monkeypatch.setattr(SingleInstance, "acquire", lambda self: False)
    monkeypatch.setattr(SingleInstance, "cannot_write", lambda self: True)

    def no_space(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(recovery_module, "_write_probe", no_space)
    ask = Asked()
    assert claim_data_folder(data_dir, ask) is None
    [diagnosis] = ask.asked
    assert diagnosis.problem is Problem.DISK_FULL
    assert diagnosis.choices(has_backup=False) == (Choice.RETRY, Choice.QUIT)
    assert list(data_dir.iterdir()) == []


def test_full_disk_dialog_offers_try_again_first(qtbot, data_dir):
    from ankle_gui.store.recovery import Diagnosis
    from ankle_gui.ui.data.recovery_dialog import RecoveryDialog

    dialog = RecoveryDialog(Diagnosis(Problem.DISK_FULL, data_dir / DB_FILENAME, "disk I/O error"),
                            None)
    qtbot.addWidget(dialog)
    default = [c for c, b in dialog.buttons.items() if b.isDefault()]
    assert default == [Choice.RETRY]
    assert set(dialog.buttons) == {Choice.RETRY, Choice.QUIT}
