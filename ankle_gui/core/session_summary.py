"""What a session added up to, per drill and per side, and what the quick retest showed."""

from __future__ import annotations

from dataclasses import dataclass

from ankle_gui.core.assessment import (
    CLINICIAN_MDC_CM,
    MDC_SOURCE,
    SELF_MARGIN_SOURCE,
    Change,
    Measurer,
    change,
    margin_cm,
)
from ankle_gui.core.catalogue import Catalogue
from ankle_gui.core.records import ANKLES, CompletedSet, SetOutcome, Side
from ankle_gui.core.steps import Step
from ankle_gui.core.units import Unit, format_length


@dataclass(frozen=True)
class Planned:
    """The work a plan asks of one drill on one side: its sets (rounds × parts) and targets."""

    sets: int = 0
    reps: int = 0
    seconds: float = 0.0


def planned_work(steps: list[Step]) -> dict[tuple[str, Side], Planned]:
    """Per drill and side, the sets the session's steps hold, done or not."""
    out: dict[tuple[str, Side], Planned] = {}
    for step in steps:
        if step.kind.is_work:
            was = out.get((step.drill_id, step.side), Planned())
            out[(step.drill_id, step.side)] = Planned(
                was.sets + 1, was.reps + (step.reps or 0), was.seconds + (step.seconds or 0))
    return out


@dataclass(frozen=True)
class DrillSideSummary:
    drill_id: str
    drill_name: str
    side: Side
    sets_completed: int
    sets_skipped: int
    stopped_for_pain: bool
    reps_done: int            # in the sets done (and the one stopped for pain), not skipped
    reps_target: int
    seconds_done: float
    seconds_target: float
    sets_planned: int = 0     # the plan's sets for this drill and side; 0: not known

    def amount_text(self) -> str:
        if not self.sets_completed and not self.stopped_for_pain:
            return "Skipped"   # a skipped set's few seconds were not the drill done
        parts = []
        if self.reps_target:
            parts.append(f"{self.reps_done} / {self.reps_target} reps")
        if self.seconds_target:
            parts.append(f"{_minutes(self.seconds_done)} / {_minutes(self.seconds_target)}")
        return " · ".join(parts)

    def outcome_text(self) -> str:
        stored = self.sets_completed + self.sets_skipped + (1 if self.stopped_for_pain else 0)
        total = max(self.sets_planned, stored)   # a stop leaves the rest of the plan unstored
        text = f"{self.sets_completed} of {total} set{'s' if total != 1 else ''} done"
        if self.sets_skipped:
            text += f", {self.sets_skipped} skipped"
        if self.stopped_for_pain:
            text += ", stopped for pain"
        return text


def _minutes(seconds: float) -> str:
    whole = int(round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def summarise(sets: list[CompletedSet], catalogue: Catalogue,
              planned: dict[tuple[str, Side], Planned] | None = None,
              ) -> list[DrillSideSummary]:
    """One line per drill and side, in the order they were first done. With ``planned``
    (from ``planned_work``), counts and targets are the plan's, not only what was stored."""
    order: list[tuple[str, Side]] = []
    groups: dict[tuple[str, Side], list[CompletedSet]] = {}
    for done in sorted(sets, key=lambda s: s.step_index):
        key = (done.drill_id, done.side)
        if key not in groups:
            order.append(key)
            groups[key] = []
        groups[key].append(done)
    out = []
    for drill_id, side in order:
        group = groups[(drill_id, side)]
        worked = [s for s in group if s.outcome is not SetOutcome.SKIPPED]
        plan = (planned or {}).get((drill_id, side))
        name = catalogue.get(drill_id).name if drill_id in catalogue else drill_id
        out.append(DrillSideSummary(
            drill_id=drill_id, drill_name=name, side=side,
            sets_completed=sum(s.outcome is SetOutcome.COMPLETED for s in group),
            sets_skipped=sum(s.outcome is SetOutcome.SKIPPED for s in group),
            stopped_for_pain=any(s.outcome is SetOutcome.PAIN for s in group),
            reps_done=sum(s.reps_done or 0 for s in worked),
            reps_target=plan.reps if plan else sum(s.reps_target or 0 for s in group),
            seconds_done=sum(s.seconds_done or 0 for s in worked),
            seconds_target=plan.seconds if plan else sum(s.seconds_target or 0 for s in group),
            sets_planned=plan.sets if plan else 0,
        ))
    return out


@dataclass(frozen=True)
class RetestLine:
    side: Side
    before_cm: float
    after_cm: float
    verdict: Change

    def text(self, unit: Unit) -> str:
        delta = self.after_cm - self.before_cm
        sign = "+" if delta >= 0 else "−"
        return (f"{self.side.label.capitalize()}: {format_length(self.before_cm, unit)} → "
                f"{format_length(self.after_cm, unit)} ({sign}{format_length(abs(delta), unit)})"
                f" · {self.verdict.label.lower()}")


# The quick test is taken by the person themselves, in no set steps (core/assessment.py).
QUICK_TEST_MARGIN_CM = margin_cm(Measurer.SELF, None)


def retest_lines(pre: dict[Side, float], post: dict[Side, float]) -> list[RetestLine]:
    """Before/after per ankle measured both times, judged against the margin for
    measuring yourself."""
    return [RetestLine(side, pre[side], post[side],
                       change(pre[side], post[side], QUICK_TEST_MARGIN_CM))
            for side in ANKLES if side in pre and side in post]


def retest_note(unit: Unit) -> str:
    return (f"A change smaller than {format_length(QUICK_TEST_MARGIN_CM, unit)} is within the "
            f"error of measuring yourself ({SELF_MARGIN_SOURCE}; {MDC_SOURCE} gives "
            f"{format_length(CLINICIAN_MDC_CM, unit)} for a clinician).")


NO_BEFORE = ("There was no test before this session, so there is nothing to compare these "
             "with. Take the quick test before the next one to see the change.")


def after_only_text(side: Side, after_cm: float, unit: Unit) -> str:
    """A retest with no test before it: just the distance, no change to claim."""
    return f"{side.label.capitalize()}: {format_length(after_cm, unit)}"
