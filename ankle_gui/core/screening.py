"""Screening: what one full test says about each ankle.

The test has four parts (knee-to-wall, fist-width screen, where the limit is felt, squat heel
test). This module turns the answers into a per-side result, and into the rows the store keeps.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ankle_gui.core.assessment import Category, category
from ankle_gui.core.records import ANKLES, Felt, Measurement, MeasurementKind, Phase, Side

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


@dataclass(frozen=True)
class SideScreening:
    """Everything one full test says about one ankle."""

    side: Side
    knee_to_wall_cm: float
    fist_passed: bool
    felt_straight: Felt
    felt_bent: Felt

    @property
    def limit(self) -> Limit:
        return limit_type(self.felt_straight, self.felt_bent)

    @property
    def category(self) -> Category:
        return category(self.knee_to_wall_cm)

    @property
    def screen_passed(self) -> bool:
        """Passes the screen: past the fist and not short of the 4-inch mark."""
        return self.fist_passed and self.category is not Category.RESTRICTED

    @property
    def needs_corrective_work(self) -> bool:
        return not self.screen_passed and self.limit is not Limit.NONE


@dataclass(frozen=True)
class Screening:
    """One full test, both sides."""

    left: SideScreening
    right: SideScreening
    squat_heels_down: bool
    taken_at: str = ""

    def side(self, side: Side) -> SideScreening:
        return self.left if side is Side.LEFT else self.right

    @property
    def sides(self) -> tuple[SideScreening, SideScreening]:
        return (self.left, self.right)

    def to_results(self, taken_at: str, phase: Phase = Phase.BASELINE,
                   note: str = "") -> list[Measurement]:
        """The rows the store keeps for this test (same shape as the demo history)."""
        rows: list[Measurement] = []
        for s in self.sides:
            rows.append(Measurement(MeasurementKind.KNEE_TO_WALL, s.side, taken_at,
                                   value_cm=round(s.knee_to_wall_cm, 2), phase=phase,
                                   note=note if s.side is Side.LEFT else ""))
            rows.append(Measurement(MeasurementKind.FIST_SCREEN, s.side, taken_at,
                                   result=PASS if s.fist_passed else FAIL, phase=phase))
            rows.append(Measurement(MeasurementKind.FELT_LIMIT, s.side, taken_at,
                                   result=s.limit.value, felt_straight=s.felt_straight,
                                   felt_bent=s.felt_bent, phase=phase))
        rows.append(Measurement(MeasurementKind.SQUAT_HEEL, Side.BOTH, taken_at,
                               result=YES if self.squat_heels_down else NO, phase=phase))
        return rows


def screening_from_results(results: list[Measurement]) -> Screening | None:
    """The latest complete test among stored results, or None when there is none."""
    by_time: dict[str, list[Measurement]] = {}
    for r in results:
        if r.phase is Phase.BASELINE:
            by_time.setdefault(r.taken_at, []).append(r)
    for taken_at in sorted(by_time, reverse=True):
        found = _screening_at(taken_at, by_time[taken_at])
        if found is not None:
            return found
    return None


def _screening_at(taken_at: str, rows: list[Measurement]) -> Screening | None:
    parts = {(r.test, r.side): r for r in rows}
    sides = []
    for side in ANKLES:
        ktw = parts.get((MeasurementKind.KNEE_TO_WALL, side))
        fist = parts.get((MeasurementKind.FIST_SCREEN, side))
        felt = parts.get((MeasurementKind.FELT_LIMIT, side))
        if ktw is None or ktw.value_cm is None or felt is None or felt.felt_straight is None \
                or felt.felt_bent is None:
            return None
        passed = (fist.result == PASS if fist is not None
                  else category(ktw.value_cm) is not Category.RESTRICTED)
        sides.append(SideScreening(side, ktw.value_cm, passed, felt.felt_straight,
                                   felt.felt_bent))
    squat = parts.get((MeasurementKind.SQUAT_HEEL, Side.BOTH))
    return Screening(sides[0], sides[1], squat is not None and squat.result == YES, taken_at)
