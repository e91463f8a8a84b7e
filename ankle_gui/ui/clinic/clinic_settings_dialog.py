"""Clinic mode on or off, and the clinician's settings: idle time, kiosk, name, PIN."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from ankle_gui.store.store import Store
from ankle_gui.ui.common.who_is_here import WhoIsHere


class ClinicSettingsDialog(QDialog):
    modeChanged = Signal(str)   # "clinic" or "home"
    settingsChanged = Signal()  # idle minutes, kiosk, clinic name

    def __init__(self, store: Store, who: WhoIsHere, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("clinicSettingsDialog")
        self.setWindowTitle("Clinic mode")
        self._store, self._who = store, who
        QVBoxLayout(self)
