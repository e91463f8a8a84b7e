"""What one frame of the drill figure costs, at the player's size.

    python bench/figure_draw.py [--frames 300] [--size 400]

For every drill: the median and 95th-percentile time to work out a frame's pose (angles to
placed points) and to draw it with QPainter into a ``size``×``size`` image, over ``frames``
frames of one rep. Also the one-off cost per drill of the box every frame fits in (worked
out when a drill is chosen, not per frame). Printed as milliseconds and as ratios to the
issue's target (a frame under 2 ms) and to a 30 fps frame (33 ms).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter  # noqa: E402

from ankle_gui.core.catalogue import load_catalogue  # noqa: E402
from ankle_gui.core.figure import Motion, angles_at, bounds, pose_figure  # noqa: E402
from ankle_gui.core.records import Side  # noqa: E402
from ankle_gui.ui.drills.drill_figure import paint_figure  # noqa: E402

TARGET_MS = 2.0
FRAME_MS = 1000 / 30


def bench_drill(drill, frames: int, size: int) -> tuple[float, float, float, float]:
    """(bounds ms, pose median ms, draw median ms, draw p95 ms) for one drill."""
    poses = drill.poses
    start = time.perf_counter()
    bounds(poses)
    bounds_ms = (time.perf_counter() - start) * 1000
    keys = poses.sequence()
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    side = Side.RIGHT if drill.per_side else Side.BOTH
    pose_times, draw_times = [], []
    for i in range(frames):
        angles = angles_at(keys, Motion.REPS, i / frames)
        start = time.perf_counter()
        pose_figure(poses, angles)
        pose_times.append(time.perf_counter() - start)
        image.fill(QColor("white"))
        start = time.perf_counter()
        painter = QPainter(image)
        paint_figure(painter, QRectF(0, 0, size, size), poses, angles, side=side)
        painter.end()
        draw_times.append(time.perf_counter() - start)
    draw_times.sort()
    return (bounds_ms, statistics.median(pose_times) * 1000,
            statistics.median(draw_times) * 1000, draw_times[int(0.95 * frames)] * 1000)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=300)
    parser.add_argument("--size", type=int, default=400)
    args = parser.parse_args(argv)
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    catalogue = load_catalogue()
    # Warm up: fonts, the paint engine, the first pen.
    bench_drill(catalogue.drills[0], 20, args.size)
    print(f"{'drill':34} {'box ms':>7} {'pose ms':>8} {'draw ms':>8} {'p95 ms':>7}")
    medians, p95s = [], []
    for drill in catalogue:
        box, pose, draw, p95 = bench_drill(drill, args.frames, args.size)
        medians.append(draw)
        p95s.append(p95)
        print(f"{drill.id:34} {box:7.1f} {pose:8.3f} {draw:8.2f} {p95:7.2f}")
    worst, typical = max(medians), statistics.median(medians)
    print(f"\nframe at {args.size}×{args.size}, median over drills: {typical:.2f} ms; "
          f"slowest drill's median {worst:.2f} ms; worst p95 {max(p95s):.2f} ms")
    print(f"ratio to the {TARGET_MS:.0f} ms target: {worst / TARGET_MS:.2f} (slowest drill), "
          f"{typical / TARGET_MS:.2f} (typical); share of a 30 fps frame: "
          f"{typical / FRAME_MS:.1%}")
    return 0 if worst < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
