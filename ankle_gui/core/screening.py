"""Screening: what one full test says about each ankle.

The test has a safety check (core/red_flags.py) and four parts (knee-to-wall, fist-width
screen, where the limit is felt, squat heel test). This module turns the answers into a
per-side result, decides whether a side needs corrective work, and gives the rows the store
keeps.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from ankle_gui.core.assessment import (
    CUTOFF_SOURCE,
    NORMAL_LOW_CM,
    Category,
    Measurer,
    category,
    margin_cm,
    near_cut_off,
)
from ankle_gui.core.records import ANKLES, Felt, Measurement, MeasurementKind, Phase, Side
from ankle_gui.core.red_flags import SafetyAnswers, findings, untested_sides
from ankle_gui.core.units import Unit, format_length

# Rusin, "Fix Your Ankle Mobility In Five Minutes": a stretch at the back of the leg in both
# knee positions means soft tissue, a block at the front in both means the joint, a mix means
# both. Risher and "Improve your Ankle Mobility" read the back and front the same way.
LIMIT_SOURCE = ("Rusin, “Fix Your Ankle Mobility In Five Minutes”; Risher, “2 Ankle Mobility "
                "Exercises using Resistance Bands”; “Improve your Ankle Mobility” (2019)")
FIST_SOURCE = "Rusin, “Fix Your Ankle Mobility In Five Minutes”"
SQUAT_SOURCE = "Risher, “2 Ankle Mobility Exercises using Resistance Bands”"

PASS, FAIL = "pass", "fail"
YES, NO = "yes", "no"


class Limit(StrEnum):
    """What holds the ankle back, from where the limit is felt."""

    SOFT_TISSUE = "soft_tissue"
    JOINT = "joint"
    BOTH = "both"
    NONE = "none"

    @property
    def label(self) -> str:
        return {
            "soft_tissue": "soft-tissue restriction",
            "joint": "joint restriction",
            "both": "soft-tissue and joint restriction",
            "none": "no restriction felt",
        }[self.value]


def limit_type(straight: Felt, bent: Felt) -> Limit:
    """Combine the two knee positions into one finding.

    Back in both → soft tissue; front in both → joint; back in one and front in the other →
    both. When one position stops nothing, the other position decides on its own: a stretch
    at the back with only the knee straight still points at the calf, a pinch at the front
    with only the knee bent still points at the joint.
    """
    felt = {straight, bent} - {Felt.NONE}
    if felt == {Felt.BACK}:
        return Limit.SOFT_TISSUE
    if felt == {Felt.FRONT}:
        return Limit.JOINT
    if felt == {Felt.BACK, Felt.FRONT}:
        return Limit.BOTH
    return Limit.NONE


def felt_words(straight: Felt, bent: Felt) -> str:
    """Where the limit was felt, as a patient would say it."""
    place = {Felt.BACK: "stretch at the back", Felt.FRONT: "pinch at the front"}
    if straight is bent:
        if straight is Felt.NONE:
            return "nothing felt with the knee straight or bent"
        return f"{place[straight]} with the knee straight and bent"
    parts = []
    for felt, position in ((straight, "knee straight"), (bent, "knee bent")):
        parts.append(f"{place[felt]} with the {position}" if felt is not Felt.NONE
                     else f"nothing with the {position}")
    return ", ".join(parts)


def fist_screen(knee_to_wall_cm: float | None, fist_width_cm: float | None,
               answered: bool | None = None) -> bool | None:
    """Rusin's screen: the knee passes a fist's width beyond the toes.

    Worked out from the knee-to-wall distance when both numbers are known; otherwise the
    user's own answer (done with their fist at the wall) is the result. None: not known.
    """
    if knee_to_wall_cm is not None and fist_width_cm is not None:
        return knee_to_wall_cm >= fist_width_cm
    return answered


# --- does a side need corrective work? ----------------------------------------------------------
# The plan gives corrective drills to a side that fails either check: short of the 4-inch mark
# (Risher; "Improve your Ankle Mobility") or short of the fist (Rusin). The stricter one
# decides, and the page says which. A result closer to a cut-off than its margin of error
# (core/assessment.py) cannot say which side of it it is on: the plan of the last test is
# kept, so 10.1 and 10.2 cm, or 9.0 then 10.5 cm, never flip a plan. With no earlier test,
# such a result keeps the corrective drills that match what was felt (the cautious choice:
# a retest settles it).

class Check(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    NEAR = "near"     # inside the margin of the cut-off


@dataclass(frozen=True)
class ScreenDecision:
    """Whether one side passes the screen, how sure that is, and which rule decided."""

    side: Side
    passed: bool
    borderline: bool = False
    kept_previous: bool = False
    untested: bool = False
    reason: str = ""          # plain words: which rule decided, and why

    @property
    def needs_work(self) -> bool:
        return not self.passed and not self.untested


def _check(value_cm: float, cut_off_cm: float, margin: float) -> Check:
    if near_cut_off(value_cm, cut_off_cm, margin):
        return Check.NEAR
    return Check.PASS if value_cm >= cut_off_cm else Check.FAIL


@dataclass(frozen=True)
class SideScreening:
    """Everything one full test says about one ankle."""

    side: Side
    knee_to_wall_cm: float | None      # None: not tested (could not be done, hurt, or unsafe)
    fist_passed: bool | None
    felt_straight: Felt = Felt.NONE
    felt_bent: Felt = Felt.NONE
    fist_width_cm: float | None = None   # the fist the screen was worked out from, if any
    measured_by: Measurer | None = None
    resolution_cm: float | None = None

    @property
    def tested(self) -> bool:
        return self.knee_to_wall_cm is not None

    @property
    def limit(self) -> Limit:
        return limit_type(self.felt_straight, self.felt_bent)

    @property
    def category(self) -> Category | None:
        return category(self.knee_to_wall_cm) if self.knee_to_wall_cm is not None else None

    @property
    def margin_cm(self) -> float:
        return margin_cm(self.measured_by, self.resolution_cm)

    def decide(self, previous: ScreenDecision | None = None,
               unit: Unit = Unit.CM) -> ScreenDecision:
        """Pass or fail, with the reason in words; ``previous`` is the last test's decision
        for this side, kept when this result sits inside the margin of a cut-off."""
        value = self.knee_to_wall_cm
        if value is None:
            return ScreenDecision(self.side, False, untested=True,
                                  reason="Not tested today, so no plan for this side yet.")
        margin = self.margin_cm
        mark = _check(value, NORMAL_LOW_CM, margin)
        if self.fist_width_cm is not None:
            fist = _check(value, self.fist_width_cm, margin)
        elif self.fist_passed is None:
            fist = Check.NEAR
        else:
            fist = Check.PASS if self.fist_passed else Check.FAIL
        words = _Words(format_length(value, unit), format_length(NORMAL_LOW_CM, unit),
                       format_length(margin, unit),
                       format_length(self.fist_width_cm, unit) if self.fist_width_cm else "")
        if Check.FAIL in (mark, fist):
            return ScreenDecision(self.side, False, reason=words.failed(mark, fist))
        if mark is Check.PASS and fist is Check.PASS:
            return ScreenDecision(self.side, True, reason=words.passed())
        if previous is not None and not previous.untested:
            return ScreenDecision(self.side, previous.passed, borderline=True,
                                  kept_previous=True,
                                  reason=words.near(mark, fist, kept=previous.passed))
        return ScreenDecision(self.side, False, borderline=True,
                              reason=words.near(mark, fist, kept=None))

    @property
    def screen_passed(self) -> bool:
        """Passes the screen on this test alone (no earlier test to lean on)."""
        return self.decide().passed

    @property
    def needs_corrective_work(self) -> bool:
        return needs_corrective_work(self, self.decide())


def needs_corrective_work(s: SideScreening, decision: ScreenDecision) -> bool:
    return decision.needs_work and s.limit is not Limit.NONE


@dataclass(frozen=True)
class _Words:
    """The reasons a decision gives, in the person's unit."""

    value: str
    mark: str
    margin: str
    fist: str

    def _fist_name(self) -> str:
        return f"your fist ({self.fist})" if self.fist else "your fist"

    def failed(self, mark: Check, fist: Check) -> str:
        if mark is Check.FAIL and fist is Check.FAIL:
            return (f"{self.value} is short of the {self.mark} mark and your knee does not "
                    f"get past {self._fist_name()}: both checks say this side needs work.")
        if mark is Check.FAIL:
            passes = ("gets past your fist (Rusin's screen)" if fist is Check.PASS
                      else "is about level with your fist")
            return (f"Your knee {passes}, but {self.value} is short of the {self.mark} mark "
                    f"that the training sources call normal ({CUTOFF_SOURCE}). The plan "
                    "follows the stricter of the two checks, so this side gets the drills "
                    "that match what you felt.")
        return (f"{self.value} reaches the {self.mark} mark, but your knee does not get past "
                f"{self._fist_name()}, Rusin's screen sized to your own hand. The plan follows "
                "the stricter of the two checks, so this side gets the drills that match what "
                "you felt.")

    def passed(self) -> str:
        return (f"{self.value} is past the {self.mark} mark and your knee gets past your "
                "fist: no corrective drills needed, only the calf work that keeps the range.")

    def near(self, mark: Check, fist: Check, kept: bool | None) -> str:
        near = []
        if mark is Check.NEAR:
            near.append(f"the {self.mark} mark")
        if fist is Check.NEAR:
            near.append(f"{self._fist_name()}" if self.fist else "your fist")
        what = " and ".join(near)
        text = (f"Borderline: {self.value} is within {self.margin} of {what}, closer than "
                "this test can tell apart.")
        if kept is True:
            return text + (" Your last test passed, so the plan stays as it was: maintenance "
                           "only.")
        if kept is False:
            return text + (" Your last test needed work, so the plan keeps the drills that "
                           "match what you felt.")
        return text + (" With no earlier test to go by, the plan keeps the drills that match "
                       "what you felt; your next test will settle it.")


@dataclass(frozen=True)
class Screening:
    """One full test, both sides."""

    left: SideScreening
    right: SideScreening
    squat_heels_down: bool | None      # None: not done (not safe on weight today)
    taken_at: str = ""
    safety: SafetyAnswers = field(default_factory=SafetyAnswers)

    def side(self, side: Side) -> SideScreening:
        return self.left if side is Side.LEFT else self.right

    @property
    def sides(self) -> tuple[SideScreening, SideScreening]:
        return (self.left, self.right)

    def to_results(self, taken_at: str, phase: Phase = Phase.BASELINE,
                   note: str = "") -> list[Measurement]:
        """The rows the store keeps for this test (same shape as the demo history). A side
        not tested has no rows; the safety answers say why (``answers_record``)."""
        rows: list[Measurement] = []
        for s in self.sides:
            if s.knee_to_wall_cm is None:
                continue
            rows.append(Measurement(MeasurementKind.KNEE_TO_WALL, s.side, taken_at,
                                    value_cm=round(s.knee_to_wall_cm, 2), phase=phase,
                                    note=note if s.side is Side.LEFT else "",
                                    resolution_cm=s.resolution_cm, measured_by=s.measured_by))
            if s.fist_passed is not None:
                rows.append(Measurement(MeasurementKind.FIST_SCREEN, s.side, taken_at,
                                        result=PASS if s.fist_passed else FAIL, phase=phase))
            rows.append(Measurement(MeasurementKind.FELT_LIMIT, s.side, taken_at,
                                    result=s.limit.value, felt_straight=s.felt_straight,
                                    felt_bent=s.felt_bent, phase=phase))
        if self.squat_heels_down is not None:
            rows.append(Measurement(MeasurementKind.SQUAT_HEEL, Side.BOTH, taken_at,
                                    result=YES if self.squat_heels_down else NO, phase=phase))
        return rows


@dataclass(frozen=True)
class ScreeningRecord:
    """What a test stores besides its measurements: the safety answers, the sides that
    could not be tested, and the fist width the screen was worked out from."""

    taken_at: str
    safety: SafetyAnswers
    fist_width_cm: float | None = None


def screening_history(results: list[Measurement],
                      records: Mapping[str, ScreeningRecord] | None = None) -> list[Screening]:
    """Every complete test among stored results, oldest first."""
    records = records or {}
    by_time: dict[str, list[Measurement]] = {}
    for r in results:
        if r.phase is Phase.BASELINE:
            by_time.setdefault(r.taken_at, []).append(r)
    for taken_at in records:   # a test where neither side could be measured has no rows
        by_time.setdefault(taken_at, [])
    found = (_screening_at(t, by_time[t], records.get(t)) for t in sorted(by_time))
    return [s for s in found if s is not None]


def screening_from_results(results: list[Measurement],
                           records: Mapping[str, ScreeningRecord] | None = None,
                           ) -> Screening | None:
    """The latest complete test among stored results, or None when there is none."""
    history = screening_history(results, records)
    return history[-1] if history else None


def decisions_over(history: list[Screening], unit: Unit = Unit.CM) -> dict[Side, ScreenDecision]:
    """The latest test's decision per side, each test in turn keeping the one before it
    when its result sits inside the margin of a cut-off."""
    previous: dict[Side, ScreenDecision] = {}
    for screening in history:
        previous = {s.side: s.decide(previous.get(s.side), unit) for s in screening.sides}
    return previous


def _screening_at(taken_at: str, rows: list[Measurement],
                  record: ScreeningRecord | None) -> Screening | None:
    parts = {(r.test, r.side): r for r in rows}
    safety = record.safety if record is not None else SafetyAnswers()
    untested = untested_sides(findings(safety))
    sides = []
    for side in ANKLES:
        ktw = parts.get((MeasurementKind.KNEE_TO_WALL, side))
        fist = parts.get((MeasurementKind.FIST_SCREEN, side))
        felt = parts.get((MeasurementKind.FELT_LIMIT, side))
        if ktw is None or ktw.value_cm is None:
            if side not in untested:
                return None
            sides.append(SideScreening(side, None, None))
            continue
        if felt is None or felt.felt_straight is None or felt.felt_bent is None:
            return None
        passed = (fist.result == PASS if fist is not None
                  else category(ktw.value_cm) is not Category.RESTRICTED)
        fist_width = record.fist_width_cm if record is not None else None
        sides.append(SideScreening(side, ktw.value_cm, passed, felt.felt_straight,
                                   felt.felt_bent, fist_width, ktw.measured_by,
                                   ktw.resolution_cm))
    squat = parts.get((MeasurementKind.SQUAT_HEEL, Side.BOTH))
    heels = None if squat is None else squat.result == YES
    if squat is None and record is None:
        heels = False   # older tests: a missing squat row read as heels lifting
    return Screening(sides[0], sides[1], heels, taken_at, safety)
