"""The clinician rules (a real loss, weeks without gain) and the per-side report the Test
page shows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ankle_gui.core.assessment import Category, Change, Measurer
from ankle_gui.core.catalogue import load_catalogue
from ankle_gui.core.clock import to_utc_iso
from ankle_gui.core.records import (
    CompletedSet,
    Felt,
    Measurement,
    MeasurementKind,
    Phase,
    SessionStatus,
    Side,
    TrainingSession,
)
from ankle_gui.core.referral import (
    Concern,
    concern_flag_text,
    concern_text,
    side_concern,
    side_concerns,
    trained_sides,
)
from ankle_gui.core.screening import SideScreening
from ankle_gui.core.side_report import (
    SideReport,
    normal_range_text,
    previous_knee_to_wall,
    standing_words,
)
from ankle_gui.core.units import Unit

START = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)
CLINICIAN, TAPE = Measurer.CLINICIAN, 0.1


def at(days: float) -> str:
    return to_utc_iso(START + timedelta(days=days))


def ktw(side: Side, days: float, cm: float, phase: Phase = Phase.BASELINE,
        who: Measurer | None = CLINICIAN, resolution: float | None = TAPE) -> Measurement:
    """A clinician with a tape, unless said otherwise: Powden's 1.9 cm applies."""
    return Measurement(MeasurementKind.KNEE_TO_WALL, side, at(days), value_cm=cm, phase=phase,
                       measured_by=who, resolution_cm=resolution)


def sessions(per_week: int, weeks: int) -> list[str]:
    return [at(w * 7 + d * (7 / per_week) + 0.5) for w in range(weeks) for d in range(per_week)]


def stalled(results, trained, side):
    found = side_concern(results, trained, side)
    return found if found is not None and found.kind is Concern.STALLED else None


@pytest.mark.parametrize("side", [Side.LEFT, Side.RIGHT])
def test_four_weeks_regular_no_change_suggests_a_clinician(side):
    results = [ktw(side, 0, 6.0), ktw(side, 28, 7.5)]
    found = stalled(results, sessions(3, 4), side)
    assert found is not None
    assert (found.before_cm, found.after_cm, found.sessions) == (6.0, 7.5, 12)
    assert found.weeks == 4
    # The other side has no measurements, so nothing is said about it.
    assert side_concern(results, sessions(3, 4), side.other) is None


@pytest.mark.parametrize("side", [Side.LEFT, Side.RIGHT])
def test_a_real_gain_means_no_referral(side):
    assert side_concern([ktw(side, 0, 6.0), ktw(side, 28, 7.9)], sessions(3, 4), side) is None


def test_a_real_loss_has_its_own_words_not_less_than_the_mdc():
    # Issue 22 §2: 9.0 → 7.0 cm over six weeks read "less than the 1.9 cm a change must reach".
    found = side_concern([ktw(Side.LEFT, 0, 9.0), ktw(Side.LEFT, 42, 7.0)], sessions(3, 6),
                         Side.LEFT)
    assert found is not None and found.kind is Concern.LOSS and found.is_loss
    text = concern_text(found, Unit.CM)
    assert "really lost range" in text and "2.0 cm less" in text
    assert "less than" not in text and "must reach" not in text
    assert "Pause" not in text
    flag = concern_flag_text(found, Unit.CM)
    assert "a loss of at least the 1.9 cm margin" in flag and "no change" not in flag


def test_a_real_loss_with_pain_says_pause_and_see_the_physio():
    pains = [(at(20), 3), (at(30), 6)]
    found = side_concern([ktw(Side.LEFT, 0, 9.0), ktw(Side.LEFT, 42, 7.0)], sessions(3, 6),
                         Side.LEFT, pains)
    assert found is not None and found.kind is Concern.LOSS_WITH_PAIN
    assert found.worst_pain == 6
    assert "Pause the mobilisations on this ankle and see your physio" in concern_text(found)


def test_a_loss_inside_the_margin_is_no_loss():
    assert side_concern([ktw(Side.LEFT, 0, 9.0), ktw(Side.LEFT, 10, 7.2)], [], Side.LEFT) \
        is None
    # Self-measured, the same 2.0 cm drop is inside the 2.5 cm margin.
    own = [ktw(Side.LEFT, 0, 9.0, who=Measurer.SELF), ktw(Side.LEFT, 10, 7.0, who=Measurer.SELF)]
    assert side_concern(own, [], Side.LEFT) is None


def test_a_slow_loss_is_caught_against_four_weeks_back():
    results = [ktw(Side.LEFT, 0, 9.0), ktw(Side.LEFT, 14, 8.0), ktw(Side.LEFT, 30, 7.0)]
    found = side_concern(results, sessions(3, 5), Side.LEFT)
    assert found is not None and found.is_loss and found.before_cm == 9.0


def test_not_yet_four_weeks_means_wait():
    assert side_concern([ktw(Side.LEFT, 0, 6.0), ktw(Side.LEFT, 27, 6.0)], sessions(3, 4),
                        Side.LEFT) is None


def test_irregular_training_means_train_first():
    # 7 sessions in four weeks is under two a week.
    few = sessions(3, 4)[:7]
    assert side_concern([ktw(Side.LEFT, 0, 6.0), ktw(Side.LEFT, 28, 6.0)], few, Side.LEFT) \
        is None
    assert stalled([ktw(Side.LEFT, 0, 6.0), ktw(Side.LEFT, 28, 6.0)], sessions(2, 4),
                   Side.LEFT) is not None


def test_an_untreated_side_is_never_referred():
    # Issue 22 §2: the right side (10.0 → 10.0 cm, maintenance only) was told to see a
    # physio because sessions were counted whichever side was trained.
    results = [ktw(Side.RIGHT, 0, 10.0), ktw(Side.RIGHT, 28, 10.0),
               ktw(Side.LEFT, 0, 6.0), ktw(Side.LEFT, 28, 6.2)]
    found = side_concerns(results, {Side.LEFT: sessions(3, 4), Side.RIGHT: []})
    assert [c.side for c in found] == [Side.LEFT]


def test_only_corrective_sets_on_a_side_count_as_training_it():
    catalogue = load_catalogue()
    runs = [TrainingSession(1, 1, at(1), SessionStatus.COMPLETED),
            TrainingSession(2, 1, at(3), SessionStatus.COMPLETED),
            TrainingSession(3, 1, at(5), SessionStatus.COMPLETED)]

    def done(session_id, drill, side, outcome="completed"):
        from ankle_gui.core.records import SetOutcome

        return CompletedSet(0, drill, side, 1, at(session_id), at(session_id),
                            SetOutcome(outcome), session_id=session_id)

    sets = [done(1, "banded_mob_front", Side.LEFT), done(1, "calf_raises_step", Side.BOTH),
            done(2, "calf_raises_step", Side.BOTH),                  # maintenance only
            done(3, "biphasic_stretch", Side.RIGHT, "skipped"),      # skipped: not trained
            done(3, "trigger_point_rolling", Side.BOTH)]             # both ankles
    found = trained_sides(runs, sets, catalogue)
    assert found == {Side.LEFT: [at(1), at(5)], Side.RIGHT: [at(5)]}


def test_no_referral_once_the_ankle_is_in_the_normal_range():
    assert side_concern([ktw(Side.RIGHT, 0, 11.0), ktw(Side.RIGHT, 28, 11.2)], sessions(3, 4),
                        Side.RIGHT) is None


def test_post_tests_are_ignored_because_they_flatter():
    results = [ktw(Side.LEFT, 0, 6.0), ktw(Side.LEFT, 28, 6.4, Phase.PRE),
               ktw(Side.LEFT, 28.1, 9.0, Phase.POST)]
    found = stalled(results, sessions(3, 4), Side.LEFT)
    assert found is not None and found.after_cm == 6.4


def test_reference_is_the_measurement_about_four_weeks_back():
    results = [ktw(Side.LEFT, 0, 3.0), ktw(Side.LEFT, 14, 6.0), ktw(Side.LEFT, 42, 6.5)]
    found = stalled(results, sessions(3, 6), Side.LEFT)
    assert found is not None and found.before_cm == 6.0 and found.sessions == 12


def test_both_sides_and_the_message():
    results = [ktw(Side.LEFT, 0, 6.0), ktw(Side.LEFT, 28, 6.0), ktw(Side.RIGHT, 0, 7.0),
               ktw(Side.RIGHT, 28, 7.2)]
    found = side_concerns(results, {Side.LEFT: sessions(3, 4), Side.RIGHT: sessions(3, 4)})
    assert [s.side for s in found] == [Side.LEFT, Side.RIGHT]
    text = concern_text(found[1], Unit.CM)
    assert text.startswith("Right: 12 sessions trained this ankle over 4 weeks, and it went "
                           "from 7.0 cm to 7.2 cm: inside the 1.9 cm")
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

    def now(cm):
        return SideScreening(Side.LEFT, cm, False, Felt.FRONT, Felt.FRONT,
                             measured_by=CLINICIAN, resolution_cm=TAPE)

    improved = SideReport(now(9.0), prev)
    assert improved.change is Change.IMPROVED
    assert improved.change_text(Unit.CM) == (
        "+2.0 cm since 7.0 cm: Improvement, a real gain (at least the 1.9 cm margin)")
    assert improved.angle_change_text() == "≈ +7° (estimate) since last test"
    small = SideReport(now(8.8), prev)
    assert small.change is Change.WITHIN_ERROR
    assert small.change_text(Unit.CM) == ("+1.8 cm since 7.0 cm: Within measurement error, "
                                          "inside the 1.9 cm margin, so not a real change")
    loss = SideReport(now(5.0), prev)
    assert loss.change_text(Unit.CM) == (
        "−2.0 cm since 7.0 cm: Loss, a real loss (at least the 1.9 cm margin)")
    first = SideReport(SideScreening(Side.RIGHT, 12.8, True, Felt.NONE, Felt.NONE), None)
    assert first.change is None and first.change_text(Unit.CM).startswith("First test")
    assert first.category is Category.EXCELLENT
    assert first.angle_change_text() == ""     # no absolute angle, ever


def test_the_margin_of_a_change_is_the_larger_of_the_two_results():
    before = ktw(Side.LEFT, 0, 7.0, who=Measurer.SELF, resolution=0.5)     # 3.0 cm
    report = SideReport(SideScreening(Side.LEFT, 9.5, False, Felt.FRONT, Felt.FRONT,
                                      measured_by=CLINICIAN, resolution_cm=TAPE), before)
    assert report.margin_cm == pytest.approx(3.0)
    assert report.change is Change.WITHIN_ERROR
    assert report.measured_text(Unit.CM) == (
        "Measured by a clinician, measured with a tape, to 0.1 cm. Margin of error 1.9 cm: "
        "1.9 cm for a clinician measuring (Powden et al. 2015).")


def test_asymmetry_advice_agrees_with_the_plan():
    # Issue 22 §2: at 10.5 / 13.0 cm, both normal, the page asked to even out the gap while
    # the plan was maintenance only.
    from ankle_gui.core.side_report import asymmetry_advice

    def side(s, cm, fist, felt=Felt.NONE):
        return SideReport(SideScreening(s, cm, fist, felt, felt, measured_by=CLINICIAN,
                                        resolution_cm=TAPE), None)

    both_fine = [side(Side.LEFT, 12.2, True), side(Side.RIGHT, 14.5, True)]
    text, flagged = asymmetry_advice(both_fine, Unit.CM)
    assert flagged and "worth evening out" not in text
    assert "the plan does not chase the gap" in text and "Rabin et al. 2015" in text
    treated = [side(Side.LEFT, 6.0, False, Felt.FRONT), side(Side.RIGHT, 13.0, True)]
    text, _ = asymmetry_advice(treated, Unit.CM)
    assert "corrective drills go to the left ankle" in text
    nothing_felt = [side(Side.LEFT, 6.0, False), side(Side.RIGHT, 13.0, True)]
    assert "show the gap to your physio" in asymmetry_advice(nothing_felt, Unit.CM)[0]
    small = [side(Side.LEFT, 12.2, True), side(Side.RIGHT, 13.0, True)]
    assert asymmetry_advice(small, Unit.CM) == (
        "Difference between sides: 0.8 cm. Under 1.5 cm, so no real difference.", False)
