"""The Qt side of the session clock: a precise timer that polls the engine.

It never counts ticks. Each wake-up is scheduled for the moment the engine says the
screen next changes (a whole second, a paced part), capped so that sleep detection
and the pause button stay responsive; the engine works out everything else from
``time.monotonic()``.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

MAX_WAIT_MS = 200   # poll at least this often, even when nothing is due


class EngineTicker(QObject):
    """Calls ``poll`` at (or just after) each due time ``next_due`` reports."""

    woke = Signal()

    def __init__(self, poll: Callable[[], None], next_due: Callable[[], float | None],
                 clock: Callable[[], float] = time.monotonic, parent: QObject | None = None):
        super().__init__(parent)
        self._poll = poll
        self._next_due = next_due
        self._clock = clock
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._wake)
        self._due: float | None = None
        self._enabled = False
        self.max_lateness_s = 0.0     # worst wake after a due time (event-loop stall)

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        self._enabled = True
        self.schedule()

    def stop(self) -> None:
        self._enabled = False
        self._timer.stop()
        self._due = None

    def schedule(self) -> None:
        """Re-plan the next wake; call after any command that changes the engine."""
        if not self._enabled:
            return
        due = self._next_due()
        now = self._clock()
        wait_ms = MAX_WAIT_MS
        self._due = None
        if due is not None:
            until = max(0, math.ceil((due - now) * 1000))
            if until <= MAX_WAIT_MS:
                wait_ms = until
                self._due = due
        self._timer.start(wait_ms)

    def _wake(self) -> None:
        if self._due is not None:
            self.max_lateness_s = max(self.max_lateness_s, self._clock() - self._due)
        self._poll()
        self.woke.emit()
        if self._enabled and not self._timer.isActive():
            self.schedule()
