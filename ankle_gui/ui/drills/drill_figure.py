"""The drill figure on screen: a widget that animates a drill's figure while it is shown.

The figure itself is painted by ``ankle_gui.printing.figure_painter``, which paper shares;
``paint_figure`` here paints it in the theme's colour for the side.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QRectF, QTimer
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from ankle_gui.core.figure import Motion, angles_at
from ankle_gui.core.poses import Poses
from ankle_gui.core.records import Side
from ankle_gui.printing import figure_painter
from ankle_gui.printing.figure_frame import figure_bounds
from ankle_gui.ui.common.style import side_colour

__all__ = ["DrillFigureView", "figure_bounds", "paint_figure"]


def paint_figure(painter: QPainter, rect: QRectF, poses: Poses, angles: dict[str, float], *,
                 side: Side = Side.RIGHT, mono: bool = False, faded: bool = False) -> None:
    """Draw the figure for ``angles`` inside ``rect``, the working leg in its side's colour."""
    figure_painter.paint_figure(painter, rect, poses, angles, leg_colour=side_colour(side),
                                side=side, mono=mono, faded=faded)


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
