"""Minutes of drills per week (or month), one bar per side and one for both feet."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFont

from ankle_gui.core.progress_series import TrainingBar
from ankle_gui.core.records import Side
from ankle_gui.ui.progress.chart_style import Bars, Chart, ChartStyle, bar_places, pen


class MinutesChart(Chart):
    def __init__(self, layout: pg.GraphicsLayout, style: ChartStyle, font: QFont):
        super().__init__(layout, style, font, row=2, col=1)
        self.title("Minutes of drills per week")
        self.bars = {}
        for side in Side:
            bars = Bars(x=[], height=[], width=1, brush=pg.mkBrush(style.fill[side]),
                        pen=pen(style.line[side], 1.2))
            self.plot.addItem(bars)
            self.bars[side] = bars
        self.key = self.add_key(row=3, col=1, columns=3, entries=(
            (self.bars[Side.LEFT], "left"), (self.bars[Side.RIGHT], "right"),
            (self.bars[Side.BOTH], "both")))

    def update(self, weeks: list[TrainingBar], per: str) -> None:
        self.title(f"Minutes of drills per {per}")
        centres, span = bar_places(weeks)
        width = span / 4
        for offset, side in ((-1, Side.LEFT), (0, Side.RIGHT), (1, Side.BOTH)):
            heights = np.array([w.minutes[side] for w in weeks], float)
            self.bars[side].setOpts(x=centres + offset * width, height=heights,
                                    width=width * 0.9)
        most_minutes = max([1.0] + [max(w.minutes.values()) for w in weeks])
        self.plot.setYRange(0, most_minutes * 1.15, padding=0)
        if weeks:
            self.plot.setXRange(weeks[0].t, weeks[-1].t + weeks[-1].span_s, padding=0.01)
