"""Clinic mode on or off, and the clinician's settings: idle time, kiosk, name, PIN, the
recovery code, and the folder where patients' saved files go.

In home mode it explains clinic mode and offers to turn it on with a new PIN. In clinic mode
it is for the clinician only; turning clinic mode off asks for the PIN again, so an unlocked
screen left behind cannot open the PC to everyone.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ankle_gui.core.clinic import IDLE_MINUTES, Mode, Role
from ankle_gui.services.clinic_pin import ClinicPin
from ankle_gui.services.clinic_settings import ClinicSettingsService
from ankle_gui.services.errors import ServiceError
from ankle_gui.store import Store
from ankle_gui.ui.common.who_is_here import WhoIsHere
from ankle_gui.ui.common.widgets import label, set_role

WHAT_CLINIC_MODE_DOES = (
    "Clinic mode is for a PC that patients share, in a waiting room for example. Patients "
    "open only their own profile, with the code you give them, and see no one else's name. "
    "Everything else (the patients list, backups, import and export, these settings) is "
    "behind your PIN. The screen goes back to the welcome screen after a few minutes "
    "without use, and an audit log notes who did what.")
KIOSK_WORDS = (
    "The app's kiosk only stops casual access: the real lock is a dedicated kiosk account "
    "of the operating system that can start nothing but ankle_gui.")


def _pin_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(32)
    return field


class ChangePinDialog(QDialog):
    def __init__(self, pins: ClinicPin, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("changePinDialog")
        self.setWindowTitle("Change PIN")
        self._pins = pins
        self.oldPinEdit = _pin_field("oldPinEdit")
        self.newPinEdit = _pin_field("newPinEdit")
        self.repeatPinEdit = _pin_field("repeatPinEdit")
        form = QFormLayout()
        form.addRow("Current PIN", self.oldPinEdit)
        form.addRow("New PIN (6 digits or more)", self.newPinEdit)
        form.addRow("New PIN again", self.repeatPinEdit)
        self.message = label("", "hint")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def submit(self) -> bool:
        try:
            self._pins.change(self.oldPinEdit.text(), self.newPinEdit.text(),
                              self.repeatPinEdit.text())
        except ServiceError as exc:
            self.message.setText(str(exc))
            set_role(self.message, "error")
            return False
        self.accept()
        return True


class ClinicSettingsDialog(QDialog):
    modeChanged = Signal(str)   # "clinic" or "home"
    settingsChanged = Signal()  # idle minutes, kiosk, clinic name

    def __init__(self, store: Store, who: WhoIsHere, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("clinicSettingsDialog")
        self.setWindowTitle("Clinic mode")
        self._store, self._who = store, who
        self._pins = ClinicPin(store)
        self._settings = ClinicSettingsService(store)
        current = self._settings.current()
        self.message = label("", "hint")
        self.message.setObjectName("clinicSettingsMessage")
        layout = QVBoxLayout(self)
        layout.addWidget(label(WHAT_CLINIC_MODE_DOES, "hint"))
        form = QFormLayout()
        self.clinicNameEdit = QLineEdit(current.clinic_name)
        self.clinicNameEdit.setObjectName("clinicNameEdit")
        self.clinicNameEdit.setPlaceholderText("for example Riverside Physio")
        self.buttons = QDialogButtonBox()
        self.buttons.rejected.connect(self.reject)

        if current.mode != Mode.CLINIC:
            self.setWindowTitle("Turn clinic mode on")
            self.newPinEdit = _pin_field("newPinEdit")
            self.repeatPinEdit = _pin_field("repeatPinEdit")
            form.addRow("Your new PIN (6 digits or more)", self.newPinEdit)
            form.addRow("The PIN again", self.repeatPinEdit)
            form.addRow("Clinic's name", self.clinicNameEdit)
            self.enableButton = self.buttons.addButton(
                "Turn clinic mode on", QDialogButtonBox.ButtonRole.AcceptRole)
            self.enableButton.setObjectName("enableClinicButton")
            self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
            self.buttons.accepted.connect(self.turn_on)
            layout.addLayout(form)
            layout.addWidget(label("Keep the PIN somewhere safe. Once clinic mode is on, a "
                                   "recovery code is shown once: write it down. It sets a new "
                                   "PIN from the PIN screen if this one is forgotten.", "hint"))
        elif who.role is not Role.CLINICIAN:
            layout.addWidget(label("Only the clinician can change these settings.", "error"))
            self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        else:
            self.clinicModeCheck = QCheckBox("Clinic mode is on")
            self.clinicModeCheck.setObjectName("clinicModeCheck")
            self.clinicModeCheck.setChecked(True)
            self.clinicModeCheck.setToolTip("Untick to go back to home mode (asks your PIN)")
            self.idleMinutesSpin = QSpinBox()
            self.idleMinutesSpin.setObjectName("idleMinutesSpin")
            self.idleMinutesSpin.setRange(*IDLE_MINUTES)
            self.idleMinutesSpin.setValue(current.idle_minutes)
            self.idleMinutesSpin.setSuffix(" min")
            self.kioskCheck = QCheckBox("Kiosk: full screen, and quitting asks for the PIN")
            self.kioskCheck.setObjectName("kioskCheck")
            self.kioskCheck.setChecked(current.kiosk)
            self.changePinButton = QPushButton("Change PIN…")
            self.changePinButton.setObjectName("changePinButton")
            self.changePinButton.clicked.connect(self.change_pin)
            self.recoveryButton = QPushButton("New recovery code…")
            self.recoveryButton.setObjectName("newRecoveryCodeButton")
            self.recoveryButton.setToolTip("A new one-time code for a forgotten PIN, shown "
                                           "once; the old one stops working")
            self.recoveryButton.clicked.connect(lambda: self.new_recovery_code())
            self.exportFolderEdit = QLineEdit(current.export_folder or "")
            self.exportFolderEdit.setObjectName("exportFolderEdit")
            self.exportFolderEdit.setReadOnly(True)
            self.exportFolderEdit.setPlaceholderText("none: patients print, they cannot save")
            self.exportFolderEdit.setAccessibleName("Folder for patients' saved files")
            self.chooseFolderButton = QPushButton("Choose…")
            self.chooseFolderButton.setObjectName("chooseExportFolderButton")
            self.chooseFolderButton.clicked.connect(self.choose_export_folder)
            self.clearFolderButton = QPushButton("None")
            self.clearFolderButton.setObjectName("clearExportFolderButton")
            self.clearFolderButton.setToolTip("No folder: patients can print but not save")
            self.clearFolderButton.clicked.connect(self.exportFolderEdit.clear)
            folder_row = QHBoxLayout()
            folder_row.addWidget(self.exportFolderEdit, 1)
            folder_row.addWidget(self.chooseFolderButton)
            folder_row.addWidget(self.clearFolderButton)
            pin_row = QHBoxLayout()
            pin_row.addWidget(self.changePinButton)
            pin_row.addWidget(self.recoveryButton)
            pin_row.addStretch(1)
            form.addRow(self.clinicModeCheck)
            form.addRow("Lock after", self.idleMinutesSpin)
            form.addRow(self.kioskCheck)
            form.addRow(label(KIOSK_WORDS, "hint"))
            form.addRow("Clinic's name", self.clinicNameEdit)
            form.addRow("Patients' saved files", folder_row)
            form.addRow(label("A patient never picks where a file goes: their report, handout "
                              "or results are saved in this folder, named by the app "
                              "(\u201cAnkle report 2026-12-07.pdf\u201d); the audit log says "
                              "whose each one is.", "hint"))
            form.addRow(pin_row)
            self.buttons.addButton(QDialogButtonBox.StandardButton.Save)
            self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
            self.buttons.accepted.connect(self.save)
            layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def _error(self, text: str) -> bool:
        self.message.setText(text)
        set_role(self.message, "error")
        return False

    # --- home mode: turn it on -----------------------------------------------------------------
    def turn_on(self) -> bool:
        from ankle_gui.ui.clinic.pin_dialog import show_recovery_code

        try:
            recovery = self._pins.enable(self.newPinEdit.text(), self.repeatPinEdit.text(),
                                         self.clinicNameEdit.text())
        except ServiceError as exc:
            return self._error(str(exc))
        self.recoveryBox = show_recovery_code(self.parentWidget(), recovery)
        self.modeChanged.emit(Mode.CLINIC.value)
        self.accept()
        return True

    # --- clinic mode: the clinician's settings -------------------------------------------------
    def ask_pin(self) -> str | None:
        """The PIN again before clinic mode goes off (a seam tests replace)."""
        pin, ok = QInputDialog.getText(self, "Turn clinic mode off",
                                       "Your PIN, to turn clinic mode off:",
                                       QLineEdit.EchoMode.Password)
        return pin if ok else None

    def save(self) -> bool:
        access = self._who.access
        current = self._settings.current()
        try:
            if not self.clinicModeCheck.isChecked():
                pin = self.ask_pin()
                if pin is None:
                    return self._error("Clinic mode stays on.")
                self._pins.disable(pin)
                self.modeChanged.emit(Mode.HOME.value)
                self.accept()
                return True
            changed = False
            # The name first: it is the only setting that can be refused, and a refusal
            # must leave the others unchanged too.
            if " ".join(self.clinicNameEdit.text().split()) != current.clinic_name:
                self._settings.set_clinic_name(access, self.clinicNameEdit.text())
                changed = True
            if self.idleMinutesSpin.value() != current.idle_minutes:
                self._settings.set_idle_minutes(access, self.idleMinutesSpin.value())
                changed = True
            if self.kioskCheck.isChecked() != current.kiosk:
                self._settings.set_kiosk(access, self.kioskCheck.isChecked())
                changed = True
            folder = self.exportFolderEdit.text() or None
            if folder != current.export_folder:
                from ankle_gui.services.file_places import PatientFiles

                PatientFiles(self._store).set_folder(access, folder)
                changed = True
        except ServiceError as exc:
            return self._error(str(exc))
        if changed:
            self.settingsChanged.emit()
        self.accept()
        return True

    def choose_export_folder(self) -> str:
        from ankle_gui.ui.common import file_dialogs
        from ankle_gui.ui.progress.progress_actions import start_folder

        folder = file_dialogs.folder_name(self, "Folder for patients' saved files",
                                          self.exportFolderEdit.text() or start_folder())
        if folder:
            self.exportFolderEdit.setText(folder)
        return folder

    def new_recovery_code(self, pin: str | None = None) -> bool:
        """A new one-time recovery code, after the PIN (asked when not given); shown once."""
        from ankle_gui.ui.clinic.pin_dialog import show_recovery_code

        if pin is None:
            pin, ok = QInputDialog.getText(self, "New recovery code",
                                           "Your PIN, to make a new recovery code:",
                                           QLineEdit.EchoMode.Password)
            if not ok:
                return False
        try:
            code = self._pins.new_recovery_code(pin)
        except ServiceError as exc:
            return self._error(str(exc))
        self.recoveryBox = show_recovery_code(self, code)
        self.message.setText("A new recovery code was made; the old one no longer works.")
        set_role(self.message, "ok")
        return True

    def change_pin(self) -> bool:
        dialog = ChangePinDialog(self._pins, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.message.setText("The PIN was changed.")
            set_role(self.message, "ok")
            return True
        return False
