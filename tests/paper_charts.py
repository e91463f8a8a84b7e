"""The report's charts painted on their own, as the report paints them: a 300-dpi image
and what went where (printing/chart_frame.Drawn)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter

from ankle_gui.core.progress import ProgressView
from ankle_gui.core.units import Unit
from ankle_gui.printing.chart_frame import Drawn
from ankle_gui.printing.chart_painter import PaperCharts
from ankle_gui.printing.paper import IMAGE_DPI


def paint_paper_charts(view: ProgressView, unit: Unit, width_px: int, height_px: int, *,
                       with_text: bool = True) -> tuple[QImage, Drawn]:
    image = QImage(width_px, height_px, QImage.Format.Format_RGB32)
    dots_per_metre = round(IMAGE_DPI / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    try:
        drawn = PaperCharts(view, unit).paint(painter, QRectF(0, 0, width_px, height_px),
                                              with_text=with_text)
    finally:
        painter.end()
    return image, drawn
