"""A database reached through a symbolic link (issue 28, 8): a link to nothing is explained,
a damaged file is set aside where it really is (never the link), and the single-instance
lock follows the link, so two folders linked to one database cannot both write to it."""

from __future__ import annotations

import hashlib
import os

import pytest

from ankle_gui.store import DB_FILENAME, Store
from ankle_gui.store.backups import MANUAL, Backups
from ankle_gui.store.recovery import SET_ASIDE_DIRNAME, Choice, Problem
from ankle_gui.store.startup import open_store_safely


class Answers:
    def __init__(self, *choices):
        self.choices = list(choices)
        self.asked = []

    def __call__(self, diagnosis, backup):
        self.asked.append(diagnosis)
        return self.choices.pop(0)


@pytest.fixture
def elsewhere(tmp_path):
    """Where the real file lives (a drive, a synced folder), and a data folder linking to it."""
    real_dir = tmp_path / "drive"
    real_dir.mkdir()
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / DB_FILENAME).symlink_to(real_dir / "clinic.sqlite3")
    return data_dir, real_dir / "clinic.sqlite3"


def test_a_link_to_nothing_is_explained_and_nothing_is_made(elsewhere):
    data_dir, real = elsewhere
    ask = Answers(Choice.RETRY, Choice.QUIT)
    assert open_store_safely(data_dir, ask, daily_backup=False) is None
    assert [d.problem for d in ask.asked] == [Problem.BROKEN_LINK] * 2
    assert str(real) in ask.asked[0].detail and "does not exist" in ask.asked[0].detail
    assert ask.asked[0].choices(has_backup=True) == (Choice.RETRY, Choice.QUIT)
    assert not real.exists() and (data_dir / DB_FILENAME).is_symlink()
    assert sorted(p.name for p in real.parent.iterdir()) == []


def test_the_cli_explains_a_link_to_nothing_too(elsewhere, tmp_path, capsys):
    from ankle_gui.cli.main import main

    data_dir, real = elsewhere
    assert main(["--data-dir", str(data_dir), "export", "--csv", str(tmp_path / "o.csv")]) == 1
    err = capsys.readouterr().err
    assert "points to a place that is empty" in err and str(real) in err, err
    assert "unable to open" not in err
    assert list(real.parent.iterdir()) == []


def _damaged(real) -> bytes:
    store = Store.open(real.parent)  # made as ankle_gui.sqlite3, then renamed
    store.profiles.create("Ann")
    store.close()
    (real.parent / DB_FILENAME).rename(real)
    data = real.read_bytes()
    bad = data[:4096] + bytes(len(data) - 4096)  # every page after the first zeroed
    real.write_bytes(bad)
    return bad


def test_a_damaged_file_behind_a_link_is_set_aside_where_it_is(elsewhere):
    data_dir, real = elsewhere
    bad = _damaged(real)
    ask = Answers(Choice.FRESH_START)
    opened = open_store_safely(data_dir, ask, daily_backup=False)
    try:
        assert [d.problem for d in ask.asked] == [Problem.DAMAGED]
        assert ask.asked[0].set_aside_folder == real.parent / SET_ASIDE_DIRNAME
        opened.store.profiles.create("Bo")
    finally:
        opened.store.close()
    [kept] = (real.parent / SET_ASIDE_DIRNAME).iterdir()
    assert hashlib.sha256(kept.read_bytes()).digest() == hashlib.sha256(bad).digest()
    link = data_dir / DB_FILENAME
    assert link.is_symlink() and os.readlink(link) == str(real)  # the link was not moved
    assert not (data_dir / SET_ASIDE_DIRNAME).exists()
    again = Store.open(data_dir)  # the fresh start is where the link leads
    try:
        assert again.profiles.names() == ["Bo"]
    finally:
        again.close()


def test_a_backup_goes_back_where_the_link_leads(elsewhere):
    data_dir, real = elsewhere
    store = Store.open(real.parent)
    store.profiles.create("Ann")
    Backups(data_dir / DB_FILENAME).make(store.db.conn, MANUAL)
    store.close()
    (real.parent / DB_FILENAME).rename(real)
    real.write_bytes(b"this is not a database")
    ask = Answers(Choice.USE_BACKUP)
    opened = open_store_safely(data_dir, ask, daily_backup=False)
    try:
        assert [d.problem for d in ask.asked] == [Problem.NOT_SQLITE]
        assert opened.store.profiles.names() == ["Ann"]
    finally:
        opened.store.close()
    assert (data_dir / DB_FILENAME).is_symlink() and real.stat().st_size > 0


def test_two_folders_linked_to_one_database_share_one_lock(tmp_path, qapp):
    from ankle_gui.app.instance import SingleInstance, server_name

    real_dir = tmp_path / "shared"
    real_dir.mkdir()
    Store.open(real_dir).close()
    folders = []
    for name in ("desk", "laptop"):
        folder = tmp_path / name
        folder.mkdir()
        (folder / DB_FILENAME).symlink_to(real_dir / DB_FILENAME)
        folders.append(folder)
    first, second = SingleInstance(folders[0]), SingleInstance(folders[1])
    assert first.acquire()
    try:
        assert not second.acquire() and not second.cannot_write()
        assert first.lock_path == second.lock_path == real_dir / "ankle_gui.lock"
        assert server_name(folders[0]) == server_name(folders[1]) == server_name(real_dir)
    finally:
        first.release()
    assert second.acquire()
    second.release()
