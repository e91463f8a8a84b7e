"""One chart on paper: its title, a plot area with a value axis and a date axis, grid lines
and a key, painted with QPainter. Sizes are in points and millimetres, turned into the
device's pixels, so a chart reads the same on a 300-dpi PDF and on a printer.

Each ``Frame`` records what it drew where (``Drawn``): the tests check on it that no text
is small, that keys stay off the data, and that dates never collide.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPaintDevice,
    QPainter,
    QPainterPath,
    QPen,
)

from ankle_gui.core.date_ticks import date_ticks
from ankle_gui.printing.palette import PAPER_INK, PAPER_KEY_TEXT

FONT_FAMILY = "DejaVu Sans"
TITLE_PT = 9.5
AXIS_PT = 8.5
KEY_PT = 8.5
AXIS_LINE_PT = 0.6
TICK_PT = 2.5
GRID_ALPHA = 48           # the value grid: black, this faint (of 255)
DATE_GAP_PT = 12.0        # the least room between two date labels
SAMPLE_MM = 6.0           # a key's line sample
SWATCH_MM = 2.6           # a key's bar sample (a square)
SAMPLE_GAP_MM = 1.2       # between a sample and its text
ENTRY_GAP_MM = 4.0        # between a text and the next entry's sample

# A key's picture: draws itself in a box (the painter, the box).
Sample = Callable[[QPainter, QRectF], None]


def font(pt: float, bold: bool = False) -> QFont:
    f = QFont(FONT_FAMILY)
    f.setPointSizeF(pt)
    f.setBold(bold)
    return f


@dataclass
class KeyEntry:
    chart: str
    text: str
    sample: QRectF
    text_rect: QRectF


@dataclass
class Drawn:
    """What a paint put where, in the device's pixels."""

    texts: list[tuple[str, QFont, QRectF]] = field(default_factory=list)
    keys: list[KeyEntry] = field(default_factory=list)
    plots: dict[str, QRectF] = field(default_factory=dict)
    dates: dict[str, list[tuple[float, str]]] = field(default_factory=dict)  # x, label
    points: dict[str, list[QPointF]] = field(default_factory=dict)
    symbols: dict[str, str] = field(default_factory=dict)


class Ink:
    """Units and text for one device: points and millimetres to pixels, and text that is
    recorded in ``drawn`` (and left out when ``with_text`` is False, for the tests)."""

    def __init__(self, painter: QPainter, drawn: Drawn, with_text: bool = True):
        self.painter = painter
        self.drawn = drawn
        self.with_text = with_text
        device: QPaintDevice = painter.device()
        self.dpi = float(device.logicalDpiY())
        self._device = device

    def pt(self, points: float) -> float:
        return points * self.dpi / 72.0

    def mm(self, mm: float) -> float:
        return mm * self.dpi / 25.4

    def metrics(self, f: QFont) -> QFontMetricsF:
        return QFontMetricsF(f, self._device)

    def text(self, rect: QRectF, flags: Qt.AlignmentFlag, text: str, f: QFont,
             colour: str = PAPER_INK) -> QRectF:
        """Draw ``text`` aligned in ``rect``; returns the box its glyphs take."""
        box = self.metrics(f).boundingRect(rect, int(flags), text)
        self.drawn.texts.append((text, f, box))
        if self.with_text:
            self.painter.setFont(f)
            self.painter.setPen(QColor(colour))
            self.painter.drawText(rect, int(flags), text)
        return box

    def pen(self, colour: str | QColor, width_pt: float,
            style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
        pen = QPen(QColor(colour), self.pt(width_pt), style)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        return pen


def nice_ticks(low: float, high: float, most: int) -> list[float]:
    """Round values from ``low`` to ``high`` (steps of 1, 2 or 5 times a power of ten),
    no more than ``most`` of them."""
    if high <= low or most < 2:
        return [low]
    raw = (high - low) / (most - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.ceil(low / step - 1e-9) * step
    return [first + i * step for i in range(int((high - first) / step + 1e-9) + 1)]


def value_text(value: float, step: float) -> str:
    return f"{value:.0f}" if step >= 1 else f"{value:.{max(1, -math.floor(math.log10(step)))}f}"


class Frame:
    """One chart's box: title on top, a value axis on the left, dates at the bottom."""

    def __init__(self, ink: Ink, name: str, rect: QRectF, title: str,
                 x: tuple[float, float], y: tuple[float, float], right_room: float = 0.0):
        self.ink, self.name, self.rect, self.title = ink, name, rect, title
        self.x, self.y = x, y
        title_h = ink.metrics(font(TITLE_PT, True)).height() + ink.pt(3)
        axis = ink.metrics(font(AXIS_PT))
        bottom_h = axis.height() + ink.pt(TICK_PT + 1.5)
        top = rect.top() + title_h
        height = rect.bottom() - bottom_h - top
        most = max(2, int(height / (axis.height() * 1.1)) + 1)
        self.values = nice_ticks(y[0], y[1], most)
        step = self.values[1] - self.values[0] if len(self.values) > 1 else 1.0
        self.labels = [value_text(v, step) for v in self.values]
        left_w = max(axis.horizontalAdvance(t) for t in self.labels) + ink.pt(TICK_PT + 2)
        self.plot = QRectF(rect.left() + left_w, top,
                           rect.width() - left_w - right_room - ink.pt(2), height)
        ink.drawn.plots[name] = self.plot

    def at(self, x: float, y: float) -> QPointF:
        p = self.plot
        fx = (x - self.x[0]) / ((self.x[1] - self.x[0]) or 1.0)
        fy = (y - self.y[0]) / ((self.y[1] - self.y[0]) or 1.0)
        return QPointF(p.left() + fx * p.width(), p.bottom() - fy * p.height())

    def x_px(self, x: float) -> float:
        return self.at(x, self.y[0]).x()

    def paint_frame(self) -> None:
        """The title, the grid and both axes (under the data)."""
        ink, painter, plot = self.ink, self.ink.painter, self.plot
        ink.text(QRectF(self.rect.left(), self.rect.top(), self.rect.width(),
                        plot.top() - self.rect.top()),
                 Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, self.title,
                 font(TITLE_PT, True))
        grid = QColor(PAPER_INK)
        grid.setAlpha(GRID_ALPHA)
        tick = ink.pt(TICK_PT)
        axis_font = font(AXIS_PT)
        height = ink.metrics(axis_font).height()
        for value, label in zip(self.values, self.labels, strict=True):
            y = self.at(self.x[0], value).y()
            painter.setPen(ink.pen(grid, AXIS_LINE_PT * 0.7))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(ink.pen(PAPER_INK, AXIS_LINE_PT))
            painter.drawLine(QPointF(plot.left() - tick, y), QPointF(plot.left(), y))
            ink.text(QRectF(self.rect.left(), y - height / 2,
                            plot.left() - tick - ink.pt(1) - self.rect.left(), height),
                     Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label,
                     axis_font)
        self._paint_dates(axis_font, tick)
        painter.setPen(ink.pen(PAPER_INK, AXIS_LINE_PT))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.bottomLeft(), plot.topLeft())

    def _paint_dates(self, axis_font: QFont, tick: float) -> None:
        ink, plot = self.ink, self.plot
        metrics = ink.metrics(axis_font)
        per_px = (self.x[1] - self.x[0]) / max(plot.width(), 1.0)
        gap = ink.pt(DATE_GAP_PT)

        def room_between(a: str, b: str) -> float:
            return ((metrics.horizontalAdvance(a) + metrics.horizontalAdvance(b)) / 2
                    + gap) * per_px

        # Every label wholly under the axis: the ticks stay half a label in.
        inset = metrics.horizontalAdvance("Jan 2026") / 2 * per_px
        ticks = date_ticks(self.x[0] + inset, self.x[1] - inset, room_between)
        placed = []
        ink.painter.setPen(ink.pen(PAPER_INK, AXIS_LINE_PT))
        for t, label in ticks:
            x = self.x_px(t)
            ink.painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + tick))
            width = metrics.horizontalAdvance(label) + ink.pt(2)
            ink.text(QRectF(x - width / 2, plot.bottom() + tick + ink.pt(1), width,
                            metrics.height()),
                     Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, label,
                     axis_font)
            placed.append((x - plot.left(), label))
        ink.drawn.dates[self.name] = placed


def key_height(ink: Ink, width: float, texts: list[str], swatches: list[bool]) -> float:
    """The height a key of these entries takes at ``width`` (its rows, wrapped)."""
    return len(_key_rows(ink, width, texts, swatches)) * _key_line(ink)


def _key_line(ink: Ink) -> float:
    return ink.metrics(font(KEY_PT)).height() * 1.25


def _key_rows(ink: Ink, width: float, texts: list[str],
              swatches: list[bool]) -> list[list[tuple[int, float]]]:
    """The entries (index, x offset) of each row."""
    metrics = ink.metrics(font(KEY_PT))
    rows: list[list[tuple[int, float]]] = [[]]
    x = 0.0
    for i, (text, swatch) in enumerate(zip(texts, swatches, strict=True)):
        need = ink.mm(SWATCH_MM if swatch else SAMPLE_MM) + ink.mm(SAMPLE_GAP_MM) \
            + metrics.horizontalAdvance(text)
        if rows[-1] and x + need > width:
            rows.append([])
            x = 0.0
        rows[-1].append((i, x))
        x += need + ink.mm(ENTRY_GAP_MM)
    return rows


def paint_key(ink: Ink, chart: str, rect: QRectF,
              entries: list[tuple[Sample, bool, str]]) -> None:
    """A key under a chart, centred: for each entry its sample (a line, or a square when
    ``swatch``) and its words."""
    texts = [text for _, _, text in entries]
    swatches = [swatch for _, swatch, _ in entries]
    metrics = ink.metrics(font(KEY_PT))
    line = _key_line(ink)
    for r, row in enumerate(_key_rows(ink, rect.width(), texts, swatches)):
        last, last_x = row[-1]
        used = last_x + ink.mm(SWATCH_MM if swatches[last] else SAMPLE_MM) \
            + ink.mm(SAMPLE_GAP_MM) + metrics.horizontalAdvance(texts[last])
        left = rect.left() + (rect.width() - used) / 2
        top = rect.top() + r * line
        for i, x in row:
            sample_w = ink.mm(SWATCH_MM if swatches[i] else SAMPLE_MM)
            sample_h = ink.mm(SWATCH_MM) if swatches[i] else line * 0.8
            sample = QRectF(left + x, top + (line - sample_h) / 2, sample_w, sample_h)
            ink.painter.save()
            entries[i][0](ink.painter, sample)
            ink.painter.restore()
            text_rect = QRectF(sample.right() + ink.mm(SAMPLE_GAP_MM), top,
                               metrics.horizontalAdvance(texts[i]) + ink.pt(1), line)
            box = ink.text(text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                           texts[i], font(KEY_PT), PAPER_KEY_TEXT)
            ink.drawn.keys.append(KeyEntry(chart, texts[i], sample, box))


# --- markers -----------------------------------------------------------------------------------

def marker_path(symbol: str, centre: QPointF, size: float) -> QPainterPath:
    """pyqtgraph's symbols, as the screen draws them: o circle, t triangle pointing down,
    d diamond, s square."""
    path = QPainterPath()
    r = size / 2
    x, y = centre.x(), centre.y()
    if symbol == "o":
        path.addEllipse(centre, r, r)
    elif symbol == "s":
        path.addRect(QRectF(x - r, y - r, size, size))
    else:
        corners = {"t": ((-r, -r * 0.8), (r, -r * 0.8), (0, r * 1.1)),
                   "d": ((0, -r * 1.15), (r * 0.9, 0), (0, r * 1.15), (-r * 0.9, 0))}[symbol]
        path.moveTo(x + corners[0][0], y + corners[0][1])
        for dx, dy in corners[1:]:
            path.lineTo(x + dx, y + dy)
        path.closeSubpath()
    return path


def paint_markers(painter: QPainter, points: list[QPointF], symbol: str, size: float,
                  pen: QPen, fill: str) -> None:
    painter.setPen(pen)
    painter.setBrush(QBrush(QColor(fill)))
    for point in points:  # one by one: overlapping markers in one path would cancel out
        painter.drawPath(marker_path(symbol, point, size))
