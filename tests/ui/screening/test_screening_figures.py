"""Each step of the Test page shows its test's poses with the drill figure, marks included."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QImage

from ankle_gui.printing.figure_frame import MARK
from ankle_gui.ui.screening.felt_limit_step import FeltLimitStep
from ankle_gui.ui.screening.fist_screen_step import FistScreenStep
from ankle_gui.ui.screening.fist_width_step import FistWidthStep
from ankle_gui.ui.screening.knee_to_wall_step import KneeToWallStep
from ankle_gui.ui.screening.screening_figure import ScreeningFigure
from ankle_gui.ui.screening.squat_step import SquatStep

SIZE = (420, 300)


def _rgb(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height = image.width(), image.height()
    data = np.frombuffer(image.constBits(), np.uint8, image.bytesPerLine() * height)
    return data.reshape(height, image.bytesPerLine())[:, :width * 3].reshape(
        height, width, 3).astype(int)


def _drawn(qtbot, figure: ScreeningFigure) -> np.ndarray:
    qtbot.addWidget(figure)
    figure.resize(*SIZE)
    return _rgb(figure.grab().toImage())


def _panel(rgb: np.ndarray, figure: ScreeningFigure, index: int) -> np.ndarray:
    box = figure.panels()[index][0]
    return rgb[int(box.top()):int(box.bottom()), int(box.left()):int(box.right())]


def _has_colour(rgb: np.ndarray, hex_colour: str, tolerance: int = 40) -> bool:
    target = np.array([int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)])
    return bool((np.abs(rgb - target).max(axis=2) <= tolerance).sum() >= 6)


@pytest.mark.parametrize(("step", "drill_id", "mark", "captions"), [
    (KneeToWallStep, "knee_to_wall_test", "knee_wall",
     ["Toes near the wall", "Knee touches, heel down"]),
    (FistWidthStep, "fist_width_screen", "fist", ["Fist at the toes", "Knee past the fist"]),
    (lambda: FistScreenStep(lambda: True), "fist_width_screen", "fist",
     ["Fist at the toes", "Knee past the fist"]),
    (SquatStep, "squat_heel_test", "heel_lift",
     ["Stand, feet flat", "Deep squat: do the heels stay down?"]),
])
def test_each_step_shows_its_tests_start_and_end_with_its_mark(qtbot, step, drill_id, mark,
                                                             captions):
    page = step()
    qtbot.addWidget(page)
    figure = page.figure
    assert isinstance(figure, ScreeningFigure)
    assert figure.objectName() == f"testFigure_{drill_id}"
    assert mark in [m.kind for m in figure.poses.marks]
    assert figure.captions() == captions
    rgb = _drawn(qtbot, figure)
    for index in range(2):
        pose = _panel(rgb, figure, index)
        assert (pose.min(axis=2) < 128).sum() > 200, f"no figure in panel {index}"
        assert _has_colour(pose, MARK[0]), f"no {mark} mark in panel {index}"


def test_where_it_stops_shows_the_knee_straight_then_bent(qtbot):
    page = FeltLimitStep()
    qtbot.addWidget(page)
    figure = page.figure
    assert figure.objectName() == "testFigure_knee_differentiation_step_test"
    assert figure.captions() == ["Knee straight: heel sinks", "Knee bent: heel sinks"]
    straight, bent = (key.angles for key in figure.keys)
    assert abs(straight["work_knee"]) < abs(bent["work_knee"])  # the knee bends more
    rgb = _drawn(qtbot, figure)
    first, second = _panel(rgb, figure, 0), _panel(rgb, figure, 1)
    height = min(first.shape[0], second.shape[0])
    width = min(first.shape[1], second.shape[1])
    ink_first = first[:height, :width].min(axis=2) < 128
    ink_second = second[:height, :width].min(axis=2) < 128
    assert ink_first.sum() > 200 and ink_second.sum() > 200
    assert (ink_first != ink_second).sum() > 100  # two poses, not one drawn twice


def test_the_figure_stays_inside_its_widget_and_captions_fit(qtbot):
    figure = ScreeningFigure("knee_to_wall_test")
    _drawn(qtbot, figure)
    for box, caption in figure.panels():
        assert figure.rect().toRectF().contains(box)
        assert figure.rect().toRectF().contains(caption)
        assert caption.top() >= box.bottom()
