"""Help → About: which version this is, and where its data and its log are kept, so that a
person asked "send us the log" can find it (issue 27 §4)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ankle_gui import __version__
from ankle_gui.ui.common.widgets import label


def log_file() -> Path | None:
    """The file the app's log is written to in this run (None: no file is kept)."""
    for handler in logging.getLogger("ankle_gui").handlers:
        if isinstance(handler, logging.FileHandler):
            return Path(handler.baseFilename)
    return None


class AboutDialog(QDialog):
    def __init__(self, data_folder: Path | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About ankle_gui"))
        self.setMinimumWidth(480)  # the paths on as few lines as they need
        layout = QVBoxLayout(self)
        layout.addWidget(label(self.tr("<b>ankle_gui {0}</b>").format(__version__)))
        layout.addWidget(label(self.tr(
            "Test your ankles, train them with a plan made from what the test found, and "
            "see the change side by side. It does not replace a clinician: stop and ask one "
            "if a drill causes sharp pain.")))
        log = log_file()
        self.dataFolderLabel = self._path(
            self.tr("Your data:"), data_folder, "dataFolderLabel",
            self.tr("not kept on this computer"))
        self.logFileLabel = self._path(
            self.tr("The log, to send with a problem report:"), log, "logFileLabel",
            self.tr("no log file is kept in this run"))
        layout.addWidget(self.dataFolderLabel)
        layout.addWidget(self.logFileLabel)
        layout.addWidget(label(self.tr("Qt {0}").format(qVersion()), role="hint"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("aboutCloseButton")
        close.setAccessibleName(self.tr("Close"))
        layout.addWidget(buttons)

    def _path(self, title: str, path: Path | None, name: str, missing: str) -> QLabel:
        shown = str(path) if path is not None else missing
        widget = label(f"{title}\n{shown}")
        widget.setObjectName(name)
        widget.setAccessibleName(title)
        # Selectable, so the path can be copied into a file manager or an e-mail.
        widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                       | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        widget.setTextFormat(Qt.TextFormat.PlainText)
        return widget
