"""A planned drill's start and end poses side by side, black on white, for paper."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from ankle_gui.core.poses import Poses
from ankle_gui.core.records import Side
from ankle_gui.printing.figure_painter import paint_figure


def figure_image(poses: Poses, side: Side, width_px: int, height_px: int) -> QImage:
    """A drill's start and end poses side by side, black and white on white, for print."""
    image = QImage(width_px, height_px, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFF)
    keys = poses.sequence()
    half = width_px / 2
    painter = QPainter(image)
    try:
        for i, key in enumerate((keys[0], keys[-1])):
            paint_figure(painter, QRectF(i * half, 0, half, height_px), poses, dict(key.angles),
                         side=side, mono=True)
    finally:
        painter.end()
    return image
