"""The quick knee-to-wall test before and after a session: two numbers, one per ankle."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ankle_gui.core.records import Phase, Side
from ankle_gui.core.units import Unit
from ankle_gui.ui.common.length_field import LengthField
from ankle_gui.ui.common.style import side_colour
from ankle_gui.ui.common.widgets import label

HOW_TO = ("Half-kneeling, facing a wall: push the knee to the wall with the heel down, then "
          "slide the foot back until the knee only just touches. Measure big toe to wall. "
          "Method from “Improve your Ankle Mobility” (2019).")


class QuickTestForm(QWidget):
    submitted = Signal(object)   # {Side.LEFT: cm, Side.RIGHT: cm}
    skipped = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("quickTest")
        self.phase = Phase.PRE
        self.title = label("", "title")
        self.intro = label("", "hint")
        self.leftField = LengthField("quickTestLeft")
        self.rightField = LengthField("quickTestRight")
        self.message = label("", "error")
        self.message.setObjectName("quickTestMessage")
        self.saveButton = QPushButton("Save")
        self.saveButton.setObjectName("quickTestSave")
        self.saveButton.setProperty("role", "primary")
        self.skipButton = QPushButton("Skip the test")
        self.skipButton.setObjectName("quickTestSkip")

        form = QFormLayout()
        form.addRow(label(f"<b style='color:{side_colour(Side.LEFT)}'>LEFT</b> ankle",
                          wrap=False),
                    self.leftField)
        form.addRow(label(f"<b style='color:{side_colour(Side.RIGHT)}'>RIGHT</b> ankle",
                          wrap=False),
                    self.rightField)
        buttons = QHBoxLayout()
        buttons.addWidget(self.saveButton)
        buttons.addWidget(self.skipButton)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addWidget(label(HOW_TO, "hint"))
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addStretch(1)

        self.saveButton.clicked.connect(self._save)
        self.skipButton.clicked.connect(self.skipped)
        self.leftField.edit.returnPressed.connect(self.rightField.edit.setFocus)
        self.rightField.edit.returnPressed.connect(self._save)

    def ask(self, phase: Phase, unit: Unit, has_before: bool = True) -> None:
        """``has_before``: for the retest, whether the test before the session was taken
        (without it there is no change to promise)."""
        self.phase = phase
        for field in (self.leftField, self.rightField):
            field.set_unit(unit)
            field.clear()
        self.message.clear()
        if phase is Phase.PRE:
            self.title.setText("Quick test before you start")
            self.intro.setText("Measure each ankle once, then the drills begin. "
                               "You will measure again at the end to see the change.")
            self.saveButton.setText("Save and start")
            self.skipButton.setText("Skip the test and start")
        elif has_before:
            self.title.setText("Quick retest")
            self.intro.setText("Measure each ankle again, the same way as before the session.")
            self.saveButton.setText("Save and see the change")
            self.skipButton.setText("Skip the retest")
        else:
            self.title.setText("Quick test after the session")
            self.intro.setText("Measure each ankle once. There was no test before this "
                               "session, so there is no change to show this time; the "
                               "numbers are saved with the session.")
            self.saveButton.setText("Save")
            self.skipButton.setText("Skip the test")
        self.leftField.edit.setFocus()

    def _save(self) -> None:
        left_ok = self.leftField.validate()
        right_ok = self.rightField.validate()
        if not (left_ok and right_ok):
            self.message.setText("Enter both distances to save, or skip the test.")
            return
        self.message.clear()
        self.submitted.emit({Side.LEFT: self.leftField.value_cm(),
                             Side.RIGHT: self.rightField.value_cm()})
