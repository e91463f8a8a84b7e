"""Issue 22's table: designed cases run through the core rules end to end, each with the
verdict, the plan and the words a physio would expect.

Every case is one test: a safety check, both sides' results (and, where it matters, the test
before and the training in between), then what the app must decide and say. The rules are
in core/red_flags.py, core/screening.py, core/prescription.py, core/referral.py,
core/pain_rules.py and core/clinician_advice.py; each names its source there and in the
README's clinical section.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from ankle_gui.core.assessment import Measurer
from ankle_gui.core.clinician_advice import clinician_advice
from ankle_gui.core.clock import to_utc_iso
from ankle_gui.core.prescription import (
    JOINT_DRILLS,
    MAINTENANCE_DRILLS,
    SOFT_TISSUE_DRILLS,
    prescribe,
)
from ankle_gui.core.records import ANKLES, Felt, Side
from ankle_gui.core.red_flags import SafetyAnswers, answer_key, findings
from ankle_gui.core.referral import side_concerns
from ankle_gui.core.screening import Screening, SideScreening, decisions_over
from ankle_gui.core.units import Unit

B, F, N = Felt.BACK, Felt.FRONT, Felt.NONE
START = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)
TAPE, HALF = 0.1, 0.5
ALL = frozenset(SOFT_TISSUE_DRILLS + JOINT_DRILLS + MAINTENANCE_DRILLS)


@dataclass(frozen=True)
class Leg:
    """One side of a test: distance (None: not tested), fist passed, where it was felt."""

    cm: float | None
    fist: bool | None = None
    felt: tuple[Felt, Felt] = (N, N)
    fist_cm: float | None = None
    who: Measurer = Measurer.CLINICIAN
    resolution: float = TAPE

    def side(self, side: Side) -> SideScreening:
        fist = self.fist if self.fist is not None or self.cm is None else (
            self.cm >= (self.fist_cm or 10.16))
        return SideScreening(side, self.cm, fist, *self.felt, self.fist_cm,
                             self.who if self.cm is not None else None,
                             self.resolution if self.cm is not None else None)


@dataclass(frozen=True)
class Case:
    name: str
    left: Leg
    right: Leg
    yes: frozenset[str] = frozenset()             # safety answers that were "yes"
    unable: frozenset[Side] = frozenset()
    before: tuple[Leg, Leg] | None = None         # the test six weeks earlier
    trained: frozenset[Side] = frozenset(ANKLES)  # sides trained 3×/week in between
    pain: int | None = None                       # worst pain during the drills since
    # --- what must come out ----------------------------------------------------------------
    passed: tuple[bool, bool] | None = None       # each side's screen decision
    borderline: frozenset[Side] = frozenset()
    plan: dict[str, Side] | None = None           # drill → sides; None: not checked
    held: frozenset[str] = frozenset()
    heading: str | None = None                    # the see-a-clinician box; None: no box
    words: tuple[str, ...] = ()                   # said on the page (advice or summaries)
    not_words: tuple[str, ...] = ()


def _answers(case: Case) -> SafetyAnswers:
    answers = dict(SafetyAnswers.all_clear().answers)
    for key in case.yes:
        answers[key] = True
    # A follow-up is only asked after a yes; "weight_cleared" defaults to not cleared.
    for side in ANKLES:
        if answers.get(answer_key("fracture", side)):
            answers.setdefault(answer_key("weight_cleared", side), False)
        if answers.get(answer_key("injured", side)):
            answers.setdefault(answer_key("ottawa", side), False)
    return SafetyAnswers(answers, case.unable)


def _screening(left: Leg, right: Leg, when: float, safety: SafetyAnswers) -> Screening:
    return Screening(left.side(Side.LEFT), right.side(Side.RIGHT), False,
                     to_utc_iso(START + timedelta(days=when)), safety)


def run(case: Case):
    safety = _answers(case)
    now = _screening(case.left, case.right, 42, safety)
    history = ([_screening(*case.before, 0, SafetyAnswers.all_clear())]
               if case.before else []) + [now]
    decisions = decisions_over(history)
    plan = prescribe(now, _catalogue(), Unit.CM, decisions)
    results = [r for s in history for r in s.to_results(s.taken_at)]
    days = [to_utc_iso(START + timedelta(days=d + 0.5)) for d in range(1, 42, 2)]
    trained = {side: days if side in case.trained else [] for side in ANKLES}
    pains = [(days[-1], case.pain)] if case.pain is not None else []
    concerns = side_concerns(results, trained, pains)
    advice = clinician_advice(findings(safety), concerns, None, plan.held)
    return decisions, plan, advice


_CACHE: dict = {}


def _catalogue():
    if "c" not in _CACHE:
        from ankle_gui.core.catalogue import load_catalogue

        _CACHE["c"] = load_catalogue()
    return _CACHE["c"]


FREE = Leg(13.5, True)                      # clearly past the mark and the fist
JOINT = Leg(6.0, False, (F, F))             # clearly short, a pinch at the front
SOFT = Leg(6.5, False, (B, B))

CASES = [
    # --- red flags -----------------------------------------------------------------------
    Case("calf clot signs: a doctor today, every drill held back, the calf leg not tested",
         left=Leg(None), right=SOFT, yes=frozenset({"calf.left"}),
         plan={}, held=frozenset(SOFT_TISSUE_DRILLS + MAINTENANCE_DRILLS),
         heading="See a doctor today",
         words=("Left leg: Possible blood clot in the calf", "do not rub or roll it",
                "Held back until a clinician has seen you: Trigger-point calf rolling (right)")),
    Case("Ottawa rules positive: X-ray first, nothing on that leg or with both feet",
         left=Leg(None), right=JOINT, yes=frozenset({"injured.left", "ottawa.left"}),
         plan={d: Side.RIGHT for d in JOINT_DRILLS},
         held=frozenset(MAINTENANCE_DRILLS), heading="See a clinician first",
         words=("Sprain with signs of a possible fracture", "an X-ray may be needed",
                "Calf raises off a step")),
    Case("a fresh sprain without Ottawa signs: protect it, see a physio first",
         left=JOINT, right=Leg(None), yes=frozenset({"injured.right"}),
         plan={d: Side.LEFT for d in JOINT_DRILLS}, held=frozenset(MAINTENANCE_DRILLS),
         heading="See a clinician first", words=("Sprain in the last 10 days",)),
    Case("recent fracture, not cleared for full weight: nothing loads that leg",
         left=Leg(None), right=FREE, yes=frozenset({"fracture.left"}),
         plan={}, held=frozenset(MAINTENANCE_DRILLS), heading="See a clinician first",
         words=("Not yet cleared for full weight",)),
    Case("recent cast, cleared for full weight: a reminder, no referral, nothing held",
         left=JOINT, right=FREE, yes=frozenset({"fracture.left", "weight_cleared.left"}),
         plan={**{d: Side.LEFT for d in JOINT_DRILLS},
               **{d: Side.BOTH for d in MAINTENANCE_DRILLS}},
         heading=None),
    Case("Achilles pain: the calf work off a step is held back and named",
         left=SOFT, right=FREE, yes=frozenset({"achilles.left"}),
         plan={"trigger_point_rolling": Side.LEFT},
         held=frozenset({"biphasic_stretch", *MAINTENANCE_DRILLS}),
         heading="See a clinician first",
         words=("Achilles or heel-bone pain", "Bi-phasic calf stretch (left)",
                "Escalating calf pyramid")),
    Case("blood thinner: no rolling or hard pressure, the stretch stays",
         left=SOFT, right=FREE, yes=frozenset({"blood_thinners"}),
         plan={"biphasic_stretch": Side.LEFT, **{d: Side.BOTH for d in MAINTENANCE_DRILLS}},
         held=frozenset({"trigger_point_rolling"}), heading="See a clinician first",
         words=("Taking a blood thinner", "rolling and hard pressure on the calf or shin")),
    Case("diabetes or numb feet: pressure drills wait for a clinician",
         left=SOFT, right=SOFT, yes=frozenset({"neuropathy"}),
         plan={"biphasic_stretch": Side.BOTH, **{d: Side.BOTH for d in MAINTENANCE_DRILLS}},
         held=frozenset({"trigger_point_rolling"}), heading="See a clinician first",
         words=("Diabetes or less feeling in the feet",)),
    Case("inflammatory arthritis: no joint mobilisations, soft tissue and calf work stay",
         left=Leg(6.0, False, (B, F)), right=FREE, yes=frozenset({"inflammatory"}),
         plan={**{d: Side.LEFT for d in SOFT_TISSUE_DRILLS},
               **{d: Side.BOTH for d in MAINTENANCE_DRILLS}},
         held=frozenset(JOINT_DRILLS), heading="See a clinician first",
         words=("Inflammatory joint disease", "the joint mobilisations and lunges")),
    # --- unable, or painful ----------------------------------------------------------------
    Case("the test hurt on one side: no number, that side and the both-feet drills held",
         left=Leg(None), right=JOINT, unable=frozenset({Side.LEFT}),
         passed=(False, False), plan={d: Side.RIGHT for d in JOINT_DRILLS},
         held=frozenset(MAINTENANCE_DRILLS), heading="See a clinician first",
         words=("The test could not be done, or it hurt",
                "Left: not tested today → no drills for this side")),
    Case("neither side could be done: no plan at all, and the reason",
         left=Leg(None), right=Leg(None), unable=frozenset(ANKLES), plan={},
         held=frozenset(MAINTENANCE_DRILLS), heading="See a clinician first",
         words=("Both legs: The test could not be done, or it hurt",)),
    # --- borderline values inside the margin -------------------------------------------------
    Case("10.1 cm, first test: borderline, and the drills of what was felt",
         left=Leg(10.1, True, (F, F)), right=FREE, passed=(False, True),
         borderline=frozenset({Side.LEFT}),
         plan={**{d: Side.LEFT for d in JOINT_DRILLS},
               **{d: Side.BOTH for d in MAINTENANCE_DRILLS}},
         words=("Borderline: 10.1 cm is within 1.9 cm of the 10.2 cm mark",)),
    Case("10.2 cm, first test: the same plan as 10.1 cm",
         left=Leg(10.2, True, (F, F)), right=FREE, passed=(False, True),
         borderline=frozenset({Side.LEFT}),
         plan={**{d: Side.LEFT for d in JOINT_DRILLS},
               **{d: Side.BOTH for d in MAINTENANCE_DRILLS}},
         words=("Borderline: 10.2 cm",)),
    Case("9.0 → 10.5 cm: inside the error, the corrective plan is kept",
         left=Leg(10.5, True, (F, F)), right=FREE, before=(Leg(9.0, False, (F, F)), FREE),
         passed=(False, True), borderline=frozenset({Side.LEFT}),
         plan={**{d: Side.LEFT for d in JOINT_DRILLS},
               **{d: Side.BOTH for d in MAINTENANCE_DRILLS}},
         words=("Your last test needed work, so the plan keeps the drills",),
         not_words=("All three checks agree",)),
    Case("12.3 → 11.0 cm after a passing test: borderline, maintenance kept",
         left=Leg(11.0, True, (B, B)), right=FREE, before=(Leg(12.3, True), FREE),
         trained=frozenset(), passed=(True, True), borderline=frozenset({Side.LEFT}),
         plan={d: Side.BOTH for d in MAINTENANCE_DRILLS},
         words=("Your last test passed, so the plan stays as it was",)),
    Case("self-measured in 0.5 cm steps: a 3.0 cm margin, so 12.5 cm is still borderline",
         left=Leg(12.5, True, (B, N), who=Measurer.SELF, resolution=HALF), right=FREE,
         passed=(False, True), borderline=frozenset({Side.LEFT}),
         plan={**{d: Side.LEFT for d in SOFT_TISSUE_DRILLS},
               **{d: Side.BOTH for d in MAINTENANCE_DRILLS}},
         words=("within 3.0 cm of the 10.2 cm mark",)),
    # --- a real loss, with and without pain -----------------------------------------------
    Case("9.0 → 7.0 cm: a real loss in its own words",
         left=Leg(7.0, False, (F, F)), right=FREE, before=(Leg(9.0, False, (F, F)), FREE),
         heading="Time to see a clinician",
         words=("2.0 cm less", "really lost range", "If your next test is as low"),
         not_words=("less than the 1.9 cm", "Pause the mobilisations")),
    Case("9.0 → 7.0 cm with pain 6/10: pause the mobilisations and see the physio",
         left=Leg(7.0, False, (F, F)), right=FREE, before=(Leg(9.0, False, (F, F)), FREE),
         pain=6, heading="Pause and see your physio",
         words=("Pause the mobilisations on this ankle and see your physio",
                "6/10")),
    Case("9.0 → 7.2 cm with pain 6/10: inside the margin, no loss to speak of",
         left=Leg(7.2, False, (F, F)), right=FREE, before=(Leg(9.0, False, (F, F)), FREE),
         trained=frozenset(), pain=6, heading=None),
    # --- an untreated side -------------------------------------------------------------------
    Case("right 10.0 → 10.0 cm, never treated: not referred; the treated left is",
         left=Leg(6.2, False, (F, F)), right=Leg(10.0, True, (N, N)),
         before=(Leg(6.0, False, (F, F)), Leg(10.0, True, (N, N))),
         trained=frozenset({Side.LEFT}), borderline=frozenset({Side.RIGHT}),
         heading="Time to see a clinician",
         words=("Left: 21 sessions trained this ankle",),
         not_words=("Right: 21 sessions", "Right: 10.0 cm on")),
    Case("both sides untreated and stuck: nobody is referred for not improving",
         left=Leg(6.2, False, (N, N)), right=Leg(6.0, False, (N, N)),
         before=(Leg(6.0, False, (N, N)), Leg(6.0, False, (N, N))), trained=frozenset(),
         plan={d: Side.BOTH for d in MAINTENANCE_DRILLS}, heading=None),
    # --- Rusin's fist screen passed under 10.16 cm ----------------------------------------------
    Case("a small fist passed at 7.5 cm: the stricter mark decides, and the page says so",
         left=Leg(7.5, True, (F, F), fist_cm=5.0), right=FREE, passed=(False, True),
         plan={**{d: Side.LEFT for d in JOINT_DRILLS},
               **{d: Side.BOTH for d in MAINTENANCE_DRILLS}},
         words=("Your knee gets past your fist (Rusin's screen), but 7.5 cm is short of the "
                "10.2 cm mark", "stricter of the two checks")),
    Case("a woman's 8.9 cm fist passed at 9.5 cm: borderline on both, said in words",
         left=Leg(9.5, True, (B, B), fist_cm=8.89), right=FREE, passed=(False, True),
         borderline=frozenset({Side.LEFT}),
         plan={**{d: Side.LEFT for d in SOFT_TISSUE_DRILLS},
               **{d: Side.BOTH for d in MAINTENANCE_DRILLS}},
         words=("within 1.9 cm of the 10.2 cm mark and your fist (8.9 cm)",)),
    # --- and the plain cases, for contrast -------------------------------------------------------
    Case("both clear, nothing flagged: maintenance only, no box",
         left=FREE, right=Leg(14.0, True), passed=(True, True),
         plan={d: Side.BOTH for d in MAINTENANCE_DRILLS}, heading=None,
         words=("Left: 13.5 cm, passes the screen → maintenance only",)),
]


def test_the_table_covers_what_issue_22_asks():
    assert len(CASES) >= 20
    names = " ".join(c.name for c in CASES)
    for topic in ("clot", "Ottawa", "fracture", "Achilles", "blood thinner", "diabetes",
                  "arthritis", "hurt", "borderline", "real loss", "pain 6/10",
                  "never treated", "fist passed"):
        assert topic in names, topic


@pytest.mark.parametrize("case", CASES, ids=[c.name[:60] for c in CASES])
def test_case(case: Case):
    decisions, plan, advice = run(case)
    said = " ".join([*plan.summary_lines(), *(d.reason for d in decisions.values()),
                     *((advice.heading, *advice.lines) if advice else ())])
    if case.passed is not None:
        assert (decisions[Side.LEFT].passed, decisions[Side.RIGHT].passed) == case.passed
    assert {s for s, d in decisions.items() if d.borderline} == case.borderline
    if case.plan is not None:
        assert {i.drill_id: i.sides for i in plan.items} == case.plan
    assert {h.drill_id for h in plan.held} == set(case.held)
    assert not {i.drill_id for i in plan.items} & set(case.held)   # held means not planned
    if case.heading is None:
        assert advice is None or all(f.caution_only for f in findings(_answers(case)))
        assert advice is None
    else:
        assert advice is not None and advice.heading == case.heading
    for words in case.words:
        assert words in said, words
    for words in case.not_words:
        assert words not in said, words
