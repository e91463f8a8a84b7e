"""Clinic mode's first screen: no names, a box for the patient's own code, and the way to
the clinician's side. The app starts here and comes back here after each patient."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ankle_gui.core.clinic import CODE_DIGITS
from ankle_gui.services.patient_access import CodeRefused, PatientAccess
from ankle_gui.store import Store
from ankle_gui.ui.common.widgets import label

GREETING = "Welcome. Type the code your physio gave you to open your exercises."


class WelcomeScreen(QWidget):
    patientOpened = Signal(object)  # the patient's Access
    clinicianWanted = Signal()

    def __init__(self, store: Store, access: PatientAccess, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("welcomeScreen")
        self._store = store
        self._access = access
        self.clinicNameLabel = label("", "title")
        self.clinicNameLabel.setObjectName("clinicNameLabel")
        self.greetingLabel = label(GREETING, "subtitle")
        self.greetingLabel.setObjectName("welcomeGreeting")
        self.patientCodeEdit = QLineEdit()
        self.patientCodeEdit.setObjectName("patientCodeEdit")
        # The code is the patient's key: typed hidden, as others may stand behind them. It is
        # printed in two groups ("4821 7730"), so a space between them is fine.
        self.patientCodeEdit.setEchoMode(QLineEdit.EchoMode.Password)
        self.patientCodeEdit.setMaxLength(CODE_DIGITS + 4)
        self.patientCodeEdit.setAccessibleName("Your code")
        self.patientCodeEdit.setPlaceholderText(f"Your code ({CODE_DIGITS} digits)")
        self.patientCodeEdit.setValidator(QRegularExpressionValidator(
            QRegularExpression(r"[\d -]*"), self.patientCodeEdit))
        self.patientCodeEdit.setMinimumWidth(260)
        self.patientCodeEdit.setMinimumHeight(44)  # typed at arm's length, often standing
        self.openPatientButton = QPushButton("Open my exercises")
        self.openPatientButton.setObjectName("openPatientButton")
        self.openPatientButton.setProperty("role", "primary")
        self.openPatientButton.setMinimumHeight(44)
        self.codeMessage = label("", "error")
        self.codeMessage.setObjectName("codeMessage")
        self.clinicianButton = QPushButton("Clinician")
        self.clinicianButton.setObjectName("clinicianButton")
        self.clinicianButton.setToolTip("For the clinic's staff: asks for the PIN")
        self._lay_out()
        self.openPatientButton.clicked.connect(self.try_code)
        self.patientCodeEdit.returnPressed.connect(self.try_code)
        self.clinicianButton.clicked.connect(self.clinicianWanted)
        self.reset()

    def _lay_out(self) -> None:
        card = QFrame(self)
        card.setObjectName("welcomeCard")
        card.setMaximumWidth(640)
        inner = QVBoxLayout(card)
        inner.setSpacing(14)
        inner.addWidget(self.clinicNameLabel)
        inner.addWidget(self.greetingLabel)
        row = QHBoxLayout()
        row.addWidget(self.patientCodeEdit, 1)
        row.addWidget(self.openPatientButton)
        inner.addLayout(row)
        inner.addWidget(self.codeMessage)
        inner.addWidget(label("No code yet, or forgotten it? Ask at the desk.", "hint"))
        centre = QHBoxLayout()
        centre.addStretch(1)
        centre.addWidget(card, 3)
        centre.addStretch(1)
        corner = QHBoxLayout()
        corner.addStretch(1)
        corner.addWidget(self.clinicianButton)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 24, 24, 24)
        outer.addStretch(2)
        outer.addLayout(centre)
        outer.addStretch(3)
        outer.addLayout(corner)

    def reset(self) -> None:
        """Ready for the next person: no code, no message, the clinic's name as set now."""
        name = self._store.clinic.settings().clinic_name
        self.clinicNameLabel.setText(name)
        self.clinicNameLabel.setVisible(bool(name))
        self.patientCodeEdit.clear()
        self.codeMessage.clear()
        self.patientCodeEdit.setFocus()

    def try_code(self) -> bool:
        """Open the profile whose code was typed; a wrong code opens nothing and says why."""
        try:
            access = self._access.open_patient(self.patientCodeEdit.text())
        except CodeRefused as exc:  # its message names the wait before the next try
            self.codeMessage.setText(str(exc))
            self.patientCodeEdit.clear()
            self.patientCodeEdit.setFocus()
            return False
        self.patientCodeEdit.clear()
        self.codeMessage.clear()
        self.patientOpened.emit(access)
        return True
