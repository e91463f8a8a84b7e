"""What the clinician can do from the patients dashboard: add, rename, delete a patient, change
their code and print it on a slip, set their programme, print reports, and for the whole
database back up, restore, export, import, read the audit log and change the clinic's settings.

Each action opens its dialog window-modal without a nested event loop (``open``) and returns
it, which tests fill in; the dialogs are kept in their own files. The services refuse each
action again for anyone but the clinician. What an action changed goes back to the page as a
signal: it reloads the table, picks the patient and says what happened.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from ankle_gui.core.catalogue import Catalogue
from ankle_gui.core.clinic import Role
from ankle_gui.core.clock import utc_now
from ankle_gui.core.dashboard import PatientRow
from ankle_gui.core.units import Unit
from ankle_gui.services.copies import DataCopies
from ankle_gui.services.errors import ServiceError
from ankle_gui.services.patient_access import PatientAccess
from ankle_gui.services.profiles import Profiles
from ankle_gui.store import Store
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
from ankle_gui.ui.clinic.programme_dialog import ProgrammeDialog
from ankle_gui.ui.clinic.reports_dialog import ReportsDialog
from ankle_gui.ui.common import file_dialogs
from ankle_gui.ui.common.who_is_here import WhoIsHere
from ankle_gui.ui.data.backups_dialog import FILE_FILTER, BackupsDialog
from ankle_gui.ui.progress.progress_actions import start_folder


class DashboardActions(QObject):
    changed = Signal(object, str)   # a patient's row changed: the one to pick (or None), and
                                    # what to say ("" for nothing)
    said = Signal(str, bool)        # a message for the line under the table, and whether it is ok
    dataReplaced = Signal()         # a restore or an import swapped all data
    settingsChanged = Signal()      # idle minutes, kiosk, clinic name (or clinic mode)
    modeChanged = Signal(str)       # "home" or "clinic": clinic mode was turned off here

    def __init__(self, store: Store, catalogue: Catalogue, who: WhoIsHere, page: QWidget,
                 selected: Callable[[], PatientRow | None], *,
                 clock: Callable[[], datetime] = utc_now):
        super().__init__(page)
        self._store, self._catalogue, self._who, self._clock = store, catalogue, who, clock
        self._page = page            # the dialogs' parent
        self._selected = selected    # the patient picked in the table, if any
        self._profile_service = Profiles(store, clock)
        self._access = PatientAccess(store, clock)

    def _say(self, text: str, ok: bool = True) -> None:
        self.said.emit(text, ok)

    def _changed(self, select: int | None = None, text: str = "") -> None:
        self.changed.emit(select, text)

    def _run(self, action: Callable[[], object]):
        """A service call's result (True if it has none), or None once its refusal is shown:
        then nothing was changed and nothing else happens."""
        try:
            return action() or True
        except ServiceError as exc:
            self._say(str(exc), ok=False)
            return None

    # --- a patient ------------------------------------------------------------------------

    def _create(self, name: str, code: str, unit: Unit):
        return self._profile_service.create(self._who.access, name, code, unit)

    def new_patient(self) -> NewPatientDialog:
        dialog = NewPatientDialog(self._create, self._access.suggest_code, self._page)
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

        return ask_printer(self._page, printer, may_print_to_file=True,
                           data_dir=data_folder(self._store),
                           tell=lambda text: self._say(text, ok=False))

    def code_slip(self) -> bool:
        """Print the picked patient's code on a slip; a patient with no code (the old short
        ones were removed) gets a new one first."""
        row = self._selected()
        if row is None or self._who.role is not Role.CLINICIAN:
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
        row = self._selected()
        if row is None:
            return None
        pid, access = row.profile_id, self._who.access
        dialog = ChangeCodeDialog(row.name, self._access.code_of(access, pid),
                                  lambda code: self._access.set_code(access, pid, code),
                                  self._access.suggest_code, self._page)
        dialog.accepted.connect(lambda: self._changed(pid, f"{row.name}'s code was changed."))
        return self._open(dialog)

    def rename(self) -> RenameDialog | None:
        row = self._selected()
        if row is None:
            return None
        pid = row.profile_id
        dialog = RenameDialog(row.name, lambda name: self._profile_service.rename(
            self._who.access, pid, name), self._page)
        dialog.accepted.connect(lambda: self._changed(pid, "The name was changed."))
        return self._open(dialog)

    def delete(self) -> QMessageBox | None:
        row = self._selected()
        if row is None:
            return None
        box = delete_question(self._page, row.name, self._store.results.count(row.profile_id),
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
        row = self._selected()
        if row is None:
            return None
        profile = self._store.profiles.get(row.profile_id)
        dialog = ProgrammeDialog(self._store, self._catalogue, self._who.access, profile,
                                 self._page, clock=self._clock)
        dialog.accepted.connect(lambda: self._changed(
            row.profile_id, f"{row.name}'s programme was saved."))
        return self._open(dialog)

    def reports(self):
        row = self._selected()
        pid = row.profile_id if row else None
        return self._open(ReportsDialog(self._store, self._catalogue, self._who.access,
                                        {pid} if pid is not None else set(), self._page,
                                        clock=self._clock))

    def _open(self, dialog):
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # --- the whole database and the settings ----------------------------------------------
    def backups(self):
        copies = DataCopies(self._store, self._who.access, self._clock)
        dialog = BackupsDialog(self._store, self._page, copies=copies)
        dialog.dataReplaced.connect(self.dataReplaced)
        return self._open(dialog)

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
        self.dataReplaced.emit()
        return True

    def export_everything(self) -> None:
        """Ask where, then export everything there."""
        day = self._clock().astimezone()
        suggested = start_folder() / f"ankle_gui-export-{day:%Y-%m-%d}.sqlite3"
        target = file_dialogs.save_file_name(self._page, "Export everything", suggested,
                                             FILE_FILTER)
        if target:
            self.export_everything_to(Path(target))

    def import_database(self) -> None:
        """Ask which file, and whether to replace everything, then import it."""
        source = file_dialogs.open_file_name(self._page, "Import a whole database",
                                             start_folder(), FILE_FILTER)
        if not source:
            return
        if confirmed(import_question(self._page, Path(source).name)):
            self.import_from(Path(source))

    def audit_log(self):
        try:
            dialog = AuditLogDialog(self._store, self._who.access, self._page, clock=self._clock)
        except ServiceError as exc:
            self._say(str(exc), ok=False)
            return None
        return self._open(dialog)

    def clinic_settings(self):
        dialog = ClinicSettingsDialog(self._store, self._who, self._page)
        dialog.settingsChanged.connect(self.settingsChanged)
        dialog.modeChanged.connect(self.modeChanged)
        dialog.modeChanged.connect(lambda _mode: self.settingsChanged.emit())
        return self._open(dialog)
