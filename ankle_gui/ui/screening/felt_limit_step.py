"""Step 4: where the limit is felt, knee straight and knee bent, for each side."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QWidget

from ankle_gui.core.records import ANKLES, Felt, Side
from ankle_gui.core.screening import LIMIT_SOURCE
from ankle_gui.ui.common.style import side_colour
from ankle_gui.ui.common.widgets import label
from ankle_gui.ui.screening.choice_row import ChoiceRow
from ankle_gui.ui.screening.screening_step import ScreeningStep, side_heading

CHOICES = [(Felt.BACK, "Stretch at the back"), (Felt.FRONT, "Pinch at the front"),
           (Felt.NONE, "Nothing")]
POSITIONS = (("Straight", "Knee straight"), ("Bent", "Knee bent"))


class FeltLimitStep(ScreeningStep):
    title = "Where it stops"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(
            ["Stand on a step on the foot you test, the ball of the foot on the edge.",
             "With the knee straight, let the heel sink as far as it will go. What stops it?",
             "Now bend that knee a little and let the heel sink again. What stops it now?",
             "A stretch in the calf or Achilles points to tight soft tissue; a block or pinch "
             "at the front of the ankle points to the joint. You may also notice this at the "
             "end of the knee-to-wall lunge."],
            LIMIT_SOURCE.split(";")[0], "knee_differentiation_step_test",
            parent)
        self.untested: set[Side] = set()   # no knee-to-wall today: nothing to feel
        self.message.setObjectName("feltLimitMessage")
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        line = 0
        for side in ANKLES:
            grid.addWidget(side_heading(side), line, 0, 1, 2)
            line += 1
            for key, words in POSITIONS:
                row = ChoiceRow(f"felt{key}{side.value.capitalize()}", CHOICES,
                                side_colour(side))
                row.changed.connect(lambda _v: self.message.setText(""))
                grid.addWidget(label(words, wrap=False), line, 0)
                grid.addWidget(row, line, 1)
                self.rows[(side, key)] = row
                line += 1
        grid.setColumnStretch(1, 1)
        self.inputs.addLayout(grid)
        self.inputs.addWidget(self.message)

    def set_untested(self, sides: set[Side]) -> None:
        """Sides not tested today are not asked about."""
        self.untested = set(sides)
        for (side, _key), row in self.rows.items():
            if side in sides:
                row.clear()
            row.setEnabled(side not in sides)

    def felt(self, side: Side) -> tuple[Felt | None, Felt | None]:
        if side in self.untested:
            return Felt.NONE, Felt.NONE
        return self.rows[(side, "Straight")].value(), self.rows[(side, "Bent")].value()

    def applies(self) -> bool:
        return len(self.untested) < len(ANKLES)

    def problem(self) -> str:
        missing = [f"{side.value} {key.lower()}" for (side, key), row in self.rows.items()
                   if row.value() is None and side not in self.untested]
        return "Still to answer: " + ", ".join(missing) + "." if missing else ""
