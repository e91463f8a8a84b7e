"""The knee-to-wall rules in core/assessment.py, with worked cases for both sides."""

from __future__ import annotations

import pytest

from ankle_gui.core.assessment import (
    ASYMMETRY_FLAG_CM,
    CLINICIAN_MDC_CM,
    EXCELLENT_ABOVE_CM,
    FIST_DEFAULT_CM,
    NORMAL_LOW_CM,
    SELF_MARGIN_CM,
    Category,
    Change,
    Measurer,
    angle_change_text,
    asymmetry,
    category,
    change,
    fist_screen_passes,
    margin_cm,
    near_cut_off,
    normative_z,
    shortfall_cm,
)


def test_cut_offs_come_from_the_seeds_in_inches():
    # Seed 000: 4 in is normal; seed 002: 4–5 in normal, more is excellent.
    assert NORMAL_LOW_CM == pytest.approx(10.16)
    assert EXCELLENT_ABOVE_CM == pytest.approx(12.7)
    assert CLINICIAN_MDC_CM == 1.9 and ASYMMETRY_FLAG_CM == 1.5
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


def test_only_a_change_becomes_degrees_at_about_3_6_per_cm():
    # Issue 22 §5: cm × 3.6 from zero is wrong (the shin already leans about 20–25° with the
    # toes at the wall), so no single result is turned into an angle, only a change.
    import ankle_gui.core.assessment as assessment

    assert not hasattr(assessment, "approx_angle_deg")
    assert angle_change_text(2.0) == "≈ +7° (estimate)"
    assert angle_change_text(-1.0) == "≈ −4° (estimate)"
    assert angle_change_text(0.0) == "≈ ±0° (estimate)"


@pytest.mark.parametrize(("who", "resolution", "margin"), [
    (Measurer.CLINICIAN, 0.1, 1.9),      # Powden's MDC: a clinician with a tape
    (Measurer.CLINICIAN, 0.5, 2.4),      # plus the 0.5 cm step the limit was found in
    (Measurer.CLINICIAN, 2.54, 4.44),    # the seeds' 1-inch steps only
    (Measurer.SELF, 0.1, 2.5),           # the app's stated figure for measuring yourself
    (Measurer.SELF, 0.5, 3.0),
    (None, None, 2.5),                   # not recorded (older tests): the cautious figure
])
def test_the_margin_follows_who_measured_and_how_finely(who, resolution, margin):
    assert margin_cm(who, resolution) == pytest.approx(margin)
    assert SELF_MARGIN_CM > CLINICIAN_MDC_CM


def test_one_inch_step_is_never_a_real_change():
    # Issue 22 §4: results in 2.5 cm steps, judged by a 1.9 cm MDC, made one step an
    # "Improvement". With the step in the margin, one step is within error, two are not.
    margin = margin_cm(Measurer.SELF, 2.54)
    assert change(7.62, 10.16, margin) is Change.WITHIN_ERROR   # one step
    assert change(7.62, 12.70, margin) is Change.IMPROVED       # two steps
    # The same one-step gain read against Powden's bare 1.9 cm is what the issue found.
    assert change(7.62, 10.16, CLINICIAN_MDC_CM) is Change.IMPROVED


def test_near_a_cut_off_means_closer_than_the_margin():
    assert near_cut_off(10.1, NORMAL_LOW_CM, 1.9) and near_cut_off(10.2, NORMAL_LOW_CM, 1.9)
    assert near_cut_off(8.3, NORMAL_LOW_CM, 1.9)
    assert not near_cut_off(8.26, NORMAL_LOW_CM, 1.9)      # exactly 1.9 cm away
    assert not near_cut_off(12.1, NORMAL_LOW_CM, 1.9)


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
