"""Qt's own dialogs, driven as a person would: a script of (kind of dialog, what to do in it)
played while the app's modal dialogs run, one step each time a dialog of that kind shows.

A step runs from a fresh single-shot timer, scheduled before the step itself, so a step that
opens a further modal dialog (the preview's Print opening the print dialog) does not stop
the script. Whatever is still open when the script gives up is noted and rejected, so a test
ends instead of hanging."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QWidget,
)

POLL_MS = 15


def shown(kind: type) -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


class DialogRobot:
    running: list[DialogRobot] = []   # stopped after each test (tests/ui/clinic/conftest.py)

    @classmethod
    def stop_all(cls) -> None:
        for robot in cls.running:
            robot.stop()
        cls.running.clear()

    def __init__(self, steps: list[tuple[type | None, Callable[[QWidget], None]]],
                 give_up_after_ms: int = 20_000, answer_boxes: bool = False):
        """``steps``: (kind, action); a kind of None runs its action at once, on no dialog.
        ``answer_boxes``: once the steps are done, answer every further message box (Yes
        where it has one, else OK) and note its text, until ``stop``."""
        self.steps = list(steps)
        self.answer_boxes = answer_boxes
        self.done: list[str] = []       # each step's dialog title, in turn
        self.left_open: list[str] = []  # dialogs still open when the script gave up
        self.boxes: list[str] = []      # the text of every message box answered
        self._handled: set[int] = set()
        self._left = give_up_after_ms // POLL_MS

    def start(self) -> DialogRobot:
        DialogRobot.running.append(self)
        QTimer.singleShot(0, self._poll)
        return self

    @property
    def finished(self) -> bool:
        return not self.steps

    def stop(self) -> None:
        self.answer_boxes = False
        self.steps.clear()
        self._left = 0   # a poll still scheduled does nothing

    def _poll(self) -> None:
        if self._left <= 0 and not self.steps:
            return
        if not self.steps:
            if self.answer_boxes:
                self._answer_boxes()
            return
        self._left -= 1
        if self._left <= 0:
            self._give_up()
            return
        kind, act = self.steps[0]
        if kind is None:
            self.steps.pop(0)
            QTimer.singleShot(POLL_MS, self._poll)
            act(None)
            return
        fresh = [w for w in shown(kind) if id(w) not in self._handled]
        QTimer.singleShot(POLL_MS, self._poll)   # before the step: it may block in a loop
        if not fresh:
            return
        dialog = fresh[-1]
        self._handled.add(id(dialog))
        self.steps.pop(0)
        self.done.append(dialog.windowTitle())
        if isinstance(dialog, QMessageBox):
            self.boxes.append(f"{dialog.text()} {dialog.informativeText()}".strip())
        act(dialog)

    def _answer_boxes(self) -> None:
        self._left -= 1
        if self._left <= 0:
            self._give_up()
            return
        QTimer.singleShot(POLL_MS, self._poll)
        for box in shown(QMessageBox):
            if id(box) in self._handled:
                continue
            self._handled.add(id(box))
            self.boxes.append(f"{box.text()} {box.informativeText()}".strip())
            yes = box.button(QMessageBox.StandardButton.Yes)
            (yes.click() if yes is not None else box.accept())
            return

    def _give_up(self) -> None:
        for dialog in shown(QDialog):
            self.left_open.append(dialog.windowTitle())
            dialog.reject()


# --- what a person does in each dialog -----------------------------------------------------

def type_file_name(path: Path | str) -> Callable[[QWidget], None]:
    """In Qt's file dialog: the whole path in the name field (pasted: typed, its completer
    would take the first Enter), then Enter."""
    def act(dialog: QFileDialog) -> None:
        edit = dialog.findChild(QLineEdit, "fileNameEdit")
        edit.setText(str(path))
        if edit.completer() is not None and edit.completer().popup().isVisible():
            edit.completer().popup().hide()
        QTest.keyClick(edit, Qt.Key.Key_Return)
    return act


def press(text: str) -> Callable[[QWidget], None]:
    """Press the button whose text is ``text`` ("&Yes" and "Yes" alike)."""
    def act(dialog: QWidget) -> None:
        for button in dialog.findChildren(QAbstractButton):
            if button.text().replace("&", "") == text and button.isVisible():
                button.click()
                return
        raise LookupError(f"no button {text!r} in {dialog.windowTitle()!r}")
    return act


def ok(dialog: QWidget) -> None:
    """Close a message box with its only button."""
    if isinstance(dialog, QMessageBox):
        dialog.accept()
    else:
        dialog.findChild(QDialogButtonBox).accepted.emit()


def yes_or_ok(dialog: QMessageBox) -> None:
    yes = dialog.button(QMessageBox.StandardButton.Yes)
    (yes.click() if yes is not None else dialog.accept())


def until_a_box_says(robot: DialogRobot, words: str) -> Callable[[QWidget], None]:
    """Answer message boxes (Yes, or OK) until one that says ``words`` (an overwrite
    question may or may not come before it)."""
    def act(box: QMessageBox) -> None:
        said = box.text()
        yes_or_ok(box)
        if words not in said:
            robot.steps.insert(0, (QMessageBox, act))
    return act


def cancel(dialog: QWidget) -> None:
    dialog.reject()


def printers_offered(dialog: QWidget) -> list[str]:
    combo = dialog.findChild(QComboBox, "printers")
    return [combo.itemText(i) for i in range(combo.count()) if combo.itemText(i)]


def print_to_file(path: Path | str) -> Callable[[QWidget], None]:
    """In Qt's print dialog: "Print to File (PDF)", the file's name typed, then Print."""
    def act(dialog: QWidget) -> None:
        combo = dialog.findChild(QComboBox, "printers")
        combo.setCurrentIndex(combo.findText("Print to File (PDF)"))
        edit = dialog.findChild(QLineEdit, "filename")
        edit.setText(str(path))
        dialog.accept()
    return act


def print_on(queue: str) -> Callable[[QWidget], None]:
    def act(dialog: QWidget) -> None:
        combo = dialog.findChild(QComboBox, "printers")
        combo.setCurrentIndex(combo.findText(queue))
        dialog.accept()
    return act
