"""Clinic mode starts on a welcome screen with no names; a patient's code opens that
patient only; wrong codes open nothing and wait longer each time."""

from __future__ import annotations

from clinic_window import at_welcome, make_window, open_with_code, visible_texts
from PySide6.QtCore import Qt

from ankle_gui.core.clinic import Role
from ankle_gui.services.preferences import LAST_PROFILE_KEY


def test_clinic_mode_starts_at_the_welcome_screen_with_no_names(window, patients):
    ana, ben = patients
    assert at_welcome(window)
    assert window.current.profile is None
    text = visible_texts(window)
    assert "Ana" not in text and "Ben" not in text
    assert "Riverside Physio" in text          # the clinic's name, from the settings
    assert window.clinic.welcome.clinicianButton.isVisible()
    assert not window.navigation.isVisible() and not window.menuBar().isVisible()
    assert window.windowTitle().startswith("ankle_gui") and "Ana" not in window.windowTitle()
    window.show_page("Profiles")               # not by code, not by shortcut
    assert not window.built_page("Profiles")
    assert at_welcome(window)


def test_it_never_reopens_on_the_last_patient(qtbot, store, catalogue, cue_services, clock,
                                              monotonic, patients):
    ana, _ = patients
    store.settings.set(LAST_PROFILE_KEY, ana.id)    # left by home mode, say
    window = make_window(qtbot, store, catalogue, cue_services, clock, monotonic)
    assert at_welcome(window) and window.current.profile is None
    open_with_code(qtbot, window, "10025307")
    assert store.settings.get(LAST_PROFILE_KEY) == str(ana.id)  # nor noted for next time
    window.who.set(window.who.access._replace(role=Role.CLINICIAN))


def test_the_right_code_opens_that_patient_only(qtbot, window, patients):
    ana, ben = patients
    open_with_code(qtbot, window, "10025307")
    assert window.who.role is Role.PATIENT and window.current.id == ben.id
    assert window.screens.currentIndex() == 0
    text = visible_texts(window)
    assert "Hello, Ben" in text and "Ana" not in text
    assert window.current_page_name() == "Test"   # Ben has never measured
    assert not window.profileBar.picker.isVisible() and window.profileBar.picker.count() == 0
    assert window.profileBar.doneButton.isVisible()
    assert not window.profileBar.lockButton.isVisible()


def test_enter_opens_too(qtbot, window, patients):
    _, ben = patients
    edit = window.clinic.welcome.patientCodeEdit
    qtbot.keyClicks(edit, "10025307")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert window.current.id == ben.id


def test_a_wrong_code_says_so_and_opens_nothing(qtbot, window):
    open_with_code(qtbot, window, "99990000")
    welcome = window.clinic.welcome
    assert at_welcome(window) and window.current.profile is None
    assert "No patient has this code" in welcome.codeMessage.text()
    assert welcome.codeMessage.isVisible() and welcome.patientCodeEdit.text() == ""
    open_with_code(qtbot, window, "12")          # too short: says what a code looks like
    assert "8 digits" in welcome.codeMessage.text()
    open_with_code(qtbot, window, "1001")        # an old short code: codes are longer now
    assert "8 digits now. Ask at the desk" in welcome.codeMessage.text()
    open_with_code(qtbot, window, "1002 5307")   # as printed on the slip, with its space
    assert window.current.id is not None


def test_repeated_wrong_codes_make_the_next_try_wait(qtbot, window, clock, patients):
    welcome = window.clinic.welcome
    for _ in range(5):
        open_with_code(qtbot, window, "99990000")
    assert "must wait 30 seconds" in welcome.codeMessage.text()
    open_with_code(qtbot, window, "10014821")        # right, but too soon: still nothing
    assert "Too many wrong codes" in welcome.codeMessage.text()
    assert at_welcome(window) and window.current.profile is None
    clock.advance(seconds=30)
    open_with_code(qtbot, window, "10014821")
    assert window.current.id == patients[0].id


def test_the_clinician_opens_everything_with_the_pin(qtbot, window, patients, clock):
    from clinic_window import unlock

    dialog = window.clinic.welcome.clinicianButton
    dialog.click()
    pin = window.clinic.pinDialog
    assert pin.pinEdit.echoMode() == pin.pinEdit.EchoMode.Password
    pin.pinEdit.setText("000000")
    pin.unlockButton.click()
    assert pin.message.text() == "That PIN is not right." and pin.isVisible()
    assert at_welcome(window) and pin.pinEdit.text() == ""
    for _ in range(4):                            # the wait, in words, after five
        pin.pinEdit.setText("000000")
        pin.unlockButton.click()
    assert "must wait 30 seconds" in pin.message.text()
    clock.advance(seconds=30)
    pin.reject()                                  # Cancel: back to the welcome screen
    assert at_welcome(window)
    unlock(window)
    assert window.who.role is Role.CLINICIAN
    assert window.current_page_name() == "Patients"
    assert window.profileBar.picker.isVisible() and window.profileBar.lockButton.isVisible()
    assert window.menuBar().isVisible() and window.backupsAction.isEnabled()
    assert {window.profileBar.picker.itemText(i) for i in range(2)} == {"Ana", "Ben"}
