"""Quitting and leaving full screen ask for the PIN unless the clinician is at the screen;
the kiosk option keeps the window frameless and full screen; the clinician's dashboard and
the clinic settings are hosted and wired; home mode stays as it was."""

from __future__ import annotations

from clinic_window import (
    PIN,
    Monotonic,
    at_welcome,
    make_window,
    open_with_code,
    quiet_for,
    unlock,
)
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from ankle_gui.core.clinic import Role
from ankle_gui.core.plan import plan_item_for
from ankle_gui.core.records import Side


def give_pin(window, pin: str) -> None:
    dialog = window.clinic.pinDialog
    assert dialog is not None and dialog.isVisible()
    dialog.pinEdit.setText(pin)
    dialog.unlockButton.click()


def test_a_patient_quits_only_with_the_pin(qtbot, window):
    open_with_code(qtbot, window, "10025307")
    window.close()
    assert window.isVisible() and window.clinic.pinDialog.isVisible()
    give_pin(window, "000000")                         # wrong: the window stays
    assert window.isVisible() and "not right" in window.clinic.pinDialog.message.text()
    window.clinic.pinDialog.reject()                   # Cancel: still open, still Ben's
    assert window.isVisible() and window.current.profile is not None
    window.close()
    give_pin(window, PIN)
    assert not window.isVisible()


def test_the_welcome_screen_quits_only_with_the_pin_too(qtbot, window):
    window.close()
    assert window.isVisible() and window.clinic.pinDialog.isVisible()
    assert window.clinic.pinDialog.windowTitle() == "Clinician PIN"


def test_the_clinician_quits_freely(qtbot, window):
    unlock(window)
    window.close()
    assert not window.isVisible()
    assert window.clinic.pinDialog is None or not window.clinic.pinDialog.isVisible()


def test_leaving_the_players_full_screen_mid_drill_asks_the_pin(qtbot, window, catalogue):
    open_with_code(qtbot, window, "10025307")
    window.show_page("Train")
    page = window.built_page("Train")
    page.start_plan([plan_item_for(catalogue, "banded_mob_front", Side.BOTH)],
                    quick_test=False)
    qtbot.keyClick(page.player, Qt.Key.Key_F11)
    assert window.isFullScreen()
    qtbot.keyClick(page.player, Qt.Key.Key_F11)        # leave: asks first
    assert window.isFullScreen() and not window.navigation.isVisible()
    assert page.player.fullScreenButton.text() == "Leave full screen"
    give_pin(window, "000000")
    assert window.isFullScreen()
    give_pin(window, PIN)
    assert not window.isFullScreen() and window.navigation.isVisible()
    assert page.player.fullScreenButton.text() == "Full screen"
    assert window.who.role is Role.PATIENT             # the PIN let go; Ben is still Ben
    assert not window.menuBar().isVisible()            # and still has no data menus


def ben_in_full_screen(qtbot, window, catalogue, monkeypatch):
    """Ben's drill in the player's full screen, one set done and stored; "Stop?" says Yes."""
    from PySide6.QtWidgets import QMessageBox

    open_with_code(qtbot, window, "10025307")
    window.show_page("Train")
    page = window.built_page("Train")
    page.clock = Monotonic()                           # the drill's clock, moved by hand
    page.start_plan([plan_item_for(catalogue, "banded_mob_front", Side.BOTH)],
                    quick_test=False)
    for _ in range(11):
        qtbot.keyClick(page.player, Qt.Key.Key_Space)
    assert len(window.store.training.sets(page.session_id)) == 1
    qtbot.keyClick(page.player, Qt.Key.Key_F11)
    assert window.isFullScreen()
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    return page


def test_stopping_a_drill_with_escape_keeps_full_screen_until_the_pin(qtbot, window,
                                                                      catalogue, monkeypatch):
    from ankle_gui.core.records import SessionStatus

    page = ben_in_full_screen(qtbot, window, catalogue, monkeypatch)
    qtbot.keyClick(page.player, Qt.Key.Key_Escape)     # "Stop the session?" Yes
    session = window.store.training.session(page.session_id)
    assert (session.status, session.stop_reason) == (SessionStatus.STOPPED, "user")
    assert len(window.store.training.sets(page.session_id)) == 1
    # The summary and "I'm done" come back, but the window stays full screen.
    assert window.isFullScreen() and window.navigation.isVisible()
    assert window.profileBar.doneButton.isVisible()
    assert window.clinic.pinDialog.isVisible()
    give_pin(window, "000000")
    assert window.isFullScreen()
    give_pin(window, PIN)
    assert not window.isFullScreen() and window.who.role is Role.PATIENT


def test_a_stop_whose_pin_is_not_given_stays_full_screen(qtbot, window, catalogue,
                                                         monkeypatch):
    page = ben_in_full_screen(qtbot, window, catalogue, monkeypatch)
    page.player.stopButton.click()
    window.clinic.pinDialog.reject()
    assert window.isFullScreen() and not page.running
    assert page.stack.currentWidget() is page.summary


def test_sharp_pain_in_full_screen_stops_and_asks_no_pin(qtbot, window, catalogue,
                                                         monkeypatch):
    page = ben_in_full_screen(qtbot, window, catalogue, monkeypatch)
    qtbot.keyClick(page.player, Qt.Key.Key_P)
    assert not page.running and window.isFullScreen() and window.navigation.isVisible()
    assert window.clinic.pinDialog is None or not window.clinic.pinDialog.isVisible()
    assert page.ratingsDialog is not None and page.ratingsDialog.isVisible()


def test_the_clinician_stopping_a_drill_leaves_full_screen(qtbot, window, catalogue,
                                                           patients):
    unlock(window)
    window.open_patient(patients[1].id)
    window.show_page("Train")
    page = window.built_page("Train")
    page.start_plan([plan_item_for(catalogue, "banded_mob_front", Side.BOTH)],
                    quick_test=False)
    page.player.fullScreenButton.click()
    assert window.isFullScreen()
    page.player.sharp_pain()
    assert not window.isFullScreen() and window.navigation.isVisible()
    assert window.clinic.pinDialog is None or not window.clinic.pinDialog.isVisible()


def test_kiosk_is_frameless_full_screen_at_the_welcome_screen(qtbot, store, catalogue,
                                                              cue_services, clock, patients):
    store.clinic.set_kiosk(True)
    window = make_window(qtbot, store, catalogue, cue_services, clock, Monotonic())
    try:
        assert at_welcome(window) and window.isFullScreen()
        assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
        open_with_code(qtbot, window, "10025307")
        window.profileBar.doneButton.click()
        assert at_welcome(window) and window.isFullScreen()
        window.showNormal()                            # a window manager's key, say
        assert window.clinic.pinDialog.isVisible()
        qtbot.waitUntil(window.isFullScreen, timeout=3000)
        give_pin(window, PIN)
        assert not window.isFullScreen()
        assert not window.windowFlags() & Qt.WindowType.FramelessWindowHint
    finally:
        window.who.set(window.who.access._replace(role=Role.CLINICIAN))
        window.close()


def test_the_patients_page_is_hosted_and_wired(qtbot, window, store, patients):
    from ankle_gui.ui.clinic.dashboard_page import PatientsDashboard

    ana, ben = patients
    assert window.navigation.isRowHidden(0)
    unlock(window)
    assert not window.navigation.isRowHidden(0)
    dashboard = window.built_page("Patients")
    assert isinstance(dashboard, PatientsDashboard) and dashboard.isVisible()
    dashboard.openPatientRequested.emit(ana.id)
    assert window.current.id == ana.id and window.who.role is Role.CLINICIAN
    assert window.profileBar.picker.isVisible() and window.menuBar().isVisible()
    store.profiles.rename(ben.id, "Benjamin")
    dashboard.patientsChanged.emit()
    picker = window.profileBar.picker
    assert "Benjamin" in [picker.itemText(i) for i in range(picker.count())]
    store.profiles.rename(ana.id, "Anabel")
    dashboard.dataReplaced.emit()
    assert window.current.profile.name == "Anabel"
    window.show_page("Profiles")
    assert window.current_page_name() == "Profiles"


def test_home_mode_turns_clinic_mode_on_and_off_from_the_settings_menu(main_window, qtbot):
    from ankle_gui.ui.clinic.clinic_settings_dialog import ClinicSettingsDialog

    window = main_window
    assert window.who.role is Role.HOME
    assert window.clinicSettingsAction.isVisible() and window.clinicSettingsAction.isEnabled()
    window.clinicSettingsAction.trigger()
    dialog = window.findChild(ClinicSettingsDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.modeChanged.emit("clinic")
    assert window.who.role is Role.CLINICIAN and window.current_page_name() == "Patients"
    assert window.profileBar.lockButton.isVisible()
    assert window.clinic.idleWatch.watching
    dialog.modeChanged.emit("home")
    assert window.who.role is Role.HOME and window.navigation.isRowHidden(0)
    assert not window.clinic.idleWatch.watching
    assert not window.profileBar.lockButton.isVisible()
    dialog.reject()


def test_home_mode_has_none_of_it(main_window, store):
    window = main_window
    assert window.who.role is Role.HOME and window.current.remember
    assert window.clinic.welcome is None and window.clinic.idleWatch is None
    assert window.navigation.isRowHidden(0) and window.menuBar().isVisible()
    assert not window.profileBar.doneButton.isVisible()
    window.clinic.back_to_welcome()                   # nothing locks at home
    assert window.who.role is Role.HOME
    window.close()
    assert not window.isVisible()                     # and no PIN to quit


def test_the_idle_watch_counts_input_and_only_input(qtbot, window, monotonic):
    watch = window.clinic.idleWatch
    open_with_code(qtbot, window, "10025307")
    monotonic.advance(170)
    assert watch.seconds_left() == 10
    move = QMouseEvent(QEvent.Type.MouseMove, QPointF(5, 5), QPointF(QPoint(5, 5)),
                       Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window.navigation, move)
    assert watch.seconds_left() == 180
    monotonic.advance(170)
    window.update()
    QApplication.processEvents()                       # painting is not a person
    assert watch.seconds_left() == 10
    assert not quiet_for(window, monotonic, 0)


def test_clinic_mode_turned_off_from_the_dashboard_goes_home(qtbot, window, store, clock):
    from ankle_gui.services.clinic_pin import ClinicPin

    unlock(window)
    ClinicPin(store, clock).disable(PIN)              # what its settings dialog does
    window.built_page("Patients").settingsChanged.emit()
    assert window.who.role is Role.HOME and window.navigation.isRowHidden(0)
    assert not window.clinic.idleWatch.watching and window.current.remember


def test_the_clinicians_backups_are_checked_and_logged(qtbot, window):
    from ankle_gui.services.copies import DataCopies

    unlock(window)
    dialog = window.dataWindows.open_backups()
    assert isinstance(dialog.copies, DataCopies)
    dialog.reject()


def test_the_clinician_deletes_the_patient_open(qtbot, window, store, patients):
    ana, _ = patients
    unlock(window)
    window.open_patient(ana.id)
    store.profiles.delete(ana.id)
    window.built_page("Patients").patientsChanged.emit()
    assert window.current.profile is None
    assert "Ana" not in [window.profileBar.picker.itemText(i)
                         for i in range(window.profileBar.picker.count())]


def test_a_patient_deleted_by_a_command_meanwhile_goes_back_to_welcome(qtbot, window, store,
                                                                       patients):
    open_with_code(qtbot, window, "10025307")
    store.profiles.delete(patients[1].id)
    window.outsideChanges.changed.emit()
    assert at_welcome(window) and window.current.profile is None
