"""The clinician's small dialogs: new patient, change code, rename, and the questions before
a delete or an import.

Each dialog does its work through a function it is given (a service call). A ServiceError
keeps the dialog open with its message under the fields, and nothing is changed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ankle_gui.core.clinic import CODE_DIGITS, code_words
from ankle_gui.core.units import Unit
from ankle_gui.services.errors import ServiceError
from ankle_gui.ui.common.widgets import label, set_role


class _OneStepDialog(QDialog):
    """Fields, a message line, and OK/Cancel; OK runs ``_apply`` and closes only if it
    worked."""

    def __init__(self, title: str, intro: str, parent: QWidget | None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.message = label("", "hint")
        self.message.setObjectName("dialogMessage")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label(intro, "hint"))
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def submit(self) -> bool:
        try:
            self._apply()
        except ServiceError as exc:
            self.message.setText(str(exc))
            set_role(self.message, "error")
            return False
        self.accept()
        return True

    def _apply(self) -> None:
        raise NotImplementedError


def _code_field(suggested: str) -> QLineEdit:
    field = QLineEdit(code_words(suggested))
    field.setObjectName("patientCodeEdit")
    field.setMaxLength(CODE_DIGITS + 4)
    field.setToolTip(f"{CODE_DIGITS} digits, different for every patient; a free one is "
                     "suggested")
    return field


class NewPatientDialog(_OneStepDialog):
    """Name, code (a free one suggested) and unit."""

    def __init__(self, create: Callable[[str, str, Unit], object],
                 suggest: Callable[[], str], parent: QWidget | None = None):
        super().__init__("New patient",
                         "The patient opens their own profile on the waiting-room screen "
                         "with this code alone. Give it to them on paper.", parent)
        self.setObjectName("newPatientDialog")
        self._create, self._suggest = create, suggest
        self.nameEdit = QLineEdit()
        self.nameEdit.setObjectName("patientNameEdit")
        self.codeEdit = _code_field(suggest())
        self.otherCodeButton = QPushButton("Another code")
        self.otherCodeButton.setObjectName("otherCodeButton")
        self.otherCodeButton.clicked.connect(
            lambda: self.codeEdit.setText(code_words(self._suggest())))
        code_row = QHBoxLayout()
        code_row.addWidget(self.codeEdit, 1)
        code_row.addWidget(self.otherCodeButton)
        self.unitCombo = QComboBox()
        self.unitCombo.setObjectName("patientUnitCombo")
        for unit in (Unit.CM, Unit.INCH):
            self.unitCombo.addItem(unit.label, unit.value)
        self.slipCheck = QCheckBox("Print the code on a slip to hand over")
        self.slipCheck.setObjectName("printSlipCheck")
        self.slipCheck.setChecked(True)
        self.form.addRow("Name", self.nameEdit)
        self.form.addRow("Code", code_row)
        self.form.addRow("Measures in", self.unitCombo)
        self.form.addRow(self.slipCheck)
        self.created = None
        self.code = ""

    def _apply(self) -> None:
        self.created = self._create(self.nameEdit.text(), self.codeEdit.text(),
                                    Unit(self.unitCombo.currentData()))
        self.code = "".join(self.codeEdit.text().split())


class ChangeCodeDialog(_OneStepDialog):
    def __init__(self, name: str, current: str | None, change: Callable[[str], object],
                 suggest: Callable[[], str], parent: QWidget | None = None):
        # The old code is not shown: others may stand behind (Show code shows it, logged).
        now = f"{name} has a code." if current else f"{name} has no code yet."
        super().__init__("Change code", f"{now} The old code stops working at once.", parent)
        self.setObjectName("changeCodeDialog")
        self._change = change
        self.codeEdit = _code_field(suggest())
        self.form.addRow("New code", self.codeEdit)

    def _apply(self) -> None:
        self._change(self.codeEdit.text())


class RenameDialog(_OneStepDialog):
    def __init__(self, name: str, rename: Callable[[str], object],
                 parent: QWidget | None = None):
        super().__init__("Rename patient", f"A new name for {name}. Results and code stay "
                                           "as they are.", parent)
        self.setObjectName("renamePatientDialog")
        self._rename = rename
        self.nameEdit = QLineEdit(name)
        self.nameEdit.setObjectName("patientNameEdit")
        self.nameEdit.selectAll()
        self.form.addRow("Name", self.nameEdit)

    def _apply(self) -> None:
        self._rename(self.nameEdit.text())


def delete_question(parent: QWidget | None, name: str, results: int, sets: int) -> QMessageBox:
    """The warning before a delete: it names the patient and what goes; No is the default."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Delete patient", f"Delete {name}?",
                      parent=parent)
    box.setObjectName("deletePatientQuestion")
    box.setInformativeText(
        f"Everything recorded for {name} is deleted with the profile: {results} test "
        f"results, {sets} completed sets, sessions, ratings, plans and the code. It cannot "
        "be undone here (only by restoring a backup, which rolls back every patient).")
    box.addButton(f"Delete {name}", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(box.addButton(QMessageBox.StandardButton.No))
    return box


def import_question(parent: QWidget | None, file: str) -> QMessageBox:
    """Before a whole database replaces every patient; Cancel is the default."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Replace every patient?",
                      f"Replace every patient with the contents of {file}?", parent=parent)
    box.setInformativeText(
        "An import replaces all patients, results, sessions and plans on this PC with the "
        "file's. Clinic mode, the PIN and the audit log stay. Everything as it is now is "
        "backed up first, so Backups & restore can bring it back.")
    box.addButton("Replace every patient", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
    return box


def confirmed(box: QMessageBox) -> bool:
    """Run a question built above; True only for its destructive button."""
    box.exec()
    clicked = box.clickedButton()
    return clicked is not None and \
        box.buttonRole(clicked) is QMessageBox.ButtonRole.DestructiveRole
