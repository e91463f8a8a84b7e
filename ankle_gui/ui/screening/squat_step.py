"""Step 5: the squat heel test (both feet at once), and an optional note."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from ankle_gui.core.profile import MAX_NOTE_LENGTH, clean_note
from ankle_gui.core.screening import SQUAT_SOURCE
from ankle_gui.ui.common.widgets import label
from ankle_gui.ui.screening.choice_row import ChoiceRow
from ankle_gui.ui.screening.screening_step import ScreeningStep


class SquatStep(ScreeningStep):
    title = "Squat heel test"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(
            ["Stand with your feet about shoulder-width apart, toes turned out a little.",
             "Sit down into the deepest squat you can manage comfortably, arms forward for "
             "balance.",
             "Do both heels stay flat on the floor at the bottom?"],
            SQUAT_SOURCE, "squat_heel_test", parent)
        self.heels = ChoiceRow("squatHeelsDown", [(True, "Yes, my heels stay down"),
                                                  (False, "No, my heels lift")])
        self.note = QLineEdit()
        self.note.setObjectName("testNote")
        self.note.setMaxLength(MAX_NOTE_LENGTH * 2)  # longer input gets a message, not a cut
        self.note.setPlaceholderText("e.g. “after a long run” or “left ankle sore”")
        self.rows["heels"] = self.heels
        self.message.setObjectName("squatMessage")
        self.heels.changed.connect(lambda _v: self.message.setText(""))
        self.skipped = False   # the safety check keeps weight off a leg today
        self.skippedNote = label("Not today: the safety check keeps full weight off a leg, "
                                 "so leave the squat out. Add a note if you like, then save.",
                                 "hint")
        self.skippedNote.setObjectName("squatSkipped")
        self.skippedNote.hide()
        self.inputs.insertWidget(0, self.skippedNote)
        form = QFormLayout()
        form.addRow("Heels down?", self.heels)
        form.addRow("Note (optional)", self.note)
        self.inputs.addLayout(form)
        self.inputs.addWidget(self.message)

    def set_skipped(self, skipped: bool) -> None:
        self.skipped = skipped
        self.heels.setEnabled(not skipped)
        self.skippedNote.setVisible(skipped)
        if skipped:
            self.heels.clear()

    def heels_down(self) -> bool | None:
        return None if self.skipped else self.heels.value()

    def note_text(self) -> str:
        return clean_note(self.note.text())

    def problem(self) -> str:
        if self.heels.value() is None and not self.skipped:
            return "Answer yes or no."
        try:
            clean_note(self.note.text())
        except ValueError as exc:
            return str(exc)
        return ""

    def has_answers(self) -> bool:
        return super().has_answers() or bool(self.note.text().strip())

    def reset(self) -> None:
        super().reset()
        self.note.clear()
