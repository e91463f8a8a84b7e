"""The question before a restore says that every profile goes back, and Cancel is the default
(issue 15: it said "your data", and Yes had the focus)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ankle_gui.ui.data.backups_dialog import BackupsDialog


def test_restore_question_names_every_profile_and_defaults_to_cancel(qtbot, store, profile):
    dialog = BackupsDialog(store)
    qtbot.addWidget(dialog)
    info = dialog.make_backup()
    box = dialog.restore_question(info)
    qtbot.addWidget(box)
    words = f"{box.text()} {box.informativeText()}"
    assert "every profile" in words and "every patient" in words
    assert "your data" not in words.lower()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)


def test_enter_on_the_restore_question_restores_nothing(qtbot, store, profile, monkeypatch):
    dialog = BackupsDialog(store)
    qtbot.addWidget(dialog)
    dialog.make_backup()
    store.profiles.create("Ben")
    restored = []
    monkeypatch.setattr(dialog, "restore", restored.append)

    def press_enter():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        qtbot.keyClick(box, Qt.Key.Key_Return)

    QTimer.singleShot(0, press_enter)
    dialog._restore_clicked()
    assert restored == []
    assert [p.name for p in store.profiles.all()] == ["Ben", "Sam"]
