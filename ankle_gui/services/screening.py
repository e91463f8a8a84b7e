"""Record a test: the results, the safety answers, the fist width and the plan they give, all
at once or not at all; and what the latest test says, for the Test page, the report and the
handout alike."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from ankle_gui.core.catalogue import Catalogue
from ankle_gui.core.clinician_advice import ClinicianAdvice, clinician_advice
from ankle_gui.core.clock import utc_now
from ankle_gui.core.pain_rules import PainVerdict, latest_verdict
from ankle_gui.core.prescription import Prescription, prescribe
from ankle_gui.core.profile import Profile
from ankle_gui.core.records import Measurement, Side
from ankle_gui.core.red_flags import Finding, findings
from ankle_gui.core.referral import SideConcern, session_pains, side_concerns, trained_sides
from ankle_gui.core.screening import (
    ScreenDecision,
    Screening,
    ScreeningRecord,
    decisions_over,
    screening_history,
)
from ankle_gui.core.session_rules import trained
from ankle_gui.store import Store


@dataclass(frozen=True)
class ScreeningEntry:
    """A complete, valid test as typed: ready to store."""

    screening: Screening
    fist_width_cm: float | None  # None: the fist screen was answered directly
    note: str


def record_test(store: Store, catalogue: Catalogue, profile: Profile,
                entry: ScreeningEntry) -> bool:
    """Store the test, its safety answers and the plan it gives; True if the profile's fist
    width changed. The plan keeps the last test's decision for a side whose result is
    borderline (core/screening.py).

    Raises WriteRefusedError, with nothing stored, if the database refuses any part.
    """
    taken_at = store.results.next_taken_at(profile.id)  # after any earlier test
    earlier = screening_history(store.results.for_profile(profile.id),
                                store.results.records(profile.id))
    decisions = decisions_over([*earlier, entry.screening], profile.unit)
    prescription = prescribe(entry.screening, catalogue, profile.unit, decisions)
    new_fist = entry.fist_width_cm is not None and entry.fist_width_cm != profile.fist_width_cm
    with store.transaction():
        if new_fist:
            store.profiles.set_fist_width(profile.id, entry.fist_width_cm)
        store.results.add(profile.id, entry.screening.to_results(taken_at, note=entry.note))
        store.results.add_record(profile.id, ScreeningRecord(
            taken_at, entry.screening.safety, entry.fist_width_cm))
        store.plans.save(profile.id, prescription.items)
    return new_fist


def training_days(store: Store, profile_id: int) -> list[str]:
    """When each session with at least one set done began."""
    sets_done = store.training.sets_done_per_session(profile_id)
    return [t.started_at for t in store.training.sessions(profile_id)
            if trained(sets_done.get(t.id, 0))]


def trained_by_side(store: Store, catalogue: Catalogue, profile_id: int) -> dict[Side, list[str]]:
    """Per ankle, when each session that trained it with a corrective drill began."""
    return trained_sides(store.training.sessions(profile_id),
                         store.training.sets_for_profile(profile_id), catalogue)


@dataclass(frozen=True)
class LatestTest:
    """What the latest full test says, with everything the page, report and handout show."""

    screening: Screening
    results: list[Measurement]
    decisions: dict[Side, ScreenDecision]
    prescription: Prescription
    findings: list[Finding]
    concerns: list[SideConcern]
    pain: PainVerdict | None
    advice: ClinicianAdvice | None


def latest_test(store: Store, catalogue: Catalogue, profile: Profile,
                clock: Callable[[], datetime] = utc_now) -> LatestTest | None:
    """The latest test of ``profile`` and what follows from it; None before any test."""
    results = store.results.for_profile(profile.id)
    history = screening_history(results, store.results.records(profile.id))
    if not history:
        return None
    screening = history[-1]
    decisions = decisions_over(history, profile.unit)
    prescription = prescribe(screening, catalogue, profile.unit, decisions)
    found = findings(screening.safety)
    sessions = store.training.sessions(profile.id)
    concerns = side_concerns(results, trained_by_side(store, catalogue, profile.id),
                             session_pains(sessions))
    pain = latest_verdict(sessions, clock())
    return LatestTest(screening, results, decisions, prescription, found, concerns, pain,
                      clinician_advice(found, concerns, pain, prescription.held, profile.unit))
