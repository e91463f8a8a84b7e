"""Red flags and contraindications, asked before every test: what rules a drill out, and why.

A "yes" sends the person to a clinician before the drills it concerns, in plain words, and
holds exactly those drills back from the plan. The answers are stored with the test
(``screening_answers``), and the clinician's dashboard flags them.

The seeds say little here: Risher ("2 Ankle Mobility Exercises using Resistance Bands") asks
anyone recovering from an injury to check with their doctor before new exercise. The other
rules come from the clinical literature named beside each one, or are the app's own
cautious choice where it says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, NamedTuple

from ankle_gui.core.catalogue import Drill, Purpose
from ankle_gui.core.records import ANKLES, Side

RISHER_INJURY = ("Risher, “2 Ankle Mobility Exercises using Resistance Bands” (check with a "
                 "doctor before new exercise after an injury)")
OTTAWA_SOURCE = "Stiell et al. 1992, the Ottawa ankle rules"
# Within ten days of the injury, as the Ottawa rules were tested (Stiell et al. 1992).
SPRAIN_DAYS = 10
FRESH_SPRAIN_SOURCE = ("Dubois & Esculier 2020, “Soft-tissue injuries simply need PEACE and "
                       "LOVE” (protect a fresh injury first)")
CLOT_SOURCE = "Wells et al. 1997; NICE guideline NG158 (2020), deep-vein thrombosis"
ACHILLES_SOURCE = ("Jonsson et al. 2008, insertional Achilles tendinopathy (calf loading "
                   "off a step edge provokes it)")
PRESSURE_SOURCE = "Batavia 2004, contraindications for therapeutic massage"
NEUROPATHY_SOURCE = ("app rule: the pain limits rely on feeling (IWGDF 2019, loss of "
                     "protective sensation)")
INFLAMMATORY_SOURCE = ("Hengeveld & Banks, “Maitland's Peripheral Manipulation” (2005): an "
                       "inflamed joint is not mobilised at end range")
UNABLE_SOURCE = f"app rule; {RISHER_INJURY}"
# Three months: a fracture or operation this recent is usually still under its surgeon's
# or physio's care (the app's cautious window).
RECENT_MONTHS = 3


class Question(NamedTuple):
    """One yes/no question of the safety check."""

    key: str
    words: str
    per_side: bool
    follows: str | None = None   # asked only after a "yes" to this question
    yes_is_good: bool = False    # "cleared for full weight?": yes is the reassuring answer


LEG_QUESTIONS = (
    Question("fracture", f"A broken bone, an operation, or a cast or walking boot on this leg "
                         f"in the last {RECENT_MONTHS} months?", True),
    Question("weight_cleared", "If so: has a doctor or physio said you may now put your full "
                               "weight on it?", True, follows="fracture", yes_is_good=True),
    Question("injured", f"Twisted or hurt this ankle in the last {SPRAIN_DAYS} days?", True),
    Question("ottawa", "If so: could you not take four steps on it, then or now? Or does it hurt "
                       "to press on the bony knob either side of the ankle, the bone on the "
                       "inner side of the midfoot, or the bone at the base of the little toe?",
             True, follows="injured"),
    Question("calf", "Is the calf of this leg painful, swollen, warm or red, with no reason "
                     "you know of?", True),
    Question("achilles", "Pain in the Achilles tendon, or where it meets the heel bone?", True),
)
HEALTH_QUESTIONS = (
    Question("blood_thinners", "Do you take a blood thinner (an anticoagulant such as warfarin, "
                               "apixaban or rivaroxaban)?", False),
    Question("neuropathy", "Diabetes, or numbness or less feeling than usual in your feet?",
             False),
    Question("inflammatory", "Rheumatoid or psoriatic arthritis, gout, or another inflammatory "
                             "joint disease?", False),
)
QUESTIONS = LEG_QUESTIONS + HEALTH_QUESTIONS
QUESTION_KEYS = frozenset(q.key for q in QUESTIONS)

# Drills that press hard on the calf or shin: bruising on a blood thinner, and pressure that
# reduced feeling cannot judge.
PRESSURE_DRILLS = frozenset({
    "trigger_point_rolling", "calf_rolling", "calf_rolling_ankle_circles", "shin_rolling",
    "massage_stick_calf", "hands_on_calf_release", "deep_flexor_release"})
# Drills that load the Achilles into a stretch off a step, or load the calf heavily.
ACHILLES_DRILLS = frozenset({
    "calf_raises_step", "calf_pyramid", "biphasic_stretch", "step_stretch",
    "eccentric_calf_raises"})


def answer_key(key: str, side: Side | None = None) -> str:
    """How one answer is stored: "calf.left", or "blood_thinners" for the whole person."""
    return f"{key}.{side.value}" if side is not None else key


@dataclass(frozen=True)
class SafetyAnswers:
    """The yes/no answers of one safety check, and the sides the test could not be done on."""

    answers: Mapping[str, bool] = field(default_factory=lambda: MappingProxyType({}))
    # Side → "unable" (the person could not do the test, or it hurt).
    unable: frozenset[Side] = frozenset()

    def get(self, key: str, side: Side | None = None) -> bool | None:
        return self.answers.get(answer_key(key, side))

    def yes(self, key: str, side: Side | None = None) -> bool:
        return self.get(key, side) is True

    def to_json(self) -> dict[str, Any]:
        return {"answers": dict(self.answers), "unable": sorted(s.value for s in self.unable)}

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> SafetyAnswers:
        answers = {str(k): bool(v) for k, v in (raw.get("answers") or {}).items()}
        unable = frozenset(Side(s) for s in raw.get("unable") or () if s in ("left", "right"))
        return cls(MappingProxyType(answers), unable)

    @classmethod
    def all_clear(cls) -> SafetyAnswers:
        """Every question answered "no" (a follow-up is not asked then)."""
        answers = {answer_key(q.key, side): False for q in QUESTIONS if q.follows is None
                   for side in (ANKLES if q.per_side else (None,))}
        return cls(MappingProxyType(answers))

    def missing(self) -> list[str]:
        """The answer keys still to give: every question, a follow-up only after its yes."""
        out = []
        for q in QUESTIONS:
            for side in (ANKLES if q.per_side else (None,)):
                if q.follows and not self.yes(q.follows, side):
                    continue
                if self.get(q.key, side) is None:
                    out.append(answer_key(q.key, side))
        return out


class Hold(NamedTuple):
    """Which drills a finding rules out: all of them, or those of some kinds."""

    everything: bool = False
    drill_ids: frozenset[str] = frozenset()
    purposes: frozenset[Purpose] = frozenset()

    def rules_out(self, drill: Drill) -> bool:
        return self.everything or drill.id in self.drill_ids or drill.purpose in self.purposes

    @property
    def any(self) -> bool:
        return self.everything or bool(self.drill_ids) or bool(self.purposes)


EVERYTHING = Hold(everything=True)
NOTHING = Hold()


@dataclass(frozen=True)
class Finding:
    """What one "yes" means: plain words, what it holds back, and its source."""

    key: str
    sides: tuple[Side, ...]    # the legs it concerns; both for the whole person
    title: str                 # "Possible blood clot in the calf"
    advice: str                # what to do, in plain words
    hold: Hold
    what_is_held: str          # the rule in words: "no rolling or hard pressure on the calf"
    source: str
    skip_test: bool = False    # the knee-to-wall is not done on these sides today
    urgent: bool = False       # see a doctor today, not only before the drills
    caution_only: bool = False  # a reminder, not a reason to see anyone first

    @property
    def whole_person(self) -> bool:
        return self.sides == ANKLES and self.key in {q.key for q in HEALTH_QUESTIONS}

    def side_words(self) -> str:
        if self.whole_person:
            return ""
        if self.sides == ANKLES:
            return "Both legs"
        return f"{self.sides[0].value.capitalize()} leg"

    def holds(self, drill: Drill, side: Side) -> bool:
        """True when this finding rules ``drill`` out on ``side`` (Side.BOTH: a drill done
        with both feet at once, which loads both legs)."""
        if not self.hold.rules_out(drill):
            return False
        if self.whole_person or self.urgent or side is Side.BOTH:
            return True   # a doctor today comes before any drill, on either leg
        return side in self.sides


def _sides(answers: SafetyAnswers, key: str, *, follow: str | None = None,
           follow_is: bool = True) -> tuple[Side, ...]:
    found = []
    for side in ANKLES:
        if not answers.yes(key, side):
            continue
        if follow is not None and answers.get(follow, side) is not follow_is:
            continue
        found.append(side)
    return tuple(found)


def findings(answers: SafetyAnswers) -> list[Finding]:
    """Every finding of one safety check, the most urgent first."""
    out: list[Finding] = []
    clot = _sides(answers, "calf")
    if clot:
        out.append(Finding(
            "calf_clot", clot, "Possible blood clot in the calf",
            "A calf that is painful, swollen, warm or red for no clear reason can be a clot in "
            "a deep vein. See a doctor today, before any exercise, and do not rub or roll it.",
            EVERYTHING, "every drill, until a doctor has seen the calf", CLOT_SOURCE,
            skip_test=True, urgent=True))
    ottawa = _sides(answers, "injured", follow="ottawa", follow_is=True)
    if ottawa:
        out.append(Finding(
            "ottawa", ottawa, "Sprain with signs of a possible fracture",
            "After a recent twist, not managing four steps or pain on pressing those bones can "
            "mean a broken bone. See a doctor first: an X-ray may be needed.",
            EVERYTHING, "every drill on this leg, and those done with both feet",
            OTTAWA_SOURCE, skip_test=True))
    fresh = tuple(s for s in _sides(answers, "injured") if s not in ottawa)
    if fresh:
        out.append(Finding(
            "fresh_sprain", fresh, f"Sprain in the last {SPRAIN_DAYS} days",
            "A fresh sprain needs protecting for its first days. Let a physio check it and say "
            "when to start; pushing it to the end of its range now can set it back.",
            EVERYTHING, "every drill on this leg, and those done with both feet",
            FRESH_SPRAIN_SOURCE, skip_test=True))
    not_cleared = _sides(answers, "fracture", follow="weight_cleared", follow_is=False)
    if not_cleared:
        out.append(Finding(
            "not_cleared", not_cleared, "Not yet cleared for full weight",
            "After a recent fracture, operation or cast, wait until your doctor or physio says "
            "the leg may take your full weight: every test and drill here puts weight on it.",
            EVERYTHING, "every drill on this leg, and those done with both feet",
            RISHER_INJURY, skip_test=True))
    achilles = _sides(answers, "achilles")
    if achilles:
        out.append(Finding(
            "achilles", achilles, "Achilles or heel-bone pain",
            "A sore Achilles tendon, or pain where it meets the heel, can flare when the heel "
            "drops off a step under load. Have a physio look at it and set the calf work.",
            Hold(drill_ids=ACHILLES_DRILLS),
            "calf raises and stretches off a step, and the heavier calf work", ACHILLES_SOURCE))
    if answers.yes("blood_thinners"):
        out.append(Finding(
            "blood_thinners", ANKLES, "Taking a blood thinner",
            "A blood thinner makes bruising easy. Ask your clinician how firmly you may roll or "
            "press on the calf before doing it.",
            Hold(drill_ids=PRESSURE_DRILLS), "rolling and hard pressure on the calf or shin",
            PRESSURE_SOURCE))
    if answers.yes("neuropathy"):
        out.append(Finding(
            "neuropathy", ANKLES, "Diabetes or less feeling in the feet",
            "With less feeling, pain may not warn you in time, and the app's pain limits rely "
            "on it. Let a clinician check your feet and set the pressure and stretch for you.",
            Hold(drill_ids=PRESSURE_DRILLS), "rolling and hard pressure on the calf or shin",
            NEUROPATHY_SOURCE))
    if answers.yes("inflammatory"):
        out.append(Finding(
            "inflammatory", ANKLES, "Inflammatory joint disease",
            "A joint affected by arthritis of this kind should not be pushed to the end of its "
            "range without your clinician's go-ahead, especially during a flare.",
            Hold(purposes=frozenset({Purpose.JOINT})), "the joint mobilisations and lunges",
            INFLAMMATORY_SOURCE))
    unable = tuple(s for s in ANKLES if s in answers.unable)
    if unable:
        out.append(Finding(
            "unable", unable, "The test could not be done, or it hurt",
            "If the knee-to-wall test is impossible or painful on this side, a clinician "
            "should find out why before you train it.",
            EVERYTHING, "every drill on this leg, and those done with both feet",
            UNABLE_SOURCE, skip_test=True))
    cleared = _sides(answers, "fracture", follow="weight_cleared", follow_is=True)
    if cleared:
        out.append(Finding(
            "cleared", cleared, "Back on full weight after a recent injury",
            "You have been cleared for full weight: start every drill at the low end of its "
            "dose and stop at any sharp pain.", NOTHING, "nothing", RISHER_INJURY,
            caution_only=True))
    return out


def referrals(found: Iterable[Finding]) -> list[Finding]:
    """The findings that send the person to a clinician first (not the reminders)."""
    return [f for f in found if not f.caution_only]


def untested_sides(found: Iterable[Finding]) -> frozenset[Side]:
    """The sides whose knee-to-wall is not done today."""
    return frozenset(s for f in found if f.skip_test for s in f.sides)


def held_by(found: Iterable[Finding], drill: Drill, side: Side) -> list[Finding]:
    """The findings that rule ``drill`` out on ``side`` (Side.BOTH: both feet at once)."""
    return [f for f in found if not f.caution_only and f.holds(drill, side)]
