"""The clinician's patients dashboard: one row per patient, and what can be done from a row."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from ankle_gui.core.catalogue import Catalogue
from ankle_gui.core.clinic import Role
from ankle_gui.core.clock import utc_now
from ankle_gui.services.dashboard import dashboard
from ankle_gui.store.store import Store
from ankle_gui.ui.common.who_is_here import WhoIsHere


class PatientsDashboard(QWidget):
    openPatientRequested = Signal(int)  # profile id
    patientsChanged = Signal()          # created, renamed, deleted, code or programme set
    dataReplaced = Signal()             # a restore or an import swapped all data
    settingsChanged = Signal()          # idle minutes, kiosk, clinic name

    def __init__(self, store: Store, catalogue: Catalogue, who: WhoIsHere,
                 parent: QWidget | None = None, *,
                 clock: Callable[[], datetime] = utc_now):
        super().__init__(parent)
        self.setObjectName("patientsDashboard")
        self._store, self._catalogue, self._who, self._clock = store, catalogue, who, clock
        self.patientTable = QTableWidget(0, 1)
        self.patientTable.setObjectName("patientTable")
        self.patientTable.setHorizontalHeaderLabels(["Patient"])
        layout = QVBoxLayout(self)
        layout.addWidget(self.patientTable)
        who.changed.connect(lambda _access: self.reload())
        self.reload()

    def reload(self) -> None:
        self.patientTable.setRowCount(0)
        if self._who.role is not Role.CLINICIAN:
            return
        for row in dashboard(self._store, self._who.access, clock=self._clock):
            at = self.patientTable.rowCount()
            self.patientTable.insertRow(at)
            self.patientTable.setItem(at, 0, QTableWidgetItem(row.name))
