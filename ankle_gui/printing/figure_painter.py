"""The drill figure, painted: one pose of a drill inside a box, on screen or on paper.

``paint_figure`` paints back to front: the floor, the props the figure stands on or leans
against, the limbs (the far side, the body, then the near side on top), then what is held or
pressed on, and the marks. The working leg takes the colour it is given (on screen, its side's
colour in the theme), the left side is the mirror image, lines grow with the box, and the
figure is in colour or in black and white, full or faded.

Imports no widgets: the window, the printed report and the handout draw with it alike.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPen, QPolygonF

from ankle_gui.core.figure import HEAD_R, front_floor
from ankle_gui.core.poses import Poses, View
from ankle_gui.core.records import Side
from ankle_gui.printing.figure_frame import (
    BODY,
    FADED_OPACITY,
    FAR_LEG_OF_BOTH,
    FAR_LIMB,
    FLOOR,
    FLOOR_FILL,
    PROPORTIONS,
    WORK_LEG_MONO,
    WORK_LEGS_OF_BOTH_MONO,
    Frame,
    Ink,
    Point,
)
from ankle_gui.printing.figure_marks import paint_marks
from ankle_gui.printing.figure_props import paint_props_beneath, paint_props_held, paint_sticks

FRONT_FOOT_HALF = 0.03  # a foot seen from the front: a bar this wide each side of the ankle


def paint_figure(painter: QPainter, rect: QRectF, poses: Poses, angles: dict[str, float], *,
                 side: Side = Side.RIGHT, leg_colour: str = WORK_LEG_MONO, mono: bool = False,
                 faded: bool = False) -> None:
    """Draw the figure for ``angles`` inside ``rect``, never outside it. In colour the
    working leg is ``leg_colour`` (the screen gives its side's colour from the theme); in
    black and white (``mono``) it is black."""
    frame = Frame(painter, rect, poses, angles, side, mono)
    painter.save()
    painter.setClipRect(rect)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    if faded:
        painter.setOpacity(FADED_OPACITY)
    _paint_floor(frame)
    paint_props_beneath(frame)
    _paint_limbs(frame, side, leg_colour)
    paint_props_held(frame)
    paint_marks(frame)
    painter.restore()


# --- the floor --------------------------------------------------------------------------------

def _paint_floor(frame: Frame) -> None:
    painter, box, pad = frame.painter, frame.box, PROPORTIONS.pad
    painter.setPen(frame.pen(FLOOR, PROPORTIONS.floor, PROPORTIONS.min_thin_px))
    if frame.view is View.SIDE:
        painter.drawLine(frame.to_px((box[0] - pad, 0.0)), frame.to_px((box[2] + pad, 0.0)))
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(frame.colour(FLOOR_FILL)))
        painter.drawPolygon(QPolygonF([frame.to_px(p) for p in front_floor()]))


# --- the body ---------------------------------------------------------------------------------

def _paint_limbs(frame: Frame, side: Side, leg_colour: str) -> None:
    """The far side first, then the body, then the near (working) side on top."""
    both = side is Side.BOTH
    work_leg = Ink(leg_colour, WORK_LEGS_OF_BOTH_MONO if both else WORK_LEG_MONO)
    _limb(frame, "other", "arm", frame.pen(FAR_LIMB, PROPORTIONS.arm))
    _limb(frame, "other", "leg", frame.pen(FAR_LEG_OF_BOTH if both else FAR_LIMB))
    _trunk_and_head(frame)
    paint_sticks(frame)
    _limb(frame, "work", "leg", frame.pen(work_leg, PROPORTIONS.work_leg))
    _limb(frame, "work", "arm", frame.pen(BODY, PROPORTIONS.arm))


def _trunk_and_head(frame: Frame) -> None:
    painter, pts = frame.painter, frame.pts
    painter.setPen(frame.pen(BODY))
    painter.drawLine(frame.px("work_hip"), frame.px("other_hip"))
    painter.drawLine(frame.px("work_shoulder"), frame.px("other_shoulder"))
    painter.drawLine(frame.to_px(_mid(pts["work_hip"], pts["other_hip"])), frame.px("neck"))
    painter.drawLine(frame.px("neck"), frame.px("head_base"))
    painter.setBrush(QBrush(frame.colour(BODY)))
    r = HEAD_R * frame.scale
    painter.drawEllipse(frame.px("head"), r, r)


def _mid(a: Point, b: Point) -> Point:
    return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)


def _limb(frame: Frame, side: str, limb: str, pen: QPen) -> None:
    painter = frame.painter
    painter.setPen(pen)
    if limb == "arm":
        chain = [f"{side}_{p}" for p in ("shoulder", "elbow", "wrist", "hand")]
        painter.drawPolyline(QPolygonF([frame.px(n) for n in chain]))
        return
    chain = [f"{side}_{p}" for p in ("hip", "knee", "ankle")]
    painter.drawPolyline(QPolygonF([frame.px(n) for n in chain]))
    painter.setBrush(QBrush(pen.color()))
    if frame.view is View.SIDE:
        foot = [f"{side}_{p}" for p in ("ankle", "heel", "ball", "toe", "ball")]
        painter.drawPolygon(QPolygonF([frame.px(n) for n in foot]))
    else:
        # From the front a foot is a short bar on the ground under the ankle.
        pts = frame.pts
        ankle = pts[f"{side}_ankle"]
        low = min(pts[f"{side}_heel"][1], pts[f"{side}_ball"][1], pts[f"{side}_toe"][1])
        painter.drawLine(frame.to_px(ankle), frame.to_px((ankle[0], low)))
        painter.drawLine(frame.to_px((ankle[0] - FRONT_FOOT_HALF, low)),
                         frame.to_px((ankle[0] + FRONT_FOOT_HALF, low)))
