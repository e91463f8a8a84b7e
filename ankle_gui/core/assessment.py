"""What a knee-to-wall number means: category, asymmetry, change, angle.

Every cut-off lives here, next to the source it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ankle_gui.core.units import CM_PER_INCH, Unit, format_length

# --- cut-offs (seed 000, Risher; seed 002, "Improve your Ankle Mobility") -------------------
# Seed 000: touching the wall with the toes 4 in away is normal; 1–2 in short is abnormal.
# Seed 002: about 4–5 in is normal, less is poor, more than that is excellent.
NORMAL_LOW_CM = 4 * CM_PER_INCH        # 10.16 cm
EXCELLENT_ABOVE_CM = 5 * CM_PER_INCH   # 12.7 cm
CUTOFF_SOURCE = ("Risher, “2 Ankle Mobility Exercises using Resistance Bands”; "
                 "“Improve your Ankle Mobility” (2019)")

# --- measurement error -----------------------------------------------------------------------
# Powden et al. 2015 (systematic review of 12 studies): the smallest change the test can tell
# from error is about 1.9 cm when the same clinician measures again (1.6 cm between
# clinicians). Those studies had a clinician measure with a tape: the figure holds for that.
CLINICIAN_MDC_CM = 1.9
MDC_SOURCE = "Powden et al. 2015, systematic review of the knee-to-wall test"
# Measuring yourself: no study gives a figure. The app's own cautious choice is one inch,
# the seeds' own step, larger than Powden's 1.9 cm for a clinician; it is said as such.
SELF_MARGIN_CM = 2.5
SELF_MARGIN_SOURCE = "app's own cautious choice (no published figure for measuring yourself)"
# How finely a result was found. The seeds move the foot 1 in at a time ("Improve your
# Ankle Mobility" 2019); the app then refines in 0.5 cm steps or asks for a tape (0.1 cm).
INCH_STEP_CM = 2.54
FINE_STEP_CM = 0.5
TAPE_CM = 0.1
RESOLUTIONS_CM = (INCH_STEP_CM, FINE_STEP_CM, TAPE_CM)
# Chisholm et al. 2012: 1.5 cm for the left–right difference.
ASYMMETRY_FLAG_CM = 1.5
ASYMMETRY_SOURCE = "Chisholm et al. 2012"
# Rabin et al. 2015: a difference between sides is not expected in healthy adults, nor ruled
# out; so a gap between two ankles that both reach the mark gets no drills of its own.
ASYMMETRY_HEALTHY_SOURCE = "Rabin et al. 2015"


class Measurer(StrEnum):
    """Who held the tape: Powden's figure is for a clinician."""

    SELF = "self"
    CLINICIAN = "clinician"

    @property
    def label(self) -> str:
        return {"self": "Measured yourself", "clinician": "Measured by a clinician"}[self.value]


def resolution_words(resolution_cm: float | None) -> str:
    """How finely a result was found, as the Test page and the report say it."""
    if resolution_cm is None:
        return "how finely it was measured was not recorded"
    if resolution_cm <= TAPE_CM + 1e-9:
        return "measured with a tape, to 0.1 cm"
    if resolution_cm <= FINE_STEP_CM + 1e-9:
        return "found in 0.5 cm steps"
    return "found in 1-inch (2.5 cm) steps"


def margin_cm(measured_by: Measurer | None, resolution_cm: float | None) -> float:
    """The smallest change this result can show, in cm.

    The base is Powden's 1.9 cm for a clinician, or the app's 2.5 cm for anyone else
    (measuring yourself, or not recorded). A result found in steps coarser than a tape's can
    be up to one step further than it reads, so the step is added: two results one step
    apart may differ by nothing, or by two steps.
    """
    base = CLINICIAN_MDC_CM if measured_by is Measurer.CLINICIAN else SELF_MARGIN_CM
    step = resolution_cm if resolution_cm is not None and resolution_cm > TAPE_CM + 1e-9 else 0.0
    return round(base + step, 2)


def margin_words(measured_by: Measurer | None, resolution_cm: float | None) -> str:
    """Why the margin is what it is, in one clause (the Test page, the report)."""
    if measured_by is Measurer.CLINICIAN:
        who = f"{CLINICIAN_MDC_CM:g} cm for a clinician measuring (Powden et al. 2015)"
    elif measured_by is Measurer.SELF:
        who = (f"{SELF_MARGIN_CM:g} cm for measuring yourself (no study gives a figure; the "
               f"app's cautious choice, wider than the {CLINICIAN_MDC_CM:g} cm a clinician "
               "gets)")
    else:
        who = (f"{SELF_MARGIN_CM:g} cm, because who measured was not recorded (the app's "
               f"cautious figure for measuring yourself)")
    step = resolution_cm if resolution_cm is not None and resolution_cm > TAPE_CM + 1e-9 else 0
    if step:
        who += f", plus the {step:g} cm step the result was found in"
    return who


def real_change_words(unit: Unit) -> str:
    """What counts as a real change, and where the gap flag comes from (the Progress page)."""
    return (f"Only a change at least as large as the margin of error counts as real: "
            f"{format_length(CLINICIAN_MDC_CM, unit)} when a clinician measures "
            f"({MDC_SOURCE}), {format_length(SELF_MARGIN_CM, unit)} when you measure "
            "yourself (the app's cautious figure), more for a result found in coarse "
            f"steps. The gap flag is from {ASYMMETRY_SOURCE}.")

# --- reference values ------------------------------------------------------------------------
# Calatayud et al. 2015, healthy young men: 11.6 ± 4.0 cm left, 11.8 ± 4.2 cm right.
NORMATIVE_CM = {"left": (11.6, 4.0), "right": (11.8, 4.2)}
NORMATIVE_SOURCE = "Calatayud et al. 2015, healthy young men"

# Bennell et al. 1998: a change of 1 cm is about 3.6° of dorsiflexion, a rule of thumb for a
# change. It is not a ratio from zero: with the toes at the wall the shin already leans about
# 20–25°. So the app turns only a change into degrees, never a single result.
DEGREES_PER_CM = 3.6
ANGLE_SOURCE = "Bennell et al. 1998 (rule of thumb, for a change only)"

# Rusin: a fist is about 4 in for men and 3.5 in for women.
FIST_DEFAULT_CM = {"men": 4 * CM_PER_INCH, "women": 3.5 * CM_PER_INCH}


class Category(StrEnum):
    RESTRICTED = "restricted"
    NORMAL = "normal"
    EXCELLENT = "excellent"

    @property
    def label(self) -> str:
        return self.value.capitalize()


def category(knee_to_wall_cm: float) -> Category:
    if knee_to_wall_cm < NORMAL_LOW_CM:
        return Category.RESTRICTED
    if knee_to_wall_cm > EXCELLENT_ABOVE_CM:
        return Category.EXCELLENT
    return Category.NORMAL


def shortfall_cm(knee_to_wall_cm: float) -> float:
    """How far short of the 4-inch 'normal' mark; 0 when at or past it."""
    return max(0.0, NORMAL_LOW_CM - knee_to_wall_cm)


def angle_change_deg(delta_cm: float) -> float:
    """About how many degrees a change of ``delta_cm`` is (Bennell: 3.6° per cm)."""
    return delta_cm * DEGREES_PER_CM


def angle_change_text(delta_cm: float) -> str:
    degrees = round(angle_change_deg(delta_cm))
    sign = "+" if degrees > 0 else ("−" if degrees < 0 else "±")
    return f"≈ {sign}{abs(degrees)}° (estimate)"


@dataclass(frozen=True)
class Asymmetry:
    """The difference between the two sides, and whether it matters."""

    difference_cm: float  # left minus right
    flagged: bool

    @property
    def tighter_side(self) -> str | None:
        if abs(self.difference_cm) < 1e-9:
            return None
        return "left" if self.difference_cm < 0 else "right"


def asymmetry(left_cm: float, right_cm: float) -> Asymmetry:
    diff = round(left_cm - right_cm, 6)
    return Asymmetry(diff, abs(diff) >= ASYMMETRY_FLAG_CM)


class Change(StrEnum):
    IMPROVED = "improved"
    WITHIN_ERROR = "within_error"
    WORSE = "worse"

    @property
    def label(self) -> str:
        return {"improved": "Improvement", "within_error": "Within measurement error",
                "worse": "Loss"}[self.value]


def change(before_cm: float, after_cm: float, mdc_cm: float = CLINICIAN_MDC_CM) -> Change:
    """Only a change of at least the margin (``mdc_cm``) counts as real."""
    delta = round(after_cm - before_cm, 6)
    if delta >= mdc_cm - 1e-9:
        return Change.IMPROVED
    if delta <= -mdc_cm + 1e-9:
        return Change.WORSE
    return Change.WITHIN_ERROR


def near_cut_off(value_cm: float, cut_off_cm: float, margin: float) -> bool:
    """Closer to a cut-off than the margin: the test cannot tell which side it is on."""
    return abs(value_cm - cut_off_cm) < margin - 1e-9


def fist_screen_passes(knee_to_wall_cm: float, fist_width_cm: float) -> bool:
    """Rusin's screen: the knee travels past a fist's width beyond the toes."""
    return knee_to_wall_cm >= fist_width_cm


def normative_z(knee_to_wall_cm: float, side: str) -> float:
    """Standard deviations from the healthy-young-men mean for that side."""
    mean, sd = NORMATIVE_CM[side]
    return (knee_to_wall_cm - mean) / sd
