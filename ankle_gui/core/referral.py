"""When to suggest seeing a clinician: weeks of regular training and no real change.

Risher ("2 Ankle Mobility Exercises using Resistance Bands") advises a doctor or physio when a
few weeks of consistent work bring no change: the limit may be bone, which no drill can move.
"Improve your Ankle Mobility" (2019) names bony blocks as the third cause. Rusin's plan runs
3–4 weeks, so we look back about four weeks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from ankle_gui.core.assessment import SELF_MDC_CM, Category, Change, category, change
from ankle_gui.core.clock import from_utc_iso
from ankle_gui.core.records import ANKLES, Measurement, MeasurementKind, Phase, Side
from ankle_gui.core.units import Unit, format_length

WEEKS_WITHOUT_CHANGE = 4
# "Regular" training: on average at least two sessions a week over those weeks.
MIN_SESSIONS_PER_WEEK = 2
REFERRAL_SOURCE = ("Risher, “2 Ankle Mobility Exercises using Resistance Bands”; "
                   "“Improve your Ankle Mobility” (2019)")


@dataclass(frozen=True)
class StalledSide:
    side: Side
    before_cm: float
    after_cm: float
    since: str   # when the earlier measurement was taken (UTC ISO)
    until: str   # the latest measurement
    sessions: int

    @property
    def weeks(self) -> float:
        return (from_utc_iso(self.until) - from_utc_iso(self.since)).days / 7


def _rested(results: list[Measurement], side: Side) -> list[Measurement]:
    """Knee-to-wall numbers taken before any drills that day (a post-test flatters)."""
    rows = [r for r in results if r.test is MeasurementKind.KNEE_TO_WALL and r.side is side
            and r.phase is not Phase.POST and r.value_cm is not None]
    return sorted(rows, key=lambda r: r.taken_at)


def stalled_side(results: list[Measurement], session_starts: list[str],
                 side: Side) -> StalledSide | None:
    """This side, if ~4 weeks of regular training left it restricted and without real change."""
    rows = _rested(results, side)
    if len(rows) < 2:
        return None
    latest = rows[-1]
    cutoff = from_utc_iso(latest.taken_at) - timedelta(weeks=WEEKS_WITHOUT_CHANGE)
    earlier = [r for r in rows if from_utc_iso(r.taken_at) <= cutoff]
    if not earlier:
        return None  # not four weeks yet
    reference = earlier[-1]
    sessions = sum(1 for s in session_starts if reference.taken_at < s <= latest.taken_at)
    weeks = (from_utc_iso(latest.taken_at) - from_utc_iso(reference.taken_at)).days / 7
    if sessions < MIN_SESSIONS_PER_WEEK * weeks:
        return None  # not regular training: more practice comes before a referral
    before, now = reference.value_cm, latest.value_cm
    assert before is not None and now is not None  # _rested keeps only rows with a value
    if change(before, now) is Change.IMPROVED:
        return None
    if category(now) is not Category.RESTRICTED:
        return None  # nothing left to fix
    return StalledSide(side, before, now, reference.taken_at, latest.taken_at, sessions)


def stalled_sides(results: list[Measurement], session_starts: list[str]) -> list[StalledSide]:
    found = (stalled_side(results, session_starts, side) for side in ANKLES)
    return [s for s in found if s is not None]


def referral_text(stalled: StalledSide, unit: Unit = Unit.CM) -> str:
    return (f"{stalled.side.value.capitalize()}: {stalled.sessions} sessions over "
            f"{stalled.weeks:.0f} weeks, {format_length(stalled.before_cm, unit)} → "
            f"{format_length(stalled.after_cm, unit)}, less than the "
            f"{format_length(SELF_MDC_CM, unit)} a change must reach to be real. "
            "Please show this ankle to a physiotherapist or doctor: a bony block cannot be "
            "stretched or mobilized away, and only an examination can tell.")
