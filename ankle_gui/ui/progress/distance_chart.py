"""The main chart: knee-to-wall per side over time, the normal range, the measurement-error
band around each side's first result, retests after a session, and what is under the mouse."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFont

from ankle_gui.core.assessment import EXCELLENT_ABOVE_CM, NORMAL_LOW_CM
from ankle_gui.core.clock import local_display
from ankle_gui.core.progress import ProgressView
from ankle_gui.core.progress_series import Measure
from ankle_gui.core.records import ANKLES, Phase, Side
from ankle_gui.core.units import Unit, format_length, from_cm
from ankle_gui.ui.progress.chart_style import Chart, ChartStyle, alpha, pen, rename_in_key

HOVER_RADIUS_PX = 14


def _utc(t: float):
    return datetime.fromtimestamp(t, UTC)


class DistanceChart(Chart):
    def __init__(self, layout: pg.GraphicsLayout, style: ChartStyle, font: QFont):
        super().__init__(layout, style, font, row=0, col=0, colspan=3)
        self.unit = Unit.CM
        self._points: dict[Side, tuple[np.ndarray, np.ndarray, list[Measure]]] = {}
        self._firsts: dict[Side, Measure | None] = {}  # where each side's band starts
        s, plot = style, self.plot
        self.normalBand = pg.LinearRegionItem(orientation="horizontal", movable=False,
                                              brush=pg.mkBrush(s.normal_brush),
                                              pen=pg.mkPen(None))
        self.normalBand.setZValue(-20)
        plot.addItem(self.normalBand, ignoreBounds=True)
        self.mdcLow, self.mdcHigh, self.mdcFill = {}, {}, {}
        self.curves, self.postDots, self.pairLines = {}, {}, {}
        for side in ANKLES:
            edge = pen(s.line[side], 1.0, Qt.PenStyle.DotLine)
            low, high = pg.PlotCurveItem(pen=edge), pg.PlotCurveItem(pen=edge)
            fill = pg.FillBetweenItem(low, high, brush=pg.mkBrush(
                alpha(s.line[side], s.band_alpha)))
            for item in (fill, low, high):
                item.setZValue(-10)
                plot.addItem(item)
            self.mdcLow[side], self.mdcHigh[side], self.mdcFill[side] = low, high, fill
            pairs = pg.PlotCurveItem(pen=pen(s.line[side], s.pen_width * 0.6), connect="pairs")
            plot.addItem(pairs)
            self.pairLines[side] = pairs
            curve = pg.PlotDataItem(
                name=f"{side.label.capitalize()} ankle", pen=pen(s.line[side], s.pen_width,
                                                                 s.dash[side]),
                symbol=s.symbol[side], symbolSize=s.symbol_size,
                symbolBrush=pg.mkBrush(s.fill[side]),
                symbolPen=pen(s.line[side], 1.5))
            curve.setZValue(5)
            plot.addItem(curve)
            self.curves[side] = curve
            post = pg.ScatterPlotItem(symbol=s.post_symbol[side], size=s.symbol_size - 1,
                                      brush=pg.mkBrush("#ffffff"),
                                      pen=pen(s.line[side], 1.8))
            post.setZValue(6)
            plot.addItem(post)
            self.postDots[side] = post
        # The normal range's swatch for the key (the band itself has no legend picture).
        self.normalSwatch = pg.BarGraphItem(x=[], height=[], width=1,
                                            brush=pg.mkBrush(s.normal_brush), pen=pg.mkPen(None))
        self.key = self.add_key(row=1, col=0, colspan=3, columns=3,
                                entries=(
            (self.curves[Side.LEFT], "Left ankle"),
            (self.curves[Side.RIGHT], "Right ankle"),
            (self.normalSwatch, "4\u20135 in: normal by the sources"),
            (self.postDots[Side.LEFT], "left, after a session"),
            (self.postDots[Side.RIGHT], "right, after a session"),
            (self.mdcLow[Side.LEFT], "\u00b1 margin of error around the first result")))
        self.hoverDot = pg.ScatterPlotItem(size=s.symbol_size + 8, brush=pg.mkBrush(None),
                                           pen=pen("#111111", 2))
        self.hoverDot.setZValue(20)
        plot.addItem(self.hoverDot)
        self.hoverLabel = pg.TextItem("", color="#111111", fill=pg.mkBrush(255, 255, 255, 235),
                                      border=pg.mkPen("#98a2b3"), anchor=(0, 1))
        self.hoverLabel.setFont(font)
        self.hoverLabel.setZValue(30)
        self.hoverLabel.hide()
        plot.addItem(self.hoverLabel, ignoreBounds=True)

    def update(self, view: ProgressView, unit: Unit) -> None:
        self.unit = unit
        detail = f" \u2014 {view.aggregated}" if view.aggregated else ""
        self.title(f"Knee-to-wall distance ({unit.label}){detail}")
        # The seeds' 4–5 in is a training goal, not the spread of healthy adults (wider,
        # 11.6 ± 4.0 cm, Calatayud et al. 2015): above it is better still, not abnormal.
        rename_in_key(self.key, self.normalSwatch,
                      f"{format_length(NORMAL_LOW_CM, unit)}"
                      f"\u2013{format_length(EXCELLENT_ABOVE_CM, unit)}: normal by the "
                      "sources, more is better")
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
            self._firsts[side] = first
            if first is not None:
                mdc = from_cm(first.margin_cm, unit)   # who measured it, and how finely
                v = from_cm(first.value_cm, unit)
                values += [v - mdc, v + mdc]
            self._points[side] = (np.concatenate([xs, px]), np.concatenate([ys, py]),
                                  list(series) + list(post))
            if len(ys):
                values += [float(ys.min()), float(ys.max())]
            if len(py):
                values.append(float(py.max()))
        self.reach(view.end)
        bottom = max(0.0, min(values) - from_cm(1.0, unit))
        top = max(values) + from_cm(1.5, unit)
        self.plot.setYRange(bottom, top, padding=0)
        self.hide_hover()

    def reach(self, end: float) -> None:
        """Run each side's measurement-error band from its first result to ``end``: as wide
        as that result's margin (who measured it, and how finely)."""
        for side in ANKLES:
            first = self._firsts.get(side)
            if first is None:
                self.mdcLow[side].setData([], [])
                self.mdcHigh[side].setData([], [])
                continue
            mdc = from_cm(first.margin_cm, self.unit)
            band_x = np.array([first.t, end])
            v = from_cm(first.value_cm, self.unit)
            self.mdcLow[side].setData(band_x, np.array([v - mdc] * 2))
            self.mdcHigh[side].setData(band_x, np.array([v + mdc] * 2))

    # --- hover ---------------------------------------------------------------------------------

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
        vb = self.plot.getViewBox()
        if not self.plot.sceneBoundingRect().contains(scene_pos):
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
        vr = self.plot.getViewBox().viewRange()
        right_half = m.t > (vr[0][0] + vr[0][1]) / 2
        self.hoverLabel.setAnchor((1, 1) if right_half else (0, 1))
        self.hoverLabel.setPos(m.t, y)
        self.hoverLabel.show()
        return text

    def hide_hover(self) -> None:
        self.hoverDot.setData([], [])
        self.hoverLabel.hide()
