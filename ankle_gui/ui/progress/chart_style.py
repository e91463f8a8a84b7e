"""How the progress charts look on screen, and what each of them is made of: the style, the
date axis, the key, and ``Chart``, one plot with its key in the shared layout.

Import only when a chart is first needed: pyqtgraph is heavy and the app must start fast.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import QGraphicsItem

from ankle_gui.core.date_ticks import date_ticks
from ankle_gui.core.records import Side
from ankle_gui.printing.palette import (
    MARGIN_BAND_ALPHA,
    NORMAL_BAND,
    RETEST_SYMBOLS,
    SESSIONS_DONE,
    SIDE_COLOURS,
    SYMBOLS,
)


@dataclass(frozen=True)
class ChartStyle:
    line: dict[Side, str]
    fill: dict[Side, str]
    dash: dict[Side, Qt.PenStyle]
    symbol: dict[Side, str]
    post_symbol: dict[Side, str]  # after a session: a circle left, a diamond right
    pen_width: float
    symbol_size: int
    normal_brush: str
    band_alpha: int
    done_colour: str
    font_pt: int


SCREEN = ChartStyle(
    line=dict(SIDE_COLOURS), fill=dict(SIDE_COLOURS),
    dash={Side.LEFT: Qt.PenStyle.SolidLine, Side.RIGHT: Qt.PenStyle.DashLine,
          Side.BOTH: Qt.PenStyle.DotLine},
    symbol=dict(SYMBOLS), post_symbol=dict(RETEST_SYMBOLS),
    pen_width=2.0, symbol_size=9, normal_brush=NORMAL_BAND, band_alpha=MARGIN_BAND_ALPHA,
    done_colour=SESSIONS_DONE, font_pt=10)


def pen(colour: str, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine):
    pen = pg.mkPen(colour, width=width)
    pen.setStyle(style)
    return pen


def alpha(colour: str, alpha: int) -> QColor:
    c = QColor(colour)
    c.setAlpha(alpha)
    return c


class DateAxis(pg.AxisItem):
    """A bottom axis with one kind of date tick per range (see core.date_ticks)."""

    GAP_PX = 18  # between two labels

    def __init__(self):
        super().__init__(orientation="bottom")
        self._labels: dict[float, str] = {}

    def tickValues(self, minVal, maxVal, size):  # noqa: N802, N803 (pyqtgraph override)
        font = self.style.get("tickFont") or QFont()
        metrics = QFontMetricsF(font)
        seconds_per_px = (maxVal - minVal) / max(size, 1.0)
        widths: dict[str, float] = {}

        def width(text: str) -> float:
            if text not in widths:
                widths[text] = metrics.horizontalAdvance(text)
            return widths[text]

        def room_between(a: str, b: str) -> float:
            return ((width(a) + width(b)) / 2 + self.GAP_PX) * seconds_per_px

        # pyqtgraph hides a label that sticks out of the axis: keep ticks half a label in.
        inset = width("Jan 2026") / 2 * seconds_per_px
        ticks = date_ticks(minVal + inset, maxVal - inset, room_between)
        self._labels = dict(ticks)
        spacing = (ticks[1][0] - ticks[0][0]) if len(ticks) > 1 else max(maxVal - minVal, 1.0)
        return [(spacing, [t for t, _ in ticks])]

    def tickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph override)
        return [self._labels.get(v, "") for v in values]


class Bars(pg.BarGraphItem):
    """Bars drawn without antialiasing. Their edges run along the pixel grid anyway, and
    filling hundreds of them antialiased (ten years of months, three bars each) took about
    a third of the report's chart at print resolution."""

    def paint(self, p, *args):
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        super().paint(p, *args)
        p.restore()


class _Sample(pg.ItemSample):
    """A key's sample that is only a picture: a click does not hide the curve."""

    def mouseClickEvent(self, event):  # noqa: N802 (Qt override)
        event.ignore()


class ChartKey(pg.LegendItem):
    """A legend that sits in the chart layout, beside the plots, never over the data.
    Unlike pyqtgraph's own legend it scales with the chart when printed (its text is the
    same size as the axes on paper) and the surrounding layout places it."""

    SAMPLE_GAP = 8    # between a sample and its text
    ENTRY_GAP = 24    # between a text and the next entry's sample

    def __init__(self, font_pt: float, columns: int):
        super().__init__(labelTextSize=f"{font_pt}pt", labelTextColor="#111111",
                         colCount=columns, horSpacing=self.SAMPLE_GAP, frame=False,
                         sampleType=_Sample)
        self.setFlag(self.GraphicsItemFlag.ItemIgnoresTransformations, False)

    def updateSize(self):  # noqa: N802 (pyqtgraph override)
        self.updateGeometry()  # the layout around it gives it its place and size

    def mouseDragEvent(self, ev):  # noqa: N802 (Qt override)
        ev.ignore()  # pyqtgraph lets a legend be dragged over the data; not this one


def rename_in_key(key: ChartKey, item, text: str) -> None:
    for sample, label in key.items:
        if sample.item is item and label.text != text:  # a new text lays the chart out
            label.setText(text)


class Chart:
    """One plot in the Progress page's layout, dressed like the others, with its key."""

    def __init__(self, layout: pg.GraphicsLayout, style: ChartStyle, font: QFont, *,
                 row: int, col: int, colspan: int = 1):
        self.layout = layout
        self.style = style
        self.font = font
        self.keys: list[ChartKey] = []   # the keys shown in the layout
        self.plot = layout.addPlot(row=row, col=col, colspan=colspan,
                                   axisItems={"bottom": DateAxis()})
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.showGrid(x=False, y=True, alpha=0.25)
        self.plot.getViewBox().setMouseEnabled(x=False, y=False)
        for name in ("left", "bottom"):
            axis = self.plot.getAxis(name)
            axis.setTickFont(font)
            axis.setTextPen("#344054")
            axis.setPen("#98a2b3")
            # Kept as pixels between paints: replaying an axis's drawing (its text above
            # all) each time the page is shown cost more than the data.
            axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def title(self, text: str) -> None:
        self.plot.setTitle(text, color="#1d2939", size=f"{self.style.font_pt + 1}pt",
                           bold=True)

    def add_key(self, row: int, col: int, columns: int, entries,
                colspan: int = 1) -> ChartKey:
        key = ChartKey(self.style.font_pt - 1, columns)
        for item, text in entries:
            key.addItem(item, text)
        # After each text, more room than between a sample and its text: each text then
        # reads with its own sample, not the next one.
        for text_column in range(1, 2 * columns - 1, 2):
            key.layout.setColumnSpacing(text_column, ChartKey.ENTRY_GAP)
        self.layout.addItem(key, row=row, col=col, colspan=colspan)
        self.keys.append(key)
        return key


WEEK_S = 7 * 86400


def bar_places(weeks) -> tuple[np.ndarray, float]:
    """Where the bars of ``weeks`` (TrainingBars) stand, and the span one bar may use."""
    starts = np.array([w.t for w in weeks], float)
    centres = starts + np.array([w.span_s for w in weeks], float) / 2
    # One width for all bars: months differ by a few days, the bars should not.
    return centres, min((w.span_s for w in weeks), default=WEEK_S)
