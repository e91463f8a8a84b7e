"""A test's key poses, drawn by the drill figure with their marks and captions side by side.

The Test page shows each screening with the same figure as the drills, so the whole app has one
visual language. The poses and marks (the knee at the wall, the fist, the heel lift) come from
the test's catalogue entry; a test with variants (knee straight, knee bent) shows the end pose
of each, one without shows its start and end poses.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from ankle_gui.core.catalogue import load_catalogue
from ankle_gui.core.poses import Key, Poses
from ankle_gui.core.records import Side
from ankle_gui.printing.figure_frame import PAD
from ankle_gui.ui.drills.drill_figure import figure_bounds, paint_figure

CAPTION_LINES = 2


def shown_keys(poses: Poses) -> tuple[Key, ...]:
    """The poses a test is explained by: each variant's end, or the start and the end."""
    if poses.variants():
        return tuple(poses.sequence(variant)[-1] for variant in poses.variants())
    keys = poses.sequence()
    return (keys[0], keys[-1])


class ScreeningFigure(QWidget):
    """The figure of one test's poses; both ankles are tested, so the leg is drawn neutral."""

    def __init__(self, drill_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.drill_id = drill_id
        self.setObjectName(f"testFigure_{drill_id}")
        self.poses = load_catalogue().get(drill_id).poses
        self.keys = shown_keys(self.poses)
        self.setToolTip(" · ".join(key.label for key in self.keys))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setMinimumSize(220, 170)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(420, 300)

    def captions(self) -> list[str]:
        return [key.label for key in self.keys]

    def panels(self) -> list[tuple[QRectF, QRectF]]:
        """Each shown pose's (figure box, caption box) in widget coordinates: the box takes
        the figure's shape, so the caption sits right under the figure."""
        line = self.fontMetrics().lineSpacing()
        caption_h = CAPTION_LINES * line + 4
        width = self.width() / len(self.keys)
        left, bottom, right, top = figure_bounds(self.poses)
        shape = (top - bottom + 2 * PAD) / (right - left + 2 * PAD)
        figure_h = max(1.0, min(self.height() - caption_h, (width - 8) * shape))
        return [(QRectF(i * width + 4, 0, width - 8, figure_h),
                 QRectF(i * width + 4, figure_h, width - 8, caption_h))
                for i in range(len(self.keys))]

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        try:
            painter.setPen(self.palette().color(self.foregroundRole()))
            for key, (figure, caption) in zip(self.keys, self.panels(), strict=True):
                paint_figure(painter, figure, self.poses, dict(key.angles), side=Side.BOTH)
                painter.drawText(caption, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                                 | Qt.TextFlag.TextWordWrap, key.label)
        finally:
            painter.end()
