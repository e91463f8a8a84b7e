"""When the numbers say to see a clinician: a real loss, or weeks of training with no gain.

- **Stalled.** Risher ("2 Ankle Mobility Exercises using Resistance Bands") advises a doctor or
  physio when a few weeks of consistent work bring no change: the limit may be bone, which
  no drill can move. "Improve your Ankle Mobility" (2019) names bony blocks as the third
  cause. Rusin's plan runs 3–4 weeks, so we look back about four weeks, and count only the
  sessions that trained that side with corrective drills: a side that was never treated is
  never referred for not improving.
- **A real loss.** A drop at least as large as the margin of error (core/assessment.py) is
  a loss, said in its own words, whatever the training. Together with pain of 5/10 or more
  during the drills since then (the top of the acceptable zone in the pain-monitoring model,
  Silbernagel et al. 2007; the dashboard's pain flag uses the same figure), the advice is to
  pause the mobilisations and see the physio.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from ankle_gui.core.assessment import Category, Change, category, change
from ankle_gui.core.catalogue import Catalogue, Purpose
from ankle_gui.core.clock import from_utc_iso, local_display
from ankle_gui.core.records import (
    ANKLES,
    CompletedSet,
    Measurement,
    MeasurementKind,
    Phase,
    SetOutcome,
    Side,
    TrainingSession,
)
from ankle_gui.core.units import Unit, format_length

WEEKS_WITHOUT_CHANGE = 4
# "Regular" training: on average at least two sessions a week over those weeks.
MIN_SESSIONS_PER_WEEK = 2
REFERRAL_SOURCE = ("Risher, “2 Ankle Mobility Exercises using Resistance Bands”; "
                   "“Improve your Ankle Mobility” (2019)")
PAUSE_AT_PAIN = 5        # of 10, during the drills
LOSS_SOURCE = "Powden et al. 2015 (margin of error); Silbernagel et al. 2007 (pain above 5/10)"
CORRECTIVE = (Purpose.SOFT_TISSUE, Purpose.JOINT)


class Concern(StrEnum):
    LOSS = "loss"
    LOSS_WITH_PAIN = "loss_with_pain"
    STALLED = "stalled"


@dataclass(frozen=True)
class SideConcern:
    """One side whose numbers call for a clinician, and why."""

    kind: Concern
    side: Side
    before_cm: float
    after_cm: float
    since: str        # when the earlier result was taken (UTC ISO)
    until: str        # the latest result
    margin_cm: float
    sessions: int = 0          # sessions that trained this side in between
    worst_pain: int | None = None

    @property
    def weeks(self) -> float:
        return (from_utc_iso(self.until) - from_utc_iso(self.since)).days / 7

    @property
    def is_loss(self) -> bool:
        return self.kind is not Concern.STALLED


def _rested(results: list[Measurement], side: Side) -> list[Measurement]:
    """Knee-to-wall numbers taken before any drills that day (a post-test flatters)."""
    rows = [r for r in results if r.test is MeasurementKind.KNEE_TO_WALL and r.side is side
            and r.phase is not Phase.POST and r.value_cm is not None]
    return sorted(rows, key=lambda r: (r.taken_at, r.id or 0))


def trained_sides(sessions: Iterable[TrainingSession], sets: Iterable[CompletedSet],
                  catalogue: Catalogue) -> dict[Side, list[str]]:
    """Per ankle, the starts of the sessions in which a corrective drill (soft tissue or
    joint) was done on it; a drill done with both feet counts for both."""
    starts = {s.id: s.started_at for s in sessions}
    found: dict[Side, set[str]] = {side: set() for side in ANKLES}
    for done in sets:
        if done.outcome is not SetOutcome.COMPLETED or done.session_id not in starts:
            continue
        if done.drill_id not in catalogue or catalogue.get(done.drill_id).purpose \
                not in CORRECTIVE:
            continue
        for side in (ANKLES if done.side is Side.BOTH else (done.side,)):
            found[side].add(starts[done.session_id])
    return {side: sorted(found[side]) for side in ANKLES}


def _worst_pain(pains: Sequence[tuple[str, int]], since: str, until: str) -> int | None:
    rated = [pain for started, pain in pains if since < started <= until]
    return max(rated) if rated else None


def _loss(rows: list[Measurement], side: Side,
          pains: Sequence[tuple[str, int]]) -> SideConcern | None:
    """The latest result against the one before it and the one about four weeks before: the
    larger drop, if it is real."""
    latest = rows[-1]
    cutoff = from_utc_iso(latest.taken_at) - timedelta(weeks=WEEKS_WITHOUT_CHANGE)
    earlier = [r for r in rows[:-1] if from_utc_iso(r.taken_at) <= cutoff]
    candidates = [rows[-2]] + ([earlier[-1]] if earlier else [])
    worst: SideConcern | None = None
    for before in candidates:
        assert before.value_cm is not None and latest.value_cm is not None
        margin = max(before.margin_cm, latest.margin_cm)
        if change(before.value_cm, latest.value_cm, margin) is not Change.WORSE:
            continue
        pain = _worst_pain(pains, before.taken_at, latest.taken_at)
        kind = (Concern.LOSS_WITH_PAIN if pain is not None and pain >= PAUSE_AT_PAIN
                else Concern.LOSS)
        found = SideConcern(kind, side, before.value_cm, latest.value_cm, before.taken_at,
                            latest.taken_at, margin, worst_pain=pain)
        if worst is None or found.after_cm - found.before_cm < worst.after_cm - worst.before_cm:
            worst = found
    return worst


def _stalled(rows: list[Measurement], side: Side, trained: Sequence[str]) -> SideConcern | None:
    latest = rows[-1]
    cutoff = from_utc_iso(latest.taken_at) - timedelta(weeks=WEEKS_WITHOUT_CHANGE)
    earlier = [r for r in rows if from_utc_iso(r.taken_at) <= cutoff]
    if not earlier:
        return None  # not four weeks yet
    reference = earlier[-1]
    sessions = sum(1 for s in trained if reference.taken_at < s <= latest.taken_at)
    weeks = (from_utc_iso(latest.taken_at) - from_utc_iso(reference.taken_at)).days / 7
    if sessions == 0 or sessions < MIN_SESSIONS_PER_WEEK * weeks:
        return None  # untreated, or not regular: more practice comes before a referral
    before, now = reference.value_cm, latest.value_cm
    assert before is not None and now is not None  # _rested keeps only rows with a value
    margin = max(reference.margin_cm, latest.margin_cm)
    if change(before, now, margin) is not Change.WITHIN_ERROR:
        return None
    if category(now) is not Category.RESTRICTED:
        return None  # nothing left to fix
    return SideConcern(Concern.STALLED, side, before, now, reference.taken_at, latest.taken_at,
                       margin, sessions)


def side_concern(results: list[Measurement], trained: Sequence[str], side: Side,
                 pains: Sequence[tuple[str, int]] = ()) -> SideConcern | None:
    """This side's concern, if any: a real loss first, else ~4 weeks of regular corrective
    training that left it restricted and without real change."""
    rows = _rested(results, side)
    if len(rows) < 2:
        return None
    return _loss(rows, side, pains) or _stalled(rows, side, trained)


def side_concerns(results: list[Measurement], trained: Mapping[Side, Sequence[str]],
                  pains: Sequence[tuple[str, int]] = ()) -> list[SideConcern]:
    """``trained``: per side, the starts of sessions that trained it (``trained_sides``);
    ``pains``: (session start, pain during the drills) of rated sessions."""
    found = (side_concern(results, trained.get(side, ()), side, pains) for side in ANKLES)
    return [c for c in found if c is not None]


def session_pains(sessions: Iterable[TrainingSession]) -> list[tuple[str, int]]:
    return [(s.started_at, s.pain) for s in sessions if s.pain is not None]


def concern_text(c: SideConcern, unit: Unit = Unit.CM) -> str:
    """The patient's words for one concern (the Test page and the report)."""
    who = c.side.value.capitalize()
    before, after = format_length(c.before_cm, unit), format_length(c.after_cm, unit)
    margin = format_length(c.margin_cm, unit)
    day = local_display(c.since, with_time=False)
    if c.is_loss:
        drop = format_length(c.before_cm - c.after_cm, unit)
        text = (f"{who}: {before} on {day}, {after} now. That is {drop} less, at least the "
                f"{margin} this test can tell from error, so this ankle has really lost "
                "range.")
        if c.kind is Concern.LOSS_WITH_PAIN:
            return (f"{text} You also rated the pain during the drills {c.worst_pain}/10 since "
                    "then. Pause the mobilisations on this ankle and see your physio before "
                    "carrying on.")
        return (f"{text} First check you measured the same way (same wall, heel down, not "
                "straight after training). If your next test is as low, show this ankle to "
                "your physio.")
    return (f"{who}: {c.sessions} sessions trained this ankle over {c.weeks:.0f} weeks, and it "
            f"went from {before} to {after}: inside the {margin} this test can tell from "
            "error, so no real gain, and still short of the training goal. Please show this "
            "ankle to a physiotherapist or doctor: a bony block cannot be stretched or "
            "mobilized away, and only an examination can tell.")


def concern_flag_text(c: SideConcern, unit: Unit = Unit.CM) -> str:
    """The clinician's words for one concern (the dashboard)."""
    who = c.side.value.capitalize()
    span = (f"{format_length(c.before_cm, unit)} → {format_length(c.after_cm, unit)} "
            f"since {local_display(c.since, with_time=False)}")
    margin = format_length(c.margin_cm, unit)
    if c.is_loss:
        text = f"{who}: {span}, a loss of at least the {margin} margin."
        if c.kind is Concern.LOSS_WITH_PAIN:
            text += (f" Pain up to {c.worst_pain}/10 during the drills since; the patient was "
                     "told to pause the mobilisations and see you.")
        return text
    return (f"{who}: {c.sessions} sessions that trained this side over {c.weeks:.0f} weeks, "
            f"{span}, inside the {margin} margin and still restricted: refer for an "
            "examination (a bony block cannot be trained away).")
