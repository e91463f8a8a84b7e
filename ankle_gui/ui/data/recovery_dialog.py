"""Asks what to do when the data cannot be opened; the decisions are in store/recovery.py."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ankle_gui.core.clock import local_display
from ankle_gui.store.backups import BackupInfo
from ankle_gui.store.recovery import Choice, Diagnosis, Problem
from ankle_gui.ui.common.widgets import label


def choice_text(choice: Choice, diagnosis: Diagnosis, backup: BackupInfo | None) -> str:
    if choice is Choice.USE_BACKUP and backup is not None:
        count = backup.profile_count()
        people = "" if count is None else f", {count} profile{'s' if count != 1 else ''}"
        return f"Use the backup of {local_display(backup.taken_at)}{people}"
    if choice is Choice.QUIT and diagnosis.problem is Problem.TOO_NEW:
        return "Quit, and update ankle_gui"
    return {
        Choice.USE_BACKUP: "Use the newest backup",
        Choice.FRESH_START: "Start with no data",
        Choice.RETRY: "Try again",
        Choice.QUIT: "Quit",
    }[choice]


class RecoveryDialog(QDialog):
    """One problem, its explanation, where the file goes, and the choices; ``choice`` after."""

    def __init__(self, diagnosis: Diagnosis, backup: BackupInfo | None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("recoveryDialog")
        self.setWindowTitle("ankle_gui: your data needs attention")
        self.setMinimumWidth(640)
        self.diagnosis = diagnosis
        self.choice = Choice.QUIT  # closing the window changes nothing

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        self.titleLabel = label(diagnosis.title, "title")
        self.titleLabel.setObjectName("recoveryTitle")
        self.explanation = label(diagnosis.explanation)
        self.explanation.setObjectName("recoveryExplanation")
        layout.addWidget(self.titleLabel)
        layout.addWidget(self.explanation)
        if diagnosis.sets_aside:
            kept = label(
                "Nothing will be deleted. Whatever you choose below, the file is first moved, "
                f"untouched, into this folder:\n{diagnosis.set_aside_folder}", "hint")
            kept.setObjectName("recoveryKeptNote")
            kept.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(kept)
            if backup is None:
                layout.addWidget(label("There is no backup that can be used.", "hint"))
        details = label((f"Details: {diagnosis.detail}\n" if diagnosis.detail else "")
                        + f"Data file: {diagnosis.db_path}", "hint")
        details.setObjectName("recoveryDetails")
        details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(details)

        row = QHBoxLayout()
        row.addStretch(1)
        self.buttons: dict[Choice, QPushButton] = {}
        for n, choice in enumerate(diagnosis.choices(backup is not None)):
            button = QPushButton(choice_text(choice, diagnosis, backup))
            button.setObjectName(f"recovery_{choice.value.replace('-', '_')}")
            if n == 0:
                button.setProperty("role", "primary")
                button.setDefault(True)
            button.clicked.connect(lambda _=False, c=choice: self._choose(c))
            self.buttons[choice] = button
            row.addWidget(button)
        layout.addLayout(row)

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        self.accept()


def ask_with_dialog(diagnosis: Diagnosis, backup: BackupInfo | None) -> Choice:
    """The ``ask`` callback for store.startup.open_store_safely."""
    dialog = RecoveryDialog(diagnosis, backup)
    dialog.exec()
    return dialog.choice
