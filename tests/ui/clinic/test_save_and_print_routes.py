"""Issue 21 §1, §4, §5 through Qt's own dialogs, driven as the issue's patient drove them.

- The clinician (and anyone at home) keeps full dialogs, but no route writes over the
  database, its companions or the backups, nor takes a name with a wildcard: the save
  dialog, the print dialog's Print to File and the dashboard's exports alike.
- A patient gets no file dialog at all: a saved report, handout or CSV goes into the clinic's
  folder under a neutral name; the print dialog offers no Print to File; nothing is opened
  in another program; no Recent Places are kept.
"""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from clinic_window import open_with_code, unlock
from dialog_robot import (
    DialogRobot,
    cancel,
    ok,
    print_to_file,
    printers_offered,
    shown,
    type_file_name,
    until_a_box_says,
)
from helpers import add_pair, days_ago
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QMessageBox, QToolButton

from ankle_gui.services.file_places import PatientFiles
from ankle_gui.ui.common import file_dialogs


def database_intact(data_dir: Path) -> bool:
    head = (data_dir / "ankle_gui.sqlite3").read_bytes()[:16]
    return head == b"SQLite format 3\x00"


def own_files(data_dir: Path) -> set[str]:
    return {str(p.relative_to(data_dir)) for p in data_dir.rglob("*")}


@pytest.fixture
def ben_results(store, patients):
    add_pair(store, patients[1].id, days_ago(3), 9.0, 10.5)
    return patients[1]


def progress(window):
    window.show_page("Progress")
    return window.built_page("Progress")


# --- the clinician's full dialogs, and every mode: never onto the app's own data -------------

SAVES = {
    "report PDF": lambda w, b: progress(w).exportPdfButton.click(),
    "results CSV": lambda w, b: progress(w).exportThisProfileAction.trigger(),
    "handout PDF": lambda w, b: progress(w).saveHandoutAction.trigger(),
    "export everything": lambda w, b: (w.show_page("Patients"),
                                       w.built_page("Patients").exportButton.click()),
}
TARGETS = ["ankle_gui.sqlite3", "ankle_gui.sqlite3-wal", "backups/ankle_gui.sqlite3",
           "*.sqlite3", "ankle_gui.lock"]


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("route", list(SAVES))
def test_the_clinicians_save_dialog_never_writes_onto_the_apps_data(
        qtbot, window, store, data_dir, ben_results, route, target):
    from ankle_gui.store.backups import MANUAL, Backups

    Backups(store.path).make(store.db.conn, MANUAL)
    (data_dir / "ankle_gui.lock").write_text("12345\n")
    unlock(window)
    window.open_patient(ben_results.id)
    window.built_page("Train")  # (the landing page)
    before = own_files(data_dir)
    robot = DialogRobot([(QFileDialog, type_file_name(data_dir / target))],
                        answer_boxes=True).start()
    SAVES[route](window, ben_results)        # returns once the dialog and boxes are done
    qtbot.waitUntil(lambda: not shown(QMessageBox))
    robot.stop()
    assert robot.done == [robot.done[0]] and robot.left_open == []
    refusal = " ".join(robot.boxes) + " " + window.built_page("Patients").message.text() \
        if route == "export everything" else " ".join(robot.boxes)
    assert "own data folder" in refusal or "cannot hold *" in refusal, refusal
    assert own_files(data_dir) == before and database_intact(data_dir)
    assert store.profiles.count() == 2


def test_at_home_too_the_save_dialog_never_writes_onto_the_database(qtbot, main_window,
                                                                    store, data_dir,
                                                                    profile):
    add_pair(store, profile.id, days_ago(3), 9.0, 10.5)
    main_window.current.set(profile)
    robot = DialogRobot([(QFileDialog, type_file_name(data_dir / "ankle_gui.sqlite3"))],
                        answer_boxes=True).start()
    progress(main_window).exportPdfButton.click()
    qtbot.waitUntil(lambda: not shown(QMessageBox))
    robot.stop()
    assert any("own data folder" in box for box in robot.boxes), robot.boxes
    assert database_intact(data_dir)


def preview_print(preview: QPrintPreviewDialog) -> None:
    preview.findChild(QAction, "previewPrintAction").trigger()


def test_print_to_file_never_writes_onto_the_database_and_prints_0600(
        qtbot, window, store, data_dir, ben_results, tmp_path):
    unlock(window)
    window.open_patient(ben_results.id)
    out = tmp_path / "printed report.pdf"
    robot = DialogRobot([])
    robot.steps += [
        (QPrintPreviewDialog, preview_print),
        (QPrintDialog, print_to_file(data_dir / "ankle_gui.sqlite3")),
        (QMessageBox, until_a_box_says(robot, "own data folder")),   # the app's refusal
        (None, lambda _: preview_print(shown(QPrintPreviewDialog)[0])),
        (QPrintDialog, print_to_file(out)),
    ]
    robot.start()
    progress(window).printButton.click()               # returns once the preview closed
    assert robot.finished and robot.left_open == []
    assert "own data folder" in robot.boxes[-1]
    assert database_intact(data_dir)
    assert out.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    entry = store.clinic.audit_entries()[0]
    assert (entry.actor, entry.action, entry.profile_id, entry.detail) == (
        "clinician", "print", ben_results.id, "report to a file")


# --- a patient: no dialog, no Print to File, nothing opened outside the app ----------------

@pytest.fixture
def clinic_folder(store, clock, tmp_path):
    from ankle_gui.core.clinic import Role
    from ankle_gui.services.patient_access import Access

    folder = tmp_path / "Patient files"
    folder.mkdir()
    PatientFiles(store, clock).set_folder(Access(Role.CLINICIAN), folder)
    return folder


def test_a_patients_saves_go_to_the_clinics_folder_without_a_dialog(
        qtbot, window, store, ben_results, clinic_folder, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    open_with_code(qtbot, window, "10025307")
    page = progress(window)
    dialogs = DialogRobot([(QFileDialog, cancel)], give_up_after_ms=3000).start()
    page.exportPdfButton.click()
    page.saveHandoutAction.trigger()                   # no plan yet: says so, saves nothing
    page.exportThisProfileAction.trigger()
    page.exportPdfButton.click()
    for box in shown(QMessageBox):
        box.accept()
    assert sorted(p.name for p in clinic_folder.iterdir()) == [
        "Ankle report 2026-11-02-2.pdf", "Ankle report 2026-11-02.pdf",
        "Ankle results 2026-11-02.csv"]
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in clinic_folder.iterdir())
    assert not dialogs.done, "a file dialog opened for a patient"
    bar = page.savedBar
    assert "saved for the clinic as \u201cAnkle report 2026-11-02-2.pdf\u201d" in \
        bar.message.text()
    assert str(clinic_folder) not in bar.message.text()
    assert not bar.openButton.isVisible() and not bar.folderButton.isVisible()
    bar.open_file()
    bar.open_folder()
    assert opened == []                                # §5: no program is started
    details = [e.detail for e in store.clinic.audit_entries() if e.profile_id == ben_results.id
               and e.action in ("report", "export")]
    assert details[:3] == ["PDF report, Ankle report 2026-11-02-2.pdf",
                           "CSV, Ankle results 2026-11-02.csv",
                           "PDF report, Ankle report 2026-11-02.pdf"]


def test_without_the_clinics_folder_a_patient_cannot_save_and_is_told_why(
        qtbot, window, ben_results):
    open_with_code(qtbot, window, "10025307")
    page = progress(window)
    for thing in (page.exportPdfButton, page.saveHandoutAction, page.exportThisProfileAction):
        assert not thing.isEnabled()
        assert "has not set a folder" in thing.toolTip()
    assert page.printButton.isEnabled()


def test_no_file_dialog_opens_while_a_patient_is_at_the_screen(qtbot, window, ben_results,
                                                               tmp_path):
    open_with_code(qtbot, window, "10025307")
    dialogs = DialogRobot([(QFileDialog, cancel)], give_up_after_ms=2000).start()
    assert file_dialogs.save_file_name(window, "x", tmp_path / "x.pdf", "") == ""
    assert file_dialogs.open_file_name(window, "x", tmp_path, "") == ""
    assert file_dialogs.folder_name(window, "x", tmp_path) == ""
    assert not dialogs.done


def test_a_patient_is_offered_no_print_to_file(qtbot, window, store, ben_results):
    open_with_code(qtbot, window, "10025307")
    seen = {}

    def look(dialog) -> None:
        seen["printers"] = printers_offered(dialog)
        browse = dialog.findChild(QToolButton, "fileBrowser")
        seen["browse"] = browse is not None and browse.isVisible()
        dialog.reject()

    steps = [(QPrintPreviewDialog, preview_print)]
    if QPrinterInfo.availablePrinterNames():
        steps += [(QPrintDialog, look), (None, lambda _: shown(QPrintPreviewDialog)[0].reject())]
    else:   # no queue here: the app says so, no dialog at all
        steps += [(QMessageBox, ok), (None, lambda _: shown(QPrintPreviewDialog)[0].reject())]
    robot = DialogRobot(steps).start()
    progress(window).printButton.click()
    assert robot.finished and robot.left_open == []
    if seen:
        assert "Print to File (PDF)" not in seen["printers"] and not seen["browse"]
    else:
        assert "No printer is set up" in robot.boxes[0]


def test_a_printer_set_to_a_file_is_refused_for_a_patient(qtbot, window, tmp_path):
    """Belt and braces: even with a file already set on the printer, nothing is written."""
    from ankle_gui.ui.common.printing import ask_printer

    printer = QPrinter()
    printer.setOutputFileName(str(tmp_path / "sneaky.pdf"))
    told = []
    if not QPrinterInfo.availablePrinterNames():
        assert not ask_printer(window, printer, may_print_to_file=False, data_dir=tmp_path,
                               tell=told.append)
        assert "No printer" in told[0]
        return
    robot = DialogRobot([(QPrintDialog, lambda d: d.accept())]).start()
    ok_to_print = ask_printer(window, printer, may_print_to_file=False, data_dir=tmp_path,
                              tell=told.append)
    assert robot.finished
    if printer.outputFileName():
        assert not ok_to_print and "for the clinic's staff" in told[0]
    assert not (tmp_path / "sneaky.pdf").exists()


def test_no_recent_places_are_kept(qtbot, window, data_dir, ben_results, isolated_home):
    """Issue 21 §4: Qt's file dialog writes its folder history to QtProject.conf, which
    outlives the app and listed the data folder to the next person."""
    conf = isolated_home / ".config" / "QtProject.conf"
    unlock(window)
    window.open_patient(ben_results.id)

    def wander(dialog: QFileDialog) -> None:
        dialog.setDirectory(str(data_dir))
        dialog.setDirectory(str(data_dir / "backups"))
        dialog.reject()

    robot = DialogRobot([(QFileDialog, wander)]).start()
    progress(window).exportPdfButton.click()
    assert robot.finished
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # Qt writes it then
    text = conf.read_text() if conf.exists() else ""
    assert "FileDialog" not in text and str(data_dir) not in text
    nxt = {}

    def look(dialog: QFileDialog) -> None:
        nxt["history"], nxt["folder"] = dialog.history(), dialog.directory().absolutePath()
        dialog.reject()

    robot = DialogRobot([(QFileDialog, look)]).start()
    progress(window).exportPdfButton.click()
    assert str(data_dir) not in " ".join(nxt["history"]) + nxt["folder"]


def test_no_name_in_the_title_or_the_print_jobs_in_clinic_mode(qtbot, window, ben_results):
    open_with_code(qtbot, window, "10025307")
    assert "Ben" not in window.windowTitle()
    actions = progress(window).actions
    assert actions.job_name("Ankle report") == "Ankle report 2026-11-02"
    preview = actions.print_preview()
    assert preview.printer.docName() == "Ankle report 2026-11-02"
    assert "Ben" not in preview.windowTitle()
    preview.reject()
    window.profileBar.doneButton.click()
    unlock(window)
    window.open_patient(ben_results.id)
    assert "Ben" not in window.windowTitle()           # nor for the clinician's patient
