"""Sessions done per week (or month), against the sessions the plan asked for."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from ankle_gui.core.progress_series import TrainingBar
from ankle_gui.ui.progress.chart_style import Bars, Chart, ChartStyle, bar_places, pen


class SessionsChart(Chart):
    def __init__(self, layout: pg.GraphicsLayout, style: ChartStyle, font: QFont):
        super().__init__(layout, style, font, row=2, col=2)
        self.title("Sessions per week")
        self.doneBars = Bars(x=[], height=[], width=1,
                             brush=pg.mkBrush(style.done_colour),
                             pen=pg.mkPen(style.done_colour))
        self.plot.addItem(self.doneBars)
        self.plannedLine = pg.PlotDataItem(pen=pen("#000000", style.pen_width * 0.6,
                                                   Qt.PenStyle.DashLine))
        self.plot.addItem(self.plannedLine)
        self.key = self.add_key(row=3, col=2, columns=2, entries=(
            (self.doneBars, "done"), (self.plannedLine, "planned")))

    def update(self, weeks: list[TrainingBar], per: str) -> None:
        self.title(f"Sessions per {per}")
        centres, span = bar_places(weeks)
        done = np.array([w.sessions_done for w in weeks], float)
        self.doneBars.setOpts(x=centres, height=done, width=span * 0.55)
        # A step line over the bars: planned sessions, only where a plan applied.
        planned = [w for w in weeks if w.sessions_planned]
        if planned:
            edges = np.array([w.t for w in planned] + [planned[-1].t + planned[-1].span_s],
                             float)
            self.plannedLine.setData(edges, np.array([w.sessions_planned for w in planned],
                                                     float), stepMode="center")
        else:
            self.plannedLine.setData([], [])
        most = max([1] + [w.sessions_done for w in weeks] + [w.sessions_planned for w in planned])
        self.plot.setYRange(0, most * 1.2, padding=0)
        if weeks:
            self.plot.setXRange(weeks[0].t, weeks[-1].t + weeks[-1].span_s, padding=0.01)
