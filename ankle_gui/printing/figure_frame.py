"""What every part of the drill figure paints with: the inks, the line widths, and the frame
(one pose placed in its box, figure coordinates to pixels).

Sizes are in figure heights (a person stands 1 tall) unless their name says pixels.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPolygonF

from ankle_gui.core.figure import bounds, pose_figure
from ankle_gui.core.poses import Poses
from ankle_gui.core.records import Side

Point = tuple[float, float]
Points = Mapping[str, Point]


class Ink(NamedTuple):
    """A colour, and the grey it prints as in black and white."""
    colour: str
    mono: str


BODY = Ink("#475467", "#3a3a3a")
FAR_LIMB = Ink("#a3acb9", "#9a9a9a")  # the limbs on the far side, and a per-side drill's rest leg
FAR_LEG_OF_BOTH = Ink("#8a8f98", "#7a7a7a")  # a both-feet drill's far leg: it works too
PROP_LINE = Ink("#667085", "#4a4a4a")
PROP_FILL = Ink("#e4e7ec", "#e6e6e6")
BAND = Ink("#7b4fa6", "#202020")
MARK = Ink("#B35900", "#000000")
FIST_FILL = Ink(PROP_FILL.colour, "#ffffff")
FLOOR = Ink("#98a2b3", "#808080")
FLOOR_FILL = Ink("#eef0f3", "#f0f0f0")  # the patch of floor under a front view
WORK_LEG_MONO = "#000000"
WORK_LEGS_OF_BOTH_MONO = "#202020"
FADED_OPACITY = 0.35


@dataclass(frozen=True)
class Proportions:
    """The figure's line widths: one width that grows with the box, and each stroke's share
    of it, with the fewest pixels a thin stroke may shrink to."""
    pad: float = 0.06         # room round the figure for the lines and the marks
    line: float = 0.03        # the figure's line width...
    min_line_px: float = 1.6  # ...never thinner: read from 2 m at the player's size
    floor: float = 0.35
    prop: float = 0.4
    min_thin_px: float = 1.0  # the floor's and the props' outlines
    work_leg: float = 1.1     # the working leg, a little bolder than the body
    arm: float = 0.85
    stick: float = 0.7
    band: float = 0.55
    mark: float = 0.45
    min_mark_px: float = 1.2


PROPORTIONS = Proportions()
PAD = PROPORTIONS.pad

ARROW_WING_DEGREES = 28

_bounds_cache: dict[int, tuple[Poses, tuple[float, float, float, float]]] = {}


def figure_bounds(poses: Poses) -> tuple[float, float, float, float]:
    """The box every frame of this drill fits in, worked out once per drill."""
    hit = _bounds_cache.get(id(poses))
    if hit is None or hit[0] is not poses:
        hit = (poses, bounds(poses))
        _bounds_cache[id(poses)] = hit
    return hit[1]


class Mapper:
    """Figure coordinates (figure heights, y up) to pixels inside ``rect``, aspect kept."""

    def __init__(self, rect: QRectF, box: tuple[float, float, float, float], pad: float):
        left, bottom, right, top = box
        width, height = right - left + 2 * pad, top - bottom + 2 * pad
        self.scale = min(rect.width() / width, rect.height() / height)
        self.x0 = rect.left() + (rect.width() - width * self.scale) / 2 - (left - pad) * self.scale
        self.y0 = rect.top() + (rect.height() - height * self.scale) / 2 + (top + pad) * self.scale

    def __call__(self, p: Point) -> QPointF:
        return QPointF(self.x0 + p[0] * self.scale, self.y0 - p[1] * self.scale)


class Frame:
    """One pose being painted: where its points fall in pixels, and how to ink them."""

    def __init__(self, painter: QPainter, rect: QRectF, poses: Poses,
                 angles: dict[str, float], side: Side, mono: bool):
        self.painter = painter
        self.poses = poses
        mirrored = side is Side.LEFT
        self.flip = -1.0 if mirrored else 1.0
        left, bottom, right, top = figure_bounds(poses)
        self.box = (-right, bottom, -left, top) if mirrored else (left, bottom, right, top)
        self.to_px = Mapper(rect, self.box, PROPORTIONS.pad)
        self.scale = self.to_px.scale
        self.width = max(PROPORTIONS.min_line_px, PROPORTIONS.line * self.scale)
        self.mono = mono
        figure = pose_figure(poses, angles)
        self.view = figure.view
        self.pts: Points = figure.project(mirrored)

    def colour(self, ink: Ink) -> QColor:
        return QColor(ink.mono if self.mono else ink.colour)

    def pen(self, ink: Ink, share: float = 1.0, at_least_px: float = 0.0) -> QPen:
        """A round pen ``share`` of the figure's line width."""
        return QPen(self.colour(ink), max(at_least_px, self.width * share),
                    Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)

    def prop_pen(self) -> QPen:
        return self.pen(PROP_LINE, PROPORTIONS.prop, PROPORTIONS.min_thin_px)

    def use_prop_ink(self) -> None:
        self.painter.setPen(self.prop_pen())
        self.painter.setBrush(QBrush(self.colour(PROP_FILL)))

    def px(self, name: str) -> QPointF:
        return self.to_px(self.pts[name])



def arrow_head(painter: QPainter, tip: QPointF, towards: QPointF, size: float,
                colour: QColor) -> None:
    """A filled arrowhead at ``tip``, pointing away from ``towards``."""
    angle = math.atan2(tip.y() - towards.y(), tip.x() - towards.x())
    wing = math.radians(ARROW_WING_DEGREES)
    a = QPointF(tip.x() - size * math.cos(angle - wing), tip.y() - size * math.sin(angle - wing))
    b = QPointF(tip.x() - size * math.cos(angle + wing), tip.y() - size * math.sin(angle + wing))
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(colour))
    painter.drawPolygon(QPolygonF([tip, a, b]))
    painter.restore()
