"""Every file dialog the clinician can open is Qt's own in clinic mode, and the idle lock
closes it: the next person finds no file name or folder of the last one's. A patient gets
none at all (tests/ui/clinic/test_patient_files.py)."""

from __future__ import annotations

import pytest
from clinic_window import at_welcome, unlock
from helpers import add_pair, days_ago
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

RETRY_MS = 10


def open_file_dialogs() -> list[QFileDialog]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QFileDialog) and w.isVisible()]


def when_a_file_dialog_shows(then, tries: int = 300) -> None:
    """Run ``then(dialog)`` from the dialog's own event loop, once it is on screen."""
    def look(left: int) -> None:
        shown = open_file_dialogs()
        if shown:
            then(shown[0])
        elif left:
            QTimer.singleShot(RETRY_MS, lambda: look(left - 1))
    QTimer.singleShot(0, lambda: look(tries))


def progress(window):
    window.show_page("Progress")
    return window.built_page("Progress")


def dashboard(window, patients):
    board = window.built_page("Patients")
    board.select(patients[1].id)
    return board


# How the clinician opens it, and the dialog's title.
CLINICIAN = [
    ("a patient's report PDF", lambda w, p: (w.open_patient(p[1].id),
                                              progress(w).exportPdfButton.click()),
     "Save the report as PDF"),
    ("a patient's CSV", lambda w, p: (w.open_patient(p[1].id),
                                      progress(w).exportThisProfileAction.trigger()),
     "Export test results as CSV"),
    ("a patient's handout PDF", lambda w, p: (w.open_patient(p[1].id),
                                              progress(w).saveHandoutAction.trigger()),
     "Save the home-programme handout as PDF"),
    ("export everything", lambda w, p: dashboard(w, p).exportButton.click(),
     "Export everything"),
    ("import a database", lambda w, p: dashboard(w, p).importButton.click(),
     "Import a whole database"),
    ("reports to a folder", lambda w, p: dashboard(w, p).actions.reports().saveButton.click(),
     "Save the PDFs in this folder"),
    ("backups: export", lambda w, p: dashboard(w, p).actions.backups().exportButton.click(),
     "Export all data"),
    ("backups: import", lambda w, p: dashboard(w, p).actions.backups().importButton.click(),
     "Import a data file"),
    ("a patient's CSV import", lambda w, p: (w.open_patient(p[1].id),
                                             progress(w).importCsvButton.click()),
     "Import test results from CSV"),
    ("everyone's CSV", lambda w, p: (w.open_patient(p[1].id),
                                     progress(w).exportAllProfilesAction.trigger()),
     "Export test results as CSV"),
]


@pytest.mark.parametrize(("what", "open_it", "title"), CLINICIAN,
                         ids=[case[0] for case in CLINICIAN])
def test_the_idle_lock_closes_the_file_dialog(qtbot, window, monotonic, patients,
                                              store, what, open_it, title):
    add_pair(store, patients[1].id, days_ago(3), 9.0, 10.5)   # Ben's report can be saved
    unlock(window)
    seen, left_open = [], []

    def lock(dialog: QFileDialog) -> None:
        seen.append((dialog.windowTitle(),
                     dialog.testOption(QFileDialog.Option.DontUseNativeDialog)))
        monotonic.advance(181)                         # three quiet minutes, then a check
        assert window.clinic.idleWatch.check()
        QTimer.singleShot(3000, give_up)

    def give_up() -> None:  # a dialog the lock missed: noted, then closed so the test ends
        for dialog in open_file_dialogs():
            left_open.append(dialog.windowTitle())
            dialog.reject()

    when_a_file_dialog_shows(lock)
    open_it(window, patients)                          # returns once its dialog is closed
    assert seen == [(title, True)], "not Qt's own dialog, or none opened"
    qtbot.waitUntil(lambda: not [w for w in QApplication.topLevelWidgets()
                                 if isinstance(w, QDialog) and w.isVisible()])
    assert left_open == []
    assert at_welcome(window) and window.current.profile is None
    assert window.clinic.welcome.isVisible()


def test_home_mode_keeps_the_systems_file_dialog(qtbot, main_window, store, profile):
    """Home mode never locks: it may use the system's own dialog, as before."""
    add_pair(store, profile.id, days_ago(3), 9.0, 10.5)
    main_window.current.set(profile)
    page = progress(main_window)
    seen = []

    def cancel(dialog: QFileDialog) -> None:
        seen.append(dialog.testOption(QFileDialog.Option.DontUseNativeDialog))
        dialog.reject()

    when_a_file_dialog_shows(cancel)
    page.exportPdfButton.click()
    assert seen == [False]
