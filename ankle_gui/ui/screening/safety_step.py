"""Steps 1 and 2: the safety check before every test (questions in core/red_flags.py).

Each leg is asked about injuries, the calf and the Achilles; then the person about blood
thinners, diabetes or numb feet, and inflammatory arthritis. A follow-up question appears
only after a "yes" to the question it follows. Every question must be answered.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QWidget

from ankle_gui.core.records import ANKLES, Side
from ankle_gui.core.red_flags import (
    HEALTH_QUESTIONS,
    LEG_QUESTIONS,
    OTTAWA_SOURCE,
    Question,
    answer_key,
)
from ankle_gui.ui.common.style import side_colour
from ankle_gui.ui.common.widgets import label
from ankle_gui.ui.screening.choice_row import ChoiceRow
from ankle_gui.ui.screening.screening_step import ScreeningStep

YES_NO = [(True, "Yes"), (False, "No")]


def row_name(key: str, side: Side | None) -> str:
    """The objectName of one answer: safetyFractureLeft, safetyBloodThinners."""
    camel = "".join(part.capitalize() for part in key.split("_"))
    return f"safety{camel}{side.value.capitalize() if side else ''}"


class SafetyStep(ScreeningStep):
    """A page of yes/no questions; per leg ones have a Left and a Right answer."""

    questions: tuple[Question, ...] = ()

    def __init__(self, intro: list[str], source: str, parent: QWidget | None = None):
        super().__init__(intro, source, None, parent, source_prefix="Why these questions")
        self.labels: dict[str, QWidget] = {}
        self.message.setObjectName(f"{self.objectName() or 'safety'}Message")
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(6)
        per_side = any(q.per_side for q in self.questions)
        line = 0
        if per_side:
            for col, side in enumerate(ANKLES, start=1):
                heading = label(side.label, wrap=False)
                heading.setStyleSheet(f"color: {side_colour(side)}; font-weight: 700;")
                grid.addWidget(heading, line, col)
            line += 1
        for q in self.questions:
            words = label(q.words)
            words.setStyleSheet("font-size: 12pt;" + (" color: #344054; margin-left: 18px;"
                                                       if q.follows else ""))
            grid.addWidget(words, line, 0)
            self.labels[q.key] = words
            for col, side in enumerate(ANKLES if q.per_side else (None,), start=1):
                row = ChoiceRow(row_name(q.key, side), YES_NO,
                                side_colour(side) if side else "#1d4ed8")
                row.setAccessibleName(f"{q.words} {side.label if side else ''}".strip())
                row.setMinimumWidth(150)
                row.changed.connect(lambda _v, k=q.key: self._answered(k))
                grid.addWidget(row, line, col)
                self.rows[answer_key(q.key, side)] = row
            line += 1
        grid.setColumnStretch(0, 1)
        self.inputs.addLayout(grid)
        self.inputs.addWidget(self.message)
        self._show_follow_ups()

    # --- follow-ups appear after a yes ---------------------------------------------------
    def _answered(self, _key: str) -> None:
        self.message.setText("")
        self._show_follow_ups()

    def _asked(self, q: Question, side: Side | None) -> bool:
        if q.follows is None:
            return True
        parent = self.rows.get(answer_key(q.follows, side))
        return parent is not None and parent.value() is True

    def _show_follow_ups(self) -> None:
        for q in self.questions:
            if q.follows is None:
                continue
            any_side = False
            for side in ANKLES if q.per_side else (None,):
                row = self.rows[answer_key(q.key, side)]
                asked = self._asked(q, side)
                if not asked and row.value() is not None:
                    row.clear()
                row.setEnabled(asked)
                row.setVisible(asked)
                any_side = any_side or asked
            self.labels[q.key].setVisible(any_side)

    # --- answers ------------------------------------------------------------------------
    def answers(self) -> dict[str, bool]:
        return {key: row.value() for key, row in self.rows.items() if row.value() is not None}

    def problem(self) -> str:
        missing = [q for q in self.questions
                   for side in (ANKLES if q.per_side else (None,))
                   if self._asked(q, side) and self.rows[answer_key(q.key, side)].value() is None]
        return (f"Please answer every question ({len(missing)} still open): a yes or a no each."
                if missing else "")

    def reset(self) -> None:
        super().reset()
        self._show_follow_ups()


class SafetyLegsStep(SafetyStep):
    title = "Before you start: your legs"
    questions = LEG_QUESTIONS

    def __init__(self, parent: QWidget | None = None):
        super().__init__(
            ["A few questions before every test, so that the app never suggests a drill that "
             "could set an injury back. Answer for each leg."],
            f"{OTTAWA_SOURCE}, and the sources named with each finding on the results", parent)
        self.setObjectName("safetyLegsStep")
        self.message.setObjectName("safetyLegsMessage")


class SafetyHealthStep(SafetyStep):
    title = "Before you start: your health"
    questions = HEALTH_QUESTIONS

    def __init__(self, parent: QWidget | None = None):
        super().__init__(
            ["Three questions about your health. A yes does not stop you: it says whom to see "
             "first and which drills to leave out until then."],
            "the sources are named with each finding on the results", parent)
        self.setObjectName("safetyHealthStep")
        self.message.setObjectName("safetyHealthMessage")
        self.layout().setAlignment(Qt.AlignmentFlag.AlignTop)
