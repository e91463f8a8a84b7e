"""The progress charts, drawn with pyqtgraph, for the screen and for print.

Import this module only when a chart is first needed: pyqtgraph is heavy and the app
must start fast. Plot items are created once; ``update`` only calls ``setData``.
Left and right differ by colour, marker, and line style, so they can be told apart by
colour-blind readers and on a black-and-white printout.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage

from ankle_gui.core.assessment import (
    ASYMMETRY_FLAG_CM,
    EXCELLENT_ABOVE_CM,
    NORMAL_LOW_CM,
    SELF_MDC_CM,
)
from ankle_gui.core.clock import local_display
from ankle_gui.core.date_ticks import date_ticks
from ankle_gui.core.progress import Measure, ProgressView, TrainingBar
from ankle_gui.core.records import ANKLES, Phase, Side
from ankle_gui.core.units import Unit, format_length, from_cm
from ankle_gui.ui.style import SIDE_COLOURS

HOVER_RADIUS_PX = 14
WEEK_S = 7 * 86400


@dataclass(frozen=True)
class ChartStyle:
    printing: bool
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
    printing=False,
    line=dict(SIDE_COLOURS), fill=dict(SIDE_COLOURS),
    dash={Side.LEFT: Qt.PenStyle.SolidLine, Side.RIGHT: Qt.PenStyle.DashLine,
          Side.BOTH: Qt.PenStyle.DotLine},
    symbol={Side.LEFT: "o", Side.RIGHT: "t", Side.BOTH: "s"},
    post_symbol={Side.LEFT: "o", Side.RIGHT: "d"},
    pen_width=2.0, symbol_size=9, normal_brush="#d9f0e3", band_alpha=22,
    done_colour="#009E73", font_pt=10)
# Black and white: solid line with filled circles against dashed line with open triangles.
PRINT = ChartStyle(
    printing=True,
    line={Side.LEFT: "#000000", Side.RIGHT: "#333333", Side.BOTH: "#777777"},
    fill={Side.LEFT: "#000000", Side.RIGHT: "#ffffff", Side.BOTH: "#aaaaaa"},
    dash=SCREEN.dash, symbol=SCREEN.symbol, post_symbol=SCREEN.post_symbol,
    pen_width=3.5, symbol_size=9, normal_brush="#e6e6e6", band_alpha=0,
    done_colour="#9a9a9a", font_pt=10)


def _pen(colour: str, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine):
    pen = pg.mkPen(colour, width=width)
    pen.setStyle(style)
    return pen


def _alpha(colour: str, alpha: int) -> QColor:
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


class _Sample(pg.ItemSample):
    """A key's sample that is only a picture: a click does not hide the curve."""

    def mouseClickEvent(self, event):  # noqa: N802 (Qt override)
        event.ignore()


class ChartKey(pg.LegendItem):
    """A legend that sits in the chart layout, beside the plots, never over the data.
    Unlike pyqtgraph's own legend it scales with the chart when printed (its text is the
    same size as the axes on paper) and the surrounding layout places it."""

    def __init__(self, font_pt: float, columns: int):
        super().__init__(labelTextSize=f"{font_pt}pt", labelTextColor="#111111",
                         colCount=columns, horSpacing=8, frame=False, sampleType=_Sample)
        self.setFlag(self.GraphicsItemFlag.ItemIgnoresTransformations, False)

    def updateSize(self):  # noqa: N802 (pyqtgraph override)
        self.updateGeometry()  # the layout around it gives it its place and size

    def mouseDragEvent(self, ev):  # noqa: N802 (Qt override)
        ev.ignore()  # pyqtgraph lets a legend be dragged over the data; not this one


class ProgressCharts:
    """Four plots in one pyqtgraph layout: knee-to-wall (large), then asymmetry,
    minutes per week and sessions per week."""

    def __init__(self, layout: pg.GraphicsLayout, style: ChartStyle = SCREEN):
        self.layout = layout
        self.style = style
        self.unit = Unit.CM
        self._points: dict[Side, tuple[np.ndarray, np.ndarray, list[Measure]]] = {}
        font = QFont()
        font.setPointSize(style.font_pt)
        self._font = font

        # Plots in rows 0 and 2; their keys in rows 1 and 3, under them, off the data.
        self.main = layout.addPlot(row=0, col=0, colspan=3, axisItems={"bottom": DateAxis()})
        self.asym = layout.addPlot(row=2, col=0, axisItems={"bottom": DateAxis()})
        self.volume = layout.addPlot(row=2, col=1, axisItems={"bottom": DateAxis()})
        self.adherence = layout.addPlot(row=2, col=2, axisItems={"bottom": DateAxis()})
        layout.layout.setRowStretchFactor(0, 3)
        layout.layout.setRowStretchFactor(2, 2)
        for plot in (self.main, self.asym, self.volume, self.adherence):
            self._dress(plot)
        self.keys: list[ChartKey] = []

        self._build_main()
        self._build_asymmetry()
        self._build_training()

    # --- construction, once -----------------------------------------------------------------

    def _dress(self, plot: pg.PlotItem) -> None:
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.showGrid(x=False, y=True, alpha=0.25)
        plot.getViewBox().setMouseEnabled(x=False, y=False)
        for name in ("left", "bottom"):
            axis = plot.getAxis(name)
            axis.setTickFont(self._font)
            axis.setTextPen("#000000" if self.style.printing else "#344054")
            axis.setPen("#000000" if self.style.printing else "#98a2b3")

    def _title(self, plot: pg.PlotItem, text: str) -> None:
        plot.setTitle(text, color="#000000" if self.style.printing else "#1d2939",
                      size=f"{self.style.font_pt + 1}pt", bold=True)

    def _build_main(self) -> None:
        s, plot = self.style, self.main
        self.normalBand = pg.LinearRegionItem(orientation="horizontal", movable=False,
                                              brush=pg.mkBrush(s.normal_brush),
                                              pen=pg.mkPen(None))
        self.normalBand.setZValue(-20)
        plot.addItem(self.normalBand, ignoreBounds=True)
        self.mdcLow, self.mdcHigh, self.mdcFill = {}, {}, {}
        self.curves, self.postDots, self.pairLines = {}, {}, {}
        for side in ANKLES:
            edge = _pen(s.line[side], 1.0 if not s.printing else 1.8, Qt.PenStyle.DotLine)
            low, high = pg.PlotCurveItem(pen=edge), pg.PlotCurveItem(pen=edge)
            fill = pg.FillBetweenItem(low, high, brush=pg.mkBrush(
                _alpha(s.line[side], s.band_alpha)))
            for item in (fill, low, high):
                item.setZValue(-10)
                plot.addItem(item)
            self.mdcLow[side], self.mdcHigh[side], self.mdcFill[side] = low, high, fill
            pairs = pg.PlotCurveItem(pen=_pen(s.line[side], s.pen_width * 0.6), connect="pairs")
            plot.addItem(pairs)
            self.pairLines[side] = pairs
            curve = pg.PlotDataItem(
                name=f"{side.label.capitalize()} ankle", pen=_pen(s.line[side], s.pen_width,
                                                                  s.dash[side]),
                symbol=s.symbol[side], symbolSize=s.symbol_size,
                symbolBrush=pg.mkBrush(s.fill[side]),
                symbolPen=_pen(s.line[side], 1.5 if not s.printing else 2.0))
            curve.setZValue(5)
            plot.addItem(curve)
            self.curves[side] = curve
            post = pg.ScatterPlotItem(symbol=s.post_symbol[side], size=s.symbol_size - 1,
                                      brush=pg.mkBrush("#ffffff"),
                                      pen=_pen(s.line[side], 1.8))
            post.setZValue(6)
            plot.addItem(post)
            self.postDots[side] = post
        # The normal range's swatch for the key (the band itself has no legend picture).
        self.normalSwatch = pg.BarGraphItem(x=[], height=[], width=1,
                                            brush=pg.mkBrush(s.normal_brush), pen=pg.mkPen(None))
        # On paper this key is printed in words under the chart, in the report's type.
        self.mainKey = self._key(row=1, col=0, colspan=3, columns=3, shown=not s.printing,
                                 entries=(
            (self.curves[Side.LEFT], "Left ankle"),
            (self.curves[Side.RIGHT], "Right ankle"),
            (self.normalSwatch, "normal range"),
            (self.postDots[Side.LEFT], "left, after a session"),
            (self.postDots[Side.RIGHT], "right, after a session"),
            (self.mdcLow[Side.LEFT], f"\u00b1 {SELF_MDC_CM:g} cm around the first result")))
        self.hoverDot = pg.ScatterPlotItem(size=s.symbol_size + 8, brush=pg.mkBrush(None),
                                           pen=_pen("#111111", 2))
        self.hoverDot.setZValue(20)
        plot.addItem(self.hoverDot)
        self.hoverLabel = pg.TextItem("", color="#111111", fill=pg.mkBrush(255, 255, 255, 235),
                                      border=pg.mkPen("#98a2b3"), anchor=(0, 1))
        self.hoverLabel.setFont(self._font)
        self.hoverLabel.setZValue(30)
        self.hoverLabel.hide()
        plot.addItem(self.hoverLabel, ignoreBounds=True)

    def _build_asymmetry(self) -> None:
        s = self.style
        self._title(self.asym, "Left\u2013right gap")
        self.asymCurve = pg.PlotDataItem(pen=_pen(s.line[Side.BOTH], s.pen_width * 0.7),
                                         symbol="s", symbolSize=s.symbol_size - 2,
                                         symbolBrush=pg.mkBrush(s.line[Side.BOTH]),
                                         symbolPen=pg.mkPen(None))
        self.asym.addItem(self.asymCurve)
        flag_pen = _pen("#B00020" if not s.printing else "#000000", s.pen_width * 0.6,
                        Qt.PenStyle.DashLine)
        self.asymLine = pg.InfiniteLine(angle=0, movable=False, pen=flag_pen)
        self.asym.addItem(self.asymLine)
        # The flag is named in the key: a label on the line would sit on the points.
        self.flagSample = pg.PlotDataItem(pen=flag_pen)
        self.asymKey = self._key(row=3, col=0, columns=2, entries=(
            (self.asymCurve, "gap"), (self.flagSample, "flag")))

    def _build_training(self) -> None:
        s = self.style
        self._title(self.volume, "Minutes of drills per week")
        self._title(self.adherence, "Sessions per week")
        self.volumeBars = {}
        for side in Side:
            bars = pg.BarGraphItem(x=[], height=[], width=1, brush=pg.mkBrush(s.fill[side]),
                                   pen=_pen(s.line[side], 1.2))
            self.volume.addItem(bars)
            self.volumeBars[side] = bars
        self.volumeKey = self._key(row=3, col=1, columns=3, entries=(
            (self.volumeBars[Side.LEFT], "left"), (self.volumeBars[Side.RIGHT], "right"),
            (self.volumeBars[Side.BOTH], "both")))
        self.doneBars = pg.BarGraphItem(x=[], height=[], width=1,
                                        brush=pg.mkBrush(s.done_colour),
                                        pen=pg.mkPen(s.done_colour))
        self.adherence.addItem(self.doneBars)
        self.plannedLine = pg.PlotDataItem(pen=_pen("#000000", s.pen_width * 0.6,
                                                    Qt.PenStyle.DashLine))
        self.adherence.addItem(self.plannedLine)
        self.adherenceKey = self._key(row=3, col=2, columns=2, entries=(
            (self.doneBars, "done"), (self.plannedLine, "planned")))

    def _key(self, row: int, col: int, columns: int, entries, colspan: int = 1,
             shown: bool = True) -> ChartKey:
        key = ChartKey(self.style.font_pt - 1, columns)
        for item, text in entries:
            key.addItem(item, text)
        if shown:
            self.layout.addItem(key, row=row, col=col, colspan=colspan)
            self.keys.append(key)
        else:
            key.hide()
        return key

    # --- updates: setData only -----------------------------------------------------------------

    def update(self, view: ProgressView, unit: Unit) -> None:
        self.unit = unit
        u = unit.label
        detail = f" \u2014 {view.aggregated}" if view.aggregated else ""
        self._title(self.main, f"Knee-to-wall distance ({u}){detail}")
        self.asym.setLabel("left", u)
        self.asymLine.setPos(from_cm(ASYMMETRY_FLAG_CM, unit))
        self._rename(self.asymKey, self.flagSample,
                     f"{format_length(ASYMMETRY_FLAG_CM, unit)} flag")
        self._rename(self.mainKey, self.normalSwatch,
                     f"normal range {format_length(NORMAL_LOW_CM, unit)}"
                     f"\u2013{format_length(EXCELLENT_ABOVE_CM, unit)}")
        self._update_main(view)
        self._update_asymmetry(view)
        self._update_training(view.bars, view.bar_unit)
        pad = max((view.end - view.start) * 0.02, 3600.0)
        for plot in (self.main, self.asym):
            plot.setXRange(view.start - pad, view.end + pad, padding=0)
        self.hide_hover()

    @staticmethod
    def _rename(key: ChartKey, item, text: str) -> None:
        for sample, label in key.items:
            if sample.item is item and label.text != text:  # a new text lays the chart out
                label.setText(text)

    def _update_main(self, view: ProgressView) -> None:
        unit = self.unit
        low, high = from_cm(NORMAL_LOW_CM, unit), from_cm(EXCELLENT_ABOVE_CM, unit)
        self.normalBand.setRegion((low, high))
        values = [low, high]
        for side in ANKLES:
            series, post = view.series[side], view.post[side]
            xs = np.fromiter((m.t for m in series), float, len(series))
            ys = np.fromiter((from_cm(m.value_cm, unit) for m in series), float, len(series))
            self.curves[side].setData(xs, ys)
            px = np.fromiter((m.t for m in post), float, len(post))
            py = np.fromiter((from_cm(m.value_cm, unit) for m in post), float, len(post))
            self.postDots[side].setData(px, py)
            pairs = [(a, b) for a, b in view.pairs if a.side is side]
            self.pairLines[side].setData(
                np.array([m.t for pair in pairs for m in pair], float),
                np.array([from_cm(m.value_cm, unit) for pair in pairs for m in pair], float))
            first = view.summaries[side].first
            if first is not None:
                band_x = np.array([first.t, view.end])
                mdc = from_cm(SELF_MDC_CM, unit)
                v = from_cm(first.value_cm, unit)
                self.mdcLow[side].setData(band_x, np.array([v - mdc] * 2))
                self.mdcHigh[side].setData(band_x, np.array([v + mdc] * 2))
                values += [v - mdc, v + mdc]
            else:
                self.mdcLow[side].setData([], [])
                self.mdcHigh[side].setData([], [])
            self._points[side] = (np.concatenate([xs, px]), np.concatenate([ys, py]),
                                  list(series) + list(post))
            if len(ys):
                values += [float(ys.min()), float(ys.max())]
            if len(py):
                values.append(float(py.max()))
        bottom = max(0.0, min(values) - from_cm(1.0, unit))
        top = max(values) + from_cm(1.5, unit)
        self.main.setYRange(bottom, top, padding=0)

    def _update_asymmetry(self, view: ProgressView) -> None:
        unit, points = self.unit, view.asymmetry
        xs = np.array([p.t for p in points], float)
        ys = np.array([from_cm(p.difference_cm, unit) for p in points], float)
        self.asymCurve.setData(xs, ys)
        top = max([from_cm(ASYMMETRY_FLAG_CM * 1.6, unit)] + list(ys * 1.2))
        self.asym.setYRange(0, top, padding=0)

    def _update_training(self, weeks: list[TrainingBar], per: str) -> None:
        self._title(self.volume, f"Minutes of drills per {per}")
        self._title(self.adherence, f"Sessions per {per}")
        starts = np.array([w.t for w in weeks], float)
        centres = starts + np.array([w.span_s for w in weeks], float) / 2
        # One width for all bars: months differ by a few days, the bars should not.
        span = min((w.span_s for w in weeks), default=WEEK_S)
        width = span / 4
        for offset, side in ((-1, Side.LEFT), (0, Side.RIGHT), (1, Side.BOTH)):
            heights = np.array([w.minutes[side] for w in weeks], float)
            self.volumeBars[side].setOpts(x=centres + offset * width, height=heights,
                                          width=width * 0.9)
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
        most_minutes = max([1.0] + [max(w.minutes.values()) for w in weeks])
        self.volume.setYRange(0, most_minutes * 1.15, padding=0)
        most = max([1] + [w.sessions_done for w in weeks] + [w.sessions_planned for w in planned])
        self.adherence.setYRange(0, most * 1.2, padding=0)
        if weeks:
            for plot in (self.volume, self.adherence):
                plot.setXRange(weeks[0].t, weeks[-1].t + weeks[-1].span_s, padding=0.01)

    # --- hover -----------------------------------------------------------------------------------

    def hover_text(self, m: Measure) -> str:
        phase = {Phase.BASELINE: "test", Phase.PRE: "before a session",
                 Phase.POST: "after a session"}[m.phase]
        what = phase if m.count == 1 else f"mean of {m.count} results"
        lines = [f"{m.side.label.capitalize()}: {format_length(m.value_cm, self.unit)}",
                 f"{local_display(_utc(m.t), with_time=m.count == 1)} \u00b7 {what}"]
        if m.count == 1 and m.note:
            note = m.note if len(m.note) <= 120 else m.note[:117] + "\u2026"
            lines.append(note)
        return "\n".join(lines)

    def nearest(self, scene_pos: QPointF) -> Measure | None:
        """The point under the mouse (within a finger's width), if any."""
        vb = self.main.getViewBox()
        if not self.main.sceneBoundingRect().contains(scene_pos):
            return None
        where = vb.mapSceneToView(scene_pos)
        px_w, px_h = vb.viewPixelSize()
        best, best_d = None, HOVER_RADIUS_PX ** 2
        for xs, ys, measures in self._points.values():
            if not len(xs):
                continue
            d = ((xs - where.x()) / px_w) ** 2 + ((ys - where.y()) / px_h) ** 2
            i = int(np.argmin(d))
            if d[i] <= best_d:
                best, best_d = measures[i], float(d[i])
        return best

    def hover(self, scene_pos: QPointF) -> str | None:
        m = self.nearest(scene_pos)
        if m is None:
            self.hide_hover()
            return None
        y = from_cm(m.value_cm, self.unit)
        text = self.hover_text(m)
        self.hoverDot.setData([m.t], [y])
        self.hoverLabel.setText(text)
        vr = self.main.getViewBox().viewRange()
        right_half = m.t > (vr[0][0] + vr[0][1]) / 2
        self.hoverLabel.setAnchor((1, 1) if right_half else (0, 1))
        self.hoverLabel.setPos(m.t, y)
        self.hoverLabel.show()
        return text

    def hide_hover(self) -> None:
        self.hoverDot.setData([], [])
        self.hoverLabel.hide()


def _utc(t: float):
    from datetime import UTC, datetime

    return datetime.fromtimestamp(t, UTC)


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
    widget = pg.GraphicsLayoutWidget()
    widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    widget.setBackground("w")
    widget.ci.setContentsMargins(4, 10, 4, 4)
    charts = ProgressCharts(widget.ci, PRINT)
    widget.resize(int(width_px / scale), int(height_px / scale))
    widget.show()  # never on screen: only so that Qt lays the plots out at this size
    widget.ci.layout.activate()
    charts.update(view, unit)
    return widget, charts


def render_chart_image(view: ProgressView, unit: Unit, width_px: int, height_px: int,
                       scale: float = 2.0) -> QImage:
    """The charts as a print-resolution image: laid out at (width/scale x height/scale)
    logical pixels, then rendered ``scale`` times larger, so text and symbols grow."""
    widget, _charts = print_layout(view, unit, width_px, height_px, scale)
    image = export_image(widget, width_px, height_px)
    widget.close()
    widget.deleteLater()
    return image


def export_image(widget: pg.GraphicsLayoutWidget, width_px: int, height_px: int) -> QImage:
    exporter = ImageExporter(widget.ci)
    exporter.parameters()["background"] = QColor("#ffffff")
    exporter.parameters()["antialias"] = True
    exporter.parameters()["width"] = int(width_px)
    exporter.parameters()["height"] = int(height_px)
    return exporter.export(toBytes=True)
