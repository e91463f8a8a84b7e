"""When the system ends the app (SIGTERM at shutdown, SIGHUP when its terminal closes, Ctrl+C,
or the desktop session logging out), it quits as a click on Quit would, without asking.

A Python signal handler only runs when Python gets control, which Qt's event loop does not
give it. So the signal is written to a socket (``signal.set_wakeup_fd``) that the event loop
watches, and the quit runs in the loop like any other event: the window closes (a drill in
progress keeps its finished sets and is marked interrupted), the database is closed (its
-wal folded in) and the lock let go. Nobody is there to answer a question, so none is asked.
"""

from __future__ import annotations

import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier

QUIT_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT")
                     if hasattr(signal, name))


class SystemQuit(QObject):
    """Call ``quit_now`` once, in the event loop, when the system asks the app to end."""

    def __init__(self, app, quit_now: Callable[[], None]):
        super().__init__(app)
        self._quit_now = quit_now
        self.asked = False
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._before_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        # Python's own handler must be set for the wakeup byte to be written; it does nothing
        # itself: the quit happens when the event loop reads the byte.
        self._before = {sig: signal.signal(sig, lambda number, frame: None)
                        for sig in QUIT_SIGNALS}
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_signal)
        # Logging out: the session manager asks the app to save and end.
        self._app = app
        app.commitDataRequest.connect(self._logging_out)

    def _logging_out(self, manager) -> None:
        self.quit()

    def _on_signal(self) -> None:
        try:
            received = self._reader.recv(64)
        except BlockingIOError:
            return
        if any(number in QUIT_SIGNALS for number in received):
            self.quit()

    def quit(self) -> None:
        if not self.asked:
            self.asked = True
            self._quit_now()

    def uninstall(self) -> None:
        """Back to the signal handling there was before (the process is ending)."""
        self._notifier.setEnabled(False)
        self._app.commitDataRequest.disconnect(self._logging_out)
        signal.set_wakeup_fd(self._before_fd)
        for sig, handler in self._before.items():
            signal.signal(sig, handler)
        self._reader.close()
        self._writer.close()
        self.deleteLater()
