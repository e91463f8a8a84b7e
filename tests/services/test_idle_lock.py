"""Back to the welcome screen: when idle time has run out, and what happens to a drill."""

from __future__ import annotations

from helpers import FakeClock, clinic_with_patients

from ankle_gui.core.clinic import Role, idle_for_too_long
from ankle_gui.core.records import CompletedSet, SessionStatus, Side
from ankle_gui.services.idle_lock import lock_screen

T = "2026-11-02T09:00:00.000000+00:00"


def test_a_phase_the_clock_drives_is_activity_and_one_that_waits_is_not():
    assert not idle_for_too_long(179.9, 0, 3, clock_driven=False)
    assert idle_for_too_long(180, 0, 3, clock_driven=False)
    assert not idle_for_too_long(3600, 0, 3, clock_driven=True)
    assert idle_for_too_long(60, 0, 1, clock_driven=False)


def test_locking_keeps_the_finished_sets_and_marks_the_drill_interrupted(store):
    clock = FakeClock()
    _, _, (ana, _) = clinic_with_patients(store, clock)
    sid = store.training.start_session(ana.id, [], started_at=T)
    store.training.record_set(sid, CompletedSet(0, "calf_raise_step", Side.LEFT, 1, T, T))
    access = lock_screen(store, sid, clock)
    assert access.role is Role.WELCOME
    session = store.training.session(sid)
    assert (session.status, session.stop_reason) == (SessionStatus.INTERRUPTED, None)
    assert len(store.training.sets(sid)) == 1
    assert store.training.interrupted_count() == 1


def test_locking_leaves_an_ended_session_alone_and_home_mode_open(store, profile):
    sid = store.training.start_session(profile.id, [], started_at=T)
    store.training.finish_session(sid, SessionStatus.COMPLETED, ended_at=T)
    assert lock_screen(store, sid, FakeClock()).role is Role.HOME
    assert store.training.session(sid).status is SessionStatus.COMPLETED
    assert lock_screen(store).role is Role.HOME
