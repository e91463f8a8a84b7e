"""The clinician's PIN, asked before the clinician's side, quitting or leaving full screen."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
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
        layout = QVBoxLayout(self)
        layout.addWidget(self.whyLabel)
        layout.addWidget(self.pinEdit)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        # Enter presses the default button (Unlock): no returnPressed too, or it would try twice.
        self.unlockButton.clicked.connect(self.try_pin)
        buttons.rejected.connect(self.reject)
        self.setMinimumWidth(460)
        self.pinEdit.setFocus()

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
