"""The report's charts, painted with QPainter: what the Progress page shows, on paper.

Knee-to-wall per side on top (the sources' normal range as a labelled grey band, each side's
margin of error around its first result, retests joined to the test before them), then the
left–right gap, minutes of drills and sessions, each with its key. The colours and markers
are the screen's (printing/palette.py): left blue circles on a solid line, right vermillion
triangles on a dashed one, open markers for retests just after a session; in black and
white the shapes and the dashes still tell the sides apart.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter

from ankle_gui.core.assessment import ASYMMETRY_FLAG_CM, EXCELLENT_ABOVE_CM, NORMAL_LOW_CM
from ankle_gui.core.progress import ProgressView
from ankle_gui.core.progress_series import TrainingBar
from ankle_gui.core.records import ANKLES, Side
from ankle_gui.core.units import Unit, format_length, from_cm
from ankle_gui.printing.chart_frame import (
    AXIS_PT,
    Drawn,
    Frame,
    Ink,
    Sample,
    font,
    key_height,
    paint_key,
    paint_markers,
)
from ankle_gui.printing.palette import (
    ERROR_COLOUR,
    MARGIN_BAND_ALPHA,
    PAPER_NORMAL_BAND,
    PLANNED_SESSIONS,
    RETEST_FILL,
    RETEST_SYMBOLS,
    SESSIONS_DONE,
    SIDE_COLOURS,
    SYMBOLS,
)

HOUR_S = 3600.0
WEEK_S = 7 * 86400.0
DASH = {Side.LEFT: Qt.PenStyle.SolidLine, Side.RIGHT: Qt.PenStyle.DashLine}
LINE_PT = 1.2             # each side's line
MARKER_PT = 5.0
RETEST_PT = 4.3
MAIN_SHARE = 0.6          # of the height: knee-to-wall; the rest the three small charts
NORMAL_LABEL = "normal"   # beside the grey band; the words under the chart say more


class PaperCharts:
    """The four charts of one ``ProgressView``, for a rect on any paint device."""

    def __init__(self, view: ProgressView, unit: Unit):
        self.view = view
        self.unit = unit

    def paint(self, painter: QPainter, rect: QRectF, *, with_text: bool = True) -> Drawn:
        """Paint in ``rect`` (the device's pixels); returns what went where."""
        drawn = Drawn()
        ink = Ink(painter, drawn, with_text)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        gap = ink.mm(4)
        width = (rect.width() - 2 * gap) / 3
        keys = [self._gap_key(ink), _training_key(), self._sessions_key(ink)]
        key_h = max(key_height(ink, width, [t for _, _, t in k], [s for _, s, _ in k])
                    for k in keys)
        room = rect.height() - key_h - ink.mm(3)
        main_h = room * MAIN_SHARE
        self._distance(ink, QRectF(rect.left(), rect.top(), rect.width(), main_h))
        top = rect.top() + main_h + ink.mm(2)
        small_h = room - main_h - ink.mm(1)
        boxes = [QRectF(rect.left() + i * (width + gap), top, width, small_h) for i in range(3)]
        self._gap(ink, boxes[0])
        self._minutes(ink, boxes[1])
        self._sessions(ink, boxes[2])
        for box, (name, entries) in zip(boxes, zip(("gap", "minutes", "sessions"), keys,
                                                   strict=True), strict=True):
            paint_key(ink, name, QRectF(box.left(), box.bottom() + ink.mm(1), box.width(),
                                        key_h), entries)
        painter.restore()
        return drawn

    # --- time ------------------------------------------------------------------------------

    def _time_range(self) -> tuple[float, float]:
        start = math.floor(self.view.start / HOUR_S) * HOUR_S
        end = math.ceil(self.view.end / HOUR_S) * HOUR_S
        pad = max((end - start) * 0.02, HOUR_S)
        return start - pad, end + pad

    def _bar_range(self) -> tuple[float, float]:
        bars = self.view.bars
        if not bars:
            return self._time_range()
        start, end = bars[0].t, bars[-1].t + bars[-1].span_s
        pad = (end - start) * 0.01
        return start - pad, end + pad

    # --- knee-to-wall ----------------------------------------------------------------------

    def _distance(self, ink: Ink, rect: QRectF) -> None:
        view, unit, painter = self.view, self.unit, ink.painter
        low, high = from_cm(NORMAL_LOW_CM, unit), from_cm(EXCELLENT_ABOVE_CM, unit)
        values = [low, high]
        for side in ANKLES:
            first = view.summaries[side].first
            if first is not None:
                mdc, v = from_cm(first.margin_cm, unit), from_cm(first.value_cm, unit)
                values += [v - mdc, v + mdc]
            values += [from_cm(m.value_cm, unit) for m in view.series[side]]
            values += [from_cm(m.value_cm, unit) for m in view.post[side]]
        y = (max(0.0, min(values) - from_cm(1.0, unit)), max(values) + from_cm(1.5, unit))
        detail = f" \u2014 {view.aggregated}" if view.aggregated else ""
        label_w = ink.metrics(font(AXIS_PT)).horizontalAdvance(NORMAL_LABEL) + ink.pt(4)
        frame = Frame(ink, "distance", rect, f"Knee-to-wall distance ({unit.label}){detail}",
                      self._time_range(), y, right_room=label_w)
        plot = frame.plot
        band = QRectF(frame.at(frame.x[0], high), frame.at(frame.x[1], low))
        painter.fillRect(band, QColor(PAPER_NORMAL_BAND))
        ink.text(QRectF(plot.right() + ink.pt(3), band.top(), label_w, band.height()),
                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, NORMAL_LABEL,
                 font(AXIS_PT))
        frame.paint_frame()
        painter.save()
        painter.setClipRect(plot)
        for side in ANKLES:
            self._margin_band(ink, frame, side)
        for side in ANKLES:
            self._side(ink, frame, side)
        painter.restore()

    def _margin_band(self, ink: Ink, frame: Frame, side: Side) -> None:
        """The side's margin of error around its first result, up to the period's end."""
        first = self.view.summaries[side].first
        if first is None:
            return
        mdc, v = from_cm(first.margin_cm, self.unit), from_cm(first.value_cm, self.unit)
        top, bottom = frame.at(first.t, v + mdc), frame.at(self.view.end, v - mdc)
        fill = QColor(SIDE_COLOURS[side])
        fill.setAlpha(MARGIN_BAND_ALPHA)
        ink.painter.fillRect(QRectF(top, bottom), fill)
        ink.painter.setPen(ink.pen(SIDE_COLOURS[side], 0.8, Qt.PenStyle.DotLine))
        for y in (top.y(), bottom.y()):
            ink.painter.drawLine(QPointF(top.x(), y), QPointF(bottom.x(), y))

    def _side(self, ink: Ink, frame: Frame, side: Side) -> None:
        view, unit, painter = self.view, self.unit, ink.painter
        colour = SIDE_COLOURS[side]
        painter.setPen(ink.pen(colour, LINE_PT * 0.6))
        for a, b in view.pairs:   # a retest joined to the test just before it
            if a.side is side:
                painter.drawLine(frame.at(a.t, from_cm(a.value_cm, unit)),
                                 frame.at(b.t, from_cm(b.value_cm, unit)))
        points = [frame.at(m.t, from_cm(m.value_cm, unit)) for m in view.series[side]]
        painter.setPen(ink.pen(colour, LINE_PT, DASH[side]))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPolyline(points)
        paint_markers(painter, points, SYMBOLS[side], ink.pt(MARKER_PT),
                      ink.pen(colour, 0.8), colour)
        retests = [frame.at(m.t, from_cm(m.value_cm, unit)) for m in view.post[side]]
        paint_markers(painter, retests, RETEST_SYMBOLS[side], ink.pt(RETEST_PT),
                      ink.pen(colour, 1.0), RETEST_FILL)
        name = side.value
        ink.drawn.points[name], ink.drawn.symbols[name] = points, SYMBOLS[side]
        ink.drawn.points[f"{name} retests"] = retests
        ink.drawn.symbols[f"{name} retests"] = RETEST_SYMBOLS[side]

    # --- left-right gap ----------------------------------------------------------------------

    def _gap_key(self, ink: Ink) -> list[tuple[Sample, bool, str]]:
        def gap(painter: QPainter, box: QRectF) -> None:
            painter.setPen(ink.pen(SIDE_COLOURS[Side.BOTH], LINE_PT * 0.75))
            painter.drawLine(QPointF(box.left(), box.center().y()),
                             QPointF(box.right(), box.center().y()))
            paint_markers(painter, [box.center()], SYMBOLS[Side.BOTH], ink.pt(3.5),
                          ink.pen(SIDE_COLOURS[Side.BOTH], 0.1), SIDE_COLOURS[Side.BOTH])

        def flag(painter: QPainter, box: QRectF) -> None:
            painter.setPen(ink.pen(ERROR_COLOUR, LINE_PT * 0.75, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(box.left(), box.center().y()),
                             QPointF(box.right(), box.center().y()))

        return [(gap, False, "gap"),
                (flag, False, f"{format_length(ASYMMETRY_FLAG_CM, self.unit)} flag")]

    def _gap(self, ink: Ink, rect: QRectF) -> None:
        unit, painter = self.unit, ink.painter
        flag = from_cm(ASYMMETRY_FLAG_CM, unit)
        gaps = [from_cm(p.difference_cm, unit) for p in self.view.asymmetry]
        top = max([from_cm(ASYMMETRY_FLAG_CM * 1.6, unit)] + [g * 1.2 for g in gaps])
        frame = Frame(ink, "gap", rect, f"Left\u2013right gap ({unit.label})",
                      self._time_range(), (0.0, top))
        frame.paint_frame()
        painter.save()
        painter.setClipRect(frame.plot)
        painter.setPen(ink.pen(ERROR_COLOUR, LINE_PT * 0.75, Qt.PenStyle.DashLine))
        y = frame.at(frame.x[0], flag).y()
        painter.drawLine(QPointF(frame.plot.left(), y), QPointF(frame.plot.right(), y))
        points = [frame.at(p.t, g) for p, g in zip(self.view.asymmetry, gaps, strict=True)]
        painter.setPen(ink.pen(SIDE_COLOURS[Side.BOTH], LINE_PT * 0.75))
        painter.drawPolyline(points)
        paint_markers(painter, points, SYMBOLS[Side.BOTH], ink.pt(3.5),
                      ink.pen(SIDE_COLOURS[Side.BOTH], 0.1), SIDE_COLOURS[Side.BOTH])
        painter.restore()
        ink.drawn.points["gap"], ink.drawn.symbols["gap"] = points, SYMBOLS[Side.BOTH]

    # --- training ---------------------------------------------------------------------------

    def _minutes(self, ink: Ink, rect: QRectF) -> None:
        bars = self.view.bars
        most = max([1.0] + [max(b.minutes.values()) for b in bars])
        frame = Frame(ink, "minutes", rect, f"Minutes of drills per {self.view.bar_unit}",
                      self._bar_range(), (0.0, most * 1.15))
        frame.paint_frame()
        centres, span = _bar_places(bars)
        width = span / 4
        for offset, side in ((-1, Side.LEFT), (0, Side.RIGHT), (1, Side.BOTH)):
            _paint_bars(ink, frame, [(c + offset * width, b.minutes[side])
                                     for c, b in zip(centres, bars, strict=True)],
                        width * 0.9, SIDE_COLOURS[side])

    def _sessions_key(self, ink: Ink) -> list[tuple[Sample, bool, str]]:
        def planned(painter: QPainter, box: QRectF) -> None:
            painter.setPen(ink.pen(PLANNED_SESSIONS, LINE_PT * 0.75, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(box.left(), box.center().y()),
                             QPointF(box.right(), box.center().y()))

        return [(_swatch(SESSIONS_DONE), True, "done"), (planned, False, "planned")]

    def _sessions(self, ink: Ink, rect: QRectF) -> None:
        bars = self.view.bars
        planned = [b for b in bars if b.sessions_planned]
        most = max([1] + [b.sessions_done for b in bars]
                   + [b.sessions_planned or 0 for b in planned])
        frame = Frame(ink, "sessions", rect, f"Sessions per {self.view.bar_unit}",
                      self._bar_range(), (0.0, most * 1.2))
        frame.paint_frame()
        centres, span = _bar_places(bars)
        _paint_bars(ink, frame, [(c, float(b.sessions_done))
                                 for c, b in zip(centres, bars, strict=True)],
                    span * 0.55, SESSIONS_DONE)
        if planned:  # a step over the bars, only where a plan applied
            edges = [b.t for b in planned] + [planned[-1].t + planned[-1].span_s]
            steps = []
            for i, b in enumerate(planned):
                steps += [frame.at(edges[i], b.sessions_planned or 0),
                          frame.at(edges[i + 1], b.sessions_planned or 0)]
            ink.painter.setPen(ink.pen(PLANNED_SESSIONS, LINE_PT * 0.75, Qt.PenStyle.DashLine))
            ink.painter.drawPolyline(steps)


def _training_key() -> list[tuple[Sample, bool, str]]:
    return [(_swatch(SIDE_COLOURS[side]), True, side.value) for side in Side]


def _swatch(colour: str) -> Sample:
    def paint(painter: QPainter, box: QRectF) -> None:
        painter.fillRect(box, QColor(colour))
    return paint


def _bar_places(bars: list[TrainingBar]) -> tuple[list[float], float]:
    """Where each bar stands (its centre), and the span one bar may use: one width for
    all, as months differ by a few days and the bars should not."""
    return [b.t + b.span_s / 2 for b in bars], min((b.span_s for b in bars), default=WEEK_S)


def _paint_bars(ink: Ink, frame: Frame, bars: list[tuple[float, float]], width: float,
                colour: str) -> None:
    """Bars from zero, without antialiasing: their edges run along the pixel grid."""
    painter = ink.painter
    painter.save()
    painter.setClipRect(frame.plot)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(QColor(colour)))
    painter.drawRects([QRectF(frame.at(x - width / 2, height), frame.at(x + width / 2, 0.0))
                       for x, height in bars if height > 0])
    painter.restore()
