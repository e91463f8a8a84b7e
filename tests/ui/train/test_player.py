"""The drill player in a real widget: keys and clicks through whole drills, with the `mock`
speech engine and a fake monotonic clock, checking what was shown, spoken and stored."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from ankle_gui.core.plan import plan_item_for
from ankle_gui.core.player_timings import DEFAULT_TIMINGS
from ankle_gui.core.records import SessionStatus, SetOutcome, Side
from ankle_gui.core.steps import StepKind
from ankle_gui.services.preferences import SOUND_MUTED_KEY, VOICE_MUTED_KEY
from ankle_gui.ui.train.cues import CueOutput, quiet_cues


def advance(page, clock, seconds: float, step: float = 0.25) -> None:
    """Let ``seconds`` of fake time pass, polled as often as the real ticker would."""
    end = clock.now + seconds
    while clock.now < end - 1e-9:
        clock.now = min(end, clock.now + step)
        page.player.poll()


GET_READY_S = DEFAULT_TIMINGS.get_ready_s   # each set starts with this countdown


def key(qtbot, page, k) -> None:
    qtbot.keyClick(page.player, k)


def spoken(page) -> list[str]:
    return list(page.cues.spoken)


def test_object_names_for_outside_tools(page, catalogue):
    page.start_plan([plan_item_for(catalogue, "banded_mob_front", Side.LEFT)], quick_test=False)
    for name in ("cueText", "repCounter", "timeRemaining", "sideLabel", "startPauseButton",
                 "nextButton", "backButton", "muteButton"):
        assert page.player.findChild(object, name) is not None, name


def test_self_paced_reps_by_keys_both_sides_two_rounds(qtbot, page, store, catalogue, clock):
    item = plan_item_for(catalogue, "banded_mob_front", Side.BOTH,
                         {"rounds": 2, "reps": 10, "rep_hold_s": 2, "rest_s": 30})
    assert page.start_plan([item], quick_test=False)
    player = page.player
    assert page.cues.voice.speech.engine() == "mock"
    assert player.view.kind is StepKind.SETUP
    assert spoken(page)[-1] == "Banded ankle mob – band in front. Left ankle first."
    assert player.sideLabel.text() == "LEFT ankle"
    assert player.startPauseButton.text() == "Start"

    key(qtbot, page, Qt.Key.Key_Space)           # setup done: the first set gets ready
    assert player.view.kind is StepKind.REPS
    assert spoken(page)[-2:] == ["Left ankle. Ten reps.", "Get ready."]
    assert player.getReadyCountdown.isVisible() and not player.repCounter.isVisible()
    for _ in range(7):
        key(qtbot, page, Qt.Key.Key_Space)
    assert player.repCounter.text() == "7 / 10"
    assert player.statusLine.text() == "7 / 10 · round 1 of 2 · LEFT ankle"
    key(qtbot, page, Qt.Key.Key_U)                # undo takes back the last rep
    assert player.repCounter.text() == "6 / 10"
    qtbot.mouseClick(player.repCounter, Qt.MouseButton.LeftButton)  # a tap counts too
    assert player.repCounter.text() == "7 / 10"
    for _ in range(3):
        key(qtbot, page, Qt.Key.Key_Space)

    # The 10th rep stored the set before the rest began.
    [first] = store.training.sets(page.session_id)
    assert (first.side, first.round, first.reps_done, first.reps_target, first.outcome) == (
        Side.LEFT, 1, 10, 10, SetOutcome.COMPLETED)
    assert player.view.kind is StepKind.REST
    assert player.timeRemaining.text() == "00:30"
    assert spoken(page)[-1] == "Rest. Thirty seconds."
    advance(page, clock, 20.5)
    assert "Ten seconds." in spoken(page)
    assert player.timeRemaining.text() == "00:10"
    advance(page, clock, 9.6)
    assert player.view.kind is StepKind.REPS and player.view.status.endswith("LEFT ankle")
    assert player.getReadyCountdown.text() == str(GET_READY_S)   # round 2 gets ready too
    assert "round 2 of 2" in player.statusLine.text()

    key(qtbot, page, Qt.Key.Key_N)                # skip round 2 on the left
    assert player.view.kind is StepKind.SWITCH_SIDE
    assert spoken(page)[-1] == "Switch to your right ankle."
    assert player.sideLabel.text() == "RIGHT ankle"
    key(qtbot, page, Qt.Key.Key_N)                # ready before the switch time is up
    assert spoken(page)[-2:] == ["Right ankle. Ten reps.", "Get ready."]
    for _rnd in range(2):
        for _ in range(10):
            key(qtbot, page, Qt.Key.Key_Space)
        if _rnd == 0:
            key(qtbot, page, Qt.Key.Key_N)        # cut the rest short
    assert player.view.kind is StepKind.DONE
    assert spoken(page)[-1] == "Well done. That is the session."

    sets = store.training.sets(page.session_id)
    assert [(s.side, s.round, s.reps_done, s.outcome) for s in sets] == [
        (Side.LEFT, 1, 10, SetOutcome.COMPLETED), (Side.LEFT, 2, 0, SetOutcome.SKIPPED),
        (Side.RIGHT, 1, 10, SetOutcome.COMPLETED), (Side.RIGHT, 2, 10, SetOutcome.COMPLETED)]
    session = store.training.session(page.session_id)
    assert session.status is SessionStatus.COMPLETED
    assert page.stack.currentWidget() is page.summary
    html = page.summary.body.toHtml()
    assert "LEFT ankle" in html and "RIGHT ankle" in html and "1 skipped" in html


def test_hold_timer_pause_resume_and_ten_seconds(qtbot, page, store, catalogue, clock):
    item = plan_item_for(catalogue, "biphasic_stretch", Side.RIGHT,
                         {"oscillation_s": 40, "hold_s": 90})
    page.start_plan([item], quick_test=False)
    player = page.player
    qtbot.mouseClick(player.startPauseButton, Qt.MouseButton.LeftButton)
    assert player.view.kind is StepKind.OSCILLATION
    advance(page, clock, GET_READY_S)
    assert player.timeRemaining.text() == "00:40"
    assert player.sideLabel.text() == "RIGHT ankle"
    advance(page, clock, 10)
    assert player.timeRemaining.text() == "00:30"
    key(qtbot, page, Qt.Key.Key_Space)            # pause
    assert player.startPauseButton.text() == "Resume"
    advance(page, clock, 120)                     # paused: nothing moves
    assert player.timeRemaining.text() == "00:30"
    key(qtbot, page, Qt.Key.Key_Space)            # resume with exactly what was left
    advance(page, clock, 30)
    assert player.view.kind is StepKind.HOLD
    assert spoken(page)[-1] == "Hold."
    assert player.timeRemaining.text() == "01:30"
    qtbot.mouseClick(player.plusButton, Qt.MouseButton.LeftButton)
    assert player.timeRemaining.text() == "01:40"
    qtbot.mouseClick(player.minusButton, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(player.minusButton, Qt.MouseButton.LeftButton)
    assert player.timeRemaining.text() == "01:20"
    advance(page, clock, 75)
    assert spoken(page)[-1] == "Ten seconds."
    [pulses] = store.training.sets(page.session_id)
    assert pulses.part == "knee straight · pulses"
    assert pulses.seconds_done == pytest.approx(40, abs=0.01)
    assert pulses.seconds_target == 40


def test_back_redoes_the_previous_step_and_replaces_its_set(qtbot, page, store, catalogue):
    item = plan_item_for(catalogue, "biphasic_stretch", Side.LEFT)
    page.start_plan([item], quick_test=False)
    player = page.player
    key(qtbot, page, Qt.Key.Key_Space)
    key(qtbot, page, Qt.Key.Key_N)                # pulses cut short: skipped
    assert player.view.kind is StepKind.HOLD
    key(qtbot, page, Qt.Key.Key_B)                # redo the pulses
    assert player.view.kind is StepKind.OSCILLATION
    assert player.timeRemaining.text() == "00:30"
    key(qtbot, page, Qt.Key.Key_N)
    sets = store.training.sets(page.session_id)
    assert len(sets) == 1 and sets[0].outcome is SetOutcome.SKIPPED


def test_paced_reps_tick_at_the_drills_tempo(qtbot, page, store, catalogue, clock):
    item = plan_item_for(catalogue, "banded_mob_front", Side.LEFT,
                         {"reps": 10, "rep_hold_s": 2})
    page.start_plan([item], quick_test=False)
    player = page.player
    qtbot.mouseClick(player.pacedButton, Qt.MouseButton.LeftButton)
    assert store.settings.get_bool("player.paced")
    key(qtbot, page, Qt.Key.Key_Space)
    assert player.getReadyCountdown.isVisible()
    advance(page, clock, GET_READY_S + 0.1)       # get-ready over: rep 1, first part
    assert "<b><u>Knee forward</u></b>" in player.cueText.text()
    advance(page, clock, 1.5)
    assert "<b><u>hold 2 s</u></b>" in player.cueText.text()   # the prescribed hold
    period = 1.5 + 2 + 1.5
    advance(page, clock, period * 10)
    [done] = store.training.sets(page.session_id)
    assert done.reps_done == 10 and done.outcome is SetOutcome.COMPLETED
    assert player.view.kind is StepKind.DONE


def test_space_pauses_paced_reps_instead_of_counting(qtbot, page, store, catalogue, clock):
    store.settings.set("player.paced", True)      # remembered from last time
    page.start_plan([plan_item_for(catalogue, "banded_mob_front", Side.LEFT)], quick_test=False)
    player = page.player
    assert player.pacedButton.isChecked()
    key(qtbot, page, Qt.Key.Key_Space)
    advance(page, clock, GET_READY_S + 4 * 2)     # get ready, then two reps of 4 s
    assert player.repCounter.text() == "2 / 10"
    key(qtbot, page, Qt.Key.Key_Space)
    advance(page, clock, 30)
    assert player.repCounter.text() == "2 / 10" and player.startPauseButton.text() == "Resume"


def test_sleeping_computer_pauses_the_timer_and_says_so(qtbot, page, catalogue, clock):
    page.start_plan([plan_item_for(catalogue, "wall_calf_stretch", Side.LEFT)],
                    quick_test=False)
    player = page.player
    key(qtbot, page, Qt.Key.Key_Space)
    advance(page, clock, GET_READY_S + 10)
    assert player.timeRemaining.text() == "00:20"
    clock.now += 600                              # the lid was shut for ten minutes
    player.poll()
    assert player.timeRemaining.text() == "00:20"
    assert "asleep" in player.hintLabel.text()
    assert "asleep" in spoken(page)[-1]
    key(qtbot, page, Qt.Key.Key_Space)
    advance(page, clock, 5)
    assert player.timeRemaining.text() == "00:15"


def test_real_ticker_polls_the_engine_without_help(qtbot, page, catalogue, clock):
    page.start_plan([plan_item_for(catalogue, "wall_calf_stretch", Side.LEFT)],
                    quick_test=False)
    player = page.player
    key(qtbot, page, Qt.Key.Key_Space)
    assert player.ticker.active
    clock.now += GET_READY_S - 2.5      # in small steps: a jump over 5 s reads as sleep
    qtbot.waitUntil(lambda: player.getReadyCountdown.text() == "3", timeout=2000)
    clock.now += 3                      # the ticker takes it from get-ready into the stretch
    qtbot.waitUntil(lambda: player.timeRemaining.isVisible(), timeout=2000)
    assert player.timeRemaining.text() == "00:30" and not player.getReadyCountdown.isVisible()
    clock.now += 3
    qtbot.waitUntil(lambda: player.timeRemaining.text() == "00:27", timeout=2000)


def test_mute_switches_are_separate_and_remembered(qtbot, page, store, catalogue):
    page.start_plan([plan_item_for(catalogue, "banded_mob_front", Side.LEFT)], quick_test=False)
    player = page.player
    key(qtbot, page, Qt.Key.Key_M)
    assert store.settings.get_bool(SOUND_MUTED_KEY) and player.muteButton.text() == "Sound: off"
    assert not store.settings.get_bool(VOICE_MUTED_KEY)
    before = len(spoken(page))
    key(qtbot, page, Qt.Key.Key_V)
    assert store.settings.get_bool(VOICE_MUTED_KEY) and player.voiceButton.text() == "Voice: off"
    key(qtbot, page, Qt.Key.Key_Space)            # a new step, but the voice is off
    assert len(spoken(page)) == before
    again = CueOutput(store, quiet_cues())
    assert again.sound_muted and again.voice_muted


def test_escape_asks_first_then_stops_keeping_finished_sets(qtbot, page, store, catalogue,
                                                            monkeypatch):
    item = plan_item_for(catalogue, "banded_mob_front", Side.BOTH)
    page.start_plan([item], quick_test=False)
    player = page.player
    key(qtbot, page, Qt.Key.Key_Space)
    for _ in range(10):
        key(qtbot, page, Qt.Key.Key_Space)
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: next(answers))
    key(qtbot, page, Qt.Key.Key_Escape)           # "No": carries on
    assert player.running
    key(qtbot, page, Qt.Key.Key_Escape)
    assert not player.running
    session = store.training.session(page.session_id)
    assert (session.status, session.stop_reason) == (SessionStatus.STOPPED, "user")
    assert len(store.training.sets(page.session_id)) == 1
    assert page.summary.heading.text() == "Session stopped"


def test_a_failed_save_holds_the_run_until_it_is_saved(qtbot, page, store, catalogue):
    page.start_plan([plan_item_for(catalogue, "banded_mob_front", Side.LEFT)], quick_test=False)
    player = page.player
    real = store.training.record_set
    calls = []

    def flaky(session_id, done):
        calls.append(done)
        if len(calls) == 1:
            raise OSError("disk full")
        return real(session_id, done)

    store.training.record_set = flaky
    key(qtbot, page, Qt.Key.Key_Space)
    for _ in range(10):
        key(qtbot, page, Qt.Key.Key_Space)
    assert "disk full" in player.saveError.text()
    assert player.view.kind is StepKind.REPS       # nothing moved on
    key(qtbot, page, Qt.Key.Key_Space)             # retry
    assert player.saveError.text() == ""
    assert len(store.training.sets(page.session_id)) == 1
