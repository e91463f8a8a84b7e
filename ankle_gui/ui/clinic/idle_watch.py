"""Clinic mode: notice when nobody has touched the shared PC for a while.

Any key, click, mouse move, wheel or touch anywhere in the app is activity, and so is a
drill phase the clock drives (a timer, paced reps: the patient is at arm's length, not at
the keyboard). A phase that waits for the person (self-paced reps, a pause) is not. The
time is read from a monotonic clock on every check, never counted in timer ticks: a busy or
suspended machine cannot stretch the wait.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from ankle_gui.core.clinic import DEFAULT_IDLE_MINUTES, idle_for_too_long

# What a person does; paint, timer and focus events are the app's own and do not count.
INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride,
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
    QEvent.Type.TabletPress,
})
CHECK_EVERY_MS = 1000


class IdleWatch(QObject):
    idle = Signal()  # nobody there for the set time: back to the welcome screen

    def __init__(self, drill_running: Callable[[], bool],
                 monotonic: Callable[[], float] = time.monotonic,
                 minutes: int = DEFAULT_IDLE_MINUTES, parent: QObject | None = None):
        super().__init__(parent)
        self._drill_running = drill_running
        self._monotonic = monotonic
        self._minutes = minutes
        self._last_input = monotonic()
        self._watching = False
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)

    @property
    def minutes(self) -> int:
        return self._minutes

    @property
    def watching(self) -> bool:
        return self._watching

    def set_minutes(self, minutes: int) -> None:
        self._minutes = minutes

    def start(self) -> None:
        """Watch from now on; the wait starts afresh."""
        self.touch()
        if not self._watching:
            QApplication.instance().installEventFilter(self)
            self._watching = True
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        if self._watching:
            QApplication.instance().removeEventFilter(self)
            self._watching = False

    def touch(self) -> None:
        """Count now as activity (a new person at the screen starts a full wait)."""
        self._last_input = self._monotonic()

    def seconds_left(self) -> float:
        return self._last_input + self._minutes * 60 - self._monotonic()

    def check(self) -> bool:
        """Emit ``idle`` (and return True) once the wait is over."""
        now = self._monotonic()
        running = self._drill_running()
        if running:  # the end of a drill starts a full wait, not one already used up
            self._last_input = now
        if not idle_for_too_long(now, self._last_input, self._minutes, running):
            return False
        self._last_input = now  # one lock per quiet spell
        self.idle.emit()
        return True

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() in INPUT_EVENTS:
            self._last_input = self._monotonic()
        return False
