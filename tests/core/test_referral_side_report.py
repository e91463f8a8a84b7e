"""The clinician rule and the per-side report the Test page shows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ankle_gui.core.assessment import Category, Change
from ankle_gui.core.clock import to_utc_iso
from ankle_gui.core.records import Felt, Measurement, MeasurementKind, Phase, Side
from ankle_gui.core.referral import referral_text, stalled_side, stalled_sides
from ankle_gui.core.screening import SideScreening
from ankle_gui.core.side_report import (
    SideReport,
    normal_range_text,
    previous_knee_to_wall,
    standing_words,
)
from ankle_gui.core.units import Unit

START = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)


def at(days: float) -> str:
    return to_utc_iso(START + timedelta(days=days))


def ktw(side: Side, days: float, cm: float, phase: Phase = Phase.BASELINE) -> Measurement:
    return Measurement(MeasurementKind.KNEE_TO_WALL, side, at(days), value_cm=cm, phase=phase)


def sessions(per_week: int, weeks: int) -> list[str]:
    return [at(w * 7 + d * (7 / per_week) + 0.5) for w in range(weeks) for d in range(per_week)]


@pytest.mark.parametrize("side", [Side.LEFT, Side.RIGHT])
def test_four_weeks_regular_no_change_suggests_a_clinician(side):
    results = [ktw(side, 0, 6.0), ktw(side, 28, 7.5)]
    found = stalled_side(results, sessions(3, 4), side)
    assert found is not None
    assert (found.before_cm, found.after_cm, found.sessions) == (6.0, 7.5, 12)
    assert found.weeks == 4
    # The other side has no measurements, so nothing is said about it.
    assert stalled_side(results, sessions(3, 4), side.other) is None


@pytest.mark.parametrize("side", [Side.LEFT, Side.RIGHT])
def test_a_real_gain_means_no_referral(side):
    assert stalled_side([ktw(side, 0, 6.0), ktw(side, 28, 7.9)], sessions(3, 4), side) is None


def test_a_real_loss_still_refers():
    found = stalled_side([ktw(Side.LEFT, 0, 8.0), ktw(Side.LEFT, 30, 5.0)], sessions(3, 5),
                         Side.LEFT)
    assert found is not None and found.after_cm == 5.0


def test_not_yet_four_weeks_means_wait():
    assert stalled_side([ktw(Side.LEFT, 0, 6.0), ktw(Side.LEFT, 27, 6.0)], sessions(3, 4),
                        Side.LEFT) is None


def test_irregular_training_means_train_first():
    # 7 sessions in four weeks is under two a week.
    few = sessions(3, 4)[:7]
    assert stalled_side([ktw(Side.LEFT, 0, 6.0), ktw(Side.LEFT, 28, 6.0)], few, Side.LEFT) is None
    assert stalled_side([ktw(Side.LEFT, 0, 6.0), ktw(Side.LEFT, 28, 6.0)], sessions(2, 4),
                        Side.LEFT) is not None


def test_no_referral_once_the_ankle_is_in_the_normal_range():
    assert stalled_side([ktw(Side.RIGHT, 0, 11.0), ktw(Side.RIGHT, 28, 11.2)], sessions(3, 4),
                        Side.RIGHT) is None


def test_post_tests_are_ignored_because_they_flatter():
    results = [ktw(Side.LEFT, 0, 6.0), ktw(Side.LEFT, 28, 6.4, Phase.PRE),
               ktw(Side.LEFT, 28.1, 9.0, Phase.POST)]
    found = stalled_side(results, sessions(3, 4), Side.LEFT)
    assert found is not None and found.after_cm == 6.4


def test_reference_is_the_measurement_about_four_weeks_back():
    results = [ktw(Side.LEFT, 0, 3.0), ktw(Side.LEFT, 14, 6.0), ktw(Side.LEFT, 42, 6.5)]
    found = stalled_side(results, sessions(3, 6), Side.LEFT)
    assert found is not None and found.before_cm == 6.0 and found.sessions == 12


def test_both_sides_and_the_message():
    results = [ktw(Side.LEFT, 0, 6.0), ktw(Side.LEFT, 28, 6.0), ktw(Side.RIGHT, 0, 7.0),
               ktw(Side.RIGHT, 28, 7.2)]
    found = stalled_sides(results, sessions(3, 4))
    assert [s.side for s in found] == [Side.LEFT, Side.RIGHT]
    text = referral_text(found[1], Unit.CM)
    assert text.startswith("Right: 12 sessions over 4 weeks, 7.0 cm → 7.2 cm")
    assert "bony block" in text


@pytest.mark.parametrize(("side", "cm", "words"), [
    (Side.LEFT, 7.5, "below the usual range"),     # 11.6 − 4.0 = 7.6
    (Side.LEFT, 7.6, "within the usual range"),
    (Side.LEFT, 15.7, "above the usual range"),
    (Side.RIGHT, 7.5, "below the usual range"),    # 11.8 − 4.2 = 7.6
    (Side.RIGHT, 16.0, "within the usual range"),
    (Side.RIGHT, 16.1, "above the usual range"),
])
def test_standing_against_calatayud(side, cm, words):
    assert standing_words(cm, side) == words


def test_normal_range_text_in_both_units():
    assert normal_range_text(Side.LEFT, Unit.CM) == "11.6 cm ± 4.0 cm"
    assert normal_range_text(Side.RIGHT, Unit.INCH) == "4.6 in ± 1.7 in"


def test_previous_and_change_since_last_test():
    results = [ktw(Side.LEFT, 0, 6.0), ktw(Side.LEFT, 10, 7.0), ktw(Side.LEFT, 10.1, 9.5,
                                                                    Phase.POST)]
    prev = previous_knee_to_wall(results, Side.LEFT, at(20))
    assert prev.value_cm == 7.0
    assert previous_knee_to_wall(results, Side.RIGHT, at(20)) is None
    improved = SideReport(SideScreening(Side.LEFT, 9.0, False, Felt.FRONT, Felt.FRONT), prev)
    assert improved.change is Change.IMPROVED
    assert improved.change_text(Unit.CM) == "+2.0 cm since 7.0 cm: Improvement"
    small = SideReport(SideScreening(Side.LEFT, 8.8, False, Felt.FRONT, Felt.FRONT), prev)
    assert small.change is Change.WITHIN_ERROR
    assert small.change_text(Unit.CM) == "+1.8 cm since 7.0 cm: Within measurement error"
    loss = SideReport(SideScreening(Side.LEFT, 5.0, False, Felt.FRONT, Felt.FRONT), prev)
    assert loss.change_text(Unit.CM) == "−2.0 cm since 7.0 cm: Loss"
    first = SideReport(SideScreening(Side.RIGHT, 12.8, True, Felt.NONE, Felt.NONE), None)
    assert first.change is None and first.change_text(Unit.CM).startswith("First test")
    assert first.category is Category.EXCELLENT
    assert round(first.angle_deg, 1) == 46.1
