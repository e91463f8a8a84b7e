"""The audit log for the clinician: every entry, newest first, to the second; whether its
chain holds (an entry changed or deleted by hand is shown as such); filtered by patient and
by day; exported as CSV with the hashes.

The log itself never holds a code or a PIN (services/patient_access.py), so nothing here
has to be hidden. The reading and checking is services/audit.py, shared with
``ankle-gui clinic audit``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ankle_gui.core.clock import utc_now
from ankle_gui.services.audit import AuditLog, AuditRow, check_words
from ankle_gui.services.errors import ServiceError
from ankle_gui.services.patient_access import Access
from ankle_gui.store import Store
from ankle_gui.ui.common.widgets import label, set_role

HEADERS = ("No.", "When", "Who", "What", "Patient", "Detail", "Holds")
BROKEN_BACKGROUND = QColor("#FDE2E1")   # a light red; the Holds column says it in words
ANY_DAY = QDate(2000, 1, 1)             # the date fields' "any" (their special value)


class AuditModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[AuditRow] = []

    def set_rows(self, rows: list[AuditRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=None) -> int:  # noqa: N802 - Qt override
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent=None) -> int:  # noqa: N802 - Qt override
        return 0 if parent is not None and parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            holds = "yes" if row.holds else ("deleted" if row.entry is None else "NO: changed")
            return (str(row.number), row.when, row.who, row.what, row.patient, row.detail,
                    holds)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == HEADERS.index("Detail"):
            return row.detail or None   # a long detail is cut short in its column
        if role == Qt.ItemDataRole.BackgroundRole and not row.holds:
            return BROKEN_BACKGROUND
        return None


class AuditLogDialog(QDialog):
    def __init__(self, store: Store, access: Access, parent: QWidget | None = None, *,
                 clock: Callable[[], datetime] = utc_now):
        super().__init__(parent)
        self.setObjectName("auditLogDialog")
        self.setWindowTitle("Audit log")
        self.resize(1240, 640)
        self._store, self._access = store, access
        self._log = AuditLog(store, clock)
        found = self._log.check(access)   # NotAllowed for a patient
        self._log.note_checked(access, found)
        self.check = self._log.check(access)   # with that note, chained on what was found

        self.status = label(check_words(self.check), "ok" if self.check.ok else "error")
        self.status.setObjectName("auditChainStatus")
        self.patientFilter = QComboBox()
        self.patientFilter.setObjectName("auditPatientFilter")
        self.patientFilter.setAccessibleName("Patient")
        self.patientFilter.addItem("Everyone", None)
        names = {p.id: p.name for p in store.profiles.all()}
        logged = {e.profile_id for e in store.clinic.chained_entries() if e.profile_id}
        for pid in sorted(logged | set(names), key=lambda i: names.get(i, "\uffff") + str(i)):
            self.patientFilter.addItem(names.get(pid, f"deleted patient (no. {pid})"), pid)
        self.fromDate, self.toDate = _day_field("auditFromDate"), _day_field("auditToDate")
        self.exportButton = QPushButton("Export CSV…")
        self.exportButton.setObjectName("auditExportButton")
        self.exportButton.setToolTip("Save the entries shown, with their hashes, as CSV")
        self.closeButton = QPushButton("Close")
        self.message = label("", "hint")
        self.message.setObjectName("auditMessage")

        self.model = AuditModel(self)
        self.table = QTableView()
        self.table.setObjectName("auditTable")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(HEADERS.index("Detail"), QHeaderView.ResizeMode.Stretch)
        header.setMaximumSectionSize(240)   # a long name leaves the detail its room

        filters = QHBoxLayout()
        filters.addWidget(label("Patient", wrap=False))
        filters.addWidget(self.patientFilter, 1)
        filters.addSpacing(12)
        filters.addWidget(label("From", wrap=False))
        filters.addWidget(self.fromDate)
        filters.addWidget(label("to", wrap=False))
        filters.addWidget(self.toDate)
        filters.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.exportButton)
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.closeButton)
        layout = QVBoxLayout(self)
        layout.addWidget(label(
            "Who did what, and when, newest first. Each entry carries a hash of the one before "
            "it, so an entry changed or deleted after it was written shows here. The log never "
            "holds a patient code or the PIN, and a restore or an import does not roll it "
            "back.", "hint"))
        layout.addWidget(self.status)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self.patientFilter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.fromDate.dateChanged.connect(lambda _d: self.refresh())
        self.toDate.dateChanged.connect(lambda _d: self.refresh())
        self.exportButton.clicked.connect(self._export_clicked)
        self.closeButton.clicked.connect(self.reject)
        self.refresh()

    # --- what is shown ------------------------------------------------------------------------
    def set_filter(self, profile_id: int | None = None, since: date | None = None,
                   until: date | None = None) -> None:
        """Show one patient's entries, between two days (both included); None: any."""
        self.patientFilter.setCurrentIndex(max(0, self.patientFilter.findData(profile_id)))
        self.fromDate.setDate(QDate(since) if since else ANY_DAY)
        self.toDate.setDate(QDate(until) if until else ANY_DAY)
        self.refresh()

    def refresh(self) -> None:
        since, until = _day(self.fromDate), _day(self.toDate)
        self.model.set_rows(self._log.rows(self._access, self.patientFilter.currentData(),
                                           since, until, self.check))
        self.message.setText(f"{self.model.rowCount()} entries shown.")

    def texts(self) -> list[list[str]]:
        """Every cell, row by row (for tests and for a quick look)."""
        return [[self.model.data(self.model.index(r, c)) for c in range(len(HEADERS))]
                for r in range(self.model.rowCount())]

    # --- export --------------------------------------------------------------------------------
    def export_to(self, path: str | Path) -> bool:
        try:
            saved = self._log.export_csv(self._access, path, self.model.rows)
        except ServiceError as exc:
            self.message.setText(str(exc))
            set_role(self.message, "error")
            return False
        except OSError as exc:
            self.message.setText(f"The CSV file was not saved: {exc.strerror or exc}")
            set_role(self.message, "error")
            return False
        self.message.setText(f"Saved {len(self.model.rows)} entries to {saved}.")
        set_role(self.message, "ok")
        return True

    def _export_clicked(self) -> None:
        from ankle_gui.ui.common import file_dialogs
        from ankle_gui.ui.progress.progress_actions import start_folder, with_suffix

        day = utc_now().astimezone().date()
        path = file_dialogs.save_file_name(self, "Export the audit log as CSV",
                                           start_folder() / f"Audit log {day}.csv",
                                           "CSV files (*.csv)")
        if path:
            self.export_to(with_suffix(Path(path), ".csv"))


def _day_field(name: str) -> QDateEdit:
    field = QDateEdit()
    field.setObjectName(name)
    field.setCalendarPopup(True)
    field.setDisplayFormat("yyyy-MM-dd")
    field.setMinimumDate(ANY_DAY)
    field.setSpecialValueText("any day")
    field.setDate(ANY_DAY)
    field.setAccessibleName("From" if "From" in name else "To")
    return field


def _day(field: QDateEdit) -> date | None:
    return None if field.date() == ANY_DAY else field.date().toPython()
