"""The props of the drill figure: what the figure stands on or leans against (painted under
it), the massage stick (between the far and the near leg), and what is held or pressed on
(over it), with the band's loop and pull.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPen, QPolygonF

from ankle_gui.core.poses import Prop, View
from ankle_gui.printing.figure_frame import (
    BAND,
    PROP_LINE,
    PROPORTIONS,
    Frame,
    Point,
    Points,
    arrow_head,
)

WALL_THICKNESS = 0.05
ROLLER_CORE = 0.35        # the roller's hole, as a share of its radius
BALL_R = 0.03
BAND_LOOP_MIN_R = 0.028   # a band's loop round the leg, at least this big
BAND_LOOP_STEPS = 24
BAND_STRAIGHT_WITHIN = 1.5  # an anchor this many loop radii away or nearer: a straight band
BAND_POST_WIDTH = 1.6     # the anchor post's line, as a share of the band's
BAND_POST_ABOVE = 0.05    # how far the post stands above where the band is tied
BAND_ARROW_CLEAR = 0.1    # the pull arrow's tip, this far beyond the loop...
BAND_ARROW_REACH = 0.6    # ...but no further than this share of the way to the anchor
BAND_ARROW = 0.06
STICK_HALF = 0.12         # half a massage stick's length
STICK_HANDLE_WIDTH = 1.8  # as a share of the rod's line
STICK_HANDLES_FROM = 0.75  # where a handle starts, as a share of the way out from the middle
KETTLEBELL_R = 0.045
KETTLEBELL_HANGS = 1.9    # its centre below the hand, in radii
KETTLEBELL_RESTS = 1.1    # its centre above what it rests on, in radii
KETTLEBELL_HANDLE = (0.6, 1.7, 1.2, 1.4)  # left, top, width, height round the centre, in radii
UPPER_HALF = 180 * 16  # the handle's arc; Qt counts sixteenths of a degree


# --- under the figure -------------------------------------------------------------------------

def paint_props_beneath(frame: Frame) -> None:
    """The props the figure stands on or leans against. The front view stands in front of
    the wall, step or chair, so it leaves them out."""
    frame.use_prop_ink()
    side_view = frame.view is View.SIDE
    for prop in frame.poses.props:
        if side_view and prop.kind == "wall":
            _wall(frame, prop)
        elif side_view and prop.kind in ("step", "chair"):
            _block(frame, prop)
        elif prop.kind == "roller":
            _roller(frame, prop)


def _wall(frame: Frame, wall: Prop) -> None:
    x = frame.flip * wall.values["x"]
    top = frame.box[3] + PROPORTIONS.pad
    face = frame.to_px((x, top))
    back = frame.to_px((x + WALL_THICKNESS * frame.flip, 0.0))
    frame.painter.drawRect(QRectF(face, back).normalized())


def _block(frame: Frame, block: Prop) -> None:
    """A step or a chair, seen from the side."""
    v = block.values
    a, b = sorted((frame.flip * v["x0"], frame.flip * v["x1"]))
    frame.painter.drawRect(QRectF(frame.to_px((a, v["height"])), frame.to_px((b, 0.0))))


def _roller(frame: Frame, roller: Prop) -> None:
    r = roller.values["r"]
    x = frame.flip * roller.values["x"] if frame.view is View.SIDE else frame.pts["work_ankle"][0]
    centre = frame.to_px((x, r))
    r_px = r * frame.scale
    frame.painter.drawEllipse(centre, r_px, r_px)
    frame.painter.drawEllipse(centre, r_px * ROLLER_CORE, r_px * ROLLER_CORE)


# --- between the far leg and the near one -----------------------------------------------------

def paint_sticks(frame: Frame) -> None:
    """A massage stick is pressed into the back of the leg: the near leg hides its middle."""
    for prop in frame.poses.props:
        if prop.kind == "stick":
            _stick(frame, prop.values["at"])


def _stick(frame: Frame, at: str) -> None:
    """A massage stick across the limb at ``at``, with its two handles: it is held by both
    ends and rolled along the muscle with its rod across it, never lengthwise."""
    pts, painter = frame.pts, frame.painter
    side = at.split("_")[0]
    knee, ankle = pts[f"{side}_knee"], pts[f"{side}_ankle"]
    dx, dy = ankle[0] - knee[0], ankle[1] - knee[1]
    n = math.hypot(dx, dy) or 1.0
    across = (-dy / n * STICK_HALF, dx / n * STICK_HALF)
    c = pts[at]
    a = (c[0] - across[0], c[1] - across[1])
    b = (c[0] + across[0], c[1] + across[1])
    pen = frame.pen(PROP_LINE, PROPORTIONS.stick)
    painter.setPen(pen)
    painter.drawLine(frame.to_px(a), frame.to_px(b))
    handle = QPen(pen)
    handle.setWidthF(pen.widthF() * STICK_HANDLE_WIDTH)
    painter.setPen(handle)
    for end in (a, b):
        start = (c[0] + (end[0] - c[0]) * STICK_HANDLES_FROM,
                 c[1] + (end[1] - c[1]) * STICK_HANDLES_FROM)
        painter.drawLine(frame.to_px(start), frame.to_px(end))


# --- held or pressed on -----------------------------------------------------------------------

def paint_props_held(frame: Frame) -> None:
    """Props held or pressed on, and the band, over the figure."""
    for prop in frame.poses.props:
        frame.use_prop_ink()
        if prop.kind == "band":
            _band(frame, prop)
        elif prop.kind == "ball":
            r = BALL_R * frame.scale
            frame.painter.drawEllipse(frame.px(prop.values["at"]), r, r)
        elif prop.kind == "weight":
            at = prop.values["at"]
            _kettlebell(frame, frame.px(at), hangs=at.endswith("_hand"))


def band_loop(pts: Points, to: str) -> tuple[Point, float]:
    """The loop a band makes round the leg at ``to``: its centre on the leg's line (the shin,
    or the foot) nearest to that point, and its radius, in 2-D figure coordinates. The loop
    passes through ``to``, so a band on the front of the ankle is seen wrapping the front."""
    side = to.split("_")[0]
    p = pts[to]
    best: tuple[float, Point] | None = None
    for a, b in (("knee", "ankle"), ("ankle", "ball")):
        ax, ay = pts[f"{side}_{a}"][:2]
        bx, by = pts[f"{side}_{b}"][:2]
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / (dx * dx + dy * dy or 1)))
        q = (ax + dx * t, ay + dy * t)
        d = math.dist(q, p[:2])
        if best is None or d < best[0]:
            best = (d, q)
    assert best is not None
    return best[1], max(best[0], BAND_LOOP_MIN_R)


def _band(frame: Frame, band: Prop) -> None:
    """The band from its anchor, looped round the leg, with an arrow for the way it pulls.

    The loop goes round the far side of the leg from the anchor, which is where the band
    presses: anchored behind, it wraps the front of the ankle; anchored ahead, the back. An
    anchor given as a point (not a part of the body) is a post on the floor."""
    painter, scale = frame.painter, frame.scale
    anchor = band.values["from"]
    anchored = not isinstance(anchor, str)
    start = frame.to_px((frame.flip * anchor[0], anchor[1])) if anchored else frame.px(anchor)
    loop_centre, loop_r = band_loop(frame.pts, band.values["to"])
    centre, radius = frame.to_px(loop_centre), loop_r * scale
    pen = frame.pen(BAND, PROPORTIONS.band)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    dx, dy = start.x() - centre.x(), start.y() - centre.y()
    dist = math.hypot(dx, dy)
    toward = math.atan2(dy, dx)
    if dist > radius * BAND_STRAIGHT_WITHIN:
        spread = math.acos(radius / dist)  # where the two strands leave the loop
        arc = [toward + spread + (2 * math.pi - 2 * spread) * i / BAND_LOOP_STEPS
               for i in range(BAND_LOOP_STEPS + 1)]
        loop = [start] + [QPointF(centre.x() + radius * math.cos(a),
                                  centre.y() + radius * math.sin(a)) for a in arc] + [start]
        painter.drawPolyline(QPolygonF(loop))
    else:
        painter.drawLine(start, centre)
    if anchored:
        post = QPen(pen)
        post.setWidthF(pen.widthF() * BAND_POST_WIDTH)
        painter.setPen(post)
        floor_y = frame.to_px((0.0, 0.0)).y()
        painter.drawLine(QPointF(start.x(), floor_y),
                         QPointF(start.x(), start.y() - BAND_POST_ABOVE * scale))
        painter.setPen(pen)
    # The pull: an arrow just clear of the leg and foot, pointing along the band to its anchor.
    reach = min(radius + BAND_ARROW_CLEAR * scale, dist * BAND_ARROW_REACH)
    tip = QPointF(centre.x() + math.cos(toward) * reach, centre.y() + math.sin(toward) * reach)
    back = QPointF(centre.x() + math.cos(toward) * (reach - 1.0),
                   centre.y() + math.sin(toward) * (reach - 1.0))
    arrow_head(painter, tip, back, BAND_ARROW * scale, frame.colour(BAND))


def _kettlebell(frame: Frame, at: QPointF, *, hangs: bool) -> None:
    """A kettlebell at ``at``: resting on it, or hanging from a hand by its handle."""
    painter = frame.painter
    r = KETTLEBELL_R * frame.scale
    centre = QPointF(at.x(), at.y() + r * KETTLEBELL_HANGS if hangs
                     else at.y() - r * KETTLEBELL_RESTS)
    painter.setPen(frame.prop_pen())
    painter.setBrush(QBrush(frame.colour(PROP_LINE)))
    painter.drawEllipse(centre, r, r)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    left, top, width, height = KETTLEBELL_HANDLE
    painter.drawArc(QRectF(centre.x() - r * left, centre.y() - r * top, r * width, r * height),
                    0, UPPER_HALF)
