"""The left-right gap over time, with the line where a gap is flagged."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from ankle_gui.core.assessment import ASYMMETRY_FLAG_CM
from ankle_gui.core.progress import ProgressView
from ankle_gui.core.records import Side
from ankle_gui.core.units import Unit, format_length, from_cm
from ankle_gui.printing.palette import ERROR_COLOUR
from ankle_gui.ui.progress.chart_style import Chart, ChartStyle, pen, rename_in_key


class GapChart(Chart):
    def __init__(self, layout: pg.GraphicsLayout, style: ChartStyle, font: QFont):
        super().__init__(layout, style, font, row=2, col=0)
        s = style
        self.title("Left\u2013right gap")
        self.curve = pg.PlotDataItem(pen=pen(s.line[Side.BOTH], s.pen_width * 0.7),
                                     symbol="s", symbolSize=s.symbol_size - 2,
                                     symbolBrush=pg.mkBrush(s.line[Side.BOTH]),
                                     symbolPen=pg.mkPen(None))
        self.plot.addItem(self.curve)
        flag_pen = pen(ERROR_COLOUR, s.pen_width * 0.6,
                       Qt.PenStyle.DashLine)
        self.flagLine = pg.InfiniteLine(angle=0, movable=False, pen=flag_pen)
        self.plot.addItem(self.flagLine)
        # The flag is named in the key: a label on the line would sit on the points.
        self.flagSample = pg.PlotDataItem(pen=flag_pen)
        self.key = self.add_key(row=3, col=0, columns=2, entries=(
            (self.curve, "gap"), (self.flagSample, "flag")))

    def update(self, view: ProgressView, unit: Unit) -> None:
        self.plot.setLabel("left", unit.label)
        self.flagLine.setPos(from_cm(ASYMMETRY_FLAG_CM, unit))
        rename_in_key(self.key, self.flagSample,
                      f"{format_length(ASYMMETRY_FLAG_CM, unit)} flag")
        points = view.asymmetry
        xs = np.array([p.t for p in points], float)
        ys = np.array([from_cm(p.difference_cm, unit) for p in points], float)
        self.curve.setData(xs, ys)
        top = max([from_cm(ASYMMETRY_FLAG_CM * 1.6, unit)] + list(ys * 1.2))
        self.plot.setYRange(0, top, padding=0)
