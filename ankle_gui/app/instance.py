"""One running ankle_gui per data folder: a lock file, and a local socket to wake the first.

The lock (``ankle_gui.lock`` in the data folder, or next to the database a link leads to)
records the holder's process id and host. If that process has died (a crash, a power
cut), Qt sees the lock as stale and the next start takes it over. A second start on the
same folder never opens the database: it asks the running copy to bring its window to the
front, then exits.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCryptographicHash, QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from ankle_gui.store import DB_FILENAME
from ankle_gui.store.files import make_owner_only, real_path

LOCK_FILENAME = "ankle_gui.lock"
WAKE_MESSAGE = b"show\n"
WAKE_REPLY = b"shown\n"
WAKE_TIMEOUT_MS = 5000


def lock_path(data_dir: Path) -> Path:
    """The lock for the data in ``data_dir``: in that folder, or, when its database is a
    link to a file elsewhere, next to that file. Two folders linked to one database then
    share one lock, and only one copy of the app writes to it."""
    db_path = Path(data_dir) / DB_FILENAME
    real = real_path(db_path)
    if real == db_path or not real.exists():  # a link to nothing: start-up explains it
        return Path(data_dir) / LOCK_FILENAME
    return real.with_name(LOCK_FILENAME if real.name == DB_FILENAME else f"{real.name}.lock")


def server_name(data_dir: Path) -> str:
    """A socket name unique to this user and the data's lock (local to the machine, never
    network): a second start through another link to the same database wakes the first.

    SHA-256 from QtCore, the same digest as hashlib's: hashlib would load OpenSSL into the
    window's process for this one name (README, Performance).
    """
    folder = lock_path(data_dir).parent  # the data folder, as in every version, unless linked
    key = f"{os.getuid() if hasattr(os, 'getuid') else ''}:{folder.resolve()}"
    digest = QCryptographicHash.hash(key.encode(), QCryptographicHash.Algorithm.Sha256)
    return "ankle_gui-" + bytes(digest.toHex()).decode("ascii")[:20]


class SingleInstance(QObject):
    """Hold the data folder for this process; ``activated`` fires when another start asks."""

    activated = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.lock_path = lock_path(self.data_dir)
        self._lock = QLockFile(str(self.lock_path))
        self._lock.setStaleLockTime(0)  # stale only when the holder is gone, never by age
        self._server = None  # QLocalServer, once listening

    @property
    def name(self) -> str:
        return server_name(self.data_dir)

    def acquire(self) -> bool:
        """True if this process now holds the folder (a dead holder's lock is taken over)."""
        if not self._lock.tryLock(0):
            return False
        # The lock file holds our pid and host: nobody else's business either.
        make_owner_only(self.lock_path)
        self.listen()
        return True

    def listen(self) -> None:
        """Answer later starts on this folder (they ask us to show our window)."""
        if self._server is not None or not self._lock.isLocked():
            return
        name = self.name
        # Holding the lock, any socket left under our name is a crashed copy's: reuse the name.
        QLocalServer.removeServer(name)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_connection)
        self._server.listen(name)

    def cannot_write(self) -> bool:
        """The last acquire() failed because the folder is unwritable, not because it is held."""
        # Qt reports EACCES as PermissionError but EPERM/EROFS as UnknownError.
        return self._lock.error() != QLockFile.LockError.LockFailedError

    def holder(self) -> str:
        """Who holds the lock, for a message: 'process 123 on host-a'."""
        info = self._lock.getLockInfo()  # PySide6: (pid, host, app), pid 0 if unreadable
        if isinstance(info, tuple) and len(info) >= 2 and info[0]:
            return f"process {info[0]} on {info[1]}"
        return "another copy of ankle_gui"

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()

    def wake_running(self, timeout_ms: int = WAKE_TIMEOUT_MS) -> bool:
        """Ask the copy holding the folder to show its window; True if it answered."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(WAKE_MESSAGE)
        socket.flush()
        answered = False
        while socket.waitForReadyRead(timeout_ms):
            if WAKE_REPLY in bytes(socket.readAll().data()):
                answered = True
                break
        socket.disconnectFromServer()
        return answered

    def _on_connection(self) -> None:
        while self._server is not None and self._server.hasPendingConnections():
            client = self._server.nextPendingConnection()
            client.readyRead.connect(lambda c=client: self._on_message(c))
            client.disconnected.connect(client.deleteLater)

    def _on_message(self, client) -> None:
        if WAKE_MESSAGE.strip() in bytes(client.readAll().data()):
            self.activated.emit()
            client.write(WAKE_REPLY)
            client.flush()


def bring_to_front(window) -> None:
    """Show a window that may be minimised or behind others (the platform may only flash it)."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
