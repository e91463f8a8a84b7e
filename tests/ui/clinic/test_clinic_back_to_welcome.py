"""Back to the welcome screen: "I'm done", "Lock", or a few quiet minutes, from any page
and over any dialog; nothing of the last person stays. A drill that runs is activity; a
paused one is locked, and its finished sets stay stored."""

from __future__ import annotations

import pytest
from clinic_window import at_welcome, open_with_code, quiet_for, unlock, visible_texts
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ankle_gui.core.plan import plan_item_for
from ankle_gui.core.records import SessionStatus, Side


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def nothing_of(window, name: str) -> None:
    assert at_welcome(window) and window.current.profile is None
    assert name not in visible_texts(window)
    assert not any(window.built_page(page) for page in ("Test", "Train", "Progress"))
    assert window.clinic.welcome.patientCodeEdit.text() == ""
    # Their pages are deleted for good, and nothing still listens on their behalf.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    window.current.changed.emit(None)
    window.who.changed.emit(window.who.access)


def test_im_done_leaves_nothing_of_the_patient(qtbot, window, patients, store):
    open_with_code(qtbot, window, "10025307")
    for page in ("Test", "Train", "Progress", "Drills"):
        window.show_page(page)
    old_test_page = window.built_page("Test")
    qtbot.mouseClick(window.profileBar.doneButton, Qt.MouseButton.LeftButton)
    nothing_of(window, "Ben")
    assert "Hello" not in visible_texts(window)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # Ben's pages gone
    open_with_code(qtbot, window, "10014821")                   # the next one gets fresh pages
    assert window.page("Test") is not old_test_page
    assert "Ben" not in visible_texts(window)


@pytest.mark.parametrize("page", ["Test", "Train", "Progress", "Drills"])
def test_quiet_minutes_lock_a_patient_out_from_every_page(qtbot, window, monotonic, page):
    open_with_code(qtbot, window, "10025307")
    window.show_page(page)
    assert not quiet_for(window, monotonic, 2.9)            # default: 3 minutes
    qtbot.keyClick(window, Qt.Key.Key_Tab)                  # a key press starts it again
    assert not quiet_for(window, monotonic, 2.9)
    assert quiet_for(window, monotonic, 0.2)
    nothing_of(window, "Ben")


@pytest.mark.parametrize("page", ["Patients", "Test", "Train", "Progress", "Drills"])
def test_the_clinician_is_locked_out_too(qtbot, window, monotonic, patients, page):
    unlock(window)
    window.open_patient(patients[1].id)
    window.show_page(page)
    assert window.current_page_name() == page
    assert quiet_for(window, monotonic, 3)
    nothing_of(window, "Ben")
    assert "Ana" not in visible_texts(window)


def test_the_clinicians_idle_time_is_used(qtbot, window, monotonic, store):
    store.clinic.set_idle_minutes(10)
    unlock(window)
    window.built_page("Patients").settingsChanged.emit()
    assert not quiet_for(window, monotonic, 9.5)
    assert quiet_for(window, monotonic, 0.5)


def test_the_timer_checks_by_itself(qtbot, window, monotonic):
    open_with_code(qtbot, window, "10025307")
    window.clinic.idleWatch.timer.setInterval(10)
    monotonic.advance(181)
    qtbot.waitUntil(lambda: at_welcome(window), timeout=3000)


def test_a_question_open_is_closed_by_the_lock(qtbot, window, monotonic):
    open_with_code(qtbot, window, "10025307")
    window.clinic.idleWatch.timer.setInterval(10)
    QTimer.singleShot(0, lambda: monotonic.advance(181))
    answer = QMessageBox.question(window, "Stop?", "Ben, stop now?")  # waits until closed
    assert answer != QMessageBox.StandardButton.Yes
    nothing_of(window, "Ben")


def test_a_file_dialog_open_is_closed_by_the_lock(qtbot, window, monotonic):
    open_with_code(qtbot, window, "10025307")
    window.clinic.idleWatch.timer.setInterval(10)
    dialog = QFileDialog(window, "Save Ben's results")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    QTimer.singleShot(0, lambda: monotonic.advance(181))
    assert dialog.exec() == 0
    nothing_of(window, "Ben")


def test_the_backups_dialog_and_a_menu_close_for_the_clinician(qtbot, window, monotonic):
    unlock(window)
    backups = window.dataWindows.open_backups()
    assert backups.isVisible()
    menu = window.dataMenu
    menu.popup(window.mapToGlobal(window.rect().center()))
    assert quiet_for(window, monotonic, 3)
    assert not backups.isVisible() and not menu.isVisible()
    assert at_welcome(window)


def test_the_pin_dialog_left_open_goes_too(qtbot, window, monotonic):
    window.clinic.welcome.patientCodeEdit.setText("10")
    window.clinic.welcome.clinicianButton.click()
    pin = window.clinic.pinDialog
    assert pin.isVisible()
    assert quiet_for(window, monotonic, 3)
    assert not pin.isVisible() and window.clinic.welcome.patientCodeEdit.text() == ""


@pytest.fixture
def drill(qtbot, window, catalogue):
    """Ben in the player, on the page's own hand-moved clock."""
    open_with_code(qtbot, window, "10025307")
    window.show_page("Train")
    page = window.built_page("Train")
    page.clock = FakeClock()
    page.start_plan([plan_item_for(catalogue, "banded_mob_front", Side.BOTH)],
                    quick_test=False)
    return page


def space(qtbot, page, times: int) -> None:
    for _ in range(times):
        qtbot.keyClick(page.player, Qt.Key.Key_Space)


def test_a_drill_the_clock_drives_is_not_idle(qtbot, window, monotonic, drill):
    drill.player.pacedButton.setChecked(True)                # paced reps: the clock counts
    space(qtbot, drill, 1)
    assert drill.player.engine.running and drill.player.engine.clock_driven
    assert not quiet_for(window, monotonic, 30)              # hands-free at arm's length
    assert drill.running and window.who.access.profile is not None
    drill.player.pause()
    assert not quiet_for(window, monotonic, 2.9)             # the wait starts at the pause
    assert quiet_for(window, monotonic, 0.2)


def test_self_paced_reps_waiting_for_the_next_rep_lock_after_the_idle_time(
        qtbot, window, monotonic, drill, store):
    """Issue 21 §3, as found: Start my plan, Space, Space (one rep), walk away. "Press Space
    after each rep" waits for the person: it is not activity, and locks as a pause does."""
    space(qtbot, drill, 2)
    engine = drill.player.engine
    assert engine.running and engine.reps == 1 and not engine.clock_driven
    assert not quiet_for(window, monotonic, 2.9)
    assert quiet_for(window, monotonic, 0.2)
    nothing_of(window, "Ben")
    session = store.training.session(drill.session_id)
    assert (session.status, session.stop_reason) == (SessionStatus.INTERRUPTED, None)


def test_the_lock_waiting_for_the_right_side_keeps_the_left_sides_set(
        qtbot, window, monotonic, drill, store):
    sid = drill.session_id
    space(qtbot, drill, 11)                                  # the left side done and stored
    engine = drill.player.engine
    assert engine.clock_driven                               # the switch-side countdown
    assert not quiet_for(window, monotonic, 10)
    drill.clock.now += 60                                    # the countdown is over
    drill.player.poll()
    assert drill.running and not engine.clock_driven         # right side: waits for Space
    assert quiet_for(window, monotonic, 3)
    [kept] = store.training.sets(sid)
    assert kept.side is Side.LEFT and kept.reps_done == 10
    assert store.training.session(sid).status is SessionStatus.INTERRUPTED


def test_a_paused_drill_is_locked_and_its_finished_sets_stay(qtbot, window, monotonic,
                                                              drill, store):
    sid = drill.session_id
    space(qtbot, drill, 11)                                  # the left side done and stored
    space(qtbot, drill, 1)                                   # paused at the side switch
    assert not drill.player.engine.running
    assert quiet_for(window, monotonic, 3)
    nothing_of(window, "Ben")
    session = store.training.session(sid)
    assert (session.status, session.stop_reason) == (SessionStatus.INTERRUPTED, None)
    [kept] = store.training.sets(sid)
    assert kept.side is Side.LEFT and kept.reps_done == 10


def test_a_paused_drill_in_full_screen_is_locked_without_questions(qtbot, window, monotonic,
                                                                    drill, store):
    space(qtbot, drill, 1)
    qtbot.keyClick(drill.player, Qt.Key.Key_F11)
    assert window.isFullScreen() and not window.navigation.isVisible()
    drill.player.pause()
    assert quiet_for(window, monotonic, 3)
    assert at_welcome(window) and not window.isFullScreen()
    assert store.training.session(drill.session_id).status is SessionStatus.INTERRUPTED


def test_each_new_person_gets_the_idle_time_as_set_now(qtbot, window, monotonic, store):
    store.clinic.set_idle_minutes(5)       # by a clinic command while the app was open, say
    open_with_code(qtbot, window, "10025307")
    assert not quiet_for(window, monotonic, 4.9)
    assert quiet_for(window, monotonic, 0.1)


def test_the_players_stop_question_left_open_is_locked(qtbot, window, monotonic, drill, store):
    space(qtbot, drill, 1)
    window.clinic.idleWatch.timer.setInterval(10)
    QTimer.singleShot(0, lambda: monotonic.advance(181))
    qtbot.keyClick(drill.player, Qt.Key.Key_Escape)    # "Stop the session?" waits, paused
    nothing_of(window, "Ben")
    session = store.training.session(drill.session_id)
    assert (session.status, session.stop_reason) == (SessionStatus.INTERRUPTED, None)


def test_the_next_person_landing_on_the_same_page_gets_it_built(qtbot, window):
    open_with_code(qtbot, window, "10025307")
    assert window.current_page_name() == "Test"
    window.profileBar.doneButton.click()
    open_with_code(qtbot, window, "10014821")           # also never measured: Test again
    assert window.current_page_name() == "Test"
    page = window.built_page("Test")
    assert page is not None and page.isVisible()
