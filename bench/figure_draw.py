"""What one frame of the drill figure costs, at the player's size.

    python bench/figure_draw.py [--frames 300] [--size 400]

For every drill: the median and 95th-percentile time (the thread's CPU time) to work out a
frame's pose (angles to placed points) and to draw it with QPainter into a ``size``×``size``
image, over ``frames`` frames of one rep. Also the one-off cost per drill of the box every
frame fits in (worked out when a drill is chosen, not per frame).

The baseline, drawn after each of a drill's frames at the same size: a bare stick figure
(a head and a ten-segment line, antialiased, with a round 8 px pen), the least a figure could
cost. Budget: every drill's median frame is at most 15x the baseline's median beside it (on
the machine where the baseline takes 0.13 ms, that is the original target of 2 ms); the
exit code is 1 when one is over. Also printed: the share of a 30 fps frame.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from typing import NamedTuple

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPen

from ankle_gui.core.catalogue import load_catalogue
from ankle_gui.core.figure import Motion, angles_at, bounds, pose_figure
from ankle_gui.core.records import Side
from ankle_gui.ui.drills.drill_figure import paint_figure

BUDGET = 15.0
# The thread's CPU time: a frame the scheduler interrupts (another process wanting the core)
# costs no more than one it does not, so a busy machine does not bend the figures.
frame_clock = time.thread_time
FRAME_MS = 1000 / 30


class BareFigure:
    """The baseline: one frame of a bare stick figure, drawn as a drill's frame is."""

    def __init__(self, size: int):
        self.size = size
        self.image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        self.pen = QPen(QColor("black"), 8, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                        Qt.PenJoinStyle.RoundJoin)

    def draw(self, progress: float) -> float:
        """Seconds to draw the frame at ``progress`` (0-1) through a rep."""
        size, sway = self.size, 30 * progress
        points = [QPointF(size / 2 + sway * ((k % 3) - 1), size / 4 + k * size / 16)
                  for k in range(11)]
        self.image.fill(QColor("white"))
        start = frame_clock()
        painter = QPainter(self.image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(self.pen)
        painter.drawEllipse(points[0], size / 20, size / 20)
        painter.drawPolyline(points)
        painter.end()
        return frame_clock() - start


class DrillFigures(NamedTuple):
    box_ms: float
    pose_ms: float
    draw_ms: float
    p95_ms: float
    bare_ms: float      # the baseline, drawn between this drill's frames


def bench_drill(drill, frames: int, size: int, bare: BareFigure) -> DrillFigures:
    """Medians for one drill, each of its frames followed by a baseline frame, so load on
    the machine hits both alike."""
    poses = drill.poses
    start = frame_clock()
    bounds(poses)
    box_ms = (frame_clock() - start) * 1000
    keys = poses.sequence()
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    side = Side.RIGHT if drill.per_side else Side.BOTH
    pose_times, draw_times, bare_times = [], [], []
    for i in range(frames):
        angles = angles_at(keys, Motion.REPS, i / frames)
        start = frame_clock()
        pose_figure(poses, angles)
        pose_times.append(frame_clock() - start)
        image.fill(QColor("white"))
        start = frame_clock()
        painter = QPainter(image)
        paint_figure(painter, QRectF(0, 0, size, size), poses, angles, side=side)
        painter.end()
        draw_times.append(frame_clock() - start)
        bare_times.append(bare.draw(i / frames))
    draw_times.sort()
    return DrillFigures(box_ms, statistics.median(pose_times) * 1000,
                        statistics.median(draw_times) * 1000,
                        draw_times[int(0.95 * frames)] * 1000,
                        statistics.median(bare_times) * 1000)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=300)
    parser.add_argument("--size", type=int, default=400)
    args = parser.parse_args(argv)
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    catalogue = load_catalogue()
    bare = BareFigure(args.size)
    # Warm up: fonts, the paint engine, the first pen.
    bench_drill(catalogue.drills[0], 20, args.size, bare)
    print(f"{'drill':34} {'box ms':>7} {'pose ms':>8} {'draw ms':>8} {'p95 ms':>7} "
          f"{'bare ms':>8} {'ratio':>6}")
    runs = []
    for drill in catalogue:
        run = bench_drill(drill, args.frames, args.size, bare)
        runs.append(run)
        print(f"{drill.id:34} {run.box_ms:7.1f} {run.pose_ms:8.3f} {run.draw_ms:8.2f} "
              f"{run.p95_ms:7.2f} {run.bare_ms:8.3f} {run.draw_ms / run.bare_ms:6.1f}")
    medians = [r.draw_ms for r in runs]
    ratios = [r.draw_ms / r.bare_ms for r in runs]
    typical = statistics.median(medians)
    print(f"\nframe at {args.size}×{args.size}, median over drills: {typical:.2f} ms; "
          f"slowest drill's median {max(medians):.2f} ms; worst p95 "
          f"{max(r.p95_ms for r in runs):.2f} ms; bare stick figure "
          f"{statistics.median(r.bare_ms for r in runs):.3f} ms")
    print(f"share of a 30 fps frame: {typical / FRAME_MS:.1%} (typical drill)")
    within = max(ratios) <= BUDGET
    print(f"drill / bare figure: slowest {max(ratios):.1f} x, typical "
          f"{statistics.median(ratios):.1f} x "
          f"({'within' if within else 'OVER'} the budget of {BUDGET:.0f} x)")
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
