"""What one test means for the person, per side, in plain words (the Test page shows this)."""

from __future__ import annotations

from dataclasses import dataclass

from ankle_gui.core.assessment import (
    ASYMMETRY_FLAG_CM,
    ASYMMETRY_HEALTHY_SOURCE,
    NORMAL_LOW_CM,
    NORMATIVE_CM,
    Category,
    Change,
    angle_change_text,
    asymmetry,
    change,
    margin_words,
    normative_z,
    resolution_words,
)
from ankle_gui.core.records import Measurement, MeasurementKind, Phase, Side
from ankle_gui.core.screening import Limit, ScreenDecision, SideScreening
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
    decision: ScreenDecision | None = None   # over the test history; None: this test alone

    @property
    def side(self) -> Side:
        return self.screening.side

    @property
    def tested(self) -> bool:
        return self.screening.knee_to_wall_cm is not None

    @property
    def value_cm(self) -> float | None:
        return self.screening.knee_to_wall_cm

    @property
    def category(self) -> Category | None:
        return self.screening.category

    @property
    def the_decision(self) -> ScreenDecision:
        return self.decision or self.screening.decide()

    @property
    def standing(self) -> str:
        return standing_words(self.value_cm, self.side) if self.value_cm is not None else ""

    @property
    def margin_cm(self) -> float:
        """The margin a change since the last test must reach (the larger of the two)."""
        mine = self.screening.margin_cm
        return max(mine, self.previous.margin_cm) if self.previous is not None else mine

    @property
    def change(self) -> Change | None:
        if self.previous is None or self.previous.value_cm is None or self.value_cm is None:
            return None
        return change(self.previous.value_cm, self.value_cm, self.margin_cm)

    @property
    def delta_cm(self) -> float | None:
        if self.previous is None or self.previous.value_cm is None or self.value_cm is None:
            return None
        return round(self.value_cm - self.previous.value_cm, 6)

    def angle_change_text(self) -> str:
        """Only a change is turned into degrees (Bennell's rule of thumb is per cm changed)."""
        delta = self.delta_cm
        return "" if delta is None else f"{angle_change_text(delta)} since last test"

    def change_text(self, unit: Unit) -> str:
        verdict, previous = self.change, self.previous
        if not self.tested:
            return "Not tested today."
        if verdict is None or previous is None or previous.value_cm is None:
            return "First test: nothing to compare with yet."
        delta = self.delta_cm or 0.0
        sign = "+" if delta >= 0 else "−"
        amount = f"{sign}{format_length(abs(delta), unit)}"
        margin = format_length(self.margin_cm, unit)
        judged = {Change.IMPROVED: f"a real gain (at least the {margin} margin)",
                  Change.WORSE: f"a real loss (at least the {margin} margin)",
                  Change.WITHIN_ERROR: f"inside the {margin} margin, so not a real change"}
        return (f"{amount} since {format_length(previous.value_cm, unit)}: "
                f"{verdict.label}, {judged[verdict]}")

    def measured_text(self, unit: Unit) -> str:
        """Who measured and how finely, and the margin that follows (one line)."""
        s = self.screening
        who = s.measured_by.label if s.measured_by is not None else "Who measured: not recorded"
        return (f"{who}, {resolution_words(s.resolution_cm)}. Margin of error "
                f"{format_length(s.margin_cm, unit)}: "
                f"{margin_words(s.measured_by, s.resolution_cm)}.")

    def how_the_checks_fit(self, unit: Unit) -> str:
        """One sentence that ties the training goal, the adult range and the fist screen.

        They come from different sources and answer different questions, so a result can
        be "restricted" for training and still usual for adults; this says so in words.
        A result near a cut-off says that it is borderline, never that the checks agree.
        """
        if self.value_cm is None:
            return "Not measured today, so nothing to compare."
        value = format_length(self.value_cm, unit)
        goal = format_length(NORMAL_LOW_CM, unit)
        adults = _AMONG_ADULTS[self.standing]
        decision = self.the_decision
        fist = self.screening.fist_passed
        if decision.borderline:
            return f"{value} is {adults}. {decision.reason}"
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


def asymmetry_advice(reports: list[SideReport], unit: Unit) -> tuple[str, bool]:
    """The left–right difference in words that agree with the plan; (text, flagged).

    Chisholm et al. 2012: 1.5 cm or more is beyond the error of the difference. The advice
    only asks to even out a gap when the plan works on the tighter side.
    """
    left, right = reports[0], reports[1]
    if left.value_cm is None or right.value_cm is None:
        return ("Difference between sides: not known, as one side was not measured today.",
                False)
    a = asymmetry(left.value_cm, right.value_cm)
    flag = format_length(ASYMMETRY_FLAG_CM, unit)
    gap = format_length(abs(a.difference_cm), unit)
    if not a.flagged:
        return (f"Difference between sides: {gap}. Under {flag}, so no real difference.",
                False)
    tighter = left if a.tighter_side == "left" else right
    decision = tighter.the_decision
    head = (f"Difference between sides: the {tighter.side.value} ankle reaches {gap} less, "
            f"more than the {flag} that measurement error explains.")
    if decision.needs_work and tighter.screening.limit is not Limit.NONE:
        return (f"{head} The plan's corrective drills go to the {tighter.side.value} ankle, "
                "which should even it out.", True)
    if decision.passed:
        return (f"{head} Both ankles reach the training goal, so the plan does not chase the "
                "gap: such a difference is not expected in healthy adults, nor ruled out "
                f"({ASYMMETRY_HEALTHY_SOURCE}). Look again at your next test.", True)
    return (f"{head} Nothing was felt at its limit, so the plan has no drill aimed at it: "
            "show the gap to your physio.", True)
