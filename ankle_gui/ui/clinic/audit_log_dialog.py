"""The audit log for the clinician: when, who, what and which patient, newest first.

The log itself never holds a code or a PIN (services/patient_access.py), so nothing here
has to be hidden.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ankle_gui.core.clock import local_display
from ankle_gui.services.patient_access import Access, PatientAccess
from ankle_gui.store import Store
from ankle_gui.ui.common.widgets import label

ACTION_WORDS = {
    "clinician_unlock": "Clinician unlocked the app",
    "patient_opened": "Patient opened",
    "export": "Export",
    "report": "Report printed or saved",
    "import": "Import",
    "restore": "Restore of a backup",
    "delete": "Patient deleted",
    "code_changed": "Patient code changed",
    "clinic_enabled": "Clinic mode turned on",
    "clinic_disabled": "Clinic mode turned off",
    "pin_changed": "PIN changed",
    "pin_reset": "PIN reset from the command line",
    "settings_changed": "Settings changed",
}
ACTOR_WORDS = {"clinician": "Clinician", "patient": "Patient", "cli": "Command line"}


def action_words(action: str) -> str:
    return ACTION_WORDS.get(action, action.replace("_", " ").capitalize())


class AuditLogDialog(QDialog):
    def __init__(self, store: Store, access: Access, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("auditLogDialog")
        self.setWindowTitle("Audit log")
        self.resize(860, 540)
        entries = PatientAccess(store).audit_entries(access)  # NotAllowed for a patient
        names = {p.id: p.name for p in store.profiles.all()}

        self.table = QTableWidget(len(entries), 5)
        self.table.setObjectName("auditTable")
        self.table.setHorizontalHeaderLabels(["When", "Who", "What", "Patient", "Detail"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        for row, entry in enumerate(entries):
            if entry.profile_id is None:
                patient = ""
            else:  # a deleted patient's name is gone with everything else of theirs
                patient = names.get(entry.profile_id, f"deleted patient (no. {entry.profile_id})")
            cells = [local_display(entry.at), ACTOR_WORDS.get(entry.actor, entry.actor),
                     action_words(entry.action), patient, entry.detail]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label(
            "Who did what, and when, newest first (the last 500 entries). The log never holds "
            "a patient code or the PIN. A restore or an import does not roll it back.", "hint"))
        if not entries:
            layout.addWidget(label("Nothing has been logged yet.", "hint"))
        layout.addWidget(self.table, 1)
        layout.addWidget(close)

    def texts(self) -> list[list[str]]:
        """Every cell, row by row (for tests and for a quick look)."""
        return [[self.table.item(r, c).text() for c in range(self.table.columnCount())]
                for r in range(self.table.rowCount())]
