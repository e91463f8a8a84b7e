"""The progress charts, drawn with pyqtgraph, for the screen and for print.

Import this module only when a chart is first needed: pyqtgraph is heavy and the app
must start fast. Plot items are created once; ``update`` only calls ``setData``.
Left and right differ by colour, marker, and line style, so they can be told apart by
colour-blind readers and on a black-and-white printout. Each chart is its own small class
(distance_chart, gap_chart, minutes_chart, sessions_chart); their look is in chart_style.
"""

from __future__ import annotations

import atexit
import math

import pyqtgraph as pg
import shiboken6
from pyqtgraph.exporters import ImageExporter
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFont, QImage

from ankle_gui.core.progress import ProgressView
from ankle_gui.core.units import Unit
from ankle_gui.ui.progress.chart_style import PRINT, SCREEN, ChartKey, ChartStyle
from ankle_gui.ui.progress.distance_chart import DistanceChart
from ankle_gui.ui.progress.gap_chart import GapChart
from ankle_gui.ui.progress.minutes_chart import MinutesChart
from ankle_gui.ui.progress.sessions_chart import SessionsChart

__all__ = ["PRINT", "SCREEN", "ProgressCharts", "ProgressPlot", "export_image",
           "print_layout", "render_chart_image"]


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

    # The plots, by the names the page, the report and the tests use.
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


def print_layout(view: ProgressView, unit: Unit, width_px: int, height_px: int,
                 scale: float) -> tuple[pg.GraphicsLayoutWidget, ProgressCharts]:
    """The charts in print style, laid out off screen at (width/scale x height/scale)."""
    widget, charts = _paper_charts()
    _lay_out(widget, charts, view, unit, width_px, height_px, scale)
    return widget, charts


def _paper_charts() -> tuple[pg.GraphicsLayoutWidget, ProgressCharts]:
    widget = pg.GraphicsLayoutWidget()
    widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    # Kept "shown" off screen between reports: it must not count as a window that keeps the
    # app running once the person closes the real one.
    widget.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
    widget.setBackground("w")
    widget.ci.setContentsMargins(4, 10, 4, 4)
    charts = ProgressCharts(widget.ci, PRINT)
    widget.show()  # never on screen: only so that Qt lays the plots out at its size
    return widget, charts


def _lay_out(widget: pg.GraphicsLayoutWidget, charts: ProgressCharts, view: ProgressView,
             unit: Unit, width_px: int, height_px: int, scale: float) -> None:
    widget.resize(int(width_px / scale), int(height_px / scale))
    widget.ci.layout.activate()
    charts.update(view, unit)
    # The update renames key entries ("1.5 cm flag"); lay the keys out again for their new
    # widths, as nothing waits for the event loop to do it before the image is taken.
    for key in charts.keys:
        key.layout.activate()
    widget.ci.layout.activate()


_kept_for_paper: list[tuple[pg.GraphicsLayoutWidget, ProgressCharts]] = []


def render_chart_image(view: ProgressView, unit: Unit, width_px: int, height_px: int,
                       scale: float = 2.0) -> QImage:
    """The charts as a print-resolution image: laid out at (width/scale x height/scale)
    logical pixels, then rendered ``scale`` times larger, so text and symbols grow.

    The paper's charts are built once and kept for the next report: building the four
    plots takes longer than drawing them."""
    widget, charts = prepare_paper()
    _lay_out(widget, charts, view, unit, width_px, height_px, scale)
    return export_image(widget, width_px, height_px)


def prepare_paper() -> tuple[pg.GraphicsLayoutWidget, ProgressCharts]:
    """The paper's charts, built the first time they are asked for."""
    if not _kept_for_paper:
        _kept_for_paper.append(_paper_charts())
        atexit.register(_let_go_of_paper)
    return _kept_for_paper[0]


def _let_go_of_paper() -> None:
    # Before Python's own teardown, while the QApplication still exists.
    for widget, _charts in _kept_for_paper:
        widget.close()
        shiboken6.delete(widget)
    _kept_for_paper.clear()


def export_image(widget: pg.GraphicsLayoutWidget, width_px: int, height_px: int) -> QImage:
    exporter = ImageExporter(widget.ci)
    exporter.parameters()["background"] = QColor("#ffffff")
    exporter.parameters()["antialias"] = True
    exporter.parameters()["width"] = int(width_px)
    exporter.parameters()["height"] = int(height_px)
    return exporter.export(toBytes=True)
