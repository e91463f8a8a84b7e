"""A drawing from resources/, scaled to fit while keeping its shape."""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import QSize, Qt
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import QSizePolicy, QWidget


class Diagram(QSvgWidget):
    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"diagram_{name.removesuffix('.svg')}")
        data = (resources.files("ankle_gui.resources") / name).read_bytes()
        self.load(data)
        self.renderer().setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setMinimumSize(220, 150)

    def sizeHint(self) -> QSize:
        return QSize(400, 272)

    def has_drawing(self) -> bool:
        return self.renderer().isValid()
