"""A patient at the shared PC reaches only their own work: no other profile by any widget,
key, shortcut or menu action, and none of the data or settings windows."""

from __future__ import annotations

import pytest
from clinic_window import open_with_code, visible_texts
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QMessageBox

from ankle_gui.ui.common import file_dialogs
from ankle_gui.ui.pages import PAGES
from ankle_gui.ui.progress.progress_actions import ProgressActions


@pytest.fixture
def ben_in(qtbot, window, patients):
    """Ben at the screen, every page he may see built once."""
    open_with_code(qtbot, window, "10025307")
    for name in ("Test", "Train", "Progress", "Drills"):
        window.show_page(name)
    return window


@pytest.fixture
def nothing_blocks(monkeypatch):
    """Every file dialog and modal question answers Cancel at once, and is noted."""
    seen = []

    def noted(kind, answer):
        def record(*args, **kwargs):
            seen.append(kind)
            return answer
        return record

    monkeypatch.setattr(file_dialogs, "save_file_name", noted("save file", ""))
    monkeypatch.setattr(file_dialogs, "open_file_name", noted("open file", ""))
    monkeypatch.setattr(file_dialogs, "folder_name", noted("folder", ""))
    monkeypatch.setattr(QDialog, "exec", noted("modal dialog", 0))
    monkeypatch.setattr(QMessageBox, "question", noted("question",
                                                       QMessageBox.StandardButton.No))
    monkeypatch.setattr(QMessageBox, "information", noted("note", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "warning", noted("note", QMessageBox.StandardButton.Ok))
    exports = []
    original = ProgressActions.export_csv
    monkeypatch.setattr(ProgressActions, "export_csv",
                        lambda self, all_profiles: (exports.append(all_profiles),
                                                    original(self, all_profiles)))
    return seen, exports


def only_ben_is_here(window, ben, ana) -> None:
    assert window.current.id == ben.id and window.who.access.profile.id == ben.id
    text = visible_texts(window)
    assert "Ana" not in text, "another patient's name is on the screen"
    assert window.built_page("Profiles") is None
    open_now = {type(w).__name__ for w in QApplication.topLevelWidgets()
                if w.isVisible() and isinstance(w, QDialog)}
    assert not open_now & {"BackupsDialog", "ClinicSettingsDialog", "PinDialog"}, open_now


def test_no_page_switch_shortcut_reaches_profiles(qtbot, ben_in, patients):
    ana, ben = patients
    for number in range(1, 10):
        qtbot.keyClick(ben_in, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
        assert ben_in.current_page_name() != "Profiles"
        only_ben_is_here(ben_in, ben, ana)
    ben_in.navigation.shortcuts["Profiles"].activated.emit()   # even if a key got through
    assert ben_in.current_page_name() != "Profiles"
    profiles_row = ("Patients", *PAGES).index("Profiles")
    assert ben_in.navigation.isRowHidden(profiles_row)
    assert ben_in.navigation.isRowHidden(0)             # nor the clinician's Patients


def test_every_action_and_shortcut_keeps_to_his_own_work(qtbot, ben_in, patients,
                                                         nothing_blocks):
    ana, ben = patients
    seen, exports = nothing_blocks
    actions = set(ben_in.findChildren(QAction))
    for menu in [ben_in.menuBar(), *ben_in.findChildren(QMenu)]:
        actions.update(menu.actions())
    assert ben_in.backupsAction in actions and ben_in.clinicSettingsAction in actions
    for action in actions:
        action.trigger()
        only_ben_is_here(ben_in, ben, ana)
    assert ben_in.findChild(QDialog, "aboutDialog") is None   # no data or log paths for him
    for shortcut in ben_in.findChildren(QShortcut):
        if not shortcut.key().isEmpty():
            QTest.keySequence(ben_in, shortcut.key())
        shortcut.activated.emit()                       # also past a disabled shortcut
        only_ben_is_here(ben_in, ben, ana)
        for dialog in QApplication.topLevelWidgets():   # a question it opened: Cancel
            if isinstance(dialog, QDialog) and dialog.isVisible():
                dialog.reject()
    assert "open file" not in seen                      # no import of any kind
    assert True not in exports                          # never "all profiles"
    # No folder for patients' files is set here: nothing to save into, and never a dialog.
    assert exports == [] and "save file" not in seen and "folder" not in seen


def test_data_and_settings_are_absent_and_disabled(ben_in):
    window = ben_in
    for action in (window.backupsAction, window.clinicSettingsAction, window.settingsAction,
                   window.dataMenu.menuAction(), window.settingsMenu.menuAction()):
        assert not action.isVisible() and not action.isEnabled()
    assert not window.menuBar().isVisible()
    windows = window.dataWindows
    assert windows.open_backups() is None and windows.open_clinic_settings() is None
    progress = window.built_page("Progress")
    assert not progress.exportAllProfilesAction.isVisible()
    assert not progress.exportAllProfilesAction.isEnabled()
    assert not progress.importCsvButton.isEnabled()
    assert progress.exportThisProfileAction.isVisible()   # his own results stay his
    window.show_page("Progress")
    assert not progress.importCsvButton.isVisible()


def test_no_other_patient_by_resume_or_by_the_switcher(qtbot, ben_in, store, patients):
    ana, ben = patients
    assert not ben_in.resume_session(1, ana.id)
    ben_in.profileBar.profilePicked.emit(ana.id)     # the hidden switcher's own signal
    assert ben_in.current.id == ben.id


def test_unfinished_sessions_offered_are_his_own_only(qtbot, window, store, patients):
    from ankle_gui.core.records import SessionStatus

    ana, ben = patients
    for person in (ana, ben):
        sid = store.training.start_session(person.id, [])
        store.training.finish_session(sid, SessionStatus.INTERRUPTED, "quit")
    assert window.offer_unfinished_sessions() is None      # never on the welcome screen
    open_with_code(qtbot, window, "10025307")
    dialog = window.offer_unfinished_sessions()
    assert dialog is not None
    assert "Ben" in visible_texts(window) and "Ana" not in visible_texts(window)
    dialog.reject()


def test_his_programme_is_labelled_from_his_physio(qtbot, window, store, patients, clock):
    _, ben = patients
    store.clinic.set_programme(ben.id, 3, 4, True, clock())
    open_with_code(qtbot, window, "10025307")
    window.show_page("Train")
    note = window.clinic.programmeNote
    assert note.isVisible() and note.text() == (
        "Your programme, from your physio: 3 sessions a week, and a new test every 4 weeks.")
    window.show_page("Drills")
    assert not note.isVisible()
    window.show_page("Train")
    window.drill.full_screen(True)                  # the player's full screen: just the drill
    assert not note.isVisible()
    window.drill.full_screen(False)
    assert note.isVisible()


def test_his_own_exports_from_progress_go_into_the_audit_log(qtbot, ben_in, store, patients,
                                                             tmp_path):
    ana, ben = patients
    before = len(store.clinic.audit_entries())
    progress = ben_in.page("Progress")
    assert progress.actions.export_csv_to(tmp_path / "ben.csv", all_profiles=False)
    assert progress.actions.export_pdf_to(tmp_path / "ben.pdf")
    entries = store.clinic.audit_entries()[: len(store.clinic.audit_entries()) - before]
    logged = sorted((e.actor, e.action, e.profile_id, e.detail) for e in entries)
    # A patient's file is named (the clinic's folder gives it a name without theirs), so the
    # log ties it to them; never its folder, never the code.
    assert logged == [("patient", "export", ben.id, "CSV, ben.csv"),
                      ("patient", "report", ben.id, "PDF report, ben.pdf")]
    assert not any(str(tmp_path) in e.detail or "10025307" in e.detail for e in entries)
