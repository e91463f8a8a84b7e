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
    leisure from across the room.

    In clinic mode it opens nothing: another program's window (a PDF viewer, a file manager)
    is beyond the idle lock and stays over the welcome screen for the next person, with the
    whole file system in reach. A patient's file is named, not where it is."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("savedBar")
        self.setStyleSheet("#savedBar { background: #ecfdf3; border: 1px solid #6ce9a6; "
                           "border-radius: 6px; }")
        self.path: Path | None = None
        self._may_open = True     # Open / Show folder: home mode only
        self._for_patient = False
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

    def fit(self, may_open: bool, for_patient: bool) -> None:
        """Whether Open and Show folder are offered (never in clinic mode), and whether the
        person is a patient, whose file went to the clinic's folder."""
        self._may_open = may_open
        self._for_patient = for_patient
        self.openButton.setVisible(may_open)
        self.folderButton.setVisible(may_open)

    def show_saved(self, what: str, path: Path) -> None:
        self.path = path
        if self._for_patient:
            self.message.setText(f"{what} saved for the clinic as \u201c{path.name}\u201d. "
                                 "Ask at the desk for a copy.")
        else:
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
        if not self._may_open:  # the buttons are hidden; nothing else may start a program
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(where))):
            # A bare desktop (a clinic kiosk, say) may have nothing to open it with.
            self.message.setText(f"This computer has no {what} set up to open it. "
                                 f"It is saved as \u201c{self.path.name}\u201d in "
                                 f"{self.path.parent}")
