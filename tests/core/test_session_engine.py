"""The session engine driven by a fake clock: whole sessions in milliseconds of real time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ankle_gui.core.plan import PlanItem
from ankle_gui.core.records import SetOutcome, Side
from ankle_gui.core.session import EngineError, EventKind, SessionEngine
from ankle_gui.core.steps import LEAD_IN_S, StepKind, build_steps, rep_period


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Run:
    """Drives an engine like the Qt player does: polls often, saves each set, then confirms."""

    def __init__(self, items, catalogue, paced=False, **kwargs):
        self.clock = FakeClock()
        self.wall_start = datetime(2024, 3, 1, 18, 0, tzinfo=UTC)
        self.engine = SessionEngine.for_plan(items, catalogue, self.clock, paced=paced,
                                             wall=self.wall, **kwargs)
        self.saved = []     # (set, replaces) in save order
        self.events = []
        self.handle(self.engine.begin())

    def wall(self):
        return self.wall_start + timedelta(seconds=self.clock.now - 1000.0)

    def handle(self, events):
        for ev in events:
            self.events.append(ev)
            if ev.kind is EventKind.SET_DONE:
                self.saved.append((ev.done, ev.replaces))
                self.handle(self.engine.set_saved())

    def do(self, command, *args):
        self.handle(getattr(self.engine, command)(*args))

    def run_for(self, seconds, step=0.05):
        end = self.clock.now + seconds
        while self.clock.now < end - 1e-9:
            self.clock.now = min(end, self.clock.now + step)
            self.handle(self.engine.poll())

    def spoken(self):
        return [e.text for e in self.events if e.kind in (EventKind.STEP, EventKind.SAY) and e.text]

    def kinds(self):
        return [e.kind for e in self.events]

    @property
    def step(self):
        return self.engine.step


def test_steps_for_a_rep_drill_both_sides_two_rounds(catalogue):
    items = [PlanItem("banded_mob_front", Side.BOTH, {"reps": 12, "rounds": 2, "rest_s": 30})]
    kinds = [(s.kind, s.side, s.round) for s in build_steps(items, catalogue)]
    assert kinds == [
        (StepKind.SETUP, Side.LEFT, 1), (StepKind.REPS, Side.LEFT, 1),
        (StepKind.REST, Side.LEFT, 2), (StepKind.REPS, Side.LEFT, 2),
        (StepKind.SWITCH_SIDE, Side.RIGHT, 1), (StepKind.REPS, Side.RIGHT, 1),
        (StepKind.REST, Side.RIGHT, 2), (StepKind.REPS, Side.RIGHT, 2),
        (StepKind.DONE, Side.BOTH, 1),
    ]


def test_biphasic_is_pulses_then_hold_knee_straight_then_bent_each_side(catalogue):
    items = [PlanItem("biphasic_stretch", Side.BOTH, {"oscillation_s": 40, "hold_s": 90})]
    work = [(s.kind, s.side, s.part, s.seconds) for s in build_steps(items, catalogue)
            if s.kind.is_work]
    assert work == [
        (StepKind.OSCILLATION, Side.LEFT, "knee straight · pulses", 40),
        (StepKind.HOLD, Side.LEFT, "knee straight · hold", 90),
        (StepKind.OSCILLATION, Side.LEFT, "knee bent · pulses", 40),
        (StepKind.HOLD, Side.LEFT, "knee bent · hold", 90),
        (StepKind.OSCILLATION, Side.RIGHT, "knee straight · pulses", 40),
        (StepKind.HOLD, Side.RIGHT, "knee straight · hold", 90),
        (StepKind.OSCILLATION, Side.RIGHT, "knee bent · pulses", 40),
        (StepKind.HOLD, Side.RIGHT, "knee bent · hold", 90),
    ]


def test_three_way_drill_counts_each_direction_and_timed_drill_each_position(catalogue):
    steps = build_steps([PlanItem("ankle_3way_mob", Side.RIGHT, {"per_direction": 15}),
                         PlanItem("trigger_point_rolling", Side.LEFT, {"work_s": 45})],
                        catalogue)
    assert [(s.kind, s.part, s.reps) for s in steps if s.kind is StepKind.DIRECTION] == [
        (StepKind.DIRECTION, "in", 15), (StepKind.DIRECTION, "out", 15),
        (StepKind.DIRECTION, "straight", 15)]
    assert [s.part for s in steps if s.kind is StepKind.TIMED] == [
        "inner calf", "outer calf", "soleus (lower calf)"]
    assert steps[4].say == "Next: Trigger-point calf rolling. Left ankle first."


def test_tests_are_not_runnable(catalogue):
    with pytest.raises(ValueError, match="test"):
        build_steps([PlanItem("knee_to_wall_test")], catalogue)


def test_whole_self_paced_session_both_sides_two_rounds(catalogue):
    items = [PlanItem("banded_mob_front", Side.BOTH, {"reps": 12, "rounds": 2, "rest_s": 30})]
    run = Run(items, catalogue)
    assert run.step.kind is StepKind.SETUP and run.engine.waiting
    run.do("primary")                                  # Start
    assert run.step.kind is StepKind.REPS and run.step.side is Side.LEFT
    for _ in range(11):
        run.run_for(2.0)
        run.do("primary")                              # Space counts a rep
    assert run.engine.reps == 11 and not run.saved
    run.do("undo_rep")
    assert run.engine.reps == 10
    run.do("count_rep")
    run.do("count_rep")                                # 12: the set is done
    assert len(run.saved) == 1
    first, replaces = run.saved[0]
    assert (first.side, first.round, first.reps_done, first.reps_target) == (Side.LEFT, 1, 12, 12)
    assert first.outcome is SetOutcome.COMPLETED and not replaces
    assert first.started_at < first.ended_at
    assert run.step.kind is StepKind.REST
    run.run_for(30.1)                                  # the rest runs out by itself
    assert run.step.kind is StepKind.REPS and run.step.round == 2
    for _ in range(12):
        run.do("count_rep")
    assert run.step.kind is StepKind.SWITCH_SIDE
    run.run_for(15.1)
    assert run.step.kind is StepKind.REPS and run.step.side is Side.RIGHT
    for _ in range(2):
        for _ in range(12):
            run.do("count_rep")
        run.do("next")                                 # N ends the rest early
    assert run.engine.ended == "done"
    assert [(s.side, s.round) for s, _ in run.saved] == [
        (Side.LEFT, 1), (Side.LEFT, 2), (Side.RIGHT, 1), (Side.RIGHT, 2)]
    assert [s.step_index for s, _ in run.saved] == [1, 3, 5, 7]
    spoken = run.spoken()
    assert "Left ankle. Twelve reps." in spoken
    assert "Switch to your right ankle." in spoken
    assert "Right ankle. Twelve reps." in spoken
    assert spoken.count("Ten seconds.") == 1          # the one full rest; switch (15 s) never
    assert spoken[-1] == "Well done. That is the session."
    assert EventKind.FINISHED in run.kinds()


def test_timer_steps_chain_without_drift_and_beep_the_last_three_seconds(catalogue):
    items = [PlanItem("biphasic_stretch", Side.LEFT, {"oscillation_s": 40, "hold_s": 90})]
    run = Run(items, catalogue)
    run.do("primary")
    started = run.clock.now
    assert run.step.kind is StepKind.OSCILLATION and run.engine.remaining() == 40
    run.run_for(40.0, step=0.037)                      # polls that never land on the second
    assert run.step.kind is StepKind.HOLD
    assert run.spoken()[-1] == "Hold."
    # The hold began at the pulses' deadline, not at the (late) poll that noticed it.
    assert run.engine.remaining() == pytest.approx(90 - (run.clock.now - started - 40), abs=1e-6)
    beeps_before = run.kinds().count(EventKind.BEEP)
    assert beeps_before == 3
    assert run.saved[0][0].seconds_done == pytest.approx(40.0, abs=1e-6)
    assert run.saved[0][0].part == "knee straight · pulses"


def test_pause_and_resume_keep_the_remaining_time_exactly(catalogue):
    run = Run([PlanItem("calf_rolling", Side.BOTH, {"work_s": 60})], catalogue)
    run.do("primary")
    run.run_for(12.5)
    run.do("primary")                                  # Space pauses a timer
    assert run.engine.paused
    left = run.engine.remaining()
    assert left == pytest.approx(47.5)
    run.run_for(300)                                   # a long break
    assert run.engine.remaining() == left
    run.do("toggle_pause")
    run.run_for(47.4)
    assert run.step.kind is StepKind.TIMED
    run.run_for(0.2)
    assert run.engine.ended == "done"
    assert run.saved[0][0].seconds_done == pytest.approx(60.0, abs=1e-6)


def test_plus_and_minus_ten_seconds(catalogue):
    run = Run([PlanItem("calf_rolling", Side.BOTH, {"work_s": 60})], catalogue)
    run.do("primary")
    run.do("add_time", 10)
    assert run.engine.remaining() == pytest.approx(70)
    run.do("add_time", -10)
    run.do("add_time", -10)
    assert run.engine.remaining() == pytest.approx(50)
    run.run_for(45)
    run.do("add_time", -10)                            # only 5 s were left: the timer ends
    assert run.engine.ended == "done"
    assert run.saved[0][0].outcome is SetOutcome.COMPLETED


def test_sleep_mid_timer_pauses_instead_of_jumping(catalogue):
    run = Run([PlanItem("calf_rolling", Side.BOTH, {"work_s": 60})], catalogue)
    run.do("primary")
    run.run_for(20)
    run.clock.now += 600                               # lid closed for ten minutes
    run.handle(run.engine.poll())
    assert run.kinds()[-1] is EventKind.SLEPT
    assert run.engine.paused and run.engine.slept
    assert run.engine.remaining() == pytest.approx(40, abs=0.06)
    run.do("primary")
    assert run.engine.running and not run.engine.slept
    run.run_for(39.9)
    assert not run.saved
    run.run_for(0.2)
    assert run.saved[0][0].seconds_done == pytest.approx(60, abs=0.06)


def test_skip_stores_a_skipped_set_and_back_redoes_the_previous_step(catalogue):
    items = [PlanItem("banded_mob_front", Side.LEFT, {"reps": 10, "rounds": 2, "rest_s": 30})]
    run = Run(items, catalogue)
    run.do("primary")
    for _ in range(4):
        run.do("count_rep")
    run.do("next")                                     # skip the rest of round 1
    skipped = run.saved[0][0]
    assert (skipped.outcome, skipped.reps_done, skipped.reps_target) == (SetOutcome.SKIPPED, 4, 10)
    assert run.step.kind is StepKind.REST
    run.do("back")                                     # redo round 1
    assert run.step.kind is StepKind.REPS and run.step.round == 1 and run.engine.reps == 0
    for _ in range(10):
        run.do("count_rep")
    redo, replaces = run.saved[1]
    assert replaces and redo.step_index == skipped.step_index
    assert redo.outcome is SetOutcome.COMPLETED and redo.reps_done == 10
    run.do("next")                                     # skip the rest step: no set
    assert len(run.saved) == 2 and run.step.round == 2
    run.do("back")                                     # rests are passed over going back
    assert run.step.kind is StepKind.REPS and run.step.round == 1


def test_paced_reps_tick_at_the_drill_tempo(catalogue):
    items = [PlanItem("banded_mob_front", Side.LEFT, {"reps": 10, "rep_hold_s": 2, "rounds": 1})]
    run = Run(items, catalogue, paced=True)
    run.do("primary")
    period = rep_period(run.step.rep_cue, 2)
    assert period == pytest.approx(5.0)                # 1.5 forward + 2 hold + 1.5 back
    run.run_for(LEAD_IN_S + 0.01)
    assert run.engine.segment().text == "Knee forward"
    run.run_for(1.5)
    assert run.engine.segment().is_hold
    run.run_for(period * 3 - 1.5)
    assert run.engine.reps == 3
    run.do("undo_rep")
    assert run.engine.reps == 2
    run.run_for(period * 8 + 0.01)
    assert run.saved[0][0].reps_done == 10
    assert run.kinds().count(EventKind.TICK) == 11
    assert run.engine.ended == "done"


def test_rep_position_runs_through_each_paced_rep_and_stops_in_a_pause(catalogue):
    items = [PlanItem("banded_mob_front", Side.LEFT, {"reps": 10, "rep_hold_s": 2, "rounds": 1})]
    run = Run(items, catalogue, paced=True)
    run.do("primary")
    assert run.engine.rep_seconds() == pytest.approx(5.0)
    assert run.engine.rep_position() is None          # the get-ready lead-in
    run.run_for(LEAD_IN_S + 0.01)
    run.run_for(2.0)                                  # into the hold, the second part
    assert run.engine.rep_position() == pytest.approx(2.0, abs=0.06)
    run.do("pause")
    run.run_for(30)
    assert run.engine.rep_position() == pytest.approx(2.0, abs=0.06)
    run.do("toggle_pause")
    run.run_for(5.0)                                  # the same moment of the next rep
    assert run.engine.rep_position() == pytest.approx(2.0, abs=0.06)
    assert run.engine.reps == 1
    run.do("set_paced", False)
    assert run.engine.rep_position() is None


def test_switching_to_paced_mid_step_keeps_the_count(catalogue):
    run = Run([PlanItem("heel_lifts", Side.BOTH, {"reps": 10})], catalogue)
    run.do("primary")
    for _ in range(3):
        run.do("primary")
    run.do("set_paced", True)
    run.run_for(LEAD_IN_S + rep_period(run.step.rep_cue, None) + 0.01)
    assert run.engine.reps == 4


def test_pain_stores_the_partial_set_and_ends_the_session(catalogue):
    run = Run([PlanItem("calf_rolling", Side.BOTH, {"work_s": 60})], catalogue)
    run.do("primary")
    run.run_for(21)
    run.do("stop_for_pain")
    pain = run.saved[0][0]
    assert pain.outcome is SetOutcome.PAIN and pain.seconds_done == pytest.approx(21)
    assert run.engine.ended == "pain"
    assert run.events[-1].reason == "pain"
    run.do("primary")
    run.run_for(60)
    assert len(run.saved) == 1


def test_quitting_mid_run_keeps_finished_sets_and_drops_the_unfinished_one(catalogue):
    items = [PlanItem("banded_mob_front", Side.BOTH, {"reps": 10, "rounds": 1})]
    run = Run(items, catalogue)
    run.do("primary")
    for _ in range(10):
        run.do("count_rep")
    run.run_for(5)
    for _ in range(3):
        run.do("count_rep")
    run.do("stop", "quit")
    assert run.engine.ended == "quit"
    assert [s.side for s, _ in run.saved] == [Side.LEFT]
    assert run.events[-1].kind is EventKind.STOPPED


def test_resume_starts_after_the_last_stored_set(catalogue):
    items = [PlanItem("banded_mob_front", Side.BOTH, {"reps": 10, "rounds": 2, "rest_s": 30})]
    run = Run(items, catalogue)
    run.do("primary")
    for _ in range(2):
        for _ in range(10):
            run.do("count_rep")
        run.do("next")
    run.do("stop", "quit")
    stored = [s for s, _ in run.saved]
    clock = FakeClock()
    again = SessionEngine.resumed(items, catalogue, clock, stored)
    assert again.index == stored[-1].step_index + 1
    events = again.begin()
    assert events[0].text.startswith("Welcome back")
    # The next thing to do is the side switch, waiting for Start.
    assert again.waiting and again.step.kind is StepKind.SWITCH_SIDE
    again.primary()
    assert again.running and again.remaining() == 15
    clock.now += 1
    again.poll()
    again.next()
    assert again.step.kind is StepKind.REPS and again.step.side is Side.RIGHT


def test_saving_is_required_before_the_next_step(catalogue):
    clock = FakeClock()
    engine = SessionEngine.for_plan([PlanItem("heel_lifts", Side.BOTH, {"reps": 10})],
                                    catalogue, clock)
    engine.begin()
    engine.primary()
    events = []
    for _ in range(10):
        events = engine.count_rep()
    assert events[-1].kind is EventKind.SET_DONE and engine.pending is not None
    assert engine.step.kind is StepKind.REPS          # still on the set until it is saved
    clock.now += 3
    assert engine.poll() == [] and engine.count_rep() == []
    engine.set_saved()
    assert engine.step.kind is StepKind.REST
    with pytest.raises(EngineError):
        engine.set_saved()
