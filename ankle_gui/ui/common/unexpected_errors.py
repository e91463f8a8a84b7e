"""An error nobody foresaw, raised in a click or a timer: said in the window, logged, survived.

Without this, Qt prints the traceback on a terminal nobody reads, the click does nothing and
the person does not know why. A failure of the database (a ``StoreError``: locked by another
program, a full disk, a damaged file) gets its own words, since it is usually something the
person can act on.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from ankle_gui.store import StoreError, WriteRefusedError


def explain(exc: BaseException, log: Path | None) -> tuple[str, str]:
    """(title, text) for the message box."""
    details = f" The details were saved in {log}." if log else ""
    if isinstance(exc, WriteRefusedError):
        return ("Not saved", f"The database refused the change, so none of it was kept: {exc}. "
                             f"What was saved before is safe. Try again in a moment.{details}")
    if isinstance(exc, StoreError):
        return ("The database did not answer",
                f"ankle_gui could not use its database just now: {exc}. What was saved "
                "before is kept. Try again in a moment; if it keeps happening, close other "
                f"programs that use the data folder, or restore a backup (Data → Backups…)."
                f"{details}")
    return ("Something went wrong",
            f"Something unexpected went wrong ({type(exc).__name__}: {exc}). What was saved "
            f"before is kept, and the app goes on.{details}")


class UnexpectedErrors(QObject):
    """Installs itself as ``sys.excepthook`` while the window runs; ``uninstall`` puts the
    previous hook back."""

    def __init__(self, window: QWidget, log: Callable[[BaseException], Path | None]):
        super().__init__(window)
        self._window = window
        self._log = log
        self._previous = sys.excepthook
        self._showing = False
        self.shown: list[str] = []   # every text shown, for tests and scripted runs

    def install(self) -> None:
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        if sys.excepthook == self.handle:
            sys.excepthook = self._previous

    def handle(self, kind: type[BaseException], exc: BaseException,
               tb: TracebackType | None) -> None:
        if not isinstance(exc, Exception):  # Ctrl+C and exits are not errors to report
            self._previous(kind, exc, tb)
            return
        self._previous(kind, exc, tb)      # the traceback on the terminal, as before
        where = self._log(exc)
        if not self._showing:              # one box at a time; the others are in the log
            self._showing = True
            # After the slot has returned: no window opens inside half-done work.
            QTimer.singleShot(0, self, lambda: self._show(exc, where))

    def _show(self, exc: BaseException, where: Path | None) -> None:
        title, text = explain(exc, where)
        self.shown.append(text)
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
                          self._window)
        box.setObjectName("unexpectedErrorBox")
        box.finished.connect(self._closed)
        box.open()

    def _closed(self, _result: int) -> None:
        self._showing = False
