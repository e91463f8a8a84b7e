"""The clinician's patients dashboard, loaded from the store (figures in core/dashboard.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from types import MappingProxyType

from ankle_gui.core.clinic import DEFAULT_RETEST_WEEKS
from ankle_gui.core.clock import utc_now
from ankle_gui.core.dashboard import PatientRecords, PatientRow, patient_row, sort_rows
from ankle_gui.core.session_rules import trained
from ankle_gui.services.patient_access import Access, require
from ankle_gui.store import Store


def patient_records(store: Store, profile_id: int) -> PatientRecords:
    profile = store.profiles.get(profile_id)
    programme = store.clinic.programme(profile_id)
    saved_plan = store.plans.current(profile_id)
    per_week: int | None
    if programme is not None:
        per_week, retest = programme.sessions_per_week, programme.retest_weeks
    else:
        per_week = saved_plan[1] if saved_plan else None
        retest = DEFAULT_RETEST_WEEKS
    sessions = store.training.sessions(profile_id)
    sets_done = store.training.sets_done_per_session(profile_id)
    # As on the Test page: a session counts for the referral rule once a set was done.
    return PatientRecords(
        profile=profile,
        results=store.results.for_profile(profile_id),
        sessions=sessions,
        training_starts=[s.started_at for s in sessions if trained(sets_done.get(s.id, 0))],
        sessions_per_week=per_week,
        retest_weeks=retest,
        sets_done=MappingProxyType(sets_done),
    )


def dashboard(store: Store, access: Access, sort_by: str = "name", descending: bool = False,
              clock: Callable[[], datetime] = utc_now) -> list[PatientRow]:
    """One row per patient, for the clinician only (NotAllowed otherwise)."""
    require(access, access.permissions.can_view_dashboard, "see the patients dashboard")
    now = clock()
    rows = [patient_row(patient_records(store, p.id), now) for p in store.profiles.all()]
    return sort_rows(rows, sort_by, descending)
