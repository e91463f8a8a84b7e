"""A guided test with answers typed is never lost without asking: switching profile or
closing the app first asks "Leave …'s test unfinished?" (Leave it, Cancel). A change of unit
keeps the typed distances, converted. Clinic mode's side is in
tests/ui/clinic/test_clinic_unsaved_plan.py."""

from __future__ import annotations

import pytest
from helpers import open_question
from PySide6.QtWidgets import QMessageBox

from ankle_gui.core.records import Side
from ankle_gui.core.units import Unit

PLAN = "unsavedPlanQuestion"
TEST = "unfinishedTestQuestion"

Button = QMessageBox.StandardButton


@pytest.fixture
def sam(store):
    return store.profiles.create("Sam")


@pytest.fixture
def window(main_window, sam):
    main_window.current.set(sam)
    main_window.profileBar.show_profile(sam)
    main_window.show_page("Test")
    return main_window


def answer_safety(wizard) -> None:
    """Every safety question "No", then on to the knee-to-wall."""
    for step in (wizard.safetyLegs, wizard.safetyHealth):
        for row in step.rows.values():
            if row.isEnabled():
                row.button(False).click()
        wizard.nextButton.click()


def type_distances(window, left: str = "10", right: str = "12,5"):
    wizard = window.page("Test").wizard
    if wizard.current_step() is wizard.safetyLegs:
        answer_safety(wizard)
    wizard.kneeToWall.resolution.set_value(0.1)
    wizard.kneeToWall.fields[Side.LEFT].edit.setText(left)
    wizard.kneeToWall.fields[Side.RIGHT].edit.setText(right)
    return wizard


def reach_step_3(window):
    wizard = type_distances(window)
    wizard.nextButton.click()
    wizard.fistWidth.menRadio.click()
    wizard.nextButton.click()
    assert wizard.stepLabel.text().startswith("Step 5 of 6")
    return wizard


def the_question(qtbot, window) -> QMessageBox:
    qtbot.waitUntil(lambda: open_question(TEST) is not None)
    return open_question(TEST)


def answer(qtbot, window, text: str) -> None:
    box = the_question(qtbot, window)
    next(b for b in box.buttons() if b.text() == text).click()
    qtbot.waitUntil(lambda: open_question(TEST) is None)


def test_switching_profile_asks_and_cancel_keeps_the_answers(qtbot, window, store, sam):
    alex = store.profiles.create("Alex")
    window.profileBar.show_profile(sam)
    wizard = reach_step_3(window)
    picker = window.profileBar.picker
    picker.activated.emit(picker.findData(alex.id))
    box = the_question(qtbot, window)
    assert box.text() == "Leave Sam's test unfinished?"
    assert "answers typed so far will be lost" in box.informativeText()
    assert {b.text() for b in box.buttons()} == {"Leave it", "Cancel"}
    answer(qtbot, window, "Cancel")
    assert window.current.profile.name == "Sam"
    assert picker.currentText() == "Sam"                    # the switcher shows who is open
    assert wizard.stepLabel.text().startswith("Step 5 of 6")
    assert wizard.kneeToWall.fields[Side.LEFT].edit.text() == "10"

    picker.activated.emit(picker.findData(alex.id))
    answer(qtbot, window, "Leave it")
    assert window.current.profile.name == "Alex"
    assert wizard.stepLabel.text().startswith("Step 1 of")
    assert wizard.kneeToWall.fields[Side.LEFT].edit.text() == ""


def test_the_profiles_page_asks_too(qtbot, window, store):
    store.profiles.create("Alex")
    type_distances(window)
    page = window.profilesPage
    window.show_page("Profiles")
    page.refresh()
    page.list.setCurrentRow(next(i for i in range(page.list.count())
                                 if page.list.item(i).text().startswith("Alex")))
    page.useButton.click()
    answer(qtbot, window, "Leave it")
    assert window.current.profile.name == "Alex"


def test_closing_asks_and_cancel_keeps_the_window(qtbot, window):
    type_distances(window)
    window.close()
    answer(qtbot, window, "Cancel")
    assert window.isVisible()
    window.close()
    answer(qtbot, window, "Leave it")
    assert not window.isVisible()


def test_nothing_typed_asks_nothing(qtbot, window, store):
    alex = store.profiles.create("Alex")
    window.profileBar.show_profile(window.current.profile)
    picker = window.profileBar.picker
    picker.activated.emit(picker.findData(alex.id))
    assert window.current.profile.name == "Alex" and open_question(TEST) is None
    window.close()
    assert not window.isVisible()


def test_a_new_unit_keeps_the_answers_converted(qtbot, window, store, sam):
    wizard = reach_step_3(window)
    store.profiles.set_unit(sam.id, Unit.INCH)              # as the Profiles page does it
    window.current.reload()
    assert wizard.stepLabel.text().startswith("Step 5 of 6")
    left = wizard.kneeToWall.fields[Side.LEFT]
    assert left.unitLabel.text() == "in"
    assert left.edit.text() == "3.94"
    assert wizard.kneeToWall.fields[Side.RIGHT].edit.text() == "4.92"
    assert left.value_cm() == 10.0                          # not 3.94 in: nothing drifts
    assert wizard.fistWidth.menRadio.isChecked()

    store.profiles.set_unit(sam.id, Unit.CM)                # and back: what was typed
    window.current.reload()
    assert left.edit.text() == "10"
    assert wizard.kneeToWall.fields[Side.RIGHT].edit.text() == "12.5"


def test_an_own_fist_width_typed_survives_a_new_unit(qtbot, window, store, sam):
    wizard = type_distances(window)
    wizard.nextButton.click()
    wizard.fistWidth.ownField.edit.setText("8")
    wizard.fistWidth.ownRadio.setChecked(True)
    store.profiles.set_unit(sam.id, Unit.INCH)
    window.current.reload()
    assert wizard.fistWidth.ownRadio.isChecked()
    assert wizard.fistWidth.ownField.value_cm() == 8.0


def test_a_saved_test_asks_nothing_afterwards(qtbot, window, store, sam):
    wizard = reach_step_3(window)
    for name in ("feltStraightLeft", "feltBentLeft", "feltStraightRight", "feltBentRight"):
        wizard.feltLimit.findChild(type(wizard.nextButton), f"{name}_none").click()
    wizard.nextButton.click()
    wizard.squat.heels.button(True).click()
    wizard.saveTestButton.click()
    assert window.page("Test").stack.currentWidget() is window.page("Test").results
    window.close()
    assert not window.isVisible() and open_question(TEST) is None


def test_plan_edits_and_a_half_done_test_are_asked_about_in_turn(qtbot, window, store, sam):
    wizard = reach_step_3(window)                           # a first test, saved
    for name in ("feltStraightLeft", "feltBentLeft", "feltStraightRight", "feltBentRight"):
        wizard.feltLimit.findChild(type(wizard.nextButton), f"{name}_none").click()
    wizard.nextButton.click()
    wizard.squat.heels.button(True).click()
    wizard.saveTestButton.click()
    editor = window.page("Test").planEditor
    editor.planList.setCurrentRow(0)
    editor.editor.removeButton.click()
    assert editor.has_unsaved_edits()
    window.page("Test").results.newTestButton.click()           # then a new test, half done
    type_distances(window)
    window.close()
    qtbot.waitUntil(lambda: open_question(PLAN) is not None)
    open_question(PLAN).button(Button.Discard).click()
    answer(qtbot, window, "Leave it")
    assert not window.isVisible()
