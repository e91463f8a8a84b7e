"""The windows the main window opens over its pages: Backups, Clinic mode, unfinished sessions,
About.

Each dialog's result is passed on as a signal here, so the main window wires it with the rest.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from ankle_gui.services.copies import DataCopies
from ankle_gui.store import Store
from ankle_gui.store.unfinished import unfinished_sessions
from ankle_gui.ui.clinic.clinic_settings_dialog import ClinicSettingsDialog
from ankle_gui.ui.clinic.shared_screen import SharedScreen
from ankle_gui.ui.common.about_dialog import AboutDialog
from ankle_gui.ui.common.current_profile import CurrentProfile
from ankle_gui.ui.common.who_is_here import WhoIsHere
from ankle_gui.ui.data.backups_dialog import BackupsDialog
from ankle_gui.ui.train.interrupted_dialog import InterruptedDialog


class DataWindowsHost(Protocol):
    """What these windows need of the main window (ui/main_window.py)."""

    store: Store
    who: WhoIsHere
    current: CurrentProfile
    clinic: SharedScreen

    def built_page(self, name: str) -> QWidget | None: ...


class DataWindows(QObject):
    resumeRequested = Signal(int, int)   # session id, profile id: from unfinished sessions
    dataReplaced = Signal()              # a restore or import changed everything
    clinicModeChanged = Signal(str)      # "clinic" or "home"
    clinicSettingsChanged = Signal()     # idle minutes, kiosk, clinic name

    def __init__(self, window: DataWindowsHost, parent: QWidget):
        """``parent``: the window the dialogs open over."""
        super().__init__(parent)
        self._window = window
        self._over = parent

    def offer_unfinished_sessions(self):
        """Ask about sessions left unfinished; Resume carries on in the Train page."""
        w = self._window
        unfinished = unfinished_sessions(w.store)
        if w.who.in_clinic:  # only the patient's own, once they have opened their profile
            mine = w.current.id if w.clinic.patient_here() else None
            unfinished = [u for u in unfinished if u.profile_id == mine]
        if not unfinished:
            return None
        dialog = InterruptedDialog(w.store, unfinished, self._over, access=w.who.access)
        dialog.resumeRequested.connect(self.resumeRequested)
        dialog.open()
        return dialog

    def open_backups(self):
        """The Backups window; restore and import wait while a drill is running."""
        w = self._window
        if not w.who.permissions.can_backup:
            return None
        train = w.built_page("Train")
        busy = train is not None and train.running
        # In clinic mode, the clinician's restores and exports go into the audit log.
        copies = DataCopies(w.store, w.who.access, w.clinic.clock)
        dialog = BackupsDialog(w.store, self._over, busy_reason=(
            "Restore and import are available once the drill in progress has ended."
            if busy else None), copies=copies)
        dialog.dataReplaced.connect(self.dataReplaced)
        dialog.open()
        return dialog

    def open_about(self) -> AboutDialog | None:
        """Help → About: the version, and where the data and the log are (not for a patient
        at the clinic's PC, whose menu bar is hidden anyway: no paths for them)."""
        if not self._window.who.permissions.can_settings:
            return None
        path = self._window.store.path
        dialog = AboutDialog(path.parent if path is not None else None, self._over)
        dialog.open()
        return dialog

    def open_clinic_settings(self):
        """Clinic mode on or off, and its settings (written with the clinician's dashboard)."""
        w = self._window
        if not w.who.permissions.can_settings:
            return None
        dialog = ClinicSettingsDialog(w.store, w.who, self._over)
        dialog.modeChanged.connect(self.clinicModeChanged)
        dialog.settingsChanged.connect(self.clinicSettingsChanged)
        dialog.open()
        return dialog
