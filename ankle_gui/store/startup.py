"""Opening the data at start-up: diagnose, ask, set aside or restore, open, back up.

No Qt here: the question to the user is a callback, so every path can be tested
without a window. The app passes a dialog; tests pass a function that answers.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from ankle_gui.core.clock import Clock, utc_now
from ankle_gui.store.backups import BackupError, BackupInfo, Backups
from ankle_gui.store.errors import StoreError
from ankle_gui.store.files import make_database_owner_only, make_owner_only_dir
from ankle_gui.store.leftovers import sweep
from ankle_gui.store.recovery import (
    Choice,
    Diagnosis,
    SetAside,
    classify,
    diagnose,
    restore_into_place,
    set_aside,
)
from ankle_gui.store.store import DB_FILENAME, Store

# Shown the problem and the newest good backup (or None), returns what the user chose.
Ask = Callable[[Diagnosis, BackupInfo | None], Choice]


class Opened(NamedTuple):
    """The data, open, and what start-up has to tell the user about it."""

    store: Store
    backups: Backups
    notes: tuple[str, ...] = ()  # things the user should be told
    set_aside: tuple[SetAside, ...] = ()
    restored_from: BackupInfo | None = None
    interrupted: tuple[int, ...] = ()  # sessions a crash left running


def _open(data_dir: Path, backups: Backups, clock: Clock) -> tuple[Store, list[int]]:
    store = Store.open(data_dir, before_migrate=backups.before_migration, clock=clock)
    try:
        make_database_owner_only(data_dir / DB_FILENAME)
        # Safe only because one instance holds the data folder (see ankle_gui.app.instance).
        interrupted = store.training.mark_running_as_interrupted()  # a write: full disk shows
    except BaseException:
        store.close()
        raise
    return store, interrupted


def open_store_safely(data_dir: Path, ask: Ask, *, daily_backup: bool = True,
                      clock: Clock = utc_now) -> Opened | None:
    """The open store, or None if the user chose to quit. Never deletes a user's file."""
    make_owner_only_dir(data_dir)
    db_path = data_dir / DB_FILENAME
    backups = Backups(db_path, clock)
    moved: list[SetAside] = []
    restored: BackupInfo | None = None
    while True:
        problem = diagnose(db_path, link_target_set_aside=bool(moved))
        if problem is None:
            try:
                store, interrupted = _open(data_dir, backups, clock)
                break
            except (StoreError, sqlite3.Error, OSError) as exc:
                problem = classify(exc, db_path)
        newest = backups.newest_good() if problem.sets_aside else None
        choice = ask(problem, newest[0] if newest else None)
        if choice is Choice.QUIT:
            return None
        if choice is Choice.RETRY or not problem.sets_aside:
            continue
        moved.append(set_aside(db_path, problem.problem))
        if choice is Choice.USE_BACKUP and newest is not None:
            restore_into_place(newest[0].path, db_path)
            restored = newest[0]
    notes: list[str] = []
    sweep(data_dir)
    if daily_backup:
        try:
            backups.make_daily_if_due(store.db.conn)
        except BackupError as exc:
            notes.append(f"Today's backup could not be made. {exc}")
    return Opened(store, backups, tuple(notes), tuple(moved), restored, tuple(interrupted))
