"""The player's big countdown or rep counter: as large as its space allows, tappable."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

MIN_PX = 48
MAX_PX = 420
HEIGHT_SHARE = 0.92   # glyph height as a share of the label's height


class BigNumber(QLabel):
    """Text that grows to fill its box (readable from 2 m); a left click emits ``tapped``.

    Its size policy lets the layout shrink it on a small screen instead of pushing the
    window taller than the display: the font follows the box, not the other way round.
    """

    tapped = Signal()

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.setMinimumHeight(110)
        self._sample = "00:00"   # fit to the widest text this label shows, so it never jumps
        self._colour = "#101828"
        self._px = 0

    def set_colour(self, colour: str) -> None:
        if colour != self._colour:
            self._colour = colour
            self._apply()

    def set_sample(self, sample: str) -> None:
        if sample != self._sample:
            self._sample = sample
            self._fit()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit()

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self.tapped.emit()
        super().mousePressEvent(event)

    def _fit(self) -> None:
        font = QFont(self.font())
        font.setWeight(QFont.Weight.Bold)
        size = max(MIN_PX, min(MAX_PX, int(self.height() * HEIGHT_SHARE)))
        font.setPixelSize(size)
        width = QFontMetrics(font).horizontalAdvance(self._sample)
        room = self.width() * 0.94
        if width > room > 0:
            size = max(MIN_PX, int(size * room / width))
        if size != self._px:
            self._px = size
            self._apply()

    def _apply(self) -> None:
        # Through the style sheet: the application's sheet would override a plain setFont.
        self.setStyleSheet(f"color: {self._colour}; font-size: {self._px or MIN_PX}px; "
                           "font-weight: 700;")
