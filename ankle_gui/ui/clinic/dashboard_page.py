"""The clinician's patients dashboard: one row per patient, and what can be done from a row.

Everything here is for the clinician (behind the PIN). For anyone else the page shows
nothing, and the services refuse each action again. Dialogs open window-modal without a
nested event loop (``open``), so each action method returns its dialog, which tests fill in.
"""

# Long file: the page and every action from a row or below the table. Each action is a few
# lines that open a dialog kept in its own file (patient_dialogs, programme_dialog,
# reports_dialog, code_slip, audit_log_dialog, clinic_settings_dialog); what they share (the
# selection, the message line, the reload after a change) is here, readable in one place.

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ankle_gui.core.catalogue import Catalogue
from ankle_gui.core.clinic import Role, code_words, masked_code
from ankle_gui.core.clock import utc_now
from ankle_gui.core.dashboard import PatientRow
from ankle_gui.core.units import Unit
from ankle_gui.services.copies import DataCopies
from ankle_gui.services.dashboard import dashboard
from ankle_gui.services.errors import ServiceError
from ankle_gui.services.patient_access import PatientAccess
from ankle_gui.services.profiles import Profiles
from ankle_gui.store import Store
from ankle_gui.ui.clinic.arrival import arrival_lines
from ankle_gui.ui.clinic.audit_log_dialog import AuditLogDialog
from ankle_gui.ui.clinic.clinic_settings_dialog import ClinicSettingsDialog
from ankle_gui.ui.clinic.patient_dialogs import (
    ChangeCodeDialog,
    NewPatientDialog,
    RenameDialog,
    confirmed,
    delete_question,
    import_question,
)
from ankle_gui.ui.clinic.patient_table import (
    NAME_WIDTH,
    PatientTableModel,
    details,
    patient_table_view,
)
from ankle_gui.ui.clinic.programme_dialog import ProgrammeDialog
from ankle_gui.ui.clinic.reports_dialog import ReportsDialog
from ankle_gui.ui.common import file_dialogs
from ankle_gui.ui.common.who_is_here import WhoIsHere
from ankle_gui.ui.common.widgets import label, set_role
from ankle_gui.ui.data.backups_dialog import FILE_FILTER, BackupsDialog
from ankle_gui.ui.progress.progress_actions import start_folder

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
        self._store, self._catalogue, self._who, self._clock = store, catalogue, who, clock
        self._profile_service = Profiles(store, clock)
        self._access = PatientAccess(store, clock)
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

        self.newButton.clicked.connect(self.new_patient)
        self.openButton.clicked.connect(self.open_selected)
        self.codeButton.clicked.connect(self.change_code)
        self.renameButton.clicked.connect(self.rename)
        self.programmeButton.clicked.connect(self.programme)
        self.reportsButton.clicked.connect(self.reports)
        self.slipButton.clicked.connect(self.code_slip)
        self.deleteButton.clicked.connect(self.delete)
        self.searchEdit.textChanged.connect(self.search)
        self.searchEdit.returnPressed.connect(self._search_entered)
        self.revealButton.toggled.connect(self._reveal)
        self.backupsButton.clicked.connect(self.backups)
        self.exportButton.clicked.connect(self._export_clicked)
        self.importButton.clicked.connect(self._import_clicked)
        self.auditButton.clicked.connect(self.audit_log)
        self.settingsButton.clicked.connect(self.clinic_settings)
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

    def _run(self, action: Callable[[], object]):
        """A service call's result (True if it has none), or None once its refusal is shown:
        then nothing was changed and nothing else happens."""
        try:
            return action() or True
        except ServiceError as exc:
            self._say(str(exc), ok=False)
            return None

    # --- a patient ------------------------------------------------------------------------
    def open_selected(self) -> None:
        pid = self.selected_id()
        if pid is None or not self._for_clinician():
            return
        self._access.record(self._who.access, "patient_opened", pid)
        self.openPatientRequested.emit(pid)

    def _create(self, name: str, code: str, unit: Unit):
        return self._profile_service.create(self._who.access, name, code, unit)

    def new_patient(self) -> NewPatientDialog:
        dialog = NewPatientDialog(self._create, self._access.suggest_code, self)
        dialog.accepted.connect(lambda: self._added(dialog.created, dialog.code,
                                                    dialog.slipCheck.isChecked()))
        return self._open(dialog)

    def _added(self, profile, code: str, slip: bool) -> None:
        self._changed(profile.id, f"{profile.name} was added.")
        if slip:  # once the dialog has gone: the print dialog comes next
            QTimer.singleShot(0, lambda: self._print_slip(profile.id, profile.name, code))

    # --- the code slip ----------------------------------------------------------------------
    def ask_printer(self, printer) -> bool:
        """Qt's print dialog (a seam tests can replace); the clinician may print to a file,
        never into the data folder."""
        from ankle_gui.services.file_places import data_folder
        from ankle_gui.ui.common.printing import ask_printer

        return ask_printer(self, printer, may_print_to_file=True,
                           data_dir=data_folder(self._store),
                           tell=lambda text: self._say(text, ok=False))

    def code_slip(self) -> bool:
        """Print the picked patient's code on a slip; a patient with no code (the old short
        ones were removed) gets a new one first."""
        row = self.selected_row()
        if row is None or not self._for_clinician():
            return False
        access = self._who.access
        code = self._access.code_of(access, row.profile_id)
        made = code is None
        if made:
            code = self._run(lambda: self._access.set_code(access, row.profile_id,
                                                           self._access.suggest_code()))
            if code is None:
                return False
            self._changed(row.profile_id)
        return self._print_slip(row.profile_id, row.name, code, made)

    def _print_slip(self, profile_id: int, name: str, code: str, made: bool = False) -> bool:
        from ankle_gui.ui.clinic.code_slip import print_slip

        done, text = print_slip(self.ask_printer, self._store.clinic.settings().clinic_name,
                                name, code, made)
        if done:
            self._access.record(self._who.access, "print", profile_id, done)
        if text:
            self._say(text, ok=bool(done) or made)
        return bool(done)

    def change_code(self) -> ChangeCodeDialog | None:
        row = self.selected_row()
        if row is None:
            return None
        pid, access = row.profile_id, self._who.access
        dialog = ChangeCodeDialog(row.name, self._access.code_of(access, pid),
                                  lambda code: self._access.set_code(access, pid, code),
                                  self._access.suggest_code, self)
        dialog.accepted.connect(lambda: self._changed(pid, f"{row.name}'s code was changed."))
        return self._open(dialog)

    def rename(self) -> RenameDialog | None:
        row = self.selected_row()
        if row is None:
            return None
        pid = row.profile_id
        dialog = RenameDialog(row.name, lambda name: self._profile_service.rename(
            self._who.access, pid, name), self)
        dialog.accepted.connect(lambda: self._changed(pid, "The name was changed."))
        return self._open(dialog)

    def delete(self) -> QMessageBox | None:
        row = self.selected_row()
        if row is None:
            return None
        box = delete_question(self, row.name, self._store.results.count(row.profile_id),
                              self._store.training.set_count(row.profile_id))
        box.finished.connect(lambda _r: self._delete_answered(box, row))
        box.open()
        return box

    def _delete_answered(self, box: QMessageBox, row: PatientRow) -> None:
        clicked = box.clickedButton()
        if clicked is None or box.buttonRole(clicked) is not QMessageBox.ButtonRole.DestructiveRole:
            return
        if self._run(lambda: self._profile_service.delete(self._who.access, row.profile_id)):
            self._changed(text=f"{row.name} and everything recorded for them were deleted.")

    def programme(self):
        row = self.selected_row()
        if row is None:
            return None
        profile = self._store.profiles.get(row.profile_id)
        dialog = ProgrammeDialog(self._store, self._catalogue, self._who.access, profile, self,
                                 clock=self._clock)
        dialog.accepted.connect(lambda: self._changed(
            row.profile_id, f"{row.name}'s programme was saved."))
        return self._open(dialog)

    def reports(self):
        pid = self.selected_id()
        return self._open(ReportsDialog(self._store, self._catalogue, self._who.access,
                                        {pid} if pid is not None else set(), self,
                                        clock=self._clock))

    def _open(self, dialog):
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # --- the whole database and the settings ----------------------------------------------
    def backups(self):
        copies = DataCopies(self._store, self._who.access, self._clock)
        dialog = BackupsDialog(self._store, self, copies=copies)
        dialog.dataReplaced.connect(self._data_replaced)
        return self._open(dialog)

    def _data_replaced(self) -> None:
        self.reload()
        self.dataReplaced.emit()

    def export_everything_to(self, target: Path) -> bool:
        check = self._run(lambda: DataCopies(self._store, self._who.access,
                                             self._clock).export_to(Path(target)))
        if check is None:
            return False
        self._say(f"Exported {check.profile_count} patient(s) to {target} and checked the "
                  "file.")
        return True

    def import_from(self, source: Path) -> bool:
        safety = self._run(lambda: DataCopies(self._store, self._who.access,
                                              self._clock).import_from(Path(source)))
        if safety is None:
            return False
        self._say(f"Imported {Path(source).name}. Everything there before is kept as the "
                  f"backup {safety.path.name}.")
        self._data_replaced()
        return True

    def _export_clicked(self) -> None:
        day = self._clock().astimezone()
        suggested = start_folder() / f"ankle_gui-export-{day:%Y-%m-%d}.sqlite3"
        target = file_dialogs.save_file_name(self, "Export everything", suggested,
                                             FILE_FILTER)
        if target:
            self.export_everything_to(Path(target))

    def _import_clicked(self) -> None:
        source = file_dialogs.open_file_name(self, "Import a whole database", start_folder(),
                                             FILE_FILTER)
        if not source:
            return
        if confirmed(import_question(self, Path(source).name)):
            self.import_from(Path(source))

    def audit_log(self):
        try:
            dialog = AuditLogDialog(self._store, self._who.access, self, clock=self._clock)
        except ServiceError as exc:
            self._say(str(exc), ok=False)
            return None
        return self._open(dialog)

    def clinic_settings(self):
        dialog = ClinicSettingsDialog(self._store, self._who, self)
        dialog.settingsChanged.connect(self.settingsChanged)
        dialog.modeChanged.connect(self.modeChanged)
        dialog.modeChanged.connect(lambda _mode: self.settingsChanged.emit())
        return self._open(dialog)
