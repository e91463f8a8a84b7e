"""The Progress page. Filled in by its own issue; for now it shows only its title."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ankle_gui.ui.widgets import label


class ProgressPage(QWidget):
    def __init__(self, store, current, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("pageProgress")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.addWidget(label("Progress", "title"))
        layout.addStretch(1)
