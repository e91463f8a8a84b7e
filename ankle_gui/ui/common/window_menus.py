"""The window's menus: Data (backups), Settings (player timings, clinic mode) and Help."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMenuBar


class WindowMenus(NamedTuple):
    dataMenu: QMenu
    backupsAction: QAction
    settingsMenu: QMenu
    settingsAction: QAction
    clinicSettingsAction: QAction
    helpMenu: QMenu
    aboutAction: QAction


def window_menus(bar: QMenuBar) -> WindowMenus:
    data = bar.addMenu("&Data")
    backups = data.addAction("&Backups…")
    backups.setObjectName("backupsAction")
    settings = bar.addMenu("&Settings")
    timings = settings.addAction("Player &timings…")
    timings.setObjectName("settingsAction")
    timings.setToolTip("Get-ready time, time to switch sides, and whether each set waits "
                       "for Space, for this profile")
    clinic = settings.addAction("&Clinic mode…")
    clinic.setObjectName("clinicSettingsAction")
    clinic.setToolTip("A shared PC: patients open only their own work with a code; the "
                      "clinician's side needs a PIN")
    help_menu = bar.addMenu("&Help")
    about = help_menu.addAction("&About ankle_gui…")
    about.setObjectName("aboutAction")
    about.setToolTip("The version, and where your data and the log are kept")
    return WindowMenus(data, backups, settings, timings, clinic, help_menu, about)
