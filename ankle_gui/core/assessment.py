"""What a knee-to-wall number means: category, asymmetry, change, angle.

Every cut-off lives here, next to the source it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ankle_gui.core.units import CM_PER_INCH

# --- cut-offs (seed 000, Risher; seed 002, "Improve your Ankle Mobility") -------------------
# Seed 000: touching the wall with the toes 4 in away is normal; 1–2 in short is abnormal.
# Seed 002: about 4–5 in is normal, less is poor, more than that is excellent.
NORMAL_LOW_CM = 4 * CM_PER_INCH        # 10.16 cm
EXCELLENT_ABOVE_CM = 5 * CM_PER_INCH   # 12.7 cm
CUTOFF_SOURCE = ("Risher, “2 Ankle Mobility Exercises using Resistance Bands”; "
                 "“Improve your Ankle Mobility” (2019)")

# --- measurement error -----------------------------------------------------------------------
# Powden et al. 2015: minimal detectable change ≈ 1.9 cm for the same person measuring.
SELF_MDC_CM = 1.9
MDC_SOURCE = "Powden et al. 2015, systematic review of the knee-to-wall test"
# Chisholm et al. 2012: 1.5 cm for the left–right difference.
ASYMMETRY_FLAG_CM = 1.5
ASYMMETRY_SOURCE = "Chisholm et al. 2012"

# --- reference values ------------------------------------------------------------------------
# Calatayud et al. 2015, healthy young men: 11.6 ± 4.0 cm left, 11.8 ± 4.2 cm right.
NORMATIVE_CM = {"left": (11.6, 4.0), "right": (11.8, 4.2)}
NORMATIVE_SOURCE = "Calatayud et al. 2015, healthy young men"

# Bennell et al. 1998: about 3.6° of dorsiflexion per cm, a rule of thumb only.
DEGREES_PER_CM = 3.6
ANGLE_SOURCE = "Bennell et al. 1998 (rule of thumb)"

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


def approx_angle_deg(knee_to_wall_cm: float) -> float:
    return knee_to_wall_cm * DEGREES_PER_CM


def angle_text(knee_to_wall_cm: float) -> str:
    return f"≈ {approx_angle_deg(knee_to_wall_cm):.0f}° (estimate)"


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


def change(before_cm: float, after_cm: float, mdc_cm: float = SELF_MDC_CM) -> Change:
    """Only a change of at least the minimal detectable change counts as real."""
    delta = round(after_cm - before_cm, 6)
    if delta >= mdc_cm:
        return Change.IMPROVED
    if delta <= -mdc_cm:
        return Change.WORSE
    return Change.WITHIN_ERROR


def fist_screen_passes(knee_to_wall_cm: float, fist_width_cm: float) -> bool:
    """Rusin's screen: the knee travels past a fist's width beyond the toes."""
    return knee_to_wall_cm >= fist_width_cm


def normative_z(knee_to_wall_cm: float, side: str) -> float:
    """Standard deviations from the healthy-young-men mean for that side."""
    mean, sd = NORMATIVE_CM[side]
    return (knee_to_wall_cm - mean) / sd
