"""The drill figure: one renderer for every drill, and a widget that animates it.

``paint_figure`` draws a pose into a box with QPainter: the working leg in its side's colour,
mirrored for the left side, lines that grow with the box, in colour or black and white, full or
faded. ``DrillFigureView`` moves it by polling a monotonic clock while it is on screen.
"""

# Long file: the painter and the widget that animates it share their geometry;
# apart, one picture would be drawn from two files.

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from ankle_gui.core.figure import HEAD_R, Motion, angles_at, bounds, front_floor, pose_figure
from ankle_gui.core.poses import Poses, View
from ankle_gui.core.records import Side
from ankle_gui.ui.common.style import side_colour

# Colours: (colour, black and white). The working leg takes its side's colour.
BODY = ("#475467", "#3a3a3a")
FAR_LIMB = ("#a3acb9", "#9a9a9a")   # the limbs on the far side, and a per-side drill's rest leg
PROP_LINE = ("#667085", "#4a4a4a")
PROP_FILL = ("#e4e7ec", "#e6e6e6")
BAND = ("#7b4fa6", "#202020")
MARK = ("#B35900", "#000000")
FLOOR = ("#98a2b3", "#808080")
FLOOR_FILL = ("#eef0f3", "#f0f0f0")  # the patch of floor under a front view
FADED_OPACITY = 0.35

_bounds_cache: dict[int, tuple[Poses, tuple[float, float, float, float]]] = {}


def figure_bounds(poses: Poses) -> tuple[float, float, float, float]:
    """The box every frame of this drill fits in, worked out once per drill."""
    hit = _bounds_cache.get(id(poses))
    if hit is None or hit[0] is not poses:
        hit = (poses, bounds(poses))
        _bounds_cache[id(poses)] = hit
    return hit[1]


class _Mapper:
    """Figure coordinates (figure heights, y up) to pixels inside ``rect``, aspect kept."""

    def __init__(self, rect: QRectF, box: tuple[float, float, float, float], pad: float):
        left, bottom, right, top = box
        width, height = right - left + 2 * pad, top - bottom + 2 * pad
        self.scale = min(rect.width() / width, rect.height() / height)
        self.x0 = rect.left() + (rect.width() - width * self.scale) / 2 - (left - pad) * self.scale
        self.y0 = rect.top() + (rect.height() - height * self.scale) / 2 + (top + pad) * self.scale

    def __call__(self, p: tuple[float, float]) -> QPointF:
        return QPointF(self.x0 + p[0] * self.scale, self.y0 - p[1] * self.scale)


def paint_figure(painter: QPainter, rect: QRectF, poses: Poses, angles: dict[str, float], *,
                 side: Side = Side.RIGHT, mono: bool = False, faded: bool = False) -> None:
    """Draw the figure for ``angles`` inside ``rect``, never outside it."""
    mirrored = side is Side.LEFT
    left, bottom, right, top = figure_bounds(poses)
    box = (-right, bottom, -left, top) if mirrored else (left, bottom, right, top)
    pad = 0.06  # room for the line width and the marks, in figure heights
    to_px = _Mapper(rect, box, pad)
    width = max(1.6, 0.03 * to_px.scale)  # thick enough to read from 2 m at player size
    pick = 1 if mono else 0
    figure = pose_figure(poses, angles)
    pts = figure.project(mirrored)
    flip = -1.0 if mirrored else 1.0

    def pen(colour: tuple[str, str], w: float, dashed: bool = False) -> QPen:
        p = QPen(QColor(colour[pick]), w, Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine,
                 Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        return p

    painter.save()
    painter.setClipRect(rect)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    if faded:
        painter.setOpacity(FADED_OPACITY)

    # Floor, then the props the figure stands on or leans against.
    painter.setPen(pen(FLOOR, max(1.0, width * 0.35)))
    if figure.view is View.SIDE:
        painter.drawLine(to_px((box[0] - pad, 0.0)), to_px((box[2] + pad, 0.0)))
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(QColor(FLOOR_FILL[pick])))
        painter.drawPolygon(QPolygonF([to_px(p) for p in front_floor()]))
    prop_pen = pen(PROP_LINE, max(1.0, width * 0.4))
    prop_brush = QBrush(QColor(PROP_FILL[pick]))
    painter.setPen(prop_pen)
    painter.setBrush(prop_brush)
    for prop in poses.props:
        v = prop.values
        if figure.view is View.SIDE and prop.kind == "wall":
            x = flip * v["x"]
            thick = 0.05 * flip
            painter.drawRect(QRectF(to_px((x, box[3] + pad)), to_px((x + thick, 0.0))).normalized())
        elif figure.view is View.SIDE and prop.kind in ("step", "chair"):
            a, b = sorted((flip * v["x0"], flip * v["x1"]))
            painter.drawRect(QRectF(to_px((a, v["height"])), to_px((b, 0.0))))
        elif figure.view is View.FRONT and prop.kind in ("step", "chair", "wall"):
            continue  # the front view stands in front of them; leave them out
        elif prop.kind == "roller":
            centre = to_px((flip * v["x"], v["r"]) if figure.view is View.SIDE else
                           (pts["work_ankle"][0], v["r"]))
            r = v["r"] * to_px.scale
            painter.drawEllipse(centre, r, r)
            painter.drawEllipse(centre, r * 0.35, r * 0.35)

    # Limbs: far side first, then the body, then the near (working) side on top.
    work_colour = ((side_colour(side), "#000000") if side is not Side.BOTH
                   else (side_colour(Side.BOTH), "#202020"))
    other_leg = FAR_LIMB if side is not Side.BOTH else ("#8a8f98", "#7a7a7a")
    _limb(painter, to_px, pts, "other", "arm", pen(FAR_LIMB, width * 0.85), figure.view)
    _limb(painter, to_px, pts, "other", "leg", pen(other_leg, width), figure.view)
    body_pen = pen(BODY, width)
    painter.setPen(body_pen)
    painter.drawLine(to_px(pts["work_hip"]), to_px(pts["other_hip"]))
    painter.drawLine(to_px(pts["work_shoulder"]), to_px(pts["other_shoulder"]))
    painter.drawLine(to_px(_mid(pts["work_hip"], pts["other_hip"])), to_px(pts["neck"]))
    painter.drawLine(to_px(pts["neck"]), to_px(pts["head_base"]))
    painter.setBrush(QBrush(QColor(BODY[pick])))
    r = HEAD_R * to_px.scale
    painter.drawEllipse(to_px(pts["head"]), r, r)
    for prop in poses.props:
        if prop.kind == "stick":  # pressed into the back of the leg: the leg hides its middle
            _stick(painter, to_px, pts, prop.values["at"], pen(PROP_LINE, width * 0.7))
    _limb(painter, to_px, pts, "work", "leg", pen(work_colour, width * 1.1), figure.view)
    _limb(painter, to_px, pts, "work", "arm", pen(BODY, width * 0.85), figure.view)

    # Props held or pressed on, the band, and the marks, over the figure.
    painter.setPen(prop_pen)
    painter.setBrush(prop_brush)
    for prop in poses.props:
        v = prop.values
        if prop.kind == "band":
            start = to_px(pts[v["from"]]) if isinstance(v["from"], str) else \
                to_px((flip * v["from"][0], v["from"][1]))
            centre, radius = band_loop(pts, v["to"])
            _band(painter, start, to_px(centre), radius * to_px.scale, pen(BAND, width * 0.55),
                  anchored=not isinstance(v["from"], str), scale=to_px.scale,
                  fill=QColor(BAND[pick]), floor_y=to_px((0.0, 0.0)).y())
            painter.setPen(prop_pen)
            painter.setBrush(prop_brush)
        elif prop.kind == "ball":
            painter.drawEllipse(to_px(pts[v["at"]]), 0.03 * to_px.scale, 0.03 * to_px.scale)
        elif prop.kind == "weight":
            _weight(painter, to_px(pts[v["at"]]), to_px.scale, prop_pen,
                    QBrush(QColor(PROP_LINE[pick])), hangs=v["at"].endswith("_hand"))
    mark_pen = pen(MARK, max(1.2, width * 0.45))
    for mark in poses.marks:
        _mark(painter, mark.kind, mark.values, to_px, pts, poses, flip, mark_pen,
              QColor(MARK[pick]), figure.view)
    painter.restore()


def _mid(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)


def _limb(painter: QPainter, to_px: _Mapper, pts, side: str, limb: str, pen: QPen,
          view: View) -> None:
    painter.setPen(pen)
    if limb == "arm":
        chain = [f"{side}_{p}" for p in ("shoulder", "elbow", "wrist", "hand")]
        painter.drawPolyline(QPolygonF([to_px(pts[n]) for n in chain]))
        return
    chain = [f"{side}_{p}" for p in ("hip", "knee", "ankle")]
    painter.drawPolyline(QPolygonF([to_px(pts[n]) for n in chain]))
    painter.setBrush(QBrush(pen.color()))
    if view is View.SIDE:
        foot = [f"{side}_{p}" for p in ("ankle", "heel", "ball", "toe", "ball")]
        painter.drawPolygon(QPolygonF([to_px(pts[n]) for n in foot]))
    else:
        # From the front a foot is a short bar on the ground under the ankle.
        ankle = pts[f"{side}_ankle"]
        low = min(pts[f"{side}_heel"][1], pts[f"{side}_ball"][1], pts[f"{side}_toe"][1])
        painter.drawLine(to_px(ankle), to_px((ankle[0], low)))
        painter.drawLine(to_px((ankle[0] - 0.03, low)), to_px((ankle[0] + 0.03, low)))


def _arrow_head(painter: QPainter, tip: QPointF, towards: QPointF, size: float,
                colour: QColor) -> None:
    """A filled arrowhead at ``tip``, pointing away from ``towards``."""
    angle = math.atan2(tip.y() - towards.y(), tip.x() - towards.x())
    wing = math.radians(28)
    a = QPointF(tip.x() - size * math.cos(angle - wing), tip.y() - size * math.sin(angle - wing))
    b = QPointF(tip.x() - size * math.cos(angle + wing), tip.y() - size * math.sin(angle + wing))
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(colour))
    painter.drawPolygon(QPolygonF([tip, a, b]))
    painter.restore()


BAND_LOOP_MIN_R = 0.028  # a band's loop round the leg, at least this big (figure heights)


def band_loop(pts, to: str) -> tuple[tuple[float, float], float]:
    """The loop a band makes round the leg at ``to``: its centre on the leg's line (the shin,
    or the foot) nearest to that point, and its radius, in 2-D figure coordinates. The loop
    passes through ``to``, so a band on the front of the ankle is seen wrapping the front."""
    side = to.split("_")[0]
    p = pts[to]
    best: tuple[float, tuple[float, float]] | None = None
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


def _band(painter: QPainter, start: QPointF, centre: QPointF, radius: float, pen: QPen, *,
          anchored: bool, scale: float, fill: QColor, floor_y: float) -> None:
    """The band from its anchor, looped round the leg, with an arrow for the way it pulls.

    The loop goes round the far side of the leg from the anchor, which is where the band
    presses: anchored behind, it wraps the front of the ankle; anchored ahead, the back."""
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    dx, dy = start.x() - centre.x(), start.y() - centre.y()
    dist = math.hypot(dx, dy)
    toward = math.atan2(dy, dx)
    if dist > radius * 1.5:
        spread = math.acos(radius / dist)  # where the two strands leave the loop
        arc = [toward + spread + (2 * math.pi - 2 * spread) * i / 24 for i in range(25)]
        loop = [start] + [QPointF(centre.x() + radius * math.cos(a),
                                  centre.y() + radius * math.sin(a)) for a in arc] + [start]
        painter.drawPolyline(QPolygonF(loop))
    else:
        painter.drawLine(start, centre)
    if anchored:  # a post on the floor, with the loop around it
        post = QPen(pen)
        post.setWidthF(pen.widthF() * 1.6)
        painter.setPen(post)
        painter.drawLine(QPointF(start.x(), floor_y), QPointF(start.x(), start.y() - 0.05 * scale))
        painter.setPen(pen)
    # The pull: an arrow just clear of the leg and foot, pointing along the band to its anchor.
    reach = min(radius + 0.1 * scale, dist * 0.6)
    tip = QPointF(centre.x() + math.cos(toward) * reach, centre.y() + math.sin(toward) * reach)
    back = QPointF(centre.x() + math.cos(toward) * (reach - 1.0),
                   centre.y() + math.sin(toward) * (reach - 1.0))
    _arrow_head(painter, tip, back, 0.06 * scale, fill)


def _stick(painter: QPainter, to_px: _Mapper, pts, at: str, pen: QPen) -> None:
    """A massage stick across the limb at ``at``, with its two handles: it is held by both
    ends and rolled along the muscle with its rod across it, never lengthwise."""
    side = at.split("_")[0]
    knee, ankle = pts[f"{side}_knee"], pts[f"{side}_ankle"]
    dx, dy = ankle[0] - knee[0], ankle[1] - knee[1]
    n = math.hypot(dx, dy) or 1.0
    across = (-dy / n * 0.12, dx / n * 0.12)
    c = pts[at]
    a = (c[0] - across[0], c[1] - across[1])
    b = (c[0] + across[0], c[1] + across[1])
    painter.setPen(pen)
    painter.drawLine(to_px(a), to_px(b))
    handle = QPen(pen)
    handle.setWidthF(pen.widthF() * 1.8)
    painter.setPen(handle)
    for end, inner in ((a, 0.75), (b, 0.75)):
        start = (c[0] + (end[0] - c[0]) * inner, c[1] + (end[1] - c[1]) * inner)
        painter.drawLine(to_px(start), to_px(end))


def _weight(painter: QPainter, at: QPointF, scale: float, pen: QPen, brush: QBrush, *,
            hangs: bool) -> None:
    """A kettlebell at ``at``: resting on it, or hanging from a hand by its handle."""
    r = 0.045 * scale
    centre = QPointF(at.x(), at.y() + r * 1.9 if hangs else at.y() - r * 1.1)
    painter.setPen(pen)
    painter.setBrush(brush)
    painter.drawEllipse(centre, r, r)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawArc(QRectF(centre.x() - r * 0.6, centre.y() - r * 1.7, r * 1.2, r * 1.4),
                    0, 180 * 16)


def _mark(painter: QPainter, kind: str, values, to_px: _Mapper, pts, poses: Poses, flip: float,
          pen: QPen, colour: QColor, view: View) -> None:
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    s = to_px.scale
    if kind == "knee_wall" and view is View.SIDE:
        wall = poses.prop("wall")
        if wall is None:
            return
        x = flip * wall.values["x"]
        knee_y = pts["work_knee"][1]
        painter.setBrush(QBrush(colour))
        painter.drawEllipse(to_px((x, knee_y)), 0.018 * s, 0.018 * s)
        # The toe-to-wall distance, as a measuring line just above the floor.
        toe = pts["work_toe"][0]
        y = -0.03
        painter.drawLine(to_px((toe, y)), to_px((x, y)))
        for end in (toe, x):
            painter.drawLine(to_px((end, y - 0.015)), to_px((end, y + 0.015)))
    elif kind == "fist":
        toe = pts["work_toe"]
        ahead = 1.0 if view is View.FRONT else flip
        x0 = toe[0] + ahead * 0.005
        x1 = x0 + ahead * 0.06  # a fist is about 10 cm across: 0.06 of a person's height
        rect = QRectF(to_px((min(x0, x1), 0.06)), to_px((max(x0, x1), 0.0)))
        painter.setBrush(QBrush(QColor(PROP_FILL[0] if colour.name() != "#000000" else "#ffffff")))
        painter.drawRoundedRect(rect, rect.width() * 0.25, rect.width() * 0.25)
        for i in range(1, 3):  # the knuckles
            x = rect.left() + rect.width() * i / 3
            painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.top() + rect.height() * 0.4))
    elif kind == "heel_lift":
        for side in ("work", "other"):
            heel = pts[f"{side}_heel"]
            base = to_px((heel[0] - flip * 0.04, 0.0))
            top = to_px((heel[0] - flip * 0.04, 0.12))
            painter.drawLine(base, top)
            _arrow_head(painter, top, base, 0.045 * s, colour)
    elif kind in ("circle", "turn"):
        c = to_px(pts[values["at"]])
        rx, ry = (0.06 * s, 0.06 * s) if kind == "circle" else (0.07 * s, 0.025 * s)
        path = QPainterPath()
        path.arcMoveTo(QRectF(c.x() - rx, c.y() - ry, 2 * rx, 2 * ry), 200)
        path.arcTo(QRectF(c.x() - rx, c.y() - ry, 2 * rx, 2 * ry), 200, 290)
        painter.drawPath(path)
        end = path.pointAtPercent(1.0)
        before = path.pointAtPercent(0.93)
        _arrow_head(painter, end, before, 0.03 * s, colour)


class DrillFigureView(QWidget):
    """A drill's figure in motion. It polls a monotonic clock about 30 times a second, only
    while it is shown and has something to move; the player can set the phase itself."""

    FRAME_MS = 33

    def __init__(self, parent: QWidget | None = None,
                 clock: Callable[[], float] = time.monotonic):
        super().__init__(parent)
        self.setObjectName("drillFigure")
        self.setMinimumSize(120, 120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._clock = clock
        self._poses: Poses | None = None
        self._side = Side.RIGHT
        self._variant: str | None = None
        self._motion = Motion.REPS
        self._seconds_per_rep = 3.0
        self._phase: float | None = None  # set by the player; None follows the clock
        self._animated = True
        self._started = clock()
        self._timer = QTimer(self)
        self._timer.setInterval(self.FRAME_MS)
        self._timer.timeout.connect(self.update)

    # --- what to show -----------------------------------------------------------------
    def set_poses(self, poses: Poses | None, side: Side = Side.RIGHT,
                  variant: str | None = None) -> None:
        """The drill to show, on which side, and in which position or direction (None: each
        in turn)."""
        self._poses, self._side, self._variant = poses, side, variant
        if poses is not None:
            figure_bounds(poses)  # the one-off cost now, not in the first frame
        self._started = self._clock()
        self._sync_timer()
        self.update()

    def set_motion(self, motion: Motion) -> None:
        """Reps or pulses move; a hold stands still at the end, a rest at the start, faded."""
        self._motion = Motion(motion)
        self._sync_timer()
        self.update()

    def set_tempo(self, seconds_per_rep: float) -> None:
        self._seconds_per_rep = max(0.3, float(seconds_per_rep))

    def set_phase(self, phase: float | None) -> None:
        """Show one moment of the rep (0 to 1), e.g. in step with the player's tick; None
        goes back to following the clock."""
        self._phase = None if phase is None else phase % 1.0
        self._sync_timer()
        self.update()

    def set_animated(self, on: bool) -> None:
        """Off: the figure stands still at the end pose and costs no timer."""
        self._animated = bool(on)
        self._sync_timer()
        self.update()

    def restart(self, seconds_in: float = 0.0) -> None:
        """Follow the clock again from ``seconds_in`` seconds into a rep (or pulse)."""
        self._phase = None
        self._started = self._clock() - seconds_in
        self._sync_timer()
        self.update()

    # --- state, for the player and the tests --------------------------------------------
    def is_animating(self) -> bool:
        return self._timer.isActive()

    def current(self) -> tuple[str | None, float]:
        """The variant and the phase the next frame shows."""
        if self._poses is None:
            return None, 0.0
        variants = self._poses.variants()
        elapsed = (self._clock() - self._started) / self._seconds_per_rep
        variant = self._variant
        if variant is None and variants:
            variant = variants[int(elapsed) % len(variants)]
        phase = self._phase if self._phase is not None else elapsed % 1.0
        return variant, phase

    def current_angles(self) -> dict[str, float] | None:
        if self._poses is None:
            return None
        variant, phase = self.current()
        keys = self._poses.sequence(variant)
        motion = self._motion if self._animated else Motion.HOLD
        return angles_at(keys, motion, phase)

    # --- Qt -----------------------------------------------------------------------------
    def _sync_timer(self) -> None:
        moving = (self._poses is not None and self._animated and self._phase is None
                  and self._motion in (Motion.REPS, Motion.PULSE) and self.isVisible())
        if moving and not self._timer.isActive():
            self._timer.start()
        elif not moving:
            self._timer.stop()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._sync_timer()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().hideEvent(event)
        self._timer.stop()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        angles = self.current_angles()
        if angles is None or self._poses is None:
            return
        painter = QPainter(self)
        paint_figure(painter, QRectF(self.rect()), self._poses, angles, side=self._side,
                     faded=self._motion is Motion.REST)
        painter.end()
