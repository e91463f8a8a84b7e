"""A list of lines shown whole: those that do not fit are left out, never cut in half."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

MIN_HEIGHT = 40


class FittingLines(QLabel):
    """Large reminder lines for the player that take only the room left over.

    It asks the layout for no particular height (a wrapped label would ask for all its
    lines and push the buttons off a 720-pixel screen), then shows as many whole lines as
    its box holds.
    """

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        self.setMinimumHeight(MIN_HEIGHT)
        self._lines: list[str] = []

    def set_lines(self, lines: list[str]) -> None:
        if lines != self._lines:
            self._lines = list(lines)
            self._fit()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return False

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(0, MIN_HEIGHT)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(0, MIN_HEIGHT)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        self._fit()   # a new font size from the style sheet changes what fits

    def _fit(self) -> None:
        box = self.contentsRect()
        metrics = QFontMetrics(self.font())
        shown: list[str] = []
        used = 0
        for line in self._lines:
            height = metrics.boundingRect(QRect(0, 0, max(1, box.width()), 100_000),
                                          Qt.TextFlag.TextWordWrap, line).height()
            if used + height > box.height():
                break
            shown.append(line)
            used += height
        text = "\n".join(shown)
        if text != self.text():
            self.setText(text)
