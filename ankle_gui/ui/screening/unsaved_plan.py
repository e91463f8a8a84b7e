"""The question asked before a person's unsaved plan edits could be lost: Save, Discard or
Cancel. The main window asks it before the app closes, another profile opens, the screen is
left in clinic mode, or the Train page uses the saved plan."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from ankle_gui.ui.screening.plan_editor import PlanEditor

Button = QMessageBox.StandardButton


def ask_to_save_plan(editor: PlanEditor, parent: QWidget, then: Callable[[], object],
                     cancelled: Callable[[], object] | None = None) -> QMessageBox:
    """Ask, without blocking: ``then`` runs after Save (once saved) or Discard, ``cancelled``
    after Cancel. The clinic's lock closes this box like every other dialog, as Cancel."""
    name = editor.owner_name()
    box = QMessageBox(QMessageBox.Icon.Question, "Unsaved plan",
                      f"Save the changes to {name}'s plan?",
                      Button.Save | Button.Discard | Button.Cancel, parent)
    box.setObjectName("unsavedPlanQuestion")
    if editor.items():
        box.setInformativeText("You changed the plan on the Test page. If you don't save "
                               "it, the plan stays as it was last saved.")
        box.setDefaultButton(Button.Save)
    else:
        box.setInformativeText("The plan has no drills left, so it cannot be saved: add a "
                               "drill first, or discard the changes.")
        box.button(Button.Save).setEnabled(False)
        box.setDefaultButton(Button.Cancel)
    box.setEscapeButton(Button.Cancel)

    def answered(_result: int) -> None:
        box.deleteLater()
        clicked = box.clickedButton()
        answer = box.standardButton(clicked) if clicked is not None else Button.Cancel
        if answer == Button.Save:
            if editor.save():
                then()
        elif answer == Button.Discard:
            editor.discard_changes()
            then()
        elif cancelled is not None:
            cancelled()

    box.finished.connect(answered)
    box.open()
    return box
