"""Where the main window sits on the screen: kept between starts, and full screen and back."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow

from ankle_gui.services.preferences import GEOMETRY_KEY, Preferences
from ankle_gui.store import Store

# The size the pages were laid out for; a smaller screen gets the window maximised instead.
PREFERRED_SIZE = (1280, 800)


class WindowPlacement:
    def __init__(self, window: QMainWindow, store: Store):
        self._window = window
        self._store = store
        self._was_maximised = False          # before full screen, to come back to it
        self._geometry_before_full_screen = None

    def place_on_screen(self) -> None:
        """Where the person left it; the first time, as large as fits the screen."""
        w = self._window
        saved = Preferences(self._store).get(GEOMETRY_KEY)
        # Qt moves a window saved on a screen that is gone back onto one that exists.
        if saved and w.restoreGeometry(QByteArray.fromBase64(saved.encode("ascii"))):
            return
        screen = w.screen() or QGuiApplication.primaryScreen()
        room = screen.availableGeometry()
        width, height = PREFERRED_SIZE
        small_screen = room.width() < width or room.height() < height
        # Un-maximised later, the window keeps a size that leaves room for its frame.
        w.resize(min(width, int(room.width() * 0.9)), min(height, int(room.height() * 0.9)))
        frame = w.frameGeometry()
        frame.moveCenter(room.center())
        w.move(frame.topLeft())
        if small_screen:
            # A 1366×768 laptop: the whole screen is just enough, so use all of it.
            w.setWindowState(Qt.WindowState.WindowMaximized)

    def save(self) -> None:
        """Keep the window's place, size and maximised state for the next start."""
        w = self._window
        geometry = self._geometry_before_full_screen if w.isFullScreen() else w.saveGeometry()
        if geometry is not None:
            Preferences(self._store).set(GEOMETRY_KEY, bytes(geometry.toBase64()).decode("ascii"))

    def full_screen(self, on: bool, *, stay: bool = False) -> None:
        """Into full screen, or back to how it was before; ``stay``: a kiosk never leaves it."""
        w = self._window
        if on:
            if not w.isFullScreen():
                self._was_maximised = w.isMaximized()
                self._geometry_before_full_screen = w.saveGeometry()
            w.showFullScreen()
        elif w.isFullScreen() and not stay:
            # Back to how it was: maximised stays maximised, a normal window keeps its place.
            if self._was_maximised:
                w.showMaximized()
            else:
                w.showNormal()
                w.restoreGeometry(self._geometry_before_full_screen)
            self._geometry_before_full_screen = None
