"""The clinician's PIN, asked before the clinician's side, quitting or leaving full screen.

"Forgot the PIN?" takes the one-time recovery code instead (shown when clinic mode was
turned on) and a new PIN: no terminal needed, and no wait, however many wrong PINs a
prankster typed. A new recovery code is then shown, once."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ankle_gui.core.pin import MAX_PIN_DIGITS
from ankle_gui.services.errors import ServiceError
from ankle_gui.services.patient_access import PatientAccess
from ankle_gui.ui.common.widgets import label


class PinDialog(QDialog):
    unlocked = Signal(object)  # the clinician's Access, after the right PIN

    def __init__(self, access: PatientAccess, why: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("pinDialog")
        self.setWindowTitle("Clinician PIN")
        self._access = access
        self.whyLabel = label(why)
        self.whyLabel.setObjectName("pinWhyLabel")
        self.pinEdit = QLineEdit(self)
        self.pinEdit.setObjectName("pinEdit")
        self.pinEdit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pinEdit.setPlaceholderText("PIN")
        self.pinEdit.setAccessibleName("Clinician PIN")
        self.pinEdit.setMaxLength(MAX_PIN_DIGITS)
        self.pinEdit.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d*"),
                                                              self.pinEdit))
        self.message = label("", "error")
        self.message.setObjectName("pinMessage")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.unlockButton = QPushButton("Unlock")
        self.unlockButton.setObjectName("unlockButton")
        self.unlockButton.setProperty("role", "primary")
        self.unlockButton.setDefault(True)
        buttons.addButton(self.unlockButton, QDialogButtonBox.ButtonRole.ActionRole)
        self.forgotButton = QPushButton("Forgot the PIN?")
        self.forgotButton.setObjectName("forgotPinButton")
        self.forgotButton.setFlat(True)
        self.forgotButton.setToolTip("Set a new PIN with the clinic's recovery code")
        buttons.addButton(self.forgotButton, QDialogButtonBox.ButtonRole.ResetRole)
        self.recoveryCodeEdit = _secret("recoveryCodeEdit", "Recovery code", 24)
        self.recoveryCodeEdit.setPlaceholderText("XXXX-XXXX-XXXX-XXXX")
        self.newPinEdit = _secret("newPinEdit", "New PIN", MAX_PIN_DIGITS)
        self.repeatPinEdit = _secret("repeatPinEdit", "New PIN again", MAX_PIN_DIGITS)
        self.recoverButton = QPushButton("Set the new PIN")
        self.recoverButton.setObjectName("recoverButton")
        self.recovery = QWidget(self)
        self.recovery.setObjectName("recoveryForm")
        form = QFormLayout(self.recovery)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(label("The recovery code was shown once, when clinic mode was turned on "
                          "(or made anew in Clinic settings). It can be used once.", "hint"))
        form.addRow("Recovery code", self.recoveryCodeEdit)
        form.addRow("New PIN (6 digits or more)", self.newPinEdit)
        form.addRow("New PIN again", self.repeatPinEdit)
        form.addRow(self.recoverButton)
        self.recovery.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.whyLabel)
        layout.addWidget(self.pinEdit)
        layout.addWidget(self.recovery)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        # Enter presses the default button (Unlock): no returnPressed too, or it would try twice.
        self.unlockButton.clicked.connect(self.try_pin)
        self.forgotButton.clicked.connect(self.show_recovery)
        self.recoverButton.clicked.connect(self.try_recovery)
        buttons.rejected.connect(self.reject)
        self.setMinimumWidth(460)
        self.pinEdit.setFocus()
        self.newCodeBox: QMessageBox | None = None

    def try_pin(self) -> bool:
        """Check the PIN typed; a wrong one says so, with the wait before the next try."""
        if not self.pinEdit.text():
            self.message.setText("Type the PIN first.")  # an empty try costs no wait
            return False
        try:
            access = self._access.unlock(self.pinEdit.text())
        except ServiceError as exc:  # PinRefused, or clinic mode was turned off meanwhile
            self.pinEdit.clear()
            self.message.setText(str(exc))
            return False
        self.unlocked.emit(access)
        self.accept()
        return True

    def show_recovery(self) -> None:
        self.pinEdit.clear()
        self.pinEdit.hide()
        self.unlockButton.hide()
        self.forgotButton.hide()
        self.recovery.show()
        self.recoverButton.setDefault(True)
        self.message.clear()
        self.recoveryCodeEdit.setFocus()

    def try_recovery(self) -> bool:
        """A new PIN with the recovery code; then the clinician is in, and the new recovery
        code is shown once."""
        from ankle_gui.services.clinic_pin import ClinicPin

        new_pin = self.newPinEdit.text()
        try:
            shown = ClinicPin(self._access.store, self._access.clock).recover(
                self.recoveryCodeEdit.text(), new_pin, self.repeatPinEdit.text())
            access = self._access.unlock(new_pin)
        except ServiceError as exc:
            self.message.setText(str(exc))
            return False
        finally:
            for field in (self.recoveryCodeEdit, self.newPinEdit, self.repeatPinEdit):
                field.clear()
        self.newCodeBox = show_recovery_code(self.parentWidget(), shown)
        self.unlocked.emit(access)
        self.accept()
        return True


def _secret(name: str, accessible: str, length: int) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(accessible)
    field.setMaxLength(length)
    return field


def show_recovery_code(parent: QWidget | None, code: str) -> QMessageBox:
    """The new recovery code, shown once (window-modal: the idle lock closes it)."""
    box = QMessageBox(QMessageBox.Icon.Information, "Your recovery code",
                      f"<p>Write this down and keep it apart from the PC:</p>"
                      f"<p style='font-size:20pt; font-family:monospace'><b>{code}</b></p>",
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("recoveryCodeBox")
    box.setInformativeText("It replaces a forgotten PIN once (Forgot the PIN? on the PIN "
                           "screen). It is not shown again; Clinic settings can make a new "
                           "one, which ends this one.")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
