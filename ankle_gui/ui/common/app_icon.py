"""The app's icon (resources/icons/, made by packaging/make_icons.py) as a QIcon."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QPixmap

from ankle_gui import APP_ID, resource_files

ICON_ID = APP_ID  # the icon's file names, as the .desktop file's Icon= asks
SIZES = (16, 32, 48, 64, 128, 256)
# For the window: launchers and docks take the installed theme icon (see README), and the
# 256 px one would only be decoded, at a cost, when the window is shown.
WINDOW_SIZES = (16, 32, 48, 64, 128)


def app_icon() -> QIcon:
    """Every PNG size, so the window manager and the task bar each get a sharp one. Files
    on disk are added by name, and Qt decodes one only when a size is asked for; anything
    else importlib.resources may hand back is read as bytes."""
    icon = QIcon()
    folder = resource_files() / "icons"
    for size in WINDOW_SIZES:
        png = folder / f"{ICON_ID}-{size}.png"
        if isinstance(png, Path):
            icon.addFile(str(png), QSize(size, size))
        else:
            pixmap = QPixmap()
            pixmap.loadFromData(png.read_bytes(), "PNG")
            icon.addPixmap(pixmap)
    return icon
