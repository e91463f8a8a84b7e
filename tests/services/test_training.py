"""services/training.py: a session on disk, from start to its end status."""

from __future__ import annotations

import pytest

from ankle_gui.core.plan import plan_item_for
from ankle_gui.core.records import CompletedSet, MeasurementKind, Phase, SessionStatus, Side
from ankle_gui.core.session_events import EndReason
from ankle_gui.services.training import END_STATUS, TrainingRun

NOW = "2026-11-22T08:00:00+00:00"


@pytest.mark.parametrize("reason, status, stop", [
    (EndReason.DONE, SessionStatus.COMPLETED, None),
    (EndReason.USER, SessionStatus.STOPPED, "user"),
    (EndReason.PAIN, SessionStatus.STOPPED, "pain"),
    (EndReason.QUIT, SessionStatus.INTERRUPTED, "quit"),
])
def test_each_end_reason_gives_its_status(store, catalogue, profile, reason, status, stop):
    run = TrainingRun.start(store, profile.id, [plan_item_for(catalogue, "calf_raises_step")], {})
    run.finish(reason.value)   # the player's signal carries the plain string
    session = store.training.session(run.session_id)
    assert (session.status, session.stop_reason) == (status, stop)
    assert END_STATUS[reason] == (status, stop)


def test_quick_tests_sets_and_a_resume(store, catalogue, profile):
    items = [plan_item_for(catalogue, "calf_raises_step")]
    run = TrainingRun.start(store, profile.id, items, {Side.LEFT: 8.0, Side.RIGHT: 9.5})
    done = CompletedSet(0, "calf_raise", Side.BOTH, 1, NOW, NOW, reps_done=10)
    run.save_set(done, replaces=False)
    run.save_set(done._replace(reps_done=12), replaces=True)   # redone after Back
    run.finish(EndReason.QUIT)
    assert [s.reps_done for s in store.training.sets(run.session_id)] == [12]
    again, again_items, pre = TrainingRun.resume(store, run.session_id)
    assert again.session_id == run.session_id and again_items == items
    assert pre == {Side.LEFT: 8.0, Side.RIGHT: 9.5}
    assert store.training.session(run.session_id).status is SessionStatus.RUNNING
    again.store_quick_test(Phase.POST, {Side.LEFT: 9.0})
    post = [r for r in store.results.for_session(run.session_id) if r.phase is Phase.POST]
    assert [(r.test, r.side, r.value_cm) for r in post] == \
        [(MeasurementKind.KNEE_TO_WALL, Side.LEFT, 9.0)]
