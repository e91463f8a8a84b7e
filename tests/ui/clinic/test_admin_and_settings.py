"""The admin strip: backups and restore, export, import, the audit log, and clinic settings."""

from __future__ import annotations

from helpers import PIN
from PySide6.QtWidgets import QMessageBox

from ankle_gui.core.clinic import Mode, Role
from ankle_gui.services.clinic_pin import ClinicPin
from ankle_gui.services.patient_access import Access, PatientAccess
from ankle_gui.services.profiles import Profiles
from ankle_gui.ui.clinic.clinic_settings_dialog import ClinicSettingsDialog
from ankle_gui.ui.common.who_is_here import WhoIsHere


def test_restore_in_clinic_mode_says_every_patient_and_defaults_to_cancel(qtbot, board,
                                                                          clinic):
    dialog = board.actions.backups()
    info = dialog.make_backup()
    box = dialog.restore_question(info)
    qtbot.addWidget(box)
    assert "every patient" in box.informativeText() and "every profile" in box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    clinic.store.profiles.create("Eli")
    with qtbot.waitSignal(board.dataReplaced):
        assert dialog.restore(info)
    assert board.model.rowCount() == 4
    assert clinic.access.audit_entries(clinic.clinician)[0].action == "restore"


def test_export_and_import_go_through_the_services_and_are_logged(qtbot, board, clinic,
                                                                   tmp_path):
    target = tmp_path / "everything.sqlite3"
    assert board.actions.export_everything_to(target)
    assert "Exported 4 patient(s)" in board.message.text()
    clinic.store.profiles.create("Eli")
    board.reload()
    with qtbot.waitSignal(board.dataReplaced):
        assert board.actions.import_from(target)
    assert board.model.rowCount() == 4 and "Imported everything.sqlite3" in \
        board.message.text()
    assert not board.actions.import_from(tmp_path / "missing.sqlite3")
    assert board.message.text()  # the service's words, and nothing replaced
    actions = [e.action for e in clinic.access.audit_entries(clinic.clinician)]
    assert actions[:2] == ["import", "export"]


def test_audit_log_lists_who_did_what_and_never_a_code_or_the_pin(qtbot, board, clinic,
                                                                  tmp_path):
    clinic.access.open_patient("10014821")  # Ana at the welcome screen
    board.select(clinic.patients["Ben"].id)
    board.open_selected()
    board.actions.export_everything_to(tmp_path / "all.sqlite3")
    backups = board.actions.backups()
    backups.restore(backups.make_backup())
    board.actions.import_from(tmp_path / "all.sqlite3")
    board.select(clinic.patients["Dara"].id)
    dialog = board.actions.change_code()
    dialog.codeEdit.setText("99887766")
    assert dialog.submit()
    Profiles(clinic.store, clinic.clock).delete(clinic.clinician,
                                                       clinic.patients["Dara"].id)
    log = board.actions.audit_log()
    rows = log.texts()
    assert [r[3] for r in rows[:8]] == [
        "Audit log checked", "Patient deleted", "Patient code changed", "Import",
        "Restore of a backup", "Export", "Patient opened", "Patient opened"]
    assert rows[6][2:5] == ["Clinician", "Patient opened", "Ben"]
    assert rows[7][2:5] == ["Patient", "Patient opened", "Ana"]
    assert rows[1][4] == f"deleted patient (no. {clinic.patients['Dara'].id})"
    assert all(r[6] == "yes" for r in rows) and log.check.ok
    assert "Clinician unlocked the app" in [r[3] for r in rows]
    assert rows[0][1].startswith("2026-11-30")  # local time of the fake clock's noon UTC
    every_cell = " ".join(" ".join(r) for r in rows)
    for secret in ("10014821", "10025307", "10036194", "10047250", "99887766", PIN):
        assert secret not in every_cell


def test_clinic_settings_change_idle_kiosk_and_name(qtbot, board, clinic):
    dialog = board.actions.clinic_settings()
    assert dialog.clinicModeCheck.isChecked()
    assert (dialog.idleMinutesSpin.minimum(), dialog.idleMinutesSpin.maximum()) == (1, 30)
    assert "kiosk account" in " ".join(w.text() for w in dialog.findChildren(type(
        dialog.message)))
    dialog.idleMinutesSpin.setValue(12)
    dialog.kioskCheck.setChecked(True)
    dialog.clinicNameEdit.setText("Hillside  Physio")
    with qtbot.waitSignal(board.settingsChanged):
        assert dialog.save()
    settings = clinic.store.clinic.settings()
    assert (settings.idle_minutes, settings.kiosk, settings.clinic_name) == \
        (12, True, "Hillside Physio")


def test_a_refused_clinic_name_changes_no_setting(qtbot, board, clinic):
    dialog = board.actions.clinic_settings()
    dialog.idleMinutesSpin.setValue(20)
    dialog.clinicNameEdit.setText("x" * 101)
    with qtbot.assertNotEmitted(board.settingsChanged):
        assert not dialog.save()
    assert "at most 100" in dialog.message.text()
    assert clinic.store.clinic.settings().idle_minutes == 3


def test_turning_clinic_mode_off_asks_the_pin(qtbot, clinic):
    dialog = ClinicSettingsDialog(clinic.store, clinic.who)
    qtbot.addWidget(dialog)
    dialog.clinicModeCheck.setChecked(False)
    dialog.ask_pin = lambda: "000001"
    with qtbot.assertNotEmitted(dialog.modeChanged):
        assert not dialog.save()
    assert "not right" in dialog.message.text()
    assert clinic.store.clinic.settings().mode == Mode.CLINIC
    dialog.ask_pin = lambda: PIN
    with qtbot.waitSignal(dialog.modeChanged) as changed:
        assert dialog.save()
    assert changed.args == ["home"]
    assert clinic.store.clinic.settings().mode == Mode.HOME


def test_change_pin(qtbot, clinic):
    from ankle_gui.ui.clinic.clinic_settings_dialog import ChangePinDialog

    dialog = ChangePinDialog(ClinicPin(clinic.store))
    qtbot.addWidget(dialog)
    dialog.oldPinEdit.setText(PIN)
    dialog.newPinEdit.setText("582039")
    dialog.repeatPinEdit.setText("582030")
    assert not dialog.submit() and "differ" in dialog.message.text()
    dialog.repeatPinEdit.setText("582039")
    assert dialog.submit()
    PatientAccess(clinic.store).unlock("582039")


def test_home_mode_explains_and_turns_clinic_mode_on(qtbot, store):
    who = WhoIsHere(Access(Role.HOME))
    dialog = ClinicSettingsDialog(store, who)
    qtbot.addWidget(dialog)
    words = " ".join(w.text() for w in dialog.findChildren(type(dialog.message)))
    assert "Patients open only their own profile" in words and "PIN" in words
    dialog.newPinEdit.setText("123456")
    dialog.repeatPinEdit.setText("123456")
    assert not dialog.turn_on() and dialog.message.text()  # digits in a row
    dialog.newPinEdit.setText("582039")
    dialog.repeatPinEdit.setText("58203")
    assert not dialog.turn_on() and "differ" in dialog.message.text()
    assert store.clinic.settings().mode == Mode.HOME
    dialog.repeatPinEdit.setText("582039")
    dialog.clinicNameEdit.setText("Riverside Physio")
    with qtbot.waitSignal(dialog.modeChanged) as changed:
        assert dialog.turn_on()
    assert changed.args == ["clinic"]
    assert store.clinic.settings().clinic_name == "Riverside Physio"
    PatientAccess(store).unlock("582039")


def test_in_clinic_mode_only_the_clinician_gets_the_settings(qtbot, clinic):
    dialog = ClinicSettingsDialog(clinic.store, WhoIsHere(Access(Role.WELCOME)))
    qtbot.addWidget(dialog)
    assert not hasattr(dialog, "idleMinutesSpin") and not hasattr(dialog, "newPinEdit")


def test_import_asks_first_and_enter_means_cancel(qtbot, board, clinic, tmp_path,
                                                  monkeypatch):
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from ankle_gui.ui.common import file_dialogs

    source = tmp_path / "other.sqlite3"
    assert board.actions.export_everything_to(source)
    clinic.store.profiles.create("Eli")
    monkeypatch.setattr(file_dialogs, "open_file_name", lambda *a, **k: str(source))
    seen = []

    def press_enter():
        box = QApplication.activeModalWidget()
        seen.append((box.text(), box.defaultButton().text()))
        qtbot.keyClick(box, Qt.Key.Key_Return)

    QTimer.singleShot(0, press_enter)
    with qtbot.assertNotEmitted(board.dataReplaced):
        board.actions.import_database()
    assert seen == [("Replace every patient with the contents of other.sqlite3?", "Cancel")]
    assert clinic.store.profiles.by_name("Eli") is not None
