"""The careful part of start-up: hold the data folder, open the data, say what happened.

``app.run_gui`` calls these in order: ``claim_data_folder`` (one instance per folder),
``open_data`` (diagnosis and recovery, with the recovery dialog as the question),
then ``after_window_shown`` (notes, unfinished sessions, waking by a second start).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from ankle_gui.app.instance import SingleInstance, bring_to_front
from ankle_gui.core.clock import Clock
from ankle_gui.store import DB_FILENAME
from ankle_gui.store.recovery import Choice, Diagnosis, Problem, folder_problem
from ankle_gui.store.startup import Ask, Opened, open_store_safely

OWNER_ONLY_UMASK = 0o077


def restrict_new_files() -> None:
    """Everything this process creates (data, backups, exports) is for its owner's eyes."""
    if os.name == "posix":
        os.umask(OWNER_ONLY_UMASK)


def _timed_message(title: str, text: str, close_after_ms: int | None) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, title, text)
    if close_after_ms is not None:  # scripted runs: never wait for a click
        QTimer.singleShot(close_after_ms, box.accept)
    box.exec()


def lock_problem(data_dir: Path, instance: SingleInstance) -> Diagnosis | None:
    """Why the lock could not be taken when no other copy holds it, or None if one does."""
    db_path = data_dir / DB_FILENAME
    lock_path = instance.lock_path
    if lock_path.is_dir():  # Qt would take it for a lock held by a copy that does not answer
        return Diagnosis(Problem.IN_THE_WAY, db_path,
                         f"{lock_path} is a folder; ankle_gui needs a file of that name")
    if not instance.cannot_write():
        return None
    # Read-only folder or full disk (which still accepts an empty file, not the lock's text).
    return folder_problem(lock_path.parent, db_path) or Diagnosis(
        Problem.UNKNOWN, db_path, f"{lock_path}: the lock file cannot be written")


def claim_data_folder(data_dir: Path, ask: Ask, *,
                      close_after_ms: int | None = None) -> SingleInstance | None:
    """Hold ``data_dir`` for this process, or wake the copy that holds it and return None."""
    instance = SingleInstance(data_dir)
    while not instance.acquire():
        problem = lock_problem(data_dir, instance)
        if problem is not None:
            if ask(problem, None) is Choice.QUIT:
                return None
            continue
        if instance.wake_running():
            print("ankle_gui: already open on this data folder; brought its window to the front.",
                  file=sys.stderr)
        else:
            text = (f"ankle_gui is already open on this data folder ({instance.holder()}), "
                    "but it did not answer. Only one copy may use the data at a time, so this "
                    "one will close without changing anything.")
            print(f"ankle_gui: {text}", file=sys.stderr)
            _timed_message("ankle_gui is already open", text, close_after_ms)
        return None
    return instance


def open_data(data_dir: Path, ask: Ask, clock: Clock) -> Opened | None:
    return open_store_safely(data_dir, ask, clock=clock)


def _woken(window) -> None:
    print("ankle_gui: a second start on this data folder asked for this window.",
          file=sys.stderr, flush=True)
    bring_to_front(window)


def start_up_notes(opened: Opened) -> list[str]:
    notes = list(opened.notes)
    for aside in opened.set_aside:
        where = aside.moved[-1][1] if aside.moved else None
        if where is not None:
            notes.append(f"The unusable data file was kept as {where}.")
    if opened.restored_from is not None:
        notes.append(f"Your data was restored from the backup {opened.restored_from.path.name}.")
    return notes


def after_window_shown(window, opened: Opened, instance: SingleInstance, *,
                       offer_unfinished: bool = True) -> None:
    """Wire waking by a second start, show start-up notes, offer unfinished sessions."""
    instance.activated.connect(lambda: _woken(window))
    notes = start_up_notes(opened)
    if notes:
        text = " ".join(notes)
        print(f"ankle_gui: {text}", file=sys.stderr)
        window.statusBar().showMessage(text)
    if offer_unfinished and opened.store.training.interrupted_count():
        QTimer.singleShot(0, window.offer_unfinished_sessions)
