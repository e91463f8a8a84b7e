"""A row of big toggle buttons for one answer (readable and clickable from a distance)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QSizePolicy, QWidget

from ankle_gui.ui.common.style import ACCENT


class ChoiceRow(QWidget):
    """One answer out of a few. ``value()`` is None until something is picked."""

    changed = Signal(object)

    def __init__(self, name: str, choices: list[tuple[object, str]], colour: str = ACCENT,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._values: list[object] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        for value, text in choices:
            button = QPushButton(text)
            button.setCheckable(True)
            button.setObjectName(f"{name}_{value}")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setMinimumHeight(44)
            button.setStyleSheet(
                # Bold in both states, so a checked label never grows and gets clipped.
                "QPushButton { border: 2px solid #98a2b3; border-radius: 8px; padding: 6px 10px;"
                " background: #ffffff; color: #1d2939; font-weight: 600; }"
                f"QPushButton:checked {{ background: {colour}; color: white;"
                f" border-color: {colour}; }}")
            self._group.addButton(button, len(self._values))
            self._values.append(value)
            layout.addWidget(button)
        self._group.idClicked.connect(lambda i: self.changed.emit(self._values[i]))

    def value(self):
        checked = self._group.checkedId()
        return None if checked < 0 else self._values[checked]

    def button(self, value) -> QPushButton:
        return self._group.button(self._values.index(value))

    def set_value(self, value) -> None:
        if value is None:
            self.clear()
            return
        self.button(value).setChecked(True)
        self.changed.emit(value)

    def clear(self) -> None:
        # An exclusive group will not let the last checked button go; lift that briefly.
        self._group.setExclusive(False)
        for b in self._group.buttons():
            b.setChecked(False)
        self._group.setExclusive(True)
