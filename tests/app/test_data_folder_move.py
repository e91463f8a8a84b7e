"""The data folder moves up from ankle_gui/ankle_gui/ whole, by renames: never lost, never
two live copies, and a move cut short is finished by the next start."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QLockFile

from ankle_gui.app.data_folder import default_data_dir, move_up_doubled_folder
from ankle_gui.app.instance import LOCK_FILENAME
from ankle_gui.store import DB_FILENAME, Store


@pytest.fixture
def old_layout(tmp_path):
    """Data where 0.1.0 kept them: <base>/ankle_gui/ankle_gui/, with a backup and a -wal."""
    new = tmp_path / "share" / "ankle_gui"
    old = new / "ankle_gui"
    old.mkdir(parents=True)
    store = Store.open(old)
    store.profiles.create("Sam")
    store.close()
    (old / "backups").mkdir()
    (old / "backups" / "daily.sqlite3").write_bytes(b"a backup")
    (old / f"{DB_FILENAME}-wal").write_bytes(b"")
    return new, old


def _profiles(folder):
    store = Store.open(folder)
    try:
        return [p.name for p in store.profiles.all()]
    finally:
        store.close()


def _live_copies(new, old):
    return [f for f in (new / DB_FILENAME, old / DB_FILENAME) if f.exists()]


def test_the_data_move_up_whole(old_layout):
    new, old = old_layout
    inode = (old / DB_FILENAME).stat().st_ino
    assert move_up_doubled_folder(new) == new
    assert (new / DB_FILENAME).stat().st_ino == inode  # moved, not copied
    assert (new / "backups" / "daily.sqlite3").read_bytes() == b"a backup"
    assert (new / f"{DB_FILENAME}-wal").exists()
    assert not old.exists() and not (new.parent / ".ankle_gui.moving-up").exists()
    assert _profiles(new) == ["Sam"]
    assert move_up_doubled_folder(new) == new  # the next start: nothing more to do


def test_a_move_cut_short_between_the_renames_is_finished(old_layout):
    new, old = old_layout
    aside = new.parent / ".ankle_gui.moving-up"
    os.rename(new, aside)  # the first rename done, then the power went
    assert _live_copies(new, aside / "ankle_gui") == [aside / "ankle_gui" / DB_FILENAME]
    assert move_up_doubled_folder(new) == new
    assert _profiles(new) == ["Sam"] and not aside.exists()


def test_a_move_cut_short_after_the_renames_is_finished(old_layout):
    new, old = old_layout
    (new / "notes.txt").write_text("beside the old folder")
    aside = new.parent / ".ankle_gui.moving-up"
    os.rename(new, aside)
    os.rename(aside / "ankle_gui", new)  # both renames done; notes.txt still aside
    assert _live_copies(new, old) == [new / DB_FILENAME]
    assert move_up_doubled_folder(new) == new
    assert (new / "notes.txt").read_text() == "beside the old folder"
    assert not aside.exists() and _profiles(new) == ["Sam"]


def test_nothing_moves_while_another_copy_holds_the_old_folder(old_layout):
    new, old = old_layout
    held = QLockFile(str(old / LOCK_FILENAME))
    assert held.tryLock(0)
    try:
        assert move_up_doubled_folder(new) == old
        assert _live_copies(new, old) == [old / DB_FILENAME]
    finally:
        held.unlock()
    assert move_up_doubled_folder(new) == new


def test_two_databases_are_both_left_alone(old_layout):
    new, old = old_layout
    Store.open(new).close()
    assert move_up_doubled_folder(new) == new
    assert len(_live_copies(new, old)) == 2


def test_the_default_folder_is_named_once(tmp_path, monkeypatch, qapp):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    assert default_data_dir() == tmp_path / "share" / "ankle_gui"
