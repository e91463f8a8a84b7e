"""Step 3 (only without a fist width): the fist screen, answered directly per side."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QGridLayout, QWidget

from ankle_gui.core.records import ANKLES, Side
from ankle_gui.core.screening import FIST_SOURCE
from ankle_gui.ui.common.style import side_colour
from ankle_gui.ui.screening.choice_row import ChoiceRow
from ankle_gui.ui.screening.screening_step import ScreeningStep, side_heading


class FistScreenStep(ScreeningStep):
    title = "Fist screen"

    def __init__(self, needed: Callable[[], bool], parent: QWidget | None = None):
        super().__init__(
            ["Kneel on one knee facing a wall or open space, foot flat.",
             "Stand your fist on the floor just in front of your longest toe.",
             "Keeping the heel down, drive the knee forward as far as it goes.",
             "Does the kneecap get past the far side of your fist? Then that side passes."],
            FIST_SOURCE, "fist_width_screen", parent)
        self._needed = needed
        self.untested: set[Side] = set()
        self.message.setObjectName("fistScreenMessage")
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        for col, side in enumerate(ANKLES):
            row = ChoiceRow(f"fistScreen{side.value.capitalize()}",
                            [(True, "Knee passes"), (False, "Knee does not pass")],
                            side_colour(side))
            row.changed.connect(lambda _v: self.message.setText(""))
            grid.addWidget(side_heading(side), 0, col)
            grid.addWidget(row, 1, col)
            self.rows[side] = row
        self.inputs.addLayout(grid)
        self.inputs.addWidget(self.message)

    def applies(self) -> bool:
        return self._needed() and len(self.untested) < len(ANKLES)

    def set_untested(self, sides: set[Side]) -> None:
        self.untested = set(sides)
        for side, row in self.rows.items():
            if side in sides:
                row.clear()
            row.setEnabled(side not in sides)

    def answer(self, side: Side) -> bool | None:
        return None if side in self.untested else self.rows[side].value()

    def problem(self) -> str:
        missing = [s.value for s in ANKLES if self.rows[s].value() is None
                   and s not in self.untested]
        return f"Answer for the {' and '.join(missing)} side." if missing else ""
