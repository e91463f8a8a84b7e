"""Plan edits on the Test page are never lost without asking: closing the app, switching
profile, or using the saved plan on the Train page first asks "Save the changes to …'s
plan?" (Save, Discard, Cancel). Clinic mode's side of it is in
tests/ui/clinic/test_clinic_unsaved_plan.py."""

from __future__ import annotations

import pytest
from helpers import open_question
from PySide6.QtWidgets import QMessageBox, QWidget

from ankle_gui.core.records import Felt, Side
from ankle_gui.core.screening import Screening, SideScreening
from ankle_gui.core.units import Unit
from ankle_gui.services.screening import ScreeningEntry, record_test
from ankle_gui.ui.main_window import MainWindow

PLAN = "unsavedPlanQuestion"

Button = QMessageBox.StandardButton


class FakeClock:
    def __call__(self) -> float:
        return 100.0


def profile_with_a_test(store, catalogue, name: str):
    """A profile with a test, so a saved plan (the banded mob first, 10 reps)."""
    profile = store.profiles.create(name)
    left = SideScreening(Side.LEFT, 6.0, False, Felt.FRONT, Felt.FRONT)
    right = SideScreening(Side.RIGHT, 11.5, True, Felt.NONE, Felt.NONE)
    record_test(store, catalogue, profile, ScreeningEntry(Screening(left, right, True), 9.0, ""))
    return store.profiles.get(profile.id)


@pytest.fixture
def sam(store, catalogue):
    return profile_with_a_test(store, catalogue, "Sam")


@pytest.fixture
def window(main_window, sam):
    main_window.trainPage.clock = FakeClock()
    main_window.current.set(sam)
    return main_window


def saved_reps(store, profile) -> int:
    return store.plans.current(profile.id)[0][0].dose["reps"]


def edit_reps(window, reps: int = 14):
    """Change the first drill's reps in the plan editor, as the reviewer did (to 14)."""
    window.show_page("Test")
    editor = window.page("Test").planEditor
    editor.planList.setCurrentRow(0)
    editor.findChild(QWidget, "dose_reps").setValue(reps)
    assert editor.state.text() == "Changes not saved yet."
    return editor


def the_question(qtbot, window) -> QMessageBox:
    qtbot.waitUntil(lambda: open_question(PLAN) is not None)
    return open_question(PLAN)


def answer(qtbot, window, button: Button) -> None:
    box = the_question(qtbot, window)
    box.button(button).click()
    qtbot.waitUntil(lambda: open_question(PLAN) is None)


def test_closing_asks_and_cancel_keeps_the_window_and_the_edit(qtbot, window, store, sam):
    assert saved_reps(store, sam) == 10
    editor = edit_reps(window)
    window.close()
    box = the_question(qtbot, window)
    assert box.text() == "Save the changes to Sam's plan?"
    assert {b.text() for b in box.buttons()} == {"Save", "Discard", "Cancel"}
    answer(qtbot, window, Button.Cancel)
    assert window.isVisible()
    assert editor.items()[0].dose["reps"] == 14
    assert editor.state.text() == "Changes not saved yet."
    assert saved_reps(store, sam) == 10


def test_closing_with_save_keeps_the_edit_for_the_next_start(wall, qtbot, window, store, sam,
                                                            catalogue, cue_services):
    edit_reps(window)
    window.close()
    answer(qtbot, window, Button.Save)
    assert not window.isVisible()
    assert saved_reps(store, sam) == 14
    again = MainWindow(store, catalogue, cue_services=cue_services, clock=wall)  # the next start
    qtbot.addWidget(again)
    again.current.set(sam)
    again.show_page("Test")
    assert again.page("Test").planEditor.items()[0].dose["reps"] == 14


def test_closing_with_discard_closes_and_keeps_the_saved_plan(qtbot, window, store, sam):
    edit_reps(window)
    window.close()
    answer(qtbot, window, Button.Discard)
    assert not window.isVisible()
    assert saved_reps(store, sam) == 10


def test_a_suggested_plan_not_yet_saved_is_not_called_changed(qtbot, window, store):
    # Results without a plan (a CSV import, say): the suggestion is shown, nobody changed it.
    jo = store.profiles.create("Jo")
    left = SideScreening(Side.LEFT, 6.0, False, Felt.FRONT, Felt.FRONT)
    right = SideScreening(Side.RIGHT, 11.5, True, Felt.NONE, Felt.NONE)
    store.results.add(jo.id, Screening(left, right, True).to_results(
        store.results.next_taken_at(jo.id)))
    window.current.set(jo)
    window.show_page("Test")
    editor = window.page("Test").planEditor
    assert editor.state.text() == "Worked out from your test; not saved yet."
    window.close()
    assert not window.isVisible() and open_question(PLAN) is None


def test_switching_profile_asks_first(qtbot, window, store, catalogue, sam):
    alex = profile_with_a_test(store, catalogue, "Alex")
    window.profileBar.show_profile(sam)
    editor = edit_reps(window)
    picker = window.profileBar.picker
    picker.activated.emit(picker.findData(alex.id))
    answer(qtbot, window, Button.Cancel)
    assert window.current.profile.name == "Sam"
    assert picker.currentText() == "Sam"                    # the switcher shows who is open
    assert editor.items()[0].dose["reps"] == 14

    picker.activated.emit(picker.findData(alex.id))
    answer(qtbot, window, Button.Discard)
    assert window.current.profile.name == "Alex"
    assert saved_reps(store, sam) == 10

    window.current.set(sam)                                 # the Profiles page asks too
    edit_reps(window)
    page = window.profilesPage
    window.show_page("Profiles")
    page.list.setCurrentRow(next(i for i in range(page.list.count())
                                 if page.list.item(i).text().startswith("Alex")))
    page.useButton.click()
    answer(qtbot, window, Button.Save)
    assert window.current.profile.name == "Alex"
    assert saved_reps(store, sam) == 14


@pytest.mark.parametrize("button", ["startSavedPlanButton", "loadPlanButton"])
def test_the_train_page_asks_before_using_the_saved_plan(qtbot, window, store, sam, button):
    edit_reps(window)
    window.show_page("Train")
    builder = window.trainPage.builder
    builder.findChild(QWidget, button).click()
    answer(qtbot, window, Button.Cancel)
    assert not window.trainPage.running and builder.items == []

    builder.findChild(QWidget, button).click()
    answer(qtbot, window, Button.Save)
    assert saved_reps(store, sam) == 14
    if button == "startSavedPlanButton":                   # the plan as just saved
        assert window.trainPage.running
        assert window.trainPage._items[0].dose["reps"] == 14
    else:
        assert builder.items[0].dose["reps"] == 14


def test_a_rename_or_a_new_unit_keeps_the_unsaved_edit(qtbot, window, store, sam):
    editor = edit_reps(window)
    page = window.profilesPage
    page.rename(sam.id, "Samantha")
    store.profiles.set_unit(sam.id, Unit.INCH)
    window.current.reload()
    assert editor.items()[0].dose["reps"] == 14
    assert editor.has_unsaved_edits()
    window.close()
    assert the_question(qtbot, window).text() == "Save the changes to Samantha's plan?"
    answer(qtbot, window, Button.Save)
    assert saved_reps(store, sam) == 14


def test_an_emptied_plan_cannot_be_saved_from_the_question(qtbot, window, store, sam):
    window.show_page("Test")
    editor = window.page("Test").planEditor
    while editor.items():
        editor.planList.setCurrentRow(0)
        editor.editor.removeButton.click()
    window.close()
    box = the_question(qtbot, window)
    assert not box.button(Button.Save).isEnabled()
    assert "cannot be saved" in box.informativeText()
    answer(qtbot, window, Button.Discard)
    assert not window.isVisible()
    assert saved_reps(store, sam) == 10
