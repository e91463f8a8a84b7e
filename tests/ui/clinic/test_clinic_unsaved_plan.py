"""Clinic mode and unsaved plan edits: "I'm done" and quitting ask first, as at home; the idle
lock never waits for an answer: it closes the question, drops the unsaved edits (the plan
stays as last saved) and the next patient sees only their own plan. A half-done guided test
is treated the same way ("Leave …'s test unfinished?")."""

from __future__ import annotations

import pytest
from clinic_window import at_welcome, open_with_code, quiet_for, visible_texts
from helpers import open_question
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from ankle_gui.core.records import Felt, Side
from ankle_gui.core.screening import Screening, SideScreening
from ankle_gui.services.screening import ScreeningEntry, record_test

PLAN = "unsavedPlanQuestion"
TEST = "unfinishedTestQuestion"

Button = QMessageBox.StandardButton


@pytest.fixture
def tested(store, catalogue, patients):
    left = SideScreening(Side.LEFT, 6.0, False, Felt.FRONT, Felt.FRONT)
    right = SideScreening(Side.RIGHT, 11.5, True, Felt.NONE, Felt.NONE)
    for patient in patients:
        record_test(store, catalogue, patient,
                    ScreeningEntry(Screening(left, right, True), 9.0, ""))
    return patients


def first_reps(store, patient) -> int:
    return store.plans.current(patient.id)[0][0].dose["reps"]


def edit_reps(window, reps: int = 14):
    window.show_page("Test")
    editor = window.page("Test").planEditor
    editor.planList.setCurrentRow(0)
    editor.findChild(QWidget, "dose_reps").setValue(reps)
    assert editor.has_unsaved_edits()
    return editor


def asked(qtbot, window) -> QMessageBox:
    qtbot.waitUntil(lambda: open_question(PLAN) is not None)
    return open_question(PLAN)


def test_the_idle_lock_closes_the_question_and_keeps_the_saved_plan(
        qtbot, window, store, monotonic, tested):
    ana, ben = tested
    open_with_code(qtbot, window, "10025307")
    edit_reps(window)
    qtbot.mouseClick(window.profileBar.doneButton, Qt.MouseButton.LeftButton)
    box = asked(qtbot, window)
    assert box.text() == "Save the changes to Ben's plan?"
    box.button(Button.Cancel).click()
    assert not at_welcome(window)                               # Ben carries on

    qtbot.mouseClick(window.profileBar.doneButton, Qt.MouseButton.LeftButton)
    asked(qtbot, window)
    assert quiet_for(window, monotonic, 3)                      # nobody answered
    assert at_welcome(window)
    qtbot.waitUntil(lambda: open_question(PLAN) is None)
    assert first_reps(store, ben) == 10                         # never saved unasked
    assert "Ben" not in visible_texts(window)

    open_with_code(qtbot, window, "10014821")
    window.show_page("Test")
    assert window.page("Test").planEditor.state.text() == "Saved with this profile."
    assert open_question(PLAN) is None and "Ben" not in visible_texts(window)
    qtbot.mouseClick(window.profileBar.doneButton, Qt.MouseButton.LeftButton)  # nothing asked
    assert at_welcome(window)

    open_with_code(qtbot, window, "10025307")                       # Ben again: as last saved
    window.show_page("Test")
    assert window.page("Test").planEditor.items()[0].dose["reps"] == 10


def test_quitting_asks_about_the_plan_then_for_the_pin(qtbot, window, store, monotonic,
                                                       tested):
    _ana, ben = tested
    open_with_code(qtbot, window, "10025307")
    edit_reps(window)
    window.close()
    asked(qtbot, window).button(Button.Save).click()
    assert first_reps(store, ben) == 14
    qtbot.waitUntil(lambda: window.clinic.pinDialog is not None
                    and window.clinic.pinDialog.isVisible())
    assert window.isVisible()                                    # a patient cannot quit
    assert quiet_for(window, monotonic, 3)
    assert at_welcome(window)


def type_distances(window) -> None:
    window.show_page("Test")
    fields = window.page("Test").wizard.kneeToWall.fields
    fields[Side.LEFT].edit.setText("10")
    fields[Side.RIGHT].edit.setText("12")


def test_a_half_done_test_is_asked_about_and_the_idle_lock_drops_it(qtbot, window, monotonic):
    open_with_code(qtbot, window, "10025307")
    type_distances(window)
    qtbot.mouseClick(window.profileBar.doneButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: open_question(TEST) is not None)
    box = open_question(TEST)
    assert box.text() == "Leave Ben's test unfinished?"
    box.button(Button.Cancel).click()
    assert not at_welcome(window)                               # Ben carries on
    assert window.page("Test").wizard.kneeToWall.fields[Side.LEFT].edit.text() == "10"

    qtbot.mouseClick(window.profileBar.doneButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: open_question(TEST) is not None)
    assert quiet_for(window, monotonic, 3)                      # nobody answered
    assert at_welcome(window)
    qtbot.waitUntil(lambda: open_question(TEST) is None)
    assert "Ben" not in visible_texts(window)

    for code in ("10014821", "10025307"):                               # nobody sees Ben's answers
        open_with_code(qtbot, window, code)
        window.show_page("Test")
        wizard = window.page("Test").wizard
        assert wizard.stepLabel.text().startswith("Step 1 of")
        assert wizard.kneeToWall.fields[Side.LEFT].edit.text() == ""
        qtbot.mouseClick(window.profileBar.doneButton, Qt.MouseButton.LeftButton)
        assert at_welcome(window) and open_question(TEST) is None
