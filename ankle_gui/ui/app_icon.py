"""The app's icon (resources/icons/, made by packaging/make_icons.py) as a QIcon."""

from __future__ import annotations

from PySide6.QtGui import QIcon, QPixmap

from ankle_gui import resource_files

ICON_ID = "io.github.ankle_gui.AnkleGui"  # also the .desktop file's name and its Icon=
SIZES = (16, 32, 48, 64, 128, 256)
# For the window: launchers and docks take the installed theme icon (see README), and the
# 256 px one would cost 0.7 ms of start-up to decode.
WINDOW_SIZES = (16, 32, 48, 64, 128)


def app_icon() -> QIcon:
    """Every PNG size, so the window manager and the task bar each get a sharp one (read as
    bytes: importlib.resources may hand back something that is not a file on disk)."""
    icon = QIcon()
    folder = resource_files() / "icons"
    for size in WINDOW_SIZES:
        pixmap = QPixmap()
        pixmap.loadFromData((folder / f"{ICON_ID}-{size}.png").read_bytes(), "PNG")
        icon.addPixmap(pixmap)
    return icon
