"""The get-ready countdown before each set, and the person's own timings, on a fake clock."""

from __future__ import annotations

import pytest
from test_session_engine import Run

from ankle_gui.core.plan import PlanItem
from ankle_gui.core.player_timings import DEFAULT_TIMINGS, PlayerTimings, TimingsError
from ankle_gui.core.records import Side
from ankle_gui.core.session import EventKind
from ankle_gui.core.steps import StepKind, build_steps

REPS_TWO_ROUNDS = [PlanItem("banded_mob_front", Side.BOTH,
                            {"reps": 10, "rounds": 2, "rest_s": 30})]


def test_each_set_starts_with_a_get_ready_countdown_then_its_own_timer(catalogue):
    run = Run([PlanItem("calf_rolling", Side.BOTH, {"work_s": 60})], catalogue, get_ready_s=5)
    run.do("primary")                                   # Start, on the setup step
    assert run.step.kind is StepKind.TIMED and run.engine.getting_ready
    assert run.engine.get_ready_remaining() == pytest.approx(5.0)
    assert run.engine.remaining() == pytest.approx(60.0)   # the set's timer waits
    run.run_for(4.9)
    assert run.engine.getting_ready and run.engine.remaining() == pytest.approx(60.0)
    assert run.engine.active_seconds() == 0
    run.run_for(0.2)
    assert not run.engine.getting_ready
    assert run.engine.remaining() == pytest.approx(59.9)  # started exactly when get-ready ended
    assert "Get ready." in run.spoken() and "Go." in run.spoken()
    assert run.kinds().count(EventKind.BEEP) == 3          # 3, 2, 1 before Go


def test_get_ready_pauses_and_resumes_without_losing_time(catalogue):
    run = Run([PlanItem("calf_rolling", Side.BOTH, {"work_s": 60})], catalogue, get_ready_s=5)
    run.do("primary")
    run.run_for(2.0)
    run.do("toggle_pause")
    assert run.engine.paused and run.engine.getting_ready
    run.run_for(30.0)
    assert run.engine.get_ready_remaining() == pytest.approx(3.0)
    run.do("toggle_pause")
    run.run_for(3.05)
    assert not run.engine.getting_ready and run.engine.remaining() == pytest.approx(59.95)


def test_the_engine_says_when_the_get_ready_display_changes_next(catalogue):
    run = Run([PlanItem("calf_rolling", Side.BOTH, {"work_s": 60})], catalogue, get_ready_s=5)
    run.do("primary")
    run.run_for(0.3)
    assert run.engine.next_due() == pytest.approx(run.clock.now + 0.7)  # 5 becomes 4


def test_a_counted_rep_during_get_ready_starts_the_set_at_once(catalogue):
    run = Run(REPS_TWO_ROUNDS, catalogue, get_ready_s=5)
    run.do("primary")
    assert run.engine.getting_ready
    run.run_for(1.0)
    run.do("count_rep")
    assert not run.engine.getting_ready and run.engine.reps == 1


def test_paced_reps_begin_on_the_first_beat_after_get_ready(catalogue):
    items = [PlanItem("banded_mob_front", Side.LEFT, {"reps": 10, "rep_hold_s": 2})]
    run = Run(items, catalogue, paced=True, get_ready_s=4)
    run.do("primary")
    run.run_for(3.9)
    assert run.engine.segment() is None                  # still getting ready
    run.run_for(0.15)
    assert run.engine.segment().text == "Knee forward"   # no second lead-in
    assert run.kinds().count(EventKind.TICK) == 1


def test_sets_after_a_rest_and_a_side_switch_get_ready_too(catalogue):
    run = Run(REPS_TWO_ROUNDS, catalogue, get_ready_s=5, switch_side_s=40)
    run.do("primary")
    run.run_for(5.1)
    for _ in range(10):
        run.do("count_rep")
    assert run.step.kind is StepKind.REST
    run.run_for(30.05)
    assert run.step.round == 2 and run.engine.getting_ready   # came in by itself
    run.run_for(5.1)
    for _ in range(10):
        run.do("count_rep")
    assert run.step.kind is StepKind.SWITCH_SIDE
    assert run.engine.remaining() == pytest.approx(40.0)      # the person's own switch time
    run.run_for(40.05)
    assert run.step.side is Side.RIGHT and run.engine.getting_ready


def test_a_hold_after_its_pulses_flows_on_without_get_ready(catalogue):
    items = [PlanItem("biphasic_stretch", Side.LEFT, {"oscillation_s": 30, "hold_s": 60})]
    run = Run(items, catalogue, get_ready_s=5)
    run.do("primary")
    run.run_for(5.05)
    assert run.step.kind is StepKind.OSCILLATION and not run.engine.getting_ready
    run.run_for(30.0)
    assert run.step.kind is StepKind.HOLD and not run.engine.getting_ready
    assert run.engine.remaining() == pytest.approx(59.95)


def test_wait_for_space_holds_each_set_that_would_start_by_itself(catalogue):
    run = Run(REPS_TWO_ROUNDS, catalogue, get_ready_s=5, wait_for_space=True)
    run.do("primary")                                   # Start from setup: no second wait
    assert run.engine.getting_ready
    run.run_for(5.1)
    for _ in range(10):
        run.do("count_rep")
    run.run_for(30.05)                                  # the rest ends by itself
    assert run.step.kind is StepKind.REPS and run.engine.waiting
    run.run_for(60.0)
    assert run.engine.waiting and run.engine.reps == 0  # still waiting a minute later
    run.do("primary")
    assert run.engine.getting_ready and run.engine.running


def test_without_wait_for_space_the_next_set_starts_by_itself(catalogue):
    run = Run(REPS_TWO_ROUNDS, catalogue, get_ready_s=5, wait_for_space=False)
    run.do("primary")
    run.run_for(5.1)
    for _ in range(10):
        run.do("count_rep")
    run.run_for(30.05)
    assert not run.engine.waiting and run.engine.getting_ready


def test_switch_side_time_changes_no_step_order(catalogue):
    short = build_steps(REPS_TWO_ROUNDS, catalogue)
    long = build_steps(REPS_TWO_ROUNDS, catalogue, switch_side_s=90)
    assert [s.kind for s in short] == [s.kind for s in long]   # resume keeps working
    assert [s.seconds for s in long if s.kind is StepKind.SWITCH_SIDE] == [90.0]


def test_timings_are_kept_per_profile_with_defaults(store):
    anna = store.profiles.create("Anna")
    ben = store.profiles.create("Ben")
    assert store.profiles.timings(anna.id) == DEFAULT_TIMINGS
    store.profiles.set_timings(anna.id, 10, 60, True)
    assert store.profiles.timings(anna.id) == PlayerTimings(10, 60, True)
    assert store.profiles.timings(ben.id) == DEFAULT_TIMINGS
    store.profiles.delete(anna.id)
    count = store.db.execute("SELECT count(*) FROM player_timings").fetchone()[0]
    assert count == 0


@pytest.mark.parametrize(("get_ready", "switch", "message"), [
    (2, 30, "get-ready time"), (31, 30, "get-ready time"),
    (5, 4, "switch sides"), (5, 181, "switch sides")])
def test_bad_timings_are_refused_and_change_nothing(store, get_ready, switch, message):
    anna = store.profiles.create("Anna")
    store.profiles.set_timings(anna.id, 8, 45, False)
    with pytest.raises(TimingsError, match=message):
        store.profiles.set_timings(anna.id, get_ready, switch, True)
    assert store.profiles.timings(anna.id) == PlayerTimings(8, 45, False)


def test_a_hold_redone_with_back_gets_ready_again(catalogue):
    items = [PlanItem("biphasic_stretch", Side.LEFT, {"oscillation_s": 30, "hold_s": 60})]
    run = Run(items, catalogue, get_ready_s=5)
    run.do("primary")
    run.run_for(5.05 + 30.0 + 60.0)                   # pulses, then the hold, both done
    assert run.step.kind is StepKind.OSCILLATION and run.step.part.startswith("knee bent")
    run.do("back")                                    # redo the hold just finished
    assert run.step.kind is StepKind.HOLD and run.engine.getting_ready
