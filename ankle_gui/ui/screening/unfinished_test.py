"""The question asked before a guided test's answers could be lost: Leave it or Cancel (a
half-done test cannot be saved). The main window asks it, as it asks about unsaved plan edits
(unsaved_plan.py), before the app closes, another profile opens or the screen is left in
clinic mode."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

Button = QMessageBox.StandardButton


def ask_to_leave_test(name: str, drop: Callable[[], object], parent: QWidget,
                      then: Callable[[], object],
                      cancelled: Callable[[], object] | None = None) -> QMessageBox:
    """Ask about ``name``'s test, without blocking: ``then`` runs after Leave it (the answers
    dropped first, by ``drop``), ``cancelled`` after Cancel. The clinic's lock closes this
    box like every other dialog, as Cancel."""
    box = QMessageBox(QMessageBox.Icon.Question, "Unfinished test",
                      f"Leave {name}'s test unfinished?", Button.Cancel, parent)
    box.setObjectName("unfinishedTestQuestion")
    box.setInformativeText("The answers typed so far will be lost.")
    leave = box.addButton("Leave it", QMessageBox.ButtonRole.DestructiveRole)
    # Cancel is the default: Enter must not throw away work.
    box.setDefaultButton(Button.Cancel)
    box.setEscapeButton(Button.Cancel)

    def answered(_result: int) -> None:
        box.deleteLater()
        if box.clickedButton() is leave:
            drop()
            then()
        elif cancelled is not None:
            cancelled()

    box.finished.connect(answered)
    box.open()
    return box
