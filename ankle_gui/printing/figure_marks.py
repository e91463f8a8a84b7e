"""The marks drawn over the drill figure: the knee at the wall with the toe-to-wall distance,
the fist, the heel lift, and circles or turns with the way they go.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainterPath

from ankle_gui.core.poses import View
from ankle_gui.printing.figure_frame import FIST_FILL, MARK, PROPORTIONS, Frame, arrow_head

KNEE_DOT_R = 0.018
RULER_Y = -0.03           # the toe-to-wall measuring line, just under the floor
RULER_TICK = 0.015
FIST_GAP = 0.005
FIST = 0.06               # a fist is about 10 cm across and tall
FIST_CORNER = 0.25        # rounding, as a share of its width
FIST_PARTS = 3            # the knuckle lines split it in three
KNUCKLE_DEPTH = 0.4       # as a share of its height
HEEL_LIFT_BEHIND = 0.04
HEEL_LIFT_HEIGHT = 0.12
HEEL_LIFT_ARROW = 0.045
CIRCLE_R = 0.06
TURN_RADII = (0.07, 0.025)  # a turn is a flat circle, seen from the side
ROUND_ARC_FROM_DEGREES = 200
ROUND_ARC_DEGREES = 290
ROUND_ARC_ARROW = 0.03
ROUND_ARC_ARROW_FROM = 0.93  # the arrowhead points along the last stretch of the arc


def paint_marks(frame: Frame) -> None:
    pen = frame.pen(MARK, PROPORTIONS.mark, PROPORTIONS.min_mark_px)
    for mark in frame.poses.marks:
        frame.painter.setPen(pen)
        frame.painter.setBrush(Qt.BrushStyle.NoBrush)
        if mark.kind == "knee_wall" and frame.view is View.SIDE:
            _knee_wall_mark(frame)
        elif mark.kind == "fist":
            _fist_mark(frame)
        elif mark.kind == "heel_lift":
            _heel_lift_mark(frame)
        elif mark.kind in ("circle", "turn"):
            _round_mark(frame, mark.values["at"], turn=mark.kind == "turn")


def _knee_wall_mark(frame: Frame) -> None:
    """The knee at the wall, and the toe-to-wall distance as a measuring line on the floor."""
    wall = frame.poses.prop("wall")
    if wall is None:
        return
    painter, s, to_px = frame.painter, frame.scale, frame.to_px
    x = frame.flip * wall.values["x"]
    painter.setBrush(QBrush(frame.colour(MARK)))
    painter.drawEllipse(to_px((x, frame.pts["work_knee"][1])), KNEE_DOT_R * s, KNEE_DOT_R * s)
    toe, y = frame.pts["work_toe"][0], RULER_Y
    painter.drawLine(to_px((toe, y)), to_px((x, y)))
    for end in (toe, x):
        painter.drawLine(to_px((end, y - RULER_TICK)), to_px((end, y + RULER_TICK)))


def _fist_mark(frame: Frame) -> None:
    """A fist on the floor just in front of the toes, its knuckles up."""
    painter = frame.painter
    ahead = 1.0 if frame.view is View.FRONT else frame.flip
    x0 = frame.pts["work_toe"][0] + ahead * FIST_GAP
    x1 = x0 + ahead * FIST
    rect = QRectF(frame.to_px((min(x0, x1), FIST)), frame.to_px((max(x0, x1), 0.0)))
    painter.setBrush(QBrush(frame.colour(FIST_FILL)))
    painter.drawRoundedRect(rect, rect.width() * FIST_CORNER, rect.width() * FIST_CORNER)
    for i in range(1, FIST_PARTS):
        x = rect.left() + rect.width() * i / FIST_PARTS
        painter.drawLine(QPointF(x, rect.top()),
                         QPointF(x, rect.top() + rect.height() * KNUCKLE_DEPTH))


def _heel_lift_mark(frame: Frame) -> None:
    """An arrow up behind each heel."""
    for side in ("work", "other"):
        x = frame.pts[f"{side}_heel"][0] - frame.flip * HEEL_LIFT_BEHIND
        base, top = frame.to_px((x, 0.0)), frame.to_px((x, HEEL_LIFT_HEIGHT))
        frame.painter.drawLine(base, top)
        arrow_head(frame.painter, top, base, HEEL_LIFT_ARROW * frame.scale, frame.colour(MARK))


def _round_mark(frame: Frame, at: str, *, turn: bool) -> None:
    """Circles round ``at``, or (a turn) a flat circle, with an arrow for the direction."""
    s = frame.scale
    c = frame.px(at)
    rx, ry = (TURN_RADII[0] * s, TURN_RADII[1] * s) if turn else (CIRCLE_R * s, CIRCLE_R * s)
    oval = QRectF(c.x() - rx, c.y() - ry, 2 * rx, 2 * ry)
    path = QPainterPath()
    path.arcMoveTo(oval, ROUND_ARC_FROM_DEGREES)
    path.arcTo(oval, ROUND_ARC_FROM_DEGREES, ROUND_ARC_DEGREES)
    frame.painter.drawPath(path)
    arrow_head(frame.painter, path.pointAtPercent(1.0),
                path.pointAtPercent(ROUND_ARC_ARROW_FROM), ROUND_ARC_ARROW * s,
                frame.colour(MARK))
