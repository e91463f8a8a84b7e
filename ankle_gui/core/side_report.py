"""What one test means for the person, per side, in plain words (the Test page shows this)."""

from __future__ import annotations

from dataclasses import dataclass

from ankle_gui.core.assessment import (
    NORMAL_LOW_CM,
    NORMATIVE_CM,
    Category,
    Change,
    approx_angle_deg,
    change,
    normative_z,
)
from ankle_gui.core.records import Measurement, MeasurementKind, Phase, Side
from ankle_gui.core.screening import SideScreening
from ankle_gui.core.units import Unit, format_length


def standing_words(value_cm: float, side: Side) -> str:
    """Plain words for the place against Calatayud et al. 2015 (mean ± 1 SD is 'usual')."""
    z = normative_z(value_cm, side.value)
    if z < -1:
        return "below the usual range"
    if z > 1:
        return "above the usual range"
    return "within the usual range"


_AMONG_ADULTS = {"below the usual range": "less than most adults reach",
                 "within the usual range": "usual for adults",
                 "above the usual range": "more than most adults reach"}


def normal_range_text(side: Side, unit: Unit) -> str:
    mean, sd = NORMATIVE_CM[side.value]
    return f"{format_length(mean, unit)} ± {format_length(sd, unit)}"


def previous_knee_to_wall(results: list[Measurement], side: Side,
                          before: str) -> Measurement | None:
    """The last rested knee-to-wall for ``side`` before ``before`` (post-tests flatter)."""
    earlier = [r for r in results if r.test is MeasurementKind.KNEE_TO_WALL and r.side is side
               and r.phase is not Phase.POST and r.taken_at < before and r.value_cm is not None]
    return max(earlier, key=lambda r: r.taken_at) if earlier else None


@dataclass(frozen=True)
class SideReport:
    screening: SideScreening
    previous: Measurement | None

    @property
    def side(self) -> Side:
        return self.screening.side

    @property
    def value_cm(self) -> float:
        return self.screening.knee_to_wall_cm

    @property
    def category(self) -> Category:
        return self.screening.category

    @property
    def angle_deg(self) -> float:
        return approx_angle_deg(self.value_cm)

    @property
    def standing(self) -> str:
        return standing_words(self.value_cm, self.side)

    @property
    def change(self) -> Change | None:
        if self.previous is None or self.previous.value_cm is None:
            return None
        return change(self.previous.value_cm, self.value_cm)

    @property
    def delta_cm(self) -> float | None:
        if self.previous is None or self.previous.value_cm is None:
            return None
        return round(self.value_cm - self.previous.value_cm, 6)

    def change_text(self, unit: Unit) -> str:
        verdict, previous = self.change, self.previous
        if verdict is None or previous is None or previous.value_cm is None:
            return "First test: nothing to compare with yet."
        delta = self.delta_cm or 0.0
        sign = "+" if delta >= 0 else "−"
        amount = f"{sign}{format_length(abs(delta), unit)}"
        return f"{amount} since {format_length(previous.value_cm, unit)}: {verdict.label}"

    def how_the_checks_fit(self, unit: Unit) -> str:
        """One sentence that ties the training goal, the adult range and the fist screen.

        They come from different sources and answer different questions, so a result can
        be "restricted" for training and still usual for adults; this says so in words.
        """
        value = format_length(self.value_cm, unit)
        goal = format_length(NORMAL_LOW_CM, unit)
        adults = _AMONG_ADULTS[self.standing]
        fist = self.screening.fist_passed
        if self.category is Category.RESTRICTED:
            if self.standing == "below the usual range":
                fist_part = (", even though your knee gets past your fist" if fist
                             else " and your knee does not get past your fist")
                return (f"{value} is under the {goal} training goal and {adults}{fist_part}: "
                        "this is the ankle to work on.")
            if fist:
                return (f"{value} is {adults} and gets your knee past your fist, but it is "
                        f"under the {goal} goal the training sources aim for: fine for "
                        "everyday life, with room to gain.")
            return (f"{value} is {adults}, but it is under the {goal} training goal and your "
                    "knee does not get past your fist, so there is room to gain.")
        if fist:
            return (f"All three checks agree: {value} reaches the {goal} training goal, is "
                    f"{adults} and gets your knee past your fist.")
        return (f"{value} reaches the {goal} training goal and is {adults}, but your knee "
                "does not quite get past your fist, a check that depends on the size of "
                "your hand.")
