"""The windows of data safety: recovery dialog, Backups window, unfinished sessions."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from ankle_gui.app.safe_start import start_up_notes
from ankle_gui.core.plan import PlanItem, default_dose
from ankle_gui.core.records import CompletedSet, SessionStatus, Side
from ankle_gui.store.backups import BEFORE_RESTORE, MANUAL, Backups
from ankle_gui.store.recovery import Choice, Diagnosis, Problem
from ankle_gui.store.unfinished import unfinished_sessions
from ankle_gui.ui.data.backups_dialog import BackupsDialog
from ankle_gui.ui.data.recovery_dialog import RecoveryDialog
from ankle_gui.ui.train.interrupted_dialog import InterruptedDialog, describe


def test_recovery_dialog_explains_and_offers_the_backup(qtbot, store, profile):
    backup = Backups(store.path).make(store.db.conn, MANUAL)
    diagnosis = Diagnosis(Problem.DAMAGED, store.path, "database disk image is malformed")
    dialog = RecoveryDialog(diagnosis, backup)
    qtbot.addWidget(dialog)
    assert dialog.titleLabel.text() == "Your data file is damaged"
    assert "set-aside" in dialog.findChild(type(dialog.titleLabel), "recoveryKeptNote").text()
    assert "malformed" in dialog.findChild(type(dialog.titleLabel), "recoveryDetails").text()
    assert list(dialog.buttons) == [Choice.USE_BACKUP, Choice.FRESH_START, Choice.QUIT]
    assert "1 profile" in dialog.buttons[Choice.USE_BACKUP].text()
    qtbot.mouseClick(dialog.buttons[Choice.USE_BACKUP], Qt.MouseButton.LeftButton)
    assert dialog.choice is Choice.USE_BACKUP and dialog.result() == dialog.DialogCode.Accepted


def test_recovery_dialog_closed_means_quit(qtbot, tmp_path):
    dialog = RecoveryDialog(Diagnosis(Problem.DISK_FULL, tmp_path / "x.sqlite3"), None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert list(dialog.buttons) == [Choice.RETRY, Choice.QUIT]
    assert dialog.findChild(type(dialog.titleLabel), "recoveryKeptNote") is None
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.choice is Choice.QUIT


def test_backups_window_lists_makes_and_restores(qtbot, store, profile):
    dialog = BackupsDialog(store)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0
    assert not dialog.restoreButton.isEnabled()
    qtbot.mouseClick(dialog.makeButton, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 1).text() == "Made by hand"
    assert dialog.table.item(0, 3).text() == "1"
    assert dialog.table.item(0, 2).text().endswith("KB")
    assert "checked" in dialog.message.text()
    first = dialog.selected()
    store.profiles.create("Ben")
    with qtbot.waitSignal(dialog.dataReplaced):
        assert dialog.restore(first)
    assert [p.name for p in store.profiles.all()] == ["Sam"]
    kinds = [b.kind for b in Backups(store.path).list()]
    assert kinds == [BEFORE_RESTORE, MANUAL]
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(0, 3).text() == "2"  # the state before the restore, Sam and Ben


def test_backups_window_export_and_import(qtbot, store, profile, tmp_path):
    dialog = BackupsDialog(store)
    qtbot.addWidget(dialog)
    target = tmp_path / "export.sqlite3"
    assert dialog.export_to(target)
    assert target.exists() and "1 profile" in dialog.message.text()
    store.profiles.delete(profile.id)
    with qtbot.waitSignal(dialog.dataReplaced):
        assert dialog.import_from(target)
    assert [p.name for p in store.profiles.all()] == ["Sam"]
    bad = tmp_path / "notes.sqlite3"
    bad.write_text("hello")
    with qtbot.assertNotEmitted(dialog.dataReplaced):
        assert not dialog.import_from(bad)
    assert "not an ankle_gui data file" in dialog.message.text()
    assert dialog.message.property("role") == "error"


def test_backups_window_refuses_restore_during_a_drill(qtbot, store, profile):
    Backups(store.path).make(store.db.conn, MANUAL)
    dialog = BackupsDialog(store, busy_reason="A drill is running.")
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    assert not dialog.restoreButton.isEnabled() and not dialog.importButton.isEnabled()
    assert dialog.makeButton.isEnabled() and dialog.exportButton.isEnabled()


def test_main_window_opens_backups_and_rereads_after_restore(qtbot, main_window, store):
    ann = store.profiles.create("Ann")
    main_window.current.set(ann)
    main_window.backupsAction.trigger()
    dialog = main_window.findChild(BackupsDialog)
    assert dialog is not None and dialog.isVisible()
    info = dialog.make_backup()
    store.profiles.rename(ann.id, "Annie")
    main_window.current.reload()
    assert main_window.current.profile.name == "Annie"
    dialog.restore(info)
    assert main_window.current.profile.name == "Ann"
    dialog.close()


def _plan(catalogue) -> list[dict]:
    drill = next(d for d in catalogue if d.runnable)
    return [PlanItem(drill.id, Side.LEFT, default_dose(drill), "").to_dict()]


def _interrupted_session(store, profile, sets: int, catalogue=None) -> int:
    plan = _plan(catalogue) if catalogue is not None else []
    sid = store.training.start_session(profile.id, plan)
    for n in range(sets):
        store.training.record_set(sid, CompletedSet(
            n, "calf_raise", Side.LEFT, 1, "2025-01-01T10:00:00.000000+00:00",
            "2025-01-01T10:01:00.000000+00:00", reps_done=12, reps_target=12))
    store.training.mark_running_as_interrupted()
    return sid


def test_unfinished_session_can_be_closed(qtbot, store, profile):
    sid = _interrupted_session(store, profile, sets=2)
    [unfinished] = unfinished_sessions(store)
    assert "2 sets saved" in describe(unfinished) and "stopped unexpectedly" in \
        describe(unfinished)
    dialog = InterruptedDialog(store, [unfinished])
    qtbot.addWidget(dialog)
    before = store.training.session(sid)
    qtbot.mouseClick(dialog.closeSessionButton, Qt.MouseButton.LeftButton)
    after = store.training.session(sid)
    assert after.status == SessionStatus.CLOSED
    assert after.ended_at == before.ended_at and after.stop_reason == "crash"
    assert len(store.training.sets(sid)) == 2
    assert unfinished_sessions(store) == []


def test_decide_later_leaves_it_interrupted(qtbot, store, profile):
    sid = _interrupted_session(store, profile, sets=1)
    dialog = InterruptedDialog(store, unfinished_sessions(store))
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.laterButton, Qt.MouseButton.LeftButton)
    assert store.training.session(sid).status == SessionStatus.INTERRUPTED


def test_resume_carries_on_in_the_player(qtbot, main_window, store, catalogue):
    other = store.profiles.create("Ann")
    sid = _interrupted_session(store, other, sets=0, catalogue=catalogue)
    dialog = main_window.offer_unfinished_sessions()
    assert dialog is not None and dialog.isVisible()
    with qtbot.waitSignal(dialog.resumeRequested) as signal:
        qtbot.mouseClick(dialog.resumeButton, Qt.MouseButton.LeftButton)
    assert signal.args == [sid, other.id]
    assert main_window.current.profile.name == "Ann"
    assert main_window.current_page_name() == "Train"
    assert main_window.trainPage.player is not None
    assert store.training.session(sid).status == SessionStatus.RUNNING
    main_window.trainPage.shutdown()
    assert store.training.session(sid).status == SessionStatus.INTERRUPTED


def test_resume_refused_while_another_drill_runs(qtbot, main_window, store, profile,
                                                 catalogue):
    sid = _interrupted_session(store, profile, sets=0, catalogue=catalogue)
    assert main_window.resume_session(sid, profile.id)
    qtbot.keyClick(main_window.trainPage.player, Qt.Key.Key_Space)  # start it
    assert main_window.trainPage.running
    second = _interrupted_session(store, profile, sets=0, catalogue=catalogue)
    assert second != sid
    assert not main_window.resume_session(second, profile.id)
    main_window.trainPage.shutdown()


def test_start_up_notes_name_the_set_aside_file(tmp_path):
    from ankle_gui.store.recovery import SetAside
    from ankle_gui.store.startup import Opened

    aside = tmp_path / "set-aside" / "ankle_gui-x-damaged.sqlite3"
    opened = Opened(store=None, backups=None, set_aside=(
        SetAside(((Path("a"), aside),)),), notes=("Today's backup could not be made.",))
    notes = start_up_notes(opened)
    assert notes[0].startswith("Today's backup") and str(aside) in notes[1]


def test_the_app_explains_a_damaged_file_instead_of_a_traceback(qtbot, data_dir, monkeypatch):
    import ankle_gui.app.start as start
    from ankle_gui.app.start import run_gui

    (data_dir / "ankle_gui.sqlite3").write_bytes(b"\x89PNG\r\n\x1a\n not a database")
    asked = []

    def answer(diagnosis, backup):
        asked.append(diagnosis.problem)
        return Choice.FRESH_START

    monkeypatch.setattr(start, "ask_with_dialog", answer)
    assert run_gui(data_dir, quit_after_ms=50) == 0
    assert asked == [Problem.NOT_SQLITE]
    [aside] = (data_dir / "set-aside").iterdir()
    assert aside.read_bytes().startswith(b"\x89PNG")
    assert not (data_dir / "ankle_gui.lock").exists()  # released on the way out


def test_the_app_quits_cleanly_when_the_user_says_quit(qtbot, data_dir, monkeypatch):
    import ankle_gui.app.start as start
    from ankle_gui.app.start import run_gui

    (data_dir / "ankle_gui.sqlite3").write_bytes(b"")
    monkeypatch.setattr(start, "ask_with_dialog", lambda d, b: Choice.QUIT)
    assert run_gui(data_dir, quit_after_ms=50) == 2
    assert (data_dir / "ankle_gui.sqlite3").read_bytes() == b""
    assert not (data_dir / "set-aside").exists()


def test_a_finished_run_leaves_later_event_loops_working(qtbot, data_dir):
    """run_gui ends as a user quits, by closing the window. An app.quit() from outside
    used to leave a second quit posted, which ended the next event loop before it began."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from ankle_gui.app.start import run_gui

    assert run_gui(data_dir, quit_after_ms=50) == 0
    QApplication.processEvents()  # delivers anything the run left posted
    loop = QEventLoop()
    QTimer.singleShot(20, lambda: loop.exit(7))
    assert loop.exec() == 7  # -1: a stray quit ended it at once
