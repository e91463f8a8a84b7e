"""What every step of the guided test shares: how-to text, a figure, inputs, a source, and
the answers' check (``validate``, ``has_answers``, ``reset``)."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ankle_gui.core.records import Side
from ankle_gui.ui.common.style import side_colour
from ankle_gui.ui.common.widgets import label
from ankle_gui.ui.screening.choice_row import ChoiceRow
from ankle_gui.ui.screening.screening_figure import ScreeningFigure


def side_heading(side: Side, text: str = "") -> QLabel:
    heading = label(f"{side.label} ankle{(' · ' + text) if text else ''}", wrap=False)
    heading.setStyleSheet(f"color: {side_colour(side)}; font-weight: 700; font-size: 14pt;")
    return heading


class ScreeningStep(QWidget):
    """One page of the guided test. Subclasses add their inputs to ``self.inputs`` (and
    ``self.message``, where what is missing is said), keep their choices in ``self.rows``,
    and say in ``problem`` what stops the step being saved."""

    title = ""

    def __init__(self, steps: list[str], source: str, figure: str | None = None,
                 parent: QWidget | None = None, *, font_pt: int = 13,
                 source_prefix: str = "Method"):
        super().__init__(parent)
        if len(steps) == 1:   # one line of introduction, not a list of steps
            how = label(f"<p>{escape(steps[0])}</p>")
        else:
            gap = 4 if font_pt >= 13 else 2
            how = label("<ol style='margin-left:-20px'>" + "".join(
                f"<li style='margin-bottom:{gap}px'>{escape(s)}</li>" for s in steps) + "</ol>")
        how.setTextFormat(Qt.TextFormat.RichText)
        how.setObjectName("stepInstructions")
        how.setStyleSheet(f"font-size: {font_pt}pt;")
        self.sourceLabel = label(f"{source_prefix}: {source}", "hint")
        self.sourceLabel.setStyleSheet("font-size: 10pt;")
        self.rows: dict[Any, ChoiceRow] = {}   # the step's choices, keyed as it likes
        self.message = label("", "error")

        self.inputs = QVBoxLayout()
        self.inputs.setSpacing(10)
        left = QVBoxLayout()
        left.addWidget(how)
        left.addSpacing(8)
        left.addLayout(self.inputs)
        left.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(24)
        self.figure: ScreeningFigure | None = None
        if not figure:   # questions only: they take the whole width, the source under them
            left.insertWidget(left.count() - 1, self.sourceLabel)
            layout.addLayout(left, 1)
            return
        right = QVBoxLayout()
        # The catalogue id of the test, whose poses the figure draws.
        self.figure = ScreeningFigure(figure)
        self.figure.setMaximumWidth(460)
        right.addWidget(self.figure)
        right.addWidget(self.sourceLabel)
        self.side_inputs = right   # room under the figure for a step's own extra inputs
        right.addStretch(1)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)

    def applies(self) -> bool:
        """False when earlier answers make this step unnecessary."""
        return True

    def problem(self) -> str:
        """What is missing or wrong, in words for the person; "" when the step can be saved."""
        return ""

    def say(self, text: str) -> None:
        self.message.setText(text)

    def validate(self) -> bool:
        """Show what is missing or wrong; True when the step can be saved."""
        problem = self.problem()
        self.say(problem)
        return not problem

    def has_answers(self) -> bool:
        """True once the person has answered something here (asked about before it is lost)."""
        return any(row.value() is not None for row in self.rows.values())

    def reset(self) -> None:
        """Empty the answers for a new test."""
        for row in self.rows.values():
            row.clear()
        self.say("")
