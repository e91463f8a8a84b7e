"""services/screening.py: a test, its fist width and its plan are stored together or not at all."""

from __future__ import annotations

import pytest

from ankle_gui.core.records import CompletedSet, Felt, SetOutcome, Side
from ankle_gui.core.screening import Screening, SideScreening
from ankle_gui.services.screening import ScreeningEntry, record_test, training_days
from ankle_gui.store import WriteRefusedError

NOW = "2026-11-22T08:00:00+00:00"


def _entry(fist_cm: float | None = 9.0, left_cm: float = 6.0) -> ScreeningEntry:
    left = SideScreening(Side.LEFT, left_cm, False, Felt.FRONT, Felt.FRONT)
    right = SideScreening(Side.RIGHT, 11.5, True, Felt.BACK, Felt.NONE)
    return ScreeningEntry(Screening(left, right, True), fist_cm, "after a run")


def test_a_test_is_stored_with_its_fist_width_and_plan(store, catalogue, profile):
    assert record_test(store, catalogue, profile, _entry()) is True
    assert store.profiles.get(profile.id).fist_width_cm == 9.0
    assert store.results.count(profile.id) > 0
    items, _ = store.plans.current(profile.id)
    assert any("Left" in i.reason for i in items)
    # The same fist width again is not a change.
    again = store.profiles.get(profile.id)
    assert record_test(store, catalogue, again, _entry()) is False


def test_a_refused_write_keeps_nothing_of_the_test(store, catalogue, profile):
    with pytest.raises(WriteRefusedError, match="CHECK"):
        record_test(store, catalogue, profile, _entry(fist_cm=9.0, left_cm=99.0))  # > 30 cm
    assert store.profiles.get(profile.id).fist_width_cm is None   # rolled back with it
    assert store.results.count(profile.id) == 0 and store.plans.current(profile.id) is None


def test_training_days_are_sessions_with_a_finished_set(store, profile):
    done = store.training.start_session(profile.id, [], started_at=NOW)
    store.training.record_set(done, CompletedSet(0, "calf_raise", Side.BOTH, 1, NOW, NOW))
    skipped = store.training.start_session(profile.id, [], started_at=NOW)
    store.training.record_set(skipped, CompletedSet(0, "calf_raise", Side.BOTH, 1, NOW, NOW,
                                                    outcome=SetOutcome.SKIPPED))
    store.training.start_session(profile.id, [], started_at=NOW)   # nothing done
    assert training_days(store, profile.id) == [NOW]
