"""Issue 21 §6–§8 at the clinician's side: the physio's morning with fewer clicks (search,
code slip), what happened at the screen told on unlock, the recovery code on the PIN screen,
the audit viewer (chain, filters, CSV), the dashboard's layout at 1366 px, and the kiosk
that cannot be minimised."""

from __future__ import annotations

import subprocess
from datetime import date

from clinic_window import (
    Monotonic,
    at_welcome,
    make_window,
    open_with_code,
    unlock,
)
from helpers import PIN, add_pair
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QMessageBox

from ankle_gui.core.clinic import Role
from ankle_gui.services.clinic_pin import ClinicPin
from ankle_gui.services.patient_access import Access


def dashboard(window):
    window.show_page("Patients")
    return window.built_page("Patients")


# --- fewer clicks: search, code slip ----------------------------------------------------------

def test_the_search_box_finds_a_patient_and_enter_opens_them(qtbot, window, store, patients):
    store.profiles.create("Zoë Adams")
    unlock(window)
    board = dashboard(window)
    qtbot.keyClicks(board.searchEdit, "zoe")              # no accent needed
    assert [board.model.row_at(r).name for r in range(board.model.rowCount())] == ["Zoë Adams"]
    assert board.selected_row().name == "Zoë Adams"
    qtbot.keyClick(board.searchEdit, Qt.Key.Key_Return)   # one match: Enter opens them
    assert window.current.profile.name == "Zoë Adams"
    board = dashboard(window)
    board.searchEdit.setText("nobody")
    assert board.model.rowCount() == 0 and "nobody" in board.intro.text()
    board.searchEdit.clear()
    assert board.model.rowCount() == 3


def test_a_code_slip_prints_the_code_and_no_name(qtbot, window, store, patients, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    out = tmp_path / "slip.pdf"
    unlock(window)
    board = dashboard(window)

    def to_file(printer: QPrinter) -> bool:   # the print dialog's Print to File, chosen
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return True

    board.actions.ask_printer = to_file
    board.select(patients[1].id)
    assert board.actions.code_slip()
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "1002 5307" in text and "Ben" not in text and "Riverside Physio" in text
    entry = store.clinic.audit_entries()[0]
    assert (entry.action, entry.profile_id, entry.detail) == ("print", patients[1].id,
                                                              "code slip to a file")


def test_a_new_patient_gets_a_slip_without_another_click(qtbot, window, store, patients):
    unlock(window)
    board = dashboard(window)
    asked = []
    board.actions.ask_printer = lambda printer: asked.append(printer.docName()) or False
    dialog = board.actions.new_patient()
    assert dialog.slipCheck.isChecked()
    dialog.nameEdit.setText("Eli")
    assert dialog.submit()
    qtbot.waitUntil(lambda: asked == ["Ankle code slip"])   # the print dialog comes next


def test_a_patient_whose_old_code_was_voided_gets_a_new_one_on_the_slip(qtbot, window,
                                                                        store, patients):
    with store.transaction():   # as step 0005 does with a 4-digit code
        store.db.conn.execute("DELETE FROM patient_codes WHERE profile_id = ?",
                              (patients[0].id,))
    unlock(window)
    board = dashboard(window)
    assert "1 patient(s) have no code" in board.message.text()
    board.actions.ask_printer = lambda printer: False
    board.select(patients[0].id)
    board.actions.code_slip()
    code = store.clinic.code_of(patients[0].id)
    assert code is not None and len(code) == 8
    assert "had no code: a new one was given" in board.message.text()


def test_unlocking_says_how_many_wrong_pins_and_codes_came_since_last_time(qtbot, window,
                                                                           clock):
    welcome = window.clinic.welcome
    for code in ("99990000", "99990001"):
        welcome.patientCodeEdit.setText(code)
        welcome.openPatientButton.click()
    welcome.clinicianButton.click()
    window.clinic.pinDialog.pinEdit.setText("000001")
    window.clinic.pinDialog.unlockButton.click()
    window.clinic.pinDialog.pinEdit.setText(PIN)
    window.clinic.pinDialog.unlockButton.click()
    board = window.built_page("Patients")
    assert "Since you last unlocked: 1 wrong PIN(s), 2 wrong patient code(s) " in \
        board.message.text()


# --- §6: the recovery code, on the PIN screen ------------------------------------------------

def test_the_recovery_code_sets_a_new_pin_on_the_pin_screen(qtbot, window, store, clock):
    recovery = ClinicPin(store, clock).new_recovery_code(PIN)
    welcome = window.clinic.welcome
    welcome.clinicianButton.click()
    dialog = window.clinic.pinDialog
    for _ in range(12):                     # a prankster: the PIN now waits 5 minutes
        dialog.pinEdit.setText("000001")
        dialog.unlockButton.click()
    assert "Too many wrong PINs" in dialog.message.text()
    dialog.forgotButton.click()
    assert dialog.recovery.isVisible() and not dialog.pinEdit.isVisible()
    dialog.recoveryCodeEdit.setText(recovery.lower())
    dialog.newPinEdit.setText("582913")
    dialog.repeatPinEdit.setText("582913")
    dialog.recoverButton.click()
    assert window.who.role is Role.CLINICIAN
    box = next(w for w in QApplication.topLevelWidgets()
               if isinstance(w, QMessageBox) and w.objectName() == "recoveryCodeBox")
    assert box.isVisible() and recovery not in box.text()
    box.accept()
    assert ClinicPin(store, clock).check("582913").ok


def test_the_clinic_settings_make_a_recovery_code_and_set_the_patients_folder(
        qtbot, window, store, tmp_path):
    folder = tmp_path / "Patient files"
    folder.mkdir()
    unlock(window)
    dialog = dashboard(window).actions.clinic_settings()
    assert not dialog.new_recovery_code("000001")
    assert dialog.new_recovery_code(PIN)
    dialog.recoveryBox.accept()
    dialog.exportFolderEdit.setText(str(tmp_path / "data"))   # the data folder: refused
    assert not dialog.save() and "own data folder" in dialog.message.text()
    dialog.exportFolderEdit.setText(str(folder))
    assert dialog.save()
    assert store.clinic.settings().export_folder == str(folder.resolve())


# --- §7: the audit viewer ---------------------------------------------------------------------

def test_the_viewer_marks_an_entry_edited_by_hand_filters_and_exports(qtbot, window, store,
                                                                      patients, tmp_path):
    import sqlite3

    ana, ben = patients
    open_with_code(qtbot, window, "10025307")
    window.profileBar.doneButton.click()
    unlock(window)
    conn = sqlite3.connect(store.path)
    conn.execute("UPDATE audit_log SET actor = 'clinician' WHERE action = 'patient_opened'")
    conn.commit()
    conn.close()
    viewer = dashboard(window).actions.audit_log()
    broken = [r for r in viewer.texts() if r[6] != "yes"]
    assert [r[3] for r in broken] == ["Patient opened"]
    assert "does not hold from entry" in viewer.status.text()
    viewer.set_filter(profile_id=ben.id)
    assert {r[4] for r in viewer.texts()} == {"Ben"}
    viewer.set_filter(since=date(2026, 11, 3))        # after the fake clock's day: none
    assert viewer.texts() == []
    viewer.set_filter()
    assert viewer.export_to(tmp_path / "audit.csv")
    text = (tmp_path / "audit.csv").read_text(encoding="utf-8-sig")
    assert "NO" not in text.upper().split("HOLDS")[0]  # (the header)
    assert ",no," in text and "does not hold" in text
    assert not viewer.export_to(store.path.parent / "audit.csv")   # never in the data folder


# --- §8: layout, the kiosk -------------------------------------------------------------------

def test_every_column_fits_at_1366_px_with_a_long_name_and_every_flag(qtbot, window, store,
                                                                      clock, catalogue):
    from datetime import timedelta

    from ankle_gui.core.clock import to_utc_iso
    from ankle_gui.core.demo import DEMO_PLAN
    from ankle_gui.core.records import CompletedSet, SessionStatus, Side

    def ago(days: int) -> str:
        return to_utc_iso(clock.now - timedelta(days=days))

    long = store.profiles.create("Maximilian Oberhauser-Schmidt von Hohenberg",
                                 created_at=ago(45))
    add_pair(store, long.id, clock.now - timedelta(days=41), 6.0, 9.5)
    for day in range(40, 9, -3):          # a month of sessions, the last one painful
        sid = store.training.start_session(long.id, [], started_at=ago(day))
        store.training.record_set(sid, CompletedSet(0, "banded_mob_front", Side.LEFT, 1,
                                                    ago(day), ago(day)))
        store.training.finish_session(sid, SessionStatus.COMPLETED, ended_at=ago(day))
        store.training.set_ratings(sid, 7, 6)
    add_pair(store, long.id, clock.now - timedelta(days=9), 6.2, 9.6)   # no real change
    store.plans.save(long.id, DEMO_PLAN, 3)
    window.resize(1366, 768)
    unlock(window)
    board = dashboard(window)
    board.select(long.id)
    QApplication.processEvents()
    table, header = board.patientTable, board.patientTable.horizontalHeader()
    last = header.count() - 1
    assert header.sectionViewportPosition(last) + header.sectionSize(last) \
        <= table.viewport().width()
    assert not table.horizontalScrollBar().isVisible()
    metrics = QFontMetrics(table.font())
    row = board.model.index_of(long.id)
    flags = board.model.data(board.model.index(row, last))
    assert flags == "No session, Pain, Refer, L–R gap"
    needed = metrics.boundingRect(0, 0, header.sectionSize(last) - 8, 1000,
                                  int(Qt.TextFlag.TextWordWrap), flags)
    assert needed.height() <= table.rowHeight(row)
    for column in range(1, last):                          # the figures never cut
        text = board.model.data(board.model.index(row, column)) or ""
        assert metrics.horizontalAdvance(text) <= header.sectionSize(column)


def test_the_dashboard_does_not_move_when_a_safety_notice_is_due(qtbot, window, store,
                                                                 patients):
    window.resize(1366, 768)
    unlock(window)
    board = dashboard(window)
    QApplication.processEvents()
    where = {b.objectName(): b.mapTo(window, b.rect().topLeft()).y()
             for b in (board.newButton, board.backupsButton, board.auditButton)}
    window.open_patient(patients[1].id)                    # Ben has not read the notice
    assert window.safetyNotice.isVisible()                 # on his pages, for him
    board = dashboard(window)
    QApplication.processEvents()
    assert not window.safetyNotice.isVisible()
    assert {b.objectName(): b.mapTo(window, b.rect().topLeft()).y()
            for b in (board.newButton, board.backupsButton, board.auditButton)} == where


def test_the_kiosk_comes_back_when_minimised(qtbot, store, catalogue, cue_services, clock,
                                             patients):
    """openbox's Alt+Space → Iconify minimises even a frameless window; it comes straight
    back full screen unless the clinician is there (on a real X server with openbox:
    packaging/clinic_morning.py)."""
    store.clinic.set_kiosk(True)
    window = make_window(qtbot, store, catalogue, cue_services, clock, Monotonic())
    try:
        assert at_welcome(window) and window.isFullScreen()
        window.showMinimized()
        qtbot.waitUntil(lambda: window.isFullScreen() and not window.isMinimized(),
                        timeout=3000)
        open_with_code(qtbot, window, "10025307")
        window.showMinimized()
        qtbot.waitUntil(lambda: window.isFullScreen() and not window.isMinimized(),
                        timeout=3000)
    finally:
        window.who.set(Access(Role.CLINICIAN))
        window.close()
