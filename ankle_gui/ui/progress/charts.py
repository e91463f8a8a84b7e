"""The progress charts, drawn with pyqtgraph, for the screen (paper's are painted by
printing/chart_painter.py, in the same colours and markers).

Import this module only when a chart is first needed: pyqtgraph is heavy and the app
must start fast. Plot items are created once; ``update`` only calls ``setData``.
Left and right differ by colour, marker, and line style, so they can be told apart by
colour-blind readers and on a black-and-white printout. Each chart is its own small class
(distance_chart, gap_chart, minutes_chart, sessions_chart); their look is in chart_style.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QPointF
from PySide6.QtGui import QFont

from ankle_gui.core.progress import ProgressView
from ankle_gui.core.units import Unit
from ankle_gui.ui.progress.chart_style import SCREEN, ChartKey, ChartStyle
from ankle_gui.ui.progress.distance_chart import DistanceChart
from ankle_gui.ui.progress.gap_chart import GapChart
from ankle_gui.ui.progress.minutes_chart import MinutesChart
from ankle_gui.ui.progress.sessions_chart import SessionsChart

__all__ = ["SCREEN", "ProgressCharts", "ProgressPlot"]


HOUR_S = 3600.0


class ProgressCharts:
    """The four charts in one pyqtgraph layout: knee-to-wall (large) on top, then the
    left-right gap, minutes per week and sessions per week; each key under its chart."""

    def __init__(self, layout: pg.GraphicsLayout, style: ChartStyle = SCREEN):
        self.layout = layout
        self.style = style
        self.unit = Unit.CM
        font = QFont()
        font.setPointSize(style.font_pt)
        self.distance = DistanceChart(layout, style, font)
        self.gap = GapChart(layout, style, font)
        self.minutes = MinutesChart(layout, style, font)
        self.sessions = SessionsChart(layout, style, font)
        layout.layout.setRowStretchFactor(0, 3)
        layout.layout.setRowStretchFactor(2, 2)
        self.keys: list[ChartKey] = [key for chart in self._charts() for key in chart.keys]
        self._drawn: tuple[object, ...] | None = None  # what update last set on the plots

    def _charts(self):
        return (self.distance, self.gap, self.minutes, self.sessions)

    # The plots, by the names the page and the tests use.
    @property
    def main(self) -> pg.PlotItem:
        return self.distance.plot

    @property
    def asym(self) -> pg.PlotItem:
        return self.gap.plot

    @property
    def volume(self) -> pg.PlotItem:
        return self.minutes.plot

    @property
    def adherence(self) -> pg.PlotItem:
        return self.sessions.plot

    def update(self, view: ProgressView, unit: Unit) -> None:
        # The same range drawn again over the same data hands back the same series (see
        # core.progress.build_view): only the time axis moves on, not the points.
        drawn = (view.series, view.post, view.asymmetry, view.bars, unit)
        if self._drawn is None or any(a is not b for a, b in zip(drawn, self._drawn,
                                                                   strict=True)):
            self.unit = unit
            self.distance.update(view, unit)
            self.gap.update(view, unit)
            self.minutes.update(view.bars, view.bar_unit)
            self.sessions.update(view.bars, view.bar_unit)
            self._drawn = drawn
        else:
            self.distance.reach(view.end)
        # Whole hours: the page shown again within the hour keeps its axes as they were
        # (a range that moves by a second lays out and draws every axis again).
        start = math.floor(view.start / HOUR_S) * HOUR_S
        end = math.ceil(view.end / HOUR_S) * HOUR_S
        pad = max((end - start) * 0.02, HOUR_S)
        for plot in (self.main, self.asym):
            plot.setXRange(start - pad, end + pad, padding=0)

    def hover(self, scene_pos: QPointF) -> str | None:
        return self.distance.hover(scene_pos)

    def hide_hover(self) -> None:
        self.distance.hide_hover()


class ProgressPlot(pg.GraphicsLayoutWidget):
    """The on-screen chart widget (object name ``progressPlot``)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("progressPlot")
        self.setBackground("w")
        self.ci.setContentsMargins(4, 4, 4, 4)
        self.charts = ProgressCharts(self.ci, SCREEN)
        self.scene().sigMouseMoved.connect(self.charts.hover)
