"""The Progress page's pain and effort after the latest sessions: a small table, newest
first, under the line of words the page writes. A session without a rating says
"not rated", never 0."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
)

from ankle_gui.core.session_pain import NOT_RATED, RatedSession, rating_text
from ankle_gui.ui.common.style import ERROR_COLOUR

ROWS_SHOWN = 4   # the summary column must still fit a 768-px-high screen
PAIN_WARNING_AT = 5   # the clinician's dashboard flags pain of 5/10 or more
COLUMNS = ("Session", "Pain", "Effort")


class PainTable(QTableWidget):
    def __init__(self, parent=None):
        super().__init__(0, len(COLUMNS), parent)
        self.setObjectName("painTable")
        self.setAccessibleName("Pain and effort after the latest sessions")
        self.setHorizontalHeaderLabels(COLUMNS)
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def show_sessions(self, sessions: list[RatedSession]) -> None:
        latest = list(reversed(sessions[-ROWS_SHOWN:]))
        self.setRowCount(len(latest))
        for row, s in enumerate(latest):
            self._set(row, 0, s.day)
            self._set(row, 1, rating_text(s.pain),
                      ERROR_COLOUR if s.pain is not None and s.pain >= PAIN_WARNING_AT else None)
            self._set(row, 2, rating_text(s.effort))
        self.resizeRowsToContents()
        frame = self.horizontalHeader().sizeHint().height() + 2 * self.frameWidth()
        self.setFixedHeight(frame + sum(self.rowHeight(r) for r in range(self.rowCount())))
        self.setVisible(bool(latest))

    def _set(self, row: int, col: int, text: str, colour: str | None = None) -> None:
        item = QTableWidgetItem(text)
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        if text == NOT_RATED:
            item.setForeground(QColor("#475467"))
        elif colour:
            item.setForeground(QColor(colour))
        self.setItem(row, col, item)

    def cell_text(self, row: int, col: int) -> str:
        item = self.item(row, col)
        return item.text() if item else ""
