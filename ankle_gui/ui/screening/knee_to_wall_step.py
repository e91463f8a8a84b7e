"""Step 3: the knee-to-wall distance for each foot, by the progressive method, refined.

The seed's 1-inch steps find the range; the method then refines near the limit in 0.5 cm
steps, or with a tape. Each side can instead be answered "Can't do it, or it hurts", and a
side the safety check rules out is not tested at all. Who measured, and how finely, are
asked once for both sides: the margin of error follows from them (core/assessment.py).
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGridLayout, QPushButton, QWidget

from ankle_gui.core.assessment import FINE_STEP_CM, INCH_STEP_CM, TAPE_CM, Measurer
from ankle_gui.core.catalogue import load_catalogue
from ankle_gui.core.records import ANKLES, Side
from ankle_gui.core.units import Unit
from ankle_gui.ui.common.length_field import LengthField
from ankle_gui.ui.common.widgets import label
from ankle_gui.ui.screening.choice_row import ChoiceRow
from ankle_gui.ui.screening.screening_step import ScreeningStep, side_heading

SOURCE = ("progressive half-kneeling test, “Improve your Ankle Mobility” (2019), refined "
          "near the limit")
METHOD_DRILL = "knee_to_wall_test"
UNABLE = "Can't do it, or it hurts"
WHO = [(Measurer.SELF, "I measured myself"), (Measurer.CLINICIAN, "A clinician measured")]
HOW_FINE = [(INCH_STEP_CM, "1-inch steps"), (FINE_STEP_CM, "0.5 cm steps"),
            (TAPE_CM, "Tape (0.1 cm)")]


class KneeToWallStep(ScreeningStep):
    title = "Knee-to-wall"

    def __init__(self, parent: QWidget | None = None):
        # The method is written once, in the catalogue, which the Drills page shows too.
        method = load_catalogue().get(METHOD_DRILL)
        # A little smaller than the other steps: the method, two answers and who measured
        # must fit 1280×720 without scrolling.
        super().__init__([*method.setup, *method.cues], SOURCE, METHOD_DRILL, parent,
                         font_pt=12)
        self.fields: dict[Side, LengthField] = {}
        self.unable: dict[Side, QCheckBox] = {}
        self.untested: dict[Side, QWidget] = {}
        self._ruled_out: dict[Side, str] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        for col, side in enumerate(ANKLES):
            name = side.value.capitalize()
            field = LengthField(f"kneeToWall{name}")
            # A tick under the number, instead of one: compact enough for 1280×720.
            unable = QCheckBox(UNABLE)
            unable.setObjectName(f"unable{name}")
            unable.setMinimumHeight(30)
            unable.setStyleSheet("QCheckBox { font-size: 12pt; spacing: 8px; }"
                                 "QCheckBox::indicator { width: 20px; height: 20px; }")
            unable.setAccessibleName(f"{side.label} ankle: {UNABLE}")
            unable.setToolTip("No number for this side: the test could not be done, or it "
                              "hurt. The results will say whom to see.")
            unable.toggled.connect(lambda on, s=side: self._unable_toggled(s, on))
            ruled_out = label("", "hint")
            ruled_out.setObjectName(f"notTested{name}")
            ruled_out.hide()
            grid.addWidget(side_heading(side, "toe to wall"), 0, col)
            grid.addWidget(field, 1, col)
            grid.addWidget(unable, 2, col)
            grid.addWidget(ruled_out, 3, col)
            self.fields[side] = field
            self.unable[side] = unable
            self.untested[side] = ruled_out
        self.inputs.addLayout(grid)
        # Who measured and how finely: beside the figure, where there is room at 1280×720.
        self.measuredBy = ChoiceRow("measuredBy", WHO)
        self.measuredBy.setAccessibleName("Who measured")
        self.resolution = ChoiceRow("measureResolution", HOW_FINE)
        self.resolution.setAccessibleName("How finely it was measured")
        self.message.setObjectName("kneeToWallMessage")
        for row in (self.measuredBy, self.resolution):
            row.changed.connect(lambda _v: self.say(""))
        for row in (self.measuredBy, self.resolution):
            for button in row.findChildren(QPushButton):
                button.setMinimumHeight(38)
        self.message.hide()   # shown only with something to say: the room is needed
        for i, widget in enumerate((self.measuredBy,
                                    label("<b>How finely was the limit found?</b>"),
                                    self.resolution, self.message), start=1):
            self.side_inputs.insertWidget(i, widget)   # under the figure, above the source
        if self.figure is not None:   # the figure gives up a little height for them
            self.figure.setMaximumHeight(200)
        self.measuredBy.set_value(Measurer.SELF)

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def set_unit(self, unit: Unit) -> None:
        for field in self.fields.values():
            field.set_unit(unit)

    # --- sides without a number -----------------------------------------------------------
    def _unable_toggled(self, side: Side, on: bool) -> None:
        field = self.fields[side]
        if on:
            field.clear()
        field.setEnabled(not on and side not in self._ruled_out)
        field.changed.emit()

    def rule_out(self, reasons: dict[Side, str]) -> None:
        """The safety check rules these sides out today: no number, and it says why."""
        self._ruled_out = dict(reasons)
        for side in ANKLES:
            reason = reasons.get(side)
            out = reason is not None
            if out:
                self.fields[side].clear()
                self.unable[side].setChecked(False)
            self.fields[side].setEnabled(not out and not self.unable[side].isChecked())
            self.unable[side].setVisible(not out)
            self.untested[side].setText(f"Not tested today: {reason}." if out else "")
            self.untested[side].setVisible(out)

    def is_unable(self, side: Side) -> bool:
        return side not in self._ruled_out and self.unable[side].isChecked()

    def is_measured(self, side: Side) -> bool:
        return side not in self._ruled_out and not self.unable[side].isChecked()

    # --- answers --------------------------------------------------------------------------
    def value_cm(self, side: Side) -> float | None:
        return self.fields[side].value_cm() if self.is_measured(side) else None

    def measured_by(self) -> Measurer | None:
        return self.measuredBy.value()

    def resolution_cm(self) -> float | None:
        return self.resolution.value()

    def problem(self) -> str:
        if any(self.is_measured(side) for side in ANKLES) and (
                self.measured_by() is None or self.resolution_cm() is None):
            return "Say who measured and how finely."
        return ""

    def validate(self) -> bool:
        # Check every field and who measured, so all their messages show at once.
        fields = [self.fields[side].validate() for side in ANKLES if self.is_measured(side)]
        return super().validate() and all(fields)

    def has_answers(self) -> bool:
        return (any(field.edit.text().strip() for field in self.fields.values())
                or any(b.isChecked() for b in self.unable.values()))

    def reset(self) -> None:
        for side in ANKLES:
            self.unable[side].setChecked(False)
            self.fields[side].clear()
        self.rule_out({})
        self.resolution.clear()
        self.measuredBy.set_value(Measurer.SELF)
        self.say("")
