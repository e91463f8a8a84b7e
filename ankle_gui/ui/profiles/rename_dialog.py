"""A new name for a profile. A name that cannot be used keeps the dialog open, with what was
typed and the reason under it, and nothing changes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ankle_gui.core.profile import MAX_NAME_LENGTH
from ankle_gui.services.errors import ServiceError
from ankle_gui.ui.common.widgets import label


class RenameProfileDialog(QDialog):
    def __init__(self, name: str, rename: Callable[[str], object],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("renameProfileDialog")
        self.setWindowTitle("Rename profile")
        self.setMinimumWidth(460)
        self._rename = rename
        self.nameEdit = QLineEdit(name)
        self.nameEdit.setObjectName("renameProfileEdit")
        self.nameEdit.setMaxLength(MAX_NAME_LENGTH * 2)  # longer input gets a message, not a cut
        self.nameEdit.selectAll()
        self.message = label("", "error")
        self.message.setObjectName("renameProfileMessage")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(label(f"New name for {name}:", wrap=True))
        layout.addWidget(self.nameEdit)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.nameEdit.textEdited.connect(lambda _t: self.message.clear())

    def submit(self) -> bool:
        """Rename, and close; or say why not and stay open."""
        try:
            self._rename(self.nameEdit.text())
        except ServiceError as exc:
            self.message.setText(str(exc))
            self.adjustSize()  # room for the message, however long the name in it
            self.nameEdit.setFocus()
            return False
        self.accept()
        return True
