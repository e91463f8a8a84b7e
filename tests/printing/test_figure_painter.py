"""The figure painter that paper shares with the screen: it needs no widgets, and it paints
the working leg in the colour it is given, or black for print."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from ankle_gui.core.records import Side
from ankle_gui.printing.figure_painter import paint_figure


def test_the_painter_loads_no_widgets_and_no_screen_code():
    code = ("import sys, ankle_gui.printing.figure_painter; "
            "print(sorted(m for m in sys.modules if m == 'PySide6.QtWidgets' "
            "or m.startswith(('pyqtgraph', 'ankle_gui.ui'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _count(poses, angles, colour: str, **style) -> int:
    image = QImage(300, 300, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    paint_figure(painter, QRectF(0, 0, 300, 300), poses, angles, **style)
    painter.end()
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(300, image.bytesPerLine() // 4,
                                                                 4)[:, :300, 2::-1]
    c = QColor(colour)
    target = np.array([c.red(), c.green(), c.blue()])
    return int((np.abs(pixels.astype(int) - target).sum(axis=2) < 30).sum())


def test_the_working_leg_takes_the_colour_given_and_prints_black(qapp, catalogue):
    poses = catalogue.get("half_kneeling_lunge").poses
    angles = poses.keys[-1].angles
    assert _count(poses, angles, "#00a000", side=Side.LEFT, leg_colour="#00a000") > 300
    assert _count(poses, angles, "#00a000", side=Side.LEFT) == 0  # black unless given
    assert _count(poses, angles, "#00a000", side=Side.LEFT, leg_colour="#00a000",
                  mono=True) == 0
