"""Time: daylight saving, a clock set back, other time zones. Nothing reorders, doubles or goes."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from helpers import local_timezone

from ankle_gui.core.clock import from_utc_iso, local_display, to_utc_iso
from ankle_gui.core.plan import PlanItem, default_dose
from ankle_gui.core.records import (
    CompletedSet,
    Measurement,
    MeasurementKind,
    Phase,
    SessionStatus,
    Side,
)
from ankle_gui.core.session import EventKind, SessionEngine

BERLIN = ZoneInfo("Europe/Berlin")


def _k2w(taken_at: str, cm: float, side: Side = Side.LEFT, phase=Phase.BASELINE) -> Measurement:
    return Measurement(MeasurementKind.KNEE_TO_WALL, side, taken_at, value_cm=cm, phase=phase)


def test_repeated_hour_when_clocks_go_back_keeps_both_tests_in_order(store, profile):
    # 26 Oct 2025 in Berlin: 02:30 happens twice (summer time, then winter time).
    first = datetime(2025, 10, 26, 2, 30, tzinfo=BERLIN, fold=0)
    second = datetime(2025, 10, 26, 2, 30, tzinfo=BERLIN, fold=1)
    store.results.add(profile.id, [_k2w(to_utc_iso(first), 8.0)])
    store.results.add(profile.id, [_k2w(to_utc_iso(second), 9.0)])
    stored = store.results.for_profile(profile.id)
    assert [r.value_cm for r in stored] == [8.0, 9.0]
    assert [r.taken_at[11:16] for r in stored] == ["00:30", "01:30"]  # an hour apart in UTC
    with local_timezone("Europe/Berlin"):
        assert [local_display(r.taken_at) for r in stored] == ["2025-10-26 02:30"] * 2


def test_skipped_hour_when_clocks_go_forward(store, profile):
    before = datetime(2025, 3, 30, 1, 59, tzinfo=BERLIN)
    after = datetime(2025, 3, 30, 3, 1, tzinfo=BERLIN)  # two minutes later in real time
    store.results.add(profile.id, [_k2w(to_utc_iso(after), 9.0), _k2w(to_utc_iso(before), 8.0)])
    stored = store.results.for_profile(profile.id)
    assert [r.value_cm for r in stored] == [8.0, 9.0]
    gap = from_utc_iso(stored[1].taken_at) - from_utc_iso(stored[0].taken_at)
    assert gap == timedelta(minutes=2)


def test_clock_set_back_between_two_tests_keeps_the_newer_one_last(store, profile):
    real = datetime(2025, 6, 1, 10, 0, tzinfo=UTC)
    first = store.results.next_taken_at(profile.id, now=real)
    store.results.add(profile.id, [_k2w(first, 8.0, Side.LEFT), _k2w(first, 9.0, Side.RIGHT)])
    wrong = real - timedelta(hours=3)  # someone set the clock back
    second = store.results.next_taken_at(profile.id, now=wrong)
    assert second > first
    store.results.add(profile.id, [_k2w(second, 10.0, Side.LEFT),
                                   _k2w(second, 11.0, Side.RIGHT)])
    stored = store.results.for_profile(profile.id)
    assert [r.value_cm for r in stored] == [8.0, 9.0, 10.0, 11.0]
    # A clock that is right again goes on normally.
    later = real + timedelta(days=1)
    assert store.results.next_taken_at(profile.id, now=later) == to_utc_iso(later)


def test_two_tests_in_the_same_instant_are_both_kept(store, profile):
    frozen = datetime(2025, 6, 1, 10, 0, tzinfo=UTC)
    for cm in (8.0, 8.5):
        taken = store.results.next_taken_at(profile.id, now=frozen)
        store.results.add(profile.id, [_k2w(taken, cm)])
    assert [r.value_cm for r in store.results.for_profile(profile.id)] == [8.0, 8.5]


def test_results_from_different_time_zones_sort_by_the_real_moment(store, profile):
    # Taken in Tokyo at 08:00 on 2 June = 23:00 UTC on 1 June; New York 20:00 on 1 June = 00:00
    # UTC on 2 June. By local clock text Tokyo looks later; in reality it came first.
    tokyo = datetime(2025, 6, 2, 8, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    new_york = datetime(2025, 6, 1, 20, 0, tzinfo=ZoneInfo("America/New_York"))
    store.results.add(profile.id, [_k2w(to_utc_iso(new_york), 9.0)])
    store.results.add(profile.id, [_k2w(to_utc_iso(tokyo), 8.0)])
    stored = store.results.for_profile(profile.id)
    assert [r.value_cm for r in stored] == [8.0, 9.0]
    assert all(r.taken_at.endswith("+00:00") for r in stored)


def test_the_same_moment_written_in_two_zones_is_one_result(store, profile):
    moment = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
    in_berlin = to_utc_iso(moment.astimezone(BERLIN))
    in_tokyo = to_utc_iso(moment.astimezone(ZoneInfo("Asia/Tokyo")))
    assert in_berlin == in_tokyo
    store.results.add(profile.id, [_k2w(in_berlin, 8.0)])
    assert store.results.add_missing(profile.id, [_k2w(in_tokyo, 8.0)]) == 0  # no duplicate
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        store.results.add(profile.id, [_k2w(in_tokyo, 8.0)])
    assert store.results.count(profile.id) == 1


def test_local_times_without_a_zone_never_reach_the_disk(store, profile):
    with pytest.raises(ValueError, match="naive"):
        to_utc_iso(datetime(2025, 6, 1, 12, 0))
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        store.results.add(profile.id, [_k2w("2025-06-01T14:00:00+02:00", 8.0)])
    assert store.results.count(profile.id) == 0


def test_clock_set_back_mid_session_still_marks_it_interrupted(store, profile):
    sid = store.training.start_session(profile.id, [],
                                       started_at="2025-06-01T10:00:00.000000+00:00")
    # The clock went back an hour after the start: the set's times are before the session's.
    store.training.record_set(sid, CompletedSet(
        0, "calf_raise", Side.LEFT, 1, "2025-06-01T09:05:00.000000+00:00",
        "2025-06-01T09:06:00.000000+00:00", reps_done=10, reps_target=10))
    assert store.training.mark_running_as_interrupted() == [sid]
    session = store.training.session(sid)
    assert session.status == SessionStatus.INTERRUPTED
    assert session.ended_at >= session.started_at
    assert len(store.training.sets(sid)) == 1


def test_clock_set_back_during_a_set_loses_no_set(store, profile, catalogue):
    """The engine times steps with the monotonic clock; the wall clock jumping back an hour
    in the middle of each set must not produce a set the database refuses."""
    drill = next(d for d in catalogue if d.runnable)
    items = [PlanItem(drill.id, Side.BOTH, default_dose(drill), "")]
    mono = [1000.0]
    wall = [datetime(2025, 6, 1, 10, 0, tzinfo=UTC)]
    engine = SessionEngine.for_plan(items, catalogue, lambda: mono[0], wall=lambda: wall[0])
    sid = store.training.start_session(profile.id, [i.to_dict() for i in items],
                                       started_at=to_utc_iso(wall[0]))
    saved = []

    def handle(events):
        for ev in events:
            if ev.kind is EventKind.SET_DONE:
                store.training.record_set(sid, ev.done)
                saved.append(ev.done.step_index)
                handle(engine.set_saved())

    handle(engine.begin())
    for _ in range(500):
        if engine.ended is not None:
            break
        if engine.waiting:
            handle(engine.primary())
        mono[0] += 3.0
        wall[0] -= timedelta(hours=1)  # the clock is set back while the step runs
        handle(engine.poll())
        if engine.ended is None and engine.pending is None:
            handle(engine.next())
    assert engine.ended == "done"
    stored = store.training.sets(sid)
    assert [s.step_index for s in stored] == saved and saved
    assert len(saved) == engine.work_steps_total()
    assert all(s.ended_at >= s.started_at for s in stored)
