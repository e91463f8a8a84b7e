"""Screening rules: where the limit is felt, the fist screen, and what is stored."""

from __future__ import annotations

import itertools

import pytest

from ankle_gui.core.assessment import Category, Measurer
from ankle_gui.core.records import Felt, MeasurementKind, Phase, Side
from ankle_gui.core.screening import (
    FAIL,
    PASS,
    Limit,
    Screening,
    SideScreening,
    felt_words,
    fist_screen,
    limit_type,
    screening_from_results,
)

B, F, N = Felt.BACK, Felt.FRONT, Felt.NONE

# Every combination of (knee straight, knee bent), worked out by hand.
LIMIT_TABLE = {
    (B, B): Limit.SOFT_TISSUE,
    (F, F): Limit.JOINT,
    (B, F): Limit.BOTH,
    (F, B): Limit.BOTH,
    (B, N): Limit.SOFT_TISSUE,
    (N, B): Limit.SOFT_TISSUE,
    (F, N): Limit.JOINT,
    (N, F): Limit.JOINT,
    (N, N): Limit.NONE,
}


def test_table_covers_all_nine_combinations():
    assert set(LIMIT_TABLE) == set(itertools.product(Felt, Felt))


@pytest.mark.parametrize("side", [Side.LEFT, Side.RIGHT])
@pytest.mark.parametrize(("straight", "bent"), list(LIMIT_TABLE))
def test_limit_for_every_combination_on_both_sides(side, straight, bent):
    s = SideScreening(side, 6.0, False, straight, bent)
    assert limit_type(straight, bent) is LIMIT_TABLE[(straight, bent)]
    assert s.limit is LIMIT_TABLE[(straight, bent)]
    # A failed screen needs corrective work unless nothing was felt anywhere.
    assert s.needs_corrective_work is (LIMIT_TABLE[(straight, bent)] is not Limit.NONE)


def test_felt_words_read_like_a_patient_talking():
    assert felt_words(F, F) == "pinch at the front with the knee straight and bent"
    assert felt_words(B, B) == "stretch at the back with the knee straight and bent"
    assert felt_words(B, F) == ("stretch at the back with the knee straight, "
                                "pinch at the front with the knee bent")
    assert felt_words(N, F) == ("nothing with the knee straight, "
                                "pinch at the front with the knee bent")
    assert felt_words(N, N) == "nothing felt with the knee straight or bent"


@pytest.mark.parametrize(("ktw", "fist", "answered", "expected"), [
    (10.16, 10.16, None, True),     # knee exactly at the fist: passes
    (10.0, 10.16, None, False),
    (9.0, 8.89, False, True),       # the numbers win over a contradicting answer
    (None, 10.16, True, True),      # no distance: the user's own answer
    (8.0, None, False, False),      # no fist width: the user's own answer
    (None, None, None, None),
])
def test_fist_screen_from_numbers_or_asked(ktw, fist, answered, expected):
    assert fist_screen(ktw, fist, answered) is expected


def measured(side, cm, fist_passed, straight=F, bent=F, fist_cm=None):
    """A clinician with a tape: Powden's 1.9 cm margin."""
    return SideScreening(side, cm, fist_passed, straight, bent, fist_cm, Measurer.CLINICIAN, 0.1)


@pytest.mark.parametrize("side", [Side.LEFT, Side.RIGHT])
def test_screen_passes_only_past_the_fist_and_not_restricted(side):
    assert measured(side, 12.1, True).screen_passed
    assert not measured(side, 12.1, True).needs_corrective_work
    # A small fist passes at 7.5 cm, but that is well short of the 4-inch mark.
    short = measured(side, 7.5, True)
    assert short.category is Category.RESTRICTED
    assert not short.screen_passed and short.needs_corrective_work
    assert "stricter of the two checks" in short.decide().reason
    assert not measured(side, 13.0, False, B, B).screen_passed


@pytest.mark.parametrize(("cm", "passed", "borderline"), [
    (8.2, False, False),     # 1.96 cm short of the mark: clearly short
    (8.3, False, True),      # inside 1.9 cm of it: borderline, no earlier test → the drills
    (10.1, False, True),
    (10.2, False, True),     # 10.1 and 10.2 cm get the same plan
    (12.0, False, True),
    (12.1, True, False),     # 1.94 cm past it: clearly past
])
def test_inside_the_margin_of_the_mark_is_borderline(cm, passed, borderline):
    decision = measured(Side.LEFT, cm, True).decide()
    assert (decision.passed, decision.borderline) == (passed, borderline)
    if borderline:
        assert decision.reason.startswith("Borderline:")


def test_a_borderline_result_keeps_the_last_tests_plan():
    # Issue 22 §2: 9.0 → 10.5 cm flipped the category and dropped the corrective drills.
    earlier = measured(Side.LEFT, 7.0, False).decide()
    later = measured(Side.LEFT, 10.5, True).decide(earlier)
    assert not later.passed and later.borderline and later.kept_previous
    assert "Your last test needed work" in later.reason
    passed = measured(Side.LEFT, 13.0, True).decide()
    assert measured(Side.LEFT, 10.0, False, fist_cm=None).decide(passed).passed is False
    near = measured(Side.LEFT, 10.4, True).decide(passed)
    assert near.passed and near.kept_previous


def test_the_fist_worked_out_from_the_distance_is_borderline_near_the_fist():
    # A woman at 9.5 cm with an 8.9 cm fist: past the fist by 0.6 cm, inside the margin.
    d = measured(Side.LEFT, 9.5, True, fist_cm=8.89).decide()
    assert d.borderline and not d.passed
    assert "8.9 cm" in d.reason and "10.2 cm" in d.reason


def _screening() -> Screening:
    return Screening(SideScreening(Side.LEFT, 6.0, False, F, F),
                     SideScreening(Side.RIGHT, 11.5, True, B, N), squat_heels_down=False)


def test_to_results_rows_for_both_sides():
    rows = _screening().to_results("2026-01-05T10:00:00.000000+00:00", note="first")
    by = {(r.test, r.side): r for r in rows}
    assert len(rows) == 7
    assert by[(MeasurementKind.KNEE_TO_WALL, Side.LEFT)].value_cm == 6.0
    assert by[(MeasurementKind.KNEE_TO_WALL, Side.LEFT)].note == "first"
    assert by[(MeasurementKind.KNEE_TO_WALL, Side.RIGHT)].value_cm == 11.5
    assert by[(MeasurementKind.FIST_SCREEN, Side.LEFT)].result == FAIL
    assert by[(MeasurementKind.FIST_SCREEN, Side.RIGHT)].result == PASS
    assert by[(MeasurementKind.FELT_LIMIT, Side.LEFT)].result == "joint"
    assert by[(MeasurementKind.FELT_LIMIT, Side.RIGHT)].result == "soft_tissue"
    assert by[(MeasurementKind.FELT_LIMIT, Side.RIGHT)].felt_bent is N
    assert by[(MeasurementKind.SQUAT_HEEL, Side.BOTH)].result == "no"
    assert all(r.phase is Phase.BASELINE for r in rows)


def test_round_trip_through_stored_rows_picks_the_latest_complete_test(store, profile):
    first = _screening()
    store.results.add(profile.id, first.to_results("2026-01-05T10:00:00.000000+00:00"))
    later = Screening(SideScreening(Side.LEFT, 8.2, False, B, F),
                      SideScreening(Side.RIGHT, 12.0, True, N, N), squat_heels_down=True)
    store.results.add(profile.id, later.to_results("2026-02-05T10:00:00.000000+00:00"))
    back = screening_from_results(store.results.for_profile(profile.id))
    assert back.left == later.left and back.right == later.right
    assert back.squat_heels_down is True
    assert back.taken_at == "2026-02-05T10:00:00.000000+00:00"


def test_no_complete_test_gives_none(store, profile):
    assert screening_from_results([]) is None
    rows = _screening().to_results("2026-01-05T10:00:00.000000+00:00")
    partial = [r for r in rows if r.test is not MeasurementKind.FELT_LIMIT]
    assert screening_from_results(partial) is None
