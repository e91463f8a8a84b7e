"""services/screening.py: a test, its fist width and its plan are stored together or not at all."""

from __future__ import annotations

import pytest

from ankle_gui.core.records import CompletedSet, Felt, SetOutcome, Side
from ankle_gui.core.screening import Screening, SideScreening
from ankle_gui.services.screening import ScreeningEntry, latest_test, record_test, training_days
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


# --- issue 22: the safety answers, who measured and how finely, and a kept plan ----------------

def _measured(left_cm: float, felt=Felt.FRONT, safety=None) -> ScreeningEntry:
    from ankle_gui.core.assessment import Measurer
    from ankle_gui.core.red_flags import SafetyAnswers

    left = SideScreening(Side.LEFT, left_cm, left_cm >= 10.16, felt, felt, 10.16,
                         Measurer.CLINICIAN, 0.1)
    right = SideScreening(Side.RIGHT, 13.5, True, Felt.NONE, Felt.NONE, 10.16,
                          Measurer.SELF, 0.5)
    return ScreeningEntry(Screening(left, right, True,
                                    safety=safety or SafetyAnswers.all_clear()), 10.16, "")


def test_the_safety_answers_and_how_it_was_measured_are_stored_with_the_test(
        store, catalogue, profile):
    from ankle_gui.core.assessment import Measurer
    from ankle_gui.core.red_flags import SafetyAnswers

    safety = SafetyAnswers({**SafetyAnswers.all_clear().answers, "blood_thinners": True})
    record_test(store, catalogue, profile, _measured(6.0, Felt.BACK, safety=safety))
    results = store.results.for_profile(profile.id)
    [record] = store.results.records(profile.id).values()
    assert record.taken_at == results[0].taken_at            # stored with the test
    assert record.safety == safety and record.fist_width_cm == 10.16
    ktw = {r.side: r for r in results if r.test == "knee_to_wall"}
    assert (ktw[Side.LEFT].measured_by, ktw[Side.LEFT].resolution_cm) == (
        Measurer.CLINICIAN, 0.1)
    assert (ktw[Side.RIGHT].measured_by, ktw[Side.RIGHT].resolution_cm) == (Measurer.SELF, 0.5)
    # The plan holds back what the blood thinner rules out.
    items, _ = store.plans.current(profile.id)
    assert "biphasic_stretch" in {i.drill_id for i in items}
    assert "trigger_point_rolling" not in {i.drill_id for i in items}
    latest = latest_test(store, catalogue, profile)
    assert latest is not None and latest.advice is not None
    assert latest.advice.heading == "See a clinician first"


def test_a_borderline_retest_keeps_the_corrective_plan(store, catalogue, profile):
    # Issue 22 §2: 9.0 → 10.5 cm, inside the error, dropped the corrective drills.
    record_test(store, catalogue, profile, _measured(9.0 - 1.0))     # 8.0: clearly short
    before = {i.drill_id for i in store.plans.current(profile.id)[0]}
    record_test(store, catalogue, profile, _measured(10.5))
    after = {i.drill_id for i in store.plans.current(profile.id)[0]}
    assert "banded_mob_front" in before and after == before
    latest = latest_test(store, catalogue, profile)
    assert latest.decisions[Side.LEFT].kept_previous
    # A clear pass next time lets the corrective drills go.
    record_test(store, catalogue, profile, _measured(12.5))
    assert "banded_mob_front" not in {i.drill_id for i in store.plans.current(profile.id)[0]}


def test_a_side_that_could_not_be_tested_stores_no_number_and_is_read_back(
        store, catalogue, profile):
    from ankle_gui.core.red_flags import SafetyAnswers

    safety = SafetyAnswers(SafetyAnswers.all_clear().answers, frozenset({Side.LEFT}))
    entry = _measured(6.0, safety=safety)
    left = SideScreening(Side.LEFT, None, None)
    entry = ScreeningEntry(Screening(left, entry.screening.right, True, safety=safety),
                           10.16, "")
    record_test(store, catalogue, profile, entry)
    assert {r.side for r in store.results.for_profile(profile.id)
            if r.test == "knee_to_wall"} == {Side.RIGHT}
    latest = latest_test(store, catalogue, profile)
    assert latest.screening.left.knee_to_wall_cm is None
    assert [f.key for f in latest.findings] == ["unable"]
    assert latest.advice.heading == "See a clinician first"
