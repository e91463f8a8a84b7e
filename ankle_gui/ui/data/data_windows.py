"""The windows the main window opens over its pages: Backups, Clinic mode, unfinished sessions.

Each dialog's result is passed on as a signal here, so the main window wires it with the rest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from ankle_gui.ui.main_window import MainWindow


class DataWindows(QObject):
    resumeRequested = Signal(int, int)   # session id, profile id: from unfinished sessions
    dataReplaced = Signal()              # a restore or import changed everything
    clinicModeChanged = Signal(str)      # "clinic" or "home"
    clinicSettingsChanged = Signal()     # idle minutes, kiosk, clinic name

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self._window = window

    def offer_unfinished_sessions(self):
        """Ask about sessions left unfinished; Resume carries on in the Train page."""
        from ankle_gui.store.unfinished import unfinished_sessions
        from ankle_gui.ui.train.interrupted_dialog import InterruptedDialog

        w = self._window
        unfinished = unfinished_sessions(w.store)
        if w.who.in_clinic:  # only the patient's own, once they have opened their profile
            mine = w.current.id if w.clinic.patient_here() else None
            unfinished = [u for u in unfinished if u.profile_id == mine]
        if not unfinished:
            return None
        dialog = InterruptedDialog(w.store, unfinished, w)
        dialog.resumeRequested.connect(self.resumeRequested)
        dialog.open()
        return dialog

    def open_backups(self):
        """The Backups window; restore and import wait while a drill is running."""
        w = self._window
        if not w.who.permissions.can_backup:
            return None
        from ankle_gui.ui.data.backups_dialog import BackupsDialog

        train = w.built_page("Train")
        busy = train is not None and train.running
        copies = None
        if w.who.in_clinic:  # the clinician's restores and exports go into the audit log
            from ankle_gui.services.copies import CheckedCopies

            copies = CheckedCopies(w.store, w.who.access, w.clinic.clock)
        dialog = BackupsDialog(w.store, w, busy_reason=(
            "Restore and import are available once the drill in progress has ended."
            if busy else None), copies=copies)
        dialog.dataReplaced.connect(self.dataReplaced)
        dialog.open()
        return dialog

    def open_clinic_settings(self):
        """Clinic mode on or off, and its settings (written with the clinician's dashboard)."""
        w = self._window
        if not w.who.permissions.can_settings:
            return None
        from ankle_gui.ui.clinic.clinic_settings_dialog import ClinicSettingsDialog

        dialog = ClinicSettingsDialog(w.store, w.who, w)
        dialog.modeChanged.connect(self.clinicModeChanged)
        dialog.settingsChanged.connect(self.clinicSettingsChanged)
        dialog.open()
        return dialog
