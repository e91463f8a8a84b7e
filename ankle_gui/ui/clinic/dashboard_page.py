"""The clinician's patients dashboard: one row per patient, the picked patient's details and
code, and the buttons for what can be done (their actions are in dashboard_actions.py).

Everything here is for the clinician (behind the PIN). For anyone else the page shows
nothing, and the services refuse each action again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ankle_gui.core.catalogue import Catalogue
from ankle_gui.core.clinic import Role, code_words, masked_code
from ankle_gui.core.clock import utc_now
from ankle_gui.core.dashboard import PatientRow
from ankle_gui.services.dashboard import dashboard
from ankle_gui.services.patient_access import PatientAccess
from ankle_gui.store import Store
from ankle_gui.ui.clinic.arrival import arrival_lines
from ankle_gui.ui.clinic.dashboard_actions import DashboardActions
from ankle_gui.ui.clinic.patient_table import (
    NAME_WIDTH,
    PatientTableModel,
    details,
    patient_table_view,
)
from ankle_gui.ui.common.who_is_here import WhoIsHere
from ankle_gui.ui.common.widgets import label, set_role

EMPTY = "No patients yet. Add the first one with New patient…, then give them their code."
INTRO = ("One row per patient; click a column's title to sort by it. Flags are explained "
         "under the table for the patient you pick.")
NO_MATCH = "No patient's name holds \u201c{text}\u201d."


def _button(text: str, name: str, role: str | None = None) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    if role:
        button.setProperty("role", role)
    return button


class PatientsDashboard(QWidget):
    openPatientRequested = Signal(int)  # profile id
    patientsChanged = Signal()          # created, renamed, deleted, code or programme set
    dataReplaced = Signal()             # a restore or an import swapped all data
    settingsChanged = Signal()          # idle minutes, kiosk, clinic name (or clinic mode)
    modeChanged = Signal(str)           # "home" or "clinic": clinic mode was turned off here

    def __init__(self, store: Store, catalogue: Catalogue, who: WhoIsHere,
                 parent: QWidget | None = None, *,
                 clock: Callable[[], datetime] = utc_now):
        super().__init__(parent)
        self.setObjectName("patientsDashboard")
        self._store, self._who, self._clock = store, who, clock
        self._access = PatientAccess(store, clock)
        self.actions = DashboardActions(store, catalogue, who, self, self.selected_row,
                                        clock=clock)
        self._shown_id: int | None = None     # the patient in the panel under the table
        self._revealed: str | None = None     # their code, while Show code is on

        self.intro = label(INTRO, "hint")
        self.intro.setObjectName("dashboardIntro")
        self.newButton = _button("New patient…", "newPatientButton", "primary")
        self.openButton = _button("Open patient", "openPatientButton")
        self.codeButton = _button("Change code…", "changeCodeButton")
        self.renameButton = _button("Rename…", "renamePatientButton")
        self.programmeButton = _button("Programme…", "programmeButton")
        self.reportsButton = _button("Reports…", "reportsButton")
        self.slipButton = _button("Code slip…", "codeSlipButton")
        self.slipButton.setToolTip("Print the patient's code on a slip to hand over (a new "
                                   "code first if they have none)")
        self.deleteButton = _button("Delete…", "deletePatientButton", "danger")
        self._row_buttons = (self.openButton, self.codeButton, self.renameButton,
                             self.programmeButton, self.slipButton, self.deleteButton)
        patient_bar = QHBoxLayout()
        for b in (self.newButton, self.openButton, self.codeButton, self.renameButton,
                  self.programmeButton, self.reportsButton, self.slipButton):
            patient_bar.addWidget(b)
        patient_bar.addStretch(1)
        patient_bar.addWidget(self.deleteButton)

        self.model = PatientTableModel(self)
        self.patientTable = patient_table_view(self.model)

        self.searchEdit = QLineEdit()
        self.searchEdit.setObjectName("patientSearch")
        self.searchEdit.setPlaceholderText("Find a patient by name")
        self.searchEdit.setAccessibleName("Find a patient by name")
        self.searchEdit.setClearButtonEnabled(True)
        self.searchEdit.setMaximumWidth(360)

        self.details = label("", "hint")
        self.details.setObjectName("patientDetails")
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setMargin(8)
        # The code is shown as dots until asked for: others may be behind the clinician.
        self.revealButton = _button("Show code", "revealCodeButton")
        self.revealButton.setCheckable(True)
        self.revealButton.setToolTip("Show the picked patient's code (logged)")
        self.detailsPanel = QFrame()
        self.detailsPanel.setObjectName("patientDetailsPanel")
        self.detailsPanel.setFrameShape(QFrame.Shape.StyledPanel)
        panel = QHBoxLayout(self.detailsPanel)
        panel.setContentsMargins(0, 0, 8, 0)
        panel.addWidget(self.details, 1)
        panel.addWidget(self.revealButton, 0, Qt.AlignmentFlag.AlignTop)
        self.message = label("", "hint")
        self.message.setObjectName("dashboardMessage")

        self.backupsButton = _button("Backups && restore…", "backupsButton")
        self.exportButton = _button("Export everything…", "exportEverythingButton")
        self.importButton = _button("Import…", "importDatabaseButton")
        self.auditButton = _button("Audit log…", "auditLogButton")
        self.settingsButton = _button("Clinic settings…", "clinicSettingsButton")
        admin = QHBoxLayout()
        for b in (self.backupsButton, self.exportButton, self.importButton):
            admin.addWidget(b)
        admin.addStretch(1)
        admin.addWidget(self.auditButton)
        admin.addWidget(self.settingsButton)

        self.content = QWidget(self)
        inner = QVBoxLayout(self.content)
        inner.setContentsMargins(0, 0, 0, 0)
        title_row = QHBoxLayout()
        title_row.addWidget(label("Patients", "title", wrap=False))
        title_row.addStretch(1)
        title_row.addWidget(self.searchEdit, 1)
        inner.addLayout(title_row)
        inner.addWidget(self.intro)
        inner.addLayout(patient_bar)
        inner.addWidget(self.patientTable, 1)
        inner.addWidget(self.detailsPanel)
        inner.addWidget(self.message)
        inner.addLayout(admin)
        layout = QVBoxLayout(self)
        layout.addWidget(self.content)

        actions = self.actions
        self.newButton.clicked.connect(actions.new_patient)
        self.openButton.clicked.connect(self.open_selected)
        self.codeButton.clicked.connect(actions.change_code)
        self.renameButton.clicked.connect(actions.rename)
        self.programmeButton.clicked.connect(actions.programme)
        self.reportsButton.clicked.connect(actions.reports)
        self.slipButton.clicked.connect(actions.code_slip)
        self.deleteButton.clicked.connect(actions.delete)
        self.searchEdit.textChanged.connect(self.search)
        self.searchEdit.returnPressed.connect(self._search_entered)
        self.revealButton.toggled.connect(self._reveal)
        self.backupsButton.clicked.connect(actions.backups)
        self.exportButton.clicked.connect(actions.export_everything)
        self.importButton.clicked.connect(actions.import_database)
        self.auditButton.clicked.connect(actions.audit_log)
        self.settingsButton.clicked.connect(actions.clinic_settings)
        actions.changed.connect(self._changed)
        actions.said.connect(self._say)
        actions.dataReplaced.connect(self._data_replaced)
        actions.settingsChanged.connect(self.settingsChanged)
        actions.modeChanged.connect(self.modeChanged)
        self.patientTable.activated.connect(lambda _index: self.open_selected())
        self.patientTable.selectionModel().selectionChanged.connect(self._show_selected)
        who.changed.connect(self.reload)  # a method, not a lambda: Qt drops it with us
        self.reload()

    # --- what is shown --------------------------------------------------------------------
    def _for_clinician(self) -> bool:
        return self._who.role is Role.CLINICIAN

    def reload(self) -> None:
        """Re-read every patient; the selection stays on the same patient."""
        keep = self.selected_id()
        if not self._for_clinician():
            # Locked (idle, or "I'm done"): nothing of the clinician's stays on screen.
            for dialog in self.findChildren(QDialog):
                dialog.reject()
            self.model.set_rows([], {})
            self.details.clear()
            self.searchEdit.clear()
            self._hide_code()
            self.content.setVisible(False)
            return
        self.content.setVisible(True)
        units = {p.id: p.unit for p in self._store.profiles.all()}
        self.model.set_rows(dashboard(self._store, self._who.access, clock=self._clock), units)
        self._fit_names()
        self._show_count()
        self.select(keep)
        if self.model.total() == 0:
            self.newButton.setFocus()

    def _fit_names(self) -> None:
        """The name column as wide as its longest name, up to NAME_WIDTH."""
        wanted = max(self.patientTable.sizeHintForColumn(0),
                     self.patientTable.horizontalHeader().sectionSizeHint(0))
        self.patientTable.horizontalHeader().resizeSection(0, min(wanted, NAME_WIDTH))

    def _show_count(self) -> None:
        empty = self.model.total() == 0
        none_match = not empty and self.model.rowCount() == 0
        self.intro.setText(EMPTY if empty else NO_MATCH.format(text=self.searchEdit.text())
                           if none_match else INTRO)
        set_role(self.intro, "subtitle" if empty else "hint")
        self.searchEdit.setVisible(not empty)
        self.patientTable.setVisible(not empty)
        self.detailsPanel.setVisible(not empty)
        self.reportsButton.setEnabled(not empty)

    def search(self, text: str) -> None:
        """Only the patients whose name holds ``text``; the first one is picked."""
        keep = self.selected_id()
        self.model.search(text)
        self._show_count()
        self.select(keep)

    def _search_entered(self) -> None:
        """Enter in the search box: one match is opened, as Enter in the table would."""
        if self.model.rowCount() == 1:
            self.open_selected()

    def on_arrival(self) -> None:
        """The clinician just unlocked: what happened at the screen since last time, and
        who still needs a code."""
        lines, worrying = arrival_lines(self._access.attempts_before_this_unlock(),
                                        len(self._store.clinic.profiles_without_code()),
                                        self._store.clinic.settings().has_recovery_code)
        if lines:
            self._say("\n".join(lines), ok=not worrying)

    def select(self, profile_id: int | None) -> None:
        """Pick that patient's row (the first row if they are not there)."""
        index = self.model.index_of(profile_id) if profile_id is not None else None
        if index is None:
            index = 0 if self.model.rowCount() else None
        if index is None:
            self.patientTable.clearSelection()
        else:
            self.patientTable.selectionModel().setCurrentIndex(
                self.model.index(index, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
        self._show_selected()

    def selected_row(self) -> PatientRow | None:
        rows = self.patientTable.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def selected_id(self) -> int | None:
        row = self.selected_row()
        return row.profile_id if row else None

    def _show_selected(self, *_args) -> None:
        row = self.selected_row()
        for b in self._row_buttons:
            b.setEnabled(row is not None)
        if row is None or not self._for_clinician():
            self.details.clear()
            self.revealButton.setEnabled(False)
            return
        if row.profile_id != self._shown_id:
            self._shown_id = row.profile_id
            self._hide_code()   # another patient: dots again
        code = self._access.code_of(self._who.access, row.profile_id)
        if code != self._revealed:
            self._hide_code()   # changed meanwhile
        self.revealButton.setEnabled(code is not None)
        self.revealButton.setText("Hide code" if self._revealed else "Show code")
        if code is None:
            head = f"{row.name}, no code yet"
        else:
            head = f"{row.name}, code {code_words(code) if self._revealed else masked_code(code)}"
        self.details.setText("\n".join([head, *details(row, self.model.unit_of(row))]))

    def _reveal(self, on: bool) -> None:
        """Show code: the picked patient's code in clear (logged once); Hide code: dots."""
        row = self.selected_row()
        self._revealed = (self._access.reveal_code(self._who.access, row.profile_id)
                          if on and row is not None else None)
        self._show_selected()

    def _hide_code(self) -> None:
        self._revealed = None
        self.revealButton.blockSignals(True)
        self.revealButton.setChecked(False)
        self.revealButton.blockSignals(False)

    def _say(self, text: str, ok: bool = True) -> None:
        self.message.setText(text)
        set_role(self.message, "ok" if ok else "error")

    def _changed(self, select: int | None = None, text: str = "") -> None:
        self.reload()
        if select is not None:
            self.select(select)
        if text:
            self._say(text)
        self.patientsChanged.emit()

    def _data_replaced(self) -> None:
        self.reload()
        self.dataReplaced.emit()

    # --- opening the picked patient ----------------------------------------------------------
    def open_selected(self) -> None:
        pid = self.selected_id()
        if pid is None or not self._for_clinician():
            return
        self._access.record(self._who.access, "patient_opened", pid)
        self.openPatientRequested.emit(pid)
