"""Every step of the guided test checks its answers the same way (ScreeningStep): empty, it
has no answers and refuses to be saved with a message saying what is missing; answered, it
can be saved and the message goes; reset empties it again."""

from __future__ import annotations

import pytest

from ankle_gui.ui.screening.felt_limit_step import FeltLimitStep
from ankle_gui.ui.screening.fist_screen_step import FistScreenStep
from ankle_gui.ui.screening.fist_width_step import FistWidthStep
from ankle_gui.ui.screening.knee_to_wall_step import KneeToWallStep
from ankle_gui.ui.screening.safety_step import SafetyHealthStep, SafetyLegsStep
from ankle_gui.ui.screening.squat_step import SquatStep


def _answer_rows(step) -> None:
    """The first choice of every row still asked (a safety "yes" asks a follow-up)."""
    while True:
        open_rows = [row for row in step.rows.values()
                     if row.isEnabled() and row.value() is None]
        if not open_rows:
            return
        for row in open_rows:
            row.set_value(row._values[-1])  # the last choice: "No" needs no follow-up


def _answer_fist_width(step: FistWidthStep) -> None:
    step.menRadio.setChecked(True)


def _answer_knee_to_wall(step: KneeToWallStep) -> None:
    for field in step.fields.values():
        field.edit.setText("9")
    step.resolution.set_value(step.resolution._values[0])


STEPS = [
    (SafetyLegsStep, _answer_rows),
    (SafetyHealthStep, _answer_rows),
    (KneeToWallStep, _answer_knee_to_wall),
    (FistWidthStep, _answer_fist_width),
    (lambda: FistScreenStep(lambda: True), _answer_rows),
    (FeltLimitStep, _answer_rows),
    (SquatStep, _answer_rows),
]


@pytest.mark.parametrize(("make", "answer"), STEPS,
                         ids=[getattr(m, "__name__", "FistScreenStep") for m, _ in STEPS])
def test_each_step_checks_has_and_resets_its_answers(qtbot, make, answer):
    step = make()
    qtbot.addWidget(step)
    assert not step.has_answers()
    assert not step.validate()
    assert step.message.text() == step.problem() != ""
    answer(step)
    assert step.has_answers() is not isinstance(step, FistWidthStep)  # a choice, not answers
    assert step.validate(), step.message.text()
    assert step.message.text() == ""
    assert step.problem() == ""
    step.reset()
    assert not step.has_answers()
    assert step.message.text() == ""
