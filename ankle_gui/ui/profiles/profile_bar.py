"""The strip along the top: whose data this is, always visible, and a quick switch.

In clinic mode a patient sees only their own name and "I'm done"; the clinician also gets
"Lock", the way back to the welcome screen."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ankle_gui.core.clinic import Role
from ankle_gui.core.profile import Profile
from ankle_gui.store import Store


class ProfileBar(QFrame):
    profilePicked = Signal(int)

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("profileBar")
        self._store = store
        self._role = Role.HOME
        self.currentLabel = QLabel()
        self.currentLabel.setObjectName("currentProfileLabel")
        self.picker = QComboBox()
        self.picker.setObjectName("profilePicker")
        self.picker.setMinimumWidth(220)
        self.picker.setToolTip("Switch to another person's profile")
        self.switchLabel = QLabel("Switch to")
        self.doneButton = QPushButton("I'm done")
        self.doneButton.setObjectName("doneButton")
        self.doneButton.setProperty("role", "primary")
        self.doneButton.setToolTip("Close your profile and go back to the welcome screen")
        self.lockButton = QPushButton("Lock")
        self.lockButton.setObjectName("lockButton")
        self.lockButton.setToolTip("Back to the welcome screen; the PIN opens this side again")
        self.doneButton.hide()
        self.lockButton.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.addWidget(self.currentLabel)
        layout.addStretch(1)
        layout.addWidget(self.switchLabel)
        layout.addWidget(self.picker)
        layout.addWidget(self.doneButton)
        layout.addWidget(self.lockButton)
        self.picker.activated.connect(self._picked)

    def set_role(self, role: Role) -> None:
        """What the person at the screen may use here; call show_profile after it."""
        self._role = role
        may_switch = role in (Role.HOME, Role.CLINICIAN)
        self.switchLabel.setVisible(may_switch)
        self.picker.setVisible(may_switch)
        self.doneButton.setVisible(role is Role.PATIENT)
        self.lockButton.setVisible(role is Role.CLINICIAN)

    def show_profile(self, profile: Profile | None) -> None:
        if self._role is Role.PATIENT and profile is not None:
            # Greeted by name: someone who typed another person's code notices at once.
            self.currentLabel.setText(f"Hello, {profile.name}")
        else:
            nobody = "No patient open" if self._role is Role.CLINICIAN else "No profile yet"
            self.currentLabel.setText(f"Profile: {profile.name}" if profile else nobody)
        self.currentLabel.setToolTip(profile.name if profile else "")
        self.picker.blockSignals(True)
        self.picker.clear()
        self.picker.setPlaceholderText(
            "Pick a patient" if self._role is Role.CLINICIAN else "Pick a profile")
        # Only those who may switch get the list: a patient's hidden picker holds no names.
        others = self._store.profiles.all() if self._role in (Role.HOME, Role.CLINICIAN) \
            else []
        for p in others:
            self.picker.addItem(p.name, p.id)
            if profile and p.id == profile.id:
                self.picker.setCurrentIndex(self.picker.count() - 1)
        if profile is None:
            self.picker.setCurrentIndex(-1)
        self.picker.setEnabled(self.picker.count() > 0)
        self.picker.blockSignals(False)

    def _picked(self, index: int) -> None:
        pid = self.picker.itemData(index)
        if pid is not None:
            self.profilePicked.emit(pid)
