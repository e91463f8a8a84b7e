"""The player read from across the room: each state has its own word and colour, the keys,
the timings dialog, and toggles that show their state."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from test_player import GET_READY_S, advance, key

from ankle_gui.core.plan import plan_item_for
from ankle_gui.core.player_timings import PlayerTimings
from ankle_gui.core.records import SessionStatus, SetOutcome, Side
from ankle_gui.core.steps import StepKind


def banner(player) -> tuple[str, str]:
    """The banner's word and its background colour, as drawn."""
    return player.stateBanner.text(), player.stateBanner.palette().window().color().name()


def number_colour(widget) -> str:
    return widget.palette().windowText().color().name()


def test_object_names_for_outside_tools(page, catalogue):
    page.start_plan([plan_item_for(catalogue, "banded_mob_front", Side.LEFT)], quick_test=False)
    for name in ("sharpPainButton", "settingsButton", "getReadyCountdown", "stateBanner"):
        assert page.player.findChild(object, name) is not None, name


def test_paused_and_running_look_different_from_afar(qtbot, page, catalogue, clock):
    page.start_plan([plan_item_for(catalogue, "wall_calf_stretch", Side.LEFT)],
                    quick_test=False)
    player = page.player
    key(qtbot, page, Qt.Key.Key_Space)
    assert banner(player)[0] == "GET READY"
    advance(page, clock, GET_READY_S + 1)
    running_word, running_colour = banner(player)
    running_number = number_colour(player.timeRemaining)
    key(qtbot, page, Qt.Key.Key_Space)
    paused_word, paused_colour = banner(player)
    assert (running_word, paused_word) == ("WORK", "PAUSED")
    assert running_colour != paused_colour
    assert number_colour(player.timeRemaining) != running_number   # the number greys out


def test_rest_and_work_look_different_from_afar(qtbot, page, catalogue, clock):
    item = plan_item_for(catalogue, "banded_mob_front", Side.LEFT,
                         {"rounds": 2, "reps": 10, "rest_s": 30})
    page.start_plan([item], quick_test=False)
    player = page.player
    key(qtbot, page, Qt.Key.Key_Space)
    advance(page, clock, GET_READY_S + 0.5)
    work = banner(player)
    for _ in range(10):
        key(qtbot, page, Qt.Key.Key_Space)
    assert player.view.kind is StepKind.REST
    rest = banner(player)
    assert work[0] == "REPS" and rest[0] == "REST" and work[1] != rest[1]


def test_paced_mode_shows_the_current_part_in_large_words(qtbot, page, store, catalogue, clock):
    store.settings.set("player.paced", True)
    page.start_plan([plan_item_for(catalogue, "banded_mob_front", Side.LEFT,
                                   {"reps": 10, "rep_hold_s": 2})], quick_test=False)
    player = page.player
    key(qtbot, page, Qt.Key.Key_Space)
    advance(page, clock, GET_READY_S + 0.1)
    moving = banner(player)
    assert moving[0] == "KNEE FORWARD"
    advance(page, clock, 1.5)
    holding = banner(player)
    assert holding[0] == "HOLD 2 S" and holding[1] != moving[1]
    advance(page, clock, 2.0)
    assert banner(player) == ("BACK", moving[1])


def test_the_get_ready_countdown_is_shown_big_then_the_set_begins(qtbot, page, catalogue,
                                                                  clock):
    page.start_plan([plan_item_for(catalogue, "wall_calf_stretch", Side.LEFT)],
                    quick_test=False)
    player = page.player
    key(qtbot, page, Qt.Key.Key_Space)
    assert player.getReadyCountdown.isVisible() and not player.timeRemaining.isVisible()
    assert player.getReadyCountdown.text() == str(GET_READY_S)
    advance(page, clock, 1.0)
    assert player.getReadyCountdown.text() == str(GET_READY_S - 1)
    advance(page, clock, GET_READY_S)
    assert not player.getReadyCountdown.isVisible() and player.timeRemaining.isVisible()


def test_p_is_the_sharp_pain_key_and_is_listed(qtbot, page, store, catalogue, clock):
    page.start_plan([plan_item_for(catalogue, "banded_mob_front", Side.LEFT)], quick_test=False)
    player = page.player
    assert "P sharp pain" in player.keysHint.text()
    assert "(P)" in player.painButton.text()
    key(qtbot, page, Qt.Key.Key_Space)
    key(qtbot, page, Qt.Key.Key_Space)            # one rep
    with qtbot.waitSignal(page.sessionEnded) as ended:
        key(qtbot, page, Qt.Key.Key_P)
    assert ended.args[1] == "pain"
    [hurt] = store.training.sets(page.session_id)
    assert (hurt.outcome, hurt.reps_done) == (SetOutcome.PAIN, 1)
    assert store.training.session(page.session_id).status is SessionStatus.STOPPED


def test_sound_toggle_shows_its_state_and_the_tooltip_says_the_action(qtbot, page, catalogue):
    page.start_plan([plan_item_for(catalogue, "banded_mob_front", Side.LEFT)], quick_test=False)
    button = page.player.muteButton
    assert button.isChecked() and button.text() == "Sound: on"
    assert button.toolTip() == "Turn the sound off (M)"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not button.isChecked() and button.text() == "Sound: off"
    assert button.toolTip() == "Turn the sound on (M)"
    assert page.cues.sound_muted


def test_timings_dialog_stores_per_profile_and_applies_mid_session(qtbot, page, store,
                                                                    catalogue, clock):
    item = plan_item_for(catalogue, "banded_mob_front", Side.BOTH, {"reps": 10, "rounds": 1})
    page.start_plan([item], quick_test=False)
    player = page.player
    qtbot.mouseClick(player.settingsButton, Qt.MouseButton.LeftButton)
    dialog = page.findChild(object, "timingsDialog")
    qtbot.waitExposed(dialog)
    dialog.getReadySpin.setValue(8)
    dialog.switchSideSpin.setValue(75)
    dialog.waitForSpaceCheck.setChecked(True)
    with qtbot.waitSignal(dialog.timingsSaved):
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    assert store.profiles.timings(page.current.id) == PlayerTimings(8, 75, True)

    key(qtbot, page, Qt.Key.Key_Space)            # start: the new get-ready time
    assert player.getReadyCountdown.text() == "8"
    qtbot.mouseClick(player.settingsButton, Qt.MouseButton.LeftButton)
    assert player.engine.paused                   # nothing counts down behind the dialog
    page.findChildren(object, "timingsDialog")[-1].reject()
    key(qtbot, page, Qt.Key.Key_Space)            # carry on
    for _ in range(10):
        key(qtbot, page, Qt.Key.Key_Space)
    assert player.view.kind is StepKind.SWITCH_SIDE
    assert player.timeRemaining.text() == "01:15"  # the new switch time
    advance(page, clock, 75.5)
    assert player.view.kind is StepKind.REPS and player.startPauseButton.text() == "Start set"
    assert banner(player)[0] == "READY?"


def test_timings_dialog_cancel_and_back_to_the_usual(qtbot, page, store, catalogue):
    store.profiles.set_timings(page.current.id, 12, 50, True)
    dialog = page.edit_timings()
    assert (dialog.getReadySpin.value(), dialog.switchSideSpin.value()) == (12, 50)
    dialog.getReadySpin.setValue(20)
    dialog.reject()
    assert store.profiles.timings(page.current.id) == PlayerTimings(12, 50, True)
    dialog = page.edit_timings()
    dialog.findChild(QDialogButtonBox).button(
        QDialogButtonBox.StandardButton.RestoreDefaults).click()
    dialog.save()
    assert store.profiles.timings(page.current.id) == PlayerTimings()


@pytest.mark.usefixtures("profile")
def test_settings_action_opens_the_timings_for_the_current_profile(qtbot, main_window):
    assert main_window.settingsAction.objectName() == "settingsAction"
    assert main_window.settingsAction.isEnabled()
    main_window.settingsAction.trigger()
    dialog = main_window.trainPage.findChild(object, "timingsDialog")
    assert dialog is not None and "Sam" in dialog.windowTitle()


def test_settings_action_waits_for_a_profile(main_window):
    assert not main_window.settingsAction.isEnabled()
