"""Step 1: the knee-to-wall distance for each foot, by the progressive method."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QWidget

from ankle_gui.core.assessment import angle_text
from ankle_gui.core.catalogue import load_catalogue
from ankle_gui.core.records import ANKLES, Side
from ankle_gui.core.units import Unit
from ankle_gui.ui.common.length_field import LengthField
from ankle_gui.ui.common.widgets import label
from ankle_gui.ui.screening.screening_step import ScreeningStep, side_heading

SOURCE = "progressive half-kneeling test, “Improve your Ankle Mobility” (2019)"
METHOD_DRILL = "knee_to_wall_test"


class KneeToWallStep(ScreeningStep):
    title = "Knee-to-wall"

    def __init__(self, parent: QWidget | None = None):
        # The method is written once, in the catalogue, which the Drills page shows too.
        method = load_catalogue().get(METHOD_DRILL)
        super().__init__([*method.setup, *method.cues], SOURCE, METHOD_DRILL, parent)
        self.fields: dict[Side, LengthField] = {}
        self.angles: dict[Side, object] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        for col, side in enumerate(ANKLES):
            field = LengthField(f"kneeToWall{side.value.capitalize()}")
            angle = label("", "hint", wrap=False)
            angle.setObjectName(f"angle{side.value.capitalize()}")
            field.changed.connect(lambda s=side: self._show_angle(s))
            grid.addWidget(side_heading(side, "toe to wall"), 0, col)
            grid.addWidget(field, 1, col)
            grid.addWidget(angle, 2, col)
            self.fields[side] = field
            self.angles[side] = angle
        self.inputs.addLayout(grid)

    def set_unit(self, unit: Unit) -> None:
        for field in self.fields.values():
            field.set_unit(unit)

    def _show_angle(self, side: Side) -> None:
        value = self.fields[side].value_cm()
        self.angles[side].setText(f"Ankle angle {angle_text(value)}" if value is not None
                                  else "")

    def value_cm(self, side: Side) -> float | None:
        return self.fields[side].value_cm()

    def validate(self) -> bool:
        # Check both, so both messages show at once.
        results = [self.fields[side].validate() for side in ANKLES]
        return all(results)

    def has_answers(self) -> bool:
        return any(field.edit.text().strip() for field in self.fields.values())

    def reset(self) -> None:
        for field in self.fields.values():
            field.clear()
