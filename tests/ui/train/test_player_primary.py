"""The player's one highlighted button is always what Space does in that state, so the big
button and the main key never disagree (read from 2 m with the hands busy)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QPushButton
from test_player import GET_READY_S, advance, key

from ankle_gui.core.plan import plan_item_for
from ankle_gui.core.player_timings import PlayerTimings
from ankle_gui.core.records import Side
from ankle_gui.core.steps import StepKind
from ankle_gui.ui.common.style import ACCENT


def highlighted(player) -> list[str]:
    """The visible buttons drawn in the accent colour, as "objectName: text"."""
    shown = []
    for button in player.findChildren(QPushButton):
        if not button.isVisible():
            continue
        image = button.grab().toImage()
        if image.pixelColor(image.width() // 2, 3) == QColor(ACCENT):
            shown.append(f"{button.objectName()}: {button.text()}")
    return shown


def test_the_highlighted_button_is_what_space_does_self_paced(qtbot, page, catalogue, clock):
    item = plan_item_for(catalogue, "banded_mob_front", Side.BOTH,
                         {"rounds": 2, "reps": 10, "rest_s": 30})
    page.start_plan([item], quick_test=False)
    player = page.player
    assert highlighted(player) == ["startPauseButton: Start"]          # get set up
    key(qtbot, page, Qt.Key.Key_Space)
    assert player.view.state == "get_ready"
    assert highlighted(player) == ["countRepButton: Count rep (Space)"]
    advance(page, clock, GET_READY_S + 0.5)
    assert player.view.state == "work"
    assert highlighted(player) == ["countRepButton: Count rep (Space)"]
    # The highlighted button does what Space does: one rep each.
    key(qtbot, page, Qt.Key.Key_Space)
    qtbot.mouseClick(player.countRepButton, Qt.MouseButton.LeftButton)
    assert player.repCounter.text() == "2 / 10"
    # Pause is still there, not highlighted, and pauses.
    assert player.startPauseButton.isVisible() and player.startPauseButton.text() == "Pause"
    qtbot.mouseClick(player.startPauseButton, Qt.MouseButton.LeftButton)
    assert player.view.state == "paused"
    assert highlighted(player) == ["startPauseButton: Resume"]
    key(qtbot, page, Qt.Key.Key_Space)
    assert player.view.state == "work" and player.repCounter.text() == "2 / 10"
    for _ in range(8):
        key(qtbot, page, Qt.Key.Key_Space)
    assert player.view.kind is StepKind.REST
    assert highlighted(player) == ["startPauseButton: Pause"]
    key(qtbot, page, Qt.Key.Key_N)
    key(qtbot, page, Qt.Key.Key_N)            # round 2 skipped: the side switch
    assert player.view.kind is StepKind.SWITCH_SIDE
    assert highlighted(player) == ["startPauseButton: Pause"]


def test_the_highlighted_button_is_what_space_does_paced(qtbot, page, store, catalogue,
                                                         clock):
    store.settings.set("player.paced", True)
    page.start_plan([plan_item_for(catalogue, "banded_mob_front", Side.LEFT),
                     plan_item_for(catalogue, "biphasic_stretch", Side.LEFT)],
                    quick_test=False)
    player = page.player
    key(qtbot, page, Qt.Key.Key_Space)
    assert player.view.state == "get_ready"
    assert highlighted(player) == ["startPauseButton: Pause"]
    advance(page, clock, GET_READY_S + 0.5)
    assert player.view.kind is StepKind.REPS and player.view.state == "work"
    assert highlighted(player) == ["startPauseButton: Pause"]
    for _ in range(10):
        if player.view.kind is StepKind.HOLD:
            break
        key(qtbot, page, Qt.Key.Key_N)
        if player.view.kind is StepKind.SETUP:
            key(qtbot, page, Qt.Key.Key_Space)
    advance(page, clock, GET_READY_S + 0.5)
    assert player.view.state == "hold_still"
    assert highlighted(player) == ["startPauseButton: Pause"]


def test_a_set_waiting_for_space_highlights_start_set(qtbot, page, store, catalogue, clock,
                                                      profile):
    store.profiles.set_timings(profile.id, **PlayerTimings(5, 30, True)._asdict())
    item = plan_item_for(catalogue, "banded_mob_front", Side.LEFT,
                         {"rounds": 2, "reps": 10, "rest_s": 30})
    page.start_plan([item], quick_test=False)
    player = page.player
    key(qtbot, page, Qt.Key.Key_Space)
    for _ in range(10):
        key(qtbot, page, Qt.Key.Key_Space)
    advance(page, clock, 31)                  # the rest is over: round 2 waits for Space
    assert player.view.primary == "Start set"
    assert highlighted(player) == ["startPauseButton: Start set"]
