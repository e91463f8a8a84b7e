"""The clinician's patients dashboard: one row of figures per patient, and flags with their
reasons in words. Pure functions of a patient's stored records and the time now.

The rules reuse the ones the patient already sees: each result's margin of error (1.9 cm
for a clinician, more for self-measurement; core/assessment.py), the left–right flag at
1.5 cm, a real loss and the referral rule of about four weeks of corrective training with no
real change (core/referral.py), the safety check of the latest test (core/red_flags.py) and
the pain rules (core/pain_rules.py). "Done" sessions follow the Progress page's rule
(core/session_rules.py); planned is sessions per week × weeks.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from ankle_gui.core.assessment import CLINICIAN_MDC_CM, Asymmetry, Change, asymmetry, change
from ankle_gui.core.clinic import DEFAULT_RETEST_WEEKS
from ankle_gui.core.clock import from_utc_iso, local_display
from ankle_gui.core.pain_rules import latest_verdict
from ankle_gui.core.profile import Profile
from ankle_gui.core.records import (
    ANKLES,
    Measurement,
    MeasurementKind,
    Phase,
    Side,
    TrainingSession,
)
from ankle_gui.core.red_flags import findings, referrals
from ankle_gui.core.referral import concern_flag_text, session_pains, side_concerns
from ankle_gui.core.screening import ScreeningRecord
from ankle_gui.core.session_rules import counts_as_done, trained

DAYS_WITHOUT_SESSION = 7
PAIN_FLAG_AT = 5          # of 10
RECENT_PAIN_DAYS = 7      # any rating this recent counts, not only the last one


class FlagKind(StrEnum):
    SAFETY = "safety"
    LOSS = "loss"
    PAIN_RULE = "pain_rule"
    NO_SESSION = "no_session"
    PAIN = "pain"
    RETEST_DUE = "retest_due"
    REFER = "refer"

    @property
    def label(self) -> str:
        return {"safety": "See a clinician first", "loss": "Real loss",
                "pain_rule": "Pain rule broken", "no_session": "No session for a week",
                "pain": "Pain reported", "retest_due": "Retest due",
                "refer": "Refer"}[self.value]


@dataclass(frozen=True)
class Flag:
    kind: FlagKind
    reason: str


@dataclass(frozen=True)
class SideFigures:
    baseline_cm: float | None   # the first rested knee-to-wall result
    latest_cm: float | None     # the latest one (a warm post-session retest is not used)
    latest_at: str | None
    count: int = 0
    margin_cm: float = CLINICIAN_MDC_CM   # the larger of the two results' margins

    @property
    def change_cm(self) -> float | None:
        """Latest minus baseline; None until there are two results to compare."""
        if self.count < 2 or self.latest_cm is None or self.baseline_cm is None:
            return None
        return round(self.latest_cm - self.baseline_cm, 6)

    @property
    def verdict(self) -> Change | None:
        """Improved or worse only beyond the results' margin; None before a second result."""
        if self.change_cm is None or self.latest_cm is None or self.baseline_cm is None:
            return None
        return change(self.baseline_cm, self.latest_cm, self.margin_cm)


@dataclass(frozen=True)
class PatientRow:
    profile_id: int
    name: str
    last_visit: str | None            # latest session start or test, UTC ISO
    sides: dict[Side, SideFigures]
    asymmetry: Asymmetry | None       # of the latest results of both sides
    done_7: int
    planned_7: int | None
    done_28: int
    planned_28: int | None
    last_pain: int | None
    last_pain_at: str | None
    flags: tuple[Flag, ...]

    @property
    def flag_kinds(self) -> set[FlagKind]:
        return {f.kind for f in self.flags}


@dataclass(frozen=True)
class PatientRecords:
    """What the dashboard needs to know of one patient."""

    profile: Profile
    results: list[Measurement]
    sessions: list[TrainingSession]
    # Per ankle, the starts of sessions with a corrective drill done on it (core/referral.py).
    trained_sides: Mapping[Side, tuple[str, ...]]
    sessions_per_week: int | None      # the programme's, else the saved plan's
    retest_weeks: int = DEFAULT_RETEST_WEEKS
    # What each test stored besides its numbers: the safety answers (taken_at → record).
    screening_records: Mapping[str, ScreeningRecord] = field(
        default_factory=lambda: MappingProxyType({}))
    # Session id → its sets done (core/session_rules.py); read-only, like every record.
    sets_done: Mapping[int, int] = field(default_factory=lambda: MappingProxyType({}))

    def done(self, session: TrainingSession) -> bool:
        return counts_as_done(session.status, self.sets_done.get(session.id, 0))

    def trained(self, session: TrainingSession) -> bool:
        return trained(self.sets_done.get(session.id, 0))


def _rested(results: list[Measurement], side: Side) -> list[Measurement]:
    rows = [r for r in results if r.test is MeasurementKind.KNEE_TO_WALL and r.side is side
            and r.phase is not Phase.POST and r.value_cm is not None]
    return sorted(rows, key=lambda r: (r.taken_at, r.id or 0))


def side_figures(results: list[Measurement], side: Side) -> SideFigures:
    rows = _rested(results, side)
    if not rows:
        return SideFigures(None, None, None)
    return SideFigures(rows[0].value_cm, rows[-1].value_cm, rows[-1].taken_at, len(rows),
                       max(rows[0].margin_cm, rows[-1].margin_cm))


def _day(text: str) -> str:
    return local_display(text, with_time=False)


def _days(delta: timedelta) -> str:
    days = delta.days
    return f"{days} day{'s' if days != 1 else ''}"


def _done_since(records: PatientRecords, since: datetime) -> int:
    return sum(1 for s in records.sessions
               if records.done(s) and from_utc_iso(s.started_at) >= since)


def _no_session_flag(records: PatientRecords, now: datetime) -> Flag | None:
    if records.sessions_per_week is None:
        return None  # no programme: nothing to keep up with
    # A session whose every set was skipped is no training to keep up with.
    starts = [s.started_at for s in records.sessions if records.trained(s)]
    skipped = [s.started_at for s in records.sessions if not records.trained(s)
               and (not starts or s.started_at > max(starts))]
    also = (f" A session on {_day(max(skipped))} had no set done." if skipped else "")
    if starts:
        last = max(starts)
        quiet = now - from_utc_iso(last)
        if quiet >= timedelta(days=DAYS_WITHOUT_SESSION):
            return Flag(FlagKind.NO_SESSION, f"No session for {_days(quiet)} (the last was "
                                             f"on {_day(last)}).{also}")
        return None
    quiet = now - from_utc_iso(records.profile.created_at)
    if quiet >= timedelta(days=DAYS_WITHOUT_SESSION):
        return Flag(FlagKind.NO_SESSION,
                    f"No session yet, {_days(quiet)} after the profile was made.{also}")
    return None


def _pain_flag(sessions: list[TrainingSession], now: datetime) -> Flag | None:
    rated = sorted(((s.pain, s.started_at) for s in sessions if s.pain is not None),
                   key=lambda rating: rating[1])
    if not rated:
        return None
    recent_from = now - timedelta(days=RECENT_PAIN_DAYS)
    counted = [rated[-1]] + [r for r in rated if from_utc_iso(r[1]) >= recent_from]
    pain, started_at = max(counted)
    if pain < PAIN_FLAG_AT:
        return None
    return Flag(FlagKind.PAIN, f"Pain {pain}/10 reported after the session on "
                               f"{_day(started_at)}.")


def _retest_flag(records: PatientRecords, now: datetime) -> Flag | None:
    tests = [r.taken_at for r in records.results
             if r.test is MeasurementKind.KNEE_TO_WALL and r.phase is Phase.BASELINE]
    if not tests:
        return Flag(FlagKind.RETEST_DUE, "No knee-to-wall test yet.")
    last = max(tests)
    since = now - from_utc_iso(last)
    if since >= timedelta(weeks=records.retest_weeks):
        weeks = records.retest_weeks
        return Flag(FlagKind.RETEST_DUE,
                    f"Last full test on {_day(last)}, {_days(since)} ago; the programme asks "
                    f"for one every {weeks} week{'s' if weeks != 1 else ''}.")
    return None


def _concern_flags(records: PatientRecords) -> list[Flag]:
    unit = records.profile.unit
    return [Flag(FlagKind.LOSS if c.is_loss else FlagKind.REFER, concern_flag_text(c, unit))
            for c in side_concerns(records.results, records.trained_sides,
                                   session_pains(records.sessions))]


def _safety_flag(records: PatientRecords) -> Flag | None:
    """What the latest full test's safety check found, if it sent the patient to you."""
    tests = sorted({r.taken_at for r in records.results if r.phase is Phase.BASELINE}
                   | set(records.screening_records))
    if not tests or tests[-1] not in records.screening_records:
        return None
    latest = records.screening_records[tests[-1]]
    found = referrals(findings(latest.safety))
    if not found:
        return None
    parts = []
    for f in found:
        where = f.side_words()
        urgent = " (urgent: a doctor today)" if f.urgent else ""
        parts.append(f"{where + ': ' if where else ''}{f.title}{urgent}; held back: "
                     f"{f.what_is_held}.")
    return Flag(FlagKind.SAFETY, f"Test of {_day(tests[-1])}: " + " ".join(parts))


def _pain_rule_flag(records: PatientRecords, now: datetime) -> Flag | None:
    found = latest_verdict(records.sessions, now)
    if found is None:
        return None
    return Flag(FlagKind.PAIN_RULE, found.clinician_words())


def patient_row(records: PatientRecords, now: datetime) -> PatientRow:
    sides = {side: side_figures(records.results, side) for side in ANKLES}
    left, right = sides[Side.LEFT].latest_cm, sides[Side.RIGHT].latest_cm
    visits = [s.started_at for s in records.sessions] + [r.taken_at for r in records.results]
    rated = [s for s in records.sessions if s.pain is not None]
    last_rated = max(rated, key=lambda s: s.started_at) if rated else None
    per_week = records.sessions_per_week
    concerns = _concern_flags(records)
    # Most pressing first: safety, a real loss, the pain rules, then keeping up and referral.
    flags = [f for f in (_safety_flag(records),) if f is not None]
    flags += [f for f in concerns if f.kind is FlagKind.LOSS]
    flags += [f for f in (_pain_rule_flag(records, now), _no_session_flag(records, now),
                          _pain_flag(records.sessions, now), _retest_flag(records, now))
              if f is not None]
    flags += [f for f in concerns if f.kind is FlagKind.REFER]
    return PatientRow(
        profile_id=records.profile.id,
        name=records.profile.name,
        last_visit=max(visits) if visits else None,
        sides=sides,
        asymmetry=asymmetry(left, right) if left is not None and right is not None else None,
        done_7=_done_since(records, now - timedelta(days=7)),
        planned_7=per_week,
        done_28=_done_since(records, now - timedelta(days=28)),
        planned_28=per_week * 4 if per_week is not None else None,
        last_pain=last_rated.pain if last_rated else None,
        last_pain_at=last_rated.started_at if last_rated else None,
        flags=tuple(flags),
    )


# --- sorting --------------------------------------------------------------------------------

def _ratio(done: int, planned: int | None) -> float | None:
    return done / planned if planned else None


# Each column's value, None when the patient has none (those rows go last); the values of
# one column are all alike (str, float or int), so they compare with each other.
SORT_KEYS: dict[str, Callable[[PatientRow], Any]] = {
    "name": lambda r: r.name.casefold(),
    "last_visit": lambda r: r.last_visit,
    "left": lambda r: r.sides[Side.LEFT].latest_cm,
    "right": lambda r: r.sides[Side.RIGHT].latest_cm,
    "left_change": lambda r: r.sides[Side.LEFT].change_cm,
    "right_change": lambda r: r.sides[Side.RIGHT].change_cm,
    "asymmetry": lambda r: abs(r.asymmetry.difference_cm) if r.asymmetry else None,
    "week": lambda r: _ratio(r.done_7, r.planned_7),
    "four_weeks": lambda r: _ratio(r.done_28, r.planned_28),
    "pain": lambda r: r.last_pain,
    "flags": lambda r: len(r.flags),
}


def sort_rows(rows: list[PatientRow], key: str = "name",
              descending: bool = False) -> list[PatientRow]:
    """Rows sorted by one column; a patient with no figure there always comes last, and
    ties keep name order."""
    if key not in SORT_KEYS:
        raise KeyError(f"unknown column {key!r}; choose one of {', '.join(SORT_KEYS)}")
    by_name = sorted(rows, key=lambda r: (r.name.casefold(), r.profile_id))
    value = SORT_KEYS[key]
    known = [r for r in by_name if value(r) is not None]
    missing = [r for r in by_name if value(r) is None]
    return sorted(known, key=value, reverse=descending) + missing
