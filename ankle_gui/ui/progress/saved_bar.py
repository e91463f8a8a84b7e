"""A small bar that says a file was saved, with buttons to open it or its folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from ankle_gui.ui.common.widgets import label


class SavedBar(QFrame):
    """Shown under the page header after Save PDF… or Export CSV… (object name
    ``savedBar``). It stays until closed or replaced by the next save, so it can be read at
    leisure from across the room."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("savedBar")
        self.setStyleSheet("#savedBar { background: #ecfdf3; border: 1px solid #6ce9a6; "
                           "border-radius: 6px; }")
        self.path: Path | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 6, 6)
        self.message = label("", None)
        self.message.setObjectName("savedMessage")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.message, 1)
        self.openButton = QPushButton("Open")
        self.openButton.setObjectName("openSavedFileButton")
        self.openButton.clicked.connect(self.open_file)
        self.folderButton = QPushButton("Show folder")
        self.folderButton.setObjectName("openSavedFolderButton")
        self.folderButton.clicked.connect(self.open_folder)
        self.closeButton = QPushButton("\u2715")
        self.closeButton.setObjectName("closeSavedBarButton")
        self.closeButton.setToolTip("Close this message")
        self.closeButton.setAccessibleName("Close this message")
        self.closeButton.setFlat(True)
        self.closeButton.clicked.connect(self.hide)
        for button in (self.openButton, self.folderButton, self.closeButton):
            row.addWidget(button)
        self.hide()

    def show_saved(self, what: str, path: Path) -> None:
        self.path = path
        self.message.setText(f"{what} saved: \u201c{path.name}\u201d in {path.parent}")
        self.openButton.setToolTip(f"Open {path.name}")
        self.folderButton.setToolTip(f"Open the folder {path.parent}")
        self.show()

    def open_file(self) -> None:
        if self.path is not None:
            self._open(self.path, "a program for this file")

    def open_folder(self) -> None:
        if self.path is not None:
            self._open(self.path.parent, "a file manager")

    def _open(self, where: Path, what: str) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(where))):
            # A bare desktop (a clinic kiosk, say) may have nothing to open it with.
            self.message.setText(f"This computer has no {what} set up to open it. "
                                 f"It is saved as \u201c{self.path.name}\u201d in "
                                 f"{self.path.parent}")
