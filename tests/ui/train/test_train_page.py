"""The Train page around the player: session builder, quick pre/post test, sharp pain,
quitting and resuming, and the way in from the Test and Drills pages."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ankle_gui.core.assessment import Measurer
from ankle_gui.core.plan import PlanItem, plan_item_for
from ankle_gui.core.records import MeasurementKind, Phase, SessionStatus, SetOutcome, Side
from ankle_gui.core.steps import StepKind
from ankle_gui.ui.main_window import MainWindow


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def window(main_window, store, profile):
    main_window.current.set(profile)
    page = main_window.trainPage
    page.clock = FakeClock()
    main_window.show_page("Train")
    return main_window


def space(qtbot, page, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(page.player, Qt.Key.Key_Space)


def test_builder_starts_a_session_and_remembers_the_dose(qtbot, window, store, profile):
    page = window.trainPage
    builder = page.builder
    builder.add_drill("banded_mob_front")
    builder.add_drill("calf_raises_step")
    assert builder.sessionList.count() == 2
    builder.sessionList.setCurrentRow(0)
    builder.doseEditor.active_spins()["reps"].setValue(14)
    builder.quickTestCheck.setChecked(False)
    qtbot.mouseClick(builder.startButton, Qt.MouseButton.LeftButton)
    assert page.running and page.stack.currentWidget() is page.player
    assert page.player.engine.steps[1].reps == 14
    dose, sides = store.plans.dose_preference(profile.id, "banded_mob_front")
    assert dose["reps"] == 14 and sides == "both"
    assert builder.remembered_item("banded_mob_front").dose["reps"] == 14


def test_an_invalid_plan_is_refused_with_a_message(window, store, profile):
    page = window.trainPage
    bad = PlanItem("banded_mob_front", Side.LEFT, {"reps": 500})
    assert not page.start_plan([bad], quick_test=False)
    assert not page.running
    assert "between 10 and 15" in page.builder.message.text()
    assert page.builder.message.property("role") == "error"
    assert store.training.sessions(profile.id) == []


def test_an_empty_session_is_a_hint_not_an_error(window):
    builder = window.trainPage.builder
    assert builder.message.property("role") == "hint"
    assert "Add a drill" in builder.message.text()
    builder.show_error("something went wrong")
    builder.add_drill("calf_raises_step")
    assert builder.message.text() == ""
    builder.sessionList.setCurrentRow(0)
    builder.removeButton.click()
    assert builder.message.property("role") == "hint" and "Add a drill" in builder.message.text()


def test_quick_pre_and_post_test_are_stored_with_the_session(qtbot, window, store, profile):
    page = window.trainPage
    item = plan_item_for(window.catalogue, "banded_mob_front", Side.LEFT)
    assert page.start_plan([item], quick_test=True)
    form = page.quickTest
    assert page.stack.currentWidget() is form
    qtbot.keyClicks(form.leftField.edit, "-3")
    qtbot.mouseClick(form.saveButton, Qt.MouseButton.LeftButton)
    assert not page.running and "Enter both" in form.message.text()   # bad input: nothing
    form.leftField.edit.setText("10,5")
    form.rightField.edit.setText("8")
    qtbot.mouseClick(form.saveButton, Qt.MouseButton.LeftButton)
    assert page.running
    sid = page.session_id
    pre = {r.side: r.value_cm for r in store.results.for_session(sid) if r.phase is Phase.PRE}
    assert pre == {Side.LEFT: 10.5, Side.RIGHT: 8.0}

    space(qtbot, page, 11)                        # setup, then ten self-paced reps
    assert page.stack.currentWidget() is form and form.phase is Phase.POST
    form.leftField.edit.setText("13")             # +2.5 cm: the margin for measuring yourself
    form.rightField.edit.setText("8,5")           # +0.5 cm: within measurement error
    qtbot.mouseClick(form.saveButton, Qt.MouseButton.LeftButton)
    results = store.results.for_session(sid)
    post = {r.side: r.value_cm for r in results if r.phase is Phase.POST}
    assert post == {Side.LEFT: 13.0, Side.RIGHT: 8.5}
    assert all(r.measured_by is Measurer.SELF for r in results)   # the person measured
    assert all(r.test is MeasurementKind.KNEE_TO_WALL and r.session_id == sid for r in results)
    assert page.stack.currentWidget() is page.summary
    text = page.summary.body.toPlainText()
    assert "Left: 10.5 cm → 13.0 cm (+2.5 cm) · improvement" in text
    assert "Right: 8.0 cm → 8.5 cm (+0.5 cm) · within measurement error" in text
    assert "Powden" in text and "2.5 cm" in text
    assert store.training.session(sid).status is SessionStatus.COMPLETED


def test_skipping_the_retest_still_shows_the_summary(qtbot, window, store):
    page = window.trainPage
    page.start_plan([plan_item_for(window.catalogue, "banded_mob_front", Side.LEFT)],
                    quick_test=True)
    qtbot.mouseClick(page.quickTest.skipButton, Qt.MouseButton.LeftButton)
    space(qtbot, page, 11)
    qtbot.mouseClick(page.quickTest.skipButton, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.summary
    assert store.results.for_session(page.session_id) == []


def test_sharp_pain_stops_records_and_points_to_a_clinician(qtbot, window, store):
    page = window.trainPage
    page.start_plan([plan_item_for(window.catalogue, "banded_mob_front", Side.BOTH)],
                    quick_test=True)
    page.quickTest.leftField.edit.setText("9")
    page.quickTest.rightField.edit.setText("9")
    qtbot.mouseClick(page.quickTest.saveButton, Qt.MouseButton.LeftButton)
    space(qtbot, page, 4)                         # setup, then three reps
    with qtbot.waitSignal(page.sessionEnded) as ended:
        qtbot.mouseClick(page.player.painButton, Qt.MouseButton.LeftButton)
    assert ended.args == [page.session_id, "pain"]
    [hurt] = store.training.sets(page.session_id)
    assert (hurt.outcome, hurt.reps_done, hurt.reps_target, hurt.side) == (
        SetOutcome.PAIN, 3, 10, Side.LEFT)
    session = store.training.session(page.session_id)
    assert (session.status, session.stop_reason) == (SessionStatus.STOPPED, "pain")
    # No retest after pain: straight to the summary and the advice.
    assert page.stack.currentWidget() is page.summary
    assert page.summary.painAdvice.isVisibleTo(page.summary)
    assert "physiotherapist or doctor" in page.summary.painAdvice.text()
    assert "stopped for pain" in page.summary.body.toPlainText()


def test_sharp_pain_during_a_rest_still_stops_for_pain(qtbot, window, store):
    page = window.trainPage
    item = plan_item_for(window.catalogue, "banded_mob_front", Side.LEFT,
                         {"rounds": 2, "reps": 10, "rest_s": 30})
    page.start_plan([item], quick_test=False)
    space(qtbot, page, 11)
    assert page.player.view.kind is StepKind.REST
    qtbot.mouseClick(page.player.painButton, Qt.MouseButton.LeftButton)
    session = store.training.session(page.session_id)
    assert (session.status, session.stop_reason) == (SessionStatus.STOPPED, "pain")
    assert [s.outcome for s in store.training.sets(page.session_id)] == [SetOutcome.COMPLETED]


def test_closing_mid_run_marks_interrupted_and_resume_finishes_it(wall,
        qtbot, cue_services, window, store, catalogue, profile):
    page = window.trainPage
    item = plan_item_for(catalogue, "banded_mob_front", Side.BOTH)
    page.start_plan([item], quick_test=False)
    sid = page.session_id
    space(qtbot, page, 11)                        # left side done and stored
    assert page.player.view.kind is StepKind.SWITCH_SIDE
    space(qtbot, page, 1)                         # pause the switch
    window.close()
    session = store.training.session(sid)
    assert (session.status, session.stop_reason) == (SessionStatus.INTERRUPTED, "quit")
    [kept] = store.training.sets(sid)
    assert kept.side is Side.LEFT and kept.reps_done == 10

    again = MainWindow(store, catalogue, cue_services=cue_services, clock=wall)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.resume_session(sid, profile.id)
    resumed = again.trainPage
    assert resumed.session_id == sid and resumed.running
    assert resumed.player.view.kind is StepKind.SWITCH_SIDE
    assert resumed.cues.spoken[0] == "Welcome back. Press Start to carry on."
    assert store.training.session(sid).status is SessionStatus.RUNNING
    # This time by mouse: the buttons and a tap on the big counter.
    qtbot.mouseClick(resumed.player.nextButton, Qt.MouseButton.LeftButton)
    assert resumed.player.view.kind is StepKind.REPS
    for _ in range(10):
        qtbot.mouseClick(resumed.player.repCounter, Qt.MouseButton.LeftButton)
    sets = store.training.sets(sid)
    assert [(s.side, s.reps_done) for s in sets] == [(Side.LEFT, 10), (Side.RIGHT, 10)]
    assert store.training.session(sid).status is SessionStatus.COMPLETED
    assert "RIGHT ankle" in resumed.summary.body.toHtml()


def test_screening_page_plan_starts_in_the_player(qtbot, window, store, profile):
    items = [plan_item_for(window.catalogue, "biphasic_stretch", Side.RIGHT, reason="soft"),
             plan_item_for(window.catalogue, "calf_raises_step", Side.BOTH)]
    window.trainPage.builder.quickTestCheck.setChecked(False)
    editor = window.page("Test").planEditor
    editor.set_plan(items, ["why"], items, saved=False)
    window.show_page("Test")
    qtbot.mouseClick(editor.startPlanButton, Qt.MouseButton.LeftButton)
    page = window.trainPage
    assert window.current_page_name() == "Train"
    assert page.running
    assert [s.drill_id for s in page.player.engine.steps if s.first_of_drill] == [
        "biphasic_stretch", "calf_raises_step"]
    assert page.player.sideLabel.text() == "RIGHT ankle"
    assert list(store.training.session(page.session_id).plan) == [i.to_dict() for i in items]


def test_drills_page_button_puts_the_drill_in_the_builder(qtbot, window):
    drills = window.page("Drills")
    window.show_page("Drills")
    for row in range(drills.list.count()):
        if drills.list.item(row).data(Qt.ItemDataRole.UserRole) == "ankle_3way_mob":
            drills.list.setCurrentRow(row)
    qtbot.mouseClick(drills.trainButton, Qt.MouseButton.LeftButton)
    assert window.current_page_name() == "Train"
    assert [i.drill_id for i in window.trainPage.builder.items] == ["ankle_3way_mob"]


def test_full_screen_hides_the_navigation(qtbot, window):
    page = window.trainPage
    page.start_plan([plan_item_for(window.catalogue, "banded_mob_front", Side.LEFT)],
                    quick_test=False)
    qtbot.keyClick(page.player, Qt.Key.Key_F11)
    assert not window.navigation.isVisible()
    qtbot.keyClick(page.player, Qt.Key.Key_F11)
    assert window.navigation.isVisible()


def test_at_home_escape_and_stop_leaves_full_screen_without_a_pin(qtbot, window, store,
                                                                  monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    page = window.trainPage
    page.start_plan([plan_item_for(window.catalogue, "banded_mob_front", Side.LEFT)],
                    quick_test=False)
    qtbot.keyClick(page.player, Qt.Key.Key_F11)
    assert window.isFullScreen()
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.keyClick(page.player, Qt.Key.Key_Escape)
    assert store.training.session(page.session_id).status is SessionStatus.STOPPED
    assert not window.isFullScreen() and window.navigation.isVisible()
    assert window.clinic.pinDialog is None


def test_profile_cannot_be_switched_or_deleted_mid_run(qtbot, window, store, profile):
    other = store.profiles.create("Someone else")
    window.profileBar.show_profile(window.current.profile)
    train = window.trainPage
    from ankle_gui.core.plan import plan_item_for

    assert train.start_plan([plan_item_for(window.catalogue, "calf_raises_step")],
                            quick_test=False)
    assert train.running
    assert not window.profileBar.picker.isEnabled()
    assert not window.profilesPage.isEnabled()
    train.shutdown()  # the same path as closing the window mid-run
    qtbot.waitUntil(lambda: not train.running)
    assert window.profileBar.picker.isEnabled()
    assert window.profilesPage.isEnabled()
    assert other.id in [p.id for p in store.profiles.all()]
