"""A believable ten-week history, so a first look at the app shows a lived-in profile.

Deterministic (seeded), so screenshots and tests see the same numbers every time.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from ankle_gui.core.assessment import TAPE_CM, Measurer
from ankle_gui.core.clock import to_utc_iso
from ankle_gui.core.plan import PlanItem
from ankle_gui.core.records import (
    CompletedSet,
    Felt,
    Measurement,
    MeasurementKind,
    Phase,
    Side,
)

DEMO_NAME = "Demo – Alex"
WEEKS = 10
SESSIONS_PER_WEEK = 3

DEMO_PLAN = [
    PlanItem("banded_mob_front", Side.LEFT, {"reps": 12, "rounds": 2, "rep_hold_s": 2,
                                             "rest_s": 30},
             "Left: pinch at the front, knee straight and bent → joint"),
    PlanItem("ankle_3way_mob", Side.LEFT, {"per_direction": 15, "rounds": 1, "rest_s": 30},
             "Left: joint restriction"),
    PlanItem("biphasic_stretch", Side.RIGHT, {"oscillation_s": 40, "hold_s": 90, "rounds": 1},
             "Right: stretch at the back, knee straight and bent → soft tissue"),
    PlanItem("calf_raises_step", Side.BOTH, {"reps": 15, "rounds": 3, "rest_s": 45},
             "Everyone: keep the calves strong"),
]


@dataclass
class DemoSession:
    started_at: str
    ended_at: str
    sets: list[CompletedSet] = field(default_factory=list)
    results: list[Measurement] = field(default_factory=list)


@dataclass
class DemoHistory:
    baseline: list[Measurement]
    sessions: list[DemoSession]
    retests: list[Measurement]


def _full_test(when: str, left_cm: float, right_cm: float, phase: Phase,
               fist_cm: float, note: str = "") -> list[Measurement]:
    out = []
    for side, value, felt in ((Side.LEFT, left_cm, Felt.FRONT), (Side.RIGHT, right_cm, Felt.BACK)):
        # Alex measures at home, with a tape near the limit (a 2.5 cm margin).
        out.append(Measurement(MeasurementKind.KNEE_TO_WALL, side, when, round(value, 1),
                               phase=phase, note=note if side is Side.LEFT else "",
                               measured_by=Measurer.SELF, resolution_cm=TAPE_CM))
        out.append(Measurement(MeasurementKind.FIST_SCREEN, side, when,
                              result="pass" if value >= fist_cm else "fail", phase=phase))
        out.append(Measurement(MeasurementKind.FELT_LIMIT, side, when, felt_straight=felt,
                              felt_bent=felt if value < fist_cm else Felt.NONE,
                              result="joint" if felt is Felt.FRONT else "soft_tissue",
                              phase=phase))
    out.append(Measurement(MeasurementKind.SQUAT_HEEL, Side.BOTH, when,
                          result="yes" if min(left_cm, right_cm) >= fist_cm else "no",
                          phase=phase))
    return out


def _sets_for(item: PlanItem, start: datetime, first_index: int) -> tuple[list[CompletedSet],
                                                                           datetime]:
    sides = [Side.LEFT, Side.RIGHT] if item.sides is Side.BOTH else [item.sides]
    if item.drill_id == "calf_raises_step":
        sides = [Side.BOTH]
    sets, t, index = [], start, first_index
    for side in sides:
        for rnd in range(1, item.dose.get("rounds", 1) + 1):
            if "reps" in item.dose:
                seconds, reps = item.dose["reps"] * 4.0, item.dose["reps"]
            elif "per_direction" in item.dose:
                seconds, reps = item.dose["per_direction"] * 3 * 2.0, item.dose["per_direction"] * 3
            else:
                seconds, reps = float(item.dose["oscillation_s"] + item.dose["hold_s"]), None
            end = t + timedelta(seconds=seconds)
            sets.append(CompletedSet(index, item.drill_id, side, rnd, to_utc_iso(t),
                                     to_utc_iso(end), reps_done=reps, reps_target=reps,
                                     seconds_done=seconds if reps is None else None,
                                     seconds_target=seconds if reps is None else None))
            index += 1
            t = end + timedelta(seconds=item.dose.get("rest_s", 30))
    return sets, t


def demo_history(today: datetime, fist_cm: float = 10.0, seed: int = 7) -> DemoHistory:
    """Ten weeks ending ``today`` (a timezone-aware local time)."""
    rng = random.Random(seed)
    start = (today - timedelta(weeks=WEEKS)).replace(hour=18, minute=0, second=0, microsecond=0)
    baseline = _full_test(to_utc_iso(start), 6.0, 9.4, Phase.BASELINE, fist_cm,
                          note="First test; left ankle feels blocked at the front")
    sessions: list[DemoSession] = []
    left, right = 6.2, 9.5
    for week in range(WEEKS):
        for slot, weekday in enumerate((0, 2, 5)[:SESSIONS_PER_WEEK]):
            if rng.random() < 0.15 and week not in (0, WEEKS - 1):
                continue  # a missed session, as happens in real life
            day = start + timedelta(days=week * 7 + weekday + 1, minutes=rng.randint(-40, 40))
            if day >= today:
                break
            left = min(12.5, left + rng.uniform(0.05, 0.35))
            right = min(12.8, right + rng.uniform(0.0, 0.18))
            pre_left, pre_right = left + rng.gauss(0, 0.4), right + rng.gauss(0, 0.4)
            t = day + timedelta(minutes=3)
            session = DemoSession(to_utc_iso(day), to_utc_iso(day))
            index = 0
            for item in DEMO_PLAN:
                sets, t = _sets_for(item, t, index)
                session.sets.extend(sets)
                index += len(sets)
            session.ended_at = to_utc_iso(t)
            if slot == 0:  # a quick pre/post test once a week
                session.results = [
                    Measurement(MeasurementKind.KNEE_TO_WALL, Side.LEFT, to_utc_iso(day),
                               round(pre_left, 1), phase=Phase.PRE, measured_by=Measurer.SELF),
                    Measurement(MeasurementKind.KNEE_TO_WALL, Side.RIGHT, to_utc_iso(day),
                               round(pre_right, 1), phase=Phase.PRE, measured_by=Measurer.SELF),
                    Measurement(MeasurementKind.KNEE_TO_WALL, Side.LEFT, to_utc_iso(t),
                               round(pre_left + rng.uniform(0.3, 1.0), 1), phase=Phase.POST,
                               measured_by=Measurer.SELF),
                    Measurement(MeasurementKind.KNEE_TO_WALL, Side.RIGHT, to_utc_iso(t),
                               round(pre_right + rng.uniform(0.0, 0.6), 1), phase=Phase.POST,
                               measured_by=Measurer.SELF),
                ]
            sessions.append(session)
    retest_day = start + timedelta(weeks=WEEKS, hours=-1)
    # An hour before now on the clock, not on the wall: in a spring-forward night the
    # wall's "an hour ago" can be now itself.
    an_hour_ago = today.astimezone(UTC) - timedelta(hours=1)
    retests = _full_test(to_utc_iso(min(retest_day, an_hour_ago)),
                         round(left, 1), round(right, 1), Phase.BASELINE, fist_cm,
                         note="Ten-week retest")
    return DemoHistory(baseline, sessions, retests)
