"""The drill's figure beside the player's big number: which drill, side, position and motion
it shows in each kind of step, in step with the paced tick, and that turning it off (G) hides
it without the big number changing size."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from test_player import GET_READY_S, advance, key

from ankle_gui.core.figure import Motion
from ankle_gui.core.plan import plan_item_for
from ankle_gui.core.records import Side
from ankle_gui.core.steps import StepKind
from ankle_gui.services.preferences import FIGURE_KEY
from ankle_gui.ui.drills.drill_figure import paint_figure
from ankle_gui.ui.train.player import FIGURE_SHARE


def shown(player):
    """What the figure shows: drill poses, side, variant, motion, and whether it is visible."""
    figure = player.figure
    return figure._poses, figure._side, figure._variant, figure._motion, figure.isVisible()


def until(page, kind: StepKind) -> None:
    for _ in range(40):
        if page.player.view.kind is kind:
            return
        page.player._command("next")
    raise AssertionError(f"no {kind} step")


def test_reps_rest_and_switch_side_show_the_drill_on_its_side(qtbot, page, catalogue, clock):
    item = plan_item_for(catalogue, "banded_mob_front", Side.BOTH,
                         {"rounds": 2, "reps": 10, "rep_hold_s": 2, "rest_s": 30})
    page.start_plan([item], quick_test=False)
    player = page.player
    poses = catalogue.get("banded_mob_front").poses
    figure = player.figure
    assert figure.objectName() == "drillFigure"
    assert not figure.isVisible()                   # set-up: the list gets the room
    key(qtbot, page, Qt.Key.Key_Space)
    assert player.getReadyCountdown.isVisible()     # get ready: still at the start, faded
    assert shown(player) == (poses, Side.LEFT, None, Motion.REST, True)
    advance(page, clock, GET_READY_S + 0.1)
    assert shown(player) == (poses, Side.LEFT, None, Motion.REPS, True)
    assert figure.is_animating()
    assert figure._seconds_per_rep == pytest.approx(1.5 + 2 + 1.5)   # the rep's own pace
    for _ in range(10):
        key(qtbot, page, Qt.Key.Key_Space)
    assert player.view.kind is StepKind.REST
    assert shown(player) == (poses, Side.LEFT, None, Motion.REST, True)
    assert not figure.is_animating()
    until(page, StepKind.SWITCH_SIDE)
    assert shown(player) == (poses, Side.RIGHT, None, Motion.REST, True)


def test_the_left_side_is_drawn_mirrored(qtbot, page, catalogue):
    """The same moment on the left and on the right: one picture is the other's mirror."""
    page.start_plan([plan_item_for(catalogue, "banded_mob_front", Side.BOTH)],
                    quick_test=False)
    player = page.player
    key(qtbot, page, Qt.Key.Key_Space)
    player.figure.set_phase(0.3)
    left = _picture(player.figure)
    until(page, StepKind.SWITCH_SIDE)
    key(qtbot, page, Qt.Key.Key_N)
    assert player.figure._side is Side.RIGHT and player.view.kind is StepKind.REPS
    player.figure.set_phase(0.3)
    right = _picture(player.figure)
    assert _shape(left) != _shape(right)
    assert _mostly_equal(_shape(left), [row[::-1] for row in _shape(right)])


def _picture(figure) -> QImage:
    """The figure as it would be drawn now, into a fixed box (its widget's size may vary)."""
    image = QImage(200, 200, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    paint_figure(painter, QRectF(0, 0, 200, 200), figure._poses, figure.current_angles(),
                 side=figure._side, faded=figure._motion is Motion.REST)
    painter.end()
    return image


def _shape(image: QImage) -> list[list[bool]]:
    """Drawn or not, pixel by pixel: the shape whatever the colour."""
    return [[QColor(image.pixel(x, y)).lightness() < 235 for x in range(200)]
            for y in range(200)]


def _mostly_equal(a, b) -> bool:
    """The same shape but for the odd anti-aliased edge pixel."""
    differ = sum(p != q for row_a, row_b in zip(a, b, strict=True)
                 for p, q in zip(row_a, row_b, strict=True))
    drawn = sum(map(sum, a))
    return drawn > 500 and differ < 0.02 * drawn


def test_pulses_then_hold_in_the_position_of_the_step(qtbot, page, catalogue, clock):
    page.start_plan([plan_item_for(catalogue, "biphasic_stretch", Side.RIGHT)],
                    quick_test=False)
    player = page.player
    poses = catalogue.get("biphasic_stretch").poses
    key(qtbot, page, Qt.Key.Key_Space)
    advance(page, clock, GET_READY_S + 0.1)
    assert player.view.kind is StepKind.OSCILLATION
    assert shown(player) == (poses, Side.RIGHT, "knee straight", Motion.PULSE, True)
    assert player.figure.is_animating()
    until(page, StepKind.HOLD)
    assert shown(player) == (poses, Side.RIGHT, "knee straight", Motion.HOLD, True)
    assert not player.figure.is_animating()        # still, at the end pose
    until(page, StepKind.OSCILLATION)
    assert shown(player)[2] == "knee bent"


def test_a_three_way_drill_shows_each_direction(qtbot, page, catalogue):
    page.start_plan([plan_item_for(catalogue, "ankle_3way_mob", Side.LEFT)], quick_test=False)
    player = page.player
    key(qtbot, page, Qt.Key.Key_Space)
    seen = []
    for _ in range(3):
        assert player.view.kind is StepKind.DIRECTION
        seen.append((player.view.step_label, player.figure._variant))
        player._command("next")
    assert [variant for _, variant in seen] == ["in", "out", "straight"]


def test_each_paced_tick_starts_the_figures_rep_afresh(qtbot, page, store, catalogue, clock):
    store.settings.set("player.paced", True)
    page.start_plan([plan_item_for(catalogue, "banded_mob_front", Side.LEFT,
                                   {"reps": 10, "rep_hold_s": 2})], quick_test=False)
    player = page.player
    key(qtbot, page, Qt.Key.Key_Space)
    period = 1.5 + 2 + 1.5
    advance(page, clock, GET_READY_S + 0.1)         # rep 1 starts with the tick
    assert player.figure.current()[1] == pytest.approx(0.1 / period, abs=0.06)
    advance(page, clock, period * 3 + 0.1 * period)  # a little into rep 4
    assert player.figure.current()[1] == pytest.approx(0.1, abs=0.06)
    advance(page, clock, 0.3 * period)
    key(qtbot, page, Qt.Key.Key_Space)               # pause: the figure stops where it is
    assert player.engine.paused
    stopped = player.figure.current()[1]
    assert stopped == pytest.approx(0.4, abs=0.06)
    assert not player.figure.is_animating()
    advance(page, clock, 12.3)
    assert player.figure.current()[1] == stopped
    key(qtbot, page, Qt.Key.Key_Space)               # and carries on in step with the engine
    advance(page, clock, 0.25 * period)
    assert player.figure.current()[1] == pytest.approx(
        player.engine.rep_position() / period, abs=0.03)
    assert player.figure.current()[1] == pytest.approx(0.65, abs=0.06)


def test_g_turns_the_figure_off_and_the_big_number_keeps_its_size(qtbot, page, store,
                                                                  catalogue, clock):
    page.start_plan([plan_item_for(catalogue, "banded_mob_front", Side.LEFT,
                                   {"reps": 10})], quick_test=False)
    player = page.player
    key(qtbot, page, Qt.Key.Key_Space)
    advance(page, clock, GET_READY_S + 0.1)
    qtbot.waitUntil(lambda: player.figure.isVisible())
    assert player.figure.width() <= int(player.width() * FIGURE_SHARE)
    on_px, on_size = player.repCounter._px, player.repCounter.size()

    key(qtbot, page, Qt.Key.Key_G)
    assert store.settings.get_bool(FIGURE_KEY, True) is False
    assert not player.figure.isVisible() and not player.figure.is_animating()
    qtbot.waitUntil(lambda: player.repCounter.width() > on_size.width())  # the room is freed
    assert player.repCounter._px == on_px            # the font was never squeezed

    key(qtbot, page, Qt.Key.Key_G)                   # and back
    assert player.figure.isVisible()
    assert store.settings.get_bool(FIGURE_KEY, False) is True


def test_the_choice_is_remembered_for_the_next_session(qtbot, page, store, catalogue):
    store.settings.set(FIGURE_KEY, False)
    page.start_plan([plan_item_for(catalogue, "banded_mob_front", Side.LEFT)],
                    quick_test=False)
    key(qtbot, page, Qt.Key.Key_Space)
    assert page.player.getReadyCountdown.isVisible()
    assert not page.player.figure.isVisible()
