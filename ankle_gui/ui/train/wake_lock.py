"""Keep the screen awake while a drill runs, where the platform lets us.

Qt has no API for this. On Linux desktops we ask the freedesktop ScreenSaver service
over D-Bus; on Windows we set the thread's execution state; on macOS we run the
system's ``caffeinate`` tool tied to our process. Anything that fails is noted and
ignored: the run itself never depends on it.
"""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys

from PySide6.QtCore import QObject

APP_NAME = "ankle_gui"
REASON = "A guided drill is running"


class ScreenAwake(QObject):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._cookie: int | None = None
        self._caffeinate: subprocess.Popen | None = None
        self._windows = False
        self.note = ""

    @property
    def active(self) -> bool:
        return self._cookie is not None or self._caffeinate is not None or self._windows

    def hold(self) -> bool:
        """Stop the screen from blanking; True if the platform agreed."""
        if self.active:
            return True
        try:
            if sys.platform.startswith("linux"):
                self._hold_dbus()
            elif sys.platform == "win32":
                self._hold_windows()
            elif sys.platform == "darwin":
                self._caffeinate = subprocess.Popen(
                    ["caffeinate", "-d", "-w", str(os.getpid())],
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except Exception as exc:  # noqa: BLE001 - staying awake is a nicety, never a failure
            self.note = f"could not keep the screen awake ({exc})"
        if not self.active and not self.note:
            self.note = "this system gives no way to keep the screen awake"
        return self.active

    def release(self) -> None:
        try:
            if self._cookie is not None:
                from PySide6.QtDBus import QDBusConnection, QDBusInterface

                iface = QDBusInterface("org.freedesktop.ScreenSaver",
                                       "/org/freedesktop/ScreenSaver",
                                       "org.freedesktop.ScreenSaver",
                                       QDBusConnection.sessionBus())
                iface.call("UnInhibit", self._cookie)
            if self._caffeinate is not None:
                self._caffeinate.terminate()
            if self._windows:
                ctypes.windll.kernel32.SetThreadExecutionState(0x80000000)  # ES_CONTINUOUS
        except Exception:  # noqa: BLE001 - releasing must never raise during shutdown
            pass
        finally:
            self._cookie = None
            self._caffeinate = None
            self._windows = False

    def _hold_dbus(self) -> None:
        from PySide6.QtDBus import QDBusConnection, QDBusInterface, QDBusMessage

        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            self.note = "no desktop session bus, so the screen may dim"
            return
        iface = QDBusInterface("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver",
                               "org.freedesktop.ScreenSaver", bus)
        if not iface.isValid():
            self.note = "the desktop offers no screensaver control, so the screen may dim"
            return
        reply = iface.call("Inhibit", APP_NAME, REASON)
        if reply.type() == QDBusMessage.MessageType.ReplyMessage and reply.arguments():
            self._cookie = int(reply.arguments()[0])
        else:
            self.note = "the desktop refused to keep the screen awake"

    def _hold_windows(self) -> None:
        # ES_CONTINUOUS | ES_DISPLAY_REQUIRED | ES_SYSTEM_REQUIRED
        if ctypes.windll.kernel32.SetThreadExecutionState(0x80000000 | 0x2 | 0x1):
            self._windows = True
