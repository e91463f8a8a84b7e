"""The drill figure on screen: inside its box, in its side's colour, mirrored for the left,
readable at any size, cheap to draw, and animated only while it is shown."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from ankle_gui.core.figure import Motion, angles_at, pose_figure
from ankle_gui.core.records import Side
from ankle_gui.printing.figure_frame import PROP_LINE, Mapper
from ankle_gui.ui.common.style import SIDE_COLOURS
from ankle_gui.ui.drills.drill_figure import DrillFigureView, figure_bounds, paint_figure
from ankle_gui.ui.drills.drills_page import DrillsPage

BACKGROUND = QColor("white")


def render(poses, angles, size=(400, 400), margin=0, **style) -> np.ndarray:
    """The figure drawn into a box of ``size`` with ``margin`` pixels of blank around it,
    as an array of RGB pixels."""
    width, height = size
    image = QImage(width + 2 * margin, height + 2 * margin, QImage.Format.Format_RGB32)
    image.fill(BACKGROUND)
    painter = QPainter(image)
    paint_figure(painter, QRectF(margin, margin, width, height), poses, angles, **style)
    painter.end()
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(
        image.height(), image.bytesPerLine() // 4, 4)[:, :image.width(), :3]
    return pixels[:, :, ::-1].copy()  # BGRA in memory → RGB


def to_pixels(poses, point, size=(400, 400)):
    """Where ``render`` puts a point of the (right side's) figure."""
    return Mapper(QRectF(0, 0, *size), figure_bounds(poses), 0.06)(point)


def near(pixels: np.ndarray, colour: str, tolerance: int = 40) -> int:
    """How many pixels are close to ``colour``."""
    c = QColor(colour)
    target = np.array([c.red(), c.green(), c.blue()], dtype=int)
    return int((np.abs(pixels.astype(int) - target).sum(axis=2) < tolerance).sum())


def some_frames(drill):
    keys = drill.poses.sequence()
    yield keys[0].angles
    yield keys[-1].angles
    yield angles_at(keys, Motion.REPS, 0.2)
    yield angles_at(keys, Motion.PULSE, 0.5)


@pytest.mark.parametrize("size", [(48, 48), (400, 400), (320, 110), (110, 320)])
def test_nothing_is_drawn_outside_the_box(qapp, catalogue, size):
    margin = 12
    w, h = size
    for drill in catalogue:
        for side in (Side.RIGHT, Side.LEFT):
            for angles in some_frames(drill):
                pixels = render(drill.poses, angles, size, margin, side=side)
                outside = np.ones(pixels.shape[:2], bool)
                outside[margin:margin + h, margin:margin + w] = False
                assert (pixels[outside] == 255).all(), (drill.id, side, size)
                inside = pixels[margin:margin + h, margin:margin + w]
                assert (inside != 255).any(), drill.id  # and something was drawn


def test_working_leg_takes_its_sides_colour_and_print_is_grey(qapp, catalogue):
    poses = catalogue.get("half_kneeling_lunge").poses
    angles = poses.keys[-1].angles
    right = render(poses, angles, side=Side.RIGHT)
    left = render(poses, angles, side=Side.LEFT)
    assert near(right, SIDE_COLOURS[Side.RIGHT]) > 500 and near(right, SIDE_COLOURS[Side.LEFT]) == 0
    assert near(left, SIDE_COLOURS[Side.LEFT]) > 500 and near(left, SIDE_COLOURS[Side.RIGHT]) == 0
    mono = render(poses, angles, side=Side.RIGHT, mono=True).astype(int)
    spread = mono.max(axis=2) - mono.min(axis=2)
    assert spread.max() <= 2  # black, white and greys only


def test_the_massage_stick_passes_behind_the_leg_it_presses_on(qapp, catalogue):
    # The stick is pressed into the back of the calf: where it crosses the shin, the leg is
    # drawn over it; drawn on top, it looked as if it went through the leg.
    poses = catalogue.get("massage_stick_calf").poses
    for key in poses.keys:
        pixels = render(poses, key.angles, side=Side.RIGHT)
        p = pose_figure(poses, key.angles).project()
        (kx, ky), (ax, ay), (cx, cy) = p["work_knee"], p["work_ankle"], p["work_calf"]
        t = ((cx - kx) * (ax - kx) + (cy - ky) * (ay - ky)) / ((ax - kx) ** 2 + (ay - ky) ** 2)
        crossing = to_pixels(poses, (kx + (ax - kx) * t, ky + (ay - ky) * t))
        x, y = round(crossing.x()), round(crossing.y())
        patch = pixels[y - 1:y + 2, x - 1:x + 2]
        assert near(patch, SIDE_COLOURS[Side.RIGHT]) == 9, key.label
        # and the stick is there, either side of the leg
        assert near(pixels, PROP_LINE[0]) > 200, key.label


def test_the_left_side_is_the_mirror_image(qapp, catalogue):
    poses = catalogue.get("banded_mob_back").poses
    angles = poses.keys[0].angles
    right = render(poses, angles, side=Side.RIGHT)
    left = render(poses, angles, side=Side.LEFT)
    # Compare shapes, not colours: ink where the mirrored right picture has ink.
    ink_right = (right < 250).any(axis=2)[:, ::-1]
    ink_left = (left < 250).any(axis=2)
    differ = (ink_right != ink_left).sum() / max(ink_left.sum(), 1)
    assert differ < 0.1


def test_lines_grow_with_the_picture(qapp, catalogue):
    poses = catalogue.get("calf_raises_step").poses
    angles = poses.keys[0].angles
    small = near(render(poses, angles, (100, 100), side=Side.BOTH), SIDE_COLOURS[Side.BOTH])
    large = near(render(poses, angles, (400, 400), side=Side.BOTH), SIDE_COLOURS[Side.BOTH])
    # Four times the size: sixteen times the ink if the lines widen with it, four if not.
    assert large > 10 * small > 0


def test_a_rest_is_faded(qapp, catalogue):
    poses = catalogue.get("half_kneeling_lunge").poses
    angles = poses.keys[0].angles
    full = render(poses, angles, side=Side.RIGHT)
    faded = render(poses, angles, side=Side.RIGHT, faded=True)
    assert faded.min() > full.min() + 60  # nothing as dark as the full picture's darkest


# --- the animated widget ------------------------------------------------------------------

class FakeClock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def view(qtbot, catalogue):
    clock = FakeClock()
    widget = DrillFigureView(clock=clock)
    widget.clock = clock
    qtbot.addWidget(widget)
    widget.resize(300, 300)
    widget.set_poses(catalogue.get("half_kneeling_lunge").poses, Side.RIGHT)
    return widget


def test_animates_only_while_shown(qtbot, view):
    assert not view.is_animating()  # built, not shown yet
    view.show()
    qtbot.waitExposed(view)
    assert view.is_animating()
    with qtbot.waitSignal(view._timer.timeout, timeout=1000):
        pass
    view.hide()
    assert not view.is_animating()
    view.show()
    assert view.is_animating()


def test_can_be_turned_off_and_holds_or_rests_stand_still(qtbot, view):
    view.show()
    qtbot.waitExposed(view)
    keys = view._poses.sequence()
    view.set_animated(False)
    assert not view.is_animating()
    assert view.current_angles() == keys[-1].angles
    view.set_animated(True)
    assert view.is_animating()
    view.set_motion(Motion.HOLD)
    assert not view.is_animating() and view.current_angles() == keys[-1].angles
    view.set_motion(Motion.REST)
    assert not view.is_animating() and view.current_angles() == keys[0].angles
    view.set_motion(Motion.PULSE)
    assert view.is_animating()


def test_phase_follows_the_clock_at_the_tempo_or_the_player(qtbot, view):
    view.set_tempo(4.0)
    view.set_poses(view._poses, Side.RIGHT)  # restart the rep at the clock's now
    view.clock.now += 1.0
    assert view.current()[1] == pytest.approx(0.25)
    view.clock.now += 4.0
    assert view.current()[1] == pytest.approx(0.25)  # one rep later, same place
    view.show()
    view.set_phase(0.6)  # the player drives it, e.g. from its tick
    assert not view.is_animating()
    assert view.current()[1] == pytest.approx(0.6)
    view.set_phase(None)
    assert view.is_animating()


def test_each_direction_in_turn_unless_one_is_chosen(view, catalogue):
    view.set_poses(catalogue.get("half_kneeling_lunge_3way").poses, Side.LEFT)
    view.set_tempo(2.0)
    seen = []
    for _ in range(3):
        seen.append(view.current()[0])
        view.clock.now += 2.0
    assert seen == ["in", "out", "straight"]
    view.set_poses(catalogue.get("half_kneeling_lunge_3way").poses, Side.LEFT, "out")
    view.clock.now += 2.0
    assert view.current()[0] == "out"


# --- the Drills page --------------------------------------------------------------------

def test_drills_page_shows_the_selected_drill_moving(qtbot, catalogue):
    page = DrillsPage(catalogue)
    qtbot.addWidget(page)
    page.resize(1100, 650)
    page.show()
    qtbot.waitExposed(page)
    figure = page.findChild(DrillFigureView, "drillFigurePreview")
    assert figure is not None and figure.isVisible() and figure.is_animating()
    page.select("biphasic_stretch")
    assert figure._poses is catalogue.get("biphasic_stretch").poses
    assert figure._side is Side.RIGHT
    caption = page.figureCaption.text()
    assert "Right ankle" in caption and "Knee bent" in caption
    page.leftSide.setChecked(True)
    assert figure._side is Side.LEFT and "Left ankle" in page.figureCaption.text()
    page.select("calf_raises_step")  # both feet at once: no side to choose
    assert figure._side is Side.BOTH and not page.leftSide.isVisible()
    assert figure.height() >= 180
    page.hide()
    assert not figure.is_animating()
