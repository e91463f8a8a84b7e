"""The strip along the top: whose data this is, always visible, and a quick switch."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QWidget

from ankle_gui.core.profile import Profile
from ankle_gui.store import Store


class ProfileBar(QFrame):
    profilePicked = Signal(int)

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("profileBar")
        self._store = store
        self.currentLabel = QLabel()
        self.currentLabel.setObjectName("currentProfileLabel")
        self.picker = QComboBox()
        self.picker.setObjectName("profilePicker")
        self.picker.setMinimumWidth(220)
        self.picker.setToolTip("Switch to another person's profile")
        self.statusLabel = QLabel()
        self.statusLabel.setObjectName("appStatusLabel")
        self.statusLabel.setProperty("role", "hint")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.addWidget(self.currentLabel)
        layout.addStretch(1)
        layout.addWidget(self.statusLabel)
        layout.addWidget(QLabel("Switch to"))
        layout.addWidget(self.picker)
        self.picker.activated.connect(self._picked)

    def show_profile(self, profile: Profile | None) -> None:
        self.currentLabel.setText(f"Profile: {profile.name}" if profile else "No profile yet")
        self.currentLabel.setToolTip(profile.name if profile else "")
        self.picker.blockSignals(True)
        self.picker.clear()
        for p in self._store.profiles.all():
            self.picker.addItem(p.name, p.id)
            if profile and p.id == profile.id:
                self.picker.setCurrentIndex(self.picker.count() - 1)
        if profile is None:
            self.picker.setCurrentIndex(-1)
        self.picker.setEnabled(self.picker.count() > 0)
        self.picker.blockSignals(False)

    def set_status(self, text: str) -> None:
        self.statusLabel.setText(text)

    def _picked(self, index: int) -> None:
        pid = self.picker.itemData(index)
        if pid is not None:
            self.profilePicked.emit(pid)
