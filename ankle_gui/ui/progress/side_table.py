"""The small table beside the chart: first, latest, best and change for each side."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from ankle_gui.core.assessment import Change
from ankle_gui.core.clock import local_display
from ankle_gui.core.progress_series import Measure, SideSummary
from ankle_gui.core.records import ANKLES, Side
from ankle_gui.core.units import Unit, format_length
from ankle_gui.ui.common.style import ERROR_COLOUR, OK_COLOUR, side_colour

ROWS = ("First", "Latest", "Best", "Change")
# The same marker shapes as the chart, so the table and the lines read as one.
MARKERS = {Side.LEFT: "\u25cf", Side.RIGHT: "\u25bd"}
VERDICT_COLOURS = {Change.IMPROVED: OK_COLOUR, Change.WORSE: ERROR_COLOUR,
                   Change.WITHIN_ERROR: "#344054"}


def _day(m: Measure) -> str:
    return local_display(datetime.fromtimestamp(m.t, UTC), with_time=False)


class SideTable(QTableWidget):
    def __init__(self, parent=None):
        super().__init__(len(ROWS), len(ANKLES), parent)
        self.setObjectName("sideTable")
        self._shown: dict[tuple[int, int], tuple[str, str | None]] = {}
        self.setVerticalHeaderLabels(ROWS)
        for col, side in enumerate(ANKLES):
            item = QTableWidgetItem(f"{MARKERS[side]} {side.label.capitalize()}")
            item.setForeground(QColor(side_colour(side)))
            self.setHorizontalHeaderItem(col, item)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)  # a cut-off verdict reads as nonsense

    def show_summaries(self, summaries: dict[Side, SideSummary], unit: Unit) -> None:
        for col, side in enumerate(ANKLES):
            s = summaries[side]
            for row, m in enumerate((s.first, s.latest, s.best)):
                text = "\u2014" if m is None else f"{format_length(m.value_cm, unit)}\n{_day(m)}"
                self._set(row, col, text)
            if s.delta_cm is None:
                text = "one result so far" if s.count == 1 else "no results"
                self._set(3, col, text)
            else:
                sign = "+" if s.delta_cm > 0 else ""
                self._set(3, col, f"{sign}{format_length(s.delta_cm, unit)}\n{s.verdict.label}",
                          VERDICT_COLOURS[s.verdict])
        self.resizeRowsToContents()
        # Exactly as tall as its rows: no empty strip under the last one.
        frame = self.horizontalHeader().height() + 2 * self.frameWidth()
        self.setFixedHeight(frame + sum(self.rowHeight(r) for r in range(self.rowCount())))

    def _set(self, row: int, col: int, text: str, colour: str | None = None) -> None:
        if self._shown.get((row, col)) == (text, colour):
            return  # the page is drawn again with the same figures
        self._shown[(row, col)] = (text, colour)
        item = QTableWidgetItem(text)
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        if colour:
            item.setForeground(QColor(colour))
            font = QFont(self.font())  # the table's (styled) size, not the 9 pt default
            font.setBold(True)
            font.setPointSizeF(font.pointSizeF() * 0.9)  # verdicts must fit a narrow column
            item.setFont(font)
        self.setItem(row, col, item)

    def cell_text(self, row_name: str, side: Side) -> str:
        item = self.item(ROWS.index(row_name), ANKLES.index(side))
        return item.text() if item else ""
