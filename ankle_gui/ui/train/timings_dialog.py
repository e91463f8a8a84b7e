"""A person's own pace in the drill player: get-ready time, side-switch time, wait for Space."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ankle_gui.core.player_timings import (
    DEFAULT_TIMINGS,
    GET_READY_RANGE_S,
    SWITCH_SIDE_RANGE_S,
    PlayerTimings,
)
from ankle_gui.services.errors import ServiceError
from ankle_gui.services.patient_access import HOME, Access
from ankle_gui.services.profiles import Profiles
from ankle_gui.store import Store
from ankle_gui.ui.common.widgets import label


def _seconds_box(name: str, limits: tuple[int, int], parent: QWidget) -> QSpinBox:
    box = QSpinBox(parent)
    box.setObjectName(name)
    box.setRange(*limits)
    box.setSuffix(" s")
    box.setMinimumWidth(110)
    return box


class TimingsDialog(QDialog):
    """Edits one profile's timings; stored only on Save, and only when they are valid."""

    timingsSaved = Signal(object)   # the PlayerTimings now on disk

    def __init__(self, store: Store, profile_id: int, parent: QWidget | None = None, *,
                 access: Access = HOME):
        super().__init__(parent)
        self.setObjectName("timingsDialog")
        self.store = store
        self.profile_id = profile_id
        self._access = access  # who is at the screen: their own timings only
        name = store.profiles.get(profile_id).name
        self.setWindowTitle(f"Timings for {name}")
        intro = label("How long you get between sets. They are kept for this profile "
                      "and apply from the next set on.", "hint", self)
        intro.setWordWrap(True)
        self.getReadySpin = _seconds_box("getReadySpin", GET_READY_RANGE_S, self)
        self.getReadySpin.setToolTip("A countdown before each set, to get into position")
        self.switchSideSpin = _seconds_box("switchSideSpin", SWITCH_SIDE_RANGE_S, self)
        self.switchSideSpin.setToolTip("Time to move the band or turn round before the "
                                       "other side")
        self.waitForSpaceCheck = QCheckBox("Wait for me: start each set with Space", self)
        self.waitForSpaceCheck.setObjectName("waitForSpaceCheck")
        self.waitForSpaceCheck.setToolTip(
            "On: after a rest, a side switch or a set, nothing starts until you press Space. "
            "Off: the next set starts by itself after its get-ready countdown.")
        self.message = label("", "error", self)
        self.message.setObjectName("timingsMessage")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Get ready before each set", self.getReadySpin)
        form.addRow("Time to switch sides", self.switchSideSpin)
        form.addRow("", self.waitForSpaceCheck)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults, self)
        buttons.setObjectName("timingsButtons")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        defaults = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        defaults.setText("Back to the usual")
        defaults.clicked.connect(lambda: self.show_timings(DEFAULT_TIMINGS))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.show_timings(store.profiles.timings(profile_id))
        self.setWindowModality(Qt.WindowModality.WindowModal)

    def show_timings(self, timings: PlayerTimings) -> None:
        self.getReadySpin.setValue(timings.get_ready_s)
        self.switchSideSpin.setValue(timings.switch_side_s)
        self.waitForSpaceCheck.setChecked(timings.wait_for_space)
        self.message.clear()

    def save(self) -> None:
        try:
            saved = Profiles(self.store).set_timings(
                self._access, self.profile_id, self.getReadySpin.value(),
                self.switchSideSpin.value(), self.waitForSpaceCheck.isChecked())
        except ServiceError as exc:
            self.message.setText(str(exc))   # nothing stored; the dialog stays open
            return
        self.timingsSaved.emit(saved)
        self.accept()
