"""From a row: create, change code, rename, delete; each bad input shows its message and
changes nothing; a patient's access can do none of it."""

from __future__ import annotations

import pytest
from clinic_cases import patient_access
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from ankle_gui.core.units import Unit
from ankle_gui.services.errors import NotAllowed, ServiceError
from ankle_gui.services.profiles import Profiles


def names(clinic) -> list[str]:
    return [p.name for p in clinic.store.profiles.all()]


def test_new_patient_suggests_a_free_code_and_creates(qtbot, board, clinic):
    dialog = board.actions.new_patient()
    shown = dialog.codeEdit.text()
    suggested = shown.replace(" ", "")            # shown in two groups, as on the slip
    assert len(shown) == 9 and shown[4] == " " and len(suggested) == 8
    assert suggested not in {"10014821", "10025307", "10036194", "10047250"}
    dialog.nameEdit.setText("Eli")
    dialog.unitCombo.setCurrentIndex(dialog.unitCombo.findData(Unit.INCH.value))
    with qtbot.waitSignal(board.patientsChanged):
        assert dialog.submit()
    eli = clinic.store.profiles.by_name("Eli")
    assert eli.unit is Unit.INCH
    assert clinic.access.code_of(clinic.clinician, eli.id) == suggested
    assert board.selected_id() == eli.id and board.model.rowCount() == 5


@pytest.mark.parametrize(("name", "code", "words"), [
    ("Eli", "10025307", "Another patient already has this code"),
    ("Eli", "123", "8 digits"),
    ("Eli", "4821", "8 digits now"),
    ("Eli", "12345678", "too easy"),
    ("   ", "48217730", "name"),
    ("Ana", "48217730", "already exists"),
])
def test_a_bad_new_patient_shows_why_and_creates_nobody(qtbot, board, clinic, name, code,
                                                        words):
    dialog = board.actions.new_patient()
    dialog.nameEdit.setText(name)
    dialog.codeEdit.setText(code)
    with qtbot.assertNotEmitted(board.patientsChanged):
        assert not dialog.submit()
    assert words.lower() in dialog.message.text().lower()
    assert dialog.isVisible()
    assert names(clinic) == ["Ana", "Ben", "Cleo", "Dara"]


def test_change_code(qtbot, board, clinic):
    ben = clinic.patients["Ben"]
    board.select(ben.id)
    dialog = board.actions.change_code()
    dialog.codeEdit.setText("123")
    assert not dialog.submit() and "8 digits" in dialog.message.text()
    dialog.codeEdit.setText("10014821")  # Ana's
    assert not dialog.submit() and "code" in dialog.message.text()
    assert clinic.access.code_of(clinic.clinician, ben.id) == "10025307"
    dialog.codeEdit.setText("76543219")
    with qtbot.waitSignal(board.patientsChanged):
        assert dialog.submit()
    assert clinic.access.code_of(clinic.clinician, ben.id) == "76543219"
    assert "code •••• ••••" in board.details.text() and "7654" not in board.details.text()
    board.revealButton.click()                   # on demand, and logged
    assert "code 7654 3219" in board.details.text()
    assert clinic.access.audit_entries(clinic.clinician)[0][3:5] == ("code_shown", ben.id)
    board.select(clinic.patients["Ana"].id)      # another patient: dots again
    assert "code •••• ••••" in board.details.text()
    assert clinic.access.open_patient("76543219").profile.id == ben.id


def test_rename(qtbot, board, clinic):
    cleo = clinic.patients["Cleo"]
    board.select(cleo.id)
    dialog = board.actions.rename()
    assert dialog.nameEdit.text() == "Cleo"
    for bad in ("", "ana"):
        dialog.nameEdit.setText(bad)
        assert not dialog.submit() and dialog.message.text()
    assert names(clinic) == ["Ana", "Ben", "Cleo", "Dara"]
    dialog.nameEdit.setText("Cleo Martin")
    with qtbot.waitSignal(board.patientsChanged):
        assert dialog.submit()
    assert names(clinic) == ["Ana", "Ben", "Cleo Martin", "Dara"]
    assert board.selected_row().name == "Cleo Martin"


def test_delete_warns_by_name_defaults_to_no_and_deletes(qtbot, board, clinic):
    dara = clinic.patients["Dara"]
    board.select(dara.id)
    box = board.actions.delete()
    assert box.text() == "Delete Dara?"
    assert "Everything recorded for Dara is deleted" in box.informativeText()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    with qtbot.assertNotEmitted(board.patientsChanged):
        qtbot.keyClick(box, Qt.Key.Key_Return)  # the default: No
    assert "Dara" in names(clinic)
    box = board.actions.delete()
    delete = next(b for b in box.buttons()
                  if box.buttonRole(b) is QMessageBox.ButtonRole.DestructiveRole)
    with qtbot.waitSignal(board.patientsChanged):
        qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)
    assert names(clinic) == ["Ana", "Ben", "Cleo"]
    assert board.model.rowCount() == 3
    entry = clinic.access.audit_entries(clinic.clinician)[0]
    assert (entry.action, entry.profile_id) == ("delete", dara.id)


def test_a_refused_delete_shows_its_message_and_keeps_the_patient(qtbot, board, clinic,
                                                                   monkeypatch):
    def refuse(*_args):
        raise ServiceError("The database is busy; try again.")

    monkeypatch.setattr(Profiles, "delete", refuse)
    board.select(clinic.patients["Ben"].id)
    box = board.actions.delete()
    delete = next(b for b in box.buttons()
                  if box.buttonRole(b) is QMessageBox.ButtonRole.DestructiveRole)
    with qtbot.assertNotEmitted(board.patientsChanged):
        qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)
    assert board.message.text() == "The database is busy; try again."
    assert "Ben" in names(clinic)


def test_a_patient_can_use_no_dashboard_action(clinic, tmp_path):
    from ankle_gui.services.clinic_settings import ClinicSettingsService
    from ankle_gui.services.copies import DataCopies
    from ankle_gui.services.dashboard import dashboard
    ana = patient_access(clinic, "Ana")
    ben = clinic.patients["Ben"]
    service = Profiles(clinic.store, clinic.clock)
    settings = ClinicSettingsService(clinic.store, clinic.clock)
    refused = [
        lambda: dashboard(clinic.store, ana, clock=clinic.clock),
        lambda: service.create(ana, "Eli", "48217730"),
        lambda: service.rename(ana, ben.id, "Benny"),
        lambda: service.delete(ana, ben.id),
        lambda: clinic.access.set_code(ana, ben.id, "48217730"),
        lambda: clinic.access.code_of(ana, ben.id),
        lambda: settings.set_programme(ana, ben.id, 3, 4),
        lambda: settings.set_idle_minutes(ana, 5),
        lambda: DataCopies(clinic.store, ana).export_to(tmp_path / "all.sqlite3"),
        lambda: DataCopies(clinic.store, ana).import_from(tmp_path / "all.sqlite3"),
        lambda: DataCopies(clinic.store, ana).make_backup(),
        lambda: clinic.access.audit_entries(ana),
    ]
    for action in refused:
        with pytest.raises(NotAllowed):
            action()
    assert names(clinic) == ["Ana", "Ben", "Cleo", "Dara"]
    assert not (tmp_path / "all.sqlite3").exists()


def test_dialogs_built_for_a_patient_refuse_too(qtbot, clinic, catalogue):
    from ankle_gui.ui.clinic.audit_log_dialog import AuditLogDialog
    from ankle_gui.ui.clinic.reports_dialog import ReportsDialog

    ana = patient_access(clinic, "Ana")
    for build in (lambda: AuditLogDialog(clinic.store, ana),
                  lambda: ReportsDialog(clinic.store, catalogue, ana)):
        with pytest.raises(NotAllowed):
            build()
