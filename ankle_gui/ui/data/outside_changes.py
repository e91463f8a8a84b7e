"""Notices when another program changed the data: a clinic command's import, for example."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from ankle_gui.store import Store

# Besides the checks when the window gains focus or a page is shown: a window left in front
# on a clinic PC still catches up with an import run from a script. The check is one
# PRAGMA that reads a counter, a few microseconds.
POLL_MS = 3000


class OutsideChanges(QObject):
    """Emits ``changed`` once for each check that finds new commits by other connections."""

    changed = Signal()

    def __init__(self, store: Store, parent: QObject | None = None, poll_ms: int = POLL_MS,
                 seen: int | None = None):
        """``seen``: the version read earlier, so changes made since then count too."""
        super().__init__(parent)
        self._store = store
        self._seen = seen if seen is not None else store.data_version()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(poll_ms)

    def check(self) -> bool:
        """True (and ``changed`` emitted) if something changed since the last check."""
        now = self._store.data_version()
        if now is None or now == self._seen:
            return False
        self._seen = now
        self.changed.emit()
        return True

    def stop(self) -> None:
        self._timer.stop()
