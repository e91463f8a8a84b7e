"""The knee-to-wall rules in core/assessment.py, with worked cases for both sides."""

from __future__ import annotations

import pytest

from ankle_gui.core.assessment import (
    ASYMMETRY_FLAG_CM,
    EXCELLENT_ABOVE_CM,
    FIST_DEFAULT_CM,
    NORMAL_LOW_CM,
    SELF_MDC_CM,
    Category,
    Change,
    angle_text,
    approx_angle_deg,
    asymmetry,
    category,
    change,
    fist_screen_passes,
    normative_z,
    shortfall_cm,
)


def test_cut_offs_come_from_the_seeds_in_inches():
    # Seed 000: 4 in is normal; seed 002: 4–5 in normal, more is excellent.
    assert NORMAL_LOW_CM == pytest.approx(10.16)
    assert EXCELLENT_ABOVE_CM == pytest.approx(12.7)
    assert SELF_MDC_CM == 1.9 and ASYMMETRY_FLAG_CM == 1.5
    assert FIST_DEFAULT_CM == pytest.approx({"men": 10.16, "women": 8.89})


@pytest.mark.parametrize(("cm", "expected"), [
    (0.0, Category.RESTRICTED),
    (5.08, Category.RESTRICTED),     # 2 in: 2 in short of the mark (seed 000: abnormal)
    (7.62, Category.RESTRICTED),     # 3 in: 1 in short
    (10.15, Category.RESTRICTED),
    (10.16, Category.NORMAL),        # touching at 4 in
    (11.5, Category.NORMAL),
    (12.7, Category.NORMAL),         # 5 in is still "about 4–5 in"
    (12.71, Category.EXCELLENT),
    (15.0, Category.EXCELLENT),
])
def test_category(cm, expected):
    assert category(cm) is expected


def test_shortfall_is_how_far_from_four_inches():
    assert shortfall_cm(7.62) == pytest.approx(2.54)
    assert shortfall_cm(10.16) == 0.0 and shortfall_cm(14.0) == 0.0


@pytest.mark.parametrize(("left", "right", "flagged", "tighter"), [
    (8.0, 9.5, True, "left"),        # exactly 1.5 cm: flagged
    (9.5, 8.0, True, "right"),
    (8.0, 9.4, False, "left"),       # 1.4 cm: within the difference's error
    (9.4, 8.0, False, "right"),
    (10.0, 10.0, False, None),
    (6.0, 12.0, True, "left"),
])
def test_asymmetry_either_way(left, right, flagged, tighter):
    a = asymmetry(left, right)
    assert a.difference_cm == pytest.approx(left - right)
    assert a.flagged is flagged
    assert a.tighter_side == tighter


@pytest.mark.parametrize(("before", "after", "expected"), [
    (6.0, 7.9, Change.IMPROVED),     # exactly the 1.9 cm MDC
    (6.0, 7.8, Change.WITHIN_ERROR),
    (6.0, 6.0, Change.WITHIN_ERROR),
    (7.9, 6.0, Change.WORSE),
    (7.8, 6.0, Change.WITHIN_ERROR),
    (10.0, 13.0, Change.IMPROVED),
])
def test_change_counts_only_beyond_measurement_error(before, after, expected):
    assert change(before, after) is expected


def test_change_labels_say_within_measurement_error():
    assert Change.WITHIN_ERROR.label == "Within measurement error"
    assert (Change.IMPROVED.label, Change.WORSE.label) == ("Improvement", "Loss")


def test_angle_is_an_estimate_at_about_3_6_degrees_per_cm():
    assert approx_angle_deg(10.0) == pytest.approx(36.0)
    assert angle_text(10.0) == "≈ 36° (estimate)"


@pytest.mark.parametrize(("ktw", "fist", "passes"), [
    (10.16, FIST_DEFAULT_CM["men"], True),
    (10.0, FIST_DEFAULT_CM["men"], False),
    (9.0, FIST_DEFAULT_CM["women"], True),
    (8.8, FIST_DEFAULT_CM["women"], False),
])
def test_fist_screen_passes_past_the_fist(ktw, fist, passes):
    assert fist_screen_passes(ktw, fist) is passes


@pytest.mark.parametrize(("side", "cm", "z"), [
    ("left", 11.6, 0.0), ("left", 7.6, -1.0), ("right", 11.8, 0.0), ("right", 16.0, 1.0),
])
def test_place_against_calatayud_per_side(side, cm, z):
    assert normative_z(cm, side) == pytest.approx(z)
